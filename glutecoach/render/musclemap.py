"""The muscle map: the gluteal region seen from behind, shaded by a 0-100 value per region.

Two views of the same picture:

* :func:`muscle_map` returns a rich renderable for the terminal. With colour each region is
  filled on a pale-to-deep-red scale; without colour (``NO_COLOR``) the fill is a shading
  character (light ``░`` to solid ``█``), so the map reads in black and white. The basis of each
  value is the fill pattern: solid when measured, dotted (``·``) for a close variant, hatched
  (``╱``) for an estimate, with a marker after the region's key (``~`` close variant, ``?``
  estimate). ``ascii=True`` draws the same map with ASCII characters only.
* :func:`svg` returns a self-contained SVG document (no scripts, no external references) with the
  map drawn as shapes, the legend and an optional table, for printing or sending to a coach.

The drawing (both sides, the sacrum between) shows the three superficial regions filled and the
two deep ones as bands with a dotted outline: the gluteus minimus along the top-lateral edge
under the medius, and the piriformis from the side of the sacrum to the top of the thigh bone
(greater trochanter), under the upper gluteus maximus.

Only the standard library and rich are imported.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

__all__ = [
    "BASES",
    "BASIS_WORDS",
    "REGIONS",
    "REGION_NAMES",
    "MuscleMap",
    "can_draw_blocks",
    "muscle_map",
    "svg",
]

REGIONS = ("gluteus-maximus-upper", "gluteus-maximus-lower", "gluteus-medius", "gluteus-minimus", "piriformis")
BASES = ("emg", "emg-proxy", "estimate")
BASIS_WORDS = {"emg": "measured", "emg-proxy": "close variant", "estimate": "estimate"}
REGION_NAMES = {
    "gluteus-maximus-upper": "upper gluteus maximus",
    "gluteus-maximus-lower": "lower gluteus maximus",
    "gluteus-medius": "gluteus medius",
    "gluteus-minimus": "gluteus minimus",
    "piriformis": "piriformis",
}
DEEP = frozenset({"gluteus-minimus", "piriformis"})
KEYS = {region: str(number) for number, region in enumerate(REGIONS, start=1)}

# Templates: the LEFT half of the picture (lateral edge at column 0, the midline after the last
# column); the right half is its mirror image. Codes: U upper and L lower gluteus maximus,
# m gluteus medius, n gluteus minimus, p piriformis, S sacrum, 1-5 a region's key (drawn in that
# region). Every other character is drawn as it is (outline). ':' is the dotted edge of the deep
# minimus; the piriformis band gets a dotted edge where it meets the gluteus maximus.
#
# The upper border of the gluteus maximus runs from the posterior superior iliac spine (where the
# iliac crest meets the sacrum) down and out to the greater trochanter; above it the medius is
# uncovered under the crest. The split between the upper and lower maximus runs from the coccyx
# out along the fibres; the lower part makes the curve of the buttock down to the gluteal fold.
_WIDE = (
    "          _..---------..         ",
    "     _.-''mmmmmmmmmmmmm`-._______",
    "   .'nnn:mmmmm3mmmmmm_.-'\\SSSSSSS",
    "  /n4nn:mmmmmmmmm_.-'UUUUU\\SSSSSS",
    " /nnnn:mmmmmm_.-'UUUUUppppp\\SSSSS",
    "|nnnn:mmm_.-'UUppppp5ppppppp\\SSSS",
    "|nnn:_.-'pppppppppppppUUUUUUU\\SSS",
    "|_.-'ppppppppppUUUUUUUUUUUUUUU\\SS",
    "|ppppppppUUUUUUUUUUUUUUUUUUUUUU\\S",
    "|pppUUUUUUUUUUUUUUUUUUUUUUUU_.-'\\",
    "|UUUUUUUU1UUUUUUUUUUUUU_.-'LLLLL)",
    "|UUUUUUUUUUUUUUUUU_.-'LLLLLLLLLL)",
    "|UUUUUUUUUUUU_.-'LLLLLLLLLLLLLLL)",
    " \\UUUUUU_.-'LLLLLLLLL2LLLLLLLLLL)",
    "  `-._LLLLLLLLLLLLLLLLLLLLLLLLLL)",
    "     `-._LLLLLLLLLLLLLLLLLLLLLLL)",
    "         `--..________________.-'",
)
_NARROW = (
    "      _..-------..    ",
    "  _.-'mmmm3mmmmmm`-___",
    " .'nn:mmmmmmm_.-'U\\SSS",
    "/n4n:mmmm_.-'UUUppp\\SS",
    "|nn:m_.-'pppp5pppppp\\S",
    "|_.-'pppppppUUUUUUUUU\\",
    "|ppUUUUUUUUUUUUUUU_.-'",
    "|UUUUU1UUUUUUU_.-'LLL)",
    "|UUUUUUUUU_.-'LLLLLLL)",
    " \\UUUU_.-'LLLLLLLLLLL)",
    "  `-._LLLLLLL2LLLLLLL)",
    "     `-._LLLLLLLLLLLL)",
    "        `--..______.-'",
)
_NARROW_BELOW = 70  # columns: below this the narrow drawing is used

_CODE_REGION = {
    "U": "gluteus-maximus-upper",
    "L": "gluteus-maximus-lower",
    "m": "gluteus-medius",
    "n": "gluteus-minimus",
    "p": "piriformis",
}
_CODE_REGION.update({KEYS[region]: region for region in REGIONS})
_MIRROR = str.maketrans("/\\()`'", "\\/)('`")

_SHADES = {False: "░▒▓█", True: ".:*#"}  # light to solid: values 0-24, 25-49, 50-74, 75-100
_PATTERN = {  # basis -> fill character drawn over the shade (unicode, ascii)
    "emg-proxy": ("·", "o"),
    "estimate": ("╱", "/"),
}
_MARKERS = {"emg": "", "emg-proxy": "~", "estimate": "?"}
_DEEP_EDGE = {False: (":", "_", "‾"), True: (":", "_", "-")}  # minimus edge, band top, band bottom

# Pale to deep red (ColorBrewer 'Reds'), value 0 at the first stop and 100 at the last.
_SCALE = ((0xFE, 0xE5, 0xD9), (0xFC, 0xAE, 0x91), (0xFB, 0x6A, 0x4A), (0xDE, 0x2D, 0x26), (0xA5, 0x0F, 0x15))


# --------------------------------------------------------------------------------------------
# Values and colours


def _clean_values(values: Mapping[str, float | None]) -> dict[str, float | None]:
    """Each region's value clamped to 0-100; None (or NaN, or a region left out) means not shown."""
    unknown = sorted(set(values) - set(REGIONS))
    if unknown:
        raise ValueError(f"unknown region(s) {', '.join(map(repr, unknown))}; expected one of {', '.join(REGIONS)}")
    cleaned: dict[str, float | None] = {}
    for region in REGIONS:
        value = values.get(region)
        if value is None:
            cleaned[region] = None
            continue
        number = float(value)
        cleaned[region] = None if math.isnan(number) else min(100.0, max(0.0, number))
    return cleaned


def _clean_basis(basis: Mapping[str, str] | None) -> dict[str, str | None]:
    basis = basis or {}
    unknown = sorted(set(basis) - set(REGIONS))
    if unknown:
        raise ValueError(f"unknown region(s) {', '.join(map(repr, unknown))} in basis")
    cleaned: dict[str, str | None] = {}
    for region in REGIONS:
        word = basis.get(region)
        if word is not None and word not in BASES:
            raise ValueError(f"unknown basis {word!r} for {region}; expected one of {', '.join(BASES)}")
        cleaned[region] = word
    return cleaned


def _rgb(value: float) -> tuple[int, int, int]:
    """The colour for a value 0-100 on the pale-to-deep-red scale."""
    position = min(100.0, max(0.0, value)) / 100 * (len(_SCALE) - 1)
    index = min(int(position), len(_SCALE) - 2)
    fraction = position - index
    low, high = _SCALE[index], _SCALE[index + 1]
    return tuple(round(a + (b - a) * fraction) for a, b in zip(low, high, strict=True))  # type: ignore[return-value]


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _is_light(rgb: tuple[int, int, int]) -> bool:
    red, green, blue = rgb
    return 0.299 * red + 0.587 * green + 0.114 * blue > 150


def _ink(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """A pattern colour that shows on this fill: darker on pale fills, lighter on deep ones."""
    if _is_light(rgb):
        return tuple(round(c * 0.45) for c in rgb)  # type: ignore[return-value]
    return tuple(round(c + (255 - c) * 0.6) for c in rgb)  # type: ignore[return-value]


def _shade(value: float, ascii: bool) -> str:
    return _SHADES[ascii][min(3, int(value // 25))]


def _value_text(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}"


def can_draw_blocks(encoding: str | None) -> bool:
    """True when text in this encoding can carry the map's block and line characters.

    Pass ``console.encoding`` (or ``sys.stdout.encoding``); when it is False, draw with
    ``ascii=True``.
    """
    if not encoding:
        return False
    try:
        "░▒▓█╱·‾".encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return False
    return True


# --------------------------------------------------------------------------------------------
# The terminal map


@dataclass(frozen=True)
class _Drawing:
    """A template mirrored into the whole picture, with what each cell is."""

    rows: tuple[str, ...]
    regions: tuple[tuple[str | None, ...], ...]  # the region of each cell, None for outline or blank
    inner: frozenset[tuple[int, int]]  # outline cells between two regions (not the outer outline)
    band_edges: dict[tuple[int, int], int]  # maximus cells on the piriformis band's edge: 1 top, 2 bottom
    sacrum_row: int

    @property
    def width(self) -> int:
        return len(self.rows[0])


def _drawing(half: Sequence[str], sacrum_row: int) -> _Drawing:
    rows = tuple(row + row[::-1].translate(_MIRROR) for row in half)
    regions = tuple(tuple(_CODE_REGION.get(ch) for ch in row) for row in rows)
    height, width = len(rows), len(rows[0])

    # Outside: the blanks joined to the edge of the drawing by other blanks.
    outside: set[tuple[int, int]] = set()
    todo = [(r, c) for r in range(height) for c in (0, width - 1)] + [
        (r, c) for c in range(width) for r in (0, height - 1)
    ]
    while todo:
        r, c = todo.pop()
        if (r, c) in outside or not (0 <= r < height and 0 <= c < width) or rows[r][c] != " ":
            continue
        outside.add((r, c))
        todo.extend(((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)))

    def neighbours(r: int, c: int) -> list[tuple[int, int]]:
        return [(r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)]

    inner = frozenset(
        (r, c)
        for r, row in enumerate(rows)
        for c, ch in enumerate(row)
        if ch not in " S()"
        and regions[r][c] is None
        and all(
            0 <= nr < height and 0 <= nc < width and (nr, nc) not in outside and rows[nr][nc] not in "S()"
            for nr, nc in neighbours(r, c)
        )
    )
    band_edges: dict[tuple[int, int], int] = {}
    for r in range(height):
        for c in range(width):
            if regions[r][c] != "piriformis":
                continue
            for nr, side in ((r - 1, 1), (r + 1, 2)):
                if 0 <= nr < height and regions[nr][c] == "gluteus-maximus-upper" and not rows[nr][c].isdigit():
                    band_edges.setdefault((nr, c), side)
    return _Drawing(rows, regions, inner, band_edges, sacrum_row)


@lru_cache(maxsize=2)
def _drawing_for(kind: str) -> _Drawing:
    return _drawing(_NARROW, 2) if kind == "narrow" else _drawing(_WIDE, 3)


@lru_cache(maxsize=256)
def _fill_style(value: float) -> Style:
    """The style of a region's cells: the value's colour behind, a pattern colour in front."""
    rgb = _rgb(value)
    return Style(bgcolor=_hex(rgb), color=_hex(_ink(rgb)))


class MuscleMap:
    """A rich renderable: the map, then its legend. Use :func:`muscle_map` to make one."""

    def __init__(
        self,
        values: Mapping[str, float | None],
        basis: Mapping[str, str] | None = None,
        *,
        title: str = "",
        caption: str = "",
        color: bool = True,
        width: int = 80,
        ascii: bool = False,
        value_text: Mapping[str, str] | None = None,
        scale: bool = True,
    ) -> None:
        self.values = _clean_values(values)
        self.basis = _clean_basis(basis)
        self.title = str(title)
        self.caption = str(caption)
        self.color = bool(color)
        self.width = int(width)
        self.ascii = bool(ascii)
        self.value_text = {region: str(text) for region, text in (value_text or {}).items()}
        self.scale = bool(scale)

    # rich protocol -------------------------------------------------------------------------

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, min(self.width, options.max_width))
        color = self.color and console.color_system is not None and not console.no_color
        yield from self.lines(width, color=color)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = max(1, min(self.width, options.max_width))
        widest = max((line.cell_len for line in self.lines(width, color=False)), default=1)
        return Measurement(widest, widest)

    # drawing ---------------------------------------------------------------------------------

    def lines(self, width: int, *, color: bool) -> list[Text]:
        """Every line of the title, map, legend and caption, each at most ``width`` cells wide."""
        out: list[Text] = []
        if self.title:
            out.extend(_wrap(Text(self.title, style="bold"), width))
        out.extend(_crop(line, width) for line in self._map_lines(width, color))
        for line in self._legend(width, color):
            out.extend(_wrap(line, width))
        if self.caption:
            out.extend(_wrap(Text(self.caption, style="dim" if color else ""), width))
        return out

    def _map_lines(self, width: int, color: bool) -> list[Text]:
        drawing = _drawing_for("narrow" if width < _NARROW_BELOW else "wide")
        minimus_edge, *band_edge = _DEEP_EDGE[self.ascii]
        quiet = "dim" if color else ""
        lines: list[Text] = []
        for r, row in enumerate(drawing.rows):
            text = Text()
            c = 0
            while c < len(row):
                ch, region = row[c], drawing.regions[r][c]
                c += 1
                if region is None:
                    if ch in " S":
                        text.append(" ")
                    else:
                        style = self._line_style(drawing, r, c - 1) if color else ""
                        text.append(minimus_edge if ch == ":" else ch, style=style)
                elif ch.isdigit():
                    # The region's key, then its basis marker in the next cell of the same region.
                    value = self.values[region]
                    style = _key_style(value) if color else ""
                    text.append(ch, style=style)
                    marker = _MARKERS.get(self.basis[region] or "", "") if value is not None else ""
                    if marker and c < len(row) and drawing.regions[r][c] == region and not row[c].isdigit():
                        text.append(marker, style=style)
                        c += 1
                else:
                    side = drawing.band_edges.get((r, c - 1))
                    text.append(*self._cell(region, r, c - 1, color, band_edge[side - 1] if side else None))
            lines.append(text)

        word = "sacrum"
        lines[drawing.sacrum_row] = _overlay(
            lines[drawing.sacrum_row], (drawing.width - len(word)) // 2, Text(word, style=quiet)
        )
        sides = [" "] * drawing.width
        for word, centre in zip(("left", "right"), (drawing.width // 4, drawing.width - drawing.width // 4), strict=True):
            first = centre - len(word) // 2
            sides[first : first + len(word)] = list(word)
        lines.append(Text("".join(sides).rstrip(), style=quiet))
        indent = " " if width >= drawing.width + 1 else ""
        return [Text(indent) + line for line in lines]

    def _cell(self, region: str, r: int, c: int, color: bool, edge: str | None = None) -> tuple[str, Style | str]:
        """One cell of a region as (character, style): its fill, its basis pattern, or an edge line."""
        value, basis = self.values[region], self.basis[region]
        if value is None:
            return (edge or " ", "dim" if edge and color else "")
        pattern = _PATTERN.get(basis or "")
        char = edge or (pattern[self.ascii] if pattern and _pattern_at(basis or "", r, c) else None)
        if color:
            return (char or " ", _fill_style(value))
        return (char or _shade(value, self.ascii), "")

    def _line_style(self, drawing: _Drawing, r: int, c: int) -> Style | str:
        """An outline character between two regions sits on the fill below it (or beside it), so
        the colour runs on across the line; the outer outline is plain."""
        if (r, c) not in drawing.inner:
            return ""
        around = [
            drawing.regions[nr][nc]
            for nr, nc in ((r + 1, c), (r, c + 1), (r, c - 1), (r - 1, c))
            if 0 <= nr < len(drawing.rows) and 0 <= nc < drawing.width
        ]
        region = next((region for region in around if region), None)
        value = self.values[region] if region else None
        return "dim" if value is None else _fill_style(value)

    def _legend(self, width: int, color: bool) -> list[Text]:
        names = {region: REGION_NAMES[region] + (" (deep)" if region in DEEP else "") for region in REGIONS}
        shown = {
            region: self.value_text.get(region, _value_text(value)) if value is not None else "-"
            for region, value in self.values.items()
        }
        name_width = max(cell_len(name) for name in names.values())
        value_width = max(cell_len(text) for text in shown.values())
        lines: list[Text] = []
        for region in REGIONS:
            value, basis = self.values[region], self.basis[region]
            marker = _MARKERS.get(basis or "", "") if value is not None else ""
            line = Text(" ")
            line.append(KEYS[region], style="bold" if color else "")
            line.append(f"{marker:1} {names[region]}{' ' * (name_width - cell_len(names[region]))} ")
            line.append_text(self._swatch(region, color))
            line.append(" " * (1 + value_width - cell_len(shown[region])) + shown[region])
            if value is None:
                line.append("  not shown", style="dim" if color else "")
            elif basis:
                line.append("  " + BASIS_WORDS[basis])
            lines.append(line)
        lines.extend(self._key_lines(width, color))
        return lines

    def _swatch(self, region: str, color: bool) -> Text:
        """Three cells of the region's fill, the middle one showing its basis pattern."""
        value = self.values[region]
        if value is None:
            return Text("   ")
        pattern = _PATTERN.get(self.basis[region] or "")
        style: Style | str
        if color:
            style, fill = _fill_style(value), " "
        else:
            style, fill = "", _shade(value, self.ascii)
        return Text(fill + (pattern[self.ascii] if pattern else fill) + fill, style=style)

    def _key_lines(self, width: int, color: bool) -> list[Text]:
        """The lines under the region list: the shade scale, the fill patterns, the deep layer."""
        ascii = self.ascii
        style = "dim" if color else ""
        if color:
            bar = Text("0 ", style=style)
            for step in range(0, 101, 10):
                bar.append(" ", style=Style(bgcolor=_hex(_rgb(step))))
            bar.append(" 100", style=style)
            shade = [Text("Shade:", style=style), bar]
        else:
            shade = [Text("Shade:", style=style)] + [
                Text(f"{ch} {i * 25}-{100 if i == 3 else i * 25 + 24}", style=style)
                for i, ch in enumerate(_SHADES[ascii])
            ]
        dot, hatch = _PATTERN["emg-proxy"][ascii], _PATTERN["estimate"][ascii]
        edge = _DEEP_EDGE[ascii]
        fill = ("Fill:", "solid = measured,", f"{dot * 2} ~ = close variant,", f"{hatch * 2} ? = estimate.")
        deep = ("Seen from behind.", "4 and 5 lie deep:", "4 under 3, 5 under 1", f"(edged {' '.join(edge)}).")
        lines: list[Text] = []
        keys = [shade, [Text(part, style=style) for part in fill]] if self.scale else []
        for parts in (*keys, [Text(part, style=style) for part in deep]):
            lines.extend(_flow(parts, width, indent=1))
        return lines


def _key_style(value: float | None) -> Style:
    if value is None:
        return Style(dim=True, bold=True)
    rgb = _rgb(value)
    return Style(bold=True, bgcolor=_hex(rgb), color="#000000" if _is_light(rgb) else "#ffffff")


def _pattern_at(basis: str, r: int, c: int) -> bool:
    """Where a basis pattern draws its character: a diagonal hatch, or a sparse grid of dots."""
    if basis == "estimate":
        return (r + c) % 3 == 0
    if basis == "emg-proxy":
        return (c + 2 * (r % 2)) % 4 == 0
    return False


def _flow(parts: list[Text], width: int, *, indent: int) -> list[Text]:
    """Parts joined by spaces into lines of at most ``width`` cells, breaking only between parts.

    Continuation lines are indented two more cells; a part wider than a line is folded later.
    """
    lines: list[Text] = []
    line, empty = Text(" " * indent), True
    for part in parts:
        if not empty and line.cell_len + 1 + part.cell_len > width:
            lines.append(line)
            line, empty = Text(" " * (indent + 2)), True
        if not empty:
            line.append(" ")
        line.append_text(part)
        empty = False
    lines.append(line)
    return lines


def _overlay(line: Text, start: int, word: Text) -> Text:
    """``line`` with ``word`` written over it from cell ``start`` (the map is one cell a character)."""
    if start < 0 or start + len(word.plain) > len(line.plain):
        return line
    return line[:start] + word + line[start + len(word.plain) :]


def _crop(line: Text, width: int) -> Text:
    if line.cell_len <= width:
        return line
    cropped = line.copy()
    cropped.truncate(width, overflow="crop")
    return cropped


def _wrap(line: Text, width: int) -> list[Text]:
    """``line`` folded to ``width`` cells: between words where it can, mid-word only if it must."""
    if line.cell_len <= width:
        return [line]
    out: list[Text] = []
    for part in line.wrap(_measuring_console(), width, overflow="fold"):
        part.rstrip()
        out.append(_crop(part, width))
    return out


@lru_cache(maxsize=1)
def _measuring_console() -> Console:
    """A console that prints nothing, for Text.wrap."""
    return Console(file=io.StringIO(), color_system=None, legacy_windows=False, width=200)


def muscle_map(
    values: Mapping[str, float | None],
    basis: Mapping[str, str] | None = None,
    *,
    title: str = "",
    caption: str = "",
    color: bool = True,
    width: int = 80,
    ascii: bool = False,
    value_text: Mapping[str, str] | None = None,
    scale: bool = True,
) -> MuscleMap:
    """The gluteal region seen from behind, each region shaded by its 0-100 value, with a legend.

    ``values`` maps a region (see ``REGIONS``) to 0-100, or None to leave it blank; ``basis``
    maps a region to 'emg', 'emg-proxy' or 'estimate' (measured / close variant / estimate),
    shown by the fill pattern and a marker. ``color=False`` (pass it when NO_COLOR is set) shades
    with characters instead of colour; a console without colour gets the same. ``width`` is the
    most columns it may take (50-200 in practice; below 70 the narrow drawing is used); the
    console's own width caps it too. ``ascii=True`` uses ASCII characters only, for terminals whose
    encoding cannot print block characters (see :func:`can_draw_blocks`). ``value_text`` replaces
    the number printed in the legend for a region (e.g. '4.5 of 6-10 sets'). ``scale=False`` leaves
    out the shade and fill key, for a map that only shows where regions lie.
    """
    return MuscleMap(
        values, basis, title=title, caption=caption, color=color, width=width, ascii=ascii, value_text=value_text,
        scale=scale,
    )


# --------------------------------------------------------------------------------------------
# SVG

# Shapes of the LEFT side in a 340 x 330 box (lateral edge near x=20, the midline at x=340);
# the right side is the mirror image about x=340. Paths use absolute commands only (M L C Q Z),
# so mirroring is x -> 680 - x.
_MID = 340.0
_SVG_SHAPES: dict[str, str] = {
    # Uncovered gluteus medius: under the iliac crest, above the maximus's upper border (from the
    # posterior superior iliac spine at 290,78 to the greater trochanter at 20,180).
    "gluteus-medius": "M 290 78 C 250 36 190 20 130 24 C 78 28 38 56 24 100 L 20 180 C 90 150 190 110 290 78 Z",
    # Upper gluteus maximus: from the border down to the split along the fibres.
    "gluteus-maximus-upper": "M 290 78 C 296 110 306 150 320 180 L 332 206 C 240 228 120 252 30 268 "
    "C 22 250 18 220 20 180 C 90 150 190 110 290 78 Z",
    # Lower gluteus maximus: from the lower sacrum and coccyx to the gluteal fold.
    "gluteus-maximus-lower": "M 332 206 L 338 226 L 338 300 C 300 318 220 326 150 322 "
    "C 90 318 50 300 30 268 C 120 252 240 228 332 206 Z",
}
_SVG_DEEP: dict[str, str] = {
    # Gluteus minimus: deep, under the medius, from the outer ilium to the greater trochanter.
    "gluteus-minimus": "M 40 84 C 70 58 110 46 156 42 C 130 80 80 130 24 172 C 24 140 28 104 40 84 Z",
    # Piriformis: deep, from the front of the sacrum (its medial end runs under the bone) to the
    # top of the greater trochanter.
    "piriformis": "M 306 126 C 250 134 150 156 30 184 L 30 196 C 150 180 250 172 316 168 Z",
}
_SVG_OUTLINE = (
    # The buttock's outline: crest, side, fold and cleft.
    "M 290 78 C 250 36 190 20 130 24 C 78 28 38 56 24 100 L 20 180 C 18 220 22 250 30 268 "
    "C 50 300 90 318 150 322 C 220 326 300 318 338 300 L 338 226"
)
_SVG_SACRUM = "M 282 66 L 398 66 C 392 110 372 170 340 222 C 308 170 288 110 282 66 Z"
_SVG_KEY_AT = {  # where each region's numbered key sits on the left side
    "gluteus-maximus-upper": (150, 210),
    "gluteus-maximus-lower": (230, 290),
    "gluteus-medius": (190, 70),
    "gluteus-minimus": (62, 110),
    "piriformis": (250, 156),
}
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: object) -> str:
    """Text made safe for an XML text node."""
    # By hand: xml.sax.saxutils would import urllib.request (about 25 ms) for three replacements.
    return _XML_BAD.sub("", str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mirror_path(path: str) -> str:
    """A path of absolute 'x y' pairs mirrored about the midline."""
    tokens = path.split()
    out: list[str] = []
    expect_x = True
    for token in tokens:
        if token.isalpha():
            out.append(token)
            expect_x = True
            continue
        if expect_x:
            out.append(f"{2 * _MID - float(token):g}")
        else:
            out.append(token)
        expect_x = not expect_x
    return " ".join(out)


def _svg_wrap(text: str, cells: int) -> list[str]:
    """``text`` in lines of at most ``cells`` cells, broken between words (a longer word stays whole)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and cell_len(line) + 1 + cell_len(word) > cells:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def _text_width(text: str, size: float) -> float:
    """A rough width of sans-serif text (wide characters count double)."""
    return cell_len(text) * size * 0.56


def svg(
    values: Mapping[str, float | None],
    basis: Mapping[str, str] | None = None,
    *,
    title: str = "",
    rows: Sequence[Sequence[str]] = (),
    header: Sequence[str] = (),
    value_text: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
    scale: bool = True,
) -> str:
    """A self-contained SVG document: the map (both sides, five regions), its legend, a table and notes.

    Fills follow the terminal map's scale; an estimate is hatched and a close variant dotted
    (SVG ``<pattern>``), deep regions have a dashed outline. ``header`` and ``rows`` make an
    optional table under the legend (``scale=False`` leaves out the 0-100 shade scale and the basis
    fills, for values that are not scores); each of ``notes`` (a rule, a source) is a paragraph under it,
    wrapped between words. All text is XML-escaped; there are no scripts and no external
    references, so the file prints and mails as it is.
    """
    cleaned = _clean_values(values)
    bases = _clean_basis(basis)
    shown = {region: str(text) for region, text in (value_text or {}).items()}
    font = 13.0
    margin = 20.0
    map_width = 2 * _MID
    parts: list[str] = []
    defs: list[str] = []

    def fill_for(region: str) -> str:
        value = cleaned[region]
        if value is None:
            return "#ffffff"
        colour = _hex(_rgb(value))
        ink = _hex(_ink(_rgb(value)))
        kind = bases[region]
        if kind == "estimate":
            pid = f"hatch-{region}"
            defs.append(
                f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)"><rect width="8" height="8" fill="{colour}"/>'
                f'<line x1="0" y1="0" x2="0" y2="8" stroke="{ink}" stroke-width="2.5"/></pattern>'
            )
            return f"url(#{pid})"
        if kind == "emg-proxy":
            pid = f"dots-{region}"
            defs.append(
                f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
                f'<rect width="8" height="8" fill="{colour}"/><circle cx="4" cy="4" r="1.4" fill="{ink}"/></pattern>'
            )
            return f"url(#{pid})"
        return colour

    fills = {region: fill_for(region) for region in REGIONS}
    y = margin
    if title:
        y += font * 1.6
        parts.append(f'<text x="{margin:g}" y="{y:g}" font-size="{font * 1.4:g}" font-weight="bold">{_x(title)}</text>')
        y += font * 0.6
    top = y + 6
    parts.append(f'<g transform="translate({margin:g} {top:g})" stroke-linejoin="round">')
    for side in ("left", "right"):
        flip = _mirror_path if side == "right" else (lambda p: p)
        for region, path in _SVG_SHAPES.items():
            parts.append(
                f'<path class="region {region}" data-region="{region}" data-side="{side}" d="{flip(path)}" '
                f'fill="{fills[region]}" stroke="#555555" stroke-width="1"><title>{_x(REGION_NAMES[region])}</title></path>'
            )
        for region, path in _SVG_DEEP.items():
            parts.append(
                f'<path class="region deep {region}" data-region="{region}" data-side="{side}" d="{flip(path)}" '
                f'fill="{fills[region]}" fill-opacity="0.92" stroke="#222222" stroke-width="1.4" '
                f'stroke-dasharray="4 3"><title>{_x(REGION_NAMES[region])} (deep)</title></path>'
            )
        parts.append(f'<path d="{flip(_SVG_OUTLINE)}" fill="none" stroke="#333333" stroke-width="2"/>')
    parts.append(
        f'<path d="{_SVG_SACRUM}" fill="#eeeeee" stroke="#777777" stroke-width="1.2"/>'
        f'<text x="{_MID:g}" y="118" font-size="11" text-anchor="middle" fill="#555555">sacrum</text>'
    )
    for side in ("left", "right"):
        for region, (kx, ky) in _SVG_KEY_AT.items():
            cx = 2 * _MID - kx if side == "right" else float(kx)
            parts.append(
                f'<circle cx="{cx:g}" cy="{ky:g}" r="9" fill="#ffffff" stroke="#333333" stroke-width="1"/>'
                f'<text x="{cx:g}" y="{ky + 4:g}" font-size="11" font-weight="bold" text-anchor="middle">'
                f"{KEYS[region]}</text>"
            )
    parts.append(
        f'<text x="{_MID / 2:g}" y="350" font-size="12" text-anchor="middle" fill="#555555">left</text>'
        f'<text x="{_MID * 1.5:g}" y="350" font-size="12" text-anchor="middle" fill="#555555">right</text>'
        f'<text x="{_MID:g}" y="350" font-size="12" text-anchor="middle" fill="#555555">seen from behind</text>'
    )
    parts.append("</g>")
    y = top + 370

    # Legend: one line per region (swatch, key, name, value, basis), then the scale and the fills.
    line = font * 1.7
    names = {region: REGION_NAMES[region] + (" (deep)" if region in DEEP else "") for region in REGIONS}
    numbers = {
        region: shown.get(region, _value_text(value)) if value is not None else "-" for region, value in cleaned.items()
    }
    words = {
        region: "not shown" if value is None else BASIS_WORDS.get(bases[region] or "", "")
        for region, value in cleaned.items()
    }
    name_x = margin + 56
    value_end = name_x + max(_text_width(name, font) for name in names.values()) + 16
    value_end += max(_text_width(number, font) for number in numbers.values())
    word_x = value_end + 16
    legend_width = word_x + max(_text_width(word, font) for word in words.values()) - margin
    for region in REGIONS:
        y += line
        dash = ' stroke-dasharray="4 3"' if region in DEEP else ""
        parts.append(
            f'<g class="legend" data-region="{region}">'
            f'<rect x="{margin:g}" y="{y - 12:g}" width="28" height="16" fill="{fills[region]}" stroke="#333333"{dash}/>'
            f'<text x="{margin + 38:g}" y="{y:g}" font-size="{font:g}" font-weight="bold">{KEYS[region]}</text>'
            f'<text x="{name_x:g}" y="{y:g}" font-size="{font:g}">{_x(names[region])}</text>'
            f'<text x="{value_end:g}" y="{y:g}" font-size="{font:g}" text-anchor="end">{_x(numbers[region])}</text>'
            f'<text x="{word_x:g}" y="{y:g}" font-size="{font:g}">{_x(words[region])}</text></g>'
        )
    keys = ["Seen from behind. Dashed outline = deep muscle: 4 under 3, 5 under 1."]
    if scale:  # the 0-100 shade scale and the basis fills; a map of where regions lie needs neither
        keys.insert(0, "Fill: solid = measured, dotted = close variant, hatched = estimate.")
        y += line
        scale_x = margin
        parts.append(f'<text x="{scale_x:g}" y="{y:g}" font-size="{font - 1:g}" fill="#444444">0</text>')
        for step in range(11):
            parts.append(
                f'<rect x="{scale_x + 14 + step * 16:g}" y="{y - 11:g}" width="16" height="14" fill="{_hex(_rgb(step * 10))}"/>'
            )
        parts.append(
            f'<text x="{scale_x + 14 + 11 * 16 + 6:g}" y="{y:g}" font-size="{font - 1:g}" fill="#444444">100</text>'
        )
    for note in keys:
        y += font * 1.5
        parts.append(f'<text x="{margin:g}" y="{y:g}" font-size="{font - 1:g}" fill="#444444">{_x(note)}</text>')
    y += font

    # Optional table.
    header = [str(cell) for cell in header]
    body = [[str(cell) for cell in row] for row in rows]
    table_width = 0.0
    if header or body:
        columns = max([len(header)] + [len(row) for row in body])
        widths = [0.0] * columns
        for row in [header, *body]:
            for i, cell in enumerate(row):
                widths[i] = max(widths[i], _text_width(cell, font) + 18)
        table_width = sum(widths)
        y += font * 1.5
        if header:
            y += line
            x = margin
            for i, cell in enumerate(header):
                parts.append(f'<text x="{x + 4:g}" y="{y:g}" font-size="{font:g}" font-weight="bold">{_x(cell)}</text>')
                x += widths[i]
            parts.append(
                f'<line x1="{margin:g}" y1="{y + 6:g}" x2="{margin + table_width:g}" y2="{y + 6:g}" stroke="#333333"/>'
            )
            y += 4
        for row in body:
            y += line
            x = margin
            for i, cell in enumerate(row):
                parts.append(f'<text x="{x + 4:g}" y="{y:g}" font-size="{font:g}">{_x(cell)}</text>')
                x += widths[i]
    note_cells = 110
    if notes:
        y += font * 0.8
    for note in notes:
        for text in _svg_wrap(str(note), note_cells):
            y += font * 1.4
            parts.append(f'<text x="{margin:g}" y="{y:g}" font-size="{font - 1:g}" fill="#333333">{_x(text)}</text>')
        y += font * 0.4
    notes_width = _text_width("m" * note_cells, font - 1) if notes else 0.0
    title_width = _text_width(title, font * 1.4) if title else 0.0
    table_width = max(table_width, notes_width)
    total_width = margin * 2 + max(map_width, table_width, title_width, legend_width, 700)
    total_height = y + margin
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_width:.0f}" height="{total_height:.0f}" '
        f'viewBox="0 0 {total_width:.0f} {total_height:.0f}" font-family="sans-serif" role="img">\n'
        f"<title>{_x(title or 'Muscle map')}</title>\n"
        f'<rect width="100%" height="100%" fill="#ffffff"/>\n'
    )
    defs_block = f"<defs>{''.join(defs)}</defs>\n" if defs else ""
    return head + defs_block + "\n".join(parts) + "\n</svg>\n"
