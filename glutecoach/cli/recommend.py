"""`recommend` and `alternatives`: rank exercises for a person, and swap one for another."""

# No `from __future__ import annotations`: typer reads these signatures on every run, and real
# annotation objects spare it an eval per parameter.
import sys
from typing import Annotated

import typer

from glutecoach.cli.options import (
    TOP,
    Catalogues,
    EquipmentOpt,
    FormatOpt,
    LevelOpt,
    PainOpt,
    TopOpt,
    complete_exercises,
    complete_goals,
    fmt_word,
    goal_for,
    handles_errors,
    load_catalogue,
    person,
    within,
)

GoalOpt = Annotated[
    str | None,
    typer.Option(
        "--goal",
        "-g",
        help="What you train for; see 'glutecoach goals'. Default: your profile's goal.",
        autocompletion=complete_goals,
        show_default=False,
    ),
]


@handles_errors
def recommend(
    goal: GoalOpt = None,
    level: LevelOpt = None,
    equipment: EquipmentOpt = None,
    pain: PainOpt = None,
    top: TopOpt = 8,
    explain: Annotated[bool, typer.Option("--explain", help="Show every rule's points and reason, in its three parts.")] = False,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Rank exercises for your goal, level, equipment and pains, and say why each one is there.

    The score (0-100) adds three named parts: where the exercise works (region emphasis), how hard it
    can train the glutes for this goal (stimulus), and small adjustments for you (level, safety,
    variety); how sure the evidence is shows next to every figure. Options you leave out come from
    your saved profile ('glutecoach profile set').

    Example: glutecoach recommend --goal upper-glutes --equipment band --explain
    """
    from glutecoach.core import engine
    from glutecoach.render import renderer

    fmt = fmt_word(fmt)
    within("--top", top, *TOP)
    from glutecoach.cli.first_run import first_run

    with first_run("recommend", goal, level, equipment, pain):  # no profile yet: ask (on a terminal) or hint
        who = person(level, equipment, pain, goal)
        cat = load_catalogue(catalogue_files)
        wanted = goal_for(cat, who)
        from glutecoach import speed

        known = speed.goal_points(cat, wanted, engine.goal_points)  # cached: only the chosen are scored in full
        ranking = engine.rank(cat, wanted, who.profile, top, sources=who.sources, known=known)
        renderer(fmt).ranking(ranking, explain)


@handles_errors
def alternatives(
    exercise: Annotated[
        str, typer.Argument(help="The exercise to replace: slug, name or alias.", autocompletion=complete_exercises, show_default=False)
    ],
    equipment: EquipmentOpt = None,
    pain: PainOpt = None,
    level: Annotated[
        str | None,
        typer.Option("--level", "-l", help="Your level. Default: your profile's, else the exercise's own level.", show_default=False),
    ] = None,
    top: TopOpt = 5,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Swap an exercise: what trains the same regions, the same way and as hard, with what you have.

    Example: glutecoach alternatives hip-thrust --equipment none
    """
    from glutecoach.core import engine
    from glutecoach.core.lookup import find
    from glutecoach.render import renderer

    fmt = fmt_word(fmt)
    within("--top", top, *TOP)
    who = person(level, equipment, pain)
    cat = load_catalogue(catalogue_files)
    found = find(cat, exercise)
    ex = found.exercise
    if found.others:  # a plain word ('squat'): say which one it was taken as, and what else it names
        from glutecoach.render.text import safe

        rest = ", ".join(found.others[:5]) + (f" and {len(found.others) - 5} more" if len(found.others) > 5 else "")
        sys.stderr.write(f"Note: '{safe(exercise)}' is taken as {safe(ex.name)} ({ex.slug}); others it names: {rest}.\n")
    profile, sources = who.profile, dict(who.sources)
    if who.sources["level"] == "default":
        profile = profile._replace(level=ex.level)  # no level given or saved: the exercise's own
        sources["level"] = "exercise"
    renderer(fmt).alternatives(engine.alternatives(cat, ex, profile, top, sources))


def register(app: typer.Typer, command: str | None = None) -> None:
    """Register the family's commands, or only `command` (a run needs only its own)."""
    from glutecoach.cli.app import Command

    for func in (recommend, alternatives):
        if command in (None, func.__name__):
            app.command(cls=Command)(func)
