"""Check that every region score of data/exercises.yaml claims no more than its evidence shows.

Usage: python scripts/check_evidence.py [EVIDENCE_DIR]
(default: the project's shared evidence tables, ../shared/evidence beside the repository; when the
folder is not there, the comparison with the tables is skipped and said so.)

Importable: problems(catalogue_data, tables=None) -> list[str] takes the parsed YAML (a dict with
`sources` and `exercises`) and, optionally, the evidence tables' rows (load_tables()); main() prints
the problems and exits 1 when there are any.

The rules (each problem message starts with the rule's name in brackets):

[source]     every evidence row cites a listed source; every source says where its figures were read
             (`read_in`: primary | review | secondary); source keys are unique.
[emg]        an `emg` basis needs a `mean` row of THIS exercise (its `variant` is not a stand-in, see
             STAND_IN) for exactly that region, on an MVIC scale: a whole-maximus row supports both
             portions and a segment row its muscle, but only as `emg-proxy`; a close variant's row
             makes `emg-proxy` at most.
[median]     an `emg` or `emg-proxy` basis whose only supporting figures are medians or peaks: a
             median or a peak used as a mean (the scores are means).
[secondary]  an `emg` basis whose mean rows all come from sources read in a review or a secondary
             summary (`read_in`), or from rows whose load says the figure was read second-hand.
[tolerance]  an `emg` score must lie within 5 points or 10 % of the figure, whichever is wider
             (EMG_TOLERANCE_POINTS, EMG_TOLERANCE_SHARE), of at least one of its primary mean rows
             (figures above 100 count as 100, the scale's cap).
[where-read] the figure an `emg` basis rests on must be named in its source's `where_read`: the
             record says where the number was read.
[proxy]      an `emg-proxy` basis needs at least one measured figure (a value) of a close variant or
             of the whole muscle.
[ceiling]    an estimate above the highest measured (`emg`) score of its region in the catalogue needs
             a `why`. A region with no `emg` score (the minimus) takes the highest primary mean or
             median figure of that region instead.
[order]      within one study (source), region and scale, the `mean` rows of two exercises that
             differ by more than 15 % of the larger (ORDER_MARGIN) must be in the same order as
             the exercises' scores. Only rows of THIS exercise count (not stand-ins), only EMG
             scales, and not review sources or pooled values: a review's table compares across
             studies.
[similar]    exercises a study reported as similar (a qualitative row whose variant says "similar")
             may not differ in that region by more than 5 points or 15 % of the larger score,
             whichever is wider (SIMILAR_POINTS, SIMILAR_SHARE).
[table]      where a row cites a study the shared evidence tables hold, for the same exercise (all
             words of the table's exercise name, or of one of its aliases, appear in the row's
             variant; the longest such name wins), region and statistic: the value must be the
             table's (at the table's precision) or a figure the table's note quotes for it; the
             source's year must be the table's.

Exceptions where the data is right and a rule would be too strict are listed in ORDER_EXCEPTIONS,
each with its reason.

main() also runs the evidence table's and the fit's rules (scripts/check_fit.py: [table-schema],
[table-slug], [table-ref], [table], [integrity], [fit-stale], [fit], [override]) on data/evidence.yaml
and data/fitted_scores.yaml, and lists the hand-typed scores kept against the fit (overrides).
"""

from __future__ import annotations

import csv
import itertools
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "scripts"):  # run as a script from anywhere; check_fit sits beside it
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from glutecoach.core.vocab import EVIDENCE_REGIONS, READ_IN, REGIONS, WHOLE_MAXIMUS  # noqa: E402

DEFAULT_TABLES = ROOT.parent / "shared" / "evidence"

# --- margins ------------------------------------------------------------------------------------
EMG_TOLERANCE_POINTS = 5  # an emg score may sit this many points from its mean figure...
EMG_TOLERANCE_SHARE = 0.10  # ...or this share of the figure, whichever is wider
ORDER_MARGIN = 0.15  # two figures of one study differ when the gap is more than 15 % of the larger
SIMILAR_POINTS = 5  # "similar" in one study: scores within 5 points...
SIMILAR_SHARE = 0.15  # ...or 15 % of the larger score, whichever is wider
CAP = 100  # the scores' scale: a figure above 100 %MVIC counts as 100

# A row whose variant says one of these is a stand-in (a close variant, a pooled value, a comparison),
# not a measurement of the exercise it is listed under.
STAND_IN = (
    "close variant",
    "stand-in",
    "same movement",
    "different implement",
    "all variations",
    "not specifically",
    "not from a",
    "catalogue's entry",
    "unloaded version",
    "relative of",
    "not a band",
    "nearest measured",
    "comparison",
)
STAND_IN_WORDS = re.compile(r"\bvs\.?(?=\s)|\bversus\b")
# Scales that are not EMG amplitude (training studies, injury rates): never ordered against scores.
NOT_EMG = ("hypertrophy", "thickness", "volume", "mcsa", "not emg", "prevalence")
MVIC = re.compile(r"%\s*mvi?c", re.IGNORECASE)  # %MVIC or %MVC: the scale the scores are on
SIMILAR = re.compile(r"\bsimilar(ly)?\b", re.IGNORECASE)

# (source, evidence region, higher slug, lower slug): a within-study ordering the scores may differ
# from, and why. Each is a case where the study's load is not the load the catalogue scores at.
ORDER_EXCEPTIONS: dict[tuple[str, str, str, str], str] = {
    ("mcbeth2012", "gluteus-maximus", "banded-clamshell", "side-lying-hip-abduction"): (
        "McBeth 2012 loaded both exercises with 5 % of body mass at the ankle (maximus: loaded clam 34, abduction 25.3)."
        " The catalogue scores side-lying-hip-abduction at a 10RM, where MacAskill 2014 measured the maximus at 38,"
        " and banded-clamshell with a band; at those loads the study's order says nothing, and 38.5 vs 37.5 follows"
        " the 10RM figure."
    ),
}


# --- reading the catalogue ------------------------------------------------------------------------


def is_stand_in(row: Mapping[str, Any]) -> bool:
    variant = str(row.get("variant") or "").lower()
    return any(m in variant for m in STAND_IN) or bool(STAND_IN_WORDS.search(variant))


def is_emg_scale(scale: str) -> bool:
    low = scale.lower()
    return not any(m in low for m in NOT_EMG)


def is_mvic_scale(scale: str) -> bool:
    return bool(MVIC.search(scale)) and is_emg_scale(scale)


def second_hand(row: Mapping[str, Any], read_in: Mapping[str, str | None]) -> bool:
    """A figure read in a review or a secondary summary: its source's read_in, or the row says so."""
    return read_in.get(row["source"]) in ("review", "secondary") or "secondary" in str(row.get("load") or "").lower()


def pooled(row: Mapping[str, Any]) -> bool:
    """A value pooled across studies (a review's or meta-analysis's): not a within-study figure."""
    return "pooled" in f"{row.get('load') or ''} {row.get('variant') or ''}".lower()


def score_of(ex: Mapping[str, Any], region: str) -> float:
    """An exercise's score for an evidence region: the whole maximus is the mean of its portions, a
    segment stands for its muscle."""
    regions = ex["regions"]
    if region == WHOLE_MAXIMUS:
        return (regions["gluteus-maximus-upper"]["score"] + regions["gluteus-maximus-lower"]["score"]) / 2
    if region in REGIONS:
        return regions[region]["score"]
    return regions[EVIDENCE_REGIONS[region][0]]["score"]


def numbers(text: str) -> list[float]:
    return [float(x.replace(",", ".")) for x in re.findall(r"(?<![\d.])[-+]?\d+(?:[.,]\d+)?", text)]


def capped(value: float) -> float:
    return min(value, CAP)


def fmt(value: float) -> str:
    return f"{value:g}"


# --- the rules ---------------------------------------------------------------------------------------


def problems(catalogue_data: Mapping[str, Any], tables: Sequence[Mapping[str, Any]] | None = None) -> list[str]:
    """Every problem the rules above find in the catalogue (and, given the tables' rows, against them)."""
    sources = {s["key"]: s for s in catalogue_data.get("sources", [])}
    exercises = list(catalogue_data.get("exercises", []))
    out: list[str] = []
    out += source_problems(catalogue_data.get("sources", []), exercises)
    read_in = {k: s.get("read_in") for k, s in sources.items()}
    for ex in exercises:
        out += basis_problems(ex, sources, read_in)
    out += ceiling_problems(exercises, read_in)
    out += order_problems(exercises, read_in)
    out += similar_problems(exercises)
    if tables is not None:
        out += table_problems(catalogue_data, tables)
    return out


def source_problems(sources: Sequence[Mapping[str, Any]], exercises: Sequence[Mapping[str, Any]]) -> list[str]:
    out = []
    keys = [s["key"] for s in sources]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        out.append(f"[source] source '{key}' is listed more than once")
    for s in sources:
        if s.get("read_in") not in READ_IN:
            out.append(f"[source] source '{s['key']}' has no read_in ({' | '.join(READ_IN)}): say where its figures were read")
    known = set(keys)
    for ex in exercises:
        for row in ex.get("evidence", []):
            if row["source"] not in known:
                out.append(f"[source] {ex['slug']}: evidence cites '{row['source']}', which is not in sources")
    return out


def basis_problems(ex: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]], read_in: Mapping[str, str | None]) -> list[str]:
    out = []
    slug = ex["slug"]
    for region, entry in ex["regions"].items():
        basis, score = entry["basis"], entry["score"]
        if basis == "estimate":
            continue
        supporting = [r for r in ex.get("evidence", []) if region in EVIDENCE_REGIONS.get(r["region"], ()) and r.get("value") is not None]
        figures = [r for r in supporting if r["stat"] in ("mean", "median", "peak") and is_emg_scale(str(r["scale"]))]
        where = f"{slug}: {region} {score} '{basis}'"
        if basis == "emg-proxy":
            if not figures:
                out.append(f"[proxy] {where} has no measured figure of a close variant or the whole muscle: make it an estimate")
            elif not [r for r in figures if r["stat"] == "mean"]:
                out.append(
                    f"[median] {where} rests only on {stats(figures)}: a median or peak used as a mean; make it an estimate or cite a mean"
                )
            continue
        # emg: this exercise, this region, a mean, read in the paper
        exact = [r for r in figures if r["region"] == region]
        own = [r for r in exact if not is_stand_in(r)]
        means = [r for r in own if r["stat"] == "mean" and is_mvic_scale(str(r["scale"]))]
        if not figures:
            out.append(f"[emg] {where} has no figure for this region: no mean row of this exercise")
        elif not exact:
            out.append(
                f"[emg] {where} rests on {', '.join(sorted({r['region'] for r in figures}))} rows only: "
                "a whole-muscle or segment figure makes 'emg-proxy' at most"
            )
        elif not own:
            out.append(f"[emg] {where} rests only on stand-in rows ({exact[0]['variant']}): a close variant makes 'emg-proxy' at most")
        elif not means:
            if all(r["stat"] in ("median", "peak") for r in own):
                out.append(f"[median] {where} rests only on {stats(own)}: a median or peak used as a mean")
            else:
                out.append(f"[emg] {where} has no mean row on an MVIC scale")
        else:
            primary = [r for r in means if not second_hand(r, read_in)]
            if not primary:
                names = ", ".join(sorted({f"{r['source']} ({read_in.get(r['source']) or 'secondary row'})" for r in means}))
                out.append(f"[secondary] {where} rests only on figures read second-hand: {names}; an emg basis needs a primary source")
                continue
            if not any(abs(score - capped(r["value"])) <= tolerance(r["value"]) for r in primary):
                figs = ", ".join(f"{r['source']} {fmt(r['value'])}" for r in primary)
                out.append(
                    f"[tolerance] {where} is not within {EMG_TOLERANCE_POINTS} points or {EMG_TOLERANCE_SHARE:.0%} "
                    f"of its mean figure ({figs})"
                )
            if not any(named_in(r["value"], str(sources.get(r["source"], {}).get("where_read") or "")) for r in primary):
                figs = ", ".join(f"{r['source']} {fmt(r['value'])}" for r in primary)
                out.append(f"[where-read] {where}: the figure it rests on ({figs}) is not named in the source's where_read")
    return out


def tolerance(value: float) -> float:
    return max(EMG_TOLERANCE_POINTS, EMG_TOLERANCE_SHARE * capped(value))


def stats(rows: Iterable[Mapping[str, Any]]) -> str:
    return " and ".join(sorted({f"{r['stat']}s" for r in rows}))


def named_in(value: float, text: str) -> bool:
    return any(abs(value - n) < 1e-9 for n in numbers(text))


def measured_ceiling(exercises: Sequence[Mapping[str, Any]], read_in: Mapping[str, str | None]) -> dict[str, tuple[float, str]]:
    """Per region, the highest measured score and where it comes from."""
    ceiling: dict[str, tuple[float, str]] = {}
    for region in REGIONS:
        measured = [(ex["regions"][region]["score"], ex["slug"]) for ex in exercises if ex["regions"][region]["basis"] == "emg"]
        if measured:
            score, slug = max(measured)
            ceiling[region] = (score, f"the highest measured score, {slug}")
            continue
        figures = [
            (capped(r["value"]), f"{r['source']} {r['stat']} {fmt(r['value'])} ({ex['slug']})")
            for ex in exercises
            for r in ex.get("evidence", [])
            if region in EVIDENCE_REGIONS.get(r["region"], ())
            and r.get("value") is not None
            and r["stat"] in ("mean", "median")
            and is_mvic_scale(str(r["scale"]))
            and not second_hand(r, read_in)
        ]
        if figures:
            value, what = max(figures)
            ceiling[region] = (value, f"the highest primary figure, {what}")
    return ceiling


def ceiling_problems(exercises: Sequence[Mapping[str, Any]], read_in: Mapping[str, str | None]) -> list[str]:
    out = []
    ceiling = measured_ceiling(exercises, read_in)
    for ex in exercises:
        for region, entry in ex["regions"].items():
            if entry["basis"] != "estimate" or region not in ceiling:
                continue
            top, what = ceiling[region]
            if entry["score"] > top and not str(entry.get("why") or "").strip():
                out.append(f"[ceiling] {ex['slug']}: {region} estimate {entry['score']} is above {what} ({fmt(top)}) without a `why`")
    return out


def order_problems(exercises: Sequence[Mapping[str, Any]], read_in: Mapping[str, str | None]) -> list[str]:
    # (source, region, scale) -> slug -> the exercise's own mean figures in that study
    groups: dict[tuple[str, str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    by_slug = {ex["slug"]: ex for ex in exercises}
    for ex in exercises:
        for r in ex.get("evidence", []):
            if (
                r["stat"] == "mean"
                and r.get("value") is not None
                and EVIDENCE_REGIONS.get(r["region"])
                and is_emg_scale(str(r["scale"]))
                and read_in.get(r["source"]) != "review"
                and not pooled(r)
                and not is_stand_in(r)
            ):
                groups[(r["source"], r["region"], str(r["scale"]).strip().lower())][ex["slug"]].append(float(r["value"]))
    out = []
    for (source, region, _scale), figures in sorted(groups.items()):
        mean = {slug: sum(v) / len(v) for slug, v in figures.items()}
        for a, b in itertools.combinations(sorted(mean), 2):
            hi, lo = (a, b) if mean[a] >= mean[b] else (b, a)
            if mean[hi] - mean[lo] <= ORDER_MARGIN * mean[hi]:
                continue
            s_hi, s_lo = score_of(by_slug[hi], region), score_of(by_slug[lo], region)
            if s_hi > s_lo or (source, region, hi, lo) in ORDER_EXCEPTIONS:
                continue
            out.append(
                f"[order] {source} {region}: {hi} ({fmt(mean[hi])}) was above {lo} ({fmt(mean[lo])}) in the same study,"
                f" but scores {fmt(s_hi)} vs {fmt(s_lo)}"
            )
    return out


def similar_problems(exercises: Sequence[Mapping[str, Any]]) -> list[str]:
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for ex in exercises:
        for r in ex.get("evidence", []):
            key = (r["source"], r["region"])
            said = r["stat"] == "qualitative" and SIMILAR.search(str(r.get("variant") or ""))
            if said and EVIDENCE_REGIONS.get(r["region"]) and ex not in groups[key]:
                groups[key].append(ex)
    out = []
    for (source, region), members in sorted(groups.items()):
        for a, b in itertools.combinations(members, 2):
            sa, sb = score_of(a, region), score_of(b, region)
            if abs(sa - sb) > max(SIMILAR_POINTS, SIMILAR_SHARE * max(sa, sb)):
                out.append(
                    f"[similar] {source} {region}: {a['slug']} and {b['slug']} were reported as similar, but score {fmt(sa)} vs {fmt(sb)}"
                )
    return out


# --- the shared evidence tables ------------------------------------------------------------------------

KEY_ALIASES = {"ijspt2014-pmc4004121-table2": "ijspt2014tab"}
SYNONYMS = {"limb": "leg", "legged": "leg", "lie": "lying", "clamshell": "clam", "bridging": "bridge", "rdl": "romanian"}
STOPWORDS = {"the", "a", "an", "with", "of", "and", "at", "on", "vs", "to", "in", "as", "for", "or", "deg"}
STAT_OF_METRIC = {"percent_change": "difference"}
COMPATIBLE = {"mean": {"mean", "difference"}, "difference": {"mean", "difference"}}


def words(text: str) -> set[str]:
    text = re.sub(r"(\d+)\s*rm\b", r"\1rm", text.lower())
    return {SYNONYMS.get(w, w) for w in re.findall(r"[a-z0-9']+", text) if w not in STOPWORDS}


def csv_region(muscle: str) -> str | None:
    """A table's muscle or region as an evidence region; None for muscles the catalogue does not score."""
    low = muscle.strip().lower().replace("_", "-")
    for segment in ("anterior", "middle", "posterior"):
        if f"({segment} segment)" in low:
            low = low.split("(")[0].strip().replace(" ", "-") + f"-{segment}"
    low = re.sub(r"\s*\(.*\)$", "", low).replace(" ", "-")
    return low if low in EVIDENCE_REGIONS else None


def load_tables(folder: Path) -> list[dict[str, Any]]:
    """The evidence tables' rows, one shape for the three files' layouts."""
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for raw in csv.DictReader(f):
                key = raw.get("source_key") or raw.get("study_id") or ""
                key = KEY_ALIASES.get(key, key)
                year_text = raw.get("year") or ""
                if not year_text:
                    found = re.search(r"\((\d{4})\)|(\d{4});", raw.get("citation") or "")
                    year_text = next((g for g in found.groups() if g), "") if found else ""
                region = csv_region(raw["region"]) if raw.get("region") else None
                muscle = raw.get("muscle") or ""
                if muscle and ("segment" in muscle or region is None):
                    region = csv_region(muscle) or region
                value = (raw.get("value") or "").strip()
                try:
                    number = float(value.replace(",", "."))
                except ValueError:
                    continue  # a range or a CI: nothing to compare a figure with
                decimals = len(value.split(".")[1]) if "." in value else 0
                stat = raw.get("stat") or raw.get("metric") or ""
                names = [raw.get("exercise") or ""]
                names += [a for a in re.split(r"[;]", raw.get("exercise_aliases") or "") if a.strip()]
                if raw.get("exercise_slug"):
                    names.append(raw["exercise_slug"].replace("-", " "))
                rows.append(
                    {
                        "file": path.name,
                        "key": key,
                        "year": int(year_text) if year_text.isdigit() else None,
                        "region": region,
                        "stat": STAT_OF_METRIC.get(stat, stat),
                        "value": number,
                        "decimals": decimals,
                        "exercise": raw.get("exercise") or "",
                        "names": [words(n) for n in names if words(n)],
                        "note": " ".join(raw.get(c) or "" for c in ("note", "notes")),
                    }
                )
    return rows


def agrees(value: float, table_value: float, decimals: int) -> bool:
    return abs(value - table_value) < 1e-9 or round(value, decimals) == round(table_value, decimals)


def table_problems(catalogue_data: Mapping[str, Any], tables: Sequence[Mapping[str, Any]]) -> list[str]:
    out = []
    by_key: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for t in tables:
        by_key[t["key"]].append(t)
    for s in catalogue_data.get("sources", []):
        years = {t["year"] for t in by_key.get(s["key"], ()) if t["year"] is not None}
        if years and s.get("year") not in years:
            out.append(f"[table] source '{s['key']}': year {s.get('year')}, the evidence tables say {', '.join(map(str, sorted(years)))}")
    for ex in catalogue_data.get("exercises", []):
        for r in ex.get("evidence", []):
            if r.get("value") is None or r["source"] not in by_key:
                continue
            variant = words(str(r.get("variant") or ""))
            candidates = [
                t for t in by_key[r["source"]] if t["region"] == r["region"] and t["stat"] in COMPATIBLE.get(r["stat"], {r["stat"]})
            ]
            best, matched = 0, []
            for t in candidates:
                length = max((len(n) for n in t["names"] if n <= variant), default=0)
                if length > best:
                    best, matched = length, [t]
                elif length == best and length:
                    matched.append(t)
            if not matched:
                continue
            value = float(r["value"])
            if any(agrees(value, t["value"], t["decimals"]) for t in matched):
                continue
            if any(named_in(value, t["note"]) for t in matched):
                continue
            table = "; ".join(f"{fmt(t['value'])} ({t['exercise']}, {t['file']})" for t in matched)
            out.append(
                f"[table] {ex['slug']}: {r['source']} {r['region']} {r['stat']} {fmt(value)} ({r['variant']}) "
                f"differs from the evidence table: {table}"
            )
    return out


# --- command line --------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    import yaml

    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0]) if args else DEFAULT_TABLES
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((ROOT / "data" / "exercises.yaml").read_text(encoding="utf-8"), Loader=loader)
    tables = load_tables(folder) if folder.is_dir() else None
    found = problems(data, tables)
    found += evidence_table_problems(data, tables)
    for p in found:
        print(p)
    rows = sum(len(ex.get("evidence", [])) for ex in data["exercises"])
    bases = sum(1 for ex in data["exercises"] for e in ex["regions"].values() if e["basis"] != "estimate")
    compared = "not compared with the evidence tables (folder not found)" if tables is None else f"compared with {len(tables)} table rows"
    print(f"{len(data['exercises'])} exercises, {bases} measured or proxy bases, {rows} evidence rows, {compared}: {len(found)} problems")
    return 1 if found else 0


def evidence_table_problems(data: Mapping[str, Any], tables: Sequence[Mapping[str, Any]] | None) -> list[str]:
    """The evidence table's and the fit's rules (scripts/check_fit.py); lists the overrides kept."""
    import check_fit
    import yaml

    table_data = yaml.safe_load((ROOT / "data" / "evidence.yaml").read_text(encoding="utf-8"))
    fitted_text = (ROOT / "data" / "fitted_scores.yaml").read_text(encoding="utf-8")
    found = check_fit.problems(data, table_data, fitted_text, tables)
    if not any(p.startswith("[table-schema]") for p in found):
        kept = check_fit.overrides(table_data)
        print(f"{len(kept)} hand-typed scores kept against the fit (overrides):" if kept else "no hand-typed score is kept against the fit")
        for line in kept:
            print(f"  override: {line}")
    return found


if __name__ == "__main__":
    sys.exit(main())
