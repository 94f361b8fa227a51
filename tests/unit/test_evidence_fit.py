"""The evidence table, the within-study fit, the feature model and the checker's table and fit rules.

Small hand-made data sets whose answer is known, so a changed sign, weight or margin fails a test."""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from glutecoach.catalogue import fit
from glutecoach.catalogue.evidence import FigureModel, StudyModel, left_out, load_fitted, load_table

ROOT = Path(__file__).resolve().parents[2]
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _script(name: str) -> ModuleType:
    scripts = str(ROOT / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


ce = _script("check_evidence")
fit_scores = _script("fit_scores")
check_fit = _script("check_fit")


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Any]:
    return yaml.load((ROOT / "data" / "exercises.yaml").read_text(encoding="utf-8"), Loader=Loader)


@pytest.fixture(scope="module")
def table_data() -> dict[str, Any]:
    return yaml.load((ROOT / "data" / "evidence.yaml").read_text(encoding="utf-8"), Loader=Loader)


def fitted_text() -> str:
    return (ROOT / "data" / "fitted_scores.yaml").read_text(encoding="utf-8")


# --- the shipped data ---------------------------------------------------------------------------------


def test_the_shipped_table_fit_and_catalogue_agree(catalogue: dict[str, Any], table_data: dict[str, Any]) -> None:
    assert check_fit.problems(catalogue, table_data, fitted_text()) == []


def test_the_fitted_file_is_what_the_script_writes_now(catalogue: dict[str, Any]) -> None:
    assert fit_scores.render(fit_scores.compute(load_table(), catalogue)) == fitted_text()


def test_a_changed_figure_makes_the_fitted_file_stale(catalogue: dict[str, Any], table_data: dict[str, Any]) -> None:
    data = copy.deepcopy(table_data)
    row = next(f for f in data["figures"] if f["study"] == "contreras2015" and f["statistic"] == "mean" and f["slug"] == "back-squat")
    row["value"] = 80.0
    assert "fit-stale" in {p[1 : p.index("]")] for p in check_fit.problems(catalogue, data, fitted_text())}


def test_every_fitted_score_names_its_studies_and_every_prediction_its_features() -> None:
    fitted = load_fitted()
    entries = [e for regions in fitted.scores.values() for e in regions.values()]
    assert any(e.kind == "fitted" for e in entries) and any(e.kind == "predicted" for e in entries)
    for e in entries:
        assert e.low <= e.score <= e.high
        assert (e.kind == "fitted") == bool(e.studies)
        assert e.kind == "fitted" or e.features


def test_barbalho_2020_carries_its_integrity_flag_and_stays_out_of_the_fit() -> None:
    table = load_table()
    study = next(s for s in table.studies if s.key == "barbalho2020")
    assert study.integrity and "integrity" in study.integrity[0]
    assert all(left_out(f, study) for f in table.figures if f.study == "barbalho2020")


def test_the_hip_thrust_upper_fit_rests_on_contreras_2015() -> None:
    entry = load_fitted().scores["hip-thrust"]["gluteus-maximus-upper"]
    assert entry.kind == "fitted" and entry.studies == ["contreras2015"] and entry.subjects == 13


# --- which figures enter the fit ---------------------------------------------------------------------------


def figure(**changes: Any) -> FigureModel:
    base: dict[str, Any] = {
        "study": "s1", "exercise": "thrust", "slug": "thrust", "region": "gluteus-medius", "statistic": "mean", "value": 50.0,
        "load": "10RM", "scale": "%MVIC", "normalisation": "mvic", "where": "abstract",
    }  # fmt: skip
    return FigureModel.model_validate(base | changes)


STUDY = StudyModel(key="s1", design="crossover-emg", read_in="primary", electrode="surface")


@pytest.mark.parametrize(
    ("changes", "study", "reason"),
    [
        ({}, STUDY, ""),
        ({"statistic": "median"}, STUDY, "a median, not a mean"),
        ({"where": "secondary"}, STUDY, "secondary"),
        ({"where": "review"}, STUDY, "review"),
        ({"slug": None}, STUDY, "not a catalogue exercise"),
        ({"normalisation": "peak"}, STUDY, "not an MVIC"),
        ({"pooled": True}, STUDY, "pooled"),
        ({}, STUDY.model_copy(update={"integrity": ["concerns"]}), "integrity"),
        ({}, STUDY.model_copy(update={"design": "rct"}), "rct"),
    ],
)
def test_only_primary_mvic_means_of_an_exercise_as_tested_enter_the_fit(changes: dict[str, Any], study: StudyModel, reason: str) -> None:
    why = left_out(figure(**changes), study)
    assert (why == "") == (reason == "") and reason in why


# --- the within-study fit -----------------------------------------------------------------------------------


def obs(slug: str, study: str, value: float, n: int | None = 10) -> fit.Obs:
    return fit.Obs(slug, f"{study}/r/surface", study, value, n, "surface")


def test_the_inverse_of_a_matrix_is_its_inverse() -> None:
    m = [[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]]
    inv = fit.solve_inverse(m)
    for i in range(3):
        for j in range(3):
            assert sum(m[i][k] * inv[k][j] for k in range(3)) == pytest.approx(1.0 if i == j else 0.0, abs=1e-9)


def test_within_study_contrasts_chain_across_studies_and_study_levels_cancel() -> None:
    # Study 1 reads everything 20 points high: A - B = 20 there, B - C = 20 in study 2.
    fitted = fit.fit_region([obs("a", "s1", 80), obs("b", "s1", 60), obs("b", "s2", 40), obs("c", "s2", 20)])
    assert fitted["a"].score - fitted["b"].score == pytest.approx(20, abs=2)
    assert fitted["b"].score - fitted["c"].score == pytest.approx(20, abs=2)
    assert fitted["a"].score > fitted["b"].score > fitted["c"].score
    assert fitted["b"].studies == ["s1", "s2"] and fitted["b"].subjects == 20


def test_a_larger_study_weighs_more() -> None:
    # Two studies disagree on A - B (+20 vs -20); the one with four times the people wins.
    fitted = fit.fit_region([obs("a", "s1", 60, 40), obs("b", "s1", 40, 40), obs("a", "s2", 40, 10), obs("b", "s2", 60, 10)])
    assert fitted["a"].score > fitted["b"].score


def test_studies_that_order_a_pair_both_ways_are_flagged_as_conflicting() -> None:
    fitted = fit.fit_region([obs("a", "s1", 60), obs("b", "s1", 40), obs("a", "s2", 40), obs("b", "s2", 60), obs("c", "s2", 10)])
    assert "s1" in fitted["a"].conflict and "s2" in fitted["a"].conflict and fitted["b"].conflict
    assert fitted["c"].conflict == ""


def test_gaps_within_the_margin_are_no_conflict() -> None:
    # 60 vs 52 is 13 % of the larger: inside ORDER_MARGIN (15 %), so the reversal is noise.
    fitted = fit.fit_region([obs("a", "s1", 60), obs("b", "s1", 52), obs("a", "s2", 52), obs("b", "s2", 60)])
    assert fitted["a"].conflict == ""


def test_more_studies_narrow_the_interval() -> None:
    one = fit.fit_region([obs("a", "s1", 60), obs("b", "s1", 40)])
    three = fit.fit_region([obs("a", s, 60) for s in ("s1", "s2", "s3")] + [obs("b", s, 40) for s in ("s1", "s2", "s3")])
    assert three["a"].se < one["a"].se


def test_figures_above_the_cap_count_as_100() -> None:
    assert fit.fit_region([obs("a", "s1", 216)])["a"].score <= 100


# --- the feature model ----------------------------------------------------------------------------------------


def test_the_feature_model_predicts_from_the_feature_that_drives_the_scores() -> None:
    feats = {f"e{i}": {"abduction": float(i % 2), "noise": float(i % 3 == 0)} for i in range(10)}
    targets = {s: 30 + 40 * f["abduction"] for s, f in feats.items()}
    model = fit.fit_features(targets, feats)
    assert model is not None
    high, drivers = model.predict({"abduction": 1.0, "noise": 0.0})
    low, _ = model.predict({"abduction": 0.0, "noise": 0.0})
    assert high - low > 30 and drivers[0].startswith("abduction (+")


def test_too_few_measured_exercises_make_no_model() -> None:
    feats = {f"e{i}": {"x": float(i)} for i in range(fit.MIN_TRAINING - 1)}
    assert fit.fit_features({s: 10.0 for s in feats}, feats) is None


# --- the checker's rules on the table and the fit -----------------------------------------------------------------


def rules(found: list[str]) -> set[str]:
    return {p[1 : p.index("]")] for p in found}


def test_a_catalogue_score_outside_its_fitted_interval_fails_unless_overridden_with_a_reason(
    catalogue: dict[str, Any], table_data: dict[str, Any]
) -> None:
    cat = copy.deepcopy(catalogue)
    hip = next(ex for ex in cat["exercises"] if ex["slug"] == "hip-thrust")
    entry = load_fitted().scores["hip-thrust"]["gluteus-maximus-upper"]
    hip["regions"]["gluteus-maximus-upper"]["score"] = entry.low - 1
    found = check_fit.fit_problems(load_table(), load_fitted(), {ex["slug"]: ex for ex in cat["exercises"]})
    assert rules(found) == {"fit"}
    data = copy.deepcopy(table_data)
    data["overrides"] = [{"slug": "hip-thrust", "region": "gluteus-maximus-upper", "reason": "a reason"}]
    table = check_fit.TableModel.model_validate(data)
    assert check_fit.fit_problems(table, load_fitted(), {ex["slug"]: ex for ex in cat["exercises"]}) == []
    assert check_fit.overrides(data) == ["hip-thrust gluteus-maximus-upper: a reason"]


def test_an_override_of_a_score_inside_its_interval_is_stale(catalogue: dict[str, Any], table_data: dict[str, Any]) -> None:
    data = copy.deepcopy(table_data)
    data["overrides"] = [{"slug": "hip-thrust", "region": "gluteus-maximus-upper", "reason": "a reason"}]
    found = check_fit.fit_problems(
        check_fit.TableModel.model_validate(data), load_fitted(), {ex["slug"]: ex for ex in catalogue["exercises"]}
    )
    assert rules(found) == {"override"}


def test_an_override_without_a_reason_is_a_schema_problem(catalogue: dict[str, Any], table_data: dict[str, Any]) -> None:
    data = copy.deepcopy(table_data)
    data["overrides"] = [{"slug": "hip-thrust", "region": "gluteus-maximus-upper", "reason": ""}]
    assert rules(check_fit.problems(catalogue, data, fitted_text())) == {"table-schema"}


def test_a_catalogue_figure_missing_from_the_table_fails(catalogue: dict[str, Any], table_data: dict[str, Any]) -> None:
    data = copy.deepcopy(table_data)
    data["figures"] = [f for f in data["figures"] if not (f["study"] == "contreras2015" and f["value"] == 69.5)]
    assert "table-ref" in rules(check_fit.problems(catalogue, data, fitted_text()))


def test_a_figure_naming_an_unknown_exercise_fails(catalogue: dict[str, Any], table_data: dict[str, Any]) -> None:
    data = copy.deepcopy(table_data)
    data["figures"][0]["slug"] = "no-such-exercise"
    assert "table-slug" in rules(check_fit.problems(catalogue, data, fitted_text()))


def test_a_measured_basis_resting_only_on_a_flagged_study_fails(catalogue: dict[str, Any], table_data: dict[str, Any]) -> None:
    data = copy.deepcopy(table_data)
    for s in data["studies"]:
        if s["key"] == "contreras2015":
            s["integrity"] = ["retracted"]
    assert "integrity" in rules(
        check_fit.integrity_problems(check_fit.TableModel.model_validate(data), {ex["slug"]: ex for ex in catalogue["exercises"]})
    )


def test_a_table_figure_that_differs_from_the_shared_tables_fails(catalogue: dict[str, Any], table_data: dict[str, Any]) -> None:
    shared = [{"file": "t.csv", "key": "contreras2015", "year": 2015, "region": "gluteus-maximus-upper", "stat": "mean",
               "value": 69.5, "decimals": 1, "exercise": "barbell hip thrust", "names": [ce.words("barbell hip thrust")],
               "note": ""}]  # fmt: skip
    table = check_fit.TableModel.model_validate(table_data)
    assert check_fit.shared_problems(table, catalogue, shared) == []
    data = copy.deepcopy(table_data)
    next(f for f in data["figures"] if f["study"] == "contreras2015" and f["value"] == 69.5)["value"] = 66.5
    assert rules(check_fit.shared_problems(check_fit.TableModel.model_validate(data), catalogue, shared)) == {"table"}


def test_the_readme_prints_the_fit_and_validation_the_data_holds() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    fitted = yaml.load(fitted_text(), Loader=Loader)
    for row in fit_scores.readme_rows(fitted, load_table().overrides):
        assert row in readme, row


def test_features_that_move_a_score_equally_are_named_in_the_same_order_on_every_python() -> None:
    """Which of two equal contributions is named must not hang on a float sum's last bits (Python 3.12
    made sum() of floats compensated, and the shipped fit differed on 3.13): equal to 1e-6 is a tie,
    broken by name."""
    from glutecoach.catalogue.fit import FeatureModel

    for nudge in (0.0, 1e-12, -1e-12):
        model = FeatureModel(("b-feature", "a-feature", "c-feature"), (0.0, 0.0, 0.0), (2.0 + nudge, 2.0, 3.0), 50.0, 10.0, 1.0)
        _, drivers = model.predict({"a-feature": 1.0, "b-feature": 1.0, "c-feature": 1.0})
        assert drivers == ["c-feature (+3)", "a-feature (+2)", "b-feature (+2)"], nudge
