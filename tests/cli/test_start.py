"""`start`: the first questions, saved to the profile, then the first answer; off a terminal, how to pass them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from glutecoach.cli import start as first_run
from glutecoach.cli.app import app
from glutecoach.core.models import Catalogue

runner = CliRunner()


def run(args: list[str], stdin: str | None = None):
    return runner.invoke(app, args, input=stdin, env={"COLUMNS": "100", "NO_COLOR": "1"})


def profile() -> dict:
    return json.loads(run(["profile", "show", "--format", "json"]).stdout)


def test_off_a_terminal_without_answers_it_says_how_to_pass_them() -> None:
    result = run(["start"])
    assert result.exit_code == 0
    for option in ("--goal", "--level", "--equipment", "--pain", "--days-per-week"):
        assert option in result.stdout
    assert profile()["goal"] is None, "nothing saved"


def test_options_are_saved_and_the_first_answer_follows_them() -> None:
    result = run(
        ["start", "--goal", "muscle-contact", "--level", "beginner", "--equipment", "band", "--pain", "none", "--days-per-week", "2"]
    )
    assert result.exit_code == 0, result.output
    assert {k: v for k, v in profile().items() if k != "json_version"} == {
        "level": "beginner",
        "goal": "muscle-contact",
        "equipment": ["band"],
        "pains": [],
        "units": "kg",
    }
    assert "Score" in result.stdout and "hip-thrust-machine" not in result.stdout.split("Left out")[0]
    assert "plan start --days-per-week 2" in result.stdout


def test_a_bad_answer_saves_nothing() -> None:
    result = run(["start", "--goal", "glute-size", "--days-per-week", "9"])
    assert result.exit_code == 2 and "between 1 and 6" in result.stderr
    assert profile()["goal"] is None


def test_on_a_terminal_it_asks_and_asks_again_after_a_wrong_answer(monkeypatch: pytest.MonkeyPatch, cat: Catalogue) -> None:
    monkeypatch.setattr(first_run, "_interactive", lambda: True)
    third = list(cat.goals)[2]
    result = run(["start"], stdin="3\nexpert\nintermediate\nbarbell,bench\nsciatica\n4\n")
    assert result.exit_code == 0, result.output
    assert "expert" in result.stdout and "intermediate" in result.stdout  # the wrong level was refused, then asked again
    assert {k: v for k, v in profile().items() if k != "json_version"} == {
        "level": "intermediate",
        "goal": third,
        "equipment": ["barbell", "bench"],
        "pains": ["sciatica"],
        "units": "kg",
    }
    assert "plan start --days-per-week 4" in result.stdout
