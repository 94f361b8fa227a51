"""`log import`: any export in (glutecoach JSON, Strong, Hevy, FitNotes), every name mapped honestly,
all or nothing; and the report of what was (or, with --dry-run, would be) imported."""

# No `from __future__ import annotations`: typer reads these signatures on every run, and real
# annotation objects spare it an eval per parameter.
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from glutecoach.cli.options import _complete, handles_errors, load_catalogue, word
from glutecoach.errors import GlutecoachError, UsageError
from glutecoach.render.text import plural, safe

if TYPE_CHECKING:
    from glutecoach.store.foreign import Added
    from glutecoach.store.imports import ImportPlan


def _units() -> str:
    from glutecoach.store import profile as user_profile

    return user_profile.load().units


def _read_map(path: Path) -> dict[str, str | None]:
    """--map FILE: JSON or YAML {tracker's name: slug or null}."""
    from glutecoach.store import files, imports

    data = files.read_file(path, "name mapping", files.MAX_SMALL_BYTES)
    assert data is not None
    where = f"--map {path}"
    if path.suffix.lower() == ".json" or imports.looks_like_json(data):
        doc = files.parse_json(data, where)
    else:
        from glutecoach.catalogue.validate import parse
        from glutecoach.errors import CatalogueError

        try:
            doc = parse(path, data)  # the safe, bounded YAML reader the catalogue uses
        except CatalogueError as err:
            message = str(err).split(" a catalogue file is")[0]
            raise UsageError(f"--map: {message} A name mapping is {{tracker's name: slug or null}}.") from None
    return imports.check_mapping(doc, where)


@handles_errors
def log_import(
    file: Annotated[Path, typer.Argument(help="A glutecoach JSON export, or a Strong, Hevy or FitNotes CSV export.", show_default=False)],
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="The file's format, when detecting it is not wanted: glutecoach, strong, hevy or fitnotes.",
            autocompletion=_complete(["glutecoach", "strong", "hevy", "fitnotes"]),
            show_default=False,
        ),
    ] = None,
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map",
            help='Your names for exercises: a JSON or YAML file {"Tracker name": "slug", "Bench Press (Barbell)": null}.',
            show_default=False,
        ),
    ] = None,
    save_map: Annotated[bool, typer.Option("--save-map", help="Keep the --map names for later imports (in the config folder).")] = False,
    skip_unknown: Annotated[
        bool,
        typer.Option(
            "--skip-unknown",
            help=(
                "Leave out names that match no exercise (without it, a tracker's unknown names are kept as foreign entries, never scored)."
            ),
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show how every name maps, what would be imported and what kept as foreign; write nothing.")
    ] = False,
) -> None:
    """Import entries, all or nothing; entries already in the log are not added twice. Every row of a
    tracker's export is kept: a name glutecoach does not know becomes a foreign entry (listed, exported
    back, never scored) that 'glutecoach log map' can map later.

    Example: glutecoach log import strong.csv --dry-run
    """
    from glutecoach.store import files, foreign, imports, log

    kind = word("format", source, imports.FORMATS, "--from") if source is not None else None
    if save_map and map_file is None:
        raise UsageError("--save-map saves the names of a --map FILE; give --map too.")
    given = _read_map(map_file) if map_file is not None else {}
    saved = imports.saved_mapping()
    data = files.read_file(file, "log export", files.MAX_IMPORT_BYTES)
    assert data is not None
    cat = load_catalogue(None)
    exercises = list(cat.exercises.values())
    imports.index_for(exercises, saved)  # a bad saved mapping is blamed on its file, not on --map
    try:
        plan = imports.plan(data, str(file), kind, exercises, {**saved, **given}, _units())
    except GlutecoachError as err:
        raise UsageError(f"{err} Nothing was imported.") from None
    if skip_unknown:
        plan = plan._replace(foreign=())
    if plan.format == "glutecoach" and plan.unknown and not skip_unknown and not dry_run:
        raise UsageError(_unknown_message(file, plan))
    fmt = None if plan.format == "glutecoach" else plan.format
    if dry_run:
        with log.connect(create=False) as conn:
            counts = foreign.count_new(conn, plan.entries, plan.foreign)
        _print_plan(file, plan, counts, skip_unknown)
        return
    with log.connect() as conn:
        counts = foreign.add_import(conn, fmt, plan.entries, plan.made_from or (None,) * len(plan.entries), plan.foreign, plan.saved_rows)
    kept = imports.save_mapping(given) if save_map else None
    _print_report(file, plan, counts, kept)
    _print_proposal()


def _print_proposal() -> None:
    """What 'plan start' would propose from the whole log now (core.history): the level, why, and Contact."""
    import datetime as dt

    from glutecoach.cli.options import load_catalogue
    from glutecoach.cli.plan_reads import proposal

    today = dt.date.today()
    found = proposal(load_catalogue(None), today)
    if found is None:
        return
    contact = " without the Contact phase (your log shows you past it)" if found.past_contact else ""
    sys.stdout.write(f"'glutecoach plan start' would propose {found.level}{contact}: {found.reason[len(found.level) + 2 :]}\n")


def _names(rows: Any, limit: int = 12) -> str:
    shown = [f"'{safe(n.name)}' ({plural(n.rows, 'row')}, line {n.line})" for n in rows[:limit]]
    more = len(rows) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _unknown_message(file: Path, plan: "ImportPlan") -> str:
    unknown = plan.unknown
    where = "entry" if plan.format == "glutecoach" else "line"
    names = _names(unknown).replace("line ", f"{where} ")
    return (
        f"{file}: {plural(len(unknown), 'exercise name')} {'matches' if len(unknown) == 1 else 'match'} no exercise "
        f"in the catalogue: {names}; nothing was imported. Map each name once with --map FILE "
        '({"Tracker name": "slug"}, or null to leave a name out; add --save-map to keep the mapping), add the '
        "exercise with a catalogue of your own, or pass --skip-unknown to leave them out. --dry-run shows every name."
    )


def _target(plan: "ImportPlan", n: Any, skip_unknown: bool) -> str:
    if n.slug:
        return str(n.slug)
    if n.mapped:
        return "skipped (your mapping)"
    if plan.format == "glutecoach" or skip_unknown:
        return "skipped (unknown)"
    return "kept as foreign"


def _print_plan(file: Path, plan: "ImportPlan", counts: "Added", skip_unknown: bool) -> None:
    """--dry-run: the mapping table, then the counts."""
    out = sys.stdout
    label = {"glutecoach": "glutecoach JSON", "strong": "Strong CSV", "hevy": "Hevy CSV", "fitnotes": "FitNotes CSV"}[plan.format]
    rest = f", {plural(plan.rest_timers, 'Rest Timer row')} skipped" if plan.rest_timers else ""
    out.write(
        f"{safe(str(file))}: {label}, "
        f"{plural(plan.rows, 'entry' if plan.format == 'glutecoach' else 'row', 'entries' if plan.format == 'glutecoach' else None)}"
        f"{rest}.\n"
    )
    table = [("Name", "Exercise", "Rows", "Sets")]
    for n in plan.names:
        target = _target(plan, n, skip_unknown)
        table.append((safe(n.name)[:48], safe(target), str(n.rows), str(n.sets)))
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    for r in table:
        out.write(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]:>{widths[3]}}\n".rstrip() + "\n")
    new, already = counts.entries, counts.already
    out.write(f"Would add {plural(new, 'entry', 'entries')}; {already} {'is' if already == 1 else 'are'} already in the log.\n")
    if plan.foreign:
        out.write(
            f"Would keep {plural(counts.foreign, 'foreign entry', 'foreign entries')} (names glutecoach does not know: "
            f"listed and exported back, never scored); {counts.foreign_already} already in the log.\n"
        )
    if plan.format == "glutecoach" and plan.unknown and not skip_unknown:
        many = len(plan.unknown)
        out.write(
            f"But {plural(many, 'name')} {'is' if many == 1 else 'are'} unknown: without a mapping for "
            f"{'it' if many == 1 else 'them'} (--map) or --skip-unknown, nothing would be imported.\n"
        )
    _print_left_out(plan)
    out.write("Nothing was written (--dry-run).\n")


def _print_left_out(plan: "ImportPlan") -> None:
    if plan.left_out:
        shown = "; ".join(safe(x) for x in plan.left_out[:5])
        more = len(plan.left_out) - 5
        sys.stdout.write(
            f"Left out {plural(len(plan.left_out), 'set')} with nothing to count: {shown}"
            + (f"; and {more} more" if more > 0 else "")
            + ".\n"
        )


def _print_report(file: Path, plan: "ImportPlan", counts: "Added", kept: int | None) -> None:
    out = sys.stdout
    sets = sum(len(e.sets) for e in plan.entries)
    added, already = counts.entries, counts.already
    out.write(
        f"Imported {plural(added, 'entry', 'entries')} from {safe(str(file))}; "
        f"{already} {'was' if already == 1 else 'were'} already in the log ({plural(sets, 'set')} read).\n"
    )
    if plan.foreign:
        kept_names = {fe.name for fe in plan.foreign}
        names = [n for n in plan.names if n.name in kept_names]
        out.write(
            f"Kept {plural(counts.foreign, 'foreign entry', 'foreign entries')} ({counts.foreign_already} already in the log) "
            f"of {plural(len(names), 'name')} glutecoach does not know: {_names(names)}. They are listed and exported "
            "back, never scored; map one with: glutecoach log map 'NAME' --to SLUG.\n"
        )
    if plan.saved_rows:
        out.write(
            f"Restored {plural(len(plan.saved_rows), 'imported tracker row')}; {counts.foreign} foreign "
            f"{'entry' if counts.foreign == 1 else 'entries'} added, {counts.foreign_already} already in the log.\n"
        )
    skipped = [n for n in plan.names if n.slug is None and not (plan.format != "glutecoach" and not n.mapped and plan.foreign)]
    if skipped:
        unknown = [n for n in skipped if not n.mapped]
        mapped = [n for n in skipped if n.mapped]
        if unknown:
            out.write(f"Left out {plural(len(unknown), 'unknown exercise name')}: {_names(unknown)}.\n")
        if mapped:
            out.write(f"Left out by your mapping: {_names(mapped)}.\n")
    if plan.rest_timers:
        out.write(f"Skipped {plural(plan.rest_timers, 'Rest Timer row')}.\n")
    _print_left_out(plan)
    if kept is not None:
        from glutecoach.store import imports

        out.write(f"Saved the name mapping ({plural(kept, 'name')}) to {safe(str(imports.mapping_path()))}.\n")


@handles_errors
def log_map(
    name: Annotated[
        str, typer.Argument(help="A tracker's exercise name as it was imported, e.g. 'Bench Press (Barbell)'.", show_default=False)
    ],
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="An exercise (slug, name or alias) to count these rows as, or 'none' to keep them as foreign entries.",
            show_default=False,
        ),
    ],
) -> None:
    """Map every imported row of one tracker name to an exercise, or back to a foreign entry (--to none).

    Example: glutecoach log map "Hip Thrust (Smith Machine)" --to hip-thrust
    """
    from glutecoach.core.lookup import find_exercise
    from glutecoach.store import foreign, imports, log

    convert: Callable[[Any], Any] | None = None
    target = "foreign entries (never scored)"
    if to.strip().casefold() != "none":
        exercise = find_exercise(load_catalogue(None), to)
        units = _units()
        target = exercise.slug

        def to_entry(record: Any) -> Any:
            return imports._convert(record, exercise.slug, exercise.unit, units, f"'{safe(record.name)}' of {record.date}: ")[0]

        convert = to_entry

    with log.connect(create=False) as conn:
        known = foreign.names(conn) + foreign.mapped_names(conn)
    if not any(imports.trackers.normalise(n) == imports.trackers.normalise(name) for n, _ in known):
        shown = ", ".join(f"'{safe(n)}'" for n, _ in known[:12]) or "none (import a Strong, Hevy or FitNotes export first)"
        raise UsageError(f"no imported row is named '{safe(name)}'; the names imported from trackers are: {shown}.")
    with log.connect() as conn:
        done = foreign.remap(conn, name, convert)
    kept = f"; {plural(done.foreign, 'row')} with nothing to count stay foreign" if convert is not None and done.foreign else ""
    if done.edited:
        kept += (
            f"; {plural(done.edited, 'entry', 'entries')} you edited since the import left as {'it is' if done.edited == 1 else 'they are'}"
        )
    sys.stdout.write(
        f"Mapped {plural(done.records, 'row')} named '{safe(name)}' to {safe(target)}: {plural(done.entries, 'entry', 'entries')}{kept}.\n"
    )


def print_foreign(since: str | None, limit: int) -> None:
    """`log list`: the foreign entries (newest first), after the log's own, wrapped to the terminal's
    width as the tables above them are (50-200 columns)."""
    import shutil
    import textwrap

    from glutecoach.store import foreign, log

    with log.connect(create=False) as conn:
        kept = foreign.foreign_entries(conn, since=since, limit=limit)
    if not kept:
        return
    width = min(200, max(50, shutil.get_terminal_size((80, 24)).columns))
    lines = [f"Foreign entries (names glutecoach does not know; kept, exported back, never scored): {len(kept)}"]
    for k in kept:
        r = k.record
        sets = ", ".join(_set_text(s) for s in r.sets[:6]) + (" ..." if len(r.sets) > 6 else "")
        note = f"; {safe(r.note)[:60]}" if r.note else ""
        lines.append(f"  {r.date}  {safe(r.name)[:40]}: {sets}{note}")
    lines.append("Map a name with: glutecoach log map 'NAME' --to SLUG")
    wrapped = ["\n".join(textwrap.wrap(line, width, subsequent_indent="    ", break_on_hyphens=False)) for line in lines]
    sys.stdout.write("\n" + "\n".join(wrapped) + "\n")


def _set_text(s: Any) -> str:
    bits = []
    if s.reps:
        bits.append(f"{s.reps}" + (f"x{s.load:g}{' ' + s.unit if s.unit else ''}" if s.load else ""))
    elif s.load:
        bits.append(f"{s.load:g}{' ' + s.unit if s.unit else ''}")
    if s.seconds:
        bits.append(f"{s.seconds:g} s")
    if s.metres:
        bits.append(f"{s.metres:g} m")
    return " ".join(bits) or "-"
