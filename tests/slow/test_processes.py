"""The log under real processes: several writers at once lose nothing, and a process killed in the middle
of an import leaves the log exactly as it was (one transaction). Deterministic: the kill comes from inside
the import after a fixed number of inserts, never from a timer."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from glutecoach.core.models import Entry, SetRow
from glutecoach.store import log


def _add_many(home: str, worker: int, n: int) -> None:
    os.environ["GLUTECOACH_HOME"] = home
    with log.connect() as conn:
        for i in range(n):
            log.add(conn, Entry(None, "2026-01-01", "hip-thrust", (SetRow(10, float(worker * 1000 + i)),), "kg"))


def test_four_processes_adding_at_once_lose_nothing(isolated_home: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_add_many, args=(str(isolated_home), w, 250)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with log.connect() as conn:
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 1000
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM sets").fetchone()[0] == 1000


KILLED_IMPORT = textwrap.dedent(
    """
    import os, signal
    from glutecoach.core.models import Entry, SetRow
    from glutecoach.store import log

    real_insert, done = log._insert, [0]

    def insert_then_die(conn, entry):
        done[0] += 1
        if done[0] == 3000:  # well inside the import's one transaction
            os.kill(os.getpid(), signal.SIGKILL)
        return real_insert(conn, entry)

    log._insert = insert_then_die
    entries = [Entry(None, "2025-01-%02d" % (1 + i % 28), "hip-thrust", (SetRow(10, float(i)),), "kg", note=str(i)) for i in range(6000)]
    with log.connect() as conn:
        log.add_many(conn, entries)
    """
)


def test_a_killed_import_saves_all_or_nothing(isolated_home: Path) -> None:
    with log.connect() as conn:
        log.add(conn, Entry(None, "2026-01-01", "clamshell", (SetRow(10, None),), "kg"))
    env = {**os.environ, "GLUTECOACH_HOME": str(isolated_home)}
    proc = subprocess.run([sys.executable, "-c", KILLED_IMPORT], env=env, capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    with log.connect() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [r[0] for r in conn.execute("SELECT slug FROM entries")] == ["clamshell"]  # nothing of the import


def _run(args: list[str], home: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GLUTECOACH_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "glutecoach", *args], env=env, text=True, timeout=120, **kw)  # type: ignore[call-overload]


def test_a_closed_or_full_output_ends_quietly_with_exit_2(isolated_home: Path) -> None:
    closed = _run(["goals"], isolated_home, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, pass_fds=())
    assert closed.returncode == 0  # an open sink is fine
    shut = subprocess.run(
        f'"{sys.executable}" -m glutecoach goals >&-',
        shell=True,
        env={**os.environ, "GLUTECOACH_HOME": str(isolated_home)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shut.returncode == 2 and "standard output is closed" in shut.stderr and "Traceback" not in shut.stderr
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            result = _run(["exercises", "--format", "json"], isolated_home, stdout=full, stderr=subprocess.PIPE)
        assert result.returncode == 2 and "cannot write the output" in result.stderr and "Traceback" not in result.stderr


def test_four_profile_sets_of_different_fields_at_once_keep_all_four(isolated_home: Path) -> None:
    """Reliability turn 3 N6: each run read the file, changed one field and wrote it all back."""
    changes = [["--level", "advanced"], ["--goal", "strength"], ["--units", "lb"], ["--equipment", "band"]]
    for trial in range(3):
        home = isolated_home / f"trial{trial}"
        env = {**os.environ, "GLUTECOACH_HOME": str(home)}
        assert _run(["profile", "set", "--level", "beginner"], home, capture_output=True).returncode == 0
        profile = home / "config" / "profile.json"
        profile.write_text(profile.read_text().rstrip()[:-1] + ', "from_a_newer_version": [1, 2]}\n')
        procs = [
            subprocess.Popen([sys.executable, "-m", "glutecoach", "profile", "set", *c], env=env, stdout=subprocess.DEVNULL)
            for c in changes
        ]
        assert [p.wait(120) for p in procs] == [0, 0, 0, 0]
        import json

        saved = json.loads(profile.read_text())
        assert (saved["level"], saved["goal"], saved["units"], saved["equipment"]) == ("advanced", "strength", "lb", ["band"]), saved
        assert saved["from_a_newer_version"] == [1, 2]


def test_four_save_maps_of_different_names_at_once_keep_all_four(isolated_home: Path, tmp_path: Path) -> None:
    import json

    csv_file = tmp_path / "strong.csv"
    csv_file.write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
        "2026-03-01 10:00:00,W,1h,Hip Thrust (Barbell),1,60,10,,,,,8\n"
    )
    env = {**os.environ, "GLUTECOACH_HOME": str(isolated_home)}
    procs = []
    for i in range(4):
        mapping = tmp_path / f"map{i}.json"
        mapping.write_text(json.dumps({f"Tracker name {i}": "hip-thrust"}))
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "glutecoach", "log", "import", str(csv_file), "--map", str(mapping), "--save-map"],
                env=env,
                stdout=subprocess.DEVNULL,
            )
        )
    assert [p.wait(120) for p in procs] == [0, 0, 0, 0]
    saved = json.loads((isolated_home / "config" / "import-map.json").read_text())
    assert sorted(saved) == [f"Tracker name {i}" for i in range(4)]


def test_dash_o_dev_stdout_writes_to_the_redirected_file(isolated_home: Path, tmp_path: Path) -> None:
    assert _run(["log", "add", "hip-thrust", "--sets", "1", "--reps", "5"], isolated_home, capture_output=True).returncode == 0
    out = tmp_path / "out.json"
    with out.open("w") as sink:
        result = _run(["log", "export", "-o", "/dev/stdout"], isolated_home, stdout=sink, stderr=subprocess.PIPE)
    assert result.returncode == 0, result.stderr
    import json

    assert json.loads(out.read_text())["entries"][0]["slug"] == "hip-thrust"  # the export only, no "Exported ..." line
    piped = _run(["log", "export", "--format", "csv", "-o", "/dev/stdout"], isolated_home, capture_output=True)
    assert piped.returncode == 0 and piped.stdout.startswith("id,uid,date"), piped.stderr


def test_any_stdout_encoding_works(isolated_home: Path) -> None:
    """Reliability turn 3 F16: PYTHONIOENCODING=ascii or LANG=C gave exit 1 on every table view."""
    assert (
        _run(
            ["log", "add", "glute-bridge", "--sets", "1", "--reps", "5", "--note", "\u202e\u2192 ok"], isolated_home, capture_output=True
        ).returncode
        == 0
    )
    for extra in (
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
    ):
        env = {**os.environ, "GLUTECOACH_HOME": str(isolated_home), **extra}
        for args in (["log", "list"], ["show", "hip-thrust"], ["recommend", "--goal", "glute-size"], ["plan"], ["progress"]):
            result = subprocess.run([sys.executable, "-m", "glutecoach", *args], env=env, capture_output=True, timeout=120)
            assert result.returncode == 0 and b"Traceback" not in result.stderr, (extra, args, result.stderr[-300:])


def test_shell_completion_under_sh_says_which_shells_work(isolated_home: Path) -> None:
    if not Path("/bin/sh").exists():
        return
    env = {**os.environ, "GLUTECOACH_HOME": str(isolated_home)}
    result = subprocess.run(
        ["/bin/sh", "-c", f'"{sys.executable}" -m glutecoach --show-completion'], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode in (0, 2) and "Traceback" not in result.stderr, result.stderr
    if result.returncode == 2:
        assert "shell completion is available for bash" in result.stderr
