"""scripts/check_evidence.py: the shipped catalogue passes, and each rule fires on a small catalogue
built to break it (with the margins pinned at their edges, so a changed threshold or sign fails)."""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from glutecoach.core.vocab import REGIONS

ROOT = Path(__file__).resolve().parents[2]


def _load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_evidence", ROOT / "scripts" / "check_evidence.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("check_evidence", module)
    spec.loader.exec_module(module)
    return module


ce = _load_checker()
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    return yaml.load((ROOT / "data" / "exercises.yaml").read_text(encoding="utf-8"), Loader=Loader)


def rules(found: list[str]) -> set[str]:
    return {p[1 : p.index("]")] for p in found}


# --- a small catalogue that passes every rule ------------------------------------------------------


def source(key: str, read_in: str = "primary", where_read: str = "abstract") -> dict[str, Any]:
    return {
        "key": key,
        "authors": "A B",
        "year": 2020,
        "title": "T",
        "journal": "J",
        "id": "",
        "where_read": where_read,
        "read_in": read_in,
    }


def exercise(slug: str, evidence: list[dict[str, Any]] | None = None, **scores: tuple[int, str] | int) -> dict[str, Any]:
    """An exercise scoring 10 (estimate) everywhere but where given: upper=(70, 'emg') or lower=45."""
    names = {
        "upper": "gluteus-maximus-upper",
        "lower": "gluteus-maximus-lower",
        "medius": "gluteus-medius",
        "minimus": "gluteus-minimus",
        "piriformis": "piriformis",
    }
    regions: dict[str, dict[str, Any]] = {r: {"score": 10, "basis": "estimate"} for r in REGIONS}
    for short, value in scores.items():
        score, basis = value if isinstance(value, tuple) else (value, "estimate")
        regions[names[short]] = {"score": score, "basis": basis}
    return {"slug": slug, "regions": regions, "evidence": evidence or []}


def row(
    src: str, region: str, value: float | None, stat: str = "mean", variant: str = "the exercise", scale: str = "%MVIC", load: str = "10RM"
) -> dict[str, Any]:
    return {"source": src, "region": region, "value": value, "stat": stat, "scale": scale, "load": load, "variant": variant}


def catalogue() -> dict[str, Any]:
    """A thrust and a squat measured in one primary study (thrust above in both portions), a medius
    drill measured in another, and a review table; every rule passes."""
    return {
        "sources": [
            source("study2015", where_read="abstract: thrust upper 70, lower 87; squat upper 29.4, lower 45.4"),
            source("study2009", where_read="abstract: abduction medius 81, clam 39"),
            source("blog2016", read_in="secondary", where_read="a blog: 60"),
            source("review2020", read_in="review", where_read="review table: 50"),
        ],
        "exercises": [
            exercise(
                "thrust",
                [
                    row("study2015", "gluteus-maximus-upper", 70, variant="thrust"),
                    row("study2015", "gluteus-maximus-lower", 87, variant="thrust"),
                ],
                upper=(70, "emg"),
                lower=(87, "emg"),
            ),
            exercise(
                "squat",
                [
                    row("study2015", "gluteus-maximus-upper", 29.4, variant="squat"),
                    row("study2015", "gluteus-maximus-lower", 45.4, variant="squat"),
                ],
                upper=(29, "emg"),
                lower=(45, "emg"),
            ),
            exercise(
                "abduction", [row("study2009", "gluteus-medius", 81, variant="abduction")], medius=(81, "emg"), minimus=40, piriformis=20
            ),
            exercise("clam", [row("study2009", "gluteus-medius", 39, variant="clam")], medius=(39, "emg")),
        ],
    }


def find(cat: dict[str, Any], slug: str) -> dict[str, Any]:
    return next(ex for ex in cat["exercises"] if ex["slug"] == slug)


def test_the_built_catalogue_passes_so_each_mutation_below_is_what_fails() -> None:
    assert ce.problems(catalogue()) == []


# --- the shipped catalogue ------------------------------------------------------------------------------


def test_the_shipped_catalogue_has_no_problems(shipped: dict[str, Any]) -> None:
    assert ce.problems(shipped) == []


def test_the_shipped_catalogue_agrees_with_the_shared_evidence_tables(shipped: dict[str, Any]) -> None:
    if not ce.DEFAULT_TABLES.is_dir():
        pytest.skip("the shared evidence tables are not beside this checkout")
    tables = ce.load_tables(ce.DEFAULT_TABLES)
    assert len(tables) > 100
    assert ce.problems(shipped, tables) == []


def test_main_prints_a_summary_and_exits_0_on_the_shipped_catalogue(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert ce.main([str(tmp_path / "no-tables-here")]) == 0
    out = capsys.readouterr().out
    assert "0 problems" in out and "not compared with the evidence tables" in out


def test_main_exits_1_and_prints_each_problem(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.setattr(ce, "problems", lambda data, tables=None: ["[emg] x: broken", "[order] y: broken"])
    assert ce.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "[emg] x: broken" in out and "[order] y: broken" in out and "2 problems" in out


def test_main_runs_the_table_and_fit_rules_too(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import check_fit  # type: ignore[import-not-found]

    assert ce.main([str(tmp_path)]) == 0
    assert "no hand-typed score is kept against the fit" in capsys.readouterr().out
    monkeypatch.setattr(check_fit, "problems", lambda *args: ["[fit] z: outside its interval"])
    assert ce.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "[fit] z: outside its interval" in out and "1 problems" in out


# --- emg: a mean of this exercise and this region, read in the paper -------------------------------------


def test_an_emg_basis_without_a_mean_row_fails() -> None:
    cat = catalogue()
    find(cat, "clam")["evidence"] = []
    assert rules(ce.problems(cat)) == {"emg"}


def test_a_whole_maximus_row_makes_a_portion_emg_proxy_at_most() -> None:
    cat = catalogue()
    thrust = find(cat, "thrust")
    thrust["evidence"] = [row("study2015", "gluteus-maximus", 78, variant="thrust")]
    found = ce.problems(cat)
    assert rules(found) == {"emg"} and len(found) == 2 and all("emg-proxy' at most" in p for p in found)
    for region in ("gluteus-maximus-upper", "gluteus-maximus-lower"):
        thrust["regions"][region]["basis"] = "emg-proxy"
    assert ce.problems(cat) == []


def test_a_segment_row_makes_its_muscle_emg_proxy_at_most() -> None:
    cat = catalogue()
    find(cat, "clam")["evidence"] = [row("study2009", "gluteus-medius-posterior", 39, variant="clam")]
    assert rules(ce.problems(cat)) == {"emg"}


def test_a_close_variants_row_makes_emg_proxy_at_most() -> None:
    cat = catalogue()
    find(cat, "clam")["evidence"][0]["variant"] = "clam with a band (close variant)"
    found = ce.problems(cat)
    assert rules(found) == {"emg"} and "stand-in" in found[0]


@pytest.mark.parametrize("stat", ["median", "peak"])
def test_a_median_or_peak_used_as_a_mean_fails_for_emg(stat: str) -> None:
    cat = catalogue()
    find(cat, "clam")["evidence"][0]["stat"] = stat
    found = ce.problems(cat)
    assert rules(found) == {"median"} and f"{stat}s" in found[0]


def test_a_median_used_as_a_mean_fails_for_a_proxy_and_a_mean_beside_it_passes() -> None:
    cat = catalogue()
    find(cat, "abduction")["regions"]["gluteus-minimus"] = {"score": 40, "basis": "emg-proxy"}
    find(cat, "abduction")["evidence"].append(row("study2009", "gluteus-minimus-posterior", 43, stat="median"))
    assert rules(ce.problems(cat)) == {"median"}
    find(cat, "abduction")["evidence"].append(row("blog2016", "gluteus-minimus", 41))  # a proxy may rest on a secondary mean
    assert ce.problems(cat) == []


def test_a_proxy_needs_a_measured_figure() -> None:
    cat = catalogue()
    find(cat, "squat")["regions"]["gluteus-medius"] = {"score": 28, "basis": "emg-proxy"}
    find(cat, "squat")["evidence"].append(row("study2015", "gluteus-medius", None, stat="qualitative"))
    assert rules(ce.problems(cat)) == {"proxy"}


@pytest.mark.parametrize("key", ["blog2016", "review2020"])
def test_an_emg_basis_resting_only_on_secondary_or_review_sources_fails(key: str) -> None:
    cat = catalogue()
    find(cat, "clam")["evidence"] = [row(key, "gluteus-medius", 39, variant="clam")]
    found = ce.problems(cat)
    assert rules(found) == {"secondary"} and key in found[0]


def test_a_primary_sources_row_read_second_hand_counts_as_secondary() -> None:
    cat = catalogue()
    find(cat, "clam")["evidence"][0]["load"] = "body weight; figure read in a secondary summary"
    assert rules(ce.problems(cat)) == {"secondary"}


def test_one_primary_mean_beside_secondary_ones_is_enough() -> None:
    cat = catalogue()
    find(cat, "clam")["evidence"].insert(0, row("blog2016", "gluteus-medius", 60, variant="clam"))
    assert ce.problems(cat) == []


@pytest.mark.parametrize(
    ("figure", "score", "fails"),
    [
        (39, 44, False),  # 5 points: the floor of the tolerance
        (39, 45, True),
        (39, 33, True),  # below as well as above
        (80, 88, False),  # 10 % of 80 is wider than 5 points
        (80, 89, True),
        (130, 100, False),  # above the cap counts as 100
        (130, 90, False),  # 10 % of the capped 100
        (130, 89, True),
    ],
)
def test_an_emg_score_must_sit_within_its_tolerance_of_the_mean(figure: float, score: int, fails: bool) -> None:
    cat = catalogue()
    clam = find(cat, "clam")
    clam["evidence"][0]["value"] = figure
    clam["regions"]["gluteus-medius"]["score"] = score
    next(s for s in cat["sources"] if s["key"] == "study2009")["where_read"] = f"abduction 81, clam {figure}"
    assert rules(ce.problems(cat)) == ({"tolerance"} if fails else set())


def test_the_figure_of_an_emg_basis_must_be_named_where_it_was_read() -> None:
    cat = catalogue()
    next(s for s in cat["sources"] if s["key"] == "study2009")["where_read"] = "abstract: abduction 81"
    found = ce.problems(cat)
    assert rules(found) == {"where-read"} and "clam" in found[0]


# --- estimates above what was measured ------------------------------------------------------------------


def test_an_estimate_above_the_highest_measured_score_needs_a_why() -> None:
    cat = catalogue()
    find(cat, "squat")["regions"]["gluteus-medius"] = {"score": 82, "basis": "estimate"}  # measured max: 81
    found = ce.problems(cat)
    assert rules(found) == {"ceiling"} and "81" in found[0]
    find(cat, "squat")["regions"]["gluteus-medius"]["why"] = "a reason"
    assert ce.problems(cat) == []


def test_an_estimate_equal_to_the_measured_maximum_passes() -> None:
    cat = catalogue()
    find(cat, "squat")["regions"]["gluteus-medius"] = {"score": 81, "basis": "estimate"}
    assert ce.problems(cat) == []


def test_a_proxy_above_the_maximum_is_not_an_estimate() -> None:
    cat = catalogue()
    find(cat, "squat")["regions"]["gluteus-medius"] = {"score": 90, "basis": "emg-proxy"}
    find(cat, "squat")["evidence"].append(row("blog2016", "gluteus-medius", 60, variant="a close variant"))
    assert "ceiling" not in rules(ce.problems(cat))


def test_a_region_without_emg_scores_is_capped_by_its_highest_primary_figure() -> None:
    cat = catalogue()
    find(cat, "abduction")["evidence"].append(row("study2009", "gluteus-minimus-posterior", 43, stat="median"))
    assert ce.problems(cat) == []  # minimus estimate 40 <= 43
    find(cat, "abduction")["regions"]["gluteus-minimus"]["score"] = 44
    assert rules(ce.problems(cat)) == {"ceiling"}


def test_a_piriformis_estimate_above_the_measured_leader_needs_a_why() -> None:
    cat = catalogue()
    find(cat, "clam")["evidence"].append(row("study2009", "piriformis", 24.3, variant="clam"))
    find(cat, "clam")["regions"]["piriformis"] = {"score": 24, "basis": "emg"}
    next(s for s in cat["sources"] if s["key"] == "study2009")["where_read"] += ", piriformis 24.3"
    assert ce.problems(cat) == []
    find(cat, "abduction")["regions"]["piriformis"]["score"] = 25
    found = ce.problems(cat)
    assert rules(found) == {"ceiling"} and "abduction: piriformis" in found[0]


# --- within-study orderings -----------------------------------------------------------------------------


def test_a_contradicted_within_study_pair_fails() -> None:
    cat = catalogue()
    find(cat, "squat")["regions"]["gluteus-maximus-upper"] = {"score": 29, "basis": "emg"}
    find(cat, "thrust")["regions"]["gluteus-maximus-upper"] = {"score": 28, "basis": "estimate"}
    found = ce.problems(cat)
    assert rules(found) == {"order"} and "thrust (70) was above squat (29.4)" in found[0]


def test_equal_scores_contradict_figures_that_differ() -> None:
    cat = catalogue()
    cat["exercises"] += [
        exercise("a", [row("study2009", "gluteus-maximus", 60, variant="a")], upper=30, lower=30),
        exercise("b", [row("study2009", "gluteus-maximus", 30, variant="b")], upper=30, lower=30),
    ]
    assert rules(ce.problems(cat)) == {"order"}
    find(cat, "a")["regions"]["gluteus-maximus-lower"]["score"] = 31
    assert ce.problems(cat) == []


@pytest.mark.parametrize(("lower", "fails"), [(43, False), (42, True)])
def test_figures_within_the_margin_set_no_order(lower: float, fails: bool) -> None:
    # 50 vs 43 is a 14 % gap (no order); 50 vs 42 is 16 % (ordered): the 15 % margin sits between.
    cat = catalogue()
    cat["exercises"] += [
        exercise("a", [row("study2009", "gluteus-maximus", 50, variant="a")], upper=30, lower=30),
        exercise("b", [row("study2009", "gluteus-maximus", lower, variant="b")], upper=31, lower=31),
    ]
    assert rules(ce.problems(cat)) == ({"order"} if fails else set())


def test_a_whole_maximus_order_compares_the_mean_of_the_portions() -> None:
    cat = catalogue()
    cat["exercises"] += [
        exercise("a", [row("study2009", "gluteus-maximus", 60, variant="a")], upper=20, lower=50),  # 35
        exercise("b", [row("study2009", "gluteus-maximus", 40, variant="b")], upper=40, lower=20),  # 30
    ]
    assert ce.problems(cat) == []
    find(cat, "b")["regions"]["gluteus-maximus-upper"]["score"] = 55  # 37.5 > 35
    assert rules(ce.problems(cat)) == {"order"}


def test_stand_ins_reviews_and_pooled_values_set_no_order() -> None:
    base = catalogue()
    base["exercises"] += [exercise("a", upper=30, lower=30), exercise("b", upper=31, lower=31)]
    for src, variant, load in [
        ("study2009", "a close variant of a (close variant)", "10RM"),
        ("review2020", "a", "10RM"),
        ("study2009", "a", "pooled across studies"),
    ]:
        cat = copy.deepcopy(base)
        find(cat, "a")["evidence"] = [row(src, "gluteus-maximus", 60, variant=variant, load=load)]
        find(cat, "b")["evidence"] = [row(src, "gluteus-maximus", 30, variant="b")]
        assert ce.problems(cat) == [], (src, variant, load)


def test_training_study_figures_are_not_ordered_against_activation_scores() -> None:
    cat = catalogue()
    find(cat, "squat")["evidence"].append(row("study2015", "gluteus-maximus", 9.4, scale="% increase in thickness (hypertrophy, not EMG)"))
    find(cat, "thrust")["evidence"].append(row("study2015", "gluteus-maximus", 3.7, scale="% increase in thickness (hypertrophy, not EMG)"))
    assert ce.problems(cat) == []


def test_a_documented_exception_lifts_an_order(monkeypatch: pytest.MonkeyPatch) -> None:
    cat = catalogue()
    find(cat, "thrust")["regions"]["gluteus-maximus-upper"] = {"score": 28, "basis": "estimate"}
    assert rules(ce.problems(cat)) == {"order"}
    monkeypatch.setitem(ce.ORDER_EXCEPTIONS, ("study2015", "gluteus-maximus-upper", "thrust", "squat"), "a reason")
    assert ce.problems(cat) == []


def test_every_order_exception_names_a_reason_and_a_pair_the_catalogue_has(shipped: dict[str, Any]) -> None:
    slugs = {ex["slug"] for ex in shipped["exercises"]}
    keys = {s["key"] for s in shipped["sources"]}
    for (src, _region, hi, lo), reason in ce.ORDER_EXCEPTIONS.items():
        assert src in keys and {hi, lo} <= slugs and len(reason) > 40


@pytest.mark.parametrize(
    ("a", "b", "fails"),
    [
        (40, 46, False),  # 6 points, 15 % of 46 is 6.9
        (40, 48, True),  # 8 points, 15 % of 48 is 7.2
        (10, 15, False),  # 5 points: the floor for small scores
        (10, 16, True),
    ],
)
def test_exercises_reported_as_similar_may_not_differ_by_more_than_the_margin(a: int, b: int, fails: bool) -> None:
    cat = catalogue()
    similar = "similar to the other"
    cat["exercises"] += [
        exercise("a", [row("study2009", "gluteus-maximus", None, stat="qualitative", variant=f"a: {similar}")], upper=a, lower=a),
        exercise("b", [row("study2009", "gluteus-maximus", None, stat="qualitative", variant=f"b: {similar}")], upper=b, lower=b),
    ]
    assert rules(ce.problems(cat)) == ({"similar"} if fails else set())


# --- sources ------------------------------------------------------------------------------------------------


def test_every_row_cites_a_listed_source() -> None:
    cat = catalogue()
    find(cat, "squat")["evidence"].append(row("nobody1999", "gluteus-medius", 20))
    found = ce.problems(cat)
    assert rules(found) == {"source"} and "nobody1999" in found[0]


def test_every_source_says_where_it_was_read_and_keys_are_unique() -> None:
    cat = catalogue()
    del cat["sources"][3]["read_in"]
    cat["sources"].append(source("blog2016", read_in="secondary"))
    found = ce.problems(cat)
    assert rules(found) == {"source"} and len(found) == 2


# --- the shared evidence tables ------------------------------------------------------------------------------


def table_row(
    key: str, exercise: str, region: str, value: float, stat: str = "mean", note: str = "", year: int = 2020, decimals: int = 1
) -> dict[str, Any]:
    return {
        "file": "t.csv",
        "key": key,
        "year": year,
        "region": region,
        "stat": stat,
        "value": value,
        "decimals": decimals,
        "exercise": exercise,
        "names": [ce.words(exercise)],
        "note": note,
    }


def test_a_figure_that_differs_from_the_table_is_reported() -> None:
    table = [
        table_row("study2015", "thrust", "gluteus-maximus-upper", 69.5),
        table_row("study2015", "squat", "gluteus-maximus-upper", 29.4),
    ]
    found = ce.problems(catalogue(), table)
    assert rules(found) == {"table"} and len(found) == 1 and "thrust" in found[0] and "69.5" in found[0]


def test_a_figure_at_the_tables_precision_or_quoted_in_its_note_agrees() -> None:
    table = [
        table_row("study2015", "thrust", "gluteus-maximus-upper", 70.0, decimals=0),
        table_row("study2015", "squat", "gluteus-maximus-upper", 29.0, decimals=0),  # 29.4 rounds to the table's 29
        table_row("study2015", "thrust", "gluteus-maximus-lower", 80.0, note="lower 87 in the blog"),
    ]
    assert ce.problems(catalogue(), table) == []


def test_a_table_row_of_another_exercise_region_or_statistic_is_not_compared() -> None:
    table = [
        table_row("study2015", "deadlift", "gluteus-maximus-upper", 50),
        table_row("study2015", "thrust", "gluteus-medius", 50),
        table_row("study2015", "thrust", "gluteus-maximus-upper", 172, stat="peak"),
    ]
    assert ce.problems(catalogue(), table) == []


def test_the_most_specific_exercise_name_in_the_table_is_compared() -> None:
    table = [
        table_row("study2015", "squat", "gluteus-maximus-upper", 29.4),
        table_row("study2015", "front squat", "gluteus-maximus-upper", 40.0),
    ]
    cat = catalogue()
    find(cat, "squat")["evidence"][0]["variant"] = "front squat"
    found = ce.problems(cat, table)
    assert rules(found) == {"table"} and "40" in found[0]


def test_a_source_year_that_differs_from_the_table_is_reported() -> None:
    table = [table_row("study2009", "abduction", "gluteus-medius", 81, year=2010)]
    found = ce.problems(catalogue(), table)
    assert rules(found) == {"table"} and "2010" in found[0]


def test_the_tables_three_layouts_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "exercise,exercise_aliases,region,value,stat,scale,load_condition,source_key,authors,year,title,journal,doi_or_pmid,note\n"
        'barbell hip thrust,hip thrust,gluteus-maximus-upper,69.5,mean,%MVIC,10RM,study2015,A,2015,T,J,,"quoted"\n'
        "hip thrust vs squat,,gluteus-maximus,4 to 56,peak,CI,3RM,study2015,A,2015,T,J,,\n",
        encoding="utf-8",
    )
    (tmp_path / "b.csv").write_text(
        "study_id,citation,n,electrode,normalisation,muscle,exercise,exercise_slug,condition,value,sd,metric,source_url,notes\n"
        'ijspt2014-pmc4004121-table2,"A (2014). T.",10,fine-wire,%MVIC,gluteus_medius_posterior,Side-lie hip abduction,'
        "side-lying-hip-abduction,bw,43,,median,u,n\n"
        'x2012,"B (2012). T.",10,surface,%MVIC,tfl,Clam,clamshell,bw,31.0,,mean,u,n\n',
        encoding="utf-8",
    )
    (tmp_path / "c.csv").write_text(
        "exercise,exercise_aliases,muscle,region,value,stat,scale,load_condition,source_key,authors,year,title,journal,doi_or_pmid,where_read,note\n"
        "clam,clamshell,gluteus medius (anterior segment),gluteus-medius,3,mean,%MVIC,bw,moore2020,M,2020,T,J,,s,n\n",
        encoding="utf-8",
    )
    rows = {(r["key"], r["region"], r["stat"], r["value"], r["year"]) for r in ce.load_tables(tmp_path)}
    assert rows == {
        ("study2015", "gluteus-maximus-upper", "mean", 69.5, 2015),  # the CI row has no figure to compare
        ("ijspt2014tab", "gluteus-medius-posterior", "median", 43.0, 2014),  # the study key as the catalogue spells it
        ("x2012", None, "mean", 31.0, 2012),  # the TFL: not a region the catalogue scores
        ("moore2020", "gluteus-medius-anterior", "mean", 3.0, 2020),  # the segment named in the muscle column
    }
