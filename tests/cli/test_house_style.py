"""Help and errors in one house style (issue 25): every number option of every command, given a value below
or above its range, is refused as `plan --weeks` is ('--weeks must be between 4 and 16 (got 200).'), in one
line with exit 2; an unknown option is never answered with --help; and `markdown` is offered wherever a
document makes sense (show, progress, plan). Help examples at every width: test_help_examples.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args, get_type_hints

import pytest
from typer.main import get_command
from typer.models import OptionInfo

from glutecoach.__main__ import main
from glutecoach.cli.app import app

# (command, option): the arguments a run needs besides the option, and the option's range.
RANGES: dict[tuple[str, str], tuple[list[str], float, float]] = {
    ("recommend", "--top"): (["--goal", "glute-size"], 1, 100),
    ("alternatives", "--top"): (["hip-thrust"], 1, 100),
    ("progress", "--weeks"): ([], 1, 104),
    ("start", "--days-per-week"): (["--goal", "glute-size"], 1, 6),
    ("plan", "--weeks"): ([], 4, 16),
    ("plan", "--days-per-week"): ([], 1, 6),
    ("plan start", "--weeks"): ([], 4, 16),
    ("plan start", "--days-per-week"): ([], 1, 6),
    ("plan next", "--weeks"): ([], 4, 16),
    ("plan next", "--days-per-week"): ([], 1, 6),
    ("log list", "--limit"): ([], 1, 1_000_000),
    ("log add", "--sets"): (["hip-thrust", "--reps", "10"], 1, 50),
    ("log add", "--reps"): (["hip-thrust", "--sets", "3"], 1, 1000),
    ("log add", "--contact"): (["hip-thrust", "--sets", "3", "--reps", "10"], 0, 10),
    ("log add", "--pain-score"): (["hip-thrust", "--sets", "3", "--reps", "10"], 0, 10),
    ("log add", "--rir"): (["hip-thrust", "--sets", "3", "--reps", "10"], 0, 5),
    ("log edit", "--sets"): (["1", "--reps", "10"], 1, 50),
    ("log edit", "--reps"): (["1", "--sets", "3"], 1, 1000),
    ("log edit", "--contact"): (["1"], 0, 10),
    ("log edit", "--pain-score"): (["1"], 0, 10),
    ("log edit", "--rir"): (["1"], 0, 5),
}
# A range open at its low end cannot be worded "between": it says so, in the same shape.
OPEN_BELOW: dict[tuple[str, str], tuple[list[str], float, float]] = {("plan start", "--load-step"): ([], 0, 50)}


def number_options(command: Any = None, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """(command, option) for every int or float option, read from the commands' own annotations (the
    parsed parameters' attributes differ between typer versions)."""
    command = command or get_command(app)
    hints = get_type_hints(command.callback, include_extras=True) if command.callback else {}
    for hint in hints.values():
        info = next((m for m in getattr(hint, "__metadata__", ()) if isinstance(m, OptionInfo)), None)
        if info is not None and {int, float} & {hint.__origin__, *get_args(hint.__origin__)}:
            names = [n for n in (info.default, *(info.param_decls or ())) if isinstance(n, str) and n.startswith("--")]
            yield " ".join(path), max(names, key=len)  # in an Annotated option the first name sits in `default`
    for name, sub in getattr(command, "commands", {}).items():
        yield from number_options(sub, (*path, name))


def shown(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def test_every_number_option_has_its_range_checked_here() -> None:
    assert set(number_options()) == set(RANGES) | set(OPEN_BELOW)


@pytest.mark.parametrize("where", sorted(RANGES), ids=[" ".join(k) for k in sorted(RANGES)])
def test_out_of_range_is_worded_like_plan_weeks(capsys: pytest.CaptureFixture[str], where: tuple[str, str]) -> None:
    command, option = where
    rest, low, high = RANGES[where]
    for value in (low - 1, high + 1):
        assert main([*command.split(), *rest, option, shown(value)]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err == f"Error: {option} must be between {shown(low)} and {shown(high)} (got {shown(value)}).\n"
    assert "range" not in main_help(capsys, command), "the help shows no <int range> metavar nor click's 1<=x<=N"


def main_help(capsys: pytest.CaptureFixture[str], command: str) -> str:
    assert main([*command.split(), "--help"]) == 0
    return capsys.readouterr().out


def test_a_range_open_below_says_so_in_the_same_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "start", "--load-step", "0"]) == 2
    assert capsys.readouterr().err == "Error: --load-step must be above 0 and at most 50 kg (got 0).\n"


@pytest.mark.parametrize(
    "args,said",
    [
        (["recommend", "--equip", "band"], "Error: No such option: --equip. Did you mean --equipment?"),
        (["plan", "--days", "3"], "Error: No such option: --days. Did you mean --days-per-week?"),
        (["log", "add", "hip-thrust", "--pain-sc", "2"], "Error: No such option: --pain-sc. Did you mean --pain-score?"),
        (["recommend", "--hel"], "Error: No such option: --hel. Did you mean --level?"),
        (["log", "list", "--bogus"], "Error: No such option: --bogus. See"),
    ],
)
def test_option_suggestions_never_offer_help(capsys: pytest.CaptureFixture[str], args: list[str], said: str) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(said) and err.count("\n") == 1, err
    assert "--help?" not in err and "--help," not in err and "Possible options" not in err


@pytest.mark.parametrize("args", [["show", "hip-thrust"], ["progress"], ["plan"]])
def test_markdown_wherever_a_document_makes_sense(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert "markdown" in main_help(capsys, args[0])
    assert main([*args, "--format", "markdown"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# ") and "\n## " in text and "\x1b[" not in text
