"""Scripted athletes live through whole blocks of `plan next` (tests/unit/athletes.py), and a coach's
invariants are checked at every session. Each invariant is a named function that lists what it found
wrong; each athlete must finish with none. A mutated threshold in the next-session modules (the lighter
load, the spacing, the gap days, the stall rule, the set bound, the pain rest) breaks one of them."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest
from athletes import START, Athlete, Visit, live, staller, steady

from glutecoach.core import pain
from glutecoach.core import plan as planner
from glutecoach.core.models import Catalogue, Entry, Profile, SetRow
from glutecoach.core.next_session import NextExercise, rested_by
from glutecoach.core.training_state import loadable

NO_LOAD = -1.0
Done = tuple[list[int], int | None, int | None, int | None, str | None, float | None]
STEP = {"kg": 2.5, "lb": 5.0}
Check = Callable[[Catalogue, Athlete, list[Visit]], list[str]]


def _lighter_runs(visits: list[Visit]) -> list[list[int]]:
    """The visits of each lighter week, as runs of indexes."""
    runs: list[list[int]] = []
    for i, v in enumerate(visits):
        if v.answer.deload is not None:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    return runs


def _working_before(visits: list[Visit], until: int, slug: str) -> float | None:
    """The heaviest load logged for a slug in the working (not lighter) visits before `until`."""
    loads = [
        s.load
        for v in visits[:until]
        if v.answer.deload is None
        for e in v.logged
        if e.slug == slug
        for s in e.sets
        if s.load is not None and s.load > 0 and not pain.hurt(e)
    ]
    return max(loads[-3:]) if loads else None


def one_lighter_load_per_lighter_week(cat: Catalogue, a: Athlete, visits: list[Visit]) -> list[str]:
    bad = []
    for run in _lighter_runs(visits):
        seen: dict[str, float] = {}
        for i in run:
            for x in visits[i].answer.next_session:
                if x.load is None:
                    continue
                if x.slug in seen and seen[x.slug] != x.load:
                    bad.append(f"{visits[i].day} {x.slug}: lighter load {seen[x.slug]} then {x.load} in one lighter week")
                seen.setdefault(x.slug, x.load)
                before = _working_before(visits, run[0], x.slug)
                if before is not None and x.load < 0.85 * before - 1e-9:
                    bad.append(f"{visits[i].day} {x.slug}: lighter load {x.load} under 85% of the working {before}")
    return bad


def resume_at_working_loads(cat: Catalogue, a: Athlete, visits: list[Visit]) -> list[str]:
    bad = []
    for run in _lighter_runs(visits):
        after = run[-1] + 1
        pos = visits[after].answer.position if after < len(visits) else None
        if after >= len(visits) or (pos is not None and (pos.gap_days or 0) >= 7):
            continue
        for x in visits[after].answer.next_session:
            before = _working_before(visits, run[0], x.slug)
            if x.load is not None and before is not None and x.load < before - STEP[a.units] - 1e-9:
                bad.append(f"{visits[after].day} {x.slug}: resumes at {x.load}, under the working {before}")
    return bad


def no_lighter_week_first_in_a_phase(cat: Catalogue, a: Athlete, visits: list[Visit]) -> list[str]:
    plan = planner.build(cat, cat.goals[a.goal], _profile(a), a.weeks, a.days)
    firsts = {span.weeks[0] for span in plan.phases}
    return [
        f"{v.day}: week {v.answer.week} opens its phase with a lighter week ({v.answer.deload})"
        for v in visits
        if v.answer.deload is not None and v.answer.week in firsts
    ]


def lighter_weeks_spaced(cat: Catalogue, a: Athlete, visits: list[Visit]) -> list[str]:
    starts = [run[0] for run in _lighter_runs(visits)]
    return [
        f"{visits[j].day}: lighter weeks {j - i} sessions apart (under three weeks)"
        for i, j in itertools.pairwise(starts)
        if j - i < 3 * a.days
    ]


def the_plan_ends(cat: Catalogue, a: Athlete, visits: list[Visit]) -> list[str]:
    last = visits[-1].answer
    if not last.plan_done:
        return [f"still not done after {len(visits)} visits (week {last.week})"]
    return [] if any("plan is done" in n for n in last.notes) else ["done, but no note says so"]


def no_rise_after_a_gap(cat: Catalogue, a: Athlete, visits: list[Visit]) -> list[str]:
    bad = []
    for i, v in enumerate(visits):
        if not v.answer.position or (v.answer.position.gap_days or 0) < 7:
            continue
        for x in v.answer.next_session:
            before = _working_before(visits, i, x.slug)
            if x.load is not None and before is not None and x.load > before + 1e-9:
                bad.append(f"{v.day} {x.slug}: {x.load} after a {v.answer.position.gap_days}-day gap, above the last {before}")
    return bad


def pain_rests_the_pattern(cat: Catalogue, a: Athlete, visits: list[Visit]) -> list[str]:
    bad = []
    for i, v in enumerate(visits):
        for e in v.logged:
            if not pain.hurt(e):
                continue
            rested = rested_by(cat, cat.exercises[e.slug])
            until = dt.date.fromisoformat(e.date) + dt.timedelta(days=14)
            for later in visits[i + 1 :]:
                if later.day > until:
                    break
                bad += [
                    f"{later.day} {x.slug}: prescribed within 14 days of {e.slug} hurting ({e.note or e.pain_score})"
                    for x in later.answer.next_session
                    if x.slug in rested
                ]
    return bad


def sets_bounded(cat: Catalogue, a: Athlete, visits: list[Visit]) -> list[str]:
    plan = planner.build(cat, cat.goals[a.goal], _profile(a), a.weeks, a.days)
    most: dict[str, int] = {}
    for w in plan.weeks:
        for s in w.sessions:
            for e in s.exercises:
                most[e.exercise.slug] = max(most.get(e.exercise.slug, 0), e.sets)
    return [
        f"{v.day} {x.slug}: {x.sets} sets, the plan's most is {most.get(x.slug, 3)}"
        for v in visits
        for x in v.answer.next_session
        if not loadable(cat.exercises[x.slug]) and x.sets > most.get(x.slug, 3) + 1
    ]


def no_start_light_for_known_lifts(cat: Catalogue, a: Athlete, visits: list[Visit]) -> list[str]:
    known = {e.slug for e in a.history}
    bad = []
    for v in visits:
        bad += [
            f"{v.day} {x.slug}: 'start light' for a lift already logged"
            for x in v.answer.next_session
            if "start light" in x.note and x.slug in known
        ]
        known |= {e.slug for e in v.logged}
    return bad


def loads_never_fall_below_the_start(cat: Catalogue, a: Athlete, visits: list[Visit]) -> list[str]:
    """For athletes who never hurt and never stop: no lift ends the block below where it started."""
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    for v in visits:
        if v.answer.deload is not None:
            continue
        for x in v.answer.next_session:
            if x.load is not None:
                first.setdefault(x.slug, x.load)
                last[x.slug] = x.load
    return [f"{slug}: {last[slug]} at the end, {first[slug]} at the start" for slug in first if last[slug] < first[slug]]


def no_sets_added_to_a_lift_without_a_load(cat: Catalogue, a: Athlete, visits: list[Visit]) -> list[str]:
    return [
        f"{v.day} {c.slug}: '{c.action}' for a loaded lift logged without a load"
        for v in visits[1:]
        for c in v.answer.changes
        if loadable(cat.exercises[c.slug]) and c.action == "progress" and c.to is None and "add load" not in c.reason
    ]


def _profile(a: Athlete) -> Profile:
    return Profile(level=a.level, equipment=a.equipment)


COMMON: list[Check] = [
    one_lighter_load_per_lighter_week,
    resume_at_working_loads,
    no_lighter_week_first_in_a_phase,
    lighter_weeks_spaced,
    no_rise_after_a_gap,
    pain_rests_the_pattern,
    sets_bounded,
    no_start_light_for_known_lifts,
]


# --- the athletes --------------------------------------------------------------------------------------


def no_loads(k: int, i: int, x: NextExercise, cat: Catalogue) -> Done:
    return [x.reps[1]] * x.sets, 2, 0, 8, None, NO_LOAD if loadable(cat.exercises[x.slug]) else None


def back_flare(k: int, i: int, x: NextExercise, cat: Catalogue) -> Done:
    scores = {9: 2, 10: 3, 12: 4}  # a missed week between the 3 and the 4
    score = scores.get(k) if i == 0 else None
    return [x.reps[1]] * x.sets, 2, score if score is not None else 0, 8, "low back ache" if score else None, x.load


def sharp_thigh(k: int, i: int, x: NextExercise, cat: Catalogue) -> Done:
    hinge = cat.exercises[x.slug].pattern == "hinge"
    return (
        [x.reps[1]] * x.sets,
        2,
        3 if (k == 7 and hinge) else 0,
        8,
        "sharp pain in the back of the thigh" if (k == 7 and hinge) else None,
        x.load,
    )


def low_contact(k: int, i: int, x: NextExercise, cat: Catalogue) -> Done:
    return [x.reps[1]] * x.sets, 3, 0, 2 if k < 6 else 8, None, x.load


def a_year_of_history() -> tuple[Entry, ...]:
    out = []
    day = START - dt.timedelta(weeks=51)
    k = 0
    while day < START - dt.timedelta(days=2):
        out.append(Entry(None, day.isoformat(), "hip-thrust", (SetRow(10, 62.5 + 2.5 * (k // 4)),) * 3, "kg", None, None, 2))
        out.append(Entry(None, day.isoformat(), "back-squat", (SetRow(8, 50 + 2.5 * (k // 6)),) * 3, "kg", None, None, 2))
        k += 1
        day += dt.timedelta(days=3 if k % 2 else 4)
    return tuple(out)


def _noload_lb(a: Athlete) -> Athlete:
    return a


ATHLETES = [
    Athlete("steady responder", does=steady),
    Athlete("staller", does=staller),
    Athlete("missed week", does=steady, gap_after={11: 10}),
    Athlete("three weeks off", does=steady, gap_after={11: 21}),
    Athlete("back pain flare across a gap", does=back_flare, gap_after={10: 10}),
    Athlete("sharp thigh pain on a hinge", does=sharp_thigh),
    Athlete("loaded lifts logged without loads", does=no_loads),
    Athlete("band-only beginner", level="beginner", equipment=frozenset({"band"}), does=steady),
    Athlete("beginner whose contact stays low", level="beginner", does=low_contact),
    Athlete("a year of imported history", does=steady, history=a_year_of_history()),
    Athlete("pounds", does=steady, units="lb", first_load=95.0),
    Athlete("advanced steady", level="advanced", does=steady),
    Athlete("beginner steady", level="beginner", does=steady),
]


@pytest.fixture(scope="module")
def lived(cat: Catalogue) -> dict[str, list[Visit]]:
    return {a.name: live(cat, a) for a in ATHLETES}


@pytest.mark.parametrize("athlete", ATHLETES, ids=[a.name for a in ATHLETES])
def test_no_invariant_breaks_at_any_session(cat: Catalogue, lived: dict[str, list[Visit]], athlete: Athlete) -> None:
    visits = lived[athlete.name]
    broken = {check.__name__: found for check in COMMON if (found := check(cat, athlete, visits))}
    assert not broken, broken


@pytest.mark.parametrize(
    "name", ["steady responder", "staller", "missed week", "pounds", "advanced steady", "beginner steady", "a year of imported history"]
)
def test_the_plan_ends_and_says_what_it_gained(cat: Catalogue, lived: dict[str, list[Visit]], name: str) -> None:
    athlete = next(a for a in ATHLETES if a.name == name)
    assert not the_plan_ends(cat, athlete, lived[name])
    if name != "staller":
        assert "What it gained" in " ".join(lived[name][-1].answer.notes)


@pytest.mark.parametrize("name", ["steady responder", "pounds", "advanced steady", "a year of imported history"])
def test_a_steady_lifter_ends_every_lift_at_or_above_its_start(cat: Catalogue, lived: dict[str, list[Visit]], name: str) -> None:
    athlete = next(a for a in ATHLETES if a.name == name)
    assert not loads_never_fall_below_the_start(cat, athlete, lived[name])


def test_a_steady_lifter_gets_only_the_scheduled_lighter_weeks(lived: dict[str, list[Visit]]) -> None:
    triggers = {v.answer.deload for v in lived["steady responder"]} - {None}
    assert triggers == {"scheduled"}


def test_a_staller_gets_a_lighter_week_then_resumes(lived: dict[str, list[Visit]]) -> None:
    visits = lived["staller"]
    assert any(v.answer.deload == "stalled" for v in visits), [v.answer.deload for v in visits]


def test_loads_without_a_load_are_asked_for_never_padded_with_sets(cat: Catalogue, lived: dict[str, list[Visit]]) -> None:
    visits = lived["loaded lifts logged without loads"]
    asks = [c for v in visits for c in v.answer.changes if c.action == "ask-load"]
    assert asks and all("log the load" in c.reason for c in asks)
    assert not no_sets_added_to_a_lift_without_a_load(cat, ATHLETES[6], visits)


def test_rising_low_back_pain_across_a_gap_lightens_spine_loaded_lifts_and_sends_to_a_clinician(
    cat: Catalogue, lived: dict[str, list[Visit]]
) -> None:
    visits = lived["back pain flare across a gap"]
    after = next(i for i, v in enumerate(visits) if any(e.pain_score == 4 for e in v.logged)) + 1
    answer = visits[after].answer
    assert any("See a clinician" in n for n in answer.notes), answer.notes
    spine = [x for x in answer.next_session if {"heavy-axial-load", "floor-pull"} & set(cat.exercises[x.slug].loads)]
    assert not any(c.action == "progress" for c in answer.changes if c.slug in {x.slug for x in spine})


def test_sharp_thigh_pain_on_a_hinge_rests_every_straight_knee_hinge_and_says_when_to_see_someone(
    cat: Catalogue, lived: dict[str, list[Visit]]
) -> None:
    visits = lived["sharp thigh pain on a hinge"]
    i = next(i for i, v in enumerate(visits) if any(pain.sharp(e) for e in v.logged))
    following = visits[i + 1 : i + 6]
    assert following
    for v in following:
        assert not [x.slug for x in v.answer.next_session if "straight-knee-hip-flexion" in cat.exercises[x.slug].loads]
    assert any("sharp pain" in n for n in following[0].answer.notes)


def test_a_beginner_with_low_contact_is_moved_to_drills_as_easy_to_feel(cat: Catalogue, lived: dict[str, list[Visit]]) -> None:
    visits = lived["beginner whose contact stays low"]
    regress = [c for v in visits for c in v.answer.changes if c.action == "regress"]
    assert regress
    assert all(cat.exercises[c.to].contact_ease >= cat.exercises[c.slug].contact_ease for c in regress if c.to)


def test_imported_history_starts_each_known_lift_from_its_working_load(lived: dict[str, list[Visit]]) -> None:
    history = a_year_of_history()
    last = {e.slug: e.sets[0].load or 0.0 for e in history}
    first: dict[str, float] = {}
    for v in lived["a year of imported history"]:
        for x in v.answer.next_session:
            if x.slug in last and x.load is not None:
                first.setdefault(x.slug, x.load)
    assert first, "no known lift was prescribed"
    for slug, load in first.items():
        assert load >= 0.8 * last[slug], (slug, load, last[slug])


def test_pounds_stay_pounds_on_the_five_pound_grid(lived: dict[str, list[Visit]]) -> None:
    for v in lived["pounds"]:
        for x in v.answer.next_session:
            if x.load is not None:
                assert x.load_unit == "lb" and x.load % 5 == 0, x
