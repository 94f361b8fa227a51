"""The command line run in-process, as the CLI tests share it: a run, a run that must succeed, and the
log as `log export` writes it."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from glutecoach.cli.app import app

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def exported() -> list[dict[str, Any]]:
    """Every entry of the log, as the JSON backup holds it."""
    entries: list[dict[str, Any]] = json.loads(ok("log", "export"))["entries"]
    return entries
