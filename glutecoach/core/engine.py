"""Rank exercises for a goal and a profile; every point of every score comes with its reason.

Pure: takes the catalogue, the goal and the profile, returns typed results, never prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from operator import mul
from typing import NamedTuple

from glutecoach.core.models import Catalogue, Dose, Exercise, Goal, Profile, Summary
from glutecoach.core.rules import RULES, Reason

RULE_OF = {rule: rule.__name__.replace("_", "-") for rule in RULES}
from glutecoach.core.vocab import LEVEL_RANK, REGIONS


class Exclusion(NamedTuple):
    slug: str
    kind: str  # equipment | level | goal | avoid:CONDITION
    reason: str


class Scored(NamedTuple):
    exercise: Exercise
    reasons: tuple[Reason, ...]
    dose: Dose
    score: float  # the sum of the reasons' points, kept with them (see scored())

    @property
    def main_reason(self) -> str:
        """The strongest reason beyond the region match, in a few words."""
        extra = [r for r in self.reasons if r.rule not in ("region-match", "similarity") and r.points > 0]
        best = max(extra, key=lambda r: r.points, default=None)
        return best.label if best else self.reasons[0].label if self.reasons else ""


def scored(ex: Exercise, reasons: tuple[Reason, ...], dose: Dose) -> Scored:
    """An exercise with its reasons; the score is their sum, so explanation and number agree."""
    return Scored(ex, reasons, dose, round(sum(r.points for r in reasons), 1))


class Ranking(NamedTuple):
    goal: Goal
    profile: Profile
    items: tuple[Scored, ...]
    excluded: tuple[Exclusion, ...]
    notes: tuple[str, ...] = ()
    sources: dict[str, str] = {}  # level, equipment, pains, goal -> option | profile | default


def exclusion(ex: Exercise | Summary, goal: Goal | None, profile: Profile) -> Exclusion | None:
    """Why the exercise cannot be offered to this person at all, or None."""
    for condition, level, note in ex.contraindications:
        if level == "avoid" and condition in profile.pains:
            return Exclusion(ex.slug, f"avoid:{condition}", f"to be avoided with {condition}: {note}")
    if LEVEL_RANK[ex.level] > LEVEL_RANK[profile.level]:
        return Exclusion(ex.slug, "level", f"{ex.level} level, above {profile.level}")
    if not profile.has(ex.equipment):
        missing = [e for e in ex.equipment if profile.equipment is not None and e not in profile.equipment]
        return Exclusion(ex.slug, "equipment", "needs " + ", ".join(missing))
    if goal is not None and (not_used := goal.exclude_equipment.get(profile.level)):
        banned = [e for e in ex.equipment if e in not_used]
        if banned:
            return Exclusion(ex.slug, "goal", f"{goal.name} does not use {', '.join(banned)} at {profile.level} level")
    return None


def dose_for(cat: Catalogue, ex: Exercise, goal: Goal, level: str) -> Dose:
    """The goal's dose for the level; heavy compound lifts always get at least the long rest."""
    dose = goal.dose[level]
    heavy = ex.load_potential >= 5 and ex.movement in ("hip-extension", "hip-knee-extension")
    if heavy and dose.rest_s < cat.heavy_rest_s:
        return dose._replace(rest_s=cat.heavy_rest_s)
    return dose


def active_rules(goal: Goal, profile: Profile) -> list:
    """The rules that can apply for this goal and profile: a rule without a weight in the goal
    returns nothing, so it is not called 10,000 times to say so."""
    always = {"region-match", "similarity"}
    if profile.pains:
        always.add("caution")
    if profile.recent_pain:
        always.add("recent-pain")
    return [rule for rule in RULES if RULE_OF[rule] in always or RULE_OF[rule] in goal.rule_weights]


def score(ex: Exercise, goal: Goal, profile: Profile, rules: list | None = None) -> tuple[Reason, ...]:
    return tuple(r for rule in (RULES if rules is None else rules) if (r := rule(ex, goal, profile)) is not None)


def _sort_key(s: Scored) -> tuple[float, str]:
    return (-s.score, s.exercise.slug)


def apply_variety(items: list[Scored], top: int, per_family: int = 2) -> list[Scored]:
    """Second pass: a family holds at most `per_family` of the first `top` places.

    A third member gets a negative 'variety' reason that puts it just below the last exercise it
    would otherwise have pushed out, so the score is still the sum of its reasons.
    """
    items = sorted(items, key=_sort_key)
    kept: list[Scored] = []
    demoted: list[Scored] = []
    count: Counter[str] = Counter()
    for s in items:
        if len(kept) == top:
            break
        if count[s.exercise.family] >= per_family:
            demoted.append(s)
            continue
        count[s.exercise.family] += 1
        kept.append(s)
    if not demoted or len(kept) < top:
        # Not enough other families to fill the list: nothing is pushed out, nothing demoted.
        return items
    floor = kept[-1].score
    moved = {id(s) for s in demoted}
    out = [s for s in items if id(s) not in moved]
    for s in demoted:
        penalty = round(floor - s.score - 0.1, 1)
        reason = Reason(
            "variety",
            penalty,
            f"Two {s.exercise.family} exercises already rank above it; other movements come first for variety.",
            "variety",
        )
        out.append(scored(s.exercise, s.reasons + (reason,), s.dose))
    return sorted(out, key=_sort_key)


def _floor(items: list[Scored], top: int, per_family: int = 2) -> float | None:
    """The score of the last of the top N once the variety pass has filled them, or None while the
    items scored so far cannot fill them (as apply_variety counts)."""
    count: Counter[str] = Counter()
    kept = 0
    for s in sorted(items, key=_sort_key):
        if count[s.exercise.family] >= per_family:
            continue
        count[s.exercise.family] += 1
        kept += 1
        if kept == top:
            return s.score
    return None


BOUNDED_FROM = 200  # catalogues this large are ranked with the bound below; small ones in full
CHUNK = 32
DEFAULT_WEIGHTS = {"caution": -10.0, "recent-pain": -15.0}


def _headroom(goal: Goal, rules: list) -> float:
    """The most that the rules besides region match can move a score: no rule gives more than its
    weight either way (plus rounding)."""
    names = [RULE_OF[r] for r in rules if RULE_OF[r] != "region-match"]
    weights = [abs(goal.rule_weights.get(n, DEFAULT_WEIGHTS.get(n, 0))) for n in names]
    return sum(weights) + 0.05 * len(weights) + 0.1


def rank(
    cat: Catalogue, goal: Goal, profile: Profile, top: int = 8, pool: Iterable[Exercise] | None = None, sources: dict[str, str] | None = None
) -> Ranking:
    """Every allowed exercise scored for the goal, best first (ties by slug); the rest excluded with why.

    For a large catalogue, exercises are taken in order of their region match (a cheap sum) and
    scored in full only while one could still reach the top: once the last of the top N (after the
    variety pass) scores more than the next exercise's region match plus the most the other rules
    can add, nothing further can change the top N. The result is the same as scoring everything
    (tests/test_engine.py checks it); only the work differs.
    """
    # Without a pool, ranking starts from the summaries and builds an exercise only to score it.
    items: Iterable[Exercise | Summary] = cat.exercises.summaries if pool is None else pool
    exercise = (lambda s: cat.exercises[s.slug]) if pool is None else (lambda e: e)
    excluded: list[Exclusion] = []
    allowed: list[Exercise | Summary] = []
    for item in items:
        why = exclusion(item, goal, profile)
        if why:
            excluded.append(why)
        else:
            allowed.append(item)
    rules = active_rules(goal, profile)

    def full(item: Exercise | Summary) -> Scored:
        ex = exercise(item)
        return scored(ex, score(ex, goal, profile, rules), dose_for(cat, ex, goal, profile.level))

    if len(allowed) < BOUNDED_FROM or goal.like is not None or not goal.regions:
        ranked = apply_variety([full(item) for item in allowed], top)
    else:
        # Region match for all, as one C-level sum each; sorted by it alone (a tie-break by slug
        # would cost 20x more on thousands of equal copies and changes nothing: the final order is
        # apply_variety's). The base may differ from the rule's rounding by 0.1: the headroom allows it.
        weights = [goal.regions.get(r, 0.0) for r in REGIONS]
        bases = [round(sum(map(mul, weights, item.region_scores)), 1) for item in allowed]
        order = sorted(range(len(allowed)), key=bases.__getitem__, reverse=True)
        headroom = _headroom(goal, rules) + 0.1
        done: list[Scored] = []
        start, chunk = 0, CHUNK
        while start < len(order):
            done.extend(full(allowed[i]) for i in order[start : start + chunk])
            start += chunk
            chunk += chunk // 2  # few checks however far down the top reaches, little overshoot
            floor = _floor(done, top)
            if start < len(order) and floor is not None and floor > bases[order[start]] + headroom:
                break
        ranked = apply_variety(done, top)
    return Ranking(goal, profile, tuple(ranked[:top]), tuple(excluded), notes(cat, goal, profile), dict(sources or {}))


def notes(cat: Catalogue, goal: Goal, profile: Profile) -> tuple[str, ...]:
    """Goal notes, then safety notes for declared conditions (see data/goals.yaml)."""
    out = list(goal.notes)
    if profile.pains:
        out.append(cat.safety["general"])
    for pain in profile.pains:
        note = cat.condition_notes.get(pain)
        if note and note not in out:
            out.append(note)
    return tuple(out)


ALTERNATIVE_RULES = {"same-movement": 12.0, "same-load-vector": 5.0, "same-peak-tension": 4.0, "caution": -10.0}


class Alternatives(NamedTuple):
    exercise: Exercise
    ranking: Ranking
    similarity: dict[str, float]


def alternatives(cat: Catalogue, ex: Exercise, profile: Profile, top: int = 5) -> Alternatives:
    """Exercises that train the same regions in a similar way, for someone who cannot do `ex`."""
    weights = dict(ALTERNATIVE_RULES)
    goal = Goal(
        name=f"like-{ex.slug}",
        description=f"Exercises that train the same regions as {ex.name}, the same way.",
        regions={},
        rule_weights=weights,
        load_vectors=(),
        exclude_equipment={},
        dose={lv: Dose(3, (8, 12), 90) for lv in LEVEL_RANK},
        notes=(),
        like=ex,
    )
    others = [e for e in cat.exercises.values() if e.family != ex.family]
    ranking = rank(cat, goal, profile, top, pool=others)
    if not ranking.items:  # nothing else fits: offer the exercise's own family
        family = [e for e in cat.exercises.values() if e.family == ex.family and e.slug != ex.slug]
        ranking = rank(cat, goal, profile, top, pool=family)
    sims = {s.exercise.slug: next(r.points for r in s.reasons if r.rule == "similarity") / 100 for s in ranking.items}
    return Alternatives(ex, ranking, sims)
