"""Terminal views of the catalogue and the plan: lists, the muscles page and the plan's weeks.

Fits the terminal's width (80 columns by default when not a terminal; 50 gets the narrow layouts);
rich honours NO_COLOR. The exercise card (`show`) lives in render.card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glutecoach.core.vocab import REGION_LABEL, REGIONS
from glutecoach.render.grid import Cell, Column, grid
from glutecoach.render.styled import Text
from glutecoach.render.terminal import bar, console, item, section
from glutecoach.render.terminal import bullet as _bullet
from glutecoach.render.terminal import para as _para
from glutecoach.render.terminal import width as _width

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue, Exercise, Goal, RegionInfo
    from glutecoach.render.musclemap import MuscleMap

MARK = {"emg": "", "emg-proxy": "~", "estimate": "?"}  # as the muscle map marks a basis
MARK_LEGEND = "No mark: measured in this exercise (EMG); ~ a close variant measured; ? an estimate, not measured."


def _name(ex: Exercise) -> list[tuple[str, str]]:
    return [(ex.name, ""), (ex.slug, "dim")]


def _mark(ex: Exercise, region: str) -> str:
    """The basis mark of a region's score ('gluteus-maximus': the less sure of its two portions)."""
    portions = REGIONS[:2] if region not in REGIONS else (region,)
    bases = {ex.basis[r] for r in portions}
    return "?" if "estimate" in bases else "~" if "emg-proxy" in bases else ""


def exercises(cat: Catalogue, items: list[Exercise], region: str | None) -> None:
    if not items:
        console.print(
            _para("No exercises match these filters; drop one (--level, --equipment, --movement, --pattern)."), end="", soft_wrap=True
        )
        return

    def kit(ex: Exercise) -> str:
        return ", ".join(ex.equipment) or "body weight"

    if region:
        label = REGION_LABEL.get(region, "gluteus maximus (mean of both portions)")
        columns = [Column("Exercise"), Column("Score", 11), Column("Level", 12), Column("Equipment")]
        rows: list[list[Cell]] = [
            [
                _name(ex),
                [(f"{ex.score_for(region):>3g}{_mark(ex, region):1} {bar(ex.score_for(region), 6)}", "bold green")],
                ex.level,
                kit(ex),
            ]
            for ex in items
        ]
        out = grid(columns, rows, _width(), title=f"Sorted by {label} score, highest first")
        out.append_text(
            _para(
                f"{len(items)} exercises. Score: expected mean %MVIC (0-100) of the {label} at the usual training load. {MARK_LEGEND}",
                "dim",
            )
        )
    else:
        columns = [Column("Exercise"), Column("Pattern", 13), Column("Level", 12), Column("Equipment")]
        rows = [[_name(ex), ex.pattern, ex.level, kit(ex)] for ex in items]
        out = grid(columns, rows, _width())
        out.append_text(
            _para(
                f"{len(items)} exercises. Sort by a region's score with --muscle (e.g. --muscle upper-glutes); "
                "see one with 'glutecoach show SLUG'.",
                "dim",
            )
        )
    console.print(out, end="", soft_wrap=True)


def exercise(cat: Catalogue, ex: Exercise, full: bool = False) -> None:
    from glutecoach.render import card

    card.show(cat, ex, full)


def _region_map(names: list[str]) -> MuscleMap:
    from glutecoach.render.musclemap import can_draw_blocks, muscle_map

    overview = len(names) == len(REGIONS)
    title = (
        "The gluteal regions, seen from behind (numbered as below)"
        if overview
        else f"Where the {' and '.join(REGION_LABEL[n] for n in names)} lies"
    )
    return muscle_map(
        {n: 100 for n in names},
        title=title,
        color=console.color,
        width=_width(),
        scale=False,
        regions=True,
        ascii=not can_draw_blocks(console.encoding),
        value_text=dict.fromkeys(names, ""),
    )


def regions(infos: list[tuple[RegionInfo, list[str]]], cat: Catalogue) -> None:
    console.print(_region_map([info.name for info, _ in infos if info.name in REGIONS]).text(console.width), end="", soft_wrap=True)
    total = _width()
    for info, top in infos:
        out = Text("\n")
        key = f"{REGIONS.index(info.name) + 1}  " if info.name in REGIONS else ""
        also = f"; also: {', '.join(info.aliases)}" if info.aliases else ""
        out.append_text(_para(f"{key}{REGION_LABEL.get(info.name, info.name).capitalize()} ({info.name}{also})", "bold"))
        out.append_text(_para(info.description))
        for f in info.functions:
            out.append_text(_bullet(f))
        if top and info.name in REGIONS:
            estimates = sum(1 for s in top if cat.exercises[s].basis[info.name] == "estimate")
            heading = "Top exercises, measured first (score 0-100; ~ close variant, ? estimate)"
            if estimates == len(top):
                heading = "Top exercises by estimate: none has a measured score for this region (? estimate)"
            out.append_text(section(heading))
            for slug in top:
                ex = cat.exercises[slug]
                out.append_text(item(f"{ex.scores[info.name]:>5}{MARK[ex.basis[info.name]]:1}  ", ex.name, slug, total))
        console.print(out, end="", soft_wrap=True)


def goals(items: list[Goal]) -> None:
    rows: list[list[Cell]] = [[[(g.name, "bold")], g.description] for g in items]
    out = grid([Column("Goal", 18), Column("What it is for")], rows, _width())
    out.append_text(_para("Use one with: glutecoach recommend --goal GOAL (or plan --goal GOAL).", "dim"))
    console.print(out, end="", soft_wrap=True)
