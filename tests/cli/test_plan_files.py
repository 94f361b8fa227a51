"""Plans on a watch and in a calendar: `plan --format fit|ics` and `plan next --format fit|ics`, each file
decoded by an independent library (Garmin's own FIT SDK; icalendar) and checked against the plan."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import icalendar
import pytest
from clirun import ok, run
from garmin_fit_sdk import Decoder, Profile, Stream

from glutecoach.cli.options import load_catalogue
from glutecoach.render.fit import NAME_SIZE
from glutecoach.render.fit_exercises import FIT_EXERCISES

TYPES = Profile["types"]


def decode(path: Path) -> dict[str, Any]:
    decoder = Decoder(Stream.from_file(str(path)))
    assert decoder.check_integrity()  # the CRC and the header Garmin's SDK checks
    messages, errors = Decoder(Stream.from_file(str(path))).read()
    assert errors == []
    return dict(messages)


def test_the_exercise_table_names_only_what_the_fit_profile_has() -> None:
    """Every mapped exercise is one of the catalogue's and its category and name are in Garmin's FIT profile
    (read from Garmin's SDK, not from the encoder that writes the files)."""
    cat = load_catalogue(None)
    categories = set(TYPES["exercise_category"].values())
    for slug, (category, name) in FIT_EXERCISES.items():
        assert slug in cat.exercises, slug
        assert category in categories, (slug, category)
        assert name in TYPES[f"{category}_exercise_name"].values(), (slug, name)
    assert {"hip-thrust", "clamshell", "lateral-band-walk", "side-lying-hip-abduction"} <= set(FIT_EXERCISES)


def test_plan_as_fit_workouts_has_every_set_step_load_and_rest_the_plan_says(tmp_path: Path) -> None:
    plan = json.loads(ok("plan", "--format", "json"))
    out = ok("plan", "--format", "fit", "-o", str(tmp_path / "plan.fit"))
    files = sorted(tmp_path.glob("plan-*.fit"))
    assert len(files) == 24 and "Wrote 24 FIT workouts" in out  # 3 sessions a week for 8 weeks
    for week in (plan["weeks"][0], plan["weeks"][-1]):
        for session in week["sessions"]:
            messages = decode(tmp_path / f"plan-w{week['week']:02d}-d{session['day']}.fit")
            assert messages["file_id_mesgs"][0]["type"] == "workout"
            (workout,) = messages["workout_mesgs"]
            assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")
            steps = messages["workout_step_mesgs"]
            assert workout["num_valid_steps"] == len(steps)
            work = [s for s in steps if s["intensity"] != "rest"]
            rests = [s for s in steps if s["intensity"] == "rest"]
            expected = [e for e in session["exercises"] for _ in range(e["warmup_sets"] + e["sets"])]
            assert [s["wkt_step_name"] for s in work] == [e["name"][:NAME_SIZE] for e in expected]  # the watch keeps 50 characters
            assert len(rests) == len(work) - 1
            for step, e in zip(work, expected, strict=True):
                if e["unit"] == "seconds":
                    assert (step["duration_type"], step["duration_time"]) == ("time", e["reps"][0])
                else:
                    assert step.get("duration_reps") == e["reps"][0] or e["unit"] == "metres"
                mapped = FIT_EXERCISES.get(e["slug"])
                if mapped:
                    assert step["exercise_category"] == mapped[0]
                    assert TYPES[f"{mapped[0]}_exercise_name"][step["exercise_name"]] == mapped[1]
            first = session["exercises"][0]
            assert rests[0]["duration_time"] == (60 if first["warmup_sets"] else first["rest_s"])


def test_plan_next_as_fit_carries_the_target_load_from_the_log(tmp_path: Path) -> None:
    ok("profile", "set", "--level", "intermediate", "--equipment", "barbell,bench")
    first = json.loads(ok("plan", "next", "--format", "json"))["next_session"]
    lift = next(e for e in first if e["warmup_sets"])  # the session's barbell lift
    for day in ("-9d", "-7d", "-5d"):  # a week of sessions done: the next is week 2's first, with the same lift
        ok("log", "add", lift["slug"], "--set", "10x60", "--set", "10x60", "--set", "10x60", "--date", day)
    nxt = json.loads(ok("plan", "next", "--format", "json"))
    thrust = next(e for e in nxt["next_session"] if e["slug"] == lift["slug"])
    assert (thrust["load"], thrust["load_unit"]) == (60.0, "kg")
    out = tmp_path / "next.fit"
    assert ok("plan", "next", "--format", "fit", "-o", str(out)) == f"Wrote the next session (FIT) to {out}.\n"
    steps = [s for s in decode(out)["workout_step_mesgs"] if s["intensity"] == "active"]
    assert {s["wkt_step_name"] for s in steps} == {e["name"][:NAME_SIZE] for e in nxt["next_session"]}
    thrusts = [s for s in steps if s["wkt_step_name"] == thrust["name"]]
    assert len(thrusts) == thrust["sets"]
    assert all((s["exercise_weight"], s["weight_display_unit"]) == (60.0, "kilogram") for s in thrusts)
    if lift["slug"] == "hip-thrust":
        assert all((s["exercise_category"], s["exercise_name"]) == ("hip_raise", 1) for s in thrusts)  # barbell hip thrust with bench
    assert all("exercise_weight" not in s for s in steps if s["wkt_step_name"] != thrust["name"])


def test_plan_as_a_calendar_one_event_a_session_with_stable_uids(tmp_path: Path) -> None:
    ok("plan", "start", "--date", "2026-03-02")  # a Monday
    plan = json.loads(ok("plan", "--format", "json"))
    path = tmp_path / "plan.ics"
    assert "Wrote 24 events from 2026-03-02" in ok("plan", "--format", "ics", "-o", str(path))
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == 24
    days = [e.decoded("dtstart") for e in events]
    assert days[0] == dt.date(2026, 3, 2) and days == sorted(days) and days[-1] < dt.date(2026, 4, 27)
    weekdays = [s["weekday"] for s in plan["weeks"][0]["sessions"]]
    assert [d.weekday() for d in days[:3]] == weekdays
    first = plan["weeks"][0]["sessions"][0]["exercises"][0]
    description = str(events[0]["description"])
    assert first["name"] in description and f"{first['sets']} x {first['reps'][0]}-{first['reps'][1]}" in description
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == 24
    again = icalendar.Calendar.from_ical(ok("plan", "--format", "ics").encode())
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == uids  # re-exporting updates, never doubles


def test_without_a_saved_plan_the_calendar_starts_today() -> None:
    cal = icalendar.Calendar.from_ical(ok("plan", "--format", "ics").encode())
    first = cal.walk("VEVENT")[0].decoded("dtstart")
    assert dt.date.today() <= first < dt.date.today() + dt.timedelta(days=7)


@pytest.mark.parametrize(
    "args,needle",
    [
        (["plan", "--format", "fit"], "give -o FILE"),
        (["plan", "next", "--format", "fit"], "give -o FILE"),
        (["plan", "next", "-o", "x.json"], "--output writes a file for --format fit or ics"),
    ],
)
def test_bad_file_requests_get_one_paragraph_and_exit_2(args: list[str], needle: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == "" and needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_library_is_named_with_the_extra_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fit_tool", None)
    monkeypatch.setitem(sys.modules, "icalendar", None)
    for fmt in ("fit", "ics"):
        result = run("plan", "--format", fmt, "-o", str(tmp_path / f"p.{fmt}"))
        assert result.exit_code == 2 and "pip install 'glutecoach[interop]'" in result.stderr
    assert not (tmp_path / "p.fit").exists() and not (tmp_path / "p.ics").exists()


def test_plan_next_as_a_calendar_event() -> None:
    nxt = json.loads(ok("plan", "next", "--format", "json"))
    (event,) = icalendar.Calendar.from_ical(ok("plan", "next", "--format", "ics").encode()).walk("VEVENT")
    assert event.decoded("dtstart") == dt.date.today()
    assert all(e["name"] in str(event["description"]) for e in nxt["next_session"])
