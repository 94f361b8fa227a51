"""Fit the region scores to the evidence table and write them as package data: data/fitted_scores.yaml.

Usage: python scripts/fit_scores.py           write data/fitted_scores.yaml
       python scripts/fit_scores.py --check   exit 1 when the file differs from a fresh fit

Per region (glutecoach/catalogue/fit.py says how): every exercise a primary study measured gets its
fitted score from the within-study comparisons, with an interval, the studies and subjects behind it
and a flag where studies disagree; every other exercise gets a score predicted from its movement's
features, with an interval and the features that drove it. Then each study is left out in turn: how
often do the fit and the feature model, without that study, reproduce its within-study orderings,
and how often do the catalogue's hand-typed scores? Both counts are written under `validation`.

Which figures enter the fit (`usable`): means, on an MVIC scale, read in the primary paper (abstract,
table or full text), of a catalogue exercise as tested (not a stand-in, not pooled), from a crossover
EMG study with no integrity flag. Medians, peaks, review and secondary figures stay in the table,
labelled, and out of the fit.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glutecoach.catalogue import fit  # noqa: E402
from glutecoach.catalogue.evidence import (  # noqa: E402
    FITTED_NAME,
    FigureModel,
    StudyModel,
    TableModel,
    figure_electrode,
    left_out,
    load_table,
)
from glutecoach.core.vocab import EVIDENCE_REGIONS, REGIONS  # noqa: E402

OUT = ROOT / "data" / FITTED_NAME


def usable(figure: FigureModel, study: StudyModel) -> bool:
    return not left_out(figure, study)


def observations(table: TableModel) -> dict[str, list[fit.Obs]]:
    """Per catalogue region, the figures the fit reads (a whole-maximus figure counts for both portions)."""
    studies = {s.key: s for s in table.studies}
    out: dict[str, list[fit.Obs]] = defaultdict(list)
    for f in table.figures:
        study = studies[f.study]
        if not usable(f, study):
            continue
        electrode = figure_electrode(f, studies)
        n = f.n or study.n
        for region in EVIDENCE_REGIONS[f.region]:
            assert f.slug is not None and f.value is not None
            out[region].append(fit.Obs(f.slug, f"{f.study}/{f.region}/{electrode}", f.study, f.value, n, electrode))
    return out


def hand_score(exercise: Mapping[str, Any], region: str) -> float:
    return float(exercise["regions"][region]["score"])


def within_study_pairs(obs: Sequence[fit.Obs], study: str) -> list[tuple[str, str]]:
    """(higher, lower) pairs one study measured in one block, the gap beyond the margin."""
    by_block: dict[str, dict[str, float]] = defaultdict(dict)
    for o in obs:
        if o.study == study:
            by_block[o.block][o.slug] = min(o.value, fit.CAP)
    pairs = []
    for figures in by_block.values():
        for a in sorted(figures):
            for b in sorted(figures):
                if figures[a] > figures[b] and figures[a] - figures[b] > fit.ORDER_MARGIN * figures[a]:
                    pairs.append((a, b))
    return pairs


def predict_all(obs: Sequence[fit.Obs], feats: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    fitted = fit.fit_region(obs)
    model = fit.fit_features({s: f.score for s, f in fitted.items()}, feats)
    out = {s: f.score for s, f in fitted.items()}
    if model is not None:
        for slug, fs in feats.items():
            out.setdefault(slug, model.predict(fs)[0])
    return out


def validate(region: str, obs: Sequence[fit.Obs], feats: Mapping[str, Mapping[str, float]], exercises: Mapping[str, Any]) -> dict[str, Any]:
    """Leave each study out: its within-study orderings reproduced by the model vs by the hand scores."""
    pairs = model_right = hand_right = unpredicted = 0
    studies = sorted({o.study for o in obs})
    tested = []
    for study in studies:
        held_out = within_study_pairs(obs, study)
        if not held_out:
            continue
        tested.append(study)
        predicted = predict_all([o for o in obs if o.study != study], feats)
        for hi, lo in held_out:
            pairs += 1
            if hi not in predicted or lo not in predicted:
                unpredicted += 1  # no model without this study (too few measured exercises): a miss
            elif predicted[hi] > predicted[lo]:
                model_right += 1
            if hand_score(exercises[hi], region) > hand_score(exercises[lo], region):
                hand_right += 1
    return {"studies": tested, "pairs": pairs, "model": model_right, "hand": hand_right, "unpredicted": unpredicted}


def compute(table: TableModel, catalogue: Mapping[str, Any]) -> dict[str, Any]:
    """The whole fitted file as plain data (what the script writes and the checker compares)."""
    exercises = {ex["slug"]: ex for ex in catalogue["exercises"]}
    feats = {slug: fit.features(ex) for slug, ex in exercises.items()}
    per_region = observations(table)
    scores: dict[str, dict[str, Any]] = defaultdict(dict)
    validation: dict[str, Any] = {}
    for region in REGIONS:
        obs = per_region.get(region, [])
        fitted = fit.fit_region(obs)
        for slug, f in fitted.items():
            half = fit.Z95 * f.se
            scores[slug][region] = entry(f.score, half, "fitted", f.studies, f.subjects, f.electrode, f.conflict, [])
        model = fit.fit_features({s: f.score for s, f in fitted.items()}, feats)
        check = validate(region, obs, feats, exercises)
        check["measured"] = len(fitted)
        check["feature_model"] = None if model is None else {"penalty": model.penalty, "half_width": round(model.half_width, 1)}
        validation[region] = check
        if model is None:
            continue
        for slug in sorted(set(exercises) - set(fitted)):
            score, drivers = model.predict(feats[slug])
            scores[slug][region] = entry(score, model.half_width, "predicted", [], 0, [], "", drivers)
    ordered = {slug: {r: scores[slug][r] for r in REGIONS if r in scores[slug]} for slug in exercises if slug in scores}
    return {"schema_version": 1, "validation": validation, "scores": ordered}


def entry(
    score: float, half: float, kind: str, studies: list[str], subjects: int, electrode: list[str], conflict: str, drivers: list[str]
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "score": round(score),
        "low": max(0, round(score - half)),
        "high": min(100, round(score + half)),
        "kind": kind,
    }
    if studies:
        out |= {"studies": studies, "subjects": subjects, "electrode": electrode}
    if conflict:
        out["conflict"] = conflict
    if drivers:
        out["features"] = drivers
    return out


HEADER = """\
# Written by scripts/fit_scores.py from data/evidence.yaml and data/exercises.yaml: do not edit.
# scores: per exercise and region, `fitted` (measured: the within-study fit) or `predicted` (the
# feature model), with a 95 % interval (low-high). validation: per region, leaving each study out,
# how many of its within-study orderings the model and the hand-typed scores reproduce.
"""


def render(data: Mapping[str, Any]) -> str:
    import yaml

    return HEADER + yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=200, default_flow_style=None)


def readme_rows(fitted: Mapping[str, Any], overrides: Sequence[Any] = ()) -> list[str]:
    """The README's table of the fit, per region (a test keeps the README and the file in step)."""
    rows = [
        "| Region | Fitted (measured) | Predicted | Overrides | Orderings tested | Model, each study left out | Hand-typed scores |",
        "|---|---|---|---|---|---|---|",
    ]
    for region in REGIONS:
        v = fitted["validation"][region]
        kinds = [e["kind"] for regions in fitted["scores"].values() for r, e in regions.items() if r == region]
        pairs = v["pairs"]

        def share(key: str, v: Mapping[str, Any] = v, pairs: int = pairs) -> str:
            return f"{v[key]}/{pairs} ({round(100 * v[key] / pairs)} %)" if pairs else "-"

        kept = sum(1 for o in overrides if o.region == region)
        rows.append(
            f"| {region} | {kinds.count('fitted')} | {kinds.count('predicted')} | {kept} | {pairs} | {share('model')} | {share('hand')} |"
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    import yaml

    args = list(sys.argv[1:] if argv is None else argv)
    catalogue = yaml.safe_load((ROOT / "data" / "exercises.yaml").read_text(encoding="utf-8"))
    text = render(compute(load_table(ROOT / "data" / "evidence.yaml"), catalogue))
    if "--check" in args:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.name} differs from a fresh fit: run python scripts/fit_scores.py")
            return 1
        print(f"{OUT.name} matches a fresh fit")
        return 0
    OUT.write_text(text, encoding="utf-8")
    table = load_table(ROOT / "data" / "evidence.yaml")
    print("\n".join(readme_rows(compute(table, catalogue), table.overrides)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
