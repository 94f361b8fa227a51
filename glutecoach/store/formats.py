"""Log entries in and out: command-line values, glutecoach's JSON, CSV, and Strong's and Hevy's CSV.

Every value is checked before anything is written; a bad value names its field (and, in a file, its
entry or line) and the accepted range. Every CSV cell a spreadsheet could run as a formula is
neutralised and quoted by glutecoach.store.csvsafe (cell, uncell are re-exported here).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from glutecoach.core.dates import check_day
from glutecoach.core.lookup import find_exercise
from glutecoach.core.models import MAX_REPS, SET_TYPES, Catalogue, Entry, SetRow
from glutecoach.core.units import MAX_LOAD
from glutecoach.core.vocab import JSON_VERSION
from glutecoach.errors import GlutecoachError, UsageError
from glutecoach.store import csvsafe
from glutecoach.store.csvsafe import cell, uncell  # noqa: F401  (uncell: re-exported for the tracker readers)

RANGES = {"contact": (0, 10), "pain_score": (0, 10), "rir": (0, 5)}
MAX_SETS = 50
MAX_NOTE = 10_000
MAX_SLUG = 200
CSV_COLUMNS = ["id", "uid", "date", "time", "slug", "set", "type", "reps", "load", "units", "contact", "pain_score", "rir", "note"]
JSON_FIELDS = ("id", "uid", "date", "time", "slug", "sets", "units", "contact", "pain_score", "rir", "note")
SET_FIELDS = ("reps", "load", "type")
UID = re.compile(r"[0-9a-f]{32}", re.ASCII)
TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]", re.ASCII)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value[:40]}{'...' if len(value) > 40 else ''}'"
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        text = type(value).__name__
    return text[:40] + ("..." if len(text) > 40 else "")


def _whole(value: Any, label: str, low: int, high: int) -> int:
    """A whole number from JSON or an option: bools are not numbers, 10.0 is 10, 1e400 is refused.
    `label` ends as the message needs it: 'contact:' or 'set 2: reps'."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UsageError(f"{label} {_shown(value)} is not a whole number; accepted: {low}-{high}.")
    if isinstance(value, float) and (not math.isfinite(value) or value != int(value)):
        raise UsageError(f"{label} {_shown(value)} is not a whole number; accepted: {low}-{high}.")
    number = int(value)
    if not low <= number <= high:
        raise UsageError(f"{label} {number} is out of range; accepted: {low}-{high}.")
    return number


def check_range(field: str, value: Any, where: str = "") -> int | None:
    if value is None:
        return None
    low, high = RANGES[field]
    return _whole(value, f"{where}{field}:", low, high)


def check_text(value: Any, label: str, limit: int) -> str | None:
    """A note or a name: text, at most `limit` characters, no NUL, and real characters only (a
    surrogate from undecodable bytes in argv or a JSON escape is refused); empty means none."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError(f"{label}: {_shown(value)} is not text; accepted: text or null.")
    if len(value) > limit:
        raise UsageError(f"{label}: {len(value)} characters; accepted: at most {limit}.")
    if "\x00" in value:
        raise UsageError(f"{label}: contains a NUL character; accepted: text without NUL characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"{label}: contains bytes that are not UTF-8 text; accepted: UTF-8 text.") from None
    return value or None


def check_load(value: Any, label: str, units: str) -> float | None:
    if value is None:
        return None
    high = MAX_LOAD[units]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise UsageError(f"{label} {_shown(value)} is not a number; accepted: 0-{high:g} {units}, or null for body weight.")
    if not 0 <= value <= high:
        raise UsageError(f"{label} {value:g} is out of range; accepted: 0-{high:g} {units}.")
    return float(value)


def check_sets(sets: Sequence[tuple[Any, Any, Any]], units: str, where: str = "") -> tuple[SetRow, ...]:
    """(reps, load, type) per set, checked: 1-50 sets, reps 1-1000, load 0 up to 2000 kg (4410 lb)."""
    if not sets:
        raise UsageError(f"{where}sets: at least one set is needed (--sets N --reps N, or --set REPSxLOAD).")
    if len(sets) > MAX_SETS:
        raise UsageError(f"{where}sets: {len(sets)} sets in one entry; accepted: 1-{MAX_SETS}.")
    out = []
    for i, (reps, load, kind) in enumerate(sets, 1):
        label = f"{where}set {i}"
        r = _whole(reps, f"{label}: reps", 1, MAX_REPS)
        weight = check_load(load, f"{label}: load", units)
        kind = "working" if kind is None else kind
        if kind not in SET_TYPES:
            raise UsageError(f"{label}: type {_shown(kind)} is not accepted; accepted: {', '.join(SET_TYPES)}.")
        out.append(SetRow(r, weight, kind))
    return tuple(out)


_KINDS = {
    "w": "warmup",
    "warmup": "warmup",
    "warm-up": "warmup",
    "d": "drop",
    "drop": "drop",
    "f": "failure",
    "failure": "failure",
    "working": "working",
}
SET_SPEC = re.compile(r"^\s*(?:([a-z-]+)\s*:)?\s*(\d{1,6})\s*(?:[x×*]\s*(\d{1,6}(?:\.\d+)?))?\s*$", re.IGNORECASE)
SET_SYNTAX = "REPSxLOAD (e.g. 10x60) or REPS (e.g. 12), with w: for a warm-up, d: a drop set, f: a set to failure (e.g. w:10x20)"


def parse_set_specs(specs: Sequence[str]) -> list[tuple[Any, Any, Any]]:
    """'10x60' -> (10, 60.0, 'working'); 'w:10x20' -> a warm-up; '12' -> (12, None, 'working')."""
    out: list[tuple[Any, Any, Any]] = []
    for spec in specs:
        for part in spec.split(","):
            m = SET_SPEC.match(part)
            kind = _KINDS.get((m.group(1) or "working").lower()) if m else None
            if not m or kind is None:
                raise UsageError(f"--set: '{part}' is not {SET_SYNTAX}.")
            out.append((int(m.group(2)), None if m.group(3) is None else float(m.group(3)), kind))
    return out


def check_entry(entry: Entry, where: str = "") -> Entry:
    """Every field of an entry checked (the exercise is checked where its name is looked up)."""
    if not isinstance(entry.units, str) or entry.units not in MAX_LOAD:
        raise UsageError(f"{where}units: {_shown(entry.units)} is not accepted; accepted: kg, lb.")
    if entry.time is not None and (not isinstance(entry.time, str) or not TIME.fullmatch(entry.time)):
        raise UsageError(f"{where}time: {_shown(entry.time)} is not accepted; accepted: HH:MM (00:00-23:59) or null.")
    if entry.uid is not None and (not isinstance(entry.uid, str) or not UID.fullmatch(entry.uid)):
        raise UsageError(f"{where}uid: {_shown(entry.uid)} is not accepted; accepted: 32 hexadecimal digits (a uuid4) or null.")
    return entry._replace(
        date=check_date(entry.date, f"{where}date"),
        sets=check_sets([(s.reps, s.load, s.type) for s in entry.sets], entry.units, where),
        contact=check_range("contact", entry.contact, where),
        pain_score=check_range("pain_score", entry.pain_score, where),
        rir=check_range("rir", entry.rir, where),
        note=check_text(entry.note, f"{where}note", MAX_NOTE),
    )


def check_date(value: Any, label: str) -> str:
    """A date in a file: YYYY-MM-DD, a day that exists, from 1900-01-01 to tomorrow."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
        raise UsageError(f"{label}: {_shown(value)} is not a date; accepted: YYYY-MM-DD, e.g. 2026-03-14.")
    try:
        day = dt.date.fromisoformat(value)
        return check_day(day, dt.date.today(), value).isoformat()
    except ValueError as err:
        text = str(err).rstrip(".") if "outside" in str(err) else f"'{value}' is not a date that exists"
        raise UsageError(f"{label}: {text}.") from None


def make_entry(
    cat: Catalogue,
    exercise: str,
    sets: Sequence[tuple[Any, Any, Any]],
    date: str,
    units: str,
    contact: Any = None,
    pain_score: Any = None,
    rir: Any = None,
    note: str | None = None,
    where: str = "",
) -> Entry:
    """A new entry from the command line (log add): the exercise by slug, name or alias."""
    try:
        slug = find_exercise(cat, exercise).slug
    except GlutecoachError as err:
        raise UsageError(f"{where}{err}") from None
    if not isinstance(units, str) or units not in MAX_LOAD:
        raise UsageError(f"{where}units: {_shown(units)} is not accepted; accepted: kg, lb.")
    rows = tuple(SetRow(r, lo, k) for r, lo, k in sets)
    return check_entry(Entry(None, date, slug, rows, units, contact, pain_score, rir, note), where)


# --------------------------------------------------------------------------------------------------
# Out


def to_json(entries: Iterable[Entry]) -> str:
    """The backup `log import` restores exactly: the shape of `log list --format json` (render.data.entries)."""
    document = {"json_version": JSON_VERSION, "entries": [e.as_json() for e in entries]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def exporters(cat: Callable[[], Catalogue], units: Callable[[], str]) -> dict[str, Callable[[list[Entry]], str]]:
    """The log's file formats, each a function of the entries (the choices of `log export --format`). Only
    the trackers' formats ask for the catalogue (for names) and the user's unit."""
    return {
        "json": to_json,
        "csv": to_csv,
        "strong": lambda items: to_strong(cat(), items, units()),
        "hevy": lambda items: to_hevy(cat(), items, units()),
    }


def _writer() -> tuple[csvsafe.Writer, csvsafe.Writer]:
    out = csvsafe.Writer()
    return out, out


def _num(x: float | None) -> str:
    return "" if x is None else format(x, "g")


def to_csv(entries: Iterable[Entry]) -> str:
    out, w = _writer()
    w.writerow(CSV_COLUMNS)
    for e in entries:
        for i, s in enumerate(e.sets, 1):
            w.writerow(
                [
                    cell(v)
                    for v in (
                        e.id,
                        e.uid or "",
                        e.date,
                        e.time or "",
                        e.slug,
                        i,
                        s.type,
                        s.reps,
                        _num(s.load),
                        e.units,
                        _blank(e.contact),
                        _blank(e.pain_score),
                        _blank(e.rir),
                        e.note or "",
                    )
                ]
            )
    return out.getvalue()


def _blank(value: Any) -> Any:
    return "" if value is None else value


def to_strong(cat: Catalogue, entries: Iterable[Entry], units: str) -> str:
    """Strong's per-set CSV (see store.trackers.write: every field quoted where it must be, formulas
    neutralised, contact and pain in a tag on the first set's note, RIR as RPE on every set that counts)."""
    from glutecoach.store.trackers import export

    return export.write("strong", export.records(entries, {s: e.name for s, e in cat.exercises.items()}), units)


def to_hevy(cat: Catalogue, entries: Iterable[Entry], units: str) -> str:
    """Hevy's per-set CSV, as to_strong."""
    from glutecoach.store.trackers import export

    return export.write("hevy", export.records(entries, {s: e.name for s, e in cat.exercises.items()}), units)


# --------------------------------------------------------------------------------------------------
# In: glutecoach's JSON


def _unique_uid(seen: dict[str, int], uid: str, entry: int) -> None:
    """A uid names one entry: two entries of one file with the same uid (in any letter case) would make
    the second look "already in the log" and be dropped unseen, so the file is refused, naming both."""
    first = seen.setdefault(uid, entry)
    if first != entry:
        raise UsageError(
            f"entries {first} and {entry} have the same uid {_shown(uid)} (uids are compared without letter case); "
            "each entry needs its own. Remove the copy, or delete the uid of one of them (it gets a new one)."
        )


def from_json(doc: Any, units: str) -> list[tuple[str, Entry]]:
    """A parsed glutecoach export -> (exercise as written, entry with every field checked), in file
    order. The exercise is mapped by the caller (imports.plan); its slug here is ''."""
    _check_document(doc)
    uids: dict[str, int] = {}  # uid (lower case) -> the entry that has it
    return [_entry_from_json(item, i, units, uids) for i, item in enumerate(doc["entries"], 1)]


def _check_document(doc: Any) -> None:
    """The top level: an object with a list of entries, no unknown keys and a json_version this glutecoach reads."""
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise UsageError('the file is not a glutecoach log export: expected {"entries": [...]}.')
    extra = sorted(set(doc) - {"entries", "tracker_rows", "json_version"}, key=str)  # tracker_rows: store.foreign_json
    if extra:
        raise UsageError(f'the file has the top-level key {_shown(extra[0])}; accepted: "json_version", "entries" (and "tracker_rows").')
    version = doc.get("json_version", JSON_VERSION)  # exports from before the version was written have none
    if type(version) is not int or not 1 <= version <= JSON_VERSION:
        raise UsageError(
            f"json_version {_shown(version)} is not one this glutecoach reads (1 to {JSON_VERSION}); "
            "a newer glutecoach wrote it, or it was edited."
        )


def _entry_from_json(item: Any, i: int, units: str, uids: dict[str, int]) -> tuple[str, Entry]:
    """Entry i of the file -> (exercise as written, entry with every field checked); its uid recorded in `uids`."""
    where = f"entry {i}: "
    _check_entry_fields(item, where)
    slug = check_text(item["slug"], f"{where}slug", MAX_SLUG)
    if slug is None:
        raise UsageError(f"{where}slug: empty; accepted: an exercise's slug, e.g. hip-thrust.")
    rows = _set_rows(item["sets"], where)
    entry_units = item.get("units", units)
    if not isinstance(entry_units, str) or entry_units not in MAX_LOAD:
        raise UsageError(f"{where}units: {_shown(entry_units)} is not accepted; accepted: kg, lb.")
    entry_id = item.get("id")
    if entry_id is not None:
        entry_id = _whole(entry_id, f"{where}id:", 1, 2**63 - 1)
    uid = item.get("uid")
    if isinstance(uid, str):
        uid = uid.lower()
        _unique_uid(uids, uid, i)
    checked_sets = check_sets(rows, entry_units, where)
    entry = Entry(
        entry_id,
        item["date"],
        "",
        checked_sets,
        entry_units,
        item.get("contact"),
        item.get("pain_score"),
        item.get("rir"),
        item.get("note"),
        uid,
        item.get("time"),
    )
    return slug, check_entry(entry, where)


def _check_entry_fields(item: Any, where: str) -> None:
    """An entry is an object with only the known fields, and date, slug and sets among them."""
    if not isinstance(item, dict):
        raise UsageError(f'{where}{_shown(item)} is not an object; accepted: {{"date", "slug", "sets", ...}}.')
    unknown = sorted(set(item) - set(JSON_FIELDS), key=str)
    if unknown:
        raise UsageError(f"{where}unknown field {_shown(unknown[0])}; accepted: {', '.join(JSON_FIELDS)}.")
    for field in ("date", "slug", "sets"):
        if field not in item:
            raise UsageError(f"{where}the field '{field}' is missing.")


def _set_rows(sets: Any, where: str) -> list[tuple[Any, Any, Any]]:
    """An entry's sets as written -> (reps, load, type) rows, for check_sets to check the values."""
    if not isinstance(sets, list):
        raise UsageError(f'{where}sets: {_shown(sets)} is not a list; accepted: a list of {{"reps", "load", "type"}}.')
    rows = []
    for j, s in enumerate(sets, 1):
        if not isinstance(s, dict):
            raise UsageError(f'{where}set {j}: {_shown(s)} is not an object; accepted: {{"reps", "load", "type"}}.')
        bad = sorted(set(s) - set(SET_FIELDS), key=str)
        if bad:
            raise UsageError(f"{where}set {j}: unknown field {_shown(bad[0])}; accepted: reps, load, type.")
        if "reps" not in s:
            raise UsageError(f"{where}set {j}: the field 'reps' is missing.")
        rows.append((s["reps"], s.get("load"), s.get("type")))
    return rows
