"""`log session`: a whole session in one go, from what `plan next` prescribes or a list; asked on a
terminal, read from --entry or a file off one; nothing saved until every answer is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from glutecoach.cli import log_session
from glutecoach.cli.app import app

runner = CliRunner()
DAY = "2026-12-01"


def run(args: list[str], stdin: str | None = None):
    return runner.invoke(app, args, input=stdin, env={"COLUMNS": "100", "NO_COLOR": "1"})


def logged() -> list[dict]:
    return json.loads(run(["log", "list", "--format", "json"]).stdout)["entries"]


def test_entries_off_a_terminal_are_saved_and_shown_as_json() -> None:
    result = run(
        ["log", "session", "--entry", "hip-thrust 3x10@60kg c7", "--entry", "clamshell 2x15 c6 p1", "--date", DAY, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert list(shown) == ["json_version", "entries"] and [e["slug"] for e in shown["entries"]] == ["hip-thrust", "clamshell"]
    thrust, clam = logged()[::-1]
    assert [(s["reps"], s["load"]) for s in thrust["sets"]] == [(10, 60.0)] * 3 and thrust["contact"] == 7
    assert [(s["reps"], s["load"]) for s in clam["sets"]] == [(15, None)] * 2 and (clam["contact"], clam["pain_score"]) == (6, 1)
    assert thrust["date"] == DAY


def test_a_file_of_lines_and_its_faults_named_by_line(tmp_path: Path) -> None:
    good = tmp_path / "session.txt"
    good.write_text("# Monday\nhip-thrust 3x8@135lb c8\n'glute bridge' 2x12\n")
    assert run(["log", "session", "--file", str(good), "--date", DAY]).exit_code == 0
    loads = {e["slug"]: {s["load"] for s in e["sets"]} for e in logged()}
    assert loads == {"hip-thrust": {61.2}, "glute-bridge": {None}}
    bad = tmp_path / "bad.txt"
    bad.write_text("clamshell 2x15\nclamshell 2x15 q9\n")
    result = run(["log", "session", "--file", str(bad), "--date", DAY])
    assert result.exit_code == 2 and f"{bad}:2" in result.stderr and "'q9'" in result.stderr
    assert len(logged()) == 2, "nothing of a faulty file is saved"


def test_an_ambiguous_name_lists_the_choices_and_saves_nothing() -> None:
    result = run(["log", "session", "--entry", "side lying hip abduction 2x15", "--date", DAY])
    assert result.exit_code == 2
    assert "side-lying-hip-abduction" in result.stderr and "bodyweight-side-lying-hip-abduction" in result.stderr
    assert logged() == []
    assert run(["log", "session", "--entry", "bodyweight-side-lying-hip-abduction 2x15", "--date", DAY]).exit_code == 0


def test_off_a_terminal_with_nothing_given_it_says_how() -> None:
    result = run(["log", "session", "--date", DAY])
    assert result.exit_code == 2 and "--entry" in result.stderr and "--file" in result.stderr and "--as-prescribed" in result.stderr
    assert logged() == []


def test_as_prescribed_logs_what_plan_next_prescribes() -> None:
    plan = json.loads(run(["plan", "next", "--date", DAY, "--format", "json"]).stdout)["next_session"]
    assert run(["log", "session", "--as-prescribed", "--date", DAY]).exit_code == 0
    saved = sorted(logged(), key=lambda e: e["id"])
    assert [(e["slug"], len(e["sets"]), e["sets"][0]["reps"]) for e in saved] == [(p["slug"], p["sets"], p["reps"][0]) for p in plan]


def test_on_a_terminal_each_exercise_is_asked_with_last_time_filled_in(monkeypatch: pytest.MonkeyPatch) -> None:
    run(["log", "add", "hip-thrust", "--sets", "3", "--reps", "10", "--load", "60", "--contact", "6", "--date", "2026-11-28"])
    monkeypatch.setattr(log_session, "_interactive", lambda: True)
    result = run(["log", "session", "hip-thrust", "clamshell", "glute-bridge", "--date", DAY], stdin="\n2x15 c7\n-\n")
    assert result.exit_code == 0, result.output
    assert "last time 2026-11-28: 10x60, 10x60, 10x60 kg" in result.stdout and "3x10@60 kg" in result.stdout
    today = [e for e in logged() if e["date"] == DAY]
    assert sorted((e["slug"], len(e["sets"]), e["contact"]) for e in today) == [("clamshell", 2, 7), ("hip-thrust", 3, None)]
    assert {s["load"] for e in today if e["slug"] == "hip-thrust" for s in e["sets"]} == {60.0}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", (3, 10, 60.0, None, None)),
        ("@65", (3, 10, 65.0, None, None)),
        ("4x", (4, 10, 60.0, None, None)),
        ("x12 c8 p2", (3, 12, 60.0, 8, 2)),
        ("2x8@100lb", (2, 8, 45.4, None, None)),
        ("3x10@bw", (3, 10, None, None, None)),
    ],
)
def test_the_short_form_changes_only_what_it_says(typed: str, expected: tuple) -> None:
    start = log_session.Answer("hip-thrust", 3, 10, 60.0)
    answer = log_session.parse_short(typed, start, "kg")
    assert answer is not None and answer[1:6] == expected
    assert log_session.parse_short("-", start, "kg") is None


def test_on_a_terminal_the_plan_is_shown_and_enter_accepts_it(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = json.loads(run(["plan", "next", "--date", DAY, "--format", "json"]).stdout)["next_session"]
    monkeypatch.setattr(log_session, "_interactive", lambda: True)
    result = run(["log", "session", "--date", DAY], stdin="\n" * len(plan))
    assert result.exit_code == 0, result.output
    for p in plan:
        assert f"plan: {p['sets']} x {p['reps'][0]}-{p['reps'][1]} {p['unit']}" in result.stdout
    assert len(logged()) == len(plan)
