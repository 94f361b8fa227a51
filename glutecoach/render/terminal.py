"""The terminal console and the text helpers the table views share (rich, wrapped to the width)."""

from __future__ import annotations

import textwrap

from rich.console import Console
from rich.text import Text

console = Console(highlight=False)
BASIS_MARK = {"emg": "measured", "emg-proxy": "proxy", "estimate": "estimate"}
EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(score: float, width: int = 10) -> str:
    """A 0-100 score as a bar of `width` cells, to an eighth of a cell."""
    cells = max(0.0, min(100.0, score)) / 100 * width
    full = int(cells)
    part = EIGHTHS[int((cells - full) * 8)] if full < width else ""
    return ("█" * full + part.strip()).ljust(width)


def width() -> int:
    return max(40, console.width)


def para(text: str, style: str = "", indent: str = "") -> Text:
    """A paragraph wrapped to the console width."""
    lines = textwrap.wrap(text, width() - len(indent), initial_indent="", subsequent_indent="") or [""]
    return Text("\n".join(indent + line for line in lines) + "\n", style=style or None)


def bullet(text: str) -> Text:
    lines = textwrap.wrap(text, width() - 4) or [""]
    return Text("  • " + "\n    ".join(lines) + "\n")


def note(text: str) -> Text:
    return para("! " + text, "yellow")


