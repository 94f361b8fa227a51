"""The evidence table's and the fit's rules, run by scripts/check_evidence.py (which prints them).

Importable: problems(catalogue_data, table_data, fitted_text, shared_rows=None) -> list[str], and
overrides(table_data) -> list[str] (the hand-typed scores kept against the fit, with their reasons).

[table-schema] data/evidence.yaml and data/fitted_scores.yaml validate against their schema
               (glutecoach/catalogue/evidence.py).
[table-slug]   every figure's `slug` and `cited_by` name catalogue exercises.
[table-ref]    every figure an exercise's `evidence` entry gives is a row of the table (same study,
               region, statistic and value) that names the exercise in `cited_by`.
[table]        the table's figures agree with the shared evidence tables (the same matching as
               check_evidence's [table] rule).
[integrity]    no `emg` or `emg-proxy` basis rests only on figures of studies with an integrity flag.
[fit-stale]    data/fitted_scores.yaml is what scripts/fit_scores.py writes from the data now.
[fit]          every catalogue score the fit covers (a `fitted` entry, or a `predicted` one where the
               catalogue's basis says `predicted`) lies within its interval, or is an override.
[override]     every override names a reason and a score that is outside the interval (else it is stale).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import check_evidence as ce  # same folder: check_evidence puts it on the path
import fit_scores
from pydantic import ValidationError

from glutecoach.catalogue.evidence import FittedFileModel, TableModel
from glutecoach.core.vocab import EVIDENCE_REGIONS


def _schema(name: str, model: type[TableModel] | type[FittedFileModel], data: Any) -> tuple[Any, list[str]]:
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        return None, [f"[table-schema] {name}: {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors()]


def problems(
    catalogue_data: Mapping[str, Any],
    table_data: Any,
    fitted_text: str,
    shared_rows: Sequence[Mapping[str, Any]] | None = None,
) -> list[str]:
    import yaml

    table, out = _schema("data/evidence.yaml", TableModel, table_data)
    if table is None:
        return out
    fitted, found = _schema("data/fitted_scores.yaml", FittedFileModel, yaml.safe_load(fitted_text))
    out += found
    exercises = {ex["slug"]: ex for ex in catalogue_data["exercises"]}
    unknown = slug_problems(table, exercises)
    out += unknown
    out += reference_problems(table, exercises)
    out += integrity_problems(table, exercises)
    if shared_rows is not None:
        out += shared_problems(table, catalogue_data, shared_rows)
    if fitted is None or unknown:
        return out  # the fit needs every figure's exercise
    if fit_scores.render(fit_scores.compute(table, catalogue_data)) != fitted_text:
        out.append("[fit-stale] data/fitted_scores.yaml differs from a fresh fit: run python scripts/fit_scores.py")
    out += fit_problems(table, fitted, exercises)
    return out


def slug_problems(table: TableModel, exercises: Mapping[str, Any]) -> list[str]:
    out = []
    for f in table.figures:
        for slug in [*([f.slug] if f.slug else []), *f.cited_by]:
            if slug not in exercises:
                out.append(f"[table-slug] {f.study} '{f.exercise}': no catalogue exercise '{slug}'")
    for o in table.overrides:
        if o.slug not in exercises:
            out.append(f"[table-slug] override of '{o.slug}': no such catalogue exercise")
    return out


def reference_problems(table: TableModel, exercises: Mapping[str, Any]) -> list[str]:
    held = {(f.study, f.region, f.statistic, f.value, slug) for f in table.figures for slug in f.cited_by}
    out = []
    for slug, ex in exercises.items():
        for r in ex.get("evidence", []):
            value = None if r.get("value") is None else float(r["value"])
            if (r["source"], r["region"], r["stat"], value, slug) not in held:
                out.append(
                    f"[table-ref] {slug}: evidence {r['source']} {r['region']} {r['stat']} {r.get('value')} "
                    "is not a figure of data/evidence.yaml citing it"
                )
    return out


def integrity_problems(table: TableModel, exercises: Mapping[str, Any]) -> list[str]:
    flagged = {s.key for s in table.studies if s.integrity}
    out = []
    for slug, ex in exercises.items():
        for region, entry in ex["regions"].items():
            if entry["basis"] not in ("emg", "emg-proxy"):
                continue
            keys = {
                r["source"]
                for r in ex.get("evidence", [])
                if r.get("value") is not None and region in EVIDENCE_REGIONS.get(r["region"], ())
            }
            if keys and keys <= flagged:
                out.append(
                    f"[integrity] {slug}: {region} '{entry['basis']}' rests only on {', '.join(sorted(keys))}, flagged for data integrity"
                )
    return out


def shared_problems(table: TableModel, catalogue_data: Mapping[str, Any], shared_rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The table's figures against the shared tables, read as the catalogue's rows are."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for f in table.figures:
        row = {"source": f.study, "region": f.region, "value": f.value, "stat": f.statistic, "variant": f.exercise}
        rows.setdefault(f.slug or f.study, []).append(row)
    pseudo = {"sources": catalogue_data.get("sources", []), "exercises": [{"slug": k, "evidence": v} for k, v in rows.items()]}
    found = ce.table_problems(pseudo, shared_rows)
    return ["[table] data/evidence.yaml, " + p.removeprefix("[table] ") for p in found if not p.startswith("[table] source '")]


def fit_problems(table: TableModel, fitted: FittedFileModel, exercises: Mapping[str, Any]) -> list[str]:
    kept = {(o.slug, o.region): o for o in table.overrides}
    out = []
    for slug, ex in exercises.items():
        for region, entry in ex["regions"].items():
            fit = fitted.scores.get(slug, {}).get(region)
            if fit is None or (fit.kind == "predicted" and entry["basis"] != "predicted"):
                continue
            inside = fit.low <= entry["score"] <= fit.high
            if not inside and (slug, region) not in kept:
                out.append(
                    f"[fit] {slug}: {region} {entry['score']} lies outside its {fit.kind} interval {fit.low}-{fit.high} (fit {fit.score}): "
                    "take the fit, or add an override with a reason"
                )
            if inside and (slug, region) in kept:
                out.append(
                    f"[override] {slug}: {region} {entry['score']} lies inside its interval {fit.low}-{fit.high}: "
                    "the override is stale, remove it"
                )
    for o in table.overrides:
        if not o.reason.strip():
            out.append(f"[override] {o.slug}: {o.region} has no reason")
    return out


def overrides(table_data: Any) -> list[str]:
    table = TableModel.model_validate(table_data)
    return [f"{o.slug} {o.region}: {o.reason}" for o in table.overrides]
