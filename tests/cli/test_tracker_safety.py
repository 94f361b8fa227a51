"""Tracker exports no reader can turn against you (issue 24, in the tracker formats): every risky field
quoted, formulas neutralised after any separator, and a foreign note never setting contact or pain."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from clirun import exported as entries
from clirun import ok, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glutecoach.store import trackers
from glutecoach.store.trackers import write

TRIGGERS = "=+-@\uff1d\uff0b\uff0d\uff20"
SEPARATORS = ",;\t\r\n"
SKIP = " \u00a0\u3000\ufeff\u200b\u2060"
STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"


hostile = st.text(alphabet=st.sampled_from(list(TRIGGERS + SEPARATORS + SKIP + "'\"ab1 ")), max_size=30)


@settings(max_examples=400, deadline=None)
@given(hostile)
def test_uncell_gives_back_exactly_what_cell_wrote(text: str) -> None:
    assert write.uncell(write.cell(text)) == text


@settings(max_examples=400, deadline=None)
@given(hostile)
def test_no_piece_a_spreadsheet_may_split_off_starts_a_formula(text: str) -> None:
    safe = write.cell(text)
    pieces = [safe]
    for sep in SEPARATORS:
        pieces = [p for piece in pieces for p in piece.split(sep)]
    for piece in pieces:
        assert not piece.lstrip(SKIP)[:1] or piece.lstrip(SKIP)[0] not in TRIGGERS, (text, safe)


@pytest.mark.parametrize(
    "text", ['fine;=HYPERLINK("http://evil.example","x")', "a\t@SUM(1)", "\ufeff=1+1", "\uff1d1+1", "  -2", "felt fine\r=cmd|' /C calc'!A0"]
)
def test_the_reported_bypasses_are_neutralised(text: str) -> None:
    safe = write.cell(text)
    assert safe != text and write.uncell(safe) == text


def test_a_row_quotes_every_field_a_reader_could_split() -> None:
    line = write.row(["a\rb", "c\td", "e;f", 'g"h', "i,j", "k\nl", "plain", 3])
    assert line == '"a\rb","c\td","e;f","g""h","i,j","k\nl",plain,3\n'
    assert next(csv.reader(io.StringIO(line, newline=""))) == ["a\rb", "c\td", "e;f", 'g"h', "i,j", "k\nl", "plain", "3"]


@pytest.mark.parametrize("fmt", ["strong", "hevy"])
def test_a_carriage_return_in_a_note_survives_the_export_and_the_import_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Reliability N3: a CR inside a note broke the row and let the text after it run as a formula."""
    note = "felt fine\r=cmd|' /C calc'!A0;=1\tTAB"
    ok("log", "add", "glute-bridge", "--sets", "1", "--reps", "5", "--date", "2026-03-01", "--note", note)
    out = tmp_path / f"{fmt}.csv"
    ok("log", "export", "--format", fmt, "-o", str(out))
    data = out.read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode(), newline="")))
    assert len(rows) == 2  # the header and one set: the CR did not start a row
    monkeypatch.setenv("GLUTECOACH_HOME", str(tmp_path / "fresh"))
    ok("log", "import", str(out))
    assert [e["note"] for e in entries()] == [note]


def test_a_foreign_note_never_sets_contact_or_pain(tmp_path: Path) -> None:
    """Reliability N9: a Strong note starting with glutecoach's tag became contact 0 and pain 9."""
    path = tmp_path / "t.csv"
    path.write_text(STRONG + "2026-03-01 10:00:00,W,1h,Hip Thrust (Barbell),1,60,10,,,[glutecoach contact=00007 pain=9] from a friend,,8\n")
    ok("log", "import", str(path))
    (e,) = entries()
    assert (e["contact"], e["pain_score"]) == (None, None)
    assert e["note"] == "[glutecoach contact=00007 pain=9] from a friend"


def test_glutecoachs_own_tag_round_trips_and_a_bad_value_in_it_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ok("log", "add", "glute-bridge", "--sets", "1", "--reps", "5", "--date", "2026-03-01", "--contact", "7", "--pain-score", "2")
    out = tmp_path / "s.csv"
    ok("log", "export", "--format", "strong", "-o", str(out))
    monkeypatch.setenv("GLUTECOACH_HOME", str(tmp_path / "fresh"))
    ok("log", "import", str(out))
    assert [(e["contact"], e["pain_score"]) for e in entries()] == [(7, 2)]
    bad = tmp_path / "bad.csv"
    bad.write_text(out.read_text().replace("contact=7", "contact=70"))
    result = run("log", "import", str(bad))
    assert result.exit_code == 2 and result.stdout == ""
    assert "line 2" in result.stderr and "contact=70" in result.stderr and "0-10" in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list(TRIGGERS + SEPARATORS + "'\" xyZ\u00e9")), min_size=1, max_size=20), min_size=1, max_size=4
    )
)
def test_any_notes_and_names_read_back_from_every_tracker_export(notes: list[str]) -> None:
    records = [
        trackers.ForeignEntry(
            0,
            "2026-03-01",
            "10:00",
            "W" + n,
            n.strip() or "x",
            (trackers.ForeignSet(10, 60.0, "kg", None, None, None, "working", n.strip() or None),),
            None,
            "10:00:00",
        )
        for n in notes
    ]
    for fmt in ("strong", "hevy", "fitnotes"):
        back = trackers.read(write.WRITERS[fmt](records, "kg").encode(), fmt).entries
        assert [r.name for r in back] == [r.name for r in records] or fmt == "fitnotes"
        assert [s.note for r in back for s in r.sets] == [s.note for r in records for s in r.sets] or fmt == "hevy"
