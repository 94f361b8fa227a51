"""The pager seam: long output on a terminal goes through a pager, as git does; never when piped,
never with --no-pager or the environment saying no, never for a command that asks questions."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from glutecoach.cli import pager


class FakeTerminal(io.StringIO):
    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def test_no_pager_is_taken_out_of_the_arguments_anywhere_before_a_double_dash() -> None:
    assert pager.strip_flag(["--no-pager", "show", "hip-thrust"]) == (["show", "hip-thrust"], True)
    assert pager.strip_flag(["show", "hip-thrust", "--no-pager"]) == (["show", "hip-thrust"], True)
    assert pager.strip_flag(["log", "add", "--", "--no-pager"]) == (["log", "add", "--", "--no-pager"], False)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, ["less"]),
        ({"PAGER": "more -s"}, ["more", "-s"]),
        ({"PAGER": "more", "GLUTECOACH_PAGER": "most"}, ["most"]),
        ({"GLUTECOACH_PAGER": ""}, None),
        ({"GLUTECOACH_PAGER": "cat"}, None),
        ({"PAGER": "less", "GLUTECOACH_NO_PAGER": "1"}, None),
    ],
)
def test_the_environment_chooses_the_pager_or_turns_it_off(environ: dict[str, str], expected: list[str] | None) -> None:
    assert pager.pager_command(environ) == expected


def test_never_when_piped_asked_not_to_or_asking_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GLUTECOACH_NO_PAGER", raising=False)
    monkeypatch.setenv("GLUTECOACH_PAGER", "less")
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert pager.wanted(["show", "hip-thrust"], False) is None  # a pipe or a file
    monkeypatch.setattr(sys, "stdout", FakeTerminal())
    assert pager.wanted(["show", "hip-thrust"], False) == ["less"]
    assert pager.wanted(["show", "hip-thrust"], True) is None
    assert pager.wanted(["log", "session"], False) is None and pager.wanted(["start"], False) is None


def test_output_that_fits_the_screen_is_written_straight_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINES", "24")
    out = io.StringIO()
    marker = tmp_path / "paged"
    pager.show("one\ntwo\n", [sys.executable, "-c", f"open({str(marker)!r}, 'w').write('x')"], out)
    assert out.getvalue() == "one\ntwo\n" and not marker.exists()


def test_a_tall_output_goes_through_the_pager_with_less_told_FRX(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINES", "24")
    monkeypatch.delenv("LESS", raising=False)
    got = tmp_path / "got"
    script = f"import os, sys; open({str(got)!r}, 'w').write(os.environ['LESS'] + '|' + sys.stdin.read())"
    out = io.StringIO()
    text = "".join(f"line {i}\n" for i in range(30))
    pager.show(text, [sys.executable, "-c", script], out)
    assert out.getvalue() == "" and got.read_text() == "FRX|" + text


def test_a_pager_that_cannot_start_leaves_the_text_on_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINES", "5")
    out = io.StringIO()
    pager.show("x\n" * 10, ["/nonexistent/pager"], out)
    assert out.getvalue() == "x\n" * 10


def test_the_command_sees_a_terminal_while_its_output_is_held(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GLUTECOACH_NO_PAGER", raising=False)
    monkeypatch.setenv("GLUTECOACH_PAGER", f"{sys.executable} -c pass")
    monkeypatch.setenv("LINES", "50")
    screen = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", screen)
    with pager.paged(["goals"]):
        assert sys.stdout is not screen and sys.stdout.isatty()
        print("short")
    assert sys.stdout is screen and screen.getvalue() == "short\n"
    assert os.environ["GLUTECOACH_PAGER"]  # untouched
