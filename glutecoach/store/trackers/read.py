"""A whole export read: decoded, its header and delimiter found, every data row handed to the grouping."""

from __future__ import annotations

import csv
import io
from typing import Any

from glutecoach.store.trackers import quotes
from glutecoach.store.trackers.columns import ACCEPTED_HEADERS, SIGNATURE, detect, resolve_columns
from glutecoach.store.trackers.group import Grouping
from glutecoach.store.trackers.records import FORMATS, MAX_FIELD, TrackerFormatError, TrackerImport
from glutecoach.store.trackers.values import show

DELIMITERS = (",", ";", "\t")


def read(data: bytes, fmt: str | None = None, source: str = "the file") -> TrackerImport:
    """A Strong, Hevy or FitNotes CSV export, every row checked (TrackerFormatError names the line)."""
    src = show(str(source), 200)
    text = _decode(data, src)
    delimiter, header, header_end, found = _header(text, _format(fmt), src)
    cols, _ = resolve_columns(found, header)
    grouping = Grouping(found, cols, header, delimiter == ";", src)
    reader = _reader(text, delimiter)
    line = header_end
    try:
        while reader.line_num < header_end:
            next(reader)
        for cells in reader:
            if not _blank(cells):
                grouping.take(cells, line + 1)
            line = reader.line_num
    except csv.Error as err:
        raise _csv_error(text, delimiter, src, line + 1, max(line + 1, reader.line_num), str(err)) from None
    return TrackerImport(found, grouping.entries(), grouping.rest_timers, grouping.rows)


def _csv_error(text: str, delimiter: str, src: str, record: int, line: int, why: str) -> TrackerFormatError:
    """The reader's failure on the record starting on line ``record``, named at the line a runaway quote
    opens on when that is the fault (the reader itself gives up at the end of the file or later)."""
    accepted = f"accepted: a CSV file as the tracker exports it, fields at most {MAX_FIELD} characters, "
    fault = quotes.locate(text, record, delimiter, csv.field_size_limit())
    if fault is None:
        return TrackerFormatError(
            f"{src}, line {line}: the CSV cannot be read ({show(why, 80)}); {accepted}quotes doubled inside quoted fields.", line
        )
    runs = {
        "unclosed": "is never closed: the file ends inside that field",
        "stray": f"closes only on line {fault.at}, followed by '{show(fault.char)}' instead of a delimiter",
        "long": f"runs on to line {fault.at} past the longest field a CSV reader takes",
    }[fault.kind]
    return TrackerFormatError(
        f"{src}, line {fault.opened}: the CSV cannot be read: a quote opens a field on this line and {runs}. "
        f'Close the quote on line {fault.opened} (or double it: "" inside a quoted field); {accepted}'
        "every quote that opens a field closed in it.",
        fault.opened,
    )


def _format(fmt: str | None) -> str | None:
    if fmt is None:
        return None
    key = fmt.strip().casefold() if isinstance(fmt, str) else None
    if key not in FORMATS:
        raise TrackerFormatError(f"'{show(str(fmt))}' is not a tracker format glutecoach reads; accepted: {', '.join(FORMATS)}.")
    return key


def _header(text: str, fmt: str | None, src: str) -> tuple[str, list[str], int, str]:
    """(delimiter, header cells, the line the header ends on, format): the delimiter (comma, semicolon
    or tab) that makes the first record a header glutecoach knows."""
    seen: tuple[list[str], int] | None = None
    for delimiter in DELIMITERS:
        first = _first_record(text, delimiter)
        if first is None:
            continue
        if seen is None or len(first[0]) > len(seen[0]):
            seen = first
        found = detect(first[0]) if fmt is None else (fmt if resolve_columns(fmt, first[0])[1] is None else None)
        if found:
            return delimiter, first[0], first[1], found
    if seen is None:
        raise TrackerFormatError(f"{src} is empty or has no readable header line; accepted: {ACCEPTED_HEADERS}.", 1)
    raise _header_error(text, fmt, src, seen)


def _header_error(text: str, fmt: str | None, src: str, seen: tuple[list[str], int]) -> TrackerFormatError:
    """What is wrong with a header: the format it nearly is (or was forced to be), else none."""
    saw = show(",".join(seen[0]), 300)
    line = seen[1]
    for name in (fmt,) if fmt else FORMATS:
        for delimiter in DELIMITERS:
            first = _first_record(text, delimiter)
            if first is None:
                continue
            cols, problem = resolve_columns(name, first[0])
            if fmt or all(f in cols.at for f in SIGNATURE[name]):
                return TrackerFormatError(
                    f"{src}, line {line}: the header is not a {name.capitalize()} export glutecoach reads: {problem}. "
                    f"It saw: {saw}. Accepted: {ACCEPTED_HEADERS}.",
                    line,
                )
    return TrackerFormatError(
        f"{src}, line {line}: the header matches no export glutecoach reads (Strong, Hevy or FitNotes). "
        f"It saw: {saw}. Accepted: {ACCEPTED_HEADERS}.",
        line,
    )


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
        line = raw[: err.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        raise TrackerFormatError(
            f"{src}, line {line}: byte 0x{raw[err.start]:02x} is not UTF-8 text; accepted: a UTF-8 file "
            "(export or save it again as UTF-8 CSV).",
            line,
        ) from None
    # Line ends are left to the CSV reader: a CR inside a quoted note is part of the note.
    nul = text.find("\x00")
    if nul >= 0:
        line = text[:nul].replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
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
