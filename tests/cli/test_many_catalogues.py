"""A folder of many catalogues of your own (issue 24, reliability turn 3 N24): every file keeps its
validated cache, so changing one file revalidates that file only (10,000 files took 15 s each time)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from glutecoach.catalogue import validate
from glutecoach.cli.app import app
from glutecoach.speed import KEEP_CACHES
from glutecoach.store import paths

runner = CliRunner()


def test_changing_one_of_many_catalogue_files_validates_only_that_file(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = paths.config_dir() / "catalogues"
    folder.mkdir(parents=True)
    count = KEEP_CACHES + 10
    for i in range(count):
        (folder / f"c{i:03d}.yaml").write_text(f"schema_version: 1\n# file {i}\n")
    assert runner.invoke(app, ["goals"]).exit_code == 0
    assert len(list(paths.cache_dir().glob("file-*.marshal"))) >= count  # none of this catalogue's pruned
    (folder / "c005.yaml").write_text("schema_version: 1\n# changed\n")
    seen: list[str] = []
    real = validate.validate_file

    def spy(path: Path, data: bytes, positions: Any) -> Any:
        seen.append(path.name)
        return real(path, data, positions)

    monkeypatch.setattr(validate, "validate_file", spy)
    assert runner.invoke(app, ["goals"]).exit_code == 0
    assert seen == ["c005.yaml"]
