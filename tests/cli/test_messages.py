"""What glutecoach prints (issue 24, reliability turn 3 N15, N16, N17, N18, N20, N21, N22): bidi and control
characters escaped wherever text from files, options or the log reaches a terminal; click's usage errors
as one paragraph with exit 2; the line an unbalanced quote opens on."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from glutecoach.__main__ import main
from glutecoach.cli.app import app

runner = CliRunner()
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize(
    "args,needle",
    [
        (["recommend", "--top", "0"], "Error: --top must be between 1 and 100 (got 0)."),
        (["log", "list", "--bogus"], "Error: No such option: --bogus. See 'glutecoach log list --help'."),
        (["show"], "Error: Missing argument 'exercise'. See 'glutecoach show --help'."),
        (["progress", "--weeks", "200"], "Error: --weeks must be between 1 and 104 (got 200)."),
        (["nosuchcommand"], "Error: No such command 'nosuchcommand'. See 'glutecoach --help'."),
    ],
)
def test_a_usage_error_is_one_paragraph_and_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], needle: str) -> None:
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith(needle), err
    assert "Usage:" not in err and "Try " not in err


def test_help_and_a_good_command_still_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "Usage: glutecoach" in capsys.readouterr().out
    assert main(["goals"]) == 0


def test_bidi_controls_in_a_note_are_shown_as_escapes() -> None:
    note = "\u202eexe.live " + BIDI
    assert runner.invoke(app, ["log", "add", "glute-bridge", "--sets", "1", "--reps", "5", "--note", note]).exit_code == 0
    shown = runner.invoke(app, ["log", "list"]).stdout
    assert not any(c in shown for c in BIDI), shown
    assert "\\u202eexe.live" in shown


def test_bidi_controls_in_an_option_value_are_escaped_in_the_error() -> None:
    result = runner.invoke(app, ["show", "hip\u202ethrust"])
    assert result.exit_code == 2 and "\u202e" not in result.stderr and "hip\\u202ethrust" in result.stderr


def test_a_catalogue_file_name_is_escaped_when_reported_ok(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "examples" / "my-exercises.yaml"
    odd = tmp_path / "\x1b]0;pwned\x07\u202e.yaml"
    odd.write_bytes(source.read_bytes())
    result = runner.invoke(app, ["catalogue", "validate", str(odd)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\\x1b]0;pwned\\x07\\u202e.yaml: ok" in result.stdout


@pytest.mark.parametrize("args", [["show", "a\nb"], ["recommend", "--goal", "a\rb"]])
def test_a_line_break_in_an_option_value_keeps_the_error_one_line(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "a\\nb" in result.stderr or "a\\rb" in result.stderr


def test_n17_an_unbalanced_quote_is_named_at_its_line_not_the_end(tmp_path: Path) -> None:
    """The review's reproduction: `log import q.csv` said "line 4" for a quote opening on line 3."""
    path = tmp_path / "q.csv"
    path.write_text(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes\n"
        "2026-03-01 10:00:00;Lower;Hip Thrust (Barbell);1;60;kg;10;8;;;;;\n"
        '2026-03-01 10:00:00;"Lower;Hip Thrust (Barbell);2;70;kg;8;9;;;;;\n'
        "2026-03-01 10:00:00;Lower;Glute Bridge;1;0;kg;8;;;;;;\n"
    )
    result = runner.invoke(app, ["log", "import", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{path}, line 3: the CSV cannot be read: a quote opens a field on this line" in result.stderr
    assert "line 4" not in result.stderr and "Nothing was imported" in result.stderr
