"""What `plan next` answers, as data: the session, each exercise's line, each change with its reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from glutecoach.core.position import Position
from glutecoach.core.record import NamedTuple


class Change(NamedTuple):
    slug: str
    action: str  # progress | regress | rest | return | keep | deload | hold | lighter | ask-load | rerange
    to: str | None
    until: str | None
    reason: str
    trigger: str | None = None  # lighter weeks: scheduled | stalled | pain-rising


class NextExercise(NamedTuple):
    slug: str
    name: str
    sets: int
    reps: tuple[int, int]  # in `unit`
    load: float | None
    unit: str = "reps"
    per_side: bool = False
    rest_s: int = 0
    load_unit: str | None = None  # kg | lb, with `load`
    cue: str = ""
    warmup_sets: int = 0  # lighter ramp sets first (barbell lifts): shown, never counted
    note: str = ""  # a new lift's "start light", a declared condition's caution
    why: Mapping[str, Any] | None = None  # the state that decided it: working load, estimated 1RM, sessions


class PhaseChange(NamedTuple):
    before: str
    after: str
    changes: tuple[str, ...]


class NextSession(NamedTuple):
    phase: str
    week: int
    day: int
    changes: tuple[Change, ...]
    next_session: tuple[NextExercise, ...]
    notes: tuple[str, ...]
    deload: str | None = None  # the trigger, when the session is lighter
    phase_change: PhaseChange | None = None
    saved: bool = False  # follows a plan saved with `plan start`
    start: str = ""
    position: Position | None = None
    plan_done: bool = False
