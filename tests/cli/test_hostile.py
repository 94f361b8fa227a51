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


# --------------------------------------------------------------------------------------------------
# Reliability turn 3 (issue 24): limits at the YAML reader's edge, before anything is built


def test_an_integer_of_5000_digits_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bigint.yaml"
    path.write_text("schema_version: 1\nexercises:\n- slug: x\n  rest_s: " + "9" * 5000 + "\n")
    check_refused(path, "bigint.yaml:4:11: YAML error: the number 99999999999999999999... has 5,000 digits; accepted: at most 15")
    signed = tmp_path / "signed.yaml"
    signed.write_text("schema_version: 1\nexercises:\n- slug: x\n  rest_s: +" + "9" * 5000 + "\n")
    check_refused(signed, "has 5,001 digits")


def test_an_integer_of_15_digits_still_reaches_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "int15.yaml"
    path.write_text("schema_version: 1\nexercises:\n- slug: x\n  rest_s: " + "9" * 15 + "\n")
    result = runner.invoke(app, ["catalogue", "validate", str(path)])
    assert result.exit_code == ExitCode.PROBLEMS_FOUND and "accepted: at most 15" not in result.stderr and "rest_s" in result.stderr


def test_a_list_bomb_is_refused_from_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("schema_version: 1\nexercises:\n" + "- 1\n" * 1_100_000)
    check_refused(path, "refused unread as a likely list bomb")


def test_a_merge_key_bomb_is_refused_before_it_is_built(tmp_path: Path) -> None:
    keys = "\n".join(f"  k{i}: {i}" for i in range(1000))
    maps = "\n".join(f"m{i}: {{<<: *b}}" for i in range(2300))
    path = tmp_path / "merge.yaml"
    path.write_text(f"schema_version: 1\nbig: &b\n{keys}\n{maps}\n")  # 52 KB that merge into 2.3 million values
    check_refused(path, "refused as a likely alias bomb")


def test_thousands_of_problems_list_the_first_100_and_count_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "empties.yaml"
    path.write_text("schema_version: 1\nexercises:\n" + "- {}\n" * 700)
    result = runner.invoke(app, ["catalogue", "validate", str(path)])
    assert result.exit_code == ExitCode.PROBLEMS_FOUND
    lines = result.stderr.splitlines()
    assert len(lines) == 102 and lines[0].startswith(f"{path}:3:3: exercise #1: ")
    assert "and 16,000 more problems (16,100 in all; the first 100 are listed)" in lines[100]


def test_a_line_break_inside_a_value_keeps_one_problem_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "cr.yaml"
    path.write_text('schema_version: 1\nexercises:\n- slug: "a\\rb"\n')
    result = runner.invoke(app, ["catalogue", "validate", str(path)])
    problems = result.stderr.splitlines()[:-1]
    assert all(p.startswith(str(path)) for p in problems), problems


def test_catalogue_validate_exits_2_for_a_file_it_cannot_read(tmp_path: Path) -> None:
    """As its help says: 2 when a file cannot be read at all, 3 when problems are found."""
    result = runner.invoke(app, ["catalogue", "validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == ExitCode.BAD_INPUT and "no such catalogue file" in result.stderr
    shown = " ".join(runner.invoke(app, ["catalogue", "validate", "--help"]).stdout.split())
    assert "2 when a file cannot be read" in shown


def test_an_evidence_value_of_nan_prints_as_json_null(tmp_path: Path) -> None:
    import json

    source = (Path(__file__).parents[2] / "examples" / "my-exercises.yaml").read_text()
    path = tmp_path / "nan.yaml"
    path.write_text(
        source.replace(
            "    evidence: []",
            (
                "    evidence:\n      - {source: clinic2026, region: gluteus-medius, value: .nan, stat: mean, "
                'scale: "%MVIC", load: "x", variant: "y"}'
            ),
        )
    )
    result = runner.invoke(app, ["show", "clinic-band-kickback", "--full", "--format", "json", "--catalogue", str(path)])
    if result.exit_code == 2:  # refused by the schema: also strict
        return
    assert result.exit_code == 0, result.output
    assert "NaN" not in result.stdout
    json.loads(result.stdout, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
