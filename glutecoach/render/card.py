"""The exercise card (`show`): short by default, every figure and note with --full; sources listed once.

The short card: name and slug, pattern, dose unit, stance, level and equipment; the muscle map of its
five region scores with their basis; one line of evidence per region; cues, mistakes and cautions.
The full card adds every fact, progressions and regressions, the notes and every evidence line. Both
number each source once and cite it as [n]. Also used by render.export for the SVG and HTML files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glutecoach.core.record import NamedTuple
from glutecoach.core.vocab import BASIS_WORD, EVIDENCE_REGIONS, REGION_LABEL, REGIONS, UNIT_LONG

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue, Evidence, Exercise
    from glutecoach.render.styled import Text

# Which figure speaks for a region: a mean first, a peak (a supporting fact only) last.
_STAT_ORDER = {"mean": 0, "median": 1, "index": 2, "difference": 3, "qualitative": 4, "peak": 5}
_READ_ORDER = {"primary": 0, "review": 1, "secondary": 2}
VECTOR_WORDS = {
    "axial": "top to bottom, through the spine and legs (axial)",
    "anteroposterior": "front to back, across the hips (anteroposterior)",
    "lateral": "from the side (lateral)",
    "rotational": "twisting (rotational)",
}
PEAK_WORDS = {"shortened": "at lockout, the muscle short", "mid": "in mid-range", "lengthened": "in the stretch, the muscle long"}
STANCE_WORDS = {
    "bilateral": "both legs",
    "split": "split stance",
    "single-leg": "one leg",
    "supported": "supported (the body rests on the floor, a bench or a seat)",
}
FLEXION_WORDS = {"shallow": "under 60 degrees", "moderate": "60-90 degrees", "deep": "past 90 degrees"}


class Line(NamedTuple):
    """One region's line of evidence: the region, its score and basis, and the figure behind it."""

    region: str
    score: int
    basis: str
    figure: str  # '' when nothing was measured
    source: int  # its number in the source list (0: none)


def words(word: str) -> str:
    """A vocabulary word as prose: 'hip-extension' -> 'hip extension'."""
    return word.replace("-", " ")


def figure(e: Evidence, brief: bool) -> str:
    """An evidence entry as a phrase: '69.5 mean %MVIC, barbell hip thrust (estimated 10RM)'."""
    value = "" if e.value is None else f"{e.value:g} "
    if e.stat == "qualitative":
        head = f"{e.variant}; {e.scale}"
    elif e.stat in ("mean", "median", "peak"):
        head = f"{value}{e.stat} {e.scale}, {e.variant}"
    else:
        head = f"{value}{e.scale}, {e.variant}"
    load = e.load.split(";")[0].strip() if brief else e.load
    return f"{head}; {load}" if load else head


def _pick(ex: Exercise, region: str, cat: Catalogue) -> Evidence | None:
    """The evidence that best speaks for a region's score: a figure before a qualitative finding or a
    peak; then this region's own figure before a whole-muscle or segment one; a mean before other
    statistics; a primary reading before a review or a secondary one."""
    found = [
        (
            _STAT_ORDER.get(e.stat, 9) >= _STAT_ORDER["qualitative"],
            e.region != region,
            _STAT_ORDER.get(e.stat, 9),
            _READ_ORDER.get(_read_in(cat, e.source), 3),
            i,
            e,
        )
        for i, e in enumerate(ex.evidence)
        if region in EVIDENCE_REGIONS.get(e.region, ())
    ]
    return min(found)[-1] if found else None


def _read_in(cat: Catalogue, key: str) -> str:
    source = cat.sources.get(key)
    return (source.read_in or "") if source else ""


class Sources:
    """Sources numbered in the order first cited."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def number(self, key: str) -> int:
        if key not in self.keys:
            self.keys.append(key)
        return self.keys.index(key) + 1

    def citations(self, cat: Catalogue) -> list[str]:
        return [f"[{n}] {cat.sources[k].citation if k in cat.sources else k}" for n, k in enumerate(self.keys, 1)]


def region_lines(cat: Catalogue, ex: Exercise, sources: Sources) -> list[Line]:
    lines = []
    for region in REGIONS:
        e = _pick(ex, region, cat)
        lines.append(Line(region, ex.scores[region], ex.basis[region], figure(e, True) if e else "", sources.number(e.source) if e else 0))
    return lines


def region_text(line: Line) -> str:
    """'upper gluteus maximus 70, measured: 69.5 mean %MVIC, ... [1]'."""
    head = f"{REGION_LABEL[line.region]} {line.score}, {BASIS_WORD[line.basis]}"
    if line.figure:
        return f"{head}: {line.figure} [{line.source}]"
    return f"{head}: not measured in this exercise or a close variant"


def cautions(ex: Exercise) -> list[str]:
    """The conditions it loads, those with the same advice together: 'hip-pain, lateral-hip-pain (caution): ...'."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for c in ex.contraindications:
        grouped.setdefault((c.level, c.note), []).append(c.condition)
    return [f"{', '.join(conditions)} ({level}): {note}" for (level, note), conditions in grouped.items()]


def facts(ex: Exercise, full: bool) -> list[tuple[str, str]]:
    side = ", each side in turn" if ex.unilateral else ""
    out = [
        ("Pattern", words(ex.pattern)),
        ("Dose", f"counted in {UNIT_LONG.get(ex.unit, ex.unit)}{side}"),
        ("Stance", STANCE_WORDS.get(ex.stance, ex.stance)),
        ("Level", ex.level),
        ("Equipment", ", ".join(ex.equipment) or "body weight"),
    ]
    if not full:
        return out
    actions = [a for a in ex.joint_actions if a != ex.movement]
    peaks = "; ".join(f"{words(p.action)} {PEAK_WORDS.get(p.at, p.at)}" for p in ex.peaks)
    out += [
        ("Movement", words(ex.movement) + (f", with {', '.join(words(a) for a in actions)}" if actions else "")),
        ("Load", VECTOR_WORDS.get(ex.load_vector, ex.load_vector)),
        ("Hardest", peaks or "in mid-range"),
        ("Hip flexion", FLEXION_WORDS.get(ex.hip_flexion, ex.hip_flexion) + " at the deepest point"),
        ("Spine load", ex.spinal_load),
        (
            "Ratings",
            f"easy to feel {ex.contact_ease}/5, complexity {ex.complexity}/5, load potential {ex.load_potential}/5, effort {ex.effort}/5",
        ),
    ]
    if ex.loads:
        out.append(("Loads", ", ".join(words(x) for x in ex.loads)))
    if ex.aliases:
        out.append(("Also called", ", ".join(ex.aliases)))
    return out


def evidence_lines(cat: Catalogue, ex: Exercise, sources: Sources) -> list[str]:
    """Every evidence entry, for the full card: the region, the figure and its source number."""
    out = []
    for e in ex.evidence:
        region = REGION_LABEL.get(e.region, words(e.region))
        out.append(f"{region}: {figure(e, False)} [{sources.number(e.source)}]")
    return out


def show(cat: Catalogue, ex: Exercise, full: bool) -> None:
    """Print the card to the terminal."""
    from glutecoach.render.musclemap import can_draw_blocks, muscle_map
    from glutecoach.render.styled import Text
    from glutecoach.render.terminal import (
        bullet,
        console,
        item,
        para,
        section,
        width,
        wrap,
    )

    total = width()
    sources = Sources()
    lines = region_lines(cat, ex, sources)
    # The map and the evidence come first, so that a pager (or a short screen) opens on them.
    head = item("", ex.name, ex.slug, total, style="bold")
    console.print(head, end="", soft_wrap=True)
    where = muscle_map(
        ex.scores,
        ex.basis,
        title="Where it works: score 0-100, the expected mean %MVIC at the usual training load",
        color=console.color,
        width=total,
        ascii=not can_draw_blocks(console.encoding),
    )
    console.print(where.text(console.width), end="", soft_wrap=True)
    out = section("Evidence, one line per region (sources below)")
    for n, line in enumerate(lines, 1):
        out.append_text(bullet(f"{n} {region_text(line)}"))
    out.append_text(section("About it"))
    out.append_text(_about_text(ex, full, total))
    for title, items in (("Cues", list(ex.cues)), ("Mistakes", list(ex.mistakes)), ("Cautions", cautions(ex))):
        if items:
            out.append_text(section(title))
            for text in items:
                out.append_text(bullet(text))
    if full:
        out.append_text(_full_sections(cat, ex, sources, total))
    out.append_text(section("Sources"))
    for citation in sources.citations(cat):
        out.append("\n".join(wrap(citation, total, "  ", "      ")) + "\n")
    if not full:
        more = Text("\n")
        more.append_text(para("Every figure, note, progression and regression:", "dim"))
        more.append_text(para(f"glutecoach show {ex.slug} --full", "dim", indent="  "))
        out.append_text(more)
    console.print(out, end="", soft_wrap=True)


def _about_text(ex: Exercise, full: bool, total: int) -> Text:
    """The facts: one a line with the values in a column on the full card, one flowing paragraph on the short."""
    from glutecoach.render.grid import flow
    from glutecoach.render.styled import Text
    from glutecoach.render.terminal import wrap

    out = Text()
    if full:
        for key, value in facts(ex, full):
            folded = wrap(value, total, " " * 13)
            out.append(f"{key:<12} ", style="dim")
            out.append("\n".join([folded[0][13:], *folded[1:]]) + "\n")
    else:
        segments: list[tuple[str, str]] = []
        for key, value in facts(ex, full):
            segments += [(key, "dim"), (value + " ·", "")]
        segments[-1] = (segments[-1][0][:-2], "")
        out.append_text(flow(segments, total))
    return out


def _full_sections(cat: Catalogue, ex: Exercise, sources: Sources, total: int) -> Text:
    """What only the full card shows: progressions, regressions, notes and every evidence line
    (numbering their sources before the source list is printed)."""
    from glutecoach.render.styled import Text
    from glutecoach.render.terminal import bullet, item, section

    out = Text()
    for title, slugs in (("Progressions", ex.progressions), ("Regressions", ex.regressions)):
        if slugs:
            out.append_text(section(title))
            for slug in slugs:
                name = cat.exercises[slug].name if slug in cat.exercises else slug
                out.append_text(item("  • ", name, slug, total))
    if ex.notes:
        out.append_text(section("Notes"))
        for text in ex.notes:
            out.append_text(bullet(text))
    out.append_text(section("All evidence"))
    for text in evidence_lines(cat, ex, sources):
        out.append_text(bullet(text))
    return out
