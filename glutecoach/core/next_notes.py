"""The notes under `plan next`: where you are, when to see a clinician, and what a finished plan gained."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from glutecoach.core import pain as pain_words
from glutecoach.core.models import Catalogue, Entry
from glutecoach.core.plan_model import Plan
from glutecoach.core.position import GAP_HOLD_DAYS, GAP_LIGHTER_DAYS, Position
from glutecoach.core.training_state import TrainingState, read

PAIN_SPREAD = 2  # pain on this many exercises within a week: get it assessed


def gains(cat: Catalogue, plan: Plan, since: Sequence[Entry], lighter_days: frozenset[str]) -> list[str]:
    """Per main lift of the plan: its working load and estimated 1RM at the start of the plan and now."""
    mains = dict.fromkeys(e.exercise.slug for w in plan.weeks for s in w.sessions for e in s.exercises if e.role == "main")
    state = read(cat.exercises, since, lighter_days)
    out = []
    for slug in mains:
        s = state.of(slug)
        if s is None or s.working_load is None or s.first_load is None:
            continue
        line = f"{cat.exercises[slug].name}: {s.first_load:g} -> {s.working_load:g} {s.units}"
        if s.first_e1rm and s.e1rm:
            line += f" (estimated 1RM {s.first_e1rm:.0f} -> {s.e1rm:.0f})"
        out.append(line)
    return out


def notes(
    cat: Catalogue,
    plan: Plan,
    state: TrainingState,
    since: Sequence[Entry],
    history: Sequence[Entry],
    today: dt.date,
    pos: Position,
    in_contact: bool,
    saved: bool,
    begin: dt.date,
    rep: Any,
    hurt_recent: Sequence[Entry],
    back: bool,
) -> tuple[str, ...]:
    out = []
    if not saved:
        out.append(
            f"No saved plan: this follows the default {plan.weeks_total}-week {plan.level} plan for {plan.goal.name}, "
            f"{plan.days_per_week} days a week, counted from {begin.isoformat()} and started again when done. "
            "Save the plan you chose with 'glutecoach plan start'."
        )
    out.append(
        f"Week {pos.week}, session {pos.day} of {plan.days_per_week}: {pos.sessions_done} "
        f"session{'' if pos.sessions_done == 1 else 's'} logged since {begin.isoformat()}; "
        "your place follows the sessions you log, not the calendar."
    )
    if pos.gap_days is not None and pos.gap_days >= GAP_LIGHTER_DAYS:
        out.append(f"Back after {pos.gap_days} days: loads about 7% under your working loads this session, then progress again.")
    elif pos.gap_days is not None and pos.gap_days >= GAP_HOLD_DAYS:
        out.append(f"Back after {pos.gap_days} days: repeat your last working loads this session before adding.")
    if rep.moved is not None and rep.now is None:
        out.append(f"The planned lighter week (week {rep.moved}) is skipped: you had a lighter week less than three weeks before it.")
    out.extend(_clinician(cat, history, today, hurt_recent, back))
    if in_contact:
        out.append(
            "Contact phase: after each exercise rate 0-10 how clearly you felt your glutes (log add ... --contact N); "
            "it ends when every exercise is 7 or more twice."
        )
    else:
        out.append(
            "Progress by performance: the top of the range on every working set at 0-3 reps in reserve, pain-free, adds about "
            "2.5% load; drills add at most one set, then move up their ladder; warm-up sets do not count."
        )
    if pos.plan_done:
        gained = gains(cat, plan, since, rep.lighter_days)
        out.append(
            f"Your {plan.weeks_total}-week plan is done."
            + (" What it gained: " + "; ".join(gained) + "." if gained else "")
            + " Retest a main lift (after your ramp sets, work up to a set of 3-5 at 1-2 in reserve), then start the next block "
            "with 'glutecoach plan start --next' (the same options, at the level your log now supports): it starts each lift "
            "from your working loads and estimated 1RMs."
        )
    return tuple(out)


def _clinician(cat: Catalogue, history: Sequence[Entry], today: dt.date, hurt_recent: Sequence[Entry], back: bool) -> list[str]:
    out = []
    if any(pain_words.nerve(e) for e in hurt_recent):
        out.append(
            "See a clinician: you logged numbness, tingling or a pain shooting down the leg, which can come from an irritated nerve "
            "(the sciatic nerve runs beside the piriformis). Stop what brought it on and get it assessed before you load it again."
        )
    elif any(pain_words.sharp(e) for e in hurt_recent):
        out.append(
            "A sharp pain during a lift can be a strain: rest that movement, and see a clinician if it is still there in a few days "
            "or you cannot walk or bend normally."
        )
    for place in dict.fromkeys(p for e in hurt_recent for p in pain_words.places(e)):  # what the condition's note advises
        if place in cat.condition_notes:
            out.append(cat.condition_notes[place])
    week_ago = (today - dt.timedelta(days=7)).isoformat()
    spread = {e.slug for e in history if e.date >= week_ago and pain_words.hurt(e)}
    trend = pain_words.rising(history)
    if len(spread) >= PAIN_SPREAD or trend or back:
        why = (
            "your low-back pain rose over your last three logs"
            if back
            else f"pain rose {trend[0]} -> {trend[1]} -> {trend[2]} over your last three logs"
            if trend
            else "pain on two or more exercises this week"
        )
        out.append(f"See a clinician: {why}. Training around it is not enough; get it assessed.")
        out.append(cat.safety["general"])
    return out
