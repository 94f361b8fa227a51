"""A first run that asks (issue 25): `recommend` or `plan` with no saved profile asks start's questions on
a terminal, saves the answers and shows the answer; off a terminal it never asks and says in one line on
stderr how to give them; with a profile, or every answer given, it says nothing. (The same on a real
pseudo-terminal: tests/slow/test_first_run_pty.py.)"""

from __future__ import annotations

import io
import json

import pytest
from typer.testing import CliRunner

from glutecoach.cli import first_run, start
from glutecoach.cli.app import app
from glutecoach.store.profile import profile_path

runner = CliRunner()
ALL_GIVEN = ["--goal", "glute-size", "--level", "beginner", "--equipment", "band", "--pain", "none"]


def run(args: list[str], stdin: str | None = None):
    return runner.invoke(app, args, input=stdin, env={"COLUMNS": "100", "NO_COLOR": "1"})


def saved() -> dict:
    return {k: v for k, v in json.loads(profile_path().read_text()).items() if k != "json_version"}


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(start, "_interactive", lambda: True)


@pytest.mark.usefixtures("terminal")
def test_recommend_on_a_terminal_asks_saves_and_answers() -> None:
    result = run(["recommend", "--top", "3"], stdin="lower-glutes\nintermediate\nbarbell,bench\nknee-pain\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("No profile yet") < out.index("Your goal") < out.index("Your level") < out.index("Saved to your profile")
    assert "Days a week" not in out, "a ranking does not depend on the days a week"
    want = {"level": "intermediate", "goal": "lower-glutes", "equipment": ["barbell", "bench"], "pains": ["knee-pain"], "units": "kg"}
    assert saved() == want
    answer = out.split("Saved to your profile")[1]
    assert "lower-glutes" in answer and "Score" in answer and "(your saved profile" in answer
    assert result.stderr == ""


@pytest.mark.usefixtures("terminal")
def test_plan_on_a_terminal_asks_the_days_too_and_the_plan_follows_them() -> None:
    result = run(["plan", "--weeks", "4"], stdin="\nbeginner\nband\nnone\n2\n")
    assert result.exit_code == 0, result.output
    assert "Days a week (1-6)" in result.stdout
    assert saved()["goal"] == "glute-size" and saved()["equipment"] == ["band"]
    assert "4-week beginner plan for glute-size, 2 days a week" in result.stdout.split("Saved to your profile")[1]


@pytest.mark.usefixtures("terminal")
def test_options_answer_their_questions_and_only_the_rest_are_asked() -> None:
    result = run(["recommend", "--goal", "upper-glutes", "--level", "beginner", "--top", "2"], stdin="band\nnone\n")
    assert result.exit_code == 0, result.output
    assert "Your goal" not in result.stdout and "Your level" not in result.stdout and "Equipment you have" in result.stdout
    assert saved()["goal"] == "upper-glutes" and saved()["equipment"] == ["band"]


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("args", [["recommend", *ALL_GIVEN], ["plan", *ALL_GIVEN, "--days-per-week", "3"]])
def test_every_answer_given_asks_nothing(args: list[str]) -> None:
    result = run(args)
    assert result.exit_code == 0, result.output
    assert "No profile yet" not in result.stdout and result.stderr == ""
    assert not profile_path().exists()


@pytest.mark.parametrize(
    "args,used",
    [
        (["recommend", "--goal", "glute-size"], "--level beginner --equipment all --pain none"),
        (["plan"], "--goal glute-size --level beginner --equipment all --pain none --days-per-week 3"),
        (["plan", "--level", "intermediate", "--pain", "none"], "--goal glute-size --equipment all --days-per-week 3"),
    ],
)
def test_off_a_terminal_it_never_asks_and_says_how_in_one_line(args: list[str], used: str) -> None:
    result = run(args)
    assert result.exit_code == 0, result.output
    assert "No profile yet" not in result.stdout and "?" not in result.stderr
    said = f"Note: no saved profile, so this uses {used}; give yours as options, or run 'glutecoach start' once to save them.\n"
    assert result.stderr == said and result.output.endswith(said), "one line, after the answer"
    assert not profile_path().exists()


def test_with_a_profile_it_neither_asks_nor_hints(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["profile", "set", "--level", "beginner"]).exit_code == 0
    monkeypatch.setattr(start, "_interactive", lambda: True)
    result = run(["recommend", "--goal", "glute-size"])
    assert result.exit_code == 0 and "No profile yet" not in result.stdout and result.stderr == ""


def test_a_saved_plan_is_shown_without_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["plan", "start", *ALL_GIVEN]).exit_code == 0
    profile_path().unlink(missing_ok=True)
    monkeypatch.setattr(start, "_interactive", lambda: True)
    result = run(["plan"])
    assert result.exit_code == 0 and "No profile yet" not in result.stdout


def test_never_a_question_into_the_pagers_buffer(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class HeldBack(io.StringIO):
        held_back = True

    monkeypatch.setattr(start, "_interactive", lambda: True)
    monkeypatch.setattr("sys.stdout", HeldBack())
    with first_run.first_run("recommend", "glute-size", None, None, None) as answered:
        assert answered is None and capsys.readouterr().err == "", "the hint comes after the answer"
    assert capsys.readouterr().err.startswith("Note: no saved profile")


def test_a_run_that_fails_says_only_what_went_wrong() -> None:
    result = run(["recommend", "--goal", "upper-glute"])
    assert result.exit_code == 2 and result.stderr.startswith("Error: ") and "Note" not in result.stderr


@pytest.mark.parametrize(
    "args,asks",
    [
        (["recommend"], True),
        (["plan", "--format", "markdown"], True),
        (["recommend", *ALL_GIVEN], False),
        (["recommend", "--goal=glute-size", "-l", "beginner", "-e", "band", "--condition", "none"], False),
        (["plan", *ALL_GIVEN], True),  # the days a week are still open
        (["plan", "next"], False),
        (["plan", "start"], False),
        (["show", "hip-thrust"], False),
    ],
)
def test_the_pager_leaves_a_run_that_may_ask_alone(args: list[str], asks: bool) -> None:
    assert first_run.may_ask(args) is asks
    profile_path().parent.mkdir(parents=True, exist_ok=True)
    profile_path().write_text("{}")
    assert first_run.may_ask(args) is False, "with a profile nothing is asked"
