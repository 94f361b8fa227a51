"""A folder of many catalogues of your own (issue 24, reliability turn 3 N24): every file keeps its
validated result, in one store written once, so changing one file revalidates that file only (10,000
files took 15 s each time), and a first run writes one cache file, not one per catalogue file."""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from glutecoach import speed
from glutecoach.catalogue import validate
from glutecoach.cli.app import app
from glutecoach.store import paths

runner = CliRunner()
FILES = 50


def many(count: int = FILES) -> Path:
    folder = paths.config_dir() / "catalogues"
    folder.mkdir(parents=True)
    for i in range(count):
        (folder / f"c{i:03d}.yaml").write_text(f"schema_version: 1\n# file {i}\n")
    return folder


def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files validated from now on."""
    seen: list[str] = []
    real = validate.validate_file

    def spy(path: Path, data: bytes, positions: Any) -> Any:
        seen.append(path.name)
        return real(path, data, positions)

    monkeypatch.setattr(validate, "validate_file", spy)
    return seen


def goals() -> str:
    result = runner.invoke(app, ["goals"])
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_changing_one_of_50_catalogue_files_validates_only_that_file(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = many()
    goals()
    (folder / "c005.yaml").write_text("schema_version: 1\n# changed\n")
    seen = validations(monkeypatch)
    goals()
    assert seen == ["c005.yaml"]
    goals()  # unchanged since: the merged catalogue's cache, nothing validated
    assert seen == ["c005.yaml"]


def test_a_first_run_writes_one_store_for_all_files_and_removes_the_old_per_file_caches() -> None:
    cache = paths.cache_dir()
    cache.mkdir(parents=True)
    (cache / "file-0123456789abcdef.marshal").write_bytes(marshal.dumps({"key": "old layout"}))
    many()
    goals()
    kinds = [p.name.split("-")[0] for p in cache.iterdir()]
    assert kinds.count("catalogue") == 1 and kinds.count("file") == 0 and kinds.count("validated") <= len(speed.SHARDS)
    stored = {k for p in cache.glob("validated-*.marshal") for k in marshal.loads(p.read_bytes())["files"]}
    assert len(stored) == FILES + 4  # every file of the folder, and the four built-in ones


def test_files_seen_before_are_kept_past_the_ones_in_use(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A --catalogue file used now and then stays validated while a few others come and go."""
    many(3)
    extra = tmp_path / "extra.yaml"
    extra.write_text("schema_version: 1\n# extra\n")
    assert runner.invoke(app, ["goals", "--catalogue", str(extra)]).exit_code == 0
    goals()
    (paths.config_dir() / "catalogues" / "c001.yaml").write_text("schema_version: 1\n# changed\n")
    goals()  # the store is written again without extra.yaml in use
    seen = validations(monkeypatch)
    for path in paths.cache_dir().glob("catalogue-*.marshal"):
        path.unlink()  # only the per-file store can spare the validation now
    assert runner.invoke(app, ["goals", "--catalogue", str(extra)]).exit_code == 0
    assert seen == []


def test_a_damaged_store_is_rebuilt(monkeypatch: pytest.MonkeyPatch) -> None:
    many(3)
    expected = goals()
    for path in paths.cache_dir().glob("catalogue-*.marshal"):
        path.unlink()
    for path in paths.cache_dir().glob("validated-*.marshal"):
        path.write_bytes(b"\x00not marshal")
    seen = validations(monkeypatch)
    assert goals() == expected
    assert len(seen) == 3 + 4  # the three files and the four built-in ones, validated again
