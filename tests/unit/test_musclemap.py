"""The muscle map: fits the terminal, shows the five regions, shades by value, and writes SVG."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from rich.cells import cell_len
from rich.console import Console

from glutecoach.render.musclemap import BASES, REGIONS, can_draw_blocks, muscle_map, svg

VALUES = {
    "gluteus-maximus-upper": 72,
    "gluteus-maximus-lower": 90,
    "gluteus-medius": 40,
    "gluteus-minimus": 12,
    "piriformis": 55,
}
BASIS = {
    "gluteus-maximus-upper": "emg",
    "gluteus-maximus-lower": "emg-proxy",
    "gluteus-medius": "estimate",
    "gluteus-minimus": "estimate",
    "piriformis": "emg",
}
SHADES = set("░▒▓█")
SVG_NS = "{http://www.w3.org/2000/svg}"


def render(renderable, width: int, color: bool = False) -> str:
    console = Console(width=width, record=True, color_system="truecolor" if color else None, force_terminal=color, file=_Sink())
    console.print(renderable)
    return console.export_text()


class _Sink(io.StringIO):
    """A console file that keeps nothing (the test reads the console's record instead)."""

    def write(self, text: str) -> int:
        return len(text)


def map_part(text: str) -> str:
    """The drawing only: the lines before the legend's first region line."""
    lines = text.splitlines()
    end = next(i for i, line in enumerate(lines) if line.lstrip().startswith("1 "))
    return "\n".join(lines[:end])


@pytest.mark.parametrize("width", [50, 60, 69, 70, 80, 120, 200])
@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("ascii", [False, True])
def test_no_line_is_wider_than_the_terminal(width: int, color: bool, ascii: bool) -> None:
    title = "Hip thrust <barbell> & bench: 臀部トレーニング " * 4  # long, with wide characters
    value_text = {"gluteus-medius": "4.5 of 6-10 fractional sets this week (below the range)"}
    text = render(
        muscle_map(
            VALUES,
            BASIS,
            title=title,
            caption="Scores: expected %MVIC. " * 6,
            color=color,
            width=width,
            ascii=ascii,
            value_text=value_text,
        ),
        width,
        color,
    )
    lines = text.splitlines()
    assert len(lines) > 20
    for line in lines:
        assert cell_len(line) <= width, (width, line)


def test_the_console_width_caps_the_map_too() -> None:
    text = render(muscle_map(VALUES, BASIS, width=200), 55)
    assert max(cell_len(line) for line in text.splitlines()) <= 55


@pytest.mark.parametrize("width", [50, 80, 200])
def test_regions_keys_and_legend_are_present(width: int) -> None:
    text = render(muscle_map(VALUES, BASIS, color=False, width=width), width)
    drawing = map_part(text)
    for key in "12345":
        assert drawing.count(key) == 2, key  # once on each side
    for word in ("sacrum", "left", "right"):
        assert word in drawing
    for name in (
        "1  upper gluteus maximus",
        "2~ lower gluteus maximus",
        "3? gluteus medius",
        "4? gluteus minimus (deep)",
        "5  piriformis (deep)",
    ):
        assert name in text
    for word in ("measured", "close variant", "estimate", "Shade:", "Fill:", "Seen from behind", "deep"):
        assert word in text
    assert "72" in text and "90" in text and "12" in text


def test_narrow_drawing_below_70_columns() -> None:
    wide = map_part(render(muscle_map(VALUES, BASIS, color=False, width=80), 80))
    narrow = map_part(render(muscle_map(VALUES, BASIS, color=False, width=60), 60))
    assert max(map(cell_len, narrow.splitlines())) < max(map(cell_len, wide.splitlines())) <= 70


@pytest.mark.parametrize("region", REGIONS)
def test_higher_value_gets_denser_shading_without_colour(region: str) -> None:
    def shades(value: float) -> set[str]:
        values = {name: None for name in REGIONS} | {region: value}
        return set(map_part(render(muscle_map(values, color=False, width=80), 80))) & SHADES

    low, high = shades(10), shades(90)
    assert low == {"░"} and high == {"█"}
    assert low != high


def test_no_colour_console_gets_shading_even_when_colour_is_asked_for() -> None:
    text = render(muscle_map(VALUES, BASIS, color=True, width=80), 80, color=False)
    assert set(map_part(text)) & SHADES


def test_colour_render_fills_with_colour_not_shading() -> None:
    console = Console(width=80, record=True, color_system="truecolor", force_terminal=True, file=_Sink())
    console.print(muscle_map(VALUES, BASIS, color=True, width=80))
    styled = console.export_text(styles=True, clear=False)
    # Backgrounds in colour: truecolor codes, or 256-colour ones when an earlier test in this process
    # printed the same colours on a 256-colour console (rich caches combined styles with their codes).
    assert "\x1b[" in styled and ("48;2;" in styled or "48;5;" in styled)
    assert not set(map_part(console.export_text())) & SHADES


def test_none_hides_a_region() -> None:
    values = dict(VALUES, piriformis=None, **{"gluteus-medius": None})
    text = render(muscle_map(values, BASIS, color=False, width=80), 80)
    legend = {line[1]: line for line in text.splitlines() if line[:1] == " " and line[1:2] in tuple("12345")}
    assert set(legend) == set("12345")
    assert "not shown" in legend["5"] and "55" not in legend["5"] and "measured" not in legend["5"]
    assert "not shown" in legend["3"] and "40" not in legend["3"]
    assert "72" in legend["1"]
    # Only the regions with a value are shaded: all hidden means no shading at all.
    empty = render(muscle_map({region: None for region in REGIONS}, color=False, width=80), 80)
    assert not set(map_part(empty)) & SHADES
    assert text.count("not shown") == 2


def test_basis_pattern_and_markers() -> None:
    solid = map_part(render(muscle_map(VALUES, {r: "emg" for r in REGIONS}, color=False, width=80), 80))
    assert "╱" not in solid and "·" not in solid and "?" not in solid
    mixed = map_part(render(muscle_map(VALUES, BASIS, color=False, width=80), 80))
    assert "╱" in mixed and "·" in mixed and "3?" in mixed and "2~" in mixed


def test_ascii_fallback_prints_only_ascii() -> None:
    for width in (50, 80):
        for color in (False, True):
            text = render(muscle_map(VALUES, BASIS, color=color, width=width, ascii=True), width, color)
            assert text.isascii()
            assert "sacrum" in text and "piriformis (deep)" in text
    assert can_draw_blocks("utf-8")
    assert not can_draw_blocks("ascii")
    assert not can_draw_blocks(None)


def test_values_are_checked_and_clamped() -> None:
    with pytest.raises(ValueError):
        muscle_map({"gluteus-maximus": 50})
    with pytest.raises(ValueError):
        muscle_map(VALUES, {"piriformis": "guess"})
    text = render(muscle_map({"gluteus-medius": 250, "piriformis": float("nan")}, color=False, width=80), 80)
    assert "100" in text
    assert "nan" not in text.lower()
    assert set(BASES) == {"emg", "emg-proxy", "estimate"}


# SVG ------------------------------------------------------------------------------------------


def test_svg_parses_and_has_both_sides_of_every_region() -> None:
    doc = svg(VALUES, BASIS, title="Hip thrust", header=["Exercise", "Sets"], rows=[["hip-thrust", "3x8-12"]])
    root = ET.fromstring(doc)
    assert root.tag == f"{SVG_NS}svg"
    paths = [p for p in root.iter(f"{SVG_NS}path") if p.get("data-region")]
    for region in REGIONS:
        sides = {p.get("data-side") for p in paths if p.get("data-region") == region}
        assert sides == {"left", "right"}, region
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
    for word in ("upper gluteus maximus", "piriformis (deep)", "sacrum", "measured", "close variant", "hip-thrust"):
        assert word in texts
    # Estimates are hatched with a <pattern>, and the document is self-contained.
    patterns = [p.get("id") for p in root.iter(f"{SVG_NS}pattern")]
    assert "hatch-gluteus-medius" in patterns and "dots-gluteus-maximus-lower" in patterns
    assert "<script" not in doc and "http://" not in doc.replace("http://www.w3.org/2000/svg", "")
    assert "href" not in doc


def test_svg_escapes_user_text() -> None:
    doc = svg(
        VALUES,
        BASIS,
        title="<x & y>",
        header=["A<b>", "&"],
        rows=[["</svg><script>", "a & b"]],
        value_text={"piriformis": "<5 sets>"},
    )
    assert "&lt;x &amp; y&gt;" in doc and "<x & y>" not in doc
    root = ET.fromstring(doc)
    texts = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert "<x & y>" in texts and "</svg><script>" in texts and "<5 sets>" in texts
    assert not list(root.iter(f"{SVG_NS}script"))


def test_svg_none_region_is_blank_and_control_characters_are_dropped() -> None:
    doc = svg({"gluteus-medius": None, "piriformis": 30}, title="bad \x00\x07 title")
    root = ET.fromstring(doc)
    medius = [p for p in root.iter(f"{SVG_NS}path") if p.get("data-region") == "gluteus-medius"]
    assert {p.get("fill") for p in medius} == {"#ffffff"}
    assert "not shown" in doc


# --- a map that teaches: each region its own colour and fill; the anatomy ------------------------

ALL = dict.fromkeys(REGIONS, 100)


def test_a_map_of_regions_tells_each_apart_without_colour() -> None:
    from glutecoach.render.musclemap_data import REGION_FILLS

    for ascii in (False, True):
        drawn = map_part(render(muscle_map(ALL, color=False, width=80, scale=False, regions=True, ascii=ascii), 80))
        fills = {region: chars[ascii] for region, chars in REGION_FILLS.items()}
        assert len(set(fills.values())) == 5
        assert all(fill in drawn for fill in fills.values()), "every region drawn in its own fill"


def test_a_map_of_regions_gives_each_its_own_colour_from_a_colour_blind_safe_palette() -> None:
    from rich.segment import Segment

    from glutecoach.render.musclemap_data import REGION_COLOURS

    okabe_ito = {
        (0xE6, 0x9F, 0x00),
        (0x56, 0xB4, 0xE9),
        (0x00, 0x9E, 0x73),
        (0xF0, 0xE4, 0x42),
        (0x00, 0x72, 0xB2),
        (0xD5, 0x5E, 0x00),
        (0xCC, 0x79, 0xA7),
    }
    assert len(set(REGION_COLOURS.values())) == 5 and set(REGION_COLOURS.values()) <= okabe_ito
    console = Console(width=80, color_system="truecolor", force_terminal=True, file=_Sink())
    segments = list(console.render(muscle_map(ALL, color=True, width=80, scale=False, regions=True)))
    backgrounds = {s.style.bgcolor.triplet for s in segments if isinstance(s, Segment) and s.style and s.style.bgcolor}
    assert {tuple(c) for c in backgrounds if c is not None} >= set(REGION_COLOURS.values())


def test_a_value_map_keeps_one_ramp_in_separate_steps() -> None:
    from glutecoach.render.musclemap_data import _SCALE, _rgb

    assert _rgb(0) == _rgb(19) == _SCALE[0] and _rgb(20) == _SCALE[1] and _rgb(100) == _SCALE[-1]
    assert len({_rgb(v) for v in range(0, 101)}) == len(_SCALE)


def cells(template: tuple[str, ...], code: str) -> set[tuple[int, int]]:
    return {(r, c) for r, row in enumerate(template) for c, ch in enumerate(row) if ch == code}


@pytest.mark.parametrize("kind", ["_WIDE", "_NARROW"])
def test_the_drawing_follows_the_anatomy(kind: str) -> None:
    from glutecoach.render import musclemap_data

    half = getattr(musclemap_data, kind)
    sacrum = cells(half, "S") | {(r, len(row) - 1) for r, row in enumerate(half)}
    medius, upper, piriformis = (
        cells(half, "m") | cells(half, "3"),
        cells(half, "U") | cells(half, "1"),
        cells(half, "p") | cells(half, "5"),
    )
    # The medius stays lateral: a column of upper gluteus maximus lies between it and the sacrum in every row.
    for r, c in medius:
        assert any((r, x) in upper for x in range(c, len(half[r]))), f"row {r}: the medius reaches the sacrum"
    assert all(min(c for rr, c in sacrum if rr == r) - c > 3 for r, c in medius if any(rr == r for rr, _ in sacrum))
    # The upper gluteus maximus holds the top inner corner, beside the sacrum, from the crest down.
    top = min(r for r, _ in upper)
    assert top <= 2 and any((top, c) in upper for c in range(len(half[top]) - 12, len(half[top])))
    # The piriformis lies under the upper maximus: maximus above and below every column of the band.
    for c in {c for _, c in piriformis}:
        rows = [r for r, cc in piriformis if cc == c]
        assert any((r, c) in upper for r in range(min(rows) + 1, len(half))), f"column {c}: no maximus below the band"
        above = next((half[r][c] for r in reversed(range(min(rows))) if half[r][c] in "U1m3n4"), None)
        assert above in (None, "U", "1"), f"column {c}: the band touches the medius or minimus"


def test_the_svg_keeps_the_medius_off_the_sacrum() -> None:
    from glutecoach.render.musclemap_data import _SVG_SACRUM, _SVG_SHAPES

    def xs(path: str) -> list[float]:
        numbers = [float(t) for t in path.split() if not t.isalpha()]
        return numbers[0::2]

    assert max(xs(_SVG_SHAPES["gluteus-medius"])) < min(xs(_SVG_SACRUM)) - 40
    assert max(xs(_SVG_SHAPES["gluteus-maximus-upper"])) > min(xs(_SVG_SACRUM))  # the maximus arises from the sacrum


def test_a_line_of_cells_keeps_each_cells_character_and_style() -> None:
    from rich.style import Style

    from glutecoach.render.terminal import joined

    red, blue = Style(color="red"), Style(color="blue")
    line = joined([("a", red), ("b", red), ("c", ""), ("d", blue), ("e", "dim")])
    assert line.plain == "abcde"
    assert [(s.start, s.end, s.style) for s in line.spans] == [(0, 2, red), (3, 4, blue), (4, 5, "dim")]
    assert joined([]).plain == "" and joined([("x", ""), ("y", "")]).spans == []


def test_each_region_cell_of_a_colour_map_keeps_its_regions_colour() -> None:
    """Cells are appended in runs of one style: the colours a reader sees are those of each cell's region."""
    on = muscle_map(dict.fromkeys(REGIONS, 50), color=True, width=100, regions=True)
    lines = on.lines(100, color=True)
    plain = muscle_map(dict.fromkeys(REGIONS, 50), color=False, width=100, regions=True).lines(100, color=False)
    assert [line.plain for line in lines] != [line.plain for line in plain]  # colour fills with colour, not patterns
    styled = {str(s.style) for line in lines for s in line.spans}
    assert len({s for s in styled if " on " in s}) >= len(REGIONS)  # each region its own background
