"""Dates and times as trackers write them, in any of the languages they export in."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from glutecoach.core.record import NamedTuple
from glutecoach.store.trackers.records import EARLIEST
from glutecoach.store.trackers.values import Bad as _Bad
from glutecoach.store.trackers.values import show as _show

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
    (
        "dmy",
        re.compile(
            rf"(?P<d>\d{{1,2}})\.?\s+(?:de\s+)?(?P<mon>[^\W\d_]+\.?)\s+(?:de\s+)?(?P<y>\d{{4}})(?:,?\s+(?:um\s+|at\s+)?{_TIME}{_ZONE})?"
        ),
    ),
    ("mdy", re.compile(rf"(?P<mon>[^\W\d_]+\.?)\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})(?:,?\s+(?:at\s+)?{_TIME}{_ZONE})?")),
)
DATES_ACCEPTED = "a date that exists, from 1900-01-01 to tomorrow, written like 2026-03-01, '2026-03-01 18:05:00' or '22 Dec 2025, 08:00'"


class When(NamedTuple):
    date: dt.date | None  # None while day-first or month-first is still to be told (03/04/2026)
    time: str | None
    pending: tuple[int, int, int] | None  # (first, second, year) of a numeric date with both orders possible
    order: str | None  # 'dmy' or 'mdy' when this date tells the file's order
    clock: str | None = None  # HH:MM:SS


def _clock(m: re.Match[str]) -> str | None:
    """HH:MM:SS, or None when the cell has no time of day."""
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
    return f"{h:02d}:{mi:02d}:{s:02d}"


def day(y: int, m: int, d: int) -> dt.date:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        raise _Bad("is not a date that exists") from None
    if day < EARLIEST or day > dt.date.today() + dt.timedelta(days=1):
        raise _Bad("is outside 1900-01-01 to tomorrow")
    return day


def parse_when(text: str) -> When:
    s = text.strip()
    for kind, rx in _DATE_FORMS:
        m = rx.fullmatch(s)
        if not m:
            continue
        clock = _clock(m)
        time = clock[:5] if clock else None
        if kind == "ymd":
            return When(day(int(m.group("y")), int(m.group("m")), int(m.group("d"))), time, None, None, clock)
        if kind == "numeric":
            a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
            if m.group("sep") == ".":  # 01.03.2026 is day-first wherever it is written
                return When(day(y, b, a), time, None, None, clock)
            if a > 12 and b > 12:
                raise _Bad("is not a date that exists")
            order = "dmy" if a > 12 else "mdy" if b > 12 else None
            if order:
                return When(day(y, b, a) if order == "dmy" else day(y, a, b), time, None, order, clock)
            if a == b:
                return When(day(y, a, b), time, None, None, clock)
            return When(None, time, (a, b, y), None, clock)
        month = _month(m.group("mon"))
        if month is None:
            raise _Bad(f"has a month name '{_show(m.group('mon'))}' glutecoach does not know")
        return When(day(int(m.group("y")), month, int(m.group("d"))), time, None, None, clock)
    raise _Bad("is not a date glutecoach can read")
