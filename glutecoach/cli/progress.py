"""`progress`: what a person sees over months: each main lift's top load and estimated 1RM on a dated axis,
weekly hard sets per region against the target band, contact and pain trends."""

# No `from __future__ import annotations`: typer reads these signatures on every run, and real
# annotation objects spare it an eval per parameter.
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from glutecoach.cli.options import _complete, check_date, fmt_word, handles_errors, load_catalogue, within

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue

PROGRESS_WEEKS = (1, 104)
PROGRESS_FORMATS = ["table", "json", "markdown", "svg", "html"]


def _units() -> str:
    from glutecoach.store import profile as user_profile

    return user_profile.load().units


def _load_catalogue() -> "Catalogue":
    return load_catalogue(None)


@handles_errors
def progress(
    weeks: Annotated[int, typer.Option("--weeks", "-w", help=f"How many weeks back, {PROGRESS_WEEKS[0]}-{PROGRESS_WEEKS[1]}.")] = 8,
    date: Annotated[
        str | None, typer.Option("--date", help="As of this day (YYYY-MM-DD, today, yesterday, -3d). Default: today.", show_default=False)
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=(
                "Output: table, json, markdown, svg or html (a file with the charts and the last full week's muscle map, to print or send)."
            ),
            autocompletion=_complete(["table", "json", "markdown", "svg", "html"]),
        ),
    ] = "table",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="With --format svg or html: write the file here instead of to stdout.", show_default=False),
    ] = None,
) -> None:
    """Your progress on the calendar: each main lift's top load (new bests marked), hard sets per region per week against your
    target, contact and pain.

    Contact and pain are on their 0-10 scales; loads in your log's unit; warm-ups never count. The last
    full week's sets are drawn on a muscle map against your level's weekly target.

    Example: glutecoach progress --weeks 12
    """
    from glutecoach.cli.documents import DOCUMENT_FORMATS, check_output, write_document
    from glutecoach.cli.options import person
    from glutecoach.core import progress as tracker
    from glutecoach.render import renderer
    from glutecoach.store import log

    fmt = fmt_word(fmt, ["table", "json", "markdown", *DOCUMENT_FORMATS])
    check_output(fmt, output)
    within("--weeks", weeks, *PROGRESS_WEEKS)
    today = check_date(date)
    since = tracker.since_for(weeks, today)
    cat = _load_catalogue()
    level = person(None, None, None, with_log=False).profile.level
    target = cat.plans[level].weekly_sets if level in cat.plans else (6, 10)
    with log.connect(create=False) as conn:
        entries = log.entries(conn, since=since, newest_first=False, until=today.isoformat())
    result = tracker.from_entries(cat, entries, weeks, since, today.isoformat(), target)
    if fmt in DOCUMENT_FORMATS:
        from glutecoach.render import export

        write_document(export.progress(result, fmt), output, fmt)
        return
    if fmt == "markdown":
        from glutecoach.render import markdown_views

        sys.stdout.write(markdown_views.progress(result))
        return

    renderer(fmt).progress(result)
