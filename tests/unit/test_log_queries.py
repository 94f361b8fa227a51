"""The log's indexed questions (store.log_queries) give the answers a plain reading of every entry gives:
`plan next` and `plan start` read a 100,000-entry log through them, so a faster query must never be a
different answer."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from glutecoach.catalogue.load import load
from glutecoach.cli.plan_reads import proposal
from glutecoach.core.history import REGULAR_WINDOW_WEEKS, propose
from glutecoach.core.models import Entry, SetRow
from glutecoach.store import log

SLUGS = ["hip-thrust", "back-squat", "romanian-deadlift", "clamshell", "glute-bridge"]
CAT = load(user=False)
FIRST = dt.date(2025, 1, 1)

entries_st = st.lists(
    st.builds(
        lambda day, slug, contact, load, kind: Entry(
            None, (FIRST + dt.timedelta(days=day)).isoformat(), slug, (SetRow(8, load, kind),), "kg", contact, None, 2, None
        ),
        st.integers(0, 400),
        st.sampled_from(SLUGS),
        st.none() | st.integers(0, 10),
        st.sampled_from([0.0, 20.0, 60.0]),
        st.sampled_from(["working", "warmup"]),
    ),
    max_size=40,
)


@contextmanager
def _stored(items: list[Entry]) -> Iterator[tuple[list[Entry], Path]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.sqlite3"
        with log.connect(path) as conn:
            saved = [log.add(conn, e) for e in items]
        yield saved, path


@settings(deadline=None)
@given(entries_st, st.integers(0, 420), st.sampled_from([1, 2, 4]))
def test_each_lifts_last_sessions_before_a_day_are_the_plain_answer(items: list[Entry], day: int, per_slug: int) -> None:
    before = (FIRST + dt.timedelta(days=day)).isoformat()
    wanted = ["hip-thrust", "clamshell", "never-logged"]
    with _stored(items) as (saved, path), log.connect(path, create=False) as conn:
        found = log.latest_of(conn, wanted, before, per_slug)
    plain = []
    for slug in wanted:
        earlier = sorted((e for e in saved if e.slug == slug and e.date < before), key=lambda e: (e.date, e.id or 0))
        plain += earlier[-per_slug:]
    plain.sort(key=lambda e: (e.date, e.id or 0))
    assert [e.id for e in found] == [e.id for e in plain]


def _rated(day: int, contact: int) -> Entry:
    sets = (SetRow(8, 60.0, "working"),)
    return Entry(None, (FIRST + dt.timedelta(days=day)).isoformat(), "hip-thrust", sets, "kg", contact, None, 2, None)


LOW_BEFORE_HIGH_IN_WINDOW = [*(_rated(d, 0) for d in range(40, 110, 3)), _rated(190, 10), _rated(195, 10)]


@settings(deadline=None)
@given(entries_st, st.integers(0, 420), st.integers(-6, 6))
@example(LOW_BEFORE_HIGH_IN_WINDOW, 200, 0)  # two ratings in the window: the four before it count too
@example(LOW_BEFORE_HIGH_IN_WINDOW, 200, -12)  # read from after the window's start: it must be asked
def test_the_level_proposed_from_indexed_questions_is_the_one_read_from_every_entry(items: list[Entry], day: int, more: int) -> None:
    """plan next asks the log (plan_reads.proposal) two ways: by indexed questions, or counting inside the
    weeks it has read already (from `more` weeks before the window, or after its start); both are what
    reading every entry says (core.history.propose)."""
    today = FIRST + dt.timedelta(days=day)
    read_from = (today - dt.timedelta(weeks=REGULAR_WINDOW_WEEKS + more)).isoformat()
    with _stored(items) as (saved, path), log.connect(path, create=False) as conn:
        asked = proposal(CAT, today, conn)
        recent = log.entries(conn, since=read_from, until=today.isoformat(), newest_first=False)
        counted = proposal(CAT, today, conn, recent, read_from)
    assert asked == counted == propose(CAT, saved, today)


@settings(deadline=None)
@given(entries_st, st.integers(0, 420), st.integers(0, 420))
def test_entries_between_two_days_are_the_plain_answer(items: list[Entry], first: int, last: int) -> None:
    since, until = ((FIRST + dt.timedelta(days=d)).isoformat() for d in (first, last))
    with _stored(items) as (saved, path), log.connect(path, create=False) as conn:
        found = log.entries(conn, since=since, until=until, newest_first=False)
    plain = sorted((e for e in saved if since <= e.date <= until), key=lambda e: (e.date, e.id or 0))
    assert [e.id for e in found] == [e.id for e in plain]


sets_st = st.lists(
    st.builds(SetRow, st.integers(1, 20), st.none() | st.sampled_from([20.0, 62.5]), st.sampled_from(["working", "warmup"])),
    min_size=1,
    max_size=3,
)
entries_with_sets_st = st.lists(
    st.builds(
        lambda day, slug, sets: Entry(None, (FIRST + dt.timedelta(days=day)).isoformat(), slug, tuple(sets), "kg", None, None, 2, None),
        st.integers(0, 60),
        st.sampled_from(SLUGS),
        sets_st,
    ),
    max_size=40,
)


@settings(deadline=None)
@given(entries_with_sets_st, st.integers(0, 60), st.integers(0, 60))
def test_a_span_of_days_reads_back_each_entry_with_its_own_sets(items: list[Entry], a: int, b: int) -> None:
    """Entries logged out of date order (an import of old sessions) leave a span's ids far apart: its sets
    are then read by id list, else by one id range; either way each entry has exactly its own sets."""
    since, until = sorted(((FIRST + dt.timedelta(days=a)).isoformat(), (FIRST + dt.timedelta(days=b)).isoformat()))
    with _stored(items) as (saved, path), log.connect(path, create=False) as conn:
        found = log.entries(conn, since=since, until=until, newest_first=False)
    plain = sorted((e for e in saved if since <= e.date <= until), key=lambda e: (e.date, e.id or 0))
    assert found == plain
