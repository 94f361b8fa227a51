"""Time glutecoach as a whole process against the yardstick, interleaved, and print per-pair ratios.

Usage (from a checkout, with glutecoach installed in the running Python's environment):

    python benchmarks/bench.py [--runs 15] [--warmup 3] [--quick] [--only NAME] [--sizes 1000,10000,50000] [--paint]

Each command runs A B A B ... against `python benchmarks/yardstick.py` (a minimal typer app printing a
10-row rich table); the figure is the median of the per-pair ratios A/B, with min and max. Large
inputs (user catalogues of 1,000, 10,000 and 50,000 exercises cloned from the built-in one) are
generated into a temporary folder; nothing large is committed. GLUTECOACH_HOME points at a temporary
folder, so the user's own data and cache are never touched. Output goes to a pipe without colour (what a
script sees); --paint measures a colour terminal instead (FORCE_COLOR=1), where glutecoach loads rich.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0,):
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss


def pair(a: list[str], b: list[str], env: dict[str, str], runs: int, warmup: int, before=None) -> dict[str, float]:
    for _ in range(warmup):
        if before:
            before()
        run_once(a, env)
        run_once(b, env)
    ratios, ta, tb, ma, mb = [], [], [], [], []
    for _ in range(runs):
        if before:
            before()
        x, mx = run_once(a, env)
        y, my = run_once(b, env)
        ratios.append(x / y)
        ta.append(x)
        tb.append(y)
        ma.append(mx)
        mb.append(my)
    return {
        "median": statistics.median(ratios),
        "min": min(ratios),
        "max": max(ratios),
        "a_ms": statistics.median(ta) * 1000,
        "b_ms": statistics.median(tb) * 1000,
        "mem_ratio": statistics.median(ma) / statistics.median(mb),
    }


def in_child(function: str, *args: str) -> None:
    """Run one of this script's generators in a separate process.

    A child's peak RSS counts the process it was started from (Linux records the old memory's high
    water mark when a vfork()ed child calls exec), so this process must stay small: the large
    catalogues and the log are made elsewhere and never loaded here."""
    subprocess.run([PY, str(Path(__file__).resolve()), f"--make-{function}", *args], check=True)


def clone_catalogue(n: int, folder: Path) -> Path:
    """A user catalogue of n exercises cloned from the built-in one with new slugs."""
    import yaml

    from glutecoach.store import paths

    data = yaml.load((paths.builtin_data_dir() / "exercises.yaml").read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    base = data["exercises"]
    out = []
    for i in range(n):
        ex = dict(base[i % len(base)])
        ex["slug"] = f"{ex['slug']}-v{i}"
        ex["name"] = f"{ex['name']} (variant {i})"
        ex["family"] = f"{ex['family']}-v{i // len(base)}"
        ex["aliases"] = []
        ex["progressions"] = []
        ex["regressions"] = []
        out.append(ex)
    path = folder / f"catalogue-{n}.yaml"
    path.write_text(
        yaml.dump({"schema_version": 1, "exercises": out}, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False)
    )
    return path


def fill_log(home: Path, n: int) -> None:
    """A training log of n entries (three sets each) spread over ten years, written directly.

    27 entries a day is far denser than any real log (four sessions of four exercises a week would
    take 120 years to reach 100,000); the figure tests that commands read only what they show."""
    import datetime as dt

    os.environ["GLUTECOACH_HOME"] = str(home)
    from glutecoach.core.models import Entry, SetRow
    from glutecoach.store import log

    slugs = ["hip-thrust", "glute-bridge", "bulgarian-split-squat", "clamshell", "step-up", "romanian-deadlift"]
    start = dt.date(2016, 1, 1)
    with log.connect() as conn, log.transaction(conn):
        for i in range(n):
            e = Entry(
                None,
                (start + dt.timedelta(days=i * 3650 // n)).isoformat(),
                slugs[i % len(slugs)],
                tuple(SetRow(10, 40.0 + i % 50) for _ in range(3)),
                "kg",
                7,
                None,
                2,
                None,
            )
            log._insert(conn, e)


def yaml_parse_seconds(path: Path) -> float:
    code = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([PY, "-c", code, str(path)], check=True)
        times.append(time.perf_counter() - start)
    return min(times)


COMMANDS = {
    "recommend --goal upper-glutes": ["recommend", "--goal", "upper-glutes"],
    "recommend --goal upper-glutes -f json": ["recommend", "--goal", "upper-glutes", "--format", "json"],
    "exercises --muscle upper-glutes": ["exercises", "--muscle", "upper-glutes"],
    "exercises --muscle upper-glutes -f json": ["exercises", "--muscle", "upper-glutes", "--format", "json"],
    "show hip-thrust": ["show", "hip-thrust"],
    "show hip-thrust -f json": ["show", "hip-thrust", "--format", "json"],
    "plan --level beginner": ["plan", "--level", "beginner"],
    "plan --level beginner -f json": ["plan", "--level", "beginner", "--format", "json"],
    "muscles": ["muscles"],
    "--help": ["--help"],
}


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="skip the large-catalogue figures")
    ap.add_argument("--only", help="run only commands whose name contains this")
    ap.add_argument("--sizes", default="1000,10000,50000", help="user catalogue sizes (comma list)")
    ap.add_argument(
        "--paint",
        action="store_true",
        help="FORCE_COLOR=1 for both programs: the cost on a colour terminal, where glutecoach loads rich to paint "
        "(by default the output goes to a pipe without colour, where it does not)",
    )
    ap.add_argument("--make-catalogue", nargs=2, metavar=("N", "FOLDER"), help=argparse.SUPPRESS)
    ap.add_argument("--make-log", nargs=2, metavar=("HOME", "N"), help=argparse.SUPPRESS)
    return ap.parse_args()


def main() -> None:
    args = parse_args()
    if args.make_catalogue:
        clone_catalogue(int(args.make_catalogue[0]), Path(args.make_catalogue[1]))
        return
    if args.make_log:
        fill_log(Path(args.make_log[0]), int(args.make_log[1]))
        return

    exe = shutil.which("glutecoach", path=str(Path(PY).parent)) or shutil.which("glutecoach")
    if not exe:
        raise SystemExit("glutecoach is not installed in this environment: pip install . first")
    tmp = Path(tempfile.mkdtemp(prefix="glutecoach-bench-"))
    env = {**os.environ, "GLUTECOACH_HOME": str(tmp / "home"), "COLUMNS": "80", "NO_COLOR": "1"}
    if args.paint:
        env = {**env, "FORCE_COLOR": "1"}
        env.pop("NO_COLOR")
    yard = [PY, str(HERE / "yardstick.py")]
    gc = [exe]
    print_machine(args)
    print(f"{'command':45} {'median':>7} {'min':>6} {'max':>6} {'ms':>7} {'yard ms':>8} {'mem':>5}")
    for name, argv in COMMANDS.items():
        if args.only and args.only not in name:
            continue
        print_row(name, pair(gc + argv, yard, env, args.runs, args.warmup))
    if not args.only or "completion" in args.only:
        completion_figures(args, gc, yard, env)
    if not args.only or "log" in args.only:
        log_figures(args, gc, yard, env, tmp)
    if args.quick:
        return
    catalogue_figures(args, gc, yard, env, tmp)
    shutil.rmtree(tmp, ignore_errors=True)


def print_machine(args: argparse.Namespace) -> None:
    """What the figures were measured on, and how many runs each is."""
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, {platform.system()}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        print(f"typer {version('typer')}")  # read, not imported: this process stays small (see in_child)
    except PackageNotFoundError:
        pass
    print(f"runs: {args.runs} counted pairs after {args.warmup} warm-up pairs; ratio = glutecoach / yardstick")
    painted = "a colour terminal (FORCE_COLOR=1): both load rich to paint"
    print(f"output: {painted if args.paint else 'a pipe, no colour: glutecoach does not load rich'}\n")


def print_row(name: str, r: dict[str, float]) -> None:
    """One command's line: the ratio's median, min and max, both times in ms and the memory ratio."""
    print(f"{name:45} {r['median']:7.2f} {r['min']:6.2f} {r['max']:6.2f} {r['a_ms']:7.0f} {r['b_ms']:8.0f} {r['mem_ratio']:5.2f}")


def completion_figures(args: argparse.Namespace, gc: list[str], yard: list[str], env: dict[str, str]) -> None:
    """Shell completion (bash) against the yardstick."""
    comp_env = {**env, "_GLUTECOACH_COMPLETE": "complete_bash", "COMP_WORDS": "glutecoach recommend --go", "COMP_CWORD": "2"}
    ratios = []
    for i in range(args.runs + args.warmup):
        x, _ = run_once(gc, comp_env)
        y, _ = run_once(yard, env)
        if i >= args.warmup:
            ratios.append(x / y)
    print(f"{'shell completion (bash)':45} {statistics.median(ratios):7.2f} {min(ratios):6.2f} {max(ratios):6.2f}")


def log_figures(args: argparse.Namespace, gc: list[str], yard: list[str], env: dict[str, str], tmp: Path) -> None:
    """The log commands over a training log of 100,000 entries."""
    print("\ntraining log of 100,000 entries")
    log_home = tmp / "loghome"
    in_child("log", str(log_home), "100000")
    log_env = {**env, "GLUTECOACH_HOME": str(log_home)}
    for name, argv in {
        "log list --limit 20": ["log", "list", "--limit", "20"],
        "log add": ["log", "add", "hip-thrust", "--sets", "3", "--reps", "10", "--load", "60", "--date", "2026-01-01"],
        "progress": ["progress", "--date", "2026-02-01"],
        "plan next": ["plan", "next", "--date", "2026-02-01"],
    }.items():
        print_row(name, pair(gc + argv, yard, log_env, args.runs, args.warmup))


def catalogue_figures(args: argparse.Namespace, gc: list[str], yard: list[str], env: dict[str, str], tmp: Path) -> None:
    """recommend with large user catalogues, warm (cached) and cold (the file just changed), and how the time grows."""
    print("\nuser catalogues (--catalogue FILE), recommend --goal upper-glutes")
    times: dict[int, tuple[float, float]] = {}  # exercises -> (warm ms, cold ms)
    for n in (int(x) for x in args.sizes.split(",")):
        in_child("catalogue", str(n), str(tmp))
        path = tmp / f"catalogue-{n}.yaml"
        print(f"{n:>6} exercises: {path.stat().st_size / 1e6:.1f} MB")
        argv = gc + ["recommend", "--goal", "upper-glutes", "--catalogue", str(path)]
        warm = pair(argv, yard, env, args.runs, 1)
        print_row(f"{n:>6} exercises, warm (cached)", warm)
        edits = iter(range(10**6))

        def touch(path: Path = path) -> None:
            # "Just changed": a new comment line, so the file's bytes (and hash) differ on every
            # run while the built-in files stay cached, as they would for a user editing a file.
            with path.open("a") as f:
                f.write(f"# edit {next(edits)}\n")

        cold = pair(argv, yard, env, max(5, args.runs // 3), 0, before=touch)
        parse = yaml_parse_seconds(path)
        budget = parse * 1000 + 1.3 * cold["b_ms"]
        verdict = "within" if cold["a_ms"] <= budget else "OVER"
        print(
            f"{'':8}cold (file changed): {cold['a_ms']:.0f} ms; budget = pyyaml C parse {parse * 1000:.0f} ms"
            f" + 1.3 x yardstick {cold['b_ms']:.0f} ms = {budget:.0f} ms ({verdict})"
        )
        times[n] = (warm["a_ms"], cold["a_ms"])
    sizes = sorted(times)
    if len(sizes) > 1:
        # Linear growth means about the same cost per extra exercise from one size to the next.
        print("growth, ms per 1,000 more exercises (close to equal steps = linear):")
        for a, b in zip(sizes, sizes[1:]):
            per = [(times[b][k] - times[a][k]) / (b - a) * 1000 for k in (0, 1)]
            print(f"{'':8}{a:>6} -> {b:<6} warm {per[0]:6.1f}  cold {per[1]:7.0f}")


if __name__ == "__main__":
    main()
