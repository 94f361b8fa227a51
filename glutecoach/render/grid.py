"""A light table laid out by hand into one rich Text: columns, wrapping, styles.

rich's Table measures and renders every cell as its own renderable; for the catalogue's 60-row
lists that cost 15-20 ms a command (measured), several times a minimal program's whole table. Laying
the rows out with textwrap and printing one Text costs about 2 ms and looks the same.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import NamedTuple, Union

from rich.text import Text

# A cell is plain text, or paragraphs of (text, style), each wrapped on its own lines.
Cell = Union[str, Sequence[tuple[str, str]]]


class Column(NamedTuple):
    header: str
    width: int = 0  # 0: a share of what the fixed columns leave
    right: bool = False


def _lines(cell: Cell, width: int) -> list[tuple[str, str]]:
    paragraphs = [(cell, "")] if isinstance(cell, str) else list(cell)
    out: list[tuple[str, str]] = []
    for text, style in paragraphs:
        wrapped = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True) or [""]
        out.extend((line, style) for line in wrapped)
    return out


def widths(columns: Sequence[Column], total: int, gap: int = 2) -> list[int]:
    fixed = sum(c.width for c in columns) + gap * (len(columns) - 1)
    flexible = [c for c in columns if not c.width]
    share = max(8, (total - fixed) // len(flexible)) if flexible else 0
    return [c.width or share for c in columns]


def grid(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    total: int,
    title: str = "",
    after: dict[int, Text] | None = None,
) -> Text:
    """Rows under a bold header and a rule, fitted to `total` columns; `after[i]` follows row i."""
    w = widths(columns, total)
    gap = "  "
    out = Text()
    if title:
        out.append(title + "\n", style="bold")
    header = gap.join(c.header.rjust(wi) if c.right else c.header.ljust(wi) for c, wi in zip(columns, w))
    out.append(header.rstrip() + "\n", style="bold")
    out.append("─" * min(total, sum(w) + len(gap) * (len(w) - 1)) + "\n", style="dim")
    for index, row in enumerate(rows):
        cells = [_lines(cell, wi) for cell, wi in zip(row, w)]
        height = max(len(c) for c in cells)
        for i in range(height):
            line = [cell[i] if i < len(cell) else ("", "") for cell in cells]
            last = max((j for j, (text, _) in enumerate(line) if text), default=0)
            for j in range(last + 1):
                text, style = line[j]
                col, wi = columns[j], w[j]
                padded = text.rjust(wi) if col.right else text.ljust(wi)
                out.append(padded if j < last else padded.rstrip(), style=style or None)
                if j < last:
                    out.append(gap)
            out.append("\n")
        if after and index in after:
            out.append_text(after[index])
    return out
