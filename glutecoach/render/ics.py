"""A plan in a calendar: one all-day event per session (iCalendar, RFC 5545), its exercises and doses in
the description, and a UID that stays the same for the same plan's session, so importing the file again
updates the events instead of doubling them. icalendar is imported here only."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from glutecoach.errors import UsageError
from glutecoach.render.plan_files import Dated, dose, sessions, title

if TYPE_CHECKING:
    from glutecoach.core.next_session import NextSession
    from glutecoach.core.plan import Plan


def _ical() -> Any:
    try:
        import icalendar
    except ImportError:
        raise UsageError("--format ics needs the icalendar package: pip install 'glutecoach[interop]'.") from None
    return icalendar


def _event(ical: Any, uid: str, summary: str, day: dt.date, lines: list[str], stamp: dt.datetime) -> Any:
    event = ical.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")  # a training day does not make you busy
    return event


def _calendar(ical: Any) -> Any:
    cal = ical.Calendar()
    cal.add("prodid", "-//glutecoach//plan//EN")
    cal.add("version", "2.0")
    return cal


def _lines(d: Dated) -> list[str]:
    lines = [f"{e.exercise.name}: {dose(e.sets, e.reps, e.unit, e.rest_s, e.per_side)}" for e in d.session.exercises]
    minutes = f"About {d.session.minutes} minutes. " if d.session.minutes else ""
    return [*lines, f"{minutes}Phase: {d.phase}. Training advice, not medical advice."]


def plan(p: Plan, start: dt.date, stamp: dt.datetime) -> str:
    ical = _ical()
    cal = _calendar(ical)
    for d in sessions(p, start):
        cal.add_component(_event(ical, d.uid, title(d), d.day, _lines(d), stamp))
    return str(cal.to_ical().decode("utf-8"))


def next_session(n: NextSession, day: dt.date, stamp: dt.datetime) -> str:
    ical = _ical()
    cal = _calendar(ical)
    lines = [
        f"{e.name}: {dose(e.sets, e.reps, e.unit, e.rest_s, e.per_side)}"
        + (f", {e.load:g} {e.load_unit}" if e.load is not None and e.load_unit else "")
        for e in n.next_session
    ]
    uid = f"next-{day.isoformat()}@glutecoach"
    cal.add_component(_event(ical, uid, f"glutecoach week {n.week} day {n.day}", day, [*lines, *n.notes], stamp))
    return str(cal.to_ical().decode("utf-8"))
