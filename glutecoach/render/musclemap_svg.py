"""The muscle map as a self-contained SVG document (no scripts, no external references): the map drawn
as shapes, its legend, an optional table and notes, for printing or sending to a coach."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from glutecoach.render.musclemap_data import (
    _MID,
    _SVG_DEEP,
    _SVG_KEY_AT,
    _SVG_OUTLINE,
    _SVG_SACRUM,
    _SVG_SHAPES,
    BASIS_WORDS,
    DEEP,
    KEYS,
    REGION_NAMES,
    REGIONS,
    _clean_basis,
    _clean_values,
    _hex,
    _ink,
    _rgb,
    _value_text,
)
from glutecoach.render.styled import cell_len

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


_FONT = 13.0
_MARGIN = 20.0
_LINE = _FONT * 1.7  # one legend or table row
_NOTE_CELLS = 110


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
    font = _FONT
    margin = _MARGIN
    cleaned = _clean_values(values)
    bases = _clean_basis(basis)
    shown = {region: str(text) for region, text in (value_text or {}).items()}
    parts: list[str] = []
    defs: list[str] = []
    fills = {region: _fill_for(region, cleaned[region], bases[region], defs) for region in REGIONS}
    y = margin
    if title:
        y += font * 1.6
        parts.append(f'<text x="{margin:g}" y="{y:g}" font-size="{font * 1.4:g}" font-weight="bold">{_x(title)}</text>')
        y += font * 0.6
    top = y + 6
    parts += _map_figure(fills, top)
    y = top + 370
    y, legend_width = _legend(parts, fills, cleaned, bases, shown, y)
    y = _key_lines(parts, y, scale)
    y, table_width = _table(parts, header, rows, y)
    y = _notes(parts, notes, y)
    notes_width = _text_width("m" * _NOTE_CELLS, font - 1) if notes else 0.0
    title_width = _text_width(title, font * 1.4) if title else 0.0
    table_width = max(table_width, notes_width)
    total_width = margin * 2 + max(2 * _MID, table_width, title_width, legend_width, 700)
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


def _fill_for(region: str, value: float | None, kind: str | None, defs: list[str]) -> str:
    """A region's fill: white when not shown, else its shade, as a hatched (estimate) or dotted (close
    variant) pattern added to `defs` when the basis is not a measurement."""
    if value is None:
        return "#ffffff"
    colour = _hex(_rgb(value))
    ink = _hex(_ink(_rgb(value)))
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


def _map_figure(fills: Mapping[str, str], top: float) -> list[str]:
    """The drawing itself, both sides seen from behind, as one group placed at `top`."""
    parts = [f'<g transform="translate({_MARGIN:g} {top:g})" stroke-linejoin="round">']
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
    return parts


def _legend(
    parts: list[str],
    fills: Mapping[str, str],
    cleaned: Mapping[str, float | None],
    bases: Mapping[str, str | None],
    shown: Mapping[str, str],
    y: float,
) -> tuple[float, float]:
    """One legend line per region (swatch, key, name, value, basis) added to `parts`: the new y and the legend's width."""
    font = _FONT
    margin = _MARGIN
    names = {region: REGION_NAMES[region] + (" (deep)" if region in DEEP else "") for region in REGIONS}
    numbers = {region: shown.get(region, _value_text(value)) if value is not None else "-" for region, value in cleaned.items()}
    words = {region: "not shown" if value is None else BASIS_WORDS.get(bases[region] or "", "") for region, value in cleaned.items()}
    name_x = margin + 56
    value_end = name_x + max(_text_width(name, font) for name in names.values()) + 16
    value_end += max(_text_width(number, font) for number in numbers.values())
    word_x = value_end + 16
    legend_width = word_x + max(_text_width(word, font) for word in words.values()) - margin
    for region in REGIONS:
        y += _LINE
        dash = ' stroke-dasharray="4 3"' if region in DEEP else ""
        parts.append(
            f'<g class="legend" data-region="{region}">'
            f'<rect x="{margin:g}" y="{y - 12:g}" width="28" height="16" fill="{fills[region]}" stroke="#333333"{dash}/>'
            f'<text x="{margin + 38:g}" y="{y:g}" font-size="{font:g}" font-weight="bold">{KEYS[region]}</text>'
            f'<text x="{name_x:g}" y="{y:g}" font-size="{font:g}">{_x(names[region])}</text>'
            f'<text x="{value_end:g}" y="{y:g}" font-size="{font:g}" text-anchor="end">{_x(numbers[region])}</text>'
            f'<text x="{word_x:g}" y="{y:g}" font-size="{font:g}">{_x(words[region])}</text></g>'
        )
    return y, legend_width


def _key_lines(parts: list[str], y: float, scale: bool) -> float:
    """Under the legend: the 0-100 shade scale (when `scale`) and the lines that explain fills and outlines; the new y."""
    font = _FONT
    margin = _MARGIN
    keys = ["Seen from behind. Dashed outline = deep muscle: 4 under 3, 5 under 1."]
    if scale:  # the 0-100 shade scale and the basis fills; a map of where regions lie needs neither
        keys.insert(0, "Fill: solid = measured, dotted = close variant, hatched = estimate.")
        y += _LINE
        scale_x = margin
        parts.append(f'<text x="{scale_x:g}" y="{y:g}" font-size="{font - 1:g}" fill="#444444">0</text>')
        for step in range(11):
            parts.append(f'<rect x="{scale_x + 14 + step * 16:g}" y="{y - 11:g}" width="16" height="14" fill="{_hex(_rgb(step * 10))}"/>')
        parts.append(f'<text x="{scale_x + 14 + 11 * 16 + 6:g}" y="{y:g}" font-size="{font - 1:g}" fill="#444444">100</text>')
    for note in keys:
        y += font * 1.5
        parts.append(f'<text x="{margin:g}" y="{y:g}" font-size="{font - 1:g}" fill="#444444">{_x(note)}</text>')
    return y + font


def _table(parts: list[str], header: Sequence[str], rows: Sequence[Sequence[str]], y: float) -> tuple[float, float]:
    """The optional table added to `parts`: the new y and the table's width (0 with no table)."""
    font = _FONT
    margin = _MARGIN
    head = [str(cell) for cell in header]
    body = [[str(cell) for cell in row] for row in rows]
    if not (head or body):
        return y, 0.0
    columns = max([len(head)] + [len(row) for row in body])
    widths = [0.0] * columns
    for row in [head, *body]:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], _text_width(cell, font) + 18)
    table_width = sum(widths)
    y += font * 1.5
    if head:
        y += _LINE
        x = margin
        for i, cell in enumerate(head):
            parts.append(f'<text x="{x + 4:g}" y="{y:g}" font-size="{font:g}" font-weight="bold">{_x(cell)}</text>')
            x += widths[i]
        parts.append(f'<line x1="{margin:g}" y1="{y + 6:g}" x2="{margin + table_width:g}" y2="{y + 6:g}" stroke="#333333"/>')
        y += 4
    for row in body:
        y += _LINE
        x = margin
        for i, cell in enumerate(row):
            parts.append(f'<text x="{x + 4:g}" y="{y:g}" font-size="{font:g}">{_x(cell)}</text>')
            x += widths[i]
    return y, table_width


def _notes(parts: list[str], notes: Sequence[str], y: float) -> float:
    """Each note a paragraph wrapped between words, added to `parts`; the new y."""
    font = _FONT
    if notes:
        y += font * 0.8
    for note in notes:
        for text in _svg_wrap(str(note), _NOTE_CELLS):
            y += font * 1.4
            parts.append(f'<text x="{_MARGIN:g}" y="{y:g}" font-size="{font - 1:g}" fill="#333333">{_x(text)}</text>')
        y += font * 0.4
    return y
