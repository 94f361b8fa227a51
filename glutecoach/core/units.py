"""Loads and their units: a load as a person types it ('60', '60kg', '135 lb') in the profile's unit."""

from __future__ import annotations

import re

from glutecoach.core.vocab import LB_PER_KG  # the one home: the international pound is 0.45359237 kg exactly

MAX_LOAD = {"kg": 2000.0, "lb": 4410.0}  # the heaviest load a log takes (the same mass in each unit)
LOAD_UNITS = {"kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb"}
_LOAD = r"\s*(\d+(?:[.,]\d+)?)\s*([a-z]*)\s*"  # compiled on first use (re's cache): progress imports convert, never this


def convert(load: float, units: str, to: str) -> float:
    """`load` in `units` ('kg' or 'lb') as `to`, to 0.1."""
    if units == to:
        return load
    return round(load * LB_PER_KG if to == "lb" else load / LB_PER_KG, 1)


def parse_load(text: str, to: str) -> float:
    """A load as typed, in the unit `to`: '60' is already in `to`; '60kg' and '135lb' are converted.

    Raises ValueError with a sentence saying what is accepted."""
    found = re.fullmatch(_LOAD, text, re.IGNORECASE)
    unit = LOAD_UNITS.get(found.group(2).lower()) if found and found.group(2) else to
    if not found or unit is None:
        raise ValueError(f"'{text}' is not a load; give a number, optionally with kg or lb (e.g. 60, 60kg, 135lb).")
    return convert(float(found.group(1).replace(",", ".")), unit, to)
