"""Days as people write them: YYYY-MM-DD, 'today', 'yesterday', '-3d'; never before 1900 or after tomorrow."""

from __future__ import annotations

import datetime as dt

EARLIEST = dt.date(1900, 1, 1)


def parse_day(value: str | None, today: dt.date, ahead: int = 1) -> dt.date:
    """The day meant, or ValueError with a sentence saying what is accepted (up to `ahead` days after today)."""
    if value is None:
        return today
    text = value.strip().lower()
    if text == "today":
        return today
    if text == "yesterday":
        return today - dt.timedelta(days=1)
    # str.isdecimal is re's \d (Unicode category Nd), without compiling a pattern on every run
    if text[:1] == "-" and text[-1:] == "d" and 1 <= len(text) - 2 <= 5 and text[1:-1].isdecimal():
        return check_day(today - dt.timedelta(days=int(text[1:-1])), today, value, ahead)
    if not (len(text) == 10 and text[4] == text[7] == "-" and (text[:4] + text[5:7] + text[8:]).isdecimal()):
        raise ValueError(f"'{value}' is not a day; give YYYY-MM-DD (e.g. 2026-03-14), today, yesterday or -3d.")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{value}' is not a date that exists; give it as YYYY-MM-DD, e.g. 2026-03-14.") from None
    return check_day(day, today, value, ahead)


def check_day(day: dt.date, today: dt.date, written: str, ahead: int = 1) -> dt.date:
    latest = today + dt.timedelta(days=ahead)
    if not EARLIEST <= day <= latest:
        raise ValueError(f"'{written}' is outside the days glutecoach accepts (1900-01-01 to {latest.isoformat()}).")
    return day
