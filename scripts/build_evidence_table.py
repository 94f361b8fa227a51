"""Convert the figures already in the project into one table: data/evidence.yaml.

Usage: python scripts/build_evidence_table.py [EVIDENCE_DIR] > data/evidence.yaml

Run once to make the table from (1) the `evidence` entries of data/exercises.yaml, one figure per
distinct (study, region, statistic, value, exercise as tested), and (2) the rows of the shared
evidence tables (EVIDENCE_DIR, default ../shared/evidence) that the catalogue does not already hold.
Nothing is retyped: every value, SD and n is copied from one of those two places. After the first
run the table is data, edited by hand as new studies are read (scripts/check_evidence.py checks it);
the study fields this script can only guess (design, electrode, integrity) were then reviewed.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import check_evidence as ce  # noqa: E402  (same folder)

INTEGRITY = {
    "barbalho2020": [
        "data-integrity concerns have been raised about several papers of this group (shared evidence README):"
        " weigh low, never rest a score on it alone; no retraction notice on the journal page or the PubMed record as read"
    ]
}
TRAINING = {"plotkin2023", "barbalho2020", "kubo2019", "haroy2019"}
FINE_WIRE = {"moore2019gmin", "moore2019gmed", "giphart2012", "morimoto2018", "selkowitz2013", "selkowitz2016", "ganderton2017"}
PEOPLE = re.compile(
    r"(\d+)\s+(?:[a-z-]+\s+){0,3}?(women|men|subjects|participants|adults|lifters|players|runners|people|athletes|volunteers|females|males)\b",
    re.I,
)


def normalisation(scale: str) -> str:
    low = scale.lower()
    if not ce.is_emg_scale(scale):
        return "not-emg"
    if ce.MVIC.search(scale):
        return "mvic"
    if "peak" in low:
        return "peak"
    if "sub" in low:
        return "sub-max"
    return "other"


def where_of(source: dict[str, Any], row_text: str) -> str:
    if source.get("read_in") in ("review", "secondary") or "secondary" in row_text.lower():
        return source.get("read_in") if source.get("read_in") in ("review", "secondary") else "secondary"
    text = str(source.get("where_read") or "").lower()
    return "full-text" if "full" in text else "abstract" if "abstract" in text else "table"


def design_of(key: str, source: dict[str, Any]) -> str:
    if source.get("read_in") == "review" or "review" in str(source.get("title", "")).lower():
        return "review"
    return "rct" if key in TRAINING else "crossover-emg"


def people(text: str) -> int | None:
    found = PEOPLE.search(text)
    return int(found.group(1)) if found else None


def catalogue_figures(data: dict[str, Any]) -> dict[tuple[Any, ...], dict[str, Any]]:
    sources = {s["key"]: s for s in data["sources"]}
    figures: dict[tuple[Any, ...], dict[str, Any]] = {}
    for ex in data["exercises"]:
        for r in ex.get("evidence", []):
            key = (r["source"], r["region"], r["stat"], r.get("value"), r["variant"].lower(), r["scale"])
            own = not ce.is_stand_in(r)
            fig = figures.get(key)
            if fig is None:
                text = f"{r['load']} {r['variant']}"
                fig = figures[key] = {
                    "study": r["source"],
                    "exercise": r["variant"],
                    "slug": None,
                    "cited_by": [],
                    "region": r["region"],
                    "statistic": r["stat"],
                    "value": r.get("value"),
                    "sd": None,
                    "n": people(r["load"]),
                    "load": r["load"],
                    "scale": r["scale"],
                    "normalisation": normalisation(r["scale"]),
                    "where": where_of(sources[r["source"]], text),
                    "pooled": ce.pooled(r),
                    "electrode": None,
                }
            fig["cited_by"].append(ex["slug"])
            if own and fig["slug"] is None and not fig["pooled"]:
                fig["slug"] = ex["slug"]
    return figures


def attach_tables(
    figures: dict[tuple[Any, ...], dict[str, Any]],
    tables: list[dict[str, Any]],
    raw: list[dict[str, str]],
    names: dict[str, str],
    sources: dict[str, Any],
) -> list[dict[str, Any]]:
    """SD and n from the shared tables where a row matches a figure; the unmatched rows as figures."""
    used: set[int] = set()
    for fig in figures.values():
        if fig["value"] is None:
            continue
        variant = ce.words(fig["exercise"])
        for i, t in enumerate(tables):
            same = t["key"] == fig["study"] and t["region"] == fig["region"] and t["stat"] == fig["statistic"]
            if same and ce.agrees(float(fig["value"]), t["value"], t["decimals"]) and any(n <= variant for n in t["names"]):
                used.add(i)
                fig["sd"] = fig["sd"] or _number(raw[i].get("sd"))
                fig["n"] = fig["n"] or _number(raw[i].get("n"), int)
                fig["electrode"] = _electrode(raw[i])
    extra: list[dict[str, Any]] = []
    held = {(f["study"], f["region"], float(f["value"])) for f in figures.values() if f["value"] is not None}
    for i, t in enumerate(tables):
        if i in used or t["region"] is None or (t["key"], t["region"], t["value"]) in held:
            continue  # already held (a difference the table files as a mean, a review row in two files)
        held.add((t["key"], t["region"], t["value"]))
        r = raw[i]
        note = " ".join(r.get(c) or "" for c in ("where_read", "note", "notes"))
        scale = r.get("scale") or r.get("normalisation") or ""
        scale = scale.removeprefix("other: ")
        extra.append(
            {
                "study": t["key"],
                "exercise": t["exercise"],
                "slug": names.get(t["exercise"].strip().lower()),
                "cited_by": [],
                "region": t["region"],
                "statistic": "difference" if re.search(r"difference|increase|change", scale, re.I) else t["stat"],
                "value": t["value"],
                "sd": _number(r.get("sd")),
                "n": _number(r.get("n"), int) or people(r.get("load_condition") or ""),
                "load": r.get("load_condition") or r.get("condition") or "",
                "scale": scale,
                "normalisation": normalisation(scale),
                "where": where_of(sources.get(t["key"], {"read_in": "secondary"}), note),
                "pooled": "pooled" in (r.get("note") or "").lower() or "review" in (r.get("electrode") or ""),
                "electrode": _electrode(r),
            }
        )
    return extra


def _electrode(raw: dict[str, str]) -> str | None:
    """A table row's electrode where it names one (a study may use fine wire for one muscle only)."""
    text = (raw.get("electrode") or "").strip()
    return text if text in ("surface", "fine-wire") else None


def _number(text: str | None, kind: type = float) -> Any:
    try:
        return kind(str(text).strip()) if text and str(text).strip() else None
    except ValueError:
        return None


def main() -> int:
    import csv

    import yaml

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ce.DEFAULT_TABLES
    data = yaml.safe_load((ROOT / "data" / "exercises.yaml").read_text(encoding="utf-8"))
    names = {n.lower(): ex["slug"] for ex in data["exercises"] for n in (ex["name"], *ex.get("aliases", []), ex["slug"].replace("-", " "))}
    figures = catalogue_figures(data)
    tables = ce.load_tables(folder)
    raw = []  # the same rows as read, in the same order (load_tables skips ranges the same way)
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            raw += [r for r in csv.DictReader(f) if _number((r.get("value") or "").replace(",", ".")) is not None]
    sources = {s["key"]: s for s in data["sources"]}
    extra = attach_tables(figures, tables, raw, names, sources)
    studies = []
    n_by_study: dict[str, set[int]] = defaultdict(set)
    for fig in [*figures.values(), *extra]:
        if fig["n"]:
            n_by_study[fig["study"]].add(fig["n"])
    for key, s in sources.items():
        studies.append(
            {
                "key": key,
                "design": design_of(key, s),
                "integrity": INTEGRITY.get(key, []),
                "read_in": s.get("read_in"),
                "electrode": "fine-wire" if key in FINE_WIRE else "mixed" if design_of(key, s) == "review" else "surface",
                "n": max(n_by_study[key]) if n_by_study[key] else None,
            }
        )
    print(HEADER + "schema_version: 1\n\nstudies:")
    for s in studies:
        print("  - " + _flow(s))
    print("\nfigures:")
    for fig in [*figures.values(), *extra]:
        print("  - " + _flow(fig))
    return 0


HEADER = """\
# Every figure the project has read, one per line: the evidence behind the region scores.
# Schema: glutecoach/catalogue/evidence.py. Made once by scripts/build_evidence_table.py from the
# catalogue's evidence entries and the shared evidence tables; edited by hand since. `slug` is the
# catalogue exercise the study actually tested (null: none in the catalogue, or a pooled value);
# `cited_by` lists the catalogue entries whose `evidence` cites the figure. `where`: abstract | table |
# full-text (the primary paper) | review | secondary. Only primary means on an MVIC scale enter the
# fit (scripts/fit_scores.py); medians, peaks, review and secondary figures are kept and labelled.
"""


def _flow(row: dict[str, Any]) -> str:
    import yaml

    return yaml.safe_dump(row, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10_000).strip()


if __name__ == "__main__":
    sys.exit(main())
