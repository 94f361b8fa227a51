"""`glutecoach start`: the few questions a coach asks first, saved to the profile, then the first answer.

On a terminal it asks goal, level, equipment, conditions and days a week (Enter keeps what is shown);
options answer a question without asking it. Off a terminal it asks nothing: with options it saves
them, without any it prints how to pass them.
"""

# No `from __future__ import annotations`: typer reads these signatures on every run, and real
# annotation objects spare it an eval per parameter.
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from glutecoach.cli.options import (
    PainOpt,
    _complete,
    complete_goals,
    equipment_set,
    handles_errors,
    level_word,
    load_catalogue,
    pains,
)
from glutecoach.core.vocab import CONDITIONS, EQUIPMENT, LEVELS
from glutecoach.errors import GlutecoachError, UsageError

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue

DAYS = (1, 6)
HOW = (
    "Not a terminal, so nothing was asked. Pass the answers as options, e.g.\n"
    "  glutecoach start --goal glute-size --level beginner --equipment band,dumbbell --pain none --days-per-week 3\n"
    "Goals: 'glutecoach goals'. Levels: "
    + ", ".join(LEVELS)
    + ". Equipment: none, all, or a comma list of "
    + ", ".join(EQUIPMENT)
    + ". Conditions (--pain): none or "
    + ", ".join(CONDITIONS)
    + ".\n"
)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(question: str, shown: str, check: Callable[[str], Any]) -> Any:
    """Ask until the answer passes `check` (which raises a GlutecoachError saying what is accepted)."""
    while True:
        typed = typer.prompt(question, default=shown, show_default=bool(shown))
        try:
            return check(typed)
        except GlutecoachError as err:
            sys.stdout.write(f"  {err}\n")


def _goal(cat: Any, typed: str) -> str:
    from glutecoach.core.lookup import find_goal

    names = list(cat.goals)
    if typed.strip().isdigit() and 1 <= int(typed) <= len(names):
        return names[int(typed) - 1]
    return find_goal(cat, typed).name


def _kit(typed: str) -> tuple[str, ...] | None:
    if typed.strip().lower() == "all":
        return None
    kit = equipment_set([typed])
    return tuple(sorted(kit)) if kit is not None else None


def _days(typed: str, what: str = "days a week") -> int:
    if not typed.strip().isdigit() or not DAYS[0] <= int(typed) <= DAYS[1]:
        raise UsageError(f"{what} must be between {DAYS[0]} and {DAYS[1]} (got {typed.strip()}).")
    return int(typed)


@handles_errors
def start(
    goal: Annotated[
        str | None,
        typer.Option("--goal", "-g", help="What you train for; see 'glutecoach goals'.", autocompletion=complete_goals, show_default=False),
    ] = None,
    level: Annotated[
        str | None,
        typer.Option(
            "--level", "-l", help="Your level: " + ", ".join(LEVELS) + ".", autocompletion=_complete(list(LEVELS)), show_default=False
        ),
    ] = None,
    equipment: Annotated[
        str | None,
        typer.Option("--equipment", "-e", help="What you have: a comma list, 'none' (body weight) or 'all'.", show_default=False),
    ] = None,
    pain: PainOpt = None,
    days_per_week: Annotated[int | None, typer.Option("--days-per-week", "-d", help="Sessions a week, 1-6.", show_default=False)] = None,
) -> None:
    """Answer the few questions that change every answer (goal, level, equipment, conditions, days a week); they are saved to your profile.

    \b
    Example:
      glutecoach start --goal glute-size \\
        --level beginner --equipment band \\
        --days-per-week 3
    """
    asked = {"goal": goal, "level": level, "equipment": equipment, "pain": pain, "days": days_per_week}
    if not _interactive() and all(v is None for v in asked.values()):
        sys.stdout.write(HOW)
        return
    cat = load_catalogue(None)
    chosen_goal, days = ask_and_save(cat, goal, level, equipment, pain, days_per_week, _interactive())
    sys.stdout.write(f"\nSaved to your profile ('glutecoach profile show'). Your first answer, for {chosen_goal}:\n\n")
    from glutecoach.cli.recommend import recommend

    recommend(goal=None, level=None, equipment=None, pain=None, top=5, explain=False, fmt="table", catalogue_files=None)
    sys.stdout.write(
        f"\nNext: a plan of {days} days a week, 'glutecoach plan start --days-per-week {days}'; "
        "after a session, 'glutecoach log session'.\n"
    )


def ask_and_save(
    cat: "Catalogue",
    goal: str | None,
    level: str | None,
    equipment: str | None,
    pain: list[str] | None,
    days_per_week: int | None,
    ask: bool,
    ask_days: bool = True,
) -> tuple[str | None, int]:
    """The answers to start's questions, saved to the profile: an option answers its question; on a
    terminal (`ask`) the rest are asked (Enter keeps what is shown), else the saved profile's stand.
    Returns the goal and the days a week (not a profile field: what a plan of this run uses)."""
    from glutecoach.store import profile as user_profile

    saved = user_profile.load()
    chosen_goal: str | None
    if goal is not None:
        chosen_goal = _goal(cat, goal)
    elif ask:
        for n, g in enumerate(cat.goals.values(), 1):
            sys.stdout.write(f"  {n:>2}  {g.name}: {g.description}\n")
        chosen_goal = _ask("Your goal (a number or a name)", saved.goal or "glute-size", lambda t: _goal(cat, t))
    else:
        chosen_goal = saved.goal
    chosen_level = (
        level_word(level)
        if level is not None
        else (_ask(f"Your level ({', '.join(LEVELS)})", saved.level or "beginner", level_word) if ask else saved.level)
    )
    kit_now = "all" if saved.equipment is None else (",".join(saved.equipment) or "none")
    kit = (
        _kit(equipment)
        if equipment is not None
        else (_ask("Equipment you have (a comma list, none or all)", kit_now, _kit) if ask else saved.equipment)
    )
    pains_now = ",".join(saved.pains) or "none"
    chosen_pains = (
        (pains(pain) or ())
        if pain
        else (
            _ask(f"Conditions to respect ({', '.join(CONDITIONS)}; or none)", pains_now, lambda t: pains([t]) or ()) if ask else saved.pains
        )
    )
    if days_per_week is not None:
        days = _days(str(days_per_week), "--days-per-week")
    else:
        days = _ask("Days a week (1-6)", "3", _days) if ask and ask_days else 3
    user_profile.save(saved._replace(goal=chosen_goal, level=chosen_level, equipment=kit, pains=tuple(chosen_pains)))
    return chosen_goal, days


def register(app: typer.Typer, command: str | None = None) -> None:
    from glutecoach.cli.app import Command

    app.command(cls=Command)(start)
