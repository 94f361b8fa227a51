"""What `plan next` reads and decides with: the saved plan built, the log read (the last 12 weeks whole,
each lift's last sessions before), the level the log supports; `plan`, `plan next` and `log session` all
ask here, so they always agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from glutecoach.cli.options import goal_for, load_catalogue, person

DEFAULT_GOAL = "glute-size"  # a plan's goal when neither the options nor the profile give one

if TYPE_CHECKING:
    import sqlite3

    from glutecoach.core.history import LevelProposal
    from glutecoach.core.models import Catalogue, Entry, Profile
    from glutecoach.core.next_session import NextSession
    from glutecoach.core.plan import Plan, PlanChoice


def plan_for(
    level: str | None,
    goal: str | None,
    weeks: int,
    days: int,
    equipment: list[str] | None,
    pain: list[str] | None,
    catalogue_files: list[Path] | None,
    contact: bool = True,
    cat: Catalogue | None = None,
) -> tuple[Catalogue, Profile, Plan]:
    """The plan for these options (and the profile's where they say nothing); `cat`: the catalogue this
    run already loaded (loaded once, its notices said once)."""
    from glutecoach.store.plan_cache import built

    who = person(level, equipment, pain, goal, with_log=False, default_goal=DEFAULT_GOAL)
    cat = cat or load_catalogue(catalogue_files)
    return cat, who.profile, built(cat, goal_for(cat, who), who.profile, weeks, days, contact)


def built_choice(
    choice: PlanChoice, catalogue_files: list[Path] | None, weeks: int | None = None, days: int | None = None
) -> tuple[Catalogue, Profile, Plan]:
    from glutecoach.core.lookup import find_goal
    from glutecoach.errors import UnknownNameError
    from glutecoach.store.plan_cache import built

    cat = load_catalogue(catalogue_files)
    try:
        goal = find_goal(cat, choice.goal)
    except UnknownNameError as err:
        raise err.at("in your saved plan (run 'glutecoach plan start' again)") from None
    weeks = choice.weeks if weeks is None else weeks
    days = choice.days_per_week if days is None else days
    return cat, choice.profile, built(cat, goal, choice.profile, weeks, days, choice.contact)


def _opened(conn: sqlite3.Connection | None) -> AbstractContextManager[sqlite3.Connection]:
    """The connection this run already holds, or the log opened for one question."""
    from glutecoach.store import log

    return nullcontext(conn) if conn is not None else log.connect(create=False)


def log_entries(
    today: dt.date,
    plan_start: dt.date | None = None,
    lifts: Sequence[str] = (),
    conn: sqlite3.Connection | None = None,
    recent: list[Entry] | None = None,
) -> list[Entry]:
    """The log the next session reads: whole since history_start, and for each of `lifts` not logged since,
    its last few sessions before (a working load after a long break, without reading the years between).
    `recent`: the whole part, when this run has read it already (recent_entries)."""
    from glutecoach.core import next_session
    from glutecoach.store import log

    begin = next_session.history_start(today, plan_start)
    with _opened(conn) as conn:
        if recent is None:
            recent = recent_entries(conn, today, plan_start)
        seen = {e.slug for e in recent}
        older = log.latest_of(conn, [s for s in lifts if s not in seen], begin)
    return next_session.up_to([*older, *recent], today)


def recent_entries(conn: sqlite3.Connection, today: dt.date, plan_start: dt.date | None = None) -> list[Entry]:
    """Every entry from history_start to today, in the log's order."""
    from glutecoach.core import next_session
    from glutecoach.store import log

    return log.entries(conn, since=next_session.history_start(today, plan_start), newest_first=False, until=today.isoformat())


def proposal(
    cat: Catalogue, today: dt.date, conn: sqlite3.Connection | None = None, recent: Sequence[Entry] | None = None, recent_since: str = ""
) -> LevelProposal | None:
    """What the whole log says of the lifter (core.history), from indexed queries, not every entry. With
    `recent` (every entry from `recent_since` to today, already read by this run), the days and ratings
    inside it are counted from it instead of asked again."""
    from glutecoach.core.history import CONTACT_RATINGS, last_contacts, loaded_days_in, propose_from, window_start
    from glutecoach.core.training_state import loadable
    from glutecoach.store import log

    lifts = [s.slug for s in cat.exercises.summaries if loadable(s)]  # summaries: no exercise is built to ask
    since, until = window_start(today), today.isoformat()
    with _opened(conn) as conn:
        span = log.span_of(conn, lifts, until)
        if span is None:
            return None
        if recent is not None and recent_since <= since:  # the window is inside what was read
            days = len(loaded_days_in(recent, set(lifts), since, until))
            ratings = last_contacts(recent, until)
            if len(ratings) < CONTACT_RATINGS:  # fewer ratings in the window: older ones count too
                ratings = log.recent_contacts(conn, until, CONTACT_RATINGS)
        else:
            days = log.days_since(conn, lifts, since, until)
            ratings = log.recent_contacts(conn, until, CONTACT_RATINGS)
    return propose_from(span[0], span[1], days, ratings, today)


def next_for(today: dt.date, catalogue_files: list[Path] | None = None, weeks: int | None = None, days: int | None = None) -> NextSession:
    """What `plan next` says for `today`: the saved plan (or, without one, a default plan at the level your
    log supports) and your log. `log session` asks here too, so both always agree."""
    from glutecoach.store import log

    with log.connect(create=False) as conn:  # one connection for every question of the run
        return _next_for(today, conn, catalogue_files, weeks, days)


def _next_for(
    today: dt.date, conn: sqlite3.Connection, catalogue_files: list[Path] | None, weeks: int | None, days: int | None
) -> NextSession:
    from glutecoach.core import next_session
    from glutecoach.store import saved_plan

    choice = saved_plan.load()
    recent = None
    if choice is None:
        from glutecoach.core.history import choose

        cat = load_catalogue(catalogue_files)
        set_elsewhere = person(None, None, None, None, with_log=False).sources.get("level") != "default"
        recent = recent_entries(conn, today)  # read once: the proposal counts in it, and the session reads it
        picked = choose(proposal(cat, today, conn, recent, next_session.history_start(today)), set_elsewhere)
        cat, profile, the_plan = plan_for(
            picked.level,
            None,
            8 if weeks is None else weeks,
            3 if days is None else days,
            None,
            None,
            catalogue_files,
            contact=picked.contact,
            cat=cat,
        )
        start, steps = None, None
    else:
        cat, profile, the_plan = built_choice(choice, catalogue_files, weeks, days)
        start, steps = dt.date.fromisoformat(choice.start), choice.steps
    lifts = sorted({e.exercise.slug for w in the_plan.weeks for s in w.sessions for e in s.exercises})
    entries = log_entries(today, start, lifts, conn, recent)
    if start is None:  # the default plan counts from the first day of the log read whole, not a lift's older sessions
        begin = next_session.history_start(today)
        first = min((e.date for e in entries if e.date >= begin), default=None)  # ISO days sort as dates
        start = dt.date.fromisoformat(first) if first else today
    return next_session.next_session(cat, the_plan, profile, entries, today, start, steps, saved=choice is not None)
