"""One exercise's evidence as the `evidence` command shows it: plain typed values, built by
glutecoach.catalogue.evidence from the evidence table and the fitted scores."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FitView:
    """A fitted (measured) or predicted score with its 95 % interval and what it rests on."""

    score: int
    low: int
    high: int
    kind: str  # fitted | predicted
    studies: tuple[str, ...]
    subjects: int  # 0: not given
    electrode: tuple[str, ...]
    conflict: str  # why studies disagree, '' when they do not
    features: tuple[str, ...]  # what drove a prediction


@dataclass(frozen=True)
class FigureView:
    """One figure of the table, with why it stayed out of the fit ('' when it entered)."""

    study: str
    exercise_as_tested: str
    statistic: str
    value: float | None
    sd: float | None
    n: int | None
    scale: str
    electrode: str
    where: str
    left_out: str


@dataclass(frozen=True)
class RegionEvidence:
    region: str
    score: int  # the catalogue's
    basis: str
    fit: FitView | None
    figures: tuple[FigureView, ...]
