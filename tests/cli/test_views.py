"""Every terminal view a person reads, at 50, 80 and 200 columns, with and without colour: no line wider
than the terminal, every slug whole on a line, the muscle map where it is promised; and the SVG and
HTML files of show, plan and progress parse and carry the map and the table."""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.core.lookup import top_with_basis
from glutecoach.core.models import Catalogue
from glutecoach.core.vocab import BASIS_WORD, REGION_LABEL, REGIONS
from glutecoach.render.musclemap import REGION_NAMES

runner = CliRunner()
WIDTHS = [50, 80, 200]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
SVG = "{http://www.w3.org/2000/svg}"
DAY = "2026-12-01"  # 'today' for the log views
# A small log: glute-bridge contact 2 -> 3 with pain 4 -> 2; hip-thrust with loads; the longest slug.
LOG = [
    ["glute-bridge", "--sets", "3", "--reps", "12", "--contact", "2", "--pain-score", "4", "--date", "2026-11-17"],
    ["glute-bridge", "--sets", "3", "--reps", "12", "--contact", "3", "--pain-score", "2", "--date", "2026-11-24"],
    ["hip-thrust", "--sets", "3", "--reps", "10", "--load", "60", "--contact", "6", "--date", "2026-11-24"],
    ["hip-thrust", "--sets", "3", "--reps", "10", "--load", "62.5", "--contact", "7", "--date", "2026-11-30"],
]


def invoke(args: list[str], width: int = 80, color: bool = False):
    env = {"COLUMNS": str(width), "NO_COLOR": "1" if not color else None, "FORCE_COLOR": "1" if color else None}
    result = runner.invoke(app, args, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 0, result.output
    return result


def plain(text: str) -> str:
    return ANSI.sub("", text)


def longest_slug(cat: Catalogue) -> str:
    return max(cat.exercises, key=len)


def with_log(cat: Catalogue) -> list[str]:
    """Log the sessions above (and one of the exercise with the longest slug); their slugs."""
    rows = [*LOG, [longest_slug(cat), "--sets", "2", "--reps", "15", "--contact", "5", "--pain-score", "0", "--date", "2026-11-30"]]
    for row in rows:
        invoke(["log", "add", *row])
    return sorted({row[0] for row in rows})


def slugs_in(data: object) -> set[str]:
    """Every value under a 'slug' key in a JSON document."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "slug" and isinstance(value, str):
                found.add(value)
            else:
                found |= slugs_in(value)
    elif isinstance(data, list):
        for value in data:
            found |= slugs_in(value)
    return found


def expected_slugs(view: str, cat: Catalogue, logged: list[str]) -> set[str]:
    """The slugs a view shows, worked out from the catalogue, the log or the same command's JSON."""
    if view.startswith("exercises"):
        return set(cat.exercises)
    if view.startswith("show"):
        ex = cat.exercises[view.split()[1]]
        return {ex.slug, *ex.progressions, *ex.regressions} if "--full" in view else {ex.slug}
    if view == "muscles":
        return {ex.slug for r in REGIONS for ex, _ in top_with_basis(cat, r)}
    if view == "muscles piriformis":
        return {ex.slug for ex, _ in top_with_basis(cat, "piriformis")}
    if view == "goals":
        return set(cat.goals)
    if view in ("log list", "progress"):
        return set(logged)
    if view.startswith("plan") or view.startswith("recommend") or view.startswith("alternatives"):
        args = view.split() + (["--date", DAY] if view == "plan next" else [])
        data = json.loads(invoke([*args, "--format", "json"]).stdout)
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if k not in ("excluded", "exercise")}  # shown as counts, not whole
        return slugs_in(data)
    return set()


def check_lines(text: str, width: int, slugs: set[str]) -> None:
    lines = plain(text).splitlines()
    wide = [line for line in lines if cell_len(line) > width]
    assert not wide, f"{len(wide)} lines wider than {width}: {wide[:3]}"
    words = [line.split() for line in lines]
    tokens = {w.strip(".,;:()[]'") for line in words for w in line}
    missing = sorted(s for s in slugs if s not in tokens)
    assert not missing, f"slugs not whole on a line: {missing[:5]}"
    for this, after in itertools.pairwise(words):
        if this and after:
            joined = this[-1] + after[0]
            assert joined.strip(".,;:()") not in slugs, f"slug broken across lines: {this[-1]!r} / {after[0]!r}"


VIEWS = [
    "recommend --goal upper-glutes",
    "recommend --goal glute-size --level advanced --pain sciatica --explain",
    "recommend --goal sprint-jump --equipment none --top 5",
    "alternatives hip-thrust --equipment none",
    "exercises",
    "exercises --muscle gluteus-medius",
    "show hip-thrust",
    "show hip-thrust --full",
    "show LONGEST",
    "show clamshell --full",
    "muscles",
    "muscles piriformis",
    "goals",
    "plan",
    "plan --level intermediate --days-per-week 2",
    "plan next",
    "log list",
    "progress",
    "profile show",
]
LOGGED = {"plan next", "log list", "progress"}


@pytest.mark.parametrize("color", [False, True], ids=["no-colour", "colour"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_fits_the_terminal_and_keeps_slugs_whole(view: str, width: int, color: bool, cat: Catalogue) -> None:
    view = view.replace("LONGEST", longest_slug(cat))
    logged = with_log(cat) if view in LOGGED else []
    args = view.split() + (["--date", DAY] if view in ("plan next", "progress") else [])
    result = invoke(args, width, color)
    assert result.stdout.strip()
    assert ("\x1b[" in result.stdout) == color, "colour exactly when asked for (NO_COLOR honoured)"
    check_lines(result.stdout, width, expected_slugs(view, cat, logged))


def map_shown(text: str, values: dict[str, str] | None = None) -> bool:
    """The map's drawing and its legend: the sacrum, both sides and the five regions, each numbered."""
    lines = plain(text).splitlines()
    legend = {
        r: next((line for line in lines if line.lstrip()[:1] == str(i) and REGION_NAMES[r] in line), "") for i, r in enumerate(REGIONS, 1)
    }
    drawn = any("sacrum" in line for line in lines) and any("left" in line and "right" in line for line in lines)
    return drawn and all(legend.values()) and all(text in legend[r] for r, text in (values or {}).items())


@pytest.mark.parametrize("width", WIDTHS)
def test_every_answer_says_whom_it_is_for(width: int) -> None:
    for args in (["recommend", "--goal", "upper-glutes"], ["alternatives", "hip-thrust"]):
        text = " ".join(plain(invoke(args, width).stdout).split())
        assert "For:" in text and "level" in text and "--level" in text and "equipment" in text, text[:300]
    text = " ".join(plain(invoke(["recommend", "--goal", "upper-glutes"], width).stdout).split())
    assert "Score 0-100" in text and "! = a caution" in text  # the legend of the score and its marker


@pytest.mark.parametrize("width", WIDTHS)
def test_show_draws_the_exercise_map_with_scores_and_basis(width: int, cat: Catalogue) -> None:
    ex = cat.exercises["clamshell"]
    text = invoke(["show", ex.slug], width).stdout
    assert map_shown(text, {r: f"{ex.scores[r]}" for r in REGIONS})
    flat = " ".join(plain(text).split())
    for r in REGIONS:  # one line of evidence per region, with its basis word
        assert f"{REGION_LABEL[r]} {ex.scores[r]}, {BASIS_WORD[ex.basis[r]]}" in flat


def test_show_is_short_by_default_and_full_on_demand_with_each_source_once(cat: Catalogue) -> None:
    ex = cat.exercises["hip-thrust"]
    short, full = invoke(["show", ex.slug]).stdout, invoke(["show", ex.slug, "--full"]).stdout
    assert len(short.splitlines()) < len(full.splitlines())
    flat_short, flat_full = " ".join(short.split()), " ".join(full.split())
    for text in (*ex.cues, *ex.mistakes):
        assert " ".join(text.split()) in flat_short
    for c in ex.contraindications:
        assert c.condition in flat_short
    assert all(" ".join(n.split()) in flat_full for n in ex.notes) and not any(" ".join(n.split()) in flat_short for n in ex.notes)
    used = dict.fromkeys(e.source for e in ex.evidence)
    for key in used:  # every source of the full card listed once, by number
        citation = " ".join(cat.sources[key].citation.split())
        assert flat_full.count(citation) == 1, key
    assert "--full" in flat_short


def test_muscles_maps_the_region_and_lists_measured_scores_before_estimates(cat: Catalogue) -> None:
    text = invoke(["muscles", "piriformis"]).stdout
    assert map_shown(text)
    flat = " ".join(plain(text).split())
    assert "83%" in flat and "Smoll 2010" in flat and "nerve to piriformis" in flat
    top = top_with_basis(cat, "piriformis")
    marks = [("?" if basis == "estimate" else "~" if basis == "emg-proxy" else "") for _, basis in top]
    shown = [f"{ex.scores['piriformis']}{mark} {ex.name}" for (ex, _), mark in zip(top, marks, strict=True)]
    positions = [flat.index(s) for s in shown]
    assert positions == sorted(positions)
    estimates = [i for i, (_, basis) in enumerate(top) if basis == "estimate"]
    measured = [i for i, (_, basis) in enumerate(top) if basis != "estimate"]
    assert not estimates or not measured or max(measured) < min(estimates)


def test_anatomy_page_says_what_issue_13_asks(cat: Catalogue) -> None:
    text = " ".join(" ".join([info.description, *info.functions]) for info in cat.regions.values())
    lower = cat.regions["gluteus-maximus-lower"]
    assert "hardest when rising from deep hip flexion and at lockout" not in text
    assert "iliotibial tract" in lower.description and "deep fibres insert on the femur" in lower.description
    assert "inferior gluteal nerve" in cat.regions["gluteus-maximus-upper"].description
    assert all("superior gluteal nerve" in cat.regions[r].description for r in ("gluteus-medius", "gluteus-minimus"))
    assert "anterior, middle and posterior" in cat.regions["gluteus-medius"].description
    assert "83%" in cat.regions["piriformis"].description and "90%" not in text


def test_exercises_with_a_muscle_explains_the_score_and_its_marks(cat: Catalogue) -> None:
    flat = " ".join(invoke(["exercises", "--muscle", "gluteus-medius"]).stdout.split())
    assert "%MVIC" in flat and "~ a close variant measured" in flat and "? an estimate" in flat
    bare = " ".join(invoke(["exercises"]).stdout.split())
    assert "%MVIC" not in bare and f"{len(cat.exercises)} exercises" in bare


def test_progress_tells_the_truth(cat: Catalogue) -> None:
    with_log(cat)
    text = plain(invoke(["progress", "--date", DAY]).stdout)
    flat = " ".join(text.split())
    assert "Total per session" in flat and "Contact 0-10" in flat and "Pain 0-10" in flat
    assert "2 → 3" in flat and "4 → 2, falling" in flat  # contact, and pain with its trend
    assert "60 → 62.5 kg" in flat and "36 → 36 reps" in flat  # glute bridge: 3 x 12 each time
    assert "A set counts 1 for a region" in flat
    low, high = cat.plans["beginner"].weekly_sets
    assert map_shown(text, {r: f"of {low}-{high} sets" for r in REGIONS})


def year_of_thrusts(weeks: int = 52, start: str = "2025-12-15") -> None:
    """A hip thrust every week, 60 kg rising 2.5 kg a week to a best, then a lighter last week; warm-ups at 100 kg."""
    import datetime as dt

    day = dt.date.fromisoformat(start)
    for week in range(weeks):
        load = 60 + 2.5 * week if week < weeks - 1 else 60
        invoke(
            [
                "log",
                "add",
                "hip-thrust",
                "--set",
                "w:5x100",
                "--set",
                f"8x{load:g}",
                "--set",
                f"8x{load:g}",
                "--date",
                (day + dt.timedelta(weeks=week)).isoformat(),
            ]
        )


def test_progress_charts_a_year_on_a_dated_axis_with_records(cat: Catalogue) -> None:
    year_of_thrusts()
    for width in WIDTHS:
        text = plain(invoke(["progress", "--weeks", "52", "--date", "2026-12-07"], width).stdout)
        lines = text.splitlines()
        chart = lines[next(i for i, line in enumerate(lines) if line.startswith("Barbell hip thrust")) :]
        top = next(line for line in chart if "│" in line)
        assert top.split("│")[0].strip() == "185 kg", "the y axis runs to the best, not to the warm-ups' 100 kg"
        assert any("▲" in line for line in chart[:6]), "new bests are marked"
        rule = next(i for i, line in enumerate(chart) if "└" in line)
        assert chart[rule + 1].split()[:2] == ["Jan", "2026"], "a year is labelled by month, the year at January"
        assert chart[rule].count("┬") == 12, "a tick on the first of each month, January to December"
        flat = " ".join(text.split())
        assert "60 → 60 kg" in flat and "best 185 kg on 2026-11-30" in flat
        assert "50 new bests in the window" in flat
        assert "estimated 1RM" in flat and "an estimate" in flat


def test_progress_says_when_a_week_is_over_or_under_the_target(cat: Catalogue) -> None:
    low, high = cat.plans["beginner"].weekly_sets
    for day in ("2026-11-23", "2026-11-25", "2026-11-27"):  # the week of 23 Nov: 3 x (high // 3 + 2) hip thrust sets
        invoke(["log", "add", "hip-thrust", "--sets", str(high // 3 + 2), "--reps", "10", "--load", "60", "--date", day])
    text = " ".join(plain(invoke(["progress", "--weeks", "4", "--date", "2026-12-02"]).stdout).split())
    over = 3 * (high // 3 + 2) - high
    assert f"week of 2026-11-23: {3 * (high // 3 + 2)}, over by {over}" in text
    assert f"0, under by {low}" in text  # the piriformis got nothing
    assert "▲ over" in text and "▁ under" in text


def test_holds_are_shown_in_seconds(cat: Catalogue) -> None:
    hold = next(ex for ex in cat.exercises.values() if ex.unit == "seconds")
    invoke(["log", "add", hold.slug, "--sets", "2", "--reps", "25", "--date", "2026-11-24"])
    text = " ".join(plain(invoke(["progress", "--date", DAY]).stdout).split())
    assert "50 s" in text and "50 reps" not in text


# --- SVG and HTML files ---------------------------------------------------------------------------

DOCUMENTS = [["show", "hip-thrust"], ["plan"], ["progress", "--date", DAY]]


@pytest.mark.parametrize("args", DOCUMENTS, ids=lambda a: a[0])
def test_svg_parses_with_the_map_and_the_table(args: list[str], cat: Catalogue) -> None:
    with_log(cat)
    root = ET.fromstring(invoke([*args, "--format", "svg"]).stdout.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    drawn = {p.get("data-region") for p in root.iter(f"{SVG}path") if p.get("data-region")}
    assert drawn == set(REGIONS)
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    expected = {"show": "hip-thrust", "plan": "Exercise", "progress": "glute-bridge"}[args[0]]
    assert expected in texts


@pytest.mark.parametrize("args", DOCUMENTS, ids=lambda a: a[0])
def test_html_embeds_the_svg_and_a_table(args: list[str], cat: Catalogue, tmp_path: Path) -> None:
    with_log(cat)
    target = tmp_path / "out.html"
    result = invoke([*args, "--format", "html", "--output", str(target)])
    assert str(target) in result.stdout
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<table>" in page and "</table>" in page and "<script" not in page
    svg = page[page.index("<svg") : page.index("</svg>") + len("</svg>")]
    assert ET.fromstring(svg).tag == f"{SVG}svg"


def test_documents_escape_what_they_show(cat: Catalogue) -> None:
    from glutecoach.render import export

    ex = cat.exercises["hip-thrust"]._replace(name="<b>Thrust</b> & 'co'", cues=("Squeeze <hard> & hold",))
    page = export.exercise(cat, ex, "html")
    assert "<b>Thrust" not in page and "&lt;b&gt;Thrust&lt;/b&gt; &amp; &#39;co&#39;" in page
    assert "&lt;hard&gt;" in page
    assert ET.fromstring(export.exercise(cat, ex, "svg").encode("utf-8")) is not None


def test_output_is_only_for_files() -> None:
    result = runner.invoke(app, ["show", "hip-thrust", "--output", "x.txt"])
    assert result.exit_code == 2 and "--format svg or html" in result.stderr and result.stdout == ""


# --- the hand-laid grid ------------------------------------------------------------------------------


@pytest.mark.parametrize("total", [40, 50, 80, 200])
def test_grid_measures_wide_characters_and_never_cuts_a_word(total: int) -> None:
    from glutecoach.render.grid import Column, grid

    rows = [
        [[("臀部トレーニング ヒップスラスト", ""), ("resisted-hip-abduction-extension", "dim")], "バンド", "beginner"],
        [
            [("Prone hip extension with external rotation", ""), ("prone-hip-extension-external-rotation", "dim")],
            "band, bench",
            "intermediate",
        ],
    ]
    text = grid([Column("Exercise"), Column("Equipment", 14), Column("Level", 12)], rows, total).plain
    lines = text.splitlines()
    assert all(cell_len(line) <= total for line in lines), [line for line in lines if cell_len(line) > total]
    for slug in ("resisted-hip-abduction-extension", "prone-hip-extension-external-rotation"):
        assert any(slug in line.split() for line in lines)


def test_progress_svg_draws_dated_charts_with_a_legend_and_records(cat: Catalogue) -> None:
    year_of_thrusts(12, "2026-09-21")
    root = ET.fromstring(invoke(["progress", "--weeks", "12", "--date", "2026-12-07", "--format", "svg"]).stdout.encode("utf-8"))
    series = [p for p in root.iter(f"{SVG}path") if p.get("class") == "series"]
    assert {p.get("data-series") for p in series} == {"top load (kg, logged)", "estimated 1RM (kg, an estimate)"}
    assert {p.get("stroke-dasharray") for p in series} == {None, "6 4"}, "told apart without colour"
    assert len([p for p in root.iter(f"{SVG}path") if p.get("class") == "record"]) == 10
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]
    assert "21 Sep" in ticks and "30 Nov" in ticks
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "new best in this window" in texts and "hatched: over" in texts and "pale: under" in texts
    bars = [r for r in root.iter(f"{SVG}rect") if (r.get("class") or "").startswith("bar")]
    assert bars and all(r.get("class") in ("bar in", "bar under", "bar over") for r in bars)


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_a_document_is_not_poured_onto_a_terminal(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from glutecoach.cli.documents import check_output
    from glutecoach.errors import UsageError

    class Screen:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Screen())
    with pytest.raises(UsageError) as refused:
        check_output(fmt, None)
    assert str(refused.value).count("\n") == 0 and f"-o FILE.{fmt}" in str(refused.value)
    check_output(fmt, Path(f"out.{fmt}"))  # with -o it is written
    check_output("table", None)


def test_show_opens_on_the_map_and_the_evidence(cat: Catalogue) -> None:
    lines = plain(invoke(["show", "hip-thrust"], 80).stdout).splitlines()
    first_map = next(i for i, line in enumerate(lines) if "sacrum" in line)
    evidence = next(i for i, line in enumerate(lines) if line.startswith("Evidence"))
    cues = next(i for i, line in enumerate(lines) if line.startswith("Cues"))
    assert first_map < 6 and evidence < cues, "map, then evidence, before the rest"


def test_progress_weeks_out_of_range_is_worded_like_plan_weeks() -> None:
    result = runner.invoke(app, ["progress", "--weeks", "200"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--weeks must be between 1 and 104 (got 200)." in " ".join(result.stderr.split())
    assert "<int range>" not in runner.invoke(app, ["progress", "--help"], env={"COLUMNS": "100"}).stdout


def test_show_and_progress_as_markdown(cat: Catalogue) -> None:
    text = invoke(["show", "hip-thrust", "--format", "markdown"]).stdout
    assert text.startswith("# Barbell hip thrust (`hip-thrust`)") and "| 1 | upper gluteus maximus | 70 | measured |" in text
    assert "## Cues" in text and "\x1b[" not in text
    year_of_thrusts(4, "2026-11-09")
    text = invoke(["progress", "--weeks", "4", "--date", "2026-12-06", "--format", "markdown"]).stdout
    assert "## Barbell hip thrust (`hip-thrust`): top load per session" in text
    assert "| 2026-11-16 | 62.5 kg |" in text and text.count("new best") == 2
    low, high = cat.plans["beginner"].weekly_sets
    assert f"## Hard sets per region per week (target {low}-{high})" in text and "(under)" in text
