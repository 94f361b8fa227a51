"""Closed vocabularies of the catalogue; data keys are kebab-case, as written in the YAML."""

from __future__ import annotations

from enum import Enum


class Vocab(str, Enum):
    """A closed vocabulary whose value is the kebab-case word used in data and options."""

    def __str__(self) -> str:
        return self.value

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


class Region(Vocab):
    gluteus_maximus_upper = "gluteus-maximus-upper"
    gluteus_maximus_lower = "gluteus-maximus-lower"
    gluteus_medius = "gluteus-medius"
    gluteus_minimus = "gluteus-minimus"
    piriformis = "piriformis"


REGIONS: tuple[str, ...] = tuple(Region.values())

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


class Basis(Vocab):
    emg = "emg"
    emg_proxy = "emg-proxy"
    estimate = "estimate"


class Movement(Vocab):
    hip_extension = "hip-extension"
    hip_knee_extension = "hip-knee-extension"
    hip_abduction = "hip-abduction"
    hip_external_rotation = "hip-external-rotation"
    hip_internal_rotation = "hip-internal-rotation"
    stability = "stability"
    ballistic = "ballistic"


class JointAction(Vocab):
    hip_extension = "hip-extension"
    hip_flexion = "hip-flexion"
    hip_abduction = "hip-abduction"
    hip_adduction = "hip-adduction"
    hip_external_rotation = "hip-external-rotation"
    hip_internal_rotation = "hip-internal-rotation"
    knee_extension = "knee-extension"
    knee_flexion = "knee-flexion"
    trunk_stability = "trunk-stability"


class LoadVector(Vocab):
    axial = "axial"
    anteroposterior = "anteroposterior"
    lateral = "lateral"
    rotational = "rotational"


class PeakTension(Vocab):
    shortened = "shortened"
    mid = "mid"
    lengthened = "lengthened"


class Level(Vocab):
    beginner = "beginner"
    intermediate = "intermediate"
    advanced = "advanced"


LEVEL_RANK: dict[str, int] = {"beginner": 0, "intermediate": 1, "advanced": 2}


class Equipment(Vocab):
    band = "band"
    dumbbell = "dumbbell"
    kettlebell = "kettlebell"
    barbell = "barbell"
    trap_bar = "trap-bar"
    bench = "bench"
    box = "box"
    cable = "cable"
    machine = "machine"
    ankle_weight = "ankle-weight"
    sled = "sled"
    roman_chair = "roman-chair"


class Condition(Vocab):
    knee_pain = "knee-pain"
    lower_back_pain = "lower-back-pain"
    sciatica = "sciatica"
    hip_pain = "hip-pain"
    hip_replacement = "hip-replacement"
    osteoporosis = "osteoporosis"


class Severity(Vocab):
    avoid = "avoid"
    caution = "caution"


class Stat(Vocab):
    mean = "mean"
    peak = "peak"
    median = "median"
    index = "index"
    difference = "difference"
    qualitative = "qualitative"


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
