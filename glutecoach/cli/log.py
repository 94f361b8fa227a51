"""`log` (add, list, edit, delete, export; import is in log_import) and `progress`: the training log on the command line."""

# No `from __future__ import annotations`: typer reads these signatures on every run, and real
# annotation objects spare it an eval per parameter.
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from glutecoach.cli.options import (
    FormatOpt,
    _complete,
    check_date,
    complete_exercises,
    fmt_word,
    handles_errors,
    load_catalogue,
    within,
)
from glutecoach.errors import UsageError
from glutecoach.render.text import plural, safe

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue, Entry


def _units() -> str:
    from glutecoach.store import profile as user_profile

    return user_profile.load().units


def _load_catalogue() -> "Catalogue":
    return load_catalogue(None)


SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="One set as REPSxLOAD (e.g. 10x60) or REPS; w:10x20 is a warm-up, d: a drop set, f: a set to failure. Repeat for each set.",
        show_default=False,
    ),
]
SetsOpt = Annotated[int | None, typer.Option("--sets", help="Number of equal working sets (with --reps and --load).", show_default=False)]
RepsOpt = Annotated[int | None, typer.Option("--reps", help="Reps per set.", show_default=False)]
LoadOpt = Annotated[
    str | None,
    typer.Option(
        "--load",
        help="Load per set: a number in your profile's unit, or with its unit (60kg, 135lb: converted to your unit).",
        show_default=False,
    ),
]
ContactOpt = Annotated[int | None, typer.Option("--contact", help="How clearly you felt your glutes, 0-10.", show_default=False)]
PainScoreOpt = Annotated[int | None, typer.Option("--pain-score", help="Pain during or after, 0-10.", show_default=False)]
RirOpt = Annotated[int | None, typer.Option("--rir", help="Reps in reserve at the end of the last set, 0-5.", show_default=False)]
NoteOpt = Annotated[
    str | None, typer.Option("--note", help="Anything worth remembering (e.g. 'knee worse next morning').", show_default=False)
]
EXPORTS = ["json", "csv", "strong", "hevy", "fitnotes"]
LIST_FORMATS = ["table", "json", "csv"]


def load_value(text: str | None) -> float | None:
    """--load as typed ('60', '60kg', '135lb') in the profile's unit."""
    if text is None:
        return None
    from glutecoach.core.units import parse_load

    try:
        return parse_load(text, _units())
    except ValueError as err:
        raise UsageError(f"--load: {err}") from None


def _set_rows(set_: list[str] | None, sets: int | None, reps: int | None, typed_load: str | None) -> list[tuple[Any, Any, Any]] | None:
    """The sets the options describe, or None when they describe none."""
    from glutecoach.store import formats as logio

    load = load_value(typed_load)
    if load is not None:
        within("--load", load, 0, logio.MAX_LOAD[_units()], _units())

    if set_ and (sets is not None or reps is not None or load is not None):
        raise UsageError("give either --sets/--reps/--load or --set REPSxLOAD ..., not both.")
    if set_:
        return logio.parse_set_specs(set_)
    if sets is None and reps is None and load is None:
        return None
    if sets is None or reps is None:
        raise UsageError("give --sets N --reps N (and --load X), or --set REPSxLOAD for each set.")
    within("--sets", sets, 1, logio.MAX_SETS)
    within("--reps", reps, 1, logio.MAX_REPS)
    return [(reps, load, "working")] * sets


def _scores(contact: int | None, pain_score: int | None, rir: int | None) -> None:
    from glutecoach.store.formats import RANGES

    for option, field, value in (("--contact", "contact", contact), ("--pain-score", "pain_score", pain_score), ("--rir", "rir", rir)):
        if value is not None:
            within(option, value, *RANGES[field])


def _show_saved(cat: "Catalogue", saved: "Entry", fmt: str) -> None:
    from glutecoach.render import renderer

    renderer(fmt).saved_entry(cat, saved)


@handles_errors
def log_add(
    exercise: Annotated[str, typer.Argument(help="Slug, name or alias, any case.", autocompletion=complete_exercises, show_default=False)],
    sets: SetsOpt = None,
    reps: RepsOpt = None,
    load: LoadOpt = None,
    set_: SetOpt = None,
    contact: ContactOpt = None,
    pain_score: PainScoreOpt = None,
    rir: RirOpt = None,
    date: Annotated[
        str | None, typer.Option("--date", help="YYYY-MM-DD, today, yesterday or -3d; default today.", show_default=False)
    ] = None,
    note: NoteOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Record one exercise on one day with its sets.

    Example: glutecoach log add hip-thrust --set w:10x40 --set 10x60 --set 10x60 --contact 7 --rir 2
    """
    from glutecoach.store import formats as logio
    from glutecoach.store import log

    fmt = fmt_word(fmt)
    _scores(contact, pain_score, rir)
    rows = _set_rows(set_, sets, reps, load)
    if rows is None:
        raise UsageError("give --sets N --reps N (and --load X), or --set REPSxLOAD for each set.")
    cat = _load_catalogue()
    day = check_date(date).isoformat()
    entry = logio.make_entry(cat, exercise, rows, day, _units(), contact, pain_score, rir, note, "")
    with log.connect() as conn:
        saved = log.add(conn, entry)
    _show_saved(cat, saved, fmt)


@handles_errors
def log_list(
    since: Annotated[
        str | None, typer.Option("--since", help="Only entries on or after this day (YYYY-MM-DD).", show_default=False)
    ] = None,
    exercise: Annotated[
        str | None, typer.Option("--exercise", help="Only this exercise (slug, name or alias).", show_default=False)
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many, newest first, 1-1000000.")] = 20,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output: table, json or csv.", autocompletion=_complete(LIST_FORMATS))
    ] = "table",
) -> None:
    """List logged entries, newest first.

    Example: glutecoach log list --since 2026-01-01 --exercise hip-thrust
    """
    from glutecoach.core.lookup import find_exercise
    from glutecoach.store import log

    fmt = fmt_word(fmt, LIST_FORMATS)
    within("--limit", limit, 1, 1_000_000)
    day = check_date(since, "--since").isoformat() if since else None
    cat = _load_catalogue()  # names for the table, and --exercise
    slug = find_exercise(cat, exercise).slug if exercise else None
    with log.connect(create=False) as conn:
        items = log.entries(conn, since=day, slug=slug, limit=limit)
        foreign = not exercise and fmt not in ("json", "csv") and log.has_foreign(conn, day)
    if fmt in ("json", "csv"):
        from glutecoach.store import formats as logio

        sys.stdout.write(_for_stdout(logio.to_json(items) if fmt == "json" else logio.to_csv(items), fmt))
    else:
        from glutecoach.render import renderer

        renderer(fmt).entries(cat, items, filtered=bool(since or exercise))
        if foreign:  # rows of other trackers glutecoach keeps but never scores
            from glutecoach.cli.log_import import print_foreign

            print_foreign(day, limit)


def _to_terminal() -> bool:
    return sys.stdout.isatty()


def _for_stdout(text: str, fmt: str) -> str:
    """JSON with C1 and bidi characters as \\u escapes (the same value); a CSV shown on a terminal with
    control and bidi characters as escapes, so a note cannot drive or reorder the screen."""
    from glutecoach.render.text import json_visible, safe

    if fmt == "json":
        return json_visible(text)
    return safe(text) if _to_terminal() else text


def _entry_id(entry_id: int) -> int:
    from glutecoach.store import log

    if not 1 <= entry_id <= log.MAX_ID:
        raise UsageError(f"no entry with id {entry_id}; ids are whole numbers from 1 (see 'glutecoach log list').")
    return entry_id


IdArg = Annotated[int, typer.Argument(help="The entry's id (see 'glutecoach log list').", show_default=False)]


@handles_errors
def log_edit(
    entry_id: IdArg,
    exercise: Annotated[
        str | None,
        typer.Option(
            "--exercise",
            help="Change the exercise (slug, name or alias); the sets are kept.",
            autocompletion=complete_exercises,
            show_default=False,
        ),
    ] = None,
    set_: SetOpt = None,
    sets: SetsOpt = None,
    reps: RepsOpt = None,
    load: LoadOpt = None,
    contact: ContactOpt = None,
    pain_score: PainScoreOpt = None,
    rir: RirOpt = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Move it to this day (YYYY-MM-DD, today, yesterday, -3d).", show_default=False)
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A new note; --note '' removes it.", show_default=False)] = None,
    fmt: FormatOpt = "table",
) -> None:
    """Correct an entry: what you give replaces its value, the rest is kept, and so are its id and uid.

    \b
    Example:
      glutecoach log edit 42 \\
        --exercise side-lying-hip-abduction \\
        --pain-score 2
    """
    from glutecoach.store import formats as logio
    from glutecoach.store import log

    fmt = fmt_word(fmt)
    _entry_id(entry_id)
    _scores(contact, pain_score, rir)
    rows = _set_rows(set_, sets, reps, load)
    changes: dict[str, Any] = {}
    if rows is not None:
        from glutecoach.core.models import SetRow

        changes["sets"] = tuple(SetRow(r, lo, k) for r, lo, k in rows)
        if any(lo is not None for _, lo, _ in rows):
            changes["units"] = _units()  # --load is read in the profile's unit
    for field, value in (("contact", contact), ("pain_score", pain_score), ("rir", rir)):
        if value is not None:
            changes[field] = value
    if date is not None:
        changes["date"] = check_date(date).isoformat()
    if note is not None:
        changes["note"] = note or None
    if not changes and exercise is None:
        raise UsageError(
            "nothing to change: give --exercise, --set (or --sets/--reps/--load), --contact, --pain-score, --rir, --date or --note."
        )
    cat = _load_catalogue()
    if exercise is not None:
        from glutecoach.core.lookup import find_exercise

        changes["slug"] = find_exercise(cat, exercise).slug
    with log.connect(create=False) as conn:
        saved = log.edit(conn, entry_id, lambda old: logio.check_entry(old._replace(**changes)))
    if saved is None:
        raise UsageError(f"no entry with id {entry_id}; see 'glutecoach log list'.")
    _show_saved(cat, saved, fmt)


@handles_errors
def log_delete(
    entry_id: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete one entry (asks first unless --yes).

    Example: glutecoach log delete 42 --yes
    """
    from glutecoach.store import log

    _entry_id(entry_id)
    with log.connect(create=False) as conn:
        if not yes:
            e = log.get(conn, entry_id)
            if e is None:
                raise UsageError(f"no entry with id {entry_id}; see 'glutecoach log list'.")
            if not sys.stdin.isatty():
                raise UsageError("not deleting without confirmation: run it in a terminal, or add --yes.")
            if not typer.confirm(f"Delete entry {e.id} ({e.date}, {safe(e.slug)}, {plural(len(e.sets), 'set')})?"):
                sys.stdout.write("Nothing deleted.\n")
                return
        if not log.delete(conn, entry_id):
            raise UsageError(f"no entry with id {entry_id}; see 'glutecoach log list'.")
    sys.stdout.write(f"Deleted entry {entry_id}.\n")


@handles_errors
def log_export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="json (a backup glutecoach restores exactly), csv, strong, hevy or fitnotes (their per-set CSV, with foreign entries).",
            autocompletion=_complete(EXPORTS),
        ),
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout (never over glutecoach's own files).", show_default=False
        ),
    ] = None,
) -> None:
    """Export the whole log, oldest first.

    Example: glutecoach log export --format json -o backup.json
    """
    from glutecoach.store import formats as logio
    from glutecoach.store import log
    from glutecoach.store.output import refuse_owned, write_output

    fmt = fmt_word(fmt, EXPORTS)
    if output is not None:
        refuse_owned(output)  # before anything is read: a wrong -o costs nothing
    with log.connect(create=False) as conn:
        items = log.entries(conn, newest_first=False)
        if fmt in ("strong", "hevy", "fitnotes"):  # with every foreign entry, and imported rows as they came in
            from glutecoach.store import foreign

            names = {slug: ex.name for slug, ex in _load_catalogue().exercises.items()}
            text = foreign.export_text(conn, fmt, items, names, _units())
        elif fmt == "json":  # the backup: with the imported tracker rows, when the log has any
            from glutecoach.store import foreign_json

            text = foreign_json.backup(items, foreign_json.rows(conn))
    if fmt == "csv":
        text = logio.to_csv(items)
    if output is None:
        sys.stdout.write(_for_stdout(text, fmt))
        return
    where = write_output(output, text.encode("utf-8"))
    if where is not None:
        sys.stdout.write(f"Exported {plural(len(items), 'entry', 'entries')} to {safe(where)}.\n")


def register(app: typer.Typer, command: str | None = None) -> None:
    from glutecoach.cli.app import Command, group

    if command in (None, "progress"):
        from glutecoach.cli.progress import progress

        app.command(cls=Command)(progress)
    if command == "progress":
        return
    from glutecoach.cli.log_import import log_import, log_map

    log_app = group(
        app,
        "log",
        (
            "Your training log: log a session, add, list, edit, delete, export and import entries.\n\n"
            "Example: glutecoach log add hip-thrust --sets 3 --reps 10 --load 60 --contact 7"
        ),
    )
    log_app.command("add", cls=Command)(log_add)
    log_app.command("list", cls=Command)(log_list)
    log_app.command("edit", cls=Command)(log_edit)
    log_app.command("delete", cls=Command)(log_delete)
    log_app.command("export", cls=Command)(log_export)
    log_app.command("import", cls=Command)(log_import)
    log_app.command("map", cls=Command)(log_map)
    from glutecoach.cli.log_session import log_session

    log_app.command("session", cls=Command)(log_session)
