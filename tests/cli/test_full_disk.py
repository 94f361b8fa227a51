"""A full disk is called a full disk (reliability turn 3, N19): the file or folder that has no room is
named, exit 2, and the log, profile and saved plan are as they were; a log on a full disk still reads
(and exports). Faked here with SQLite's own errors and ENOSPC; tests/slow/test_full_disk_real.py fills a
real tmpfs."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.store import files, log, paths, profile, saved_plan

runner = CliRunner()
NO_ROOM = "database or disk is full"
WRITES = ("INSERT", "UPDATE", "DELETE", "BEGIN IMMEDIATE")


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def refused(result: Any, needle: str) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert needle in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and "I/O error" not in result.stderr
    return str(result.stderr)


class _NoRoomForTheIndex(sqlite3.Connection):
    """A connection on a full disk: the first read of a WAL log cannot make its shared index file
    (SQLite says "disk I/O error", SQLITE_IOERR_SHMSIZE, or SQLITE_FULL), unless the index is kept in
    memory (exclusive locking mode); every write finds no room."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.in_memory = False

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        text = " ".join(sql.split()).upper()
        if text == "PRAGMA LOCKING_MODE = EXCLUSIVE":
            self.in_memory = True
        elif (text == "PRAGMA USER_VERSION" and not self.in_memory) or text.startswith(WRITES):
            raise sqlite3.OperationalError(NO_ROOM)
        return super().execute(sql, *args)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Path:
    """A log with one entry, then the disk it is on is full."""
    assert run("log", "add", "hip-thrust", "--sets", "2", "--reps", "8", "--load", "60", "--note", "kept").exit_code == 0
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        return real(*args, **{**kwargs, "factory": _NoRoomForTheIndex})

    monkeypatch.setattr(log.sqlite3, "connect", connect)
    return log.db_path()


def _entries(path: Path) -> list[Any]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT uid, note FROM entries").fetchall()
    finally:
        conn.close()


def test_a_write_on_a_full_disk_names_the_log_and_keeps_it(full_disk: Path, tmp_path: Path) -> None:
    before = _entries(full_disk)
    message = refused(run("log", "add", "hip-thrust", "--sets", "1", "--reps", "5"), "is full: nothing was saved and the log is as it was")
    assert str(full_disk) in message
    backup = tmp_path / "b.json"
    backup.write_text(json.dumps({"entries": [{"date": "2026-03-02", "slug": "hip-thrust", "units": "kg", "sets": [{"reps": 5}]}]}))
    refused(run("log", "import", str(backup)), "the disk holding the training log")
    assert _entries(full_disk) == before


def test_the_log_still_reads_and_exports_on_a_full_disk(full_disk: Path, tmp_path: Path) -> None:
    """Reading a WAL log makes a 32 KiB index file; with no room for it the index is kept in memory."""
    listed = run("log", "list")
    assert listed.exit_code == 0 and "kept" in listed.stdout, listed.output
    out = tmp_path / "backup.json"
    exported = run("log", "export", "-o", str(out))
    assert exported.exit_code == 0, exported.output
    assert [e["note"] for e in json.loads(out.read_text())["entries"]] == ["kept"]


def test_export_to_a_full_disk_names_the_output_file_not_the_log(full_disk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(path: Path, data: bytes, old: object = None) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "atomic_write", no_space)
    out = tmp_path / "backup.json"
    message = refused(run("log", "export", "-o", str(out)), f"cannot write {out}: the disk is full")
    assert "training log" not in message and not out.exists()


def test_a_full_disk_when_the_log_is_made_names_its_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real(*args, **kwargs)
        conn.execute("PRAGMA max_page_count = 1")  # cannot grow: SQLITE_FULL
        return conn

    monkeypatch.setattr(log.sqlite3, "connect", connect)
    message = refused(run("log", "add", "hip-thrust", "--sets", "1", "--reps", "5"), "is full: no training log could be made there")
    assert str(log.db_path().parent) in message and not log.db_path().exists()


@pytest.mark.parametrize(
    "module, args, name",
    [
        (profile, ["profile", "set", "--level", "beginner"], "profile.json"),
        (saved_plan, ["plan", "start"], "plan.json"),
    ],
)
def test_saving_the_profile_or_plan_on_a_full_disk_says_so(
    module: Any, args: list[str], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(path: Path, data: bytes, old: object = None) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(module, "atomic_write", no_space)
    message = refused(run(*args), "the disk is full (or your quota is used up); free some space")
    assert str(paths.config_dir() / name) in message and "Nothing was changed" in message
