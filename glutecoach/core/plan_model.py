"""The plan as data: what a plan, a week, a session and a planned exercise are, the choice a person
saves with `plan start`, and how a week's sets are counted and a session timed. Pure and small: the
builder (core.plan) makes these, the renderers print them, `plan next` follows them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from glutecoach.core.models import Exercise, Goal, Phase, Profile
from glutecoach.core.record import NamedTuple
from glutecoach.core.vocab import REGIONS
from glutecoach.core.volume import HARD_EFFORT, SET_RULE, hard_set_values, set_values

BARBELL = ("barbell", "trap-bar")  # lifts that get ramp sets before the working sets
LOAD_STEPS = {"kg": 2.5, "lb": 5.0}  # the smallest load change, by default (a saved plan may set its own)
# Work per set in seconds, by unit, for a session's length (rest between sets is the dose's).
WORK_S: dict[str, Callable[[int], float]] = {
    "reps": lambda n: 3.0 * n,
    "seconds": float,
    "contacts": lambda n: 2.0 * n + 10,
    "metres": lambda n: 0.4 * n + 10,
    "steps": lambda n: 1.2 * n,
}
WARM_UP_S, CHANGEOVER_S, RAMP_SET_S = 300, 120, 90  # a general warm-up; moving and setting up; a ramp set


class PlannedExercise(NamedTuple):
    exercise: Exercise
    sets: int  # working sets
    reps: tuple[int, int]  # in `unit`
    tempo: str
    rest_s: int
    cue: str
    unit: str = "reps"
    per_side: bool = False
    warmup_sets: int = 0  # lighter ramp sets first: shown, never counted
    role: str = "accessory"  # power | main | compound | accessory
    new: bool = False  # a complex lift's first week: start light
    replaces: str | None = None  # the slug it stands in for (see Plan.substitutions)
    note: str = ""


class Session(NamedTuple):
    day: int
    exercises: tuple[PlannedExercise, ...]
    minutes: int = 0  # about, warm-up included
    weekday: int = 0  # 0 Monday

    @property
    def contacts(self) -> int:
        """Foot contacts at the top of the ranges (both legs for one-legged drills)."""
        return sum(e.sets * e.reps[1] * (2 if e.per_side else 1) for e in self.exercises if e.unit == "contacts")


class Week(NamedTuple):
    week: int
    phase: str
    deload: bool
    region_sets: dict[str, float]  # fractional sets per region, every working set
    sessions: tuple[Session, ...]
    hard_sets: dict[str, float] = {}  # the same, counting only exercises at effort 3 or more
    practice_sets: int = 0  # sets of contact and activation drills (effort 1-2), counted apart


class Substitution(NamedTuple):
    wanted: str
    used: str
    reason: str
    weeks: tuple[int, ...] = ()  # the weeks `used` stands in for `wanted`


class PhaseSpan(NamedTuple):
    phase: Phase
    goal: str  # whose ranking and dose
    weeks: tuple[int, ...]
    changes: tuple[str, ...] = ()  # what changes on entering it


class Plan(NamedTuple):
    level: str
    goal: Goal
    weeks_total: int
    days_per_week: int
    phases: tuple[PhaseSpan, ...]
    weeks: tuple[Week, ...]
    substitutions: tuple[Substitution, ...]
    notes: tuple[str, ...]
    weekly_sets: tuple[int, int] = (6, 10)  # target fractional sets a week per target region
    targets: tuple[str, ...] = ()  # the goal's target regions (weight >= 0.2)
    minutes: tuple[int, int] = (20, 40)  # session length bounds
    set_rule: str = SET_RULE
    ranges: dict[str, tuple[int, int]] = {}  # per target region: hard sets a week, from the start to the ceiling
    volume_source: str = ""  # where the weekly range comes from


class PlanChoice(NamedTuple):
    """The plan a person chose with `plan start` (saved by glutecoach.store.saved_plan): its options,
    its first day and the smallest load change per unit, which `plan next` rounds loads to."""

    level: str
    goal: str
    weeks: int = 8
    days_per_week: int = 3
    equipment: tuple[str, ...] | None = None  # None: everything; (): body weight only
    pains: tuple[str, ...] = ()
    start: str = ""  # YYYY-MM-DD
    load_step: tuple[tuple[str, float], ...] = tuple(LOAD_STEPS.items())  # (unit, step)
    contact: bool = True  # False: the Contact phase is left out (the log showed the lifter past it)

    @property
    def profile(self) -> Profile:
        return Profile(self.level, None if self.equipment is None else frozenset(self.equipment), self.pains)

    @property
    def steps(self) -> dict[str, float]:
        return {**LOAD_STEPS, **dict(self.load_step)}

    def as_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "level": self.level,
            "goal": self.goal,
            "weeks": self.weeks,
            "days_per_week": self.days_per_week,
            "equipment": None if self.equipment is None else list(self.equipment),
            "pains": list(self.pains),
            "start": self.start,
            "load_step": self.steps,
            "contact": self.contact,
        }


# --- counting, dosing, timing ---------------------------------------------------------------------


def region_sets(sessions: Sequence[Session]) -> dict[str, float]:
    totals = [0.0] * len(REGIONS)
    for s in sessions:
        for e in s.exercises:
            for i, v in enumerate(set_values(e.exercise)):
                totals[i] += e.sets * v
    return dict(zip(REGIONS, totals, strict=True))


def hard_value(ex: Exercise, region: str) -> float:
    """What one working set counts as a hard set for a region (core.volume.hard_set_values)."""
    return hard_set_values(ex)[REGIONS.index(region)]


def hard_sets(sessions: Sequence[Session]) -> dict[str, float]:
    """A week's hard sets per region, as progress counts a logged week (warm-up drills count nothing)."""
    totals = [0.0] * len(REGIONS)
    for s in sessions:
        for e in s.exercises:
            if e.role != "warm-up":
                for i, v in enumerate(hard_set_values(e.exercise)):
                    totals[i] += e.sets * v
    return dict(zip(REGIONS, totals, strict=True))


def practice_sets(sessions: Sequence[Session]) -> int:
    return sum(
        e.sets
        for s in sessions
        for e in s.exercises
        if (e.exercise.effort < HARD_EFFORT or e.role == "warm-up") and e.exercise.pattern != "power"
    )


def session_seconds(items: Sequence[PlannedExercise]) -> float:
    total = float(WARM_UP_S)
    for e in items:
        work = WORK_S.get(e.unit, WORK_S["reps"])(e.reps[1])
        if e.per_side:
            work = 2 * work + 10
        total += e.warmup_sets * RAMP_SET_S + e.sets * work + max(0, e.sets - 1) * e.rest_s + CHANGEOVER_S
    return total


def minutes_of(items: Sequence[PlannedExercise]) -> int:
    return round(session_seconds(items) / 60)
