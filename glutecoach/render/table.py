"""Terminal output: lists, cards and bars. The only module (with render.grid) that imports rich.

Fits the terminal's width (80 columns by default when not a terminal); rich honours NO_COLOR.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.text import Text

from glutecoach.core.rules import REGION_LABEL
from glutecoach.core.vocab import REGIONS
from glutecoach.render.grid import Column, grid
from glutecoach.render.terminal import BASIS_MARK, bar, bullet as _bullet, console, note as _note, para as _para, width as _width

if TYPE_CHECKING:
    from glutecoach.core.engine import Alternatives, Ranking
    from glutecoach.core.models import Catalogue, Exercise, Goal, RegionInfo
    from glutecoach.core.plan import Plan, Week

def _dose(sets: int, reps: tuple[int, int], rest_s: int, per_side: bool = False) -> str:
    side = "/side" if per_side else ""
    return f"{sets}x{reps[0]}-{reps[1]}{side}, {rest_s}s"


def _name(ex: Exercise) -> list[tuple[str, str]]:
    return [(ex.name, ""), (ex.slug, "dim")]


def exercises(cat: Catalogue, items: list[Exercise], region: str | None) -> None:
    if region:
        label = REGION_LABEL.get(region, "gluteus maximus (mean of both portions)")
        columns = [Column("Exercise"), Column("Score", 12), Column("Basis", 8), Column("Level", 12), Column("Equipment", 14)]
    else:
        label = ""
        columns = [Column("Exercise"), Column("Movement", 21), Column("Level", 12), Column("Equipment", 14)]
    rows = []
    for ex in items:
        row: list = [_name(ex)]
        if region:
            score = ex.score_for(region)
            portions = REGIONS[:2] if region not in REGIONS else (region,)
            basis = "/".join(dict.fromkeys(BASIS_MARK[ex.basis[r]] for r in portions))
            row += [[(f"{bar(score, 8)} {score:>3g}", "green")], basis]
        else:
            row.append(ex.movement)
        row += [ex.level, ", ".join(ex.equipment) or "body weight"]
        rows.append(row)
    out = grid(columns, rows, _width(), title=f"Sorted by {label}" if label else "")
    out.append_text(_para(f"{len(items)} exercises. Score: expected mean %MVIC at the usual training load, capped at 100.", "dim"))
    console.print(out, end="", soft_wrap=True)


def exercise(cat: Catalogue, ex: Exercise) -> None:
    out = Text()
    out.append(f"{ex.name}", style="bold")
    out.append(f"  ({ex.slug})\n", style="dim")
    out.append("─" * min(_width(), 78) + "\n", style="dim")
    for r in REGIONS:
        out.append(f"{REGION_LABEL[r]:<22}")
        out.append(f"{bar(ex.scores[r])} {ex.scores[r]:>3}", style="green")
        out.append(f"  {BASIS_MARK[ex.basis[r]]}\n", style="dim")
    out.append("\n")
    facts = [
        ("Movement", f"{ex.movement} ({', '.join(ex.joint_actions)})"),
        ("Load", f"{ex.load_vector} vector, peak tension {ex.peak_tension}"),
        ("Level", f"{ex.level}; {'one leg at a time' if ex.unilateral else 'both legs'}"),
        ("Equipment", ", ".join(ex.equipment) or "body weight"),
        ("Ratings", f"contact {ex.contact_ease}/5, complexity {ex.complexity}/5, load potential {ex.load_potential}/5"),
    ]
    if ex.aliases:
        facts.append(("Also called", ", ".join(ex.aliases)))
    for key, value in facts:
        lines = textwrap.wrap(value, _width() - 13) or [""]
        out.append(f"{key:<12} ", style="bold")
        out.append(("\n" + " " * 13).join(lines) + "\n")

    def section(title: str, lines: list[str]) -> None:
        if lines:
            out.append(f"\n{title}\n", style="bold")
            for line in lines:
                out.append_text(_bullet(line))

    section("Cues", list(ex.cues))
    section("Mistakes", list(ex.mistakes))
    name = lambda s: cat.exercises[s].name if s in cat.exercises else s  # noqa: E731
    section("Progressions", [name(s) for s in ex.progressions])
    section("Regressions", [name(s) for s in ex.regressions])
    section("Cautions", [f"{c.condition} ({c.level}): {c.note}" for c in ex.contraindications])
    section("Notes", list(ex.notes))
    section(
        "Evidence",
        [
            f"{e.region}: {'' if e.value is None else f'{e.value:g} '}{e.stat} {e.scale}; {e.variant}; {e.load}. "
            f"{cat.sources[e.source].citation}"
            for e in ex.evidence
        ],
    )
    console.print(out, end="", soft_wrap=True)


def regions(infos: list[tuple[RegionInfo, list[str]]], cat: Catalogue) -> None:
    out = Text()
    for info, top in infos:
        also = f"  (also: {', '.join(info.aliases)})" if info.aliases else ""
        out.append_text(_para(info.name + also, "bold"))
        out.append_text(_para(info.description))
        for f in info.functions:
            out.append_text(_bullet(f))
        tops = ", ".join(f"{cat.exercises[s].name} ({cat.exercises[s].scores[info.name]})" for s in top)
        out.append_text(_para(f"Top exercises: {tops}", "green"))
        out.append("\n")
    console.print(out, end="", soft_wrap=True)


def goals(items: list[Goal]) -> None:
    rows = [[g.name, g.description] for g in items]
    console.print(grid([Column("Goal", 18), Column("What it is for")], rows, _width()), end="", soft_wrap=True)


def _excluded_summary(r: Ranking) -> list[str]:
    groups: dict[str, list[str]] = {}
    for e in r.excluded:
        if e.kind == "equipment":
            key = "need equipment you do not have"
        elif e.kind == "level":
            key = f"are above {r.profile.level} level"
        elif e.kind == "goal":
            key = "are not used for this goal at your level"
        else:
            key = f"are to be avoided with {e.kind.split(':', 1)[1]} (see 'glutecoach show' for why)"
        groups.setdefault(key, []).append(e.slug)
    lines = []
    for reason, slugs in groups.items():
        sample = ", ".join(slugs[:4]) + (", ..." if len(slugs) > 4 else "")
        noun = "exercise" if len(slugs) == 1 else "exercises"
        lines.append(f"{len(slugs)} {noun} {reason} ({sample})")
    return lines


def ranking(r: Ranking, explain: bool) -> None:
    out = _para(f"{r.goal.name}: {r.goal.description}", "bold")
    columns = [Column("#", 2, right=True), Column("Exercise"), Column("Score", 5, right=True), Column("Why", 20), Column("Sets x reps, rest", 17)]
    rows = []
    explained: dict[int, Text] = {}
    for i, s in enumerate(r.items, 1):
        why = ("! " if any(x.rule == "caution" for x in s.reasons) else "") + s.main_reason
        rows.append([str(i), _name(s.exercise), f"{s.score:.1f}", why, _dose(s.dose.sets, s.dose.reps, s.dose.rest_s, s.exercise.unilateral)])
        if explain:
            explained[i - 1] = _explanation(s.reasons)
    out.append_text(grid(columns, rows, _width(), after=explained) if rows else Text("Nothing fits these filters; try more equipment or another level.\n"))
    for line in _excluded_summary(r):
        out.append_text(_para("Left out: " + line, "dim"))
    for note in r.notes:
        out.append_text(_note(note))
    console.print(out, end="", soft_wrap=True)


def _explanation(reasons: tuple) -> Text:
    """Every rule's points and reason, indented under its exercise."""
    out = Text()
    for reason in reasons:
        head = f"    {reason.points:+6.1f} {reason.rule}: "
        out.append(head, style="cyan")
        first = textwrap.wrap(reason.reason, _width() - len(head)) or [""]
        rest = textwrap.wrap(reason.reason[len(first[0]):].strip(), _width() - 8) if len(first) > 1 else []
        out.append(first[0] + "\n", style="dim")
        for line in rest:
            out.append(" " * 8 + line + "\n", style="dim")
    out.append("\n")
    return out


def alternatives(a: Alternatives) -> None:
    out = _para(f"Alternatives to {a.exercise.name}", "bold")
    columns = [Column("#", 2, right=True), Column("Exercise"), Column("Similar", 7, right=True), Column("Score", 5, right=True), Column("Why", 20)]
    rows = [
        [str(i), _name(s.exercise), f"{a.similarity[s.exercise.slug]:.0%}", f"{s.score:.1f}", s.main_reason]
        for i, s in enumerate(a.ranking.items, 1)
    ]
    out.append_text(grid(columns, rows, _width()) if rows else Text("Nothing fits these filters.\n"))
    for line in _excluded_summary(a.ranking):
        out.append_text(_para("Left out: " + line, "dim"))
    for note in a.ranking.notes:
        out.append_text(_note(note))
    console.print(out, end="", soft_wrap=True)


def _signature(week: Week) -> tuple:
    return (week.deload, tuple((e.exercise.slug, e.sets) for s in week.sessions for e in s.exercises))


def plan(p: Plan) -> None:
    out = _para(f"{p.weeks_total}-week {p.level} plan for {p.goal.name}, {p.days_per_week} days a week", "bold")
    for span in p.phases:
        weeks = [w for w in p.weeks if w.week in span.weeks]
        label = f"week {span.weeks[0]}" if len(span.weeks) == 1 else f"weeks {span.weeks[0]}-{span.weeks[-1]}"
        out.append("\n" + "═" * min(_width(), 78) + "\n", style="dim")
        out.append(f"{span.phase.name} ({label})\n", style="bold magenta")
        out.append_text(_para(span.phase.purpose))
        out.append_text(_para(f"Ranked for: {span.goal}. Move on when: {span.phase.advance_when}", "dim"))
        done: set[tuple] = set()
        for week in weeks:
            sig = _signature(week)
            if sig in done:
                continue
            done.add(sig)
            same = [w.week for w in weeks if _signature(w) == sig]
            out.append_text(_week(week, same, span.phase.contact_check))
    if p.substitutions:
        out.append("\nSubstitutions\n", style="bold")
        for s in p.substitutions:
            out.append_text(_bullet(s.reason))
    out.append("\n")
    for note in p.notes:
        out.append_text(_note(note))
    console.print(out, end="", soft_wrap=True)


def _week(week: Week, same: list[int], contact_check: bool) -> Text:
    title = f"Week {same[0]}" if len(same) == 1 else f"Weeks {', '.join(map(str, same))}"
    if week.deload:
        title += " (lighter week: one set fewer)"
    rows = []
    for s in week.sessions:
        for i, e in enumerate(s.exercises):
            rows.append([str(s.day) if i == 0 else "", _name(e.exercise), _dose(e.sets, e.reps, e.rest_s, e.per_side), [(e.cue, "dim")]])
    out = Text("\n")
    out.append_text(grid([Column("Day", 3), Column("Exercise", 24), Column("Dose", 17), Column("Cue")], rows, _width(), title=title))
    if contact_check:
        out.append_text(_para("After each exercise: rate 0-10 how clearly you felt your glutes; move on from an exercise rated 7+ twice.", "yellow"))
    else:
        out.append_text(_para("Progress each exercise: the top of its reps range on every set at 1-3 reps in reserve, then add 2.5-5% load or a set.", "yellow"))
    out.append_text(_para("Sets per region this week (a set counts 1 where the exercise scores 60+, 0.5 at 30-59):", "dim"))
    for r in REGIONS:
        n = week.region_sets[r]
        out.append(f"  {REGION_LABEL[r]:<22}")
        out.append(bar(min(100.0, n * 5), 10), style="green")
        out.append(f" {n:g}\n")
    return out



# The training log's views live in their own module; re-exported so render.show finds them here.
