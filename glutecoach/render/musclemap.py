"""The muscle map: the gluteal region seen from behind, shaded by a 0-100 value per region.

Two views of the same picture:

* :func:`muscle_map` returns a rich renderable for the terminal. With colour each region is
  filled on a pale-to-deep-red scale in five separate steps; a map of where the regions lie
  (``regions=True``) gives each region its own colour and fill character instead. Without colour (``NO_COLOR``) the fill is a shading
  character (light ``░`` to solid ``█``), so the map reads in black and white. The basis of each
  value is the fill pattern: solid when measured, dotted (``·``) for a close variant, hatched
  (``╱``) for an estimate, with a marker after the region's key (``~`` close variant, ``?``
  estimate). ``ascii=True`` draws the same map with ASCII characters only.
* :func:`svg` returns a self-contained SVG document (no scripts, no external references) with the
  map drawn as shapes, the legend and an optional table, for printing or sending to a coach.

The drawing (render.musclemap_data, both sides, the sacrum between) shows the three superficial
regions filled and the two deep ones with a dotted edge: the gluteus minimus along the top-lateral
edge under the medius, and the piriformis from the side of the sacrum to the top of the thigh bone
(greater trochanter), under the upper gluteus maximus. The SVG is in render.musclemap_svg.

Only the standard library is imported to draw without colour; rich, to paint with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from glutecoach.render.musclemap_data import (
    _DEEP_EDGE,
    _MARKERS,
    _NARROW_BELOW,
    _PATTERN,
    _SHADES,
    BASES,
    BASIS_WORDS,
    DEEP,
    KEYS,
    REGION_COLOURS,
    REGION_FILLS,
    REGION_NAMES,
    REGIONS,
    _clean_basis,
    _clean_values,
    _Drawing,
    _drawing_for,
    _hex,
    _ink,
    _is_light,
    _rgb,
    _shade,
    _value_text,
    can_draw_blocks,
)
from glutecoach.render.styled import Text, cell_len
from glutecoach.render.terminal import joined

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.style import Style

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


def _style(**attributes: Any) -> Style:
    """A rich Style, made only when the map is painted in colour."""
    from rich.style import Style

    return Style(**attributes)


@lru_cache(maxsize=256)
def _fill_style(value: float) -> Style:
    """The style of a region's cells: the value's colour behind, a pattern colour in front."""
    rgb = _rgb(value)
    return _style(bgcolor=_hex(rgb), color=_hex(_ink(rgb)))


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
        regions: bool = False,
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
        self.regions = bool(regions)  # each region in its own colour and fill, values only say shown or not

    # rich protocol -------------------------------------------------------------------------

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, min(self.width, options.max_width))
        color = self.color and console.color_system is not None and not console.no_color
        yield from (line.to_rich() for line in self.lines(width, color=color))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        width = max(1, min(self.width, options.max_width))
        widest = max((line.cell_len for line in self.lines(width, color=False)), default=1)
        return Measurement(widest, widest)

    def text(self, max_width: int) -> Text:
        """The whole map as one text, its lines at most ``max_width`` cells (the console's width): what
        the rich protocol above yields, for a print that writes it as it reads."""
        lines = self.lines(max(1, min(self.width, max_width)), color=self.color)
        return Text("\n").join(lines).append("\n") if lines else Text()

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
            cells: list[tuple[str, Style | str]] = []
            c = 0
            while c < len(row):
                ch, region = row[c], drawing.regions[r][c]
                c += 1
                if region is None:
                    if ch in " S":
                        cells.append((" ", ""))
                    else:
                        style = self._line_style(drawing, r, c - 1) if color else ""
                        cells.append((minimus_edge if ch == ":" else ch, style))
                elif ch.isdigit():
                    # The region's key, then its basis marker in the next cell of the same region.
                    value = self.values[region]
                    style = (
                        (_region_style(region) + _style(bold=True) if self.regions and value is not None else _key_style(value))
                        if color
                        else ""
                    )
                    cells.append((ch, style))
                    marker = _MARKERS.get(self.basis[region] or "", "") if value is not None else ""
                    if marker and c < len(row) and drawing.regions[r][c] == region and not row[c].isdigit():
                        cells.append((marker, style))
                        c += 1
                else:
                    side = drawing.band_edges.get((r, c - 1))
                    cells.append(self._cell(region, r, c - 1, color, band_edge[side - 1] if side else None))
            lines.append(joined(cells))

        word = "sacrum"
        lines[drawing.sacrum_row] = _overlay(lines[drawing.sacrum_row], (drawing.width - len(word)) // 2, Text(word, style=quiet))
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
        if self.regions:
            fill = REGION_FILLS[region][self.ascii]
            if color:
                return (edge or (" " if fill == "█" else fill), _region_style(region))
            return (edge or fill, "")
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
        if value is not None and region and self.regions:
            return _region_style(region)
        return "dim" if value is None else _fill_style(value)

    def _legend(self, width: int, color: bool) -> list[Text]:
        names = {region: REGION_NAMES[region] + (" (deep)" if region in DEEP else "") for region in REGIONS}
        shown = {
            region: self.value_text.get(region, _value_text(value)) if value is not None else "-" for region, value in self.values.items()
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
        if self.regions:
            fill = REGION_FILLS[region][self.ascii]
            return Text((" " if fill == "█" and color else fill) * 3, style=_region_style(region) if color else "")
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
                bar.append(" ", style=_style(bgcolor=_hex(_rgb(step))))
            bar.append(" 100", style=style)
            shade = [Text("Shade:", style=style), bar]
        else:
            shade = [Text("Shade:", style=style)] + [
                Text(f"{ch} {i * 25}-{100 if i == 3 else i * 25 + 24}", style=style) for i, ch in enumerate(_SHADES[ascii])
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


@lru_cache(maxsize=8)
def _region_style(region: str) -> Style:
    """A region's own colour behind, its fill character in a darker or lighter ink in front."""
    rgb = REGION_COLOURS[region]
    return _style(bgcolor=_hex(rgb), color=_hex(_ink(rgb)))


def _key_style(value: float | None) -> Style:
    if value is None:
        return _style(dim=True, bold=True)
    rgb = _rgb(value)
    return _style(bold=True, bgcolor=_hex(rgb), color="#000000" if _is_light(rgb) else "#ffffff")


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
    for part in line.wrap(width):
        part.rstrip()
        out.append(_crop(part, width))
    return out


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
    regions: bool = False,
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
    out the shade and fill key, for a map that only shows where regions lie; ``regions=True`` then
    fills each shown region with its own colour (Okabe-Ito) and its own fill character instead of a
    value's shade, so the regions can be told apart with colour, without it, and by colour-blind eyes.
    """
    return MuscleMap(
        values,
        basis,
        title=title,
        caption=caption,
        color=color,
        width=width,
        ascii=ascii,
        value_text=value_text,
        scale=scale,
        regions=regions,
    )


def svg(values: Mapping[str, float | None], basis: Mapping[str, str] | None = None, **options: Any) -> str:
    """The map as an SVG document (render.musclemap_svg.svg, imported only when a document is made)."""
    from glutecoach.render.musclemap_svg import svg as draw

    return draw(values, basis, **options)
