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
    console = Console(
        width=width, record=True, color_system="truecolor" if color else None, force_terminal=color, file=_Sink()
    )
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
    assert "\x1b[" in styled and "48;2;" in styled  # truecolor backgrounds
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
