"""A plan's sessions as Garmin FIT workout files (one file a workout), for a watch or Garmin Connect.

Each exercise is written set by set: warm-up sets, then working sets as strength steps (Garmin's exercise
category and name where render.fit_exercises has one; reps, or seconds for a hold, or metres for a sled;
the target load when the session has one), each followed by its rest. fit-tool (an encoder of the FIT
protocol) is imported here only, so no other command pays for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from glutecoach.core.record import NamedTuple
from glutecoach.core.vocab import LB_PER_KG
from glutecoach.errors import UsageError

NAME_SIZE = 50  # characters kept of a step's or a workout's name (the watch shows fewer)


class Step(NamedTuple):
    """One exercise of a session, as a watch needs it."""

    slug: str
    name: str
    sets: int
    target: int  # reps, seconds or metres a set (the low end of the range)
    unit: str  # reps | seconds | metres
    rest_s: int
    warmup_sets: int = 0
    load: float | None = None
    load_unit: str | None = None  # kg | lb
    note: str = ""  # the range and side, shown on the watch


def _fit() -> Any:
    try:
        import fit_tool  # noqa: F401
    except ImportError:
        raise UsageError("--format fit needs the fit-tool package: pip install 'glutecoach[interop]'.") from None
    from fit_tool.profile import profile_type

    return profile_type


def _exercise(types: Any, slug: str) -> tuple[int, int] | None:
    from glutecoach.render.fit_exercises import FIT_EXERCISES

    found = FIT_EXERCISES.get(slug)
    if found is None:
        return None
    category, name = found
    names = getattr(types, "".join(w.capitalize() for w in category.split("_")) + "ExerciseName")
    return types.ExerciseCategory[category.upper()].value, names[name.upper()].value


def _set_step(types: Any, step: Step, warmup: bool) -> Any:
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage

    m = WorkoutStepMessage()
    m.workout_step_name = step.name[:NAME_SIZE]
    m.intensity = types.Intensity.WARMUP if warmup else types.Intensity.ACTIVE
    if step.unit == "seconds":
        m.duration_type = types.WorkoutStepDuration.TIME
        m.duration_time = float(step.target)
    elif step.unit == "metres":
        m.duration_type = types.WorkoutStepDuration.DISTANCE
        m.duration_distance = float(step.target)
    else:
        m.duration_type = types.WorkoutStepDuration.REPS
        m.duration_reps = step.target
    m.target_type = types.WorkoutStepTarget.OPEN
    m.target_value = 0
    found = _exercise(types, step.slug)
    if found is not None:
        m.exercise_category, m.exercise_name = found
    if step.load is not None and not warmup:
        kg = step.load / LB_PER_KG if step.load_unit == "lb" else step.load
        m.exercise_weight = round(kg, 2)
        m.weight_display_unit = (types.FitBaseUnit.POUND if step.load_unit == "lb" else types.FitBaseUnit.KILOGRAM).value
    if step.note:
        m.notes = step.note[:NAME_SIZE]
    return m


def _rest_step(types: Any, seconds: int) -> Any:
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage

    m = WorkoutStepMessage()
    m.workout_step_name = "Rest"
    m.intensity = types.Intensity.REST
    if seconds > 0:
        m.duration_type = types.WorkoutStepDuration.TIME
        m.duration_time = float(seconds)
    else:  # until the lap button
        m.duration_type = types.WorkoutStepDuration.OPEN
        m.duration_value = 0
    m.target_type = types.WorkoutStepTarget.OPEN
    m.target_value = 0
    return m


def workout(name: str, steps: Sequence[Step], created: dt.datetime) -> bytes:
    """One FIT workout file: every set of every exercise, a rest after each but the last."""
    types = _fit()
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage

    messages = []
    for i, step in enumerate(steps):
        kinds = [True] * step.warmup_sets + [False] * step.sets
        for j, warmup in enumerate(kinds):
            messages.append(_set_step(types, step, warmup))
            if i < len(steps) - 1 or j < len(kinds) - 1:
                messages.append(_rest_step(types, 60 if warmup else step.rest_s))
    for index, m in enumerate(messages):
        m.message_index = index
    file_id = FileIdMessage()
    file_id.type = types.FileType.WORKOUT
    file_id.manufacturer = types.Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 0x676C7574  # 'glut'
    file_id.time_created = round(created.timestamp() * 1000)
    wkt = WorkoutMessage()
    wkt.workout_name = name[:NAME_SIZE]
    wkt.sport = types.Sport.TRAINING
    wkt.sub_sport = types.SubSport.STRENGTH_TRAINING
    wkt.num_valid_steps = len(messages)
    builder = FitFileBuilder(auto_define=True, min_string_size=NAME_SIZE)
    builder.add(file_id)
    builder.add(wkt)
    builder.add_all(messages)
    return bytes(builder.build().to_bytes())
