"""`plan` and `plan next`: a week-by-week plan, and what to do next session from the plan and the log."""

from __future__ import annotations

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
    check_date,
    complete_goals,
    fmt_word,
    goal_for,
    handles_errors,
    load_catalogue,
    person,
)
from glutecoach.core.vocab import LEVELS

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue, Profile
    from glutecoach.core.plan import Plan

DEFAULT_GOAL = "glute-size"
WeeksOpt = Annotated[int, typer.Option("--weeks", "-w", help="Length of the plan, 4-16 weeks.")]
DaysOpt = Annotated[int, typer.Option("--days-per-week", "-d", help="Sessions a week, 1-6.")]
PlanLevelOpt = Annotated[str | None, typer.Option("--level", "-l", help="Your level; beginners start with a muscle-contact phase. Default: your profile's, else beginner.", autocompletion=_complete(list(LEVELS)), show_default=False)]
PlanGoalOpt = Annotated[str | None, typer.Option("--goal", "-g", help=f"What the plan trains for; see 'glutecoach goals'. Default: your profile's, else {DEFAULT_GOAL}.", autocompletion=complete_goals, show_default=False)]
PLAN_FORMATS = [*FORMATS, "markdown", "svg", "html"]


def _plan_for(
    level: str | None, goal: str | None, weeks: int, days: int, equipment: list[str] | None, pain: list[str] | None, catalogue_files: list[Path] | None
) -> tuple[Catalogue, Profile, Plan]:
    from glutecoach.core import plan as planner

    who = person(level, equipment, pain, goal, with_log=False, default_goal=DEFAULT_GOAL)
    cat = load_catalogue(catalogue_files)
    return cat, who.profile, planner.build(cat, goal_for(cat, who), who.profile, weeks, days)


@handles_errors
def plan(
    ctx: typer.Context,
    level: PlanLevelOpt = None,
    goal: PlanGoalOpt = None,
    weeks: WeeksOpt = 8,
    days_per_week: DaysOpt = 3,
    equipment: EquipmentOpt = None,
    pain: PainOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: table, json, markdown, svg or html (svg and html: a file with the muscle map of the weekly sets, to print or send).", autocompletion=_complete(PLAN_FORMATS))] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="With --format svg or html: write the file here instead of to stdout.", show_default=False)] = None,
    catalogue_files: Catalogues = None,
) -> None:
    """Build a week-by-week plan; the beginner plan puts muscle contact before load.

    'glutecoach plan next' says what to do next session, from the plan and your training log.

    Example: glutecoach plan --level beginner --equipment band,dumbbell --format markdown
    """
    if ctx.invoked_subcommand is not None:
        return
    from glutecoach.cli.browse import DOCUMENT_FORMATS, check_output, write_document

    fmt = fmt_word(fmt, PLAN_FORMATS)
    check_output(fmt, output)
    cat, profile, result = _plan_for(level, goal, weeks, days_per_week, equipment, pain, catalogue_files)
    if fmt in DOCUMENT_FORMATS:
        from glutecoach.render import export

        target = cat.plans[profile.level].weekly_sets if profile.level in cat.plans else None
        write_document(export.plan(result, fmt, target), output, fmt)
        return
    if fmt == "markdown":
        from glutecoach.render import markdown

        sys.stdout.write(markdown.plan(result))
        return
    from glutecoach.render import renderer

    renderer(fmt).plan(result)


@handles_errors
def plan_next(
    weeks: WeeksOpt = 8,
    days_per_week: DaysOpt = 3,
    date: Annotated[str | None, typer.Option("--date", help="Plan as of this day (YYYY-MM-DD, today, yesterday, -3d). Default: today.", show_default=False)] = None,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """What to do next session: your phase, and each change from your log with its reason.

    Uses your saved profile (level, goal, equipment, pains) and training log.

    Example: glutecoach plan next
    """
    from glutecoach.core import next_session
    from glutecoach.render import renderer
    from glutecoach.store import log

    fmt = fmt_word(fmt)
    today = check_date(date)
    cat, profile, the_plan = _plan_for(None, None, weeks, days_per_week, None, None, catalogue_files)
    with log.connect(create=False) as conn:
        entries = log.entries(conn, since=next_session.history_start(today), newest_first=False)
    result = next_session.next_session(cat, the_plan, profile, next_session.up_to(entries, today), today)
    renderer(fmt).next_session(result)


def register(app: typer.Typer) -> None:
    from glutecoach.cli.app import UseOrder

    plan_app = typer.Typer(cls=UseOrder, rich_markup_mode=None, invoke_without_command=True, no_args_is_help=False)
    plan_app.callback()(plan)
    plan_app.command("next")(plan_next)
    app.add_typer(plan_app, name="plan")
