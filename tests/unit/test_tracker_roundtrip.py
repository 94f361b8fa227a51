"""Lossless round trips: what a Strong, Hevy or FitNotes file says that glutecoach keeps comes back out in
the same format (a property over generated exports of each), and what a format cannot carry is listed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.store import trackers
from glutecoach.store.trackers import ForeignEntry, ForeignSet, write

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "trackers"
runner = CliRunner()
TYPES = ("working", "warmup", "drop", "failure")


def kept(r: ForeignEntry, fmt: str, units: str = "kg") -> tuple:
    """What `fmt` carries of a record (the fields it cannot carry are in write.LOSSES)."""
    orders = write._strong_order(r.sets) if fmt == "strong" else [str(i) for i in range(len(r.sets))]
    sets = []
    for s, order in zip(r.sets, orders, strict=True):
        load = write._load(s, units)
        if fmt == "strong":
            sets.append((s.reps, load, s.rpe, s.type, s.note, s.metres, s.seconds, order))
        elif fmt == "hevy":
            sets.append((s.reps, load, s.rpe, s.type, s.metres, s.seconds, order))  # type: ignore[arg-type]
        else:
            sets.append((s.reps, s.load, s.unit, s.metres, s.distance_unit if s.metres else None, s.seconds, s.note))  # type: ignore[arg-type]
    if fmt == "strong":
        return (r.date, r.clock, r.workout, r.workout_no, r.duration, r.workout_note, r.name, tuple(sets))
    if fmt == "hevy":
        clock = r.clock[:5] if r.clock else None
        return (r.date, clock, r.workout, r.workout_note, r.name, r.superset, r.exercise_note, r.duration, tuple(sets))
    return (r.date, r.name, r.category, tuple(sets))


# ---------------------------------------------------------------------------------------------
# Generated exports

text = st.text(alphabet=st.sampled_from(list("abcXYZ é'\"=+-@;,\t\r\n()[]\uff1d")), min_size=1, max_size=16).map(str.strip).filter(bool)
maybe_text = st.none() | text


@st.composite
def sets(draw: Any, fmt: str) -> ForeignSet:
    load = draw(st.none() | st.integers(1, 2000).map(lambda x: x / 4))
    unit = draw(st.sampled_from(["kg", "lb"])) if fmt == "fitnotes" else "kg"
    metres = draw(st.none() | st.integers(1, 5000).map(float))
    dunit = draw(st.sampled_from(["m", "km", "mi", "ft"])) if fmt == "fitnotes" else ("km" if fmt == "hevy" else "m")
    rpe = None if fmt == "fitnotes" else draw(st.none() | st.integers(12, 20).map(lambda x: x / 2))
    kind = "working" if fmt == "fitnotes" else draw(st.sampled_from(TYPES))
    return ForeignSet(
        draw(st.none() | st.integers(1, 1000)),
        load,
        unit if load else None,
        draw(st.none() | st.integers(1, 3600).map(float)),
        metres,
        rpe,
        kind,
        None if fmt == "hevy" else draw(maybe_text),
        None,
        dunit if metres else None,
    )


@st.composite
def records(draw: Any, fmt: str) -> list[ForeignEntry]:
    out = []
    for i in range(draw(st.integers(1, 4))):
        day = f"20{draw(st.integers(10, 25))}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
        h, m, s = draw(st.integers(0, 23)), draw(st.integers(0, 59)), 0 if fmt == "hevy" else draw(st.integers(0, 59))
        clock = None if fmt == "fitnotes" else f"{h:02d}:{m:02d}:{s:02d}"
        name = draw(text) + f" {i}"  # one entry per name: FitNotes cannot tell two entries of a name apart
        workout = None if fmt == "fitnotes" else draw(text) + f" {i}"
        note = draw(maybe_text) if fmt == "hevy" else None
        out.append(
            ForeignEntry(
                0,
                day,
                clock[:5] if clock else None,
                workout,
                name,
                tuple(draw(st.lists(sets(fmt), min_size=1, max_size=5))),
                None,
                clock,
                None if fmt == "fitnotes" else draw(st.none() | st.integers(1, 330).map(lambda x: x * (60 if fmt == "hevy" else 61))),
                str(i + 1) if fmt == "strong" else None,
                None if fmt == "fitnotes" else draw(maybe_text),
                note,
                draw(st.none() | st.integers(0, 9).map(str)) if fmt == "hevy" else None,
                draw(maybe_text) if fmt == "fitnotes" else None,
            )
        )
    return out


@pytest.mark.parametrize("fmt", ["strong", "hevy", "fitnotes"])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_a_generated_export_reads_back_and_writes_again_unchanged(fmt: str, data: Any) -> None:
    original = data.draw(records(fmt))
    first = write.WRITERS[fmt](original, "kg")
    back = trackers.read(first.encode(), fmt).entries
    assert [kept(r, fmt) for r in back] == [kept(r, fmt) for r in original]
    assert write.WRITERS[fmt](back, "kg") == first  # and the file written again is the same file


# ---------------------------------------------------------------------------------------------
# What cannot round-trip, and why


def _one(**change: Any) -> ForeignEntry:
    base = ForeignEntry(
        0,
        "2026-03-01",
        "10:00",
        "Legs",
        "Hip Thrust (Barbell)",
        (ForeignSet(10, 60.0, "kg", None, None, 8.0, "working", "slow"),),
        None,
        "10:00:30",
        3600,
        "7",
        "good",
        "brace",
        "1",
        "Legs",
    )
    return base._replace(**change)


# format -> (a record, a field of what reads back, what it says after the trip): each line of LOSSES shown real
LOST = {
    "strong": [
        (_one(sets=(ForeignSet(10, 100.0, "lb", None, None, None, "working"),)), lambda r: r.sets[0].load, 45.36),
        (_one(sets=(ForeignSet(10, None, None, None, 1500.0, None, "working", None, None, "km"),)), lambda r: r.sets[0].distance_unit, "m"),
        (_one(), lambda r: (r.exercise_note, r.superset, r.category), (None, None, None)),
    ],
    "hevy": [
        (_one(duration=3530), lambda r: (r.clock, r.duration), ("10:00:00", 3540)),  # 10:00:30-10:59:20
        (_one(exercise_note=None), lambda r: r.sets[0].note, None),
        (_one(sets=(ForeignSet(10, 100.0, "lb", None, None, None, "working"),)), lambda r: r.sets[0].load, 45.36),
        (_one(sets=(ForeignSet(10, 60.0, "kg", None, None, None, "warmup", None, "W"),)), lambda r: r.sets[0].order, "0"),
        (_one(), lambda r: r.workout_no, None),
    ],
    "fitnotes": [
        (_one(), lambda r: (r.workout, r.duration, r.clock, r.workout_note), (None, None, None, None)),
        (_one(), lambda r: (r.sets[0].rpe, r.sets[0].type), (None, "working")),
        ([_one(), _one()], lambda r: len(r.sets), 2),
        (_one(sets=(ForeignSet(None, None, None, 30.4, None, None, "working"),)), lambda r: r.sets[0].seconds, 30.0),
    ],
}


def test_every_format_lists_what_it_cannot_carry_and_each_loss_is_real() -> None:
    assert set(write.LOSSES) == set(LOST) == {"strong", "hevy", "fitnotes"}
    for fmt, cases in LOST.items():
        assert len(cases) == len(write.LOSSES[fmt]), fmt  # type: ignore[arg-type]  # one demonstration per line of the list
        for record, field, after in cases:  # type: ignore[attr-defined]
            given_ = record if isinstance(record, list) else [record]
            back = trackers.read(write.WRITERS[fmt](given_, "kg").encode(), fmt).entries[0]
            assert field(back) == after, (fmt, write.LOSSES[fmt])


# ---------------------------------------------------------------------------------------------
# Real exports through the commands: import, export in the same format, compare


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.csv")))
def test_a_real_export_imported_and_exported_again_says_the_same(tmp_path: Path, fixture: str) -> None:
    data = (FIXTURES / fixture).read_bytes()
    read = trackers.read(data)
    result = runner.invoke(app, ["log", "import", str(FIXTURES / fixture)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["log", "export", "--format", read.format, "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = trackers.read(out.read_bytes(), read.format).entries
    key = lambda r: (r.date, r.clock or "", r.name)  # noqa: E731
    units = "kg"
    assert sorted((kept(r, read.format, units) for r in back), key=json.dumps) == sorted(
        (kept(r, read.format, units) for r in read.entries), key=json.dumps
    )
    assert sorted(map(key, back)) == sorted(map(key, read.entries))
