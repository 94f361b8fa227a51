"""Shared fixtures: every test runs with GLUTECOACH_HOME in a temporary folder and a known terminal
(80 columns, colour allowed, no NO_COLOR), whatever the caller's terminal is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from glutecoach.catalogue import load as catalogue_module
from glutecoach.core.models import Catalogue

# Hypothesis: a quick default; .ci/run sets HYPOTHESIS_PROFILE=ci (1,000 examples per property).
settings.register_profile("dev", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/slow/ is slow (run by .ci/run, not by the default `python -m pytest`); every
    hypothesis test is a property test (.ci/run runs them again with the 'ci' profile's budget)."""
    for item in items:
        if "slow" in Path(str(item.fspath)).parts:
            item.add_marker(pytest.mark.slow)
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.properties)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("GLUTECOACH_HOME", str(home))
    monkeypatch.delenv("GLUTECOACH_DEBUG", raising=False)
    monkeypatch.delenv("GLUTECOACH_CATALOGUE", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return home


@pytest.fixture(scope="session")
def cat() -> Catalogue:
    """The shipped catalogue, validated from the YAML (no cache)."""
    return catalogue_module.load(use_cache=False)
