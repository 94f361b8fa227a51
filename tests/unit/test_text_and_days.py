"""Two small seams every command crosses, held to their specifications: text from a file or a user is
shown with every control and bidi character escaped (render.text), and a day is read as people write it
(core.dates). Both skip a regular expression on the common path, so each is compared, over arbitrary
text, with the pattern that defines it."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import example, given
from hypothesis import strategies as st

from glutecoach.core.dates import parse_day
from glutecoach.render import text as rt

TODAY = dt.date(2026, 12, 7)
CONTROLS = "\x00\x07\x0b\x1b\x7f\x85\x9f\u061c\u200e\u200f\u202a\u202e\u2066\u2069"
ALL_ESCAPED = [chr(c) for c in range(0x110000) if re.fullmatch(rt._LINE_BREAKS, chr(c))]


def _by_pattern(chars: str, value: str) -> str:
    return re.sub(chars, rt._escape, value)


def test_every_character_the_patterns_escape_is_unprintable() -> None:
    """What lets safe() return a printable text as it is: not one escaped character is printable."""
    assert len(ALL_ESCAPED) == 79 and not any(c.isprintable() for c in ALL_ESCAPED)


@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(CONTROLS + "\n\t\r\u2028 é")), max_size=40))
@example("Hip thrust")
@example("evil\x1b]0;title\x07name")
@example("ab\u202ecd\nline two\tcol")
def test_safe_text_is_what_its_pattern_makes_it(value: str) -> None:
    assert rt.safe(value) == _by_pattern(rt._CONTROL, value)
    assert rt.safe_line(value) == _by_pattern(rt._LINE_BREAKS, value)
    assert not any(c in rt.safe_line(value) for c in ALL_ESCAPED)


def _day_by_pattern(value: str) -> dt.date | str:
    """parse_day as it was written with regular expressions: the reference."""
    text = value.strip().lower()
    if text in ("today", "yesterday"):
        return TODAY - dt.timedelta(days=text == "yesterday")
    if m := re.fullmatch(r"-(\d{1,5})d", text):
        day = TODAY - dt.timedelta(days=int(m.group(1)))
    elif not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return "not a day"
    else:
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return "does not exist"
    return day if dt.date(1900, 1, 1) <= day <= TODAY + dt.timedelta(days=1) else "outside"


def _day(value: str) -> dt.date | str:
    try:
        return parse_day(value, TODAY)
    except ValueError as err:
        said = str(err)
        return "not a day" if "is not a day" in said else "does not exist" if "exists" in said else "outside"


@given(
    st.one_of(
        st.text(alphabet="0123456789-dD ٣²", max_size=12),
        st.dates().map(dt.date.isoformat),
        st.integers(0, 200_000).map(lambda n: f"-{n}d"),
        st.text(max_size=12),
    )
)
@example("2026-02-30")
@example("-0d")
@example("-123456d")
@example("٢٠٢٦-٠١-٠١")  # Arabic-Indic digits: \d matches them, and so does str.isdecimal
@example("2026-1-01")
@example("-3d")
@example(" 2026-12-08 ")
def test_a_day_is_read_as_its_patterns_read_it(value: str) -> None:
    assert _day(value) == _day_by_pattern(value)
