"""`plan next`: from the plan you chose and your log, the week you are in and what to do next session.

Pure: the catalogue, the plan, the profile, the log's entries, today and the plan's start in; a
NextSession out. Each change carries its reason: contact ends the Contact phase, performance adds load
(the top of the range on every working set at 0-3 reps in reserve, pain-free), pain rests an exercise for
two weeks and it comes back through its regression, and a lighter week comes on schedule or when lifts
stall or pain rises (the change says which trigger fired).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from glutecoach.core.engine import exclusion
from glutecoach.core.models import Catalogue, Entry, Exercise, Profile, SetRow
from glutecoach.core.person import PAIN_STOP, REST_DAYS
from glutecoach.core.plan import BARBELL, LOAD_STEPS, Plan, PlannedExercise, barred, cue_for, dose_in, is_complex

HISTORY_WEEKS = 20  # how far back the log is read for the next session
CONTACT_DONE = 7  # rated this or more twice in a row: contact found
CONTACT_POOR = 3  # this or less twice: regress and try another cue
LOAD_STEP = 0.025  # add about 2.5%, rounded to what can be loaded
RIR_WINDOW = (0, 3)  # reps in reserve at which the top of the range counts (0: failure, accurate near it)
MAX_SETS = 5  # a body-weight exercise adds sets up to this, then moves on to a progression
RISING_PAIN = 3  # pain rising three weeks running, to at least this, is a trigger
STALL_EXPOSURES = 3
STALLED_LIFTS = 2  # this many lifts stalled over three sessions: a lighter week
DELOAD_LOAD = 0.9
DELOAD_DAYS = 7
UNIT_WORD = {"reps": "reps", "seconds": "s", "contacts": "contacts", "metres": "m", "steps": "steps"}
Add = Callable[["PlannedExercise", Exercise, int, "float | None", "str | None"], None]


class Change(NamedTuple):
    slug: str
    action: str  # progress | regress | rest | return | keep | deload
    to: str | None
    until: str | None
    reason: str
    trigger: str | None = None  # deloads: scheduled | stalled | pain-rising


class NextExercise(NamedTuple):
    slug: str
    name: str
    sets: int
    reps: tuple[int, int]  # in `unit`
    load: float | None
    unit: str = "reps"
    per_side: bool = False
    rest_s: int = 0
    load_unit: str | None = None  # kg | lb, with `load`
    cue: str = ""
    warmup_sets: int = 0  # lighter ramp sets first (barbell lifts): shown, never counted
    note: str = ""  # a new lift's "start light", a declared condition's caution


class PhaseChange(NamedTuple):
    before: str
    after: str
    changes: tuple[str, ...]


class NextSession(NamedTuple):
    phase: str
    week: int
    day: int
    changes: tuple[Change, ...]
    next_session: tuple[NextExercise, ...]
    notes: tuple[str, ...]
    deload: str | None = None  # the trigger, when the session is lighter
    phase_change: PhaseChange | None = None
    saved: bool = False  # follows a plan saved with `plan start`
    start: str = ""


class Where(NamedTuple):
    week: int
    phase: str
    week_start: dt.date


def working(e: Entry) -> tuple[SetRow, ...]:
    """The sets that count: every set but a warm-up (works before and after set types existed)."""
    return tuple(s for s in e.sets if getattr(s, "type", "working") != "warmup")


def pained(e: Entry) -> bool:
    note = (e.note or "").lower()
    return (e.pain_score is not None and e.pain_score >= PAIN_STOP) or ("worse" in note and "morning" in note)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _history(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    for e in sorted(entries, key=lambda e: (e.date, e.id or 0)):
        out.setdefault(e.slug, []).append(e)
    return out


def _twice(h: Sequence[Entry], test: str) -> bool:
    last = [e.contact for e in h[-2:]]
    if len(last) < 2 or any(c is None for c in last):
        return False
    return all(c >= CONTACT_DONE for c in last) if test == "done" else all(c <= CONTACT_POOR for c in last)  # type: ignore[operator]


# --- loads ------------------------------------------------------------------------------------------


def step_for(unit: str, steps: Mapping[str, float] | None = None) -> float:
    return (steps or {}).get(unit, LOAD_STEPS.get(unit, LOAD_STEPS["kg"]))


def next_load(last: float, step: float) -> float:
    """About LOAD_STEP more, on the step grid, and at least one step up."""
    above = (math.floor(last / step + 1e-9) + 1) * step
    near = math.floor(last * (1 + LOAD_STEP) / step + 0.5) * step
    return round(max(above, near), 2)


def lighter(last: float, step: float) -> float:
    """About 10% less, on the step grid, and at least one step down (never below one step)."""
    near = math.floor(last * DELOAD_LOAD / step + 0.5) * step
    below = math.ceil(last / step - 1e-9) * step - step
    return round(max(step, min(near, below)), 2)


# --- where you are ----------------------------------------------------------------------------------


class _Context(NamedTuple):
    cat: Catalogue
    plan: Plan
    start: dt.date
    found: dt.date | None  # the day the last Contact exercise found contact


def _contact_found(cat: Catalogue, plan: Plan, history: dict[str, list[Entry]]) -> dt.date | None:
    """The day every Contact exercise (or one of its regressions) had been rated 7+ twice in a row."""
    span = plan.phases[0]
    if not span.phase.contact_check:
        return None
    slugs = dict.fromkeys(e.exercise.slug for w in plan.weeks if w.week in span.weeks for s in w.sessions for e in s.exercises)
    days = []
    for slug in slugs:
        found = []
        for s in (slug, *cat.exercises[slug].regressions):
            h = history.get(s, [])
            found += [_day(h[i].date) for i in range(1, len(h)) if _twice(h[i - 1 : i + 1], "done")][:1]
        if not found:
            return None
        days.append(min(found))
    return max(days)


def where(ctx: _Context, day: dt.date) -> Where:
    phases = ctx.plan.phases
    first = phases[0]
    if first.phase.contact_check and (ctx.found is None or day <= ctx.found):
        k = max(0, (day - ctx.start).days // 7)
        return Where(first.weeks[min(k, len(first.weeks) - 1)], first.phase.name, ctx.start + dt.timedelta(weeks=k))
    contact = first.phase.contact_check and ctx.found is not None and len(phases) > 1
    begin = ctx.found + dt.timedelta(days=1) if contact and ctx.found else ctx.start
    k = max(0, (day - begin).days // 7)
    week = min((phases[1].weeks[0] if contact else 1) + k, ctx.plan.weeks_total)
    return Where(week, next(s.phase.name for s in phases if week in s.weeks), begin + dt.timedelta(weeks=k))


def _week_start(ctx: _Context, week: int) -> dt.date | None:
    """The day a plan week after Contact begins (None while Contact is not done)."""
    phases = ctx.plan.phases
    if phases[0].phase.contact_check:
        if ctx.found is None or len(phases) < 2:
            return None
        return ctx.found + dt.timedelta(days=1, weeks=week - phases[1].weeks[0])
    return ctx.start + dt.timedelta(weeks=week - 1)


# --- lighter weeks ----------------------------------------------------------------------------------


def _stalled(h: Sequence[Entry]) -> bool:
    """No better over the last three sessions: neither a heavier top load nor more reps at it."""
    if len(h) < STALL_EXPOSURES:
        return False

    def perf(e: Entry) -> tuple[float, int]:
        work = working(e)
        return (max((s.load or 0.0 for s in work), default=0.0), sum(s.reps for s in work))

    first, *rest = [perf(e) for e in h[-STALL_EXPOSURES:]]
    return max(rest) <= first


def _rising(entries: Sequence[Entry]) -> tuple[int, int, int] | None:
    """The worst pain of the last three weeks with pain logged, when they run consecutively and rise."""
    weekly: dict[dt.date, int] = {}
    for e in entries:
        if e.pain_score is not None:
            d = _day(e.date)
            monday = d - dt.timedelta(days=d.weekday())
            weekly[monday] = max(weekly.get(monday, 0), e.pain_score)
    weeks = sorted(weekly)[-3:]
    if len(weeks) < 3 or (weeks[2] - weeks[0]).days != 14:
        return None
    a, b, c = (weekly[w] for w in weeks)
    return (a, b, c) if a < b < c and c >= RISING_PAIN else None


def _trigger(cat: Catalogue, window: Sequence[Entry]) -> tuple[str, str] | None:
    stalled = [slug for slug, h in _history(window).items() if _stalled(h)]
    if len(stalled) >= STALLED_LIFTS:
        names = ", ".join(cat.exercises[s].name if s in cat.exercises else s for s in stalled)
        return "stalled", f"{names}: no better over their last {STALL_EXPOSURES} sessions"
    pain = _rising(window)
    if pain:
        return "pain-rising", f"your worst pain rose {pain[0]} -> {pain[1]} -> {pain[2]} over three weeks"
    return None


def _deload(ctx: _Context, entries: Sequence[Entry], today: dt.date) -> tuple[str, str] | None:
    """A lighter week now: scheduled in the plan, or proposed when a trigger fired (replayed over the log,
    so a lighter week lasts DELOAD_DAYS and the triggers then read only what came after it)."""
    now = where(ctx, today)
    if ctx.plan.weeks[now.week - 1].deload:
        return "scheduled", f"week {now.week} is a planned lighter week"
    if now.phase == ctx.plan.phases[0].phase.name and ctx.plan.phases[0].phase.contact_check:
        return None
    since, until, active = ctx.start, None, None
    days = [*sorted({_day(e.date) for e in entries if ctx.start <= _day(e.date) < today}), today]
    planned = [_week_start(ctx, w.week) for w in ctx.plan.weeks if w.deload]
    for d in days:
        if until is not None and d < until:
            continue
        ended = [s + dt.timedelta(days=7) for s in planned if s is not None and s + dt.timedelta(days=7) <= d]
        since = max([since, *ended])
        if ctx.plan.weeks[where(ctx, d).week - 1].deload:
            continue
        fired = _trigger(ctx.cat, [e for e in entries if since <= _day(e.date) < d])
        if fired:
            until = d + dt.timedelta(days=DELOAD_DAYS)
            since, active = until, fired
    return active if until is not None and today < until else None


# --- choosing replacements --------------------------------------------------------------------------


def _ok(ctx: _Context, ex: Exercise, profile: Profile, avoid: set[str]) -> bool:
    return ex.slug not in avoid and exclusion(ex, ctx.plan.goal, profile) is None and not barred(ex, profile, ctx.cat.still_covers)


def easier(ctx: _Context, ex: Exercise, profile: Profile, avoid: set[str], contact: bool = False) -> Exercise | None:
    """One of its regressions, else an easier exercise of the same pattern (simpler, or as simple and
    lighter): the closest one, or for contact the easiest to feel."""
    cat = ctx.cat
    for slug in ex.regressions:
        if slug in cat.exercises and _ok(ctx, cat.exercises[slug], profile, avoid):
            return cat.exercises[slug]
    options = [o for o in cat.exercises.values() if o.pattern == ex.pattern and o.slug != ex.slug
               and (o.complexity, o.load_potential) < (ex.complexity, ex.load_potential) and _ok(ctx, o, profile, avoid)]
    key = (lambda o: (-o.contact_ease, o.complexity, o.slug)) if contact else (lambda o: (-o.complexity, -o.load_potential, o.slug))
    return min(options, key=key, default=None)


def harder(ctx: _Context, ex: Exercise, profile: Profile, avoid: set[str]) -> Exercise | None:
    """One of its progressions, when the person may do it."""
    return next((ctx.cat.exercises[s] for s in ex.progressions if s in ctx.cat.exercises and _ok(ctx, ctx.cat.exercises[s], profile, avoid)), None)


# --- the next session -------------------------------------------------------------------------------


def _last_load(h: Sequence[Entry]) -> tuple[float | None, str | None]:
    for e in reversed(h):
        loads = [s.load for s in working(e) if s.load is not None]
        if loads:
            return max(loads), e.units
    return None, None


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
    history = _history(entries)
    begin = start or (min((_day(e.date) for e in entries), default=today))
    ctx = _Context(cat, plan, begin, _contact_found(cat, plan, history))
    now = where(ctx, today)
    week = plan.weeks[now.week - 1]
    done = len({e.date for e in entries if now.week_start.isoformat() <= e.date < today.isoformat()})
    session = week.sessions[done % len(week.sessions)]
    span = next(s for s in plan.phases if now.week in s.weeks)
    phase_goal = cat.goals.get(span.goal, plan.goal)
    in_contact = span.phase.contact_check
    deload = _deload(ctx, entries, today)
    recent = today - dt.timedelta(days=REST_DAYS)
    sore = {s for s, h in history.items() if any(pained(e) and _day(e.date) > recent for e in h)}
    reserved = {e.exercise.slug for e in session.exercises}

    changes: list[Change] = []
    planned: list[NextExercise] = []
    used: set[str] = set()

    def add(item: PlannedExercise, ex: Exercise, sets: int, load: float | None, unit: str | None) -> None:
        if ex.slug in used:
            return
        dose = dose_in(cat, ex, phase_goal, span.phase, plan.level)
        same = ex.slug == item.exercise.slug
        reps, rest = (item.reps, item.rest_s) if same else (dose.reps, dose.rest_s)
        fresh = item.new if same else (is_complex(ex, plan.level) and ex.slug not in history)
        note = " ".join(x for x in ("New: start light and learn it." if fresh else "", item.note if same else "") if x)
        used.add(ex.slug)
        planned.append(NextExercise(ex.slug, ex.name, sets, reps, load, dose.unit, dose.per_side, rest, unit if load is not None else None,
                                    cue_for(ex), 0, note))

    for item in session.exercises:
        ex = item.exercise
        h = history.get(ex.slug, [])
        avoid = reserved | used | sore
        last_pain = max((e for e in h if pained(e)), key=lambda e: e.date, default=None)
        load, unit = _last_load(h)
        if ex.slug in sore and last_pain is not None:
            until = (_day(last_pain.date) + dt.timedelta(days=REST_DAYS)).isoformat()
            instead = easier(ctx, ex, profile, avoid)
            what = (f"pain {last_pain.pain_score}/10" if last_pain.pain_score is not None and last_pain.pain_score >= PAIN_STOP
                    else "pain that was worse the next morning")
            tail = (f" and do {instead.name}, pain-free, instead; it comes back through that regression."
                    if instead else "; nothing easier of the same pattern is open to you, so leave it out.")
            changes.append(Change(ex.slug, "rest", instead.slug if instead else None, until,
                                  f"You logged {what} on {last_pain.date}: rest {ex.name} for two weeks{tail}"))
            if instead is not None:
                add(item, instead, item.sets, *_last_load(history.get(instead.slug, [])))
            continue
        if last_pain is not None and h[-1] is last_pain:  # rested, and not done since
            instead = easier(ctx, ex, profile, avoid)
            if instead is not None and not any(_day(e.date) > _day(last_pain.date) and not pained(e) for e in history.get(instead.slug, [])):
                changes.append(Change(ex.slug, "return", instead.slug, None,
                                      f"The two-week rest is over: do {instead.name} pain-free first; {ex.name} comes back after it."))
                add(item, instead, item.sets, *_last_load(history.get(instead.slug, [])))
                continue
            back = lighter(load, step_for(unit or "kg", load_step)) if load is not None else None
            via = f" ({instead.name} went pain-free)" if instead is not None else ""
            changes.append(Change(ex.slug, "return", None, None,
                                  f"{ex.name} comes back after its rest{via}: start at the bottom of its range"
                                  + (f", lighter ({back:g} {unit})." if back is not None else ".")))
            add(item, ex, item.sets, back, unit)
            continue
        if in_contact:
            _contact(ctx, item, h, profile, avoid, changes, add)
            continue
        sets = item.sets
        if h and deload is None:
            sets, load, move = _progress(ctx, item, h[-1], profile, avoid, load, unit, load_step, changes)
            if move is not None:
                add(item, move, sets, None, None)
                continue
        add(item, ex, sets, load, unit)

    if deload is not None:
        trigger, why = deload
        halve = trigger != "scheduled"  # a planned lighter week is already halved in the plan
        for i, e in enumerate(planned):
            step = step_for(e.load_unit or "kg", load_step)
            load = lighter(e.load, step) if e.load is not None else None
            sets = max(1, (e.sets + 1) // 2) if halve else e.sets
            planned[i] = e._replace(sets=sets, load=load)
            changes.append(Change(e.slug, "deload", None, None,
                                  f"Lighter week ({why}): {sets} sets" + (f" at {load:g} {e.load_unit}" if load is not None else "")
                                  + ", stopping 3-4 reps short of failure.", trigger))

    ramped = False  # ramp sets before the session's barbell lifts: the first gets two or three
    for i, e in enumerate(planned):
        if any(x in BARBELL for x in cat.exercises[e.slug].equipment) and e.unit == "reps":
            planned[i] = e._replace(warmup_sets=1 if ramped else (3 if e.reps[1] <= 8 else 2))
            ramped = True
    previous = max((_day(e.date) for e in entries if begin <= _day(e.date) < today), default=None)
    change = None
    if previous is not None and (before := where(ctx, previous)).phase != now.phase:
        change = PhaseChange(before.phase, now.phase, span.changes)
    return NextSession(now.phase, now.week, session.day, tuple(changes), tuple(planned),
                       _notes(ctx, entries, today, in_contact, saved, now), deload[0] if deload else None, change, saved, begin.isoformat())


def _contact(ctx: _Context, item: PlannedExercise, h: list[Entry], profile: Profile, avoid: set[str], changes: list[Change], add: Add) -> None:
    ex = item.exercise
    if _twice(h, "done"):
        nxt = harder(ctx, ex, profile, avoid)
        if nxt is not None:
            changes.append(Change(ex.slug, "progress", nxt.slug, None,
                                  f"Contact {h[-2].contact} and {h[-1].contact}/10 in your last two sessions: contact found, move on to {nxt.name}."))
            add(item, nxt, item.sets, None, None)
            return
        changes.append(Change(ex.slug, "keep", None, None, f"Contact found ({h[-2].contact} and {h[-1].contact}/10); keep it until the Load phase."))
    elif _twice(h, "poor"):
        cue = next((c for c in ex.cues if "feel" in c.lower()), ex.cues[-1] if ex.cues else "")
        easy = easier(ctx, ex, profile, avoid, contact=True)
        if easy is not None:
            changes.append(Change(ex.slug, "regress", easy.slug, None,
                                  f"Contact {h[-2].contact} and {h[-1].contact}/10: try {easy.name}, slower, and this cue: {cue}"))
            add(item, easy, item.sets, None, None)
            return
        changes.append(Change(ex.slug, "keep", None, None, f"Contact is still low ({h[-1].contact}/10); go slower and try this cue: {cue}"))
    load, unit = _last_load(h)
    add(item, ex, item.sets, load, unit)


def _progress(ctx: _Context, item: PlannedExercise, last: Entry, profile: Profile, avoid: set[str], load: float | None,
              unit: str | None, load_step: Mapping[str, float] | None, changes: list[Change]) -> tuple[int, float | None, Exercise | None]:
    """Double progression from the last session: (sets, load, or an exercise to move on to)."""
    ex, top = item.exercise, item.reps[1]
    work = working(last)
    word = UNIT_WORD.get(item.unit, item.unit)
    at_top = bool(work) and all(s.reps >= top for s in work)
    rir = last.rir
    in_window = rir is None or RIR_WINDOW[0] <= rir <= RIR_WINDOW[1]
    loads = [s.load for s in work if s.load is not None]
    said = "" if rir is None else f" at {rir} in reserve"
    if at_top and in_window and not pained(last):
        earlier = " Progress, and stop one rep earlier next time: 0 in reserve is failure." if rir == 0 else ""
        if loads:
            step = step_for(last.units, load_step)
            new = next_load(max(loads), step)
            changes.append(Change(ex.slug, "progress", None, None,
                                  f"{top} {word} on every working set last time{said}, pain-free: add load, {max(loads):g} -> {new:g} {last.units}.{earlier}"))
            return item.sets, new, None
        if len(work) < MAX_SETS:
            sets = min(MAX_SETS, max(item.sets, len(work)) + 1)
            changes.append(Change(ex.slug, "progress", None, None,
                                  f"{top} {word} on every set last time{said}, pain-free: add a set ({sets} sets).{earlier}"))
            return sets, None, None
        nxt = harder(ctx, ex, profile, avoid)
        if nxt is not None:
            changes.append(Change(ex.slug, "progress", nxt.slug, None,
                                  f"{len(work)} sets at the top of the range{said}: move on to {nxt.name}"
                                  + (" (new: start light and learn it)." if is_complex(nxt, ctx.plan.level) else ".") + earlier))
            return item.sets, None, nxt
        changes.append(Change(ex.slug, "keep", None, None,
                              f"{len(work)} sets at the top of the range: keep them and make each harder (3 s down, a pause at the top).{earlier}"))
        return len(work), None, None
    if at_top and rir is not None and rir > RIR_WINDOW[1]:
        changes.append(Change(ex.slug, "keep", None, None,
                              f"{rir} reps in reserve is too far from failure to judge (estimates are best near it): same load, and take "
                              "each set to 0-3 in reserve, past the top of the range if need be; then it progresses."))
    else:
        changes.append(Change(ex.slug, "keep", None, None,
                              f"Same load next time; reach {top} {word} on every working set, pain-free, before adding."))
    return item.sets, load, None


def _notes(ctx: _Context, entries: Sequence[Entry], today: dt.date, in_contact: bool, saved: bool, now: Where) -> tuple[str, ...]:
    plan = ctx.plan
    out = []
    if not saved:
        out.append(f"No saved plan: this follows the default {plan.weeks_total}-week {plan.level} plan for {plan.goal.name}, "
                   f"{plan.days_per_week} days a week, from {ctx.start.isoformat()}. Save the plan you chose with 'glutecoach plan start'.")
    last_week = (today - dt.timedelta(days=7)).isoformat()
    sore_week = {e.slug for e in entries if e.date >= last_week and pained(e)}
    rising = _rising(entries)
    if len(sore_week) >= 2 or rising:
        why = "pain on two or more exercises this week" if len(sore_week) >= 2 else "pain rising week to week"
        out.append(f"See a clinician: you logged {why}. Training around it is not enough; get it assessed.")
        out.append(ctx.cat.safety["general"])
    if in_contact:
        out.append("Contact phase: after each exercise rate 0-10 how clearly you felt your glutes (log add ... --contact N); "
                   "it ends when every exercise is 7 or more twice.")
    else:
        out.append("Progress by performance: the top of the range on every working set at 0-3 reps in reserve, pain-free, adds about "
                   "2.5% load (or a set); warm-up sets do not count.")
    end = now.week_start + dt.timedelta(weeks=plan.weeks_total - now.week + 1)
    if today >= end:
        out.append(f"Your {plan.weeks_total}-week plan is done: start the next one with 'glutecoach plan start'.")
    return tuple(out)


def history_start(today: dt.date) -> str:
    """The first day of the log that the next session reads."""
    return (today - dt.timedelta(weeks=HISTORY_WEEKS)).isoformat()


def up_to(entries: Sequence[Entry], today: dt.date) -> list[Entry]:
    """The entries on or before today (a later date cannot shape today's session)."""
    return [e for e in entries if e.date <= today.isoformat()]
