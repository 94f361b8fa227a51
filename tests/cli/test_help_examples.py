"""Help examples that can be copied at any width: at 50 to 200 columns no option or value of an example is
broken across lines (an example too long for 50 columns is laid out over lines ending in a shell '\\')."""

from __future__ import annotations

import shlex

import pytest
from typer.testing import CliRunner

from glutecoach.cli.app import app

runner = CliRunner()
COMMANDS = ["log session", "log edit", "start", "catalogue template", "progress", "show", "muscles"]


def example(text: str) -> list[str]:
    """The example's words, its lines joined where they end in a shell continuation."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "Example:" in line)
    words: list[str] = []
    for line in [lines[start].split("Example:", 1)[1], *lines[start + 1 :]]:
        if not line.strip():
            if words:
                break
            continue
        words += shlex.split(line.rstrip().rstrip("\\"), posix=False)
        if not line.rstrip().endswith("\\") and words:
            break
    return words


@pytest.mark.parametrize("width", [50, 80, 120, 200])
@pytest.mark.parametrize("command", COMMANDS)
def test_examples_are_never_broken_inside_a_word(command: str, width: int) -> None:
    result = runner.invoke(app, [*command.split(), "--help"], env={"COLUMNS": str(width)}, terminal_width=width)
    assert result.exit_code == 0
    words = example(result.stdout)
    assert words[: 1 + command.count(" ") + 1] == ["glutecoach", *command.split()]
    whole = example(runner.invoke(app, [*command.split(), "--help"], env={"COLUMNS": "400"}, terminal_width=400).stdout)
    assert words == whole, "the same words at every width: none cut at a hyphen or a line's end"
