"""A light table laid out by hand into one rich Text: columns, wrapping, styles, and a narrow layout.

rich's Table measures and renders every cell as its own renderable; for the catalogue's 60-row
lists that cost 15-20 ms a command (measured), several times a minimal program's whole table. Laying
the rows out by hand and printing one Text costs about 2 ms and looks the same. It is kept for the
long lists (exercises, recommend, log list); the short views use rich's Table.

Widths are terminal cells (wide characters count double). A line breaks only between words, never at
a hyphen, so a slug is never cut: every column is at least as wide as its longest word. When the
columns cannot all fit that way, each row is stacked instead: its first columns on one line, then one
"Header: value" line per other column.
"""

from __future__ import annotations

from collections.abc import Sequence

from glutecoach.core.record import NamedTuple
from glutecoach.render.styled import Text, cell_len, chop_cells
from glutecoach.render.terminal import wrap
from glutecoach.render.text import safe

# A cell is plain text, or paragraphs of (text, style), each wrapped on its own lines.
Cell = str | Sequence[Sequence[str]]
GAP = 2


class Column(NamedTuple):
    header: str
    width: int = 0  # the width it asks for (it grows to its longest word); 0: a share of what is left
    right: bool = False


def _paragraphs(cell: Cell) -> list[tuple[str, str]]:
    return [(cell, "")] if isinstance(cell, str) else [(text, style) for text, style in cell]


def _lines(cell: Cell, width: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for text, style in _paragraphs(cell):
        if text.strip():  # an empty paragraph takes no line
            out.extend((line, style) for line in wrap(text, width))
    return out or [("", "")]


def _longest_word(cell: Cell) -> int:
    return max((cell_len(word) for text, _ in _paragraphs(cell) for word in text.split()), default=0)


def widths(columns: Sequence[Column], total: int, rows: Sequence[Sequence[Cell]] = (), gap: int = GAP) -> list[int] | None:
    """Each column's width in cells, or None when the columns cannot fit `total` with every word whole.

    Fixed columns get what they ask for (at least their longest word); when that leaves too little
    for the flexible ones, the fixed columns give back cells, the widest surplus first."""
    least = [max(cell_len(c.header), *(_longest_word(row[i]) for row in rows if i < len(row))) for i, c in enumerate(columns)]
    asked = [max(c.width, low) if c.width else 0 for c, low in zip(columns, least, strict=True)]
    flexible = [i for i, c in enumerate(columns) if not c.width]
    room = total - gap * (len(columns) - 1)
    short = sum(asked) + sum(least[i] for i in flexible) - room
    while short > 0:  # give back from the fixed column with the most cells above its longest word
        i = max((j for j in range(len(columns)) if columns[j].width), key=lambda j: asked[j] - least[j], default=None)
        if i is None or asked[i] <= least[i]:
            return None
        asked[i] -= 1
        short -= 1
    out = list(asked)
    left = room - sum(out)
    # Flexible columns share what is left; one whose longest word needs more than its share gets that.
    while flexible:
        share = left // len(flexible)
        needy = [i for i in flexible if least[i] > share]
        if not needy:
            for i in flexible:
                out[i] = share
            break
        for i in needy:
            out[i] = least[i]
            left -= least[i]
            flexible.remove(i)
    if sum(out) > room or any(w < 1 for w in out):
        return None
    # A flexible column is never wider than its longest paragraph: at 200 columns the score stays
    # next to the name instead of across the screen.
    for i, c in enumerate(columns):
        if not c.width:
            longest = max([cell_len(c.header), *(cell_len(text) for row in rows if i < len(row) for text, _ in _paragraphs(row[i]))])
            out[i] = min(out[i], max(least[i], longest))
    return out


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * max(0, width - cell_len(text))
    return space + text if right else text + space


def grid(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    total: int,
    title: str = "",
    after: dict[int, Text] | None = None,
) -> Text:
    """Rows under a bold header and a rule, fitted to `total` cells; `after[i]` follows row i."""
    out = Text()
    if title:
        out.append("\n".join(wrap(title, total)) + "\n", style="bold")
    w = widths(columns, total, rows)
    if w is None:
        return out.append_text(stacked(columns, rows, total, after))
    gap = " " * GAP
    header = gap.join(_pad(c.header, wi, c.right) for c, wi in zip(columns, w, strict=True))
    out.append(header.rstrip() + "\n", style="bold")
    out.append("─" * min(total, sum(w) + GAP * (len(w) - 1)) + "\n", style="dim")
    for index, row in enumerate(rows):
        cells = [_lines(cell, wi) for cell, wi in zip(row, w, strict=False)]
        height = max(len(c) for c in cells)
        for i in range(height):
            line = [cell[i] if i < len(cell) else ("", "") for cell in cells]
            last = max((j for j, (text, _) in enumerate(line) if text), default=0)
            for j in range(last + 1):
                text, style = line[j]
                padded = _pad(text, w[j], columns[j].right)
                out.append(padded if j < last else padded.rstrip(), style=style or None)
                if j < last:
                    out.append(gap)
            out.append("\n")
        if after and index in after:
            out.append_text(after[index])
    return out


def stacked(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], total: int, after: dict[int, Text] | None = None) -> Text:
    """The narrow layout: per row, the leading short columns and the main (first flexible) column,
    then the other columns flowed as "Header value · Header value" on indented lines."""
    main = next((i for i, c in enumerate(columns) if not c.width), 0)
    out = Text()
    for index, row in enumerate(rows):
        lead = safe(" ".join(text for cell in row[:main] for text, _ in _paragraphs(cell) if text.strip()))
        indent = " " * (cell_len(lead) + 1) if lead and cell_len(lead) < total // 3 else "  "
        hang = indent if lead else ""  # the main column's later lines: under its first
        first = True
        for text, style in _paragraphs(row[main]):
            for line in wrap(text, total - cell_len(indent)) if text.strip() else []:
                out.append(lead + " " if first and lead else hang)
                out.append(line + "\n", style=style or None)
                first = False
        if first and lead:
            out.append(lead + "\n")
        segments: list[tuple[str, str]] = []
        for column, cell in zip(columns[main + 1 :], row[main + 1 :], strict=False):
            for n, (text, style) in enumerate((t, s) for t, s in _paragraphs(cell) if t.strip()):
                if segments:
                    segments.append(("·" if n == 0 else ",", "dim"))
                if n == 0 and column.header:
                    segments.append((column.header, "dim"))
                segments.append((text, style))
        out.append_text(flow(segments, total, indent))
        if after and index in after:
            out.append_text(after[index])
    return out


def flow(segments: Sequence[tuple[str, str]], total: int, indent: str = "") -> Text:
    """Styled pieces of text run together into lines of at most `total` cells, broken between words
    (at spaces only: a no-break space, \\u00a0, binds a label to its value)."""
    out = Text()
    if not segments:
        return out
    out.append(indent)
    used, empty = cell_len(indent), True
    for text, style in segments:
        for word in filter(None, safe(text).split(" ")):
            size = cell_len(word)
            if not empty and used + 1 + size > total:
                out.append("\n" + indent)
                used, empty = cell_len(indent), True
            if not empty:
                out.append(" ")
                used += 1
            pieces = chop_cells(word, max(1, total - used)) if used + size > total else [word]
            for n, piece in enumerate(pieces):  # more than one only for a word wider than a line
                out.append(("\n" + indent if n else "") + piece, style=style or None)
            used, empty = (used if len(pieces) == 1 else cell_len(indent)) + cell_len(pieces[-1]), False
    out.append("\n")
    return out
