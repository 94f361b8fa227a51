"""A plan's sessions on the calendar, and as the steps a watch shows: shared by render.fit and render.ics.

Dates: week w's session goes on the first day on or after the plan's start (plus w - 1 weeks) that falls on
the session's weekday. Without a saved plan the start is today.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from glutecoach.core.record import NamedTuple
from glutecoach.render.fit import Step

if TYPE_CHECKING:
    from glutecoach.core.next_session import NextSession
    from glutecoach.core.plan import Plan, PlannedExercise, Session

UNIT_WORD = {"reps": "reps", "seconds": "s", "metres": "m", "contacts": "contacts", "steps": "steps"}


class Dated(NamedTuple):
    week: int
    phase: str
    deload: bool
    session: Session
    day: dt.date
    uid: str  # the same for the same plan's session, whenever it is exported


def dose(sets: int, reps: tuple[int, int], unit: str, rest_s: int, per_side: bool = False) -> str:
    """'3 x 8-12 reps a side, rest 90 s'."""
    low, high = reps
    span = f"{low}" if low == high else f"{low}-{high}"
    side = " a side" if per_side else ""
    return f"{sets} x {span} {UNIT_WORD.get(unit, unit)}{side}, rest {rest_s} s"


def sessions(p: Plan, start: dt.date) -> list[Dated]:
    """Every session of the plan with its day, in order."""
    key = f"{p.goal.name}|{p.level}|{p.weeks_total}|{p.days_per_week}"
    out = []
    for w in p.weeks:
        monday = start + dt.timedelta(weeks=w.week - 1)
        for s in w.sessions:
            day = monday + dt.timedelta(days=(s.weekday - monday.weekday()) % 7)
            uid = hashlib.sha256(f"{key}|{w.week}|{s.day}".encode()).hexdigest()[:24] + "@glutecoach"
            out.append(Dated(w.week, w.phase, w.deload, s, day, uid))
    return out


def _step(e: PlannedExercise) -> Step:
    return Step(
        e.exercise.slug,
        e.exercise.name,
        e.sets,
        e.reps[0],
        e.unit,
        e.rest_s,
        e.warmup_sets,
        None,
        None,
        dose(e.sets, e.reps, e.unit, e.rest_s, e.per_side),
    )


def session_steps(s: Session) -> list[Step]:
    return [_step(e) for e in s.exercises]


def next_steps(n: NextSession) -> list[Step]:
    return [
        Step(
            e.slug,
            e.name,
            e.sets,
            e.reps[0],
            e.unit,
            e.rest_s,
            e.warmup_sets,
            e.load,
            e.load_unit,
            dose(e.sets, e.reps, e.unit, e.rest_s, e.per_side),
        )
        for e in n.next_session
    ]


def title(d: Dated) -> str:
    return f"glutecoach week {d.week} day {d.session.day}" + (" (deload)" if d.deload else "")


def fit_files(p: Plan, start: dt.date, created: dt.datetime) -> list[tuple[str, bytes]]:
    """(a name for the file, a FIT workout) for every session of the plan."""
    from glutecoach.render import fit

    return [(f"w{d.week:02d}-d{d.session.day}", fit.workout(title(d), session_steps(d.session), created)) for d in sessions(p, start)]


def fit_next(n: NextSession, created: dt.datetime) -> bytes:
    from glutecoach.render import fit

    return fit.workout(f"glutecoach week {n.week} day {n.day}", next_steps(n), created)
