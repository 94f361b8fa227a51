"""Pydantic models of the data files: the one place data is validated where it enters.

Imported only when a file is seen for the first time (or by `catalogue validate` and the tests):
the hot path reads an already validated cache and never imports pydantic.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from glutecoach.core import vocab
from glutecoach.core.vocab import EVIDENCE_REGIONS, REGIONS

# Closed vocabularies as Literal types (a tuple subscript lists its words).
Basis = Literal[vocab.BASES]  # type: ignore[valid-type]
Condition = Literal[vocab.CONDITIONS]  # type: ignore[valid-type]
Equipment = Literal[vocab.EQUIPMENT]  # type: ignore[valid-type]
JointAction = Literal[vocab.JOINT_ACTIONS]  # type: ignore[valid-type]
Level = Literal[vocab.LEVELS]  # type: ignore[valid-type]
LoadVector = Literal[vocab.LOAD_VECTORS]  # type: ignore[valid-type]
Movement = Literal[vocab.MOVEMENTS]  # type: ignore[valid-type]
PeakTension = Literal[vocab.PEAK_TENSIONS]  # type: ignore[valid-type]
Severity = Literal[vocab.SEVERITIES]  # type: ignore[valid-type]
Stat = Literal[vocab.STATS]  # type: ignore[valid-type]
Feature = Literal[vocab.FEATURES]  # type: ignore[valid-type]
SpinalLoad = Literal[vocab.SPINAL_LOADS]  # type: ignore[valid-type]
Pattern = Literal[vocab.PATTERNS]  # type: ignore[valid-type]
DoseUnit = Literal[vocab.DOSE_UNITS]  # type: ignore[valid-type]
Stance = Literal[vocab.STANCES]  # type: ignore[valid-type]
HipFlexion = Literal[vocab.HIP_FLEXION]  # type: ignore[valid-type]
TissueLoad = Literal[vocab.TISSUE_LOADS]  # type: ignore[valid-type]
PeakAction = Literal[vocab.PEAK_ACTIONS]  # type: ignore[valid-type]
ReadIn = Literal[vocab.READ_IN]  # type: ignore[valid-type]

SCHEMA_VERSION = 1
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

Text = Annotated[str, Field(min_length=1, max_length=2000)]
Slug = Annotated[str, Field(min_length=1, max_length=80, pattern=SLUG.pattern)]
Scale5 = Annotated[int, Field(ge=1, le=5)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SourceModel(Strict):
    key: Slug | Annotated[str, Field(pattern=r"^[a-z0-9]+$")]
    authors: Text
    year: Annotated[int, Field(ge=1900, le=2100)]
    title: Text
    journal: Text
    id: str = ""
    where_read: Text
    read_in: ReadIn | None = None


class RegionScoreModel(Strict):
    score: Annotated[int, Field(ge=0, le=100)]
    basis: Basis
    why: str = ""  # required for an estimate above the region's highest measured score


class RegionsModel(Strict):
    upper: RegionScoreModel = Field(alias="gluteus-maximus-upper")
    lower: RegionScoreModel = Field(alias="gluteus-maximus-lower")
    medius: RegionScoreModel = Field(alias="gluteus-medius")
    minimus: RegionScoreModel = Field(alias="gluteus-minimus")
    piriformis: RegionScoreModel = Field(alias="piriformis")

    def by_region(self) -> dict[str, RegionScoreModel]:
        return dict(zip(REGIONS, (self.upper, self.lower, self.medius, self.minimus, self.piriformis), strict=True))


class ContraindicationModel(Strict):
    condition: Condition
    level: Severity
    note: Text
    exception: bool = False  # True: deliberately milder than the exercise's loads imply (the note says why)


class PeakModel(Strict):
    action: PeakAction
    at: PeakTension


class EvidenceModel(Strict):
    source: str
    region: Literal[tuple(EVIDENCE_REGIONS)]  # type: ignore[valid-type]
    value: float | None
    stat: Stat
    scale: Text
    load: Text
    variant: Text

    @model_validator(mode="after")
    def _value_unless_qualitative(self) -> EvidenceModel:
        if self.value is None and self.stat != "qualitative":
            raise ValueError("value may be empty only when stat is 'qualitative'")
        return self


class ExerciseModel(Strict):
    slug: Slug
    name: Text
    family: Slug
    aliases: list[Text] = []
    regions: RegionsModel
    movement: Movement
    joint_actions: Annotated[list[JointAction], Field(min_length=1)]
    load_vector: LoadVector
    peak_tension: PeakTension
    level: Level
    equipment: list[Equipment]
    unilateral: bool
    contact_ease: Scale5
    complexity: Scale5
    load_potential: Scale5
    spinal_load: SpinalLoad
    features: list[Feature] = []
    pattern: Pattern
    unit: DoseUnit
    stance: Stance
    effort: Scale5
    hip_flexion: HipFlexion
    loads: list[TissueLoad] = []
    peaks: Annotated[list[PeakModel], Field(min_length=1)]
    cues: Annotated[list[Text], Field(min_length=2)]
    mistakes: Annotated[list[Text], Field(min_length=1)]
    progressions: list[Slug] = []
    regressions: list[Slug] = []
    contraindications: list[ContraindicationModel] = []
    evidence: list[EvidenceModel] = []
    notes: list[Text] = []

    @model_validator(mode="after")
    def _measured_regions_cite_evidence(self) -> ExerciseModel:
        cited = {r for e in self.evidence if e.stat != "qualitative" for r in EVIDENCE_REGIONS[e.region]}
        for region, rs in self.regions.by_region().items():
            if rs.basis != "estimate" and region not in cited:
                raise ValueError(
                    f"region '{region}' has basis '{rs.basis}' but no evidence entry measures it;"
                    " add the figure to 'evidence' or mark the score 'estimate'"
                )
        conditions = [c.condition for c in self.contraindications]
        if len(conditions) != len(set(conditions)):
            raise ValueError("a condition is listed twice in 'contraindications'")
        if self.slug in self.progressions or self.slug in self.regressions:
            raise ValueError("an exercise cannot be its own progression or regression")
        return self


class DoseModel(Strict):
    sets: Annotated[int, Field(ge=1, le=10)]
    reps: Annotated[list[Annotated[int, Field(ge=1, le=100)]], Field(min_length=2, max_length=2)]
    rest_s: Annotated[int, Field(ge=0, le=600)]

    @field_validator("reps")
    @classmethod
    def _ordered(cls, reps: list[int]) -> list[int]:
        if reps[0] > reps[1]:
            raise ValueError("reps is [min, max] with min <= max")
        return reps


RULE_POINTS = Annotated[float, Field(ge=-50, le=50)]


class GoalModel(Strict):
    name: Slug
    description: Text
    adaptation: Literal[vocab.ADAPTATIONS]  # type: ignore[valid-type]
    regions: dict[Literal[REGIONS], Annotated[float, Field(gt=0, le=1)]]  # type: ignore[valid-type]
    rules: dict[Slug, RULE_POINTS] = {}
    needs: list[Annotated[list[Pattern], Field(min_length=1)]] = []
    pattern_cap: dict[Pattern, Annotated[int, Field(ge=0, le=10)]] = {}
    contact_adds: list[Annotated[list[Pattern], Field(min_length=1)]] = []
    lift_sets: Annotated[int, Field(ge=0, le=5)] = 0
    same_lift: bool = False
    need_days: Annotated[int, Field(ge=0, le=6)] = 0
    load_vectors: list[LoadVector] = []
    exclude_equipment: dict[Level, list[Equipment]] = {}
    dose: dict[Level, DoseModel]
    notes: list[Text] = []

    @model_validator(mode="after")
    def _weights(self) -> GoalModel:
        total = sum(self.regions.values())
        if abs(total - 1) > 1e-6:
            raise ValueError(f"region weights must add up to 1 (they add up to {total:g})")
        evidence = self.rules.get("evidence", 0)
        if abs(evidence) > 2:
            raise ValueError(f"the evidence rule breaks ties only: its weight may be at most 2 (it is {evidence:g})")
        missing = [lv for lv in vocab.LEVELS if lv not in self.dose]
        if missing:
            raise ValueError(f"dose is missing for level(s): {', '.join(missing)}")
        return self


class RegionInfoModel(Strict):
    name: Literal[(*REGIONS, "gluteus-maximus")]  # type: ignore[valid-type]
    aliases: list[Text] = []
    description: Text
    functions: Annotated[list[Text], Field(min_length=1)]


class PhaseModel(Strict):
    """One phase of a level's plan (data/plans.yaml says what each field does). The goal decides the
    patterns and the dose; the phase decides which exercises it may use and how heavy the main lifts go."""

    name: Text
    share: Annotated[float, Field(gt=0, le=1)]
    goal: Slug | None = None
    purpose: Text
    advance_when: Text
    max_complexity: Scale5
    min_contact_ease: Scale5
    equipment: list[Equipment] | None = None
    exercises_per_session: Annotated[int, Field(ge=1, le=8)]
    max_sets: Annotated[int, Field(ge=1, le=10)] = 5
    main_reps: Annotated[list[Annotated[int, Field(ge=1, le=100)]], Field(min_length=2, max_length=2)] | None = None
    main_rest_s: Annotated[int, Field(ge=0, le=600)] = 0
    tempo: Text
    contact_check: bool = False
    preferred: list[Slug] = []

    @model_validator(mode="after")
    def _range(self) -> PhaseModel:
        if self.main_reps is not None and self.main_reps[0] > self.main_reps[1]:
            raise ValueError(f"main_reps {self.main_reps} must go from low to high")
        return self


class PlanTemplateModel(Strict):
    level: Level
    deload_every: Annotated[int, Field(ge=0, le=8)]
    weekly_sets: Annotated[list[Annotated[int, Field(ge=1, le=40)]], Field(min_length=2, max_length=2)]
    small_muscle_sets: Annotated[list[Annotated[int, Field(ge=1, le=40)]], Field(min_length=2, max_length=2)] | None = None
    weekly_sets_source: Annotated[str, Field(min_length=1, max_length=400)] | None = None
    phases: Annotated[list[PhaseModel], Field(min_length=1)]

    @model_validator(mode="after")
    def _shares(self) -> PlanTemplateModel:
        total = sum(p.share for p in self.phases)
        if abs(total - 1) > 1e-6:
            raise ValueError(f"phase shares must add up to 1 (they add up to {total:g})")
        return self


class ConditionRuleModel(Strict):
    level: Severity
    note: Text


class ConditionModel(Strict):
    """A condition a user can declare: what it restricts, by what an exercise loads (vocab.TISSUE_LOADS,
    plus deep-hip-flexion for hip_flexion: deep), and the conditions it includes."""

    name: Condition
    label: Text
    note: Text
    includes: list[Condition] = []
    favours: dict[Literal[vocab.FAVOURABLE], Text] = {}  # type: ignore[valid-type]
    still_covers: bool = False  # its cautioned exercises, done in a pain-free range, may still cover a pattern
    loads: dict[Literal[(*vocab.TISSUE_LOADS, vocab.DEEP_HIP_FLEXION)], ConditionRuleModel] = {}  # type: ignore[valid-type]


class CatalogueFileModel(Strict):
    """One data file. The built-in data is split over several files; a user file may hold any part."""

    schema_version: Literal[SCHEMA_VERSION]  # type: ignore[valid-type]
    sources: list[SourceModel] = []
    exercises: list[ExerciseModel] = []
    goals: list[GoalModel] = []
    conditions: list[ConditionModel] = []
    regions: list[RegionInfoModel] = []
    plans: list[PlanTemplateModel] = []
    safety: dict[Slug, Text] = {}
    heavy_rest_s: Annotated[int, Field(ge=0, le=600)] | None = None


def json_schema() -> str:
    """The JSON Schema of a catalogue file, from the models above."""
    import json

    schema = CatalogueFileModel.model_json_schema(by_alias=True)
    schema["title"] = "glutecoach catalogue file"
    return json.dumps(schema, indent=2)
