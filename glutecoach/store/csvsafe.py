"""CSV cells no reader can turn against the user: the one home of glutecoach's CSV quoting and formula
neutralisation, for every CSV it writes (its own, Strong's, Hevy's).

- Quoting: a field holding the delimiter, a quote, a CR, LF or any other line break, a TAB or a `;`,
  or starting or ending with a space, is quoted (Python's csv module leaves a lone CR unquoted when the
  line ends in LF, and a spreadsheet then starts a new row there).
- Formula neutralisation: a spreadsheet may split a cell on `;`, TAB or a line break (its list
  separator, a paste, a TSV reader) as well as at its start. Every such piece whose first character
  after spaces, a BOM or zero-width characters is one that can start a formula (= + - @, or their
  full-width and small forms) or a quote gets a single quote in front of it. uncell() undoes exactly
  that, so an import reads back what an export wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# = + - @ and their full-width (U+FF1D, U+FF0B, U+FF0D, U+FF20) and small forms (U+FE62, U+FE63, U+FE66, U+FE6B)
FORMULA_STARTS = "=+-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b"
# What a reader may split one cell on: the list separators and every line break str.splitlines knows.
SEPARATORS = ";,\t\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LEAD = "\ufeff\u200b\u200c\u200d\u2060"  # invisible characters a reader may skip like spaces
_PIECE = re.compile(rf"(^|[{re.escape(SEPARATORS)}])([\s{_LEAD}]*)(?=['{re.escape(FORMULA_STARTS)}])")
_QUOTED_PIECE = re.compile(rf"(^|[{re.escape(SEPARATORS)}])([\s{_LEAD}]*)'(?=['{re.escape(FORMULA_STARTS)}])")
_NEEDS_QUOTES = re.compile(rf"[\"{re.escape(SEPARATORS)}]|^\s|\s$")


def cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: text gets a single quote before every piece (at its start
    and after each separator) that could start a formula or that starts with a quote. Numbers stay
    numbers."""
    if not isinstance(value, str):
        return value
    return _PIECE.sub(r"\1\2'", value)


def uncell(text: str) -> str:
    """The text a neutralised cell held (an import reads back what an export wrote)."""
    if "'" not in text:
        return text
    return _QUOTED_PIECE.sub(r"\1\2", text)


def field(value: Any) -> str:
    """One field as written: quoted (quotes doubled) when it holds anything a reader could split on."""
    text = "" if value is None else value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def row(values: Iterable[Any]) -> str:
    """One CSV line (comma-separated, ending in LF). A row of one empty field is written "" (as Python's
    csv module does), or a reader would see no field at all."""
    fields = [field(v) for v in values]
    return ('""' if fields == [""] else ",".join(fields)) + "\n"


class Writer:
    """A stand-in for csv.writer with glutecoach's quoting: rows collected in memory."""

    def __init__(self) -> None:
        self._lines: list[str] = []

    def writerow(self, values: Iterable[Any]) -> None:
        self._lines.append(row(values))

    def getvalue(self) -> str:
        return "".join(self._lines)
