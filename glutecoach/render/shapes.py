"""The JSON documents glutecoach prints, defined once: the README's "JSON output" quotes `describe()` of each,
and tests/cli/test_json_contract.py checks every command's output against `problems()` (pipx's versioned
result contract, in glutecoach's own notation).

A shape is a dict of key -> shape (an object with exactly these keys; None for a plain value), a one-item
list (a list of that shape), `Each` (an object whose keys vary, e.g. one per region), `Named` (a shape the
README names once and uses by name), `OrNull`, or a str (a plain value, described by that text). Every
document also carries "json_version" first (render.data.emit); it is not repeated in each shape.
"""

from __future__ import annotations

from typing import Any, Union

from glutecoach.core.record import NamedTuple
from glutecoach.core.vocab import JSON_VERSION


class Each(NamedTuple):
    key: str  # what the keys are, in words
    value: Shape


class Named(NamedTuple):
    name: str
    shape: Shape


class OrNull(NamedTuple):
    shape: Shape


class Plus(NamedTuple):
    """A named shape with more keys, e.g. a recommendation and its similarity."""

    base: Named
    more: dict[str, Shape]


Shape = Union[dict[str, "Shape"], list["Shape"], Each, Named, OrNull, Plus, str, None]  # noqa: UP007 (a runtime alias)

RANGE = "[min, max]"
TEXTS = "[...]"

EXERCISE = Named("EXERCISE", {
    "slug": None, "name": None, "family": None, "aliases": None, "level": None, "equipment": None, "pattern": None,
    "unit": None, "stance": None, "per_side": None, "movement": None, "joint_actions": None, "load_vector": None,
    "peak_tension": None, "peaks": [{"action": None, "at": None}], "hip_flexion": None, "loads": None, "unilateral": None,
    "effort": None, "contact_ease": None, "complexity": None, "load_potential": None, "regions": None,
    "region_basis": None, "confidence": None, "cues": None, "mistakes": None, "progressions": None, "regressions": None,
    "contraindications": [{"condition": None, "level": None, "note": None}],
    "evidence": [{"source": None, "citation": None, "region": None, "value": None, "stat": None, "load": None}],
})  # fmt: skip
RECOMMENDATION = Named("RECOMMENDATION", {
    "rank": None, "slug": None, "name": None, "pattern": None, "score": None,
    "parts": {"emphasis": None, "stimulus": None, "fit": None, "confidence": None}, "decided_by": None, "sets": None,
    "reps": RANGE, "unit": None, "per_side": None, "rest_s": None, "regions": Each("region", {"score": None, "basis": None}),
    "reasons": [{"rule": None, "part": None, "points": None, "reason": None}],
})  # fmt: skip
ENTRY = Named("ENTRY", {
    "id": None, "uid": None, "date": None, "time": None, "slug": None, "sets": [{"reps": None, "load": None, "type": None}],
    "units": None, "contact": None, "pain_score": None, "rir": None, "note": None,
})  # fmt: skip
REGION_SETS = Each("five regions", "number")
EXCLUDED: Shape = [{"slug": None, "reason": None}]

DOCUMENTS: dict[str, Shape] = {
    "exercises": {"schema_version": None, "exercises": [EXERCISE]},
    "show": EXERCISE,
    "muscles": {"regions": [{"name": None, "aliases": None, "description": None, "functions": None, "top_exercises": "[slug, ...]"}]},
    "goals": {"goals": [{"name": None, "description": None, "regions": Each("region", "weight")}]},
    "recommend": {
        "goal": {"name": None, "description": None, "adaptation": None},
        "profile": {
            "level": None,
            "equipment": None,
            "pains": None,
            "sources": {"level": None, "equipment": None, "pains": None, "goal": None},
        },
        "recommendations": [RECOMMENDATION],
        "excluded": EXCLUDED,
        "notes": TEXTS,
    },
    "alternatives": {
        "exercise": {"slug": None, "name": None, "pattern": None},
        "alternatives": [Plus(RECOMMENDATION, {"similarity": None})],
        "excluded": EXCLUDED,
    },
    "plan": {
        "level": None, "goal": None, "weeks_total": None, "days_per_week": None, "weekly_sets": None, "targets": None,
        "minutes": None, "set_rule": None, "weekly_targets": Each("target region", {"range": "[low, ceiling]", "source": None}),
        "phases": [{"name": None, "goal": None, "weeks": None, "purpose": None, "advance_when": None, "changes": None}],
        "weeks": [{
            "week": None, "phase": None, "deload": None, "region_sets": REGION_SETS, "hard_sets": REGION_SETS, "practice_sets": None,
            "sessions": [{"day": None, "weekday": None, "minutes": None, "contacts": None, "exercises": [{
                "slug": None, "name": None, "role": None, "sets": None, "reps": RANGE, "unit": None, "per_side": None,
                "warmup_sets": None, "tempo": None, "rest_s": None, "new": None, "replaces": None, "cue": None, "note": None,
            }]}],
        }],
        "substitutions": [{"wanted": None, "used": None, "reason": None, "weeks": None}],
        "notes": TEXTS,
    },
    "plan start": {
        "version": None, "level": None, "goal": None, "weeks": None, "days_per_week": None, "equipment": None, "pains": None,
        "start": None, "load_step": {"kg": None, "lb": None}, "contact": None, "level_from_log": None,
    },
    "plan next": {
        "phase": None, "week": None, "day": None, "saved_plan": None, "start": None, "deload": None,
        "phase_change": OrNull({"from": None, "to": None, "changes": None}),
        "changes": [{"slug": None, "action": None, "to": None, "until": None, "trigger": None, "reason": None}],
        "next_session": [{
            "slug": None, "name": None, "sets": None, "reps": RANGE, "unit": None, "per_side": None, "rest_s": None,
            "warmup_sets": None, "load": None, "load_unit": None, "cue": None, "note": None,
            "why": OrNull({"working_load": None, "units": None, "e1rm": None, "sessions": None, "last_date": None}),
        }],
        "position": {"week": None, "day": None, "sessions_done": None, "gap_days": None},
        "plan_done": None,
        "notes": TEXTS,
    },
    "log list": {"entries": [ENTRY]},
    "log add": ENTRY,
    "profile show": {"level": None, "goal": None, "equipment": None, "pains": None, "units": None},
    "progress": {
        "exercises": [{"slug": None, "sessions": None, "load_trend": None, "reps_trend": None, "contact_trend": None}],
        "weeks": [{"week": None, "region_sets": REGION_SETS}],
    },
}  # fmt: skip


def describe(shape: Shape, top: bool = True) -> str:
    """The README's notation: {"key", "key": {...}, "key": [{...}]}; a named shape by its name below the top."""
    if shape is None:
        return ""
    if isinstance(shape, str):
        return shape
    if isinstance(shape, Named):
        return describe(shape.shape) if top else shape.name
    if isinstance(shape, Plus):
        return shape.base.name + " and " + ", ".join(f'"{k}"' for k in shape.more)
    if isinstance(shape, OrNull):
        return describe(shape.shape, False) + " or null"
    if isinstance(shape, Each):
        return "{" + shape.key + ": " + describe(shape.value, False) + "}"
    if isinstance(shape, list):
        return "[" + describe(shape[0], False) + "]"
    return "{" + ", ".join(f'"{k}"' + (f": {describe(v, False)}" if v is not None else "") for k, v in shape.items()) + "}"


def keys_of(shape: Shape) -> dict[str, Shape] | None:
    """The exact keys an object of this shape has, or None when it is not an object with fixed keys."""
    if isinstance(shape, Named):
        return keys_of(shape.shape)
    if isinstance(shape, Plus):
        return {**(keys_of(shape.base) or {}), **shape.more}
    return shape if isinstance(shape, dict) else None


def problems(value: Any, shape: Shape, where: str = "$") -> list[str]:
    """Where `value` differs from `shape`: missing or unexpected keys, an object or a list where the shape
    has another. Plain values (None, or a str description) are not checked beyond their presence."""
    if shape is None or isinstance(shape, str):
        return []
    if isinstance(shape, OrNull):
        return [] if value is None else problems(value, shape.shape, where)
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {type(value).__name__}"]
        return [p for i, item in enumerate(value) for p in problems(item, shape[0], f"{where}[{i}]")]
    if isinstance(shape, Each):
        if not isinstance(value, dict):
            return [f"{where}: expected an object, got {type(value).__name__}"]
        return [p for k, v in value.items() for p in problems(v, shape.value, f"{where}.{k}")]
    keys = keys_of(shape)
    assert keys is not None
    if not isinstance(value, dict):
        return [f"{where}: expected an object, got {type(value).__name__}"]
    out = [f"{where}: missing {k!r}" for k in keys if k not in value]
    out += [f"{where}: unexpected {k!r}" for k in value if k not in keys]
    return out + [p for k, sub in keys.items() if k in value for p in problems(value[k], sub, f"{where}.{k}")]


def document_problems(value: Any, name: str) -> list[str]:
    """A whole document as printed: its version first, then the documented shape."""
    if not isinstance(value, dict) or value.get("json_version") != JSON_VERSION:
        return [f"$: 'json_version' {JSON_VERSION} missing"]
    return problems({k: v for k, v in value.items() if k != "json_version"}, DOCUMENTS[name])
