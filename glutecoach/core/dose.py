"""The dose of an exercise for a goal and level: sets, a range in the exercise's own unit, rest, per side.

The goal (data/goals.yaml) gives the dose for its adaptation and level; the exercise's type then sets the
unit and keeps the dose sensible: holds in seconds, jumps in foot contacts, sleds and carries in metres,
walks in steps; a light drill is never dosed at 8 reps or fewer; a strength goal's body-weight work stays at
6-12 reps (it progresses by load or a harder variant) and dumbbell work at 6 reps or more (a 3-6RM is rarely
reachable with dumbbells); rest follows the exercise (isolation about 60-90 s, heavy compounds 2-3 min).
"""

from __future__ import annotations

from glutecoach.core.models import Dose, Exercise, Goal

ISOLATION = ("kickback", "abduction", "rotation", "stability")
COMPOUND = ("bridge-thrust", "hinge", "squat", "lunge")
HEAVY_LOAD = 4  # load potential from which a compound counts as heavy
LIGHT_DRILL_REPS = (12, 20)
ISOLATION_REPS = (8, 15)
ISOLATION_REST = (45, 90)
# A strength goal's body-weight work stays in a strength range and progresses by load (a vest, a dumbbell)
# or the harder variant, never by adding reps to 20: the very hard variants (effort 5) a little lower.
STRENGTH_BODY_WEIGHT_REPS = (6, 12)
STRENGTH_HARDEST_REPS = (5, 10)
HAND_HELD = ("dumbbell", "kettlebell")  # loads held in the hands: a 3-6RM is rarely reachable with them
HEAVIER_KIT = ("barbell", "trap-bar", "machine", "cable", "sled")
HAND_HELD_REPS = (6, 10)  # the heaviest such a set usually gets
HEAVY_REST_MAX = 180  # the floor is the catalogue's heavy_rest_s (data/goals.yaml)
MODERATE_REST = (60, 120)  # compounds with little load (body weight, a light dumbbell)

# Doses for units other than reps, by level: (sets, [min, max] per set, rest seconds).
BY_UNIT: dict[str, dict[str, tuple[int, tuple[int, int], int]]] = {
    "seconds": {"beginner": (2, (20, 30), 45), "intermediate": (3, (30, 45), 60), "advanced": (3, (30, 60), 60)},
    "contacts": {"beginner": (3, (5, 8), 90), "intermediate": (4, (5, 8), 120), "advanced": (5, (4, 6), 150)},
    "steps": {"beginner": (2, (10, 15), 45), "intermediate": (3, (12, 20), 60), "advanced": (3, (15, 20), 60)},
}
METRES = {  # sprints, sleds, carries
    "power": {"beginner": (4, (10, 20), 120), "intermediate": (5, (15, 30), 150), "advanced": (6, (20, 40), 180)},
    "other": {"beginner": (2, (20, 30), 60), "intermediate": (3, (20, 40), 90), "advanced": (3, (30, 40), 90)},
}


def is_light_drill(ex: Exercise) -> bool:
    """Little room to add load and an isolation, bridge or balance pattern: a drill, dosed in high reps."""
    return ex.load_potential <= 2 and ex.pattern in (*ISOLATION, "bridge-thrust")


def is_body_weight_strength(ex: Exercise, goal: Goal) -> bool:
    """Body-weight compound work for a strength goal that can be taken near failure (a light drill only when
    very hard, effort 4+): dosed in a strength range, progressed by load or the harder variant."""
    if goal.adaptation != "strength" or ex.pattern not in COMPOUND or not (ex.load_potential <= 2 or not ex.equipment):
        return False
    return ex.effort >= (4 if is_light_drill(ex) else 3)


def is_hand_held(ex: Exercise) -> bool:
    """Loaded with dumbbells or a kettlebell and nothing heavier: the grip and the weights on hand cap the load."""
    return any(e in HAND_HELD for e in ex.equipment) and not any(e in HEAVIER_KIT for e in ex.equipment)


def is_heavy_compound(ex: Exercise) -> bool:
    return ex.load_potential >= HEAVY_LOAD and ex.pattern in COMPOUND


def dose_for(ex: Exercise, goal: Goal, level: str, heavy_rest_s: int) -> Dose:
    base = goal.dose[level]
    side = ex.per_side
    if ex.unit in BY_UNIT:
        sets, span, rest = BY_UNIT[ex.unit][level]
        return Dose(min(sets, base.sets + 1), span, rest, ex.unit, side)
    if ex.unit == "metres":
        sets, span, rest = METRES["power" if ex.pattern == "power" else "other"][level]
        return Dose(sets, span, rest, ex.unit, side)
    low, high = base.reps
    rest = base.rest_s
    if ex.pattern == "power":  # a swing: explosive reps, stopped before they slow down
        return Dose(base.sets, (6, 10) if goal.adaptation == "power" else (10, 15), max(rest, 90), "reps", side)
    body_weight = ex.load_potential <= 2 or not ex.equipment
    if is_body_weight_strength(ex, goal):
        low, high = STRENGTH_HARDEST_REPS if ex.effort >= 5 else STRENGTH_BODY_WEIGHT_REPS
    elif is_light_drill(ex):
        low, high = max(low, LIGHT_DRILL_REPS[0]), max(high, LIGHT_DRILL_REPS[1])
    elif ex.pattern in ISOLATION:  # a loaded isolation (a machine, a cable) is worked in moderate reps, never as a 3-6RM
        low, high = max(low, ISOLATION_REPS[0]), max(high, ISOLATION_REPS[1])
    elif body_weight:  # body weight: hard enough only in more reps, unless very hard
        floor = (5, 10) if ex.effort >= 5 else (8, 15) if ex.effort == 4 else (10, 20)
        low, high = max(low, floor[0]), max(high, floor[1])
    elif ex.pattern in COMPOUND and is_hand_held(ex):
        low, high = max(low, HAND_HELD_REPS[0]), max(high, HAND_HELD_REPS[1])
    if ex.pattern in ISOLATION or is_light_drill(ex):
        rest = min(max(rest, ISOLATION_REST[0]), ISOLATION_REST[1])
    elif is_heavy_compound(ex) and ex.equipment:
        if goal.adaptation in ("hypertrophy", "strength", "power"):  # heavy sets need full rest
            rest = min(max(rest, heavy_rest_s), HEAVY_REST_MAX)
    else:
        rest = min(max(rest, MODERATE_REST[0]), MODERATE_REST[1])
    return Dose(base.sets, (low, high), rest, "reps", side)
