"""Rank exercises for a goal and a profile; every point of every score comes with its reason.

A score is the sum of its reasons, in four named parts (core.rules): where the exercise works
(emphasis), how hard it can train the glutes for this goal (stimulus), adjustments for this person (fit)
and how sure the evidence is (confidence). The top of a list then covers the patterns the goal needs
before it repeats one (select()). Pure: the catalogue, the goal and the profile in; a Ranking out.
"""


import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from glutecoach.core.dose import dose_for
from glutecoach.core.models import Catalogue, Dose, Exercise, Goal, Profile, Summary
from glutecoach.core.rules import PARTS, RULES, Reason, Rule, apply, regions_by_weight, weight
from glutecoach.core.vocab import FAMILY_CAP, LEVEL_RANK, PATTERN_CAP, REGIONS, SAME_MOVEMENT


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


WINDOW = 5  # the list's rules hold in every window of five places: places 1-5 are a top 5
FAVOUR_CAP = 2  # a condition's favour lifts at most this many exercises into a window
GOAL_LED = ("strength", "hypertrophy", "power")  # adaptations whose #1 the goal decides, never a condition's favour
EVIDENCE_LED = ("gluteus-medius", "gluteus-minimus", "piriformis")  # deep muscles: mostly estimates, so evidence leads
LEAD_MARGIN = 5  # an estimate leads a deep-muscle list only within this many points of the best measured score


def movement_of(family: str) -> str:
    """The movement a family belongs to for the family cap (vocab.SAME_MOVEMENT)."""
    return SAME_MOVEMENT.get(family, family)


class Selection(NamedTuple):
    chosen: list[Scored]  # in place order
    passed_over: list[tuple[Scored, str]]  # never placed, with why it gave way
    complete: bool  # the top is full (or every candidate was placed)
    held: dict[str, str] = {}  # slug -> why a chosen one gave way to those above it first


def cautioned(ex: Exercise | Summary, profile: Profile, still_covers: frozenset[str] = frozenset()) -> bool:
    """A caution for a declared condition that bars the exercise from taking a place just to cover a pattern."""
    return any(c.level == "caution" and c.condition in profile.pains and c.condition not in still_covers for c in ex.contraindications)


def favoured(s: Scored) -> bool:
    return any(r.rule == "condition-favours" and r.points > 0 for r in s.reasons)


NOBODY = Profile()


class _Place(NamedTuple):
    """What the list holds so far, as the rules for the next place read it."""

    index: int  # 0 for #1
    window: int  # 0 for places 1-5
    left: int  # places left in this window, this one included
    patterns: Counter[str]
    families: Counter[str]
    favoured: int  # favoured exercises in this window
    open_needs: list[set[str]]


class _Lead(NamedTuple):
    """What may take #1: the goal's main region when evidence leads it, and the score an estimate must reach."""

    region: int  # index in REGIONS, -1: no evidence rule
    floor: float
    goal_led: bool


def _lead(items: Sequence[Scored], goal: Goal) -> _Lead:
    main = next(iter(regions_by_weight(goal)), "")
    goal_led = goal.adaptation in GOAL_LED
    if main not in EVIDENCE_LED:
        return _Lead(-1, 0.0, goal_led)
    i = REGIONS.index(main)
    measured = [s.exercise.region_scores[i] for s in items if s.exercise.region_basis[i] != "estimate" and goal.pattern_cap.get(s.exercise.pattern, 1)]
    return _Lead(i, max(measured, default=0) - LEAD_MARGIN, goal_led)


def _why_not(s: Scored, at: _Place, goal: Goal, lead: _Lead | None, profile: Profile, still_covers: frozenset[str]) -> str | None:
    """Why `s` cannot take the place `at`, or None: the window's family and pattern caps (one more of each
    per window after the first), the favour bound, who may lead, and the goal's needs before repeats."""
    ex = s.exercise
    cap = goal.pattern_cap.get(ex.pattern, PATTERN_CAP)
    cap = cap + at.window if cap else 0
    if at.families[movement_of(ex.family)] >= FAMILY_CAP + at.window:
        return f"another {ex.family} variant already ranks above it"
    if at.patterns[ex.pattern] >= cap:
        return f"{cap} {ex.pattern} exercise{'s' if cap != 1 else ''} already rank above it" if cap else f"this goal's list has no {ex.pattern} work"
    is_favoured = favoured(s)
    if is_favoured and at.favoured >= FAVOUR_CAP:
        return f"a condition's favour lifts at most {FAVOUR_CAP} exercises into each five"
    if lead is not None and at.index == 0:
        if is_favoured and lead.goal_led:
            return f"the goal, not a condition's favour, decides what leads a {goal.adaptation} list"
        if lead.region >= 0 and ex.region_basis[lead.region] == "estimate" and ex.region_scores[lead.region] < lead.floor:
            return f"an estimate leads only within {LEAD_MARGIN} points of the best measured {REGIONS[lead.region]} score"
    meets = any(ex.pattern in n for n in at.open_needs) and not cautioned(ex, profile, still_covers)
    if not meets and len(at.open_needs) >= at.left:
        return f"the list first covers the {' / '.join(sorted(at.open_needs[0]))} pattern this goal needs"
    return None


def select(
    items: Sequence[Scored], top: int, goal: Goal, available: set[str], profile: Profile = NOBODY, still_covers: frozenset[str] = frozenset()
) -> Selection:
    """The top of the list, from items best first, place by place: each window of five places holds at
    most FAMILY_CAP of a movement and the goal's cap of a pattern (one more of each per window after the
    first), at most FAVOUR_CAP exercises a condition favours, and covers the patterns the goal needs
    before its places run out (a need counts only when an allowed exercise has its pattern). So places
    1-5 are the same whatever the length of the list. #1 is never a condition's favourite for a strength,
    size or power goal, nor, for a deep muscle, an estimate far below the best measured score. An
    exercise with a caution for a declared condition never takes a place just to cover a pattern."""
    needs = [set(n) for n in goal.needs if set(n) & available]
    lead = _lead(items, goal)
    remaining = list(items)
    chosen: list[Scored] = []
    why_not: dict[str, str] = {}
    patterns: Counter[str] = Counter()
    families: Counter[str] = Counter()
    for index in range(min(top, len(remaining))):
        window = index // WINDOW
        left = min(top, WINDOW * (window + 1)) - index
        in_window = chosen[WINDOW * window :]
        at = _Place(index, window, left, patterns, families, sum(map(favoured, in_window)), [n for n in needs if not any(patterns[p] for p in n)])
        pick = _first(remaining, at, goal, lead, profile, still_covers, why_not)
        if pick is None:  # nothing meets who may lead: the rest of the rules still hold
            pick = _first(remaining, at, goal, None, profile, still_covers, why_not)
        if pick is None:
            break
        s = remaining.pop(pick)
        chosen.append(s)
        patterns[s.exercise.pattern] += 1
        families[movement_of(s.exercise.family)] += 1
    placed = {s.exercise.slug for s in chosen}
    passed = [(s, why_not[s.exercise.slug]) for s in remaining if s.exercise.slug in why_not]
    held = {slug: why for slug, why in why_not.items() if slug in placed}
    return Selection(chosen, passed, len(chosen) == top or not remaining, held)


def _first(
    remaining: list[Scored], at: _Place, goal: Goal, lead: _Lead | None, profile: Profile, still_covers: frozenset[str], why_not: dict[str, str]
) -> int | None:
    for j, s in enumerate(remaining):
        why = _why_not(s, at, goal, lead, profile, still_covers)
        if why is None:
            return j
        why_not.setdefault(s.exercise.slug, why)
    return None


def _placed(s: Scored, floor: float, why: str) -> Scored:
    """`s` with a 'variety' reason that puts it just below `floor`, so every score is still the sum of its reasons."""
    penalty = Reason("variety", round(floor - s.score - 0.1, 1), f"Placed lower: {why}.", "variety", "fit")
    return scored(s.exercise, (*s.reasons, penalty), s.dose)


def finish(selection: Selection, top: int) -> list[Scored]:
    """The chosen in place order, each that gave way to those above it placed just below the one above
    (with its reason); then the never-placed, below the last chosen one; and what set each chosen one apart."""
    chosen: list[Scored] = []
    for s in selection.chosen:
        if chosen and _sort_key(s) < _sort_key(chosen[-1]):
            s = _placed(s, chosen[-1].score, selection.held.get(s.exercise.slug, "the list's rules placed it here"))
        chosen.append(s)
    floor = chosen[-1].score if chosen else 0.0
    demoted = [_placed(s, floor, why) if chosen and s.score >= floor else s for s, why in selection.passed_over]
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


def goal_points(cat: Catalogue, goal: Goal) -> list[float]:
    """Each exercise's points from the rules that read only the exercise and the goal (every part but
    fit), in catalogue order: the CLI caches them per catalogue and goal (glutecoach.speed), so ranking
    adds only the person's few points to each and scores in full only the chosen."""
    rules = [r for r in RULES if r.part != "fit" and weight(r, goal)]
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

    With `known` (goal_points() for the catalogue), every allowed exercise gets its exact score from
    those points and the person's rules, which read only summary fields, without being built; the top
    is chosen from those and only the chosen are scored in full, with their reasons. Without it, every
    allowed exercise is scored in full (the plain path, and the tests' oracle: both give the same list).
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

    selection: Selection | None = None
    if known is not None and pool is None:
        position = {s.slug: i for i, s in enumerate(cat.exercises.summaries)}
        fit = [r for r in rules if r.part == "fit"]
        nothing = Dose(0, (0, 0), 0)

        def light(item: Exercise | Summary) -> Scored:
            reasons = tuple(r for rule in fit if (r := apply(rule, item, goal, profile)) is not None)  # type: ignore[arg-type]
            return Scored(item, reasons, nothing, round(known[position[item.slug]] + sum(r.points for r in reasons), 1))  # type: ignore[arg-type]

        picked = select(sorted(map(light, allowed), key=_sort_key), top, goal, available, profile, cat.still_covers)
        if len(picked.chosen) == top or not picked.passed_over:
            selection = picked._replace(chosen=[full(s.exercise) for s in picked.chosen], passed_over=[])
    if selection is None:  # the plain path, or too few to fill the top: the rest are shown with their reasons
        selection = select(sorted(map(full, allowed), key=_sort_key), top, goal, available, profile, cat.still_covers)
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
