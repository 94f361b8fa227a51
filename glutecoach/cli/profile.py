"""`profile` (set, show, reset): the saved defaults for recommend, alternatives and plan."""

# No `from __future__ import annotations`: typer reads these signatures on every run, and real
# annotation objects spare it an eval per parameter.
import sys
from typing import Annotated, Any

import typer

from glutecoach.cli.options import (
    FormatOpt,
    PainOpt,
    _complete,
    check_date,
    complete_goals,
    equipment_set,
    fmt_word,
    handles_errors,
    level_word,
    load_catalogue,
    pains,
    word,
)
from glutecoach.core.models import SavedProfile
from glutecoach.core.vocab import LEVELS, UNITS
from glutecoach.errors import UsageError


@handles_errors
def profile_set(
    level: Annotated[
        str | None, typer.Option("--level", "-l", help="Your level.", autocompletion=_complete(list(LEVELS)), show_default=False)
    ] = None,
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            "--equipment",
            "-e",
            help="Equipment you have (repeat or comma list); 'none' = body weight only; 'all' = everything.",
            show_default=False,
        ),
    ] = None,
    pain: PainOpt = None,
    goal: Annotated[
        str | None,
        typer.Option("--goal", "-g", help="Your usual goal; see 'glutecoach goals'.", autocompletion=complete_goals, show_default=False),
    ] = None,
    units: Annotated[
        str | None, typer.Option("--units", help="kg or lb, for loads you log.", autocompletion=_complete(["kg", "lb"]), show_default=False)
    ] = None,
    surgery_date: Annotated[
        str | None,
        typer.Option(
            "--surgery-date", help="After a hip replacement: the day of the operation (YYYY-MM-DD); 'none' forgets it.", show_default=False
        ),
    ] = None,
    cleared: Annotated[
        bool | None,
        typer.Option(
            "--cleared/--not-cleared",
            help=(
                "After a hip replacement: your surgeon has (or has not yet) cleared you for full training. "
                "Until cleared, deep single-leg squats, heavy squats and (anterior or unknown approach) loaded hip hyperextension "
                "are left out."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Save defaults: options you give are changed, the rest kept.

    Example: glutecoach profile set --level beginner --equipment band,dumbbell --goal glute-size

    Example: glutecoach profile set --condition hip-replacement-anterior --surgery-date 2025-03-04 --cleared
    """
    from glutecoach.core.lookup import find_goal
    from glutecoach.errors import UnknownNameError
    from glutecoach.store import profile as user_profile

    saved = user_profile.load()
    changes: dict[str, Any] = {}
    if level is not None:
        changes["level"] = level_word(level)
    if equipment:
        everything = [w.strip().lower() for w in equipment] == ["all"]
        kit = None if everything else equipment_set(equipment)
        changes["equipment"] = None if kit is None else tuple(sorted(kit))
    if pain:
        changes["pains"] = pains(pain) or ()
    if goal is not None:
        try:
            changes["goal"] = find_goal(load_catalogue(None), goal).name
        except UnknownNameError as err:
            raise err.at("for --goal") from None
    if units is not None:
        changes["units"] = _units_word(units)
    if surgery_date is not None:
        changes["surgery_date"] = None if surgery_date.strip().lower() == "none" else check_date(surgery_date, "--surgery-date").isoformat()
    if cleared is not None:
        changes["cleared"] = cleared
    if not changes:
        raise UsageError("nothing to set: give --level, --equipment, --condition, --goal, --units, --surgery-date or --cleared.")
    updated = saved._replace(**changes)
    user_profile.save(updated)
    _show_profile(updated, "table")


def _units_word(units: str) -> str:
    return word("units", units, UNITS, "--units")


def _show_profile(p: SavedProfile, fmt: str) -> None:
    from glutecoach.render import renderer

    renderer(fmt).profile(p)


@handles_errors
def profile_show(fmt: FormatOpt = "table") -> None:
    """Show the saved profile.

    Example: glutecoach profile show --format json
    """
    from glutecoach.store import profile as user_profile

    _show_profile(user_profile.load(), fmt_word(fmt))


@handles_errors
def profile_reset() -> None:
    """Forget the saved profile.

    Example: glutecoach profile reset
    """
    from glutecoach.store import profile as user_profile

    sys.stdout.write("Profile reset.\n" if user_profile.reset() else "There was no saved profile.\n")


def register(app: typer.Typer, command: str | None = None) -> None:
    from glutecoach.cli.app import Command, group

    profile_app = group(
        app,
        "profile",
        (
            "Your saved profile: the defaults for recommend, alternatives and plan.\n\n"
            "Example: glutecoach profile set --level beginner --equipment band,dumbbell"
        ),
    )
    profile_app.command("set", cls=Command)(profile_set)
    profile_app.command("show", cls=Command)(profile_show)
    profile_app.command("reset", cls=Command)(profile_reset)
