"""The terminal views of a ranking (`recommend`) and of swaps (`alternatives`).

Every answer says whom it is for (level, equipment, conditions, goal, and where each came from); the
column that matters is the score with the one reason that set the exercise apart; `--explain` lists
every rule's points in the score's three parts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glutecoach.core.vocab import BASIS_WORD, REGION_LABEL, REGIONS
from glutecoach.render.grid import Column, grid
from glutecoach.render.styled import Text
from glutecoach.render.terminal import console, note, para, width, wrap
from glutecoach.render.text import dose_text, plural, safe

if TYPE_CHECKING:
    from glutecoach.core.engine import Alternatives, Ranking, Scored
    from glutecoach.core.models import Exercise, Profile

PART_TITLE = {
    "emphasis": "where it works",
    "stimulus": "how hard it trains this goal",
    "fit": "fit for you",
    "confidence": "how sure",
}
SOURCE_WORD = {"option": "your option", "profile": "your saved profile", "default": "default", "exercise": "the exercise's own"}


def for_line(profile: Profile, goal: str, sources: dict[str, str]) -> str:
    """'For: beginner (default: --level intermediate to change), ...': the person the answer is for."""

    def src(key: str) -> str:
        return SOURCE_WORD.get(sources.get(key, "option"), "your option")

    kit = "everything" if profile.equipment is None else ", ".join(sorted(profile.equipment)) or "body weight only"
    pains = ", ".join(profile.pains) or "none"
    parts = [
        f"level {profile.level} ({src('level')}; change with --level)",
        f"equipment {kit} ({src('equipment')}; --equipment)",
        f"conditions {pains} ({src('pains')}; --condition)",
    ]
    if goal:
        parts.insert(0, f"goal {goal} ({src('goal')})")
    return "For: " + "; ".join(parts) + "."


def _name(ex: Exercise) -> list[tuple[str, str]]:
    return [(safe(ex.name), ""), (ex.slug, "dim")]


def _why(s: Scored) -> list[tuple[str, str]]:
    main = s.main_reason
    caution = any(r.rule == "caution" for r in s.reasons)
    cells = [((main.label if main else ""), "bold")]
    if caution:
        cells.append(("! caution", "yellow"))
    return cells


def left_out(r: Ranking) -> list[str]:
    """One line per reason exercises were left out, with what would bring them back."""
    groups: dict[str, list[str]] = {}
    for e in r.excluded:
        if e.kind == "equipment":
            key = "need equipment you do not have (add it with --equipment)"
        elif e.kind == "level":
            key = (
                f"are above {r.profile.level} level "
                f"(see them with --level {'intermediate' if r.profile.level == 'beginner' else 'advanced'})"
            )
        elif e.kind == "goal":
            key = "are not used for this goal at your level"
        else:
            key = f"are to be avoided with {e.kind.split(':', 1)[1]} ('glutecoach show SLUG' says why)"
        groups.setdefault(key, []).append(e.slug)
    lines = []
    for reason, slugs in groups.items():
        sample = ", ".join(slugs[:3]) + (f" and {len(slugs) - 3} more" if len(slugs) > 3 else "")
        lines.append(f"{plural(len(slugs), 'exercise')} {reason}: {sample}.")
    return lines


def _explanation(s: Scored) -> Text:
    """Every rule's points and reason under its exercise, grouped by part, each part with its sum."""
    out = Text()
    w = width()
    for part in PART_TITLE:
        reasons = [r for r in s.reasons if r.part == part]
        if not reasons:
            continue
        out.append(f"    {PART_TITLE[part]}: {s.part(part):+.1f}\n", style="cyan")
        for r in reasons:
            head = f"      {r.points:+5.1f} {r.rule}: "
            if w - len(head) >= 30:
                lines, indent = wrap(safe(r.reason), w - len(head)), len(head)
                out.append(head)
            else:  # a narrow terminal: the reason goes under its rule
                lines, indent = wrap(safe(r.reason), w - 8), 8
                out.append(head.rstrip() + "\n" + " " * indent)
            out.append(lines[0] + "\n", style="dim")
            for line in lines[1:]:
                out.append(" " * indent + line + "\n", style="dim")
    out.append("\n")
    return out


LEGEND = (
    "Score 0-100: where it works + how hard it trains this goal + fit for you (--explain shows every point). "
    "The bold words are what set it apart; ! = a caution for a condition you declared."
)


def ranking(r: Ranking, explain: bool) -> None:
    out = para(f"{r.goal.name}: {safe(r.goal.description)}", "bold")
    out.append_text(para(for_line(r.profile, r.goal.name, r.sources), "dim"))
    columns = [
        Column("#", 2, right=True),
        Column("Exercise"),
        Column("Score", 5, right=True),
        Column("Set apart by", 16),
        Column("Dose, rest", 18),
    ]
    rows = []
    explained: dict[int, Text] = {}
    for i, s in enumerate(r.items, 1):
        rows.append([str(i), _name(s.exercise), f"{s.score:.0f}", _why(s), dose_text(s.dose)])
        if explain:
            explained[i - 1] = _explanation(s)
    if rows:
        out.append_text(grid(columns, rows, width(), after=explained))
        out.append_text(para(LEGEND, "dim"))
    else:
        out.append_text(para("Nothing fits these filters; try more equipment (--equipment) or another level (--level)."))
    for held in r.held_back:
        from glutecoach.render.data import held_back_line

        out.append_text(para(held_back_line(held)))
    for line in left_out(r):
        out.append_text(para("Left out: " + line, "dim"))
    for text in r.notes:
        out.append_text(note(safe(text)))
    console.print(out, end="", soft_wrap=True)


def _regions(ex: Exercise) -> str:
    top = sorted(REGIONS, key=lambda reg: -ex.scores[reg])[:2]
    return "; ".join(f"{REGION_LABEL[reg]} {ex.scores[reg]} ({BASIS_WORD[ex.basis[reg]]})" for reg in top)


def alternatives(a: Alternatives) -> None:
    out = para(f"Alternatives to {safe(a.exercise.name)} ({a.exercise.pattern}; {_regions(a.exercise)})", "bold")
    out.append_text(para(for_line(a.ranking.profile, "", a.ranking.sources), "dim"))
    columns = [
        Column("#", 2, right=True),
        Column("Exercise"),
        Column("Alike", 5, right=True),
        Column("Works", 22),
        Column("Dose, rest", 18),
    ]
    rows = [
        [
            str(i),
            _name(s.exercise),
            f"{a.similarity[s.exercise.slug]:.0%}",
            [(s.exercise.pattern, "bold"), (_regions(s.exercise), "dim")],
            dose_text(s.dose),
        ]
        for i, s in enumerate(a.ranking.items, 1)
    ]
    if rows:
        out.append_text(grid(columns, rows, width()))
        out.append_text(
            para(
                "Alike: how closely the five region scores match, magnitude included (100% = the same scores). "
                "Ordered by that, the same movement and pattern, load and stance.",
                "dim",
            )
        )
    else:
        out.append_text(para("Nothing fits these filters; try more equipment (--equipment)."))
    for text in a.ranking.notes:
        out.append_text(note(safe(text)))
    console.print(out, end="", soft_wrap=True)
