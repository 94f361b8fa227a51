"""Rows grouped into entries: one per exercise per workout (Strong, Hevy), or per run of rows of one
exercise on one day (FitNotes); dates whose order (day-first or month-first) the whole file tells."""

from __future__ import annotations

import datetime as dt

from glutecoach.core.lookup import normalise
from glutecoach.store.trackers.columns import Columns
from glutecoach.store.trackers.dates import DATES_ACCEPTED, When, day, parse_when
from glutecoach.store.trackers.records import MAX_FIELD, MAX_NAME, MAX_SECONDS, ForeignEntry, ForeignSet, TrackerFormatError
from glutecoach.store.trackers.rows import ROW_PARSERS
from glutecoach.store.trackers.values import Bad, show
from glutecoach.store.trackers.write import uncell


class _Notes:
    """Distinct notes in the order they first appear (a set beside the list: no quadratic scan)."""

    __slots__ = ("items", "seen")

    def __init__(self) -> None:
        self.items: list[str] = []
        self.seen: set[str] = set()

    def add(self, text: str) -> None:
        t = text.strip()
        if t and t not in self.seen:
            self.seen.add(t)
            self.items.append(t)


class _Acc:
    __slots__ = ("info", "last", "line", "name", "notes", "raw_when", "sets", "when", "workout", "workout_notes")

    def __init__(self, line: int, raw_when: str, when: When, workout: str | None, name: str) -> None:
        self.line = line
        self.raw_when = raw_when
        self.when = when
        self.workout = workout
        self.name = name
        self.sets: list[ForeignSet] = []
        self.notes = _Notes()
        self.workout_notes = _Notes()
        self.last: int | None = None  # the last set number seen (Strong's Set Order, Hevy's set_index)
        self.info: dict[str, object] = {}  # the entry's own fields from its first row


class Grouping:
    """Takes a file's data rows one by one; `entries()` gives them grouped, dates resolved."""

    def __init__(self, fmt: str, cols: Columns, header: list[str], comma: bool, src: str) -> None:
        self.fmt = fmt
        self.header = header
        self.src = src
        self.width = len(header)
        self.parse_row = ROW_PARSERS[fmt](cols, header, comma)
        self.exercise_at = cols.at["exercise"]
        self.order_at = cols.at.get("order", self.exercise_at)
        self.date_at = cols.at["date" if fmt != "hevy" else "start"]
        self.current: dict[tuple[object, ...], _Acc] = {}  # where the next row of a workout's exercise goes
        self.accs: list[_Acc] = []
        self.rest_timers = 0
        self.rows = 0
        self.orders: dict[str, int] = {}  # 'dmy'/'mdy' -> first line that shows it
        self.when_cache: dict[str, When | str] = {}
        self.previous: tuple[object, ...] | None = None
        self.run = 0

    def take(self, cells: list[str], line: int) -> None:
        """One non-blank data row (TrackerFormatError names the line and column of a bad value)."""
        self.rows += 1
        if len(cells) != self.width:
            raise TrackerFormatError(
                f"{self.src}, line {line}: {len(cells)} fields where the header has {self.width}; accepted: one field "
                "per header column (a note with the delimiter or a line break in it must be in double quotes).",
                line,
            )
        try:
            name = self._name(cells)
            if name is None:
                self.rest_timers += 1
                return
            raw_when = cells[self.date_at].strip()
            when = self._when(raw_when, line)
            row = self.parse_row(cells)
            info = self._info(row.info, when)
        except Bad as bad:
            raise TrackerFormatError(f"{self.src}, line {line}: {show(bad.column, 40)} {bad}.", line) from None
        acc = self._acc((raw_when, *row.key, name), row.number)
        if acc is None:
            acc = _Acc(line, raw_when, when, row.workout, name)
            acc.info = info
            self.current[self._key((raw_when, *row.key, name), advance=False)] = acc
            self.accs.append(acc)
        if row.number is not None:
            acc.last = row.number
        acc.sets.append(row.set)
        for note in row.notes:
            acc.notes.add(note)
        acc.workout_notes.add(row.workout_note)

    def _info(self, info: dict[str, object], start: When) -> dict[str, object]:
        """The entry's own fields; Hevy's end_time becomes the workout's duration."""
        end = info.pop("end", None)
        if isinstance(end, str) and end and start.date is not None and start.clock is not None:
            try:
                finish = parse_when(end)
            except Bad as bad:
                raise Bad(f"'{show(end)}' {bad}; accepted: {DATES_ACCEPTED}", "end_time") from None
            if finish.date is not None and finish.clock is not None:
                began = dt.datetime.combine(start.date, dt.time.fromisoformat(start.clock))
                ended = dt.datetime.combine(finish.date, dt.time.fromisoformat(finish.clock))
                seconds = int((ended - began).total_seconds())
                info["duration"] = seconds if 0 < seconds <= MAX_SECONDS else None
        return info

    def _name(self, cells: list[str]) -> str | None:
        """The row's exercise name, checked; None for Strong's Rest Timer rows."""
        for i, cell in enumerate(cells):
            if len(cell) > MAX_FIELD:
                raise Bad(f"is {len(cell)} characters long; accepted: at most {MAX_FIELD}", self.header[i])
        name = uncell(cells[self.exercise_at].strip())
        if self.fmt == "strong" and "rest timer" in (normalise(name), normalise(cells[self.order_at])):
            return None
        label = self.header[self.exercise_at]
        if not name:
            raise Bad("is empty; accepted: the exercise's name", label)
        if len(name) > MAX_NAME:
            raise Bad(f"is {len(name)} characters long; accepted: at most {MAX_NAME}", label)
        return name

    def _when(self, raw: str, line: int) -> When:
        when = self.when_cache.get(raw)
        if when is None:
            try:
                when = parse_when(raw)
            except Bad as bad:
                when = f"'{show(raw)}' {bad}; accepted: {DATES_ACCEPTED}"
            self.when_cache[raw] = when
        if isinstance(when, str):
            raise Bad(when, self.header[self.date_at])
        if when.order and when.order not in self.orders:
            self.orders[when.order] = line
        return when

    def _key(self, key: tuple[object, ...], advance: bool = True) -> tuple[object, ...]:
        """FitNotes has no workouts: a run of rows of one exercise on one day is one entry."""
        if self.fmt != "fitnotes":
            return key
        if advance and key != self.previous:
            self.run += 1
            self.previous = key
        return (self.run,)

    def _acc(self, key: tuple[object, ...], number: int | None) -> _Acc | None:
        acc = self.current.get(self._key(key))
        # Set numbers starting again (1, 2, 1, 2) mean the exercise again: another entry, not more sets.
        if acc is not None and number is not None and acc.last is not None and number <= acc.last:
            return None
        return acc

    def entries(self) -> tuple[ForeignEntry, ...]:
        """Every entry, in file order, each date resolved with the file's order of day and month."""
        orders = self.orders
        if len(orders) == 2:
            line = max(orders.values())
            raise TrackerFormatError(
                f"{self.src}, line {line}: dates are written day-first (line {orders['dmy']}) and month-first "
                f"(line {orders['mdy']}) in one file; accepted: one order throughout, or YYYY-MM-DD.",
                line,
            )
        order = next(iter(orders), None)
        return tuple(self._entry(acc, order) for acc in self.accs)

    def _entry(self, acc: _Acc, order: str | None) -> ForeignEntry:
        notes = acc.notes.items + [f"workout: {n}" for n in acc.workout_notes.items]
        info = acc.info
        return ForeignEntry(
            acc.line,
            self._date(acc, order),
            acc.when.time,
            acc.workout,
            acc.name,
            tuple(acc.sets),
            " | ".join(notes) or None,
            acc.when.clock,
            _int(info.get("duration")),
            _str(info.get("workout_no")),
            " | ".join(acc.workout_notes.items) or None,
            _str(info.get("exercise_note")),
            _str(info.get("superset")),
            _str(info.get("category")),
        )

    def _date(self, acc: _Acc, order: str | None) -> str:
        when, src, line = acc.when, self.src, acc.line
        if when.date is not None:
            return when.date.isoformat()
        shown = show(acc.raw_when)
        if when.pending is None:
            raise TrackerFormatError(f"{src}, line {line}: the date '{shown}' cannot be read; accepted: {DATES_ACCEPTED}.", line)
        a, b, y = when.pending  # 03/04/2026: the file's other dates tell the order
        if order is None:
            raise TrackerFormatError(
                f"{src}, line {line}: the date '{shown}' could be day-first or month-first and no date in "
                "the file tells which; accepted: YYYY-MM-DD dates (or a file with a day above 12).",
                line,
            )
        try:
            return (day(y, b, a) if order == "dmy" else day(y, a, b)).isoformat()
        except Bad as bad:
            raise TrackerFormatError(f"{src}, line {line}: the date '{shown}' {bad}; accepted: {DATES_ACCEPTED}.", line) from None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
