"""Rank exercises for a goal and a profile; every point of every score comes with its reason.

A score is the sum of its reasons, in four named parts (core.rules): where the exercise works
(emphasis), how hard it can train the glutes for this goal (stimulus), adjustments for this person (fit)
and how sure the evidence is (confidence). The top of a list then covers the patterns the goal needs
before it repeats one (select()). Pure: the catalogue, the goal and the profile in; a Ranking out.
"""


import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from operator import mul
from typing import NamedTuple

from glutecoach.core.dose import dose_for
from glutecoach.core.models import Catalogue, Dose, Exercise, Goal, Profile, Summary
from glutecoach.core.rules import PARTS, RULES, Reason, Rule, apply, weight
from glutecoach.core.vocab import FAMILY_CAP, LEVEL_RANK, PATTERN_CAP, REGIONS


class Exclusion(NamedTuple):
    slug: str
    kind: str  # equipment | level | goal | avoid:CONDITION
    reason: str


class Scored(NamedTuple):
    exercise: Exercise
    reasons: tuple[Reason, ...]
    dose: Dose
    score: float  # the sum of the reasons' points, kept with them (see scored())
    decided_by: str = ""  # the rule that most set it apart from the rest of the list

    def part(self, name: str) -> float:
        return round(sum(r.points for r in self.reasons if r.part == name), 1)

    @property
    def parts(self) -> dict[str, float]:
        return {p: self.part(p) for p in PARTS}

    @property
    def main_reason(self) -> Reason | None:
        return next((r for r in self.reasons if r.rule == self.decided_by), None)


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
    for c in ex.contraindications:
        if c.level == "avoid" and c.condition in profile.pains:
            return Exclusion(ex.slug, f"avoid:{c.condition}", f"to be avoided with {c.condition}: {c.note}")
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


def _sort_key(s: Scored) -> tuple[float, str]:
    return (-s.score, s.exercise.slug)


def _caps(goal: Goal, top: int) -> tuple[Callable[[str], int], int]:
    """The per-pattern and per-family caps for a list of `top`: as given for a top 5 or 6, one more of a
    family from the sixth place and of a pattern from the seventh, and so on every five places."""
    extra_pattern = max(0, (top - 2) // 5)
    extra_family = max(0, (top - 1) // 5)

    def pattern_cap(pattern: str) -> int:
        cap = goal.pattern_cap.get(pattern, PATTERN_CAP)
        return cap + extra_pattern if cap else 0

    return pattern_cap, FAMILY_CAP + extra_family


class Selection(NamedTuple):
    chosen: list[Scored]
    passed_over: list[tuple[Scored, str]]  # with why it gave way
    complete: bool  # the top is full (or every candidate was placed)


def cautioned(ex: Exercise | Summary, profile: Profile, still_covers: frozenset[str] = frozenset()) -> bool:
    """A caution for a declared condition that bars the exercise from taking a place just to cover a pattern."""
    return any(c.level == "caution" and c.condition in profile.pains and c.condition not in still_covers for c in ex.contraindications)


NOBODY = Profile()


def select(
    items: Sequence[Scored], top: int, goal: Goal, available: set[str], profile: Profile = NOBODY, still_covers: frozenset[str] = frozenset()
) -> Selection:
    """The top of the list, from items best first: at most FAMILY_CAP of a family and the goal's cap of
    a pattern, and the patterns the goal needs covered before one repeats (a need counts only when an
    allowed exercise has its pattern). An exercise with a caution for a declared condition never takes a
    place just to cover a pattern: it must earn it by score. Each decision reads only the items above, so a prefix of the
    true order gives the same top once it is complete (bounded ranking relies on it)."""
    needs = [set(n) for n in goal.needs if set(n) & available]
    pattern_cap, family_cap = _caps(goal, top)
    chosen: list[Scored] = []
    passed: list[tuple[Scored, str]] = []
    patterns: Counter[str] = Counter()
    families: Counter[str] = Counter()
    for s in items:
        if len(chosen) == top:
            return Selection(chosen, passed, True)
        ex = s.exercise
        open_needs = [n for n in needs if not any(patterns[p] for p in n)]
        if families[ex.family] >= family_cap:
            passed.append((s, f"another {ex.family} variant already ranks above it"))
            continue
        if patterns[ex.pattern] >= pattern_cap(ex.pattern):
            cap = pattern_cap(ex.pattern)
            why = f"{cap} {ex.pattern} exercise{'s' if cap != 1 else ''} already rank above it" if cap else f"this goal's list has no {ex.pattern} work"
            passed.append((s, why))
            continue
        meets = any(ex.pattern in n for n in open_needs) and not cautioned(ex, profile, still_covers)
        if not meets and len(open_needs) >= top - len(chosen):
            wanted = " / ".join(sorted(open_needs[0]))
            passed.append((s, f"the list first covers the {wanted} pattern this goal needs"))
            continue
        chosen.append(s)
        patterns[ex.pattern] += 1
        families[ex.family] += 1
    return Selection(chosen, passed, len(chosen) == top)


def finish(selection: Selection, top: int) -> list[Scored]:
    """The chosen, best first, then the passed-over with a 'variety' reason that puts each just below the
    last chosen one (so every score is still the sum of its reasons), and what set each chosen one apart."""
    chosen = sorted(selection.chosen, key=_sort_key)
    floor = chosen[-1].score if chosen else 0.0
    demoted = []
    for s, why in selection.passed_over:
        if chosen and s.score >= floor:
            penalty = Reason("variety", round(floor - s.score - 0.1, 1), f"Placed lower for variety: {why}.", "variety", "fit")
            s = scored(s.exercise, (*s.reasons, penalty), s.dose)
        demoted.append(s)
    ordered = chosen + sorted(demoted, key=_sort_key)
    return [s._replace(decided_by=_decisive(s, chosen)) for s in ordered]


def _decisive(s: Scored, shown: Sequence[Scored]) -> str:
    """The rule whose points most exceed what it gives the rest of the list on average."""
    others = [o for o in shown if o.exercise.slug != s.exercise.slug] or list(shown)
    best, margin = "", -math.inf
    for r in s.reasons:
        if r.points <= 0 or r.part == "confidence":
            continue
        mean = sum(next((x.points for x in o.reasons if x.rule == r.rule), 0.0) for o in others) / max(1, len(others))
        if r.points - mean > margin:
            best, margin = r.rule, r.points - mean
    return best


BOUNDED_FROM = 200  # catalogues this large are ranked with the bound below; small ones in full
CHUNK = 32


def headroom(goal: Goal, rules: Sequence[Rule], known: Callable[[Rule], bool] = lambda r: r.name == "region-match") -> float:
    """The most the rules not counted in the cheap bound can add to a score: each rule gives at most its
    weight either way (the fraction is held to -1..1 in rules.apply), plus rounding."""
    others = [abs(weight(r, goal)) for r in rules if not known(r)]  # a negative weight adds at a fraction of -1
    return sum(others) + 0.05 * len(rules) + 0.2


def goal_rules(goal: Goal) -> list[Rule]:
    """The rules that read only the exercise and the goal (every part but fit): their points can be
    worked out once per catalogue and goal, whoever asks."""
    return [r for r in RULES if r.part != "fit" and weight(r, goal)]


def goal_points(cat: Catalogue, goal: Goal) -> list[float]:
    """Each exercise's points from goal_rules, in catalogue order: the tight bound of bounded ranking
    (the CLI caches them per catalogue and goal, glutecoach.speed)."""
    rules = goal_rules(goal)
    nobody = Profile()
    return [round(sum(r.points for rule in rules if (r := apply(rule, cat.exercises[s.slug], goal, nobody))), 1) for s in cat.exercises.summaries]


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

    For a large catalogue, exercises are taken in order of a cheap bound and scored in full only while
    one could still change the top: once select() fills the top from exercises that score more than the
    next one's bound, nothing further can change it. The bound is the region match plus the most every
    other rule can add, or, when `known` holds goal_points() for the catalogue, those points plus the
    most the person's rules can add (a few points: most exercises need no scoring at all). The result is
    the same as scoring everything (tests/unit/test_engine.py checks both).
    """
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
    profile = with_favours(cat, profile)
    rules = active_rules(goal, profile)
    available = {item.pattern for item in allowed if not cautioned(item, profile, cat.still_covers)}

    def full(item: Exercise | Summary) -> Scored:
        ex = exercise(item)
        return scored(ex, score(ex, goal, profile, rules), dose_for(ex, goal, profile.level, cat.heavy_rest_s))

    region_weight = next((weight(r, goal) for r in rules if r.name == "region-match"), 0.0)
    use_known = known is not None and pool is None
    if not use_known and (len(allowed) < BOUNDED_FROM or not goal.regions or region_weight <= 0):
        done = sorted((full(item) for item in allowed), key=_sort_key)
        selection = select(done, top, goal, available, profile, cat.still_covers)
    elif use_known:
        # The goal's points are known for every exercise; the person's rules read only summary fields. So
        # every allowed exercise gets its exact score without being built, the top is chosen from those,
        # and only the chosen are scored in full, with their reasons.
        position = {s.slug: i for i, s in enumerate(cat.exercises.summaries)}
        fit = [r for r in rules if r.part == "fit"]

        def exact(item: Exercise | Summary) -> float:
            points = [r.points for rule in fit if (r := apply(rule, item, goal, profile)) is not None]  # type: ignore[arg-type]
            return round(known[position[item.slug]] + sum(points), 1)  # type: ignore[index]

        nothing = Dose(0, (0, 0), 0)
        light = sorted((Scored(item, (), nothing, exact(item)) for item in allowed), key=_sort_key)  # type: ignore[arg-type]
        picked = select(light, top, goal, available, profile, cat.still_covers)
        if picked.complete:
            selection = Selection([full(s.exercise) for s in picked.chosen], [], True)
        else:  # too few to fill the top: the rest are shown with their variety reasons, so score them all
            done = sorted((full(item) for item in allowed), key=_sort_key)
            selection = select(done, top, goal, available, profile, cat.still_covers)
    else:
        scale = [goal.regions.get(r, 0.0) * region_weight / 100 for r in REGIONS]
        bases = [sum(map(mul, scale, item.region_scores)) for item in allowed]
        room = headroom(goal, rules)
        order = sorted(range(len(allowed)), key=bases.__getitem__, reverse=True)
        done = []
        start, chunk = 0, CHUNK
        while True:
            done.extend(full(allowed[i]) for i in order[start : start + chunk])
            start += chunk
            chunk += chunk // 2  # few checks however far down the top reaches, little overshoot
            done.sort(key=_sort_key)
            if start >= len(order):
                selection = select(done, top, goal, available, profile, cat.still_covers)
                break
            bound = bases[order[start]] + room  # nothing unscored can score more than this
            certain = [s for s in done if s.score > bound]
            selection = select(certain, top, goal, available, profile, cat.still_covers)
            if selection.complete:
                break
    ranked = finish(selection, top)
    return Ranking(goal, profile, tuple(ranked[:top]), tuple(excluded), notes(cat, goal, profile), dict(sources or {}))


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
    return tuple(out)


# --- alternatives ----------------------------------------------------------------------------------


def region_similarity(a: Exercise, b: Exercise) -> float:
    """0-1: one minus the root-mean-square difference of the five region scores over 100. Magnitude
    counts: a 6 % drill is not 'like' a 92 % one however their profiles are shaped."""
    rms = math.sqrt(sum((a.scores[r] - b.scores[r]) ** 2 for r in REGIONS) / len(REGIONS))
    return max(0.0, 1 - rms / 100)


ALTERNATIVE_WEIGHTS = {"similarity": 55.0, "same-pattern": 25.0, "same-load": 10.0, "same-effort": 8.0, "same-stance": 2.0}


def alternative_reasons(ex: Exercise, like: Exercise) -> tuple[Reason, ...]:
    """Why `ex` can stand in for `like`: the same regions as hard, the same pattern, load class and stance."""
    w = ALTERNATIVE_WEIGHTS
    sim = region_similarity(ex, like)
    out = [Reason("similarity", round(w["similarity"] * sim, 1), f"Works the same regions about as hard as {like.name} ({sim:.0%} alike).", "same regions", "emphasis")]
    if ex.pattern == like.pattern:
        out.append(Reason("same-pattern", w["same-pattern"], f"The same movement pattern ({ex.pattern}).", "same pattern", "emphasis"))
    load = 1 - abs(ex.load_potential - like.load_potential) / 4
    if load > 0:
        out.append(Reason("same-load", round(w["same-load"] * load, 1), f"Similar room to load it (load potential {ex.load_potential}/5 against {like.load_potential}/5).", "similar load", "stimulus"))
    if ex.stance == like.stance:
        out.append(Reason("same-stance", w["same-stance"], f"The same stance ({ex.stance}).", "same stance", "stimulus"))
    eff = 1 - abs(ex.effort - like.effort) / 4
    if eff > 0:
        out.append(Reason("same-effort", round(w["same-effort"] * eff, 1), f"Can be taken as close to failure (effort {ex.effort}/5 against {like.effort}/5).", "as hard", "stimulus"))
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
