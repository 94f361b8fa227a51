"""Week-by-week plans that follow the goal, phase by phase (phases are data/plans.yaml).

The goal decides what a session covers (its `needs`, then its ranking) and every dose (core.dose, the
same as `recommend`); a phase decides which exercises it may use and how heavy the main lifts go. The
rooms: core.plan_model (the plan as data), core.plan_rules (the small rules and their figures),
core.plan_sessions (choosing and ordering a week's sessions), core.plan_volume (hard sets: the range, the
ramp, the trim), core.plan_weeks (a phase week by week: the bridge from feeling to loading). This module
puts the phases together and words what changes. Pure: the catalogue, the goal and the profile in; a
Plan out.
"""

from __future__ import annotations

from glutecoach.core.engine import Scored, notes, with_favours
from glutecoach.core.models import Catalogue, Goal, Phase, Profile
from glutecoach.core.plan_model import (
    BARBELL,
    LOAD_STEPS,
    PhaseSpan,
    Plan,
    PlanChoice,
    PlannedExercise,
    Session,
    Substitution,
    Week,
    minutes_of,
    region_sets,
)
from glutecoach.core.plan_rules import (  # noqa: F401  (the plan's public rules, re-exported: tests and plan next use them)
    COMPLEX_FROM,
    LIGHTER_BLOCK,
    LIGHTER_SPACING,
    NEW_PER_WEEK,
    SESSION_MINUTES,
    WEEKDAYS,
    allowed,
    barred,
    caution_note,
    cue_for,
    dose_in,
    in_phase,
    is_complex,
    is_heavy_hinge,
    is_loaded_thrust,
    lighter_weeks,
    phases_that_fit,
    rated_for_contact,
    session_minutes,
    split_weeks,
)
from glutecoach.core.plan_sessions import mark_new
from glutecoach.core.plan_volume import RISE_PER_WEEK, Ranges, ranges_for
from glutecoach.core.plan_weeks import Built, phase_weeks, scores_for, warm_ups
from glutecoach.errors import UsageError

__all__ = [
    "BARBELL",
    "LOAD_STEPS",
    "RISE_PER_WEEK",
    "Plan",
    "PlanChoice",
    "PlannedExercise",
    "Session",
    "Week",
    "build",
    "minutes_of",
    "region_sets",
]


def _some(names: list[str], most: int = 6) -> str:
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")


def _changes(cat: Catalogue, before: Built | None, now: Built, phase: Phase, previous: Phase | None) -> tuple[str, ...]:
    if before is None or previous is None:
        return now.changes
    out = []
    came = [cat.exercises[s].name for s in now.exercises if s not in before.exercises]
    went = [cat.exercises[s].name for s in before.exercises if s not in now.exercises]
    if came:
        out.append("In: " + _some(came) + ".")
    if went:
        out.append("Out: " + _some(went) + ".")

    def ranges(b: Built) -> dict[str, tuple[int, int]]:
        return {e.exercise.slug: e.reps for w in b.weeks for s in w.sessions for e in s.exercises}

    old, new = ranges(before), ranges(now)
    lowered = sorted({cat.exercises[slug].name for slug, reps in new.items() if slug in old and reps != old[slug]})
    if phase.reps != (0, 0) and lowered:  # said only when a session shows it: the printed plan never contradicts itself
        out.append(
            f"Heavy main lifts go to {phase.reps[0]}-{phase.reps[1]} reps (or your goal's range if lower), "
            f"resting at least {phase.rest_s} s: {_some(lowered)}."
        )
    if previous.contact_check and not phase.contact_check:
        out.append("Contact ratings no longer decide when you move on: performance does (top of the range at 0-3 reps in reserve).")
    return (*out, *now.changes)


def build(cat: Catalogue, goal: Goal, profile: Profile, weeks: int = 8, days_per_week: int = 3, contact: bool = True) -> Plan:
    """The plan for a goal and person; `contact=False` leaves out a Contact phase (a log shows you past it)."""
    if not 4 <= weeks <= 16:
        raise UsageError(f"--weeks must be between 4 and 16 (got {weeks}).")
    if not 1 <= days_per_week <= 6:
        raise UsageError(f"--days-per-week must be between 1 and 6 (got {days_per_week}).")
    template = cat.plans[profile.level]
    if not contact and template.phases[0].contact_check and len(template.phases) > 1:
        rest = template.phases[1:]
        total = sum(p.share for p in rest)
        template = template._replace(phases=tuple(p._replace(share=p.share / total) for p in rest))
    profile = with_favours(cat, profile)
    pool = allowed(cat, goal, profile)
    everything = allowed(cat, goal, profile._replace(equipment=None))
    weekdays = WEEKDAYS[days_per_week]
    by_goal: dict[str, dict[str, Scored]] = {}
    introduced: set[str] = set()
    spans: list[PhaseSpan] = []
    all_weeks: list[Week] = []
    reasons: dict[tuple[str, str], str] = {}
    before: Built | None = None
    previous: Phase | None = None
    week_no = 1
    template = template._replace(phases=phases_that_fit(template.phases, weeks))
    split = split_weeks(weeks, template.phases)
    lighter = lighter_weeks(template.phases, split, template.deload_every)
    targets = tuple(r for r, w in goal.regions.items() if w >= 0.2)
    ranges = ranges_for(targets, template.weekly_sets, template.small_sets)
    warm_up: list[PlannedExercise] = []
    last_hard: dict[str, float] = {}  # the last loaded week's hard sets: the next adds at most RISE_PER_WEEK
    shown: set[str] = set()  # exercises already in a week of the plan
    for phase, n in zip(template.phases, split, strict=True):
        phase_goal = cat.goals[phase.goal] if phase.goal else goal
        scores = by_goal.setdefault(phase_goal.name, {})
        scores.update(scores_for(cat, phase_goal, profile, [ex for ex in everything if ex.slug not in scores and in_phase(ex, phase)]))
        nos = list(range(week_no, week_no + n))
        built = phase_weeks(
            cat,
            goal,
            profile,
            phase,
            phase_goal,
            nos,
            scores,
            pool,
            everything,
            ranges,
            lighter,
            introduced,
            weekdays,
            warm_up,
            last_hard,
            shown,
        )
        warm_up = warm_ups(built, phase) if phase.contact_check else []  # only the first loaded phase keeps Contact drills
        spans.append(PhaseSpan(phase, phase_goal.name, tuple(nos), _changes(cat, before, built, phase, previous)))
        all_weeks.extend(built.weeks)
        reasons.update(built.reasons)
        before, previous, week_no = built, phase, week_no + n
    all_weeks = mark_new(all_weeks, profile.level)
    subs = _substitutions(all_weeks, reasons)
    return Plan(
        profile.level,
        goal,
        weeks,
        days_per_week,
        tuple(spans),
        tuple(all_weeks),
        subs,
        _notes(
            cat,
            goal,
            profile,
            any(e.warmup_sets for w in all_weeks for s in w.sessions for e in s.exercises),
            ranges,
            template.volume_source,
        ),
        template.weekly_sets,
        targets,
        _minutes(all_weeks),
        ranges=ranges,
        volume_source=template.volume_source,
    )


def _minutes(weeks: list[Week]) -> tuple[int, int]:
    """The shortest and longest session outside lighter weeks: length follows the volume."""
    found = [s.minutes for w in weeks if not w.deload for s in w.sessions] or [0]
    return (min(found), max(found))


def _substitutions(weeks: list[Week], reasons: dict[tuple[str, str], str]) -> tuple[Substitution, ...]:
    """Every stand-in the plan uses, with the weeks it is used: the list is read off the sessions."""
    found: dict[tuple[str, str], list[int]] = {}
    for w in weeks:
        for s in w.sessions:
            for e in s.exercises:
                if e.replaces:
                    found.setdefault((e.replaces, e.exercise.slug), [])
                    if w.week not in found[(e.replaces, e.exercise.slug)]:
                        found[(e.replaces, e.exercise.slug)].append(w.week)
    return tuple(Substitution(a, b, reasons[(a, b)], tuple(ws)) for (a, b), ws in found.items())


def _notes(cat: Catalogue, goal: Goal, profile: Profile, ramps: bool, ranges: Ranges, source: str) -> tuple[str, ...]:
    out = []
    if profile.level == "beginner":
        out.append(
            "Contact phase: after each exercise rate 0-10 how clearly you felt your glutes work (log add ... --contact N); "
            "it ends when every exercise is 7 or more twice, usually in 2-4 weeks, and the later weeks move with it."
        )
    out.append(
        "Progress: when you reach the top of the range on every working set at 0-3 reps in reserve, pain-free, add load "
        "(about 2.5%, in 2.5 kg or 5 lb steps) or, without load, a set; at 0 in reserve, progress and stop one rep earlier next time."
    )
    out.append(
        "Lighter weeks: at the end of a loaded phase of three weeks or more, never a phase's first week, at least three weeks "
        "apart (about half the sets, about 10% under your working loads, 3-4 reps in reserve); 'plan next' also proposes one when "
        "two lifts stall over three sessions or pain rises over three logs."
    )
    span = "; ".join(f"{r.replace('gluteus-', '')} {lo}-{hi}" for r, (lo, hi) in ranges.items())
    if span:
        out.append(
            f"Volume: hard sets a week per target region ({span}), from the lower half of the range in each loaded phase, "
            f"adding up to {2} a week, never above the ceiling ({source}). Only sets at effort 3 or more count as hard sets; "
            "contact and activation drills are practice, counted apart."
        )
    if ramps:
        out.append(
            "Ramp sets: before a barbell lift, the lighter sets shown (about 40%, 60% and 80% of the working load); "
            "they count toward nothing."
        )
    out.extend(notes(cat, goal, profile))
    return tuple(out)
