"""A quote that opens a field and never closes is named at the line it opens on (reliability turn 3,
N17), in every tracker format; a quoted note that spans lines still reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from glutecoach.store import trackers as T
from glutecoach.store.trackers import quotes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "trackers"
SEMICOLON = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes\n"
HEADERS = {
    "strong": "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n",
    "strong-semicolon": SEMICOLON,
    "hevy": "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,"
    "weight_kg,reps,distance_km,duration_seconds,rpe\n",
    "fitnotes": "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n",
}
# (a row whose note is {note}, the same row's next set); the note is the field the quote goes into
ROWS = {
    "strong": ("2026-03-01 10:00:00,W,1h,Hip Thrust (Barbell),{n},60,10,,,{note},,8\n"),
    "strong-semicolon": ("2026-03-01 10:00:00;W;Hip Thrust (Barbell);{n};60;kg;10;8;;;;{note};\n"),
    "hevy": ('W,"22 Dec 2025, 08:00","22 Dec 2025, 09:00",,Hip Thrust (Barbell),,{note},{n},normal,60,10,,,8\n'),
    "fitnotes": ("2026-03-01,Barbell Hip Thrust,Legs,60,kgs,{n},,,,{note}\n"),
}


def export(fmt: str, notes: list[str]) -> bytes:
    rows = "".join(ROWS[fmt].format(n=i + 1, note=note) for i, note in enumerate(notes))
    return (HEADERS[fmt] + rows).encode()


@pytest.mark.parametrize("fmt", sorted(HEADERS))
def test_an_unclosed_quote_is_named_at_the_line_it_opens(fmt: str) -> None:
    data = export(fmt, ["", '"never closed', "", ""])
    with pytest.raises(T.TrackerFormatError) as err:
        T.read(data, source="q.csv")
    assert err.value.line == 3
    message = str(err.value)
    assert message.startswith("q.csv, line 3: the CSV cannot be read: a quote opens a field on this line and ")
    # Hevy quotes its dates, so there the runaway field closes at the next row's first quote
    assert ("is never closed" in message) != (fmt == "hevy"), message
    assert "line 5" not in message and "line 6" not in message


@pytest.mark.parametrize("fmt", sorted(HEADERS))
def test_a_runaway_quote_closed_lines_later_is_named_where_it_opens(fmt: str) -> None:
    """The runaway field meets the next quote four lines on: the reader gives up there, the message
    names the line the quote opened on, and the line the reader stopped at."""
    data = export(fmt, ["", '"runaway', "", "", "", '"quoted" note'])
    with pytest.raises(T.TrackerFormatError) as err:
        T.read(data, source="q.csv")
    assert err.value.line == 3, str(err.value)
    assert f"closes only on line {4 if fmt == 'hevy' else 7}" in str(err.value)


@pytest.mark.parametrize("fmt", sorted(HEADERS))
def test_a_quoted_note_spanning_lines_still_reads(fmt: str) -> None:
    data = export(fmt, ['"first line\nsecond; line, ""quoted""\r\nthird"', "", '"one\rmore"'])
    result = T.read(data)
    notes = [e.note for e in result.entries]
    assert result.rows == 3
    assert any('first line\nsecond; line, "quoted"\r\nthird' in (n or "") for n in notes), notes
    assert any("one\rmore" in (n or "") for n in notes), notes


def test_the_reproduction_strong_semicolon_line_3_not_4() -> None:
    """N17's reproduction: a quote opening the workout name on line 3 of 4."""
    data = (
        SEMICOLON + "2026-03-01 10:00:00;Lower;Hip Thrust (Barbell);1;60;kg;10;8;;;;;\n"
        '2026-03-01 10:00:00;"Lower;Hip Thrust (Barbell);2;70;kg;8;9;;;;;\n'
        "2026-03-01 10:00:00;Lower;Glute Bridge;1;0;kg;8;;;;;;\n"
    ).encode()
    with pytest.raises(T.TrackerFormatError, match=r"^q\.csv, line 3: .*a quote opens a field on this line") as err:
        T.read(data, source="q.csv")
    assert err.value.line == 3


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_every_fixture_line_with_an_unclosed_last_field_is_named(name: str) -> None:
    """Every real export, every data line in turn: its last field left open (a quote added to an empty
    last field, or a quoted last field's closing quote removed) is named at that line."""
    lines = (FIXTURES / name).read_bytes().split(b"\n")
    for at in range(2, len(lines) + 1):
        body = lines[at - 1].rstrip(b"\r")
        if body.endswith(b'"'):
            broken = body[:-1]
        elif body.endswith((b",", b";")):
            broken = body + b'"'
        else:
            continue
        changed = [*lines[: at - 1], broken + lines[at - 1][len(body) :], *lines[at:]]
        with pytest.raises(T.TrackerFormatError) as err:
            T.read(b"\n".join(changed), source=name)
        assert err.value.line == at, (at, str(err.value))


def test_other_csv_faults_keep_the_readers_line() -> None:
    """Text after a closing quote on the quote's own line is that line's fault."""
    data = export("strong", ["", '"Glute" Bridge', ""])
    with pytest.raises(T.TrackerFormatError, match=r"line 3: the CSV cannot be read \(',' expected after"):
        T.read(data)


def test_locate_scans_a_large_file_in_one_pass() -> None:
    """A runaway quote at the top of 200,000 lines is found without walking it character by character."""
    text = 'a,b\n"x,y\n' + "1,2\n" * 200_000
    fault = quotes.locate(text, 2, ",", 131_072)
    assert fault is not None and (fault.kind, fault.opened) == ("unclosed", 2)
    assert quotes.locate("a,b\n1,2\n", 2, ",", 131_072) is None
    assert quotes.locate("a,b\n", 9, ",", 131_072) is None
