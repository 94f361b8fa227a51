"""Terminal views of the training log: saved entries, the log, progress, plan next and the profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from glutecoach.core.rules import REGION_LABEL
from glutecoach.core.vocab import REGIONS
from glutecoach.render.grid import Column, grid
from glutecoach.render.terminal import bar, bullet as _bullet, console, note as _note, para as _para, width as _width

if TYPE_CHECKING:
    from glutecoach.core.next_session import NextSession
    from glutecoach.core.models import Entry
    from glutecoach.core.models import Catalogue
    from glutecoach.core.progress import Progress
    from glutecoach.core.models import SavedProfile


def _sets(e: Entry) -> str:
    parts = [f"{s.reps}x{s.load:g}" if s.load is not None else f"{s.reps}" for s in e.sets]
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
    name = cat.exercises[e.slug].name if e.slug in cat.exercises else e.slug
    extras = _extras(e)
    out = _para(f"Saved entry {e.id}: {e.date}, {name}, {_sets(e)}" + (f" ({extras})" if extras else "") + ".")
    if e.pain_score is not None and e.pain_score >= 4:
        out.append_text(_note("Pain 4/10 or more: 'glutecoach plan next' rests this exercise for two weeks and offers a pain-free regression."))
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
    name = lambda slug: cat.exercises[slug].name if cat and slug in cat.exercises else slug  # noqa: E731
    rows = [[str(e.id), e.date, [(name(e.slug), ""), (e.slug, "dim")], _sets(e), [(_extras(e), ""), (e.note or "", "dim")]] for e in items]
    columns = [Column("Id", 6, right=True), Column("Date", 10), Column("Exercise"), Column("Sets", 16), Column("Notes", 18)]
    console.print(grid(columns, rows, _width()), end="", soft_wrap=True)


SPARKS = "▁▂▃▄▅▆▇█"


def spark(values: tuple) -> str:
    """A sparkline of the numbers (blanks where a value is missing)."""
    numbers = [v for v in values if v is not None]
    if not numbers:
        return ""
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1
    return "".join(" " if v is None else SPARKS[int((v - low) / span * (len(SPARKS) - 1))] for v in values[-20:])


def progress(p: Progress) -> None:
    out = _para(f"Progress over {p.weeks} weeks (since {p.since})", "bold")
    if not p.exercises:
        out.append("No entries in that time. Log sessions with 'glutecoach log add'.\n")
        console.print(out, end="", soft_wrap=True)
        return
    rows = []
    for t in p.exercises:
        loads = [v for v in t.load_trend if v is not None]
        load = f"{spark(t.load_trend)} {loads[0]:g}->{loads[-1]:g}" if loads else "body weight"
        contact = [v for v in t.contact_trend if v is not None]
        rows.append([[(t.name, ""), (t.slug, "dim")], str(t.sessions), [(load, "green")], [(f"{spark(t.reps_trend)} {t.reps_trend[-1]}", "green")],
                     [(f"{spark(t.contact_trend)} {contact[-1]}", "green")] if contact else ""])
    out.append_text(grid([Column("Exercise"), Column("Sessions", 8, right=True), Column("Load", 16), Column("Reps", 12), Column("Contact", 10)], rows, _width()))
    out.append("\nSets per region per week (1 where the exercise scores 60+, 0.5 at 30-59)\n", style="bold")
    for w in p.by_week:
        out.append(f"{w.week}\n", style="dim")
        for r in REGIONS:
            n = w.region_sets[r]
            out.append(f"  {REGION_LABEL[r]:<22}")
            out.append(bar(min(100.0, n * 5), 10), style="green")
            out.append(f" {n:g}\n")
    console.print(out, end="", soft_wrap=True)


def next_session(n: NextSession) -> None:
    out = _para(f"Phase: {n.phase} (plan week {n.week}), next session: day {n.day}", "bold")
    if n.changes:
        out.append("\nChanges from your log\n", style="bold")
        for c in n.changes:
            out.append_text(_bullet(f"{c.action.upper()} {c.slug}" + (f" -> {c.to}" if c.to else "") + (f" until {c.until}" if c.until else "") + f": {c.reason}"))
    rows = [[[(e.name, ""), (e.slug, "dim")], f"{e.sets} x {e.reps[0]}-{e.reps[1]}", "" if e.load is None else f"{e.load:g}"] for e in n.next_session]
    out.append("\n")
    out.append_text(grid([Column("Exercise"), Column("Sets x reps", 12), Column("Load", 8, right=True)], rows, _width(), title="Next session"))
    for note in n.notes:
        out.append_text(_note(note))
    console.print(out, end="", soft_wrap=True)


def profile(p: SavedProfile) -> None:
    kit = "everything" if p.equipment is None else (", ".join(p.equipment) or "body weight only")
    out = Text()
    for key, value in (("Level", p.level or "(not set: beginner)"), ("Goal", p.goal or "(not set)"), ("Equipment", kit),
                       ("Pains", ", ".join(p.pains) or "none"), ("Units", p.units)):
        out.append(f"{key:<10} ", style="bold")
        out.append(f"{value}\n")
    console.print(out, end="", soft_wrap=True)
