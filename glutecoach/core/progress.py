"""What the log shows: per exercise, the trend of load, reps and contact; per week, sets per region.

Pure: entries and the catalogue in, typed results out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from glutecoach.core.models import SessionSummary
from glutecoach.core.models import Catalogue
from glutecoach.core.vocab import PRIME_MOVER, REGIONS, SYNERGIST


class ExerciseTrend(NamedTuple):
    slug: str
    name: str
    sessions: int
    load_trend: tuple[float | None, ...]  # heaviest set per session, oldest first
    reps_trend: tuple[int, ...]  # total reps per session
    contact_trend: tuple[int | None, ...]


class WeekSets(NamedTuple):
    week: str  # the Monday that starts the week, YYYY-MM-DD
    region_sets: dict[str, float]


class Progress(NamedTuple):
    weeks: int
    since: str
    exercises: tuple[ExerciseTrend, ...]
    by_week: tuple[WeekSets, ...]


def monday(day: str) -> str:
    d = dt.date.fromisoformat(day)
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def since_for(weeks: int, today: dt.date) -> str:
    start = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    return start.isoformat()


def summarise(cat: Catalogue, sessions: Sequence[SessionSummary], weeks: int, since: str) -> Progress:
    """`sessions` oldest first, all on or after `since`."""
    by_slug: dict[str, list[SessionSummary]] = {}
    weekly: dict[str, dict[str, float]] = {}
    for e in sessions:
        by_slug.setdefault(e.slug, []).append(e)
        week = weekly.setdefault(monday(e.date), dict.fromkeys(REGIONS, 0.0))
        ex = cat.exercises.get(e.slug)
        if ex is None:
            continue  # an exercise since removed from the catalogue still shows in the log
        for region in REGIONS:
            score = ex.scores[region]
            week[region] += e.sets * (1.0 if score >= PRIME_MOVER else 0.5 if score >= SYNERGIST else 0.0)
    trends = [
        ExerciseTrend(
            slug,
            cat.exercises[slug].name if slug in cat.exercises else slug,
            len(items),
            tuple(e.top_load for e in items),
            tuple(e.reps for e in items),
            tuple(e.contact for e in items),
        )
        for slug, items in sorted(by_slug.items())
    ]
    by_week = tuple(WeekSets(w, weekly[w]) for w in sorted(weekly))
    return Progress(weeks, since, tuple(trends), by_week)
