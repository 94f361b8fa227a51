"""Built plans kept between runs (store.plan_cache): what comes back is the plan the builder makes, for
every goal, level and kit; a plan is built again when anything it depends on changes, and a damaged
cache costs a rebuild, never a wrong plan or an error."""

from __future__ import annotations

import marshal
import pickle
from pathlib import Path
from typing import Any

import pytest

from glutecoach.catalogue.load import load
from glutecoach.core import plan as planner
from glutecoach.core.models import Catalogue, Profile
from glutecoach.core.plan_model import Plan
from glutecoach.store import plan_cache

KITS = [None, frozenset(), frozenset({"band", "dumbbell"}), frozenset({"barbell", "bench", "plates"})]


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load(user=False)


@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
def test_every_plan_comes_back_from_its_stored_form_unchanged(cat: Catalogue, level: str) -> None:
    for goal in cat.goals.values():
        for kit in KITS:
            plan = planner.build(cat, goal, Profile(level, kit, ("low-back-pain",) if kit == frozenset() else ()), 8, 3)
            stored = marshal.loads(marshal.dumps(plan_cache._encode(plan)))
            assert plan_cache._decode(stored, cat) == plan, (goal.name, level, kit)


def _builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = planner.build

    def counted(*args: Any, **kwargs: Any) -> Plan:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(planner, "build", counted)
    return calls


def test_the_same_plan_is_read_not_rebuilt_and_any_change_builds_again(
    isolated_home: Path, cat: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _builds(monkeypatch)
    goal = cat.goals["glute-size"]
    first = plan_cache.built(cat, goal, Profile("beginner", frozenset({"band", "dumbbell"})), 8, 3, True)
    again = plan_cache.built(cat, goal, Profile("beginner", frozenset({"dumbbell", "band"})), 8, 3, True)
    assert again == first and len(calls) == 1  # the same kit in another order is the same plan
    for changed in [
        (goal, Profile("intermediate", frozenset({"band", "dumbbell"})), 8, 3, True),
        (goal, Profile("beginner", frozenset({"band"})), 8, 3, True),
        (goal, Profile("beginner", frozenset({"band", "dumbbell"}), ("knee-pain",)), 8, 3, True),
        (goal, Profile("beginner", frozenset({"band", "dumbbell"})), 10, 3, True),
        (goal, Profile("beginner", frozenset({"band", "dumbbell"})), 8, 2, True),
        (goal, Profile("beginner", frozenset({"band", "dumbbell"})), 8, 3, False),
        (cat.goals["strength"], Profile("beginner", frozenset({"band", "dumbbell"})), 8, 3, True),
    ]:
        before = len(calls)
        assert plan_cache.built(cat, *changed) == planner.build(cat, *changed)
        assert len(calls) == before + 2, changed  # built for the cache (a miss), and once more above


def test_a_damaged_or_foreign_cache_is_rebuilt(isolated_home: Path, cat: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    goal = cat.goals["glute-size"]
    plan = plan_cache.built(cat, goal, Profile(), 8, 3, True)
    (path,) = (isolated_home / "cache").glob("plan-*.marshal")
    raw = marshal.loads(path.read_bytes())
    calls = _builds(monkeypatch)
    stored = raw["plan"]
    for bad in [
        b"\x00garbage",
        marshal.dumps({**raw, "plan": 3}),
        marshal.dumps({**raw, "plan": stored[: len(stored) // 2]}),  # cut short
        marshal.dumps({**raw, "plan": stored.replace(b"hip-thrust", b"hip-thrusx")}),  # a slug the catalogue lacks
        marshal.dumps({**raw, "plan": pickle.dumps(Profile())}),  # a record, but not a plan
    ]:
        path.write_bytes(bad)
        calls.clear()
        assert plan_cache.built(cat, goal, Profile(), 8, 3, True) == plan and calls == [1]


def test_a_stored_plan_can_build_records_only_never_call_a_function(
    isolated_home: Path, cat: Catalogue, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A pickle names what it calls: a cache file written by someone else must not run anything."""
    goal = cat.goals["glute-size"]
    plan = plan_cache.built(cat, goal, Profile(), 8, 3, True)
    (path,) = (isolated_home / "cache").glob("plan-*.marshal")
    raw = marshal.loads(path.read_bytes())
    keep = tmp_path / "keep.txt"
    keep.write_text("mine")
    calls = _builds(monkeypatch)
    for call in [b"cos\nremove\n(V" + str(keep).encode() + b"\ntR.", b"cglutecoach.core.plan\nbuild\n(tR."]:
        path.write_bytes(marshal.dumps({**raw, "plan": call}))
        calls.clear()
        assert plan_cache.built(cat, goal, Profile(), 8, 3, True) == plan
        assert calls == [1], call  # the rebuild only: the stored call of the builder was refused
    assert keep.read_text() == "mine"


def test_an_edited_builder_never_reads_a_plan_it_did_not_make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "plan_weeks.py"
    source.write_text("x = 1\n")
    monkeypatch.setattr(plan_cache, "CORE", tmp_path)
    before = plan_cache._code_key()
    source.write_text("x = 22\n")
    assert plan_cache._code_key() != before
