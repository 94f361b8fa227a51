"""The words people type (ux review): goal synonyms, plain exercise words, --condition, a level that
holds back what the goal is about, and a hip replacement's clearance saved in the profile."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.status import ExitCode

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def as_json(*args: str) -> dict:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_goal_words_people_use_name_the_goal_they_mean() -> None:
    assert as_json("recommend", "--goal", "power", "--top", "3")["goal"]["name"] == "sprint-jump"
    assert as_json("recommend", "--goal", "Jump", "--top", "3")["goal"]["name"] == "sprint-jump"
    assert as_json("recommend", "--goal", "booty", "--top", "3")["goal"]["name"] == "glute-size"
    result = run("recommend", "--goal", "glutes")
    assert result.exit_code == ExitCode.BAD_INPUT and not result.stdout
    assert "choose one" in result.stderr and "sprint-jump (" in result.stderr and "Traceback" not in result.stderr


def test_a_plain_exercise_word_takes_the_main_lift_and_names_the_others() -> None:
    result = run("alternatives", "squat", "--equipment", "none", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["exercise"]["slug"] == "back-squat"
    assert "'squat' is taken as Barbell back squat" in result.stderr and "front-squat" in result.stderr


def test_alternatives_keep_the_same_movement_on_the_same_load_first() -> None:
    data = as_json("alternatives", "bulgarian-split-squat", "--equipment", "none", "--level", "advanced")
    assert data["alternatives"][0]["slug"] == "bodyweight-bulgarian-split-squat"
    data = as_json("alternatives", "back-squat", "--equipment", "none")
    assert data["alternatives"][0]["slug"] == "bodyweight-squat"


def test_a_level_that_holds_back_the_goals_main_work_says_so() -> None:
    beginner = run("recommend", "--goal", "sprint-jump", "--equipment", "none")
    assert "starts at intermediate level: add --level intermediate" in " ".join(beginner.stdout.split())
    intermediate = run("recommend", "--goal", "sprint-jump", "--equipment", "none", "--level", "intermediate")
    assert "add --level" not in " ".join(intermediate.stdout.split()).split("Left out")[0]


def test_condition_is_the_option_name_and_pain_still_works() -> None:
    by_condition = as_json("recommend", "--goal", "strength", "--condition", "hip-replacement-anterior")
    by_pain = as_json("recommend", "--goal", "strength", "--pain", "hip-replacement-anterior")
    assert by_condition == by_pain
    assert by_condition["profile"]["pains"] == ["hip-replacement-anterior"]


def test_clearance_saved_in_the_profile_turns_exclusions_into_cautions() -> None:
    args = (
        "recommend",
        "--goal",
        "strength",
        "--level",
        "advanced",
        "--equipment",
        "none",
        "--condition",
        "hip-replacement-anterior",
        "--top",
        "12",
    )
    before = as_json(*args)
    assert "single-leg-squat" in {e["slug"] for e in before["excluded"]}
    assert any("not cleared for full training" in n for n in before["notes"])
    assert run("profile", "set", "--surgery-date", "2024-05-02", "--cleared").exit_code == 0
    after = as_json(*args)
    assert "single-leg-squat" not in {e["slug"] for e in after["excluded"]}
    assert any("(surgery on 2024-05-02): your surgeon has cleared you" in n for n in after["notes"])
    shown = run("profile", "show")
    assert "2024-05-02; cleared for full training" in shown.stdout
    assert run("profile", "set", "--not-cleared").exit_code == 0
    assert "single-leg-squat" in {e["slug"] for e in as_json(*args)["excluded"]}
