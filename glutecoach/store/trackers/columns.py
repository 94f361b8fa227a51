"""Each tracker's header: which column holds which field, and the unit a header implies."""

from __future__ import annotations

from collections.abc import Sequence

from glutecoach.core.record import NamedTuple
from glutecoach.store.trackers.records import FORMATS
from glutecoach.store.trackers.values import show as _show

# normalised header cell -> (field, unit the header implies)
_COLUMNS: dict[str, dict[str, tuple[str, str | None]]] = {
    "strong": {
        "date": ("date", None),
        "workout #": ("workout_no", None),
        "workout no": ("workout_no", None),
        "workout no.": ("workout_no", None),
        "workout number": ("workout_no", None),
        "workout name": ("workout", None),
        "duration": ("duration", None),
        "duration (sec)": ("duration", None),
        "duration (seconds)": ("duration", None),
        "workout duration": ("workout_duration", None),
        "exercise name": ("exercise", None),
        "set order": ("order", None),
        "weight": ("weight", None),
        "weight (kg)": ("weight", "kg"),
        "weight (kgs)": ("weight", "kg"),
        "weight (lbs)": ("weight", "lb"),
        "weight (lb)": ("weight", "lb"),
        "weight unit": ("weight_unit", None),
        "reps": ("reps", None),
        "rpe": ("rpe", None),
        "distance": ("distance", None),
        "distance (meters)": ("distance", "m"),
        "distance (metres)": ("distance", "m"),
        "distance (m)": ("distance", "m"),
        "distance (km)": ("distance", "km"),
        "distance (miles)": ("distance", "mi"),
        "distance (mi)": ("distance", "mi"),
        "distance (feet)": ("distance", "ft"),
        "distance (ft)": ("distance", "ft"),
        "distance unit": ("distance_unit", None),
        "seconds": ("seconds", None),
        "notes": ("notes", None),
        "workout notes": ("workout_notes", None),
    },
    "hevy": {
        "title": ("workout", None),
        "start_time": ("start", None),
        "end_time": ("end", None),
        "description": ("workout_notes", None),
        "exercise_title": ("exercise", None),
        "superset_id": ("superset", None),
        "exercise_notes": ("notes", None),
        "set_index": ("index", None),
        "set_type": ("set_type", None),
        "weight_kg": ("weight", "kg"),
        "weight_lbs": ("weight", "lb"),
        "weight_lb": ("weight", "lb"),
        "reps": ("reps", None),
        "distance_km": ("distance", "km"),
        "distance_miles": ("distance", "mi"),
        "distance_meters": ("distance", "m"),
        "distance_m": ("distance", "m"),
        "duration_seconds": ("seconds", None),
        "rpe": ("rpe", None),
    },
    "fitnotes": {
        "date": ("date", None),
        "exercise": ("exercise", None),
        "category": ("category", None),
        "weight": ("weight", None),
        "weight (kgs)": ("weight", "kg"),
        "weight (kg)": ("weight", "kg"),
        "weight (lbs)": ("weight", "lb"),
        "weight (lb)": ("weight", "lb"),
        "weight unit": ("weight_unit", None),
        "reps": ("reps", None),
        "distance": ("distance", None),
        "distance unit": ("distance_unit", None),
        "time": ("time", None),
        "comment": ("notes", None),
        # FitNotes for iOS: "Date,Exercise,Category,Weight (kg),Weight (lbs),Reps,Distance,Distance Unit,Time,Notes,Kind"
        "notes": ("notes", None),
        "kind": ("kind", None),
    },
}
_REQUIRED = {
    "strong": {
        "date": "Date",
        "exercise": "Exercise Name",
        "order": "Set Order",
        "weight": "Weight (or Weight (kg), Weight (lbs))",
        "reps": "Reps",
    },
    "hevy": {
        "start": "start_time",
        "exercise": "exercise_title",
        "set_type": "set_type",
        "weight": "weight_kg (or weight_lbs)",
        "reps": "reps",
    },
    "fitnotes": {
        "date": "Date",
        "exercise": "Exercise",
        "category": "Category",
        "weight": "Weight (kgs) (or Weight (lbs), or Weight with Weight Unit)",
        "reps": "Reps",
    },
}
SIGNATURE = {"strong": ("exercise", "order"), "hevy": ("exercise", "start"), "fitnotes": ("exercise", "category")}
ACCEPTED_HEADERS = (
    "Strong: 'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE', "
    "or 'Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (kg),Reps,RPE,Distance (meters),"
    "Seconds,Notes,Workout Notes' (also Weight (lbs), Distance (miles)), or the semicolon export 'Date;Workout Name;"
    "Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes'; "
    "Hevy: 'title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,"
    "weight_kg,reps,distance_km,duration_seconds,rpe' (or weight_lbs, distance_miles); "
    "FitNotes: 'Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment' (or Weight (lbs)), "
    "iOS 'Date,Exercise,Category,Weight (kg),Weight (lbs),Reps,Distance,Distance Unit,Time,Notes,Kind' "
    "or 'Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment'"
)


def _header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').casefold().split())


class Columns(NamedTuple):
    at: dict[str, int]  # field -> its column
    unit: dict[str, str | None]  # field -> the unit its header implies


def resolve_columns(fmt: str, header: Sequence[str]) -> tuple[Columns, str | None]:
    table = _COLUMNS[fmt]
    at: dict[str, int] = {}
    unit: dict[str, str | None] = {}
    problem = None
    for i, cell in enumerate(header):
        spec = table.get(_header_key(cell))
        if spec is None:
            continue
        field, implied = spec
        if fmt == "fitnotes" and field == "weight" and field in at and {unit[field], implied} == {"kg", "lb"}:
            # FitNotes for iOS writes every load twice, in kg and in lb: both kept, one chosen per row
            if implied == "kg":
                at["weight_lb"], at["weight"], unit["weight"] = at["weight"], i, "kg"
            else:
                at["weight_lb"] = i
            continue
        if field in at and problem is None:
            problem = f"two columns give the same value: '{_show(header[at[field]])}' and '{_show(cell)}'; accepted: one of them"
        at[field] = i
        unit[field] = implied
    missing = [label for field, label in _REQUIRED[fmt].items() if field not in at]
    if missing and problem is None:
        problem = f"the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} {'are' if len(missing) > 1 else 'is'} missing"
    return Columns(at, unit), problem


def detect(header: list[str]) -> str | None:
    """'strong', 'hevy' or 'fitnotes' when the header is one of theirs, else None."""
    if not isinstance(header, (list, tuple)) or not all(isinstance(c, str) for c in header):
        return None
    for fmt in FORMATS:
        if resolve_columns(fmt, header)[1] is None:
            return fmt
    return None
