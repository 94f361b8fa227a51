"""The user's saved profile (config folder, profile.json): defaults for recommend, alternatives and plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from glutecoach.store import paths
from glutecoach.store.files import atomic_write
from glutecoach.errors import GlutecoachError
from glutecoach.core.models import SavedProfile
from glutecoach.core.vocab import CONDITIONS, EQUIPMENT, LEVELS, UNITS


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
    import json

    path = profile_path()
    try:
        atomic_write(path, (json.dumps(profile.as_json(), indent=2) + "\n").encode())
    except OSError as err:
        raise GlutecoachError(f"cannot save the profile at {path} ({err.strerror}). Check that the folder is writable, or set GLUTECOACH_HOME.") from None


def reset() -> bool:
    try:
        profile_path().unlink()
        return True
    except FileNotFoundError:
        return False
