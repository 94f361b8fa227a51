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

PLAN_KEYS = {
    "weekly_targets",
    "level",
    "goal",
    "weeks_total",
    "days_per_week",
    "weekly_sets",
    "targets",
    "minutes",
    "set_rule",
    "phases",
    "weeks",
    "substitutions",
    "notes",
}
PHASE_KEYS = {"name", "goal", "weeks", "purpose", "advance_when", "changes"}
WEEK_KEYS = {"week", "phase", "deload", "region_sets", "hard_sets", "practice_sets", "sessions"}
SESSION_KEYS = {"day", "weekday", "minutes", "contacts", "exercises"}
EXERCISE_KEYS = {
    "slug",
    "name",
    "role",
    "sets",
    "reps",
    "unit",
    "per_side",
    "warmup_sets",
    "tempo",
    "rest_s",
    "new",
    "replaces",
    "cue",
    "note",
}
SUBSTITUTION_KEYS = {"wanted", "used", "reason", "weeks"}
NEXT_KEYS = {
    "phase",
    "week",
    "day",
    "saved_plan",
    "start",
    "deload",
    "phase_change",
    "changes",
    "next_session",
    "notes",
    "position",
    "plan_done",
}
POSITION_KEYS = {"week", "day", "sessions_done", "gap_days"}
WHY_KEYS = {"working_load", "units", "e1rm", "sessions", "last_date"}
CHANGE_KEYS = {"slug", "action", "to", "until", "trigger", "reason"}
ITEM_KEYS = {"slug", "name", "sets", "reps", "unit", "per_side", "rest_s", "warmup_sets", "load", "load_unit", "cue", "note", "why"}
CHOICE_KEYS = {
    "version",
    "level",
    "goal",
    "weeks",
    "days_per_week",
    "equipment",
    "pains",
    "start",
    "load_step",
    "contact",
    "level_from_log",
}


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
    targets = data["weekly_targets"]
    assert set(targets) == set(data["targets"]) and all(
        set(t) == {"range", "source"} and "Baz-Valle 2022" in t["source"] for t in targets.values()
    )
    for w in data["weeks"]:
        assert set(w["hard_sets"]) == set(REGIONS) and isinstance(w["practice_sets"], int)
        if not w["deload"]:
            assert all(w["hard_sets"][r] <= targets[r]["range"][1] for r in targets), (w["week"], w["hard_sets"])


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
    saved = as_json(
        "plan",
        "start",
        "--level",
        "beginner",
        "--goal",
        "glute-size",
        "--weeks",
        "6",
        "--days-per-week",
        "2",
        "--equipment",
        "band",
        "--date",
        "2026-11-02",
    )
    assert set(saved) == CHOICE_KEYS
    assert (saved["weeks"], saved["days_per_week"], saved["equipment"], saved["start"]) == (6, 2, ["band"], "2026-11-02")
    assert saved["load_step"] == {"kg": 2.5, "lb": 5.0}
    assert json.loads((isolated_home / "config" / "plan.json").read_text()) == {k: v for k, v in saved.items() if k != "level_from_log"}
    plan = as_json("plan", "--level", "beginner", "--goal", "glute-size", "--weeks", "6", "--days-per-week", "2", "--equipment", "band")
    first = [e["slug"] for e in plan["weeks"][0]["sessions"][0]["exercises"]]
    data = as_json("plan", "next", "--date", "2026-11-02")
    assert set(data) == NEXT_KEYS and data["saved_plan"] is True and data["start"] == "2026-11-02"
    assert set(data["position"]) == POSITION_KEYS and data["position"]["sessions_done"] == 0 and data["plan_done"] is False
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
    plan = as_json("plan")  # the saved plan, with no options
    assert plan["notes"][0].startswith("Your saved plan, started 2026-11-02")
    main = plan["weeks"][0]["sessions"][0]["exercises"][0]
    top = main["reps"][1]
    ok("profile", "set", "--units", "lb")
    days = ["2026-11-02", "2026-11-04", "2026-11-06", "2026-11-09", "2026-11-11", "2026-11-13"]
    for day in days:
        ok("log", "add", main["slug"], "--sets", "3", "--reps", str(top), "--load", "135", "--rir", "2", "--date", day)
    data = as_json("plan", "next", "--date", "2026-11-16")
    assert (data["week"], data["day"], data["position"]["sessions_done"]) == (3, 1, 6)
    item = next(e for e in data["next_session"] if e["slug"] == main["slug"])
    assert (item["load"], item["load_unit"]) == (140, "lb") and item["unit"] == "reps" and item["rest_s"] >= 120 and item["cue"]
    assert item["why"]["working_load"] == 135 and item["why"]["sessions"] == 6 and item["why"]["e1rm"] > 135
    change = next(c for c in data["changes"] if c["slug"] == main["slug"])
    assert set(change) == CHANGE_KEYS and change["action"] == "progress" and change["trigger"] is None
    for day in ["2026-11-16", "2026-11-18", "2026-11-20"]:
        ok("log", "add", main["slug"], "--sets", "3", "--reps", str(top), "--load", "140", "--rir", "2", "--date", day)
    lighter = as_json("plan", "next", "--date", "2026-11-23")  # week 4: the planned lighter week at the end of the Load phase
    assert lighter["week"] == 4 and lighter["deload"] == "scheduled"
    assert all(c["trigger"] == "scheduled" for c in lighter["changes"] if c["action"] == "deload")
    item = next(e for e in lighter["next_session"] if e["slug"] == main["slug"])
    assert item["load"] == 125  # 90% of the working 140 lb, on the 5 lb grid, taken once


def test_plan_next_may_look_ahead_to_any_day() -> None:
    ok("plan", "start", "--level", "intermediate", "--goal", "strength", "--date", "2026-11-02")
    far = as_json("plan", "next", "--date", "2026-11-20")
    assert (far["week"], far["day"], far["position"]["gap_days"]) == (1, 1, None)


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
    (["plan", "start", "--date", "2999-01-01"], "glutecoach accepts (1900-01-01 to"),
    (["plan", "next", "--days-per-week", "9"], "between 1 and 6"),
])  # fmt: skip
def test_bad_options_are_refused_in_one_paragraph(args: list[str], words: str) -> None:
    assert words in refused(*args)


@pytest.mark.parametrize("command", [["plan"], ["plan", "start"], ["plan", "next"]])
def test_every_plan_command_has_help_with_an_example(command: list[str]) -> None:
    assert "Example: glutecoach plan" in ok(*command, "--help")


def _year_of_loaded_training(end: str) -> None:
    """Fifty weeks of hip thrusts and back squats, three sessions a week, up to `end` (as an import gives)."""
    import datetime as dt

    from glutecoach.core.models import Entry, SetRow
    from glutecoach.store import log

    last = dt.date.fromisoformat(end)
    days = [last - dt.timedelta(days=7 * w + d) for w in range(50) for d in (0, 2, 4)]
    rows = [
        Entry(None, d.isoformat(), slug, (SetRow(10, load),) * 3, "kg", None, None, 2, None, log.new_uid())
        for d in days
        for slug, load in (("hip-thrust", 90.0), ("back-squat", 70.0))
    ]
    with log.connect() as conn:
        log.add_many(conn, rows)


def test_plan_start_reads_your_history_level_contact_and_starting_loads() -> None:
    _year_of_loaded_training("2026-10-30")
    saved = as_json("plan", "start", "--goal", "glute-size", "--date", "2026-11-02")
    assert saved["level"] == "intermediate" and saved["contact"] is False
    assert saved["level_from_log"].startswith("Level from your log: intermediate: 50 weeks of logged loaded training")
    data = as_json("plan", "next", "--date", "2026-11-02")
    known = [e for e in data["next_session"] if e["slug"] in ("hip-thrust", "back-squat")]
    assert known, data["next_session"]
    for e in known:
        # 36 sessions: the last 12 weeks are read whole
        assert "start light" not in e["note"] and e["why"]["sessions"] == 36 and e["load"] >= 0.8 * e["why"]["working_load"]


def test_a_beginner_level_given_keeps_contact_whatever_the_log_says() -> None:
    _year_of_loaded_training("2026-10-30")
    saved = as_json("plan", "start", "--level", "beginner", "--date", "2026-11-02")
    assert (saved["level"], saved["contact"], saved["level_from_log"]) == ("beginner", True, None)


def test_plan_next_without_a_saved_plan_uses_the_level_your_history_supports() -> None:
    _year_of_loaded_training("2026-10-30")
    data = as_json("plan", "next", "--date", "2026-11-02")
    assert data["phase"] != "Contact" and data["saved_plan"] is False
    assert not any("start light" in e["note"] for e in data["next_session"] if e["slug"] in ("hip-thrust", "back-squat"))


def test_log_import_ends_by_saying_what_plan_start_would_propose() -> None:
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "trackers" / "strong_newer_kg.csv"
    out = ok("log", "import", str(fixture))
    assert "'glutecoach plan start' would propose " in out.splitlines()[-1]


def test_after_a_long_break_plan_next_still_knows_each_lifts_working_load() -> None:
    """The log is read whole for 12 weeks; before that, each lift's last sessions: a working load from
    five months ago is still known (and, after the gap, prescribed lighter)."""
    _year_of_loaded_training("2026-06-01")
    ok("plan", "start", "--level", "intermediate", "--goal", "glute-size", "--date", "2026-11-02")
    data = as_json("plan", "next", "--date", "2026-11-02")
    known = [e for e in data["next_session"] if e["slug"] in ("hip-thrust", "back-squat")]
    assert known and all(e["why"]["working_load"] in (90.0, 70.0) and e["load"] < e["why"]["working_load"] for e in known), known


def test_plan_start_next_carries_the_saved_plans_options_and_takes_the_level_from_the_log() -> None:
    assert "none is saved" in refused("plan", "start", "--next")
    _year_of_loaded_training("2026-10-30")
    first = as_json(
        "plan", "start", "--level", "beginner", "--goal", "strength", "--weeks", "4", "--days-per-week", "2",
        "--equipment", "barbell", "--equipment", "bench", "--condition", "knee-pain", "--load-step", "1.25", "--date", "2026-10-05",
    )  # fmt: skip
    assert (first["level"], first["weeks"], first["days_per_week"]) == ("beginner", 4, 2)
    after = as_json("plan", "start", "--next", "--date", "2026-11-02")
    carried = ("goal", "weeks", "days_per_week", "equipment", "pains", "load_step")
    assert {k: after[k] for k in carried} == {k: first[k] for k in carried}
    assert after["start"] == "2026-11-02" and after["level"] == "intermediate" and after["contact"] is False
    assert after["level_from_log"].startswith("Level from your log: intermediate")
    changed = as_json("plan", "start", "--next", "--weeks", "6", "--condition", "none", "--date", "2026-11-02")
    assert (changed["weeks"], changed["pains"], changed["days_per_week"]) == (6, [], 2)  # an option given wins
    shown = ok("plan", "start", "--next", "--date", "2026-11-02")
    assert "The block after your 6-week plan from 2026-11-02" in shown.replace("\n", " ")


def test_a_finished_plan_says_how_to_start_the_next_block() -> None:
    _year_of_loaded_training("2026-10-30")
    ok("plan", "start", "--level", "intermediate", "--goal", "glute-size", "--weeks", "4", "--days-per-week", "3", "--date", "2026-10-05")
    data = as_json("plan", "next", "--date", "2026-11-02")
    assert data["plan_done"] is True, data["position"]
    assert any("glutecoach plan start --next" in n for n in data["notes"])
