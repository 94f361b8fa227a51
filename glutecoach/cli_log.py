"""The training log, the saved profile and progress on the command line (see cli.py for the rest)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import render
from .cli import app
from .cli_options import FormatOpt, complete_exercises, complete_goals, PainOpt, _complete, equipment_set, fmt_word, handles_errors, level_word, pains
from .errors import UsageError
from .vocab import LEVELS

if TYPE_CHECKING:
    from .models import Catalogue
    from .user_profile import SavedProfile

log_app = typer.Typer(rich_markup_mode=None, no_args_is_help=True, help="Your training log: add, list, delete, export and import entries.\n\nExample: glutecoach log add hip-thrust --sets 3 --reps 10 --load 60 --contact 7")
profile_app = typer.Typer(rich_markup_mode=None, no_args_is_help=True, help="Your saved profile: the defaults for recommend, alternatives and plan.\n\nExample: glutecoach profile set --level beginner --equipment band,dumbbell")
app.add_typer(log_app, name="log")
app.add_typer(profile_app, name="profile")


def _units() -> str:
    from . import user_profile

    return user_profile.load().units


def _load_catalogue() -> Catalogue:
    from .cli_options import load

    return load(None)


@log_app.command("add")
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
    import datetime as dt

    from . import log, logio

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
    entry = logio.make_entry(cat, exercise, rows, date or dt.date.today().isoformat(), _units(), contact, pain_score, rir, note, "")
    with log.connect() as conn:
        saved = log.add(conn, entry)
    if fmt == "json":
        from .render import data

        data.emit(logio.entry_json(saved))
    else:
        from .render import table

        table.saved_entry(cat, saved)


@log_app.command("list")
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
    from . import catalogue, log, logio

    fmt = fmt_word(fmt, ["table", "json", "csv"])
    day = logio.check_date(since, "--since") if since else None
    cat = _load_catalogue() if exercise or fmt == "table" else None
    slug = catalogue.find_exercise(cat, exercise).slug if exercise else None
    with log.connect(create=False) as conn:
        items = log.entries(conn, since=day, slug=slug, limit=limit)
    if fmt == "json":
        sys.stdout.write(logio.to_json(items))
    elif fmt == "csv":
        sys.stdout.write(logio.to_csv(items))
    else:
        from .render import table

        table.entries(cat, items)


@log_app.command("delete")
@handles_errors
def log_delete(
    entry_id: Annotated[int, typer.Argument(help="The entry's id (see 'glutecoach log list').", show_default=False)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete one entry (asks first unless --yes).

    Example: glutecoach log delete 42 --yes
    """
    from . import log

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


@log_app.command("export")
@handles_errors
def log_export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, csv or strong (Strong's per-set CSV).", autocompletion=_complete(["json", "csv", "strong"]))] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.", show_default=False)] = None,
) -> None:
    """Export the whole log, oldest first.

    Example: glutecoach log export --format strong -o strong.csv
    """
    from . import log, logio

    fmt = fmt_word(fmt, ["json", "csv", "strong"])
    with log.connect(create=False) as conn:
        items = log.entries(conn, newest_first=False)
    text = {"json": logio.to_json, "csv": logio.to_csv}[fmt](items) if fmt != "strong" else logio.to_strong(_load_catalogue(), items)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        tmp = output.with_name(f".{output.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    except OSError as err:
        raise UsageError(f"cannot write {output} ({err.strerror}).") from None
    sys.stdout.write(f"Exported {len(items)} entries to {output}.\n")


@log_app.command("import")
@handles_errors
def log_import(
    file: Annotated[Path, typer.Argument(help="A glutecoach JSON export or a Strong CSV export.", show_default=False)],
    source: Annotated[str, typer.Option("--from", help="glutecoach (JSON) or strong (Strong's CSV).", autocompletion=_complete(["glutecoach", "strong"]))] = "glutecoach",
    skip_unknown: Annotated[bool, typer.Option("--skip-unknown", help="Import what matches and leave out exercises the catalogue does not know.")] = False,
) -> None:
    """Import entries, all or nothing; entries already in the log are not added twice.

    Example: glutecoach log import strong.csv --from strong
    """
    from . import log, logio

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
    sys.stdout.write(f"Imported {added} entries from {file}; {already} were already in the log.\n")
    if skipped_names:
        sys.stdout.write(f"Left out {len(skipped_names)} unknown exercise names: {', '.join(skipped_names)}.\n")


@app.command()
@handles_errors
def progress(
    weeks: Annotated[int, typer.Option("--weeks", "-w", help="How many weeks back, 1-104.", min=1, max=104)] = 8,
    date: Annotated[str | None, typer.Option("--date", help="As of this day (YYYY-MM-DD). Default: today.", show_default=False)] = None,
    fmt: FormatOpt = "table",
) -> None:
    """Your trends per exercise (load, reps, contact) and sets per region per week.

    Example: glutecoach progress --weeks 12
    """
    import datetime as dt

    from . import log
    from . import progress as tracker
    from .logio import check_date

    fmt = fmt_word(fmt)
    today = dt.date.fromisoformat(check_date(date)) if date else dt.date.today()
    since = tracker.since_for(weeks, today)
    with log.connect(create=False) as conn:
        sessions = log.summaries(conn, since, today.isoformat())
    result = tracker.summarise(_load_catalogue(), sessions, weeks, since)
    render.show(fmt, "progress", result)


@profile_app.command("set")
@handles_errors
def profile_set(
    level: Annotated[str | None, typer.Option("--level", "-l", help="Your level.", autocompletion=_complete(list(LEVELS)), show_default=False)] = None,
    equipment: Annotated[list[str] | None, typer.Option("--equipment", "-e", help="Equipment you have (repeat or comma list); 'none' = body weight only; 'all' = everything.", show_default=False)] = None,
    pain: PainOpt = None,
    goal: Annotated[str | None, typer.Option("--goal", "-g", help="Your usual goal; see 'glutecoach goals'.", autocompletion=complete_goals, show_default=False)] = None,
    units: Annotated[str | None, typer.Option("--units", help="kg or lb, for loads you log.", autocompletion=_complete(["kg", "lb"]), show_default=False)] = None,
) -> None:
    """Save defaults: options you give are changed, the rest kept.

    Example: glutecoach profile set --level beginner --equipment band,dumbbell --goal glute-size
    """
    from . import catalogue, user_profile

    saved = user_profile.load()
    changes: dict = {}
    if level is not None:
        changes["level"] = level_word(level)
    if equipment:
        everything = [w.strip().lower() for w in equipment] == ["all"]
        kit = None if everything else equipment_set(equipment)
        changes["equipment"] = None if kit is None else tuple(sorted(kit))
    if pain:
        changes["pains"] = pains(pain)
    if goal is not None:
        changes["goal"] = catalogue.find_goal(_load_catalogue(), goal).name
    if units is not None:
        changes["units"] = _units_word(units)
    if not changes:
        raise UsageError("nothing to set: give --level, --equipment, --pain, --goal or --units.")
    updated = saved._replace(**changes)
    user_profile.save(updated)
    _show_profile(updated, "table")


def _units_word(units: str) -> str:
    from .errors import unknown

    key = units.strip().lower()
    if key not in ("kg", "lb"):
        raise unknown("units", units, ["kg", "lb"], "--units")
    return key


def _show_profile(p: SavedProfile, fmt: str) -> None:
    render.show(fmt, "profile", p)


@profile_app.command("show")
@handles_errors
def profile_show(fmt: FormatOpt = "table") -> None:
    """Show the saved profile.

    Example: glutecoach profile show --format json
    """
    from . import user_profile

    _show_profile(user_profile.load(), fmt_word(fmt))


@profile_app.command("reset")
@handles_errors
def profile_reset() -> None:
    """Forget the saved profile.

    Example: glutecoach profile reset
    """
    from . import user_profile

    sys.stdout.write("Profile reset.\n" if user_profile.reset() else "There was no saved profile.\n")
