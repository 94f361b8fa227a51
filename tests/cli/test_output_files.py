"""Files glutecoach writes with -o (issue 24, reliability turn 3 N1, N2, N7, N8, N11, N12, N22, F25):
written like a careful Unix tool. Every case uses real files in a temporary folder: FIFOs, symlinks,
hard links, modes. Nothing here touches /dev or any system file."""

from __future__ import annotations

import os
import stat
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.store import paths

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def refused(result: Any, needle: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stdout == ""
    assert needle in result.stderr, result.stderr


@pytest.fixture(autouse=True)
def one_entry() -> None:
    assert run("log", "add", "hip-thrust", "--sets", "1", "--reps", "5", "--date", "2026-03-01").exit_code == 0


def test_a_fifo_with_a_reader_is_written_into_and_stays_a_fifo(tmp_path: Path) -> None:
    pipe = tmp_path / "p"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    result = None
    for _ in range(500):  # until the reader has opened its end (before that: refused, nothing written)
        result = run("log", "export", "-o", str(pipe))
        if result.exit_code == 0:
            break
        time.sleep(0.01)
    reader.join(timeout=5)
    assert result is not None and result.exit_code == 0, result.output  # type: ignore[union-attr]
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert b'"slug": "hip-thrust"' in got[0]


def test_a_fifo_nobody_reads_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "p"
    os.mkfifo(pipe)
    refused(run("log", "export", "-o", str(pipe)), "is a pipe no program is reading from")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_character_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a private copy of the null device
        with open(node, "wb") as probe:
            probe.write(b"")
    except OSError as err:
        pytest.skip(f"cannot make or open a device node here ({err.strerror}): needs root and a folder without nodev")
    result = run("log", "export", "-o", str(node))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_a_private_file_stays_private(tmp_path: Path) -> None:
    target = tmp_path / "private.json"
    target.write_text("old")
    target.chmod(0o600)
    assert run("log", "export", "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert b"hip-thrust" in target.read_bytes()


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        assert run("log", "export", "-o", str(tmp_path / "new.json")).exit_code == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_a_symlink_to_a_file_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    link = tmp_path / "backup.json"
    link.symlink_to(victim)
    refused(run("log", "export", "-o", str(link)), "is a symbolic link (to")
    assert victim.read_text() == "precious" and link.is_symlink()
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere")
    refused(run("log", "export", "-o", str(dangling)), "is a symbolic link to a file that does not exist")
    assert not (tmp_path / "nowhere").exists()


def test_temp_links_planted_for_coming_pids_change_nothing(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    shared = tmp_path / "shared"
    shared.mkdir()
    for pid in range(os.getpid() - 50, os.getpid() + 50):  # the old predictable names
        (shared / f".backup.json.{pid}.tmp").symlink_to(victim)
    assert run("log", "export", "-o", str(shared / "backup.json")).exit_code == 0
    assert victim.read_text() == "precious"
    assert (shared / "backup.json").is_file() and not (shared / "backup.json").is_symlink()


def test_a_catalogue_this_command_reads_is_never_the_output(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_bytes((Path(__file__).resolve().parents[2] / "examples" / "my-exercises.yaml").read_bytes())
    before = mine.read_bytes()
    refused(
        run("show", "clinic-band-kickback", "--catalogue", str(mine), "--format", "svg", "-o", str(mine)), "is a file this command reads"
    )
    os.environ["GLUTECOACH_CATALOGUE"] = str(mine)
    try:
        refused(run("log", "export", "--format", "strong", "-o", str(mine)), "is a file this command reads")
    finally:
        del os.environ["GLUTECOACH_CATALOGUE"]
    assert mine.read_bytes() == before


def test_a_hard_link_to_the_saved_plan_is_refused(tmp_path: Path) -> None:
    assert run("plan", "start").exit_code == 0
    plan = paths.config_dir() / "plan.json"
    before = plan.read_bytes()
    os.link(plan, tmp_path / "plan-copy.json")
    refused(run("log", "export", "-o", str(tmp_path / "plan-copy.json")), "is glutecoach's own saved plan")
    assert plan.read_bytes() == before


def test_leftover_temp_files_of_a_killed_run_are_removed_at_the_next_write(tmp_path: Path) -> None:
    old = tmp_path / ".out.json.4242.tmp"
    old.write_text("half")
    long_ago = time.time() - 3600
    os.utime(old, (long_ago, long_ago))
    fresh = tmp_path / ".out.json.abc123.tmp"  # another run may be writing it right now
    fresh.write_text("busy")
    other = tmp_path / ".other.json.1.tmp"
    other.write_text("not ours")
    os.utime(other, (long_ago, long_ago))
    assert run("log", "export", "-o", str(tmp_path / "out.json")).exit_code == 0
    assert not old.exists() and fresh.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.json.1.tmp", ".out.json.abc123.tmp", "home", "out.json"]


@pytest.mark.parametrize(
    "name,make,needle",
    [
        ("a symlink loop", lambda d: (d / "loop").symlink_to("loop") or d / "loop", "leads back to itself (a loop)"),
        ("a name of 300 bytes", lambda d: d / ("n" * 300), "the name is too long for this system"),
        ("a name of 250 bytes", lambda d: d / ("n" * 250), ""),
        ("2,000 folders deep", lambda d: Path(os.path.relpath(d)) / Path(*["a"] * 2000) / "f", ""),
        ("a folder", lambda d: d, "is a folder"),
    ],
)
def test_hard_paths_end_in_0_or_2_never_a_crash(tmp_path: Path, name: str, make: Any, needle: str) -> None:
    target = make(tmp_path)
    try:
        result = run("log", "export", "-o", str(target))
    finally:
        if (tmp_path / "a").exists():  # a 2,000-deep tree is past shutil.rmtree's recursion: pytest could not clean it
            subprocess.run(["rm", "-rf", str(tmp_path / "a")], check=True)
    if needle:
        refused(result, needle)
    else:
        assert result.exit_code in (0, 2) and isinstance(result.exception, SystemExit | None), (name, result.output)
        assert "Traceback" not in result.output


def test_file_names_are_printed_escaped(tmp_path: Path) -> None:
    name = tmp_path / "\x1b]0;pwned\x07\u202e.svg"
    result = run("show", "hip-thrust", "--format", "svg", "-o", str(name))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b]0;pwned\\x07\\u202e.svg" in result.stdout
    assert name.read_text().startswith("<?xml")
