"""The evidence table (data/evidence.yaml) and the fitted scores (data/fitted_scores.yaml): their schema.

Read by scripts/check_evidence.py, scripts/fit_scores.py, the `evidence` command and the tests; never
on the `recommend` path (the catalogue's region scores are plain data there).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from glutecoach.core import vocab
from glutecoach.core.evidence import FigureView, FitView, RegionEvidence
from glutecoach.core.vocab import EVIDENCE_REGIONS, REGIONS
from glutecoach.store import paths

TABLE_NAME = "evidence.yaml"
FITTED_NAME = "fitted_scores.yaml"

DESIGNS = ("crossover-emg", "rct", "review")
ELECTRODES = ("surface", "fine-wire", "mixed", "not-stated")
NORMALISATIONS = ("mvic", "peak", "sub-max", "other", "not-emg")
# Where a figure was read: the primary paper (its abstract, a table, the full text), a review's
# table, or a secondary summary. Only the first three may enter the fit.
WHERE = ("abstract", "table", "full-text", "review", "secondary")
PRIMARY_WHERE = ("abstract", "table", "full-text")
# How a fitted file's entry was made: measured (the within-study fit) or predicted (the feature model).
FIT_KINDS = ("fitted", "predicted")

Text = Annotated[str, Field(min_length=1, max_length=2000)]
Key = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[a-z0-9-]+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StudyModel(_Strict):
    key: Key
    design: Literal[DESIGNS]  # type: ignore[valid-type]
    integrity: list[Text] = []  # retraction notices and data-integrity flags, as read
    read_in: Literal[vocab.READ_IN]  # type: ignore[valid-type]
    electrode: Literal[ELECTRODES]  # type: ignore[valid-type]
    n: Annotated[int, Field(ge=1)] | None = None


class FigureModel(_Strict):
    study: Key
    exercise: Text  # the exercise as the study tested it
    slug: Key | None  # the catalogue exercise tested; None: not in the catalogue, or pooled
    cited_by: list[Key] = []
    region: Literal[tuple(EVIDENCE_REGIONS)]  # type: ignore[valid-type]
    statistic: Literal[vocab.STATS]  # type: ignore[valid-type]
    value: float | None
    sd: Annotated[float, Field(ge=0)] | None = None
    n: Annotated[int, Field(ge=1)] | None = None
    load: str
    scale: str
    normalisation: Literal[NORMALISATIONS]  # type: ignore[valid-type]
    where: Literal[WHERE]  # type: ignore[valid-type]
    pooled: bool = False
    electrode: Literal[ELECTRODES] | None = None  # type: ignore[valid-type]  # None: the study's

    @model_validator(mode="after")
    def _value_unless_qualitative(self) -> FigureModel:
        if self.value is None and self.statistic != "qualitative":
            raise ValueError("value may be empty only when statistic is 'qualitative'")
        return self


class OverrideModel(_Strict):
    """A hand-typed score kept against the fit: the checker lists each, and each needs its reason."""

    slug: Key
    region: Literal[REGIONS]  # type: ignore[valid-type]
    reason: Text


class TableModel(_Strict):
    schema_version: Literal[1]
    studies: list[StudyModel]
    figures: list[FigureModel]
    overrides: list[OverrideModel] = []

    @model_validator(mode="after")
    def _studies_unique_and_cited(self) -> TableModel:
        keys = [s.key for s in self.studies]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"studies listed more than once: {', '.join(twice)}")
        unknown = sorted({f.study for f in self.figures} - set(keys))
        if unknown:
            raise ValueError(f"figures cite studies not in `studies`: {', '.join(unknown)}")
        return self


class FittedModel(_Strict):
    """One exercise's fitted or predicted score for one region, with what it rests on."""

    score: Annotated[int, Field(ge=0, le=100)]
    low: Annotated[int, Field(ge=0, le=100)]
    high: Annotated[int, Field(ge=0, le=100)]
    kind: Literal[FIT_KINDS]  # type: ignore[valid-type]
    studies: list[Key] = []
    subjects: Annotated[int, Field(ge=0)] = 0
    electrode: list[Literal[ELECTRODES]] = []  # type: ignore[valid-type]
    conflict: str = ""  # why the studies disagree, when they do
    features: list[Text] = []  # what drove a prediction

    @model_validator(mode="after")
    def _interval_holds_the_score(self) -> FittedModel:
        if not self.low <= self.score <= self.high:
            raise ValueError(f"score {self.score} lies outside its interval {self.low}-{self.high}")
        return self


class FittedFileModel(_Strict):
    schema_version: Literal[1]
    validation: dict[str, dict[str, Any]]  # per region: leave-one-study-out ordering accuracy
    scores: dict[Key, dict[Literal[REGIONS], FittedModel]]  # type: ignore[valid-type]


def _read(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def load_table(path: Path | None = None) -> TableModel:
    return TableModel.model_validate(_read(path or paths.builtin_data_dir() / TABLE_NAME))


def load_fitted(path: Path | None = None) -> FittedFileModel:
    return FittedFileModel.model_validate(_read(path or paths.builtin_data_dir() / FITTED_NAME))


def figure_electrode(figure: FigureModel, studies: dict[str, StudyModel]) -> str:
    return figure.electrode or studies[figure.study].electrode


def left_out(figure: FigureModel, study: StudyModel) -> str:
    """Why a figure stays out of the fit ('' when it enters): means on an MVIC scale, read in the
    primary paper, of a catalogue exercise as tested, from a crossover EMG study with no integrity flag."""
    reasons = (
        (figure.statistic != "mean", f"a {figure.statistic}, not a mean"),
        (figure.value is None, "no figure"),
        (figure.slug is None, "not a catalogue exercise as tested"),
        (figure.pooled, "pooled across studies"),
        (figure.normalisation != "mvic", f"normalised to {figure.normalisation}, not an MVIC"),
        (figure.where not in PRIMARY_WHERE, f"read in a {figure.where} source"),
        (study.design != "crossover-emg", f"a {study.design}, not a crossover EMG study"),
        (bool(study.integrity), "integrity flag on the study"),
    )
    return next((why for bad, why in reasons if bad), "")


# --- one exercise's evidence, as the `evidence` command shows it -------------------------------------


def fit_view(fit: FittedModel) -> FitView:
    return FitView(
        fit.score, fit.low, fit.high, fit.kind, tuple(fit.studies), fit.subjects, tuple(fit.electrode), fit.conflict, tuple(fit.features)
    )


def figure_view(figure: FigureModel, study: StudyModel, slug: str, studies: dict[str, StudyModel]) -> FigureView:
    why = left_out(figure, study)
    if figure.slug != slug and not figure.pooled:
        why = "a close variant's figure, cited by this entry"  # measured on another exercise
    f = figure
    return FigureView(f.study, f.exercise, f.statistic, f.value, f.sd, f.n, f.scale, figure_electrode(f, studies), f.where, why)


def exercise_evidence(
    table: TableModel, fitted: FittedFileModel, slug: str, scores: dict[str, tuple[int, str]], regions: tuple[str, ...]
) -> list[RegionEvidence]:
    """Per region: the catalogue's score, the fitted or predicted one, and every figure of this
    exercise (as tested or cited by its entry) that belongs to the region."""
    studies = {s.key: s for s in table.studies}
    mine = [f for f in table.figures if f.slug == slug or slug in f.cited_by]
    out = []
    for region in regions:
        lines = tuple(figure_view(f, studies[f.study], slug, studies) for f in mine if region in EVIDENCE_REGIONS[f.region])
        fit = fitted.scores.get(slug, {}).get(region)
        score, basis = scores[region]
        out.append(RegionEvidence(region, score, basis, None if fit is None else fit_view(fit), lines))
    return out
