"""What the log shows: per exercise, the trend of load, reps, contact and pain; per week, sets per region.

Pure: sessions (or entries) and the catalogue in, typed results out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from glutecoach.core.models import Catalogue, Entry, SessionSummary, SetRow
from glutecoach.core.record import NamedTuple
from glutecoach.core.training_state import best_e1rm
from glutecoach.core.units import convert
from glutecoach.core.vocab import REGIONS
from glutecoach.core.volume import hard_set_values

PAIN_SCALE = (0, 10)
CONTACT_SCALE = (0, 10)
MAIN_LIFTS = 6  # the loaded exercises charted one by one; the rest are summed up in a table
NO_SETS = (0.0,) * len(REGIONS)  # what a set of an exercise no longer in the catalogue counts toward


class ExerciseTrend(NamedTuple):
    slug: str
    name: str
    sessions: int
    load_trend: tuple[float | None, ...]  # heaviest set per session, oldest first, in `units`
    reps_trend: tuple[int, ...]  # total reps per session (all sets)
    contact_trend: tuple[int | None, ...]  # 0-10 as logged
    pain_trend: tuple[int | None, ...] = ()  # 0-10 as logged
    units: str = ""  # the load's unit: the one the exercise's latest logged load was in
    dates: tuple[str, ...] = ()  # the day of each session, YYYY-MM-DD
    e1rm_trend: tuple[float | None, ...] = ()  # an estimate (Epley) from each session's best set, in `units`
    unit: str = "reps"  # what a set's number counts: reps, seconds, metres, contacts or steps

    @property
    def pain_direction(self) -> str:
        """'rising', 'falling' or 'steady' from the first logged pain to the last ('' with fewer than two)."""
        return direction(self.pain_trend)

    @property
    def records(self) -> tuple[int, ...]:
        """The sessions whose top load beat every earlier top load in the window (the first never does)."""
        return records(self.load_trend)

    @property
    def loaded_sessions(self) -> int:
        return sum(1 for v in self.load_trend if v is not None)


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

    @property
    def every_week(self) -> tuple[WeekSets, ...]:
        """Every week of the window, oldest first, with zero sets where nothing was logged."""
        logged = {w.week: w for w in self.by_week}
        last = monday(self.until) if self.until else (self.by_week[-1].week if self.by_week else self.since)
        out, day = [], dt.date.fromisoformat(monday(self.since))
        while day.isoformat() <= last:
            out.append(logged.get(day.isoformat()) or WeekSets(day.isoformat(), dict.fromkeys(REGIONS, 0.0)))
            day += dt.timedelta(weeks=1)
        return tuple(out)

    @property
    def last_full_week(self) -> WeekSets:
        """The last week of the window that has ended: this week when `until` is its Sunday, else the one before."""
        weeks = self.every_week
        if not weeks:
            return self.this_week
        ended = bool(self.until) and dt.date.fromisoformat(self.until).weekday() == 6
        return weeks[-1] if ended or len(weeks) == 1 else weeks[-2]

    @property
    def main_lifts(self) -> tuple[ExerciseTrend, ...]:
        """The loaded exercises worth a chart (a load in two sessions or more), most sessions first."""
        loaded = [t for t in self.exercises if t.loaded_sessions >= 2]
        return tuple(sorted(loaded, key=lambda t: (-t.loaded_sessions, t.name))[:MAIN_LIFTS])


def week_status(sets: float, target: tuple[int, int]) -> str:
    """'under', 'in' or 'over' the weekly target band (both ends count as in)."""
    low, high = target
    return "under" if sets < low else "over" if sets > high else "in"


def records(values: Sequence[float | None]) -> tuple[int, ...]:
    """Indices where a value beats every earlier one (the first value sets the bar and is not a record)."""
    best: float | None = None
    out = []
    for i, v in enumerate(values):
        if v is None:
            continue
        if best is not None and v > best:
            out.append(i)
        best = v if best is None else max(best, v)
    return tuple(out)


def estimated_1rm(sets: Sequence[SetRow], rir: int | None) -> float | None:
    """The session's estimated 1RM, to 0.1: the estimate plan next reads (core.training_state.best_e1rm)."""
    best = best_e1rm(sets, rir)
    return None if best is None else round(best, 1)


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


def session_of(e: Entry, counted: Sequence[SetRow] | None = None) -> SessionSummary:
    """One entry reduced to what progress reads, with its pain; warm-ups count toward nothing (`counted`:
    its sets without them, when the caller has them already)."""
    counted = e.counted_sets if counted is None else counted  # warm-ups are left out of volume, reps and the top load
    loads = [s.load for s in counted if s.load is not None]
    return SessionSummary(
        e.date, e.slug, e.contact, len(counted), sum(s.reps for s in counted), max(loads) if loads else None, e.pain_score
    )


def _convert(load: float | None, units: str, to: str) -> float | None:
    if load is None or units == to or not units or not to:
        return load
    return convert(load, units, to)


def summarise(
    cat: Catalogue,
    sessions: Sequence[SessionSummary],
    weeks: int,
    since: str,
    *,
    units: Sequence[str] = (),
    target: tuple[int, int] = (6, 10),
    until: str = "",
    e1rm: Sequence[float | None] = (),
) -> Progress:
    """`sessions` oldest first, all on or after `since`; `units[i]` is the load unit of sessions[i]
    (omitted: one unit throughout); `e1rm[i]` its estimated 1RM (omitted: none). An exercise's loads
    are shown in the unit of its latest load."""
    by_slug: dict[str, list[int]] = {}
    weekly: dict[str, dict[str, float]] = {}
    mondays: dict[str, str] = {}  # a day's Monday, worked out once a day
    per_set: dict[str, tuple[float, ...]] = {}  # an exercise's hard-set values, worked out once an exercise
    for i, e in enumerate(sessions):
        by_slug.setdefault(e.slug, []).append(i)
        day = mondays.get(e.date) or mondays.setdefault(e.date, monday(e.date))
        week = weekly.setdefault(day, dict.fromkeys(REGIONS, 0.0))
        values = per_set.get(e.slug)
        if values is None:
            ex = cat.exercises.get(e.slug)  # an exercise since removed from the catalogue still shows in the log
            values = per_set[e.slug] = hard_set_values(ex) if ex is not None else NO_SETS  # drills are practice, not hard sets
        for region, value in zip(REGIONS, values, strict=True):
            week[region] += e.sets * value
    trends = []
    for slug, rows in sorted(by_slug.items()):
        items = [sessions[i] for i in rows]
        unit_of = [units[i] if i < len(units) else "" for i in rows]
        shown = next((u for s, u in zip(reversed(items), reversed(unit_of), strict=True) if s.top_load is not None and u), "")
        ex = cat.exercises.get(slug)
        estimates = [e1rm[i] if i < len(e1rm) else None for i in rows]
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
                tuple(s.date for s in items),
                tuple(_convert(v, u, shown) for v, u in zip(estimates, unit_of, strict=True)),
                ex.unit if ex is not None else "reps",
            )
        )
    by_week = tuple(WeekSets(w, weekly[w]) for w in sorted(weekly))
    return Progress(weeks, since, tuple(trends), by_week, target, until)


def from_entries(
    cat: Catalogue, entries: Sequence[Entry], weeks: int, since: str, until: str, target: tuple[int, int] = (6, 10)
) -> Progress:
    """Progress from log entries (any order) between `since` and `until`, both included."""
    counted = [(e, e.counted_sets) for e in entries if since <= e.date <= until]  # each entry's sets sorted out once
    kept = sorted(((e, sets) for e, sets in counted if sets), key=lambda pair: (pair[0].date, pair[0].id or 0))
    return summarise(
        cat,
        [session_of(e, sets) for e, sets in kept],
        weeks,
        since,
        units=[e.units for e, _ in kept],
        target=target,
        until=until,
        e1rm=[estimated_1rm(sets, e.rir) for e, sets in kept],
    )
