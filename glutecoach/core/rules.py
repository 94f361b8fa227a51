"""Scoring rules: each a small named function returning points and a reason a person can read.

A rule reads its weight from the goal (goals are data, see data/goals.yaml) and returns None when it
does not apply. Region match is the base of every score (0-100); every other rule adds or subtracts
at most 15 points (the goal schema enforces the bound). A score is the sum of its reasons.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from glutecoach.core.models import Exercise, Goal, Profile
from glutecoach.core.vocab import EVIDENCE_REGIONS

REGION_LABEL = {
    "gluteus-maximus-upper": "upper gluteus maximus",
    "gluteus-maximus-lower": "lower gluteus maximus",
    "gluteus-medius": "gluteus medius",
    "gluteus-minimus": "gluteus minimus",
    "piriformis": "piriformis",
}


class Reason(NamedTuple):
    rule: str  # stable kebab-case name
    points: float
    reason: str  # one sentence a beginner understands
    label: str = ""  # a few words for the table's "why" column


def _pts(x: float) -> float:
    return round(x, 1)


def region_match(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """The base score: the goal's region weights times the exercise's 0-100 region scores."""
    if not goal.regions:
        return None
    points = sum(w * ex.scores[r] for r, w in goal.regions.items())
    parts = ", ".join(f"{REGION_LABEL[r]} {ex.scores[r]}" for r in _by_weight(goal)[:3])
    return Reason("region-match", _pts(points), f"{ex.name} works {parts} (of 100) on the regions this goal targets.", "targets the region")


_ORDER: dict[int, tuple[dict, list[str]]] = {}


def _by_weight(goal: Goal) -> list[str]:
    """The goal's regions, heaviest first: worked out once per goal, not once per exercise. The
    entry keeps the weights dict it was made from, so its id cannot be reused by another."""
    entry = _ORDER.get(id(goal.regions))
    if entry is None or entry[0] is not goal.regions:
        entry = _ORDER[id(goal.regions)] = (goal.regions, sorted(goal.regions, key=lambda r: (-goal.regions[r], r)))
    return entry[1]


def similarity(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """For alternatives: cosine similarity of the five region scores to the exercise being replaced."""
    like = goal.like
    if like is None:
        return None
    a = [ex.scores[r] for r in REGION_LABEL]
    b = [like.scores[r] for r in REGION_LABEL]
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    cos = sum(x * y for x, y in zip(a, b)) / norm if norm else 0.0
    return Reason("similarity", _pts(100 * cos), f"Its region profile is {cos:.0%} similar to {like.name}'s.", "similar regions")


def hip_extension_only(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """Hip extension without knee extension recruits the glutes more (Contreras 2015: thrust vs squat)."""
    w = goal.rule_weights.get("hip-extension-only", 0)
    if not w or ex.movement != "hip-extension":
        return None
    return Reason("hip-extension-only", _pts(w), "Hip extension only: the knee does not share the work, so the glutes do more (Contreras 2015).", "hip extension only")


def end_range_loading(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """Glute activation is greatest near full hip extension; shortened-position loading targets it."""
    w = goal.rule_weights.get("end-range-loading", 0)
    if not w or ex.peak_tension != "shortened":
        return None
    return Reason("end-range-loading", _pts(w), "The load peaks at full hip extension, where glute activation is highest (Contreras 2015; Andersen 2018).", "loaded at lockout")


def lengthened_loading(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """Loading the glutes in deep hip flexion grew them well in training studies (Kubo 2019; Plotkin 2023).

    Full weight for squats, lunges and split squats, which reach deep hip flexion under load; half for
    hinges, which load the hip long but in less flexion than a full squat.
    """
    w = goal.rule_weights.get("lengthened-loading", 0)
    if not w or ex.peak_tension != "lengthened":
        return None
    if ex.movement == "hip-knee-extension":
        return Reason("lengthened-loading", _pts(w), "Loads the glutes long, in deep hip flexion: full squats grew them three times more than half squats (Kubo 2019).", "loaded long")
    return Reason("lengthened-loading", _pts(w / 2), "Loads the glutes long, though in less hip flexion than a full squat or lunge.", "loaded long")


def wide_stance(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """A wider stance or sitting back raises gluteus maximus activation (Paoli 2009)."""
    w = goal.rule_weights.get("wide-stance", 0)
    if not w or not {"wide-stance", "sitting-back"} & set(ex.features):
        return None
    how = "wide stance" if "wide-stance" in ex.features else "sitting back"
    return Reason("wide-stance", _pts(w), f"The {how} moves more of the work to the gluteus maximus (Paoli 2009).", how)


def abduction_rotation(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """Abduction and external rotation recruit the upper gluteus maximus and the medius (Selkowitz 2016)."""
    w = goal.rule_weights.get("abduction-rotation", 0)
    if not w:
        return None
    if ex.movement in ("hip-abduction", "hip-external-rotation"):
        return Reason("abduction-rotation", _pts(w), "Lifts the leg to the side or turns it out, the actions of the upper glute fibres (Selkowitz 2016).", "abduction / rotation")
    if {"hip-abduction", "hip-external-rotation"} & set(ex.joint_actions):
        return Reason("abduction-rotation", _pts(w / 2), "Adds some abduction or external rotation, which the upper glute fibres perform.", "some abduction")
    return None


def external_rotation(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """The piriformis rotates the extended thigh outward (Giphart 2012; Morimoto 2018)."""
    w = goal.rule_weights.get("external-rotation", 0)
    if not w:
        return None
    if ex.movement == "hip-external-rotation":
        return Reason("external-rotation", _pts(w), "Turns the thigh outward, the deep rotators' main action with the hip extended.", "external rotation")
    if "hip-external-rotation" in ex.joint_actions:
        return Reason("external-rotation", _pts(w / 2), "Includes some outward rotation of the thigh.", "some rotation")
    return None


def squat_lunge(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """Squats, lunges and split squats work the lower portion relatively more (Contreras 2015)."""
    w = goal.rule_weights.get("squat-lunge", 0)
    if not w or ex.movement != "hip-knee-extension":
        return None
    return Reason("squat-lunge", _pts(w), "A squat, lunge or split squat: hip and knee extend together from deep flexion, which favours the lower glute fibres.", "squat / lunge")


def level_fit(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """Contact before load for beginners; heavy loading for the advanced."""
    w = goal.rule_weights.get("level-fit", 0)
    if not w:
        return None
    if profile.level == "beginner":
        fraction = ((ex.contact_ease - 3) + (3 - ex.complexity)) / 4
        text = f"For a beginner: glutes easy to feel (contact {ex.contact_ease}/5), technique {'simple' if ex.complexity <= 2 else 'demanding'} (complexity {ex.complexity}/5)."
        label = "easy to feel" if fraction > 0 else "hard to learn"
    else:
        fraction = (ex.load_potential - 3) / 2 * (1 if profile.level == "advanced" else 0.5)
        text = f"For an {profile.level} lifter: room to load it heavily (load potential {ex.load_potential}/5)."
        label = "can go heavy" if fraction > 0 else "little room to load"
    if fraction == 0:
        return None
    return Reason("level-fit", _pts(w * fraction), text, label)


def _rating(rule: str, w: float, rating: int, what: str, high: tuple[str, str], low: tuple[str, str]) -> Reason | None:
    """Points scaled by a 1-5 coaching rating: 3 scores nothing, 5 the whole weight, 1 its negative."""
    if not w or rating == 3:
        return None
    fraction = (rating - 3) / 2
    text, label = high if fraction > 0 else low
    return Reason(rule, _pts(w * fraction), f"{text} ({what} {rating}/5).", label)


def contact_ease(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """People who cannot feel their glutes start where contact is easy (the seed's advice)."""
    w = goal.rule_weights.get("contact-ease", 0)
    return _rating("contact-ease", w, ex.contact_ease, "contact",
                   ("Easy to feel the glutes working", "easy to feel"), ("Hard to feel the glutes working", "hard to feel"))


def load_potential(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """Strength is built with loads that can keep rising."""
    w = goal.rule_weights.get("load-potential", 0)
    return _rating("load-potential", w, ex.load_potential, "load potential",
                   ("Can be loaded heavily", "heavy loading"), ("Hard to load heavily", "light loads only"))


def load_vector(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """Sprinting and jumping push the body forward: anteroposterior loading transfers best."""
    w = goal.rule_weights.get("load-vector", 0)
    if not w or ex.load_vector not in goal.load_vectors:
        return None
    return Reason("load-vector", _pts(w), f"Its {ex.load_vector} load vector matches the direction this goal needs force in.", f"{ex.load_vector} force")


def ballistic(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """Power is trained fast: jumps, bounds, swings and sled pushes."""
    w = goal.rule_weights.get("ballistic", 0)
    if not w or not (ex.movement == "ballistic" or "explosive" in ex.features):
        return None
    return Reason("ballistic", _pts(w), "Fast, explosive hip extension, as in sprinting and jumping.", "explosive")


def unilateral(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """One leg at a time trains the balance and pelvic control the medius provides."""
    w = goal.rule_weights.get("unilateral", 0)
    if not w or not ex.unilateral:
        return None
    return Reason("unilateral", _pts(w), "One leg at a time: the glutes must also hold the pelvis level.", "single-leg")


SPINAL = {"low": -1.0, "moderate": 0.0, "high": 1.0}


def spinal_load(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """A back-friendly programme keeps spinal loading in flexion and extension low (weight < 0)."""
    w = goal.rule_weights.get("spinal-load", 0)
    centred = SPINAL[ex.spinal_load]
    if not w or not centred:
        return None
    if centred < 0:
        return Reason("spinal-load", _pts(-w), "Little load on the spine in flexion or extension.", "spine-friendly")
    return Reason("spinal-load", _pts(w), "Loads the spine heavily in flexion or extension.", "high spinal load")


def knee_control(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """Knee health needs hip abduction and single-leg control together with knee work."""
    w = goal.rule_weights.get("knee-control", 0)
    if not w:
        return None
    if ex.unilateral and ex.movement in ("hip-knee-extension", "stability"):
        return Reason("knee-control", _pts(w), "Single-leg work where the hip keeps the knee in line over the foot.", "knee control")
    if ex.movement == "hip-abduction":
        return Reason("knee-control", _pts(w * 0.6), "Strengthens the hip abductors that stop the knee caving in.", "knee alignment")
    return None


def everyday_task(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """Regaining what disuse took: practise the tasks of daily life (getting up, stairs)."""
    w = goal.rule_weights.get("everyday-task", 0)
    if not w or "everyday-task" not in ex.features:
        return None
    return Reason("everyday-task", _pts(w), "Practises a task of daily life: getting up from a chair, climbing stairs, lifting.", "daily-life task")


def caution(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """A declared condition with a 'caution' note lowers the exercise, and the note is shown."""
    w = goal.rule_weights.get("caution", -10)
    notes = [c for c in ex.contraindications if c.level == "caution" and c.condition in profile.pains]
    if not notes or not w:
        return None
    points = max(-15.0, w * len(notes))
    text = " ".join(f"With {c.condition}: {c.note}" for c in notes)
    return Reason("caution", _pts(points), text, "caution: " + ", ".join(c.condition for c in notes))


def recent_pain(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """An exercise you logged pain 4/10 or more on in the last 14 days is lowered (plan next rests it)."""
    w = goal.rule_weights.get("recent-pain", -15)
    hit = next((p for p in profile.recent_pain if p[0] == ex.slug), None)
    if hit is None or not w:
        return None
    return Reason("recent-pain", _pts(w), f"You logged pain {hit[1]}/10 on it on {hit[2]}: rest it for two weeks from then.", "recent pain")


def evidence(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """A measured score for the goal's main region counts a little more than an estimate."""
    w = goal.rule_weights.get("evidence", 0)
    if not w or not goal.regions:
        return None
    main = _by_weight(goal)[0]
    basis = ex.basis[main]
    if basis == "estimate":
        return None
    study = next((e.source for e in ex.evidence if e.stat != "qualitative" and main in _supports(e.region)), "")
    fraction = 1.0 if basis == "emg" else 0.5
    what = "measured" if basis == "emg" else "measured on a close variant"
    return Reason("evidence", _pts(w * fraction), f"Its {REGION_LABEL[main]} score was {what} ({study_name(study)}).", "measured")


@cache  # a handful of sources, asked for once per exercise scored
def study_name(key: str) -> str:
    """'contreras2015' -> 'Contreras 2015': source keys are author-year."""
    m = re.match(r"([a-z]+)(\d{4})", key)
    if not m:
        return key
    name = m.group(1).upper() if m.group(1) == "ijspt" else m.group(1).capitalize()
    return f"{name} {m.group(2)}"


def _supports(region: str) -> tuple[str, ...]:
    return EVIDENCE_REGIONS.get(region, ())


def same_movement(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """For alternatives: the same movement pattern is the closest swap."""
    w = goal.rule_weights.get("same-movement", 0)
    if not w or goal.like is None or ex.movement != goal.like.movement:
        return None
    return Reason("same-movement", _pts(w), f"The same movement ({ex.movement}) as {goal.like.name}.", "same movement")


def same_load_vector(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """For alternatives: force in the same direction loads the hip the same way."""
    w = goal.rule_weights.get("same-load-vector", 0)
    if not w or goal.like is None or ex.load_vector != goal.like.load_vector:
        return None
    return Reason("same-load-vector", _pts(w), f"Loads the hip in the same direction ({ex.load_vector}).", "same load direction")


def same_peak_tension(ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """For alternatives: the load peaks at the same point of the range."""
    w = goal.rule_weights.get("same-peak-tension", 0)
    if not w or goal.like is None or ex.peak_tension != goal.like.peak_tension:
        return None
    return Reason("same-peak-tension", _pts(w), f"The load peaks in the same position ({ex.peak_tension}).", "same peak tension")


RULES: list[Callable[[Exercise, Goal, Profile], Reason | None]] = [
    region_match,
    similarity,
    hip_extension_only,
    end_range_loading,
    lengthened_loading,
    wide_stance,
    abduction_rotation,
    external_rotation,
    squat_lunge,
    level_fit,
    contact_ease,
    load_potential,
    load_vector,
    ballistic,
    unilateral,
    spinal_load,
    knee_control,
    everyday_task,
    same_movement,
    same_load_vector,
    same_peak_tension,
    caution,
    recent_pain,
    evidence,
]

RULE_NAMES: tuple[str, ...] = tuple(f.__name__.replace("_", "-") for f in RULES) + ("variety",)
