"""Every row of a tracker's export kept: the records an import read, in the log's `tracker_records` table.

A record linked to an entry (``entry_id``) is the row a glutecoach entry was made from: a tracker export
writes the record back (lossless) while the entry is unchanged since the import. A record with no entry
is a *foreign* entry: an exercise glutecoach does not know, kept as written (sets, loads, times,
distances, RPE, notes), listed and exported back, never scored: it is never in the `entries` table, so
progress, plan next and every volume count, which read entries, never see it. ``remap`` turns every
record of one name into entries of an exercise, or back into foreign entries.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from glutecoach.core.models import Entry
from glutecoach.core.record import NamedTuple
from glutecoach.store import log
from glutecoach.store.trackers import ForeignEntry, ForeignSet, normalise


class Kept(NamedTuple):
    id: int  # the record's row in the log
    format: str  # the tracker it came from
    record: ForeignEntry
    entry_id: int | None  # None: a foreign entry


def to_json(record: ForeignEntry) -> str:
    doc = record._replace(line=0)._asdict()
    doc["sets"] = [s._asdict() for s in record.sets]
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> ForeignEntry:
    doc = json.loads(text)
    fields = {k: v for k, v in doc.items() if k in ForeignEntry._fields}
    fields["sets"] = tuple(ForeignSet(**{k: v for k, v in s.items() if k in ForeignSet._fields}) for s in doc["sets"])
    return ForeignEntry(**fields)


def fingerprint(record: ForeignEntry, text: str | None = None) -> str:
    """Everything the record says (not the line it was read from); `text`: its to_json, when made already."""
    return hashlib.sha256((text or to_json(record)).encode("utf-8", "surrogatepass")).hexdigest()


def _insert(conn: sqlite3.Connection, fmt: str, record: ForeignEntry, entry: Entry | None, text: str | None = None) -> None:
    text = text or to_json(record)
    conn.execute(
        "INSERT INTO tracker_records (date, name, name_key, format, record, fingerprint, entry_id, entry_fingerprint)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record.date,
            record.name,
            normalise(record.name),
            fmt,
            text,
            fingerprint(record, text),
            None if entry is None else entry.id,
            None if entry is None else entry.fingerprint(),
        ),
    )


class Added(NamedTuple):
    entries: int  # glutecoach entries added
    already: int  # entries already in the log
    foreign: int  # foreign entries added
    foreign_already: int  # foreign entries already in the log


def _held(conn: sqlite3.Connection, records: Sequence[ForeignEntry]) -> list[tuple[bool, str]]:
    """For each foreign record, whether the log already holds it (counted, as log._present does), and
    its JSON (made once)."""
    wanted: Counter[str] = Counter()
    held: dict[str, int] = {}
    out = []
    for r in records:
        text = to_json(r)
        fp = fingerprint(r, text)
        if fp not in held:
            held[fp] = conn.execute("SELECT count(*) FROM tracker_records WHERE fingerprint = ? AND entry_id IS NULL", (fp,)).fetchone()[0]
        wanted[fp] += 1
        out.append((wanted[fp] <= held[fp], text))
    return out


def _count(held: Sequence[tuple[bool, str]]) -> tuple[int, int]:
    there = sum(1 for skip, _ in held if skip)
    return len(held) - there, there


def count_new(conn: sqlite3.Connection, entries: Sequence[Entry], foreign: Sequence[ForeignEntry]) -> Added:
    """What add_import would add, writing nothing (import --dry-run)."""
    there = log._present(conn, entries)
    return Added(there.count(False), there.count(True), *_count(_held(conn, foreign)))


def add_import(
    conn: sqlite3.Connection,
    fmt: str | None,
    entries: Sequence[Entry],
    made_from: Sequence[ForeignEntry | None],
    foreign: Sequence[ForeignEntry],
    saved_rows: Sequence[tuple[str, str | None, ForeignEntry]] = (),
) -> Added:
    """All or nothing: the entries (each linked to the record it was made from) and the foreign records,
    none twice."""
    added = 0
    with log.transaction(conn):
        there = log._present(conn, entries)
        for entry, record, skip in zip(entries, made_from, there, strict=True):
            if skip:
                continue
            saved = log._insert(conn, entry)
            added += 1
            if record is not None and fmt is not None:
                _insert(conn, fmt, record, saved)
        held = _held(conn, foreign)
        for record, (skip, text) in zip(foreign, held, strict=True):
            if not skip and fmt is not None:
                _insert(conn, fmt, record, None, text)
        kept, kept_before = _count(held)
        restored = _restore(conn, saved_rows)
    return Added(added, len(entries) - added, kept + restored[0], kept_before + restored[1])


def _restore(conn: sqlite3.Connection, saved_rows: Sequence[tuple[str, str | None, ForeignEntry]]) -> tuple[int, int]:
    """A backup's tracker rows put back: linked to their entry (by uid) when it is in the log and has no
    row yet, else kept as foreign entries. (foreign rows added, foreign rows already there)"""
    foreign: list[tuple[str, ForeignEntry]] = []
    for fmt, uid, record in saved_rows:
        found = None if uid is None else conn.execute("SELECT id FROM entries WHERE uid = ?", (uid,)).fetchone()
        if found is not None:
            if not conn.execute("SELECT 1 FROM tracker_records WHERE entry_id = ?", (found[0],)).fetchone():
                entry = log.get(conn, found[0])
                if entry is not None:
                    _insert(conn, fmt, record, entry)
            continue
        foreign.append((fmt, record))
    held = _held(conn, [r for _, r in foreign])
    for (fmt, record), (skip, text) in zip(foreign, held, strict=True):
        if not skip:
            _insert(conn, fmt, record, None, text)
    return _count(held)


def _kept(rows: Iterable[tuple[int, str, str, int | None]]) -> list[Kept]:
    return [Kept(i, fmt, from_json(text), entry_id) for i, fmt, text, entry_id in rows]


def foreign_entries(conn: sqlite3.Connection, since: str | None = None, limit: int | None = None, newest_first: bool = True) -> list[Kept]:
    """Foreign entries (records no entry was made from), by date."""
    order = "DESC" if newest_first else "ASC"
    sql = "SELECT id, format, record, entry_id FROM tracker_records WHERE entry_id IS NULL"
    args: list[object] = []
    if since:
        sql += " AND date >= ?"
        args.append(since)
    sql += f" ORDER BY date {order}, id {order}"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    return _kept(conn.execute(sql, args).fetchall())


def made_from(conn: sqlite3.Connection, entries: Iterable[Entry]) -> dict[int, ForeignEntry]:
    """entry id -> the record the entry was made from, for entries unchanged since their import (an
    edited entry is written from what it says now)."""
    said = {e.id: e.fingerprint() for e in entries if e.id is not None}
    out = {}
    for entry_id, text, when_made in conn.execute(
        "SELECT entry_id, record, entry_fingerprint FROM tracker_records WHERE entry_id IS NOT NULL"
    ):
        if said.get(entry_id) == when_made:
            out[entry_id] = from_json(text)
    return out


class Remapped(NamedTuple):
    records: int  # rows of that name found
    entries: int  # glutecoach entries made (or, mapping to none, removed)
    foreign: int  # records that stay (or become) foreign
    edited: int = 0  # entries edited since their import: left as they are


Convert = Callable[[ForeignEntry], Entry | None]


def _edited(conn: sqlite3.Connection, entry_id: int, when_made: str | None) -> bool:
    entry = log.get(conn, entry_id)
    return entry is not None and entry.fingerprint() != when_made


def remap(conn: sqlite3.Connection, name: str, convert: Convert | None) -> Remapped:
    """Every record of `name` (compared as names are: case, accents and spacing aside) made into an entry
    by `convert`, or, with None, made foreign again (the entries made from them removed). An entry edited
    since its import is left as it is (the edit is the user's). One transaction."""
    made = edited = 0
    with log.transaction(conn):
        rows = conn.execute(
            "SELECT id, record, entry_id, entry_fingerprint FROM tracker_records WHERE name_key = ? ORDER BY date, id", (normalise(name),)
        ).fetchall()
        for row_id, text, entry_id, when_made in rows:
            if entry_id is not None:
                if _edited(conn, entry_id, when_made):
                    edited += 1
                    continue
                conn.execute("UPDATE tracker_records SET entry_id = NULL, entry_fingerprint = NULL WHERE id = ?", (row_id,))
                conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            entry = None if convert is None else convert(from_json(text))
            if entry is None:
                continue
            saved = log._insert(conn, entry)
            conn.execute(
                "UPDATE tracker_records SET entry_id = ?, entry_fingerprint = ? WHERE id = ?", (saved.id, saved.fingerprint(), row_id)
            )
            made += 1
    return Remapped(len(rows), made, len(rows) - made - edited, edited)


def names(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Foreign names as first written, with how many entries each."""
    return [
        (n, c)
        for n, c in conn.execute(
            "SELECT min(name), count(*) FROM tracker_records WHERE entry_id IS NULL GROUP BY name_key ORDER BY min(name)"
        )
    ]


def export_text(conn: sqlite3.Connection, fmt: str, entries: Sequence[Entry], names: dict[str, str], units: str) -> str:
    """The log in a tracker's format: each entry (as the record it was imported from while unchanged) and
    every foreign entry, by date."""
    from glutecoach.store.trackers import export

    kept = [k.record for k in foreign_entries(conn, newest_first=False)]
    return export.write(fmt, export.records(entries, names, made_from(conn, entries), kept), units)


def mapped_names(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Imported names that became glutecoach entries, with how many."""
    return [
        (n, c)
        for n, c in conn.execute(
            "SELECT min(name), count(*) FROM tracker_records WHERE entry_id IS NOT NULL GROUP BY name_key ORDER BY min(name)"
        )
    ]
