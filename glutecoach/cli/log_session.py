"""`glutecoach log session`: a whole session logged in one go.

The exercises are what `plan next` prescribes (by default) or the ones named. On a terminal each is
asked in turn with its prescription and last time's numbers filled in: Enter accepts, a short form
changes part of it (`3x10@62.5 c7 p0`: sets x reps @ load, contact, pain; `-` skips it). Off a
terminal the same short forms come from `--entry` options or a file (`--file FILE`, `-` for stdin),
one exercise a line: `hip-thrust 3x10@60kg c7`. Nothing is saved until every answer is read.
"""

# No `from __future__ import annotations`: typer reads these signatures on every run, and real
# annotation objects spare it an eval per parameter.
import datetime as dt
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from glutecoach.cli.options import FormatOpt, check_date, complete_exercises, fmt_word, handles_errors, load_catalogue
from glutecoach.core.record import NamedTuple
from glutecoach.errors import UsageError

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue, Entry, Exercise

SHORT_FORM = "SETSxREPS@LOAD cCONTACT pPAIN (e.g. 3x10@62.5 c7 p0; any part alone, e.g. @65 or c8; - skips it)"
_SETS_REPS = re.compile(r"(\d+)?x(\d+)?", re.IGNORECASE)


class Answer(NamedTuple):
    """One exercise of the session as it will be saved."""

    slug: str
    sets: int
    reps: int
    load: float | None
    contact: int | None = None
    pain: int | None = None
    prescribed: str = ""  # what the plan said, shown when asking ("plan: 3 x 8-12 reps")


def _interactive() -> bool:
    """True on a terminal, where the session is asked exercise by exercise."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _base(name: str) -> str:
    """A name without a trailing '(...)' qualifier: 'Side-lying hip abduction (ankle weight)' -> its first words."""
    from glutecoach.core.lookup import normalise

    return normalise(re.sub(r"\s*\([^)]*\)\s*$", "", name))


def find_one(cat: "Catalogue", query: str) -> "Exercise":
    """The one exercise a name means; when it could mean several (a name shared but for its
    '(qualifier)'), a UsageError that lists the choices by slug. A slug is always exact."""
    from glutecoach.core.lookup import find_exercise, normalise

    if query in cat.exercises:
        return cat.exercises[query]
    wanted = normalise(query)
    matches = [
        ex for ex in cat.exercises.values() if wanted in {normalise(n) for n in (ex.slug, ex.name, *ex.aliases)} or _base(ex.name) == wanted
    ]
    if len(matches) > 1:
        choices = "; ".join(f"{ex.slug} ({ex.name})" for ex in matches)
        raise UsageError(f"'{query}' could mean {len(matches)} exercises: {choices}. Give the slug of the one you did.")
    return matches[0] if matches else find_exercise(cat, query)


def parse_short(text: str, start: Answer, units: str) -> Answer | None:
    """`start` changed by a short form (see SHORT_FORM); None for '-' (skip). Loads may carry kg or lb."""
    from glutecoach.core.units import parse_load

    answer = start
    for token in text.split():
        low = token.lower()
        if low in ("-", "skip"):
            return None
        if "@" in token:
            head, _, load = token.partition("@")
            try:
                answer = answer._replace(load=parse_load(load, units) if load.lower() not in ("bw", "0", "") else None)
            except ValueError as err:
                raise UsageError(f"'{token}': {err}") from None
            token = low = head
            if not token:
                continue
        found = _SETS_REPS.fullmatch(token)
        if found and (found.group(1) or found.group(2)):
            sets, reps = found.groups()
            answer = answer._replace(sets=int(sets) if sets else answer.sets, reps=int(reps) if reps else answer.reps)
        elif re.fullmatch(r"[cp]\d{1,2}", low):
            value = int(low[1:])
            if value > 10:
                raise UsageError(f"'{token}': contact and pain are 0-10.")
            answer = answer._replace(contact=value) if low[0] == "c" else answer._replace(pain=value)
        else:
            raise UsageError(f"'{token}' is not understood; accepted: {SHORT_FORM}.")
    return answer


def _last_time(conn: object, slug: str) -> "Entry | None":
    from glutecoach.store import log

    found = log.entries(conn, slug=slug, limit=1)  # type: ignore[arg-type]
    return found[0] if found else None


def _describe(answer: Answer, units: str, unit_word: str) -> str:
    load = f"@{answer.load:g} {units}" if answer.load is not None else ""
    extra = "".join(f" {k}{v}" for k, v in (("c", answer.contact), ("p", answer.pain)) if v is not None)
    return f"{answer.sets}x{answer.reps}{'' if unit_word == 'reps' else ' ' + unit_word}{load}{extra}"


def _prescribed(cat: "Catalogue", today: dt.date, units: str) -> list[Answer]:
    """What `plan next` prescribes today (cli.plan_reads.next_for, the same call), as the answers Enter accepts:
    the bottom of each rep range, the load in `units`."""
    from glutecoach.cli.plan_reads import next_for
    from glutecoach.core.units import convert

    result = next_for(today)
    return [
        Answer(
            n.slug,
            n.sets,
            n.reps[0],
            convert(n.load, n.load_unit, units) if n.load is not None and n.load_unit else n.load,
            prescribed=f"plan: {n.sets} x {n.reps[0]}-{n.reps[1]} {n.unit}{'/side' if n.per_side else ''}",
        )
        for n in result.next_session
    ]


def _start_for(cat: "Catalogue", slug: str, last: "Entry | None", units: str) -> Answer:
    """An exercise named (not prescribed): last time's numbers, or 3 sets of the bottom of its usual range."""
    if last is not None and last.counted_sets:
        top = max(last.counted_sets, key=lambda s: (s.load or 0, s.reps))
        return Answer(slug, len(last.counted_sets), top.reps, top.load if last.units == units else None)
    return Answer(slug, 3, 10, None)


def _ask(cat: "Catalogue", answers: list[Answer], last: "dict[str, Entry | None]", units: str) -> list[Answer]:
    from glutecoach.core.vocab import UNIT_SHORT
    from glutecoach.render.table_log import _sets

    kept = []
    sys.stdout.write(f"Enter accepts what is shown; or type {SHORT_FORM}.\n")
    for start in answers:
        ex = cat.exercises[start.slug]
        word = UNIT_SHORT.get(ex.unit, ex.unit)
        before = last.get(start.slug)
        said = f"last time {before.date}: {_sets(before, ex.unit)}" if before else "not logged before"
        said = f"{start.prescribed}; {said}" if start.prescribed else said
        sys.stdout.write(f"\n{ex.name} ({ex.slug}); {said}\n")
        while True:
            typed = typer.prompt(f"  {_describe(start, units, word)}", default="", show_default=False)
            try:
                answer = parse_short(typed, start, units)
                break
            except UsageError as err:
                sys.stdout.write(f"  {err} Try again.\n")
        if answer is not None:
            kept.append(answer)
    return kept


def _read_lines(cat: "Catalogue", lines: list[str], answers: dict[str, Answer], units: str, where: str) -> list[Answer]:
    """'NAME SHORT-FORM' per line; a name of several words may be quoted or joined by hyphens."""
    import shlex

    out = []
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        words = shlex.split(text)
        cut = next((i for i, w in enumerate(words) if i and (re.match(r"^(\d*x\d*|@|[cp]\d|-$)", w.lower()))), len(words))
        ex = find_one(cat, " ".join(words[:cut]))
        start = answers.get(ex.slug) or Answer(ex.slug, 3, 10, None)
        try:
            answer = parse_short(" ".join(words[cut:]), start, units)
        except UsageError as err:
            raise UsageError(f"{where}{number}: {err}") from None
        if answer is not None:
            out.append(answer)
    return out


@handles_errors
def log_session(
    exercises: Annotated[
        list[str] | None,
        typer.Argument(
            help="The exercises (slug, name or alias); default: what 'glutecoach plan next' prescribes.",
            autocompletion=complete_exercises,
            show_default=False,
        ),
    ] = None,
    entry: Annotated[
        list[str] | None,
        typer.Option("--entry", "-e", help="Off a terminal: one exercise as 'NAME 3x10@60kg c7 p0'. Repeat for each.", show_default=False),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="Off a terminal: a file of such lines, one exercise a line ('-' reads stdin).", show_default=False),
    ] = None,
    as_prescribed: Annotated[
        bool, typer.Option("--as-prescribed", help="Save each exercise as prescribed (or as last time), without asking.")
    ] = False,
    date: Annotated[
        str | None, typer.Option("--date", help="YYYY-MM-DD, today, yesterday or -3d; default today.", show_default=False)
    ] = None,
    fmt: FormatOpt = "table",
) -> None:
    """Log a whole session: each exercise asked in turn with the prescription and last time's numbers filled in.

    Enter accepts; '3x10@62.5 c7 p0' (sets x reps @ load, contact, pain) or any part of it changes it; '-' skips.
    Off a terminal, give --entry for each exercise, --file, or --as-prescribed.

    \b
    Example:
      glutecoach log session \\
        --entry 'hip-thrust 3x10@60kg c7' \\
        --entry 'clamshell 2x15 c6'
    """
    from glutecoach.store import formats as logio
    from glutecoach.store import log
    from glutecoach.store import profile as user_profile

    fmt = fmt_word(fmt)
    day = check_date(date)
    units = user_profile.load().units
    cat = load_catalogue(None)
    named = [find_one(cat, name).slug for name in exercises or []]
    with log.connect() as conn:
        last = {slug: _last_time(conn, slug) for slug in named}
        if named:
            starts = [_start_for(cat, slug, last[slug], units) for slug in named]
        elif entry or file:
            starts = []
        else:
            starts = _prescribed(cat, day, units)
            last.update({a.slug: _last_time(conn, a.slug) for a in starts})
        by_slug = {a.slug: a for a in starts}
        if entry or file:
            lines = list(entry or [])
            where = "--entry "
            if file is not None:
                lines += (sys.stdin.read() if str(file) == "-" else _read_file(file)).splitlines()
                where = f"{file}:"
            answers = _read_lines(cat, lines, by_slug, units, where)
        elif as_prescribed:
            answers = [a._replace(prescribed="") for a in starts]
        elif _interactive():
            answers = _ask(cat, starts, last, units)
        else:
            raise UsageError(
                "not a terminal, so nothing can be asked: give each exercise as --entry 'NAME 3x10@60kg c7 p0', "
                "a file of such lines with --file, or --as-prescribed to save the prescription as it is."
            )
        if not answers:
            sys.stdout.write("Nothing to save.\n")
            return
        made = [
            logio.make_entry(cat, a.slug, [(a.reps, a.load, "working")] * a.sets, day.isoformat(), units, a.contact, a.pain)
            for a in answers
        ]
        saved = [log.add(conn, e) for e in made]
    _show(cat, saved, fmt)


def _read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read {path} ({getattr(err, 'strerror', None) or err}).") from None


def _show(cat: "Catalogue", saved: "list[Entry]", fmt: str) -> None:
    if fmt == "json":
        from glutecoach.render import data

        data.emit({"entries": [data.entry(e) for e in saved]})
        return
    from glutecoach.render import table_log

    for e in saved:
        table_log.saved_entry(cat, e)
