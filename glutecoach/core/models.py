"""Typed objects the core works with: built once from validated data, cheap to create. The tuples
cannot be reassigned, but the dicts inside them (scores, weights) are plain dicts: treat them as read-only.

NamedTuples rather than dataclasses: a command builds them on every run and they cost a fraction of a
dataclass to define at import (core.record makes them without typing's per-field checks, so their
postponed annotations are never evaluated).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from glutecoach.core.record import NamedTuple
from glutecoach.core.vocab import REGIONS


class Source(NamedTuple):
    key: str
    authors: str
    year: int
    title: str
    journal: str
    id: str  # DOI, PMID or PMC id as far as it was verified
    where_read: str
    read_in: str | None = None  # primary | review | secondary

    @property
    def citation(self) -> str:
        ident = f" {self.id}." if self.id else ""
        return f"{self.authors} ({self.year}). {self.title}. {self.journal}.{ident}"


class Evidence(NamedTuple):
    source: str
    region: str
    value: float | None
    stat: str
    scale: str
    load: str
    variant: str


class Contraindication(NamedTuple):
    condition: str
    level: str  # avoid | caution
    note: str
    derived: bool = True  # from what the exercise loads; False: the exercise's own technique advice only


class Peak(NamedTuple):
    action: str  # hip-extension | hip-abduction | hip-external-rotation | hip-internal-rotation | isometric
    at: str  # shortened | mid | lengthened


class Exercise(NamedTuple):
    slug: str
    name: str
    family: str
    pattern: str  # bridge-thrust | hinge | squat | lunge | abduction | rotation | kickback | power | stability
    aliases: tuple[str, ...]
    scores: dict[str, int]  # the five regions, 0-100 (%MVIC-like, at the usual training load)
    basis: dict[str, str]  # the five regions: emg | emg-proxy | estimate
    movement: str
    joint_actions: tuple[str, ...]
    load_vector: str
    peaks: tuple[Peak, ...]  # where the load peaks, per action
    level: str
    equipment: tuple[str, ...]
    stance: str  # bilateral | split | single-leg | supported
    unilateral: bool  # one side at a time: doses are per side
    unit: str  # reps | seconds | contacts | metres | steps
    contact_ease: int
    complexity: int
    load_potential: int
    effort: int  # 1-5: how close to failure a trained person can take the glutes in 5-30 reps
    spinal_load: str
    hip_flexion: str  # shallow | moderate | deep
    loads: tuple[str, ...]  # what it loads, as conditions read it (with deep-hip-flexion when hip_flexion is deep)
    features: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    progressions: tuple[str, ...]
    regressions: tuple[str, ...]
    contraindications: tuple[Contraindication, ...]  # resolved: from its loads and the catalogue's conditions
    evidence: tuple[Evidence, ...]
    notes: tuple[str, ...]

    @property
    def per_side(self) -> bool:
        """Doses count each side: one side at a time, unless a distance (covered by both legs)."""
        return self.unilateral and self.unit != "metres"

    @property
    def peak_tension(self) -> str:
        """Where the load peaks in the main action (the first listed)."""
        return self.peaks[0].at if self.peaks else "mid"

    @property
    def region_scores(self) -> tuple[int, ...]:
        """The five scores in REGIONS order, as a Summary holds them."""
        return tuple(self.scores[r] for r in REGIONS)

    @property
    def region_basis(self) -> tuple[str, ...]:
        """The five bases in REGIONS order, as a Summary holds them."""
        return tuple(self.basis[r] for r in REGIONS)

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


class Summary(NamedTuple):
    """What ranking reads of every exercise before it scores any: enough to rule one out (see
    engine.exclusion), to order it by a cheap bound, to apply the person's rules (the `fit` part reads
    these fields by the same names as on Exercise) and to choose the top."""

    slug: str
    pattern: str
    family: str
    level: str
    equipment: tuple[str, ...]
    contraindications: tuple[Contraindication, ...]
    region_scores: tuple[int, ...]  # in REGIONS order
    complexity: int
    unit: str
    loads: tuple[str, ...]
    peaks: tuple[Peak, ...]
    stance: str
    region_basis: tuple[str, ...]  # in REGIONS order
    joint_actions: tuple[str, ...]
    effort: int  # how close to failure the glutes can be taken (1-5): whether it can meet a strength or size need


def summary_of(ex: Exercise) -> Summary:
    return Summary(
        ex.slug,
        ex.pattern,
        ex.family,
        ex.level,
        ex.equipment,
        ex.contraindications,
        ex.region_scores,
        ex.complexity,
        ex.unit,
        ex.loads,
        ex.peaks,
        ex.stance,
        ex.region_basis,
        ex.joint_actions,
        ex.effort,
    )


class Exercises(Mapping[str, Exercise]):
    """The catalogue's exercises by slug, in file order.

    Each exercise is built the first time it is asked for; the summaries are there for all. Ranking
    a 10,000-exercise catalogue then builds only the few hundred exercises it scores (measured: 25 ms
    of a 10,000-exercise run went on building every exercise)."""

    def __init__(self, summaries: Sequence[Summary], build: Callable[[int], Exercise], slugs: Sequence[str]) -> None:
        self.summaries = summaries
        self._build = build  # summaries[i]'s exercise
        self._index = dict(zip(slugs, range(len(slugs)), strict=True))  # slugs[i] is summaries[i].slug
        self._built: dict[str, Exercise] = {}

    @classmethod
    def of(cls, exercises: Iterable[Exercise]) -> Exercises:
        """From exercises already built."""
        built = list(exercises)
        return cls([summary_of(e) for e in built], built.__getitem__, [e.slug for e in built])

    def __getitem__(self, slug: str) -> Exercise:
        ex = self._built.get(slug)
        if ex is None:
            ex = self._built[slug] = self._build(self._index[slug])
        return ex

    def __contains__(self, slug: object) -> bool:
        return slug in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"Exercises({len(self)} exercises, {len(self._built)} built)"


class Dose(NamedTuple):
    sets: int
    reps: tuple[int, int]  # [min, max] in `unit`
    rest_s: int
    unit: str = "reps"  # reps | seconds | contacts | metres | steps
    per_side: bool = False


class Goal(NamedTuple):
    name: str
    description: str
    regions: dict[str, float]  # region weights, summing to 1
    rule_weights: dict[str, float]
    load_vectors: tuple[str, ...]
    exclude_equipment: dict[str, tuple[str, ...]]  # by level: equipment not offered
    dose: dict[str, Dose]  # by level
    notes: tuple[str, ...]
    adaptation: str = "hypertrophy"  # hypertrophy | strength | power | contact | control
    needs: tuple[tuple[str, ...], ...] = ()  # the patterns a coach covers, in order; each need is met by any of its patterns
    pattern_cap: dict[str, int] = {}  # patterns allowed more than PATTERN_CAP times in a top list
    contact_adds: tuple[tuple[str, ...], ...] = ()  # needs a Contact phase adds for this goal (hops for a sprinter)
    lift_sets: int = 0  # loaded phases: every compound lift at least this many working sets, no practice filler (0: none)
    same_lift: bool = False  # a need keeps the same lift all week (days do not take turns among close options)
    need_days: int = 0  # each need on this many days a week, the days taking turns; fillers none of its patterns (0: every day)


class RegionInfo(NamedTuple):
    name: str
    aliases: tuple[str, ...]
    description: str
    functions: tuple[str, ...]


class Phase(NamedTuple):
    name: str
    share: float  # of the plan's weeks
    goal: str | None  # None: the goal the user asked for
    level: str  # the plan's level (a phase never ranks above it)
    purpose: str
    advance_when: str
    max_complexity: int
    min_contact_ease: int
    equipment: tuple[str, ...] | None  # None: whatever the user has
    exercises_per_session: int
    sets: int  # the most sets an exercise gets in this phase (YAML max_sets)
    reps: tuple[int, int]  # the main lifts' range (YAML main_reps; (0, 0): the goal's dose)
    tempo: str
    rest_s: int  # the main lifts' rest (YAML main_rest_s)
    contact_check: bool
    preferred: tuple[str, ...]  # slugs the phase is built around, when allowed


class PlanTemplate(NamedTuple):
    level: str
    phases: tuple[Phase, ...]
    deload_every: int  # 0: no lighter weeks
    weekly_sets: tuple[int, int]  # hard sets a week per target region: the lower end and the ceiling
    small_sets: tuple[int, int] = (6, 10)  # the same for small deep muscles (minimus, piriformis)
    volume_source: str = ""  # where the ranges come from


class Catalogue(NamedTuple):
    schema_version: int
    sources: dict[str, Source]
    exercises: Exercises  # by slug, in file order
    goals: dict[str, Goal]
    regions: dict[str, RegionInfo]
    plans: dict[str, PlanTemplate]
    safety: dict[str, str]
    condition_notes: dict[str, str]
    heavy_rest_s: int
    favours: dict[str, tuple[tuple[str, str], ...]] = {}  # condition -> (property, note): what it favours
    still_covers: frozenset[str] = frozenset()  # conditions whose cautioned exercises may still cover a pattern
    key: str = ""  # the fingerprint of the files it was built from (caches derived data, glutecoach.speed)
    overrides: tuple[str, ...] = ()  # "FILE overrides exercise 'x' from FILE", for a notice


class Profile(NamedTuple):
    """Who is asking: their level, what they have (None: everything) and declared conditions."""

    level: str = "beginner"
    equipment: frozenset[str] | None = None
    pains: tuple[str, ...] = ()
    recent_pain: tuple[tuple[str, str, str], ...] = ()  # (slug, what hurt, date) from the log (core.person)
    favours: tuple[tuple[str, str, str], ...] = ()  # (condition, property, note): what a declared condition favours
    cleared: bool = False  # after a hip replacement: the surgeon has cleared full training
    surgery: str | None = None  # the hip replacement's date (YYYY-MM-DD), when given

    def has(self, needed: tuple[str, ...]) -> bool:
        return self.equipment is None or self.equipment.issuperset(needed)


# --- the training log and the saved profile, as the core reads them (stored by glutecoach.store) ---


SET_TYPES = ("working", "warmup", "drop", "failure")  # a warm-up counts toward nothing; the others are work
MAX_REPS = 1000  # the most reps one set may log (the log's schema checks the same)


class SetRow(NamedTuple):
    reps: int
    load: float | None
    type: str = "working"  # one of SET_TYPES

    @property
    def counts(self) -> bool:
        """A set that counts toward volume, progress and 'top of the range' (every set but a warm-up)."""
        return self.type != "warmup"


class Entry(NamedTuple):
    id: int | None  # the log's short number (log delete/edit ID); may change between logs
    date: str  # YYYY-MM-DD
    slug: str
    sets: tuple[SetRow, ...]
    units: str
    contact: int | None = None
    pain_score: int | None = None
    rir: int | None = None
    note: str | None = None
    uid: str | None = None  # the entry's identity (uuid4 hex): kept by export and import, never reused
    time: str | None = None  # HH:MM when the source said (imports from trackers)

    @property
    def counted_sets(self) -> tuple[SetRow, ...]:
        """The sets that count toward volume and progression: warm-ups left out."""
        return tuple([s for s in self.sets if s.counts])

    def as_json(self) -> dict[str, Any]:
        """The entry as the documented JSON (log list --format json, log export)."""
        return {
            "id": self.id,
            "uid": self.uid,
            "date": self.date,
            "time": self.time,
            "slug": self.slug,
            "sets": [{"reps": s.reps, "load": s.load, "type": s.type} for s in self.sets],
            "units": self.units,
            "contact": self.contact,
            "pain_score": self.pain_score,
            "rir": self.rir,
            "note": self.note,
        }

    def fingerprint(self) -> str:
        """Everything the entry says (day and time, exercise, every set with its type, units, effort,
        pain, note), hashed: two entries that differ in anything are two entries. The id and uid are
        not part of it: they say which entry, not what was done."""
        import hashlib
        import json

        said = [
            self.date,
            self.time,
            self.slug,
            [[s.reps, s.load, s.type] for s in self.sets],
            self.units,
            self.contact,
            self.pain_score,
            self.rir,
            self.note,
        ]
        text = json.dumps(said, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class SessionSummary(NamedTuple):
    """One entry reduced to what progress needs, computed in SQL from the sets that count (no warm-ups)."""

    date: str
    slug: str
    contact: int | None
    sets: int  # working, drop and failure sets
    reps: int  # their reps
    top_load: float | None  # their heaviest load
    pain: int | None = None  # the entry's pain score, 0-10 (None: not logged)


class SavedProfile(NamedTuple):
    level: str | None = None
    goal: str | None = None
    equipment: tuple[str, ...] | None = None  # None: everything; (): body weight only
    pains: tuple[str, ...] = ()
    units: str = "kg"
    surgery_date: str | None = None  # a hip replacement's date, YYYY-MM-DD
    cleared: bool | None = None  # the surgeon has cleared full training after it (None: not said)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "level": self.level,
            "goal": self.goal,
            "equipment": None if self.equipment is None else list(self.equipment),
            "pains": list(self.pains),
            "units": self.units,
        }
        if self.surgery_date is not None or self.cleared is not None:  # after a hip replacement only
            out.update(surgery_date=self.surgery_date, cleared=self.cleared)
        return out
