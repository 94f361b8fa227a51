"""`plan next`: from the plan and the log, the phase you are in and what to do next session.

Pure: the catalogue, the plan, the profile, the log's entries and today's date in; a NextSession out.
Each change carries its reason: contact decides when the Contact phase is done, performance decides
when to add load, and pain decides when to back off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from glutecoach.core.engine import alternatives, exclusion
from glutecoach.core.models import Entry
from glutecoach.core.models import Catalogue, Exercise, Profile
from glutecoach.core.person import PAIN_STOP, REST_DAYS
from glutecoach.core.plan import Plan

HISTORY_WEEKS = 20  # how far back the log is read for the next session
CONTACT_DONE = 7  # rated this or more in the last two sessions: contact found
CONTACT_POOR = 3  # this or less twice: regress and try another cue
LOAD_STEP = 0.025  # add 2.5% (at least the smallest plate step)


class Change(NamedTuple):
    slug: str
    action: str  # progress | regress | rest | keep
    to: str | None
    until: str | None
    reason: str


class NextExercise(NamedTuple):
    slug: str
    name: str
    sets: int
    reps: tuple[int, int]
    load: float | None


class NextSession(NamedTuple):
    phase: str
    week: int
    day: int
    changes: tuple[Change, ...]
    next_session: tuple[NextExercise, ...]
    notes: tuple[str, ...]


def _pained(e: Entry) -> bool:
    note = (e.note or "").lower()
    return (e.pain_score is not None and e.pain_score >= PAIN_STOP) or ("worse" in note and "morning" in note)


def _history(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    for e in sorted(entries, key=lambda e: (e.date, e.id or 0)):
        out.setdefault(e.slug, []).append(e)
    return out


def _contact_done(history: list[Entry]) -> bool:
    last = [e.contact for e in history[-2:]]
    return len(last) == 2 and all(c is not None and c >= CONTACT_DONE for c in last)


def _contact_poor(history: list[Entry]) -> bool:
    last = [e.contact for e in history[-2:]]
    return len(last) == 2 and all(c is not None and c <= CONTACT_POOR for c in last)


def _first_allowed(cat: Catalogue, slugs: Sequence[str], profile: Profile, avoid: set[str] = frozenset()) -> Exercise | None:  # type: ignore[assignment]
    for slug in slugs:
        ex = cat.exercises.get(slug)
        if ex is not None and slug not in avoid and exclusion(ex, None, profile) is None:
            return ex
    return None


def _where(plan: Plan, entries: Sequence[Entry], history: dict[str, list[Entry]], today: dt.date) -> tuple[int, str]:
    """The plan week you are in: Contact until every Contact exercise has found contact, then the
    following phases by the weeks since."""
    spans = list(plan.phases)
    if not entries:
        return spans[0].weeks[0], spans[0].phase.name
    start = dt.date.fromisoformat(min(e.date for e in entries))
    if spans[0].phase.contact_check:
        contact_slugs = {e.exercise.slug for w in plan.weeks if w.phase == spans[0].phase.name for s in w.sessions for e in s.exercises}
        done_dates = [history[s][-1].date for s in contact_slugs if s in history and _contact_done(history[s])]
        if len(done_dates) < len(contact_slugs):
            return spans[0].weeks[0], spans[0].phase.name
        start = dt.date.fromisoformat(max(done_dates)) + dt.timedelta(days=1)
        spans = spans[1:]
    first = spans[0].weeks[0]
    week = min(first + max(0, (today - start).days) // 7, plan.weeks[-1].week)
    phase = next(s.phase.name for s in spans if week in s.weeks)
    return week, phase


def next_session(cat: Catalogue, plan: Plan, profile: Profile, entries: Sequence[Entry], today: dt.date) -> NextSession:
    history = _history(entries)
    week_no, phase = _where(plan, entries, history, today)
    week = next(w for w in plan.weeks if w.week == week_no)
    monday = today - dt.timedelta(days=today.weekday())
    days_done = len({e.date for e in entries if monday.isoformat() <= e.date < today.isoformat()})
    session = week.sessions[days_done % len(week.sessions)]
    in_contact = phase == plan.phases[0].phase.name and plan.phases[0].phase.contact_check
    recent = (today - dt.timedelta(days=REST_DAYS)).isoformat()

    changes: list[Change] = []
    planned: list[NextExercise] = []
    used: set[str] = set()
    pained_slugs = {s for s, h in history.items() if any(_pained(e) and e.date >= recent for e in h)}
    for item in session.exercises:
        ex = item.exercise
        h = history.get(ex.slug, [])
        load: float | None = None
        use, sets = ex, item.sets
        if ex.slug in pained_slugs:
            sore = max((e for e in h if _pained(e)), key=lambda e: e.date)
            until = (dt.date.fromisoformat(sore.date) + dt.timedelta(days=REST_DAYS)).isoformat()
            instead = _first_allowed(cat, ex.regressions, profile, pained_slugs | used)
            if instead is None:
                alts = alternatives(cat, ex, profile, top=10).ranking.items
                instead = next((s.exercise for s in alts if s.exercise.slug not in pained_slugs | used), None)
            what = f"pain {sore.pain_score}/10" if sore.pain_score is not None and sore.pain_score >= PAIN_STOP else "pain that was worse the next morning"
            changes.append(Change(ex.slug, "rest", instead.slug if instead else None, until,
                                  f"You logged {what} on {sore.date}: rest {ex.name} for two weeks"
                                  + (f" and do {instead.name}, pain-free, instead; it comes back only through that regression." if instead else "; nothing pain-free replaces it here.")))
            if instead is None:
                continue
            use = instead
        elif in_contact and _contact_done(h):
            nxt = _first_allowed(cat, ex.progressions, profile, used)
            if nxt is not None:
                changes.append(Change(ex.slug, "progress", nxt.slug, None, f"Contact {h[-2].contact} and {h[-1].contact}/10 in your last two sessions: contact found, move on to {nxt.name}."))
                use = nxt
            else:
                changes.append(Change(ex.slug, "keep", None, None, f"Contact found ({h[-1].contact}/10 twice); keep it until the Load phase."))
        elif in_contact and _contact_poor(h):
            easier = _first_allowed(cat, ex.regressions, profile, used) or _first_allowed(
                cat, [e.slug for e in cat.exercises.values() if e.movement == ex.movement and e.contact_ease == 5 and e.slug != ex.slug], profile, used
            )
            cue = next((c for c in ex.cues if "feel" in c.lower()), ex.cues[-1])
            if easier is not None:
                changes.append(Change(ex.slug, "regress", easier.slug, None, f"Contact {h[-2].contact} and {h[-1].contact}/10: try {easier.name}, slower, and this cue: {cue}"))
                use = easier
            else:
                changes.append(Change(ex.slug, "keep", None, None, f"Contact is still low; go slower and try this cue: {cue}"))
        elif h and not in_contact:
            last = h[-1]
            top = item.reps[1]
            at_top = bool(last.sets) and all(s.reps >= top for s in last.sets)
            rir_ok = last.rir is None or 1 <= last.rir <= 3
            loads = [s.load for s in last.sets if s.load is not None]
            if at_top and rir_ok and not _pained(last):
                if loads:
                    step = 1.0 if last.units == "lb" else 0.5
                    load = max(max(loads) + step, round(max(loads) * (1 + LOAD_STEP) / step) * step)
                    changes.append(Change(ex.slug, "progress", None, None, f"You reached {top} reps on every set last time at {'' if last.rir is None else f'{last.rir} '}reps in reserve, pain-free: add load, {max(loads):g} -> {load:g} {last.units}."))
                else:
                    sets = min(item.sets + 1, 5)
                    changes.append(Change(ex.slug, "progress", None, None, f"You reached {top} reps on every set last time, pain-free: add a set ({sets} sets)."))
            else:
                load = max(loads) if loads else None
                missing = "reach the top of the reps range on every set" if not at_top else "keep 1-3 reps in reserve"
                changes.append(Change(ex.slug, "keep", None, None, f"Same load next time; {missing} before adding load."))
        used.add(use.slug)
        planned.append(NextExercise(use.slug, use.name, sets, item.reps, load))

    notes = []
    last_week = (today - dt.timedelta(days=7)).isoformat()
    sore_week = {e.slug for e in entries if e.date >= last_week and _pained(e)}
    weekly_pain: dict[str, int] = {}
    for e in entries:
        if e.pain_score is not None:
            week = (dt.date.fromisoformat(e.date) - dt.timedelta(days=dt.date.fromisoformat(e.date).weekday())).isoformat()
            weekly_pain[week] = max(weekly_pain.get(week, 0), e.pain_score)
    recent_weeks = [weekly_pain[w] for w in sorted(weekly_pain)[-3:]]
    rising = len(recent_weeks) == 3 and recent_weeks[0] < recent_weeks[1] < recent_weeks[2] and recent_weeks[2] >= 3
    if len(sore_week) >= 2 or rising:
        why = "pain on two or more exercises this week" if len(sore_week) >= 2 else "pain rising week to week"
        notes.append(f"See a clinician: you logged {why}. Training around it is not enough; get it assessed.")
        notes.append(cat.safety["general"])
    if in_contact:
        notes.append("Contact phase: after each exercise rate 0-10 how clearly you felt your glutes (log add ... --contact N).")
    else:
        notes.append("Contact ratings now only choose cues; progress by performance: top of the reps range at 1-3 reps in reserve, pain-free, then add 2.5-5% load or a set.")
    return NextSession(phase, week_no, session.day, tuple(changes), tuple(planned), tuple(notes))


def history_start(today: dt.date) -> str:
    """The first day of the log that the next session reads."""
    return (today - dt.timedelta(weeks=HISTORY_WEEKS)).isoformat()


def up_to(entries: Sequence[Entry], today: dt.date) -> list[Entry]:
    """The entries on or before today (a later date cannot shape today's session)."""
    return [e for e in entries if e.date <= today.isoformat()]
