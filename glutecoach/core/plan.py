"""Week-by-week plans built from the engine's rankings, phase by phase (phases are data/plans.yaml).

Pure: the catalogue, the goal and the profile in; a Plan out. No second copy of the scoring: each
phase asks engine.rank for exercises under the phase's constraints.
"""

from __future__ import annotations

from typing import NamedTuple

from glutecoach.core.engine import alternatives, exclusion, notes, rank
from glutecoach.errors import UsageError
from glutecoach.core.models import Catalogue, Exercise, Goal, Phase, Profile
from glutecoach.core.vocab import PRIME_MOVER, REGIONS, SYNERGIST
FINISHERS = ("hip-abduction", "hip-external-rotation", "hip-internal-rotation", "stability")


class PlannedExercise(NamedTuple):
    exercise: Exercise
    sets: int
    reps: tuple[int, int]
    tempo: str
    rest_s: int
    cue: str

    @property
    def per_side(self) -> bool:
        return self.exercise.unilateral


class Session(NamedTuple):
    day: int
    exercises: tuple[PlannedExercise, ...]


class Week(NamedTuple):
    week: int
    phase: str
    deload: bool
    region_sets: dict[str, float]
    sessions: tuple[Session, ...]


class Substitution(NamedTuple):
    wanted: str
    used: str
    reason: str


class PhaseSpan(NamedTuple):
    phase: Phase
    goal: str
    weeks: tuple[int, ...]


class Plan(NamedTuple):
    level: str
    goal: Goal
    weeks_total: int
    days_per_week: int
    phases: tuple[PhaseSpan, ...]
    weeks: tuple[Week, ...]
    substitutions: tuple[Substitution, ...]
    notes: tuple[str, ...]


def region_sets(sessions: tuple[Session, ...]) -> dict[str, float]:
    """Fractional sets per region: 1 where the exercise scores >= 60, 0.5 where 30-59, else 0."""
    totals = dict.fromkeys(REGIONS, 0.0)
    for session in sessions:
        for item in session.exercises:
            for region in REGIONS:
                s = item.exercise.scores[region]
                totals[region] += item.sets * (1.0 if s >= PRIME_MOVER else 0.5 if s >= SYNERGIST else 0.0)
    return totals


def split_weeks(total: int, phases: tuple[Phase, ...]) -> list[int]:
    """Weeks per phase by share (largest remainder), each phase at least one week."""
    exact = [p.share * total for p in phases]
    weeks = [max(1, int(x)) for x in exact]
    order = sorted(range(len(phases)), key=lambda i: (-(exact[i] - int(exact[i])), i))
    i = 0
    while sum(weeks) < total:
        weeks[order[i % len(order)]] += 1
        i += 1
    while sum(weeks) > total:
        j = max(range(len(weeks)), key=lambda k: (weeks[k], -k))
        weeks[j] -= 1
    return weeks


def _phase_pool(cat: Catalogue, phase: Phase, profile: Profile) -> list[Exercise]:
    """Exercises inside the phase's limits and the user's equipment (level and pains: the engine)."""
    allowed = profile.equipment
    if phase.equipment is not None:
        allowed = frozenset(phase.equipment) if allowed is None else frozenset(phase.equipment) & allowed
    return [
        ex
        for ex in cat.exercises.values()
        if ex.complexity <= phase.max_complexity
        and ex.contact_ease >= phase.min_contact_ease
        and (allowed is None or all(item in allowed for item in ex.equipment))
    ]


def _candidates(cat: Catalogue, phase: Phase, goal: Goal, profile: Profile, subs: list[Substitution]) -> dict[str, list[Exercise]]:
    """Per movement: the phase's preferred exercises (or their substitutes), then the engine's ranking."""
    phase_profile = profile._replace(level=phase.level)
    pool = _phase_pool(cat, phase, profile)
    ranking = rank(cat, goal, phase_profile, top=len(pool), pool=pool)
    allowed = {s.exercise.slug for s in ranking.items}
    by_movement: dict[str, list[Exercise]] = {m: [] for m in phase.movement_mix}
    for slug in phase.preferred:
        wanted = cat.exercises[slug]
        if slug in allowed:
            chosen: Exercise | None = wanted
        elif (why := exclusion(wanted, None, phase_profile)) is not None:
            chosen = _substitute(cat, wanted, why.reason, phase_profile, allowed, subs)
        else:
            chosen = None  # outside this phase's own limits: another phase uses it
        if chosen is not None and chosen.movement in by_movement and chosen not in by_movement[chosen.movement]:
            by_movement[chosen.movement].append(chosen)
    for scored in ranking.items:
        ex = scored.exercise
        if ex.movement in by_movement and ex not in by_movement[ex.movement]:
            by_movement[ex.movement].append(ex)
    return by_movement


def _substitute(
    cat: Catalogue, wanted: Exercise, why: str, profile: Profile, allowed: set[str], subs: list[Substitution]
) -> Exercise | None:
    """The wanted exercise's regression if allowed, else the best same-movement alternative."""
    for slug in wanted.regressions:
        if slug in allowed:
            used = cat.exercises[slug]
            subs.append(Substitution(wanted.slug, used.slug, f"{wanted.name}: {why}; its regression {used.name} is used instead."))
            return used
    for scored in alternatives(cat, wanted, profile, top=10).ranking.items:
        ex = scored.exercise
        if ex.slug in allowed and ex.movement == wanted.movement:
            subs.append(Substitution(wanted.slug, ex.slug, f"{wanted.name}: {why}; {ex.name}, the closest alternative, is used instead."))
            return ex
    return None


def _sessions(phase: Phase, candidates: dict[str, list[Exercise]], days: int, goal: Goal) -> list[list[Exercise]]:
    """Fill each day's slots from the candidates, rotating so days differ; no family twice a session."""
    sessions = []
    for day in range(days):
        chosen: list[Exercise] = []
        families: set[str] = set()
        used_per_movement: dict[str, int] = {}
        for movement in phase.movement_mix[: phase.exercises_per_session]:
            options = candidates.get(movement) or []
            if not options:
                continue
            start = day + used_per_movement.get(movement, 0) * days
            used_per_movement[movement] = used_per_movement.get(movement, 0) + 1
            for k in range(len(options)):
                ex = options[(start + k) % len(options)]
                if ex.family not in families and ex not in chosen:
                    chosen.append(ex)
                    families.add(ex.family)
                    break
        # Main lifts first while fresh; abduction, rotation and stability work as finishers.
        chosen.sort(key=lambda e: (e.movement in FINISHERS, -e.load_potential, -e.complexity))
        sessions.append(chosen)
    return sessions


def _cue(ex: Exercise) -> str:
    """The exercise's 'feel it here' cue when it has one, else its first."""
    for word in ("feel", "squeeze"):
        for cue in ex.cues:
            if word in cue.lower():
                return cue
    return ex.cues[0]


def build(
    cat: Catalogue, goal: Goal, profile: Profile, weeks: int = 8, days_per_week: int = 3
) -> Plan:
    if not 4 <= weeks <= 16:
        raise UsageError(f"--weeks must be between 4 and 16 (got {weeks}).")
    if not 1 <= days_per_week <= 6:
        raise UsageError(f"--days-per-week must be between 1 and 6 (got {days_per_week}).")
    template = cat.plans[profile.level]
    spans: list[PhaseSpan] = []
    out_weeks: list[Week] = []
    subs: list[Substitution] = []
    week_no = 0
    targets = [r for r, w in goal.regions.items() if w >= 0.2]
    for phase, n in zip(template.phases, split_weeks(weeks, template.phases)):
        phase_goal = cat.goals[phase.goal] if phase.goal else goal
        candidates = _candidates(cat, phase, phase_goal, profile, subs)
        days = _sessions(phase, candidates, days_per_week, phase_goal)
        sets = _volume(phase, days, targets, template.weekly_sets)
        span_weeks = []
        for _ in range(n):
            week_no += 1
            deload = bool(template.deload_every) and week_no % template.deload_every == 0
            sessions = tuple(
                Session(
                    d + 1,
                    tuple(
                        PlannedExercise(ex, max(1, sets[ex.slug] - 1) if deload else sets[ex.slug], phase.reps, phase.tempo, phase.rest_s if ex.load_potential < 5 else max(phase.rest_s, cat.heavy_rest_s), _cue(ex))
                        for ex in day
                    ),
                )
                for d, day in enumerate(days)
            )
            out_weeks.append(Week(week_no, phase.name, deload, region_sets(sessions), sessions))
            span_weeks.append(week_no)
        spans.append(PhaseSpan(phase, phase_goal.name, tuple(span_weeks)))
    plan_notes = [
        "Double progression: when you reach the top of the reps range on every set with 1-3 reps in reserve, add load (2.5-5%) or a set next session.",
    ]
    if profile.level == "beginner":
        plan_notes.insert(0, "Contact phase: after each exercise rate 0-10 how clearly you felt your glutes work; move on when every exercise is 7 or more twice in a row. It counts few hard sets on purpose: it is about feeling the glutes, not volume.")
    plan_notes.extend(notes(cat, goal, profile))
    return Plan(profile.level, goal, weeks, days_per_week, tuple(spans), tuple(out_weeks), tuple(_dedupe(subs)), tuple(plan_notes))


def _volume(phase: Phase, days: list[list[Exercise]], targets: list[str], weekly: tuple[int, int]) -> dict[str, int]:
    """Sets per exercise: the phase's dose, nudged one set at a time so that each target region's
    weekly fractional sets land in the level's range (the Contact phase keeps its dose: it is about
    feeling the glutes, not volume)."""
    sets = {ex.slug: phase.sets for day in days for ex in day}
    if phase.contact_check or not targets:
        return sets
    exercises = {ex.slug: ex for day in days for ex in day}
    main = {day[0].slug for day in days if day}  # the first lift of a session keeps at least 2 sets
    low, high = weekly

    def totals() -> dict[str, float]:
        week = tuple(Session(i + 1, tuple(PlannedExercise(ex, sets[ex.slug], phase.reps, "", 0, "") for ex in day)) for i, day in enumerate(days))
        return region_sets(week)

    for _ in range(100):
        now = totals()
        over = [r for r in targets if now[r] > high]
        under = [r for r in targets if now[r] < low]
        if over:
            region = max(over, key=lambda r: (now[r], r))
            pool = [s for s in sets if exercises[s].scores[region] >= SYNERGIST and sets[s] > (2 if s in main else 1)]
            if not pool:
                break
            sets[max(pool, key=lambda s: (sets[s], s not in main, s))] -= 1
        elif under:
            region = min(under, key=lambda r: (now[r], r))
            pool = [s for s in sets if exercises[s].scores[region] >= SYNERGIST and sets[s] < 5]
            if not pool:
                break
            slug = min(pool, key=lambda s: (sets[s], -exercises[s].scores[region], s))
            sets[slug] += 1
            if any(totals()[r] > high for r in targets):
                sets[slug] -= 1
                break
        else:
            break
    return sets


def _dedupe(subs: list[Substitution]) -> list[Substitution]:
    seen: set[tuple[str, str]] = set()
    out = []
    for s in subs:
        if (s.wanted, s.used) not in seen:
            seen.add((s.wanted, s.used))
            out.append(s)
    return out

