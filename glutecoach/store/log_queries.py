"""Questions `plan next` and `plan start` ask the log without reading every entry: each lift's last
sessions before a day, the span and recent days of loaded training, the last contact ratings. Each uses
an index (entries_by_slug, entries_by_date) or SQLite's window functions."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from glutecoach.core.models import Entry
from glutecoach.store.log_schema import ALL_COLUMNS, rows_to_entries


def latest_of(conn: sqlite3.Connection, slugs: Sequence[str], before: str, per_slug: int = 4) -> list[Entry]:
    """The last `per_slug` entries of each exercise before a day (SQL window function, the slug index): what
    a lift's working load was after a long break, without reading the years between."""
    if not slugs:
        return []
    marks = ", ".join("?" * len(slugs))
    sql = (
        f"SELECT {ALL_COLUMNS} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY slug ORDER BY date DESC, id DESC) AS nth "
        f"FROM entries WHERE slug IN ({marks}) AND date < ?) AS entries WHERE nth <= ? ORDER BY date, id"
    )
    return rows_to_entries(conn, conn.execute(sql, [*slugs, before, per_slug]).fetchall())


def span_of(conn: sqlite3.Connection, slugs: Sequence[str], until: str) -> tuple[str, str] | None:
    """The first and last day any of these exercises was logged (the slug index: a seek per exercise)."""
    if not slugs:
        return None
    marks = ", ".join("?" * len(slugs))
    first, last = conn.execute(
        f"SELECT MIN(date), MAX(date) FROM entries WHERE slug IN ({marks}) AND date <= ?", [*slugs, until]
    ).fetchone()
    return None if first is None else (first, last)


def days_since(conn: sqlite3.Connection, slugs: Sequence[str], since: str, until: str) -> int:
    """How many days in [since, until] any of these exercises was logged."""
    if not slugs:
        return 0
    marks = ", ".join("?" * len(slugs))
    sql = f"SELECT COUNT(DISTINCT date) FROM entries WHERE date BETWEEN ? AND ? AND slug IN ({marks})"
    return int(conn.execute(sql, [since, until, *slugs]).fetchone()[0])


def recent_contacts(conn: sqlite3.Connection, until: str, n: int = 6) -> list[int]:
    """The last `n` contact ratings logged on or before a day, oldest first."""
    sql = "SELECT contact FROM entries WHERE contact IS NOT NULL AND date <= ? ORDER BY date DESC, id DESC LIMIT ?"
    return [row[0] for row in conn.execute(sql, [until, n]).fetchall()][::-1]
