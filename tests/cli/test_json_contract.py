"""The JSON contract: every document a command prints has the shape render.shapes defines, with its version
first, and the README's "JSON output" quotes exactly those definitions (pipx's result contract, checked both
ways so the README, the code and the output cannot drift apart)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.core.vocab import JSON_VERSION
from glutecoach.render import shapes

README = Path(__file__).resolve().parents[2] / "README.md"
runner = CliRunner()


def printed(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# Each documented output, from the command that prints it (several where more than one prints the shape).
COMMANDS: dict[str, list[list[str]]] = {
    "exercises": [["exercises", "--muscle", "gluteus-medius"]],
    "show": [["show", "hip-thrust"]],
    "muscles": [["muscles"]],
    "goals": [["goals"]],
    "recommend": [["recommend", "--goal", "upper-glutes", "--pain", "knee-pain"]],
    "alternatives": [["alternatives", "hip-thrust", "--equipment", "none"]],
    "plan": [["plan", "--weeks", "4"]],
    "plan start": [["plan", "start", "--date", "2026-11-02"]],
    "plan next": [["plan", "next", "--date", "2026-11-04"]],
    "log add": [["log", "add", "hip-thrust", "--set", "w:10x40", "--set", "10x60", "--contact", "7", "--date", "2026-11-03"],
                ["log", "edit", "1", "--note", "felt it"]],
    "log list": [["log", "list"]],
    "profile show": [["profile", "show"]],
    "progress": [["progress", "--date", "2026-11-05"]],
}  # fmt: skip


def test_every_documented_shape_has_a_command_that_prints_it() -> None:
    assert set(COMMANDS) == set(shapes.DOCUMENTS)


def test_every_command_prints_its_documented_shape_with_its_version_first() -> None:
    for name, calls in COMMANDS.items():  # in order: the log and the plan exist before they are listed or followed
        for args in calls:
            doc = printed(*args, "--format", "json")
            assert next(iter(doc)) == "json_version" and doc["json_version"] == JSON_VERSION, args
            assert shapes.document_problems(doc, name) == [], args


def test_the_log_export_is_the_shape_log_list_prints_and_imports_back(tmp_path: Path) -> None:
    printed("log", "add", "clamshell", "--sets", "2", "--reps", "15", "--format", "json")
    exported = runner.invoke(app, ["log", "export", "--format", "json"])
    assert shapes.document_problems(json.loads(exported.stdout), "log list") == []
    path = tmp_path / "backup.json"
    path.write_text(exported.stdout)
    assert runner.invoke(app, ["log", "import", str(path)]).exit_code == 0  # read back: nothing new, nothing refused


def test_a_shape_check_finds_a_missing_an_extra_and_a_nested_key() -> None:
    good = printed("goals", "--format", "json")
    assert shapes.document_problems(good, "goals") == []
    bad = {**good, "extra": 1, "goals": [{"name": "x", "regions": {"gluteus-medius": 1}}]}
    found = shapes.document_problems(bad, "goals")
    assert "$: unexpected 'extra'" in found and "$.goals[0]: missing 'description'" in found
    assert shapes.document_problems({k: v for k, v in good.items() if k != "json_version"}, "goals")


# --- the README quotes the definitions --------------------------------------------------------------------


def readme_shapes() -> dict[str, str]:
    """'- `name`: `{...}`' and '- NAME: `{...}`' bullets of the README's "JSON output" section -> the first
    code span after the name, with its line breaks read as spaces."""
    text = README.read_text()
    section = text.split("## JSON output", 1)[1].split("\n## ", 1)[0]
    bullets = re.split(r"\n- ", "\n" + section.split("\n\n", 2)[2].split("\n\n")[0])
    out = {}
    for bullet in bullets:
        flat = " ".join(bullet.split())
        m = re.match(r"`?([a-z A-Z]+?)`?: `([^`]*)`", flat)
        if m:
            out[m.group(1)] = m.group(2)
    return out


NAMED = {s.name: s for s in (shapes.EXERCISE, shapes.RECOMMENDATION, shapes.ENTRY)}


def test_the_readme_documents_every_shape_as_defined() -> None:
    documented = readme_shapes()
    assert set(documented) == set(shapes.DOCUMENTS) | set(NAMED)
    for name, span in documented.items():
        shape = NAMED[name].shape if name in NAMED else shapes.DOCUMENTS[name]
        want = shapes.describe(shape, top=name in NAMED or not isinstance(shape, shapes.Named))
        assert span == want, f"README's {name}:\n  {span}\nrender.shapes says:\n  {want}"


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_shapes_are_used_by_name(name: str) -> None:
    assert any(name in shapes.describe(s) for s in shapes.DOCUMENTS.values() if s is not NAMED[name])
