"""`glutecoach evidence`: one exercise's figures, fitted score and interval, region by region.

Plain text (no rich: nothing here is coloured, so NO_COLOR holds) wrapped to the terminal's width
between 50 and 200 columns, or JSON (the shape is documented in the README, "The evidence command").
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from dataclasses import asdict
from typing import Any

from glutecoach.core.evidence import FigureView, FitView, RegionEvidence
from glutecoach.core.vocab import BASIS_WORD, REGION_LABEL
from glutecoach.render.text import plural, safe

KEPT_HAND = (
    "the catalogue keeps its hand-typed score: leaving each study out, the predictions reproduced fewer"
    ' within-study orderings than the hand-typed scores (README, "Fitted and predicted scores")'
)


def _columns() -> int:
    return max(50, min(200, shutil.get_terminal_size((100, 24)).columns))


def fit_summary(fit: FitView | None) -> str:
    """What the fit says and why, in one sentence."""
    if fit is None:
        return (
            "no fit: no primary study measured it, and no prediction "
            "(too few measured exercises in this region, or an exercise the shipped fit does not know)"
        )
    interval = f"{fit.score} ({fit.low}-{fit.high}, 95 %)"
    if fit.kind == "predicted":
        drivers = ", ".join(fit.features) or "the region's average"
        return f"predicted {interval} from: {drivers}; no study measured it"
    electrode = " and ".join(fit.electrode) or "unknown"
    people = f" ({plural(fit.subjects, 'person', 'people')})" if fit.subjects else " (number of people not given)"
    text = f"fitted {interval}: measured in {plural(len(fit.studies), 'study', 'studies')}{people}, {electrode} electrodes"
    return text + (f"; studies conflict: {fit.conflict}" if fit.conflict else "; no conflict between studies")


def figure_text(f: FigureView) -> str:
    value = "" if f.value is None else f"{f.value:g}"
    sd = f" ± {f.sd:g}" if f.sd is not None else ""
    n = f"n {f.n}; " if f.n else ""
    fit = "in the fit" if not f.left_out else f"not in the fit: {f.left_out}"
    return f"{f.study}: {f.statistic} {value}{sd} {f.scale} - {f.exercise_as_tested}; {n}{f.electrode}; read in {f.where}; {fit}"


def text(name: str, slug: str, regions: list[RegionEvidence]) -> str:
    width = _columns()
    out = [*textwrap.wrap(safe(f"{name} ({slug}): the evidence, region by region"), width, break_on_hyphens=False), ""]
    for r in regions:
        out += textwrap.wrap(f"{REGION_LABEL[r.region]}: catalogue {r.score} ({BASIS_WORD.get(r.basis, r.basis)})", width)
        body = [fit_summary(r.fit)]
        if r.fit is not None and r.fit.kind == "predicted":
            body.append(KEPT_HAND)
        body += [figure_text(line) for line in r.figures] or ["no figure read for this exercise and region"]
        for item in body:
            out += textwrap.wrap(safe(item), width, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def as_data(name: str, slug: str, regions: list[RegionEvidence]) -> dict[str, Any]:
    return {
        "exercise": slug,
        "name": name,
        "regions": [
            {
                "region": r.region,
                "score": r.score,
                "basis": r.basis,
                "fit": None if r.fit is None else asdict(r.fit),
                "figures": [asdict(f) | {"in_fit": not f.left_out} for f in r.figures],
            }
            for r in regions
        ],
    }


def show(fmt: str, name: str, slug: str, regions: list[RegionEvidence]) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(as_data(name, slug, regions), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(text(name, slug, regions))
