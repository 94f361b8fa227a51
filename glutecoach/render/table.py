"""Rich tables, cards and bars: the only module that imports rich. Fits 80 columns; NO_COLOR is honoured by rich."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from typing import TYPE_CHECKING

from ..rules import REGION_LABEL

if TYPE_CHECKING:
    from ..engine import Alternatives, Ranking
    from ..models import Catalogue, Exercise, Goal, RegionInfo
    from ..plan import Plan, Week
from ..vocab import REGIONS

console = Console(highlight=False)
BASIS_MARK = {"emg": "measured", "emg-proxy": "proxy", "estimate": "estimate"}


def bar(score: float, width: int = 10) -> Text:
    """A 0-100 score as a bar of `width` cells (eighths for precision)."""
    cells = max(0.0, min(100.0, score)) / 100 * width
    full = int(cells)
    part = " ▏▎▍▌▋▊▉"[int((cells - full) * 8)]
    text = "█" * full + (part if full < width and part != " " else "")
    return Text(text.ljust(width), style="green")


def _dose(sets: int, reps: tuple[int, int], rest_s: int, per_side: bool = False) -> str:
    side = "/side" if per_side else ""
    return f"{sets}x{reps[0]}-{reps[1]}{side}, {rest_s}s"


def exercises(cat: Catalogue, items: list[Exercise], region: str | None) -> None:
    title = f"Sorted by {REGION_LABEL.get(region, 'gluteus maximus (mean of both portions)')}" if region else None
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=title, title_justify="left")
    t.add_column("Exercise", overflow="fold", ratio=3)
    if region:
        t.add_column("Score", no_wrap=True)
        t.add_column("Basis", no_wrap=True)
    else:
        t.add_column("Movement", overflow="fold", ratio=2)
    t.add_column("Level", no_wrap=True)
    t.add_column("Equipment", overflow="fold", ratio=2)
    for ex in items:
        row: list[object] = [Text.assemble(ex.name, "\n", (ex.slug, "dim"))]
        if region:
            score = ex.score_for(region)
            regions = REGIONS[:2] if region not in REGIONS else (region,)
            basis = "/".join(dict.fromkeys(BASIS_MARK[ex.basis[r]] for r in regions))
            row += [Text.assemble(bar(score, 8), f" {score:>3g}"), basis]
        else:
            row.append(ex.movement)
        row += [ex.level, ", ".join(ex.equipment) or "body weight"]
        t.add_row(*row)
    console.print(t)
    console.print(Text(f"{len(items)} exercises. Scores: expected mean %MVIC at the usual training load, capped at 100.", style="dim"))


def card(cat: Catalogue, ex: Exercise) -> None:
    regions = Table(box=None, show_header=False, pad_edge=False)
    regions.add_column(no_wrap=True)
    regions.add_column(no_wrap=True)
    regions.add_column(justify="right", no_wrap=True)
    regions.add_column(no_wrap=True)
    for r in REGIONS:
        regions.add_row(REGION_LABEL[r], bar(ex.scores[r]), str(ex.scores[r]), f"[dim]{BASIS_MARK[ex.basis[r]]}[/dim]")
    facts = Table(box=None, show_header=False, pad_edge=False)
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row("Movement", f"{ex.movement} ({', '.join(ex.joint_actions)})")
    facts.add_row("Load", f"{ex.load_vector} vector, peak tension {ex.peak_tension}")
    facts.add_row("Level", f"{ex.level}; {'one leg at a time' if ex.unilateral else 'both legs'}")
    facts.add_row("Equipment", ", ".join(ex.equipment) or "body weight")
    facts.add_row("Ratings", f"contact {ex.contact_ease}/5, complexity {ex.complexity}/5, load potential {ex.load_potential}/5")
    if ex.aliases:
        facts.add_row("Also called", ", ".join(ex.aliases))
    parts: list[object] = [regions, Text(""), facts]

    def section(title: str, lines: list[str]) -> None:
        if lines:
            parts.append(Text(""))
            parts.append(Text(title, style="bold"))
            parts.extend(Text(f"  • {line}") for line in lines)

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
            f"{e.region}: {'' if e.value is None else f'{e.value:g} '}{e.stat} {e.scale}, {e.variant}, {e.load}. "
            f"{cat.sources[e.source].citation}"
            for e in ex.evidence
        ],
    )
    console.print(Panel(Group(*parts), title=f"[bold]{ex.name}[/bold] [dim]{ex.slug}[/dim]", title_align="left"))


def regions(infos: list[tuple[RegionInfo, list[str]]], cat: Catalogue) -> None:
    for info, top in infos:
        body: list[object] = [Text(info.description), Text("")]
        body.extend(Text(f"  • {f}") for f in info.functions)
        body.append(Text(""))
        body.append(Text("Top exercises: " + ", ".join(f"{cat.exercises[s].name} ({cat.exercises[s].scores[info.name]})" for s in top)))
        title = f"[bold]{info.name}[/bold]" + (f" [dim]({', '.join(info.aliases)})[/dim]" if info.aliases else "")
        console.print(Panel(Group(*body), title=title, title_align="left"))


def goals(items: list[Goal]) -> None:
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    t.add_column("Goal", no_wrap=True)
    t.add_column("What it is for", overflow="fold")
    for g in items:
        t.add_row(g.name, g.description)
    console.print(t)


def _excluded_summary(r: Ranking) -> list[str]:
    groups: dict[str, list[str]] = {}
    for e in r.excluded:
        key = e.reason if e.kind in ("avoid",) else {"equipment": "need equipment you do not have", "level": f"are above {r.profile.level} level", "goal": "are not used by this goal at your level"}.get(e.kind, e.reason)
        groups.setdefault(key, []).append(e.slug)
    lines = []
    for reason, slugs in groups.items():
        sample = ", ".join(slugs[:4]) + (", ..." if len(slugs) > 4 else "")
        lines.append(f"{len(slugs)} {'exercise' if len(slugs) == 1 else 'exercises'} {reason if reason.startswith(('need', 'are')) else 'left out: ' + reason} ({sample})")
    return lines


def ranking(r: Ranking, explain: bool) -> None:
    console.print(f"[bold]{r.goal.name}[/bold]: {r.goal.description}")
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    t.add_column("#", justify="right", no_wrap=True)
    t.add_column("Exercise", overflow="fold", ratio=3)
    t.add_column("Score", justify="right", no_wrap=True)
    t.add_column("Why", overflow="fold", ratio=2)
    t.add_column("Dose", overflow="fold", ratio=2)
    for i, s in enumerate(r.items, 1):
        t.add_row(str(i), s.exercise.name, f"{s.score:.1f}", s.main_reason, _dose(s.dose.sets, s.dose.reps, s.dose.rest_s, s.exercise.unilateral))
        if explain:
            for reason in s.reasons:
                t.add_row("", Text(f"  {reason.points:+.1f} {reason.rule}", style="dim"), "", Text(reason.reason, style="dim"), "")
    console.print(t)
    if not r.items:
        console.print("Nothing fits these filters; try more equipment or another level.")
    for line in _excluded_summary(r):
        console.print(f"[dim]Left out: {line}[/dim]")
    for note in r.notes:
        console.print(Panel(note, border_style="yellow"))


def alternatives(a: Alternatives) -> None:
    console.print(f"Alternatives to [bold]{a.exercise.name}[/bold]")
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    t.add_column("#", justify="right", no_wrap=True)
    t.add_column("Exercise", overflow="fold", ratio=3)
    t.add_column("Similar", justify="right", no_wrap=True)
    t.add_column("Score", justify="right", no_wrap=True)
    t.add_column("Why", overflow="fold", ratio=2)
    for i, s in enumerate(a.ranking.items, 1):
        t.add_row(str(i), s.exercise.name, f"{a.similarity[s.exercise.slug]:.0%}", f"{s.score:.1f}", s.main_reason)
    console.print(t)
    for line in _excluded_summary(a.ranking):
        console.print(f"[dim]Left out: {line}[/dim]")
    for note in a.ranking.notes:
        console.print(Panel(note, border_style="yellow"))


def plan(p: Plan) -> None:
    console.print(f"[bold]{p.weeks_total}-week {p.level} plan[/bold] for {p.goal.name}, {p.days_per_week} days a week")
    for span in p.phases:
        weeks = span.weeks
        label = f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]}-{weeks[-1]}"
        console.print(Panel(f"{span.phase.purpose}\n[dim]Ranked for: {span.goal}. Move on when: {span.phase.advance_when}[/dim]", title=f"[bold]{span.phase.name}[/bold] ({label})", title_align="left"))
        shown: list[tuple[bool, tuple]] = []
        for week in (w for w in p.weeks if w.week in weeks):
            signature = (week.deload, tuple((e.exercise.slug, e.sets) for s in week.sessions for e in s.exercises))
            if shown and shown[-1][1] == signature:
                continue
            shown.append((week.deload, signature))
            same = [w.week for w in p.weeks if w.week in weeks and (w.deload, tuple((e.exercise.slug, e.sets) for s in w.sessions for e in s.exercises)) == signature]
            _week(week, same)
    if p.substitutions:
        console.print("[bold]Substitutions[/bold]")
        for s in p.substitutions:
            console.print(f"  • {s.reason}")
    for note in p.notes:
        console.print(Panel(note, border_style="yellow"))


def _week(week: Week, same: list[int]) -> None:
    title = f"Week {same[0]}" if len(same) == 1 else f"Weeks {', '.join(map(str, same))}"
    if week.deload:
        title += " (lighter week)"
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=title, title_justify="left", title_style="bold")
    t.add_column("Day", no_wrap=True)
    t.add_column("Exercise", overflow="fold", ratio=3)
    t.add_column("Dose", overflow="fold", ratio=2)
    t.add_column("Cue", overflow="fold", ratio=3)
    for s in week.sessions:
        for i, e in enumerate(s.exercises):
            t.add_row(str(s.day) if i == 0 else "", e.exercise.name, _dose(e.sets, e.reps, e.rest_s, e.per_side), e.cue)
        t.add_section()
    console.print(t)
    sets = Table(box=None, show_header=False, pad_edge=False)
    sets.add_column(no_wrap=True)
    sets.add_column(no_wrap=True)
    sets.add_column(justify="right", no_wrap=True)
    for r in REGIONS:
        sets.add_row(f"  {REGION_LABEL[r]}", bar(week.region_sets[r] * 5, 10), f"{week.region_sets[r]:g} sets/week")
    console.print(sets)
