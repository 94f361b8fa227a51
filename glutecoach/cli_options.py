"""Shared pieces of the command line: the error handler, option types and value checks."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from .errors import GlutecoachError, UsageError, unknown
from .vocab import CONDITIONS, EQUIPMENT, LEVELS, MOVEMENTS, REGION_ALIASES, REGIONS, WHOLE_MAXIMUS

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(func: F) -> F:
    """A GlutecoachError becomes one paragraph on stderr and exit code 2; stdout stays empty."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GlutecoachError as err:
            sys.stderr.write(f"Error: {err}\n")
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


# --- option values: validated here so every bad value gets the same clear message --------------


def _complete(choices: list[str]) -> Callable[[str], list[str]]:
    return lambda incomplete: [c for c in choices if c.startswith(incomplete)]


def complete_goals(incomplete: str) -> list[str]:
    """Shell completion for --goal: the goals of the catalogue (with the user's own files)."""
    from . import catalogue

    try:
        return [g for g in catalogue.load().goals if g.startswith(incomplete)]
    except GlutecoachError:
        return []


def complete_exercises(incomplete: str) -> list[str]:
    """Shell completion for an exercise: its slug."""
    from . import catalogue

    try:
        return [slug for slug in catalogue.load().exercises if slug.startswith(incomplete)]
    except GlutecoachError:
        return []


REGION_WORDS = [*REGIONS, WHOLE_MAXIMUS, *REGION_ALIASES]
FORMATS = ["table", "json"]


def _words(values: list[str] | None) -> list[str]:
    """Repeated options and comma lists alike: --equipment band --equipment dumbbell == band,dumbbell."""
    return [w.strip() for v in values or [] for w in v.split(",") if w.strip()]


def equipment_set(values: list[str] | None) -> frozenset[str] | None:
    words = _words(values)
    if not words:
        return None
    lowered = [w.lower() for w in words]
    if "none" in lowered:
        if len(lowered) > 1:
            raise UsageError("--equipment none means body weight only; give it alone, not with other equipment.")
        return frozenset()
    from .catalogue import check_words

    return frozenset(check_words("equipment", words, list(EQUIPMENT), "--equipment"))


def pains(values: list[str] | None) -> tuple[str, ...]:
    from .catalogue import check_words

    return tuple(dict.fromkeys(check_words("condition", _words(values), list(CONDITIONS), "--pain")))


def level_word(value: str | None, option: str = "--level") -> str | None:
    if value is None:
        return None
    key = value.strip().lower()
    if key not in list(LEVELS):
        raise unknown("level", value, list(LEVELS), option)
    return key


def fmt_word(value: str, accepted: list[str] = FORMATS) -> str:
    key = value.strip().lower()
    if key not in accepted:
        raise unknown("format", value, accepted, "--format")
    return key


def movement_word(value: str | None) -> str | None:
    if value is None:
        return None
    key = value.strip().lower()
    if key not in list(MOVEMENTS):
        raise unknown("movement", value, list(MOVEMENTS), "--movement")
    return key


Catalogues = Annotated[
    list[Path] | None,
    typer.Option("--catalogue", help="An extra catalogue file (repeatable) loaded after the built-in one.", show_default=False),
]
EquipmentOpt = Annotated[
    list[str] | None,
    typer.Option("--equipment", "-e", help="Equipment you have (repeat or comma list); 'none' = body weight only. Default: everything.", autocompletion=_complete(["none", *list(EQUIPMENT)]), show_default=False),
]
PainOpt = Annotated[
    list[str] | None,
    typer.Option("--pain", help="A condition you have (repeat or comma list): " + ", ".join(list(CONDITIONS)) + ".", autocompletion=_complete(list(CONDITIONS)), show_default=False),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output: table or json.", autocompletion=_complete(FORMATS))]
TopOpt = Annotated[int, typer.Option("--top", "-n", min=1, max=100, help="How many to show.")]


def load(extra: list[Path] | None) -> Any:
    from . import catalogue

    cat = catalogue.load(tuple(extra or ()), lifelong=True)
    for line in cat.overrides:
        sys.stderr.write(f"Note: {line}\n")
    return cat


def profile_for(level: str | None, equipment: list[str] | None, pain: list[str] | None, with_log: bool = True) -> Any:
    """The profile a command uses: options on the command line win over the saved profile; the log
    adds exercises with recent pain."""
    from . import user_profile
    from .models import Profile

    saved = user_profile.load()
    kit = equipment_set(equipment)
    if kit is None and saved.equipment is not None:
        kit = frozenset(saved.equipment)
    hurts = pains(pain) or saved.pains
    recent: tuple = ()
    if with_log:
        from . import paths

        path = paths.log_db()
        if path.exists():  # no log, no cost: sqlite is not even imported
            import datetime as dt

            from . import log
            from .coach import recent_pain

            since = (dt.date.today() - dt.timedelta(days=14)).isoformat()
            with log.connect(path) as conn:
                recent = recent_pain(log.entries(conn, since=since), dt.date.today())
    return Profile(level=level_word(level) or saved.level or "beginner", equipment=kit, pains=hurts, recent_pain=recent)


def goal_name(goal: str | None) -> str:
    if goal:
        return goal
    from . import user_profile

    saved = user_profile.load().goal
    if not saved:
        raise UsageError("no goal: give --goal GOAL (see 'glutecoach goals') or save one with 'glutecoach profile set --goal GOAL'.")
    return saved
