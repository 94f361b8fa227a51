"""Input that can never break glutecoach: each hostile file gives its clear error, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from glutecoach.catalogue import load as catalogue
from glutecoach.cli.app import app
from glutecoach.status import ExitCode

HOSTILE = Path(__file__).parents[1] / "cases" / "hostile"
CASES = yaml.safe_load((HOSTILE / "cases.yaml").read_text())
runner = CliRunner()


def check_refused(path: Path, needle: str) -> None:
    for args in (["goals", "--catalogue", str(path)], ["recommend", "--goal", "glute-size", "--format", "json", "--catalogue", str(path)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (path.name, result.output)
        assert result.stdout == ""
        assert needle in result.stderr, result.stderr
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    validated = runner.invoke(app, ["catalogue", "validate", str(path)])
    assert validated.exit_code == ExitCode.PROBLEMS_FOUND and needle in validated.stderr


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_refused_with_its_error(name: str) -> None:
    check_refused(HOSTILE / name, CASES[name])


def test_every_hostile_file_has_a_case() -> None:
    files = {p.name for p in HOSTILE.iterdir() if p.name != "cases.yaml"}
    assert files == set(CASES)


def test_a_huge_scalar_is_refused_by_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text('schema_version: 1\nsources:\n  - key: x\n    authors: "' + "a" * 3_000_000 + '"\n')
    check_refused(path, "at most 2000 characters")


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("schema_version: 1\n" + "# padding\n" * 200)
    monkeypatch.setattr(catalogue, "MAX_FILE_BYTES", 1000)
    result = runner.invoke(app, ["goals", "--catalogue", str(path)])
    assert result.exit_code == 2 and "may be at most" in result.stderr


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["goals", "--catalogue", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "no such catalogue file" in result.stderr
    result = runner.invoke(app, ["goals", "--catalogue", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.stderr
