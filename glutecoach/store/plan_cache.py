"""Built plans kept between runs. A plan is a pure function of the catalogue, the goal, the person and the
plan's shape, and `plan next` rebuilds the same saved plan at every session: the cache turns that
rebuild (about 15 ms, and the builder's imports) into one small read.

Stored as a pickle inside the marshal cache file (glutecoach.speed), an exercise as its slug (taken back
from the catalogue the key was made from). Reading it admits only glutecoach.core's records: a pickle
names the classes it builds, and any other class or function is refused (the file is rebuilt). Pickle's
reader is C, so the plan comes back in a fifth of the time the former walk over marshal values took
(0.08 ms against 0.46 ms for the beginner plan, warm). The key holds the
catalogue's fingerprint, everything the builder reads and the builder's own source files (their size
and modification time), so an edited or upgraded builder never reads an old plan. A cache that cannot
be read or does not fit is rebuilt; one that cannot be written is skipped.
"""

from __future__ import annotations

import io
import os
import pickle
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
PICKLE_PROTOCOL = 5
RECORDS_FROM = "glutecoach.core."  # the only modules a stored plan may name a class of


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
        except (pickle.UnpicklingError, EOFError, KeyError, IndexError, TypeError, ValueError, AttributeError, ImportError):
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


class _Pickler(pickle.Pickler):
    def persistent_id(self, obj: Any) -> str | None:
        return obj.slug if isinstance(obj, Exercise) else None  # by slug: the catalogue is the key's part


def _encode(plan: Plan) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=PICKLE_PROTOCOL).dump(plan)
    return out.getvalue()


class _Unpickler(pickle.Unpickler):
    """A reader that builds glutecoach.core's records and nothing else."""

    def __init__(self, data: bytes, cat: Catalogue) -> None:
        super().__init__(io.BytesIO(data))
        self._exercises = cat.exercises

    def persistent_load(self, pid: Any) -> Exercise:
        return self._exercises[pid]  # a slug the catalogue lost: KeyError, and the plan is built again

    def find_class(self, module: str, name: str) -> Any:
        kind = getattr(sys.modules.get(module), name, None) if module.startswith(RECORDS_FROM) else None
        if kind is None and module.startswith(RECORDS_FROM):
            kind = getattr(__import__(module, fromlist=[name]), name, None)
        if not (isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields")):
            raise pickle.UnpicklingError(f"not a glutecoach record: {module}.{name}")
        return kind


def _decode(data: Any, cat: Catalogue) -> Any:
    if not isinstance(data, bytes):
        raise TypeError("a stored plan is a pickle's bytes")
    return _Unpickler(data, cat).load()
