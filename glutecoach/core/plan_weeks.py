"""A phase's weeks: the sessions chosen once, volume fitted to the ceiling, then week by week the bridge
from feeling to loading (at most NEW_PER_WEEK new exercises, stand-ins the person already does, Contact
drills kept as warm-ups), the ramp of hard sets and the lighter weeks. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from glutecoach.core.dose import COMPOUND, dose_for
from glutecoach.core.engine import Scored, active_rules, exclusion, score, scored
from glutecoach.core.models import Catalogue, Exercise, Goal, Phase, Profile
from glutecoach.core.plan_model import BARBELL, PlannedExercise, Session, Week, hard_sets, minutes_of, practice_sets, region_sets
from glutecoach.core.plan_rules import (
    LIGHTER_LIFT_SETS,
    NEW_PER_WEEK,
    PREFER_POINTS,
    STAND_IN_EFFORT,
    WARM_UP_WEEKS,
    caution_note,
    cue_for,
    dose_in,
    in_phase,
    is_heavy_hinge,
    lift_sets_for,
    rated_for_contact,
    session_minutes,
    tempo_for,
)
from glutecoach.core.plan_sessions import Added, Pick, choose_week, fills, finish, order_day, planned
from glutecoach.core.plan_volume import MAIN_MIN_SETS, Ranges, build_up, fit, ramp, trim
from glutecoach.core.record import NamedTuple


def scores_for(cat: Catalogue, goal: Goal, profile: Profile, pool: Sequence[Exercise]) -> dict[str, Scored]:
    """The engine's score of each exercise for the goal (the same rules, reasons and dose as recommend)."""
    rules = active_rules(goal, profile)
    return {ex.slug: scored(ex, score(ex, goal, profile, rules), dose_for(ex, goal, profile.level, cat.heavy_rest_s)) for ex in pool}


class Built(NamedTuple):
    weeks: list[Week]
    reasons: dict[tuple[str, str], str]
    changes: tuple[str, ...]
    exercises: list[str]  # slugs in the phase, in order of appearance


def phase_weeks(
    cat: Catalogue,
    goal: Goal,
    profile: Profile,
    phase: Phase,
    phase_goal: Goal,
    week_nos: list[int],
    scores: dict[str, Scored],
    pool: list[Exercise],
    everything: list[Exercise],
    ranges: Ranges,
    lighter: set[int],
    introduced: set[str],
    weekdays: tuple[int, ...],
    warm_up: list[PlannedExercise],
    last_hard: dict[str, float],
    shown: set[str],
) -> Built:
    level = profile.level
    preferred = set(phase.preferred)

    def key(s: Scored) -> float:
        return s.score + (PREFER_POINTS if s.exercise.slug in preferred else 0.0)

    def ranked(exs: list[Exercise]) -> list[Scored]:
        return sorted((scores[ex.slug] for ex in exs if in_phase(ex, phase)), key=lambda s: (-key(s), s.exercise.slug))

    cands, reference = ranked(pool), ranked(everything)
    needs = _needs(phase, phase_goal, cands)
    added = contact_additions(cat, goal, profile, phase, pool, len(needs))
    needs += [n for n in goal.contact_adds if added is not None and any(s.exercise.pattern in n for s in added.cands)]
    picks = [order_day(day, d, len(needs)) for d, day in enumerate(choose_week(cands, needs, phase_goal, phase, weekdays, key, added))]
    ideal = contact_additions(cat, goal, profile, phase, everything, added.first if added else len(needs))
    wanted = choose_week(reference, needs, phase_goal, phase, weekdays, key, ideal)
    reasons: dict[tuple[str, str], str] = {}
    days = [planned(cat, day, phase_goal, phase, level, _subs(goal, profile, day, wanted[d], reasons)) for d, day in enumerate(picks)]
    extras = planned(
        cat,
        [Pick(len(needs), s) for s in cands if s.exercise.pattern not in (*COMPOUND, "power") and fills(s.exercise, phase_goal, phase)],
        phase_goal,
        phase,
        level,
        {},
    )
    spare = [list(extras) for _ in days]
    bounds = (0, session_minutes(level, len(weekdays))[1])  # length follows volume: no floor that pads sessions
    targets = list(ranges)
    loaded = not phase.contact_check
    lift_floor = lift_sets_for(phase_goal, level)
    fit(days, targets, ranges, phase.sets, bounds, loaded, spare, needs, lift_floor)
    if loaded:
        for day in days:  # the session's main lift: at least 3 working sets
            day[:] = [e._replace(sets=max(e.sets, MAIN_MIN_SETS)) if e.role == "main" else e for e in day]

    # New exercises: at most NEW_PER_WEEK a week after the plan's first week, each light in its first
    # week; until its week, something the person already does stands in (or nothing: volume starts low).
    fresh = list(dict.fromkeys(e.exercise.slug for day in days for e in day if e.exercise.slug not in introduced))
    first_plan_week = week_nos[0] == 1
    can_stand_in = {s.exercise.slug for s in cands if s.exercise.effort >= STAND_IN_EFFORT} & introduced
    fresh = _introduction_order(cat, fresh, can_stand_in, needs)
    per_week = len(fresh) if first_plan_week else NEW_PER_WEEK
    start = {slug: week_nos[0] + i // max(1, per_week) for i, slug in enumerate(fresh)}
    out: list[Week] = []
    loaded_week = 0
    for w in week_nos:
        deload = w in lighter
        known = introduced | {slug for slug, k in start.items() if k <= w}
        sessions = [_week_day(cat, target, start, known, w, cands, level, phase_goal, phase, deload, profile, reasons) for target in days]
        if warm_up and w - week_nos[0] < WARM_UP_WEEKS and loaded:
            sessions = [_with_warm_up(day, warm_up, d) for d, day in enumerate(sessions)]
        if loaded and not deload:
            ceiling = ramp(ranges, loaded_week, last_hard)
            sessions = build_up([finish(day) for day in sessions], ceiling, lift_floor)
            trim(sessions, ceiling, needs, bounds[1], lift_floor)
            loaded_week += 1
        sessions = _hold_back_new(sessions, shown, w == 1)
        sessions = [finish(day) for day in sessions]
        built = tuple(Session(d + 1, tuple(items), minutes_of(items), weekdays[d]) for d, items in enumerate(sessions))
        week = Week(w, phase.name, deload, region_sets(built), built, hard_sets(built), practice_sets(built))
        if loaded and not deload:
            last_hard.clear()
            last_hard.update(week.hard_sets)
        out.append(week)
    introduced.update(fresh)
    order = list(dict.fromkeys(e.exercise.slug for wk in out for s in wk.sessions for e in s.exercises if e.role != "warm-up"))
    return Built(out, reasons, _intro_text(cat, {k: v for k, v in start.items() if not first_plan_week}), order)


def _introduction_order(cat: Catalogue, fresh: list[str], known: set[str], needs: list[tuple[str, ...]]) -> list[str]:
    """The order new exercises come in: first the one that covers each pattern of a need nothing known
    (that may stand in) covers yet, then the simplest (a ladder's lower rung before its top: complexity, then load)."""
    covered = {cat.exercises[s].pattern for s in known}
    first_of: dict[str, str] = {}
    for slug in fresh:
        first_of.setdefault(cat.exercises[slug].pattern, slug)
    wanted = {first_of[p] for n in needs for p in n if p in first_of and p not in covered}

    def key(slug: str) -> tuple[bool, int, int, int]:
        ex = cat.exercises[slug]
        return (slug not in wanted, ex.complexity, ex.load_potential, fresh.index(slug))

    return sorted(fresh, key=key)


def _with_warm_up(day: list[PlannedExercise], warm_up: list[PlannedExercise], d: int) -> list[PlannedExercise]:
    """One Contact drill first, taking turns by day, never one the session already holds (or its family)."""
    taken = {e.exercise.family for e in day} | {e.exercise.slug for e in day}
    options = [
        x
        for x in warm_up[d % len(warm_up) :] + warm_up[: d % len(warm_up)]
        if x.exercise.slug not in taken and x.exercise.family not in taken
    ]
    return [options[0], *day] if options else day


def _needs(phase: Phase, phase_goal: Goal, cands: list[Scored]) -> list[tuple[str, ...]]:
    """What a phase's sessions cover: its goal's needs (a loaded phase, those its pool can meet)."""
    needs = list(phase_goal.needs)
    if phase.contact_check:
        return needs
    return [n for n in needs if any(s.exercise.pattern in n for s in cands)] or needs


def contact_additions(cat: Catalogue, goal: Goal, profile: Profile, phase: Phase, pool: Sequence[Exercise], first: int) -> Added | None:
    """What a Contact phase adds for the person's goal (its `contact_adds`: hops for a sprinter, sit-to-stands
    and step-ups for everyday strength), ranked by that goal as `recommend` ranks it, within the phase's
    complexity and equipment at any contact ease: practice next to the drills, never rated for contact."""
    patterns = {p for n in goal.contact_adds for p in n}
    if not phase.contact_check or not patterns:
        return None
    fit = [ex for ex in pool if ex.pattern in patterns and in_phase(ex, phase, felt=False)]
    ranked = sorted(scores_for(cat, goal, profile, fit).values(), key=lambda s: (-s.score, s.exercise.slug))
    return Added(first, ranked, goal)


def _subs(goal: Goal, profile: Profile, day: list[Pick], wanted: list[Pick], reasons: dict[tuple[str, str], str]) -> dict[int, str]:
    """Which of a day's picks stand in for an exercise the person's equipment rules out, and why."""
    ideal = {p.need: p.item.exercise for p in wanted if p.slot}
    have = {p.item.exercise.slug for p in day}
    subs: dict[int, str] = {}
    for i, p in enumerate(day):
        want = ideal.get(p.need)
        if p.slot and want is not None and want.slug != p.item.exercise.slug and want.slug not in have:
            why = exclusion(want, goal, profile)
            if why is not None and why.kind == "equipment":
                subs[i] = want.slug
                reasons[(want.slug, p.item.exercise.slug)] = f"{want.name} {why.reason}: {p.item.exercise.name} is used instead."
    return subs


def _week_day(
    cat: Catalogue,
    target: list[PlannedExercise],
    start: dict[str, int],
    known: set[str],
    w: int,
    cands: list[Scored],
    level: str,
    goal: Goal,
    phase: Phase,
    deload: bool,
    profile: Profile,
    reasons: dict[tuple[str, str], str],
) -> list[PlannedExercise]:
    """One day of week w: exercises not yet introduced are stood in for by one the person knows (or
    left out); a lighter week halves the sets; a declared condition's caution goes with each."""
    items: list[PlannedExercise] = []
    for e in target:
        slug = e.exercise.slug
        if slug in start and w < start[slug]:
            stand = _stand_in(cat, e, target, items, cands, level, known, goal, phase)
            if stand is None:
                continue
            reasons[(slug, stand.exercise.slug)] = (
                f"New exercises come in at most {NEW_PER_WEEK} a week: {stand.exercise.name}, which you "
                f"already do, stands in for {e.exercise.name} in the weeks listed."
            )
            e = stand
        if deload:
            e = e._replace(sets=lighter_sets(e))
        if profile.pains:
            e = e._replace(note=caution_note(e.exercise, profile))
        items.append(e)
    return items


def lighter_sets(e: PlannedExercise) -> int:
    """A lighter week's sets: about half, never a single set of a main or compound lift (one set of a
    barbell lift after its ramp sets is not worth setting up: two keep the groove)."""
    return max(LIGHTER_LIFT_SETS if e.role in ("main", "compound") else 1, (e.sets + 1) // 2)


def _intro_text(cat: Catalogue, start: dict[str, int]) -> tuple[str, ...]:
    if not start:
        return ()
    listed = ", ".join(f"{cat.exercises[s].name} (week {w})" for s, w in start.items())
    return (f"New exercises, at most {NEW_PER_WEEK} a week, each light in its first week: {listed}.",)


def _stand_in(
    cat: Catalogue,
    e: PlannedExercise,
    day: list[PlannedExercise],
    so_far: list[PlannedExercise],
    cands: list[Scored],
    level: str,
    known: set[str],
    goal: Goal,
    phase: Phase,
) -> PlannedExercise | None:
    """A simpler exercise of the same pattern for the weeks before a complex lift comes in: one of its
    regressions first, then the best ranked; never a heavy hinge in place of a lighter lift."""
    taken = {x.exercise.slug for x in day} | {x.exercise.slug for x in so_far}
    families = {x.exercise.family for x in day if x.exercise.slug != e.exercise.slug} | {x.exercise.family for x in so_far}
    by_slug = {s.exercise.slug: s.exercise for s in cands}
    options = [by_slug[r] for r in e.exercise.regressions if r in by_slug] + [s.exercise for s in cands]
    for ex in options:
        if (
            ex.pattern != e.exercise.pattern
            or ex.slug in taken
            or ex.family in families
            or ex.effort < min(STAND_IN_EFFORT, e.exercise.effort)
            or ex.slug not in known
            or (is_heavy_hinge(ex) and not is_heavy_hinge(e.exercise))
        ):
            continue
        d = dose_in(cat, ex, goal, phase, level)
        ramp = e.warmup_sets if any(x in BARBELL for x in ex.equipment) and d.unit == "reps" else 0
        return PlannedExercise(
            ex,
            e.sets,
            d.reps,
            tempo_for(ex, d.unit, phase),
            d.rest_s,
            cue_for(ex),
            d.unit,
            d.per_side,
            ramp,
            e.role,
            replaces=e.exercise.slug,
        )
    return None


def _hold_back_new(sessions: list[list[PlannedExercise]], shown: set[str], first_week: bool) -> list[list[PlannedExercise]]:
    """At most NEW_PER_WEEK exercises appear for the first time in a week after the plan's first (one the
    volume kept out of its first weeks counts when it comes): the extra ones wait; never an empty session."""
    fresh = list(dict.fromkeys(e.exercise.slug for day in sessions for e in day if e.exercise.slug not in shown))
    late = set() if first_week else set(fresh[NEW_PER_WEEK:])
    out = []
    for day in sessions:
        kept = [e for e in day if e.exercise.slug not in late]
        if not any(e.role != "warm-up" for e in kept):
            kept = list(day)
        out.append(kept)
    shown.update(e.exercise.slug for day in out for e in day)
    return out


def warm_ups(contact: Built, phase: Phase) -> list[PlannedExercise]:
    """The Contact drills that stay on as a warm-up in the first loaded weeks: one a session, one set short
    (drills rated for contact, never the goal's additions)."""
    first = contact.weeks[-1]
    drills = list({e.exercise.slug: e for s in first.sessions for e in s.exercises if rated_for_contact(e.exercise, phase)}.values())
    return [
        e._replace(
            sets=max(1, min(2, e.sets - 1)),
            role="warm-up",
            note=" ".join(x for x in ("Warm-up: feel the glutes before the loaded work.", e.note) if x),
        )
        for e in drills[:2]
    ]
