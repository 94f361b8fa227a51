"""Writing your own exercise: a template with every field's accepted values (read from the schema), an
exercise printed as catalogue YAML that validates back, and a missing field that says what it takes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from glutecoach.catalogue.schema import ExerciseModel
from glutecoach.cli.app import app
from glutecoach.core import vocab

runner = CliRunner()


def run(args: list[str]):
    return runner.invoke(app, args, env={"COLUMNS": "100", "NO_COLOR": "1"})


def test_the_template_names_every_field_with_its_accepted_values_and_checks_clean(tmp_path: Path) -> None:
    result = run(["catalogue", "template"])
    assert result.exit_code == 0
    text = result.stdout
    doc = yaml.safe_load(text)
    (exercise,) = doc["exercises"]
    assert list(exercise) == list(ExerciseModel.model_json_schema(by_alias=True)["properties"]), "every field, in order"
    comments = " ".join(line.strip("# ") for line in text.splitlines() if line.lstrip().startswith("#"))
    for words in (vocab.MOVEMENTS, vocab.EQUIPMENT, vocab.PATTERNS, vocab.DOSE_UNITS, vocab.CONDITIONS):
        assert all(word in comments for word in words)
    assert "a whole number 1-5" in comments and "a whole number 0-100" in comments
    path = tmp_path / "mine.yaml"
    path.write_text(text)
    checked = run(["catalogue", "validate", str(path)])
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("slug", ["hip-thrust", "clamshell", "hill-sprint"])
def test_show_as_yaml_prints_the_exercise_as_catalogue_yaml_that_validates(slug: str, tmp_path: Path) -> None:
    result = run(["show", slug, "--format", "yaml"])
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(result.stdout)
    assert [e["slug"] for e in doc["exercises"]] == [slug]
    ExerciseModel.model_validate(doc["exercises"][0])
    path = tmp_path / f"{slug}.yaml"
    path.write_text(result.stdout)
    assert run(["catalogue", "validate", str(path)]).exit_code == 0


def test_a_missing_field_names_its_accepted_values(tmp_path: Path) -> None:
    doc = yaml.safe_load(run(["catalogue", "template"]).stdout)
    del doc["exercises"][0]["movement"]
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(doc))
    result = run(["catalogue", "validate", str(path)])
    assert result.exit_code == 3
    (line,) = [ln for ln in result.stderr.splitlines() if "movement" in ln]
    assert "missing" in line and all(word in line for word in vocab.MOVEMENTS)
