"""Weekly volume a coach would hand over: hard sets per target region within a range that has a source,
starting in the lower half of it in each loaded phase and adding one or two sets a week up to the
ceiling; only sets at effort 3 or more count as hard sets (contact drills are practice, counted apart).

`fit` nudges a phase's sessions to the ceiling one set at a time (accessories before compounds, a main
lift never under 3 sets, an exercise dropped only when every set is at its floor and the week still
covers each need); `ramp` gives each week's ceiling; `trim` takes a week down to it. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from glutecoach.core.plan_model import PlannedExercise, Session, hard_sets, hard_value, minutes_of
from glutecoach.core.volume import SMALL_REGIONS

MAIN_MIN_SETS = 3  # the nudger never cuts a main lift below this while accessories keep 3 or more
ACCESSORY_MIN_SETS = 2
MOST_EXERCISES = 7
START_SHARE = 0.5  # a loaded phase's first week sits at most this far up its range (the lower half)
RISE_PER_WEEK = 2  # hard sets a week added at most, week to week
Ranges = Mapping[str, tuple[int, int]]


def floor_of(e: PlannedExercise, lift_sets: int = 0) -> int:
    """The fewest working sets the volume rules leave an exercise (lighter weeks aside): a main lift 3, a
    compound lift the goal's `lift_sets` (strength: 3-5 working sets of fewer lifts, not 2 of many), others 2."""
    if e.role == "main":
        return MAIN_MIN_SETS
    return max(ACCESSORY_MIN_SETS, lift_sets) if e.role == "compound" else ACCESSORY_MIN_SETS


def ranges_for(targets: Sequence[str], weekly: tuple[int, int], small: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """The weekly hard-set range per target region: the level's range, the small range for the deep muscles."""
    return {r: small if r in SMALL_REGIONS else weekly for r in targets}


def ramp(ranges: Ranges, week_in_phase: int, last: Mapping[str, float] | None = None) -> dict[str, float]:
    """The ceiling for the phase's n-th loaded week (0-based): from the middle of the range at most, up by at
    most two sets a week, and never more than two over the last loaded week (lighter weeks aside)."""
    out: dict[str, float] = {}
    for r, (lo, hi) in ranges.items():
        top = min(hi, round(lo + START_SHARE * (hi - lo)) + RISE_PER_WEEK * week_in_phase)
        out[r] = min(top, last[r] + RISE_PER_WEEK) if last and r in last else top
    return out


def build_up(peak: list[list[PlannedExercise]], ceiling: Mapping[str, float], lift_sets: int = 0) -> list[list[PlannedExercise]]:
    """A week on the way to the phase's peak: every exercise at its floor (a main lift 3 sets, others 2,
    never more than the peak gives), then sets added one at a time, the main lift first, up to the peak's
    sets while every target region stays at or under this week's ceiling."""
    days = [
        [
            e._replace(sets=MAIN_MIN_SETS if e.role == "main" else min(e.sets, floor_of(e, lift_sets)))
            if e.role not in ("power", "warm-up")
            else e
            for e in day
        ]
        for day in peak
    ]
    rank = {"main": 0, "compound": 1, "accessory": 2}
    while True:
        now = hard_sets([Session(0, tuple(day)) for day in days])
        mains = [next((x.sets for x in day if x.role == "main"), 99) for day in days]
        pool = [
            (d, i)
            for d, day in enumerate(days)
            for i, e in enumerate(day)
            if e.role in rank
            and e.sets < peak[d][i].sets
            and (e.role == "main" or e.sets < mains[d])
            and all(now[r] + hard_value(e.exercise, r) <= ceiling[r] + 1e-9 for r in ceiling)
        ]
        if not pool:
            return days
        d, i = min(
            pool, key=lambda k: (days[k[0]][k[1]].sets - peak[k[0]][k[1]].sets > -2, rank[days[k[0]][k[1]].role], days[k[0]][k[1]].sets, k)
        )
        days[d][i] = days[d][i]._replace(sets=days[d][i].sets + 1)


def trim(
    days: list[list[PlannedExercise]],
    ceiling: Mapping[str, float],
    needs: Sequence[tuple[str, ...]] = (),
    most_minutes: int = 999,
    lift_sets: int = 0,
) -> None:
    """Take sets off until every target region's hard sets are at or under its ceiling: accessories first,
    the exercise with the most sets first, never a main lift under 3 sets or another under 2; then a
    whole exercise goes (an accessory or a second compound, never a pattern's last cover in the week):
    two or three real sets of fewer exercises beat one set of many."""
    rank = {"accessory": 0, "compound": 1, "main": 2, "power": 3, "warm-up": 4}
    for _ in range(300):
        now = hard_sets([Session(0, tuple(day)) for day in days])
        over = [r for r in ceiling if now[r] > ceiling[r] + 1e-9]
        long = [d for d, day in enumerate(days) if minutes_of(day) > most_minutes]
        if not over and not long:
            return
        worst = max(over, key=lambda r: now[r] - ceiling[r]) if over else None
        pool = [
            (d, i)
            for d, day in enumerate(days)
            for i, e in enumerate(day)
            if e.role not in ("power", "warm-up")
            and (hard_value(e.exercise, worst) > 0 if worst else d in long)
            and e.sets > floor_of(e, lift_sets)
        ]
        if pool:
            d, i = min(pool, key=lambda k: (rank[days[k[0]][k[1]].role], -days[k[0]][k[1]].sets, k))
            days[d][i] = days[d][i]._replace(sets=days[d][i].sets - 1)
        elif not _drop(days, worst, long, needs) and not (worst and long and _drop(days, None, long, needs)):
            return  # nothing more can go for the region over its ceiling, nor from a session that runs long


def _floor(e: PlannedExercise, dosed: int, lift_sets: int) -> int:
    return dosed if e.role == "power" else min(dosed, floor_of(e, lift_sets))


def fit(
    days: list[list[PlannedExercise]],
    targets: Sequence[str],
    weekly: Ranges,
    cap: int,
    bounds: tuple[int, int],
    volume: bool,
    spare: list[list[PlannedExercise]],
    needs: Sequence[tuple[str, ...]],
    lift_sets: int = 0,
) -> None:
    """Sets nudged one at a time: each target region's weekly fractional sets into `weekly` (when
    `volume`), every session within `bounds` minutes; accessories are cut before compounds, and a
    main lift never goes below 3 sets or below an accessory's sets. When every set is at its floor, an
    accessory or a second compound goes, as long as the week still covers each need. `spare[d]`:
    exercises day d may add to reach the session's length."""
    low = {r: weekly[r][0] for r in targets}
    high = {r: weekly[r][1] for r in targets}
    dosed = {(d, i): e.sets for d, day in enumerate(days) for i, e in enumerate(day)}
    rank = {"accessory": 0, "compound": 1, "main": 2, "power": 3}

    def totals() -> dict[str, float]:
        return hard_sets([Session(0, tuple(day)) for day in days])

    def more(d: int, i: int, most: int, now: dict[str, float], region: str | None, short: list[int]) -> bool:
        """May day d's exercise i take one more set (at most `most`)?"""
        e = days[d][i]
        main = next((x.sets for x in days[d] if x.role == "main"), cap)
        return (
            e.role != "power"
            and e.sets < min(cap, most, cap if e.role == "main" else main)
            and (not volume or all(now[r] + hard_value(e.exercise, r) <= high[r] for r in targets))
            and (region is None or hard_value(e.exercise, region) > 0)
            and (region is not None or d in short)
            and minutes_of([*days[d][:i], e._replace(sets=e.sets + 1), *days[d][i + 1 :]]) <= bounds[1]
        )

    def grow(compounds_only: bool, most: Callable[[int, int], int], now: dict[str, float], region: str | None, short: list[int]) -> bool:
        pool = [
            (d, i)
            for d, day in enumerate(days)
            for i, e in enumerate(day)
            if (e.role in ("main", "compound") or not compounds_only) and more(d, i, most(d, i), now, region, short)
        ]
        if not pool:
            return False
        d, i = min(pool, key=lambda k: (days[k[0]][k[1]].sets, -rank[days[k[0]][k[1]].role], k))
        days[d][i] = days[d][i]._replace(sets=days[d][i].sets + 1)
        return True

    def no_limit(d: int, i: int) -> int:
        return cap

    def one_more(d: int, i: int) -> int:
        return dosed.get((d, i), days[d][i].sets) + 1

    for _ in range(300):
        now = totals()
        over = [r for r in targets if now[r] > high[r]] if volume else []
        under = [r for r in targets if now[r] < low[r]] if volume else []
        long = [d for d, day in enumerate(days) if minutes_of(day) > bounds[1]]
        if over or long:
            worst = max(over, key=lambda r: now[r]) if over else None
            pool = [
                (d, i)
                for d, day in enumerate(days)
                for i, e in enumerate(day)
                if e.sets > _floor(e, dosed.get((d, i), e.sets), lift_sets)
                and (worst is None or hard_value(e.exercise, worst) > 0)
                and (worst is not None or d in long)
            ]
            if not pool:
                if _drop(days, worst, long, needs):
                    continue
                break
            d, i = min(pool, key=lambda k: (rank[days[k[0]][k[1]].role], -days[k[0]][k[1]].sets, k))
            days[d][i] = days[d][i]._replace(sets=days[d][i].sets - 1)
            continue
        short = [d for d, day in enumerate(days) if minutes_of(day) < bounds[0]]
        if not (under or short):
            break
        region = min(under, key=lambda r: now[r]) if under else None
        if under and (
            grow(False, no_limit, now, region, short)
            or any(_add_spare(days, d, spare, bounds, now, targets, high, region) for d in range(len(days)))
        ):
            continue
        if short and (
            grow(True, no_limit, now, None, short)
            or any(_add_spare(days, d, spare, bounds, now, targets, high if volume else None) for d in short)
            or grow(False, one_more, now, None, short)
        ):
            continue
        break
    _cap_at_main(days)


def _cap_at_main(days: list[list[PlannedExercise]]) -> None:
    """Nothing in a session has more sets than its main lift."""
    for day in days:
        main = next((e.sets for e in day if e.role == "main"), None)
        if main is not None:
            day[:] = [e._replace(sets=main) if e.role != "power" and e.sets > main else e for e in day]


def _drop(days: list[list[PlannedExercise]], region: str | None, long: list[int], needs: Sequence[tuple[str, ...]]) -> bool:
    """Take out one exercise (never a main lift or power, never a session's last two, never a need's
    last cover in the week): one that counts for `region`, or one from a session that runs long (its
    warm-up drill first: it counts for nothing)."""

    def covers(pattern: str) -> int:  # a need of several patterns keeps each of them once a week
        return sum(e.exercise.pattern == pattern and e.role != "warm-up" for day in days for e in day)

    def may_go(d: int, e: PlannedExercise) -> bool:
        if e.role == "warm-up":  # it counts for nothing: the first to go from a session that runs long
            return region is None and d in long
        return (
            e.role in rank
            and sum(x.role != "warm-up" for x in days[d]) > 2
            and (hard_value(e.exercise, region) > 0 if region is not None else d in long)
            and (covers(e.exercise.pattern) > 1 or not any(e.exercise.pattern in n for n in needs))
        )

    rank = {"warm-up": -1, "accessory": 0, "compound": 1}
    pool = [(d, i) for d, day in enumerate(days) for i, e in enumerate(day) if may_go(d, e)]
    if not pool:
        return False
    d, i = min(
        pool,
        key=lambda k: (
            days[k[0]][k[1]].role != "warm-up" and any(days[k[0]][k[1]].exercise.pattern in n for n in needs),
            -covers(days[k[0]][k[1]].exercise.pattern),  # the pattern the week holds most often goes first
            rank[days[k[0]][k[1]].role],
            -len(days[k[0]]),
            -k[0],
            -k[1],
        ),
    )
    del days[d][i]
    return True


def _add_spare(
    days: list[list[PlannedExercise]],
    d: int,
    spare: list[list[PlannedExercise]],
    bounds: tuple[int, int],
    now: dict[str, float],
    targets: Sequence[str],
    high: dict[str, int] | None,
    region: str | None = None,
) -> bool:
    """Add day d's best spare accessory that fits (and, given a region, counts for it)."""
    day = days[d]
    if len(day) >= MOST_EXERCISES:
        return False
    main = next((x.sets for x in day if x.role == "main"), None)
    for e in list(spare[d]):
        if main is not None and e.sets > main:
            e = e._replace(sets=main)
        if any(x.exercise.slug == e.exercise.slug or x.exercise.family == e.exercise.family for x in day):
            continue
        if region is not None and hard_value(e.exercise, region) <= 0:
            continue
        if high is not None and any(now[r] + e.sets * hard_value(e.exercise, r) > high[r] for r in targets):
            continue
        if minutes_of([*day, e]) > bounds[1]:
            continue
        day.append(e)
        spare[d][:] = [x for x in spare[d] if x.exercise.slug != e.exercise.slug]
        return True
    return False
