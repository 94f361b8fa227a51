"""Reading and writing log entries: command-line values, JSON, CSV and Strong's per-set CSV.

Every value is checked before anything is written; a bad value names its field (and, in a file, its
line) and the accepted range.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from glutecoach.core.lookup import find_exercise
from glutecoach.errors import GlutecoachError, UsageError
from glutecoach.core.models import Entry, SetRow
from glutecoach.core.models import Catalogue

RANGES = {"contact": (0, 10), "pain_score": (0, 10), "rir": (0, 5)}
STRONG_COLUMNS = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps", "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]
CSV_COLUMNS = ["id", "date", "slug", "set", "reps", "load", "units", "contact", "pain_score", "rir", "note"]


def check_date(value: str, where: str = "--date") -> str:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{where}: '{value}' is not a date that exists; give it as YYYY-MM-DD, e.g. 2026-03-14.") from None
    if len(value.strip()) != 10:
        raise UsageError(f"{where}: '{value}' must be written YYYY-MM-DD.")
    return day.isoformat()


def check_range(field: str, value: Any, where: str = "") -> int | None:
    if value is None or value == "":
        return None
    low, high = RANGES[field]
    try:
        number = int(value)
        if number != float(value):
            raise ValueError
    except (TypeError, ValueError):
        raise UsageError(f"{where}{field}: '{value}' is not a whole number; accepted: {low}-{high}.") from None
    if not low <= number <= high:
        raise UsageError(f"{where}{field}: {number} is out of range; accepted: {low}-{high}.")
    return number


def check_sets(sets: Sequence[tuple[Any, Any]], where: str = "", first: int = 1) -> tuple[SetRow, ...]:
    if not sets:
        raise UsageError(f"{where}sets: at least one set is needed (--sets N --reps N, or --set REPSxLOAD).")
    if len(sets) > 50:
        raise UsageError(f"{where}sets: {len(sets)} sets in one entry; accepted: 1-50.")
    out = []
    for i, (reps, load) in enumerate(sets, first):
        try:
            r = int(reps)
            if r != float(reps):
                raise ValueError
        except (TypeError, ValueError):
            raise UsageError(f"{where}set {i}: reps '{reps}' is not a whole number; accepted: 1-1000.") from None
        if not 1 <= r <= 1000:
            raise UsageError(f"{where}set {i}: reps {r} is out of range; accepted: 1-1000.")
        weight: float | None = None
        if load not in (None, ""):
            try:
                weight = float(load)
            except (TypeError, ValueError):
                raise UsageError(f"{where}set {i}: load '{load}' is not a number; accepted: 0 or more.") from None
            if not 0 <= weight <= 2000 or weight != weight:
                raise UsageError(f"{where}set {i}: load {load} is out of range; accepted: 0-2000.")
        out.append(SetRow(r, weight))
    return tuple(out)


SET_SPEC = re.compile(r"^\s*(\d+)\s*(?:[x×*]\s*(\d+(?:\.\d+)?))?\s*$", re.IGNORECASE)


def parse_set_specs(specs: Sequence[str]) -> list[tuple[Any, Any]]:
    """'10x60' -> (10, 60); '12' -> (12, None)."""
    out = []
    for spec in specs:
        for part in spec.split(","):
            m = SET_SPEC.match(part)
            if not m:
                raise UsageError(f"--set: '{part}' is not REPSxLOAD (e.g. 10x60) or REPS (e.g. 12).")
            out.append((m.group(1), m.group(2)))
    return out


def make_entry(
    cat: Catalogue, exercise: str, sets: Sequence[tuple[Any, Any]], date: str, units: str,
    contact: Any = None, pain_score: Any = None, rir: Any = None, note: str | None = None, where: str = "",
) -> Entry:
    if units not in ("kg", "lb"):
        raise UsageError(f"{where}units: '{units}' is not accepted; accepted: kg, lb.")
    try:
        slug = find_exercise(cat, exercise).slug
    except GlutecoachError as err:
        raise UsageError(f"{where}{err}") from None
    if note is not None and len(note) > 2000:
        raise UsageError(f"{where}note: {len(note)} characters; accepted: at most 2000.")
    return Entry(
        None,
        check_date(date, f"{where}date"),
        slug,
        check_sets(sets, where),
        units,
        check_range("contact", contact, where),
        check_range("pain_score", pain_score, where),
        check_range("rir", rir, where),
        note or None,
    )


def to_json(entries: Iterable[Entry]) -> str:
    return json.dumps({"entries": [e.as_json() for e in entries]}, indent=2, ensure_ascii=False) + "\n"


def to_csv(entries: Iterable[Entry]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for e in entries:
        for i, s in enumerate(e.sets, 1):
            w.writerow([e.id, e.date, e.slug, i, s.reps, "" if s.load is None else format(s.load, "g"), e.units,
                        _blank(e.contact), _blank(e.pain_score), _blank(e.rir), e.note or ""])
    return out.getvalue()


def _blank(value: Any) -> Any:
    return "" if value is None else value


TAG = re.compile(r"^\[glutecoach(?: contact=(\d+))?(?: pain=(\d+))?\] ?")


def to_strong(cat: Catalogue, entries: Iterable[Entry]) -> str:
    """Strong's per-set CSV, so other trackers can read the log; contact and pain ride in Notes."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(STRONG_COLUMNS)
    for e in entries:
        name = cat.exercises[e.slug].name if e.slug in cat.exercises else e.slug
        tag = ""
        if e.contact is not None or e.pain_score is not None:
            tag = "[glutecoach" + (f" contact={e.contact}" if e.contact is not None else "") + (f" pain={e.pain_score}" if e.pain_score is not None else "") + "] "
        notes = (tag + (e.note or "")).strip()
        rpe = "" if e.rir is None else 10 - e.rir
        for i, s in enumerate(e.sets, 1):
            w.writerow([f"{e.date} 00:00:00", "glutecoach", "", name, i, "0" if s.load is None else format(s.load, "g"), s.reps, "", "", notes, "", rpe])
    return out.getvalue()


def from_json(cat: Catalogue, text: str, units: str) -> list[Entry]:
    try:
        data = json.loads(text)
    except ValueError as err:
        raise UsageError(f"the file is not valid JSON (line {getattr(err, 'lineno', '?')}): {err}.") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise UsageError('the file is not a glutecoach log export: expected {"entries": [...]}.')
    out = []
    for i, item in enumerate(data["entries"], 1):
        where = f"entry {i}: "
        if not isinstance(item, dict):
            raise UsageError(f"{where}not an object.")
        sets = item.get("sets")
        if not isinstance(sets, list) or not all(isinstance(s, dict) for s in sets):
            raise UsageError(f"{where}sets: expected a list of {{reps, load}}.")
        entry = make_entry(cat, str(item.get("slug", "")), [(s.get("reps"), s.get("load")) for s in sets], str(item.get("date", "")),
                           str(item.get("units") or units), item.get("contact"), item.get("pain_score"), item.get("rir"), item.get("note"), where)
        entry_id = item.get("id")
        if entry_id is not None and (not isinstance(entry_id, int) or isinstance(entry_id, bool) or entry_id < 1):
            raise UsageError(f"{where}id: '{entry_id}' is not accepted; accepted: a whole number from 1, or null.")
        out.append(entry._replace(id=entry_id))
    return out


def _strong_names(name: str) -> list[str]:
    """'Hip Thrust (Barbell)' -> tries itself, 'Barbell Hip Thrust', 'Hip Thrust'."""
    m = re.match(r"^(.*?)\s*\((.*?)\)\s*$", name)
    return [name, f"{m.group(2)} {m.group(1)}", m.group(1)] if m else [name]


def from_strong(cat: Catalogue, text: str, units: str, skip_unknown: bool) -> tuple[list[Entry], list[str]]:
    """Strong's per-set CSV -> entries (the sets of one exercise on one day become one entry) and
    the exercise names that match nothing (listed, never guessed)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("Date", "Exercise Name", "Set Order", "Weight", "Reps") if c not in (reader.fieldnames or [])]
    if missing:
        raise UsageError(f"the file is not a Strong export: the column(s) {', '.join(missing)} are missing.")
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    unknown: dict[str, int] = {}
    for row in reader:
        where = f"line {reader.line_num}: "
        name = (row.get("Exercise Name") or "").strip()
        slug = None
        for candidate in _strong_names(name):
            try:
                slug = find_exercise(cat, candidate).slug
                break
            except GlutecoachError:
                continue
        if slug is None:
            unknown[name] = unknown.get(name, reader.line_num)
            continue
        date = check_date((row.get("Date") or "")[:10], f"{where}Date")
        group = groups.setdefault((date, slug), {"sets": [], "note": row.get("Notes") or "", "rpe": row.get("RPE") or "", "line": where})
        load = row.get("Weight") or ""
        order = row.get("Set Order") or ""
        (checked,) = check_sets([(row.get("Reps"), None if load in ("", "0", "0.0") else load)], where, int(order) if order.isdigit() else 1)
        group["sets"].append((checked.reps, checked.load))
    if unknown and not skip_unknown:
        names = ", ".join(f"'{n}' (line {line})" for n, line in sorted(unknown.items(), key=lambda x: x[1]))
        raise UsageError(f"no exercise in the catalogue matches {names}; nothing was imported. Rename them in the file, add them with a catalogue of your own, or pass --skip-unknown.")
    entries = []
    for (date, slug), g in groups.items():
        note = g["note"]
        contact = pain = None
        m = TAG.match(note)
        if m:
            contact, pain = m.group(1), m.group(2)
            note = note[m.end():]
        rir = None
        if g["rpe"]:
            try:
                rir = max(0, min(5, round(10 - float(g["rpe"]))))
            except ValueError:
                raise UsageError(f"{g['line']}RPE: '{g['rpe']}' is not a number.") from None
        entries.append(make_entry(cat, slug, g["sets"], date, units, contact, pain, rir, note or None, g["line"]))
    return entries, sorted(unknown)
