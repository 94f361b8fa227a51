"""Lighter weeks a coach would run: which sessions were (and whether the next one is) a lighter week.

A lighter week is scheduled by the plan (at a block's end, never a phase's first week) or triggered by
the log: two or more loaded lifts stalled (no more load or reps over three working sessions at 0-2 reps
in reserve, outside Contact, lighter weeks and sessions that hurt left out), or pain rising over three
logs. Lighter weeks are at least three weeks apart: a triggered one moves the next scheduled one, and a
trigger within three weeks of the last lighter week waits. The log is replayed once, session by session,
so what was lighter is known and left out of working loads. Pure: the plan's shape, its scheduled
weeks, the sessions logged and the entries in; a Lighter answer out.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from glutecoach.core.models import Entry
from glutecoach.core.pain import hurt, rising_over
from glutecoach.core.position import Shape, phase_start
from glutecoach.core.record import NamedTuple
from glutecoach.core.training_state import working_sets

SPACING_WEEKS = 3  # lighter weeks start at least this many plan weeks apart
STALL_EXPOSURES = 3  # working sessions judged for a stall
STALL_RIR = 2  # a stall counts only sets taken to within this many reps of failure
STALLED_LIFTS = 2  # this many stalled lifts trigger a lighter week


class LighterWeek(NamedTuple):
    first: int  # the session index it starts at
    trigger: str  # scheduled | stalled | pain-rising
    why: str


class Replay(NamedTuple):
    lighter_days: frozenset[str]  # logged days that were in a lighter week
    now: LighterWeek | None  # the lighter week the next session is in, if any
    moved: int | None  # a scheduled lighter week skipped because a triggered one came within three weeks


def _perf(e: Entry) -> tuple[float, int] | None:
    work = working_sets(e)
    loads = [s.load for s in work if s.load is not None]
    if not loads or e.rir is None or e.rir > STALL_RIR:
        return None
    top = max(loads)
    return top, sum(s.reps for s in work if s.load == top)


class _Replayer:
    def __init__(self, shape: Shape, scheduled: Collection[int], loaded: Collection[str], names: Mapping[str, str]) -> None:
        self.shape, self.scheduled, self.loaded, self.names = shape, set(scheduled), set(loaded), names
        self.recent: dict[str, list[tuple[float, int] | None]] = {}  # per lift, working exposures since the last lighter week
        self.pain: list[tuple[str, int]] = []  # (day, worst pain) per day with a score
        self.last: LighterWeek | None = None
        self.moved: int | None = None

    def add(self, day: str, entries: Sequence[Entry], lighter: bool, contact: bool) -> None:
        scores = [e.pain_score for e in entries if e.pain_score is not None]
        if scores:
            self.pain.append((day, max(scores)))
        if lighter:
            self.recent.clear()
            return
        for e in entries:
            if e.slug in self.loaded and not contact and not hurt(e):
                self.recent.setdefault(e.slug, []).append(_perf(e))
                del self.recent[e.slug][:-STALL_EXPOSURES]

    def _stalled(self) -> list[str]:
        out = []
        for slug, runs in self.recent.items():
            if len(runs) < STALL_EXPOSURES or any(r is None for r in runs):
                continue
            first, *rest = runs
            if max(rest) <= first:  # type: ignore[type-var, operator]
                out.append(slug)
        return out

    def _rising(self, since: str | None) -> tuple[int, int, int] | None:
        """Pain rising over the last three logs (core.pain's rule), newly since the last lighter week."""
        if not self.pain or (since is not None and self.pain[-1][0] <= since):
            return None
        return rising_over([v for _, v in self.pain])

    def decide(self, index: int, week: int, contact: bool, since_day: str | None) -> LighterWeek | None:
        days = self.shape.days_per_week
        if self.last is not None and index - self.last.first < days:
            return self.last
        if contact:
            return None
        spaced = self.last is None or index - self.last.first >= SPACING_WEEKS * days
        if week in self.scheduled:
            if spaced:
                return self._start(LighterWeek(index, "scheduled", f"week {week} is a planned lighter week"))
            self.moved = week
            return None
        if not spaced or phase_start(self.shape, week):
            return None
        stalled = self._stalled()
        if len(stalled) >= STALLED_LIFTS:
            names = ", ".join(self.names.get(s, s) for s in sorted(stalled))
            why = f"{names}: no more load or reps over their last {STALL_EXPOSURES} working sessions at 0-{STALL_RIR} in reserve"
            return self._start(LighterWeek(index, "stalled", why))
        pain = self._rising(since_day)
        if pain:
            return self._start(
                LighterWeek(index, "pain-rising", f"your pain rose {pain[0]} -> {pain[1]} -> {pain[2]} over your last three logs")
            )
        return None

    def _start(self, lw: LighterWeek) -> LighterWeek:
        self.recent.clear()
        self.last = lw
        return lw


def replay(
    shape: Shape,
    scheduled: Collection[int],
    placed_days: Sequence[tuple[str, int]],
    contact_days: Collection[str],
    entries: Sequence[Entry],
    next_week: int,
    next_in_contact: bool,
    loaded: Collection[str],
    names: Mapping[str, str],
) -> Replay:
    """Replay the sessions logged (day, plan week) and decide for the next one (in plan week `next_week`)."""
    by_day: dict[str, list[Entry]] = {}
    for e in entries:
        by_day.setdefault(e.date, []).append(e)
    r = _Replayer(shape, scheduled, loaded, names)
    lighter_days = set()
    for i, (day, week) in enumerate(placed_days):
        contact = day in contact_days
        since = None if r.last is None else placed_days[r.last.first][0] if r.last.first < len(placed_days) else None
        now = r.decide(i, week, contact, since)
        if now is not None:
            lighter_days.add(day)
        r.add(day, by_day.get(day, []), now is not None, contact)
    since = None if r.last is None else placed_days[r.last.first][0] if r.last.first < len(placed_days) else None
    now = r.decide(len(placed_days), next_week, next_in_contact, since)
    return Replay(frozenset(lighter_days), now, r.moved)
