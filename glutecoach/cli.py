"""The command line: parse options, call the core, hand the result to a renderer. No logic here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__, render
from .vocab import LEVELS, MOVEMENTS, REGIONS, WHOLE_MAXIMUS

if TYPE_CHECKING:
    from .models import Catalogue, Profile
    from .plan import Plan

app = typer.Typer(
    name="glutecoach",
    help="An evidence-based coach for glute training: which exercises hit the part you care about, and why.\n\n"
    "Example: glutecoach recommend --goal upper-glutes",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain help text: typer's rich help panels cost more than the whole yardstick's table.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

from .cli_options import (
    FORMATS,
    REGION_WORDS,
    Catalogues,
    EquipmentOpt,
    FormatOpt,
    PainOpt,
    TopOpt,
    _complete,
    complete_exercises,
    complete_goals,
    equipment_set,
    fmt_word,
    goal_name,
    handles_errors,
    level_word,
    load,
    movement_word,
    profile_for,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"glutecoach {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """An evidence-based coach for glute training.

    Example: glutecoach recommend --goal upper-glutes
    """


@app.command()
@handles_errors
def exercises(
    muscle: Annotated[str | None, typer.Option("--muscle", "-m", help="Sort by this region's score: " + ", ".join([*REGIONS, WHOLE_MAXIMUS]) + ", or upper-glutes, lower-glutes, medius, minimus.", autocompletion=_complete(REGION_WORDS), show_default=False)] = None,
    equipment: EquipmentOpt = None,
    level: Annotated[str | None, typer.Option("--level", "-l", help="Your level: exercises above it are left out.", autocompletion=_complete(list(LEVELS)), show_default=False)] = None,
    movement: Annotated[str | None, typer.Option("--movement", help="Only this movement type.", autocompletion=_complete(list(MOVEMENTS)), show_default=False)] = None,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """List the catalogue, filtered; with --muscle, sorted by that region's score.

    Example: glutecoach exercises --muscle gluteus-medius --equipment band,dumbbell
    """
    from . import catalogue

    fmt = fmt_word(fmt)
    region = catalogue.resolve_region(muscle) if muscle else None
    kit, lvl, mov = equipment_set(equipment), level_word(level), movement_word(movement)
    cat = load(catalogue_files)
    items = catalogue.select(cat, region, kit, lvl, mov)
    render.show(fmt, "exercises", cat, items, region=region)


@app.command()
@handles_errors
def show(
    exercise: Annotated[str, typer.Argument(help="Slug, name or alias, any case.", autocompletion=complete_exercises, show_default=False)],
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Show one exercise as a card: regions, cues, mistakes, progressions, cautions, evidence.

    Example: glutecoach show hip-thrust
    """
    from . import catalogue

    fmt = fmt_word(fmt)
    cat = load(catalogue_files)
    ex = catalogue.find_exercise(cat, exercise)
    render.show(fmt, "exercise", cat, ex)


@app.command()
@handles_errors
def muscles(
    region: Annotated[str | None, typer.Argument(help="One region (or gluteus-maximus for both portions); default all.", autocompletion=_complete(REGION_WORDS), show_default=False)] = None,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """What each gluteal region is and does, with its top exercises from the catalogue.

    Example: glutecoach muscles gluteus-medius
    """
    from . import catalogue

    fmt = fmt_word(fmt)
    wanted = catalogue.resolve_region(region) if region else None
    names = list(REGIONS) if wanted is None else ([*REGIONS[:2]] if wanted == WHOLE_MAXIMUS else [wanted])
    cat = load(catalogue_files)
    infos = [(cat.regions[n], catalogue.top_for(cat, n)) for n in names]
    render.show(fmt, "regions", infos, cat=cat)


@app.command()
@handles_errors
def goals(fmt: FormatOpt = "table", catalogue_files: Catalogues = None) -> None:
    """List the goals you can ask for, with what each targets.

    Example: glutecoach goals
    """
    fmt = fmt_word(fmt)
    cat = load(catalogue_files)
    items = list(cat.goals.values())
    render.show(fmt, "goals", items)


@app.command()
@handles_errors
def recommend(
    goal: Annotated[str | None, typer.Option("--goal", "-g", help="What you train for; see 'glutecoach goals'. Default: your profile's goal.", autocompletion=complete_goals, show_default=False)] = None,
    level: Annotated[str | None, typer.Option("--level", "-l", help="Your level: nothing above it is offered. Default: your profile's, else beginner.", autocompletion=_complete(list(LEVELS)), show_default=False)] = None,
    equipment: EquipmentOpt = None,
    pain: PainOpt = None,
    top: TopOpt = 8,
    explain: Annotated[bool, typer.Option("--explain", help="Show every rule's points and reason.")] = False,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Rank exercises for your goal, level, equipment and pains, and say why.

    Options you leave out come from your saved profile ('glutecoach profile set').

    Example: glutecoach recommend --goal upper-glutes --equipment band --explain
    """
    from . import catalogue, engine

    fmt = fmt_word(fmt)
    profile = profile_for(level, equipment, pain)
    wanted = goal_name(goal)
    cat = load(catalogue_files)
    ranking = engine.rank(cat, catalogue.find_goal(cat, wanted), profile, top)
    render.show(fmt, "ranking", ranking, explain=explain)


@app.command()
@handles_errors
def alternatives(
    exercise: Annotated[str, typer.Argument(help="The exercise to replace: slug, name or alias.", autocompletion=complete_exercises, show_default=False)],
    equipment: EquipmentOpt = None,
    pain: PainOpt = None,
    level: Annotated[str | None, typer.Option("--level", "-l", help="Your level. Default: your profile's, else the exercise's own level.", autocompletion=_complete(list(LEVELS)), show_default=False)] = None,
    top: TopOpt = 5,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Swap an exercise: what trains the same regions the same way with what you have.

    Example: glutecoach alternatives hip-thrust --equipment none
    """
    from . import catalogue, engine, user_profile

    fmt = fmt_word(fmt)
    profile = profile_for(level, equipment, pain)
    cat = load(catalogue_files)
    ex = catalogue.find_exercise(cat, exercise)
    if level is None and user_profile.load().level is None:
        profile = profile._replace(level=ex.level)
    result = engine.alternatives(cat, ex, profile, top)
    render.show(fmt, "alternatives", result)


plan_app = typer.Typer(rich_markup_mode=None, invoke_without_command=True, no_args_is_help=False)
app.add_typer(plan_app, name="plan")

WeeksOpt = Annotated[int, typer.Option("--weeks", "-w", help="Length of the plan, 4-16 weeks.")]
DaysOpt = Annotated[int, typer.Option("--days-per-week", "-d", help="Sessions a week, 1-6.")]
PlanLevelOpt = Annotated[str | None, typer.Option("--level", "-l", help="Your level; beginners start with a muscle-contact phase. Default: your profile's, else beginner.", autocompletion=_complete(list(LEVELS)), show_default=False)]
PlanGoalOpt = Annotated[str | None, typer.Option("--goal", "-g", help="What the plan trains for; see 'glutecoach goals'. Default: your profile's, else glute-size.", autocompletion=complete_goals, show_default=False)]


def _plan_for(
    level: str | None, goal: str | None, weeks: int, days: int, equipment: list[str] | None, pain: list[str] | None, catalogue_files: list[Path] | None
) -> tuple[Catalogue, Profile, Plan]:
    from . import catalogue, user_profile
    from . import plan as planner

    profile = profile_for(level, equipment, pain, with_log=False)
    wanted = goal or user_profile.load().goal or "glute-size"
    cat = load(catalogue_files)
    return cat, profile, planner.build(cat, catalogue.find_goal(cat, wanted), profile, weeks, days)


@plan_app.callback()
@handles_errors
def plan(
    ctx: typer.Context,
    level: PlanLevelOpt = None,
    goal: PlanGoalOpt = None,
    weeks: WeeksOpt = 8,
    days_per_week: DaysOpt = 3,
    equipment: EquipmentOpt = None,
    pain: PainOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: table, json or markdown.", autocompletion=_complete([*FORMATS, "markdown"]))] = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Build a week-by-week plan; the beginner plan puts muscle contact before load.

    'glutecoach plan next' says what to do next session, from the plan and your training log.

    Example: glutecoach plan --level beginner --equipment band,dumbbell --format markdown
    """
    if ctx.invoked_subcommand is not None:
        return
    fmt = fmt_word(fmt, [*FORMATS, "markdown"])
    _, _, result = _plan_for(level, goal, weeks, days_per_week, equipment, pain, catalogue_files)
    if fmt == "json":
        from .render import data

        data.emit(data.plan(result))
    elif fmt == "markdown":
        from .render import markdown

        sys.stdout.write(markdown.plan(result))
    else:
        from .render import table

        table.plan(result)


@plan_app.command("next")
@handles_errors
def plan_next(
    weeks: WeeksOpt = 8,
    days_per_week: DaysOpt = 3,
    date: Annotated[str | None, typer.Option("--date", help="Plan as of this day (YYYY-MM-DD). Default: today.", show_default=False)] = None,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """What to do next session: your phase, and each change from your log with its reason.

    Uses your saved profile (level, goal, equipment, pains) and training log.

    Example: glutecoach plan next
    """
    import datetime as dt

    from . import coach, log
    from .logio import check_date

    fmt = fmt_word(fmt)
    today = dt.date.fromisoformat(check_date(date)) if date else dt.date.today()
    cat, profile, the_plan = _plan_for(None, None, weeks, days_per_week, None, None, catalogue_files)
    with log.connect(create=False) as conn:
        entries = log.entries(conn, since=(today - dt.timedelta(weeks=20)).isoformat(), newest_first=False)
    entries = [e for e in entries if e.date <= today.isoformat()]
    result = coach.next_session(cat, the_plan, profile, entries, today)
    render.show(fmt, "next_session", result)

