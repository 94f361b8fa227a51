"""A run builds only what it runs: the family of its command and, of a command group, only the subcommand
it names; a run that names none keeps them all, so help, suggestions and errors stay whole."""

from __future__ import annotations

import pytest

from glutecoach.__main__ import main
from glutecoach.cli.app import build


def _subcommands(group: str, words: list[str]) -> set[str]:
    app = build(group, words)
    (info,) = [g for g in app.registered_groups if g.name == group]
    assert info.typer_instance is not None
    return {c.name or "" for c in info.typer_instance.registered_commands}


def test_a_group_keeps_only_the_subcommand_the_run_names() -> None:
    assert _subcommands("log", ["list"]) == {"list"}
    assert _subcommands("log", ["list", "--exercise", "map"]) == {"list"}  # the first name, not an option's value
    assert _subcommands("plan", ["next"]) == {"next"}


@pytest.mark.parametrize("words", [[], ["lst"], ["--help"], ["--level", "beginner"]])
def test_a_run_that_names_no_subcommand_keeps_them_all(words: list[str]) -> None:
    assert {"add", "list", "edit", "delete", "export", "import", "map", "session"} <= _subcommands("log", words)
    assert {"start", "next"} <= _subcommands("plan", words)


def test_a_typo_still_gets_its_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "lst"]) == 2
    assert "Did you mean 'list'?" in capsys.readouterr().err
    assert main(["log", "list", "--limit", "1"]) == 0
