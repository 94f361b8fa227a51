"""`plan next`: from the plan you chose and your log, where you are and what to do next session.

The work is split by role: core.training_state reads the log once (working loads, estimated 1RMs,
sessions done); core.position places you in the plan by the sessions you did; core.lighter_weeks
replays the log to know which weeks were lighter and whether the next is; core.decisions decides each
exercise's load and sets and core.next_items applies them exercise by exercise; core.pain says what "it
hurt" means; core.next_notes words the notes; core.next_model is the answer as data. This module puts
them together. Pure: catalogue, plan, profile, entries, today in; a NextSession out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from glutecoach.core import pain as pain_words
from glutecoach.core.lighter_weeks import replay
from glutecoach.core.models import Catalogue, Entry, Profile
from glutecoach.core.next_items import CONTACT_DONE, Builder, Ctx, rested_by, spares, tissue_of  # noqa: F401  (re-exported)
from glutecoach.core.next_model import Change, NextExercise, NextSession, PhaseChange  # noqa: F401  (re-exported)
from glutecoach.core.next_notes import notes
from glutecoach.core.person import REST_DAYS
from glutecoach.core.plan_model import BARBELL, LOAD_STEPS, Plan, Session
from glutecoach.core.plan_rules import rated_for_contact
from glutecoach.core.position import Position, Shape, placed, position
from glutecoach.core.training_state import loadable, read

RECENT_WEEKS = 12  # the log read whole for the next session; before it, only each lift's last sessions


def shape_of(plan: Plan, rolling: bool = False) -> Shape:
    first = plan.phases[0]
    contact = first.weeks if first.phase.contact_check and len(plan.phases) > 1 else ()
    return Shape(plan.weeks_total, plan.days_per_week, tuple(contact), tuple(w.phase for w in plan.weeks), rolling)


def contact_found(cat: Catalogue, plan: Plan, entries: Sequence[Entry]) -> str | None:
    """The day every Contact drill (or one standing in for it) had been rated 7+ twice in a row; the goal's
    additions (hops, sit-to-stands) are practice, never rated."""
    span = plan.phases[0]
    if not span.phase.contact_check:
        return None
    by_slug: dict[str, list[Entry]] = {}
    for e in entries:
        by_slug.setdefault(e.slug, []).append(e)
    slugs = dict.fromkeys(
        e.exercise.slug
        for w in plan.weeks
        if w.week in span.weeks
        for s in w.sessions
        for e in s.exercises
        if rated_for_contact(e.exercise, span.phase)
    )
    days = []
    for slug in slugs:
        found = []
        for s in (slug, *cat.exercises[slug].regressions, *cat.exercises[slug].progressions):
            h = [e for e in by_slug.get(s, []) if e.contact is not None]
            found += [h[i].date for i in range(1, len(h)) if min(h[i - 1].contact, h[i].contact) >= CONTACT_DONE][:1]  # type: ignore[type-var, operator]
        if not found:
            return None
        days.append(min(found))
    return max(days)


def _session_for(plan: Plan, pos: Position, lighter: bool) -> Session:
    """The plan's session for this place; a scheduled lighter week that was moved gives a normal week's."""
    week = plan.weeks[pos.week - 1]
    if week.deload and not lighter:
        same = [w for w in plan.weeks if w.phase == week.phase and not w.deload]
        week = min(same, key=lambda w: (abs(w.week - week.week), w.week), default=week)
    return week.sessions[(pos.day - 1) % len(week.sessions)]


def next_session(
    cat: Catalogue,
    plan: Plan,
    profile: Profile,
    entries: Sequence[Entry],
    today: dt.date,
    start: dt.date | None = None,
    load_step: Mapping[str, float] | None = None,
    saved: bool = False,
) -> NextSession:
    known = cat.exercises
    until = today.isoformat()
    history = [e for e in entries if e.slug in known and e.date <= until]
    begin = start or (min((dt.date.fromisoformat(e.date) for e in history), default=today))
    first = begin.isoformat()
    since = [e for e in history if e.date >= first]
    shape = shape_of(plan, rolling=not saved)
    found = contact_found(cat, plan, since)
    days = sorted({e.date for e in since})
    pos = position(shape, days, found, today)
    if history:  # the gap counts from the last session of any plan (a new plan after five months off is still a return)
        pos = pos._replace(gap_days=(today - dt.date.fromisoformat(max(e.date for e in history))).days)
    in_contact = bool(shape.contact_weeks) and found is None
    contact_days = {d for d in days if shape.contact_weeks and (found is None or d <= found)}
    loaded = {s.slug for s in known.summaries if loadable(s)}  # summaries: no exercise is built to ask
    scheduled = {w.week for w in plan.weeks if w.deload}
    rep = replay(
        shape,
        scheduled,
        placed(shape, days, found),
        contact_days,
        since,
        pos.week,
        in_contact,
        loaded,
        {slug: known[slug].name for slug in {e.slug for e in since}},  # the lifts a stall can name: those logged
    )
    state = read(known, history, rep.lighter_days)
    ctx = Ctx(cat, plan, profile, state, pos, {**LOAD_STEPS, **(load_step or {})}, in_contact, rep.now, today)
    session = _session_for(plan, pos, rep.now is not None)
    recent = (today - dt.timedelta(days=REST_DAYS)).isoformat()
    hurt_recent = sorted((e for e in history if e.date >= recent and pain_words.hurt(e)), key=lambda e: e.date)
    back = pain_words.rising(history[-60:]) is not None and any(pain_words.low_back(e) for e in history[-60:] if e.pain_score)
    b = Builder(ctx, session, hurt_recent)
    for item in session.exercises:
        b.plan_item(item, back)
    items = _ramped(cat, b.items)
    change = None
    if days and pos.sessions_done and (before := _phase_of(shape, days, found)) != pos.phase:
        span = next(s for s in plan.phases if pos.week in s.weeks)
        change = PhaseChange(before, pos.phase, span.changes)
    words = notes(cat, plan, state, since, history, today, pos, in_contact, saved, begin, rep, hurt_recent, back)
    return NextSession(
        pos.phase,
        pos.week,
        session.day,
        tuple(b.changes),
        tuple(items),
        words,
        rep.now.trigger if rep.now else None,
        change,
        saved,
        begin.isoformat(),
        pos,
        pos.plan_done,
    )


def _phase_of(shape: Shape, days: Sequence[str], found: str | None) -> str:
    last = placed(shape, days, found)[-1][1]
    return shape.phase_of[last - 1]


def _ramped(cat: Catalogue, items: list[NextExercise]) -> list[NextExercise]:
    """Ramp sets before the session's barbell lifts: the first gets two or three, the others one."""
    out, ramped = [], False
    for e in items:
        if any(x in BARBELL for x in cat.exercises[e.slug].equipment) and e.unit == "reps":
            e = e._replace(warmup_sets=1 if ramped else (3 if e.reps[1] <= 8 else 2))
            ramped = True
        out.append(e)
    return out


def history_start(today: dt.date, plan_start: dt.date | None = None) -> str:
    """The first day of the log the next session reads whole: the last RECENT_WEEKS, or from the saved
    plan's first day when that is earlier (every session of the plan counts for your place in it)."""
    recent = today - dt.timedelta(weeks=RECENT_WEEKS)
    return min(recent, plan_start or recent).isoformat()


def up_to(entries: Sequence[Entry], today: dt.date) -> list[Entry]:
    """The entries on or before today (a later date cannot shape today's session)."""
    until = today.isoformat()
    return [e for e in entries if e.date <= until]
