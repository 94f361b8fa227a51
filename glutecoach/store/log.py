"""The training log: SQLite (the standard library's sqlite3) in the user's data folder.

Versioned schema (PRAGMA user_version) with forward migrations (store.log_schema; its names are
re-exported here); WAL journal; foreign keys on; every command's writes in one transaction. A file
that is not a glutecoach database is never touched. Every SQLite failure a user can meet (a damaged
file, a lock held too long, a full disk, a read-only folder) becomes a LogError saying what happened
and what to do (store.log_errors); the log is left as it was. A log on a full disk still reads.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from glutecoach.core.models import Entry
from glutecoach.store import paths
from glutecoach.store.log_errors import SQLITE_HEADER as SQLITE_HEADER  # re-exported: the tests build non-logs with it
from glutecoach.store.log_errors import LogError as LogError
from glutecoach.store.log_errors import check_file, disk_full, explain
from glutecoach.store.log_queries import days_since, has_foreign, latest_of, recent_contacts, span_of  # noqa: F401  (re-exported: the CLI asks store.log)
from glutecoach.store.log_schema import ALL_COLUMNS, APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, rows_to_entries
from glutecoach.store.log_schema import COLUMNS as COLUMNS  # re-exported, as the schema's names above are
from glutecoach.store.log_schema import Migration as Migration

BUSY_SECONDS = 10  # how long a command waits for another glutecoach that is writing
MAX_ID = 2**63 - 1  # SQLite's largest integer


def db_path() -> Path:
    return paths.log_db()


@contextmanager
def connect(path: Path | None = None, create: bool = True) -> Iterator[sqlite3.Connection]:
    """An open, migrated log; every write inside the `with` is one transaction. Without a log and
    with create=False, an empty one in memory (reading commands never make a file)."""
    path = path or db_path()
    if not check_file(path):
        if not create:
            yield _empty()
            return
        _create(path)
        check_file(path)
    conn = _open_or_explain(path, create)
    try:
        yield conn
    except sqlite3.Error as err:
        raise _explained(err, path) from None
    finally:
        conn.close()


def _open_or_explain(path: Path, create: bool) -> sqlite3.Connection:
    try:
        return _open(path)
    except sqlite3.Error as err:
        if create or not disk_full(err, path):
            raise _explained(err, path) from None
        try:
            return _open(path, in_memory_index=True)  # a reader on a full disk: see _open
        except sqlite3.Error:
            raise _explained(err, path) from None  # the first error is the one to report


def _open(path: Path, in_memory_index: bool = False) -> sqlite3.Connection:
    """A connection with the log read once (migrated if it must be). Reading a WAL log makes SQLite's
    shared index file (log.sqlite3-shm, 32 KiB), which a full disk has no room for; with
    ``in_memory_index`` the index is kept in memory instead (exclusive locking mode, so other runs wait
    while this one reads), and the log reads, and can be exported, on a full disk."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    except (OSError, sqlite3.Error) as err:
        raise LogError(
            f"cannot open the training log at {path} ({err}). Check that the folder is writable, or set GLUTECOACH_HOME."
        ) from None
    try:
        if in_memory_index:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
        _migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _explained(err: sqlite3.Error, path: Path) -> Exception:
    explained = explain(err, path, BUSY_SECONDS)
    return err if explained is None else explained


def _create(path: Path) -> None:
    """Build a new log beside the path and link it into place in one step, so that processes
    starting together never see a half-made file (and never clobber one another's)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            _migrate(conn, tmp)
        finally:
            conn.close()
        with suppress(FileExistsError):  # another process made it first: use theirs
            os.link(tmp, path)
    except (OSError, sqlite3.Error) as err:
        if disk_full(err, path):
            raise LogError(
                f"the disk holding {path.parent} is full: no training log could be made there. Free some space and try again."
            ) from None
        raise LogError(
            f"cannot create the training log at {path} ({err}). Check that the folder is writable, or set GLUTECOACH_HOME."
        ) from None
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            with suppress(OSError):
                leftover.unlink()


def _empty() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    _migrate(conn, Path(":memory:"))
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise LogError(
                f"{path} carries glutecoach's mark but holds tables glutecoach did not make; it was left untouched. "
                "Move it away, or set GLUTECOACH_HOME to use another folder."
            )
        for number in range(version, SCHEMA_VERSION):
            step = MIGRATIONS[number]
            if callable(step):
                step(conn)
            else:
                for statement in filter(str.strip, step.split(";")):
                    conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")  # only once the file is known to be ours


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already (a full disk ends it): the first error is
    the one to report, never "cannot rollback"."""
    if conn.in_transaction:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


def new_uid() -> str:
    return uuid.uuid4().hex


def _insert(conn: sqlite3.Connection, entry: Entry) -> Entry:
    """Insert an entry; an imported entry keeps its id when that id is free (so an export
    imported into a fresh log exports again byte for byte) and always keeps its uid."""
    entry_id = entry.id
    if entry_id is not None and conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone():
        entry_id = None
    uid = entry.uid or new_uid()
    cur = conn.execute(
        "INSERT INTO entries (id, uid, date, time, slug, units, contact, pain_score, rir, note, fingerprint)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry_id,
            uid,
            entry.date,
            entry.time,
            entry.slug,
            entry.units,
            entry.contact,
            entry.pain_score,
            entry.rir,
            entry.note,
            entry.fingerprint(),
        ),
    )
    saved = entry._replace(id=int(cur.lastrowid or 0), uid=uid)
    _insert_sets(conn, saved)
    return saved


def _insert_sets(conn: sqlite3.Connection, entry: Entry) -> None:
    conn.executemany(
        "INSERT INTO sets (entry_id, position, reps, load, type) VALUES (?, ?, ?, ?, ?)",
        [(entry.id, i, s.reps, s.load, s.type) for i, s in enumerate(entry.sets, 1)],
    )


def add(conn: sqlite3.Connection, entry: Entry) -> Entry:
    """A new entry, with a new id and a new uid."""
    with transaction(conn):
        return _insert(conn, entry._replace(id=None, uid=None))


def _present(conn: sqlite3.Connection, entries: Sequence[Entry]) -> list[bool]:
    """For each entry, whether the log already holds it: by uid when it has one (a glutecoach export),
    else by fingerprint, counted: a file with the same session twice adds it twice, once only if the
    log already holds it once."""
    out = []
    seen_uids: set[str] = set()
    wanted: Counter[str] = Counter()
    held: dict[str, int] = {}
    for e in entries:
        if e.uid is not None:
            there = e.uid in seen_uids or conn.execute("SELECT 1 FROM entries WHERE uid = ?", (e.uid,)).fetchone() is not None
            seen_uids.add(e.uid)
            out.append(there)
            continue
        fp = e.fingerprint()
        if fp not in held:
            held[fp] = conn.execute("SELECT count(*) FROM entries WHERE fingerprint = ?", (fp,)).fetchone()[0]
        wanted[fp] += 1
        out.append(wanted[fp] <= held[fp])
    return out


def count_new(conn: sqlite3.Connection, entries: Sequence[Entry]) -> tuple[int, int]:
    """(would be added, already there), writing nothing (import --dry-run)."""
    there = _present(conn, entries)
    return there.count(False), there.count(True)


def add_many(conn: sqlite3.Connection, entries: Sequence[Entry]) -> tuple[int, int]:
    """All or nothing: (added, already there). See _present for what 'already there' means."""
    added = 0
    with transaction(conn):
        there = _present(conn, entries)
        for entry, skip in zip(entries, there, strict=True):
            if not skip:
                _insert(conn, entry)
                added += 1
    return added, len(entries) - added


def edit(conn: sqlite3.Connection, entry_id: int, change: Callable[[Entry], Entry]) -> Entry | None:
    """An entry corrected in one transaction (read, changed, written): the same id and uid, new values
    and sets. None when there is no such entry."""
    with transaction(conn):
        old = get(conn, entry_id)
        if old is None:
            return None
        new = change(old)._replace(id=old.id, uid=old.uid)
        conn.execute(
            "UPDATE entries SET date = ?, time = ?, slug = ?, units = ?, contact = ?, pain_score = ?, rir = ?, note = ?,"
            " fingerprint = ? WHERE id = ?",
            (new.date, new.time, new.slug, new.units, new.contact, new.pain_score, new.rir, new.note, new.fingerprint(), new.id),
        )
        conn.execute("DELETE FROM sets WHERE entry_id = ?", (new.id,))
        _insert_sets(conn, new)
    return new


def delete(conn: sqlite3.Connection, entry_id: int) -> bool:
    if not 1 <= entry_id <= MAX_ID:
        return False
    with transaction(conn):
        return conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,)).rowcount > 0


def entries(
    conn: sqlite3.Connection,
    since: str | None = None,
    slug: str | None = None,
    limit: int | None = None,
    newest_first: bool = True,
    until: str | None = None,
) -> list[Entry]:
    """Entries, filtered in SQL (indexes on date and exercise): a 20-row list never reads the whole log,
    nor does a look back from a day in the past (`until`) read the years after it."""
    where: list[str] = []
    args: list[object] = []
    if since:
        where.append("date >= ?")
        args.append(since)
    if until:
        where.append("date <= ?")
        args.append(until)
    if slug:
        where.append("slug = ?")
        args.append(slug)
    sql = f"SELECT {ALL_COLUMNS} FROM entries"
    if where:
        sql += " WHERE " + " AND ".join(where)
    order = "DESC" if newest_first else "ASC"
    sql += f" ORDER BY date {order}, id {order}"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    return rows_to_entries(conn, conn.execute(sql, args).fetchall())


def get(conn: sqlite3.Connection, entry_id: int) -> Entry | None:
    if not 1 <= entry_id <= MAX_ID:
        return None
    rows = conn.execute(f"SELECT {ALL_COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchall()
    found = rows_to_entries(conn, rows)
    return found[0] if found else None


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])


def integrity(conn: sqlite3.Connection) -> str:
    """SQLite's own check of the file ('ok' when sound)."""
    return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
