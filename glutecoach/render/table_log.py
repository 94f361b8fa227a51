"""Terminal views of the training log: saved entries, the log and the profile (progress: render.progress_view)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from glutecoach.core import pain as pain_words
from glutecoach.render.grid import Column, grid
from glutecoach.render.terminal import console
from glutecoach.render.terminal import note as _note
from glutecoach.render.terminal import para as _para
from glutecoach.render.terminal import width as _width
from glutecoach.render.text import safe

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue, Entry, SavedProfile

SPARKS = "▁▂▃▄▅▆▇█"
SPARK_SESSIONS = 10  # the sparklines show the last this many sessions


_KIND_MARK = {"working": "", "warmup": "w:", "drop": "d:", "failure": "f:"}  # as --set writes them


def _sets(e: Entry, unit: str = "reps") -> str:
    """'w:10x40, 10x60, 8x65 kg': a warm-up, drop set or set to failure marked as --set writes it; a hold
    or a distance says its unit ('25 s, 25 s', '30 m x 20 kg')."""
    from glutecoach.core.vocab import UNIT_SHORT

    word = "" if unit == "reps" else " " + UNIT_SHORT.get(unit, unit)
    sep = " x " if word else "x"
    parts = [_KIND_MARK.get(s.type, "") + (f"{s.reps}{word}{sep}{s.load:g}" if s.load is not None else f"{s.reps}{word}") for s in e.sets]
    return ", ".join(parts) + (f" {e.units}" if any(s.load is not None for s in e.sets) else "")


def _unit(cat: Catalogue | None, slug: str) -> str:
    ex = cat.exercises.get(slug) if cat is not None else None
    return ex.unit if ex is not None else "reps"


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
    out = _para(f"Saved entry {e.id}: {e.date}, {name}, {_sets(e, _unit(cat, e.slug))}" + (f" ({extras})" if extras else "") + ".")
    if pain_words.hurt(e):  # the one definition plan next rests by
        what = pain_words.what_hurt(e)
        out.append_text(
            _note(f"{what[0].upper()}{what[1:]}: 'glutecoach plan next' rests this exercise for two weeks and offers one that spares it.")
        )
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
    rows = [
        [
            str(e.id),
            e.date,
            [(name(e.slug), ""), (safe(e.slug), "dim")],
            _sets(e, _unit(cat, e.slug)),
            [(_extras(e), ""), (safe(e.note or ""), "dim")],
        ]
        for e in items
    ]
    columns = [Column("Id", 6, right=True), Column("Date", 10), Column("Exercise"), Column("Sets", 16), Column("Notes", 18)]
    console.print(grid(columns, rows, _width()), end="", soft_wrap=True)


def profile(p: SavedProfile) -> None:
    from rich.table import Table

    kit = "everything" if p.equipment is None else (", ".join(p.equipment) or "body weight only")
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for key, value in (
        ("Level", p.level or "(not set: beginner)"),
        ("Goal", p.goal or "(not set)"),
        ("Equipment", kit),
        ("Conditions", ", ".join(p.pains) or "none"),
        ("Units", p.units),
    ):
        table.add_row(key, safe(value))
    if p.surgery_date is not None or p.cleared is not None:  # after a hip replacement
        cleared = {True: "cleared for full training", False: "not cleared yet", None: "clearance not recorded"}[p.cleared]
        table.add_row("Surgery", safe(f"{p.surgery_date or 'date not recorded'}; {cleared}"))
    console.print(table)
    console.print(
        _para(
            "Change any of them with 'glutecoach profile set' (e.g. --level intermediate); an option on a command wins for that run.", "dim"
        ),
        end="",
        soft_wrap=True,
    )
