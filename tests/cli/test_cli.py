"""The command-line contract: exit codes, messages, help with examples, and JSON shapes (exact keys)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.core.vocab import REGIONS
from glutecoach.status import ExitCode

runner = CliRunner()

COMMANDS = ["exercises", "show", "muscles", "goals", "recommend", "alternatives", "plan", "progress"]
SUBCOMMANDS = ["plan next", "log add", "log list", "log delete", "log export", "log import", "profile set", "profile show",
               "profile reset", "catalogue validate", "catalogue show-schema"]  # fmt: skip

EXERCISE_KEYS = {
    "slug", "name", "family", "aliases", "level", "equipment", "pattern", "unit", "stance", "per_side", "movement",
    "joint_actions", "load_vector", "peak_tension", "peaks", "hip_flexion", "loads", "unilateral", "effort",
    "contact_ease", "complexity", "load_potential", "regions", "region_basis", "confidence", "cues", "mistakes",
    "progressions", "regressions", "contraindications", "evidence",
}  # fmt: skip
RECOMMENDATION_KEYS = {
    "rank", "slug", "name", "pattern", "score", "parts", "decided_by", "sets", "reps", "unit", "per_side", "rest_s",
    "regions", "reasons",
}  # fmt: skip


def run(*args: str, env: dict[str, str | None] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env)


def as_json(*args: str) -> dict:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout
    data = json.loads(result.stdout)
    assert data.pop("json_version") == 1  # every document carries its version first
    return data


@pytest.mark.parametrize("command", COMMANDS + SUBCOMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(*command.split(), "--help")
    assert result.exit_code == 0
    assert "Example: glutecoach " + command in " ".join(result.stdout.split())


def test_top_level_help_lists_commands_and_version_works() -> None:
    result = run("--help")
    assert result.exit_code == 0 and all(c in result.stdout for c in COMMANDS)
    version = run("--version")
    assert version.exit_code == 0 and version.stdout.startswith("glutecoach ")


@pytest.mark.parametrize(
    "args,needle",
    [
        (["exercises", "--muscle", "medus"], "Did you mean 'medius'?"),
        (["exercises", "--level", "expert"], "Accepted: beginner, intermediate, advanced"),
        (["exercises", "--equipment", "barbel"], "Did you mean 'barbell'?"),
        (["exercises", "--movement", "hip-thrusting"], "Accepted:"),
        (["exercises", "--format", "yaml"], "Unknown format 'yaml'"),
        (["show", "hip thrusterr"], "Did you mean 'hip-thrust'?"),
        (["recommend", "--goal", "uper-glutes"], "Did you mean 'upper-glutes'?"),
        (["recommend", "--goal", "glute-size", "--pain", "sciatic"], "Did you mean 'sciatica'?"),
        (["recommend", "--goal", "glute-size", "--equipment", "none,band"], "body weight only"),
        (["alternatives", "hip-thrust", "--level", "pro"], "Unknown level 'pro'"),
        (["plan", "--weeks", "20"], "between 4 and 16"),
        (["plan", "--days-per-week", "0"], "between 1 and 6"),
        (["plan", "--format", "pdf"], "table, json, markdown"),
        (["muscles", "gluteus-maximum"], "Unknown region"),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_bad_values_exit_2_with_one_paragraph_and_empty_stdout(args: list[str], needle: str, fmt: str) -> None:
    extra = ["--format", fmt] if "--format" not in args else []
    result = run(*args, *extra)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert needle in result.stderr
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_or_bad_options_exit_2_without_traceback() -> None:
    for args in (["recommend"], ["recommend", "--goal", "glute-size", "--top", "0"], ["show"], ["frobnicate"]):
        result = run(*args)
        assert result.exit_code == 2, args
        assert isinstance(result.exception, SystemExit), (args, repr(result.exception))


def test_exercises_json_shape_and_muscle_ordering() -> None:
    data = as_json("exercises", "--muscle", "gluteus-medius")
    assert set(data) == {"schema_version", "exercises"}
    items = data["exercises"]
    assert items and all(set(e) == EXERCISE_KEYS for e in items)
    for e in items:
        assert set(e["regions"]) == set(REGIONS) == set(e["region_basis"])
        assert all(isinstance(v, int) and 0 <= v <= 100 for v in e["regions"].values())
        assert all(set(c) == {"condition", "level", "note"} for c in e["contraindications"])
        assert all(set(v) == {"source", "citation", "region", "value", "stat", "load"} for v in e["evidence"])
    keys = [(-e["regions"]["gluteus-medius"], e["slug"]) for e in items]
    assert keys == sorted(keys)


def test_whole_maximus_sorts_by_the_mean_of_both_portions() -> None:
    items = as_json("exercises", "--muscle", "gluteus-maximus")["exercises"]
    means = [(e["regions"]["gluteus-maximus-upper"] + e["regions"]["gluteus-maximus-lower"]) / 2 for e in items]
    assert means == sorted(means, reverse=True)


def test_equipment_as_repeats_or_comma_list_means_the_same() -> None:
    a = as_json("exercises", "--equipment", "band", "--equipment", "dumbbell")
    b = as_json("exercises", "--equipment", "band,dumbbell")
    assert a == b
    assert all(set(e["equipment"]) <= {"band", "dumbbell"} for e in a["exercises"])
    none = as_json("exercises", "--equipment", "none")["exercises"]
    assert none and all(e["equipment"] == [] for e in none)


def test_show_finds_by_alias_and_name_and_prints_a_card() -> None:
    assert as_json("show", "Hip Thruster")["slug"] == "hip-thrust"
    assert set(as_json("show", "bulgarian lunge")) == EXERCISE_KEYS
    card = run("show", "hip-thrust")
    assert card.exit_code == 0
    text = " ".join(card.stdout.split())
    for needle in ("upper gluteus maximus", "measured", "Cues", "Mistakes", "Contreras B"):
        assert needle in text, needle
    full = " ".join(run("show", "hip-thrust", "--full").stdout.split())
    assert "Plotkin" in full and len(full) > len(text)


def test_muscles_json_shape_and_exact_anatomy() -> None:
    data = as_json("muscles")
    assert set(data) == {"regions"}
    assert [r["name"] for r in data["regions"]] == list(REGIONS)
    for r in data["regions"]:
        assert set(r) == {"name", "aliases", "description", "functions", "top_exercises"}
        assert len(r["top_exercises"]) == 5
    medius = " ".join(next(r for r in data["regions"] if r["name"] == "gluteus-medius")["functions"])
    assert "anterior fibres rotate the thigh inward" in medius and "posterior fibres rotate the thigh outward" in medius
    both = as_json("muscles", "gluteus-maximus")["regions"]
    assert [r["name"] for r in both] == ["gluteus-maximus-upper", "gluteus-maximus-lower"]
    piriformis = as_json("muscles", "piriformis")["regions"][0]
    assert "lower back" in " ".join(piriformis["functions"])


def test_goals_json_shape() -> None:
    data = as_json("goals")
    assert set(data) == {"goals"}
    names = {g["name"] for g in data["goals"]}
    assert {"upper-glutes", "lower-glutes", "glute-size", "gluteus-medius", "gluteus-minimus", "piriformis", "strength",
            "sprint-jump", "back-health", "hip-health", "knee-health", "everyday-strength", "muscle-contact"} <= names  # fmt: skip
    assert all(set(g) == {"name", "description", "regions"} for g in data["goals"])


def test_recommend_json_shape_and_points_add_up() -> None:
    data = as_json("recommend", "--goal", "upper-glutes", "--pain", "knee-pain")
    assert set(data) == {"goal", "profile", "recommendations", "excluded", "notes"}
    assert set(data["goal"]) == {"name", "description", "adaptation"}
    assert set(data["profile"]) == {"level", "equipment", "pains", "sources"} and data["profile"]["pains"] == ["knee-pain"]
    assert data["profile"]["sources"] == {"level": "default", "equipment": "default", "pains": "option", "goal": "option"}
    assert len(data["recommendations"]) == 8
    for rec in data["recommendations"]:
        assert set(rec) == RECOMMENDATION_KEYS
        assert all(set(r) == {"rule", "part", "points", "reason"} for r in rec["reasons"])
        assert set(rec["parts"]) == {"emphasis", "stimulus", "fit", "confidence"}
        assert rec["score"] == pytest.approx(sum(r["points"] for r in rec["reasons"]), abs=0.051)
        assert rec["score"] == pytest.approx(sum(rec["parts"].values()), abs=0.051)
        assert rec["decided_by"] in {r["rule"] for r in rec["reasons"]}
        assert set(rec["regions"]) == set(REGIONS) and all(set(v) == {"score", "basis"} for v in rec["regions"].values())
        assert rec["unit"] in {"reps", "seconds", "contacts", "metres", "steps"} and isinstance(rec["per_side"], bool)
        assert len(rec["reps"]) == 2 and rec["reps"][0] <= rec["reps"][1]
    assert all(set(e) == {"slug", "reason"} for e in data["excluded"])
    assert any("saddle" in n for n in data["notes"])


def test_recommend_table_explains_and_summarises_what_was_left_out() -> None:
    result = run("recommend", "--goal", "upper-glutes", "--explain", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "region-match" in result.stdout and "abduction" in result.stdout
    assert "where it works:" in result.stdout and "how hard it trains this goal:" in result.stdout
    assert "Left out:" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_alternatives_json_shape() -> None:
    data = as_json("alternatives", "hip-thrust", "--equipment", "none")
    assert set(data) == {"exercise", "alternatives", "excluded"}
    assert data["exercise"] == {"slug": "hip-thrust", "name": "Barbell hip thrust", "pattern": "bridge-thrust"}
    for alt in data["alternatives"]:
        assert set(alt) == RECOMMENDATION_KEYS | {"similarity"}
        assert 0 < alt["similarity"] <= 1


@pytest.mark.parametrize("args", [["exercises", "--muscle", "upper-glutes"], ["show", "hip-thrust"], ["plan"], ["muscles"], ["goals"],
                                  ["recommend", "--goal", "glute-size", "--pain", "sciatica", "--explain"],
                                  ["alternatives", "hip-thrust"]])  # fmt: skip
def test_tables_fit_80_columns_and_respect_no_color(args: list[str]) -> None:
    result = run(*args, env={"COLUMNS": "80", "NO_COLOR": "1", "FORCE_COLOR": None, "TERM": "xterm-256color"})
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_unexpected_errors_exit_1_with_a_hint_and_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, capsys) -> None:

    from glutecoach import __main__
    from glutecoach.core import engine

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "rank", broken)
    args = ["recommend", "--goal", "glute-size", "--format", "json"]
    assert __main__.main(args) == ExitCode.BUG == 1
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: boom)" in err and "GLUTECOACH_DEBUG=1" in err and "Traceback" not in err
    monkeypatch.setenv("GLUTECOACH_DEBUG", "1")
    with pytest.raises(RuntimeError):
        __main__.main(args)


def test_no_arguments_prints_the_help_and_succeeds(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import sys

    from glutecoach import __main__

    monkeypatch.setattr(sys, "argv", ["glutecoach"])
    assert __main__.main() == ExitCode.OK
    assert __main__.main([]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "Usage:" in out and "recommend" in out
