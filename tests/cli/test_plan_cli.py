"""`plan`, `plan start` and `plan next` through the command line: the JSON shapes (key sets pinned),
the saved plan that `plan next` follows, the Markdown with check boxes, and bad input refused in one
paragraph with exit code 2."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.core.vocab import REGIONS

runner = CliRunner()

PLAN_KEYS = {"level", "goal", "weeks_total", "days_per_week", "weekly_sets", "targets", "minutes", "set_rule", "phases", "weeks",
             "substitutions", "notes"}
PHASE_KEYS = {"name", "goal", "weeks", "purpose", "advance_when", "changes"}
WEEK_KEYS = {"week", "phase", "deload", "region_sets", "sessions"}
SESSION_KEYS = {"day", "weekday", "minutes", "contacts", "exercises"}
EXERCISE_KEYS = {"slug", "name", "role", "sets", "reps", "unit", "per_side", "warmup_sets", "tempo", "rest_s", "new", "replaces", "cue", "note"}
SUBSTITUTION_KEYS = {"wanted", "used", "reason", "weeks"}
NEXT_KEYS = {"phase", "week", "day", "saved_plan", "start", "deload", "phase_change", "changes", "next_session", "notes"}
CHANGE_KEYS = {"slug", "action", "to", "until", "trigger", "reason"}
ITEM_KEYS = {"slug", "name", "sets", "reps", "unit", "per_side", "rest_s", "warmup_sets", "load", "load_unit", "cue", "note"}
CHOICE_KEYS = {"version", "level", "goal", "weeks", "days_per_week", "equipment", "pains", "start", "load_step"}


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def as_json(*args: str) -> dict:
    data = json.loads(ok(*args, "--format", "json"))
    assert data.pop("json_version") == 1  # every document carries its version first
    return data


def refused(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def test_plan_json_has_units_warm_ups_and_minutes() -> None:
    data = as_json("plan", "--level", "advanced", "--goal", "sprint-jump")
    assert set(data) == PLAN_KEYS
    assert (data["level"], data["goal"], data["weeks_total"], data["days_per_week"]) == ("advanced", "sprint-jump", 8, 3)
    assert all(set(p) == PHASE_KEYS for p in data["phases"]) and len(data["weeks"]) == 8
    units, warmups = set(), 0
    for w in data["weeks"]:
        assert set(w) == WEEK_KEYS and set(w["region_sets"]) == set(REGIONS)
        for s in w["sessions"]:
            assert set(s) == SESSION_KEYS
            assert data["minutes"][0] <= s["minutes"] <= data["minutes"][1] or w["deload"]
            for e in s["exercises"]:
                assert set(e) == EXERCISE_KEYS
                units.add(e["unit"])
                warmups += e["warmup_sets"]
    assert {"reps", "metres"} <= units and warmups > 0
    assert all(set(s) == SUBSTITUTION_KEYS for s in data["substitutions"])


def test_plan_markdown_has_check_boxes_and_fits_a_page() -> None:
    text = ok("plan", "--format", "markdown")
    assert text.startswith("# ") and "## Contact" in text and "- [ ] **Day 1**" in text and "  - [ ] " in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_plan_table_exits_0_and_shows_the_sessions() -> None:
    out = ok("plan", "--level", "intermediate", "--goal", "gluteus-medius", "--equipment", "none")
    data = as_json("plan", "--level", "intermediate", "--goal", "gluteus-medius", "--equipment", "none")
    names = {e["name"] for w in data["weeks"] for s in w["sessions"] for e in s["exercises"]}
    flat = " ".join(out.split())
    assert all(" ".join(n.split()) in flat for n in names)


def test_plan_start_saves_the_plan_and_plan_next_follows_it(isolated_home: Path) -> None:
    saved = as_json("plan", "start", "--level", "beginner", "--goal", "glute-size", "--weeks", "6", "--days-per-week", "2",
                    "--equipment", "band", "--date", "2026-11-02")
    assert set(saved) == CHOICE_KEYS
    assert (saved["weeks"], saved["days_per_week"], saved["equipment"], saved["start"]) == (6, 2, ["band"], "2026-11-02")
    assert saved["load_step"] == {"kg": 2.5, "lb": 5.0}
    assert json.loads((isolated_home / "config" / "plan.json").read_text()) == saved
    plan = as_json("plan", "--level", "beginner", "--goal", "glute-size", "--weeks", "6", "--days-per-week", "2", "--equipment", "band")
    first = [e["slug"] for e in plan["weeks"][0]["sessions"][0]["exercises"]]
    data = as_json("plan", "next", "--date", "2026-11-02")
    assert set(data) == NEXT_KEYS and data["saved_plan"] is True and data["start"] == "2026-11-02"
    assert (data["phase"], data["week"], data["day"]) == ("Contact", 1, 1)
    assert [e["slug"] for e in data["next_session"]] == first
    for e in data["next_session"]:
        assert set(e) == ITEM_KEYS
    ok("log", "add", first[0], "--sets", "2", "--reps", "15", "--contact", "8", "--date", "2026-11-02")
    ok("log", "add", first[1], "--sets", "2", "--reps", "15", "--contact", "8", "--date", "2026-11-02")
    second = as_json("plan", "next", "--date", "2026-11-04")
    assert second["day"] == 2 and len(plan["weeks"][0]["sessions"]) == 2
    assert [e["slug"] for e in second["next_session"]] == [e["slug"] for e in plan["weeks"][0]["sessions"][1]["exercises"]]
    table = ok("plan", "next", "--date", "2026-11-04")
    assert all(e["slug"] in table for e in second["next_session"])


def test_plan_start_may_begin_next_week() -> None:
    import datetime as dt

    monday = dt.date.today() + dt.timedelta(days=7 - dt.date.today().weekday())
    assert as_json("plan", "start", "--date", monday.isoformat())["start"] == monday.isoformat()


def test_plan_next_without_a_saved_plan_says_so() -> None:
    ok("log", "add", "glute-bridge", "--sets", "2", "--reps", "15", "--contact", "8", "--date", "2026-11-23")
    data = as_json("plan", "next", "--date", "2026-11-25")
    assert data["saved_plan"] is False and any("No saved plan" in n and "plan start" in n for n in data["notes"])
    assert data["next_session"] and all(set(e) == ITEM_KEYS for e in data["next_session"])


def test_plan_next_json_gives_loads_in_pounds_with_their_unit_and_deload_triggers() -> None:
    ok("plan", "start", "--level", "intermediate", "--goal", "strength", "--date", "2026-11-02")
    plan = as_json("plan", "--level", "intermediate", "--goal", "strength")
    main = plan["weeks"][3]["sessions"][0]["exercises"][0]
    top = main["reps"][1]
    ok("log", "add", main["slug"], "--sets", "3", "--reps", str(top), "--load", "135", "--rir", "2", "--date", "2026-11-18")
    ok("profile", "set", "--units", "lb")
    ok("log", "add", main["slug"], "--sets", "3", "--reps", str(top), "--load", "135", "--rir", "2", "--date", "2026-11-20")
    data = as_json("plan", "next", "--date", "2026-11-25")
    item = next(e for e in data["next_session"] if e["slug"] == main["slug"])
    assert (item["load"], item["load_unit"]) == (140, "lb") and item["unit"] == "reps" and item["rest_s"] >= 120 and item["cue"]
    change = next(c for c in data["changes"] if c["slug"] == main["slug"])
    assert set(change) == CHANGE_KEYS and change["action"] == "progress" and change["trigger"] is None
    lighter = as_json("plan", "next", "--date", "2026-12-02")  # week 5: the planned lighter week
    assert lighter["deload"] == "scheduled" and all(c["trigger"] == "scheduled" for c in lighter["changes"] if c["action"] == "deload")


def test_plan_start_load_step_is_saved_in_the_profiles_units() -> None:
    ok("profile", "set", "--units", "lb")
    saved = as_json("plan", "start", "--load-step", "2.5", "--date", "2026-11-02")
    assert saved["load_step"] == {"kg": 2.5, "lb": 2.5}
    assert "--load-step must be above 0" in refused("plan", "start", "--load-step", "0")
    assert "at most 100 lb" in refused("plan", "start", "--load-step", "250")


@pytest.mark.parametrize("content,words", [
    ("not json", "not valid JSON"),
    ('{"version": 1}', "lacks"),
    ('{"version": 1, "level": "beginner", "goal": "glute-size", "weeks": true, "days_per_week": 3, "equipment": null, "pains": [], '
     '"start": "2026-11-02"}', "'weeks'"),
    ('{"version": 1, "level": "beginner", "goal": "glute-size", "weeks": 8, "days_per_week": 3, "equipment": null, "pains": [], '
     '"start": "2026-02-30"}', "'start'"),
    ('{"version": 1, "level": "beginner", "goal": "no-such-goal", "weeks": 8, "days_per_week": 3, "equipment": null, "pains": [], '
     '"start": "2026-11-02"}', "saved plan"),
    ('{"version": 1, "level": "beginner", "goal": "glute-size", "weeks": 8, "days_per_week": 3, "equipment": null, "pains": [], '
     '"start": "2026-11-02", "load_step": {"kg": -1}}', "load_step.kg"),
    ('{"version": 1, "level": "beginner", "goal": "glute-size", "weeks": 8, "days_per_week": 3, "equipment": null, "pains": [], '
     '"start": "2026-11-02", "extra": 1}', "does not know"),
])  # fmt: skip
def test_a_damaged_saved_plan_is_refused_with_what_to_do(isolated_home: Path, content: str, words: str) -> None:
    path = isolated_home / "config" / "plan.json"
    path.parent.mkdir(parents=True)
    path.write_text(content)
    message = refused("plan", "next", "--date", "2026-11-25")
    assert words in message and "plan start" in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_saved_plan_that_is_not_a_regular_file_is_refused_unread(isolated_home: Path) -> None:
    path = isolated_home / "config" / "plan.json"
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert "not a regular file" in refused("plan", "next")
    path.unlink()
    path.mkdir()
    assert "folder" in refused("plan", "next")


@pytest.mark.parametrize("args,words", [
    (["plan", "start", "--weeks", "20"], "between 4 and 16"),
    (["plan", "start", "--goal", "nope"], "nope"),
    (["plan", "start", "--date", "tomorrow-ish"], "--date"),
    (["plan", "start", "--date", "2999-01-01"], "a year from today"),
    (["plan", "next", "--days-per-week", "9"], "between 1 and 6"),
])  # fmt: skip
def test_bad_options_are_refused_in_one_paragraph(args: list[str], words: str) -> None:
    assert words in refused(*args)


@pytest.mark.parametrize("command", [["plan"], ["plan", "start"], ["plan", "next"]])
def test_every_plan_command_has_help_with_an_example(command: list[str]) -> None:
    assert "Example: glutecoach plan" in ok(*command, "--help")
