"""The training log: SQLite (the standard library's sqlite3) in the user's data folder.

Versioned schema (PRAGMA user_version) with forward migrations; WAL journal; foreign keys on; every
command's writes in one transaction. A file that is not a glutecoach database is never touched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from glutecoach.store import paths
from glutecoach.core.models import Entry, SessionSummary, SetRow
from glutecoach.errors import GlutecoachError

APPLICATION_ID = 0x676C7574  # 'glut': marks the file as glutecoach's
SQLITE_HEADER = b"SQLite format 3\x00"

MIGRATIONS: list[str] = [
    # version 1
    """
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        slug TEXT NOT NULL,
        units TEXT NOT NULL CHECK (units IN ('kg', 'lb')),
        contact INTEGER CHECK (contact BETWEEN 0 AND 10),
        pain_score INTEGER CHECK (pain_score BETWEEN 0 AND 10),
        rir INTEGER CHECK (rir BETWEEN 0 AND 5),
        note TEXT,
        fingerprint TEXT NOT NULL
    );
    CREATE TABLE sets (
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        reps INTEGER NOT NULL CHECK (reps BETWEEN 1 AND 1000),
        load REAL CHECK (load >= 0),
        PRIMARY KEY (entry_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX entries_by_date ON entries(date, id);
    CREATE INDEX entries_by_slug ON entries(slug, date);
    CREATE INDEX entries_by_fingerprint ON entries(fingerprint);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


class LogError(GlutecoachError):
    """The log cannot be opened or written: says where and what to do."""


def db_path() -> Path:
    return paths.log_db()


def _check_file(path: Path) -> None:
    """Refuse, untouched, a file at the database path that is not a glutecoach database."""
    if not path.exists():
        return
    if path.is_dir():
        raise LogError(f"{path} is a folder; glutecoach's log must be a file there. Move it or set GLUTECOACH_HOME.")
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as err:
        raise LogError(f"{path}: cannot be read ({err.strerror}).") from None
    if len(header) < 100 or header[:16] != SQLITE_HEADER or int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise LogError(
            f"{path} is not a glutecoach training log (it is {'empty' if not header else 'another kind of file'}); "
            "it was left untouched. Move it away, or set GLUTECOACH_HOME to use another folder."
        )
    version = int.from_bytes(header[60:64], "big")
    if version > SCHEMA_VERSION:
        raise LogError(
            f"{path} was written by a newer glutecoach (log schema {version}; this one knows up to "
            f"{SCHEMA_VERSION}); it was left untouched. Upgrade glutecoach to read it."
        )


@contextmanager
def connect(path: Path | None = None, create: bool = True) -> Iterator[sqlite3.Connection]:
    """An open, migrated log; every write inside the `with` is one transaction."""
    path = path or db_path()
    if not path.exists():
        if not create:
            yield _empty()
            return
        _create(path)
    _check_file(path)
    try:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    except (OSError, sqlite3.Error) as err:
        raise LogError(f"cannot open the training log at {path} ({err}). Check that the folder is writable, or set GLUTECOACH_HOME.") from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        _migrate(conn, path)
        yield conn
    except sqlite3.OperationalError as err:
        if "readonly" in str(err) or "unable to open" in str(err):
            raise LogError(f"cannot write the training log at {path} ({err}). Check that the folder is writable, or set GLUTECOACH_HOME.") from None
        raise
    finally:
        conn.close()


def _create(path: Path) -> None:
    """Build a new log beside the path and link it into place in one step, so that processes
    starting together never see a half-made file (and never clobber one another's)."""
    import os

    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            _migrate(conn, tmp)
        finally:
            conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
    except (OSError, sqlite3.Error) as err:
        raise LogError(f"cannot create the training log at {path} ({err}). Check that the folder is writable, or set GLUTECOACH_HOME.") from None
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            try:
                leftover.unlink()
            except OSError:
                pass


def _empty() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    _migrate(conn, Path(":memory:"))
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated
        for number in range(version, SCHEMA_VERSION):
            for statement in filter(str.strip, MIGRATIONS[number].split(";")):
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _insert(conn: sqlite3.Connection, entry: Entry) -> int:
    """Insert an entry; an imported entry keeps its id when that id is free (so an export
    imported into a fresh log exports again byte for byte)."""
    entry_id = entry.id
    if entry_id is not None and conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone():
        entry_id = None
    cur = conn.execute(
        "INSERT INTO entries (id, date, slug, units, contact, pain_score, rir, note, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry_id, entry.date, entry.slug, entry.units, entry.contact, entry.pain_score, entry.rir, entry.note, entry.fingerprint()),
    )
    entry_id = cur.lastrowid
    conn.executemany(
        "INSERT INTO sets (entry_id, position, reps, load) VALUES (?, ?, ?, ?)",
        [(entry_id, i, s.reps, s.load) for i, s in enumerate(entry.sets, 1)],
    )
    return int(entry_id)


def add(conn: sqlite3.Connection, entry: Entry) -> Entry:
    with transaction(conn):
        return entry._replace(id=_insert(conn, entry._replace(id=None)))


def add_many(conn: sqlite3.Connection, entries: Iterable[Entry]) -> tuple[int, int]:
    """All or nothing: (added, already there). An entry with the same date, exercise and sets is skipped."""
    added = skipped = 0
    with transaction(conn):
        for entry in entries:
            if conn.execute("SELECT 1 FROM entries WHERE fingerprint = ? LIMIT 1", (entry.fingerprint(),)).fetchone():
                skipped += 1
                continue
            _insert(conn, entry)
            added += 1
    return added, skipped


def delete(conn: sqlite3.Connection, entry_id: int) -> bool:
    with transaction(conn):
        return conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,)).rowcount > 0


def _rows_to_entries(conn: sqlite3.Connection, rows: Sequence[tuple]) -> list[Entry]:
    if not rows:
        return []
    ids = [r[0] for r in rows]
    sets: dict[int, list[SetRow]] = {i: [] for i in ids}
    for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        chunk = ids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for entry_id, reps, load in conn.execute(
            f"SELECT entry_id, reps, load FROM sets WHERE entry_id IN ({marks}) ORDER BY entry_id, position", chunk
        ):
            sets[entry_id].append(SetRow(reps, load))
    return [Entry(r[0], r[1], r[2], tuple(sets[r[0]]), r[3], r[4], r[5], r[6], r[7]) for r in rows]


COLUMNS = "id, date, slug, units, contact, pain_score, rir, note"


def entries(
    conn: sqlite3.Connection, since: str | None = None, slug: str | None = None, limit: int | None = None, newest_first: bool = True
) -> list[Entry]:
    """Entries, filtered in SQL (indexes on date and exercise): a 20-row list never reads the whole log."""
    where, args = [], []
    if since:
        where.append("date >= ?")
        args.append(since)
    if slug:
        where.append("slug = ?")
        args.append(slug)
    sql = f"SELECT {COLUMNS} FROM entries"
    if where:
        sql += " WHERE " + " AND ".join(where)
    order = "DESC" if newest_first else "ASC"
    sql += f" ORDER BY date {order}, id {order}"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    return _rows_to_entries(conn, conn.execute(sql, args).fetchall())


def get(conn: sqlite3.Connection, entry_id: int) -> Entry | None:
    rows = conn.execute(f"SELECT {COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchall()
    found = _rows_to_entries(conn, rows)
    return found[0] if found else None


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])


def summaries(conn: sqlite3.Connection, since: str, until: str) -> list[SessionSummary]:
    """Entries from `since` to `until`, oldest first, aggregated per entry by SQLite (one query on the
    date index; no Entry objects for thousands of sets)."""
    rows = conn.execute(
        "SELECT e.date, e.slug, e.contact, count(s.position), sum(s.reps), max(s.load)"
        " FROM entries e JOIN sets s ON s.entry_id = e.id"
        " WHERE e.date >= ? AND e.date <= ? GROUP BY e.id ORDER BY e.date, e.id",
        (since, until),
    ).fetchall()
    return [SessionSummary(*row) for row in rows]
