"""The reliability review's reproductions (issue 16), as tables: each exits 2 with its one paragraph,
stdout stays empty, and the log's integrity check and content are what they were. Then property tests:
generated imports (JSON and each tracker's CSV) and profile files never end in anything but 0 or 2."""

from __future__ import annotations

import json
import os
import sqlite3
import string
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from clirun import ok, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glutecoach.store import files, log, log_errors, paths

PROPERTY = settings(database=None, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def refused(result: Any, needle: str) -> None:
    """Exit 2, one paragraph on stderr with the needle, nothing on stdout, no stray exception."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stdout == ""
    assert needle in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")


def state() -> tuple[str, str]:
    """The log as SQLite checks it and as an export shows it (read without migrating or creating)."""
    path = log.db_path()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT uid, date, slug, note, pain_score FROM entries ORDER BY id").fetchall()
        sets = conn.execute("SELECT entry_id, position, reps, load, type FROM sets ORDER BY entry_id, position").fetchall()
        return conn.execute("PRAGMA integrity_check").fetchone()[0], repr((rows, sets))
    finally:
        conn.close()


@pytest.fixture
def logged() -> Iterator[tuple[str, str]]:
    """A log with two sessions of one exercise on one day; yields its state, checked unchanged after."""
    ok("log", "add", "hip-thrust", "--set", "w:10x40", "--set", "10x60", "--date", "2026-03-01", "--note", "morning", "--contact", "8")
    ok(
        "log",
        "add",
        "hip-thrust",
        "--set",
        "10x60",
        "--date",
        "2026-03-01",
        "--note",
        "evening, knee worse next morning",
        "--pain-score",
        "6",
    )
    before = state()
    assert before[0] == "ok"
    yield before
    assert state() == before


# --------------------------------------------------------------------------------------------------
# Hostile JSON imports (F3b)

ONE = {"date": "2026-03-01", "slug": "hip-thrust", "sets": [{"reps": 10, "load": 60}]}


def entry_with(**fields: Any) -> str:
    return json.dumps({"entries": [{**ONE, **fields}]})


def raw_entry(extra: str) -> str:
    return '{"entries":[{"date":"2026-03-01","slug":"hip-thrust","sets":[{"reps":10,"load":60}], ' + extra + "}]}"


JSON_CASES: list[tuple[str, str | bytes, str]] = [
    ("note a number", entry_with(note=5), "entry 1: note: 5 is not text"),
    ("note true", entry_with(note=True), "entry 1: note: true is not text"),
    ("note a list", entry_with(note=["a"]), 'entry 1: note: ["a"] is not text'),
    ("note an object", entry_with(note={"a": 1}), "is not text"),
    ("note a lone surrogate", raw_entry('"note": "\\ud800"'), "note: contains bytes that are not UTF-8 text"),
    ("note with NUL", entry_with(note="a\x00b"), "note: contains a NUL character"),
    ("note too long", entry_with(note="x" * 10_001), "note: 10001 characters; accepted: at most 10000"),
    ("contact Infinity", raw_entry('"contact": Infinity'), "Infinity is not a number JSON allows"),
    ("contact NaN", raw_entry('"contact": NaN'), "NaN is not a number JSON allows"),
    ("contact 1e400", raw_entry('"contact": 1e400'), "the number 1e400 is too large to be a value"),
    ("contact true", entry_with(contact=True), "entry 1: contact: true is not a whole number; accepted: 0-10"),
    ("contact a string", entry_with(contact="7"), "entry 1: contact: '7' is not a whole number"),
    ("contact 7.5", entry_with(contact=7.5), "entry 1: contact: 7.5 is not a whole number"),
    ("pain 11", entry_with(pain_score=11), "entry 1: pain_score: 11 is out of range; accepted: 0-10"),
    ("reps 1e400", raw_entry('"rir": 1').replace('"reps":10', '"reps":1e400'), "the number 1e400 is too large"),
    ("reps true", entry_with(sets=[{"reps": True, "load": 60}]), "entry 1: set 1: reps true is not a whole number"),
    ("load true", entry_with(sets=[{"reps": 10, "load": True}]), "entry 1: set 1: load true is not a number"),
    ("load negative", entry_with(sets=[{"reps": 10, "load": -5}]), "entry 1: set 1: load -5 is out of range"),
    (
        "set type unknown",
        entry_with(sets=[{"reps": 10, "type": "cluster"}]),
        "type 'cluster' is not accepted; accepted: working, warmup, drop, failure",
    ),
    ("a set field unknown", entry_with(sets=[{"reps": 10, "rpe": 8}]), "set 1: unknown field 'rpe'"),
    ("51 sets", entry_with(sets=[{"reps": 10}] * 51), "51 sets in one entry; accepted: 1-50"),
    ("no sets", entry_with(sets=[]), "at least one set is needed"),
    ("id 2**63", raw_entry('"id": 9223372036854775808'), "entry 1: id: 9223372036854775808 is out of range"),
    ("id 2**70", entry_with(id=2**70), "is out of range; accepted: 1-9223372036854775807"),
    ("id true", entry_with(id=True), "id: true is not a whole number"),
    ("uid not hex", entry_with(uid="not-a-uid"), "uid: 'not-a-uid' is not accepted; accepted: 32 hexadecimal digits"),
    ("time 25:00", entry_with(time="25:00"), "time: '25:00' is not accepted; accepted: HH:MM"),
    ("date 2099", entry_with(date="2099-01-01"), "'2099-01-01' is outside the days glutecoach accepts"),
    ("date 1899", entry_with(date="1899-12-31"), "is outside the days glutecoach accepts"),
    ("date that does not exist", entry_with(date="2026-02-30"), "'2026-02-30' is not a date that exists"),
    ("date a number", entry_with(date=20260301), "date: 20260301 is not a date"),
    ("units stone", entry_with(units="stone"), "units: 'stone' is not accepted; accepted: kg, lb"),
    ("an unknown field", entry_with(colour="red"), "unknown field 'colour'"),
    ("no slug", json.dumps({"entries": [{"date": "2026-03-01", "sets": [{"reps": 1}]}]}), "the field 'slug' is missing"),
    ("a list at the top", json.dumps([ONE]), 'expected {"entries": [...]}'),
    ("another top-level key", json.dumps({"entries": [], "x": 1}), 'accepted: "json_version", "entries" (and "tracker_rows")'),
    ("a newer json_version", json.dumps({"json_version": 99, "entries": []}), "json_version 99 is not one this glutecoach reads"),
    ("a json_version in words", json.dumps({"json_version": "1", "entries": []}), "json_version '1' is not one"),
    ("an entry that is a list", json.dumps({"entries": [[1, 2]]}), "entry 1: [1, 2] is not an object"),
    ("100,000-deep nesting", '{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ("5,000-digit number", raw_entry('"contact": ' + "9" * 5000), "not valid JSON"),
    ("trailing garbage", entry_with() + "}}", "not valid JSON (line 1"),
    ("UTF-16", "\ufeff".encode("utf-16-le") + entry_with().encode("utf-16-le"), "UTF-16"),
    ("Latin-1", raw_entry('"note": "caf\u00e9"').encode("latin-1"), "byte 0xe9 is not UTF-8 text"),
]


@pytest.mark.parametrize("name,content,needle", JSON_CASES, ids=[c[0] for c in JSON_CASES])
def test_a_hostile_json_import_exits_2_and_changes_nothing(
    tmp_path: Path, logged: tuple[str, str], name: str, content: str | bytes, needle: str
) -> None:
    path = tmp_path / "import.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    result = run("log", "import", str(path))
    refused(result, needle)
    assert "Nothing was imported" in result.stderr


# --------------------------------------------------------------------------------------------------
# Hostile tracker CSVs (F4b)

STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"


def strong_row(rpe: str = "8", notes: str = "", name: str = "Hip Thrust (Barbell)", order: str = "1") -> str:
    return f"2026-03-01 10:00:00,W,1h,{name},{order},60,10,,,{notes},,{rpe}\n"


CSV_CASES: list[tuple[str, str | bytes, str]] = [
    ("RPE inf", STRONG + strong_row("inf"), "RPE 'inf' is not a finite number"),
    ("RPE -inf", STRONG + strong_row("-inf"), "is not a finite number"),
    ("RPE 1e309", STRONG + strong_row("1e309"), "is not a finite number"),
    ("RPE nan", STRONG + strong_row("nan"), "is not a finite number"),
    ("a note over the field limit", STRONG + strong_row(notes="x" * 131_073), "fields at most 10000 characters"),
    ("a note over 10,000 characters", STRONG + strong_row(notes="x" * 10_001), "Notes is 10001 characters long; accepted: at most 10000"),
    ("a NUL", STRONG + strong_row(notes="a\x00b"), "a NUL character"),
    ("an unknown set order", STRONG + strong_row(order="X"), "Set Order 'X' is not accepted"),
    ("59 sets in one workout", STRONG + "".join(strong_row(order=str(i)) for i in range(1, 60)), "59 sets in one entry; accepted: 1-50"),
    ("an unbalanced quote", STRONG + '2026-03-01 10:00:00,W,1h,"Hip Thrust,1,60,10,,,,,\n', "line 2"),
    ("a missing column", STRONG + "2026-03-01 10:00:00,W,1h,Hip Thrust (Barbell),1,60\n", "6 fields where the header has 12"),
    ("a date in 2099", STRONG + strong_row().replace("2026", "2099"), "is outside 1900-01-01 to tomorrow"),
    ("a header of nothing known", "a,b,c\n1,2,3\n", "matches no export glutecoach reads"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00", "UTF-8"),
]


def test_an_escape_in_an_unknown_name_is_kept_and_printed_escaped(tmp_path: Path) -> None:
    """An unknown name is kept as a foreign entry (issue 26); it reaches the terminal escaped."""
    path = tmp_path / "import.csv"
    path.write_text(STRONG + strong_row(name="\x1b[2JEvil"))
    out = run("log", "import", str(path))
    assert out.exit_code == 0 and "'\\x1b[2JEvil' (1 row, line 2)" in out.stdout and "\x1b" not in out.stdout
    listed = run("log", "list")
    assert "\\x1b[2JEvil" in listed.stdout and "\x1b" not in listed.stdout


@pytest.mark.parametrize("name,content,needle", CSV_CASES, ids=[c[0] for c in CSV_CASES])
def test_a_hostile_tracker_csv_exits_2_and_changes_nothing(
    tmp_path: Path, logged: tuple[str, str], name: str, content: str | bytes, needle: str
) -> None:
    path = tmp_path / "import.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = run("log", "import", str(path))
    refused(result, needle)
    assert "\x1b" not in result.stderr


# --------------------------------------------------------------------------------------------------
# Files that are not files (F4, F12)


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def loop(path: Path) -> Path:
    path.symlink_to(path)
    return path


def dev_zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


def folder(path: Path) -> Path:
    path.mkdir()
    return path


def missing(path: Path) -> Path:
    return path


NOT_FILES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("a FIFO", fifo, "is not a regular file (a pipe, device or socket)"),
    ("/dev/zero", dev_zero, "is not a regular file"),
    ("a symlink loop", loop, "is a symbolic link that leads back to itself"),
    ("a folder", folder, "is a folder"),
    ("nothing", missing, "no such file"),
]


@pytest.mark.parametrize("name,make,needle", NOT_FILES, ids=[c[0] for c in NOT_FILES])
def test_an_import_or_mapping_that_is_not_a_regular_file_is_refused_unread(
    tmp_path: Path, logged: tuple[str, str], name: str, make: Callable[[Path], Path], needle: str
) -> None:
    target = make(tmp_path / "x.csv")
    refused(run("log", "import", str(target)), needle)
    real = tmp_path / "real.csv"
    real.write_text(STRONG + strong_row())
    refused(run("log", "import", str(real), "--map", str(target)), needle)


def test_an_import_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, logged: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.csv"
    path.write_text(STRONG + strong_row() * 100)
    monkeypatch.setattr(files, "MAX_IMPORT_BYTES", 1000)
    refused(run("log", "import", str(path)), "a log export may be at most")


@pytest.mark.parametrize("name,make,needle", NOT_FILES[:4], ids=[c[0] for c in NOT_FILES[:4]])
def test_a_log_path_that_is_not_a_file_is_refused_and_recommend_goes_on(name: str, make: Callable[[Path], Path], needle: str) -> None:
    path = log.db_path()
    path.parent.mkdir(parents=True)
    make(path)
    expected = {
        "a FIFO": "is not a regular file",
        "/dev/zero": "is not a regular file",
        "a symlink loop": "cannot be reached",
        "a folder": "is a folder",
    }[name]
    for args in (["log", "list"], ["log", "add", "hip-thrust", "--sets", "1", "--reps", "5"], ["progress"]):
        refused(run(*args), expected)
    result = run("recommend", "--goal", "glute-size", "--format", "json")
    assert result.exit_code == 0
    if name != "a symlink loop":  # (cli/options.py checks Path.exists() first, which is False for a loop)
        assert "recent pain from your log is left out" in result.stderr


# --------------------------------------------------------------------------------------------------
# A damaged log (F7), a lock held too long and a full disk (F6)


def test_a_damaged_log_is_reported_by_every_command_and_left_as_it_was(tmp_path: Path) -> None:
    for i in range(5):
        ok("log", "add", "hip-thrust", "--sets", "3", "--reps", "10", "--pain-score", "5", "--note", f"session {i}")
    path = log.db_path()
    with path.open("r+b") as f:
        f.truncate(4096)  # truncate -s 4096
    content = path.read_bytes()
    backup = tmp_path / "b.json"
    backup.write_text(json.dumps({"entries": [ONE]}))
    commands = [
        ["log", "list"],
        ["log", "list", "--format", "json"],
        ["log", "add", "clamshell", "--sets", "1", "--reps", "5"],
        ["log", "export"],
        ["log", "export", "--format", "strong", "-o", str(tmp_path / "s.csv")],
        ["log", "import", str(backup)],
        ["log", "import", str(backup), "--dry-run"],
        ["log", "delete", "1", "--yes"],
        ["log", "edit", "1", "--note", "x"],
        ["progress"],
        ["plan", "next"],
    ]
    for args in commands:
        refused(run(*args), "is damaged (database disk image is malformed); nothing was changed")
    result = run("recommend", "--goal", "glute-size", "--format", "json")
    assert result.exit_code == 0 and "recent pain from your log is left out" in result.stderr and "damaged" in result.stderr
    assert path.read_bytes() == content and not (tmp_path / "s.csv").exists()


def test_a_lock_held_longer_than_the_wait_says_another_glutecoach_is_writing(
    logged: tuple[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(log, "BUSY_SECONDS", 0.2)
    backup = tmp_path / "b.json"
    backup.write_text(json.dumps({"entries": [ONE]}))
    holder = sqlite3.connect(log.db_path(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for args in (
            ["log", "add", "clamshell", "--sets", "1", "--reps", "5"],
            ["log", "import", str(backup)],
            ["log", "delete", "1", "--yes"],
            ["log", "edit", "1", "--note", "x"],
        ):
            refused(run(*args), "another glutecoach is writing the training log at")
            assert "this one waited 0.2 s" in run(*args).stderr
        assert "evening" in ok("log", "list")  # reading is never blocked by a writer (WAL)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


class _FullDisk:
    """sqlite3 as the log sees it, with a database that cannot grow by a page: SQLite's own
    'database or disk is full' (SQLITE_FULL), as on a full disk."""

    def __init__(self) -> None:
        self.real = sqlite3

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def connect(self, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = self.real.connect(*args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn


def test_a_full_disk_says_so_and_leaves_the_log_as_it_was(logged: tuple[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"entries": [{**ONE, "note": f"session {i} " + "x" * 500} for i in range(500)]}))
    monkeypatch.setattr(log, "sqlite3", _FullDisk())
    result = run("log", "import", str(big))
    refused(result, "is full: nothing was saved and the log is as it was")
    assert "cannot rollback" not in result.stderr
    refused(run("log", "add", "hip-thrust", "--sets", "1", "--reps", "5", "--note", "y" * 9000), "is full")


def test_a_full_disk_for_an_export_file_writes_nothing(logged: tuple[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def full(path: Path, data: bytes, old: object = None) -> None:
        raise OSError(28, "No space left on device")

    import glutecoach.store.files as store_files

    monkeypatch.setattr(store_files, "atomic_write", full)
    refused(run("log", "export", "-o", str(tmp_path / "out.json")), "the disk is full (or your quota is used up); free some space")
    assert not (tmp_path / "out.json").exists()


# --------------------------------------------------------------------------------------------------
# Exports never overwrite glutecoach's own files (F20, F13); ids and dates at the edges (F10, F15, F18)


def owned_targets(tmp_path: Path) -> list[tuple[str, Path]]:
    link = tmp_path / "link.json"
    link.symlink_to(log.db_path())
    hard = tmp_path / "hard.json"
    os.link(log.db_path(), hard)  # (a hard link outside the folders: refused by what it is, not where)
    return [
        ("the log", log.db_path()),
        ("the profile", paths.config_dir() / "profile.json"),
        ("a file in the config folder", paths.config_dir() / "catalogues" / "mine.yaml"),
        ("the cache", paths.cache_dir() / "x.json"),
        ("a symlink to the log", link),
        ("a hard link to the log", hard),
    ]


def test_exports_refuse_glutecoach_files_and_folders(tmp_path: Path, logged: tuple[str, str]) -> None:
    ok("profile", "set", "--level", "advanced", "--goal", "strength")
    profile = (paths.config_dir() / "profile.json").read_bytes()
    targets = owned_targets(tmp_path)
    for fmt in ("json", "csv", "strong", "hevy"):
        for what, target in targets:
            result = run("log", "export", "--format", fmt, "-o", str(target))
            assert result.exit_code == 2 and "to another file" in result.stderr, (what, result.output)
        refused(run("log", "export", "--format", fmt, "-o", "/"), "is a folder; give the name of a file")
        refused(run("log", "export", "--format", fmt, "-o", ""), "is a folder; give the name of a file")
    assert (paths.config_dir() / "profile.json").read_bytes() == profile


@pytest.mark.parametrize(
    "args,needle",
    [
        (["log", "delete", "99999999999999999999", "--yes"], "no entry with id 99999999999999999999"),
        (["log", "delete", "0", "--yes"], "no entry with id 0"),
        (["log", "edit", "99999999999999999999", "--note", "x"], "no entry with id 99999999999999999999"),
        (["log", "edit", "999", "--note", "x"], "no entry with id 999"),
        (["log", "edit", "1"], "nothing to change"),
        (["log", "edit", "1", "--contact", "11"], "--contact must be between 0 and 10 (got 11)."),
        (["log", "edit", "1", "--set", "10x9999"], "load 9999 is out of range"),
        (["progress", "--date", "0001-01-01"], "'0001-01-01' is outside the days glutecoach accepts"),
        (["plan", "next", "--date", "0001-01-01"], "is outside the days glutecoach accepts"),
        (["plan", "next", "--date", "9999-12-31"], "is outside the days glutecoach accepts"),
        (["log", "add", "glute-bridge", "--sets", "2", "--reps", "10", "--date", "9999-12-25", "--pain-score", "8"], "is outside the days"),
        (["log", "add", "glute-bridge", "--sets", "2", "--reps", "10", "--date", "2099-01-01"], "is outside the days"),
        (["log", "add", "glute-bridge", "--sets", "2", "--reps", "10", "--date", "1900-01-00"], "is not a date that exists"),
        (["log", "add", "hip-thrust", "--sets", "1", "--reps", "5", "--note", "\udcff"], "note: contains bytes that are not UTF-8 text"),
        (["log", "import", "x.json", "--from", "liftosaur"], "Unknown format 'liftosaur' for --from"),
    ],
)
def test_values_at_the_edges_exit_2(logged: tuple[str, str], args: list[str], needle: str) -> None:
    refused(run(*args), needle)


def test_yesterday_and_relative_days_are_accepted() -> None:
    import datetime as dt

    saved = json.loads(ok("log", "add", "glute-bridge", "--sets", "2", "--reps", "10", "--date", "yesterday", "--format", "json"))
    assert saved["date"] == (dt.date.today() - dt.timedelta(days=1)).isoformat()
    moved = json.loads(ok("log", "edit", str(saved["id"]), "--date", "-3d", "--format", "json"))
    assert moved["date"] == (dt.date.today() - dt.timedelta(days=3)).isoformat()


# --------------------------------------------------------------------------------------------------
# The saved profile (F8, F9)

PROFILES: list[tuple[str, str, str]] = [
    ("goal a number", '{"goal": 5}', "the saved profile's 'goal' is 5; accepted: a goal's name"),
    ("goal a list", '{"goal": ["x"]}', "'goal' is [\"x\"]"),
    ("goal an object", '{"goal": {"a": 1}}', "'goal' is {\"a\": 1}"),
    ("goal empty", '{"goal": " "}', "'goal' is ' '"),
    ("level true", '{"level": true}', "'level' is true; accepted: beginner, intermediate, advanced or null"),
    ("units 1", '{"units": 1}', "'units' is 1; accepted: kg, lb"),
    ("equipment an object", '{"equipment": {"band": 1}}', "'equipment' is {\"band\": 1}"),
    ("equipment unknown", '{"equipment": ["laser"]}', "'equipment' is [\"laser\"]"),
    ("pains a string", '{"pains": "knee-pain"}', "'pains' is 'knee-pain'"),
    ("a list", "[1]", "the saved profile is not a JSON object"),
    ("null", "null", "the saved profile is not a JSON object"),
    ("NaN", '{"goal": NaN}', "NaN is not a number JSON allows"),
    ("100,000-deep nesting", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("truncated", '{"goal": "strength"', "not valid JSON"),
]


@pytest.mark.parametrize("name,content,needle", PROFILES, ids=[c[0] for c in PROFILES])
def test_every_field_of_the_profile_is_checked(name: str, content: str, needle: str) -> None:
    path = paths.config_dir() / "profile.json"
    path.parent.mkdir(parents=True)
    path.write_text(content)
    for args in (
        ["profile", "show"],
        ["recommend", "--format", "json"],
        ["plan", "--format", "json"],
        ["plan", "next"],
        ["log", "add", "hip-thrust", "--sets", "1", "--reps", "5"],
    ):
        refused(run(*args), needle)
    assert path.read_text() == content


@pytest.mark.parametrize("name,make,needle", NOT_FILES[:3], ids=[c[0] for c in NOT_FILES[:3]])
def test_a_profile_that_is_not_a_file_is_refused_unread(name: str, make: Callable[[Path], Path], needle: str) -> None:
    path = paths.config_dir() / "profile.json"
    path.parent.mkdir(parents=True)
    make(path)
    refused(run("profile", "show"), needle)
    refused(run("recommend", "--goal", "glute-size"), needle)


def test_profile_reset_on_a_folder_says_so() -> None:
    (paths.config_dir() / "profile.json").mkdir(parents=True)
    refused(run("profile", "reset"), "is a folder, not a saved profile")


def test_a_big_profile_is_refused_before_it_is_read() -> None:
    path = paths.config_dir() / "profile.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"goal": "strength", "x": "' + "y" * (2**20) + '"}')
    refused(run("profile", "show"), "a profile may be at most 1 MiB")


# --------------------------------------------------------------------------------------------------
# Terminal and spreadsheet injection (F2, F3)


def test_notes_are_printed_escaped_and_csv_cells_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    path.write_text(json.dumps({"entries": [{**ONE, "note": "\x1b[2J\x1b[31mHACKED"}]}))
    ok("log", "import", str(path))
    shown = ok("log", "list")
    assert "\x1b" not in shown and "\\x1b[2J\\x1b[31mHACKED" in shown
    for note in ('=HYPERLINK("http://evil.example","x")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1", "-1", "\tx", "\rx"):
        ok("log", "add", "glute-bridge", "--sets", "1", "--reps", "5", "--note", note)
    for args in (
        ["log", "export", "--format", "csv"],
        ["log", "list", "--format", "csv", "--limit", "100"],
        ["log", "export", "--format", "strong"],
        ["log", "export", "--format", "hevy"],
    ):
        import csv
        import io

        cells = [c for row in csv.reader(io.StringIO(ok(*args), newline="")) for c in row]
        assert not [c for c in cells if c.lstrip()[:1] in ("=", "+", "-", "@")], args
        assert '\'=HYPERLINK("http://evil.example","x")' in cells and "'@SUM(1+1)*cmd|' /C calc'!A0" in cells, args


# --------------------------------------------------------------------------------------------------
# Properties: generated imports and profiles end in 0 or 2, never an internal error


def _ends_well(result: Any) -> None:
    assert result.exit_code in (0, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


junk_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=20)
numbers = st.one_of(st.integers(-5, 1200), st.floats(allow_nan=True, allow_infinity=True), st.integers(-(2**70), 2**70))
json_scalar = st.one_of(st.none(), st.booleans(), numbers, junk_text)
json_value = st.recursive(
    json_scalar, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(junk_text, inner, max_size=4)), max_leaves=12
)

set_object = st.fixed_dictionaries(
    {"reps": st.one_of(st.integers(-1, 1001), json_value)},
    optional={
        "load": st.one_of(st.none(), st.floats(-10, 5000), json_value),
        "type": st.one_of(st.sampled_from(["working", "warmup", "drop", "failure"]), json_value),
    },
)
entry_object = st.fixed_dictionaries(
    {
        "date": st.one_of(st.dates().map(str), json_value),
        "slug": st.one_of(st.sampled_from(["hip-thrust", "glute bridge", "Hip Thrust (Barbell)", "nope"]), json_value),
        "sets": st.one_of(st.lists(set_object, max_size=4), json_value),
    },
    optional={
        "id": st.one_of(st.integers(-1, 2**64), json_value),
        "uid": st.one_of(st.uuids().map(lambda u: u.hex), json_value),
        "contact": st.one_of(st.integers(-1, 11), json_value),
        "pain_score": st.one_of(st.integers(-1, 11), json_value),
        "rir": st.one_of(st.integers(-1, 6), json_value),
        "note": st.one_of(junk_text, json_value),
        "units": st.one_of(st.sampled_from(["kg", "lb"]), json_value),
        "time": st.one_of(st.sampled_from(["10:00", "24:00"]), json_value),
    },
)
json_import = st.one_of(st.builds(lambda es: {"entries": es}, st.lists(entry_object, max_size=4)), json_value)


@pytest.mark.properties
@PROPERTY
@given(doc=json_import, flags=st.lists(st.sampled_from(["--skip-unknown", "--dry-run"]), unique=True))
def test_generated_json_imports_end_in_0_or_2(tmp_path: Path, doc: Any, flags: list[str]) -> None:
    path = tmp_path / "gen.json"
    path.write_text(json.dumps(doc, allow_nan=True))
    _ends_well(run("log", "import", str(path), *flags))


HEADERS = {
    "strong": STRONG.strip(),
    "strong-newer": (
        "Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (lbs),Reps,RPE,Distance (meters),"
        "Seconds,Notes,Workout Notes"
    ),
    "strong-semicolon": (
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes"
    ),
    "hevy": (
        "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg,reps,"
        "distance_km,duration_seconds,rpe"
    ),
    "fitnotes": "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment",
}
plausible = st.sampled_from(
    [
        "",
        "0",
        "1",
        "10",
        "60.5",
        "W",
        "D",
        "F",
        "x",
        "kg",
        "lbs",
        "normal",
        "warmup",
        "dropset",
        "inf",
        "-3",
        "2026-03-01 10:00:00",
        "22 Dec 2025, 08:00",
        "03/04/2026",
        "Hip Thrust (Barbell)",
        "Glute Bridge",
        "Rest Timer",
        "Bench Press (Barbell)",
        '"a, b"',
        "1e309",
        "25:61",
        "\x1b[2J",
    ]
)
cell = st.one_of(plausible, st.text(alphabet=string.printable + "éü€", max_size=8))


@pytest.mark.properties
@PROPERTY
@given(
    header=st.sampled_from(sorted(HEADERS)),
    rows=st.lists(st.lists(cell, min_size=9, max_size=15), max_size=6),
    flags=st.lists(st.sampled_from(["--skip-unknown", "--dry-run"]), unique=True),
)
def test_generated_tracker_csvs_end_in_0_or_2(tmp_path: Path, header: str, rows: list[list[str]], flags: list[str]) -> None:
    sep = ";" if "semicolon" in header else ","
    text = HEADERS[header] + "\n" + "".join(sep.join(r) + "\n" for r in rows)
    path = tmp_path / "gen.csv"
    path.write_text(text)
    _ends_well(run("log", "import", str(path), *flags))


profile_object = st.fixed_dictionaries(
    {},
    optional={
        "level": st.one_of(st.sampled_from(["beginner", "advanced"]), json_value),
        "goal": st.one_of(st.sampled_from(["strength", "glute-size", "nope"]), json_value),
        "equipment": st.one_of(st.lists(st.sampled_from(["band", "dumbbell", "laser"]), max_size=3), json_value),
        "pains": st.one_of(st.lists(st.sampled_from(["knee-pain", "nope"]), max_size=2), json_value),
        "units": st.one_of(st.sampled_from(["kg", "lb"]), json_value),
    },
)


@pytest.mark.properties
@PROPERTY
@given(doc=st.one_of(profile_object, json_value), raw=st.booleans())
def test_generated_profiles_end_in_0_or_2(doc: Any, raw: bool) -> None:
    path = paths.config_dir() / "profile.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, allow_nan=True)[: 40 if raw else None])
    for args in (["profile", "show"], ["recommend", "--format", "json"], ["plan", "next", "--format", "json"]):
        _ends_well(run(*args))


# --------------------------------------------------------------------------------------------------
# Reliability turn 3 (issue 24): no traceback, ever (N11, N13, N14)


def test_an_oserror_at_the_edge_is_one_paragraph_with_the_path_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from glutecoach.__main__ import main
    from glutecoach.catalogue import load as catalogue_load

    def unreadable(extra: Any = ()) -> Any:
        raise PermissionError(13, "Permission denied", "/somewhere/data")

    monkeypatch.setattr(catalogue_load, "user_paths", unreadable)
    assert main(["goals"]) == 2
    err = capsys.readouterr().err
    assert (
        err == "Error: /somewhere/data: Permission denied; give yourself access to it (chmod), "
        "or set GLUTECOACH_HOME to a folder of your own.\n"
    )


def test_an_unreadable_catalogues_folder_is_named_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(self: Path, pattern: str) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "is_dir", lambda self: True)
    monkeypatch.setattr(Path, "glob", denied)
    refused(run("goals"), "config/catalogues: cannot be read (Permission denied). Give yourself access")


def test_a_home_longer_than_the_system_allows_exits_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GLUTECOACH_HOME", str(tmp_path / ("h" * 5000)))
    for args in (["goals"], ["log", "add", "hip-thrust", "--sets", "1", "--reps", "5"]):
        result = run(*args)
        assert result.exit_code == 2 and "File name too long" in result.stderr, result.output


def test_a_saved_plan_starting_in_9999_is_refused_and_kept() -> None:
    ok("plan", "start")
    path = paths.config_dir() / "plan.json"
    saved = json.loads(path.read_text())
    saved["start"] = "9999-12-31"
    path.write_text(json.dumps(saved))
    before = path.read_bytes()
    refused(
        run("plan", "next"), "the saved plan's 'start' is '9999-12-31'; accepted: a day as YYYY-MM-DD from 1900-01-01 to a year from today"
    )
    assert path.read_bytes() == before


def test_a_huge_or_strange_cache_is_discarded_and_rebuilt() -> None:
    expected = ok("goals")
    caches = sorted(paths.cache_dir().glob("catalogue-*.marshal"))
    assert caches
    with open(caches[0], "r+b") as f:
        f.truncate(600 * 2**20)  # sparse: over the cache limit, never read
    assert ok("goals") == expected
    assert caches[0].stat().st_size < 2**20  # written again, whole
    caches[0].unlink()
    os.mkfifo(caches[0])  # a pipe where a cache was: never read, never waited on
    assert ok("goals") == expected


def test_an_io_error_on_a_nearly_full_disk_is_called_a_full_disk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Reliability turn 3 N19: with under 32 KiB free SQLite says "disk I/O error"; the user hears "full"."""
    error = sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(files, "free_bytes", lambda folder: 30 * 1024)
    assert "is full: nothing was saved" in str(log_errors.explain(error, tmp_path / "log.sqlite3"))
    monkeypatch.setattr(files, "free_bytes", lambda folder: 50 * 2**30)
    assert "disk I/O error" in str(log_errors.explain(error, tmp_path / "log.sqlite3"))
