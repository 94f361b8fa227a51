"""The user's saved profile (config folder, profile.json): defaults for recommend, alternatives and plan."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from . import paths
from .errors import GlutecoachError
from .vocab import CONDITIONS, EQUIPMENT, LEVELS

UNITS = ("kg", "lb")


class SavedProfile(NamedTuple):
    level: str | None = None
    goal: str | None = None
    equipment: tuple[str, ...] | None = None  # None: everything; (): body weight only
    pains: tuple[str, ...] = ()
    units: str = "kg"

    def as_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "goal": self.goal,
            "equipment": None if self.equipment is None else list(self.equipment),
            "pains": list(self.pains),
            "units": self.units,
        }


def profile_path() -> Path:
    return paths.config_dir() / "profile.json"


def load() -> SavedProfile:
    path = profile_path()
    if not path.exists():
        return SavedProfile()
    import json  # only when there is a profile to read

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return SavedProfile()
    except (OSError, ValueError) as err:
        raise GlutecoachError(f"{path}: the saved profile cannot be read ({err}); fix it or run 'glutecoach profile reset'.") from None
    try:
        equipment = raw.get("equipment")
        profile = SavedProfile(
            level=raw.get("level"),
            goal=raw.get("goal"),
            equipment=None if equipment is None else tuple(equipment),
            pains=tuple(raw.get("pains", ())),
            units=raw.get("units", "kg"),
        )
        bad = (
            (profile.level is not None and profile.level not in LEVELS)
            or (profile.equipment is not None and not set(profile.equipment) <= set(EQUIPMENT))
            or not set(profile.pains) <= set(CONDITIONS)
            or profile.units not in UNITS
        )
    except (AttributeError, TypeError):
        bad = True
    if bad:
        raise GlutecoachError(f"{path}: the saved profile holds values glutecoach does not accept; run 'glutecoach profile reset' or set them again.")
    return profile


def save(profile: SavedProfile) -> None:
    path = profile_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".profile.{os.getpid()}.tmp")
        import json

        tmp.write_text(json.dumps(profile.as_json(), indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)  # never half a profile
    except OSError as err:
        raise GlutecoachError(f"cannot save the profile at {path} ({err.strerror}). Check that the folder is writable, or set GLUTECOACH_HOME.") from None


def reset() -> bool:
    try:
        profile_path().unlink()
        return True
    except FileNotFoundError:
        return False
