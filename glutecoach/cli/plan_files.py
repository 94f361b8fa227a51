"""`plan --format fit|ics` and `plan next --format fit|ics`: the plan as files for a watch or a calendar.

cli/plan.py hands its result here (a few lines); the renderers (render.fit, render.ics) build the bytes
and this module writes them: FIT only to a file (-o), iCalendar to -o or stdout.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from glutecoach.errors import UsageError
from glutecoach.render.text import plural, safe

if TYPE_CHECKING:
    from glutecoach.core.next_session import NextSession
    from glutecoach.core.plan import Plan

FILE_FORMATS = ["fit", "ics"]


def _write(path: Path, data: bytes) -> None:
    """Through the one careful output write (store.output): never over glutecoach's own files, into a
    pipe or device, never through a planted link, a regular file replaced whole."""
    from glutecoach.store.output import write_output

    write_output(path, data)


def _need_output(fmt: str, output: Path | None) -> Path:
    if output is None:
        raise UsageError(f"--format {fmt} writes binary files: give -o FILE, e.g. -o plan.{fmt}.")
    return output


def _start() -> dt.date:
    """The saved plan's first day, or today when no plan is saved."""
    from glutecoach.store import saved_plan

    choice = saved_plan.load()
    return dt.date.fromisoformat(choice.start) if choice is not None and choice.start else dt.date.today()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def write_plan(fmt: str, result: Plan, output: Path | None) -> None:
    """Every session of the plan: FIT files named after -o (plan.fit -> plan-w01-d1.fit, ...), or one calendar."""
    start = _start()
    if fmt == "ics":
        from glutecoach.render import ics

        text = ics.plan(result, start, _now())
        if output is None:
            sys.stdout.write(text)
            return
        _write(output, text.encode("utf-8"))
        sys.stdout.write(f"Wrote {plural(text.count('BEGIN:VEVENT'), 'event')} from {start.isoformat()} to {safe(str(output))}.\n")
        return
    from glutecoach.render import plan_files

    target = _need_output(fmt, output)
    files = plan_files.fit_files(result, start, _now())
    for suffix, data in files:
        _write(target.with_name(f"{target.stem}-{suffix}{target.suffix or '.fit'}"), data)
    first, last = (target.with_name(f"{target.stem}-{s}{target.suffix or '.fit'}").name for s in (files[0][0], files[-1][0]))
    sys.stdout.write(f"Wrote {plural(len(files), 'FIT workout')} to {safe(str(target.parent))}: {safe(first)} to {safe(last)}.\n")


def write_next(fmt: str, result: NextSession, output: Path | None, day: dt.date) -> None:
    """The next session as one FIT workout or one calendar event."""
    if fmt == "ics":
        from glutecoach.render import ics

        text = ics.next_session(result, day, _now())
        if output is None:
            sys.stdout.write(text)
            return
        _write(output, text.encode("utf-8"))
    else:
        from glutecoach.render import plan_files

        target = _need_output(fmt, output)
        _write(target, plan_files.fit_next(result, _now()))
    sys.stdout.write(f"Wrote the next session ({fmt.upper()}) to {safe(str(output))}.\n")
