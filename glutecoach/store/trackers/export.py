"""The log written out in a tracker's format: glutecoach's own entries as records (contact and pain in a
tag only glutecoach reads back), and each imported row from the record it was imported from.

The tag ``[glutecoach contact=N pain=N]`` is read only from rows glutecoach wrote (workout name
``glutecoach`` or ``glutecoach N``); a foreign tracker's note is never parsed for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from glutecoach.core.models import Entry
from glutecoach.core.record import NamedTuple
from glutecoach.errors import UsageError
from glutecoach.store.trackers.records import ForeignEntry, ForeignSet
from glutecoach.store.trackers.write import WRITERS

OWN_WORKOUT = re.compile(r"glutecoach(?: [1-9]\d{0,5})?")
TAG = re.compile(r"\[glutecoach(?: contact=(\d+))?(?: pain=(\d+))?\] ?")


class Tag(NamedTuple):
    contact: int | None
    pain: int | None
    note: str  # the note without the tag


def read_tag(record: ForeignEntry, note: str, where: str) -> Tag:
    """Contact and pain from the tag glutecoach writes, only in a row glutecoach wrote; a value that is not
    0-10 written plainly (no leading zeros) is an error naming the line."""
    if record.workout is None or not OWN_WORKOUT.fullmatch(record.workout):
        return Tag(None, None, note)
    found = TAG.match(note)
    if not found:
        return Tag(None, None, note)
    values = []
    for label, text in (("contact", found.group(1)), ("pain", found.group(2))):
        if text is not None and (str(int(text[:3])) != text or not 0 <= int(text) <= 10):
            raise UsageError(
                f"{where}the tag '{found.group(0).strip()}' gives {label}={text[:12]}; accepted: a whole "
                "number 0-10 written plainly (e.g. contact=7), as glutecoach writes it."
            )
        values.append(None if text is None else int(text))
    return Tag(values[0], values[1], note[found.end() :])


def _tag(e: Entry) -> str:
    tag = ""
    if e.contact is not None or e.pain_score is not None:
        tag = (
            "[glutecoach"
            + (f" contact={e.contact}" if e.contact is not None else "")
            + (f" pain={e.pain_score}" if e.pain_score is not None else "")
            + "] "
        )
    return (tag + (e.note or "")).strip()


def from_entry(e: Entry, name: str, workout: str) -> ForeignEntry:
    """A glutecoach entry as a tracker's record: its note (and tag) on the first set, RPE 10 - RIR on
    every set that counts."""
    rpe = None if e.rir is None else float(10 - e.rir)
    note = _tag(e) or None
    sets = tuple(
        ForeignSet(
            s.reps, s.load, e.units if s.load is not None else None, None, None, rpe if s.counts else None, s.type, note if i == 0 else None
        )
        for i, s in enumerate(e.sets)
    )
    clock = f"{e.time}:00" if e.time else None
    return ForeignEntry(0, e.date, e.time, workout, name, sets, note, clock)


def _workouts(entries: Sequence[Entry]) -> list[str]:
    """'glutecoach', then 'glutecoach 2', ... for the same exercise again at the same day and time, so a
    tracker reading the file keeps them as separate sessions."""
    seen: dict[tuple[str, str | None, str], int] = {}
    out = []
    for e in entries:
        n = seen[(e.date, e.time, e.slug)] = seen.get((e.date, e.time, e.slug), 0) + 1
        out.append("glutecoach" if n == 1 else f"glutecoach {n}")
    return out


def records(
    entries: Iterable[Entry], names: dict[str, str], imported: dict[int, ForeignEntry] | None = None, foreign: Iterable[ForeignEntry] = ()
) -> list[ForeignEntry]:
    """Every entry as a record (an imported entry as the record it came from, when given) and every
    foreign record, by date and time."""
    items = list(entries)
    kept = imported or {}
    out = [
        kept[e.id] if e.id is not None and e.id in kept else from_entry(e, names.get(e.slug, e.slug), w)
        for e, w in zip(items, _workouts(items), strict=True)
    ]
    out += foreign
    out.sort(key=lambda r: r.date)  # stable: the log's own order within a day
    return out


def write(fmt: str, records_: Iterable[ForeignEntry], units: str) -> str:
    return WRITERS[fmt](records_, units)
