"""Weekly volume counted the way training studies count it: the one fractional-sets formula, used by
plans and by progress alike."""

from __future__ import annotations

import functools

from glutecoach.core.models import Exercise
from glutecoach.core.vocab import REGIONS

# Fractional counting (Pelland 2024): 1 set for a region the exercise trains hard, 0.5 where less.
GMAX = ("gluteus-maximus-upper", "gluteus-maximus-lower")
TRAINS = {  # the regions an exercise's main action trains
    "hip-extension": GMAX,
    "hip-knee-extension": GMAX,
    "ballistic": GMAX,
    "hip-abduction": ("gluteus-medius", "gluteus-minimus", "gluteus-maximus-upper"),
    "hip-external-rotation": ("piriformis", "gluteus-maximus-upper", "gluteus-medius"),
    "hip-internal-rotation": ("gluteus-minimus", "gluteus-medius"),
    "stability": ("gluteus-medius", "gluteus-minimus"),
}
HARD_EFFORT = 3  # sets of exercises this close to failure (effort 3-5) count as hard sets; easier ones are practice
HARD_SHARE = 0.5  # of the exercise's own highest region score
SMALL_REGIONS = ("gluteus-minimus", "piriformis")  # small deep muscles: counted in direct sets of any effort
LESS_SHARE = 0.4
SET_RULE = (
    "A set counts 1 for a region the exercise trains hard and 0.5 for one it trains less (fractional counting, "
    "Pelland 2024). Hard: a region its main action works (hip extension: both portions of the gluteus maximus; "
    "abduction and single-leg stance: medius and minimus; rotation: the piriformis) that gets at least half of the "
    "exercise's highest score; less: any other region with at least 40% of it. So a back squat is a full glute set. "
    "Warm-up sets count 0; jumps, sprints and sleds are counted in contacts and metres instead."
)


def set_value(ex: Exercise, region: str) -> float:
    """What one working set counts for a region: 1 trained hard, 0.5 trained less, else 0 (SET_RULE);
    power work is counted in contacts and metres, never as sets."""
    return set_values(ex)[REGIONS.index(region)]


def set_values(ex: Exercise) -> tuple[float, ...]:
    """set_value for the five regions, in REGIONS order."""
    return _values(ex.pattern, ex.movement, ex.stance, ex.region_scores)


def hard_set_values(ex: Exercise) -> tuple[float, ...]:
    """What one working set counts toward each region's weekly range: for the large regions a hard set, so
    only when the exercise can be taken close to failure (effort HARD_EFFORT or more: a contact drill is
    practice); for the small deep muscles (SMALL_REGIONS) a direct set of any effort, since the low-load
    rotations and abductions that train them are their direct work (their range is 6-10 direct sets)."""
    if ex.effort >= HARD_EFFORT:
        return set_values(ex)
    return tuple(v if r in SMALL_REGIONS else 0.0 for r, v in zip(REGIONS, set_values(ex), strict=True))


@functools.lru_cache(maxsize=4096)
def _values(pattern: str, movement: str, stance: str, scores: tuple[int, ...]) -> tuple[float, ...]:
    # a pure function of what decides it, memoised: a plan counts the same few exercises thousands of times
    if pattern == "power":
        return (0.0,) * len(REGIONS)
    best = max(scores) or 1
    hard = set(TRAINS.get(movement, ()))
    if stance == "single-leg":
        hard.add("gluteus-medius")
    out = []
    for region, value in zip(REGIONS, scores, strict=True):
        share = value / best
        out.append(1.0 if region in hard and share >= HARD_SHARE else 0.5 if share >= LESS_SHARE else 0.0)
    return tuple(out)
