"""One data row of each tracker read into a set, its group key and its notes."""

from __future__ import annotations

from collections.abc import Callable

from glutecoach.core.lookup import normalise
from glutecoach.core.record import NamedTuple
from glutecoach.store.trackers import values
from glutecoach.store.trackers.columns import Columns as _Columns
from glutecoach.store.trackers.records import ForeignSet
from glutecoach.store.trackers.values import Bad as _Bad
from glutecoach.store.trackers.values import show as _show
from glutecoach.store.trackers.write import uncell

_STRONG_ORDER = {"w": "warmup", "d": "drop", "f": "failure"}
_HEVY_TYPES = {
    "normal": "working",
    "working": "working",
    "": "working",
    "warmup": "warmup",
    "warm up": "warmup",
    "failure": "failure",
    "dropset": "drop",
    "drop set": "drop",
    "drop": "drop",
}


def _cell(cells: list[str], index: dict[str, int], field: str) -> str:
    i = index.get(field)
    return "" if i is None else cells[i]


def _labels(cols: _Columns, header: list[str], defaults: dict[str, str]) -> dict[str, str]:
    """Each field's column as the header writes it (for messages)."""
    return {f: (_show(header[cols.at[f]], 40) if f in cols.at else d) for f, d in defaults.items()}


class Row(NamedTuple):
    """One data row read: the set, and what the row says of its entry and workout."""

    key: tuple[str, ...]  # beside the date and the name, what tells one workout from another
    workout: str | None  # the workout's name (or number)
    set: ForeignSet
    number: int | None  # the set's number, when the export numbers sets
    notes: tuple[str, ...]  # notes joined into the entry's note
    workout_note: str
    info: dict[str, object]  # the entry's own fields this row gives (duration, workout_no, ...)


_RowParser = Callable[[list[str]], Row]


def _text(cells: list[str], index: dict[str, int], field: str) -> str:
    """A text cell as glutecoach wrote it before neutralising formulas (see write.uncell)."""
    return uncell(_cell(cells, index, field))


def _strong(cols: _Columns, header: list[str], comma: bool) -> _RowParser:
    ix, units = cols.at, cols.unit
    weight_unit = units["weight"]
    distance_unit = units.get("distance")
    label = _labels(
        cols,
        header,
        {
            "order": "Set Order",
            "weight_unit": "Weight Unit",
            "weight": "Weight",
            "reps": "Reps",
            "rpe": "RPE",
            "seconds": "Seconds",
            "distance_unit": "Distance Unit",
            "distance": "Distance",
            "duration": "Duration",
        },
    )
    durations: dict[str, int | None] = {}  # a workout's duration repeats on each of its rows: read once

    def parse(cells: list[str]) -> Row:
        column = label["order"]
        try:
            order = cells[ix["order"]].strip()
            set_no = None
            if order.isascii() and order.isdigit() and len(order) <= 4:
                kind = "working"
                set_no = int(order)
            else:
                kind = _STRONG_ORDER.get(order.casefold(), "")
                if not kind:
                    raise _Bad(f"'{_show(order)}' is not accepted; accepted: a set number, W (warm-up), D (drop set) or F (failure)")
            column = label["weight_unit"]
            unit = values.unit(_cell(cells, ix, "weight_unit"), values.WEIGHT_UNITS, weight_unit, "kg, lbs or empty")
            column = label["weight"]
            load = values.load(cells[ix["weight"]], unit, comma)
            column = label["reps"]
            reps = values.reps(cells[ix["reps"]], comma)
            column = label["rpe"]
            rpe = values.rpe(_cell(cells, ix, "rpe"), comma)
            column = label["seconds"]
            seconds = values.seconds(_cell(cells, ix, "seconds"), comma)
            column = label["distance_unit"]
            dunit = values.unit(_cell(cells, ix, "distance_unit"), values.DISTANCE_UNITS, distance_unit, "m, km, mi, ft, yd or empty")
            column = label["distance"]
            metres, extra = values.metres(_cell(cells, ix, "distance"), dunit, comma)
            column = label["duration"]
            raw = _cell(cells, ix, "duration") or _cell(cells, ix, "workout_duration")
            duration = durations[raw] if raw in durations else durations.setdefault(raw, values.elapsed(raw, comma))
        except _Bad as bad:
            bad.column = column
            raise
        name = _text(cells, ix, "workout").strip()
        number = _cell(cells, ix, "workout_no").strip()
        note = _text(cells, ix, "notes")
        notes = (note, extra) if extra else (note,)
        one = ForeignSet(
            reps,
            load,
            unit if load is not None else None,
            seconds,
            metres,
            rpe,
            kind,
            note.strip() or None,
            order,
            dunit if metres is not None else None,
        )
        info: dict[str, object] = {"duration": duration, "workout_no": number or None}
        return Row((number, name), name or number or None, one, set_no, notes, _text(cells, ix, "workout_notes"), info)

    return parse


def _hevy(cols: _Columns, header: list[str], comma: bool) -> _RowParser:
    ix, units = cols.at, cols.unit
    weight_unit = units["weight"]
    distance_unit = units.get("distance")
    label = _labels(
        cols,
        header,
        {
            "set_type": "set_type",
            "index": "set_index",
            "weight": "weight_kg",
            "reps": "reps",
            "rpe": "rpe",
            "seconds": "duration_seconds",
            "distance": "distance_km",
        },
    )

    def parse(cells: list[str]) -> Row:
        column = label["set_type"]
        try:
            raw_type = cells[ix["set_type"]]
            kind = _HEVY_TYPES.get(normalise(raw_type), "")
            if not kind:
                raise _Bad(f"'{_show(raw_type)}' is not accepted; accepted: normal, warmup, failure or dropset")
            column = label["index"]
            index = _cell(cells, ix, "index").strip()
            if index and not (index.isascii() and index.isdigit() and len(index) <= 4):
                raise _Bad(f"'{_show(index)}' is not accepted; accepted: a set number from 0")
            column = label["weight"]
            load = values.load(cells[ix["weight"]], weight_unit, comma)
            column = label["reps"]
            reps = values.reps(cells[ix["reps"]], comma)
            column = label["rpe"]
            rpe = values.rpe(_cell(cells, ix, "rpe"), comma)
            column = label["seconds"]
            seconds = values.seconds(_cell(cells, ix, "seconds"), comma)
            column = label["distance"]
            metres, extra = values.metres(_cell(cells, ix, "distance"), distance_unit, comma)
        except _Bad as bad:
            bad.column = column
            raise
        title = _text(cells, ix, "workout").strip()
        note = _text(cells, ix, "notes")
        notes = (note, extra) if extra else (note,)
        one = ForeignSet(
            reps,
            load,
            weight_unit if load is not None else None,
            seconds,
            metres,
            rpe,
            kind,
            None,
            index or None,
            distance_unit if metres is not None else None,
        )
        info: dict[str, object] = {
            "end": _cell(cells, ix, "end").strip(),
            "exercise_note": note.strip() or None,
            "superset": _cell(cells, ix, "superset").strip() or None,
        }
        return Row((title,), title or None, one, int(index) if index else None, notes, _text(cells, ix, "workout_notes"), info)

    return parse


def _fitnotes(cols: _Columns, header: list[str], comma: bool) -> _RowParser:
    ix, units = cols.at, cols.unit
    weight_unit = units["weight"]
    label = _labels(
        cols,
        header,
        {
            "weight_unit": "Weight Unit",
            "weight": "Weight",
            "reps": "Reps",
            "time": "Time",
            "distance_unit": "Distance Unit",
            "distance": "Distance",
        },
    )

    def parse(cells: list[str]) -> Row:
        column = label["weight_unit"]
        try:
            unit = values.unit(_cell(cells, ix, "weight_unit"), values.WEIGHT_UNITS, weight_unit, "kgs, lbs or empty")
            column = label["weight"]
            text, unit = _ios_weight(cells[ix["weight"]], _cell(cells, ix, "weight_lb"), unit)
            load = values.load(text, unit, comma)
            column = label["reps"]
            reps = values.reps(cells[ix["reps"]], comma)
            column = label["time"]
            seconds = values.duration(_cell(cells, ix, "time"), comma)
            column = label["distance_unit"]
            dunit = values.unit(_cell(cells, ix, "distance_unit"), values.DISTANCE_UNITS, None, "m, km, mi, ft, yd or empty")
            column = label["distance"]
            metres, extra = values.metres(_cell(cells, ix, "distance"), dunit, comma)
        except _Bad as bad:
            bad.column = column
            raise
        note = _text(cells, ix, "notes")
        notes = (note, extra) if extra else (note,)
        one = ForeignSet(
            reps,
            load,
            unit if load is not None else None,
            seconds,
            metres,
            None,
            "working",
            note.strip() or None,
            None,
            dunit if metres is not None else None,
        )
        return Row((), None, one, None, notes, "", {"category": _text(cells, ix, "category").strip() or None})

    return parse


def _decimals(text: str) -> int:
    return len(text.strip().partition(".")[2].rstrip("0"))


def _ios_weight(kg: str, lb: str, unit: str | None) -> tuple[str, str | None]:
    """FitNotes for iOS writes a load in kg and in lb: the one the lifter entered is the one with fewer
    decimals (40.00 kg is 88.18 lb; 90.00 lb is 40.82 kg); a tie is kg."""
    blank = {"", "0", "0.0", "0.00"}
    if lb.strip() in blank:
        return kg, unit
    if kg.strip() in blank or _decimals(lb) < _decimals(kg):
        return lb, "lb"
    return kg, unit


ROW_PARSERS: dict[str, Callable[[_Columns, list[str], bool], _RowParser]] = {"strong": _strong, "hevy": _hevy, "fitnotes": _fitnotes}
