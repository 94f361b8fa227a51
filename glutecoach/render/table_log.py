"""Terminal views of the training log: saved entries, the log, progress, plan next and the profile.

Progress draws every measure on one scale: contact and pain on their 0-10 scales, load (in the log's
unit) and reps from 0 to each exercise's highest, so a sparkline's jump means the same in every row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from glutecoach.core.person import PAIN_STOP
from glutecoach.core.vocab import REGIONS
from glutecoach.core.volume import SET_RULE
from glutecoach.render.grid import Column, flow, grid
from glutecoach.render.terminal import console, fits, item, section
from glutecoach.render.terminal import note as _note
from glutecoach.render.terminal import para as _para
from glutecoach.render.terminal import width as _width
from glutecoach.render.text import safe

if TYPE_CHECKING:
    from rich.table import Table

    from glutecoach.core.models import Catalogue, Entry, SavedProfile
    from glutecoach.core.progress import ExerciseTrend, Progress, WeekSets

SPARKS = "▁▂▃▄▅▆▇█"
SPARK_SESSIONS = 10  # the sparklines show the last this many sessions


_KIND_MARK = {"working": "", "warmup": "w:", "drop": "d:", "failure": "f:"}  # as --set writes them


def _sets(e: Entry) -> str:
    """'w:10x40, 10x60, 8x65 kg': a warm-up, drop set or set to failure marked as --set writes it."""
    parts = [_KIND_MARK.get(s.type, "") + (f"{s.reps}x{s.load:g}" if s.load is not None else f"{s.reps}") for s in e.sets]
    return ", ".join(parts) + (f" {e.units}" if any(s.load is not None for s in e.sets) else "")


def _extras(e: Entry) -> str:
    bits = []
    if e.contact is not None:
        bits.append(f"contact {e.contact}")
    if e.pain_score is not None:
        bits.append(f"pain {e.pain_score}")
    if e.rir is not None:
        bits.append(f"RIR {e.rir}")
    return ", ".join(bits)


def saved_entry(cat: Catalogue, e: Entry) -> None:
    from glutecoach.render.text import safe

    name = safe(cat.exercises[e.slug].name if e.slug in cat.exercises else e.slug)
    extras = _extras(e)
    out = _para(f"Saved entry {e.id}: {e.date}, {name}, {_sets(e)}" + (f" ({extras})" if extras else "") + ".")
    if e.pain_score is not None and e.pain_score >= PAIN_STOP:
        out.append_text(_note(f"Pain {PAIN_STOP}/10 or more: 'glutecoach plan next' rests this exercise for two weeks and offers a pain-free regression."))
    console.print(out, end="", soft_wrap=True)


def entries(cat: Catalogue | None, items: list[Entry], filtered: bool = False) -> None:
    if not items:
        text = (
            "No entries match. Widen the filter (--since, --exercise) or run 'glutecoach log list' for all."
            if filtered
            else "No entries yet. Add one with: glutecoach log add hip-thrust --sets 3 --reps 10 --load 60"
        )
        console.print(_para(text), end="", soft_wrap=True)
        return
    from glutecoach.render.text import safe

    name = lambda slug: safe(cat.exercises[slug].name if cat and slug in cat.exercises else slug)  # noqa: E731
    rows = [[str(e.id), e.date, [(name(e.slug), ""), (safe(e.slug), "dim")], _sets(e), [(_extras(e), ""), (safe(e.note or ""), "dim")]] for e in items]
    columns = [Column("Id", 6, right=True), Column("Date", 10), Column("Exercise"), Column("Sets", 16), Column("Notes", 18)]
    console.print(grid(columns, rows, _width()), end="", soft_wrap=True)


def spark(values: Sequence[float | None], low: float, high: float) -> str:
    """A sparkline of the numbers on the fixed scale low..high (a blank where a value is missing)."""
    span = (high - low) or 1
    cells = []
    for v in values[-SPARK_SESSIONS:]:
        if v is None:
            cells.append(" ")
        else:
            cells.append(SPARKS[round(max(0.0, min(1.0, (v - low) / span)) * (len(SPARKS) - 1))])
    return "".join(cells)


def _span(values: Sequence[float | None], unit: str = "") -> str:
    numbers = [v for v in values if v is not None]
    if not numbers:
        return ""
    text = f"{numbers[0]:g}" if len(numbers) == 1 else f"{numbers[0]:g} → {numbers[-1]:g}"
    return f"{text} {unit}".rstrip()


def _measures(t: ExerciseTrend) -> list[tuple[str, str, str]]:
    """(header, sparkline, first → last) for each measure of one exercise, each on its own scale."""
    loads = [v for v in t.load_trend if v is not None]
    pains = [v for v in t.pain_trend if v is not None]
    contacts = [v for v in t.contact_trend if v is not None]
    load = (spark(t.load_trend, 0, max(loads)), _span(loads, t.units)) if loads else ("", "body weight")
    pain = (spark(t.pain_trend, 0, 10), _span(pains) + (f", {t.pain_direction}" if t.pain_direction else "")) if pains else ("", "")
    return [
        ("Top load", *load),
        ("Total reps", spark(t.reps_trend, 0, max(t.reps_trend, default=0)), _span(t.reps_trend)),
        ("Contact 0-10", *((spark(t.contact_trend, 0, 10), _span(contacts)) if contacts else ("", ""))),
        ("Pain 0-10", *pain),
    ]


def _trend_table(p: Progress) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold")
    table.add_column("Exercise")
    table.add_column("Sessions", justify="right", no_wrap=True)
    for header in ("Top load", "Total reps", "Contact 0-10", "Pain 0-10"):
        table.add_column(header, no_wrap=True)
    for t in p.exercises:
        name = Text(safe(t.name) + "\n")
        name.append(safe(t.slug), style="dim")
        cells: list[Text | str] = [name, str(t.sessions)]
        for header, line, span in _measures(t):
            cell = Text(line + "\n", style="green")
            cell.append(span, style="bold" if header == "Pain 0-10" and span else "")
            cells.append(cell)
        table.add_row(*cells)
    return table


def _trend_blocks(p: Progress) -> Text:
    """The narrow layout: per exercise, its name and slug, then one line per measure."""
    out = Text()
    for t in p.exercises:
        out.append_text(item("", t.name, t.slug))
        out.append(f"  {t.sessions} session{'s' if t.sessions != 1 else ''}\n")
        for header, line, span in _measures(t):
            if span:
                out.append(f"  {header:<13}", style="dim")
                out.append(line + " " if line else "", style="green")
                out.append(span + "\n")
    return out


SHORT = {"gluteus-maximus-upper": "upper", "gluteus-maximus-lower": "lower", "gluteus-medius": "medius",
         "gluteus-minimus": "minimus", "piriformis": "piriformis"}


def _week_table(p: Progress) -> Table:
    from rich import box
    from rich.table import Table

    short = SHORT
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold")
    table.add_column("Week from", no_wrap=True)
    for r in REGIONS:
        table.add_column(short[r], justify="right", no_wrap=True)
    low, high = p.target
    for w in p.by_week:
        table.add_row(w.week, *(Text(f"{w.region_sets[r]:g}", style="bold" if low <= w.region_sets[r] <= high else "") for r in REGIONS))
    return table


def _week_lines(weeks: Sequence[WeekSets]) -> Text:
    out = Text()
    for w in weeks:
        segments = [(w.week, "bold")] + [(f"{SHORT[r]}\u00a0{w.region_sets[r]:g}" + ("," if r != REGIONS[-1] else ""), "") for r in REGIONS]
        out.append_text(flow(segments, _width(), "  "))
    return out


def progress(p: Progress) -> None:
    out = _para(f"Progress over {p.weeks} weeks (since {p.since})", "bold")
    if not p.exercises:
        out.append_text(_para("No entries in that time. Log sessions with 'glutecoach log add', e.g. glutecoach log add glute-bridge --sets 3 --reps 12 --contact 6"))
        console.print(out, end="", soft_wrap=True)
        return
    console.print(out, end="", soft_wrap=True)
    table = _trend_table(p)
    console.print(table if fits(table) else _trend_blocks(p))
    key = Text()
    key.append_text(_para(f"Sparklines: oldest to newest, the last {SPARK_SESSIONS} sessions; contact and pain on their 0-10 scales, "
                          "top load (in your log's unit) and total reps (all sets) from 0 to the exercise's highest.", "dim"))
    pained = [t for t in p.exercises if any(v is not None and v >= PAIN_STOP for v in t.pain_trend[-1:])]
    for t in pained:
        key.append_text(_note(f"{t.name}: pain {t.pain_trend[-1]}/10 last time ({t.pain_direction or 'one session'}); "
                              "'glutecoach plan next' rests it for two weeks and offers a pain-free regression."))
    low, high = p.target
    key.append_text(section("Fractional sets per region per week"))
    console.print(key, end="", soft_wrap=True)
    weeks = _week_table(p)
    console.print(weeks if fits(weeks) else _week_lines(p.by_week))
    rule = Text()
    rule.append_text(_para(f"{SET_RULE} Upper and lower: the two portions of the gluteus maximus. Your level's target: "
                           f"{low}-{high} sets a week per region (bold: in range).", "dim"))
    rule.append("\n")
    console.print(rule, end="", soft_wrap=True)
    console.print(_week_map(p))


def _week_map(p: Progress) -> object:
    from glutecoach.render.export import week_map
    from glutecoach.render.musclemap import can_draw_blocks, muscle_map

    values, text = week_map(p)
    low, high = p.target
    return muscle_map(
        values, title=f"This week (from {p.this_week.week}): fractional sets per region against the {low}-{high} target",
        caption=f"Darker: nearer the top of the target ({high} sets).", color=console.color, width=_width(),
        ascii=not can_draw_blocks(console.encoding), value_text=text, scale=False,
    )



def profile(p: SavedProfile) -> None:
    from rich.table import Table

    kit = "everything" if p.equipment is None else (", ".join(p.equipment) or "body weight only")
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for key, value in (("Level", p.level or "(not set: beginner)"), ("Goal", p.goal or "(not set)"), ("Equipment", kit),
                       ("Pains", ", ".join(p.pains) or "none"), ("Units", p.units)):
        table.add_row(key, safe(value))
    console.print(table)
    console.print(_para("Change any of them with 'glutecoach profile set' (e.g. --level intermediate); an option on a command wins for that run.", "dim"),
                  end="", soft_wrap=True)
