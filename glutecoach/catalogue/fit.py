"""Scores fitted from within-study comparisons, and scores predicted from the movement.

Pure and standard-library only (run by scripts/fit_scores.py at build time, never by `recommend`).

The within-study fit, per region: every primary mean figure y (an MVIC scale, capped at 100) of
exercise e in study block s (a study, its muscle or segment, its electrode) is modelled as
y = a_e + b_s + noise. The study effect b_s absorbs what differs between studies (the reference
contraction, the electrode site, the load), so only within-study contrasts move one exercise above
another; b_s is shrunk toward 0 (a ridge with sd STUDY_SD), which makes a figure from a study of one
exercise count at face value, less its study's share. Each figure weighs its n over the region's
median n. a_e is the exercise's fitted score; its interval is 1.96 standard errors.

The feature model, per region: a ridge regression of the fitted scores on the movement's features
(data/exercises.yaml: movement, joint actions, where tension peaks, how deep the hip flexes, stance,
load vector, load potential, one leg or two, effort), its penalty chosen by leave-one-out error; its
interval is 1.96 leave-one-out residual SDs.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

STUDY_SD = 25.0  # how far a study's level may sit from the others (points of %MVIC): the ridge's prior
NOISE_SD_DEFAULT = 10.0  # the residual SD when too few figures leave degrees of freedom to estimate it
NOISE_SD_FLOOR = 4.0  # never claim more precision than this per figure
Z95 = 1.96
CAP = 100.0
ORDER_MARGIN = 0.15  # a within-study ordering counts when the gap is more than 15 % of the larger
MIN_TRAINING = 6  # fewer measured exercises than this: no feature model for the region
RIDGE_GRID = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)


@dataclass(frozen=True)
class Obs:
    """One figure as the fit reads it."""

    slug: str
    block: str  # study key, the figure's muscle or segment, its electrode
    study: str
    value: float
    n: int | None
    electrode: str


@dataclass
class Fit:
    score: float
    se: float
    studies: list[str] = field(default_factory=list)
    subjects: int = 0
    electrode: list[str] = field(default_factory=list)
    conflict: str = ""


# --- linear algebra -----------------------------------------------------------------------------------


def solve_inverse(matrix: list[list[float]]) -> list[list[float]]:
    """The inverse of a square non-singular matrix (Gauss-Jordan with partial pivoting)."""
    size = len(matrix)
    aug = [list(row) + [1.0 if i == j else 0.0 for j in range(size)] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(aug[r][col]))
        if abs(aug[pivot][col]) < 1e-12:
            raise ValueError("singular system")
        aug[col], aug[pivot] = aug[pivot], aug[col]
        p = aug[col][col]
        aug[col] = [v / p for v in aug[col]]
        for r in range(size):
            if r != col and aug[r][col] != 0.0:
                factor = aug[r][col]
                aug[r] = [v - factor * c for v, c in zip(aug[r], aug[col], strict=True)]
    return [row[size:] for row in aug]


def mat_vec(matrix: Sequence[Sequence[float]], vector: Sequence[float]) -> list[float]:
    return [sum(m * v for m, v in zip(row, vector, strict=True)) for row in matrix]


# --- the within-study fit ----------------------------------------------------------------------------------


def fit_region(observations: Sequence[Obs]) -> dict[str, Fit]:
    """Each measured exercise's fitted score and standard error (see the module's docstring)."""
    if not observations:
        return {}
    slugs = sorted({o.slug for o in observations})
    blocks = sorted({o.block for o in observations})
    col = {s: i for i, s in enumerate(slugs)} | {b: len(slugs) + i for i, b in enumerate(blocks)}
    known_n = [o.n for o in observations if o.n]
    typical_n = statistics.median(known_n) if known_n else 10.0
    weights = [(o.n or typical_n) / typical_n for o in observations]
    values = [min(o.value, CAP) for o in observations]
    size = len(col)

    def solve(noise_sd: float) -> tuple[list[float], list[list[float]]]:
        normal = [[0.0] * size for _ in range(size)]
        rhs = [0.0] * size
        for o, w, y in zip(observations, weights, values, strict=True):
            for i in (col[o.slug], col[o.block]):
                rhs[i] += w * y
                for j in (col[o.slug], col[o.block]):
                    normal[i][j] += w
        for b in blocks:
            normal[col[b]][col[b]] += (noise_sd / STUDY_SD) ** 2
        inverse = solve_inverse(normal)
        return mat_vec(inverse, rhs), inverse

    coef, _ = solve(NOISE_SD_DEFAULT)
    residuals = [y - coef[col[o.slug]] - coef[col[o.block]] for o, y in zip(observations, values, strict=True)]
    dof = len(observations) - len(slugs) - max(len(blocks) - 1, 0)
    noise_sd = NOISE_SD_DEFAULT
    if dof >= 3:
        noise_sd = max(NOISE_SD_FLOOR, math.sqrt(sum(w * r * r for w, r in zip(weights, residuals, strict=True)) / dof))
    coef, inverse = solve(noise_sd)
    conflicts = _conflicts(observations)
    out = {}
    for s in slugs:
        mine = [o for o in observations if o.slug == s]
        subjects: dict[str, int] = {}
        for o in mine:
            subjects[o.study] = max(subjects.get(o.study, 0), o.n or 0)
        out[s] = Fit(
            score=max(0.0, min(CAP, coef[col[s]])),
            se=noise_sd * math.sqrt(inverse[col[s]][col[s]]),
            studies=sorted(subjects),
            subjects=sum(subjects.values()),
            electrode=sorted({o.electrode for o in mine}),
            conflict=conflicts.get(s, ""),
        )
    return out


def _conflicts(observations: Sequence[Obs]) -> dict[str, str]:
    """Exercises whose order against another flips between studies (each gap beyond the margin)."""
    by_block: dict[str, dict[str, float]] = defaultdict(dict)
    for o in observations:
        by_block[o.block][o.slug] = min(o.value, CAP)
    orders: dict[tuple[str, str], dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for block, figures in by_block.items():
        for a in figures:
            for b in figures:
                if a < b and abs(figures[a] - figures[b]) > ORDER_MARGIN * max(figures[a], figures[b]):
                    orders[(a, b)][1 if figures[a] > figures[b] else -1].append(block.split("/")[0])
    out: dict[str, str] = {}
    for (a, b), signs in sorted(orders.items()):
        if len(signs) == 2:
            text = f"{a} above {b} in {', '.join(signs[1])} but below it in {', '.join(signs[-1])}"
            for s in (a, b):
                out[s] = f"{out[s]}; {text}" if s in out else text
    return out


# --- the feature model -------------------------------------------------------------------------------------

ONE_HOT = ("movement", "peak_tension", "hip_flexion", "stance", "load_vector")


def features(exercise: Mapping[str, Any]) -> dict[str, float]:
    """The movement's features, as numbers (named as a person reads them)."""
    out: dict[str, float] = {}
    for name in ONE_HOT:
        out[f"{name.replace('_', ' ')}: {exercise[name]}"] = 1.0
    for action in exercise.get("joint_actions", []):
        out[f"joint action: {action}"] = 1.0
    for peak in exercise.get("peaks", []):
        out[f"peak: {peak['action']} {peak['at']}"] = 1.0
    out["loading (load potential)"] = (exercise["load_potential"] - 3) / 2
    out["effort"] = (exercise["effort"] - 3) / 2
    out["one leg"] = 1.0 if exercise.get("unilateral") else 0.0
    return out


@dataclass(frozen=True)
class FeatureModel:
    names: tuple[str, ...]
    means: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    half_width: float  # 1.96 leave-one-out residual SDs
    penalty: float

    def predict(self, feats: Mapping[str, float]) -> tuple[float, list[str]]:
        """The predicted score and the features that moved it most (largest contributions first)."""
        parts = [(c * (feats.get(n, 0.0) - m), n) for n, m, c in zip(self.names, self.means, self.coef, strict=True)]
        score = self.intercept + sum(p for p, _ in parts)
        # Contributions equal to 1e-6 are a tie, broken by name: which of two equal features is named must
        # not hang on the last bits of a float sum (Python 3.12 made sum() of floats compensated).
        ranked = sorted(parts, key=lambda x: (-round(abs(x[0]), 6), x[1]))
        drivers = [f"{n} ({'+' if p > 0 else '-'}{abs(p):.0f})" for p, n in ranked if abs(p) >= 1.0]
        return max(0.0, min(CAP, score)), drivers[:3]


def fit_features(targets: Mapping[str, float], feats: Mapping[str, Mapping[str, float]]) -> FeatureModel | None:
    """A ridge regression of the targets on the features, the penalty chosen by leave-one-out error."""
    slugs = sorted(targets)
    if len(slugs) < MIN_TRAINING:
        return None
    names = tuple(sorted({n for s in slugs for n in feats[s]}))
    means = tuple(statistics.fmean(feats[s].get(n, 0.0) for s in slugs) for n in names)
    x = [[feats[s].get(n, 0.0) - m for n, m in zip(names, means, strict=True)] for s in slugs]
    y_mean = statistics.fmean(targets[s] for s in slugs)
    y = [targets[s] - y_mean for s in slugs]
    best: tuple[float, float, list[float]] | None = None
    for penalty in RIDGE_GRID:
        gram = [[sum(r[i] * r[j] for r in x) + (penalty if i == j else 0.0) for j in range(len(names))] for i in range(len(names))]
        inverse = solve_inverse(gram)
        coef = mat_vec(inverse, [sum(r[i] * t for r, t in zip(x, y, strict=True)) for i in range(len(names))])
        loo = []
        for r, t in zip(x, y, strict=True):
            hat = sum(r[i] * sum(inverse[i][j] * r[j] for j in range(len(names))) for i in range(len(names)))
            loo.append((t - sum(c * v for c, v in zip(coef, r, strict=True))) / max(1e-9, 1 - hat - 1 / len(slugs)))
        error = math.sqrt(statistics.fmean(e * e for e in loo))
        if best is None or error < best[0]:
            best = (error, penalty, coef)
    assert best is not None
    error, penalty, coef = best
    return FeatureModel(names, means, tuple(coef), y_mean, Z95 * error, penalty)
