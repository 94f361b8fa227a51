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


@pytest.mark.parametrize("group", ["log", "plan"])
def test_a_groups_help_is_the_same_whether_its_subcommands_are_built_or_stand_ins(group: str) -> None:
    from clirun import ok, runner

    stand_ins = runner.invoke(build(group, []), [group, "--help"])
    assert stand_ins.exit_code == 0
    assert "Commands:" in stand_ins.stdout and stand_ins.stdout == ok(group, "--help")  # clirun's app builds all in full


def test_a_run_that_names_no_subcommand_never_builds_their_options() -> None:
    from typer.main import get_command

    (info,) = [g for g in build("plan", ["beginner"]).registered_groups if g.name == "plan"]
    assert info.typer_instance is not None
    built = get_command(info.typer_instance)
    assert all(c.params == [] for c in built.commands.values())  # type: ignore[attr-defined]
    assert {c.name for c in info.typer_instance.registered_commands} == {"start", "next"}


def test_a_typo_still_gets_its_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "lst"]) == 2
    assert "Did you mean 'list'?" in capsys.readouterr().err
    assert main(["log", "list", "--limit", "1"]) == 0


def test_a_groups_own_option_before_a_subcommand_is_refused_never_silently_ignored(capsys: pytest.CaptureFixture[str]) -> None:
    """`plan --level advanced next` ran the default plan as if --level had not been given: plan's own options
    do nothing for a subcommand, so before one they are a usage error (exit 2) that says where they go."""
    assert main(["plan", "--level", "advanced", "next"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "No such option: --level before 'next'" in err and "'glutecoach plan next --help'" in err
    assert main(["plan", "--weeks", "8", "start"]) == 2
    assert "--weeks before 'start'" in " ".join(capsys.readouterr().err.split())
    (info,) = [g for g in build("plan", ["next"]).registered_groups if g.name == "plan"]
    callback = info.typer_instance.registered_callback if info.typer_instance is not None else None
    assert callback is not None and getattr(callback.callback, "__name__", "") == "_subcommand_runs"  # plan's options never built
    assert main(["plan", "--level", "beginner", "--format", "json"]) == 0  # alone, plan keeps its options
