"""`log` (add, list, delete, export, import) and `progress`: the training log on the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from glutecoach.cli.options import FormatOpt, _complete, check_date, complete_exercises, fmt_word, handles_errors, load_catalogue
from glutecoach.errors import UsageError
from glutecoach.render.text import plural

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue


def _units() -> str:
    from glutecoach.store import profile as user_profile

    return user_profile.load().units


def _load_catalogue() -> Catalogue:
    return load_catalogue(None)


@handles_errors
def log_add(
    exercise: Annotated[str, typer.Argument(help="Slug, name or alias, any case.", autocompletion=complete_exercises, show_default=False)],
    sets: Annotated[int | None, typer.Option("--sets", help="Number of equal sets (with --reps and --load).", show_default=False)] = None,
    reps: Annotated[int | None, typer.Option("--reps", help="Reps per set.", show_default=False)] = None,
    load: Annotated[float | None, typer.Option("--load", help="Load per set, in your units.", show_default=False)] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="One set as REPSxLOAD (e.g. 10x60) or REPS; repeat for each set.", show_default=False)] = None,
    contact: Annotated[int | None, typer.Option("--contact", help="How clearly you felt your glutes, 0-10.", show_default=False)] = None,
    pain_score: Annotated[int | None, typer.Option("--pain-score", help="Pain during or after, 0-10.", show_default=False)] = None,
    rir: Annotated[int | None, typer.Option("--rir", help="Reps in reserve at the end of the last set, 0-5.", show_default=False)] = None,
    date: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD; default today.", show_default=False)] = None,
    note: Annotated[str | None, typer.Option("--note", help="Anything worth remembering (e.g. 'knee worse next morning').", show_default=False)] = None,
    fmt: FormatOpt = "table",
) -> None:
    """Record one exercise on one day with its sets.

    Example: glutecoach log add hip-thrust --sets 3 --reps 10 --load 60 --contact 7 --rir 2
    """
    from glutecoach.store import formats as logio
    from glutecoach.store import log

    fmt = fmt_word(fmt)
    if set_ and (sets is not None or reps is not None or load is not None):
        raise UsageError("give either --sets/--reps/--load or --set REPSxLOAD ..., not both.")
    if set_:
        rows = logio.parse_set_specs(set_)
    else:
        if sets is None or reps is None:
            raise UsageError("give --sets N --reps N (and --load X), or --set REPSxLOAD for each set.")
        if not 1 <= sets <= 50:
            raise UsageError(f"--sets: {sets} is out of range; accepted: 1-50.")
        rows = [(reps, load)] * sets
    cat = _load_catalogue()
    day = check_date(date).isoformat()
    entry = logio.make_entry(cat, exercise, rows, day, _units(), contact, pain_score, rir, note, "")
    with log.connect() as conn:
        saved = log.add(conn, entry)
    if fmt == "json":
        from glutecoach.render import data

        data.emit(saved.as_json())
    else:
        from glutecoach.render import table_log

        table_log.saved_entry(cat, saved)


@handles_errors
def log_list(
    since: Annotated[str | None, typer.Option("--since", help="Only entries on or after this day (YYYY-MM-DD).", show_default=False)] = None,
    exercise: Annotated[str | None, typer.Option("--exercise", help="Only this exercise (slug, name or alias).", show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many, newest first.", min=1, max=1_000_000)] = 20,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: table, json or csv.", autocompletion=_complete(["table", "json", "csv"]))] = "table",
) -> None:
    """List logged entries, newest first.

    Example: glutecoach log list --since 2026-01-01 --exercise hip-thrust
    """
    from glutecoach.core.lookup import find_exercise
    from glutecoach.store import formats as logio
    from glutecoach.store import log

    fmt = fmt_word(fmt, ["table", "json", "csv"])
    day = check_date(since, "--since").isoformat() if since else None
    cat = _load_catalogue() if exercise or fmt == "table" else None
    slug = find_exercise(cat, exercise).slug if cat is not None and exercise else None
    with log.connect(create=False) as conn:
        items = log.entries(conn, since=day, slug=slug, limit=limit)
    if fmt == "json":
        sys.stdout.write(logio.to_json(items))
    elif fmt == "csv":
        sys.stdout.write(logio.to_csv(items))
    else:
        from glutecoach.render import renderer

        renderer(fmt).entries(cat, items, filtered=bool(since or exercise))


@handles_errors
def log_delete(
    entry_id: Annotated[int, typer.Argument(help="The entry's id (see 'glutecoach log list').", show_default=False)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete one entry (asks first unless --yes).

    Example: glutecoach log delete 42 --yes
    """
    from glutecoach.store import log

    with log.connect(create=False) as conn:
        if not yes:
            e = log.get(conn, entry_id)
            if e is None:
                raise UsageError(f"no entry with id {entry_id}; see 'glutecoach log list'.")
            if not sys.stdin.isatty():
                raise UsageError("not deleting without confirmation: run it in a terminal, or add --yes.")
            if not typer.confirm(f"Delete entry {e.id} ({e.date}, {e.slug}, {len(e.sets)} sets)?"):
                sys.stdout.write("Nothing deleted.\n")
                return
        if not log.delete(conn, entry_id):
            raise UsageError(f"no entry with id {entry_id}; see 'glutecoach log list'.")
    sys.stdout.write(f"Deleted entry {entry_id}.\n")


@handles_errors
def log_export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, csv or strong (Strong's per-set CSV).", autocompletion=_complete(["json", "csv", "strong"]))] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.", show_default=False)] = None,
) -> None:
    """Export the whole log, oldest first.

    Example: glutecoach log export --format strong -o strong.csv
    """
    from glutecoach.store import log
    from glutecoach.store import formats as logio

    fmt = fmt_word(fmt, ["json", "csv", "strong"])
    with log.connect(create=False) as conn:
        items = log.entries(conn, newest_first=False)
    text = {"json": logio.to_json, "csv": logio.to_csv}[fmt](items) if fmt != "strong" else logio.to_strong(_load_catalogue(), items)
    if output is None:
        sys.stdout.write(text)
        return
    from glutecoach.store.files import atomic_write, refuse_owned

    refuse_owned(output)
    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as err:
        raise UsageError(f"cannot write {output} ({err.strerror}).") from None
    sys.stdout.write(f"Exported {plural(len(items), 'entry', 'entries')} to {output}.\n")


@handles_errors
def log_import(
    file: Annotated[Path, typer.Argument(help="A glutecoach JSON export or a Strong CSV export.", show_default=False)],
    source: Annotated[str, typer.Option("--from", help="glutecoach (JSON) or strong (Strong's CSV).", autocompletion=_complete(["glutecoach", "strong"]))] = "glutecoach",
    skip_unknown: Annotated[bool, typer.Option("--skip-unknown", help="Import what matches and leave out exercises the catalogue does not know.")] = False,
) -> None:
    """Import entries, all or nothing; entries already in the log are not added twice.

    Example: glutecoach log import strong.csv --from strong
    """
    from glutecoach.store import log
    from glutecoach.store import formats as logio

    kind = fmt_word(source, ["glutecoach", "strong"]) if source else "glutecoach"
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{file}: no such file.") from None
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"{file}: cannot be read as UTF-8 text ({err}).") from None
    cat = _load_catalogue()
    skipped_names: list[str] = []
    try:
        if kind == "strong":
            items, skipped_names = logio.from_strong(cat, text, _units(), skip_unknown)
        else:
            items = logio.from_json(cat, text, _units())
    except UsageError as err:
        raise UsageError(f"{file}: {err} Nothing was imported.") from None
    with log.connect() as conn:
        added, already = log.add_many(conn, items)
    sys.stdout.write(f"Imported {plural(added, 'entry', 'entries')} from {file}; {already} {'was' if already == 1 else 'were'} already in the log.\n")
    if skipped_names:
        sys.stdout.write(f"Left out {len(skipped_names)} unknown exercise names: {', '.join(skipped_names)}.\n")


@handles_errors
def progress(
    weeks: Annotated[int, typer.Option("--weeks", "-w", help="How many weeks back, 1-104.", min=1, max=104)] = 8,
    date: Annotated[str | None, typer.Option("--date", help="As of this day (YYYY-MM-DD). Default: today.", show_default=False)] = None,
    fmt: FormatOpt = "table",
) -> None:
    """Your trends per exercise (load, reps, contact) and sets per region per week.

    Example: glutecoach progress --weeks 12
    """
    from glutecoach.core import progress as tracker
    from glutecoach.render import renderer
    from glutecoach.store import log

    fmt = fmt_word(fmt)
    today = check_date(date)
    since = tracker.since_for(weeks, today)
    with log.connect(create=False) as conn:
        sessions = log.summaries(conn, since, today.isoformat())
    result = tracker.summarise(_load_catalogue(), sessions, weeks, since)
    renderer(fmt).progress(result)




def register(app: typer.Typer) -> None:
    from glutecoach.cli.app import group

    log_app = group("log", "Your training log: add, list, delete, export and import entries.\n\nExample: glutecoach log add hip-thrust --sets 3 --reps 10 --load 60 --contact 7")
    log_app.command("add")(log_add)
    log_app.command("list")(log_list)
    log_app.command("delete")(log_delete)
    log_app.command("export")(log_export)
    log_app.command("import")(log_import)
    app.command()(progress)
