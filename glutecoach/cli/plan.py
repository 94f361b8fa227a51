"""`plan` and `plan next`: a week-by-week plan, and what to do next session from the plan and the log."""

# No `from __future__ import annotations`: typer reads these signatures on every run, and real
# annotation objects spare it an eval per parameter.
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from glutecoach.cli.options import (
    FORMATS,
    Catalogues,
    EquipmentOpt,
    FormatOpt,
    PainOpt,
    _complete,
    complete_goals,
    fmt_word,
    handles_errors,
    load_catalogue,
)
from glutecoach.cli.plan_reads import DEFAULT_GOAL, built_choice, log_entries, next_for, plan_for, proposal
from glutecoach.core.vocab import LEVELS
from glutecoach.errors import UsageError

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue, Profile
    from glutecoach.core.plan import Plan
    from glutecoach.core.plan_model import PlanChoice

PlanLevelOpt = Annotated[
    str | None,
    typer.Option(
        "--level",
        "-l",
        help="Your level; beginners start with a muscle-contact phase. Default: your profile's, else beginner.",
        autocompletion=_complete(list(LEVELS)),
        show_default=False,
    ),
]
PlanGoalOpt = Annotated[
    str | None,
    typer.Option(
        "--goal",
        "-g",
        help=f"What the plan trains for; see 'glutecoach goals'. Default: your profile's, else {DEFAULT_GOAL}.",
        autocompletion=complete_goals,
        show_default=False,
    ),
]
PLAN_FORMATS = [*FORMATS, "markdown", "svg", "html", "fit", "ics"]
NextWeeksOpt = Annotated[
    int | None,
    typer.Option("--weeks", "-w", help="Length of the plan, 4-16 weeks. Default: your saved plan's, else 8.", show_default=False),
]
NextDaysOpt = Annotated[
    int | None, typer.Option("--days-per-week", "-d", help="Sessions a week, 1-6. Default: your saved plan's, else 3.", show_default=False)
]


def _saved_plan(catalogue_files: list[Path] | None) -> "tuple[Catalogue, Profile, Plan] | None":
    """The saved plan, built, with a first note saying where you are in it (None when none is saved)."""
    from glutecoach.core import next_session
    from glutecoach.store import saved_plan

    choice = saved_plan.load()
    if choice is None:
        return None
    cat, profile, the_plan = built_choice(choice, catalogue_files)
    today = dt.date.today()
    start = dt.date.fromisoformat(choice.start)
    entries = log_entries(today, start)
    n = next_session.next_session(cat, the_plan, profile, entries, today, start, choice.steps, saved=True)
    where = f"Your saved plan, started {choice.start}: " + (
        "it is done."
        if n.plan_done
        else f"next is week {n.week}, session {n.day} ({n.phase}); "
        f"{n.position.sessions_done if n.position else 0} sessions logged. 'glutecoach plan next' says what to do."
    )
    return cat, profile, the_plan._replace(notes=(where, *the_plan.notes))


@handles_errors
def plan(
    ctx: typer.Context,
    level: PlanLevelOpt = None,
    goal: PlanGoalOpt = None,
    weeks: NextWeeksOpt = None,
    days_per_week: NextDaysOpt = None,
    equipment: EquipmentOpt = None,
    pain: PainOpt = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=(
                "Output: table, json, markdown, svg or html (svg and html: a file with the muscle map of the weekly sets, "
                "to print or send), fit (Garmin workouts, with -o) or ics (a calendar)."
            ),
            autocompletion=_complete(PLAN_FORMATS),
        ),
    ] = "table",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="With --format svg, html, fit or ics: write the file here instead of to stdout (fit: one file a session, named after it).",
            show_default=False,
        ),
    ] = None,
    catalogue_files: Catalogues = None,
) -> None:
    """Build a week-by-week plan for your goal; the beginner plan puts muscle contact before load.

    'glutecoach plan start' saves it; 'glutecoach plan next' then says what to do next session, from it and your log.
    With a saved plan and no options, shows the saved plan and where you are in it.

    Example: glutecoach plan --level beginner --equipment band,dumbbell --format markdown
    """
    if ctx.invoked_subcommand is not None:
        return
    from glutecoach.cli.documents import check_output

    fmt = fmt_word(fmt, PLAN_FORMATS)
    if fmt not in ("fit", "ics"):
        check_output(fmt, output)
    given = (level, goal, weeks, days_per_week, equipment, pain)
    saved = _saved_plan(catalogue_files) if all(x is None for x in given) else None
    if saved is not None:
        _show_plan(fmt, output, *saved)
        return
    from glutecoach.cli.first_run import first_run

    with first_run("plan", goal, level, equipment, pain, days_per_week) as answered:  # no profile yet: ask or hint
        days = answered or (3 if days_per_week is None else days_per_week)
        cat, profile, result = plan_for(level, goal, 8 if weeks is None else weeks, days, equipment, pain, catalogue_files)
        _show_plan(fmt, output, cat, profile, result)


def _show_plan(fmt: str, output: Path | None, cat: "Catalogue", profile: "Profile", result: "Plan") -> None:
    """The plan in its format: on stdout, or as files (svg, html, fit, ics with -o)."""
    from glutecoach.cli.documents import DOCUMENT_FORMATS, write_document

    if fmt in ("fit", "ics"):  # files for a watch or a calendar (cli/plan_files.py)
        from glutecoach.cli.plan_files import write_plan

        write_plan(fmt, result, output)
        return
    if fmt in DOCUMENT_FORMATS:
        from glutecoach.render import export

        target = cat.plans[profile.level].weekly_sets if profile.level in cat.plans else None
        write_document(export.plan(result, fmt, target), output, fmt)
        return
    if fmt == "markdown":
        from glutecoach.render import plan_view

        sys.stdout.write(plan_view.markdown(result))
        return
    from glutecoach.render import renderer

    renderer(fmt).plan(result)


DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Plan as of this day, past or up to a year ahead (YYYY-MM-DD, today, yesterday, -3d). Default: today.",
        show_default=False,
    ),
]
LoadStepOpt = Annotated[
    float | None,
    typer.Option(
        "--load-step",
        help="The smallest load change you can make, in your profile's units (default 2.5 kg or 5 lb); plan next rounds loads to it.",
        show_default=False,
    ),
]
MAX_STEP = {"kg": 50.0, "lb": 100.0}


StartWeeksOpt = Annotated[
    int | None,
    typer.Option("--weeks", "-w", help="Length of the plan, 4-16 weeks. Default: 8 (with --next, your saved plan's).", show_default=False),
]
StartDaysOpt = Annotated[
    int | None,
    typer.Option("--days-per-week", "-d", help="Sessions a week, 1-6. Default: 3 (with --next, your saved plan's).", show_default=False),
]


def _carried(
    before: "PlanChoice", goal: str | None, weeks: int | None, days: int | None, equipment: list[str] | None, pain: list[str] | None
) -> tuple[str, int, int, list[str], list[str]]:
    """--next: the saved plan's choices, where the options given say nothing (as the options would say them)."""
    kit = equipment or (["all"] if before.equipment is None else list(before.equipment) or ["none"])
    weeks = before.weeks if weeks is None else weeks
    days = before.days_per_week if days is None else days
    return goal or before.goal, weeks, days, kit, pain or list(before.pains) or ["none"]


YEAR_AHEAD = 366  # a plan may start, and plan next may look, up to a year ahead


def _first_day(value: str | None) -> dt.date:
    """A day for plan start or plan next: as --date elsewhere, or up to a year ahead (next Monday, say)."""
    from glutecoach.core.dates import parse_day

    try:
        return parse_day(value, dt.date.today(), ahead=YEAR_AHEAD)
    except ValueError as err:
        raise UsageError(f"--date: {err}") from None


@handles_errors
def plan_start(
    level: PlanLevelOpt = None,
    goal: PlanGoalOpt = None,
    weeks: StartWeeksOpt = None,
    days_per_week: StartDaysOpt = None,
    equipment: EquipmentOpt = None,
    pain: PainOpt = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="The plan's first day (YYYY-MM-DD, today, yesterday, -3d). Default: today.", show_default=False),
    ] = None,
    load_step: LoadStepOpt = None,
    next_block: Annotated[
        bool,
        typer.Option(
            "--next",
            help="The block after your saved plan: its goal, length, days, equipment, conditions and load step "
            "(any option you give wins), at the level your log now supports, each lift from your working loads.",
        ),
    ] = False,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Save the plan you chose (the same options as 'plan'), so 'plan next' follows it.

    Example: glutecoach plan start --level beginner --goal glute-size --days-per-week 2

    When a plan is done: glutecoach plan start --next
    """
    from glutecoach.core.history import choose
    from glutecoach.core.plan_model import LOAD_STEPS, PlanChoice
    from glutecoach.store import profile as saved_profile
    from glutecoach.store import saved_plan

    fmt = fmt_word(fmt)
    first = _first_day(date)
    steps = dict(LOAD_STEPS)
    before = None
    if next_block:
        before = saved_plan.load()
        if before is None:
            raise UsageError(
                "--next starts the block after your saved plan, and none is saved: run 'glutecoach plan start' with your options."
            )
        goal, weeks, days_per_week, equipment, pain = _carried(before, goal, weeks, days_per_week, equipment, pain)
        steps.update(before.steps)
    cat = load_catalogue(catalogue_files)
    picked = choose(proposal(cat, first), level is not None)
    contact = picked.contact
    weeks, days_per_week = 8 if weeks is None else weeks, 3 if days_per_week is None else days_per_week
    _, profile, result = plan_for(level or picked.level, goal, weeks, days_per_week, equipment, pain, catalogue_files, contact, cat)
    notes = [picked.why] if picked.why else []
    if before is not None:
        notes.insert(0, f"The block after your {before.weeks}-week plan from {before.start}: each lift starts from your working loads.")
    result = result._replace(notes=(*notes, *result.notes))
    if load_step is not None:
        units = saved_profile.load().units
        if not 0 < load_step <= MAX_STEP[units]:
            raise UsageError(f"--load-step must be above 0 and at most {MAX_STEP[units]:g} {units} (got {load_step:g}).")
        steps[units] = load_step
    choice = PlanChoice(
        profile.level,
        result.goal.name,
        weeks,
        days_per_week,
        None if profile.equipment is None else tuple(sorted(profile.equipment)),
        profile.pains,
        first.isoformat(),
        tuple(steps.items()),
        contact,
    )
    saved_plan.save(choice)
    if fmt == "json":
        from glutecoach.render import data

        data.emit({**choice.as_json(), "level_from_log": picked.why})
        return
    from glutecoach.render import plan_view

    plan_view.saved(choice, result, len(notes))


@handles_errors
def plan_next(
    weeks: NextWeeksOpt = None,
    days_per_week: NextDaysOpt = None,
    date: DateOpt = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Output: table, json, fit (a Garmin workout, with -o) or ics (a calendar event).",
            autocompletion=_complete([*FORMATS, "fit", "ics"]),
        ),
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="With --format fit or ics: write the file here.", show_default=False)
    ] = None,
    catalogue_files: Catalogues = None,
) -> None:
    """What to do next session: your week and phase, and each change from your log with its reason.

    Follows the plan saved with 'glutecoach plan start' (without one, your profile's defaults) and your training log.

    Example: glutecoach plan next
    """
    from glutecoach.render import renderer

    fmt = fmt_word(fmt, [*FORMATS, "fit", "ics"])
    if output is not None and fmt not in ("fit", "ics"):
        raise UsageError("--output writes a file for --format fit or ics; for tables and JSON, redirect stdout instead.")
    today = _first_day(date)
    result = next_for(today, catalogue_files, weeks, days_per_week)
    if fmt in ("fit", "ics"):
        from glutecoach.cli.plan_files import write_next

        write_next(fmt, result, output, today)
        return
    renderer(fmt).next_session(result)


def register(app: typer.Typer, command: str | None = None) -> None:
    from glutecoach.cli.app import Command, UseOrder

    plan_app = typer.Typer(cls=UseOrder, rich_markup_mode=None, invoke_without_command=True, no_args_is_help=False)
    plan_app.callback()(plan)
    plan_app.command("start", cls=Command)(plan_start)
    plan_app.command("next", cls=Command)(plan_next)
    app.add_typer(plan_app, name="plan")
