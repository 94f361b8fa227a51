"""Core objects -> plain JSON-ready data. These shapes are a contract: defined once in render.shapes, quoted
by the README ("JSON output") and checked against every command's output by tests/cli/test_json_contract.py."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # type names only: a JSON command imports no more than it runs
    from glutecoach.core.engine import Alternatives, Ranking, Scored
    from glutecoach.core.models import Catalogue, Entry, Exercise, Goal, Profile, RegionInfo, SavedProfile
    from glutecoach.core.next_session import NextSession
    from glutecoach.core.plan import Plan
    from glutecoach.core.progress import Progress
from glutecoach.core.vocab import BASIS_WORD, EQUIPMENT, JSON_VERSION, REGIONS


def emit(document: Any, write: Callable[[str], None] | None = None) -> None:
    """One JSON document, its format's version first. Indented for a person at a terminal; compact (the C
    encoder, several times faster) for scripts; NaN or infinity (strict JSON has none) written as null;
    control and bidi characters escaped (render.text.json_visible)."""
    from glutecoach.render.text import json_visible

    indent = 2 if write is None and sys.stdout.isatty() else None
    data = {"json_version": JSON_VERSION, **document} if isinstance(document, dict) else document
    try:
        text = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError:
        text = json.dumps(_finite(data), indent=indent, ensure_ascii=False)
    (write or sys.stdout.write)(json_visible(text) + "\n")


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        import math

        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def entry(e: Entry) -> dict[str, Any]:
    return e.as_json()


def entries(items: list[Entry]) -> dict[str, Any]:
    """The log's entries, in the shape of its JSON export (store.formats.to_json), which `log import` reads."""
    return {"entries": [e.as_json() for e in items]}


def exercise(cat: Catalogue, ex: Exercise) -> dict[str, Any]:
    return {
        "slug": ex.slug,
        "name": ex.name,
        "family": ex.family,
        "aliases": list(ex.aliases),
        "level": ex.level,
        "equipment": list(ex.equipment),
        "pattern": ex.pattern,
        "unit": ex.unit,
        "stance": ex.stance,
        "per_side": ex.per_side,
        "movement": ex.movement,
        "joint_actions": list(ex.joint_actions),
        "load_vector": ex.load_vector,
        "peak_tension": ex.peak_tension,
        "peaks": [{"action": p.action, "at": p.at} for p in ex.peaks],
        "hip_flexion": ex.hip_flexion,
        "loads": list(ex.loads),
        "unilateral": ex.unilateral,
        "effort": ex.effort,
        "contact_ease": ex.contact_ease,
        "complexity": ex.complexity,
        "load_potential": ex.load_potential,
        "regions": {r: ex.scores[r] for r in REGIONS},
        "region_basis": {r: ex.basis[r] for r in REGIONS},
        "confidence": {r: BASIS_WORD[ex.basis[r]] for r in REGIONS},
        "cues": list(ex.cues),
        "mistakes": list(ex.mistakes),
        "progressions": list(ex.progressions),
        "regressions": list(ex.regressions),
        "contraindications": [{"condition": c.condition, "level": c.level, "note": c.note} for c in ex.contraindications],
        "evidence": [
            {
                "source": e.source,
                "citation": cat.sources[e.source].citation,
                "region": e.region,
                "value": e.value,
                "stat": e.stat,
                "load": f"{e.load} ({e.variant}; {e.scale})",
            }
            for e in ex.evidence
        ],
    }


def exercises(cat: Catalogue, items: list[Exercise]) -> dict[str, Any]:
    return {"schema_version": cat.schema_version, "exercises": [exercise(cat, ex) for ex in items]}


def regions(infos: list[tuple[RegionInfo, list[str]]]) -> dict[str, Any]:
    return {
        "regions": [
            {
                "name": info.name,
                "aliases": list(info.aliases),
                "description": info.description,
                "functions": list(info.functions),
                "top_exercises": top,
            }
            for info, top in infos
        ]
    }


def goals(items: list[Goal]) -> dict[str, Any]:
    return {"goals": [{"name": g.name, "description": g.description, "regions": dict(g.regions)} for g in items]}


def _reasons(s: Scored) -> list[dict[str, Any]]:
    return [{"rule": r.rule, "part": r.part, "points": r.points, "reason": r.reason} for r in s.reasons]


def _regions(ex: Exercise) -> dict[str, Any]:
    return {r: {"score": ex.scores[r], "basis": ex.basis[r]} for r in REGIONS}


def _scored(i: int, s: Scored) -> dict[str, Any]:
    return {
        "rank": i,
        "slug": s.exercise.slug,
        "name": s.exercise.name,
        "pattern": s.exercise.pattern,
        "score": s.score,
        "parts": s.parts,
        "decided_by": s.decided_by,
        "sets": s.dose.sets,
        "reps": list(s.dose.reps),
        "unit": s.dose.unit,
        "per_side": s.dose.per_side,
        "rest_s": s.dose.rest_s,
        "regions": _regions(s.exercise),
        "reasons": _reasons(s),
    }


def _profile(p: Profile, sources: dict[str, str]) -> dict[str, Any]:
    return {
        "level": p.level,
        "equipment": list(EQUIPMENT) if p.equipment is None else sorted(p.equipment),
        "pains": list(p.pains),
        "sources": {k: sources.get(k, "option") for k in ("level", "equipment", "pains", "goal")},
    }


def ranking(r: Ranking) -> dict[str, Any]:
    return {
        "goal": {"name": r.goal.name, "description": r.goal.description, "adaptation": r.goal.adaptation},
        "profile": _profile(r.profile, r.sources),
        "recommendations": [_scored(i, s) for i, s in enumerate(r.items, 1)],
        "excluded": [{"slug": e.slug, "reason": e.reason} for e in r.excluded],
        "notes": [*r.notes, *(held_back_line(h) for h in r.held_back)],
    }


def held_back_line(h: Any) -> str:
    """What the person's level holds back of the goal's main need (core.engine.HeldBack), in one sentence."""
    return (
        f"Most {' / '.join(h.patterns)} work ({', '.join(h.examples)}) starts at {h.level} level: "
        f"add --level {h.level} if you train at that level."
    )


def alternatives(a: Alternatives) -> dict[str, Any]:
    return {
        "exercise": {"slug": a.exercise.slug, "name": a.exercise.name, "pattern": a.exercise.pattern},
        "alternatives": [
            {**_scored(i, s), "similarity": round(a.similarity[s.exercise.slug], 3)} for i, s in enumerate(a.ranking.items, 1)
        ],
        "excluded": [{"slug": e.slug, "reason": e.reason} for e in a.ranking.excluded],
    }


def _planned(e: Any) -> dict[str, Any]:
    return {
        "slug": e.exercise.slug,
        "name": e.exercise.name,
        "role": e.role,
        "sets": e.sets,
        "reps": list(e.reps),
        "unit": e.unit,
        "per_side": e.per_side,
        "warmup_sets": e.warmup_sets,
        "tempo": e.tempo,
        "rest_s": e.rest_s,
        "new": e.new,
        "replaces": e.replaces,
        "cue": e.cue,
        "note": e.note,
    }


def plan(p: Plan) -> dict[str, Any]:
    return {
        "level": p.level,
        "goal": p.goal.name,
        "weeks_total": p.weeks_total,
        "days_per_week": p.days_per_week,
        "weekly_sets": list(p.weekly_sets),
        "targets": list(p.targets),
        "minutes": list(p.minutes),
        "set_rule": p.set_rule,
        "weekly_targets": {r: {"range": list(rng), "source": p.volume_source} for r, rng in p.ranges.items()},
        "phases": [
            {
                "name": span.phase.name,
                "goal": span.goal,
                "weeks": list(span.weeks),
                "purpose": span.phase.purpose,
                "advance_when": span.phase.advance_when,
                "changes": list(span.changes),
            }
            for span in p.phases
        ],
        "weeks": [
            {
                "week": w.week,
                "phase": w.phase,
                "deload": w.deload,
                "region_sets": {r: w.region_sets[r] for r in REGIONS},
                "hard_sets": {r: w.hard_sets.get(r, 0.0) for r in REGIONS},
                "practice_sets": w.practice_sets,
                "sessions": [
                    {
                        "day": s.day,
                        "weekday": s.weekday,
                        "minutes": s.minutes,
                        "contacts": s.contacts,
                        "exercises": [_planned(e) for e in s.exercises],
                    }
                    for s in w.sessions
                ],
            }
            for w in p.weeks
        ],
        "substitutions": [{"wanted": s.wanted, "used": s.used, "reason": s.reason, "weeks": list(s.weeks)} for s in p.substitutions],
        "notes": list(p.notes),
    }


def next_session(n: NextSession) -> dict[str, Any]:
    return {
        "phase": n.phase,
        "week": n.week,
        "day": n.day,
        "saved_plan": n.saved,
        "start": n.start,
        "deload": n.deload,
        "phase_change": None
        if n.phase_change is None
        else {"from": n.phase_change.before, "to": n.phase_change.after, "changes": list(n.phase_change.changes)},
        "changes": [
            {"slug": c.slug, "action": c.action, "to": c.to, "until": c.until, "trigger": c.trigger, "reason": c.reason} for c in n.changes
        ],
        "next_session": [
            {
                "slug": e.slug,
                "name": e.name,
                "sets": e.sets,
                "reps": list(e.reps),
                "unit": e.unit,
                "per_side": e.per_side,
                "rest_s": e.rest_s,
                "warmup_sets": e.warmup_sets,
                "load": e.load,
                "load_unit": e.load_unit,
                "cue": e.cue,
                "note": e.note,
                "why": None if e.why is None else dict(e.why),
            }
            for e in n.next_session
        ],
        "position": None
        if n.position is None
        else {
            "week": n.position.week,
            "day": n.position.day,
            "sessions_done": n.position.sessions_done,
            "gap_days": n.position.gap_days,
        },
        "plan_done": n.plan_done,
        "notes": list(n.notes),
    }


def progress(p: Progress) -> dict[str, Any]:
    return {
        "exercises": [
            {
                "slug": t.slug,
                "sessions": t.sessions,
                "load_trend": list(t.load_trend),
                "reps_trend": list(t.reps_trend),
                "contact_trend": list(t.contact_trend),
            }
            for t in p.exercises
        ],
        "weeks": [{"week": w.week, "region_sets": {r: w.region_sets[r] for r in REGIONS}} for w in p.by_week],
    }


def profile(p: SavedProfile) -> dict[str, Any]:
    return p.as_json()
