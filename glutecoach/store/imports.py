"""An import, planned before anything is written: the file's format detected (glutecoach JSON, Strong,
Hevy, FitNotes), every row read and checked, every name mapped honestly (the user's mapping, then the
catalogue's slugs, names, aliases and "Name (Equipment)"; never a guess), foreign sets turned into
glutecoach entries with nothing the row says dropped silently.

A tracker's set becomes a glutecoach set counted in the exercise's own unit (reps; seconds for a hold;
metres for a sled or a carry); what the set says beyond that (a time, a distance, an RPE per set) is
kept in the entry's note. Loads keep their unit; an entry whose sets mix kg and lb is converted to the
user's units. The last working set's RPE becomes reps in reserve (10 - RPE).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from glutecoach.core.models import Entry, Exercise, SetRow
from glutecoach.core.record import NamedTuple
from glutecoach.core.vocab import LB_PER_KG
from glutecoach.errors import UsageError
from glutecoach.store import files, foreign_json, formats, paths, trackers
from glutecoach.store.trackers import export

FORMATS = ("glutecoach", *trackers.FORMATS)
MAP_FILE = "import-map.json"


class NameRow(NamedTuple):
    name: str  # as the file writes it
    slug: str | None  # None: left out
    rows: int  # CSV rows (sets) or, for glutecoach JSON, entries with that name
    sets: int  # sets that would be imported
    line: int  # the first line (CSV) or entry number (JSON) with that name
    mapped: bool  # the user's mapping decided it (a slug, or null to leave it out)


class ImportPlan(NamedTuple):
    format: str  # one of FORMATS
    rows: int  # data rows (CSV) or entries (JSON) read
    rest_timers: int  # Strong's Rest Timer rows, skipped
    names: tuple[NameRow, ...]  # in order of first appearance
    entries: tuple[Entry, ...]  # every entry of a mapped name, before de-duplication against the log
    left_out: tuple[str, ...]  # sets that could not be kept, each with where and why
    made_from: tuple[trackers.ForeignEntry | None, ...] = ()  # per entry, the tracker record it was made from
    foreign: tuple[trackers.ForeignEntry, ...] = ()  # rows of unknown names, kept as foreign entries
    saved_rows: tuple[tuple[str, str | None, trackers.ForeignEntry], ...] = ()  # a backup's tracker rows

    @property
    def unknown(self) -> tuple[NameRow, ...]:
        """Names that match no exercise and that the user's mapping does not mention."""
        return tuple(n for n in self.names if n.slug is None and not n.mapped)


def looks_like_json(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[")


def index_for(exercises: Iterable[Exercise], mapping: Mapping[str, str | None] = {}) -> trackers.NameIndex:
    return trackers.NameIndex(((e.slug, e.name, e.aliases, e.equipment) for e in exercises), mapping)


def plan(
    data: bytes, source: str, fmt: str | None, exercises: Sequence[Exercise], mapping: Mapping[str, str | None], units: str
) -> ImportPlan:
    """Everything the file would import, checked; a UsageError (naming the file, and the line or entry)
    for the first bad value. Writes nothing."""
    index = index_for(exercises, mapping)
    mapped = {trackers.normalise(k) for k in mapping}
    units_of = {e.slug: e.unit for e in exercises}
    if fmt == "glutecoach" or (fmt is None and looks_like_json(data)):
        return _plan_json(data, source, index, mapped, units)
    try:
        read = trackers.read(data, fmt, source)
    except trackers.TrackerFormatError as err:
        if fmt is None and "matches no export" in str(err):
            raise UsageError(f'{err} Or a glutecoach JSON export ({{"entries": [...]}}).') from None
        raise
    names: dict[str, list[Any]] = {}  # name -> [slug, rows, sets, line]
    entries: list[Entry] = []
    made_from: list[trackers.ForeignEntry] = []
    foreign: list[trackers.ForeignEntry] = []
    left_out: list[str] = []
    for fe in read.entries:
        name = fe.name
        slug = index.lookup(name)
        row = names.setdefault(name, [slug, 0, 0, fe.line])
        row[1] += len(fe.sets)
        if slug is None:
            if trackers.normalise(name) not in mapped:  # unknown and not left out by the user: kept as foreign
                foreign.append(fe)
            continue
        entry, dropped = _convert(fe, slug, units_of.get(slug, "reps"), units, source)
        if entry is None:  # nothing glutecoach can count: the row is kept, as a foreign entry
            foreign.append(fe)
            continue
        left_out += dropped
        row[2] += len(entry.sets)
        entries.append(entry)
        made_from.append(fe)
    rows = tuple(NameRow(n, s, r, k, line, trackers.normalise(n) in mapped) for n, (s, r, k, line) in names.items())
    return ImportPlan(
        read.format, read.rows, read.skipped_rest_timers, rows, tuple(entries), tuple(left_out), tuple(made_from), tuple(foreign)
    )


def _plan_json(data: bytes, source: str, index: trackers.NameIndex, mapped: set[str], units: str) -> ImportPlan:
    doc = files.parse_json(data, source)
    try:
        items = formats.from_json(doc, units)
    except UsageError as err:
        raise UsageError(f"{source}: {err}") from None
    names: dict[str, list[Any]] = {}
    entries = []
    for number, (name, entry) in enumerate(items, 1):
        slug = index.lookup(name)
        row = names.setdefault(name, [slug, 0, 0, number])
        row[1] += 1
        if slug is not None:
            row[2] += len(entry.sets)
            entries.append(entry._replace(slug=slug))
    rows = tuple(NameRow(n, s, r, k, line, trackers.normalise(n) in mapped) for n, (s, r, k, line) in names.items())
    try:
        saved = foreign_json.check(doc)
    except UsageError as err:
        raise UsageError(f"{source}: {err}") from None
    return ImportPlan("glutecoach", len(items), 0, rows, tuple(entries), (), saved_rows=tuple(saved))


def _convert(fe: trackers.ForeignEntry, slug: str, counted_in: str, units: str, source: str) -> tuple[Entry | None, list[str]]:
    """A tracker's entry as a glutecoach entry (None when no set has anything to count), and the sets
    left out, each said."""
    where = f"{source}, line {fe.line}: "
    kept: list[tuple[int, trackers.ForeignSet]] = []
    extras: list[str] = []
    dropped: list[str] = []
    what = {"seconds": "seconds", "metres": "metres"}.get(counted_in, "reps")
    for i, s in enumerate(fe.sets, 1):
        value: float | None = s.reps
        if counted_in == "seconds":
            value = s.seconds or s.reps
        elif counted_in == "metres":
            value = s.metres or s.reps
        count = None if value is None else round(value)
        if count is None or not 1 <= count <= 1000:
            why = f"no {what} recorded" if count is None or count < 1 else f"{count} {what} (at most 1000 a set)"
            dropped.append(f"line {fe.line} ({fe.name}, {fe.date}), set {i}: {why}")
            continue
        bits = []
        if s.seconds and value != s.seconds:
            bits.append(f"{s.seconds:g} s")
        if s.metres and value != s.metres:
            bits.append(f"{s.metres:g} m")
        if bits:
            extras.append(f"set {i}: {', '.join(bits)}")
        kept.append((count, s))
    if not kept:
        return None, dropped
    said = {s.unit or units for _, s in kept if s.load is not None}
    entry_units = said.pop() if len(said) == 1 else units
    sets = []
    for count, s in kept:
        load = s.load
        unit = s.unit or units
        if load is not None and unit != entry_units:
            load = round(load / LB_PER_KG if entry_units == "kg" else load * LB_PER_KG, 2)
        sets.append(SetRow(count, load, s.type))
    rpes = [s.rpe for _, s in kept]
    working = [r for (_, s), r in zip(kept, rpes, strict=True) if s.type != "warmup" and r is not None]
    rir = None if not working else max(0, min(5, round(10 - working[-1])))
    if len({r for r in rpes if r is not None}) > 1:
        extras.append("RPE by set: " + ", ".join("-" if r is None else f"{r:g}" for r in rpes))
    contact, pain, note = export.read_tag(fe, fe.note or "", where)
    text = " | ".join(t for t in (note.strip(), *extras) if t) or None
    time = None if fe.time in (None, "00:00") else fe.time  # 00:00 is what an export writes for "no time"
    entry = Entry(None, fe.date, slug, tuple(sets), entry_units, contact, pain, rir, text, None, time)
    return formats.check_entry(entry, where), dropped


# --------------------------------------------------------------------------------------------------
# The user's name mapping


def check_mapping(doc: Any, where: str) -> dict[str, str | None]:
    """{tracker's name: slug, name or alias, or null to leave the name out}."""
    if not isinstance(doc, dict):
        raise UsageError(f'{where}: a name mapping is an object {{"Tracker name": "slug", "Other name": null}}.')
    out: dict[str, str | None] = {}
    for key, value in doc.items():
        if not isinstance(key, str) or not key.strip():
            raise UsageError(f"{where}: the key {formats._shown(key)} is not a tracker's exercise name (text).")
        if value is not None and not isinstance(value, str):
            raise UsageError(
                f"{where}: {formats._shown(key)} maps to {formats._shown(value)}; "
                "accepted: a slug such as 'hip-thrust', or null to leave the name out."
            )
        formats.check_text(key, f"{where}: a name", formats.MAX_SLUG)
        out[key] = value
    return out


def mapping_path() -> Path:
    return paths.config_dir() / MAP_FILE


def saved_mapping() -> dict[str, str | None]:
    """The mappings saved with --save-map ({} when there are none)."""
    path = mapping_path()
    data = files.read_file(path, "name mapping", files.MAX_SMALL_BYTES, missing_ok=True)
    if data is None:
        return {}
    return check_mapping(files.parse_json(data, str(path)), str(path))


def save_mapping(given: Mapping[str, str | None]) -> int:
    """Merge `given` into the saved mappings (a name given again replaces its old mapping); how many
    names the saved file now maps."""
    import json

    wanted = {trackers.normalise(k) for k in given}
    path = mapping_path()
    with files.locked(path.parent, "name mapping"):  # read-modify-write: a name another run saved is kept
        merged = {k: v for k, v in saved_mapping().items() if trackers.normalise(k) not in wanted}
        merged.update(given)
        text = json.dumps(dict(sorted(merged.items())), indent=2, ensure_ascii=False) + "\n"
        try:
            files.atomic_write(path, text.encode("utf-8"))
        except OSError as err:
            from glutecoach.store.output import write_error

            raise write_error(path, err) from None
    return len(merged)
