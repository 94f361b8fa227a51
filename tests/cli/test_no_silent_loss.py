"""No silent loss (issue 24, reliability turn 3 N5, N6 and the minor "profile set drops unknown keys"):
a uid repeated in one import is an error naming both entries; "already in the log" is said only of
entries that are; profile set and --save-map are read-modify-write under a lock and keep what they do
not know. (Real concurrent processes: tests/slow/test_processes.py.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.store import files, paths
from glutecoach.store import profile as store_profile

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def refused(result: Any, needle: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stdout == "" and needle in result.stderr, result.stderr


UID = "0123456789abcdef0123456789abcdef"


def entry(uid: str, day: str, slug: str, **more: Any) -> dict[str, Any]:
    return {"uid": uid, "date": day, "slug": slug, "sets": [{"reps": 10}], **more}


@pytest.mark.parametrize("second_uid", [UID, UID.upper()], ids=["same case", "other case"])
def test_a_uid_repeated_in_one_import_is_refused_naming_both_entries(tmp_path: Path, second_uid: str) -> None:
    doc = {
        "entries": [
            entry(UID, "2026-03-01", "hip-thrust"),
            entry("f" * 32, "2026-03-01", "clamshell"),
            entry(second_uid, "2026-03-02", "glute-bridge", pain_score=7),
        ]
    }
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(doc))
    refused(run("log", "import", str(path)), "entries 1 and 3 have the same uid")
    refused(run("log", "import", str(path), "--dry-run"), "entries 1 and 3 have the same uid")
    assert json.loads(run("log", "list", "--format", "json").stdout or '{"entries": []}')["entries"] == []


def test_already_in_the_log_counts_only_entries_that_are(tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    first.write_text(json.dumps({"entries": [entry(UID, "2026-03-01", "hip-thrust")]}))
    assert run("log", "import", str(first)).exit_code == 0
    both = tmp_path / "both.json"
    both.write_text(
        json.dumps(
            {"entries": [entry(UID.upper(), "2026-03-01", "hip-thrust"), entry("e" * 32, "2026-03-02", "glute-bridge", pain_score=7)]}
        )
    )
    result = run("log", "import", str(both))
    assert result.exit_code == 0, result.output
    assert "Imported 1 entry" in result.stdout and "1 was already in the log" in result.stdout
    pains = [e.get("pain_score") for e in json.loads(run("log", "list", "--format", "json").stdout)["entries"]]
    assert 7 in pains


def test_profile_set_keeps_keys_it_does_not_know() -> None:
    assert run("profile", "set", "--level", "beginner").exit_code == 0
    path = paths.config_dir() / "profile.json"
    saved = json.loads(path.read_text())
    saved["from_a_newer_version"] = {"keep": True}
    path.write_text(json.dumps(saved))
    assert run("profile", "set", "--goal", "strength").exit_code == 0
    after = json.loads(path.read_text())
    assert after["from_a_newer_version"] == {"keep": True} and after["goal"] == "strength" and after["level"] == "beginner"


def test_a_field_saved_by_another_run_meanwhile_is_kept() -> None:
    assert run("profile", "set", "--level", "beginner").exit_code == 0
    path = paths.config_dir() / "profile.json"
    mine = store_profile.load()  # this run reads the profile ...
    other = json.loads(path.read_text())
    other["goal"] = "strength"  # ... another run saves its goal meanwhile ...
    path.write_text(json.dumps(other))
    store_profile.save(mine._replace(level="advanced"))  # ... and this run saves its level
    after = json.loads(path.read_text())
    assert (after["level"], after["goal"]) == ("advanced", "strength")


def test_a_lock_held_too_long_says_another_glutecoach_is_writing(monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl
    import os

    assert run("profile", "set", "--level", "beginner").exit_code == 0
    before = (paths.config_dir() / "profile.json").read_bytes()
    monkeypatch.setattr(files, "LOCK_WAIT", 0.1)
    fd = os.open(paths.config_dir() / files.LOCK_FILE, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # (flock locks belong to the open file: this one is held apart)
        refused(run("profile", "set", "--level", "advanced"), "another glutecoach is writing the profile")
    finally:
        os.close(fd)
    assert (paths.config_dir() / "profile.json").read_bytes() == before
