"""Closed vocabularies of the catalogue; data keys are kebab-case, as written in the YAML.

Plain tuples of words (not Enum classes): every command reads them, and the schema turns them into
Literal types for validation.
"""

from __future__ import annotations

REGIONS: tuple[str, ...] = (
    "gluteus-maximus-upper",
    "gluteus-maximus-lower",
    "gluteus-medius",
    "gluteus-minimus",
    "piriformis",
)

# Names a user may type for a region; 'gluteus-maximus' is the mean of both portions.
WHOLE_MAXIMUS = "gluteus-maximus"
REGION_ALIASES: dict[str, str] = {
    "upper-glutes": "gluteus-maximus-upper",
    "upper-gluteus-maximus": "gluteus-maximus-upper",
    "lower-glutes": "gluteus-maximus-lower",
    "lower-gluteus-maximus": "gluteus-maximus-lower",
    "maximus": WHOLE_MAXIMUS,
    "glute-max": WHOLE_MAXIMUS,
    "medius": "gluteus-medius",
    "glute-med": "gluteus-medius",
    "minimus": "gluteus-minimus",
    "glute-min": "gluteus-minimus",
}

BASES = ("emg", "emg-proxy", "estimate")
BASIS_WORD = {"emg": "measured", "emg-proxy": "close variant", "estimate": "estimate"}  # how sure: shown with every score
REGION_LABEL = {
    "gluteus-maximus-upper": "upper gluteus maximus",
    "gluteus-maximus-lower": "lower gluteus maximus",
    "gluteus-medius": "gluteus medius",
    "gluteus-minimus": "gluteus minimus",
    "piriformis": "piriformis",
}
MOVEMENTS = (
    "hip-extension",
    "hip-knee-extension",
    "hip-abduction",
    "hip-external-rotation",
    "hip-internal-rotation",
    "stability",
    "ballistic",
)
JOINT_ACTIONS = (
    "hip-extension",
    "hip-flexion",
    "hip-abduction",
    "hip-adduction",
    "hip-external-rotation",
    "hip-internal-rotation",
    "knee-extension",
    "knee-flexion",
    "trunk-stability",
)
LOAD_VECTORS = ("axial", "anteroposterior", "lateral", "rotational")
PEAK_TENSIONS = ("shortened", "mid", "lengthened")
LEVELS = ("beginner", "intermediate", "advanced")
UNITS = ("kg", "lb")  # load units of the log and the profile
LB_PER_KG = 1 / 0.45359237  # the international pound is 0.45359237 kg exactly
# The version of every JSON document glutecoach writes (its output and its log export). It rises only when a
# key changes meaning or goes; new keys may appear within a version (README, "JSON output").
JSON_VERSION = 1
LEVEL_RANK: dict[str, int] = {level: i for i, level in enumerate(LEVELS)}
EQUIPMENT = (
    "band",
    "dumbbell",
    "kettlebell",
    "barbell",
    "trap-bar",
    "bench",
    "box",
    "cable",
    "machine",
    "ankle-weight",
    "sled",
    "roman-chair",
)
CONDITIONS = (
    "knee-pain",
    "lower-back-pain",
    "sciatica",
    "hip-pain",
    "lateral-hip-pain",
    "hip-joint-pain",
    "hip-replacement",
    "hip-replacement-anterior",
    "hip-replacement-posterior",
    "osteoporosis",
)
SEVERITIES = ("avoid", "caution", "advice")  # advice: the note is shown, the exercise is not lowered
STATS = ("mean", "peak", "median", "index", "difference", "qualitative")
FEATURES = ("wide-stance", "sitting-back", "everyday-task", "explosive", "growth-measured", "hip-flexed-at-peak")
# hip-flexed-at-peak: the hip is bent (about 45-90 degrees: side-lying with bent hips, kneeling, seated) where the load peaks
# Properties a condition can favour (data/goals.yaml, conditions: favours).
# abduction-hold: an isometric hold that pushes the leg out; single-leg-stance: balance work standing on one leg;
# neither compresses the side of the hip (lying on it, the thigh across the midline).
FAVOURABLE = ("abduction-hold", "single-leg-stance")
SPINAL_LOADS = ("low", "moderate", "high")

# Movement patterns a coach programmes by (see README, "The catalogue").
PATTERNS = ("bridge-thrust", "hinge", "squat", "lunge", "abduction", "rotation", "kickback", "power", "stability")
# What a dose counts: reps, seconds held, foot contacts, metres, steps.
DOSE_UNITS = ("reps", "seconds", "contacts", "metres", "steps")
# bilateral / split stance / single-leg stance / supported (lying, kneeling, seated: the pelvis is held).
STANCES = ("bilateral", "split", "single-leg", "supported")
# The deepest hip flexion the exercise reaches: shallow < 60 degrees, moderate 60-90, deep > 90.
HIP_FLEXION = ("shallow", "moderate", "deep")
# What an exercise loads, as conditions read it (data/goals.yaml, "conditions").
TISSUE_LOADS = (
    "end-range-adduction",
    "end-range-internal-rotation",
    "extension-with-external-rotation",
    "ballistic",
    "impact",
    "heavy-axial-load",
    "loaded-spinal-flexion",
    "floor-pull",
    "deep-loaded-knee-flexion",
    "straight-knee-hip-flexion",
    "side-lying-compression",
    "hip-hyperextension",  # the hip driven past neutral under load (kickbacks, prone hip extension)
    "deep-single-leg-squat",  # body weight or more on one hip, bent far past 90 degrees (pistol, shrimp squat)
    "heavy-squat",  # a squat loaded heavily through the hips and spine (barbell squats, the hack squat)
)
DEEP_HIP_FLEXION = "deep-hip-flexion"  # what hip_flexion: deep loads, as conditions read it
# What a goal's training adapts: it sets the kind of dose (data/goals.yaml, `adaptation`).
ADAPTATIONS = ("hypertrophy", "strength", "power", "contact", "control")
PATTERN_CAP = 2  # no more than this many of one pattern in a top list, unless the goal says otherwise
FAMILY_CAP = 1  # variants of one exercise (one family) in a top list
# Families that are one movement for the family cap: a glute bridge is a hip thrust from the floor
# (the barbell and kas bridges load the same lockout), so a top list holds one of them, not both.
SAME_MOVEMENT: dict[str, str] = {"glute-bridge": "hip-thrust"}
PEAK_ACTIONS = ("hip-extension", "hip-abduction", "hip-external-rotation", "hip-internal-rotation", "isometric")
# Where a source's figures were read: the paper itself, a review's table, or a secondary summary.
READ_IN = ("primary", "review", "secondary")

# Evidence may name the whole maximus or a segment; it then supports the region it belongs to.
EVIDENCE_REGIONS: dict[str, tuple[str, ...]] = {
    **{r: (r,) for r in REGIONS},
    WHOLE_MAXIMUS: ("gluteus-maximus-upper", "gluteus-maximus-lower"),
    "gluteus-medius-anterior": ("gluteus-medius",),
    "gluteus-medius-middle": ("gluteus-medius",),
    "gluteus-medius-posterior": ("gluteus-medius",),
    "gluteus-minimus-anterior": ("gluteus-minimus",),
    "gluteus-minimus-posterior": ("gluteus-minimus",),
    "other": (),
}

# How a dose unit is written: short in tables and charts, long on an exercise's card.
UNIT_SHORT = {"reps": "reps", "seconds": "s", "metres": "m", "contacts": "contacts", "steps": "steps"}
UNIT_LONG = {"reps": "reps", "seconds": "seconds held", "contacts": "foot contacts", "metres": "metres", "steps": "steps"}
