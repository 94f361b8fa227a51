"""`--format markdown` for `show` and `progress`: documents to paste into notes or send to a coach.

Plain Markdown (headings, lists, pipe tables), no rich and no colour; table cells have their pipes
escaped. The figures are the same as the terminal's; an estimate is said to be one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from glutecoach.core.progress import week_status
from glutecoach.core.vocab import BASIS_WORD, REGION_LABEL, REGIONS, UNIT_SHORT
from glutecoach.core.volume import SET_RULE

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue, Exercise
    from glutecoach.core.progress import Progress


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _list(title: str, items: Sequence[str]) -> list[str]:
    return [f"## {title}", "", *(f"- {_cell(i)}" for i in items), ""] if items else []


def exercise(cat: Catalogue, ex: Exercise, full: bool = False) -> str:
    from glutecoach.render import card

    sources = card.Sources()
    lines = card.region_lines(cat, ex, sources)
    out = [
        f"# {ex.name} (`{ex.slug}`)",
        "",
        "## Where it works",
        "",
        "Score 0-100: the expected mean %MVIC at the usual training load.",
        "",
    ]
    out += table(
        ["#", "Region", "Score", "Basis", "Evidence"],
        [
            [
                n,
                REGION_LABEL[line.region],
                line.score,
                BASIS_WORD[line.basis],
                f"{line.figure} [{line.source}]" if line.figure else "not measured in this exercise or a close variant",
            ]
            for n, line in enumerate(lines, 1)
        ],
    )
    out += ["## About it", "", *(f"- **{key}**: {_cell(value)}" for key, value in card.facts(ex, full)), ""]
    out += _list("Cues", list(ex.cues)) + _list("Mistakes", list(ex.mistakes)) + _list("Cautions", card.cautions(ex))
    if full:
        out += _list("Progressions", list(ex.progressions)) + _list("Regressions", list(ex.regressions))
    out += _list("Sources", sources.citations(cat))
    return "\n".join(out).rstrip() + "\n"


def progress(p: Progress) -> str:
    out = [f"# Progress over {p.weeks} weeks ({p.since} to {p.until})", ""]
    for t in p.main_lifts:
        out += [f"## {t.name} (`{t.slug}`): top load per session", ""]
        records = set(t.records)
        rows = [
            [d, f"{v:g} {t.units}", f"{e:g} {t.units} (estimate)" if e is not None else "-", "new best" if i in records else ""]
            for i, (d, v, e) in enumerate(zip(t.dates, t.load_trend, t.e1rm_trend or (None,) * len(t.dates), strict=True))
            if v is not None
        ]
        out += table(["Date", "Top load", "Estimated 1RM", "Record"], rows)
    low, high = p.target
    out += [f"## Hard sets per region per week (target {low}-{high})", ""]
    out += table(
        ["Week from", *(REGION_LABEL[r] for r in REGIONS)],
        [[w.week, *(f"{w.region_sets[r]:g} ({week_status(w.region_sets[r], p.target)})" for r in REGIONS)] for w in p.every_week],
    )
    out += ["## Every exercise, first session to last", ""]
    out += table(
        ["Exercise", "Slug", "Sessions", "Top load", "Total per session", "Contact 0-10", "Pain 0-10"],
        [
            [
                t.name,
                f"`{t.slug}`",
                t.sessions,
                _span(t.load_trend, t.units) or "body weight",
                _span(t.reps_trend, UNIT_SHORT.get(t.unit, t.unit)),
                _span(t.contact_trend),
                _span(t.pain_trend),
            ]
            for t in p.exercises
        ],
    )
    out += [SET_RULE, ""]
    return "\n".join(out).rstrip() + "\n"


def _span(values: Sequence[float | int | None], unit: str = "") -> str:
    numbers = [v for v in values if v is not None]
    if not numbers:
        return ""
    text = f"{numbers[0]:g}" if len(numbers) == 1 else f"{numbers[0]:g} → {numbers[-1]:g}"
    return f"{text} {unit}".rstrip()
