"""Logging as a lifter types it: loads with their unit, holds in seconds, and an entry's exercise corrected."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.core.models import Catalogue

runner = CliRunner()


def run(args: list[str]):
    return runner.invoke(app, args, env={"COLUMNS": "100", "NO_COLOR": "1"})


def logged() -> list[dict]:
    return json.loads(run(["log", "list", "--format", "json"]).stdout)["entries"]


@pytest.mark.parametrize(
    ("typed", "profile", "saved"), [("60kg", "kg", 60), ("135lb", "kg", 61.2), ("100 kg", "lb", 220.5), ("62.5", "kg", 62.5)]
)
def test_a_load_with_its_unit_is_saved_in_the_profile_unit(typed: str, profile: str, saved: float) -> None:
    assert run(["profile", "set", "--units", profile]).exit_code == 0
    result = run(["log", "add", "hip-thrust", "--sets", "3", "--reps", "10", "--load", typed, "--date", "2026-11-30"])
    assert result.exit_code == 0, result.output
    (entry,) = logged()
    assert entry["units"] == profile and {s["load"] for s in entry["sets"]} == {saved}
    assert f"10x{saved:g}" in result.stdout and profile in result.stdout


def test_a_load_that_is_not_one_is_refused_saying_what_is_accepted() -> None:
    result = run(["log", "add", "hip-thrust", "--sets", "3", "--reps", "10", "--load", "60 stone"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--load" in result.stderr and "60kg, 135lb" in result.stderr and "Traceback" not in result.stderr
    assert logged() == []


def test_log_edit_changes_the_exercise_and_keeps_the_rest() -> None:
    run(["log", "add", "side lying hip abduction (ankle weight)", "--sets", "2", "--reps", "15", "--contact", "6", "--date", "2026-11-30"])
    (before,) = logged()
    result = run(["log", "edit", str(before["id"]), "--exercise", "side-lying-hip-abduction"])
    assert result.exit_code == 0, result.output
    (after,) = logged()
    assert after["slug"] == "side-lying-hip-abduction" and after["sets"] == before["sets"]
    assert (after["id"], after["uid"], after["contact"]) == (before["id"], before["uid"], 6)
    assert run(["log", "edit", str(before["id"]), "--exercise", "clamshel"]).exit_code == 2


def test_holds_are_logged_and_listed_in_seconds(cat: Catalogue) -> None:
    hold = next(ex for ex in cat.exercises.values() if ex.unit == "seconds")
    saved = run(["log", "add", hold.slug, "--sets", "2", "--reps", "25", "--date", "2026-11-30"])
    assert "25 s, 25 s" in saved.stdout
    assert "25 s, 25 s" in " ".join(run(["log", "list"]).stdout.split())
