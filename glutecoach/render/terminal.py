"""The terminal console and the text helpers the table views share: wrapped by cell width, words whole.

Widths are measured in terminal cells (rich.cells.cell_len), so wide characters from a user's catalogue
count double; lines break only between words (never at a hyphen, so a slug stays whole), and a word is
folded only when it is wider than the whole line.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from rich.cells import cell_len, chop_cells
from rich.console import Console
from rich.style import Style
from rich.text import Text

from glutecoach.render.text import safe

BASIS_MARK = {"emg": "measured", "emg-proxy": "close variant", "estimate": "estimate"}
EIGHTHS = " ▏▎▍▌▋▊▉"
_ENVIRONMENT = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TERM")


class Terminal:
    """The console of this run, made from the environment the first time it is used, and made again
    when the environment or sys.stdout changes (the tests run many commands, at many widths, in one
    process; rich reads COLUMNS and NO_COLOR only when a Console is made)."""

    def __init__(self) -> None:
        self._console: Console | None = None
        self._made_for: tuple[object, ...] = ()
        self._width: int | None = None

    def get(self) -> Console:
        made_for = (sys.stdout, *(os.environ.get(name) for name in _ENVIRONMENT))
        if self._console is None or made_for != self._made_for:
            self._console, self._made_for, self._width = Console(highlight=False), made_for, None
        return self._console

    def print(self, *objects: Any, **options: Any) -> None:
        con = self.get()
        if options.get("soft_wrap") and not con.is_terminal and con.color_system is None and all(type(o) is Text for o in objects):
            # Into a file or a pipe without colour, text already wrapped prints as it reads: rich would only
            # split it into segments and join them again (a plan's 190 lines: about 8 ms).
            con.file.write(" ".join(o.plain for o in objects) + options.get("end", "\n"))
            return
        con.print(*objects, **options)

    @property
    def width(self) -> int:
        """The console's width, asked of the terminal once per console (a plan's 170 paragraphs each
        asked it: 6 ms of system calls)."""
        con = self.get()
        if self._width is None:
            self._width = con.width
        return self._width

    @property
    def color(self) -> bool:
        """True when this console prints colour (not NO_COLOR, not a file or pipe without FORCE_COLOR)."""
        con = self.get()
        return con.color_system is not None and not con.no_color

    @property
    def encoding(self) -> str:
        return self.get().encoding


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


def fits(table: Any, total: int | None = None) -> bool:
    """True when rich can lay out this Table in `total` cells without cutting a word or a no_wrap cell.

    rich clamps a Table's measurement to the width it is given and, when short of room, squeezes
    wrapping columns below their longest word; so the need is worked out here, per column: the
    longest word, or the whole line where the column must not wrap.
    """
    from rich.measure import Measurement

    con = console.get()
    total = width() if total is None else total
    wide = con.options.update_width(10_000)
    need, most = 0, 0
    for column in table.columns:
        sizes = [Measurement.get(con, wide, cell) for cell in (column.header, *column.cells)]
        cap = column.max_width or 10_000  # rich measures a column no wider than its max_width
        most += min(cap, max(m.maximum for m in sizes))
        need += max(m.maximum if column.no_wrap else m.minimum for m in sizes)
    extra = Measurement.get(con, wide, table).maximum - most  # padding and dividers
    return need + extra <= total


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
