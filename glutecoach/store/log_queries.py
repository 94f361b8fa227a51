"""Questions `plan next` and `plan start` ask the log without reading every entry: each lift's last
sessions before a day, the span and recent days of loaded training, the last contact ratings. Each is a
seek or a short range on an index (entries_by_slug, entries_by_date), whatever the size of the log."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from glutecoach.core.models import Entry
from glutecoach.store.log_schema import ALL_COLUMNS, rows_to_entries


def latest_of(conn: sqlite3.Connection, slugs: Sequence[str], before: str, per_slug: int = 4) -> list[Entry]:
    """The last `per_slug` entries of each exercise before a day: what a lift's working load was after a long
    break, without reading the years between. One index seek per exercise (entries_by_slug, newest first);
    a window function over the IN list would read every entry of those exercises."""
    sql = f"SELECT {ALL_COLUMNS} FROM entries WHERE slug = ? AND date < ? ORDER BY date DESC, id DESC LIMIT ?"
    rows = [row for slug in dict.fromkeys(slugs) for row in conn.execute(sql, [slug, before, per_slug]).fetchall()]
    rows.sort(key=lambda row: (row[1], row[0]))  # by date, then id: the order the log was kept in
    return rows_to_entries(conn, rows)


# An entry with load: a set that is not a warm-up carries weight (core.training_state.working_sets)
LOADED = "EXISTS (SELECT 1 FROM sets WHERE sets.entry_id = e.id AND sets.load > 0 AND sets.type != 'warmup')"


def span_of(conn: sqlite3.Connection, slugs: Sequence[str], until: str) -> tuple[str, str] | None:
    """The first and last day any of these exercises was logged with a load: per exercise, a walk from each
    end of the slug index to the first loaded entry (correlated subqueries; MIN and MAX over an IN list
    would scan every entry of them)."""
    if not slugs:
        return None
    rows = ", ".join(["(?)"] * len(slugs))
    pick = f"SELECT date FROM entries AS e WHERE e.slug = wanted.slug AND e.date <= ? AND {LOADED} ORDER BY date"
    sql = f"WITH wanted(slug) AS (VALUES {rows}) SELECT MIN(({pick} LIMIT 1)), MAX(({pick} DESC LIMIT 1)) FROM wanted"
    first, last = conn.execute(sql, [*slugs, until, until]).fetchone()
    return None if first is None else (first, last)


def days_since(conn: sqlite3.Connection, slugs: Sequence[str], since: str, until: str) -> int:
    """How many days in [since, until] any of these exercises was logged with a load."""
    if not slugs:
        return 0
    marks = ", ".join("?" * len(slugs))
    sql = f"SELECT COUNT(DISTINCT date) FROM entries AS e WHERE date BETWEEN ? AND ? AND slug IN ({marks}) AND {LOADED}"
    return int(conn.execute(sql, [since, until, *slugs]).fetchone()[0])


def recent_contacts(conn: sqlite3.Connection, until: str, n: int) -> list[int]:
    """The last `n` contact ratings logged on or before a day, oldest first."""
    sql = "SELECT contact FROM entries WHERE contact IS NOT NULL AND date <= ? ORDER BY date DESC, id DESC LIMIT ?"
    return [row[0] for row in conn.execute(sql, [until, n]).fetchall()][::-1]


def has_foreign(conn: sqlite3.Connection, since: str | None = None) -> bool:
    """Whether any tracker row was kept without an entry (a foreign entry), on or after `since`: one
    probe, so `log list` reads the tracker rows (and imports their readers) only when there are some."""
    sql = "SELECT EXISTS (SELECT 1 FROM tracker_records WHERE entry_id IS NULL" + (" AND date >= ?)" if since else ")")
    return bool(conn.execute(sql, [since] if since else []).fetchone()[0])
