"""Choosing a week's sessions: one exercise per need (days take turns among close options and among the
patterns of a need), fillers by rank within the session's caps, then each session in a coach's order (ACSM
2009: power, the heaviest axial or floor-pull lift, the thrust or bridge, single-leg work, other compounds,
accessories) with its roles and ramp sets. Pure.
"""

from __future__ import annotations

from collections.abc import Callable

from glutecoach.core.dose import COMPOUND
from glutecoach.core.engine import Scored
from glutecoach.core.models import Catalogue, Exercise, Goal, Phase
from glutecoach.core.placing import meets_need
from glutecoach.core.plan_model import BARBELL, HARD_EFFORT, PlannedExercise, Week
from glutecoach.core.plan_rules import (
    HEAVY_HINGES_PER_WEEK,
    ROTATE_POINTS,
    SPINE_HEAVY,
    cue_for,
    dose_in,
    is_complex,
    is_heavy_hinge,
    is_loaded_thrust,
    tempo_for,
)
from glutecoach.core.record import NamedTuple
from glutecoach.core.vocab import PATTERN_CAP


class Pick(NamedTuple):
    need: int  # index in the goal's needs that its pattern meets; len(needs) for none
    item: Scored
    slot: bool = False  # chosen to cover that need (not as a filler)


class _Week:
    """The state that crosses days while a week is chosen: heavy hinges and their days."""

    def __init__(self, weekdays: tuple[int, ...]) -> None:
        self.weekdays = weekdays
        self.hinge_days: list[int] = []

    def hinge_ok(self, day: int) -> bool:
        wd = self.weekdays[day]
        return len(self.hinge_days) < HEAVY_HINGES_PER_WEEK and all(abs(self.weekdays[d] - wd) > 1 for d in self.hinge_days)


def _session_cap(goal: Goal, pattern: str) -> int:
    """How many exercises of a pattern a session holds: two, three of the goal's focus (its first need),
    never more than two power drills (few, done fresh and well), none where the goal has none."""
    cap = goal.pattern_cap.get(pattern, PATTERN_CAP)
    if not cap:
        return 0
    focus = bool(goal.needs) and pattern in goal.needs[0] and pattern != "power"
    return min(cap, 3 if focus else 2)


class Added(NamedTuple):
    """Needs a phase adds from another goal (a Contact phase's additions for the person's goal): from
    `first` on, the needs draw on that goal's ranking (`cands`) within its session caps."""

    first: int
    cands: list[Scored]
    goal: Goal


def choose_week(
    cands: list[Scored],
    needs: list[tuple[str, ...]],
    goal: Goal,
    phase: Phase,
    weekdays: tuple[int, ...],
    key: Callable[[Scored], float],
    added: Added | None = None,
) -> list[list[Pick]]:
    week = _Week(weekdays)
    return [_choose_day(d, week, cands, needs, goal, phase, key, added) for d in range(len(weekdays))]


def _fits(ex: Exercise, chosen: list[Pick], goal: Goal, phase: Phase, week: _Week, d: int) -> bool:
    """May day d take this exercise next to what it holds: no family twice, the pattern's cap, one loaded
    thrust or bridge outside Contact, two power drills of different kinds (a jump and a sprint, sled or swing),
    the weekly heavy-hinge budget."""
    if any(p.item.exercise.slug == ex.slug or p.item.exercise.family == ex.family for p in chosen):
        return False
    if sum(p.item.exercise.pattern == ex.pattern for p in chosen) >= _session_cap(goal, ex.pattern):
        return False
    if is_loaded_thrust(ex) and not phase.contact_check and any(is_loaded_thrust(p.item.exercise) for p in chosen):
        return False
    if ex.pattern == "power" and any(p.item.exercise.pattern == "power" and _jump(p.item.exercise) == _jump(ex) for p in chosen):
        return False  # two power drills differ in kind: a jump or bound (foot contacts) and a sprint, sled or swing
    return not (is_heavy_hinge(ex) and not week.hinge_ok(d))


def _jump(ex: Exercise) -> bool:
    """A jump, hop or bound: counted in foot contacts (a sprint, sled or swing is counted otherwise)."""
    return ex.unit == "contacts"


def _meeting(cands: list[Scored], need: tuple[str, ...], goal: Goal) -> list[Scored]:
    """A need's options in a loaded phase as `recommend` covers it (placing.meets_need): for a strength goal
    only work taken close to failure, where there is some (a goblet squat, not a sit-to-stand)."""
    hard = [s for s in cands if s.exercise.pattern in need and meets_need(s.exercise, goal)]
    return hard or cands


def _close_options(
    need: tuple[str, ...], d: int, cands: list[Scored], fits: Callable[[Scored], bool], key: Callable[[Scored], float], days: int
) -> list[Scored]:
    """The options for a need within ROTATE_POINTS of the best (never a drill where the best is real work);
    a need of several patterns takes turns by day (squat, then lunge, then squat)."""
    turn = need[d % len(need)]
    within = [s for s in cands if s.exercise.pattern == turn and fits(s)] or [s for s in cands if s.exercise.pattern in need]
    close: list[Scored] = []
    for s in within:
        if s.exercise.pattern not in need or not fits(s):
            continue
        if close and (key(s) < key(close[0]) - ROTATE_POINTS or len(close) == days):
            break
        if not close or s.exercise.effort >= min(2, close[0].exercise.effort):
            close.append(s)
    return close


def _choose_day(
    d: int,
    week: _Week,
    cands: list[Scored],
    needs: list[tuple[str, ...]],
    goal: Goal,
    phase: Phase,
    key: Callable[[Scored], float],
    added: Added | None = None,
) -> list[Pick]:
    """Day d: one exercise per need (days take turns among close options; an added need from its own
    goal's ranking), then fillers by rank."""
    chosen: list[Pick] = []

    def fits(s: Scored) -> bool:
        return _fits(s.exercise, chosen, goal, phase, week, d)

    def fits_added(s: Scored) -> bool:  # within the added goal's caps (a sprinter's hops, where Contact has none)
        return added is not None and _fits(s.exercise, chosen, added.goal, phase, week, d)

    def take(need: int, s: Scored, slot: bool = False) -> None:
        chosen.append(Pick(need, s, slot))
        if is_heavy_hinge(s.exercise):
            week.hinge_days.append(d)

    for i, need in enumerate(needs):
        if len(chosen) >= phase.exercises_per_session:
            break
        if not need_day(goal, i, d, len(week.weekdays)):
            continue
        if added is not None and i >= added.first:
            close = _close_options(need, d, added.cands, fits_added, key, len(week.weekdays))
        else:
            pool = cands if phase.contact_check else _meeting(cands, need, goal)
            close = _close_options(need, d, pool, fits, key, 1 if goal.same_lift else len(week.weekdays))
        if close:
            take(i, close[d % len(close)], True)
    focus = needs[0] if needs else ()
    for repeat in (False, True):  # fillers: the goal's focus or a pattern the session lacks first
        for s in cands:
            if len(chosen) >= phase.exercises_per_session:
                break
            if not fills(s.exercise, goal, phase) or (goal.need_days and need_of(s.exercise, needs) < len(needs)):
                continue
            if fits(s) and (repeat or s.exercise.pattern in focus or all(p.item.exercise.pattern != s.exercise.pattern for p in chosen)):
                take(need_of(s.exercise, needs), s)
    return chosen


def need_day(goal: Goal, need: int, day: int, days: int) -> bool:
    """Is day `day` one of the need's days: every day, or for a goal with `need_days` (strength: each lift
    about twice a week) that many days a week, the needs taking turns (3 days, 2 each: AB, AC, BC)."""
    return not goal.need_days or (day + need) % days < goal.need_days


def fills(ex: Exercise, goal: Goal, phase: Phase) -> bool:
    """May an exercise join a session beyond its needs (a filler, or a spare the volume adds): a pattern
    the goal allows, and for a goal built on lifts (`lift_sets`) in a loaded phase only work that counts
    as hard sets (effort 3 or more), never a practice drill dressed as strength work."""
    if not _session_cap(goal, ex.pattern):
        return False
    return not goal.lift_sets or phase.contact_check or ex.effort >= HARD_EFFORT


def need_of(ex: Exercise, needs: list[tuple[str, ...]]) -> int:
    return next((i for i, n in enumerate(needs) if ex.pattern in n), len(needs))


def order_day(picks: list[Pick], day: int, n_needs: int) -> list[Pick]:
    """Power first (the most complex while fresh), then compounds heaviest first (days take turns at
    which need leads), then accessories."""

    def key(p: Pick) -> tuple[int, int, int, int]:
        ex = p.item.exercise
        group = 0 if ex.pattern == "power" else 1 if ex.pattern in COMPOUND else 2
        turn = (p.need - day) % (n_needs + 1)
        return (group, -ex.complexity if group == 0 else -ex.load_potential, turn, -int(p.item.score * 10))

    return sorted(picks, key=key)


def planned(cat: Catalogue, picks: list[Pick], goal: Goal, phase: Phase, level: str, replaces: dict[int, str]) -> list[PlannedExercise]:
    out = []
    for i, p in enumerate(picks):
        ex = p.item.exercise
        d = dose_in(cat, ex, goal, phase, level)
        out.append(
            PlannedExercise(
                ex,
                min(d.sets, phase.sets),
                d.reps,
                tempo_for(ex, d.unit, phase),
                d.rest_s,
                cue_for(ex),
                d.unit,
                d.per_side,
                0,
                "accessory",
                replaces=replaces.get(i),
            )
        )
    return finish(out)


def order_group(ex: Exercise) -> int:
    """A session's order (ACSM 2009: multi-joint, heavier and more technical lifts first): power, the
    heaviest axial or floor-pull lift, the thrust or bridge, single-leg work, other compounds, accessories."""
    if ex.pattern == "power":
        return 0
    if ex.pattern in COMPOUND and set(SPINE_HEAVY) & set(ex.loads):
        return 1
    if ex.pattern == "bridge-thrust" and ex.pattern in COMPOUND:
        return 2
    if ex.pattern in COMPOUND and ex.stance in ("split", "single-leg"):
        return 3
    return 4 if ex.pattern in COMPOUND else 5


def finish(items: list[PlannedExercise]) -> list[PlannedExercise]:
    """A session in order (power, the heaviest compound, the other compounds, accessories; a stable sort
    keeps each day's turn), with its roles and its ramp sets; a new main lift takes the old one's sets."""
    old_main = next((e for e in items if e.role == "main"), None)
    order = sorted(
        range(len(items)),
        key=lambda i: (
            items[i].role != "warm-up",
            order_group(items[i].exercise),
            -items[i].exercise.complexity
            if order_group(items[i].exercise) == 0
            else -items[i].exercise.load_potential
            if order_group(items[i].exercise) < 5
            else 0,
            i,
        ),
    )
    out: list[PlannedExercise] = []
    main_done = ramped = False
    for i in order:
        e = items[i]
        g = order_group(e.exercise)
        role = "warm-up" if e.role == "warm-up" else "power" if g == 0 else "accessory" if g == 5 else "compound" if main_done else "main"
        main_done = main_done or role == "main"
        ramp = 0
        if any(x in BARBELL for x in e.exercise.equipment) and e.unit == "reps":
            ramp = 1 if ramped else (3 if e.reps[1] <= 8 else 2)
            ramped = True
        out.append(e._replace(role=role, warmup_sets=ramp))
    main = next((i for i, e in enumerate(out) if e.role == "main"), None)
    if main is not None and old_main is not None and out[main].exercise.slug != old_main.exercise.slug:
        was = next(i for i, e in enumerate(out) if e.exercise.slug == old_main.exercise.slug)
        if out[was].sets > out[main].sets:
            out[main], out[was] = out[main]._replace(sets=out[was].sets), out[was]._replace(sets=out[main].sets)
    return out


def mark_new(weeks: list[Week], level: str) -> list[Week]:
    """A complex lift is marked new (start light) in the first week it appears."""
    seen: set[str] = set()
    out = []
    for w in weeks:
        here = {e.exercise.slug for s in w.sessions for e in s.exercises}
        sessions = tuple(
            s._replace(exercises=tuple(e._replace(new=is_complex(e.exercise, level) and e.exercise.slug not in seen) for e in s.exercises))
            for s in w.sessions
        )
        out.append(w._replace(sessions=sessions))
        seen |= here
    return out
