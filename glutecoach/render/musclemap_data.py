"""The muscle map's drawing data: the five regions, their names, keys, colours and fill patterns, the
terminal drawing's templates (and the grid made from them), and the SVG's shapes.

Shared by the terminal map (render.musclemap) and the SVG (render.musclemap_svg); standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

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
# A map of where the regions lie (not of values) gives each region its own colour and its own fill, so
# the regions differ for every eye and in black and white. Colours: the Okabe-Ito palette, chosen to
# stay apart under the common colour-vision deficiencies; no two neighbours share a lightness.
REGION_COLOURS = {
    "gluteus-maximus-upper": (0x00, 0x72, 0xB2),  # blue
    "gluteus-maximus-lower": (0xE6, 0x9F, 0x00),  # orange
    "gluteus-medius": (0x00, 0x9E, 0x73),  # bluish green
    "gluteus-minimus": (0xCC, 0x79, 0xA7),  # reddish purple
    "piriformis": (0xF0, 0xE4, 0x42),  # yellow
}
REGION_FILLS = {  # region -> (unicode, ascii) fill character, never one of the outline's characters
    "gluteus-maximus-upper": ("╱", "x"),
    "gluteus-maximus-lower": ("█", "#"),
    "gluteus-medius": ("░", "o"),
    "gluteus-minimus": ("·", ","),
    "piriformis": ("≡", "="),
}
KEYS = {region: str(number) for number, region in enumerate(REGIONS, start=1)}

# Templates: the LEFT half of the picture (lateral edge at column 0, the midline after the last
# column); the right half is its mirror image. Codes: U upper and L lower gluteus maximus,
# m gluteus medius, n gluteus minimus, p piriformis, S sacrum, 1-5 a region's key (drawn in that
# region). Every other character is drawn as it is (outline). ':' is the dotted edge of the deep
# minimus; the piriformis band gets a dotted edge where it meets the gluteus maximus.
#
# The anatomy the drawing follows: the upper gluteus maximus arises from the posterior iliac crest
# and the sacrum, so it holds the top inner corner beside the sacrum; its upper border runs from the
# crest down and out to the greater trochanter, and above it the medius is uncovered under the
# crest, lateral to the maximus and never reaching the sacrum. The minimus lies deep to the medius
# (top outer corner). The piriformis lies deep to the upper gluteus maximus, from the side of the
# sacrum down and out to the top of the greater trochanter, with maximus above and below it. The
# split between the upper and lower maximus runs from the coccyx out along the fibres; the lower
# part makes the curve of the buttock down to the gluteal fold.
_WIDE = (
    "          _..---------..         ",
    "     _.-''mmmmmmmm_.-'U`-._______",
    "   .'nnn:mmmm3mm_.-'UUUUU\\SSSSSSS",
    "  /n4nn:mmmm_.-'UUUUUUUUUU\\SSSSSS",
    " /nnnn:m_.-'UUUUUUUUUUUUUUU\\SSSSS",
    "|nnn:_.-'UUUUUUUUUUUUUpppppp\\SSSS",
    "|_.-'UUUUUUUUUpppp5ppppUUUUUU\\SSS",
    "|UUUUUppppppppUUUUUUUUUUUUUUUU\\SS",
    "|pppppUUUUUUUUUUUUUUUUUUUUUUUUU\\S",
    "|UUUUUUUUUUUUUUUUUUUUUUUUUUU_.-'\\",
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
    "  _.-'mmm3m_.-'UU`-___",
    " .'nn:m_.-'UUUUUUU\\SSS",
    "/n4n:_.-'UUUUUUUppp\\SS",
    "|_.-'UUUUUpppp5pppUU\\S",
    "|UUUUUpppppUUUUUUUUUU\\",
    "|ppppUUUUUUUUUUUUU_.-'",
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
    """The colour for a value 0-100 on the pale-to-deep-red scale, in separate steps (0-19, 20-39, ...
    80-100): a blend between two neighbours is hard to tell from either, a step is not."""
    step = min(len(_SCALE) - 1, int(min(100.0, max(0.0, value)) * len(_SCALE) // 100))
    return _SCALE[step]


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
    todo = [(r, c) for r in range(height) for c in (0, width - 1)] + [(r, c) for c in range(width) for r in (0, height - 1)]
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
            0 <= nr < height and 0 <= nc < width and (nr, nc) not in outside and rows[nr][nc] not in "S()" for nr, nc in neighbours(r, c)
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


# --------------------------------------------------------------------------------------------
# SVG

# Shapes of the LEFT side in a 340 x 330 box (lateral edge near x=20, the midline at x=340);
# the right side is the mirror image about x=340. Paths use absolute commands only (M L C Q Z),
# so mirroring is x -> 680 - x.
_MID = 340.0
_SVG_SHAPES: dict[str, str] = {
    # Uncovered gluteus medius: under the iliac crest, lateral to the maximus and above its upper
    # border (from the crest at 230,34 down and out to the greater trochanter at 20,176); it does not
    # reach the sacrum.
    "gluteus-medius": "M 230 34 C 190 22 160 20 130 24 C 78 28 38 56 24 100 L 20 176 C 110 160 190 90 230 34 Z",
    # Upper gluteus maximus: from the posterior iliac crest (230,34 to 290,78) and the side of the
    # sacrum, down to the split along the fibres.
    "gluteus-maximus-upper": "M 290 78 C 296 110 306 150 320 180 L 332 206 C 240 228 120 252 30 268 "
    "C 22 250 18 220 20 176 C 110 160 190 90 230 34 C 255 44 275 58 290 78 Z",
    # Lower gluteus maximus: from the lower sacrum and coccyx to the gluteal fold.
    "gluteus-maximus-lower": "M 332 206 L 338 226 L 338 300 C 300 318 220 326 150 322 C 90 318 50 300 30 268 C 120 252 240 228 332 206 Z",
}
_SVG_DEEP: dict[str, str] = {
    # Gluteus minimus: deep, under the medius, from the outer ilium to the greater trochanter.
    "gluteus-minimus": "M 40 84 C 70 58 110 46 156 42 C 130 80 80 130 24 172 C 24 140 28 104 40 84 Z",
    # Piriformis: deep to the upper gluteus maximus, with maximus above and below it, from the side
    # of the sacrum to the top of the greater trochanter.
    "piriformis": "M 312 150 C 250 160 150 185 36 206 L 38 220 C 150 200 250 178 318 166 Z",
}
_SVG_OUTLINE = (
    # The buttock's outline: crest, side, fold and cleft.
    "M 290 78 C 275 58 255 44 230 34 C 190 22 160 20 130 24 C 78 28 38 56 24 100 L 20 176 C 18 220 22 250 30 268 "
    "C 50 300 90 318 150 322 C 220 326 300 318 338 300 L 338 226"
)
_SVG_SACRUM = "M 282 66 L 398 66 C 392 110 372 170 340 222 C 308 170 288 110 282 66 Z"
_SVG_KEY_AT = {  # where each region's numbered key sits on the left side
    "gluteus-maximus-upper": (240, 120),
    "gluteus-maximus-lower": (230, 290),
    "gluteus-medius": (160, 60),
    "gluteus-minimus": (62, 110),
    "piriformis": (175, 188),
}
