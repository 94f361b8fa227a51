"""Tracker exports (Strong, Hevy, FitNotes) read set by set, names mapped, hostile input refused by line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glutecoach.errors import GlutecoachError
from glutecoach.store import trackers as T
from glutecoach.store.trackers import ForeignSet as S
from glutecoach.store.trackers.write import uncell

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "trackers"

STRONG_CLASSIC = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"
STRONG_NEWER = (
    "Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (kg),Reps,RPE,Distance (meters),Seconds,Notes,Workout Notes"
)
STRONG_SEMICOLON = (
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes"
)
HEVY = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,"
    "weight_kg,reps,distance_km,duration_seconds,rpe"
)
FITNOTES_OLD = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment"
FITNOTES_NEW = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment"


def fixture(name: str) -> T.TrackerImport:
    return T.read((FIXTURES / name).read_bytes(), source=name)


def w(reps, load, unit=None, rpe=None, kind="working", seconds=None, metres=None) -> S:
    return S(reps, load, unit, seconds, metres, rpe, kind)


def summary(result: T.TrackerImport) -> list[tuple]:
    """What these tests compare: the seven fields every set has (the round-trip fields are tested in
    test_tracker_roundtrip.py)."""
    return [(e.line, e.date, e.time, e.workout, e.name, tuple(S(*s[:7]) for s in e.sets), e.note) for e in result.entries]


# ---------------------------------------------------------------------------------------------
# Fixtures, set by set


def test_strong_classic() -> None:
    r = fixture("strong_classic.csv")
    assert (r.format, r.rows, r.skipped_rest_timers) == ("strong", 9, 1)
    assert summary(r) == [
        (
            2,
            "2026-03-01",
            "10:00",
            "Glutes A",
            "Hip Thrust (Barbell)",
            (w(10, 40.0, kind="warmup"), w(10, 60.0, rpe=8.0), w(8, 62.5, rpe=8.5)),
            "first workout | workout: Felt strong",
        ),
        (6, "2026-03-01", "10:00", "Glutes A", "Plank", (w(None, None, seconds=60.0),), "workout: Felt strong"),
        (7, "2026-03-01", "10:00", "Glutes A", "Bench Press (Barbell)", (w(5, 50.0),), "workout: Felt strong"),
        # the second workout of the same exercise on the same day: its own entry, its own note and RPE
        (8, "2026-03-01", "18:00", "Glutes B", "Hip Thrust (Barbell)", (w(10, 60.0, rpe=10.0),), "second, knee worse next morning"),
        (9, "2026-03-01", "18:00", "Glutes B", "Hip Abductor (Machine)", (w(15, 45.0),), 'slow "negatives"\nthen a pause'),
        (11, "2026-03-03", "07:30", "Glutes A", "Lunge (Dumbbell)", (w(10, 12.0),), None),
    ]


def test_strong_newer_kg_with_drop_and_failure_sets() -> None:
    r = fixture("strong_newer_kg.csv")
    assert (r.format, r.rows, r.skipped_rest_timers) == ("strong", 8, 1)
    assert summary(r) == [
        (
            2,
            "2026-02-10",
            "18:05",
            "Lower",
            "Hip Thrust (Barbell)",
            (
                w(12, 40.0, "kg", kind="warmup"),
                w(10, 80.0, "kg", 8.0),
                w(9, 80.0, "kg", 9.0),
                w(12, 60.0, "kg", kind="drop"),
                w(20, 40.0, "kg", 10.0, kind="failure"),
            ),
            "drop to 60 | to failure",
        ),
        (7, "2026-02-10", "18:05", "Lower", "Sled Push", (w(None, 100.0, "kg", metres=20.0),), None),
        (9, "2026-02-12", "07:00", "Lower", "Glute Bridge", (w(20, None),), "workout: Short session"),
    ]


def test_strong_newer_pounds_bom_crlf_and_12_hour_clock() -> None:
    r = fixture("strong_newer_lbs_bom.csv")
    assert summary(r) == [
        (2, "2026-02-10", "18:05", "Evening", "Hip Thrust (Barbell)", (w(10, 135.0, "lb", 7.5), w(8, 185.0, "lb", 8.0)), None),
        (4, "2026-02-10", "18:05", "Evening", "Walking Lunge (Dumbbell)", (w(12, 30.0, "lb", metres=402.336),), None),
        (5, "2026-02-11", "00:30", "Late", "Glute Bridge", (w(25, None),), None),
    ]


def test_strong_semicolon_with_per_row_units() -> None:
    r = fixture("strong_semicolon.csv")
    assert (r.format, r.rows, r.skipped_rest_timers) == ("strong", 5, 1)
    assert summary(r) == [
        (
            2,
            "2019-01-11",
            "12:31",
            "Leg",
            "Hip Thrust (Barbell)",
            (w(10, 20.0, "kg", kind="warmup"), w(10, 60.0, "kg", 8.0), w(8, 135.0, "lb")),
            "home gym; pounds",
        ),
        (5, "2019-01-11", "12:31", "Leg", "Sled Push", (w(None, 50.0, "kg", metres=20.0),), None),
    ]


def test_strong_semicolon_with_workout_duration_and_decimal_commas() -> None:
    r = fixture("strong_semicolon_duration.csv")
    assert summary(r) == [
        (2, "2020-05-04", "09:15", "Po", "Hip Thrust (Barbell)", (w(10, 62.5, "kg", 8.5),), None),
        (3, "2020-05-04", "09:15", "Po", "Walking Lunge (Dumbbell)", (w(None, None, metres=1500.0),), None),
    ]


def test_hevy_kg() -> None:
    r = fixture("hevy_kg.csv")
    assert (r.format, r.rows, r.skipped_rest_timers) == ("hevy", 8, 0)
    assert summary(r) == [
        (
            2,
            "2025-12-22",
            "08:00",
            "Glute Day",
            "Hip Thrust (Barbell)",
            (w(12, 40.0, "kg", kind="warmup"), w(10, 80.0, "kg", 8.0), w(12, 60.0, "kg", kind="drop")),
            "Pause at the top | workout: Morning session",
        ),
        (5, "2025-12-22", "08:00", "Glute Day", "Hip Abduction (Machine)", (w(15, 45.0, "kg"),), "workout: Morning session"),
        (
            6,
            "2025-12-22",
            "08:00",
            "Glute Day",
            "Glute Kickback (Cable)",
            (w(20, 15.0, "kg", 10.0, kind="failure"),),
            "workout: Morning session",
        ),
        (7, "2025-12-22", "08:00", "Glute Day", "Plank", (w(None, None, seconds=60.0),), "workout: Morning session"),
        (8, "2025-12-22", "18:30", "Evening Pump", "Hip Thrust (Barbell)", (w(10, 80.0, "kg", 9.5),), "knee worse next morning"),
        (9, "2025-12-23", "07:00", "Run", "Running", (w(None, None, seconds=1800.0, metres=5200.0),), None),
    ]


def test_hevy_pounds_miles_and_localised_months() -> None:
    r = fixture("hevy_lbs.csv")
    assert summary(r) == [
        (2, "2025-12-30", "17:45", "Po-Tag", "Hip Thrust (Barbell)", (w(12, 135.0, "lb"), w(10, 185.0, "lb", 8.0)), None),
        (4, "2025-12-30", "17:45", "Po-Tag", "Sled Push", (w(None, 90.0, "lb", metres=80.467),), None),
        (5, "2026-01-02", "07:10", "Po-Tag", "Romanian Deadlift (Barbell)", (w(8, 95.0, "lb", kind="warmup"),), None),
    ]


def test_fitnotes_older_kgs_keeps_separate_runs_of_one_exercise_apart() -> None:
    r = fixture("fitnotes_kgs.csv")
    assert (r.format, r.rows) == ("fitnotes", 6)
    assert summary(r) == [
        (2, "2025-11-03", None, None, "Barbell Hip Thrust", (w(10, 60.0, "kg"), w(8, 70.0, "kg")), "Felt it in the glutes"),
        (4, "2025-11-03", None, None, "Seated Machine Hip Abduction", (w(15, 40.0, "kg"),), None),
        (5, "2025-11-03", None, None, "Barbell Hip Thrust", (w(15, 50.0, "kg"),), "Evening top-up"),
        (6, "2025-11-03", None, None, "Plank", (w(None, None, seconds=90.0),), None),
        (7, "2025-11-05", None, None, "Treadmill", (w(None, None, seconds=1200.0, metres=2500.0),), None),
    ]


def test_fitnotes_older_lbs_without_comment() -> None:
    r = fixture("fitnotes_lbs_no_comment.csv")
    assert summary(r) == [(2, "2025-10-01", None, None, "Dumbbell Hip Thrust", (w(12, 50.0, "lb"), w(10, 55.0, "lb")), None)]


def test_fitnotes_android_per_row_units() -> None:
    r = fixture("fitnotes_android.csv")
    assert summary(r) == [
        (2, "2025-12-01", None, None, "Barbell Hip Thrust", (w(8, 100.0, "kg"), w(6, 225.0, "lb")), "Gym B, pounds"),
        (4, "2025-12-01", None, None, "Sled Push", (w(None, None, metres=30.0),), None),
        (5, "2025-12-02", None, None, "Walking Lunge", (w(20, None, seconds=45.0),), None),
    ]


# ---------------------------------------------------------------------------------------------
# Detection and forcing


@pytest.mark.parametrize(
    "header, fmt",
    [
        (STRONG_CLASSIC, "strong"),
        (STRONG_NEWER, "strong"),
        (STRONG_NEWER.replace("Weight (kg)", "Weight (lbs)").replace("(meters)", "(miles)"), "strong"),
        (STRONG_NEWER.replace("Weight (kg)", "Weight (lb)"), "strong"),
        (STRONG_SEMICOLON, "strong"),
        (STRONG_SEMICOLON + ";Workout Duration", "strong"),
        (
            (
                "Workout No,Date,Workout Name,Duration,Exercise Name,Set Order,Weight (kg),Reps,RPE,Distance (meters),"
                "Seconds,Notes,Workout Notes"
            ),
            "strong",
        ),
        (HEVY, "hevy"),
        (HEVY.replace("weight_kg", "weight_lbs").replace("distance_km", "distance_miles"), "hevy"),
        (FITNOTES_OLD, "fitnotes"),
        (FITNOTES_OLD.replace("(kgs)", "(lbs)"), "fitnotes"),
        (FITNOTES_OLD.replace(",Comment", ""), "fitnotes"),
        (FITNOTES_NEW, "fitnotes"),
        ("id,date,slug,set,reps,load,units,contact,pain_score,rir,note", None),
        ("Datum; Workout-Name; Name der Übung; Reihenfolge festlegen; Gewicht; Wiederh.; RPE", None),
        ("Date,Workout Name,Exercise Name,Set Order,Weight (kg),Weight (lbs),Reps", None),  # two weight columns
        ("", None),
    ],
)
def test_detect(header: str, fmt: str | None) -> None:
    cells = next(csv.reader([header], delimiter=";" if ";" in header else ","), [])
    assert T.detect([c.strip() for c in cells]) == fmt


def test_detect_is_case_and_quote_tolerant() -> None:
    assert T.detect(["\ufeffdate", "WORKOUT NAME", "exercise name", "set order", "weight", "reps"]) == "strong"


def test_unknown_header_names_formats_and_what_it_saw() -> None:
    with pytest.raises(T.TrackerFormatError) as err:
        T.read(b"when,what,how much\n2026-01-01,squat,5\n", source="mine.csv")
    message = str(err.value)
    assert err.value.line == 1
    for word in ("mine.csv", "line 1", "Strong", "Hevy", "FitNotes", "when,what,how much", "Exercise Name"):
        assert word in message


def test_a_strong_header_missing_a_column_says_which() -> None:
    with pytest.raises(T.TrackerFormatError, match="Reps is missing"):
        T.read(b"Date,Workout Name,Exercise Name,Set Order,Weight\n")


def test_format_can_be_forced() -> None:
    data = (FIXTURES / "strong_classic.csv").read_bytes()
    assert T.read(data, fmt="Strong").format == "strong"
    with pytest.raises(T.TrackerFormatError, match="not a Hevy export.*missing"):
        T.read(data, fmt="hevy")
    with pytest.raises(T.TrackerFormatError, match="accepted: strong, hevy, fitnotes"):
        T.read(data, fmt="liftosaur")


def test_empty_file_and_header_only() -> None:
    with pytest.raises(T.TrackerFormatError, match="empty"):
        T.read(b"")
    with pytest.raises(T.TrackerFormatError):
        T.read(b"\n\n   \n")
    r = T.read((STRONG_CLASSIC + "\n").encode())
    assert (r.format, r.entries, r.rows) == ("strong", (), 0)


def test_tracker_format_error_is_a_glutecoach_error() -> None:
    assert issubclass(T.TrackerFormatError, GlutecoachError)


# ---------------------------------------------------------------------------------------------
# Details of the formats


def strong(*rows: str, header: str = STRONG_CLASSIC) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def test_rest_timer_in_set_order_is_skipped_and_counted() -> None:
    r = T.read(
        strong(
            "2026-03-01 10:00:00,W,1h,Hip Thrust (Barbell),Rest Timer,0,0,0,120,,,",
            "2026-03-01 10:00:00,W,1h,Hip Thrust (Barbell),1,60,10,0,0,,,",
        )
    )
    assert r.skipped_rest_timers == 1 and r.rows == 2
    assert [tuple(S(*s[:7]) for s in e.sets) for e in r.entries] == [(w(10, 60.0),)]


def test_set_order_letters_are_case_insensitive() -> None:
    r = T.read(strong(*(f"2026-03-01 10:00:00,W,1h,Glute Bridge,{o},0,10,0,0,,," for o in ("w", "1", "d", "f"))))
    assert [s.type for s in r.entries[0].sets] == ["warmup", "working", "drop", "failure"]


def test_classic_strong_distance_without_a_unit_is_kept_in_the_note() -> None:
    r = T.read(strong("2026-03-01 10:00:00,W,1h,Sled Push,1,50,0,20,0,heavy,,"))
    (entry,) = r.entries
    assert tuple(S(*s[:7]) for s in entry.sets) == (w(None, 50.0),)
    assert entry.note == "heavy | distance 20 (the export does not say in which unit)"


def test_two_workouts_with_the_same_name_at_different_times_stay_apart() -> None:
    r = T.read(
        strong("2026-03-01 07:00:00,Glutes,1h,Glute Bridge,1,0,10,0,0,,,", "2026-03-01 19:00:00,Glutes,1h,Glute Bridge,1,0,10,0,0,,,")
    )
    assert [(e.line, e.time) for e in r.entries] == [(2, "07:00"), (3, "19:00")]


def test_strong_newer_workout_number_tells_workouts_apart() -> None:
    rows = [f"{n},2026-03-01 10:00:00,,60,Glute Bridge,1,0,10,,,,," for n in (1, 2)]
    r = T.read(strong(*rows, header=STRONG_NEWER))
    assert [(e.workout, e.line) for e in r.entries] == [("1", 2), ("2", 3)]


def test_every_row_note_is_kept_once_in_order() -> None:
    r = T.read(
        strong(
            "2026-03-01 10:00:00,W,1h,Glute Bridge,1,0,10,0,0,a,wn,",
            "2026-03-01 10:00:00,W,1h,Glute Bridge,2,0,10,0,0,b,wn,",
            "2026-03-01 10:00:00,W,1h,Glute Bridge,3,0,10,0,0,a,wn,",
        )
    )
    assert r.entries[0].note == "a | b | workout: wn"


def test_fitnotes_day_first_and_month_first_dates() -> None:
    header = FITNOTES_OLD
    day_first = f"{header}\n03/11/2025,Glute Bridge,Legs,0,10,,,,\n25/11/2025,Glute Bridge,Legs,0,10,,,,\n".encode()
    assert [e.date for e in T.read(day_first).entries] == ["2025-11-03", "2025-11-25"]
    month_first = f"{header}\n03/11/2025,Glute Bridge,Legs,0,10,,,,\n11/25/2025,Glute Bridge,Legs,0,10,,,,\n".encode()
    assert [e.date for e in T.read(month_first).entries] == ["2025-03-11", "2025-11-25"]
    dots = f"{header}\n03.11.2025,Glute Bridge,Legs,0,10,,,,\n".encode()
    assert [e.date for e in T.read(dots).entries] == ["2025-11-03"]
    ambiguous = f"{header}\n03/11/2025,Glute Bridge,Legs,0,10,,,,\n".encode()
    with pytest.raises(T.TrackerFormatError, match="line 2: .*day-first or month-first") as err:
        T.read(ambiguous)
    assert err.value.line == 2
    mixed = f"{header}\n25/11/2025,Glute Bridge,Legs,0,10,,,,\n11/26/2025,Glute Bridge,Legs,0,10,,,,\n".encode()
    with pytest.raises(T.TrackerFormatError, match="line 3: dates are written day-first"):
        T.read(mixed)


@pytest.mark.parametrize(
    "text, date, time",
    [
        ("22 Dec 2025, 08:00", "2025-12-22", "08:00"),
        ("22 December 2025, 8:00 PM", "2025-12-22", "20:00"),
        ("Dec 22, 2025, 08:00", "2025-12-22", "08:00"),
        ("3 janv. 2026, 07:30", "2026-01-03", "07:30"),
        ("3. März 2026, 07:30", "2026-03-03", "07:30"),
        ("3 dic 2025, 07:30", "2025-12-03", "07:30"),
        ("2025-12-22 08:00:00", "2025-12-22", "08:00"),
        ("2025-12-22T08:00:00Z", "2025-12-22", "08:00"),
        ("2025-12-22T08:00:00+01:00", "2025-12-22", "08:00"),
    ],
)
def test_hevy_start_times(text: str, date: str, time: str) -> None:
    data = f'{HEVY}\nW,"{text}",,,Glute Bridge,,,0,normal,,10,,,\n'.encode()
    (entry,) = T.read(data).entries
    assert (entry.date, entry.time) == (date, time)


def test_tomorrow_is_accepted_and_the_day_after_is_not() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert T.read(strong(f"{tomorrow} 10:00:00,W,1h,Glute Bridge,1,0,10,0,0,,,")).entries[0].date == tomorrow.isoformat()
    later = tomorrow + dt.timedelta(days=1)
    with pytest.raises(T.TrackerFormatError, match="line 2: Date .*outside 1900-01-01 to tomorrow"):
        T.read(strong(f"{later} 10:00:00,W,1h,Glute Bridge,1,0,10,0,0,,,"))


def test_large_export_reads_and_maps() -> None:
    names = [
        "Hip Thrust (Barbell)",
        "Hip Abductor (Machine)",
        "Bench Press (Barbell)",
        "Reverse Lunge (Dumbbell)",
        "Glute Bridge",
        "Bent Over Row (Barbell)",
        "Lunge (Dumbbell)",
        "Rest Timer",
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STRONG_NEWER.split(","))
    start = dt.date(2015, 1, 1)
    for i in range(50_000):
        day = start + dt.timedelta(days=i // 40)
        writer.writerow(
            [
                i // 40,
                f"{day} 18:00:00",
                "Glutes",
                3600,
                names[i % len(names)],
                "W" if i % 5 == 0 else i % 5,
                60 + i % 20,
                10,
                8,
                "",
                "",
                f"note {i % 3}",
                "",
            ]
        )
    r = T.read(out.getvalue().encode())
    assert r.rows == 50_000 and r.skipped_rest_timers == 50_000 // len(names)
    assert sum(len(e.sets) for e in r.entries) == 50_000 - r.skipped_rest_timers
    index = T.NameIndex(EXERCISES)
    mapped: dict[str | None, int] = {}
    for e in r.entries:
        slug = index.lookup(e.name)
        mapped[slug] = mapped.get(slug, 0) + len(e.sets)
    assert set(mapped) == {"hip-thrust", "machine-hip-abduction", "reverse-lunge", "glute-bridge", None}


# ---------------------------------------------------------------------------------------------
# Hostile input: every case a TrackerFormatError that names the line

TEMPLATES = {
    "strong": (
        STRONG_CLASSIC,
        ",",
        {
            "Date": "2026-03-01 10:00:00",
            "Workout Name": "W",
            "Duration": "1h",
            "Exercise Name": "Hip Thrust (Barbell)",
            "Set Order": "1",
            "Weight": "60",
            "Reps": "10",
            "Distance": "",
            "Seconds": "",
            "Notes": "",
            "Workout Notes": "",
            "RPE": "8",
        },
    ),
    "strong-newer": (
        STRONG_NEWER,
        ",",
        {
            "Workout #": "1",
            "Date": "2026-03-01 10:00:00",
            "Workout Name": "W",
            "Duration (sec)": "60",
            "Exercise Name": "Hip Thrust (Barbell)",
            "Set Order": "1",
            "Weight (kg)": "60",
            "Reps": "10",
            "RPE": "8",
            "Distance (meters)": "",
            "Seconds": "",
            "Notes": "",
            "Workout Notes": "",
        },
    ),
    "strong-semicolon": (
        STRONG_SEMICOLON,
        ";",
        {
            "Date": "2026-03-01 10:00:00",
            "Workout Name": "W",
            "Exercise Name": "Hip Thrust (Barbell)",
            "Set Order": "1",
            "Weight": "60",
            "Weight Unit": "kg",
            "Reps": "10",
            "RPE": "8",
            "Distance": "",
            "Distance Unit": "",
            "Seconds": "",
            "Notes": "",
            "Workout Notes": "",
        },
    ),
    "hevy": (
        HEVY,
        ",",
        {
            "title": "W",
            "start_time": "22 Dec 2025, 08:00",
            "end_time": "22 Dec 2025, 09:00",
            "description": "",
            "exercise_title": "Hip Thrust (Barbell)",
            "superset_id": "",
            "exercise_notes": "",
            "set_index": "0",
            "set_type": "normal",
            "weight_kg": "60",
            "reps": "10",
            "distance_km": "",
            "duration_seconds": "",
            "rpe": "8",
        },
    ),
    "fitnotes": (
        FITNOTES_NEW,
        ",",
        {
            "Date": "2025-11-03",
            "Exercise": "Barbell Hip Thrust",
            "Category": "Legs",
            "Weight": "60",
            "Weight Unit": "kgs",
            "Reps": "10",
            "Distance": "",
            "Distance Unit": "",
            "Time": "",
            "Comment": "",
        },
    ),
}
# role -> column in each template
ROLES = {
    "rpe": {"strong": "RPE", "strong-newer": "RPE", "strong-semicolon": "RPE", "hevy": "rpe"},
    "reps": {"strong": "Reps", "strong-newer": "Reps", "strong-semicolon": "Reps", "hevy": "reps", "fitnotes": "Reps"},
    "load": {"strong": "Weight", "strong-newer": "Weight (kg)", "strong-semicolon": "Weight", "hevy": "weight_kg", "fitnotes": "Weight"},
    "date": {"strong": "Date", "strong-newer": "Date", "strong-semicolon": "Date", "fitnotes": "Date"},
    "seconds": {
        "strong": "Seconds",
        "strong-newer": "Seconds",
        "strong-semicolon": "Seconds",
        "hevy": "duration_seconds",
        "fitnotes": "Time",
    },
    "distance": {"strong-newer": "Distance (meters)", "hevy": "distance_km"},
    "name": {
        "strong": "Exercise Name",
        "strong-newer": "Exercise Name",
        "strong-semicolon": "Exercise Name",
        "hevy": "exercise_title",
        "fitnotes": "Exercise",
    },
    "note": {"strong": "Notes", "strong-newer": "Notes", "strong-semicolon": "Notes", "hevy": "exercise_notes", "fitnotes": "Comment"},
    "unit": {"strong-semicolon": "Weight Unit", "fitnotes": "Weight Unit"},
    "type": {"strong": "Set Order", "strong-newer": "Set Order", "strong-semicolon": "Set Order", "hevy": "set_type"},
}
HOSTILE = [
    ("rpe", "inf", "not a finite number"),
    ("rpe", "nan", "not a finite number"),
    ("rpe", "1e999", "not a finite number"),
    ("rpe", "-inf", "not a finite number"),
    ("rpe", "11", "out of range"),
    ("rpe", "-1", "out of range"),
    ("rpe", "0.5", "out of range"),
    ("rpe", "true", "not a number"),
    ("reps", "1e400", "not a finite number"),
    ("reps", "-3", "out of range"),
    ("reps", "10.5", "not a whole number"),
    ("reps", "1001", "out of range"),
    ("reps", "True", "not a number"),
    ("reps", "\u0661\u0662", "not a number"),
    ("reps", "1_0", "not a number"),
    ("reps", "0x10", "not a number"),
    ("reps", "9" * 5000, "not a finite number"),
    ("load", "-60", "out of range"),
    ("load", "1e999", "not a finite number"),
    ("load", "nan", "not a finite number"),
    ("load", "99999", "out of range"),
    ("load", "false", "not a number"),
    ("load", "60 kg", "not a number"),
    ("date", "2026-02-30 10:00:00", "not a date that exists"),
    ("date", "1899-12-31", "outside 1900-01-01 to tomorrow"),
    ("date", "0001-01-01", "outside"),
    ("date", "9999-12-31", "outside"),
    ("date", "yesterday", "not a date"),
    ("date", "2026-03-01 25:00:00", "time of day"),
    ("date", "", "not a date"),
    ("date", "2026-13-01", "not a date"),
    ("seconds", "-1", "out of range"),
    ("seconds", "1e9", "out of range"),
    ("seconds", "inf", "not a finite number"),
    ("distance", "-5", "out of range"),
    ("distance", "inf", "not a finite number"),
    ("distance", "1e12", "out of range"),
    ("name", "", "is empty"),
    ("name", "x" * 300, "at most 200"),
    ("note", "x" * 20_000, "at most 10000"),
    ("note", "x" * 200_000, "cannot be read"),
    ("unit", "stone", "not a unit"),
    ("type", "X", "not accepted"),
    ("type", "superset", "not accepted"),
]
HOSTILE_CASES = [(fmt, role, value, expect) for role, value, expect in HOSTILE for fmt in ROLES[role]]


def render(fmt: str, rows: list[dict[str, str]]) -> bytes:
    header, delimiter, _ = TEMPLATES[fmt]
    columns = header.split(delimiter)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns])
    return out.getvalue().encode()


def valid_row(fmt: str) -> dict[str, str]:
    return dict(TEMPLATES[fmt][2])


SET_NUMBER = {"strong": "Set Order", "strong-newer": "Set Order", "strong-semicolon": "Set Order", "hevy": "set_index"}


@pytest.mark.parametrize("fmt", sorted(TEMPLATES))
def test_templates_are_valid(fmt: str) -> None:
    second = valid_row(fmt)
    if fmt in SET_NUMBER:
        second[SET_NUMBER[fmt]] = "2"
    (entry,) = T.read(render(fmt, [valid_row(fmt), second])).entries
    assert len(entry.sets) == 2 and entry.sets[0].reps == 10 and entry.sets[0].load == 60.0


@pytest.mark.parametrize("fmt", sorted(SET_NUMBER))
def test_set_numbers_starting_again_are_another_entry(fmt: str) -> None:
    """glutecoach's own Strong export writes two entries of one day with one time and workout name;
    Hevy can have one exercise twice in a workout: the set numbers starting again tell them apart."""
    rows = []
    for number in ("1", "2", "1", "2", "3"):
        row = valid_row(fmt)
        row[SET_NUMBER[fmt]] = number
        rows.append(row)
    r = T.read(render(fmt, rows))
    assert [(e.line, len(e.sets)) for e in r.entries] == [(2, 2), (4, 3)]


@pytest.mark.parametrize("fmt, role, value, expect", HOSTILE_CASES, ids=[f"{f}-{r}-{v[:12]}" for f, r, v, _ in HOSTILE_CASES])
def test_hostile_value_is_refused_with_its_line(fmt: str, role: str, value: str, expect: str) -> None:
    bad = valid_row(fmt)
    bad[ROLES[role][fmt]] = value
    data = render(fmt, [valid_row(fmt), valid_row(fmt), bad])
    with pytest.raises(T.TrackerFormatError) as err:
        T.read(data, source="export.csv")
    message = str(err.value)
    assert err.value.line == 4
    assert message.startswith("export.csv, line 4: ")
    assert expect in message and "accepted" in message
    assert len(message) < 2000


@pytest.mark.parametrize(
    "value, expect",
    [
        ("31 Feb 2025, 08:00", "not a date that exists"),
        ("22 Foo 2025, 08:00", "month name"),
        ("22 Dec 1899, 08:00", "outside"),
        ("22 Dec 2025, 13:00 PM", "12-hour clock"),
        ("tomorrow", "not a date"),
    ],
)
def test_hostile_hevy_start_time(value: str, expect: str) -> None:
    bad = valid_row("hevy")
    bad["start_time"] = value
    with pytest.raises(T.TrackerFormatError, match=f"line 3: start_time .*{expect}") as err:
        T.read(render("hevy", [valid_row("hevy"), bad]))
    assert err.value.line == 3


def test_non_utf8_bytes_name_their_line() -> None:
    data = render("strong", [valid_row("strong")]) + b"2026-03-01 10:00:00,W,1h,Caf\xe9,1,60,10,,,,,8\n"
    with pytest.raises(T.TrackerFormatError, match="line 3: byte 0xe9 is not UTF-8") as err:
        T.read(data)
    assert err.value.line == 3
    with pytest.raises(T.TrackerFormatError, match="UTF-16"):
        T.read(STRONG_CLASSIC.encode("utf-16"))


def test_nul_bytes_and_escape_sequences_in_messages() -> None:
    with pytest.raises(T.TrackerFormatError, match="line 2: a NUL"):
        T.read(render("strong", [valid_row("strong")]).replace(b"Thrust", b"Thr\x00st"))
    bad = valid_row("strong")
    bad["RPE"] = "\x1b[2J"
    with pytest.raises(T.TrackerFormatError) as err:
        T.read(render("strong", [bad]))
    assert "\x1b" not in str(err.value) and "\\u001b[2J" in str(err.value)


def test_broken_csv_structure_names_the_line() -> None:
    extra = render("strong", [valid_row("strong")]) + b"2026-03-01 10:00:00,W,1h,Glute Bridge,1,60,10,,,,,8,extra\n"
    with pytest.raises(T.TrackerFormatError, match="line 3: 13 fields where the header has 12") as err:
        T.read(extra)
    assert err.value.line == 3
    unterminated = render("strong", [valid_row("strong")]) + b'2026-03-01 10:00:00,W,1h,"Glute Bridge,1,60,10,,,,,8\n'
    with pytest.raises(T.TrackerFormatError, match="line 3: the CSV cannot be read"):
        T.read(unterminated)
    stray = render("strong", [valid_row("strong")]) + b'2026-03-01 10:00:00,W,1h,"Glute" Bridge,1,60,10,,,,,8\n'
    with pytest.raises(T.TrackerFormatError, match="line 3"):
        T.read(stray)


def test_per_row_unit_contradicting_the_header_is_refused() -> None:
    header = STRONG_NEWER + ",Weight Unit"
    data = f"{header}\n1,2026-03-01 10:00:00,W,60,Glute Bridge,1,60,10,,,,,,lbs\n".encode()
    with pytest.raises(T.TrackerFormatError, match="contradicts the unit in the header"):
        T.read(data)


# ---------------------------------------------------------------------------------------------
# Properties: generated exports read exactly, or are refused with a TrackerFormatError

NAMES = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=24)
    .map(str.strip)
    .filter(lambda s: s != "" and T.normalise(s) != "rest timer" and len(s) <= 200)
)
NOTES = st.one_of(st.just(""), st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r\x00"), max_size=30))
RPES = st.one_of(st.none(), st.sampled_from([6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0]))
SET = st.tuples(st.integers(0, 1000), st.integers(0, 20000).map(lambda x: x / 10), st.sampled_from(T.SET_TYPES), RPES, NOTES)
EXERCISE = st.tuples(NAMES, st.lists(SET, min_size=1, max_size=4))
WORKOUT = st.tuples(
    st.dates(dt.date(1900, 1, 1), dt.date(2025, 12, 31)),
    st.integers(0, 23 * 60 + 59),
    NAMES,
    st.lists(EXERCISE, min_size=1, max_size=3, unique_by=lambda e: e[0]),
    NOTES,
)
EXPORTS = st.lists(WORKOUT, min_size=1, max_size=4, unique_by=lambda w: (w[0], w[1]))
FITNOTES_EXPORTS = st.lists(WORKOUT, min_size=1, max_size=4, unique_by=lambda w: w[0])
STRONG_LETTER = {"warmup": "W", "drop": "D", "failure": "F"}
HEVY_TYPE = {"working": "normal", "warmup": "warmup", "drop": "dropset", "failure": "failure"}


def number(x: float) -> str:
    return format(x, "g") if x != int(x) else str(int(x))


def build(fmt: str, workouts: list) -> tuple[bytes, list[tuple]]:
    """An export of the workouts in the format, and the entries reading it must give."""
    out = io.StringIO()
    delimiter = ";" if fmt == "strong-semicolon" else ","
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    header = {
        "strong": STRONG_CLASSIC,
        "strong-newer": STRONG_NEWER,
        "strong-semicolon": STRONG_SEMICOLON,
        "hevy": HEVY,
        "fitnotes": FITNOTES_NEW,
    }[fmt]
    writer.writerow(header.split(delimiter))
    expected = []
    line = 2
    for n, (day, minutes, title, exercises, workout_note) in enumerate(workouts):
        hhmm = f"{minutes // 60:02d}:{minutes % 60:02d}"
        for name, sets in exercises:
            got = []
            notes: list[str] = []
            first = line
            for i, (reps, load, kind, rpe, note) in enumerate(sets, 1):
                order = STRONG_LETTER.get(kind, str(i))
                rpe_text = "" if rpe is None else number(rpe)
                if fmt == "strong":
                    row = [f"{day} {hhmm}:00", title, "1h", name, order, number(load), reps, "", "", note, workout_note, rpe_text]
                elif fmt == "strong-newer":
                    row = [n, f"{day} {hhmm}:00", title, 60, name, order, number(load), reps, rpe_text, "", "", note, workout_note]
                elif fmt == "strong-semicolon":
                    unit = "lbs" if i % 2 else "kg"
                    row = [
                        f"{day} {hhmm}:00",
                        title,
                        name,
                        order,
                        number(load).replace(".", ","),
                        unit,
                        reps,
                        rpe_text,
                        "",
                        "",
                        "",
                        note,
                        workout_note,
                    ]
                elif fmt == "hevy":
                    row = [
                        title,
                        f"{day.day} {day:%b} {day.year}, {hhmm}",
                        "",
                        workout_note,
                        name,
                        "",
                        note,
                        i - 1,
                        HEVY_TYPE[kind],
                        number(load),
                        reps,
                        "",
                        "",
                        rpe_text,
                    ]
                else:
                    row = [day.isoformat(), name, "Legs", number(load), "lbs" if i % 2 else "kgs", reps, "", "", "", note]
                writer.writerow(row)
                line += 1 + sum(str(c).count("\n") for c in row)
                said_unit: str | None = {"strong": None, "strong-newer": "kg", "hevy": "kg"}.get(fmt, "lb" if i % 2 else "kg")
                got.append(
                    S(
                        reps or None,
                        load or None,
                        said_unit if load else None,
                        None,
                        None,
                        None if fmt == "fitnotes" else rpe,
                        "working" if fmt == "fitnotes" else kind,
                    )
                )
                said = uncell(note).strip()  # a tracker's cell is read as glutecoach writes them (write.uncell)
                if said and said not in notes:
                    notes.append(said)
            if fmt != "fitnotes" and uncell(workout_note).strip():
                notes.append(f"workout: {uncell(workout_note).strip()}")
            expected.append(
                (
                    first,
                    day.isoformat(),
                    None if fmt == "fitnotes" else hhmm,
                    None if fmt == "fitnotes" else (uncell(title).strip() or None),
                    uncell(name),
                    tuple(got),
                    " | ".join(notes) or None,
                )
            )
    return out.getvalue().encode(), expected


@pytest.mark.parametrize("fmt", ["strong", "strong-newer", "strong-semicolon", "hevy"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workouts=EXPORTS)
def test_generated_exports_read_exactly(fmt: str, workouts: list) -> None:
    data, expected = build(fmt, workouts)
    assert summary(T.read(data)) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workouts=FITNOTES_EXPORTS)
def test_generated_fitnotes_exports_read_exactly(workouts: list) -> None:
    data, expected = build("fitnotes", workouts)
    assert summary(T.read(data)) == expected


NASTY = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "inf",
            "-inf",
            "nan",
            "NaN",
            "1e999",
            "1e400",
            "-1",
            "-0",
            "0",
            "true",
            "False",
            "1_000",
            "0x1F",
            "W",
            "D",
            "F",
            "Rest Timer",
            "rest_timer",
            "10.0",
            "10,5",
            "2026-02-30",
            "1899-12-31",
            "9999-12-31",
            "31/12/2025",
            "12/31/2025",
            "31 Dez. 2025, 08:00",
            "kg",
            "lbs",
            "stone",
            "\x1b[2J",
            "\ufeff",
            '"',
            '""',
            ",",
            ";",
            "\n",
            "=1+1",
            "9" * 400,
            "x" * 11_000,
        ]
    ),
)


@pytest.mark.parametrize("fmt", ["strong", "strong-newer", "strong-semicolon", "hevy", "fitnotes"])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workouts=EXPORTS, data=st.data())
def test_hostile_cells_read_or_raise_tracker_format_error(fmt: str, workouts: list, data: st.DataObject) -> None:
    raw, _ = build(fmt, workouts)
    delimiter = ";" if fmt == "strong-semicolon" else ","
    rows = list(csv.reader(io.StringIO(raw.decode(), newline=""), delimiter=delimiter))
    for _ in range(data.draw(st.integers(1, 3))):
        r = data.draw(st.integers(0, len(rows) - 1))
        c = data.draw(st.integers(0, len(rows[r]) - 1))
        rows[r][c] = data.draw(NASTY)
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=data.draw(st.sampled_from(["\n", "\r\n", "\r"]))).writerows(rows)
    encoded = out.getvalue().encode("utf-8", "surrogatepass")
    try:
        result = T.read(encoded)
    except T.TrackerFormatError as err:
        assert err.line is None or err.line >= 1
        return
    assert isinstance(result, T.TrackerImport)
    for entry in result.entries:
        assert entry.sets and dt.date.fromisoformat(entry.date)
        for s in entry.sets:
            assert s.type in T.SET_TYPES and s.unit in ("kg", "lb", None)
            for value in (s.load, s.seconds, s.metres, s.rpe):
                assert value is None or (isinstance(value, float) and math.isfinite(value) and value > 0)
            assert s.reps is None or (type(s.reps) is int and 1 <= s.reps <= 1000)


@settings(max_examples=200, deadline=None)
@given(
    prefix=st.sampled_from(
        [
            b"",
            STRONG_CLASSIC.encode() + b"\n",
            HEVY.encode() + b"\n",
            FITNOTES_OLD.encode() + b"\n",
            STRONG_SEMICOLON.encode() + b"\n",
            b"\xef\xbb\xbf",
        ]
    ),
    body=st.binary(max_size=300),
)
def test_arbitrary_bytes_read_or_raise_tracker_format_error(prefix: bytes, body: bytes) -> None:
    try:
        T.read(prefix + body)
    except T.TrackerFormatError:
        pass


# ---------------------------------------------------------------------------------------------
# Names

EXERCISES = [
    ("hip-thrust", "Barbell hip thrust", [], ["barbell", "bench"]),
    ("machine-hip-abduction", "Seated machine hip abduction", ["hip abductor machine"], ["machine"]),
    ("reverse-lunge", "Dumbbell reverse lunge", [], ["dumbbell"]),
    ("glute-bridge", "Glute bridge", [], []),
]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hip Thrust", "hip thrust"),
        ("  HIP_thrust  ", "hip thrust"),
        ("Hip-Thrust", "hip thrust"),
        ("hip   \t thrust", "hip thrust"),
        ("Hip Thrust (Barbell)", "hip thrust (barbell)"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert T.normalise(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hip Thrust (Barbell)", ("Hip Thrust", "Barbell")),
        ("Hip Abductor (Machine) ", ("Hip Abductor", "Machine")),
        ("Glute Bridge", ("Glute Bridge", None)),
        ("Squat ()", ("Squat ()", None)),
        ("(Barbell)", ("(Barbell)", None)),
        ("Row (Cable (High))", ("Row (Cable (High))", None)),
        ("Hip Thrust(Smith Machine)", ("Hip Thrust", "Smith Machine")),
    ],
)
def test_split_name(text: str, expected: tuple) -> None:
    assert T.split_name(text) == expected


@pytest.mark.parametrize(
    "foreign, slug",
    [
        ("Hip Thrust (Barbell)", "hip-thrust"),  # Strong and Hevy's "Name (Equipment)"
        ("hip_thrust", "hip-thrust"),  # the slug, normalised
        ("BARBELL HIP THRUST", "hip-thrust"),  # the name
        ("Hip Abductor (Machine)", "machine-hip-abduction"),  # Strong: through the alias
        ("Hip Abduction (Machine)", "machine-hip-abduction"),  # Hevy: the posture a machine implies left out
        ("hip-abductor machine", "machine-hip-abduction"),
        ("Reverse Lunge (Dumbbell)", "reverse-lunge"),
        ("Reverse Lunge (DB)", "reverse-lunge"),
        ("Glute Bridge", "glute-bridge"),
        ("Glute Bridge (Bodyweight)", "glute-bridge"),
        # never guessed
        ("Lunge (Dumbbell)", None),  # a lunge is not a reverse lunge
        ("Hip Thrust (Machine)", None),
        ("Hip Thrust (Smith Machine)", None),
        ("Hip Thrust (Dumbbell)", None),
        ("Glute Bridge (Barbell)", None),
        ("Hip Abduction (Cable)", None),
        ("Hip Adductor (Machine)", None),
        ("Bench Press (Barbell)", None),
        ("Bent Over Row (Barbell)", None),
        ("Seated Cable Row", None),
        ("Rest Timer", None),
        ("", None),
        ("(Barbell)", None),
    ],
)
def test_name_index(foreign: str, slug: str | None) -> None:
    assert T.NameIndex(EXERCISES).lookup(foreign) == slug


def test_mapping_overrides_names_and_skips() -> None:
    index = T.NameIndex(
        EXERCISES,
        {
            "Lunge (Dumbbell)": "reverse-lunge",  # a name the user mapped once
            "hip thrust (barbell)": None,  # the user skips it, although it would match
            "Frog Pumps": "Glute bridge",  # by an exercise's name
            "Abductor": "hip abductor machine",  # by an alias
        },
    )
    assert index.lookup("Lunge (Dumbbell)") == "reverse-lunge"
    assert index.lookup("LUNGE  (dumbbell)") == "reverse-lunge"
    assert index.lookup("Hip Thrust (Barbell)") is None
    assert index.lookup("Barbell hip thrust") == "hip-thrust"
    assert index.lookup("frog-pumps") == "glute-bridge"
    assert index.lookup("Abductor") == "machine-hip-abduction"
    assert index.lookup("Bench Press (Barbell)") is None


@pytest.mark.parametrize(
    "mapping", [{"Lunge": "not-an-exercise"}, {"Lunge": True}, {"Lunge": 5}, {"Lunge": ""}, {5: "glute-bridge"}, {"": "glute-bridge"}]
)
def test_mapping_to_nothing_known_is_refused(mapping: dict) -> None:
    with pytest.raises(GlutecoachError, match="mapping"):
        T.NameIndex(EXERCISES, mapping)


def test_two_exercises_fitting_one_name_are_never_guessed() -> None:
    index = T.NameIndex(
        [
            ("a", "Barbell hip thrust", [], ["barbell"]),
            ("b", "Hip thrust", ["barbell hip lift"], ["barbell"]),
            ("c", "Standing cable abduction", [], ["cable"]),
            ("d", "Seated cable abduction", [], ["cable"]),
        ]
    )
    assert index.lookup("Hip Thrust (Barbell)") == "a"  # the name "Barbell hip thrust" is exact
    assert index.lookup("Abduction (Cable)") is None  # standing or seated: not guessed
    assert index.lookup("Seated Abduction (Cable)") == "d"


def test_lookups_are_indexed_for_many_distinct_names() -> None:
    index = T.NameIndex([(f"ex-{i}", f"Exercise {i}", [f"alias {i}"], ["barbell"]) for i in range(2000)])
    assert [index.lookup(f"Exercise {i} (Barbell)") for i in range(0, 2000, 400)] == [f"ex-{i}" for i in range(0, 2000, 400)]
    assert all(index.lookup(f"Unknown {i} (Barbell)") is None for i in range(20_000))


def test_fitnotes_for_ios_writes_each_load_twice_and_the_entered_one_is_kept() -> None:
    """The iOS header (documented by two independent open-source importers): Weight (kg) and Weight (lbs)
    on every row, Notes and Kind. The load kept is the one with fewer decimals, in its own unit."""
    r = fixture("fitnotes_ios.csv")
    assert r.format == "fitnotes" and r.rows == 4
    thrust, run = r.entries
    assert [(s.load, s.unit, s.reps) for s in thrust.sets] == [(100.0, "kg", 8), (90.0, "lb", 12), (60.0, "kg", 10)]
    assert thrust.sets[0].note == "Paused reps" and thrust.category == "Legs"
    assert (run.sets[0].metres, run.sets[0].seconds, run.sets[0].distance_unit, run.note) == (5000.0, 1800.0, "km", "Zone 2")
    forced = T.read((FIXTURES / "fitnotes_ios.csv").read_bytes(), "fitnotes")
    assert forced.entries == r.entries
    with pytest.raises(T.TrackerFormatError, match="not a Strong export"):
        T.read((FIXTURES / "fitnotes_ios.csv").read_bytes(), "strong")
