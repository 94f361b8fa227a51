"""Scoring rules: each a small named function, with its metadata in one registry (RULES).

A rule returns a Match (a fraction in -1..1 and a sentence) or None when it does not apply; the engine
multiplies the fraction by the goal's weight for the rule (goals are data: data/goals.yaml), so no rule
can move a score by more than its weight (a score stays within 0-100). Every rule belongs to one of
four parts of a score:

- emphasis: where the exercise works (its region scores and actions), comparing exercises of like kind;
- stimulus: how hard it can train the glutes for this goal's adaptation (effort, load, power, contact);
- fit: adjustments for this person (level, declared conditions, recent pain);
- confidence: how sure the evidence is (a tie-breaker, never more than a point or two).
"""

from collections.abc import Callable

from glutecoach.core.lookup import study_name
from glutecoach.core.models import Exercise, Goal, Profile
from glutecoach.core.record import NamedTuple
from glutecoach.core.safety import favourable, level_for
from glutecoach.core.vocab import BASIS_WORD, EVIDENCE_REGIONS, REGION_LABEL

PARTS = ("emphasis", "stimulus", "fit", "confidence")


class Match(NamedTuple):
    fraction: float  # -1..1 of the goal's weight
    reason: str  # one sentence a beginner understands
    label: str  # a few words for the table's "why" column


class Reason(NamedTuple):
    rule: str  # stable kebab-case name
    points: float
    reason: str
    label: str = ""
    part: str = "emphasis"


RuleFunc = Callable[[Exercise, Goal, Profile], "Match | None"]


class Rule(NamedTuple):
    name: str
    part: str
    func: RuleFunc
    default_weight: float = 0.0  # used when the goal gives no weight (0: the rule is off)


def regions_by_weight(goal: Goal) -> list[str]:
    """The goal's regions, heaviest first (ties by name)."""
    return sorted(goal.regions, key=lambda r: (-goal.regions[r], r))


def _region_words(ex: Exercise, regions: list[str]) -> str:
    return ", ".join(f"{REGION_LABEL[r]} {ex.scores[r]} ({BASIS_WORD[ex.basis[r]]})" for r in regions)


# --- emphasis: where it works ---------------------------------------------------------------------


def region_match(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """The goal's region weights times the exercise's region scores (0-100, %MVIC-like at its usual load)."""
    if not goal.regions:
        return None
    fraction = sum(w * ex.scores[r] for r, w in goal.regions.items()) / 100
    top = regions_by_weight(goal)[:3]
    return Match(fraction, f"Works {_region_words(ex, top)} on a 0-100 activation scale.", "works the target")


def hip_extension_only(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """At equal load, hip extension without the knee recruits the glutes more (Contreras 2015: thrust vs squat)."""
    if ex.movement != "hip-extension":
        return None
    return Match(1.0, "Hip extension with the knee still, so the glutes do more of the work (Contreras 2015).", "hip extension only")


def end_range_extension(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Glute activation is highest near full hip extension (Contreras 2015; Andersen 2018)."""
    if not any(p.action == "hip-extension" and p.at == "shortened" for p in ex.peaks):
        return None
    return Match(1.0, "The load peaks at full hip extension, where glute activation is highest (Andersen 2018).", "loaded at lockout")


def _main_region(goal: Goal) -> str:
    order = regions_by_weight(goal)
    return order[0] if order else ""


def abduction(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Lifting the leg to the side: the medius and minimus's action, and the upper maximus's (Selkowitz 2016)."""
    main = any(p.action == "hip-abduction" for p in ex.peaks)
    if not main and "hip-abduction" not in ex.joint_actions:
        return None
    who = {
        "gluteus-maximus-upper": "the action of the upper gluteus maximus fibres (Selkowitz 2016)",
        "gluteus-medius": "the gluteus medius's main action",
        "gluteus-minimus": "the gluteus minimus's main action",
    }.get(_main_region(goal), "what the side of the hip does")
    if main:
        return Match(1.0, f"Lifts the leg to the side against load, {who}.", "abduction")
    return Match(0.5, f"Adds some lifting of the leg to the side, {who}.", "some abduction")


FLEXED_ROTATION = 0.5  # of the credit, when the hip is bent at the peak: the piriformis's leverage is smaller there
ROTATION_WHO = {  # (a piriformis goal, the hip bent at the peak) -> who does the turning, and how well
    (False, False): "an action of the upper gluteus maximus and the deep rotators",
    (True, False): "with the hip near extension, where the piriformis works most (Giphart 2012)",
    (True, True): "though with the hip bent, where the piriformis turns the thigh out less than near extension (Delp 1999)",
}


def external_rotation(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Turning the thigh out: the piriformis works most in external rotation with the hip near extension
    (Giphart 2012: static rotation and abduction in slight extension); its rotating leverage falls as the
    hip bends and reverses in deep flexion (Delp 1999), so a drill done with the hip bent (the clamshell,
    the fire hydrant) gets part of the credit. A static hold whose main action turns the thigh out counts as it."""
    held = any(p.action == "isometric" for p in ex.peaks)  # a static hold: Giphart's highest was static rotation
    main = any(p.action == "hip-external-rotation" for p in ex.peaks) or (held and ex.joint_actions[:1] == ("hip-external-rotation",))
    if not main and "hip-external-rotation" not in ex.joint_actions:
        return None
    flexed, piriformis = "hip-flexed-at-peak" in ex.features, _main_region(goal) == "piriformis"
    who = ROTATION_WHO[(piriformis, flexed and piriformis)]
    share = FLEXED_ROTATION if flexed and piriformis else 1.0
    if main:
        return Match(share, f"Turns the thigh outward against load, {who}.", "external rotation")
    return Match(share / 2, f"Includes some outward turning of the thigh, {who}.", "some rotation")


def internal_rotation(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """The anterior gluteus minimus turns the thigh in (its fibres run to the front of the trochanter)."""
    if not any(p.action == "hip-internal-rotation" for p in ex.peaks):
        return None
    return Match(1.0, "Turns the thigh inward, the action of the front fibres of the gluteus minimus.", "internal rotation")


def squat_lunge(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Squats and lunges from deep hip flexion shift the work toward the lower maximus (Contreras 2015; the seed)."""
    if ex.pattern not in ("squat", "lunge"):
        return None
    kind = "A squat" if ex.pattern == "squat" else "A lunge, split squat or step-up"
    if ex.hip_flexion == "deep":
        return Match(1.0, f"{kind} rising from deep hip flexion, which favours the lower glute fibres.", "squat / lunge")
    return Match(0.5, f"{kind}, though it does not reach deep hip flexion.", "squat / lunge")


def wide_stance(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """A wider stance or sitting back raises gluteus maximus activation in the squat (Paoli 2009)."""
    if not {"wide-stance", "sitting-back"} & set(ex.features):
        return None
    how = "wide stance" if "wide-stance" in ex.features else "sitting back"
    return Match(1.0, f"The {how} moves more of the work to the gluteus maximus (Paoli 2009).", how)


# --- stimulus: how hard it can train the glutes for this goal --------------------------------------


def effort(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Growth and strength need sets taken close to failure in about 5-30 reps (effort 1-5)."""
    fraction = (ex.effort - 1) / 4
    if ex.effort >= 4:
        text = f"Can be taken close to failure in a sensible rep range (effort {ex.effort}/5)."
    elif ex.effort == 3:
        text = "Can be taken near failure, though it takes high reps (effort 3/5)."
    else:
        text = f"Stays far from failure for a trained person (effort {ex.effort}/5): little training stimulus."
    return Match(fraction, text, "close to failure" if ex.effort >= 4 else "far from failure" if ex.effort <= 2 else "high-rep effort")


def load_potential(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Strength is built with loads that can keep rising (load potential 1-5)."""
    fraction = (ex.load_potential - 1) / 4
    if ex.load_potential >= 4:
        return Match(fraction, f"Heavy loads that can keep rising (load potential {ex.load_potential}/5).", "heavy loading")
    if ex.load_potential == 3:
        return Match(fraction, "Moderate room to add load (load potential 3/5).", "some loading")
    return Match(fraction, f"Little room to add load (load potential {ex.load_potential}/5).", "light loads only")


def lengthened_loading(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Loading the glutes long in deep hip flexion grew them more: full vs half squats (Kubo 2019)."""
    if ex.hip_flexion != "deep" or ex.effort < 3 or ex.pattern not in ("squat", "lunge", "hinge"):
        return None
    if ex.pattern == "hinge":
        if "floor-pull" in ex.loads:  # the long position is the start, from a dead stop
            return Match(0.5, "Starts with the glutes long, in deep hip flexion, though from a dead stop.", "loaded long")
        return Match(0.75, "Loads the glutes long on the way down, in deep hip flexion with the knees fairly straight.", "loaded long")
    return Match(1.0, "Loads the glutes long, in deep hip flexion: full squats grew them more than half squats (Kubo 2019).", "loaded long")


def recovery_cost(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """A heavy pull from the floor costs much recovery for its glute stimulus: fewer hard sets fit in a week."""
    if "floor-pull" not in ex.loads:
        return None
    return Match(
        -1.0,
        "A heavy pull from the floor tires the whole body for the glute work it gives, so fewer hard sets fit in a week.",
        "costly to recover from",
    )


def power(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Power is trained fast: jumps, bounds, hops, sprints, swings and sleds."""
    if ex.pattern == "power":
        return Match(1.0, "Fast, explosive hip extension, as in sprinting and jumping.", "explosive")
    if "explosive" in ex.features:
        return Match(0.5, "Can be done explosively.", "explosive")
    return None


def horizontal_force(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Forward-directed force may transfer better to sprinting, though studies are mixed."""
    if ex.load_vector != "anteroposterior":
        return None
    return Match(1.0, "Pushes the body forward, as sprinting does (transfer to sprint speed is debated).", "forward force")


def contact_ease(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """People who cannot feel their glutes start where contact is easy (the seed's advice)."""
    if ex.contact_ease == 3:
        return None
    fraction = (ex.contact_ease - 3) / 2
    text = "Easy to feel the glutes working" if fraction > 0 else "Hard to feel the glutes working"
    return Match(fraction, f"{text} (contact {ex.contact_ease}/5).", "easy to feel" if fraction > 0 else "hard to feel")


def simplicity(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Simple technique first: the glutes, not the skill, should limit the set."""
    if ex.complexity == 3:
        return None
    fraction = (3 - ex.complexity) / 2
    text = "Simple to learn" if fraction > 0 else "Demanding technique"
    return Match(fraction, f"{text} (complexity {ex.complexity}/5).", "simple" if fraction > 0 else "technical")


def single_leg_stance(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Standing on one leg makes the medius hold the pelvis level; lying drills do not."""
    if ex.stance == "single-leg":
        return Match(1.0, "Stands on one leg, so the glutes must also hold the pelvis level.", "single-leg stance")
    if ex.stance == "split":
        return Match(0.5, "A split stance: the front hip steadies the pelvis.", "split stance")
    return None


SPINAL = {"low": 1.0, "moderate": 0.0, "high": -1.0}


def spine_friendly(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """A back-friendly programme keeps spinal loading low."""
    fraction = SPINAL[ex.spinal_load]
    if not fraction:
        return None
    if fraction > 0:
        return Match(fraction, "Little load on the spine.", "spine-friendly")
    return Match(fraction, "Loads the spine heavily.", "high spinal load")


def everyday_task(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Regaining what disuse took: practise the tasks of daily life (getting up, stairs, carrying)."""
    if "everyday-task" not in ex.features:
        return None
    return Match(1.0, "Practises a task of daily life: getting up, climbing stairs, carrying.", "daily-life task")


def knee_control(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Knee health needs the hip to keep the knee in line, on one leg, and strong abductors."""
    if ex.stance in ("single-leg", "split") and ex.pattern in ("squat", "lunge", "stability"):
        return Match(1.0, "Single-leg work where the hip keeps the knee in line over the foot.", "knee control")
    if ex.pattern == "abduction":
        return Match(0.6, "Strengthens the hip abductors that stop the knee caving in.", "knee alignment")
    return None


# --- fit: this person ---------------------------------------------------------------------------


def level_fit(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Beginners start with simple technique; complex lifts come later, with coaching."""
    if profile.level == "beginner" and ex.complexity != 3:
        fraction = max(-1.0, min(0.5, (3 - ex.complexity) / 2))
        if fraction > 0:
            return Match(fraction, f"Simple enough to start with (complexity {ex.complexity}/5).", "beginner-friendly")
        return Match(fraction, f"Demanding for a beginner (complexity {ex.complexity}/5): learn it light, with coaching.", "hard to learn")
    if profile.level == "intermediate" and ex.complexity >= 5:
        return Match(-0.5, "Very demanding technique (complexity 5/5).", "hard to learn")
    return None


def caution(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """A declared condition that calls for caution lowers the exercise, and its note is shown; advice
    (level `advice`, e.g. heavy loading with osteoporosis) is shown without lowering it."""
    notes = [(c, level) for c in ex.contraindications if c.condition in profile.pains and (level := level_for(c, profile)) != "avoid"]
    if not notes:
        return None
    text = " ".join(f"With {c.condition}: {c.note}" for c, _ in notes)
    cautions = [c for c, level in notes if level == "caution"]  # what it loads counts in full, its own technique advice half
    fraction = (1.0 if any(c.derived for c in cautions) else 0.5) if cautions else 0.0
    return Match(fraction, text, ("caution: " if cautions else "advice: ") + ", ".join(c.condition for c, _ in notes))


def condition_favours(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """What a declared condition favours (e.g. isometric abduction for gluteal tendon pain, the LEAP
    trial's programme: Mellor 2018) is raised, with its note; select() bounds how many it lifts."""
    has = favourable(ex)
    hits = [(c, note, has[prop]) for c, prop, note in profile.favours if prop in has]
    if not hits:
        return None
    notes = dict.fromkeys(f"With {c}: {note}" for c, note, _ in hits)
    return Match(max(share for *_, share in hits), " ".join(notes), "suits your condition")


def growth_study(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """Size goals follow training studies, not EMG: an exercise measured to grow the glutes counts more."""
    if "growth-measured" not in ex.features:
        return None
    studies = sorted({study_name(e.source) for e in ex.evidence if "training study" in e.load})
    where = f" ({'; '.join(studies)})" if studies else ""
    return Match(1.0, f"Grew the glutes in a training study, measured by MRI or ultrasound{where}.", "grew glutes in a trial")


def recent_pain(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """An exercise whose session hurt in the last 14 days (pain 4/10 or more, or a sharp or nerve pain, or
    worse the next morning: core.pain) is lowered (plan next rests it)."""
    hit = next((p for p in profile.recent_pain if p[0] == ex.slug), None)
    if hit is None:
        return None
    return Match(1.0, f"You logged {hit[1]} on it on {hit[2]}: rest it for two weeks from then.", "recent pain")


# --- confidence -----------------------------------------------------------------------------------


def evidence(ex: Exercise, goal: Goal, profile: Profile) -> Match | None:
    """How sure the main region's score is: measured, a close variant, or an estimate (never more than a tie-breaker)."""
    main = _main_region(goal)
    if not main:
        return None
    basis = ex.basis[main]
    study = next((study_name(e.source) for e in ex.evidence if e.stat == "mean" and main in EVIDENCE_REGIONS.get(e.region, ())), "")
    where = f" ({study})" if study else ""
    if basis == "emg":
        return Match(1.0, f"Its {REGION_LABEL[main]} score was measured in a study of this exercise{where}.", "measured")
    if basis == "emg-proxy":
        return Match(0.5, f"Its {REGION_LABEL[main]} score comes from a close variant or the whole muscle{where}.", "close variant")
    return Match(0.0, f"Its {REGION_LABEL[main]} score is an estimate from anatomy and movement, not a measurement.", "estimate")


# The registry: every rule, its part and its default weight, in the order reasons are listed.
RULES: tuple[Rule, ...] = (
    Rule("region-match", "emphasis", region_match),
    Rule("hip-extension-only", "emphasis", hip_extension_only),
    Rule("end-range-extension", "emphasis", end_range_extension),
    Rule("abduction", "emphasis", abduction),
    Rule("external-rotation", "emphasis", external_rotation),
    Rule("internal-rotation", "emphasis", internal_rotation),
    Rule("squat-lunge", "emphasis", squat_lunge),
    Rule("wide-stance", "emphasis", wide_stance),
    Rule("effort", "stimulus", effort),
    Rule("load-potential", "stimulus", load_potential),
    Rule("lengthened-loading", "stimulus", lengthened_loading),
    Rule("growth-study", "stimulus", growth_study),
    Rule("recovery-cost", "stimulus", recovery_cost),
    Rule("power", "stimulus", power),
    Rule("horizontal-force", "stimulus", horizontal_force),
    Rule("contact-ease", "stimulus", contact_ease),
    Rule("simplicity", "stimulus", simplicity),
    Rule("single-leg-stance", "stimulus", single_leg_stance),
    Rule("spine-friendly", "stimulus", spine_friendly),
    Rule("everyday-task", "stimulus", everyday_task),
    Rule("knee-control", "stimulus", knee_control),
    Rule("level-fit", "fit", level_fit),
    Rule("caution", "fit", caution, default_weight=-20.0),
    Rule("condition-favours", "fit", condition_favours, default_weight=30.0),
    Rule("recent-pain", "fit", recent_pain, default_weight=-15.0),
    Rule("evidence", "confidence", evidence),
)
RULE_BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}
RULE_NAMES: tuple[str, ...] = (*RULE_BY_NAME, "variety")
MAX_CONFIDENCE_WEIGHT = 2.0  # the evidence rule only breaks ties (the goal schema enforces it)


def weight(rule: Rule, goal: Goal) -> float:
    return goal.rule_weights.get(rule.name, rule.default_weight)


def apply(rule: Rule, ex: Exercise, goal: Goal, profile: Profile) -> Reason | None:
    """The rule's reason with its points: the goal's weight times the fraction, the fraction held to -1..1
    (so no rule moves a score by more than its weight)."""
    w = weight(rule, goal)
    if not w:
        return None
    match = rule.func(ex, goal, profile)
    if match is None:
        return None
    fraction = max(-1.0, min(1.0, match.fraction))
    return Reason(rule.name, round(w * fraction, 1), match.reason, match.label, rule.part)
