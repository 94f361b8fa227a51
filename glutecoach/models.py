"""Typed objects the core works with: built once from validated data, cheap to create, immutable."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    authors: str
    year: int
    title: str
    journal: str
    id: str  # DOI, PMID or PMC id as far as it was verified
    where_read: str

    @property
    def citation(self) -> str:
        ident = f" {self.id}." if self.id else ""
        return f"{self.authors} ({self.year}). {self.title}. {self.journal}.{ident}"


@dataclass(frozen=True, slots=True)
class Evidence:
    source: str
    region: str
    value: float | None
    stat: str
    scale: str
    load: str
    variant: str


@dataclass(frozen=True, slots=True)
class Contraindication:
    condition: str
    level: str  # avoid | caution
    note: str


@dataclass(frozen=True, slots=True)
class Exercise:
    slug: str
    name: str
    family: str
    aliases: tuple[str, ...]
    scores: dict[str, int]  # the five regions, 0-100
    basis: dict[str, str]  # the five regions: emg | emg-proxy | estimate
    movement: str
    joint_actions: tuple[str, ...]
    load_vector: str
    peak_tension: str
    level: str
    equipment: tuple[str, ...]
    unilateral: bool
    contact_ease: int
    complexity: int
    load_potential: int
    spinal_load: str
    features: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    progressions: tuple[str, ...]
    regressions: tuple[str, ...]
    contraindications: tuple[Contraindication, ...]
    evidence: tuple[Evidence, ...]
    notes: tuple[str, ...]

    def score_for(self, region: str) -> float:
        """A region's score; 'gluteus-maximus' is the mean of its two portions."""
        if region == "gluteus-maximus":
            return (self.scores["gluteus-maximus-upper"] + self.scores["gluteus-maximus-lower"]) / 2
        return self.scores[region]

    def contraindication(self, condition: str) -> Contraindication | None:
        for c in self.contraindications:
            if c.condition == condition:
                return c
        return None


@dataclass(frozen=True, slots=True)
class Dose:
    sets: int
    reps: tuple[int, int]
    rest_s: int


@dataclass(frozen=True, slots=True)
class Goal:
    name: str
    description: str
    regions: dict[str, float]  # region weights, summing to 1
    rule_weights: dict[str, float]
    load_vectors: tuple[str, ...]
    exclude_equipment: dict[str, tuple[str, ...]]  # by level: equipment not offered
    dose: dict[str, Dose]  # by level
    notes: tuple[str, ...]
    like: Exercise | None = None  # set only for 'alternatives': the exercise being replaced


@dataclass(frozen=True, slots=True)
class RegionInfo:
    name: str
    aliases: tuple[str, ...]
    description: str
    functions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    share: float  # of the plan's weeks
    goal: str | None  # None: the goal the user asked for
    level: str  # the level the phase ranks at: beginners graduate to intermediate lifts
    purpose: str
    advance_when: str
    max_complexity: int
    min_contact_ease: int
    equipment: tuple[str, ...] | None  # None: whatever the user has
    movement_mix: tuple[str, ...]  # movements a session draws from, in session order
    exercises_per_session: int
    sets: int
    reps: tuple[int, int]
    tempo: str
    rest_s: int
    contact_check: bool
    preferred: tuple[str, ...]  # slugs the phase is built around, when allowed


@dataclass(frozen=True, slots=True)
class PlanTemplate:
    level: str
    phases: tuple[Phase, ...]
    deload_every: int  # 0: no lighter weeks
    weekly_sets: tuple[int, int]  # target fractional sets per target region


@dataclass(frozen=True, slots=True)
class Catalogue:
    schema_version: int
    sources: dict[str, Source]
    exercises: dict[str, Exercise]  # by slug, in file order
    goals: dict[str, Goal]
    regions: dict[str, RegionInfo]
    plans: dict[str, PlanTemplate]
    safety: dict[str, str] = field(default_factory=dict)
    condition_notes: dict[str, str] = field(default_factory=dict)
    heavy_rest_s: int = 120


@dataclass(frozen=True, slots=True)
class Profile:
    """Who is asking: their level, what they have (None: everything) and declared conditions."""

    level: str = "beginner"
    equipment: frozenset[str] | None = None
    pains: tuple[str, ...] = ()

    def has(self, needed: tuple[str, ...]) -> bool:
        return self.equipment is None or all(item in self.equipment for item in needed)
