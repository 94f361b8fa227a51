"""The log store without the command line: migrations, identity, de-duplication, edits in one
transaction, errors that never mask the first one, and foreign sets turned into entries."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from glutecoach.core.models import Catalogue, Entry, SetRow
from glutecoach.store import formats, imports, log, log_errors, trackers

HEX = set("0123456789abcdef")


def entry(note: str | None = None, **kw: Any) -> Entry:
    base = Entry(None, "2026-03-01", "hip-thrust", (SetRow(10, 60.0), SetRow(8, 65.0)), "kg", None, None, None, note)
    return base._replace(**kw)


def _v1_log(path: Path) -> None:
    """A log as glutecoach 0.1 wrote it: schema version 1, fingerprints of date, exercise and sets only."""
    conn = sqlite3.connect(path, isolation_level=None)
    first = log.MIGRATIONS[0]
    assert isinstance(first, str)
    for statement in filter(str.strip, first.split(";")):
        conn.execute(statement)
    for i, note in enumerate(["morning", "evening, knee worse next morning"], 1):
        conn.execute(
            "INSERT INTO entries VALUES (?, '2026-03-01', 'hip-thrust', 'kg', NULL, ?, NULL, ?, '2026-03-01|hip-thrust|10x60')",
            (i, 6 if i == 2 else None, note),
        )
        conn.execute("INSERT INTO sets VALUES (?, 1, 10, 60.0)", (i,))
    conn.execute(f"PRAGMA application_id = {log.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def test_a_version_1_log_is_migrated_with_identity_set_types_and_full_fingerprints(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    _v1_log(path)
    with log.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == log.SCHEMA_VERSION == 3
        items = log.entries(conn, newest_first=False)
        assert [(e.id, e.note, e.pain_score) for e in items] == [(1, "morning", None), (2, "evening, knee worse next morning", 6)]
        assert all(e.uid and len(e.uid) == 32 and set(e.uid) <= HEX for e in items) and items[0].uid != items[1].uid
        assert all(e.sets == (SetRow(10, 60.0, "working"),) and e.time is None for e in items)
        stored = [r[0] for r in conn.execute("SELECT fingerprint FROM entries ORDER BY id")]
        assert stored == [e.fingerprint() for e in items] and stored[0] != stored[1]  # no longer date|slug|sets
        assert log.integrity(conn) == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with log.connect(path) as conn:  # migrating again changes nothing
        assert [e.uid for e in log.entries(conn, newest_first=False)] == [e.uid for e in items]


def test_a_file_with_our_mark_and_foreign_tables_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE entries (x)")
    conn.execute(f"PRAGMA application_id = {log.APPLICATION_ID}")
    conn.commit()
    conn.close()
    content = path.read_bytes()
    with pytest.raises(log.LogError, match="holds tables glutecoach did not make; it was left untouched"), log.connect(path):
        pass
    assert path.read_bytes() == content and not path.with_name("log.sqlite3-wal").exists()


@pytest.mark.parametrize(
    "change",
    [
        {"date": "2026-03-02"},
        {"time": "18:00"},
        {"slug": "glute-bridge"},
        {"units": "lb"},
        {"contact": 7},
        {"pain_score": 6},
        {"rir": 2},
        {"note": "evening"},
        {"sets": (SetRow(10, 60.0), SetRow(8, 65.0, "warmup"))},
        {"sets": (SetRow(10, 60.0), SetRow(8, 65.5))},
        {"sets": (SetRow(10, 60.0), SetRow(9, 65.0))},
        {"sets": (SetRow(10, 60.0),)},
    ],
)
def test_the_fingerprint_covers_everything_an_entry_says(change: dict) -> None:
    assert entry()._replace(**change).fingerprint() != entry().fingerprint()


def test_the_fingerprint_ignores_which_entry_it_is() -> None:
    assert entry(id=4, uid="a" * 32).fingerprint() == entry().fingerprint()


def test_counted_sets_leave_out_warm_ups() -> None:
    e = entry(sets=(SetRow(10, 20.0, "warmup"), SetRow(10, 60.0), SetRow(12, 40.0, "drop"), SetRow(20, 30.0, "failure")))
    assert [s.type for s in e.counted_sets] == ["working", "drop", "failure"]


def test_uids_decide_for_glutecoach_entries_and_fingerprints_count_for_the_rest(tmp_path: Path) -> None:
    with log.connect(tmp_path / "log.sqlite3") as conn:
        kept = log.add(conn, entry("a"))
        assert kept.uid and len(kept.uid) == 32
        # the same uid: already there, whatever it says now; another uid: another entry, even if it says the same
        assert log.add_many(conn, [entry("changed", uid=kept.uid), entry("a", uid="b" * 32)]) == (1, 1)
        # no uid: by what it says, counted: three identical sessions in a file against two in the log adds one
        assert log.add_many(conn, [entry("a"), entry("a"), entry("a")]) == (1, 2)
        assert log.add_many(conn, [entry("a"), entry("a"), entry("a")]) == (0, 3)
        assert log.count_new(conn, [entry("a")] * 4 + [entry("new")]) == (2, 3)
        assert log.count(conn) == 3


def test_an_import_keeps_free_ids_and_gives_taken_ones_new_numbers(tmp_path: Path) -> None:
    with log.connect(tmp_path / "log.sqlite3") as conn:
        log.add_many(conn, [entry("a", id=7, uid="a" * 32)])
        log.add_many(conn, [entry("b", id=7, uid="b" * 32), entry("c", id=3, uid="c" * 32)])
        assert sorted((e.id, e.note) for e in log.entries(conn)) == [(3, "c"), (7, "a"), (8, "b")]


def test_an_edit_is_one_transaction_that_keeps_id_and_uid(tmp_path: Path) -> None:
    with log.connect(tmp_path / "log.sqlite3") as conn:
        saved = log.add(conn, entry("a"))
        new = log.edit(conn, saved.id or 0, lambda e: e._replace(note="b", sets=(SetRow(5, 20.0, "warmup"),), uid="x", id=99))
        assert new is not None and (new.id, new.uid, new.note) == (saved.id, saved.uid, "b")
        assert log.get(conn, saved.id or 0) == new

        def broken(e: Entry) -> Entry:
            raise ValueError("a bad value")

        with pytest.raises(ValueError):
            log.edit(conn, saved.id or 0, broken)
        assert log.get(conn, saved.id or 0) == new and not conn.in_transaction
        assert conn.execute("SELECT fingerprint FROM entries").fetchone()[0] == new.fingerprint()
        assert log.edit(conn, 12345, lambda e: e) is None
        assert log.get(conn, 2**70) is None and log.delete(conn, 2**70) is False


def test_a_rollback_after_sqlite_ended_the_transaction_reports_the_first_error(tmp_path: Path) -> None:
    with log.connect(tmp_path / "log.sqlite3") as conn:
        log.add(conn, entry("a"))
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.OperationalError, match="full"):
            log.add_many(conn, [entry("x" * 5000 + str(i)) for i in range(200)])
        assert not conn.in_transaction and log.count(conn) == 1


def test_sqlite_errors_are_explained_and_bugs_are_not() -> None:
    path = Path("log.sqlite3")
    assert log_errors.explain(sqlite3.IntegrityError("CHECK constraint failed"), path) is None
    assert "another glutecoach is writing" in str(log_errors.explain(sqlite3.OperationalError("database is locked"), path))
    assert "is full" in str(log_errors.explain(sqlite3.OperationalError("database or disk is full"), path))
    assert "is damaged" in str(log_errors.explain(sqlite3.DatabaseError("file is not a database"), path))
    assert "disk I/O error" in str(log_errors.explain(sqlite3.OperationalError("disk I/O error"), path))


# --------------------------------------------------------------------------------------------------
# Foreign sets -> entries


def foreign(*sets: trackers.ForeignSet, note: str | None = None, time: str | None = "10:00", workout: str = "W") -> trackers.ForeignEntry:
    return trackers.ForeignEntry(5, "2026-03-01", time, workout, "Name", sets, note)


def fs(
    reps: int | None,
    load: float | None = None,
    unit: str | None = None,
    seconds: float | None = None,
    metres: float | None = None,
    rpe: float | None = None,
    kind: str = "working",
) -> trackers.ForeignSet:
    return trackers.ForeignSet(reps, load, unit, seconds, metres, rpe, kind)


def test_a_hold_is_counted_in_seconds_and_a_sled_in_metres() -> None:
    hold, dropped = imports._convert(foreign(fs(None, seconds=45.0), fs(3, seconds=30.0)), "side-plank", "seconds", "kg", "f")
    assert hold is not None and [s.reps for s in hold.sets] == [45, 30] and not dropped
    sled, _ = imports._convert(foreign(fs(None, 100.0, "kg", metres=20.0)), "sled-push", "metres", "kg", "f")
    assert sled is not None and sled.sets == (SetRow(20, 100.0),)


def test_what_a_set_says_beyond_its_count_is_kept_in_the_note() -> None:
    e, _ = imports._convert(
        foreign(fs(12, 30.0, "lb", metres=402.3, rpe=7), fs(10, 30.0, "lb", seconds=40.0, rpe=8), note="ok"),
        "walking-lunge",
        "reps",
        "kg",
        "f",
    )
    assert e is not None and e.units == "lb" and e.rir == 2
    assert e.note == "ok | set 1: 402.3 m | set 2: 40 s | RPE by set: 7, 8"


def test_sets_without_a_count_are_left_out_and_said() -> None:
    e, dropped = imports._convert(foreign(fs(None, 50.0, "kg"), fs(10, 50.0, "kg")), "hip-thrust", "reps", "kg", "f")
    assert e is not None and len(e.sets) == 1
    assert dropped == ["line 5 (Name, 2026-03-01), set 1: no reps recorded"]
    none, dropped = imports._convert(foreign(fs(None, seconds=5000.0)), "side-plank", "seconds", "kg", "f")
    assert none is None and dropped == ["line 5 (Name, 2026-03-01), set 1: 5000 seconds (at most 1000 a set)"]


def test_mixed_units_become_the_users_and_unsaid_units_are_the_users() -> None:
    mixed, _ = imports._convert(foreign(fs(8, 100.0, "kg"), fs(6, 225.0, "lb")), "hip-thrust", "reps", "lb", "f")
    assert mixed is not None and mixed.units == "lb" and [s.load for s in mixed.sets] == [220.46, 225.0]
    unsaid, _ = imports._convert(foreign(fs(8, 100.0)), "hip-thrust", "reps", "lb", "f")
    assert unsaid is not None and unsaid.units == "lb" and unsaid.sets[0].load == 100.0


def test_glutecoachs_own_tags_and_midnight_read_back_as_written() -> None:
    own = "glutecoach"  # the workout name glutecoach writes: only its rows carry the tag
    e, _ = imports._convert(
        foreign(fs(10), note="[glutecoach contact=7 pain=2] =1+1", time="00:00", workout=own), "hip-thrust", "reps", "kg", "f"
    )
    assert e is not None and (e.contact, e.pain_score, e.note, e.time) == (7, 2, "=1+1", None)
    other, _ = imports._convert(foreign(fs(10), note="[glutecoach contact=7 pain=2] =1+1", time="07:05"), "hip-thrust", "reps", "kg", "f")
    assert other is not None and (other.contact, other.pain_score, other.note) == (None, None, "[glutecoach contact=7 pain=2] =1+1")
    with pytest.raises(formats.UsageError, match="f, line 5: the tag .* gives contact=70"):
        imports._convert(foreign(fs(10), note="[glutecoach contact=70]", workout=own), "hip-thrust", "reps", "kg", "f")


def test_a_plan_never_guesses_a_name(cat: Catalogue) -> None:
    data = (
        b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
        b"2026-03-01 10:00:00,W,,Bench Press (Barbell),1,50,5,,,,,\n2026-03-01 10:00:00,W,,Hip Thrustt,1,50,5,,,,,\n"
    )
    plan = imports.plan(data, "f.csv", None, list(cat.exercises.values()), {}, "kg")
    assert [(n.name, n.slug, n.rows, n.sets) for n in plan.names] == [("Bench Press (Barbell)", None, 1, 0), ("Hip Thrustt", None, 1, 0)]
    assert plan.entries == () and len(plan.unknown) == 2


@pytest.mark.parametrize(
    "text,cell",
    [
        ("=1", "'=1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\t=x", "\t'=x"),
        ("\r@x", "\r'@x"),
        ("a=1", "a=1"),
        ("'=1", "''=1"),
        ("a;=1", "a;'=1"),
        ("a\t+1", "a\t'+1"),
        ("a\r=1", "a\r'=1"),
        (" =1", " '=1"),
        ("\ufeff=1", "\ufeff'=1"),
        ("\uff1d1", "'\uff1d1"),
        ("x", "x"),
        ("\tx", "\tx"),
    ],
)
def test_formula_cells_are_neutralised_and_read_back(text: str, cell: str) -> None:
    assert formats.cell(text) == cell and formats.uncell(cell) == text
    assert formats.cell(5) == 5
