"""Help that can be copied at any width (issue 25): at 50 to 200 columns, for every command and
subcommand, no option or value of an example is broken across lines (an example too long for the width
goes on over lines ending in a shell '\\', cut only between arguments), and no word of the help is cut at
a hyphen ('hip-' / 'replacement-posterior')."""

from __future__ import annotations

import inspect
import re
import shlex
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from glutecoach.cli.app import app

runner = CliRunner()
WIDTHS = [50, 80, 120, 200]


def commands(command: Any = None, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command of the app, groups included, with its path: (), ('log',), ('log', 'add'), ..."""
    command = command or get_command(app)
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from commands(sub, (*path, name))


ALL = list(commands())


def examples(text: str) -> list[list[str]]:
    """The words of each 'Example:' paragraph, its lines joined where they end in a shell continuation."""
    found = []
    for para in re.split(r"\n[ \t]*\n", text):
        body = para.removeprefix("\b\n").strip()
        if body.startswith("Example:"):
            joined = " ".join(line.strip().removesuffix("\\") for line in body.removeprefix("Example:").splitlines())
            found.append(shlex.split(joined, posix=False))
    return found


def test_every_command_is_walked() -> None:
    paths = {" ".join(p) for p, _ in ALL}
    assert {"", "log", "log add", "log session", "plan", "plan next", "plan start", "catalogue template", "profile set"} <= paths
    assert len(paths) >= 30


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path,command", ALL, ids=[" ".join(p) or "glutecoach" for p, _ in ALL])
def test_examples_are_never_broken_inside_a_word(path: tuple[str, ...], command: Any, width: int) -> None:
    written = examples(inspect.cleandoc(command.help or ""))
    assert written, f"'glutecoach {' '.join(path)}' has no example in its help"
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": str(width)}, terminal_width=width)
    assert result.exit_code == 0, result.output
    assert examples(result.stdout) == written, "every word of every example, whole, at this width"
    assert all(words[: 1 + len(path)] == ["glutecoach", *path] or not path for words in written)
    lines = result.stdout.splitlines()
    too_wide = [line for line in lines if len(line) > width and not line.startswith("Usage:")]
    assert not too_wide, too_wide
    cut = [(a, b) for a, b in pairwise(lines) if re.search(r"\w-$", a) and b.strip()]
    assert not cut, f"a word cut at a hyphen: {cut}"
