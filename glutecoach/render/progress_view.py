"""The terminal view of `progress`: what changed over the window, on a dated axis.

In order: each main lift's top load per session as a column chart (▲ a new best in the window), with
its estimated 1RM said as an estimate; weekly hard sets per region as a strip against the level's
target band, with the last full week said in words (over, under, in); contact and pain each on its
own 0-10 chart; a table of every exercise, first to last; the map of the last full week.
Warm-ups count toward nothing here (core.progress leaves them out).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from glutecoach.core.progress import week_status
from glutecoach.core.vocab import REGIONS, UNIT_SHORT
from glutecoach.core.volume import SET_RULE
from glutecoach.render.charts import STATE_MARK, axis, dated_columns, strip
from glutecoach.render.grid import Column, grid
from glutecoach.render.styled import Text
from glutecoach.render.terminal import console, item, section
from glutecoach.render.terminal import note as _note
from glutecoach.render.terminal import para as _para
from glutecoach.render.terminal import width as _width
from glutecoach.render.text import safe

if TYPE_CHECKING:
    from glutecoach.core.progress import ExerciseTrend, Progress, WeekSets
    from glutecoach.render.musclemap import MuscleMap

SHORT = {
    "gluteus-maximus-upper": "upper",
    "gluteus-maximus-lower": "lower",
    "gluteus-medius": "medius",
    "gluteus-minimus": "minimus",
    "piriformis": "piriformis",
}


def _ascii() -> bool:
    from glutecoach.render.musclemap import can_draw_blocks

    return not can_draw_blocks(console.encoding)


def _print(text: Text) -> None:
    console.print(text, end="", soft_wrap=True)


def _lines(lines: list[Text]) -> Text:
    out = Text()
    for line in lines:
        out.append_text(line)
        out.append("\n")
    return out


def span(values: tuple[float | int | None, ...], unit: str = "") -> str:
    """'first → last unit' (or the one value); '' when there is none."""
    numbers = [v for v in values if v is not None]
    if not numbers:
        return ""
    text = f"{numbers[0]:g}" if len(numbers) == 1 else f"{numbers[0]:g} → {numbers[-1]:g}"
    return f"{text} {unit}".rstrip()


def _lift_summary(t: ExerciseTrend) -> str:
    loads = [(d, v) for d, v in zip(t.dates, t.load_trend, strict=True) if v is not None]
    best_day, best = max(loads, key=lambda p: p[1])  # the first day it was reached
    text = f"Top load {span(t.load_trend, t.units)}; best {best:g} {t.units} on {best_day}"
    estimates = [v for v in t.e1rm_trend if v is not None]
    if estimates:
        text += f"; estimated 1RM {estimates[-1]:g} {t.units} last time (an estimate from reps x load, not a test)"
    records = len(t.records)
    return text + (f"; {records} new best{'s' if records != 1 else ''} in the window." if records else "; no new best in the window.")


def _main_lifts(p: Progress, total: int, ascii: bool) -> Text:
    out = section(
        "Main lifts: top load per session, on the calendar (▲ a new best in this window)"
        if not ascii
        else "Main lifts: top load per session, on the calendar (^ a new best in this window)"
    )
    for t in p.main_lifts:
        out.append("\n")
        out.append_text(item("", t.name, t.slug, total, style="bold"))
        out.append_text(_para(_lift_summary(t), indent=""))
        points = [(d, v) for d, v in zip(t.dates, t.load_trend, strict=True) if v is not None]
        marks = [t.dates[i] for i in t.records]
        chart = dated_columns(
            points,
            p.since,
            p.until or p.by_week[-1].week,
            total,
            records=marks,
            ascii=ascii,
            style="green" if console.color else "",
            unit=t.units,
        )
        out.append_text(_lines(chart))
    return out


def _week_cells(weeks: tuple[WeekSets, ...], room: int) -> tuple[list[list[WeekSets]], int]:
    """The weeks grouped so they fit `room` cells: (groups, cells per group)."""
    if not weeks:
        return [], 1
    per = -(-len(weeks) // max(1, room))
    groups = [list(weeks[i : i + per]) for i in range(0, len(weeks), per)]
    return groups, max(1, min(3, room // len(groups)))


def _region_words(sets: float, target: tuple[int, int]) -> str:
    low, high = target
    state = week_status(sets, target)
    if state == "over":
        return f"{sets:g}, over by {sets - high:g}"
    if state == "under":
        return f"{sets:g}, under by {low - sets:g}"
    return f"{sets:g}, in range"


def _weekly_strip(p: Progress, total: int, ascii: bool) -> Text:
    weeks = p.every_week
    low, high = p.target
    marks = STATE_MARK[ascii]
    out = section(f"Hard sets per region per week, against your level's target of {low}-{high}")
    out.append_text(
        _para(
            f"{marks['in']} in range, {marks['under']} under, {marks['over']} over, {marks['none']} none; "
            "oldest on the left. Warm-ups and drills (effort below 3: practice) do not count.",
            "dim",
        )
    )
    label = max(len(s) for s in SHORT.values()) + 1
    groups, cell = _week_cells(weeks, total - label - 1)
    last = p.last_full_week
    for region in REGIONS:
        states = []
        for group in groups:
            sets = sum(w.region_sets[region] for w in group) / len(group)
            states.append("none" if sets == 0 else week_status(sets, p.target))
        line = Text(SHORT[region].ljust(label) + " ")
        line.append_text(strip(states, cell, ascii=ascii, color=console.color))
        over = sum(1 for w in weeks if week_status(w.region_sets[region], p.target) == "over")
        under = sum(1 for w in weeks if week_status(w.region_sets[region], p.target) == "under")
        words = f"week of {last.week}: {_region_words(last.region_sets[region], p.target)}; {over} over, {under} under"
        out.append_text(line)
        out.append("\n")
        out.append_text(_para(words, "dim", " " * (label + 1)))
    if weeks:
        end = (dt.date.fromisoformat(weeks[-1].week) + dt.timedelta(days=6)).isoformat()
        out.append_text(_lines(axis(weeks[0].week, end, len(groups) * cell, label + 1, ascii)))
    if len(groups) < len(weeks):
        out.append_text(_para(f"Each mark is {len(groups[0])} weeks, their mean.", "dim"))
    return out


def _scaled_trends(p: Progress, total: int, ascii: bool, field: str, title: str) -> Text:
    """One 0-10 chart per exercise that has two or more ratings of `field` (contact or pain)."""
    shown = [t for t in p.exercises if sum(v is not None for v in getattr(t, field)) >= 2]
    if not shown:
        return Text()
    out = section(title)
    for t in shown[:6]:
        values = getattr(t, field)
        points = [(d, float(v)) for d, v in zip(t.dates, values, strict=True) if v is not None]
        out.append_text(item("", t.name, t.slug, total))
        out.append_text(
            _lines(
                dated_columns(
                    points,
                    p.since,
                    p.until or p.by_week[-1].week,
                    total,
                    height=2,
                    scale=(0, 10),
                    ascii=ascii,
                    style="green" if console.color else "",
                )
            )
        )
    if len(shown) > 6:
        out.append_text(_para(f"And {len(shown) - 6} more in the table below.", "dim"))
    return out


def _per_set_total(t: ExerciseTrend) -> str:
    word = UNIT_SHORT.get(t.unit, t.unit)
    return span(t.reps_trend, word)


def _table(p: Progress, total: int) -> Text:
    rows = []
    for t in p.exercises:
        load = span(t.load_trend, t.units) or "body weight"
        pain = span(t.pain_trend) + (f", {t.pain_direction}" if t.pain_direction else "")
        rows.append([[(safe(t.name), ""), (safe(t.slug), "dim")], str(t.sessions), load, _per_set_total(t), span(t.contact_trend), pain])
    columns = [
        Column("Exercise"),
        Column("Sessions", 8, right=True),
        Column("Top load", 14),
        Column("Total per session", 14),
        Column("Contact 0-10", 8),
        Column("Pain 0-10", 10),
    ]
    out = section("Every exercise, first session → last")
    out.append_text(grid(columns, rows, total))
    return out


def progress(p: Progress) -> None:
    total, ascii = _width(), _ascii()
    out = _para(f"Progress over {p.weeks} weeks ({p.since} to {p.until or 'now'})", "bold")
    if not p.exercises:
        out.append_text(
            _para(
                "No entries in that time. Log sessions with 'glutecoach log add', e.g. "
                "glutecoach log add glute-bridge --sets 3 --reps 12 --contact 6"
            )
        )
        _print(out)
        return
    if p.main_lifts:
        out.append_text(_main_lifts(p, total, ascii))
    out.append_text(_weekly_strip(p, total, ascii))
    out.append_text(_scaled_trends(p, total, ascii, "contact_trend", "Contact 0-10 (how clearly you felt your glutes)"))
    out.append_text(_scaled_trends(p, total, ascii, "pain_trend", "Pain 0-10"))
    for t in p.exercises:
        if t.pain_trend and t.pain_trend[-1] is not None and t.pain_trend[-1] >= 4:
            out.append_text(
                _note(
                    f"{t.name}: pain {t.pain_trend[-1]}/10 last time ({t.pain_direction or 'one session'}); "
                    "'glutecoach plan next' rests it for two weeks and offers a pain-free regression."
                )
            )
    out.append_text(_table(p, total))
    out.append_text(_para(f"{SET_RULE} Upper and lower: the two portions of the gluteus maximus.", "dim"))
    out.append("\n")
    _print(out)
    console.print(_week_map(p).text(console.width), end="", soft_wrap=True)


def _week_map(p: Progress) -> MuscleMap:
    from glutecoach.render.export import week_map
    from glutecoach.render.musclemap import muscle_map

    values, text = week_map(p)
    low, high = p.target
    return muscle_map(
        values,
        title=f"The week of {p.last_full_week.week}, the last full week: hard sets per region against the {low}-{high} target",
        caption=f"Darker: nearer the top of the target ({high} sets).",
        color=console.color,
        width=_width(),
        ascii=_ascii(),
        value_text=text,
        scale=False,
    )
