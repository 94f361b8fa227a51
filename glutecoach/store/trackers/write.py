"""Records written back as Strong, Hevy or FitNotes CSV that read back into the same records.

Every text cell goes through ``cell``: a spreadsheet never runs it as a formula, whatever separator it
splits on. Every field holding a CR, LF, TAB, comma, semicolon or quote is quoted, so no reader breaks
a row inside a note. What a format cannot say is listed in ``LOSSES`` (and pinned by a test).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from glutecoach.core.vocab import LB_PER_KG
from glutecoach.store.trackers.records import ForeignEntry, ForeignSet

_METRES = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "ft": 0.3048, "yd": 0.9144}

# A spreadsheet starts a formula at any of these, at the start of a cell or after a separator it splits
# on; spaces, a BOM and zero-width characters before them do not stop it.
_TRIGGERS = "=+\\-@\uff1d\uff0b\uff0d\uff20"
_SEPARATORS = ",;\t\r\n"
_SKIP = " \u00a0\u3000\ufeff\u200b\u2060"
_RISKY = re.compile(f"(^|[{_SEPARATORS}])([{_SKIP}]*)(?=['{_TRIGGERS}])")
_NEUTRALISED = re.compile(f"(^|[{_SEPARATORS}])([{_SKIP}]*)'(?=['{_TRIGGERS}])")
_QUOTE = re.compile(f'[{_SEPARATORS}"]')


def cell(text: str) -> str:
    """Text no spreadsheet runs: a single quote before every = + - @ (or full-width sign) that starts the
    text or follows a separator (and before a quote there, so that ``uncell`` gives back exactly the text)."""
    return _RISKY.sub(r"\1\2'", text)


def uncell(text: str) -> str:
    """The text a neutralised cell held: the inverse of ``cell``."""
    if "'" not in text:
        return text
    return _NEUTRALISED.sub(r"\1\2", text)


def row(values: Iterable[object], delimiter: str = ",") -> str:
    """One CSV line: a field with a separator, a line break, a TAB or a quote is quoted (quotes doubled)."""
    out = []
    for value in values:
        text = "" if value is None else str(value)
        if _QUOTE.search(text):
            text = '"' + text.replace('"', '""') + '"'
        out.append(text)
    return delimiter.join(out) + "\n"


def _num(x: float | None) -> str:
    return "" if x is None else format(x, ".10g")


def _load(s: ForeignSet, units: str) -> float | None:
    if s.load is None or s.unit in (None, units):
        return s.load
    return round(s.load * LB_PER_KG if units == "lb" else s.load / LB_PER_KG, 2)


def _strong_order(sets: Sequence[ForeignSet]) -> list[str]:
    number = 0
    out = []
    for s in sets:
        if s.type == "working":
            number += 1
        out.append(s.order or {"working": str(number), "warmup": "W", "drop": "D", "failure": "F"}[s.type])
    return out


STRONG_HEADER = [
    "Workout #",
    "Date",
    "Workout Name",
    "Duration (sec)",
    "Exercise Name",
    "Set Order",
    "Weight (kg)",
    "Reps",
    "RPE",
    "Distance (meters)",
    "Seconds",
    "Notes",
    "Workout Notes",
]


def strong(records: Iterable[ForeignEntry], units: str) -> str:
    """Strong's newer per-set CSV (units in the header), one row per set."""
    header = [("Weight (lbs)" if units == "lb" else c) if c == "Weight (kg)" else c for c in STRONG_HEADER]
    lines = [row(header)]
    for r in records:
        when = f"{r.date} {r.clock or '00:00:00'}"  # importers of Strong files expect a time (midnight: none said)
        for s, order in zip(r.sets, _strong_order(r.sets), strict=True):
            lines.append(
                row(
                    (
                        r.workout_no or "",
                        when,
                        cell(r.workout or ""),
                        r.duration or "",
                        cell(r.name),
                        order,
                        _num(_load(s, units)) or "0",
                        s.reps or 0,
                        _num(s.rpe),
                        _num(s.metres),
                        _num(s.seconds) or "0",
                        cell(s.note or ""),
                        cell(r.workout_note or ""),
                    )
                )
            )
    return "".join(lines)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HEVY_TYPE = {"working": "normal", "warmup": "warmup", "drop": "dropset", "failure": "failure"}
HEVY_HEADER = [
    "title",
    "start_time",
    "end_time",
    "description",
    "exercise_title",
    "superset_id",
    "exercise_notes",
    "set_index",
    "set_type",
    "weight_kg",
    "reps",
    "distance_km",
    "duration_seconds",
    "rpe",
]


def _hevy_when(day: dt.date, clock: str | None) -> str:
    text = f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"
    return f"{text}, {clock[:5]}" if clock else text


def _hevy_times(r: ForeignEntry) -> tuple[str, str]:
    day = dt.date.fromisoformat(r.date)
    start = _hevy_when(day, r.clock or "00:00")  # as Hevy writes it: always a time (midnight: none said)
    if not (r.clock and r.duration):
        return start, start
    end = dt.datetime.combine(day, dt.time.fromisoformat(r.clock)) + dt.timedelta(seconds=r.duration)
    return start, _hevy_when(end.date(), end.strftime("%H:%M"))


def hevy(records: Iterable[ForeignEntry], units: str) -> str:
    """Hevy's per-set CSV (weight_kg and distance_km, or weight_lbs and distance_miles)."""
    swap = {"weight_kg": "weight_lbs", "distance_km": "distance_miles"} if units == "lb" else {}
    per = _METRES["mi" if units == "lb" else "km"]
    lines = [row(swap.get(c, c) for c in HEVY_HEADER)]
    for r in records:
        start, end = _hevy_times(r)
        note = r.exercise_note if r.exercise_note is not None else " | ".join(s.note for s in r.sets if s.note)
        for i, s in enumerate(r.sets):
            metres = None if s.metres is None else s.metres / per
            lines.append(
                row(
                    (
                        cell(r.workout or ""),
                        start,
                        end,
                        cell(r.workout_note or ""),
                        cell(r.name),
                        r.superset or "",
                        cell(note),
                        s.order if (s.order or "").isdigit() else i,
                        _HEVY_TYPE[s.type],
                        _num(_load(s, units)),
                        s.reps or "",
                        _num(metres),
                        _num(s.seconds),
                        _num(s.rpe),
                    )
                )
            )
    return "".join(lines)


FITNOTES_HEADER = ["Date", "Exercise", "Category", "Weight", "Weight Unit", "Reps", "Distance", "Distance Unit", "Time", "Comment"]


def _clock_of(seconds: float | None) -> str:
    if not seconds:
        return ""
    whole = round(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def fitnotes(records: Iterable[ForeignEntry], units: str) -> str:
    """FitNotes' current Android CSV (a weight unit on every row)."""
    lines = [row(FITNOTES_HEADER)]
    for r in records:
        for s in r.sets:
            unit = s.unit or units
            dunit = s.distance_unit or "m"
            distance = None if s.metres is None else s.metres / _METRES[dunit]
            lines.append(
                row(
                    (
                        r.date,
                        cell(r.name),
                        cell(r.category or ""),
                        _num(s.load) if s.load is not None else "0",
                        {"kg": "kgs", "lb": "lbs"}[unit],
                        s.reps or 0,
                        _num(distance),
                        dunit if distance is not None else "",
                        _clock_of(s.seconds),
                        cell(s.note or ""),
                    )
                )
            )
    return "".join(lines)


WRITERS = {"strong": strong, "hevy": hevy, "fitnotes": fitnotes}

# What each format cannot carry, and so does not come back from a round trip through it.
LOSSES: dict[str, tuple[str, ...]] = {
    "strong": (
        "units: the export names one weight unit for the file; a load in the other unit is converted (to 0.01), "
        "and a classic export's unnamed unit comes back as the named one",
        "distance: written in metres; the unit it was written in comes back as metres",
        "Hevy's exercise notes, superset ids and FitNotes' category: Strong has no column for them",
    ),
    "hevy": (
        "time of day and duration: whole minutes (Hevy writes no seconds)",
        "per-set notes: Hevy has one note per exercise (the set notes are joined into it)",
        "units: one weight and distance unit for the file, as for Strong",
        "set numbers are Hevy's set_index; Strong's W/D/F letters become set types",
        "Strong's Workout #: Hevy has no column for it",
    ),
    "fitnotes": (
        "workout name, number, duration, time of day and workout note: FitNotes has no workouts",
        "RPE and set types: FitNotes has no column for them (every set is a working set)",
        "two entries of one exercise on one day, one after the other: FitNotes rows cannot tell them apart",
        "fractions of a second in a set's time",
    ),
}
