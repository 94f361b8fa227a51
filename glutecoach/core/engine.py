"""Rank exercises for a goal and a profile; every point of every score comes with its reason.

A score is the sum of its reasons, in four named parts (core.rules): where the exercise works
(emphasis), how hard it can train the glutes for this goal (stimulus), adjustments for this person (fit)
and how sure the evidence is (confidence). Each then takes its place by the list's rules, which hold in
every window of five (core.placing). Pure: the catalogue, the goal and the profile in; a Ranking out.
"""

import math
from collections.abc import Iterable, Sequence

from glutecoach.core.dose import dose_for, is_body_weight_strength
from glutecoach.core.eligibility import Exclusion as Exclusion  # re-exported: renderers and tests read them here
from glutecoach.core.eligibility import exclusion as exclusion
from glutecoach.core.models import Catalogue, Dose, Exercise, Goal, Profile, Summary
from glutecoach.core.placing import EVIDENCE_LED as EVIDENCE_LED  # re-exported: the tests and renderers read them here
from glutecoach.core.placing import FAVOUR_CAP as FAVOUR_CAP
from glutecoach.core.placing import GOAL_LED as GOAL_LED
from glutecoach.core.placing import LEAD_MARGIN as LEAD_MARGIN
from glutecoach.core.placing import Scored as Scored
from glutecoach.core.placing import _sort_key, finish, meets_need, select
from glutecoach.core.placing import cautioned as cautioned
from glutecoach.core.placing import favoured as favoured
from glutecoach.core.placing import movement_of as movement_of
from glutecoach.core.placing import scored as scored
from glutecoach.core.record import NamedTuple
from glutecoach.core.rules import RULES, Reason, Rule, apply, weight
from glutecoach.core.safety import CLEARABLE
from glutecoach.core.vocab import LEVEL_RANK, REGIONS


class Ranking(NamedTuple):
    goal: Goal
    profile: Profile
    items: tuple[Scored, ...]
    excluded: tuple[Exclusion, ...]
    notes: tuple[str, ...] = ()
    sources: dict[str, str] = {}  # level, equipment, pains, goal -> option | profile | default
    held_back: tuple["HeldBack", ...] = ()  # what the goal needs that the person's level mostly hides


class HeldBack(NamedTuple):
    """A need of the goal whose exercises (with the person's equipment) are mostly above their level."""

    patterns: tuple[str, ...]
    level: str  # the level from which the most of them open
    examples: tuple[str, ...]  # slugs, in catalogue order


def active_rules(goal: Goal, profile: Profile) -> list[Rule]:
    """The rules that can give points for this goal and profile: a rule without a weight gives none,
    so it is not called 10,000 times to say so (and pains and recent pain only when there are some)."""
    out = []
    for rule in RULES:
        if rule.name == "caution" and not profile.pains:
            continue
        if rule.name == "recent-pain" and not profile.recent_pain:
            continue
        if rule.name == "condition-favours" and not profile.favours:
            continue
        if weight(rule, goal):
            out.append(rule)
    return out


def score(ex: Exercise, goal: Goal, profile: Profile, rules: Sequence[Rule] | None = None) -> tuple[Reason, ...]:
    chosen = active_rules(goal, profile) if rules is None else rules
    return tuple(r for rule in chosen if (r := apply(rule, ex, goal, profile)) is not None)


def goal_points(cat: Catalogue, goal: Goal) -> list[float]:
    """Each exercise's points from the rules that read only the exercise and the goal (every part but
    fit), in catalogue order: the CLI caches them per catalogue and goal (glutecoach.speed), so ranking
    adds only the person's few points to each and scores in full only the chosen."""
    rules = [r for r in RULES if r.part != "fit" and weight(r, goal)]
    nobody = Profile()
    return [
        round(sum(r.points for rule in rules if (r := apply(rule, cat.exercises[s.slug], goal, nobody))), 1)
        for s in cat.exercises.summaries
    ]


def items_of(cat: Catalogue, pool: Iterable[Exercise] | None) -> Sequence[Exercise | Summary]:
    return cat.exercises.summaries if pool is None else list(pool)


def rank(
    cat: Catalogue,
    goal: Goal,
    profile: Profile,
    top: int = 8,
    pool: Iterable[Exercise] | None = None,
    sources: dict[str, str] | None = None,
    known: Sequence[float] | None = None,
) -> Ranking:
    """Every allowed exercise scored for the goal; the top chosen by select(); the rest excluded with why.

    With `known` (goal_points() for the catalogue), every allowed exercise gets its exact score from
    those points and the person's rules, which read only summary fields, without being built; the top
    is chosen from those and only the chosen are scored in full, with their reasons. Without it, every
    allowed exercise is scored in full (the plain path, and the tests' oracle: both give the same list).
    """
    exercise = (lambda s: cat.exercises[s.slug]) if pool is None else (lambda e: e)
    items = items_of(cat, pool)
    reasons = [exclusion(item, goal, profile) for item in items]
    excluded = [why for why in reasons if why]
    allowed = [item for item, why in zip(items, reasons, strict=True) if not why]
    profile = with_favours(cat, profile)
    rules = active_rules(goal, profile)
    available = {item.pattern for item in allowed if not cautioned(item, profile, cat.still_covers) and meets_need(item, goal)}

    def full(item: Exercise | Summary) -> Scored:
        ex = exercise(item)
        return scored(ex, score(ex, goal, profile, rules), dose_for(ex, goal, profile.level, cat.heavy_rest_s))

    if known is not None and pool is None:
        position = {s.slug: i for i, s in enumerate(cat.exercises.summaries)}
        fit = [r for r in rules if r.part == "fit"]
        nothing = Dose(0, (0, 0), 0)

        def light(item: Exercise | Summary) -> Scored:
            reasons = tuple(r for rule in fit if (r := apply(rule, item, goal, profile)) is not None)  # type: ignore[arg-type]
            return Scored(item, reasons, nothing, round(known[position[item.slug]] + sum(r.points for r in reasons), 1))  # type: ignore[arg-type]

        picked = select(sorted(map(light, allowed), key=_sort_key), top, goal, available, profile, cat.still_covers)
        selection = picked._replace(chosen=[full(s.exercise) for s in picked.chosen])
    else:  # the plain path, and the tests' oracle
        selection = select(sorted(map(full, allowed), key=_sort_key), top, goal, available, profile, cat.still_covers)
    ranked = tuple(finish(selection))
    held = held_back(goal, profile, allowed, [item for item, why in zip(items, reasons, strict=True) if why and why.kind == "level"])
    return Ranking(goal, profile, ranked, tuple(excluded), notes(cat, goal, profile) + dose_notes(goal, ranked), dict(sources or {}), held)


def held_back(
    goal: Goal, profile: Profile, allowed: Sequence[Exercise | Summary], above: Sequence[Exercise | Summary]
) -> tuple[HeldBack, ...]:
    """The goal's first need (what it is about: power for sprint-jump) when at least twice as many of its
    exercises that the person's equipment allows are above their level as are open to them (a beginner
    sprinter gets hops while the sprints wait)."""
    if not goal.needs:
        return ()
    need = goal.needs[0]
    hidden = [s for s in above if s.pattern in need and profile.has(s.equipment)]
    open_ = [s for s in allowed if s.pattern in need]
    if not hidden or len(hidden) < 2 * len(open_):
        return ()
    lowest = min((s.level for s in hidden), key=LEVEL_RANK.__getitem__)
    families = dict.fromkeys(s.family for s in hidden if s.level == lowest)  # one example per family, catalogue order
    first = {f: next(s.slug for s in hidden if s.family == f and s.level == lowest) for f in families}
    return (HeldBack(tuple(need), lowest, tuple(first.values())[:3]),)


def with_favours(cat: Catalogue, profile: Profile) -> Profile:
    """The profile with what its declared conditions favour (data/goals.yaml, conditions: favours)."""
    found = tuple((c, prop, note) for c in profile.pains for prop, note in cat.favours.get(c, ()))
    return profile._replace(favours=found) if found != profile.favours else profile


def notes(cat: Catalogue, goal: Goal, profile: Profile) -> tuple[str, ...]:
    """Goal notes, then safety notes for declared conditions (see data/goals.yaml)."""
    out = list(goal.notes)
    if profile.pains:
        out.append(cat.safety["general"])
    for pain in profile.pains:
        note = cat.condition_notes.get(pain)
        if note and note not in out:
            out.append(note)
    if clearance := clearance_note(profile):
        out.append(clearance)
    return tuple(out)


STRENGTH_BODY_WEIGHT_NOTE = (
    "Body-weight exercises for strength stay at about 6-12 reps: when the top of the range is easy, add load "
    "(a weighted vest, a backpack, a dumbbell) or move to the harder variant, rather than adding reps."
)


def dose_notes(goal: Goal, items: Sequence[Scored]) -> tuple[str, ...]:
    """How the list's doses progress, where that is not plain adding load: body-weight work for strength."""
    if goal.adaptation == "strength" and any(s.dose.unit == "reps" and is_body_weight_strength(s.exercise, goal) for s in items):
        return (STRENGTH_BODY_WEIGHT_NOTE,)
    return ()


def clearance_note(profile: Profile) -> str:
    """Which hip-replacement limits apply: left out before the surgeon clears full training, cautions after."""
    declared = [c for c in profile.pains if c in CLEARABLE]
    if not declared:
        return ""
    when = f" (surgery on {profile.surgery})" if profile.surgery else ""
    if profile.cleared:
        return (
            f"Hip replacement{when}: your surgeon has cleared you for full training, so its limits are shown as "
            "cautions, not left out; keep to any precaution you were given and build load gradually."
        )
    front = any(c != "hip-replacement-posterior" for c in declared)
    extension = ", loaded hip hyperextension (kickbacks, prone hip extension)" if front else ""
    return (
        f"Hip replacement{when}, not cleared for full training (or not recorded): deep single-leg squats, heavy squats"
        f"{extension} and the approach's other limits are left out. Once your surgeon clears full training, record it "
        "in your profile: they then show as cautions."
    )


# --- alternatives ----------------------------------------------------------------------------------


def region_similarity(a: Exercise, b: Exercise) -> float:
    """0-1: one minus the root-mean-square difference of the five region scores over 100. Magnitude
    counts: a 6 % drill is not 'like' a 92 % one however their profiles are shaped."""
    rms = math.sqrt(sum((a.scores[r] - b.scores[r]) ** 2 for r in REGIONS) / len(REGIONS))
    return max(0.0, 1 - rms / 100)


ALTERNATIVE_WEIGHTS = {
    "similarity": 45.0,
    "same-movement": 15.0,
    "same-pattern": 20.0,
    "same-load": 10.0,
    "same-effort": 8.0,
    "same-stance": 2.0,
}  # 100 in all


def alternative_reasons(ex: Exercise, like: Exercise) -> tuple[Reason, ...]:
    """Why `ex` can stand in for `like`: the same regions as hard, the same pattern, load class and stance."""
    w = ALTERNATIVE_WEIGHTS
    sim = region_similarity(ex, like)
    out = [
        Reason(
            "similarity",
            round(w["similarity"] * sim, 1),
            f"Works the same regions about as hard as {like.name} ({sim:.0%} alike).",
            "same regions",
            "emphasis",
        )
    ]
    if movement_of(ex.family) == movement_of(like.family):  # a variant of the same lift keeps the skill and the groove
        out.append(
            Reason("same-movement", w["same-movement"], f"A variant of the same movement ({ex.family}).", "same movement", "emphasis")
        )
    if ex.pattern == like.pattern:
        out.append(Reason("same-pattern", w["same-pattern"], f"The same movement pattern ({ex.pattern}).", "same pattern", "emphasis"))
    load = 1 - abs(ex.load_potential - like.load_potential) / 4
    if load > 0:
        out.append(
            Reason(
                "same-load",
                round(w["same-load"] * load, 1),
                f"Similar room to load it (load potential {ex.load_potential}/5 against {like.load_potential}/5).",
                "similar load",
                "stimulus",
            )
        )
    if ex.stance == like.stance:
        out.append(Reason("same-stance", w["same-stance"], f"The same stance ({ex.stance}).", "same stance", "stimulus"))
    eff = 1 - abs(ex.effort - like.effort) / 4
    if eff > 0:
        out.append(
            Reason(
                "same-effort",
                round(w["same-effort"] * eff, 1),
                f"Can be taken as close to failure (effort {ex.effort}/5 against {like.effort}/5).",
                "as hard",
                "stimulus",
            )
        )
    return tuple(out)


class Alternatives(NamedTuple):
    exercise: Exercise
    ranking: Ranking
    similarity: dict[str, float]  # slug -> 0-1 region similarity (magnitude-aware)


def alternatives(cat: Catalogue, ex: Exercise, profile: Profile, top: int = 5, sources: dict[str, str] | None = None) -> Alternatives:
    """Exercises that train the same regions the same way and about as hard, for someone who cannot do `ex`."""
    goal = _swap_goal(ex)
    caution_rule = next(r for r in RULES if r.name == "caution")

    def candidates(pool: Iterable[Exercise]) -> list[Scored]:
        out = []
        for other in pool:
            if exclusion(other, None, profile) is not None:
                continue
            reasons = alternative_reasons(other, ex)
            if (c := apply(caution_rule, other, goal, profile)) is not None:
                reasons += (c,)
            out.append(scored(other, reasons, dose_for(other, goal, profile.level, cat.heavy_rest_s)))
        return sorted(out, key=_sort_key)

    found = candidates(e for e in cat.exercises.values() if e.slug != ex.slug)  # its own variants included
    items = tuple(s._replace(decided_by="similarity") for s in found[:top])
    excluded = tuple(why for e in cat.exercises.values() if e.slug != ex.slug and (why := exclusion(e, None, profile)))
    ranking = Ranking(goal, profile, items, excluded, notes(cat, goal, profile), dict(sources or {}))
    return Alternatives(ex, ranking, {s.exercise.slug: round(region_similarity(s.exercise, ex), 2) for s in items})


def _swap_goal(ex: Exercise) -> Goal:
    """The dose of a swap: a moderate hypertrophy dose, adjusted to each alternative by core.dose."""
    return Goal(
        name=f"like-{ex.slug}",
        description=f"Exercises that train the same regions as {ex.name}, the same way.",
        regions={},
        rule_weights={},
        load_vectors=(),
        exclude_equipment={},
        dose={lv: Dose(3, (8, 12), 90) for lv in LEVEL_RANK},
        notes=(),
        adaptation="hypertrophy",
    )
