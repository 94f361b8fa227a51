"""Files to print or send to a coach: `--format svg` and `--format html` for show, plan and progress.

Each is self-contained (no scripts, no external references): the muscle map (render.musclemap.svg)
with the view's table; the HTML page embeds the same SVG and adds the table as HTML. All text is
escaped. They take core objects and return the document as a string; the CLI writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from glutecoach.core.vocab import BASIS_WORD, REGION_LABEL, REGIONS
from glutecoach.core.volume import SET_RULE

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue, Exercise
    from glutecoach.core.plan import Plan, Week
    from glutecoach.core.progress import ExerciseTrend, Progress

FORMATS = ("svg", "html")
_STYLE = (
    "body{font-family:sans-serif;max-width:62em;margin:2em auto;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}th,td{border-bottom:1px solid #ccc;padding:.3em .6em;"
    "text-align:left;vertical-align:top}th{border-bottom:2px solid #333}.slug{font-family:monospace;color:#555}"
    "figure{margin:1em 0}figure svg{max-width:100%;height:auto}"
)


def escape(text: object) -> str:
    """Text made safe for HTML and XML, quotes included; control characters dropped."""
    cleaned = "".join(ch for ch in str(text) if ch in "\n\t" or not (ord(ch) < 32 or 127 <= ord(ch) < 160))
    return cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], slug_column: int | None = None) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = [f'<td class="slug">{escape(c)}</td>' if i == slug_column else f"<td>{escape(c)}</td>" for i, c in enumerate(row)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"


def _list(title: str, items: Sequence[str], ordered: bool = False) -> str:
    if not items:
        return ""
    tag = "ol" if ordered else "ul"
    return f"<h2>{escape(title)}</h2>\n<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + f"</{tag}>"


def _page(title: str, svg_text: str, parts: Sequence[str]) -> str:
    figure = svg_text.split("?>", 1)[1].lstrip() if svg_text.startswith("<?xml") else svg_text
    body = "\n".join(p for p in parts if p)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n<figure>\n{figure}</figure>\n{body}\n</body>\n</html>\n"
    )


# --- show ---------------------------------------------------------------------------------------


def exercise(cat: Catalogue, ex: Exercise, fmt: str) -> str:
    from glutecoach.render import card
    from glutecoach.render.musclemap import svg

    sources = card.Sources()
    lines = card.region_lines(cat, ex, sources)
    header = ["#", "Region", "Score", "Basis", "Evidence"]
    rows = [
        [
            str(n),
            REGION_LABEL[line.region],
            str(line.score),
            BASIS_WORD[line.basis],
            f"{line.figure} [{line.source}]" if line.figure else "not measured in this exercise or a close variant",
        ]
        for n, line in enumerate(lines, 1)
    ]
    title = f"{ex.name} ({ex.slug})"
    facts = [f"{key}: {value}" for key, value in card.facts(ex, full=False)]
    if fmt == "svg":
        notes = [" · ".join(facts), *sources.citations(cat)]
        return svg(ex.scores, ex.basis, title=title, header=header, rows=rows, notes=notes)
    drawing = svg(ex.scores, ex.basis, title="Score 0-100: expected mean %MVIC at the usual training load")
    return _page(
        title,
        drawing,
        [
            f"<p>{escape(' · '.join(facts))}</p>",
            _table(header, rows),
            _list("Cues", ex.cues),
            _list("Mistakes", ex.mistakes),
            _list("Cautions", card.cautions(ex)),
            _list("Sources", sources.citations(cat)),
        ],
    )


# --- plan ---------------------------------------------------------------------------------------


def _signature(week: Week) -> tuple[Any, ...]:
    """What makes two weeks print the same: the deload and every exercise with its sets."""
    return (week.deload, tuple((e.exercise.slug, e.sets) for s in week.sessions for e in s.exercises))


def _plan_rows(p: Plan) -> list[list[str]]:
    from glutecoach.render.text import dose_text

    rows: list[list[str]] = []
    seen: set[tuple[Any, ...]] = set()
    for w in p.weeks:
        sig = _signature(w)
        if sig in seen:
            continue
        seen.add(sig)
        label = ", ".join(str(x.week) for x in p.weeks if _signature(x) == sig)
        for s in w.sessions:
            for e in s.exercises:
                rows.append([label, w.phase, str(s.day), e.exercise.name, e.exercise.slug, dose_text(e), e.cue])
    return rows


def plan(p: Plan, fmt: str, target: tuple[int, int] | None = None) -> str:
    """The plan: the map of its mean weekly fractional sets per region (against `target` when given)."""
    from glutecoach.render.musclemap import svg

    weeks = [w for w in p.weeks if not w.deload] or list(p.weeks)
    mean = {r: sum(w.region_sets[r] for w in weeks) / max(1, len(weeks)) for r in REGIONS}
    top = target[1] if target else max(20.0, *mean.values())
    values = {r: min(100.0, mean[r] / top * 100) for r in REGIONS}
    text = {r: f"{mean[r]:.1f}" + (f" of {target[0]}-{target[1]} sets" if target else " sets") for r in REGIONS}
    title = f"{p.weeks_total}-week {p.level} plan for {p.goal.name}, {p.days_per_week} days a week"
    rows = _plan_rows(p)
    rule = SET_RULE + " The map shows the mean per week" + (f" against the {target[0]}-{target[1]} target." if target else ".")
    if fmt == "svg":
        return svg(
            values,
            title=title,
            header=["Weeks", "Phase", "Day", "Exercise", "Slug", "Dose"],
            rows=[r[:6] for r in rows],
            value_text=text,
            notes=[rule, *p.notes],
            scale=False,
        )
    drawing = svg(values, title="Fractional sets per region, mean per week", value_text=text, scale=False)
    phases = [
        f"<p><strong>{escape(s.phase.name)}</strong> (weeks {s.weeks[0]}-{s.weeks[-1]}): {escape(s.phase.purpose)} "
        f"Move on when: {escape(s.phase.advance_when)}</p>"
        for s in p.phases
    ]
    return _page(
        title,
        drawing,
        [
            f"<p>{escape(rule)}</p>",
            *phases,
            _table(["Weeks", "Phase", "Day", "Exercise", "Slug", "Dose", "Cue"], rows, slug_column=4),
            _list("Substitutions", [s.reason for s in p.substitutions]),
            _list("Notes", p.notes),
        ],
    )


# --- progress -----------------------------------------------------------------------------------


def _span(values: Sequence[float | None], unit: str = "") -> str:
    numbers = [v for v in values if v is not None]
    if not numbers:
        return "-"
    first, last = numbers[0], numbers[-1]
    suffix = f" {unit}" if unit else ""
    return f"{first:g}{suffix}" if len(numbers) == 1 else f"{first:g} → {last:g}{suffix}"


def progress_rows(p: Progress) -> list[list[str]]:
    from glutecoach.core.vocab import UNIT_SHORT

    def pain(t: ExerciseTrend) -> str:
        shown = _span(t.pain_trend, "of 10")
        return shown + (f", {t.pain_direction}" if t.pain_direction else "")

    return [
        [
            t.name,
            t.slug,
            str(t.sessions),
            _span(t.load_trend, t.units) if any(v is not None for v in t.load_trend) else "body weight",
            _span(t.reps_trend, UNIT_SHORT.get(t.unit, t.unit)),
            _span(t.contact_trend, "of 10"),
            pain(t),
        ]
        for t in p.exercises
    ]


PROGRESS_HEADER = ["Exercise", "Slug", "Sessions", "Top load", "Total per session", "Contact 0-10", "Pain 0-10"]


def week_map(p: Progress) -> tuple[dict[str, float | None], dict[str, str]]:
    """The last full week's fractional sets per region as 0-100 of the target's top, and their words."""
    low, high = p.target
    sets = p.last_full_week.region_sets
    return ({r: min(100.0, sets[r] / high * 100) for r in REGIONS}, {r: f"{sets[r]:g} of {low}-{high} sets" for r in REGIONS})


def progress(p: Progress, fmt: str) -> str:
    """Charts on dated axes (render.progress_svg), the map of the last full week and the table."""
    from glutecoach.render import progress_svg
    from glutecoach.render.musclemap import svg

    values, text = week_map(p)
    title = f"Progress over {p.weeks} weeks (since {p.since})"
    rows = progress_rows(p)
    week = p.last_full_week.week
    map_title = f"The week of {week}, the last full week: hard sets per region against the {p.target[0]}-{p.target[1]} target"
    drawing = svg(values, title=map_title, value_text=text, scale=False)
    if fmt == "svg":
        return progress_svg.document(p, drawing, rows, PROGRESS_HEADER)
    weekly = _table(
        ["Week from", *(REGION_LABEL[r] for r in REGIONS)], [[w.week, *(f"{w.region_sets[r]:g}" for r in REGIONS)] for w in p.by_week]
    )
    return _page(
        title,
        progress_svg.charts_only(p),
        [
            f"<figure>{drawing.split('?>', 1)[1].lstrip()}</figure>",
            _table(PROGRESS_HEADER, rows, slug_column=1),
            "<h2>Sets per region per week</h2>",
            weekly,
            f"<p>{escape(SET_RULE)}</p>",
        ],
    )
