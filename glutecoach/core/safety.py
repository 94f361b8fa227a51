"""Conditions read what an exercise loads: every exercise with a feature gets the condition's level.

A condition (data/goals.yaml, "conditions") names the tissue loads it restricts (vocab.TISSUE_LOADS,
plus deep-hip-flexion) with a level (avoid / caution) and a note. An exercise's own contraindication
entry adds exercise-specific advice; the stricter of the two wins, unless the entry is marked as a
reasoned exception. So siblings that share a feature always share the condition: no sumo deadlift
left unflagged next to a flagged conventional one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from glutecoach.core.models import Contraindication, Exercise, Profile, Summary
from glutecoach.core.record import NamedTuple
from glutecoach.core.vocab import CONDITIONS, DEEP_HIP_FLEXION

SEVERITY = {"advice": 0, "caution": 1, "avoid": 2}


class ConditionRule(NamedTuple):
    load: str
    level: str  # avoid | caution
    note: str


class Condition(NamedTuple):
    name: str
    label: str  # a few words: "hip replacement (posterior approach)"
    note: str  # shown with any ranking for someone who declares it
    includes: tuple[str, ...]  # e.g. hip-replacement includes both approaches
    rules: tuple[ConditionRule, ...]


class ExplicitEntry(NamedTuple):
    condition: str
    level: str
    note: str
    exception: bool = False


def tissue_loads(loads: Sequence[str], hip_flexion: str) -> tuple[str, ...]:
    """What an exercise loads, as conditions read it: its tags, and deep hip flexion when it reaches it."""
    extra = (DEEP_HIP_FLEXION,) if hip_flexion == "deep" and DEEP_HIP_FLEXION not in loads else ()
    return (*loads, *extra)


def rules_of(name: str, conditions: Mapping[str, Condition], seen: frozenset[str] = frozenset()) -> list[ConditionRule]:
    """A condition's rules with those of the conditions it includes (each included one once)."""
    cond = conditions.get(name)
    if cond is None or name in seen:
        return []
    out = list(cond.rules)
    for inner in cond.includes:
        out.extend(rules_of(inner, conditions, seen | {name}))
    return out


def derived(name: str, loads: Sequence[str], conditions: Mapping[str, Condition]) -> Contraindication | None:
    """The strictest rule of the condition that the exercise's loads meet; notes of equal rules joined."""
    hits = [r for r in rules_of(name, conditions) if r.load in loads]
    if not hits:
        return None
    level = max(hits, key=lambda r: SEVERITY[r.level]).level
    notes = list(dict.fromkeys(r.note for r in hits if r.level == level))
    return Contraindication(name, level, " ".join(notes))


def resolve(loads: Sequence[str], explicit: Sequence[ExplicitEntry], conditions: Mapping[str, Condition]) -> tuple[Contraindication, ...]:
    """Every condition that concerns the exercise, in vocabulary order: derived from its loads, combined
    with its own entries (the stricter wins; an exception replaces the derived entry)."""
    own = {e.condition: e for e in explicit}
    out = []
    for name in CONDITIONS:
        rule = derived(name, loads, conditions)
        entry = own.get(name)
        if entry is None:
            if rule is not None:
                out.append(rule)
            continue
        mine = Contraindication(name, entry.level, entry.note, derived=rule is not None and not entry.exception)
        if rule is None or entry.exception or SEVERITY[entry.level] > SEVERITY[rule.level]:
            out.append(mine)
        elif SEVERITY[entry.level] == SEVERITY[rule.level]:
            out.append(Contraindication(name, rule.level, f"{entry.note} {rule.note}" if rule.note not in entry.note else entry.note))
        else:
            out.append(Contraindication(name, rule.level, f"{rule.note} {entry.note}"))
    return tuple(out)


# --- for this person: clearance after a hip replacement, what a condition favours ------------------

CLEARABLE = ("hip-replacement", "hip-replacement-anterior", "hip-replacement-posterior")  # restrictions a surgeon lifts


def level_for(c: Contraindication, profile: Profile) -> str:
    """The level a contraindication has for this person: once the surgeon has cleared full training after
    a hip replacement, what was left out becomes a caution."""
    if c.level == "avoid" and profile.cleared and c.condition in CLEARABLE:
        return "caution"
    return c.level


TENDON_COMPRESSION = ("side-lying-compression", "end-range-adduction")  # what presses the gluteal tendons on the bone


def favourable(ex: Exercise | Summary) -> dict[str, float]:
    """The properties a condition can favour (vocab.FAVOURABLE) that the exercise has, with how much
    (0-1), read from summary fields: an isometric abduction hold in full (the LEAP trial starts there),
    single-leg balance work in part (its progression)."""
    if any(load in TENDON_COMPRESSION for load in ex.loads):
        return {}
    hold = ex.unit == "seconds" and any(p.action == "isometric" for p in ex.peaks)
    out = {}
    if hold and ex.pattern in ("abduction", "stability") and "hip-abduction" in ex.joint_actions:
        out["abduction-hold"] = 1.0
    if ex.pattern == "stability" and ex.stance == "single-leg" and ex.unit in ("seconds", "reps"):
        out["single-leg-stance"] = 0.5
    return out
