"""Other trackers' exports (Strong, Hevy, FitNotes) read into typed entries, and foreign names mapped.

Pure: bytes in, typed objects out. Nothing here touches the log, prints or guesses.

* ``read(data)`` detects the format from the header (``fmt`` forces one) and returns every row as a
  set of a ``ForeignEntry``: one entry per exercise per workout (Strong and Hevy tell workouts apart by
  their start time, name and number, so two workouts of one exercise on one day are two entries; set
  numbers starting again within one workout also start another entry), or per run of rows of one
  exercise on one day (FitNotes has no workout). Every note and every RPE is kept; notes are joined
  with " | ", the workout's own note last as "workout: ...". Rest Timer rows are skipped and counted.
* Values: 0 or empty means "not recorded" (body weight, a plank's reps), so it reads as None. Loads keep
  the export's unit ('kg', 'lb', or None when the export does not say: classic Strong); distances are
  converted to metres; a distance without a unit (classic Strong) is kept in the note instead.
* Every value is checked: a bad one raises ``TrackerFormatError`` naming the file line, the column, what
  is wrong and what is accepted. No other exception escapes for any input bytes.
* ``NameIndex`` maps a tracker's exercise name to a catalogue slug through the user's own mapping, names,
  aliases and the "Name (Equipment)" convention of Strong and Hevy, by dictionary look-ups built once.
  A name that matches nothing (bench press, rows) gives ``None``: never a guess.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from glutecoach.core.lookup import normalise  # the one name normaliser
from glutecoach.errors import GlutecoachError, UsageError

FORMATS = ("strong", "hevy", "fitnotes")
SET_TYPES = ("working", "warmup", "drop", "failure")

MAX_FIELD = 10_000  # characters in one cell
MAX_NAME = 200  # characters in an exercise name
MAX_REPS = 1000
MAX_LOAD = {"kg": 2000.0, "lb": 4410.0, None: 4410.0}
MAX_SECONDS = 86_400.0
MAX_METRES = 1_000_000.0
EARLIEST = dt.date(1900, 1, 1)


class ForeignSet(NamedTuple):
    reps: int | None
    load: float | None
    unit: str | None  # 'kg' | 'lb' | None (the export does not say; the load is then in the user's units)
    seconds: float | None
    metres: float | None
    rpe: float | None
    type: str  # one of SET_TYPES


class ForeignEntry(NamedTuple):
    line: int  # CSV line of the entry's first row (the header is line 1)
    date: str  # YYYY-MM-DD
    time: str | None  # HH:MM when the export has it
    workout: str | None  # the workout's name or number
    name: str  # the tracker's exercise name, as written
    sets: tuple[ForeignSet, ...]
    note: str | None  # every note of the exercise and its sets, joined; nothing dropped


class TrackerImport(NamedTuple):
    format: str  # 'strong' | 'hevy' | 'fitnotes'
    entries: tuple[ForeignEntry, ...]
    skipped_rest_timers: int
    rows: int  # data rows read (blank lines not counted; Rest Timer rows counted)


class TrackerFormatError(GlutecoachError):
    """A tracker export that cannot be read: where (file and line), what is wrong, what is accepted."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


# --------------------------------------------------------------------------------------------------
# Names



_PAREN = re.compile(r"^(.*?\S)\s*\(([^()]*)\)\s*$", re.DOTALL)


def split_name(name: str) -> tuple[str, str | None]:
    """'Hip Thrust (Barbell)' -> ('Hip Thrust', 'Barbell'); a name without a trailing '(...)' -> (name, None)."""
    m = _PAREN.match(name)
    if not m or not m.group(2).strip():
        return name.strip(), None
    return m.group(1).strip(), m.group(2).strip()


# Equipment words as trackers write them -> the catalogue's equipment (normalised).
_EQUIPMENT = {
    "body weight": "bodyweight", "bodyweight": "bodyweight", "bodyweight only": "bodyweight",
    "no equipment": "bodyweight", "none": "bodyweight",
    "band": "band", "bands": "band", "resistance band": "band", "resistance bands": "band",
    "mini band": "band", "loop band": "band",
    "db": "dumbbell", "dumbbell": "dumbbell", "dumbbells": "dumbbell",
    "bb": "barbell", "barbell": "barbell",
    "kb": "kettlebell", "kettlebell": "kettlebell", "kettlebells": "kettlebell",
    "cable": "cable", "cables": "cable", "cable machine": "cable",
    "machine": "machine",
    "hex bar": "trap bar", "trap bar": "trap bar", "trapbar": "trap bar",
}
# Equipment that carries the load; its word is dropped from a catalogue name to match "Name (Equipment)".
# (Not bench, box or step: "Box squat" is not a "Squat (Box)".)
_LOAD_EQUIPMENT = {"barbell", "dumbbell", "kettlebell", "cable", "band", "machine", "trap bar",
                   "ankle weight", "smith machine", "plate"}
_SUPPORT_EQUIPMENT = {"bench", "box", "step", "mat", "wall", "chair", "roman chair"}
_QUALIFIERS = ("seated", "standing")  # "Seated machine hip abduction" is Hevy's "Hip Abduction (Machine)"
_AMBIGUOUS = ""  # marks a key two exercises share: never resolved


def _equipment(word: str) -> str:
    w = normalise(word)
    return _EQUIPMENT.get(w, w)


def _drop_words(text: str, words: Iterable[str]) -> str:
    out = f" {text} "
    for w in words:
        out = out.replace(f" {w} ", " ")
    return " ".join(out.split())


class NameIndex:
    """Foreign exercise names -> catalogue slugs, by dictionary look-ups built once.

    ``exercises``: (slug, name, aliases, equipment) per exercise. ``mapping``: the user's own
    foreign name -> slug (or a name or alias of it), or None to skip that name.
    """

    def __init__(self, exercises: Iterable[tuple[str, str, Sequence[str], Sequence[str]]],
                 mapping: Mapping[str, str | None] = {}) -> None:
        rows = []
        for item in exercises:
            slug, name, aliases, equipment = item
            rows.append((slug, name, tuple(aliases), tuple(_equipment(e) for e in equipment)))
        names: dict[str, str] = {}
        for tier in (lambda r: (r[0],), lambda r: (r[1],), lambda r: r[2]):
            for r in rows:
                for text in tier(r):
                    key = normalise(text)
                    if key:
                        names.setdefault(key, r[0])
        keyed: dict[tuple[str, str], str] = {}  # (name without its load equipment, equipment) -> slug
        loose: dict[tuple[str, str], str] = {}  # the same without "seated"/"standing", for machines and cables
        for slug, name, aliases, equipment in rows:
            kinds = set(equipment)
            if all(e in _SUPPORT_EQUIPMENT for e in equipment):
                kinds.add("bodyweight")
            drop = [e for e in kinds if e in _LOAD_EQUIPMENT or e == "bodyweight"]
            drop += [w for w, e in _EQUIPMENT.items() if e in drop and w not in drop]
            drop.sort(key=len, reverse=True)  # "resistance band" before "band"
            plain: set[str] = set()
            for text in (slug, name, *aliases):
                n = normalise(text)
                for v in (n, normalise(split_name(n)[0])):
                    plain.add(_drop_words(v, drop))
            # The posture a machine or a cable implies may be left out: "Hip Abduction (Machine)".
            loaded = {_drop_words(v, _QUALIFIERS) for v in plain} - plain
            for table, variants, allowed in ((keyed, plain, kinds), (loose, loaded, kinds & _LOAD_EQUIPMENT)):
                for v in variants:
                    for kind in allowed if v else ():
                        old = table.get((v, kind))
                        table[(v, kind)] = slug if old in (None, slug) else _AMBIGUOUS
        self._names = names
        self._keyed = keyed
        self._loose = loose
        self._mapping: dict[str, str | None] = {}
        for foreign, target in mapping.items():
            if not isinstance(foreign, str) or not foreign.strip():
                raise UsageError(f"the name mapping has the key {_show(repr(foreign))}; accepted: a tracker's exercise name (text).")
            if target is None:
                self._mapping[normalise(foreign)] = None
                continue
            if not isinstance(target, str) or normalise(target) not in names:
                raise UsageError(
                    f"the name mapping maps '{_show(foreign)}' to {_show(repr(target))}, which is no exercise's "
                    "slug, name or alias; accepted: a slug such as 'hip-thrust', or null to skip the name.")
            self._mapping[normalise(foreign)] = names[normalise(target)]
        self._cache: dict[str, str | None] = {}

    def lookup(self, foreign: str) -> str | None:
        """The slug for a tracker's exercise name, or None (mapped to skip, or not a known exercise)."""
        if not isinstance(foreign, str):
            return None
        try:
            return self._cache[foreign]
        except KeyError:
            pass
        slug = self._resolve(foreign)
        if len(self._cache) < 200_000:
            self._cache[foreign] = slug
        return slug

    def _resolve(self, foreign: str) -> str | None:
        n = normalise(foreign)
        if n in self._mapping:
            return self._mapping[n]
        if n in self._names:
            return self._names[n]
        base, equip = split_name(foreign)
        if equip is None:
            return None
        b, e = normalise(base), normalise(equip)
        kind = _EQUIPMENT.get(e, e)
        for candidate in (f"{e} {b}", f"{b} {e}", f"{kind} {b}", f"{b} {kind}"):
            if candidate in self._names:
                return self._names[candidate]
        found = self._keyed.get((b, kind))
        if found is None:
            found = self._loose.get((b, kind))
        return found or None  # _AMBIGUOUS: two exercises fit, so neither is guessed


# --------------------------------------------------------------------------------------------------
# Headers

# normalised header cell -> (field, unit the header implies)
_COLUMNS: dict[str, dict[str, tuple[str, str | None]]] = {
    "strong": {
        "date": ("date", None),
        "workout #": ("workout_no", None), "workout no": ("workout_no", None),
        "workout no.": ("workout_no", None), "workout number": ("workout_no", None),
        "workout name": ("workout", None),
        "duration": ("duration", None), "duration (sec)": ("duration", None),
        "duration (seconds)": ("duration", None), "workout duration": ("workout_duration", None),
        "exercise name": ("exercise", None),
        "set order": ("order", None),
        "weight": ("weight", None), "weight (kg)": ("weight", "kg"), "weight (kgs)": ("weight", "kg"),
        "weight (lbs)": ("weight", "lb"), "weight (lb)": ("weight", "lb"),
        "weight unit": ("weight_unit", None),
        "reps": ("reps", None),
        "rpe": ("rpe", None),
        "distance": ("distance", None), "distance (meters)": ("distance", "m"),
        "distance (metres)": ("distance", "m"), "distance (m)": ("distance", "m"),
        "distance (km)": ("distance", "km"), "distance (miles)": ("distance", "mi"),
        "distance (mi)": ("distance", "mi"), "distance (feet)": ("distance", "ft"),
        "distance (ft)": ("distance", "ft"),
        "distance unit": ("distance_unit", None),
        "seconds": ("seconds", None),
        "notes": ("notes", None),
        "workout notes": ("workout_notes", None),
    },
    "hevy": {
        "title": ("workout", None),
        "start_time": ("start", None),
        "end_time": ("end", None),
        "description": ("workout_notes", None),
        "exercise_title": ("exercise", None),
        "superset_id": ("superset", None),
        "exercise_notes": ("notes", None),
        "set_index": ("index", None),
        "set_type": ("set_type", None),
        "weight_kg": ("weight", "kg"), "weight_lbs": ("weight", "lb"), "weight_lb": ("weight", "lb"),
        "reps": ("reps", None),
        "distance_km": ("distance", "km"), "distance_miles": ("distance", "mi"),
        "distance_meters": ("distance", "m"), "distance_m": ("distance", "m"),
        "duration_seconds": ("seconds", None),
        "rpe": ("rpe", None),
    },
    "fitnotes": {
        "date": ("date", None),
        "exercise": ("exercise", None),
        "category": ("category", None),
        "weight": ("weight", None), "weight (kgs)": ("weight", "kg"), "weight (kg)": ("weight", "kg"),
        "weight (lbs)": ("weight", "lb"), "weight (lb)": ("weight", "lb"),
        "weight unit": ("weight_unit", None),
        "reps": ("reps", None),
        "distance": ("distance", None),
        "distance unit": ("distance_unit", None),
        "time": ("time", None),
        "comment": ("notes", None),
    },
}
_REQUIRED = {
    "strong": {"date": "Date", "exercise": "Exercise Name", "order": "Set Order",
               "weight": "Weight (or Weight (kg), Weight (lbs))", "reps": "Reps"},
    "hevy": {"start": "start_time", "exercise": "exercise_title", "set_type": "set_type",
             "weight": "weight_kg (or weight_lbs)", "reps": "reps"},
    "fitnotes": {"date": "Date", "exercise": "Exercise", "category": "Category",
                 "weight": "Weight (kgs) (or Weight (lbs), or Weight with Weight Unit)", "reps": "Reps"},
}
_SIGNATURE = {"strong": ("exercise", "order"), "hevy": ("exercise", "start"), "fitnotes": ("exercise", "category")}
_ACCEPTED_HEADERS = (
    "Strong: 'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE', "
    "or 'Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (kg),Reps,RPE,Distance (meters),"
    "Seconds,Notes,Workout Notes' (also Weight (lbs), Distance (miles)), or the semicolon export 'Date;Workout Name;"
    "Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes'; "
    "Hevy: 'title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,"
    "weight_kg,reps,distance_km,duration_seconds,rpe' (or weight_lbs, distance_miles); "
    "FitNotes: 'Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment' (or Weight (lbs)) "
    "or 'Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment'"
)


def _header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').casefold().split())


class _Columns(NamedTuple):
    at: dict[str, int]  # field -> its column
    unit: dict[str, str | None]  # field -> the unit its header implies


def _resolve_columns(fmt: str, header: Sequence[str]) -> tuple[_Columns, str | None]:
    table = _COLUMNS[fmt]
    at: dict[str, int] = {}
    unit: dict[str, str | None] = {}
    problem = None
    for i, cell in enumerate(header):
        spec = table.get(_header_key(cell))
        if spec is None:
            continue
        field, implied = spec
        if field in at and problem is None:
            problem = (f"two columns give the same value: '{_show(header[at[field]])}' and '{_show(cell)}'; "
                       "accepted: one of them")
        at[field] = i
        unit[field] = implied
    missing = [label for field, label in _REQUIRED[fmt].items() if field not in at]
    if missing and problem is None:
        problem = f"the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} {'are' if len(missing) > 1 else 'is'} missing"
    return _Columns(at, unit), problem


def detect(header: list[str]) -> str | None:
    """'strong', 'hevy' or 'fitnotes' when the header is one of theirs, else None."""
    if not isinstance(header, (list, tuple)) or not all(isinstance(c, str) for c in header):
        return None
    for fmt in FORMATS:
        if _resolve_columns(fmt, header)[1] is None:
            return fmt
    return None


# --------------------------------------------------------------------------------------------------
# Values

_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _show(value: str, limit: int = 60) -> str:
    """A value fit for a message: control and format characters escaped, long values cut."""
    cut = value[:limit]
    out = "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in _CONTROL else ch for ch in cut)
    return out + ("..." if len(value) > limit else "")


class _Bad(Exception):
    """A value's problem; turned into a TrackerFormatError with the file, line and column."""

    def __init__(self, message: str, column: str = "") -> None:
        super().__init__(message)
        self.column = column


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+", re.ASCII)


def _number(text: str, high: float, accepted: str, comma: bool) -> float | None:
    s = text.strip()
    if not s:
        return None
    if comma and _COMMA_DECIMAL.fullmatch(s):
        s = s.replace(",", ".")
    if not _NUMBER.fullmatch(s):
        finite = " finite" if s.lstrip("+-").casefold() in ("inf", "infinity", "nan") else ""
        raise _Bad(f"'{_show(text)}' is not a{finite} number; accepted: {accepted}")
    x = float(s)
    if not math.isfinite(x):
        raise _Bad(f"'{_show(text)}' is not a finite number; accepted: {accepted}")
    if x < 0 or x > high:
        raise _Bad(f"{_show(s)} is out of range; accepted: {accepted}")
    return x


def _reps(text: str, comma: bool) -> int | None:
    accepted = f"a whole number 0-{MAX_REPS} (0 or empty: not recorded)"
    x = _number(text, MAX_REPS, accepted, comma)
    if x is None:
        return None
    if x != int(x):
        raise _Bad(f"'{_show(text)}' is not a whole number; accepted: {accepted}")
    return int(x) or None


def _rpe(text: str, comma: bool) -> float | None:
    accepted = "1-10 (0 or empty: not recorded)"
    x = _number(text, 10, accepted, comma)
    if not x:
        return None
    if x < 1:
        raise _Bad(f"{_show(text.strip())} is out of range; accepted: {accepted}")
    return x


_WEIGHT_UNITS = {"kg": "kg", "kgs": "kg", "kilogram": "kg", "kilograms": "kg",
                 "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb"}
_DISTANCE_UNITS = {"m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
                   "km": "km", "kms": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km",
                   "mi": "mi", "mile": "mi", "miles": "mi",
                   "ft": "ft", "foot": "ft", "feet": "ft",
                   "yd": "yd", "yds": "yd", "yard": "yd", "yards": "yd"}
_METRES = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "ft": 0.3048, "yd": 0.9144}


def _unit(text: str, table: dict[str, str], implied: str | None, accepted: str) -> str | None:
    key = text.strip().casefold().rstrip(".")
    if not key:
        return implied
    if key not in table:
        raise _Bad(f"'{_show(text)}' is not a unit glutecoach knows; accepted: {accepted}")
    found = table[key]
    if implied is not None and found != implied:
        raise _Bad(f"'{_show(text)}' contradicts the unit in the header ({implied}); accepted: {implied} or empty")
    return found


def _load(text: str, unit: str | None, comma: bool) -> float | None:
    high = MAX_LOAD[unit]
    limits = f"0-{high:g} {unit}" if unit else f"0-{MAX_LOAD['kg']:g} kg or 0-{MAX_LOAD['lb']:g} lb"
    x = _number(text, high, f"{limits} (0 or empty: body weight)", comma)
    return x or None


def _metres(text: str, unit: str | None, comma: bool) -> tuple[float | None, str | None]:
    """(metres, a note when the export gives a distance without saying its unit)."""
    if unit is None:
        x = _number(text, MAX_METRES, "a distance of 0 or more (0 or empty: none)", comma)
        return None, (f"distance {x:g} (the export does not say in which unit)" if x else None)
    factor = _METRES[unit]
    x = _number(text, MAX_METRES / factor, f"0-{MAX_METRES / factor:g} {unit} (0 or empty: none)", comma)
    return (round(x * factor, 3) if x else None), None


_CLOCK = re.compile(r"(?:(\d{1,2}):)?(\d{1,2}):(\d{1,2})(?:\.\d+)?", re.ASCII)


def _duration(text: str, comma: bool) -> float | None:
    """FitNotes' Time: H:MM:SS, M:SS or seconds."""
    s = text.strip()
    m = _CLOCK.fullmatch(s)
    if not m:
        return _seconds(text, comma)
    h, mi, se = int(m.group(1) or 0), int(m.group(2)), int(m.group(3))
    if (mi > 59 and m.group(1)) or se > 59:
        raise _Bad(f"'{_show(text)}' is not a time; accepted: H:MM:SS up to 24:00:00")
    total = float(h * 3600 + mi * 60 + se)
    if total > MAX_SECONDS:
        raise _Bad(f"'{_show(text)}' is out of range; accepted: H:MM:SS up to 24:00:00")
    return total or None


def _seconds(text: str, comma: bool) -> float | None:
    return _number(text, MAX_SECONDS, f"0-{MAX_SECONDS:g} seconds (0 or empty: none)", comma) or None


# --------------------------------------------------------------------------------------------------
# Dates

_MONTHS = (
    ("january", "januar", "enero", "janvier", "gennaio", "janeiro", "januari", "jan"),
    ("february", "februar", "febrero", "fevrier", "febbraio", "fevereiro", "februari", "feb"),
    ("march", "marz", "marzo", "mars", "marco", "maart", "mrt", "mrz"),
    ("april", "abril", "avril", "aprile", "apr"),
    ("may", "mai", "mayo", "maggio", "maio", "mei"),
    ("june", "juni", "junio", "juin", "giugno", "junho", "jun"),
    ("july", "juli", "julio", "juillet", "luglio", "julho", "jul"),
    ("august", "agosto", "aout", "augustus", "aug"),
    ("september", "septiembre", "septembre", "settembre", "setembro", "sept", "sep"),
    ("october", "oktober", "octubre", "octobre", "ottobre", "outubro", "okt", "oct"),
    ("november", "noviembre", "novembre", "novembro", "nov"),
    ("december", "dezember", "diciembre", "decembre", "dicembre", "dezembro", "dec"),
)


def _month(token: str) -> int | None:
    t = "".join(c for c in unicodedata.normalize("NFKD", token.casefold().rstrip(".")) if not unicodedata.combining(c))
    if len(t) < 3:
        return None
    found = {i for i, names in enumerate(_MONTHS, 1) for name in names if name.startswith(t)}
    return found.pop() if len(found) == 1 else None


_TIME = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d{1,9})?)?(?:\s*(?P<ampm>[AaPp])\.?\s*[Mm]\.?)?"
_ZONE = r"(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?"
_DATE_FORMS = (
    ("ymd", re.compile(rf"(?P<y>\d{{4}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?:(?:[T\s]+|,\s*){_TIME}{_ZONE})?")),
    ("numeric", re.compile(rf"(?P<a>\d{{1,2}})(?P<sep>[-/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}})(?:(?:\s+|,\s*){_TIME}{_ZONE})?")),
    ("dmy", re.compile(rf"(?P<d>\d{{1,2}})\.?\s+(?:de\s+)?(?P<mon>[^\W\d_]+\.?)\s+(?:de\s+)?(?P<y>\d{{4}})(?:,?\s+(?:um\s+|at\s+)?{_TIME}{_ZONE})?")),
    ("mdy", re.compile(rf"(?P<mon>[^\W\d_]+\.?)\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})(?:,?\s+(?:at\s+)?{_TIME}{_ZONE})?")),
)
_DATES_ACCEPTED = ("a date that exists, from 1900-01-01 to tomorrow, written like 2026-03-01, "
                   "'2026-03-01 18:05:00' or '22 Dec 2025, 08:00'")


class _When(NamedTuple):
    date: dt.date | None  # None while day-first or month-first is still to be told (03/04/2026)
    time: str | None
    pending: tuple[int, int, int] | None  # (first, second, year) of a numeric date with both orders possible
    order: str | None  # 'dmy' or 'mdy' when this date tells the file's order


def _clock(m: re.Match[str]) -> str | None:
    if m.group("h") is None:
        return None
    h, mi, s = int(m.group("h")), int(m.group("mi")), int(m.group("s") or 0)
    ampm = m.group("ampm")
    if ampm:
        if not 1 <= h <= 12:
            raise _Bad("has an hour that does not exist on a 12-hour clock")
        h = h % 12 + (12 if ampm in "Pp" else 0)
    if h > 23 or mi > 59 or s > 59:
        raise _Bad("has a time of day that does not exist")
    return f"{h:02d}:{mi:02d}"


def _day(y: int, m: int, d: int) -> dt.date:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        raise _Bad("is not a date that exists") from None
    if day < EARLIEST or day > dt.date.today() + dt.timedelta(days=1):
        raise _Bad("is outside 1900-01-01 to tomorrow")
    return day


def _parse_when(text: str) -> _When:
    s = text.strip()
    for kind, rx in _DATE_FORMS:
        m = rx.fullmatch(s)
        if not m:
            continue
        time = _clock(m)
        if kind == "ymd":
            return _When(_day(int(m.group("y")), int(m.group("m")), int(m.group("d"))), time, None, None)
        if kind == "numeric":
            a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
            if m.group("sep") == ".":  # 01.03.2026 is day-first wherever it is written
                return _When(_day(y, b, a), time, None, None)
            if a > 12 and b > 12:
                raise _Bad("is not a date that exists")
            order = "dmy" if a > 12 else "mdy" if b > 12 else None
            if order:
                return _When(_day(y, b, a) if order == "dmy" else _day(y, a, b), time, None, order)
            if a == b:
                return _When(_day(y, a, b), time, None, None)
            return _When(None, time, (a, b, y), None)
        month = _month(m.group("mon"))
        if month is None:
            raise _Bad(f"has a month name '{_show(m.group('mon'))}' glutecoach does not know")
        return _When(_day(int(m.group("y")), month, int(m.group("d"))), time, None, None)
    raise _Bad("is not a date glutecoach can read")


# --------------------------------------------------------------------------------------------------
# Reading


def _decode(data: bytes, src: str) -> str:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("read() takes the file's bytes")
    raw = bytes(data)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TrackerFormatError(f"{src} is UTF-16 text; accepted: UTF-8 (export or save the file as UTF-8 CSV).", 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[:err.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        raise TrackerFormatError(
            f"{src}, line {line}: byte 0x{raw[err.start]:02x} is not UTF-8 text; accepted: a UTF-8 file "
            "(export or save it again as UTF-8 CSV).", line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise TrackerFormatError(f"{src}, line {line}: a NUL character; accepted: text without NUL characters.", line)
    return text


def _reader(text: str, delimiter: str) -> Any:  # a csv reader (its type is not public)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True, skipinitialspace=True)


def _blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def _first_record(text: str, delimiter: str) -> tuple[list[str], int] | None:
    """The first non-blank record and the line it ends on, or None."""
    reader = _reader(text, delimiter)
    try:
        for cells in reader:
            if not _blank(cells):
                return cells, reader.line_num
    except csv.Error:
        return None
    return None


class _Notes:
    """Distinct notes in the order they first appear (a set beside the list: no quadratic scan)."""

    __slots__ = ("items", "seen")

    def __init__(self) -> None:
        self.items: list[str] = []
        self.seen: set[str] = set()

    def add(self, text: str) -> None:
        t = text.strip()
        if t and t not in self.seen:
            self.seen.add(t)
            self.items.append(t)


class _Acc:
    __slots__ = ("last", "line", "name", "notes", "raw_when", "sets", "when", "workout", "workout_notes")

    def __init__(self, line: int, raw_when: str, when: _When, workout: str | None, name: str) -> None:
        self.line = line
        self.raw_when = raw_when
        self.when = when
        self.workout = workout
        self.name = name
        self.sets: list[ForeignSet] = []
        self.notes = _Notes()
        self.workout_notes = _Notes()
        self.last: int | None = None  # the last set number seen (Strong's Set Order, Hevy's set_index)


_STRONG_ORDER = {"w": "warmup", "d": "drop", "f": "failure"}
_HEVY_TYPES = {"normal": "working", "working": "working", "": "working", "warmup": "warmup", "warm up": "warmup",
               "failure": "failure", "dropset": "drop", "drop set": "drop", "drop": "drop"}


def read(data: bytes, fmt: str | None = None, source: str = "the file") -> TrackerImport:
    """A Strong, Hevy or FitNotes CSV export, every row checked (TrackerFormatError names the line)."""
    src = _show(str(source), 200)
    if fmt is not None:
        key = fmt.strip().casefold() if isinstance(fmt, str) else None
        if key not in FORMATS:
            raise TrackerFormatError(f"'{_show(str(fmt))}' is not a tracker format glutecoach reads; accepted: {', '.join(FORMATS)}.")
        fmt = key
    text = _decode(data, src)

    # The header: the delimiter (comma, semicolon or tab) that makes it a known one.
    seen: tuple[list[str], int] | None = None
    chosen = None
    for delimiter in (",", ";", "\t"):
        first = _first_record(text, delimiter)
        if first is None:
            continue
        if seen is None or len(first[0]) > len(seen[0]):
            seen = first
        found = detect(first[0]) if fmt is None else (fmt if _resolve_columns(fmt, first[0])[1] is None else None)
        if found:
            chosen = (delimiter, first[0], first[1], found)
            break
    if seen is None:
        raise TrackerFormatError(f"{src} is empty or has no readable header line; accepted: {_ACCEPTED_HEADERS}.", 1)
    if chosen is None:
        saw = _show(",".join(seen[0]), 300)
        line = seen[1]
        for name in ((fmt,) if fmt else FORMATS):
            for delimiter in (",", ";", "\t"):
                first = _first_record(text, delimiter)
                if first is None:
                    continue
                cols, problem = _resolve_columns(name, first[0])
                if fmt or all(f in cols.at for f in _SIGNATURE[name]):
                    raise TrackerFormatError(
                        f"{src}, line {line}: the header is not a {name.capitalize()} export glutecoach reads: {problem}. "
                        f"It saw: {saw}. Accepted: {_ACCEPTED_HEADERS}.", line)
        raise TrackerFormatError(
            f"{src}, line {line}: the header matches no export glutecoach reads (Strong, Hevy or FitNotes). "
            f"It saw: {saw}. Accepted: {_ACCEPTED_HEADERS}.", line)
    delimiter, header, header_end, fmt = chosen
    cols, _ = _resolve_columns(fmt, header)
    comma = delimiter == ";"
    width = len(header)

    parse_row = _ROW_PARSERS[fmt](cols, header, comma)
    exercise_at = cols.at["exercise"]
    order_at = cols.at.get("order", exercise_at)
    date_at = cols.at["date" if fmt != "hevy" else "start"]
    current: dict[tuple[object, ...], _Acc] = {}  # where the next row of a workout's exercise goes
    accs: list[_Acc] = []
    rest_timers = 0
    rows = 0
    orders: dict[str, int] = {}  # 'dmy'/'mdy' -> first line that shows it
    when_cache: dict[str, _When | str] = {}
    previous: tuple[object, ...] | None = None
    run = 0

    reader = _reader(text, delimiter)
    line = 1
    try:
        while reader.line_num < header_end:
            next(reader)
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if _blank(cells):
                continue
            rows += 1
            if len(cells) != width:
                raise TrackerFormatError(
                    f"{src}, line {line}: {len(cells)} fields where the header has {width}; accepted: one field per "
                    "header column (a note with the delimiter or a line break in it must be in double quotes).", line)
            try:
                for i, cell in enumerate(cells):
                    if len(cell) > MAX_FIELD:
                        raise _Bad(f"is {len(cell)} characters long; accepted: at most {MAX_FIELD}", header[i])
                name = cells[exercise_at].strip()
                if fmt == "strong" and (normalise(name) == "rest timer" or normalise(cells[order_at]) == "rest timer"):
                    rest_timers += 1
                    continue
                if not name:
                    raise _Bad("is empty; accepted: the exercise's name", header[exercise_at])
                if len(name) > MAX_NAME:
                    raise _Bad(f"is {len(name)} characters long; accepted: at most {MAX_NAME}", header[exercise_at])
                raw_when = cells[date_at].strip()
                when = when_cache.get(raw_when)
                if when is None:
                    try:
                        when = _parse_when(raw_when)
                    except _Bad as bad:
                        when = f"'{_show(raw_when)}' {bad}; accepted: {_DATES_ACCEPTED}"
                    when_cache[raw_when] = when
                if isinstance(when, str):
                    raise _Bad(when, header[date_at])
                if when.order and when.order not in orders:
                    orders[when.order] = line
                row_key, workout, one, number, row_notes, workout_notes = parse_row(cells)
            except _Bad as bad:
                raise TrackerFormatError(f"{src}, line {line}: {_show(bad.column, 40)} {bad}.", line) from None
            group_key: tuple[object, ...] = (raw_when, *row_key, name)
            if fmt == "fitnotes":  # no workouts: a run of rows of one exercise on one day is one entry
                if group_key != previous:
                    run += 1
                    previous = group_key
                group_key = (run,)
            acc = current.get(group_key)
            # Set numbers starting again (1, 2, 1, 2) mean the exercise again: another entry, not more sets.
            if acc is not None and number is not None and acc.last is not None and number <= acc.last:
                acc = None
            if acc is None:
                acc = current[group_key] = _Acc(line, raw_when, when, workout, name)
                accs.append(acc)
            if number is not None:
                acc.last = number
            acc.sets.append(one)
            for note in row_notes:
                acc.notes.add(note)
            acc.workout_notes.add(workout_notes)
    except csv.Error as err:
        line = max(line, reader.line_num)
        raise TrackerFormatError(
            f"{src}, line {line}: the CSV cannot be read ({_show(str(err), 80)}); accepted: a CSV file as the "
            f"tracker exports it, fields at most {MAX_FIELD} characters, quotes doubled inside quoted fields.", line) from None

    if len(orders) == 2:
        line = max(orders.values())
        raise TrackerFormatError(
            f"{src}, line {line}: dates are written day-first (line {orders['dmy']}) and month-first "
            f"(line {orders['mdy']}) in one file; accepted: one order throughout, or YYYY-MM-DD.", line)
    order = next(iter(orders), None)

    entries = []
    for acc in accs:
        when = acc.when
        day = when.date
        if day is None and when.pending is not None:  # 03/04/2026: the file's other dates tell the order
            a, b, y = when.pending
            shown = _show(acc.raw_when)
            if order is None:
                raise TrackerFormatError(
                    f"{src}, line {acc.line}: the date '{shown}' could be day-first or month-first and no date in "
                    "the file tells which; accepted: YYYY-MM-DD dates (or a file with a day above 12).", acc.line)
            try:
                day = _day(y, b, a) if order == "dmy" else _day(y, a, b)
            except _Bad as bad:
                raise TrackerFormatError(
                    f"{src}, line {acc.line}: the date '{shown}' {bad}; accepted: {_DATES_ACCEPTED}.", acc.line) from None
        if day is None:
            raise TrackerFormatError(f"{src}, line {acc.line}: the date '{_show(acc.raw_when)}' cannot be read; "
                                     f"accepted: {_DATES_ACCEPTED}.", acc.line)
        notes = acc.notes.items + [f"workout: {n}" for n in acc.workout_notes.items]
        entries.append(ForeignEntry(acc.line, day.isoformat(), when.time, acc.workout, acc.name,
                                    tuple(acc.sets), " | ".join(notes) or None))
    return TrackerImport(fmt, tuple(entries), rest_timers, rows)


_RowResult = tuple[tuple[str, ...], str | None, ForeignSet, int | None, tuple[str, ...], str]
_RowParser = Callable[[list[str]], _RowResult]


def _cell(cells: list[str], index: dict[str, int], field: str) -> str:
    i = index.get(field)
    return "" if i is None else cells[i]


def _labels(cols: _Columns, header: list[str], defaults: dict[str, str]) -> dict[str, str]:
    """Each field's column as the header writes it (for messages)."""
    return {f: (_show(header[cols.at[f]], 40) if f in cols.at else d) for f, d in defaults.items()}


def _strong(cols: _Columns, header: list[str], comma: bool) -> _RowParser:
    ix, units = cols.at, cols.unit
    weight_unit = units["weight"]
    distance_unit = units.get("distance")
    label = _labels(cols, header, {"order": "Set Order", "weight_unit": "Weight Unit", "weight": "Weight",
                                   "reps": "Reps", "rpe": "RPE", "seconds": "Seconds",
                                   "distance_unit": "Distance Unit", "distance": "Distance"})

    def parse(cells: list[str]) -> _RowResult:
        column = label["order"]
        try:
            order = cells[ix["order"]].strip()
            set_no = None
            if order.isascii() and order.isdigit() and len(order) <= 4:
                kind = "working"
                set_no = int(order)
            else:
                kind = _STRONG_ORDER.get(order.casefold(), "")
                if not kind:
                    raise _Bad(f"'{_show(order)}' is not accepted; accepted: a set number, W (warm-up), D (drop set) or F (failure)")
            column = label["weight_unit"]
            unit = _unit(_cell(cells, ix, "weight_unit"), _WEIGHT_UNITS, weight_unit, "kg, lbs or empty")
            column = label["weight"]
            load = _load(cells[ix["weight"]], unit, comma)
            column = label["reps"]
            reps = _reps(cells[ix["reps"]], comma)
            column = label["rpe"]
            rpe = _rpe(_cell(cells, ix, "rpe"), comma)
            column = label["seconds"]
            seconds = _seconds(_cell(cells, ix, "seconds"), comma)
            column = label["distance_unit"]
            dunit = _unit(_cell(cells, ix, "distance_unit"), _DISTANCE_UNITS, distance_unit, "m, km, mi, ft, yd or empty")
            column = label["distance"]
            metres, extra = _metres(_cell(cells, ix, "distance"), dunit, comma)
        except _Bad as bad:
            bad.column = column
            raise
        name = _cell(cells, ix, "workout").strip()
        number = _cell(cells, ix, "workout_no").strip()
        notes = (_cell(cells, ix, "notes"), extra) if extra else (_cell(cells, ix, "notes"),)
        one = ForeignSet(reps, load, unit if load is not None else None, seconds, metres, rpe, kind)
        return (number, name), name or number or None, one, set_no, notes, _cell(cells, ix, "workout_notes")

    return parse


def _hevy(cols: _Columns, header: list[str], comma: bool) -> _RowParser:
    ix, units = cols.at, cols.unit
    weight_unit = units["weight"]
    distance_unit = units.get("distance")
    label = _labels(cols, header, {"set_type": "set_type", "index": "set_index", "weight": "weight_kg",
                                   "reps": "reps", "rpe": "rpe", "seconds": "duration_seconds",
                                   "distance": "distance_km"})

    def parse(cells: list[str]) -> _RowResult:
        column = label["set_type"]
        try:
            raw_type = cells[ix["set_type"]]
            kind = _HEVY_TYPES.get(normalise(raw_type), "")
            if not kind:
                raise _Bad(f"'{_show(raw_type)}' is not accepted; accepted: normal, warmup, failure or dropset")
            column = label["index"]
            index = _cell(cells, ix, "index").strip()
            if index and not (index.isascii() and index.isdigit() and len(index) <= 4):
                raise _Bad(f"'{_show(index)}' is not accepted; accepted: a set number from 0")
            column = label["weight"]
            load = _load(cells[ix["weight"]], weight_unit, comma)
            column = label["reps"]
            reps = _reps(cells[ix["reps"]], comma)
            column = label["rpe"]
            rpe = _rpe(_cell(cells, ix, "rpe"), comma)
            column = label["seconds"]
            seconds = _seconds(_cell(cells, ix, "seconds"), comma)
            column = label["distance"]
            metres, extra = _metres(_cell(cells, ix, "distance"), distance_unit, comma)
        except _Bad as bad:
            bad.column = column
            raise
        title = _cell(cells, ix, "workout").strip()
        notes = (_cell(cells, ix, "notes"), extra) if extra else (_cell(cells, ix, "notes"),)
        one = ForeignSet(reps, load, weight_unit if load is not None else None, seconds, metres, rpe, kind)
        return (title,), title or None, one, int(index) if index else None, notes, _cell(cells, ix, "workout_notes")

    return parse


def _fitnotes(cols: _Columns, header: list[str], comma: bool) -> _RowParser:
    ix, units = cols.at, cols.unit
    weight_unit = units["weight"]
    label = _labels(cols, header, {"weight_unit": "Weight Unit", "weight": "Weight", "reps": "Reps",
                                   "time": "Time", "distance_unit": "Distance Unit", "distance": "Distance"})

    def parse(cells: list[str]) -> _RowResult:
        column = label["weight_unit"]
        try:
            unit = _unit(_cell(cells, ix, "weight_unit"), _WEIGHT_UNITS, weight_unit, "kgs, lbs or empty")
            column = label["weight"]
            load = _load(cells[ix["weight"]], unit, comma)
            column = label["reps"]
            reps = _reps(cells[ix["reps"]], comma)
            column = label["time"]
            seconds = _duration(_cell(cells, ix, "time"), comma)
            column = label["distance_unit"]
            dunit = _unit(_cell(cells, ix, "distance_unit"), _DISTANCE_UNITS, None, "m, km, mi, ft, yd or empty")
            column = label["distance"]
            metres, extra = _metres(_cell(cells, ix, "distance"), dunit, comma)
        except _Bad as bad:
            bad.column = column
            raise
        notes = (_cell(cells, ix, "notes"), extra) if extra else (_cell(cells, ix, "notes"),)
        one = ForeignSet(reps, load, unit if load is not None else None, seconds, metres, None, "working")
        return (), None, one, None, notes, ""

    return parse


_ROW_PARSERS: dict[str, Callable[[_Columns, list[str], bool], _RowParser]] = {
    "strong": _strong, "hevy": _hevy, "fitnotes": _fitnotes}
