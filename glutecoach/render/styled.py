"""Styled text for the terminal views, without rich.console or rich.text.

The views build their output as `Text`: the plain characters and the spans of style over them, with the
part of rich.text.Text's interface they use (append, join, slices, cell width, wrap). To a file or a
pipe the plain text is all that is written, and no part of rich is imported; a colour terminal gets
the escape codes rich would write, made with rich.style alone (`paint`). Importing rich.console and
rich.text costs about 19 ms after typer (2-core x86_64, Python 3.11), rich.style and rich.color about
5. Where rich must decide (render.terminal: Windows, a notebook, a dumb terminal) a text is handed to it
(`to_rich`). Widths are rich's (`cell_len`): the characters rich counts as one cell without its tables
are counted here the same way, and any other text asks rich.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Union

from glutecoach.core.record import NamedTuple

if TYPE_CHECKING:
    from rich.style import Style
    from rich.text import Text as RichText

StyleType = Union[str, "Style"]


class Span(NamedTuple):
    """A style over the characters start..end (rich.text.Span)."""

    start: int
    end: int
    style: Any


# rich.cells' own single-cell ranges (printable Latin, Greek and Cyrillic, box drawing and blocks, Braille),
# and the punctuation glutecoach draws with, which rich's tables measure as one cell too (a test holds
# every one of them to rich's answer).
_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2500, 0x25FC), (0x2800, 0x28FF))
_DRAWN = "•→←…–—≥≤✓✗‾≡"


@lru_cache(maxsize=1)
def _single_cells() -> frozenset[str]:
    return frozenset([*(chr(c) for start, end in _RANGES for c in range(start, end + 1)), *_DRAWN])


def _one_cell_each(text: str) -> bool:
    return (text.isascii() and text.isprintable()) or _single_cells().issuperset(text)


def cell_len(text: str) -> int:
    """The cells `text` takes on a terminal, as rich.cells.cell_len counts them (a control character, a
    line break, takes none)."""
    if text.isascii():
        return len(text) if text.isprintable() else sum(" " <= ch < "\x7f" for ch in text)
    if _single_cells().issuperset(text):
        return len(text)
    from rich.cells import cell_len as measured  # wide, zero-width or control characters: rich's tables

    return measured(text)


def chop_cells(text: str, width: int) -> list[str]:
    """`text` in pieces of at most `width` cells (rich.cells.chop_cells)."""
    if _one_cell_each(text):
        return [text[i : i + width] for i in range(0, len(text), width)]
    from rich.cells import chop_cells as chopped

    return chopped(text, width)


def _cut(text: str, width: int) -> int:
    """How many characters of `text` fit in `width` cells."""
    if _one_cell_each(text):
        return min(len(text), width)
    used = 0
    for i, ch in enumerate(text):
        used += cell_len(ch)
        if used > width:
            return i
    return len(text)


class Text:
    """Plain characters and spans of style over them (start, end, style), as rich.text.Text keeps them.

    `style` styles the whole text; appending another Text keeps its style as a span over its characters."""

    __slots__ = ("_length", "_pieces", "_spans", "style")

    def __init__(self, text: str = "", style: StyleType = "") -> None:
        self._pieces = [text] if text else []
        self._length = len(text)
        self.style = style
        self._spans: list[Span] = []

    @property
    def plain(self) -> str:
        if len(self._pieces) > 1:
            self._pieces = ["".join(self._pieces)]
        return self._pieces[0] if self._pieces else ""

    @property
    def spans(self) -> list[Span]:
        return self._spans

    @property
    def cell_len(self) -> int:
        return cell_len(self.plain)

    def __len__(self) -> int:
        return self._length

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"Text({self.plain!r}, style={self.style!r}, spans={self._spans!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return self.plain == other.plain and self.style == other.style and self._spans == other._spans

    __hash__ = None  # type: ignore[assignment]  # mutable, as rich's

    def append(self, text: str | Text, style: StyleType | None = None) -> Text:
        """Add `text` at the end, in `style` (a Text keeps its own styles and takes none: rich's rule)."""
        if isinstance(text, Text):
            if style:
                raise ValueError("a style is not given when appending a Text (rich's rule): it keeps its own")
            return self.append_text(text) if len(text) else self
        if text:
            start = self._length
            self._pieces.append(text)
            self._length += len(text)
            if style:
                self._spans.append(Span(start, self._length, style))
        return self

    def append_text(self, text: Text) -> Text:
        offset = self._length
        plain = text.plain
        if plain:
            self._pieces.append(plain)
            self._length += len(plain)
        if text.style:
            self._spans.append(Span(offset, self._length, text.style))
        self._spans.extend(Span(start + offset, end + offset, style) for start, end, style in text._spans)
        return self

    def copy(self) -> Text:
        made = Text(self.plain, self.style)
        made._spans = list(self._spans)
        return made

    def __add__(self, other: object) -> Text:
        if not isinstance(other, (str, Text)):
            return NotImplemented
        return self.copy().append(other)

    def join(self, lines: Iterable[Text]) -> Text:
        """The texts with this one between each two (rich: the result has this text's style)."""
        out = Text(style=self.style)
        for i, line in enumerate(lines):
            if i and self._length:
                out.append_text(self)
            out.append_text(line)
        return out

    def __getitem__(self, index: slice) -> Text:
        start, stop, step = index.indices(self._length)
        if step != 1:
            raise TypeError("a Text is sliced with a step of 1 only")
        made = Text(self.plain[start:stop], self.style)
        kept = [(max(s, start), min(e, stop), style) for s, e, style in self._spans]
        made._spans = [Span(s - start, e - start, style) for s, e, style in kept if s < e]
        return made

    def _keep(self, length: int) -> None:
        """Keep the first `length` characters, and the spans over them."""
        if length >= self._length:
            return
        self._pieces = [self.plain[:length]]
        self._length = length
        self._spans = [Span(s, min(e, length), style) for s, e, style in self._spans if s < length]

    def rstrip(self) -> None:
        """Trailing whitespace removed (rich.text.Text.rstrip)."""
        self._keep(len(self.plain.rstrip()))

    def truncate(self, max_width: int, *, overflow: str = "crop") -> None:
        """Cut to `max_width` cells (overflow 'crop' or 'fold': a line is cut where it ends); a wide
        character cut in half leaves a space, as rich's set_cell_size does."""
        plain = self.plain
        if cell_len(plain) <= max_width:
            return
        kept = plain[: _cut(plain, max_width)]
        kept += " " * (max_width - cell_len(kept))
        self._pieces, self._length = [kept], len(kept)
        self._spans = [Span(s, min(e, len(kept)), style) for s, e, style in self._spans if s < len(kept)]

    def split(self, separator: str = "\n") -> list[Text]:
        """The lines between separators (rich's split, allow_blank=True)."""
        plain, out, start = self.plain, [], 0
        while True:
            at = plain.find(separator, start)
            if at < 0:
                out.append(self[start:])
                return out
            out.append(self[start:at])
            start = at + len(separator)

    def wrap(self, width: int) -> list[Text]:
        """Lines of at most `width` cells: broken between words, a word folded only when wider than a line
        (rich.text.Text.wrap with overflow 'fold', whose line breaking rich._wrap does here too)."""
        if "\t" in self.plain:  # rich expands tabs first: let it
            from rich.console import Console

            quiet = Console(color_system=None, legacy_windows=False, width=200)
            return [_from_rich(line) for line in self.to_rich().wrap(quiet, width, overflow="fold")]
        lines: list[Text] = []
        for line in self.split("\n"):
            offsets = _divide_line(line.plain, width)
            for start, end in zip([0, *offsets], [*offsets, len(line)], strict=True):
                part = line[start:end]
                _rstrip_end(part, width)
                part.truncate(width)
                lines.append(part)
        return lines

    def to_rich(self) -> RichText:
        """The same text as a rich Text, to be painted."""
        from rich.text import Span as RichSpan
        from rich.text import Text as RichText

        return RichText(self.plain, style=self.style or "", spans=[RichSpan(s, e, style) for s, e, style in self._spans])


def _from_rich(text: RichText) -> Text:
    made = Text(text.plain, text.style)
    made._spans = [Span(s.start, s.end, s.style) for s in text.spans]
    return made


def _divide_line(text: str, width: int) -> list[int]:
    """Where a line breaks to fit `width` cells, words folded when wider than a line: rich._wrap.divide_line
    (fold=True), as rich 14 writes it (MIT licence), here so that wrapping never loads rich."""
    breaks: list[int] = []
    offset = 0
    for word in re.finditer(r"\s*\S+\s*", text):
        start, chunk = word.start(), word.group(0)
        length = cell_len(chunk.rstrip())
        if width - offset >= length:
            offset += cell_len(chunk)
        elif length > width:
            folded = chop_cells(chunk, width)
            for i, part in enumerate(folded):
                if start:
                    breaks.append(start)
                if i == len(folded) - 1:
                    offset = cell_len(part)
                else:
                    start += len(part)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(chunk)
    return breaks


def _rstrip_end(line: Text, size: int) -> None:
    """rich's rstrip_end: trailing whitespace beyond `size` characters removed."""
    plain = line.plain
    excess = len(plain) - size
    if excess <= 0:
        return
    trailing = len(plain) - len(plain.rstrip())
    if trailing:
        line._keep(len(plain) - min(trailing, excess))


def rich_of(thing: Any) -> Any:
    """What rich prints: a Text made rich, anything else as it is."""
    return thing.to_rich() if isinstance(thing, Text) else thing


def paint(text: Text, color_system: Any, no_color: bool) -> str:
    """`text` with the escape codes rich's Console.print(text, soft_wrap=True) writes for it, made with
    rich.style alone (about 5 ms to import, where rich.console and rich.text take 19). As rich does it: the
    text is split into lines and joined again (a style never covers a line break), each run of
    characters under the same stack of spans gets their combined style, rendered for the colour system;
    NO_COLOR keeps bold and dim and drops the colours."""
    from rich.style import Style

    plain = text.plain
    breaks = [i for i, ch in enumerate(plain) if ch == "\n"]
    spans: list[tuple[int, int, Any]] = []
    if text.style:  # each line gets the text's own style
        spans.extend(
            (start, end, text.style) for start, end in zip([0, *(b + 1 for b in breaks)], [*breaks, len(plain)], strict=True) if start < end
        )
    for s, e, style in text.spans:  # and each span its part of every line it covers (pieces of one line keep their order)
        at = bisect_left(breaks, s)
        while at < len(breaks) and breaks[at] < e:
            if breaks[at] > s:
                spans.append((s, breaks[at], style))
            s, at = breaks[at] + 1, at + 1
        if s < e:
            spans.append((s, e, style))
    if not spans:
        return plain
    styles = {i: style if isinstance(style, Style) else Style.parse(style) for i, (_, _, style) in enumerate(spans, 1)}
    marks = sorted(
        [
            (0, False, 0),
            *((s, False, i) for i, (s, _, _) in enumerate(spans, 1)),
            *((e, True, i) for i, (_, e, _) in enumerate(spans, 1)),
            (len(plain), True, 0),
        ],
        key=lambda m: (m[0], m[1]),
    )
    stack: list[int] = []
    combined: dict[tuple[int, ...], Any] = {}
    out: list[str] = []
    for (offset, leaving, index), (following, _, _) in pairwise(marks):
        if leaving:
            stack.remove(index)
        else:
            stack.append(index)
        if following > offset:
            key = tuple(sorted(i for i in stack if i))
            style = combined.get(key)
            if style is None:
                style = combined[key] = Style.combine(styles[i] for i in key) if key else None
                if style is not None and no_color:
                    style = combined[key] = style.without_color
            chunk = plain[offset:following]
            out.append(style.render(chunk, color_system=color_system) if style else chunk)
    return "".join(out)
