"""Shared pieces of the command line: the error handler, option types, value checks, and the edge where
files are read (catalogue, saved profile, log) before the core is called."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from glutecoach.core.lookup import check_word, check_words
from glutecoach.core.vocab import CONDITIONS, EQUIPMENT, LEVELS, MOVEMENTS, REGION_ALIASES, REGIONS, WHOLE_MAXIMUS
from glutecoach.errors import GlutecoachError, UnknownNameError, UsageError
from glutecoach.status import ExitCode

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue, Goal
    from glutecoach.core.person import Resolved

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(func: F) -> F:
    """A GlutecoachError becomes one paragraph on stderr and exit code 2; stdout stays empty. The command
    runs with the cyclic collector paused (speed.paused_gc)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from glutecoach import speed
        from glutecoach.store.files import new_command

        new_command()  # no file is "read by this command" yet (tests run many commands in one process)
        try:
            with speed.paused_gc():
                return func(*args, **kwargs)
        except GlutecoachError as err:
            from glutecoach.render.text import paragraph, safe

            sys.stderr.write(paragraph(f"Error: {safe(str(err))}", sys.stderr) + "\n")
            raise typer.Exit(ExitCode.BAD_INPUT) from None

    return wrapper  # type: ignore[return-value]


def _complete(choices: list[str]) -> Callable[[str], list[str]]:
    return lambda incomplete: [c for c in choices if c.startswith(incomplete)]


def complete_goals(incomplete: str) -> list[str]:
    """Shell completion for --goal: the goals of the catalogue (with the user's own files)."""
    try:
        return [g for g in load_catalogue(None, quiet=True).goals if g.startswith(incomplete)]
    except GlutecoachError:
        return []


def complete_exercises(incomplete: str) -> list[str]:
    """Shell completion for an exercise: its slug."""
    try:
        return [slug for slug in load_catalogue(None, quiet=True).exercises if slug.startswith(incomplete)]
    except GlutecoachError:
        return []


REGION_WORDS = [*REGIONS, WHOLE_MAXIMUS, *REGION_ALIASES]
RegionArg = Annotated[
    str | None,
    typer.Argument(
        help="One region (gluteus-maximus: both portions); default all five.",
        autocompletion=_complete(REGION_WORDS),
        show_default=False,
    ),
]
FORMATS = ["table", "json"]


def _words(values: list[str] | None) -> list[str]:
    """Repeated options and comma lists alike: --equipment band --equipment dumbbell == band,dumbbell."""
    return [w.strip() for v in values or [] for w in v.split(",") if w.strip()]


def word(kind: str, value: str, accepted: list[str] | tuple[str, ...], option: str) -> str:
    """One value checked against its vocabulary; an unknown one names the option it came from."""
    try:
        return check_word(kind, value, accepted)
    except UnknownNameError as err:
        raise err.at(f"for {option}") from None


def equipment_set(values: list[str] | None, option: str = "--equipment") -> frozenset[str] | None:
    """None when not given; frozenset() for 'none' (body weight only)."""
    words = _words(values)
    if not words:
        return None
    lowered = [w.lower() for w in words]
    if "none" in lowered:
        if len(lowered) > 1:
            raise UsageError(f"{option} none means body weight only; give it alone, not with other equipment.")
        return frozenset()
    try:
        return frozenset(check_words("equipment", words, EQUIPMENT))
    except UnknownNameError as err:
        raise err.at(f"for {option}") from None


def pains(values: list[str] | None) -> tuple[str, ...] | None:
    """None when not given; () for 'none' (clears the saved conditions)."""
    words = _words(values)
    if not words:
        return None
    if [w.lower() for w in words] == ["none"]:
        return ()
    try:
        return tuple(dict.fromkeys(check_words("condition", words, CONDITIONS)))
    except UnknownNameError as err:
        raise err.at("for --condition") from None


def level_word(value: str | None, option: str = "--level") -> str | None:
    return None if value is None else word("level", value, LEVELS, option)


def fmt_word(value: str, accepted: list[str] = FORMATS) -> str:
    return word("format", value, accepted, "--format")


def movement_word(value: str | None) -> str | None:
    return None if value is None else word("movement", value, MOVEMENTS, "--movement")


def within(option: str, value: float, low: float, high: float, unit: str = "") -> None:
    """Every out-of-range option is worded alike (as `plan --weeks`): '--weeks must be between 4 and 16 (got 200).'"""
    if not low <= value <= high:

        def shown(x: float) -> str:
            return str(x) if isinstance(x, int) else (str(int(x)) if x.is_integer() else f"{x:g}")

        units = f" {unit}" if unit else ""
        raise UsageError(f"{option} must be between {shown(low)} and {shown(high)}{units} (got {shown(value)}).")


def check_date(value: str | None, option: str = "--date") -> dt.date:
    """A day from an option: YYYY-MM-DD, 'today', 'yesterday' or '-3d'; between 1900 and tomorrow."""
    from glutecoach.core.dates import parse_day

    try:
        return parse_day(value, dt.date.today())
    except ValueError as err:
        raise UsageError(f"{option}: {err}") from None


Catalogues = Annotated[
    list[Path] | None,
    typer.Option("--catalogue", help="An extra catalogue file (repeatable) loaded after the built-in one.", show_default=False),
]
EquipmentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--equipment",
        "-e",
        help=(
            "Equipment you have (repeat or comma list); 'none' = body weight only; 'all' = everything. "
            "Default: your profile's, else everything."
        ),
        autocompletion=_complete(["none", "all", *EQUIPMENT]),
        show_default=False,
    ),
]
PainOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--condition",
        "--pain",
        help="A condition you have (repeat or comma list; --pain is the same option); 'none' clears your profile's: "
        + ", ".join(CONDITIONS)
        + ".",
        autocompletion=_complete(["none", *CONDITIONS]),
        show_default=False,
    ),
]
LevelOpt = Annotated[
    str | None,
    typer.Option(
        "--level",
        "-l",
        help="Your level: nothing above it is offered. Default: your profile's, else beginner.",
        autocompletion=_complete(list(LEVELS)),
        show_default=False,
    ),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output: table or json.", autocompletion=_complete(FORMATS))]
TOP = (1, 100)
TopOpt = Annotated[int, typer.Option("--top", "-n", help=f"How many to show, {TOP[0]}-{TOP[1]}.")]


def load_catalogue(extra: list[Path] | None, quiet: bool = False) -> Catalogue:
    """The catalogue for this run (built-in plus the user's files), with override notices on stderr."""
    from glutecoach import speed
    from glutecoach.catalogue.load import load

    with speed.paused_gc():
        cat = load(tuple(extra or ()))
        speed.freeze_large(len(cat.exercises))  # before the collector wakes: it lives as long as this process
    if not quiet:
        from glutecoach.render.text import safe

        for line in cat.overrides:
            sys.stderr.write(f"Note: {safe(line)}\n")
    return cat


def person(
    level: str | None,
    equipment: list[str] | None,
    pain: list[str] | None,
    goal: str | None = None,
    with_log: bool = True,
    default_goal: str | None = None,
) -> Resolved:
    """The profile a command uses: options win over the saved profile; the log adds recent pain."""
    from glutecoach.core import person as core_person
    from glutecoach.store import profile as saved_profile

    everything = [w.lower() for w in _words(equipment)] == ["all"]
    asked = core_person.Asked(
        level=level_word(level),
        equipment=None if everything else equipment_set(equipment),
        everything=everything,
        pains=pains(pain),
        goal=goal,
    )
    saved = saved_profile.load()
    recent: tuple[tuple[str, str, str], ...] = ()
    if with_log:
        recent = _recent_pain()
    return core_person.resolve(asked, saved, recent, default_goal)


def _recent_pain() -> tuple[tuple[str, str, str], ...]:
    """Recent pain from the log; a log that cannot be read is reported and left out, never fatal here."""
    from glutecoach.store import paths

    path = paths.log_db()
    if not path.exists():  # no log, no cost: sqlite is not even imported
        return ()
    from glutecoach.core.person import pain_window, recent_pain
    from glutecoach.store import log

    today = dt.date.today()
    try:
        with log.connect(path, create=False) as conn:
            return recent_pain(log.entries(conn, since=pain_window(today)), today)
    except GlutecoachError as err:
        from glutecoach.render.text import safe

        sys.stderr.write(f"Note: recent pain from your log is left out: {safe(str(err))}\n")
        return ()


def goal_for(cat: Catalogue, who: Resolved, option: str = "--goal") -> Goal:
    """The goal to use, or a clear error naming where the unknown or missing goal came from."""
    from glutecoach.core.lookup import find_goal

    if who.goal is None:
        raise UsageError(f"no goal: give {option} GOAL (see 'glutecoach goals') or save one with 'glutecoach profile set --goal GOAL'.")
    try:
        return find_goal(cat, who.goal)
    except UnknownNameError as err:
        where = f"for {option}" if who.sources.get("goal") == "option" else "in your saved profile"
        raise err.at(where) from None
