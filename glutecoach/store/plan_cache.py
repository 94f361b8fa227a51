"""Built plans kept between runs. A plan is a pure function of the catalogue, the goal, the person and the
plan's shape, and `plan next` rebuilds the same saved plan at every session: the cache turns that
rebuild (about 15 ms, and the builder's imports) into one small read.

Stored with marshal (glutecoach.speed) as plain values: a named tuple as its module, name and fields,
an exercise as its slug (taken back from the catalogue the key was made from). The key holds the
catalogue's fingerprint, everything the builder reads and the builder's own source files (their size
and modification time), so an edited or upgraded builder never reads an old plan. A cache that cannot
be read or does not fit is rebuilt; one that cannot be written is skipped.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glutecoach import speed
from glutecoach.core.models import Exercise
from glutecoach.core.plan_model import Plan

if TYPE_CHECKING:
    from glutecoach.core.models import Catalogue, Goal, Profile

KEEP_PLANS = 8  # a saved plan, the default one and a few looked at
CORE = Path(__file__).resolve().parent.parent / "core"
EXERCISE = "\0exercise"  # marks an exercise by slug; no catalogue value starts with NUL
NAMED = "\0named"  # marks a named tuple: module, class name, fields


def built(cat: Catalogue, goal: Goal, profile: Profile, weeks: int, days: int, contact: bool) -> Plan:
    """core.plan.build's plan, from the cache when this exact plan was built before."""
    if not cat.key:
        return _build(cat, goal, profile, weeks, days, contact)
    from glutecoach.store import paths

    kit = None if profile.equipment is None else tuple(sorted(profile.equipment))  # a set's repr changes from run to run
    shape = (goal, kit, profile._replace(equipment=None), weeks, days, contact)
    key = speed.digest(cat.key.encode(), repr(shape).encode(), _code_key().encode())
    path = paths.cache_dir() / f"plan-{key[:32]}.marshal"
    raw = speed.read_cache(path, key)
    if raw is not None:
        try:
            plan = _decode(raw["plan"], cat)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError, ImportError):
            plan = None
        if isinstance(plan, Plan):
            return plan
    plan = _build(cat, goal, profile, weeks, days, contact)
    speed.write_cache(path, {"key": key, "plan": _encode(plan)}, keep=KEEP_PLANS)
    return plan


def _build(cat: Catalogue, goal: Goal, profile: Profile, weeks: int, days: int, contact: bool) -> Plan:
    from glutecoach.core import plan as planner

    return planner.build(cat, goal, profile, weeks, days, contact)


def _code_key() -> str:
    """The builder's source files by name, size and modification time (a stat each, no reading)."""
    try:
        marks = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(CORE) if e.name.endswith(".py"))
    except OSError:
        return ""
    return repr(marks)


def _encode(value: Any) -> Any:
    if isinstance(value, Exercise):
        return (EXERCISE, value.slug)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        kind = type(value)
        return (NAMED, kind.__module__, kind.__name__, *(_encode(v) for v in value))
    if isinstance(value, tuple):
        return tuple(_encode(v) for v in value)
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def _decode(value: Any, cat: Catalogue) -> Any:
    if isinstance(value, tuple):
        if value and value[0] == EXERCISE:
            return cat.exercises[value[1]]
        if value and value[0] == NAMED:
            module, name = value[1], value[2]
            if not module.startswith("glutecoach.core."):
                raise ValueError(f"not a glutecoach type: {module}")
            kind = getattr(sys.modules.get(module) or __import__(module, fromlist=[name]), name)
            return kind(*(_decode(v, cat) for v in value[3:]))
        return tuple(_decode(v, cat) for v in value)
    if isinstance(value, list):
        return [_decode(v, cat) for v in value]
    if isinstance(value, dict):
        return {k: _decode(v, cat) for k, v in value.items()}
    return value
