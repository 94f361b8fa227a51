"""`progress --format svg|html`: real charts on dated axes, drawn as SVG by hand.

Per main lift, top load per session (solid line, filled circles) and the estimated 1RM (dashed line,
open circles, said to be an estimate), new bests marked with a triangle and "PR"; weekly hard sets per
region as five small bar charts with the target band shaded, bars over the band hatched and under it
pale; contact and pain per exercise on one 0-10 chart each. Every series differs by line style and
marker as well as colour (Okabe-Ito), so the page reads in black and white. Then the map of the last
full week and the table. Hand-drawn because no charting library is light enough: matplotlib or
plotly would cost 0.3-1 s to import, several times `progress`'s whole run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from glutecoach.core.progress import week_status
from glutecoach.core.record import NamedTuple
from glutecoach.core.vocab import REGIONS
from glutecoach.core.volume import SET_RULE

if TYPE_CHECKING:
    from glutecoach.core.progress import Progress

FONT = 12
WIDTH = 760
PLOT_LEFT, PLOT_RIGHT = 70, 20
INK = {"load": "#0072b2", "e1rm": "#e69f00", "contact": "#009e73", "pain": "#d55e00"}  # Okabe-Ito
SHORT = {
    "gluteus-maximus-upper": "upper max",
    "gluteus-maximus-lower": "lower max",
    "gluteus-medius": "medius",
    "gluteus-minimus": "minimus",
    "piriformis": "piriformis",
}
STATE_FILL = {"in": "#009e73", "under": "#56b4e9", "over": "url(#over)"}


def _x(text: object) -> str:
    from glutecoach.render.export import escape

    return escape(text)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Series(NamedTuple):
    label: str
    points: tuple[tuple[str, float], ...]
    colour: str
    dash: str = ""  # stroke-dasharray; "" solid
    open_marker: bool = False  # open circles (an estimate) rather than filled


class Frame(NamedTuple):
    """The plot area of one chart and its scales."""

    x0: float
    y0: float
    width: float
    height: float
    since: dt.date
    days: int
    low: float
    high: float

    def x(self, day: str) -> float:
        return self.x0 + (_day(day) - self.since).days / max(1, self.days) * self.width

    def y(self, value: float) -> float:
        return self.y0 + self.height - (value - self.low) / ((self.high - self.low) or 1) * self.height


def _nice_range(values: Sequence[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = max((high - low) * 0.1, 1.0)
    return max(0.0, low - pad), high + pad


def _date_ticks(since: str, until: str) -> list[tuple[str, str]]:
    """(day, label): Mondays for a window of 16 weeks or less, else the first of each month."""
    first, last = _day(since), _day(until)
    out: list[tuple[str, str]] = []
    if (last - first).days <= 16 * 7:
        day = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        step = 1 if (last - first).days <= 8 * 7 else 2
        while day <= last:
            out.append((day.isoformat(), f"{day.day} {day:%b}"))
            day += dt.timedelta(weeks=step)
        return out
    day = first.replace(day=1)
    months = (last.year - first.year) * 12 + last.month - first.month
    step = 1 if months <= 14 else 2
    while day <= last:
        if day >= first:
            out.append((day.isoformat(), f"{day:%b}" + (f" {day.year}" if day.month == 1 or not out else "")))
        for _ in range(step):
            day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


def _axes(f: Frame, since: str, until: str, unit: str, y_ticks: Sequence[float]) -> list[str]:
    parts = [f'<rect x="{f.x0:g}" y="{f.y0:g}" width="{f.width:g}" height="{f.height:g}" fill="none" stroke="#999"/>']
    for value in y_ticks:
        y = f.y(value)
        parts.append(
            f'<line x1="{f.x0:g}" y1="{y:.1f}" x2="{f.x0 + f.width:g}" y2="{y:.1f}" stroke="#e3e3e3"/>'
            f'<text x="{f.x0 - 6:g}" y="{y + 4:.1f}" font-size="{FONT - 1}" text-anchor="end">{value:g}</text>'
        )
    parts.append(f'<text x="{f.x0 + 4:g}" y="{f.y0 + 12:g}" font-size="{FONT - 1}" fill="#444">{_x(unit)}</text>')
    for day, label in _date_ticks(since, until):
        x = f.x(day)
        parts.append(
            f'<line x1="{x:.1f}" y1="{f.y0 + f.height:g}" x2="{x:.1f}" y2="{f.y0 + f.height + 5:g}" stroke="#666"/>'
            f'<text class="tick" x="{x:.1f}" y="{f.y0 + f.height + 17:g}" font-size="{FONT - 1}" text-anchor="middle">{_x(label)}</text>'
        )
    return parts


def _y_ticks(low: float, high: float) -> list[float]:
    span = high - low
    step = next((s for s in (0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200) if span / s <= 5), 500)
    first = -(-low // step) * step
    return [first + i * step for i in range(int((high - first) // step) + 1)]


def _series(f: Frame, s: Series) -> list[str]:
    if not s.points:
        return []
    path = " ".join(f"{'M' if i == 0 else 'L'} {f.x(d):.1f} {f.y(v):.1f}" for i, (d, v) in enumerate(s.points))
    dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
    parts = [f'<path class="series" data-series="{_x(s.label)}" d="{path}" fill="none" stroke="{s.colour}" stroke-width="2"{dash}/>']
    fill = "#ffffff" if s.open_marker else s.colour
    parts.extend(
        f'<circle cx="{f.x(d):.1f}" cy="{f.y(v):.1f}" r="3" fill="{fill}" stroke="{s.colour}" stroke-width="1.5">'
        f"<title>{d}: {v:g}</title></circle>"
        for d, v in s.points
    )
    return parts


def _legend(x: float, y: float, items: Sequence[Series], extra: Sequence[str] = ()) -> list[str]:
    parts = []
    for s in items:
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        fill = "#ffffff" if s.open_marker else s.colour
        parts.append(
            f'<g class="legend"><line x1="{x:g}" y1="{y - 4:g}" x2="{x + 26:g}" y2="{y - 4:g}" stroke="{s.colour}" stroke-width="2"{dash}/>'
            f'<circle cx="{x + 13:g}" cy="{y - 4:g}" r="3" fill="{fill}" stroke="{s.colour}" stroke-width="1.5"/>'
            f'<text x="{x + 32:g}" y="{y:g}" font-size="{FONT}">{_x(s.label)}</text></g>'
        )
        x += 40 + len(s.label) * FONT * 0.55
    for text in extra:
        parts.append(f'<text x="{x:g}" y="{y:g}" font-size="{FONT}">{_x(text)}</text>')
        x += 20 + len(text) * FONT * 0.55
    return parts


def line_chart(
    y: float,
    title: str,
    series: Sequence[Series],
    since: str,
    until: str,
    unit: str,
    *,
    scale: tuple[float, float] | None = None,
    records: Sequence[tuple[str, float]] = (),
    legend_extra: Sequence[str] = (),
) -> tuple[list[str], float]:
    """A titled chart at height `y`: (its SVG parts, the height it takes)."""
    values = [v for s in series for _, v in s.points]
    low, high = scale if scale else _nice_range(values)
    f = Frame(PLOT_LEFT, y + 46, WIDTH - PLOT_LEFT - PLOT_RIGHT, 150, _day(since), (_day(until) - _day(since)).days, low, high)
    parts = [
        f'<g class="chart" data-title="{_x(title)}">',
        f'<text x="20" y="{y + 16:g}" font-size="{FONT + 2}" font-weight="bold">{_x(title)}</text>',
        *_legend(PLOT_LEFT, y + 34, series, legend_extra),
        *_axes(f, since, until, unit, _y_ticks(low, high)),
    ]
    for s in series:
        parts.extend(_series(f, s))
    for day, value in records:
        cx, cy = f.x(day), f.y(value)
        parts.append(
            f'<path class="record" d="M {cx:.1f} {cy - 14:.1f} L {cx - 5:.1f} {cy - 6:.1f} L {cx + 5:.1f} {cy - 6:.1f} Z" fill="#000">'
            f"<title>new best {day}: {value:g}</title></path>"
        )
    parts.append("</g>")
    return parts, f.height + 46 + 30


def _weekly(y: float, p: Progress) -> tuple[list[str], float]:
    weeks = p.every_week
    start = y
    low, high = p.target
    top = max([high * 1.25, *(w.region_sets[r] for w in weeks for r in REGIONS)])
    end = (_day(weeks[-1].week) + dt.timedelta(days=6)).isoformat() if weeks else p.until
    parts = [
        f'<text x="20" y="{y + 16:g}" font-size="{FONT + 2}" font-weight="bold">'
        f"Hard sets per region per week (target {low}-{high}, shaded)</text>"
    ]
    parts.extend(_legend(PLOT_LEFT, y + 34, (), ("solid: in range", "pale: under", "hatched: over")))
    y += 44
    panel = 70
    for region in REGIONS:
        f = Frame(
            PLOT_LEFT + 60, y, WIDTH - PLOT_LEFT - 90 - PLOT_RIGHT, panel - 22, _day(p.since), (_day(end) - _day(p.since)).days + 1, 0, top
        )
        parts.append(
            f'<g class="weekly" data-region="{region}">'
            f'<text x="20" y="{y + 20:g}" font-size="{FONT}">{_x(SHORT[region])}</text>'
            f'<rect x="{f.x0:g}" y="{f.y(high):.1f}" width="{f.width:g}" height="{f.y(low) - f.y(high):.1f}" fill="#dddddd"/>'
            f'<line x1="{f.x0:g}" y1="{f.y(0):.1f}" x2="{f.x0 + f.width:g}" y2="{f.y(0):.1f}" stroke="#666"/>'
            f'<text x="{f.x0 - 4:g}" y="{f.y(high) + 4:.1f}" font-size="{FONT - 2}" text-anchor="end">{high}</text>'
            f'<text x="{f.x0 - 4:g}" y="{f.y(low) + 4:.1f}" font-size="{FONT - 2}" text-anchor="end">{low}</text>'
        )
        bar = f.width / max(1, len(weeks)) * 0.8
        for w in weeks:
            sets = w.region_sets[region]
            if sets <= 0:
                continue
            state = week_status(sets, p.target)
            opacity = ' fill-opacity="0.45"' if state == "under" else ""
            parts.append(
                f'<rect class="bar {state}" x="{f.x(w.week):.1f}" y="{f.y(sets):.1f}" width="{bar:.1f}" height="{f.y(0) - f.y(sets):.1f}" '
                f'fill="{STATE_FILL[state]}" stroke="#333" stroke-width="0.5"{opacity}>'
                f"<title>week of {w.week}: {sets:g} sets, {state}</title></rect>"
            )
        parts.append("</g>")
        y += panel
    f = Frame(
        PLOT_LEFT + 60,
        y - panel,
        WIDTH - PLOT_LEFT - 90 - PLOT_RIGHT,
        panel - 22,
        _day(p.since),
        (_day(end) - _day(p.since)).days + 1,
        0,
        top,
    )
    parts.extend(part for part in _axes(f, p.since, end, "", ()) if 'class="tick"' in part)
    return parts, y - start + 30


def charts(p: Progress, y: float) -> tuple[list[str], float]:
    """Every chart of the page from height `y`: (parts, the new height)."""
    until = p.until or (p.by_week[-1].week if p.by_week else p.since)
    parts: list[str] = []
    for t in p.main_lifts:
        loads = tuple((d, v) for d, v in zip(t.dates, t.load_trend, strict=True) if v is not None)
        estimates = tuple((d, v) for d, v in zip(t.dates, t.e1rm_trend, strict=True) if v is not None)
        series = [Series(f"top load ({t.units}, logged)", loads, INK["load"])]
        if estimates:
            series.append(Series(f"estimated 1RM ({t.units}, an estimate)", estimates, INK["e1rm"], "6 4", True))
        records = [(t.dates[i], v) for i in t.records if (v := t.load_trend[i]) is not None]
        drawn, height = line_chart(
            y,
            f"{t.name}: top load per session",
            series,
            p.since,
            until,
            t.units,
            records=records,
            legend_extra=("▲ new best in this window",) if records else (),
        )
        parts.extend(drawn)
        y += height
    drawn, height = _weekly(y, p)
    parts.extend(drawn)
    y += height
    for t in p.exercises:
        series = [
            Series(
                label, tuple((d, float(v)) for d, v in zip(t.dates, values, strict=True) if v is not None), INK[key], dash, key == "pain"
            )
            for key, label, values, dash in (("contact", "contact 0-10", t.contact_trend, ""), ("pain", "pain 0-10", t.pain_trend, "3 3"))
        ]
        series = [s for s in series if len(s.points) >= 2]
        if series:
            drawn, height = line_chart(y, f"{t.name}: contact and pain", series, p.since, until, "0-10", scale=(0, 10))
            parts.extend(drawn)
            y += height
    return parts, y


DEFS = (
    '<defs><pattern id="over" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="6" height="6" fill="#d55e00"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>'
)


def document(p: Progress, week_map_svg: str, rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """The progress page as one SVG: the charts, the last full week's map (nested), the table, the rule."""
    y = 20.0
    title = f"Progress over {p.weeks} weeks ({p.since} to {p.until})"
    parts = [f'<text x="20" y="{y + 16:g}" font-size="{FONT + 6}" font-weight="bold">{_x(title)}</text>']
    drawn, y = charts(p, y + 36)
    parts.extend(drawn)
    inner = week_map_svg.split("?>", 1)[1].lstrip() if week_map_svg.startswith("<?xml") else week_map_svg
    map_width, map_height = _size(inner)
    parts.append(inner.replace("<svg ", f'<svg x="0" y="{y:g}" ', 1))
    y += map_height
    from glutecoach.render.musclemap_svg import _svg_wrap, _text_width

    table = [list(header), *(list(r) for r in rows)]
    widths = [max(_text_width(r[i], FONT) for r in table if i < len(r)) + 14 for i in range(len(header))]
    for row in table:
        y += FONT * 1.7
        x = 20.0
        for i, cell in enumerate(row):
            weight = ' font-weight="bold"' if row is table[0] else ""
            parts.append(f'<text x="{x:g}" y="{y:g}" font-size="{FONT}"{weight}>{_x(cell)}</text>')
            x += widths[i]
    y += FONT
    for line in _svg_wrap(SET_RULE + " Upper and lower: the two portions of the gluteus maximus.", 110):
        y += FONT * 1.4
        parts.append(f'<text x="20" y="{y:g}" font-size="{FONT - 1}" fill="#333">{_x(line)}</text>')
    total_width, total_height = max(WIDTH, map_width, 40 + sum(widths), 810), y + 20
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_width:.0f}" height="{total_height:.0f}" '
        f'viewBox="0 0 {total_width:.0f} {total_height:.0f}" font-family="sans-serif" role="img">\n'
        f'<title>{_x(title)}</title>\n<rect width="100%" height="100%" fill="#ffffff"/>\n{DEFS}\n' + "\n".join(parts) + "\n</svg>\n"
    )


def _size(svg_text: str) -> tuple[float, float]:
    import re

    found = re.search(r'width="([\d.]+)" height="([\d.]+)"', svg_text)
    return (float(found.group(1)), float(found.group(2))) if found else (700.0, 700.0)


def charts_only(p: Progress) -> str:
    """The charts as one SVG, for the HTML page (which adds the map and tables as HTML)."""
    parts, y = charts(p, 10.0)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{y + 10:.0f}" viewBox="0 0 {WIDTH} {y + 10:.0f}" '
        f'font-family="sans-serif" role="img"><title>Progress charts</title><rect width="100%" height="100%" fill="#ffffff"/>'
        f"{DEFS}" + "".join(parts) + "</svg>"
    )
