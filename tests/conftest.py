"""Shared fixtures: every test runs with GLUTECOACH_HOME in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from glutecoach.catalogue import load as catalogue_module
from glutecoach.cli import catalogue as cli_catalogue
from glutecoach.cli import log as cli_log  # noqa: F401 - the tests drive the full app
from glutecoach.core.models import Catalogue

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("GLUTECOACH_HOME", str(home))
    monkeypatch.delenv("GLUTECOACH_DEBUG", raising=False)
    monkeypatch.delenv("GLUTECOACH_CATALOGUE", raising=False)
    return home


@pytest.fixture(scope="session")
def cat() -> Catalogue:
    """The shipped catalogue, validated from the YAML (no cache)."""
    return catalogue_module.load(use_cache=False)
