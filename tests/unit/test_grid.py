"""The list's promises over the whole grid, as a coach checks them: every goal x level x equipment set
x condition (with a hip replacement cleared and not), at the default length and at --top 3, 5, 8, 12.

Pure core calls on the CLI's path (cached goal points), so the grid stays fast; test_engine.py checks
that this path equals scoring everything.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator

import pytest

from glutecoach.core import engine
from glutecoach.core.dose import is_body_weight_strength, is_hand_held
from glutecoach.core.models import Catalogue, Profile
from glutecoach.core.record import NamedTuple
from glutecoach.core.rules import regions_by_weight
from glutecoach.core.vocab import CONDITIONS, LEVELS, PATTERN_CAP

EQUIPMENT_SETS = [None, frozenset(), frozenset({"band"}), frozenset({"dumbbell", "bench"}), frozenset({"barbell", "bench"})]
TOPS = (3, 5, 8, 12)
DEFAULT_TOP = 8
HIP_REPLACEMENTS = ("hip-replacement", "hip-replacement-anterior", "hip-replacement-posterior")


class Case(NamedTuple):
    goal: str
    profile: Profile
    lists: dict[int, engine.Ranking]  # by --top


def profiles() -> Iterator[Profile]:
    for level, kit, pain in itertools.product(LEVELS, EQUIPMENT_SETS, (None, *CONDITIONS)):
        yield Profile(level=level, equipment=kit, pains=(pain,) if pain else ())
        if pain in HIP_REPLACEMENTS:
            yield Profile(level=level, equipment=kit, pains=(pain,), cleared=True)


@pytest.fixture(scope="module")
def grid(cat: Catalogue) -> list[Case]:
    out = []
    for goal in cat.goals.values():
        known = engine.goal_points(cat, goal)
        for profile in profiles():
            out.append(Case(goal.name, profile, {top: engine.rank(cat, goal, profile, top, known=known) for top in TOPS}))
    return out


def first_five(case: Case, top: int) -> list[engine.Scored]:
    return list(case.lists[top].items[:5])


def test_every_first_five_obeys_the_top_5_rules_at_any_length(grid: list[Case], cat: Catalogue) -> None:
    for case in grid:
        goal = cat.goals[case.goal]
        five = [s.exercise.slug for s in first_five(case, 5)]
        for top in TOPS:
            items = first_five(case, top)
            where = (case.goal, case.profile, top, [s.exercise.slug for s in items])
            patterns = Counter(s.exercise.pattern for s in items)
            for pattern, n in patterns.items():
                assert n <= goal.pattern_cap.get(pattern, PATTERN_CAP), where
            movements = [engine.movement_of(s.exercise.family) for s in items]
            assert len(movements) == len(set(movements)), where
            if top >= 5:
                assert [s.exercise.slug for s in items] == five, ("places 1-5 differ from --top 5", *where)


def test_the_first_five_covers_what_the_goal_needs(grid: list[Case], cat: Catalogue) -> None:
    for case in grid:
        goal = cat.goals[case.goal]
        if case.profile.pains:
            continue  # a condition may leave a need without an uncautioned exercise: test_engine checks coverage there
        ranking = case.lists[DEFAULT_TOP]
        allowed = [ex for ex in cat.exercises.values() if engine.exclusion(ex, goal, case.profile) is None]
        patterns = {s.exercise.pattern for s in ranking.items[:5]}
        for need in goal.needs:
            if len(ranking.items) >= 5 and any(ex.pattern in need for ex in allowed):
                assert patterns & set(need), (case.goal, case.profile, need, patterns)


def test_a_conditions_favour_lifts_at_most_two_and_never_leads_a_strength_size_or_power_list(grid: list[Case], cat: Catalogue) -> None:
    seen = 0
    for case in grid:
        goal = cat.goals[case.goal]
        for top in TOPS:
            items = first_five(case, top)
            favoured = [s for s in items if engine.favoured(s)]
            seen += len(favoured)
            assert len(favoured) <= 2, (case.goal, case.profile, top)  # the bound: at most two in a top 5
            if goal.adaptation in ("strength", "hypertrophy", "power") and items:
                assert not engine.favoured(items[0]), (case.goal, case.profile, top, items[0].exercise.slug)
    assert seen, "no favoured exercise in the grid: the bound is untested"


def test_deep_muscle_lists_are_led_by_evidence(grid: list[Case], cat: Catalogue) -> None:
    checked = 0
    for case in grid:
        goal = cat.goals[case.goal]
        main = regions_by_weight(goal)[0]
        if main not in ("gluteus-medius", "gluteus-minimus", "piriformis") or goal.regions[main] < 0.5 or case.profile.pains:
            continue
        allowed = [
            ex for ex in cat.exercises.values() if engine.exclusion(ex, goal, case.profile) is None and goal.pattern_cap.get(ex.pattern, 1)
        ]
        best = max((ex.scores[main] for ex in allowed if ex.basis[main] != "estimate"), default=0)
        for top in TOPS:
            lead = case.lists[top].items[0].exercise
            assert lead.basis[main] != "estimate" or lead.scores[main] >= best - 5, (case.goal, case.profile, top, lead.slug, best)
            checked += 1
    assert checked


def test_every_score_stays_the_sum_of_its_reasons_and_the_list_reads_best_first(grid: list[Case]) -> None:
    for case in grid:
        for top in TOPS:
            items = case.lists[top].items
            for s in items:
                assert s.score == pytest.approx(sum(r.points for r in s.reasons), abs=0.051)
            scores = [s.score for s in items]
            assert scores == sorted(scores, reverse=True), (case.goal, case.profile, top, scores)


def test_a_hip_replacement_leaves_out_what_needs_clearance_until_the_surgeon_gives_it(grid: list[Case]) -> None:
    checked = {True: 0, False: 0}
    for case in grid:
        declared = set(case.profile.pains) & set(HIP_REPLACEMENTS)
        if not declared:
            continue
        front = declared != {"hip-replacement-posterior"}
        ranking = case.lists[12]
        if case.profile.cleared:
            assert not [e for e in ranking.excluded if e.kind.startswith("avoid:hip-replacement")], (case.goal, case.profile)
            assert any("cleared you for full training" in n for n in ranking.notes), (case.goal, case.profile)
        else:
            for top in TOPS:
                for s in case.lists[top].items:
                    loads = set(s.exercise.loads)
                    assert not loads & {"deep-single-leg-squat", "heavy-squat"}, (case.goal, case.profile, s.exercise.slug)
                    assert not (front and "hip-hyperextension" in loads), (case.goal, case.profile, s.exercise.slug)
            note = next(n for n in ranking.notes if "not cleared for full training" in n)
            assert ("hyperextension" in note) == front, note
        checked[bool(case.profile.cleared)] += 1
    assert all(checked.values())


def test_a_cleared_hip_replacement_shows_its_limits_as_cautions(cat: Catalogue) -> None:
    goal, kit = cat.goals["strength"], frozenset[str]()
    before = engine.rank(cat, goal, Profile(level="advanced", equipment=kit, pains=("hip-replacement-anterior",)), 12)
    after = engine.rank(cat, goal, Profile(level="advanced", equipment=kit, pains=("hip-replacement-anterior",), cleared=True), 40)
    assert "single-leg-squat" in {e.slug for e in before.excluded}
    pistol = next(s for s in after.items if s.exercise.slug == "single-leg-squat")
    assert any(r.rule == "caution" and r.points < 0 for r in pistol.reasons)


def test_approach_cautions_sit_on_the_approach_they_are_about(cat: Catalogue) -> None:
    for ex in cat.exercises.values():
        umbrella = ex.contraindication("hip-replacement")
        if umbrella is None or umbrella.level != "caution":
            continue
        about = "hip-replacement-anterior" if "anterior" in umbrella.note else "hip-replacement-posterior"
        own = ex.contraindication(about)
        assert own is not None and own.level in ("caution", "avoid"), (ex.slug, about)


def test_strength_doses_are_strength_doses_and_dumbbell_doses_reachable(grid: list[Case], cat: Catalogue) -> None:
    seen = {"body weight": 0, "hand-held": 0}
    for case in grid:
        goal = cat.goals[case.goal]
        ranking = case.lists[DEFAULT_TOP]
        for s in ranking.items:
            ex, d = s.exercise, s.dose
            where = (case.goal, case.profile.level, ex.slug, d)
            if d.unit != "reps":
                continue
            if is_body_weight_strength(ex, goal):
                assert d.reps[0] >= 5 and d.reps[1] <= 12, where
                assert any("add load" in n and "harder variant" in n for n in ranking.notes), where
                seen["body weight"] += 1
            elif is_hand_held(ex) and ex.pattern in ("bridge-thrust", "hinge", "squat", "lunge"):
                assert d.reps[0] >= 6, where
                seen["hand-held"] += 1
    assert all(seen.values()), seen


def test_lying_on_the_other_side_after_an_anterior_approach_names_the_standing_version(cat: Catalogue) -> None:
    lying = [
        ex for ex in cat.exercises.values() if (c := ex.contraindication("hip-replacement-anterior")) and "non-operated side" in c.note
    ]
    assert lying
    for ex in lying:
        assert "standing" in ex.contraindication("hip-replacement-anterior").note, ex.slug  # type: ignore[union-attr]
