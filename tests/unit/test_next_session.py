"""`plan next` closes the loop: contact ends the Contact phase, performance adds load, pain backs off."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from glutecoach.core import next_session as coach
from glutecoach.core import plan as planner
from glutecoach.cli.app import app
from glutecoach.core.models import Entry, SetRow
from glutecoach.core.models import Catalogue, Profile

TODAY = dt.date(2026, 11, 25)  # a Wednesday


def beginner_plan(cat: Catalogue) -> planner.Plan:
    return planner.build(cat, cat.goals["glute-size"], Profile(level="beginner"))


def entry(slug: str, date: str, reps: int = 15, load: float | None = None, sets: int = 2, **kw: object) -> Entry:
    return Entry(None, date, slug, tuple(SetRow(reps, load) for _ in range(sets)), "kg", **kw)  # type: ignore[arg-type]


def contact_slugs(p: planner.Plan) -> list[str]:
    return list(dict.fromkeys(e.exercise.slug for w in p.weeks if w.phase == "Contact" for s in w.sessions for e in s.exercises))


def test_with_no_log_you_start_at_contact_day_one(cat: Catalogue) -> None:
    p = beginner_plan(cat)
    n = coach.next_session(cat, p, Profile(), [], TODAY)
    assert (n.phase, n.week, n.day) == ("Contact", 1, 1)
    assert [e.slug for e in n.next_session] == [e.exercise.slug for e in p.weeks[0].sessions[0].exercises]
    assert not n.changes


def test_contact_found_twice_moves_on_to_a_progression(cat: Catalogue) -> None:
    p = beginner_plan(cat)
    first = next(e.exercise for e in p.weeks[0].sessions[0].exercises if e.exercise.progressions)
    log = [entry(first.slug, "2026-11-16", contact=7), entry(first.slug, "2026-11-18", contact=8)]
    n = coach.next_session(cat, p, Profile(), log, TODAY)
    change = next(c for c in n.changes if c.slug == first.slug)
    assert change.action == "progress" and change.to in first.progressions
    assert change.to in [e.slug for e in n.next_session] and "7 and 8/10" in change.reason


def test_poor_contact_twice_regresses_with_a_cue(cat: Catalogue) -> None:
    p = beginner_plan(cat)
    item = next(e.exercise for e in p.weeks[0].sessions[0].exercises if e.exercise.regressions)
    log = [entry(item.slug, "2026-11-16", contact=2), entry(item.slug, "2026-11-18", contact=3)]
    n = coach.next_session(cat, p, Profile(), log, TODAY)
    change = next(c for c in n.changes if c.slug == item.slug)
    assert change.action == "regress" and change.to in item.regressions and "cue" in change.reason
    assert change.to in [e.slug for e in n.next_session]


def test_when_every_contact_exercise_has_contact_the_load_phase_starts(cat: Catalogue) -> None:
    p = beginner_plan(cat)
    log = [entry(s, d, contact=8) for s in contact_slugs(p) for d in ("2026-11-16", "2026-11-18")]
    n = coach.next_session(cat, p, Profile(), log, TODAY)
    assert n.phase == "Load"
    assert any("progress by performance" in note for note in n.notes)


def test_pain_rests_the_exercise_two_weeks_and_offers_a_pain_free_regression(cat: Catalogue) -> None:
    p = planner.build(cat, cat.goals["glute-size"], Profile(level="intermediate"))
    session = p.weeks[0].sessions[0]
    sore = next(e.exercise for e in session.exercises if e.exercise.regressions)
    n = coach.next_session(cat, p, Profile(level="intermediate"), [entry(sore.slug, "2026-11-20", pain_score=5)], TODAY)
    change = next(c for c in n.changes if c.slug == sore.slug)
    assert change.action == "rest" and change.until == "2026-12-04"
    assert change.to is not None and change.to != sore.slug
    assert sore.slug not in [e.slug for e in n.next_session] and change.to in [e.slug for e in n.next_session]
    worse = coach.next_session(cat, p, Profile(level="intermediate"), [entry(sore.slug, "2026-11-20", note="knee worse next morning")], TODAY)
    assert next(c for c in worse.changes if c.slug == sore.slug).action == "rest"


def test_top_of_the_range_in_reserve_and_pain_free_adds_load(cat: Catalogue) -> None:
    p = planner.build(cat, cat.goals["glute-size"], Profile(level="intermediate"))
    item = p.weeks[0].sessions[0].exercises[0]
    top = item.reps[1]
    # both sessions last week, so the next session is this week's day 1, which holds the exercise
    done = entry(item.exercise.slug, "2026-11-18", reps=top, load=60.0, sets=3, rir=2)
    n = coach.next_session(cat, p, Profile(level="intermediate"), [entry(item.exercise.slug, "2026-11-16", reps=top - 2, load=60.0), done], TODAY)
    change = next(c for c in n.changes if c.slug == item.exercise.slug)
    assert change.action == "progress"
    planned = next(e for e in n.next_session if e.slug == item.exercise.slug)
    assert planned.load is not None and 60 * 1.025 <= planned.load <= 60 * 1.05
    short = coach.next_session(cat, p, Profile(level="intermediate"), [entry(item.exercise.slug, "2026-11-18", reps=top - 3, load=60.0, rir=2)], TODAY)
    assert next(c for c in short.changes if c.slug == item.exercise.slug).action == "keep"


def test_pain_on_two_exercises_in_a_week_advises_a_clinician(cat: Catalogue) -> None:
    p = beginner_plan(cat)
    log = [entry("glute-bridge", "2026-11-23", pain_score=4), entry("clamshell", "2026-11-24", pain_score=5)]
    n = coach.next_session(cat, p, Profile(), log, TODAY)
    assert any("See a clinician" in note for note in n.notes)
    assert any("saddle" in note for note in n.notes)
    one = coach.next_session(cat, p, Profile(), log[:1], TODAY)
    assert not any("See a clinician" in note for note in one.notes)


def test_plan_next_json_shape() -> None:
    runner = CliRunner()
    runner.invoke(app, ["log", "add", "glute-bridge", "--sets", "2", "--reps", "15", "--contact", "8", "--date", "2026-11-23"])
    result = runner.invoke(app, ["plan", "next", "--date", "2026-11-25", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"phase", "changes", "next_session", "notes"}
    assert all(set(c) == {"slug", "action", "to", "until", "reason"} for c in data["changes"])
    assert data["next_session"] and all(set(e) == {"slug", "name", "sets", "reps", "load"} for e in data["next_session"])
