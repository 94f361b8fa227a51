"""The dated column chart: the calendar is the x axis, a column's height is its value, a zero on a fixed
scale is a dot on the axis and a day without a session is blank, a new best is marked above its column."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from glutecoach.render.charts import BLOCKS, RECORD_MARK, ZERO_MARK, dated_columns

SINCE, UNTIL = "2026-01-05", "2026-02-01"  # four weeks: 28 days


def _cells(lines: list[str], ascii: bool, columns: int) -> list[str]:
    """The chart's rows of cells (what follows the y axis), padded to its number of columns."""
    bar = "|" if ascii else "│"
    return [line[line.index(bar) + 1 :].ljust(columns) for line in lines]


def _columns(axis_rule: str) -> int:
    """The chart's width in columns: the x axis's rule, after its corner."""
    return len(axis_rule.strip()) - 1


@pytest.mark.parametrize("ascii", [False, True])
def test_columns_rise_with_their_value_and_sit_on_the_calendar(ascii: bool) -> None:
    points = [("2026-01-05", 40.0), ("2026-01-19", 70.0), ("2026-02-01", 100.0)]
    lines = [t.plain for t in dated_columns(points, SINCE, UNTIL, 32, height=4, records=["2026-02-01"], ascii=ascii, unit="kg")]
    assert all(cell_len(line) <= 32 for line in lines)
    marks, chart, axis = lines[0], lines[1:5], lines[5:]
    columns = _columns(axis[0])
    assert columns == 32 - len("100 kg |")  # the labels' width, the rest for the columns
    cells = _cells(chart, ascii, columns)
    heights = [sum(row[c] != " " for row in cells) for c in range(columns)]
    filled = [c for c in range(columns) if heights[c]]
    assert len(filled) == 3 and filled[0] == 0 and filled[-1] == columns - 1  # the other days are blank
    assert filled[1] == pytest.approx(columns / 2, abs=1)  # 2026-01-19 half-way: the calendar, not the session count
    assert heights[filled[0]] < heights[filled[1]] < heights[filled[2]] == 4  # higher value, taller column
    low = filled[0]
    assert cells[-1][low] != " " and cells[0][low] == " "  # a column stands on the axis
    assert all(row[filled[-1]] == BLOCKS[ascii][8] for row in cells)  # the best fills its column to the top
    assert marks.rstrip().endswith(RECORD_MARK[ascii]) and marks.count(RECORD_MARK[ascii]) == 1
    assert "5 Jan" in axis[-1] and "26 Jan" in axis[-1]
    if ascii:
        assert all(line.isascii() for line in lines)


@pytest.mark.parametrize("ascii", [False, True])
def test_on_a_fixed_scale_a_zero_is_a_dot_on_the_axis_and_the_ends_are_kept(ascii: bool) -> None:
    lines = [t.plain for t in dated_columns([("2026-01-05", 0.0), ("2026-02-01", 10.0)], SINCE, UNTIL, 40, scale=(0.0, 10.0), ascii=ascii)]
    columns = _columns(lines[4])
    cells = _cells(lines[:4], ascii, columns)
    assert cells[-1][0] == ZERO_MARK[ascii] and all(row[0] == " " for row in cells[:-1])  # logged, 0: not blank
    last = 27 * columns // 28  # 2026-02-01, day 27 of the window's 28
    assert all(row[last] == BLOCKS[ascii][8] for row in cells)
    assert sum(row.count(" ") for row in cells) == 4 * columns - 5  # nothing else is drawn
    assert lines[0].lstrip().startswith("10") and lines[3].lstrip().startswith("0")
    assert dated_columns([], SINCE, UNTIL, 40) == []
