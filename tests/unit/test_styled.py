"""The views' styled text (render.styled) is rich's Text where glutecoach uses it, and the terminal
(render.terminal) decides what rich would decide: these hold both to rich itself, so that output to a
file or a pipe, written without loading rich, is exactly what rich wrote."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from typing import Any, Literal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len as rich_cell_len
from rich.console import Console
from rich.text import Text as RichText

from glutecoach.render import styled, terminal
from glutecoach.render.styled import Text

STYLES = st.sampled_from(["", "bold", "dim", "yellow", "bold green"])
WORDS = st.text(alphabet=st.sampled_from("ab é•—─█‾≡字\t"), min_size=0, max_size=12)


def test_every_character_counted_without_rich_is_one_cell_in_rich() -> None:
    assert all(rich_cell_len(ch) == 1 for ch in styled._single_cells())


@given(st.text(max_size=30))
@example("a\nb")
@example("字字 and •")
def test_cell_widths_are_richs(text: str) -> None:
    assert styled.cell_len(text) == rich_cell_len(text)


def _spans(t: Any) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, str(s.style)) for s in t.spans]


def _same(ours: Text, theirs: RichText) -> None:
    assert ours.plain == theirs.plain
    assert str(ours.style) == str(theirs.style)
    assert _spans(ours) == _spans(theirs)
    assert ours.cell_len == theirs.cell_len


ops = st.lists(
    st.one_of(
        st.tuples(st.just("append"), WORDS, STYLES),
        st.tuples(st.just("append_text"), WORDS, STYLES),
        st.tuples(st.just("add"), WORDS, STYLES),
        st.tuples(st.just("slice"), st.integers(0, 20), st.integers(0, 20)),
        st.tuples(st.just("rstrip"), st.just(""), st.just("")),
        st.tuples(st.just("truncate"), st.integers(1, 20), st.just("")),
    ),
    max_size=8,
)


@settings(max_examples=300)
@given(WORDS, STYLES, ops)
def test_a_text_built_as_the_views_build_it_is_richs(start: str, style: str, steps: list[tuple[Any, Any, Any]]) -> None:
    ours, theirs = Text(start, style=style), RichText(start, style=style)
    for name, a, b in steps:
        if name == "append":
            ours.append(a, style=b or None)
            theirs.append(a, style=b or None)
        elif name == "append_text":
            ours.append_text(Text(a, style=b))
            theirs.append_text(RichText(a, style=b))
        elif name == "add":
            ours, theirs = ours + Text(a, style=b), theirs + RichText(a, style=b)
        elif name == "slice":
            ours, theirs = ours[a:b], theirs[a:b]
        elif name == "rstrip":
            ours.rstrip()
            theirs.rstrip()
        else:
            ours.truncate(a, overflow="crop")
            theirs.truncate(a, overflow="crop")
        _same(ours, theirs)
    _same(Text("\n").join([ours, Text("x", style="dim")]), RichText("\n").join([theirs, RichText("x", style="dim")]))
    _same(ours, ours.to_rich())


@settings(max_examples=300)
@given(st.lists(st.tuples(WORDS, STYLES), min_size=1, max_size=6), st.integers(1, 30))
@example([("Where it works: score 0-100, the expected mean %MVIC at the usual training load", "bold")], 50)
@example([("a" * 45, "")], 20)
def test_a_wrapped_text_is_wrapped_as_rich_wraps_it(parts: list[tuple[str, str]], width: int) -> None:
    ours, theirs = Text(), RichText()
    for words, style in parts:
        ours.append(words, style=style or None)
        theirs.append(words, style=style or None)
    quiet = Console(file=io.StringIO(), color_system=None, legacy_windows=False, width=200)
    wrapped = ours.wrap(width)
    expected = list(theirs.wrap(quiet, width, overflow="fold"))
    assert len(wrapped) == len(expected)
    for mine, rich_line in zip(wrapped, expected, strict=True):
        _same(mine, rich_line)


ENVIRONMENTS = [
    {},
    {"COLUMNS": "57"},
    {"COLUMNS": "0"},
    {"COLUMNS": "wide"},
    {"FORCE_COLOR": "1"},
    {"FORCE_COLOR": ""},
    {"TTY_COMPATIBLE": "1"},
    {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
    {"NO_COLOR": "1", "COLUMNS": "120"},
    {"TERM": "dumb", "FORCE_COLOR": "1"},
]


def _terminal_in(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """Exactly `env` for the variables rich and render.terminal read, and a stream (not a tty) for stdout."""
    for name in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "TERM", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    return stream


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_the_terminal_decides_as_rich_decides(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain (nothing painted), the width and the colour, as a rich Console over the same stream says."""
    _terminal_in(env, monkeypatch)
    ours, theirs = terminal.Terminal(), Console(highlight=False)
    assert ours.plain == (theirs.color_system is None and not theirs.is_terminal)
    assert ours.width == theirs.width
    assert ours.color == (theirs.color_system is not None and not theirs.no_color)
    assert ours.encoding == theirs.encoding


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**environment, **env}, check=False)


@pytest.mark.parametrize("args", [["plan", "next"], ["progress"], ["show", "hip-thrust"], ["muscles"], ["plan", "--level", "beginner"]])
def test_output_to_a_pipe_never_loads_rich_and_colour_loads_only_its_styles(args: list[str], tmp_path: Any) -> None:
    """rich.console and rich.text cost about 19 ms to import: a file or a pipe gets the same characters
    without rich, and a colour terminal gets rich's escape codes from rich.style alone."""
    code = (
        "import sys\nfrom glutecoach.__main__ import main\n"
        f"code = main({args!r})\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write('RICH ' + str(sorted(m for m in sys.modules if m.split('.')[0] == 'rich')) + ' ' + str(code))\n"
    )
    plain = _run(code, GLUTECOACH_HOME=str(tmp_path), COLUMNS="80")
    assert plain.stderr.rstrip().endswith("RICH [] 0"), plain.stderr
    painted = _run(code, GLUTECOACH_HOME=str(tmp_path), COLUMNS="80", FORCE_COLOR="1")
    assert painted.stderr.rstrip().endswith(" 0") and "'rich.style'" in painted.stderr
    assert "'rich.console'" not in painted.stderr and "'rich.text'" not in painted.stderr
    assert "\x1b[" in painted.stdout
    assert painted.stdout.replace("\x1b", "") != plain.stdout  # painted, where the pipe got plain text


PAINTS = ["bold", "dim", "yellow", "green", "bold magenta", "#56b4e9", "bold #d55e00", "italic red"]


def _style_objects() -> list[Any]:
    from rich.style import Style

    return [Style(bgcolor="#e8a0a0", color="#3a0000"), Style(bold=True), Style(dim=True, bold=True), Style(bgcolor="#009e73")]


@settings(max_examples=300)
@given(
    st.lists(st.tuples(st.text(alphabet="ab \n█é", max_size=8), st.integers(0, len(PAINTS) + 3)), min_size=1, max_size=6),
    st.sampled_from(["", "bold", "dim"]),
    st.sampled_from(["truecolor", "256", "standard"]),
    st.booleans(),
)
@example([("line one\nline two", 0), ("\n", 2)], "dim", "standard", False)
def test_painted_text_is_what_rich_prints(parts: list[tuple[str, int]], base: str, system: str, no_color: bool) -> None:
    """styled.paint, byte for byte against a rich Console printing the same text (soft_wrap, as the
    views print), for every colour system rich detects and with NO_COLOR."""
    from rich.color import ColorSystem
    from rich.style import Style

    # rich keeps a style's escape codes on the style, whatever the colour system (one per process in
    # glutecoach): a fresh process's styles here, or one example's codes would serve the next's system
    Style.__dict__["parse"].__func__.cache_clear()
    Style._add.cache_clear()
    styles = [*PAINTS, *_style_objects()]
    ours = Text(style=base)
    for words, pick in parts:
        ours.append(words, style=styles[pick % len(styles)] if pick < len(styles) else None)
    chosen = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD}[system]
    buffer = io.StringIO()
    names: dict[str, Literal["standard", "256", "truecolor"]] = {"truecolor": "truecolor", "256": "256", "standard": "standard"}
    rich_console = Console(file=buffer, force_terminal=True, color_system=names[system], no_color=no_color, width=80)
    rich_console.print(ours.to_rich(), end="", soft_wrap=True)
    assert styled.paint(ours, chosen, no_color) == buffer.getvalue()


@pytest.mark.parametrize(
    "env",
    [
        {"FORCE_COLOR": "1"},
        {"FORCE_COLOR": "1", "COLORTERM": "truecolor"},
        {"FORCE_COLOR": "1", "TERM": "xterm-256color"},
        {"FORCE_COLOR": "1", "TERM": "xterm-16color"},
        {"FORCE_COLOR": "1", "TERM": "xterm-kitty"},
        {"FORCE_COLOR": "1", "TERM": "dumb"},
        {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "61"},
    ],
)
def test_a_painted_terminal_is_painted_as_rich_would(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The colour system, the width and the output of a view, as rich's own Console over the same stream."""
    stream = _terminal_in(env, monkeypatch)
    ours, theirs = terminal.Terminal(), Console(highlight=False)
    expected = {None: "rich", "truecolor": "truecolor", "256": "256", "standard": "standard"}[theirs.color_system]
    assert ours.mode == ("rich" if theirs.is_dumb_terminal else expected)
    assert (ours.width, ours.color) == (theirs.width, theirs.color_system is not None and not theirs.no_color)
    text = terminal.para("A paragraph long enough to wrap over the width of a narrow terminal, twice at least.", "bold")
    text.append_text(terminal.note("and a note"))
    ours.print(text, end="", soft_wrap=True)
    mine = stream.getvalue()
    stream.seek(0)
    stream.truncate()
    theirs.print(text.to_rich(), end="", soft_wrap=True)
    assert mine == stream.getvalue()
