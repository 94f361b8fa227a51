"""Scripted athletes who live through whole blocks of `plan next`: each asks for the next session, does it
the way it is scripted to (hit the top of the range, stall, miss a week, hurt, log no load...), logs it,
and comes back on its next training day. The harness is in-process and pure (core calls only), so a
block of 24-40 sessions costs milliseconds; test_athletes.py checks a coach's invariants at every session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from glutecoach.core import next_session as coach
from glutecoach.core import plan as planner
from glutecoach.core.models import Catalogue, Entry, Profile, SetRow
from glutecoach.core.record import NamedTuple
from glutecoach.core.training_state import loadable

START = dt.date(2026, 11, 2)  # a Monday


class Visit(NamedTuple):
    day: dt.date
    answer: coach.NextSession
    logged: tuple[Entry, ...]  # what the athlete logged after it


class Athlete(NamedTuple):
    """How one person trains: on which days, and what they log for each prescribed exercise."""

    name: str
    level: str = "intermediate"
    goal: str = "glute-size"
    equipment: frozenset[str] | None = None
    weeks: int = 8
    days: int = 3
    units: str = "kg"
    first_load: float = 40.0  # what they pick for a lift they have never done
    # (session number, exercise number, prescription) -> (reps per set, reps in reserve, pain, contact, note, load or None)
    does: Callable[
        [int, int, coach.NextExercise, Catalogue], tuple[list[int], int | None, int | None, int | None, str | None, float | None]
    ] = lambda k, i, x, cat: ([x.reps[1]] * x.sets, 2, 0, 8, None, x.load)
    gap_after: dict[int, int] = {}  # after session k, this many days off before the next
    history: tuple[Entry, ...] = ()  # logged before the plan starts (an import)
    saved: bool = True


def training_days(days: int) -> tuple[int, ...]:
    return planner.WEEKDAYS[days]


def next_day(a: Athlete, day: dt.date, k: int) -> dt.date:
    """The athlete's next training day after session k on `day` (Mon/Wed/Fri for three a week)."""
    if k in a.gap_after:
        day = day + dt.timedelta(days=a.gap_after[k])
    weekdays = training_days(a.days)
    d = day + dt.timedelta(days=1)
    while d.weekday() not in weekdays:
        d += dt.timedelta(days=1)
    return d


def live(cat: Catalogue, a: Athlete, sessions: int | None = None) -> list[Visit]:
    """Run the athlete through the block (or `sessions` visits); stop after the plan says it is done."""
    profile = Profile(level=a.level, equipment=a.equipment)
    plan = planner.build(cat, cat.goals[a.goal], profile, a.weeks, a.days)
    log: list[Entry] = list(a.history)
    visits: list[Visit] = []
    day = START
    limit = sessions or a.weeks * a.days + 12
    for k in range(limit):
        answer = coach.next_session(cat, plan, profile, log, day, START if a.saved else None, None, a.saved)
        logged = tuple(_log(cat, a, k, answer, day, len(log)))
        visits.append(Visit(day, answer, logged))
        if answer.plan_done:
            break
        log.extend(logged)
        day = next_day(a, day, k)
    return visits


def _log(cat: Catalogue, a: Athlete, k: int, answer: coach.NextSession, day: dt.date, first_id: int) -> list[Entry]:
    out: list[Entry] = []
    for i, x in enumerate(answer.next_session):
        reps, rir, pain, contact, note, load = a.does(k, i, x, cat)
        ex = cat.exercises[x.slug]
        if load is not None and load < 0:  # the athlete logs no load on purpose
            load = None
        elif load is None and loadable(ex) and x.load is None:
            load = a.first_load
        sets = tuple(SetRow(r, load) for r in reps)
        out.append(Entry(first_id + len(out) + 1, day.isoformat(), x.slug, sets, a.units, contact, pain, rir, note))
    return out


def steady(
    k: int, i: int, x: coach.NextExercise, cat: Catalogue
) -> tuple[list[int], int | None, int | None, int | None, str | None, float | None]:
    """Hits the top of the range on every set at 2 in reserve, pain-free, contact 8."""
    return [x.reps[1]] * x.sets, 2, 0, 8, None, x.load


def staller(
    k: int, i: int, x: coach.NextExercise, cat: Catalogue
) -> tuple[list[int], int | None, int | None, int | None, str | None, float | None]:
    """Never gets past the bottom of the range, at 1 in reserve."""
    return [x.reps[0]] * x.sets, 1, 0, 8, None, x.load
