"""Imported tracker rows in glutecoach's JSON backup: `"tracker_rows"` beside `"entries"`, present only
when the log holds some, so a log without them exports exactly as before. Each row is
`{"format", "entry_uid", "record"}`: `entry_uid` names the entry made from the row (null: a foreign
entry); `record` is the row as read. A restore puts every row back, linked to its entry by uid.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from glutecoach.core.models import SET_TYPES, Entry
from glutecoach.core.vocab import JSON_VERSION
from glutecoach.errors import UsageError
from glutecoach.store import formats
from glutecoach.store.trackers import FORMATS, ForeignEntry, ForeignSet
from glutecoach.store.trackers.records import MAX_LOAD, MAX_METRES, MAX_REPS, MAX_SECONDS

KEY = "tracker_rows"
_TEXT = ("text", 10_000)
# field -> (kind, bound): what a record's fields may hold
_ENTRY = {
    "date": ("date", 0),
    "time": ("clock", 5),
    "workout": ("text", 200),
    "name": ("name", 200),
    "note": _TEXT,
    "clock": ("clock", 8),
    "duration": ("int", 86_400),
    "workout_no": ("text", 20),
    "workout_note": _TEXT,
    "exercise_note": _TEXT,
    "superset": ("text", 50),
    "category": ("text", 200),
}
_SET = {
    "reps": ("int", MAX_REPS),
    "load": ("number", MAX_LOAD[None]),
    "unit": ("choice", ("kg", "lb")),
    "seconds": ("number", MAX_SECONDS),
    "metres": ("number", MAX_METRES),
    "rpe": ("number", 10),
    "type": ("choice", SET_TYPES),
    "note": _TEXT,
    "order": ("text", 10),
    "distance_unit": ("choice", ("m", "km", "mi", "ft", "yd")),
}
_CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?", re.ASCII)


def rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every tracker row of the log, oldest first, with the uid of the entry made from it."""
    out = []
    for fmt, text, uid in conn.execute(
        "SELECT r.format, r.record, e.uid FROM tracker_records r LEFT JOIN entries e ON e.id = r.entry_id ORDER BY r.date, r.id"
    ):
        out.append({"format": fmt, "entry_uid": uid, "record": json.loads(text)})
    return out


def backup(entries: Iterable[Entry], tracker_rows: list[dict[str, Any]]) -> str:
    """The JSON backup: formats.to_json's document, with the tracker rows when there are any."""
    if not tracker_rows:
        return formats.to_json(entries)
    doc = {"json_version": JSON_VERSION, "entries": [e.as_json() for e in entries], KEY: tracker_rows}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _value(value: Any, kind: str, bound: Any, label: str) -> Any:
    if value is None and kind not in ("date", "name"):
        return None
    if kind in ("text", "name"):
        text = formats.check_text(value, label, bound)
        if kind == "name" and not (text or "").strip():
            raise UsageError(f"{label}: empty; accepted: the tracker's exercise name.")
        return text
    if kind == "date":
        return formats.check_date(value, label)
    if kind == "clock":
        if not isinstance(value, str) or len(value) != bound or not _CLOCK.fullmatch(value):
            raise UsageError(f"{label}: {formats._shown(value)} is not a time of day; accepted: {'HH:MM:SS' if bound == 8 else 'HH:MM'}.")
        return value
    if kind == "choice":
        if value not in bound:
            raise UsageError(f"{label}: {formats._shown(value)} is not accepted; accepted: {', '.join(bound)} or null.")
        return value
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not is_number or not 0 <= value <= bound or (kind == "int" and not isinstance(value, int)):
        raise UsageError(
            f"{label}: {formats._shown(value)} is out of range; "
            f"accepted: {'a whole number' if kind == 'int' else 'a number'} 0-{bound:g} or null."
        )
    return value


def _fields(item: Any, spec: dict[str, tuple[str, Any]], where: str, extra: Sequence[str] = ()) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise UsageError(f"{where}{formats._shown(item)} is not an object.")
    unknown = sorted(set(item) - set(spec) - set(extra), key=str)
    if unknown:
        raise UsageError(f"{where}unknown field {formats._shown(unknown[0])}; accepted: {', '.join(spec)}.")
    return {k: _value(item.get(k), kind, bound, f"{where}{k}") for k, (kind, bound) in spec.items()}


def check(doc: Any) -> list[tuple[str, str | None, ForeignEntry]]:
    """The backup's tracker rows, every field checked (a UsageError names the row and the field)."""
    items = doc.get(KEY, []) if isinstance(doc, dict) else []
    if not isinstance(items, list):
        raise UsageError(f'"{KEY}" is not a list; accepted: a list of {{"format", "entry_uid", "record"}}.')
    out = []
    for i, item in enumerate(items, 1):
        where = f"{KEY} {i}: "
        if not isinstance(item, dict) or set(item) != {"format", "entry_uid", "record"}:
            raise UsageError(f'{where}accepted: an object {{"format", "entry_uid", "record"}}.')
        if item["format"] not in FORMATS:
            raise UsageError(f"{where}format {formats._shown(item['format'])}; accepted: {', '.join(FORMATS)}.")
        uid = item["entry_uid"]
        if uid is not None and not (isinstance(uid, str) and formats.UID.fullmatch(uid)):
            raise UsageError(f"{where}entry_uid {formats._shown(uid)}; accepted: 32 hexadecimal digits or null.")
        record = item["record"]
        fields = _fields(record, _ENTRY, where, ("line", "sets"))
        sets = record.get("sets")
        if not isinstance(sets, list) or not 1 <= len(sets) <= 10_000:
            raise UsageError(f"{where}sets: accepted: a list of 1 to 10000 sets.")
        checked = tuple(ForeignSet(**_fields(s, _SET, f"{where}set {j}: ")) for j, s in enumerate(sets, 1))
        if any(s.type is None for s in checked):
            raise UsageError(f"{where}a set without a type; accepted: {', '.join(SET_TYPES)}.")
        out.append((item["format"], uid, ForeignEntry(line=0, sets=checked, **fields)))
    return out
