"""The speed seam keeps its promises: a cache never serves rows of another layout or content, a damaged
or stale cache is rebuilt, and the collector is always restored."""

from __future__ import annotations

import gc
import marshal
from pathlib import Path

from glutecoach import speed
from glutecoach.catalogue.load import load
from glutecoach.core.models import Exercise


def test_digest_follows_every_byte_and_the_boundaries_between_parts() -> None:
    assert speed.digest(b"abc") == speed.digest(b"abc")
    assert speed.digest(b"abc") != speed.digest(b"abd")
    assert speed.digest(b"ab", b"c") != speed.digest(b"a", b"bc")  # parts are length-prefixed
    assert speed.digest(b"x" * 1000) != speed.digest(b"x" * 1001)


def test_the_layout_key_changes_with_the_fields() -> None:
    assert speed.layout_key(Exercise._fields) == speed.layout_key(Exercise._fields)
    assert speed.layout_key(Exercise._fields) != speed.layout_key((*Exercise._fields, "new_field"))


def test_a_cache_of_another_layout_is_never_read_and_a_damaged_one_is_rebuilt(isolated_home: Path) -> None:
    first = load()
    caches = sorted((isolated_home / "cache").glob("catalogue-*.marshal"))
    assert len(caches) == 1
    raw = marshal.loads(caches[0].read_bytes())
    assert set(raw["exercises"]) == set(Exercise._fields)  # stored by field name, not by position
    del raw["exercises"]["pattern"]  # a cache written by code with one field fewer, under the same key
    caches[0].write_bytes(marshal.dumps(raw))
    again = load()
    assert again.exercises["hip-thrust"] == first.exercises["hip-thrust"]
    assert "pattern" in marshal.loads(caches[0].read_bytes())["exercises"]  # and the cache was rewritten
    caches[0].write_bytes(b"not marshal at all")
    assert load().exercises["glute-bridge"] == first.exercises["glute-bridge"]


def test_the_collector_is_restored_after_a_pause() -> None:
    was = gc.isenabled()
    try:
        gc.enable()
        with speed.paused_gc():
            assert not gc.isenabled()
        assert gc.isenabled()
        gc.disable()
        with speed.paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_a_command_runs_with_the_collector_paused_and_gives_it_back() -> None:
    from glutecoach.cli.options import handles_errors

    @handles_errors
    def command() -> bool:
        return gc.isenabled()

    was = gc.isenabled()
    try:
        gc.enable()
        assert command() is False
        assert gc.isenabled()  # a test process, or any caller, keeps its collector
    finally:
        (gc.enable if was else gc.disable)()


def test_a_command_leaves_little_cyclic_garbage_for_the_paused_collector(isolated_home: Path) -> None:
    """Why pausing the collector for a command is safe: what a command makes is freed by reference
    counting; the cycles it leaves for the collector are a few hundred objects, whatever the log's size."""
    import datetime as dt

    from glutecoach.__main__ import main
    from glutecoach.core.models import Entry, SetRow
    from glutecoach.store import log

    day = dt.date(2026, 1, 5)
    with log.connect() as conn:
        for i in range(600):
            date = (day - dt.timedelta(days=i // 6)).isoformat()
            log.add(
                conn, Entry(None, date, ("hip-thrust", "back-squat", "clamshell")[i % 3], (SetRow(8, 60.0),) * 3, "kg", 6, None, 2, None)
            )
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for args in (["plan", "next", "--date", "2026-01-06"], ["progress", "--date", "2026-01-06", "--weeks", "26"], ["log", "list"]):
            assert main(args) == 0
            found = gc.collect()
            assert found < 3000, args
    finally:
        (gc.enable if was else gc.disable)()
