"""The plan and `plan next` in the terminal, and the plan as Markdown with check boxes for a printed page.

Terminal views fit the console's width, break lines only between words (slugs stay whole) and honour
NO_COLOR (rich); text from a catalogue or a user goes through safe(). Markdown never imports rich.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from glutecoach.render.text import plural, safe

if TYPE_CHECKING:
    from glutecoach.core.next_session import NextExercise, NextSession
    from glutecoach.core.plan import Plan, PlanChoice, PlannedExercise, Session, Week
    from glutecoach.render.styled import Text

UNIT = {"reps": "reps", "seconds": "s", "contacts": "contacts", "metres": "m", "steps": "steps"}
SHORT = {
    "gluteus-maximus-upper": "upper",
    "gluteus-maximus-lower": "lower",
    "gluteus-medius": "medius",
    "gluteus-minimus": "minimus",
    "piriformis": "piriformis",
}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LIGHTER = "lighter week: about half the sets, about 10% lighter, 3-4 reps in reserve"
PAGE = 80  # a printed page's width in characters, for the Markdown


# --- words shared by the views -------------------------------------------------------------------


def rest(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds >= 120 and seconds % 60 == 0 else f"{seconds} s"


def amount(sets: int, reps: tuple[int, int], unit: str, per_side: bool) -> str:
    span = f"{reps[0]}" if reps[0] == reps[1] else f"{reps[0]}-{reps[1]}"
    return f"{sets} x {span} {UNIT.get(unit, safe(unit))}" + ("/side" if per_side else "")


def planned_dose(e: PlannedExercise, week: int | None = None) -> str:
    out = [f"{amount(e.sets, e.reps, e.unit, e.per_side)}, rest {rest(e.rest_s)}"]
    if e.warmup_sets:
        out.append(f"{plural(e.warmup_sets, 'ramp set')} first")
    if e.new:
        easy = "start light, 4+ reps in reserve" if e.unit == "reps" else "start easy, at about 70% effort"
        out.append(("new" if week is None else f"new in week {week}") + f": {easy}")
    return " · ".join(out)


def next_dose(e: NextExercise) -> str:
    out = [f"{amount(e.sets, e.reps, e.unit, e.per_side)}, rest {rest(e.rest_s)}"]
    if e.load is not None:
        out.append(f"load {e.load:g} {e.load_unit or ''}".rstrip())
    if e.warmup_sets:
        out.append(f"{plural(e.warmup_sets, 'ramp set')} first")
    return " · ".join(out)


def weeks_label(weeks: list[int] | tuple[int, ...]) -> str:
    """'Week 3', 'Weeks 1-3', 'Weeks 4, 5 and 7'."""
    ws = list(weeks)
    if len(ws) == 1:
        return f"Week {ws[0]}"
    if ws == list(range(ws[0], ws[-1] + 1)):
        return f"Weeks {ws[0]}-{ws[-1]}"
    return "Weeks " + ", ".join(map(str, ws[:-1])) + f" and {ws[-1]}"


def days_text(p: Plan) -> str:
    days = [DAYS[s.weekday] for s in p.weeks[0].sessions]
    listed = days[0] if len(days) == 1 else ", ".join(days[:-1]) + f" and {days[-1]}"
    return f"{listed}, or any days that keep the same gaps"


def region_line(p: Plan, week: Week) -> str:
    sets = week.hard_sets or week.region_sets
    if week.practice_sets and sum(sets.values()) < week.practice_sets / 4:  # a Contact week: practice, not volume
        return f"Practice sets a week (drills done to feel the glutes, not counted as hard sets): {week.practice_sets}."
    parts = [f"{SHORT[r]} {sets[r]:g}" + (f" (target {p.ranges[r][0]}-{p.ranges[r][1]})" if r in p.ranges else "") for r in SHORT]
    practice = f"; practice sets (drills, not counted): {week.practice_sets}" if week.practice_sets else ""
    return f"Hard sets a week: {', '.join(parts)}{practice}."


def signature(week: Week) -> tuple[object, ...]:
    """What makes two weeks look the same (a lift's first-week mark is shown with its week number)."""
    return (week.phase, week.deload, tuple((e.exercise.slug, e.sets, e.reps, e.replaces) for s in week.sessions for e in s.exercises))


def same_exercises(a: Week, b: Week) -> bool:
    """The same exercises on the same days at the same ranges: only the sets differ."""

    def shape(w: Week) -> list[list[tuple[str, tuple[int, int]]]]:
        return [[(e.exercise.slug, e.reps) for e in s.exercises] for s in w.sessions]

    return shape(a) == shape(b)


def groups(p: Plan, weeks: list[Week]) -> list[tuple[Week, list[int]]]:
    """Identical weeks shown once, with all their numbers."""
    out: list[tuple[Week, list[int]]] = []
    for w in weeks:
        for first, nos in out:
            if signature(first) == signature(w):
                nos.append(w.week)
                break
        else:
            out.append((w, [w.week]))
    return out


# --- the plan in the terminal ----------------------------------------------------------------------


def plan(p: Plan) -> None:
    from glutecoach.render.styled import Text
    from glutecoach.render.terminal import bullet, console, note, para, section, width

    out = Text()
    out.append_text(para(f"{p.weeks_total}-week {p.level} plan for {safe(p.goal.name)}, {plural(p.days_per_week, 'day')} a week", "bold"))
    out.append_text(
        para(
            f"Days: {days_text(p)}. Each session starts with 5 minutes of easy warm-up and takes about "
            f"{p.minutes[0]}-{p.minutes[1]} min. Doses: sets x range in the exercise's unit, /side for each side, "
            "then the rest between sets; ramp sets are lighter sets before the working sets and count toward nothing.",
            "dim",
        )
    )
    console.print(out, end="", soft_wrap=True)
    cued: set[str] = set()
    shown: list[tuple[Week, list[int]]] = []
    for span in p.phases:
        head = Text("\n" + "═" * min(width(), 78) + "\n", style="dim")
        head.append_text(para(f"{safe(span.phase.name)}: {weeks_label(span.weeks).lower()}", "bold magenta"))
        head.append_text(para(safe(span.phase.purpose)))
        head.append_text(para(f"Move on: {safe(span.phase.advance_when)}", "dim"))
        if span.changes:
            head.append_text(para("What changes:", "bold"))
            for line in span.changes:
                head.append_text(bullet(safe(line)))
        console.print(head, end="", soft_wrap=True)
        for week, nos in groups(p, [w for w in p.weeks if w.week in span.weeks]):
            like = next((nos_ for w, nos_ in shown if not w.deload and same_exercises(w, week)), None) if week.deload else None
            same = next((nos_ for w, nos_ in shown if signature(w)[1:] == signature(week)[1:]), None)
            if like is not None:
                _lighter(p, week, nos, like)
            elif same is not None:
                console.print(
                    para(f"\n{weeks_label(nos)}: the sessions of {weeks_label(same).lower()}, unchanged.", "bold"), end="", soft_wrap=True
                )
            else:
                _week(p, week, nos, span.phase.contact_check, cued)
            shown.append((week, nos))
    tail = Text()
    if p.substitutions:
        tail.append_text(section("Substitutions"))
        for s in p.substitutions:
            tail.append_text(bullet(f"{safe(s.reason)} ({weeks_label(s.weeks).lower()})"))
    tail.append_text(section("How sets are counted"))
    tail.append_text(para(safe(p.set_rule), "dim"))
    tail.append("\n")
    for n in p.notes:
        tail.append_text(note(safe(n)))
    console.print(tail, end="", soft_wrap=True)


def _week(p: Plan, week: Week, nos: list[int], contact: bool, cued: set[str]) -> None:
    from glutecoach.render.styled import Text
    from glutecoach.render.terminal import console, para

    out = Text()
    title = weeks_label(nos) + (f" ({LIGHTER})" if week.deload else "")
    out.append_text(para("\n" + title, "bold"))
    for s in week.sessions:
        out.append_text(_session(s, cued, nos[0]))
    if contact:
        out.append_text(para("After each exercise: rate 0-10 how clearly you felt your glutes (log add ... --contact N).", "yellow"))
    else:
        out.append_text(
            para(
                "Progress: the top of the range on every working set at 0-3 reps in reserve, pain-free, then add "
                "about 2.5% (2.5 kg or 5 lb) or a set; at 0 in reserve, stop one rep earlier next time.",
                "yellow",
            )
        )
    out.append_text(para(region_line(p, week), "dim"))
    console.print(out, end="", soft_wrap=True)


def _lighter(p: Plan, week: Week, nos: list[int], like: list[int]) -> None:
    """A lighter week that repeats weeks shown above: its sets only."""
    from glutecoach.render.styled import Text
    from glutecoach.render.terminal import console, para

    out = Text()
    out.append_text(para(f"\n{weeks_label(nos)} ({LIGHTER})", "bold"))
    out.append_text(para(f"The sessions of {weeks_label(like).lower()}, with these working sets:"))
    for s in week.sessions:
        sets = ", ".join(f"{e.exercise.slug} {e.sets}" for e in s.exercises)
        out.append_text(para(f"Day {s.day}, about {s.minutes} min: {sets}.", indent=" "))
    out.append_text(para(region_line(p, week), "dim"))
    console.print(out, end="", soft_wrap=True)


def _session(s: Session, cued: set[str], week: int | None = None) -> Text:
    from glutecoach.render.styled import Text
    from glutecoach.render.terminal import item, para

    out = Text()
    extra = f", {s.contacts} foot contacts" if s.contacts else ""
    out.append_text(para(f"Day {s.day} ({DAYS[s.weekday]}), about {s.minutes} min{extra}", "bold", indent=" "))
    for i, e in enumerate(s.exercises, 1):
        out.append_text(item(f"  {i}. ", safe(e.exercise.name), e.exercise.slug, style="bold" if e.role == "main" else ""))
        out.append_text(para(planned_dose(e, week), indent="     "))
        if e.exercise.slug not in cued:
            text = " · ".join(x for x in (safe(e.tempo), safe(e.cue)) if x)
            if text:
                out.append_text(para(text, "dim", indent="     "))
            cued.add(e.exercise.slug)
        if e.note:
            out.append_text(para(safe(e.note), "yellow", indent="     "))
    return out


def saved(choice: PlanChoice, p: Plan, lead: int = 0) -> None:
    """What `plan start` saved, with the plan's first `lead` notes (why this level; the block it follows)."""
    from glutecoach.render.terminal import console, para

    kit = "everything" if choice.equipment is None else (", ".join(choice.equipment) or "body weight only")
    text = para(
        f"Saved: the {p.weeks_total}-week {p.level} plan for {safe(p.goal.name)}, {plural(p.days_per_week, 'day')} a week, "
        f"from {choice.start} (equipment: {kit}; conditions: {', '.join(choice.pains) or 'none'}).",
        "bold",
    )
    for line in p.notes[:lead]:
        text.append_text(para(safe(line)))
    steps = ", ".join(f"{v:g} {u}" for u, v in choice.steps.items())
    text.append_text(
        para(
            f"'glutecoach plan next' now follows it; loads round to {steps} steps. 'glutecoach plan' with no "
            "options shows it whole and where you are; 'plan start' again changes it.",
            "dim",
        )
    )
    console.print(text, end="", soft_wrap=True)


# --- plan next in the terminal ---------------------------------------------------------------------


def next_session(n: NextSession) -> None:
    from glutecoach.render.styled import Text
    from glutecoach.render.terminal import bullet, console, item, note, para, section

    out = Text()
    whence = f"from your saved plan (started {n.start})" if n.saved else "from the default plan (none saved)"
    out.append_text(para(f"Next session: week {n.week}, day {n.day} ({safe(n.phase)}), {whence}", "bold"))
    if n.phase_change is not None:
        out.append_text(
            para(f"New phase: {safe(n.phase_change.after)} (after {safe(n.phase_change.before)}). What changes:", "bold magenta")
        )
        for line in n.phase_change.changes or ("The exercises and doses below.",):
            out.append_text(bullet(safe(line)))
    if n.deload:
        out.append_text(para(f"A lighter session (trigger: {n.deload}).", "yellow"))
    if n.changes:
        out.append_text(section("Changes from your log"))
        for c in n.changes:
            head = f"{c.action.upper()} {c.slug}" + (f" -> {c.to}" if c.to else "") + (f" until {c.until}" if c.until else "")
            out.append_text(bullet(f"{head}: {safe(c.reason)}"))
    out.append_text(section("Next session"))
    for i, e in enumerate(n.next_session, 1):
        out.append_text(item(f"  {i}. ", safe(e.name), e.slug))
        out.append_text(para(next_dose(e), "bold", indent="     "))
        if e.cue:
            out.append_text(para(safe(e.cue), "dim", indent="     "))
        if e.note:
            out.append_text(para(safe(e.note), "yellow", indent="     "))
    out.append("\n")
    for text in n.notes:
        out.append_text(note(safe(text)))
    console.print(out, end="", soft_wrap=True)


# --- Markdown ----------------------------------------------------------------------------------------


def _wrap(text: str, first: str = "", rest: str | None = None) -> list[str]:
    return textwrap.wrap(
        text, PAGE, initial_indent=first, subsequent_indent=first if rest is None else rest, break_long_words=False, break_on_hyphens=False
    ) or [first.rstrip()]


def markdown(p: Plan) -> str:
    """The plan to print: one line per exercise with a box to tick, identical weeks once, cues once at the end."""
    out = [f"# {p.weeks_total}-week {p.level} glute plan: {safe(p.goal.name)}", ""]
    out += [
        *_wrap(
            f"{plural(p.days_per_week, 'session')} a week ({days_text(p)}), about {p.minutes[0]}-{p.minutes[1]} min each "
            "after 5 minutes of easy warm-up. Tick a box when it is done. Doses: sets x range, /side for each side, rest."
        ),
        "",
    ]
    cues: dict[str, str] = {}
    shown: list[tuple[Week, list[int]]] = []
    for span in p.phases:
        out += [f"## {safe(span.phase.name)} ({weeks_label(span.weeks).lower()})", ""]
        out += [*_wrap(safe(span.phase.purpose)), ""]
        out += [*_wrap(f"**Move on:** {safe(span.phase.advance_when)}"), ""]
        for line in span.changes:
            out += _wrap(safe(line), "- ", "  ")
        if span.changes:
            out.append("")
        for week, nos in groups(p, [w for w in p.weeks if w.week in span.weeks]):
            out += [f"### {weeks_label(nos)}" + (" (lighter week)" if week.deload else ""), ""]
            if week.deload:
                out += [*_wrap(LIGHTER[0].upper() + LIGHTER[1:] + "."), ""]
            same = next((n for w, n in shown if signature(w)[1:] == signature(week)[1:]), None)
            shown.append((week, nos))
            if same is not None:
                out += [*_wrap(f"The sessions of {weeks_label(same).lower()}, unchanged: tick them again."), ""]
                continue
            for s in week.sessions:
                out.append(f"- [ ] **Day {s.day}** ({DAYS[s.weekday]}, about {s.minutes} min)")
                for e in s.exercises:
                    tail = " Contact: __/10" if span.phase.contact_check else " Load: ____"
                    out += _wrap(f"[ ] {safe(e.exercise.name)}: {planned_dose(e, nos[0])}.{tail}", "  - ", "    ")
                    cues.setdefault(safe(e.exercise.name), safe(e.cue))
            out += ["", *_wrap(region_line(p, week)), ""]
    out += ["## Cues", ""]
    for name, cue in cues.items():
        if cue:
            out += _wrap(f"{name}: {cue}", "- ", "  ")
    out.append("")
    if p.substitutions:
        out += ["## Substitutions", ""]
        for sub in p.substitutions:
            out += _wrap(f"{safe(sub.reason)} ({weeks_label(sub.weeks).lower()})", "- ", "  ")
        out.append("")
    out += ["## Notes", ""]
    for n in (p.set_rule, *p.notes):
        out += _wrap(safe(n), "- ", "  ")
    out.append("")
    return "\n".join(out)
