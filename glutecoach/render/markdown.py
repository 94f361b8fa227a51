"""A printable plan in Markdown: headings per phase and week, a table per session, check boxes."""

from __future__ import annotations

from glutecoach.core.plan import Plan
from glutecoach.core.vocab import REGION_LABEL, REGIONS

UNIT_WORDS = {"reps": "", "seconds": " s", "contacts": " contacts", "metres": " m", "steps": " steps"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def plan(p: Plan) -> str:
    out = [f"# {p.weeks_total}-week {p.level} glute plan: {p.goal.name}", "", f"{p.days_per_week} sessions a week.", ""]
    for span in p.phases:
        weeks = span.weeks
        label = f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]}-{weeks[-1]}"
        out += [f"## {span.phase.name} ({label})", "", span.phase.purpose, "", f"**Move on when:** {span.phase.advance_when}", ""]
        for week in (w for w in p.weeks if w.week in weeks):
            out += [f"### Week {week.week}" + (" (lighter week)" if week.deload else ""), ""]
            for s in week.sessions:
                out += [f"- [ ] **Day {s.day}**", ""]
                out += ["| Exercise | Sets x reps | Tempo | Rest | Cue | Progress |", "| --- | --- | --- | --- | --- | --- |"]
                for e in s.exercises:
                    side = UNIT_WORDS.get(e.exercise.unit, f" {e.exercise.unit}") + (" per side" if e.per_side else "")
                    step = (
                        "contact 7+/10 twice: move on"
                        if span.phase.contact_check
                        else f"{e.reps[1]} reps on every set at 1-3 in reserve: add 2.5-5% or a set"
                    )
                    out.append(
                        f"| {_cell(e.exercise.name)} | {e.sets} x {e.reps[0]}-{e.reps[1]}{side} | {_cell(e.tempo)} | {e.rest_s} s | {_cell(e.cue)} | {step} |"
                    )
                out.append("")
                if span.phase.contact_check:
                    out += ["- [ ] Contact check: rate 0-10 how clearly you felt your glutes in each exercise: ____", ""]
            sets = ", ".join(f"{REGION_LABEL[r]} {week.region_sets[r]:g}" for r in REGIONS)
            out += [f"Sets per region this week: {sets}.", ""]
    if p.substitutions:
        out += ["## Substitutions", ""] + [f"- {s.reason}" for s in p.substitutions] + [""]
    if p.notes:
        out += ["## Notes", ""] + [f"- {n}" for n in p.notes] + [""]
    return "\n".join(out)
