"""Whether an exercise may be offered to a person at all, and why not: a condition that says avoid, a level
above theirs, equipment they lack, or equipment the goal does not use at their level. Ranking
(core.engine), plans (core.plan_rules) and `plan next` (core.next_items) all ask here. Pure and small, so
`plan next` asks it without importing the ranking engine."""

from __future__ import annotations

from glutecoach.core.models import Exercise, Goal, Profile, Summary
from glutecoach.core.record import NamedTuple
from glutecoach.core.safety import level_for
from glutecoach.core.vocab import LEVEL_RANK


class Exclusion(NamedTuple):
    slug: str
    kind: str  # equipment | level | goal | avoid:CONDITION
    reason: str


def exclusion(ex: Exercise | Summary, goal: Goal | None, profile: Profile) -> Exclusion | None:
    """Why the exercise cannot be offered to this person at all, or None."""
    for c in ex.contraindications:
        if c.condition in profile.pains and level_for(c, profile) == "avoid":
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
