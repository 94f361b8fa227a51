"""`glutecoach evidence SLUG [REGION]`: what a person reads, and the JSON shape (README, "The evidence command")."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from glutecoach.catalogue.evidence import load_fitted
from glutecoach.cli.app import app
from glutecoach.core.vocab import REGIONS

runner = CliRunner()
REGION_KEYS = {"region", "score", "basis", "fit", "figures"}
FIT_KEYS = {"score", "low", "high", "kind", "studies", "subjects", "electrode", "conflict", "features"}
FIGURE_KEYS = {"study", "exercise_as_tested", "statistic", "value", "sd", "n", "scale", "electrode", "where", "in_fit", "left_out"}


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["evidence", *args], env=env)


def test_a_measured_region_shows_each_figure_the_fit_its_interval_and_why() -> None:
    result = run("hip-thrust", "upper-glutes")
    assert result.exit_code == 0, result.output
    fit = load_fitted().scores["hip-thrust"]["gluteus-maximus-upper"]
    out = " ".join(result.stdout.split())
    assert f"fitted {fit.score} ({fit.low}-{fit.high}, 95 %)" in out
    assert "measured in 1 study (13 people), surface electrodes" in out
    assert "contreras2015: mean 69.5 %MVIC" in out and "in the fit" in out
    assert "peak 172" in out and "not in the fit: a peak, not a mean" in out
    assert "lower gluteus maximus" not in out  # one region asked for


def test_an_unmeasured_region_says_predicted_and_names_the_features() -> None:
    slug, region = next((s, r) for s, regions in load_fitted().scores.items() for r, e in regions.items() if e.kind == "predicted")
    out = " ".join(run(slug, region).stdout.split())
    entry = load_fitted().scores[slug][region]
    assert f"predicted {entry.score} ({entry.low}-{entry.high}, 95 %) from: {entry.features[0]}" in out
    assert "no study measured it" in out and "measured in" not in out


def test_gluteus_maximus_shows_both_portions_and_no_region_shows_all_five() -> None:
    both = run("back-squat", "gluteus-maximus").stdout
    assert "upper gluteus maximus" in both and "lower gluteus maximus" in both and "gluteus medius" not in both
    assert all(label in run("back-squat").stdout for label in ("upper gluteus maximus", "piriformis", "gluteus minimus"))


def test_json_carries_the_interval_and_the_counts() -> None:
    result = run("hip-thrust", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"exercise", "name", "regions"} and data["exercise"] == "hip-thrust"
    assert [r["region"] for r in data["regions"]] == list(REGIONS)
    upper = data["regions"][0]
    assert set(upper) == REGION_KEYS and set(upper["fit"]) == FIT_KEYS and set(upper["figures"][0]) == FIGURE_KEYS
    assert upper["fit"]["subjects"] == 13 and upper["fit"]["studies"] == ["contreras2015"]
    assert upper["fit"]["low"] <= upper["fit"]["score"] <= upper["fit"]["high"]
    assert any(f["value"] == 69.5 and f["in_fit"] for f in upper["figures"])


@pytest.mark.parametrize("args", [("no-such-exercise",), ("hip-thrust", "kneecap"), ("hip-thrust", "--format", "xml")])
def test_bad_input_is_one_paragraph_and_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == "" and "Traceback" not in result.output


def test_help_has_an_example() -> None:
    result = run("--help")
    assert result.exit_code == 0 and "Example: glutecoach evidence hip-thrust" in result.stdout


@pytest.mark.parametrize("columns", ["50", "200"])
def test_lines_fit_the_terminal_and_no_colour_is_written(columns: str) -> None:
    result = run("side-lying-hip-abduction", env={"COLUMNS": columns, "NO_COLOR": "1"})
    assert result.exit_code == 0 and "\x1b[" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= int(columns)
