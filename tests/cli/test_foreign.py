"""Every imported row kept: names glutecoach does not know become foreign entries, listed, exported back,
mapped later with `log map`, and never counted by progress, plan next or any volume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import exported as entries
from clirun import ok, run

from glutecoach.store import trackers

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "trackers"
STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"


def bench_file(tmp_path: Path) -> Path:
    path = tmp_path / "bench.csv"
    path.write_text(
        STRONG
        + "".join(
            f"2026-03-0{d} 10:00:00,Push,1h,Bench Press (Barbell),{i},{60 + 5 * i},{10 - i},,,set {i},,{7 + i * 0.5}\n"
            for d in (1, 3)
            for i in (1, 2, 3)
        )
    )
    return path


def test_foreign_entries_are_listed_exported_and_never_counted(tmp_path: Path) -> None:
    empty = {cmd: ok(*cmd.split()) for cmd in ("progress --format json", "plan next --format json")}
    out = ok("log", "import", str(bench_file(tmp_path)))
    assert "Kept 2 foreign entries" in out and "'Bench Press (Barbell)' (6 rows, line 2)" in out
    assert entries() == []  # not glutecoach entries: nothing to score
    for cmd, before in empty.items():  # progress and the next session read entries only: the same as an empty log
        assert ok(*cmd.split()) == before, cmd
    listed = ok("log", "list")
    assert "Foreign entries" in listed and listed.count("Bench Press (Barbell)") == 2 and "10x65 kg" not in listed
    assert "9x65" in listed  # set 1: 9 reps x 65
    strong = tmp_path / "out.csv"
    ok("log", "export", "--format", "strong", "-o", str(strong))
    back = trackers.read(strong.read_bytes()).entries
    assert [(r.date, r.name, len(r.sets)) for r in back] == [
        ("2026-03-01", "Bench Press (Barbell)", 3),
        ("2026-03-03", "Bench Press (Barbell)", 3),
    ]
    assert [s.rpe for s in back[0].sets] == [7.5, 8.0, 8.5] and [s.note for s in back[0].sets] == ["set 1", "set 2", "set 3"]


def test_log_map_turns_every_row_of_a_name_into_entries_and_back(tmp_path: Path) -> None:
    ok("log", "import", str(bench_file(tmp_path)))
    out = ok("log", "map", "bench press (barbell)", "--to", "hip-thrust")  # names compare as names do
    assert out == "Mapped 2 rows named 'bench press (barbell)' to hip-thrust: 2 entries.\n"
    mapped = entries()
    assert [(e["slug"], e["date"], [s["reps"] for s in e["sets"]], e["rir"]) for e in mapped] == [
        ("hip-thrust", "2026-03-01", [9, 8, 7], 2),
        ("hip-thrust", "2026-03-03", [9, 8, 7], 2),
    ]
    assert "Foreign entries" not in ok("log", "list")
    assert ok("log", "map", "Bench Press (Barbell)", "--to", "none").startswith("Mapped 2 rows")
    assert entries() == [] and "Foreign entries" in ok("log", "list")


def test_log_map_of_a_name_never_imported_is_refused_in_one_paragraph(tmp_path: Path) -> None:
    ok("log", "import", str(bench_file(tmp_path)))
    result = run("log", "map", "Squat (Barbell)", "--to", "hip-thrust")
    assert result.exit_code == 2 and result.stdout == ""
    assert "no imported row is named 'Squat (Barbell)'" in result.stderr and "'Bench Press (Barbell)'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    bad = run("log", "map", "Bench Press (Barbell)", "--to", "no-such-exercise")
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_skip_unknown_still_leaves_unknown_names_out(tmp_path: Path) -> None:
    out = ok("log", "import", str(bench_file(tmp_path)), "--skip-unknown")
    assert "foreign" not in out.casefold() and "Left out 1 unknown exercise name" in out
    assert "Foreign entries" not in ok("log", "list")


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.csv")))
def test_every_row_of_every_real_export_is_kept(tmp_path: Path, fixture: str) -> None:
    """Done when: importing real exports keeps 100 % of rows (glute and foreign)."""
    data = (FIXTURES / fixture).read_bytes()
    read = trackers.read(data)
    ok("log", "import", str(FIXTURES / fixture))
    out = tmp_path / "out.csv"
    ok("log", "export", "--format", read.format, "-o", str(out))
    back = trackers.read(out.read_bytes())
    assert sum(len(r.sets) for r in back.entries) == read.rows - read.skipped_rest_timers
    assert sorted((r.date, r.name) for r in back.entries) == sorted((r.date, r.name) for r in read.entries)


def test_the_json_backup_keeps_every_tracker_row_and_restores_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ok("log", "import", str(FIXTURES / "strong_classic.csv"))
    backup = tmp_path / "backup.json"
    ok("log", "export", "-o", str(backup))
    doc = json.loads(backup.read_text())
    assert set(doc) == {"json_version", "entries", "tracker_rows"}
    assert sum(r["entry_uid"] is None for r in doc["tracker_rows"]) == 3  # Plank, Bench Press, Lunge: foreign
    strong = ok("log", "export", "--format", "strong")
    monkeypatch.setenv("GLUTECOACH_HOME", str(tmp_path / "fresh"))
    assert "Restored 6 imported tracker rows; 3 foreign entries added" in ok("log", "import", str(backup))
    assert ok("log", "export") == backup.read_text()  # the backup of the restored log is the same file
    assert ok("log", "export", "--format", "strong") == strong  # and the rows go out as they came in
    assert "Restored 6 imported tracker rows; 0 foreign entries added, 3 already" in ok("log", "import", str(backup))


def test_a_log_without_tracker_rows_backs_up_exactly_as_before() -> None:
    ok("log", "add", "hip-thrust", "--set", "10x60", "--date", "2026-03-01")
    assert set(json.loads(ok("log", "export"))) == {"json_version", "entries"}


def test_a_bad_tracker_row_in_a_backup_is_refused_naming_it(tmp_path: Path) -> None:
    ok("log", "import", str(bench_file(tmp_path)))
    doc = json.loads(ok("log", "export"))
    doc["tracker_rows"][1]["record"]["sets"][0]["rpe"] = 11
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    result = run("log", "import", str(path))
    assert result.exit_code == 2 and "tracker_rows 2: set 1: rpe: 11 is out of range" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_log_map_leaves_an_entry_edited_since_the_import_as_it_is(tmp_path: Path) -> None:
    ok("log", "import", str(bench_file(tmp_path)))
    ok("log", "map", "Bench Press (Barbell)", "--to", "hip-thrust")
    first = entries()[0]
    ok("log", "edit", str(first["id"]), "--note", "my own words")
    out = ok("log", "map", "Bench Press (Barbell)", "--to", "none")
    assert "1 entry you edited since the import left as it is" in out
    assert [e["note"] for e in entries()] == ["my own words"]


@pytest.mark.parametrize("columns", ["50", "200"])
def test_foreign_entries_in_log_list_fit_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        STRONG
        + "2026-03-01 10:00:00,Push,1h,Bench Press (Barbell) with a very long name indeed,1,60,10,,,"
        + "a long note that goes on and on about the session and how it felt,,8\n"
    )
    ok("log", "import", str(path))
    monkeypatch.setenv("COLUMNS", columns)
    listed = ok("log", "list").split("Foreign entries", 1)[1]
    assert max(len(line) for line in listed.splitlines()) <= int(columns)
    assert "Bench Press (Barbell) with" in listed
