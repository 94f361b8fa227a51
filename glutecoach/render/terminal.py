"""The terminal and the text helpers the table views share: wrapped by cell width, words whole.

Widths are measured in terminal cells (render.styled.cell_len, rich's measure), so wide characters from
a user's catalogue count double; lines break only between words (never at a hyphen, so a slug stays
whole), and a word is folded only when it is wider than the whole line. Output to a file or a pipe is
written as plain text and a colour terminal is painted with rich.style, as rich would write both
(render.styled); a rich Console is made only where rich must decide (see Terminal).
"""

from __future__ import annotations

import builtins
import os
import sys
from typing import TYPE_CHECKING, Any

from glutecoach.render.styled import Text, cell_len, chop_cells, paint, rich_of
from glutecoach.render.text import safe

if TYPE_CHECKING:
    from rich.console import Console
    from rich.style import Style

BASIS_MARK = {"emg": "measured", "emg-proxy": "close variant", "estimate": "estimate"}
EIGHTHS = " ▏▎▍▌▋▊▉"
_ENVIRONMENT = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TERM", "TTY_COMPATIBLE", "COLORTERM")
_DEFAULT_WIDTH = 80  # rich's, when nothing says the width


def _rich_sees_a_terminal() -> bool:
    """rich.console.Console.is_terminal for sys.stdout, read from the same environment (TTY_COMPATIBLE,
    FORCE_COLOR, then the stream itself); a notebook counts as one (rich paints there)."""
    if hasattr(builtins, "get_ipython"):
        return True
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


_TERM_COLORS = {"kitty": "256", "256color": "256", "16color": "standard"}  # rich.console's, by TERM's suffix


def _colour_system() -> str | None:
    """rich's colour system for a terminal it paints (Console._detect_color_system): truecolor, 256 or
    standard; None where rich must decide (Windows, a notebook, a dumb terminal, whose width rich fixes)."""
    if sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return None
    term = os.environ.get("TERM", "").strip().lower()
    if term in ("dumb", "unknown"):
        return None
    if os.environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return "truecolor"
    return _TERM_COLORS.get(term.rpartition("-")[2], "standard")


def _plain_width() -> int:
    """rich's width where it paints nothing: COLUMNS, else the first standard stream's terminal size, else 80."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)  # 0 too, as rich reads it
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or _DEFAULT_WIDTH
        except (AttributeError, ValueError, OSError):
            continue
    return _DEFAULT_WIDTH


class Terminal:
    """This run's terminal, worked out from the environment the first time it is asked, and again when
    the environment or sys.stdout changes (the tests run many commands, at many widths, in one process).
    A file or a pipe gets plain text; a colour terminal gets rich's escape codes, made with rich.style
    alone (styled.paint); a rich Console is made only where rich must decide (Windows, a notebook, a
    dumb terminal) or print something other than text."""

    def __init__(self) -> None:
        self._console: Console | None = None
        self._made_for: tuple[object, ...] = ()
        self._width: int | None = None
        self._mode: str | None = None

    def _check(self) -> None:
        made_for = (sys.stdout, *(os.environ.get(name) for name in _ENVIRONMENT))
        if made_for != self._made_for:
            self._console, self._made_for, self._width, self._mode = None, made_for, None, None

    @property
    def mode(self) -> str:
        """'plain' (nothing painted: rich would write no escape code), 'truecolor', '256' or 'standard'
        (painted here as rich paints), or 'rich' (rich decides and paints)."""
        self._check()
        if self._mode is None:
            self._mode = "plain" if not _rich_sees_a_terminal() else (_colour_system() or "rich")
        return self._mode

    @property
    def plain(self) -> bool:
        return self.mode == "plain"

    def get(self) -> Console:
        self._check()
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False)
        return self._console

    def print(self, *objects: Any, **options: Any) -> None:
        mode = self.mode
        texts = all(type(o) is Text for o in objects) and options.get("soft_wrap") and set(options) <= {"soft_wrap", "end"}
        if texts and mode == "plain":
            # Into a file or a pipe, text already wrapped prints as it reads (rich would only split it into
            # segments and join them again: a plan's 190 lines, about 8 ms), and rich is never loaded.
            sys.stdout.write(" ".join(o.plain for o in objects) + options.get("end", "\n"))
            return
        if texts and mode != "rich":
            from rich.color import ColorSystem

            system = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD}[mode]
            sys.stdout.write(paint(Text(" ").join(objects), system, no_color=_no_color()) + options.get("end", "\n"))
            return
        self.get().print(*map(rich_of, objects), **options)

    @property
    def width(self) -> int:
        """The terminal's width, asked once per environment (a plan's 170 paragraphs each asked it: 6 ms
        of system calls)."""
        self._check()
        if self._width is None:
            self._width = self.get().width if self.mode == "rich" else _plain_width()
        return self._width

    @property
    def color(self) -> bool:
        """True when this terminal prints colour (not NO_COLOR, not a file or pipe without FORCE_COLOR)."""
        mode = self.mode
        if mode == "rich":
            con = self.get()
            return con.color_system is not None and not con.no_color
        return mode != "plain" and not _no_color()

    @property
    def encoding(self) -> str:
        if self.mode == "rich":
            return self.get().encoding
        return (getattr(sys.stdout, "encoding", None) or "utf-8").lower()


def _no_color() -> bool:
    return os.environ.get("NO_COLOR", "") != ""


console = Terminal()


def bar(score: float, width: int = 10) -> str:
    """A 0-100 score as a bar of `width` cells, to an eighth of a cell."""
    cells = max(0.0, min(100.0, score)) / 100 * width
    full = int(cells)
    part = EIGHTHS[int((cells - full) * 8)] if full < width else ""
    return ("█" * full + part.strip()).ljust(width)


def width() -> int:
    """The columns a view may use: the terminal's, at least 40."""
    return max(40, console.width)


def wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """`text` in lines of at most `width` cells, broken between words only (a hyphen never breaks a
    line); a word wider than a whole line is folded, the one case where a word is cut."""
    first, rest = indent, indent if subsequent is None else subsequent
    text = safe(text)  # text from a catalogue or a log never moves the cursor
    lines: list[str] = []
    line, used, empty = first, cell_len(first), True
    for word in text.split():
        size = cell_len(word)
        if not empty and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if not empty:
            lines.append(line)
            line, used = rest, cell_len(rest)
        room = max(1, width - used)
        while size > room:  # only a word wider than the line: fold it
            head, *_ = chop_cells(word, room)
            lines.append(line + head)
            word = word[len(head) :]
            line, used = rest, cell_len(rest)
            room, size = max(1, width - used), cell_len(word)
        line, used, empty = line + word, used + size, False
    lines.append(line)
    return [ln.rstrip() for ln in lines]


def para(text: str, style: str = "", indent: str = "") -> Text:
    """A paragraph wrapped to the console width, between words."""
    return Text("\n".join(wrap(text, width(), indent)) + "\n", style=style or "")


def bullet(text: str, style: str = "") -> Text:
    return Text("\n".join(wrap(text, width(), "  • ", "    ")) + "\n", style=style or "")


def note(text: str) -> Text:
    return para("! " + text, "yellow")


def item(prefix: str, name: str, slug: str, total: int | None = None, style: str = "") -> Text:
    """`prefix`, then an exercise's name with its slug after it when both fit on the line, else the
    slug on a line of its own, whole, so it can be copied into the next command; later lines are
    indented under the name."""
    total = width() if total is None else total
    pad = " " * cell_len(prefix)
    room = max(1, total - len(pad))
    out = Text(prefix)
    name, slug = safe(name), safe(slug)
    if cell_len(name) + 2 + cell_len(slug) <= room:
        out.append(name, style=style or None)
        out.append("  " + slug + "\n", style="dim")
        return out
    lines = wrap(name, room)
    out.append(lines[0] + "\n", style=style or None)
    for line in lines[1:]:
        out.append(pad + line + "\n", style=style or None)
    out.append(pad + slug + "\n", style="dim")
    return out


def section(title: str) -> Text:
    """A bold heading after a blank line, wrapped between words."""
    return Text("\n" + "\n".join(wrap(title, width())) + "\n", style="bold")


def joined(cells: list[tuple[str, Style | str]]) -> Text:
    """A line of (character, style) cells as one text, each run of cells in one style appended once: a
    muscle map is about 2,000 cells, and rich's append per cell cost 6 ms of `progress` and `show`
    (without colour a line is one run)."""
    text = Text()
    run: list[str] = []
    style: Style | str = ""
    for ch, cell_style in cells:
        if run and cell_style != style:
            text.append("".join(run), style=style)
            run = []
        style = cell_style
        run.append(ch)
    if run:
        text.append("".join(run), style=style)
    return text
