"""What the log shows: per exercise, the trend of load, reps, contact and pain; per week, sets per region.

Pure: sessions (or entries) and the catalogue in, typed results out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from glutecoach.core.models import Catalogue, Entry, SessionSummary
from glutecoach.core.vocab import LB_PER_KG, REGIONS
from glutecoach.core.volume import set_value

PAIN_SCALE = (0, 10)
CONTACT_SCALE = (0, 10)


class ExerciseTrend(NamedTuple):
    slug: str
    name: str
    sessions: int
    load_trend: tuple[float | None, ...]  # heaviest set per session, oldest first, in `units`
    reps_trend: tuple[int, ...]  # total reps per session (all sets)
    contact_trend: tuple[int | None, ...]  # 0-10 as logged
    pain_trend: tuple[int | None, ...] = ()  # 0-10 as logged
    units: str = ""  # the load's unit: the one the exercise's latest logged load was in

    @property
    def pain_direction(self) -> str:
        """'rising', 'falling' or 'steady' from the first logged pain to the last ('' with fewer than two)."""
        return direction(self.pain_trend)


class WeekSets(NamedTuple):
    week: str  # the Monday that starts the week, YYYY-MM-DD
    region_sets: dict[str, float]


class Progress(NamedTuple):
    weeks: int
    since: str
    exercises: tuple[ExerciseTrend, ...]
    by_week: tuple[WeekSets, ...]
    target: tuple[int, int] = (6, 10)  # fractional sets per region a week, for the person's level
    until: str = ""  # the last day counted (YYYY-MM-DD)

    @property
    def this_week(self) -> WeekSets:
        """The week that holds `until` (zero sets when nothing was logged in it)."""
        start = monday(self.until) if self.until else (self.by_week[-1].week if self.by_week else self.since)
        for w in self.by_week:
            if w.week == start:
                return w
        return WeekSets(start, dict.fromkeys(REGIONS, 0.0))


def monday(day: str) -> str:
    d = dt.date.fromisoformat(day)
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def since_for(weeks: int, today: dt.date) -> str:
    start = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    return start.isoformat()


def direction(values: Sequence[float | None]) -> str:
    numbers = [v for v in values if v is not None]
    if len(numbers) < 2:
        return ""
    first, last = numbers[0], numbers[-1]
    return "rising" if last > first else "falling" if last < first else "steady"



def session_of(e: Entry) -> SessionSummary:
    """One entry reduced to what progress reads, with its pain; warm-ups count toward nothing."""
    counted = e.counted_sets  # warm-ups are left out of volume, reps and the top load
    loads = [s.load for s in counted if s.load is not None]
    return SessionSummary(e.date, e.slug, e.contact, len(counted), sum(s.reps for s in counted), max(loads) if loads else None,
                          e.pain_score)


def _convert(load: float | None, units: str, to: str) -> float | None:
    if load is None or units == to or not units or not to:
        return load
    return round(load * LB_PER_KG, 1) if to == "lb" else round(load / LB_PER_KG, 1)


def summarise(
    cat: Catalogue,
    sessions: Sequence[SessionSummary],
    weeks: int,
    since: str,
    *,
    units: Sequence[str] = (),
    target: tuple[int, int] = (6, 10),
    until: str = "",
) -> Progress:
    """`sessions` oldest first, all on or after `since`; `units[i]` is the load unit of sessions[i]
    (omitted: one unit throughout). An exercise's loads are shown in the unit of its latest load."""
    by_slug: dict[str, list[int]] = {}
    weekly: dict[str, dict[str, float]] = {}
    for i, e in enumerate(sessions):
        by_slug.setdefault(e.slug, []).append(i)
        week = weekly.setdefault(monday(e.date), dict.fromkeys(REGIONS, 0.0))
        ex = cat.exercises.get(e.slug)
        if ex is None:
            continue  # an exercise since removed from the catalogue still shows in the log
        for region in REGIONS:
            week[region] += e.sets * set_value(ex, region)
    trends = []
    for slug, rows in sorted(by_slug.items()):
        items = [sessions[i] for i in rows]
        unit_of = [units[i] if i < len(units) else "" for i in rows]
        shown = next((u for s, u in zip(reversed(items), reversed(unit_of), strict=True) if s.top_load is not None and u), "")
        trends.append(
            ExerciseTrend(
                slug,
                cat.exercises[slug].name if slug in cat.exercises else slug,
                len(items),
                tuple(_convert(s.top_load, u, shown) for s, u in zip(items, unit_of, strict=True)),
                tuple(s.reps for s in items),
                tuple(s.contact for s in items),
                tuple(s.pain for s in items),
                shown,
            )
        )
    by_week = tuple(WeekSets(w, weekly[w]) for w in sorted(weekly))
    return Progress(weeks, since, tuple(trends), by_week, target, until)


def from_entries(
    cat: Catalogue, entries: Sequence[Entry], weeks: int, since: str, until: str, target: tuple[int, int] = (6, 10)
) -> Progress:
    """Progress from log entries (any order) between `since` and `until`, both included."""
    kept = sorted((e for e in entries if since <= e.date <= until and e.counted_sets), key=lambda e: (e.date, e.id or 0))
    return summarise(cat, [session_of(e) for e in kept], weeks, since, units=[e.units for e in kept], target=target, until=until)
