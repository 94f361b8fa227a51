"""The user's saved profile (config folder, profile.json): defaults for recommend, alternatives and plan.

Read like any file from a user: a regular file of at most 1 MiB (a FIFO or /dev/zero is refused
unread), strict JSON, and every field checked for its type and value before it is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from glutecoach.core.models import SavedProfile
from glutecoach.core.vocab import CONDITIONS, EQUIPMENT, LEVELS, UNITS
from glutecoach.errors import GlutecoachError
from glutecoach.store import paths
from glutecoach.store.files import MAX_SMALL_BYTES, atomic_write, locked, parse_json, read_file, why_not_saved

MAX_GOAL = 100


def profile_path() -> Path:
    return paths.config_dir() / "profile.json"


class ProfileError(GlutecoachError):
    """The saved profile cannot be used: says which field and how to fix it."""


# The profile as this run last read it: save() writes only the fields changed since, into the file as it
# is then (under the lock), so two runs setting different fields both keep theirs.
_read_as: list[SavedProfile] = []


_MISSING = object()


def _raw(path: Path) -> Any:
    """The saved profile's JSON, or _MISSING when there is none."""
    try:
        data = read_file(path, "profile", MAX_SMALL_BYTES, missing_ok=True)
        return _MISSING if data is None else parse_json(data, str(path))
    except GlutecoachError as err:
        raise ProfileError(f"the saved profile cannot be read ({err}). Fix it, or run 'glutecoach profile reset'.") from None


def load() -> SavedProfile:
    path = profile_path()
    raw = _raw(path)
    profile = SavedProfile() if raw is _MISSING else _check(raw, path)
    _read_as[:] = [profile]
    return profile


def _fix(path: Path, field: str, value: Any, accepted: str) -> ProfileError:
    from glutecoach.store.formats import _shown

    return ProfileError(
        f"{path}: the saved profile's '{field}' is {_shown(value)}; accepted: {accepted}. "
        "Set it again with 'glutecoach profile set', or run 'glutecoach profile reset'."
    )


def _words(path: Path, raw: dict[str, Any], field: str, vocabulary: tuple[str, ...] | list[str], nullable: bool) -> tuple[str, ...] | None:
    value = raw.get(field)
    if value is None:
        return None if nullable else ()
    accepted = f"a list of: {', '.join(vocabulary)}" + (", or null" if nullable else "")
    if not isinstance(value, list) or not all(isinstance(w, str) and w in vocabulary for w in value):
        raise _fix(path, field, value, accepted)
    return tuple(dict.fromkeys(value))


def _check(raw: Any, path: Path) -> SavedProfile:
    """Every field of the saved profile, checked: its type (a bool is not a number, a goal is text) and
    its value."""
    if not isinstance(raw, dict):
        raise ProfileError(f"{path}: the saved profile is not a JSON object; run 'glutecoach profile reset' or set it again.")
    level = raw.get("level")
    if level is not None and (not isinstance(level, str) or level not in LEVELS):
        raise _fix(path, "level", level, f"{', '.join(LEVELS)} or null")
    goal = raw.get("goal")
    if goal is not None and (not isinstance(goal, str) or not goal.strip() or len(goal) > MAX_GOAL):
        raise _fix(path, "goal", goal, f"a goal's name (text of at most {MAX_GOAL} characters; see 'glutecoach goals') or null")
    units = raw.get("units", "kg")
    if not isinstance(units, str) or units not in UNITS:
        raise _fix(path, "units", units, ", ".join(UNITS))
    surgery = raw.get("surgery_date")
    if surgery is not None and not _is_date(surgery):
        raise _fix(path, "surgery_date", surgery, "a date YYYY-MM-DD or null")
    cleared = raw.get("cleared")
    if cleared is not None and not isinstance(cleared, bool):
        raise _fix(path, "cleared", cleared, "true, false or null")
    return SavedProfile(
        level=level,
        goal=goal,
        equipment=_words(path, raw, "equipment", EQUIPMENT, nullable=True),
        pains=_words(path, raw, "pains", CONDITIONS, nullable=False) or (),
        units=units,
        surgery_date=surgery,
        cleared=cleared,
    )


def _is_date(value: Any) -> bool:
    import datetime as dt

    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def save(profile: SavedProfile) -> None:
    """Save the fields of `profile` that differ from the profile as this run read it, read-modify-write
    under glutecoach's lock: a field another run saved meanwhile, and keys this version does not know
    (a newer version's fields), are kept."""
    import json

    path = profile_path()
    base = (_read_as or [SavedProfile()])[0].as_json()
    wanted = profile.as_json()
    with locked(path.parent, "profile"):
        try:
            current = _raw(path)
        except ProfileError:
            current = _MISSING  # a damaged file is replaced, as before
        merged: dict[str, Any] = current if isinstance(current, dict) else {}
        for key, value in wanted.items():
            if value != base.get(key) or key not in merged:
                merged[key] = value
        try:
            atomic_write(path, (json.dumps(merged, indent=2, ensure_ascii=False) + "\n").encode())
        except OSError as err:
            raise ProfileError(f"cannot save the profile at {path}: {why_not_saved(err)}. Nothing was changed.") from None
    _read_as[:] = [_check(merged, path)]


def reset() -> bool:
    """Forget the saved profile: True if there was one."""
    path = profile_path()
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return False
    except IsADirectoryError:
        raise ProfileError(f"{path} is a folder, not a saved profile; move it away (glutecoach keeps its profile in that file).") from None
    except NotADirectoryError:
        return False  # a part of the path is a file: there is no profile to forget
    except OSError as err:
        raise ProfileError(f"cannot remove the profile at {path} ({err.strerror or err}). Check that the folder is writable.") from None
