"""`log import`: every tracker fixture imported through the command line and checked set by set; names
mapped (catalogue, --map, saved mappings), unknown names listed, --dry-run, de-duplication, exports
that other trackers and glutecoach read back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from clirun import exported, ok, run

from glutecoach.store import log, paths, trackers

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "trackers"


def said(e: dict[str, Any]) -> tuple:
    """What an entry says, set by set (not its id or uid)."""
    sets = tuple((s["reps"], s["load"], s["type"]) for s in e["sets"])
    return (e["date"], e["time"], e["slug"], sets, e["units"], e["rir"], e["contact"], e["pain_score"], e["note"])


W, WU, D, F = "working", "warmup", "drop", "failure"

# fixture, extra arguments, what the log says afterwards (oldest first)
CASES: list[tuple[str, list[str], list[tuple]]] = [
    (
        "strong_classic.csv",
        ["--skip-unknown"],
        [
            # warm-up kept as a warm-up; the RPE of each set kept in the note; the last working set's RPE 8.5 -> RIR 2
            (
                "2026-03-01",
                "10:00",
                "hip-thrust",
                ((10, 40.0, WU), (10, 60.0, W), (8, 62.5, W)),
                "kg",
                2,
                None,
                None,
                "first workout | workout: Felt strong | RPE by set: -, 8, 8.5",
            ),
            # the second workout of the same exercise that day: its own entry, its own note and RPE
            ("2026-03-01", "18:00", "hip-thrust", ((10, 60.0, W),), "kg", 0, None, None, "second, knee worse next morning"),
            ("2026-03-01", "18:00", "machine-hip-abduction", ((15, 45.0, W),), "kg", None, None, None, 'slow "negatives"\nthen a pause'),
        ],
    ),
    (
        "strong_newer_kg.csv",
        [],
        [
            (
                "2026-02-10",
                "18:05",
                "hip-thrust",
                ((12, 40.0, WU), (10, 80.0, W), (9, 80.0, W), (12, 60.0, D), (20, 40.0, F)),
                "kg",
                0,
                None,
                None,
                "drop to 60 | to failure | RPE by set: -, 8, 9, -, 10",
            ),
            ("2026-02-10", "18:05", "sled-push", ((20, 100.0, W),), "kg", None, None, None, None),  # counted in metres
            ("2026-02-12", "07:00", "glute-bridge", ((20, None, W),), "kg", None, None, None, "workout: Short session"),
        ],
    ),
    (
        "strong_newer_lbs_bom.csv",
        [],
        [
            ("2026-02-10", "18:05", "hip-thrust", ((10, 135.0, W), (8, 185.0, W)), "lb", 2, None, None, "RPE by set: 7.5, 8"),
            ("2026-02-10", "18:05", "walking-lunge", ((12, 30.0, W),), "lb", None, None, None, "set 1: 402.336 m"),
            ("2026-02-11", "00:30", "glute-bridge", ((25, None, W),), "kg", None, None, None, None),
        ],
    ),
    (
        "strong_semicolon.csv",
        [],
        [
            # kg and lb in one exercise: converted to the profile's units (kg); 135 lb = 61.23 kg
            ("2019-01-11", "12:31", "hip-thrust", ((10, 20.0, WU), (10, 60.0, W), (8, 61.23, W)), "kg", 2, None, None, "home gym; pounds"),
            ("2019-01-11", "12:31", "sled-push", ((20, 50.0, W),), "kg", None, None, None, None),
        ],
    ),
    (
        "strong_semicolon_duration.csv",
        [],
        [
            ("2020-05-04", "09:15", "hip-thrust", ((10, 62.5, W),), "kg", 2, None, None, None),
            # the walking lunge has a distance but no reps: nothing to count, so it is left out (and said)
        ],
    ),
    (
        "hevy_kg.csv",
        ["--skip-unknown"],
        [
            (
                "2025-12-22",
                "08:00",
                "hip-thrust",
                ((12, 40.0, WU), (10, 80.0, W), (12, 60.0, D)),
                "kg",
                2,
                None,
                None,
                "Pause at the top | workout: Morning session",
            ),
            ("2025-12-22", "08:00", "machine-hip-abduction", ((15, 45.0, W),), "kg", None, None, None, "workout: Morning session"),
            ("2025-12-22", "08:00", "cable-kickback", ((20, 15.0, F),), "kg", 0, None, None, "workout: Morning session"),
            ("2025-12-22", "18:30", "hip-thrust", ((10, 80.0, W),), "kg", 0, None, None, "knee worse next morning"),
        ],
    ),
    (
        "hevy_lbs.csv",
        [],
        [
            ("2025-12-30", "17:45", "hip-thrust", ((12, 135.0, W), (10, 185.0, W)), "lb", 2, None, None, None),
            ("2025-12-30", "17:45", "sled-push", ((80, 90.0, W),), "lb", None, None, None, None),
            ("2026-01-02", "07:10", "romanian-deadlift", ((8, 95.0, WU),), "lb", None, None, None, None),
        ],
    ),
    (
        "fitnotes_android.csv",
        [],
        [
            ("2025-12-01", None, "hip-thrust", ((8, 100.0, W), (6, 102.06, W)), "kg", None, None, None, "Gym B, pounds"),
            ("2025-12-01", None, "sled-push", ((30, None, W),), "kg", None, None, None, None),
            ("2025-12-02", None, "walking-lunge", ((20, None, W),), "kg", None, None, None, "set 1: 45 s"),
        ],
    ),
    (
        "fitnotes_kgs.csv",
        ["--skip-unknown"],
        [
            ("2025-11-03", None, "hip-thrust", ((10, 60.0, W), (8, 70.0, W)), "kg", None, None, None, "Felt it in the glutes"),
            ("2025-11-03", None, "machine-hip-abduction", ((15, 40.0, W),), "kg", None, None, None, None),
            # the same exercise again after another one: a second session that day, never merged into the first
            ("2025-11-03", None, "hip-thrust", ((15, 50.0, W),), "kg", None, None, None, "Evening top-up"),
        ],
    ),
    (
        "fitnotes_lbs_no_comment.csv",
        [],
        [
            ("2025-10-01", None, "dumbbell-hip-thrust", ((12, 50.0, W), (10, 55.0, W)), "lb", None, None, None, None),
        ],
    ),
]


@pytest.mark.parametrize("name,args,expected", CASES, ids=[c[0] for c in CASES])
def test_each_fixture_imports_set_by_set(name: str, args: list[str], expected: list[tuple]) -> None:
    out = ok("log", "import", str(FIXTURES / name), *args)
    n = len(expected)
    assert f"Imported {n} {'entry' if n == 1 else 'entries'} from" in out
    assert [said(e) for e in exported()] == expected
    again = ok("log", "import", str(FIXTURES / name), *args)  # twice adds nothing
    assert "Imported 0 entries from" in again and f"{n} {'was' if n == 1 else 'were'} already in the log" in again
    assert len(exported()) == n


@pytest.mark.parametrize(
    "name,fmt",
    [("strong_classic.csv", "strong"), ("strong_semicolon.csv", "strong"), ("hevy_lbs.csv", "hevy"), ("fitnotes_android.csv", "fitnotes")],
)
def test_from_forces_the_format_and_a_wrong_one_is_refused(name: str, fmt: str) -> None:
    assert run("log", "import", str(FIXTURES / name), "--from", fmt, "--skip-unknown").exit_code == 0
    other = "hevy" if fmt != "hevy" else "strong"
    refused = run("log", "import", str(FIXTURES / "fitnotes_kgs.csv" if fmt == "fitnotes" else FIXTURES / name), "--from", other)
    assert refused.exit_code == 2 and f"not a {other.capitalize()} export" in refused.stderr and "Nothing was imported" in refused.stderr
    bad = run("log", "import", str(FIXTURES / name), "--from", "liftosaur")
    assert bad.exit_code == 2 and "--from" in bad.stderr and "glutecoach, strong, hevy, fitnotes" in bad.stderr


def test_a_strong_csv_without_from_is_detected_not_read_as_json() -> None:
    result = run("log", "import", str(FIXTURES / "strong_newer_kg.csv"))
    assert result.exit_code == 0 and "not valid JSON" not in result.output


def test_rest_timer_rows_are_skipped_and_counted() -> None:
    out = ok("log", "import", str(FIXTURES / "strong_newer_kg.csv"))
    assert "Skipped 1 Rest Timer row." in out


def test_an_entry_with_nothing_to_count_is_kept_as_a_foreign_entry() -> None:
    out = ok("log", "import", str(FIXTURES / "strong_semicolon_duration.csv"))
    assert "Imported 1 entry from" in out
    assert (
        "Kept 1 foreign entry (0 already in the log) of 1 name glutecoach does not know: 'Walking Lunge (Dumbbell)' (1 row, line 3)" in out
    )


def test_pounds_in_the_profile_read_a_unitless_strong_export_as_pounds() -> None:
    ok("profile", "set", "--units", "lb")
    ok("log", "import", str(FIXTURES / "strong_classic.csv"), "--skip-unknown")
    first = exported()[0]
    assert first["units"] == "lb" and [s["load"] for s in first["sets"]] == [40.0, 60.0, 62.5]


def test_unknown_names_are_kept_as_foreign_entries_and_listed() -> None:
    out = ok("log", "import", str(FIXTURES / "strong_classic.csv"))
    assert (
        "Kept 3 foreign entries (0 already in the log) of 3 names glutecoach does not know: 'Plank' (1 row, line 6), "
        "'Bench Press (Barbell)' (1 row, line 7), 'Lunge (Dumbbell)' (1 row, line 11)"
    ) in out
    assert "glutecoach log map 'NAME' --to SLUG" in out
    assert len(exported()) == 3  # the glute entries; the foreign ones are not glutecoach entries
    assert "Imported 0 entries" in ok("log", "import", str(FIXTURES / "strong_classic.csv"))  # nothing twice
    assert "Kept 0 foreign entries (3 already in the log)" in ok("log", "import", str(FIXTURES / "strong_classic.csv"))


def test_a_mapping_file_maps_names_once_and_null_leaves_a_name_out(tmp_path: Path) -> None:
    mapping = tmp_path / "names.yaml"
    mapping.write_text("Lunge (Dumbbell): reverse-lunge\nPlank: side plank\n'Bench Press (Barbell)': null\n")
    out = ok("log", "import", str(FIXTURES / "strong_classic.csv"), "--map", str(mapping))
    assert "Imported 5 entries" in out and "Left out by your mapping: 'Bench Press (Barbell)' (1 row, line 7)" in out
    by_slug = {e["slug"]: e for e in exported()}
    assert said(by_slug["reverse-lunge"]) == ("2026-03-03", "07:30", "reverse-lunge", ((10, 12.0, W),), "kg", None, None, None, None)
    assert by_slug["side-plank"]["sets"] == [{"reps": 60, "load": None, "type": W}]  # a hold, counted in seconds
    assert not paths.config_dir().joinpath("import-map.json").exists()  # not saved without --save-map


def test_saved_mappings_are_merged_and_used_by_later_imports(tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    first.write_text(json.dumps({"Plank": None, "Bench Press (Barbell)": None}))
    second = tmp_path / "second.json"
    second.write_text(json.dumps({"Lunge (Dumbbell)": "reverse-lunge", "plank": "side-plank"}))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"Plank": "no-such-exercise"}))
    assert run("log", "import", str(FIXTURES / "strong_classic.csv"), "--map", str(bad), "--save-map").exit_code == 2
    assert not paths.config_dir().joinpath("import-map.json").exists()  # a refused import saves nothing
    ok("log", "import", str(FIXTURES / "strong_classic.csv"), "--map", str(first), "--skip-unknown", "--save-map")
    ok("log", "import", str(FIXTURES / "hevy_kg.csv"), "--map", str(second), "--skip-unknown", "--save-map")
    saved = json.loads(paths.config_dir().joinpath("import-map.json").read_text())
    assert saved == {"Bench Press (Barbell)": None, "Lunge (Dumbbell)": "reverse-lunge", "plank": "side-plank"}  # 'Plank' replaced
    out = ok("log", "import", str(FIXTURES / "strong_classic.csv"), "--dry-run")  # no --map: the saved names map
    table = {cols[0]: cols[1] for cols in (re.split(r"\s{2,}", line) for line in out.splitlines()) if len(cols) == 4}
    assert table["Lunge (Dumbbell)"] == "reverse-lunge" and table["Plank"] == "side-plank"


@pytest.mark.parametrize(
    "content,needle",
    [
        ('{"Plank": "no-such-exercise"}', "which is no exercise's slug, name or alias"),
        ('{"Plank": 5}', "accepted: a slug such as 'hip-thrust', or null"),
        ('["Plank"]', "a name mapping is an object"),
        ("Plank: [a, b]\n", "accepted: a slug such as 'hip-thrust', or null"),
        ("{not json", "not valid JSON"),
    ],
)
def test_a_bad_mapping_file_is_refused(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / ("m.json" if content.startswith(("{", "[")) else "m.yaml")
    path.write_text(content)
    result = run("log", "import", str(FIXTURES / "strong_classic.csv"), "--map", str(path))
    assert result.exit_code == 2 and needle in result.stderr and isinstance(result.exception, SystemExit)
    assert not log.db_path().exists()


def test_save_map_needs_a_map() -> None:
    result = run("log", "import", str(FIXTURES / "strong_classic.csv"), "--save-map")
    assert result.exit_code == 2 and "give --map too" in result.stderr


def test_dry_run_prints_the_mapping_table_and_the_counts_and_writes_nothing() -> None:
    out = ok("log", "import", str(FIXTURES / "strong_classic.csv"), "--dry-run")
    lines = out.splitlines()
    assert lines[0].endswith("strong_classic.csv: Strong CSV, 9 rows, 1 Rest Timer row skipped.")
    assert lines[1:7] == [
        "Name                    Exercise               Rows  Sets",
        "Hip Thrust (Barbell)    hip-thrust                4     4",
        "Plank                   kept as foreign           1     0",
        "Bench Press (Barbell)   kept as foreign           1     0",
        "Hip Abductor (Machine)  machine-hip-abduction     1     1",
        "Lunge (Dumbbell)        kept as foreign           1     0",
    ]
    assert "Would add 3 entries; 0 are already in the log." in out
    assert "Would keep 3 foreign entries (names glutecoach does not know: listed and exported back, never scored); 0 already" in out
    skipping = ok("log", "import", str(FIXTURES / "strong_classic.csv"), "--dry-run", "--skip-unknown")
    assert "Plank                   skipped (unknown)" in skipping and "foreign" not in skipping
    assert not log.db_path().exists()
    ok("log", "import", str(FIXTURES / "strong_classic.csv"), "--skip-unknown")
    before = log.db_path().read_bytes()
    again = ok("log", "import", str(FIXTURES / "strong_classic.csv"), "--dry-run", "--skip-unknown")
    assert "Would add 0 entries; 3 are already in the log." in again and "But" not in again
    assert log.db_path().read_bytes() == before


def test_foreign_duplicates_are_judged_on_everything_the_row_says(tmp_path: Path) -> None:
    header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
    row = "2026-03-01 10:00:00,W,1h,Hip Thrust (Barbell),{order},60,10,,,{note},,{rpe}\n"
    first = tmp_path / "first.csv"
    first.write_text(header + row.format(order=1, note="a", rpe=8))
    ok("log", "import", str(first))
    # the same day, exercise and sets, but another note, RPE or set type: other training, added
    for i, (order, note, rpe) in enumerate([(1, "b", 8), (1, "a", 9), ("W", "a", 8)]):
        other = tmp_path / f"other{i}.csv"
        other.write_text(header + row.format(order=order, note=note, rpe=rpe))
        assert "Imported 1 entry" in ok("log", "import", str(other))
    # the very same session twice in one file is two sessions; once more only adds what is new
    twice = tmp_path / "twice.csv"
    twice.write_text(header + "2026-03-02,A,,Glute Bridge,1,0,20,,,,,\n2026-03-02,A,,Glute Bridge,1,0,20,,,,,\n")
    assert "Imported 2 entries" in ok("log", "import", str(twice))
    assert "Imported 0 entries" in ok("log", "import", str(twice))
    assert len(exported()) == 6


def test_an_export_imported_twice_adds_nothing_and_keeps_every_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16, F1: two sessions with the same sets on one day, different notes and pain."""
    ok(
        "log",
        "add",
        "hip-thrust",
        "--sets",
        "3",
        "--reps",
        "10",
        "--load",
        "60",
        "--date",
        "2026-03-01",
        "--note",
        "morning",
        "--contact",
        "8",
    )
    ok(
        "log",
        "add",
        "hip-thrust",
        "--sets",
        "3",
        "--reps",
        "10",
        "--load",
        "60",
        "--date",
        "2026-03-01",
        "--note",
        "evening, knee worse next morning",
        "--pain-score",
        "6",
    )
    ok("log", "add", "hip-thrust", "--sets", "3", "--reps", "10", "--load", "60", "--date", "2026-03-01")
    ok("log", "add", "hip-thrust", "--sets", "3", "--reps", "10", "--load", "60", "--date", "2026-03-01")  # the very same again
    backup = tmp_path / "b.json"
    ok("log", "export", "-o", str(backup))
    monkeypatch.setenv("GLUTECOACH_HOME", str(tmp_path / "fresh"))
    assert "Imported 4 entries" in ok("log", "import", str(backup))
    assert ok("log", "export") == backup.read_text()
    assert "Imported 0 entries" in ok("log", "import", str(backup)) and ok("log", "export") == backup.read_text()


def test_a_json_entry_without_a_uid_is_matched_by_what_it_says(tmp_path: Path) -> None:
    ok("log", "add", "clamshell", "--sets", "2", "--reps", "15", "--date", "2026-03-01")
    (entry,) = exported()
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"entries": [{k: v for k, v in entry.items() if k not in ("uid", "time")}]}))
    assert "Imported 0 entries" in ok("log", "import", str(old))
    changed = {**entry, "uid": None, "note": "another session"}
    old.write_text(json.dumps({"entries": [changed]}))
    assert "Imported 1 entry" in ok("log", "import", str(old))


@pytest.mark.parametrize("fmt", ["strong", "hevy"])
def test_strong_and_hevy_exports_read_back_as_the_same_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    ok("log", "import", str(FIXTURES / "strong_newer_kg.csv"))
    ok(
        "log",
        "add",
        "clamshell",
        "--set",
        "w:10",
        "--set",
        "15",
        "--set",
        "f:20",
        "--contact",
        "8",
        "--pain-score",
        "2",
        "--date",
        "2026-02-12",
        "--note",
        "fine",
    )
    ok("log", "add", "clamshell", "--set", "15", "--date", "2026-02-12", "--note", "=1+1")  # the same exercise again that day
    before = [said(e) for e in exported()]
    out = tmp_path / f"{fmt}.csv"
    ok("log", "export", "--format", fmt, "-o", str(out))
    assert out.read_text().splitlines()[0].split(",")[:5] == (
        ["Workout #", "Date", "Workout Name", "Duration (sec)", "Exercise Name"]
        if fmt == "strong"
        else ["title", "start_time", "end_time", "description", "exercise_title"]
    )
    assert "'=1+1" in out.read_text()  # neutralised for spreadsheets, read back as written
    assert trackers.read(out.read_bytes()).format == fmt
    monkeypatch.setenv("GLUTECOACH_HOME", str(tmp_path / "fresh"))
    ok("log", "import", str(out))
    assert [said(e) for e in exported()] == before
    monkeypatch.setenv("GLUTECOACH_HOME", str(tmp_path / "pounds"))
    ok("profile", "set", "--units", "lb")
    ok("log", "import", str(FIXTURES / "hevy_kg.csv"), "--skip-unknown")
    ok("log", "export", "--format", fmt, "-o", str(out))
    header = out.read_text().splitlines()[0]
    assert ("weight_lbs" in header) if fmt == "hevy" else ("Weight (lbs)" in header)
    assert ",176.37," in out.read_text()  # 80 kg written in the profile's pounds


def test_a_large_strong_export_looks_each_name_up_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """50,000 rows with Strong's own names: the index resolves each distinct name once, never per row
    (issue 16: a 'did you mean' lookup per row took minutes)."""
    names = ["Hip Thrust (Barbell)", "Hip Abductor (Machine)", "Bench Press (Barbell)", "Glute Kickback (Cable)"]
    rows = ["Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"]
    for i in range(50_000):
        day = f"{2000 + i // 4000:04d}-{1 + i // 400 % 10:02d}-{1 + i // 20 % 20:02d}"
        rows.append(f"{day} 10:00:00,W,1h,{names[i // 5 % 4]},{i % 5 + 1},{60 + i % 7},10,0,0,,,8")
    path = tmp_path / "big.csv"
    path.write_text("\n".join(rows) + "\n")
    resolved: list[str] = []
    real = trackers.NameIndex._resolve

    def counted(self: trackers.NameIndex, name: str) -> str | None:
        resolved.append(name)
        return real(self, name)

    monkeypatch.setattr(trackers.NameIndex, "_resolve", counted)
    out = ok("log", "import", str(path), "--skip-unknown")
    assert "Imported 7500 entries" in out
    assert sorted(resolved) == sorted(names)
    with log.connect() as conn:
        assert log.count(conn) == 7500 and conn.execute("SELECT count(*) FROM sets").fetchone()[0] == 37_500
