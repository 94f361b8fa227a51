"""Plain-text helpers every renderer and the error handler share. No rich here: JSON output and error
messages never import it."""

from __future__ import annotations

import functools
import re
from typing import Protocol

# C0 and C1 control characters except newline and tab: a catalogue name, a note or a file name must never
# move the cursor, clear the screen or retitle the terminal (issue: terminal injection). Bidi controls
# (U+061C, U+200E-F, U+202A-E, U+2066-9) would make a name or a line read backwards ("Trojan Source").
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_LINE_BREAKS = "[\n\r\t\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"


@functools.cache
def _pattern(chars: str) -> re.Pattern[str]:
    """Compiled on first use: each of these classes costs 0.3 ms to compile, and a JSON run needs one."""
    return re.compile(chars)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """Text from a file or a user, with control and bidi characters shown as escapes (\\x1b, \\u202e)
    instead of obeyed."""
    if text.isprintable():  # no C0, C1 or bidi control (all are unprintable): the pattern is not compiled (0.3 ms)
        return text
    return _pattern(_CONTROL).sub(_escape, text)


def safe_line(text: str) -> str:
    """safe(), and line breaks and tabs escaped too: a message stays one paragraph whatever a value holds."""
    if text.isprintable():  # line breaks and tabs are unprintable too
        return text
    return _pattern(_LINE_BREAKS).sub(_escape, text)


_JSON_INVISIBLE = "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"


def json_visible(text: str) -> str:
    """JSON text with C1 controls, DEL, bidi controls and line separators written as \\uXXXX escapes:
    the same JSON value, but nothing in it can drive or reorder a terminal (they can only occur inside
    strings, where the escape is valid)."""
    return _pattern(_JSON_INVISIBLE).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 entry', '2 entries': the count with the word in the right number."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


# How a dose's unit reads after its range: "3x8-12, 90s", "2x20-30 s/side, 45s", "3x5-8 contacts, 90s".
DOSE_UNIT = {"reps": "", "seconds": " s", "contacts": " contacts", "metres": " m", "steps": " steps"}


class Dosed(Protocol):
    """A core.models.Dose, or a planned exercise, which carries its dose's fields."""

    @property
    def sets(self) -> int: ...
    @property
    def reps(self) -> tuple[int, int]: ...
    @property
    def rest_s(self) -> int: ...
    @property
    def unit(self) -> str: ...
    @property
    def per_side(self) -> bool: ...


def dose_text(d: Dosed) -> str:
    """A dose in one short line, the one spelling the ranking tables and the exported plan share."""
    side = "/side" if d.per_side else ""
    return f"{d.sets}x{d.reps[0]}-{d.reps[1]}{DOSE_UNIT.get(d.unit, ' ' + d.unit)}{side}, {d.rest_s}s"


def paragraph(text: str, stream: object) -> str:
    """A message for a terminal, wrapped at spaces to its width (never mid-word); unwrapped for a pipe or
    a file, so scripts and logs get one line per message."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return text
    import shutil
    import textwrap

    columns = shutil.get_terminal_size((80, 24)).columns
    return "\n".join(textwrap.wrap(text, max(40, columns), break_on_hyphens=False, break_long_words=False)) or text
