"""Where each scored exercise takes its place in a list: the list's rules hold in every window of five.

Places 1-5 are the same whatever the list's length: each window of five holds at most one of a
movement (vocab.SAME_MOVEMENT), the goal's cap of a pattern and at most two exercises a declared
condition favours, and covers the patterns the goal needs; from place 6 each window allows one more of
a movement and of a pattern. #1 is decided by the goal, never by a condition's favour, for strength,
size and power; for a goal about a deep muscle an estimate leads only near the best measured score.
Pure: scored items in, best first; a Selection out.
"""

import math
from collections import Counter
from collections.abc import Sequence

from glutecoach.core.models import Dose, Exercise, Goal, Profile, Summary
from glutecoach.core.record import NamedTuple
from glutecoach.core.rules import PARTS, Reason, regions_by_weight
from glutecoach.core.safety import level_for
from glutecoach.core.vocab import FAMILY_CAP, PATTERN_CAP, REGIONS, SAME_MOVEMENT


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


def _sort_key(s: Scored) -> tuple[float, str]:
    return (-s.score, s.exercise.slug)


WINDOW = 5  # the list's rules hold in every window of five places: places 1-5 are a top 5
FAVOUR_CAP = 2  # a condition's favour lifts at most this many exercises into a window
GOAL_LED = ("strength", "hypertrophy", "power")  # adaptations whose #1 the goal decides, never a condition's favour
HARD_NEEDS = ("strength",)  # adaptations whose needs only hard work meets (effort >= NEED_EFFORT)
NEED_EFFORT = 3  # a strength or size list covers a pattern with work taken close to failure, not a drill of it
EVIDENCE_LED = ("gluteus-medius", "gluteus-minimus", "piriformis")  # deep muscles: mostly estimates, so evidence leads a goal about one
LEAD_MARGIN = 5  # an estimate leads a deep-muscle list only within this many points of the best measured score


def movement_of(family: str) -> str:
    """The movement a family belongs to for the family cap (vocab.SAME_MOVEMENT)."""
    return SAME_MOVEMENT.get(family, family)


class Selection(NamedTuple):
    chosen: list[Scored]  # in place order
    held: dict[str, str]  # slug -> why a chosen one gave way to those above it first


def cautioned(ex: Exercise | Summary, profile: Profile, still_covers: frozenset[str] = frozenset()) -> bool:
    """A caution for a declared condition that bars the exercise from taking a place just to cover a pattern."""
    return any(
        c.condition in profile.pains and c.condition not in still_covers and level_for(c, profile) == "caution"
        for c in ex.contraindications
    )


def favoured(s: Scored) -> bool:
    return any(r.rule == "condition-favours" and r.points > 0 for r in s.reasons)


NOBODY = Profile()


class _Place(NamedTuple):
    """What the list holds so far, as the rules for the next place read it."""

    number: int  # 0 for #1
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


def _lead(items: Sequence[Scored], goal: Goal, profile: Profile) -> _Lead:
    main = next(iter(regions_by_weight(goal)), "")
    goal_led = goal.adaptation in GOAL_LED
    if main not in EVIDENCE_LED or goal.regions[main] < 0.5:  # a goal about a deep muscle, not one that includes it
        return _Lead(-1, 0.0, goal_led)
    i = REGIONS.index(main)
    measured = [
        s.exercise.region_scores[i]
        for s in items
        if s.exercise.region_basis[i] != "estimate" and goal.pattern_cap.get(s.exercise.pattern, 1) and not cautioned(s.exercise, profile)
    ]
    return _Lead(i, max(measured, default=0) - LEAD_MARGIN, goal_led)


def meets_need(ex: Exercise | Summary, goal: Goal) -> bool:
    """Can the exercise cover one of the goal's patterns: for a strength or size goal only work that can be
    taken close to failure (a Nordic curl is a hamstring exercise to the glutes: it does not cover the hinge)."""
    return goal.adaptation not in HARD_NEEDS or ex.effort >= NEED_EFFORT


def _why_not(s: Scored, at: _Place, goal: Goal, lead: _Lead | None, profile: Profile, still_covers: frozenset[str]) -> str | None:
    """Why `s` cannot take the place `at`, or None: the window's family and pattern caps (one more of each
    per window after the first), the favour bound, who may lead, and the goal's needs before repeats."""
    ex = s.exercise
    cap = goal.pattern_cap.get(ex.pattern, PATTERN_CAP)
    cap = cap + at.window if cap else 0
    if at.families[movement_of(ex.family)] >= FAMILY_CAP + at.window:
        return f"another {ex.family} variant already ranks above it"
    if at.patterns[ex.pattern] >= cap:
        return (
            f"{cap} {ex.pattern} exercise{'s' if cap != 1 else ''} already rank above it"
            if cap
            else f"this goal's list has no {ex.pattern} work"
        )
    is_favoured = favoured(s)
    if is_favoured and at.favoured >= FAVOUR_CAP:
        return f"a condition's favour lifts at most {FAVOUR_CAP} exercises into each five"
    if lead is not None and at.number == 0:
        if is_favoured and lead.goal_led:
            return f"the goal, not a condition's favour, decides what leads a {goal.adaptation} list"
        if lead.region >= 0 and ex.region_basis[lead.region] == "estimate" and ex.region_scores[lead.region] < lead.floor:
            return f"an estimate leads only within {LEAD_MARGIN} points of the best measured {REGIONS[lead.region]} score"
    meets = any(ex.pattern in n for n in at.open_needs) and meets_need(ex, goal) and not cautioned(ex, profile, still_covers)
    if not meets and len(at.open_needs) >= at.left:
        return f"the list first covers the {' / '.join(sorted(at.open_needs[0]))} pattern this goal needs"
    return None


def select(
    items: Sequence[Scored],
    top: int,
    goal: Goal,
    available: set[str],
    profile: Profile = NOBODY,
    still_covers: frozenset[str] = frozenset(),
) -> Selection:
    """The top of the list, from items best first, place by place: each window of five places holds at
    most FAMILY_CAP of a movement and the goal's cap of a pattern (one more of each per window after the
    first), at most FAVOUR_CAP exercises a condition favours, and covers the patterns the goal needs
    before its places run out (a need counts only when an allowed exercise has its pattern). So places
    1-5 are the same whatever the length of the list. #1 is never a condition's favourite for a strength,
    size or power goal, nor, for a deep muscle, an estimate far below the best measured score. An
    exercise with a caution for a declared condition never takes a place just to cover a pattern."""
    needs = [set(n) for n in goal.needs if set(n) & available]
    lead = _lead(items, goal, profile)
    remaining = list(items)
    chosen: list[Scored] = []
    why_not: dict[str, str] = {}
    patterns: Counter[str] = Counter()
    families: Counter[str] = Counter()
    for index in range(min(top, len(remaining))):
        window = index // WINDOW
        left = min(top, WINDOW * (window + 1)) - index
        in_window = chosen[WINDOW * window :]
        at = _Place(
            index, window, left, patterns, families, sum(map(favoured, in_window)), [n for n in needs if not any(patterns[p] for p in n)]
        )
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
    return Selection(chosen, {slug: why for slug, why in why_not.items() if slug in placed})


def _first(
    remaining: list[Scored],
    at: _Place,
    goal: Goal,
    lead: _Lead | None,
    profile: Profile,
    still_covers: frozenset[str],
    why_not: dict[str, str],
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


def finish(selection: Selection) -> list[Scored]:
    """The chosen in place order, each that gave way to those above it placed just below the one above
    (with its reason, so the list reads best first), and what set each one apart. An exercise no place
    could take is not shown: a list too short for its rules is shorter, never broken."""
    chosen: list[Scored] = []
    for s in selection.chosen:
        if chosen and _sort_key(s) < _sort_key(chosen[-1]):
            s = _placed(s, chosen[-1].score, selection.held.get(s.exercise.slug, "the list's rules placed it here"))
        chosen.append(s)
    return [s._replace(decided_by=_decisive(s, chosen)) for s in chosen]


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
