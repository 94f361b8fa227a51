"""Where a CSV record's quoting went wrong: the line a quote opens on, not the line the reader gave up on.

Python's csv reader reports an unclosed quote at the end of the file ("unexpected end of data"), or
where the runaway field happens to meet another quote or the field size limit, often many lines later.
When the reader fails, ``locate`` walks the failing record again the way the reader does (strict
quoting, spaces after a delimiter skipped) with ``str.find``, so even a large file is scanned in
milliseconds, and returns the line a quoted field opens on when that field is what broke the record.
A quoted note that legitimately spans lines never gets here: it reads without error.
"""

from __future__ import annotations

import bisect
import io
import re

from glutecoach.core.record import NamedTuple


class QuoteFault(NamedTuple):
    kind: str  # "unclosed" (the file ends inside the field), "stray" (text after its closing quote), "long"
    opened: int  # the line the quoted field opens on
    at: int  # the line where the reader gave up
    char: str = ""  # for "stray": the character after the closing quote


def locate(text: str, first_line: int, delimiter: str, limit: int) -> QuoteFault | None:
    """The quoted field that broke the record starting on ``first_line`` (1-based) of ``text``, or None
    when the fault is not a quoted field running over lines (the reader's own line is then right)."""
    starts = _line_starts(text)
    if not 1 <= first_line <= len(starts):
        return None
    base = starts[first_line - 1]
    found = _scan(text, base, delimiter, limit)
    if found is None:
        return None
    kind, opened, at = found
    fault = QuoteFault(kind, _line_of(starts, opened), _line_of(starts, at), text[at : at + 1] if kind == "stray" else "")
    return fault if fault.kind == "unclosed" or fault.opened < fault.at else None


def _line_starts(text: str) -> list[int]:
    """Offsets where each line starts, split as the csv reader's source (StringIO, newline="") splits."""
    starts, offset = [], 0
    for line in io.StringIO(text, newline=""):
        starts.append(offset)
        offset += len(line)
    return starts


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def _scan(text: str, i: int, delimiter: str, limit: int) -> tuple[str, int, int] | None:
    """(kind, offset the quote opens at, offset of the fault) for the record starting at offset i."""
    unquoted_end = re.compile("[" + re.escape(delimiter) + "\r\n]")
    n = len(text)
    while i < n:
        while i < n and text[i] == " ":
            i += 1
        if i < n and text[i] == '"':
            opened = i
            i, fault = _quoted(text, i + 1, limit)
            if fault:
                return fault, opened, i
            if i < n and text[i] == delimiter:
                i += 1
                continue
            if i >= n or text[i] in "\r\n":
                return None
            return "stray", opened, i
        stop = unquoted_end.search(text, i)
        if stop is None or stop.group() != delimiter:
            return None
        i = stop.end()
    return None


def _quoted(text: str, i: int, limit: int) -> tuple[int, str]:
    """(offset after the closing quote, "") or (offset of the fault, "unclosed" | "long")."""
    length = 0
    while True:
        close = text.find('"', i)
        if close < 0:
            return len(text), "unclosed"
        if length + close - i >= limit:
            return i + limit - length, "long"
        length += close - i
        if text.startswith('"', close + 1):
            length += 1
            i = close + 2
            continue
        return close + 1, ""
