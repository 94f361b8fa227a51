"""Each rule alone: where it applies (points, a readable reason) and where it does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from glutecoach.core import rules
from glutecoach.core.models import Catalogue, Dose, Goal, Profile

CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "rule_cases.yaml").read_text())
BY_NAME = {f.__name__.replace("_", "-"): f for f in rules.RULES}


def goal_for(case: dict[str, Any], cat: Catalogue) -> Goal:
    return Goal(
        name="test",
        description="one rule",
        regions=case.get("regions", {}),
        rule_weights={case["rule"]: case.get("weight", 10)},
        load_vectors=tuple(case.get("vectors", ())),
        exclude_equipment={},
        dose={"beginner": Dose(3, (8, 12), 60)},
        notes=(),
        like=cat.exercises[case["like"]] if "like" in case else None,
    )


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}:{c['exercise']}" for c in CASES])
def test_rule_case(cat: Catalogue, case: dict[str, Any]) -> None:
    rule = BY_NAME[case["rule"]]
    p = case.get("profile", {})
    profile = Profile(
        level=p.get("level", "beginner"),
        pains=tuple(p.get("pains", ())),
        recent_pain=tuple(tuple(x) for x in p.get("recent_pain", ())),
    )
    reason = rule(cat.exercises[case["exercise"]], goal_for(case, cat), profile)
    if "sign" in case:
        assert reason is not None
        assert (reason.points > 0) == (case["sign"] == "positive")
    elif case["points"] is None:
        assert reason is None
    else:
        assert reason is not None and reason.points == pytest.approx(case["points"])
    if reason is not None:
        assert reason.rule == case["rule"] and reason.reason.endswith(".") and len(reason.reason) > 20


def test_every_rule_has_cases_and_a_docstring() -> None:
    covered = {c["rule"] for c in CASES}
    for name, func in BY_NAME.items():
        assert func.__doc__, name
        if name not in ("region-match", "similarity"):
            assert name in covered, f"rule {name} has no case in rule_cases.yaml"


def test_region_match_is_the_weighted_sum_and_names_the_exercise(cat: Catalogue) -> None:
    ex = cat.exercises["hip-thrust"]
    goal = goal_for({"rule": "none", "regions": {"gluteus-maximus-upper": 0.5, "gluteus-medius": 0.5}}, cat)
    reason = rules.region_match(ex, goal, Profile())
    assert reason is not None and ex.name in reason.reason
    assert reason.points == pytest.approx(0.5 * ex.scores["gluteus-maximus-upper"] + 0.5 * ex.scores["gluteus-medius"], abs=0.05)


def test_similarity_is_cosine_of_region_scores(cat: Catalogue) -> None:
    like = cat.exercises["hip-thrust"]
    goal = goal_for({"rule": "similarity", "like": "hip-thrust"}, cat)
    same = rules.similarity(like, goal, Profile())
    other = rules.similarity(cat.exercises["clamshell"], goal, Profile())
    assert same is not None and same.points == pytest.approx(100)
    assert other is not None and other.points < same.points


def test_goal_rules_are_known_rules(cat: Catalogue) -> None:
    for goal in cat.goals.values():
        assert set(goal.rule_weights) <= set(rules.RULE_NAMES), goal.name
