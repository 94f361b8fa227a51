"""The small rules a plan is built with, each with its figure: what a plan may use for a person, how a
phase's weeks are split and which are lighter, a dose in a phase, what counts as complex, heavy or a loaded
thrust, and the weekly schedule. Pure; core.plan_sessions, core.plan_weeks and core.plan build on them.
"""

from __future__ import annotations

from collections.abc import Sequence

from glutecoach.core.dose import dose_for, is_heavy_compound
from glutecoach.core.eligibility import exclusion
from glutecoach.core.models import Catalogue, Dose, Exercise, Goal, Phase, Profile

SESSION_MINUTES = {
    "beginner": (20, 45),
    "intermediate": (30, 75),
    "advanced": (30, 75),
}  # the longest bounds a session; length follows volume

SHORT_WEEK_LOW = 30  # the shortest session with five or six sessions a week (the week's volume is shared out)


COMPLEX_FROM = {"beginner": 3, "intermediate": 4, "advanced": 5}  # complexity that is new technique at a level

NEW_PER_WEEK = 3  # new exercises a week after the plan's first week (a bridge from feeling to loading, not a cliff)


HEAVY_HINGES_PER_WEEK = 2

STAND_IN_EFFORT = 2  # a known exercise stands in for a new lift only from this effort (never a sit-to-stand for a squat)

WARM_UP_WEEKS = 2  # contact drills stay on as a warm-up in this many weeks after Contact


PREFER_POINTS = 8.0  # a phase's preferred exercise is chosen over one that scores up to this much more

ROTATE_POINTS = 10.0  # days rotate among the options of a need within this many points of the best


WEEKDAYS = {1: (0,), 2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 4, 5), 6: (0, 1, 2, 3, 4, 5)}

TEMPO = {
    "seconds": "hold still and breathe; keep the squeeze",
    "contacts": "land softly, reset between reps; stop when they slow",
    "metres": "fast, tall and relaxed; walk back to recover",
    "steps": "small steady steps, keep the band taut",
}


POWER_TEMPO = "explosive; stop the set before the reps slow down"

SPINE_HEAVY = ("heavy-axial-load", "floor-pull")


MIN_PHASE_WEEKS = 2

LIGHTER_SPACING = 3  # lighter weeks at least this many weeks apart


LIGHTER_BLOCK = 3  # a loaded phase this long ends with a lighter week

LIGHTER_LIFT_SETS = 2  # a lighter week never cuts a main or compound lift to fewer sets than this


NOVICE_LIFT_SETS = 2  # ACSM 2009: novices 1-3 sets an exercise. With each session's main lift at 3, a beginner's
# strength week of three sessions of two lifts starts at 15 hard sets, under the beginner ceiling of 16


def lift_sets_for(goal: Goal, level: str) -> int:
    """The fewest working sets of a compound lift in a loaded phase for a goal built on lifts (`lift_sets`):
    a beginner's at most NOVICE_LIFT_SETS, so that few lifts practised often fit the beginner's weekly range."""
    return min(goal.lift_sets, NOVICE_LIFT_SETS) if level == "beginner" else goal.lift_sets


def dose_in(cat: Catalogue, ex: Exercise, goal: Goal, phase: Phase, level: str) -> Dose:
    """The goal's dose for the exercise (as `recommend` gives it); heavy loaded compounds go to the
    phase's main range and rest when it sets them."""
    d = dose_for(ex, goal, level, cat.heavy_rest_s)
    if phase.reps != (0, 0) and d.unit == "reps" and is_heavy_compound(ex) and ex.equipment:
        d = d._replace(reps=(min(d.reps[0], phase.reps[0]), min(d.reps[1], phase.reps[1])), rest_s=max(d.rest_s, phase.rest_s))
    return d


def cue_for(ex: Exercise) -> str:
    """The exercise's 'feel it here' cue when it has one, else its first."""
    for word in ("feel", "squeeze"):
        for cue in ex.cues:
            if word in cue.lower():
                return cue
    return ex.cues[0] if ex.cues else ""


def tempo_for(ex: Exercise, unit: str, phase: Phase) -> str:
    if unit in TEMPO:
        return TEMPO[unit]
    return POWER_TEMPO if ex.pattern == "power" else phase.tempo


def is_heavy_hinge(ex: Exercise) -> bool:
    return ex.pattern == "hinge" and ex.load_potential >= 4


def is_complex(ex: Exercise, level: str) -> bool:
    return ex.complexity >= COMPLEX_FROM[level]


def is_loaded_thrust(ex: Exercise) -> bool:
    """A loaded bridge or thrust (the hip thrust, barbell glute bridge, kas bridge and their machines are
    one movement: a session holds one of them)."""
    return ex.pattern == "bridge-thrust" and ex.load_potential >= 3


def barred(ex: Exercise, profile: Profile, still_covers: frozenset[str]) -> bool:
    """A caution a plan does not schedule: what the exercise loads is restricted by a declared condition
    (its own technique advice is shown instead), unless the condition keeps such work in a pain-free
    range (knee pain: squats and lunges stay, to a pain-free depth)."""
    return any(
        c.level == "caution" and c.derived and c.condition in profile.pains and c.condition not in still_covers
        for c in ex.contraindications
    )


def allowed(cat: Catalogue, goal: Goal, profile: Profile) -> list[Exercise]:
    """What a plan may use for this person: nothing above their level, nothing their equipment, the
    goal's excluded equipment or a declared condition rules out (engine.exclusion), nothing barred."""
    return [ex for ex in cat.exercises.values() if exclusion(ex, goal, profile) is None and not barred(ex, profile, cat.still_covers)]


def session_minutes(level: str, days: int) -> tuple[int, int]:
    """A session's length bounds: with five or six days a week a session may be shorter."""
    low, high = SESSION_MINUTES[level]
    return (min(low, SHORT_WEEK_LOW) if days >= 5 else low, high)


def in_phase(ex: Exercise, phase: Phase, felt: bool = True) -> bool:
    """May a phase use the exercise: within its complexity and equipment and, when it is to be `felt`,
    its contact ease (a goal's Contact additions and power drills are judged by complexity alone)."""
    if ex.complexity > phase.max_complexity:
        return False
    if felt and ex.pattern != "power" and ex.contact_ease < phase.min_contact_ease:
        return False
    return phase.equipment is None or all(e in phase.equipment for e in ex.equipment)


def rated_for_contact(ex: Exercise, phase: Phase) -> bool:
    """Is the exercise a Contact drill, rated for contact (easy to feel: at the phase's contact ease or
    more)? A goal's additions below it (hops, sit-to-stands) are practice: never rated, never a gate."""
    return ex.pattern != "power" and ex.contact_ease >= phase.min_contact_ease


def caution_note(ex: Exercise, profile: Profile) -> str:
    notes_ = [c.note for c in ex.contraindications if c.condition in profile.pains and c.level in ("caution", "advice")]
    return " ".join(dict.fromkeys(notes_))


def phases_that_fit(phases: Sequence[Phase], weeks: int) -> tuple[Phase, ...]:
    """A short plan keeps only the phases that get two weeks or more (the last ones go first): a 4-week
    beginner plan is Contact then Load, never a one-week Strength phase on paper."""
    kept = tuple(phases)
    while len(kept) > 1 and min(split_weeks(weeks, kept)) < MIN_PHASE_WEEKS:
        kept = kept[:-1]
        total = sum(p.share for p in kept)
        kept = tuple(p._replace(share=p.share / total) for p in kept)
    return kept


def split_weeks(total: int, phases: Sequence[Phase]) -> list[int]:
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


def lighter_weeks(phases: Sequence[Phase], split: Sequence[int], every: int) -> set[int]:
    """The plan's lighter weeks: at the end of each loaded phase of three weeks or more (after the block's
    peak), and within a long phase every `every` weeks; never the first week of a phase, never the
    Contact phase, and at least three weeks apart."""
    out: set[int] = set()
    first = 1
    for phase, n in zip(phases, split, strict=True):
        weeks = range(first, first + n)
        first += n
        if phase.contact_check or not every:
            continue
        wanted = [w for w in weeks if (w - weeks[0] + 1) % every == 0] + ([weeks[-1]] if n >= LIGHTER_BLOCK else [])
        for w in sorted(set(wanted)):
            if w != weeks[0] and all(abs(w - o) >= LIGHTER_SPACING for o in out):
                out.add(w)
    return out
