"""Boundaries a user would notice, asked through the commands: each test here fails when one threshold,
comparison or filter in the core is moved (the mutation round of the turn-3 code review), so a green run
means the filter, the window or the dose still holds where the user sees it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.core.vocab import LEVELS

runner = CliRunner()
DRILL_PATTERNS = {"kickback", "abduction", "rotation", "stability", "bridge-thrust"}


def as_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def catalogue() -> dict[str, dict[str, Any]]:
    return {e["slug"]: e for e in as_json("exercises")["exercises"]}


def by_slug(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["slug"]: e for e in items}


def rules_of(item: dict[str, Any]) -> dict[str, float]:
    return {r["rule"]: r["points"] for r in item["reasons"]}


# --- exercises --level --------------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_exercises_at_a_level_keep_that_level_and_those_below(level: str) -> None:
    every = catalogue()
    rank = {lv: i for i, lv in enumerate(LEVELS)}
    listed = as_json("exercises", "--level", level)["exercises"]
    assert any(e["level"] == level for e in listed), f"--level {level} lists no {level} exercise"
    assert {e["slug"] for e in listed} == {s for s, e in every.items() if rank[e["level"]] <= rank[level]}


def test_a_beginner_sees_every_beginner_exercise_and_nothing_harder() -> None:
    listed = as_json("exercises", "--level", "beginner")["exercises"]
    assert len(listed) > 0 and {e["level"] for e in listed} == {"beginner"}


# --- alternatives ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise", ["hip-thrust", "glute-bridge", "clamshell", "back-squat", "side-lying-hip-abduction"])
def test_an_exercise_is_never_its_own_alternative(exercise: str) -> None:
    listed = [a["slug"] for a in as_json("alternatives", exercise, "--top", "100", "--level", "advanced")["alternatives"]]
    assert listed and exercise not in listed
    top3 = [a["slug"] for a in as_json("alternatives", exercise, "--top", "3")["alternatives"]]
    assert exercise not in top3


def test_the_same_stance_bonus_goes_to_the_same_stance_only() -> None:
    every = catalogue()
    alts = as_json("alternatives", "hip-thrust", "--top", "100", "--level", "advanced")["alternatives"]
    stance = every["hip-thrust"]["stance"]
    same = [a for a in alts if every[a["slug"]]["stance"] == stance]
    other = [a for a in alts if every[a["slug"]]["stance"] != stance]
    assert same and other
    assert all(rules_of(a).get("same-stance", 0) > 0 for a in same)
    assert all("same-stance" not in rules_of(a) for a in other)


# --- recommend: rules at their thresholds -------------------------------------------------------------


def test_lengthened_loading_needs_real_effort_not_only_a_deep_position() -> None:
    """Box squats and body-weight squats reach deep hip flexion with little effort (2/5): no lengthened-loading points."""
    every = catalogue()
    recs = by_slug(as_json("recommend", "--goal", "glute-size", "--level", "advanced", "--top", "100")["recommendations"])
    easy = [s for s in ("box-squat", "bodyweight-squat", "bodyweight-single-leg-rdl") if s in recs]
    assert easy, "the easy deep squats should be in the list"
    for slug in easy:
        assert every[slug]["hip_flexion"] == "deep" and every[slug]["effort"] < 3
        assert "lengthened-loading" not in rules_of(recs[slug]), slug
    hard = [
        s
        for s, r in recs.items()
        if every[s]["hip_flexion"] == "deep" and every[s]["effort"] >= 3 and every[s]["pattern"] in ("squat", "lunge")
    ]
    assert hard and all("lengthened-loading" in rules_of(recs[s]) for s in hard)


def test_a_close_variant_earns_half_the_evidence_point_and_an_estimate_none() -> None:
    recs = as_json("recommend", "--goal", "upper-glutes", "--top", "100")["recommendations"]
    points: dict[str, set[float]] = {}
    for r in recs:
        points.setdefault(r["regions"]["gluteus-maximus-upper"]["basis"], set()).add(rules_of(r)["evidence"])
    (measured,), (close,), (estimate,) = points["emg"], points["emg-proxy"], points["estimate"]
    assert measured > 0 and estimate == 0
    assert close == pytest.approx(measured / 2, abs=0.051)


def test_every_load_potential_2_drill_is_dosed_as_a_drill_in_high_reps() -> None:
    """The 14 light bridges and isolation drills counted in reps get 12-20 reps or more and short rest, at
    every level and for a goal whose own dose is lower."""
    every = catalogue()
    drills = {s for s, e in every.items() if e["load_potential"] == 2 and e["pattern"] in DRILL_PATTERNS and e["unit"] == "reps"}
    assert len(drills) >= 8  # body-weight drills sit at load potential 1 on the rubric (issue 23); the band drills remain
    seen: set[str] = set()
    for level in LEVELS:  # at advanced the 100 listed are not the whole catalogue, so each drill is asked where it is listed
        recs = by_slug(
            as_json("recommend", "--goal", "glute-size", "--level", level, "--top", "100", "--equipment", "all")["recommendations"]
        )
        for slug in drills & set(recs):
            seen.add(slug)
            low, high = recs[slug]["reps"]
            assert low >= 12 and high >= 20, (level, slug, recs[slug]["reps"])
            assert 45 <= recs[slug]["rest_s"] <= 90, (level, slug)
    assert seen == drills


def _pain_reasons(days_ago: int) -> dict[str, float]:
    day = (dt.date.today() - dt.timedelta(days=days_ago)).isoformat()
    assert (
        runner.invoke(app, ["log", "add", "hip-thrust", "--sets", "3", "--reps", "10", "--pain-score", "4", "--date", day]).exit_code == 0
    )
    recs = by_slug(as_json("recommend", "--goal", "glute-size", "--level", "intermediate", "--top", "100")["recommendations"])
    return rules_of(recs["hip-thrust"])


@pytest.mark.parametrize("days_ago", [0, 14])
def test_pain_lowers_an_exercise_in_recommend_up_to_the_last_day_of_its_window(days_ago: int) -> None:
    assert _pain_reasons(days_ago).get("recent-pain", 0) < 0


def test_pain_older_than_the_window_no_longer_lowers_it() -> None:
    assert "recent-pain" not in _pain_reasons(15)


# --- progress leaves warm-ups out -------------------------------------------------------------------------


def test_progress_leaves_warm_ups_out_of_reps_and_weekly_sets() -> None:
    """Warm-ups count toward nothing; a drop set counts like a working set."""
    day = dt.date.today().isoformat()
    add = [
        "log",
        "add",
        "hip-thrust",
        "--set",
        "w:10x20",
        "--set",
        "w:8x100",
        "--set",
        "10x60",
        "--set",
        "10x60",
        "--set",
        "d:12x40",
        "--date",
        day,
    ]
    assert runner.invoke(app, add).exit_code == 0
    assert runner.invoke(app, ["log", "add", "clamshell", "--set", "w:15", "--date", day]).exit_code == 0  # warm-ups only
    data = as_json("progress", "--weeks", "1")
    (thrust,) = [t for t in data["exercises"] if t["slug"] == "hip-thrust"]
    assert thrust["reps_trend"] == [32] and thrust["load_trend"] == [60.0]
    this_week = data["weeks"][-1]["region_sets"]
    assert this_week["gluteus-maximus-lower"] == pytest.approx(3.0)
    assert all(t["slug"] != "clamshell" or t["sessions"] == 0 for t in data["exercises"])


# --- log add refuses the future -----------------------------------------------------------------------------


def test_log_add_accepts_tomorrow_and_refuses_the_day_after() -> None:
    today = dt.date.today()
    tomorrow, after = today + dt.timedelta(days=1), today + dt.timedelta(days=2)
    assert runner.invoke(app, ["log", "add", "hip-thrust", "--sets", "3", "--reps", "10", "--date", tomorrow.isoformat()]).exit_code == 0
    result = runner.invoke(app, ["log", "add", "hip-thrust", "--sets", "3", "--reps", "10", "--date", after.isoformat()])
    assert result.exit_code == 2 and "is outside the days glutecoach accepts" in result.stderr
    assert [e["date"] for e in as_json("log", "list")["entries"]] == [tomorrow.isoformat()]


# --- log import: the user's --map wins ---------------------------------------------------------------------------

STRONG = """Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
2026-03-01 10:00:00,Glutes A,1h,Glute Bridge,1,20,12,0,0,,,
2026-03-01 10:00:00,Glutes A,1h,Clamshell,1,0,15,0,0,,,
2026-03-01 10:00:00,Glutes A,1h,Hip Thruster,1,60,10,0,0,,,
"""


def test_a_users_map_wins_over_the_catalogues_own_names(tmp_path: Path) -> None:
    """'Glute Bridge' and 'Clamshell' are catalogue names; the user's file says what they mean in this log."""
    export, mapping = tmp_path / "strong.csv", tmp_path / "names.json"
    export.write_text(STRONG)
    mapping.write_text(json.dumps({"Glute Bridge": "barbell-glute-bridge", "Clamshell": None}))
    result = runner.invoke(app, ["log", "import", str(export), "--map", str(mapping)])
    assert result.exit_code == 0, result.output
    slugs = sorted(e["slug"] for e in as_json("log", "list")["entries"])
    assert slugs == ["barbell-glute-bridge", "hip-thrust"]


def test_exercises_by_movement_lists_that_movement_only() -> None:
    every = catalogue()
    for movement in ("hip-abduction", "hip-extension"):
        listed = as_json("exercises", "--movement", movement)["exercises"]
        assert {e["slug"] for e in listed} == {s for s, e in every.items() if e["movement"] == movement} != set()


def test_only_light_drills_get_the_drill_dose_and_only_heavy_lifts_the_long_rest() -> None:
    """For strength (a goal of low reps): a loaded isolation (a machine or cable, load potential 3+) is worked in
    moderate reps, a body-weight squat, lunge or hinge in reps set by how hard it is; neither as a 12-20 drill.
    Compounds with little room for load rest at most 2 minutes; heavy loaded ones at least 2."""
    every = catalogue()
    recs = [
        *as_json("recommend", "--goal", "strength", "--level", "advanced", "--top", "100")["recommendations"],
        *as_json("recommend", "--goal", "strength", "--level", "advanced", "--equipment", "none", "--top", "100")["recommendations"],
    ]
    reps_unit = [(r, every[r["slug"]]) for r in recs if every[r["slug"]]["unit"] == "reps"]
    loaded_isolation = [r for r, e in reps_unit if e["pattern"] in DRILL_PATTERNS - {"bridge-thrust"} and e["load_potential"] >= 3]
    light_compound = [r for r, e in reps_unit if e["pattern"] in ("squat", "lunge", "hinge") and e["load_potential"] <= 2]
    heavy_compound = [
        r
        for r, e in reps_unit
        if e["pattern"] in ("squat", "lunge", "hinge", "bridge-thrust") and e["load_potential"] >= 4 and e["equipment"]
    ]
    assert light_compound and heavy_compound  # a strength list holds no abduction (issue 23): loaded isolations may be absent
    for r in loaded_isolation + light_compound:
        assert r["reps"][0] < 12, (r["slug"], r["reps"])
    for r in light_compound:
        assert 90 < r["rest_s"] <= 120, (r["slug"], r["rest_s"])
    for r in heavy_compound:
        assert r["rest_s"] >= 120, (r["slug"], r["rest_s"])


@pytest.mark.parametrize(
    "args,first_words",
    [
        (["recommend", "--goal", "uper-glutes"], "Error: Unknown goal 'uper-glutes' for --goal."),
        (["recommend", "--goal", "glute-size", "--pain", "sciatic,knee-pain"], "Error: Unknown condition 'sciatic' for --condition."),
        (["exercises", "--equipment", "band,barbel"], "Error: Unknown equipment 'barbel' for --equipment."),
    ],
)
def test_an_unknown_name_says_what_kind_of_thing_it_is_not(args: list[str], first_words: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and result.stderr.startswith(first_words), result.stderr


def test_muscles_lists_each_regions_top_exercises_grouped_by_basis_and_by_score_within_it() -> None:
    """Each basis present shows its best; the other places go to the highest scores whatever their basis;
    the list is grouped measured, close variant, estimate, by score within each group (issue 23)."""
    every = catalogue()
    order = {"emg": 0, "emg-proxy": 1, "estimate": 2}
    for region in as_json("muscles")["regions"]:
        name = region["name"]
        top = [every[s] for s in region["top_exercises"]]
        keys = [(order[e["region_basis"][name]], -e["regions"][name]) for e in top]
        assert keys == sorted(keys), name
        for basis in {e["region_basis"][name] for e in every.values()}:
            best = max((e for e in every.values() if e["region_basis"][name] == basis), key=lambda e: (e["regions"][name], e["slug"]))
            assert any(e["region_basis"][name] == basis and e["regions"][name] == best["regions"][name] for e in top), (name, basis)


def test_sprints_and_sleds_get_more_sets_and_longer_rest_than_carries() -> None:
    """Over metres, explosive work (sprints, sled pushes) is dosed as power: more, shorter efforts with full rest;
    carries as steady work with short rest."""
    every = catalogue()
    recs = [
        r
        for r in as_json("recommend", "--goal", "sprint-jump", "--level", "advanced", "--top", "100")["recommendations"]
        if r["unit"] == "metres"
    ]
    power = [r for r in recs if every[r["slug"]]["pattern"] == "power"]
    carries = [r for r in recs if every[r["slug"]]["pattern"] != "power"]
    assert power and carries
    assert min(r["sets"] for r in power) > max(r["sets"] for r in carries)
    assert min(r["rest_s"] for r in power) > max(r["rest_s"] for r in carries)


@pytest.mark.parametrize("written,days_ago", [("today", 0), ("Yesterday", 1), (" -3d ", 3), ("-0d", 0)])
def test_log_add_reads_days_as_people_write_them(written: str, days_ago: int) -> None:
    result = runner.invoke(app, ["log", "add", "hip-thrust", "--sets", "3", "--reps", "10", "--date", written])
    assert result.exit_code == 0, result.output
    (entry,) = as_json("log", "list")["entries"]
    assert entry["date"] == (dt.date.today() - dt.timedelta(days=days_ago)).isoformat()
