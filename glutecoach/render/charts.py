"""Terminal charts on a dated axis: a column chart of one measure per session and a strip of weekly
states, both as lists of rich Text lines no wider than asked.

Drawn by hand rather than with a charting library: the two shapes needed are a few dozen lines each,
and a library (plotext, asciichart) would add an import of 20-60 ms to `progress` for no gain in
what a person sees. The x axis is the calendar, not the session count: a month without sessions is
a gap, so a stall shows as one. Without colour every mark is a character (blocks, ▲, ·), so the
chart reads the same in black and white; `ascii=True` draws with ASCII only.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

from glutecoach.render.styled import Text

BLOCKS = {False: " ▁▂▃▄▅▆▇█", True: "  ..--==#"}  # eighths of a cell, 0-8
RECORD_MARK = {False: "▲", True: "^"}
ZERO_MARK = {False: "·", True: "."}
WEEKS_AXIS_UP_TO = 16  # weeks: a longer window is labelled by month


@functools.lru_cache(maxsize=2048)
def _day(text: str) -> dt.date:  # memoised: a chart places a thousand logged days in a window of two ends
    return dt.date.fromisoformat(text)


def column_of(day: str, since: str, until: str, columns: int) -> int:
    """The column (0 to columns-1) a day falls in, the window spread evenly over the columns."""
    span = max(1, (_day(until) - _day(since)).days + 1)
    index = (_day(day) - _day(since)).days
    return max(0, min(columns - 1, index * columns // span))


def _ticks(since: str, until: str, columns: int) -> list[tuple[int, str]]:
    """(column, label) for each week's Monday (short windows) or each month's first day (long ones)."""
    first, last = _day(since), _day(until)
    weekly = (last - first).days <= WEEKS_AXIS_UP_TO * 7
    out: list[tuple[int, str]] = []
    if weekly:
        day = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        while day <= last:
            out.append((column_of(day.isoformat(), since, until, columns), f"{day.day} {day:%b}"))
            day += dt.timedelta(weeks=1)
        return out
    day = (first.replace(day=1) + dt.timedelta(days=32)).replace(day=1) if first.day != 1 else first
    while day <= last:
        label = f"{day:%b}" + (f" {day.year}" if day.month == 1 or not out else "")
        out.append((column_of(day.isoformat(), since, until, columns), label))
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


def axis(since: str, until: str, columns: int, indent: int, ascii: bool = False) -> list[Text]:
    """The x axis under a chart: a rule with a tick per week or month, and the labels that fit."""
    ticks = _ticks(since, until, columns)
    rule = list(("-" if ascii else "─") * columns)
    labels = [" "] * columns
    free = 0
    for col, label in ticks:
        rule[col] = "+" if ascii else "┬"
        if col >= free and col + len(label) <= columns:
            labels[col : col + len(label)] = list(label)
            free = col + len(label) + 1
    corner = "+" if ascii else "└"
    return [Text(" " * (indent - 1) + corner + "".join(rule)), Text((" " * indent + "".join(labels)).rstrip())]


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:.0f}"


@functools.lru_cache(maxsize=512)
def _column(level: int | None, height: int, ascii: bool) -> str:
    """One column of a chart, top to bottom: `level` eighths of its height filled (None: no session in
    it, blank; 0: logged at zero, a dot on the axis)."""
    if level is None:
        return " " * height
    if level == 0:
        return " " * (height - 1) + ZERO_MARK[ascii]
    blocks = BLOCKS[ascii]
    return "".join(blocks[max(0, min(8, level - (height - 1 - row) * 8))] for row in range(height))


def dated_columns(
    points: Sequence[tuple[str, float]],
    since: str,
    until: str,
    width: int,
    *,
    height: int = 4,
    scale: tuple[float, float] | None = None,
    records: Sequence[str] = (),
    ascii: bool = False,
    style: str = "",
    unit: str = "",
) -> list[Text]:
    """A column chart of (day, value) points over the window since..until, `width` cells wide.

    Each column holds the highest value of its days; `scale` fixes the y axis (e.g. 0-10), else it
    runs from a little under the lowest value to the highest, so a change is not flattened by a
    scale from 0. Days in `records` get a mark above their column. A zero is drawn as a dot on the
    axis so that "logged, 0" differs from "not logged"."""
    if not points:
        return []
    low, high = scale if scale else (min(v for _, v in points), max(v for _, v in points))
    floor = low if scale else low - max((high - low) * 0.15, abs(high) * 0.02, 0.5)
    labels = (f"{_fmt(high)} {unit}".strip(), f"{_fmt(low)} {unit}".strip())
    indent = max(len(x) for x in labels) + 2
    columns = max(4, width - indent)
    top: dict[int, float] = {}
    marked: set[int] = set()
    first = _day(since).toordinal()
    span = max(1, _day(until).toordinal() - first + 1)
    for day, value in points:
        col = max(0, min(columns - 1, (_day(day).toordinal() - first) * columns // span))  # column_of, the window's ends read once
        top[col] = max(value, top.get(col, value))
        if day in records:
            marked.add(col)
    levels = {col: round(max(0.0, min(1.0, (v - floor) / ((high - floor) or 1))) * height * 8) for col, v in top.items()}
    lines: list[Text] = []
    if marked:
        mark = [" "] * columns
        for col in marked:
            mark[col] = RECORD_MARK[ascii]
        lines.append(Text(" " * indent + "".join(mark).rstrip(), style="bold"))
    rows = zip(*(_column(levels.get(col), height, ascii) for col in range(columns)), strict=True)  # each column drawn once
    for row, cells in enumerate(rows):
        label = labels[0] if row == 0 else labels[1] if row == height - 1 else ""
        line = Text(label.rjust(indent - 2) + " " + ("|" if ascii else "│"))
        line.append("".join(cells).rstrip(), style=style)
        lines.append(line)
    lines.extend(axis(since, until, columns, indent, ascii))
    return lines


STATE_MARK = {False: {"none": "·", "under": "▁", "in": "█", "over": "▲"}, True: {"none": ".", "under": "_", "in": "=", "over": "^"}}
STATE_STYLE = {"none": "dim", "under": "#56b4e9", "in": "#009e73", "over": "bold #d55e00"}  # Okabe-Ito sky blue, green, vermillion


def strip(states: Sequence[str], cell: int, *, ascii: bool = False, color: bool = False) -> Text:
    """One mark per week (`cell` cells wide each): 'none', 'under', 'in' or 'over'."""
    out = Text()
    for state in states:
        out.append(STATE_MARK[ascii][state] * cell, style=STATE_STYLE[state] if color else "")
    return out
