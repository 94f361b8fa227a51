"""One cell's value checked: numbers, units, loads, distances, durations; messages shown safely."""

from __future__ import annotations

import math
import re
import unicodedata

from glutecoach.store.trackers.records import MAX_LOAD, MAX_METRES, MAX_REPS, MAX_SECONDS

_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def show(value: str, limit: int = 60) -> str:
    """A value fit for a message: control and format characters escaped, long values cut."""
    cut = value[:limit]
    out = "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in _CONTROL else ch for ch in cut)
    return out + ("..." if len(value) > limit else "")


class Bad(Exception):
    """A value's problem; turned into a TrackerFormatError with the file, line and column."""

    def __init__(self, message: str, column: str = "") -> None:
        super().__init__(message)
        self.column = column


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+", re.ASCII)


def number(text: str, high: float, accepted: str, comma: bool) -> float | None:
    s = text.strip()
    if not s:
        return None
    if comma and _COMMA_DECIMAL.fullmatch(s):
        s = s.replace(",", ".")
    if not _NUMBER.fullmatch(s):
        finite = " finite" if s.lstrip("+-").casefold() in ("inf", "infinity", "nan") else ""
        raise Bad(f"'{show(text)}' is not a{finite} number; accepted: {accepted}")
    x = float(s)
    if not math.isfinite(x):
        raise Bad(f"'{show(text)}' is not a finite number; accepted: {accepted}")
    if x < 0 or x > high:
        raise Bad(f"{show(s)} is out of range; accepted: {accepted}")
    return x


def reps(text: str, comma: bool) -> int | None:
    accepted = f"a whole number 0-{MAX_REPS} (0 or empty: not recorded)"
    x = number(text, MAX_REPS, accepted, comma)
    if x is None:
        return None
    if x != int(x):
        raise Bad(f"'{show(text)}' is not a whole number; accepted: {accepted}")
    return int(x) or None


def rpe(text: str, comma: bool) -> float | None:
    accepted = "1-10 (0 or empty: not recorded)"
    x = number(text, 10, accepted, comma)
    if not x:
        return None
    if x < 1:
        raise Bad(f"{show(text.strip())} is out of range; accepted: {accepted}")
    return x


WEIGHT_UNITS = {"kg": "kg", "kgs": "kg", "kilogram": "kg", "kilograms": "kg", "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb"}
DISTANCE_UNITS = {
    "m": "m",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "km": "km",
    "kms": "km",
    "kilometer": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometres": "km",
    "mi": "mi",
    "mile": "mi",
    "miles": "mi",
    "ft": "ft",
    "foot": "ft",
    "feet": "ft",
    "yd": "yd",
    "yds": "yd",
    "yard": "yd",
    "yards": "yd",
}
_METRES = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "ft": 0.3048, "yd": 0.9144}


def unit(text: str, table: dict[str, str], implied: str | None, accepted: str) -> str | None:
    key = text.strip().casefold().rstrip(".")
    if not key:
        return implied
    if key not in table:
        raise Bad(f"'{show(text)}' is not a unit glutecoach knows; accepted: {accepted}")
    found = table[key]
    if implied is not None and found != implied:
        raise Bad(f"'{show(text)}' contradicts the unit in the header ({implied}); accepted: {implied} or empty")
    return found


def load(text: str, unit: str | None, comma: bool) -> float | None:
    high = MAX_LOAD[unit]
    limits = f"0-{high:g} {unit}" if unit else f"0-{MAX_LOAD['kg']:g} kg or 0-{MAX_LOAD['lb']:g} lb"
    x = number(text, high, f"{limits} (0 or empty: body weight)", comma)
    return x or None


def metres(text: str, unit: str | None, comma: bool) -> tuple[float | None, str | None]:
    """(metres, a note when the export gives a distance without saying its unit)."""
    if unit is None:
        x = number(text, MAX_METRES, "a distance of 0 or more (0 or empty: none)", comma)
        return None, (f"distance {x:g} (the export does not say in which unit)" if x else None)
    factor = _METRES[unit]
    x = number(text, MAX_METRES / factor, f"0-{MAX_METRES / factor:g} {unit} (0 or empty: none)", comma)
    return (round(x * factor, 3) if x else None), None


_CLOCK = re.compile(r"(?:(\d{1,2}):)?(\d{1,2}):(\d{1,2})(?:\.\d+)?", re.ASCII)


def duration(text: str, comma: bool) -> float | None:
    """FitNotes' Time: H:MM:SS, M:SS or seconds."""
    s = text.strip()
    m = _CLOCK.fullmatch(s)
    if not m:
        return seconds(text, comma)
    h, mi, se = int(m.group(1) or 0), int(m.group(2)), int(m.group(3))
    if (mi > 59 and m.group(1)) or se > 59:
        raise Bad(f"'{show(text)}' is not a time; accepted: H:MM:SS up to 24:00:00")
    total = float(h * 3600 + mi * 60 + se)
    if total > MAX_SECONDS:
        raise Bad(f"'{show(text)}' is out of range; accepted: H:MM:SS up to 24:00:00")
    return total or None


def seconds(text: str, comma: bool) -> float | None:
    return number(text, MAX_SECONDS, f"0-{MAX_SECONDS:g} seconds (0 or empty: none)", comma) or None


_ELAPSED = re.compile(r"(?:(\d{1,3})\s*h)?\s*(?:(\d{1,4})\s*m(?:in)?)?\s*(?:(\d{1,5})\s*s)?", re.ASCII | re.IGNORECASE)


def elapsed(text: str, comma: bool) -> int | None:
    """A workout's length in seconds: '1h 10m', '45m', '30s', H:MM:SS or seconds (empty or 0: not recorded)."""
    s = text.strip()
    m = _ELAPSED.fullmatch(s)
    if s and m and any(m.groups()):
        total = int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + int(m.group(3) or 0)
        if total > MAX_SECONDS:
            raise Bad(f"'{show(text)}' is out of range; accepted: up to 24 hours, like 1h 10m or 4200")
        return total or None
    value = duration(text, comma)
    return None if value is None else round(value)
