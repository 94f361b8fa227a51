"""Your place in the plan, from the sessions you did rather than the calendar.

The next session is the one after the last one you logged; a week is done when its sessions are (a week
of three sessions logged over ten days is still one plan week). The Contact phase lasts until contact is
found (every Contact exercise rated 7 or more twice in a row), then the first loaded week follows. The
time since your last session is kept as a gap: the decisions read it (back after 7-13 days: repeat the
last working loads; after 14 or more: lighter, then progress). Pure: the plan's shape and the days
trained in; Placed sessions and a Position out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from glutecoach.core.record import NamedTuple

GAP_HOLD_DAYS = 7  # away this long: repeat the last working loads
GAP_LIGHTER_DAYS = 14  # away this long: about 5-10% lighter, then progress


class Shape(NamedTuple):
    """What position needs of a plan: its weeks, sessions a week, and which weeks are Contact."""

    weeks_total: int
    days_per_week: int
    contact_weeks: tuple[int, ...]  # plan weeks of the Contact phase (empty: none)
    phase_of: tuple[str, ...]  # the phase name of each plan week, week 1 first
    rolling: bool = False  # no saved plan: a default block that starts again when done


class Position(NamedTuple):
    week: int  # 1-based plan week
    day: int  # 1-based session of that week
    phase: str
    sessions_done: int  # sessions logged since the plan's start
    gap_days: int | None  # days since the last session logged (None: none yet)
    plan_done: bool
    place: int  # the session's place in the plan (0-based), counting from the start or the end of Contact


def _week_of(shape: Shape, index: int, after_contact: bool) -> tuple[int, int, bool]:
    """(week, day, done) for the index-th session: in Contact while contact is not found, else counted
    from the first loaded week."""
    days = shape.days_per_week
    if shape.contact_weeks and not after_contact:
        k = min(index // days, len(shape.contact_weeks) - 1)
        return shape.contact_weeks[k], index % days + 1, False
    first = shape.contact_weeks[-1] + 1 if shape.contact_weeks else 1
    loaded = shape.weeks_total - first + 1
    if loaded <= 0:
        return shape.weeks_total, index % days + 1, index >= shape.weeks_total * days
    if shape.rolling:
        index %= loaded * days
    week = first + index // days
    return min(week, shape.weeks_total), index % days + 1, week > shape.weeks_total


def placed(shape: Shape, session_days: Sequence[str], contact_found: str | None) -> list[tuple[str, int]]:
    """(day, plan week) for every session logged, in order."""
    out = []
    before = after = 0
    for d in session_days:
        loaded = contact_found is not None and d > contact_found
        index = after if loaded or not shape.contact_weeks else before
        week, _, _ = _week_of(shape, index, loaded or not shape.contact_weeks)
        out.append((d, week))
        if loaded or not shape.contact_weeks:
            after += 1
        else:
            before += 1
    return out


def position(shape: Shape, session_days: Sequence[str], contact_found: str | None, today: dt.date) -> Position:
    """Where the next session is, after every session logged on or before `today`."""
    until = today.isoformat()
    done = [d for d in session_days if d <= until]
    in_contact = bool(shape.contact_weeks) and contact_found is None
    if shape.contact_weeks and contact_found is not None:
        index = sum(1 for d in done if d > contact_found)
    else:
        index = len(done)
    week, day, finished = _week_of(shape, index, not in_contact)
    gap = (today - dt.date.fromisoformat(done[-1])).days if done else None
    return Position(week, day, shape.phase_of[week - 1], len(done), gap, finished, index)


def phase_start(shape: Shape, week: int) -> bool:
    """Is this plan week the first of its phase?"""
    return week == 1 or shape.phase_of[week - 2] != shape.phase_of[week - 1]
