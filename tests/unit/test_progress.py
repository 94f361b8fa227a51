"""Progress from the log, as a coach reads it: each measure per session, pain with its trend, loads in one
unit per exercise, and fractional sets per region per week against the level's target."""

from __future__ import annotations

import datetime as dt

import pytest

from glutecoach.core import progress, training_state
from glutecoach.core.models import Catalogue, Entry, SessionSummary, SetRow
from glutecoach.core.plan_model import hard_value
from glutecoach.core.units import LB_PER_KG
from glutecoach.core.vocab import REGIONS
from glutecoach.core.volume import SMALL_REGIONS, set_value


def entry(
    day: str,
    slug: str,
    sets: int,
    reps: int,
    load: float | None = None,
    units: str = "kg",
    contact: int | None = None,
    pain_score: int | None = None,
) -> Entry:
    return Entry(None, day, slug, tuple(SetRow(reps, load) for _ in range(sets)), units, contact, pain_score)


def test_pain_per_session_and_its_direction(cat: Catalogue) -> None:
    sessions = [
        SessionSummary("2026-11-17", "glute-bridge", 2, 3, 36, None, 4),
        SessionSummary("2026-11-20", "glute-bridge", 3, 3, 36, None, None),
        SessionSummary("2026-11-24", "glute-bridge", 3, 3, 36, None, 2),
        SessionSummary("2026-11-24", "hip-thrust", 6, 3, 30, 60.0),
    ]
    result = progress.summarise(cat, sessions, 4, "2026-11-09", until="2026-11-30")
    bridge, thrust = result.exercises
    assert bridge.pain_trend == (4, None, 2) and bridge.pain_direction == "falling"
    assert bridge.contact_trend == (2, 3, 3)
    assert thrust.pain_trend == (None,) and thrust.pain_direction == ""
    assert progress.direction([1, None, 3]) == "rising" and progress.direction([2, 2]) == "steady"


def test_a_session_summary_without_pain_still_works() -> None:
    assert SessionSummary("2026-11-17", "glute-bridge", 2, 3, 36, None).pain is None


def test_entries_give_each_session_and_stay_in_the_window(cat: Catalogue) -> None:
    entries = [
        entry("2026-11-01", "hip-thrust", 3, 10, 50),  # before the window
        entry("2026-11-24", "hip-thrust", 3, 10, 60, contact=6),
        entry("2026-11-30", "hip-thrust", 2, 8, 62.5, contact=7, pain_score=1),
        entry("2026-12-08", "hip-thrust", 3, 10, 70),  # after `until`
    ]
    result = progress.from_entries(cat, entries, 2, "2026-11-23", "2026-12-01", (6, 10))
    (thrust,) = result.exercises
    assert thrust.sessions == 2
    assert thrust.load_trend == (60, 62.5) and thrust.units == "kg"
    assert thrust.reps_trend == (30, 16)  # all reps of the session, not one set's
    assert thrust.contact_trend == (6, 7) and thrust.pain_trend == (None, 1)
    assert result.target == (6, 10) and result.until == "2026-12-01"


def test_loads_logged_in_two_units_are_shown_in_the_latest(cat: Catalogue) -> None:
    entries = [entry("2026-11-24", "hip-thrust", 3, 10, 100, "kg"), entry("2026-11-30", "hip-thrust", 3, 10, 225, "lb")]
    (thrust,) = progress.from_entries(cat, entries, 2, "2026-11-23", "2026-12-01").exercises
    assert thrust.units == "lb"
    assert thrust.load_trend[0] == pytest.approx(100 * LB_PER_KG, abs=0.1) and thrust.load_trend[1] == 225


@pytest.mark.parametrize("slug", ["back-squat", "hip-thrust", "side-lying-hip-abduction", "clamshell", "prone-heel-squeeze", "sprint"])
def test_progress_counts_sets_with_the_plans_formula(cat: Catalogue, slug: str) -> None:
    """Hard sets as a plan counts them: the fractional value of each working set of an exercise that can be
    taken close to failure; a clamshell (effort below 3) is practice and counts no hard set."""
    ex = cat.exercises[slug]
    result = progress.from_entries(cat, [entry("2026-11-24", slug, 4, 10)], 2, "2026-11-23", "2026-11-29")
    assert result.by_week[0].week == "2026-11-23"
    assert result.by_week[0].region_sets == {r: 4 * hard_value(ex, r) for r in REGIONS}
    large = [r for r in REGIONS if r not in SMALL_REGIONS]
    assert (sum(result.by_week[0].region_sets[r] for r in large) == 0) == (ex.effort < 3 or ex.pattern == "power")
    assert all(result.by_week[0].region_sets[r] == 4 * set_value(ex, r) for r in SMALL_REGIONS)  # direct sets, any effort
    if ex.effort >= 3:
        assert result.by_week[0].region_sets == {r: 4 * set_value(ex, r) for r in REGIONS}


def test_a_back_squat_is_a_full_glute_set(cat: Catalogue) -> None:
    squat = cat.exercises["back-squat"]
    assert set_value(squat, "gluteus-maximus-upper") == set_value(squat, "gluteus-maximus-lower") == 1.0


def test_this_week_is_the_week_of_until_even_when_empty(cat: Catalogue) -> None:
    logged = progress.from_entries(cat, [entry("2026-11-24", "hip-thrust", 3, 10)], 2, "2026-11-23", "2026-12-02")
    assert logged.this_week.week == "2026-11-30" and all(v == 0 for v in logged.this_week.region_sets.values())
    same = progress.from_entries(cat, [entry("2026-11-24", "hip-thrust", 3, 10)], 2, "2026-11-23", "2026-11-26")
    assert same.this_week == same.by_week[0]


def test_an_exercise_gone_from_the_catalogue_keeps_its_trend_but_adds_no_sets(cat: Catalogue) -> None:
    result = progress.from_entries(cat, [entry("2026-11-24", "retired-move", 3, 10)], 2, "2026-11-23", "2026-11-29")
    assert [t.slug for t in result.exercises] == ["retired-move"]
    assert all(v == 0 for v in result.by_week[0].region_sets.values())


def test_since_starts_on_a_monday_weeks_back() -> None:
    assert progress.since_for(1, dt.date(2026, 12, 3)) == "2026-11-30"
    assert progress.since_for(3, dt.date(2026, 11, 30)) == "2026-11-16"


def test_warm_ups_never_count_toward_the_top_load_or_the_estimate(cat: Catalogue) -> None:
    warm = Entry(None, "2026-11-24", "hip-thrust", (SetRow(5, 120, "warmup"), SetRow(8, 80), SetRow(8, 80)), "kg")
    (thrust,) = progress.from_entries(cat, [warm], 2, "2026-11-23", "2026-11-29").exercises
    assert thrust.load_trend == (80,) and thrust.reps_trend == (16,)
    assert thrust.e1rm_trend == (pytest.approx(80 * (1 + (8 + 2) / 30), abs=0.1),)  # no reserve logged: 2 assumed


def test_the_estimate_is_plan_nexts_counting_reps_in_reserve_capped_at_15() -> None:
    """One estimated 1RM everywhere (core.training_state): progress charts the number plan next decides with."""
    assert progress.estimated_1rm([SetRow(1, 100.0), SetRow(5, 90.0)], 0) == pytest.approx(105.0)  # a single is its own 1RM
    assert progress.estimated_1rm([SetRow(5, 90.0)], None) == pytest.approx(90 * (1 + 7 / 30), abs=0.1)  # 2 in reserve assumed
    assert progress.estimated_1rm([SetRow(20, 100.0)], 0) == pytest.approx(150.0)  # 20 to failure counts as 15
    assert progress.estimated_1rm([SetRow(5, None)], 1) is None
    entry = Entry(None, "2026-11-24", "hip-thrust", (SetRow(8, 80.0),), "kg", rir=1)
    assert progress.estimated_1rm(entry.counted_sets, entry.rir) == pytest.approx(training_state.e1rm(80.0, 8, 1), abs=0.05)


def test_a_record_beats_every_earlier_load() -> None:
    assert progress.records([60, 62.5, 62.5, None, 70, 65, 71]) == (1, 4, 6)
    assert progress.records([60]) == () and progress.records([]) == ()


def test_each_week_is_under_in_or_over_the_band() -> None:
    assert [progress.week_status(v, (10, 24)) for v in (9.5, 10, 24, 24.5)] == ["under", "in", "in", "over"]


def test_every_week_of_the_window_is_there_and_the_last_full_one_has_ended(cat: Catalogue) -> None:
    result = progress.from_entries(
        cat, [entry("2026-11-10", "hip-thrust", 3, 10, 60), entry("2026-11-24", "hip-thrust", 3, 10, 65)], 4, "2026-11-09", "2026-12-02"
    )
    assert [w.week for w in result.every_week] == ["2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"]
    assert all(v == 0 for v in result.every_week[1].region_sets.values())
    assert result.last_full_week.week == "2026-11-23"  # 2 Dec is a Wednesday: that week has not ended
    sunday = progress.from_entries(cat, [entry("2026-11-24", "hip-thrust", 3, 10)], 2, "2026-11-23", "2026-11-29")
    assert sunday.last_full_week.week == "2026-11-23"


def test_main_lifts_are_the_loaded_exercises_logged_most(cat: Catalogue) -> None:
    rows = [entry(f"2026-11-{d}", "hip-thrust", 3, 10, 60) for d in (10, 12, 14)]
    rows += [entry(f"2026-11-{d}", "back-squat", 3, 5, 80) for d in (11, 13)]
    rows += [
        entry("2026-11-15", "romanian-deadlift", 3, 5, 80),
        entry("2026-11-16", "glute-bridge", 3, 12),
        entry("2026-11-17", "glute-bridge", 3, 12),
    ]
    result = progress.from_entries(cat, rows, 4, "2026-11-09", "2026-11-30")
    assert [t.slug for t in result.main_lifts] == ["hip-thrust", "back-squat"]  # one loaded session is no trend


@pytest.mark.parametrize(
    ("typed", "profile", "expected"),
    [
        ("60", "kg", 60),
        ("60kg", "kg", 60),
        ("60 KG", "lb", 132.3),
        ("135lb", "kg", 61.2),
        ("135 lbs", "lb", 135),
        ("62,5", "kg", 62.5),
    ],
)
def test_a_load_is_read_with_its_unit_into_the_profile_unit(typed: str, profile: str, expected: float) -> None:
    from glutecoach.core.units import parse_load

    assert parse_load(typed, profile) == pytest.approx(expected)


@pytest.mark.parametrize("typed", ["", "kg", "60 stone", "-5", "60kg 2", "sixty"])
def test_a_load_that_is_not_one_says_what_is_accepted(typed: str) -> None:
    from glutecoach.core.units import parse_load

    with pytest.raises(ValueError, match="e.g. 60, 60kg, 135lb"):
        parse_load(typed, "kg")
