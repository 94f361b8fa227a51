"""The plan a person chose (`plan start`), saved as JSON in the config folder (plan.json), and read back
for `plan next`.

Read like any file from a user: a regular file of at most 1 MiB (a FIFO or a device is refused unread),
strict JSON, and every field checked for its type and value before it is used; written atomically.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

from glutecoach.core.plan_model import LOAD_STEPS, PlanChoice
from glutecoach.core.vocab import CONDITIONS, EQUIPMENT, LEVELS, UNITS
from glutecoach.errors import GlutecoachError
from glutecoach.store import paths
from glutecoach.store.files import MAX_SMALL_BYTES, atomic_write, parse_json, read_file, why_not_saved

VERSION = 1
KEYS = ("version", "level", "goal", "weeks", "days_per_week", "equipment", "pains", "start", "load_step", "contact")
OPTIONAL = ("load_step", "contact")
MAX_GOAL = 100
WEEKS, DAYS = (4, 16), (1, 6)
MAX_STEP = {"kg": 50.0, "lb": 100.0}
AGAIN = "Save your plan again with 'glutecoach plan start'."


def plan_path() -> Path:
    return paths.config_dir() / "plan.json"


class SavedPlanError(GlutecoachError):
    """The saved plan cannot be used: says which field and how to fix it."""


def load() -> PlanChoice | None:
    """The saved plan, or None when there is none."""
    path = plan_path()
    try:
        data = read_file(path, "saved plan", MAX_SMALL_BYTES, missing_ok=True)
        if data is None:
            return None
        raw = parse_json(data, str(path))
    except GlutecoachError as err:
        raise SavedPlanError(f"the saved plan cannot be read ({err}). {AGAIN}") from None
    return check(raw, path)


def save(choice: PlanChoice) -> Path:
    import json

    path = plan_path()
    try:
        atomic_write(path, (json.dumps(choice.as_json(), indent=2) + "\n").encode())
    except OSError as err:
        raise SavedPlanError(f"cannot save the plan at {path}: {why_not_saved(err)}. Nothing was changed.") from None
    return path


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def _bad(path: Path, field: str, value: Any, accepted: str) -> SavedPlanError:
    return SavedPlanError(f"{path}: the saved plan's '{field}' is {_shown(value)}; accepted: {accepted}. {AGAIN}")


def _int(path: Path, raw: dict[str, Any], field: str, bounds: tuple[int, int]) -> int:
    value = raw.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or not bounds[0] <= value <= bounds[1]:
        raise _bad(path, field, value, f"a whole number from {bounds[0]} to {bounds[1]}")
    return value


def _words(path: Path, raw: dict[str, Any], field: str, vocabulary: tuple[str, ...], nullable: bool) -> tuple[str, ...] | None:
    value = raw.get(field)
    if value is None and nullable:
        return None
    if not isinstance(value, list) or not all(isinstance(w, str) and w in vocabulary for w in value):
        raise _bad(path, field, value, f"a list of: {', '.join(vocabulary)}" + (", or null" if nullable else ""))
    return tuple(dict.fromkeys(value))


def _start(path: Path, value: Any) -> str:
    accepted = "a day as YYYY-MM-DD from 1900-01-01 to a year from today"
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise _bad(path, "start", value, accepted)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _bad(path, "start", value, accepted) from None
    if not dt.date(1900, 1, 1) <= day <= dt.date.today() + dt.timedelta(days=LATEST_START_DAYS):  # 9999-12-31 broke plan next
        raise _bad(path, "start", value, accepted)
    return value


LATEST_START_DAYS = 366  # as `plan start --date` accepts: up to a year from today


def _steps(path: Path, value: Any) -> tuple[tuple[str, float], ...]:
    accepted = "an object of kg and lb steps, each a number above 0 (at most 50 kg or 100 lb)"
    if not isinstance(value, dict) or not set(value) <= set(UNITS):
        raise _bad(path, "load_step", value, accepted)
    out = dict(LOAD_STEPS)
    for unit, step in value.items():
        if isinstance(step, bool) or not isinstance(step, (int, float)) or not math.isfinite(step) or not 0 < step <= MAX_STEP[unit]:
            raise _bad(path, f"load_step.{unit}", step, accepted)
        out[unit] = float(step)
    return tuple(out.items())


def check(raw: Any, path: Path) -> PlanChoice:
    """Every field of the saved plan, checked: its type (a bool is not a number) and its value."""
    if not isinstance(raw, dict):
        raise SavedPlanError(f"{path}: the saved plan is not a JSON object. {AGAIN}")
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        raise SavedPlanError(
            f"{path}: the saved plan has fields glutecoach does not know ({', '.join(map(_shown, unknown))}); "
            f"accepted: {', '.join(KEYS)}. {AGAIN}"
        )
    missing = [k for k in KEYS if k not in raw and k not in OPTIONAL]
    if missing:
        raise SavedPlanError(f"{path}: the saved plan lacks {', '.join(map(_shown, missing))}. {AGAIN}")
    version = raw.get("version")
    if version != VERSION or isinstance(version, bool):
        raise _bad(path, "version", version, str(VERSION))
    level = raw.get("level")
    if not isinstance(level, str) or level not in LEVELS:
        raise _bad(path, "level", level, ", ".join(LEVELS))
    goal = raw.get("goal")
    if not isinstance(goal, str) or not goal.strip() or len(goal) > MAX_GOAL:
        raise _bad(path, "goal", goal, f"a goal's name (text of at most {MAX_GOAL} characters; see 'glutecoach goals')")
    return PlanChoice(
        level=level,
        goal=goal,
        weeks=_int(path, raw, "weeks", WEEKS),
        days_per_week=_int(path, raw, "days_per_week", DAYS),
        equipment=_words(path, raw, "equipment", EQUIPMENT, nullable=True),
        pains=_words(path, raw, "pains", CONDITIONS, nullable=False) or (),
        start=_start(path, raw.get("start")),
        load_step=_steps(path, raw.get("load_step", {})),
        contact=_flag(path, raw.get("contact", True), "contact"),
    )


def _flag(path: Path, value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise _bad(path, field, value, "true or false")
    return value
