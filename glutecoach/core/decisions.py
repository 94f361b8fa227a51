"""The decisions `plan next` makes for one exercise, each a small named function reading the training
state (never the last logged load raw), each returning the load, the sets and the reason a coach gives.

- progress_load: double progression on loaded lifts (the top of the range on every working set at 0-3
  reps in reserve, pain-free, adds about 2.5%); a lower rep range re-estimates the load from the
  estimated 1RM; a gap holds or lightens; a lighter week takes one load from the working load.
- progress_drill: band and body-weight drills add at most one set over the plan's, then move up their
  ladder, then get harder by tempo and range.
- Loads are on the plan's load-step grid.
"""

from __future__ import annotations

import math

from glutecoach.core.position import GAP_HOLD_DAYS, GAP_LIGHTER_DAYS
from glutecoach.core.record import NamedTuple
from glutecoach.core.training_state import ExerciseState, Exposure, load_for

LOAD_STEP = 0.025  # add about 2.5%, rounded to what can be loaded
RIR_WINDOW = (0, 3)  # reps in reserve at which the top of the range counts (0: failure, accurate near it)
LIGHTER_LOAD = 0.9  # a lighter week's load: about 90% of the working load, taken once
GAP_LOAD = 0.925  # back after two weeks or more: about 5-10% lighter
RERANGE_MARGIN = 2  # working reps this far outside the new range: the load is re-estimated from the 1RM
EXTRA_SETS = 1  # a drill may add this many sets over the plan's, then it moves on
UNIT_WORD = {"reps": "reps", "seconds": "s", "contacts": "contacts", "metres": "m", "steps": "steps"}


class Decision(NamedTuple):
    action: str  # progress | keep | deload | hold | lighter | ask-load | rerange
    sets: int
    load: float | None
    reason: str
    move_up: bool = False  # a drill moves on to the next exercise on its ladder


def next_load(last: float, step: float) -> float:
    """About LOAD_STEP more, on the step grid, and at least one step up."""
    above = (math.floor(last / step + 1e-9) + 1) * step
    near = math.floor(last * (1 + LOAD_STEP) / step + 0.5) * step
    return round(max(above, near), 2)


def on_grid(load: float, step: float) -> float:
    """The nearest load on the step grid (never below one step)."""
    return round(max(step, math.floor(load / step + 0.5) * step), 2)


def lighter(working: float, step: float, share: float = LIGHTER_LOAD) -> float:
    """`share` of the working load on the grid, and at least one step under it (never below one step)."""
    near = math.floor(working * share / step + 0.5) * step
    below = math.ceil(working / step - 1e-9) * step - step
    return round(max(step, min(near, below)), 2)


def at_top(x: Exposure, top: int) -> bool:
    return bool(x.reps) and all(r >= top for r in x.reps)


def in_window(x: Exposure) -> bool:
    return x.rir is None or RIR_WINDOW[0] <= x.rir <= RIR_WINDOW[1]


def _said(x: Exposure) -> str:
    return "" if x.rir is None else f" at {x.rir} in reserve"


def progress_load(s: ExerciseState, reps: tuple[int, int], unit: str, sets: int, step: float, gap: int | None) -> Decision:
    """The next load of a loaded lift from its working load (the last session that was not lighter and did not hurt)."""
    w, units = s.working_load, s.units or "kg"
    word = UNIT_WORD.get(unit, unit)
    if w is None:
        return Decision(
            "ask-load",
            sets,
            None,
            "No load was logged for it: log the load you used (edit that entry) so it can progress; same sets until then.",
        )
    work = s.working
    last = work[-1] if work else s.last
    if gap is not None and gap >= GAP_LIGHTER_DAYS:
        back = lighter(w, step, GAP_LOAD)
        return Decision(
            "lighter", sets, back, f"{gap} days since your last session: about 7% lighter ({w:g} -> {back:g} {units}), then progress."
        )
    if gap is not None and gap >= GAP_HOLD_DAYS:
        return Decision(
            "hold", sets, w, f"{gap} days since your last session: repeat your last working load ({w:g} {units}) before adding."
        )
    if s.e1rm is not None and last.reps and (max(last.reps) > reps[1] + RERANGE_MARGIN or max(last.reps) < reps[0] - RERANGE_MARGIN):
        new = on_grid(load_for(s.e1rm, reps[0]), step)
        return Decision(
            "rerange",
            sets,
            new,
            f"New range {reps[0]}-{reps[1]} {word}: from your estimated 1RM ({s.e1rm:.0f} {units}, from {w:g} x {max(last.reps)}), "
            f"start at {new:g} {units}.",
        )
    earlier = " Progress, and stop one rep earlier next time: 0 in reserve is failure." if last.rir == 0 else ""
    if at_top(last, reps[1]) and in_window(last):
        new = next_load(w, step)
        return Decision(
            "progress",
            sets,
            new,
            f"{reps[1]} {word} on every working set last time{_said(last)}, pain-free: add load, {w:g} -> {new:g} {units}.{earlier}",
        )
    if at_top(last, reps[1]) and last.rir is not None and last.rir > RIR_WINDOW[1]:
        return Decision(
            "keep",
            sets,
            w,
            f"{last.rir} reps in reserve is too far from failure to judge (estimates are best near it): same load, "
            "and take each set to 0-3 in reserve, past the top of the range if need be; then it progresses.",
        )
    return Decision("keep", sets, w, f"Same load ({w:g} {units}); reach {reps[1]} {word} on every working set, pain-free, before adding.")


def progress_drill(s: ExerciseState, reps: tuple[int, int], unit: str, planned_sets: int, has_next: bool) -> Decision:
    """Band and body-weight drills: at most one set over the plan's, then the next exercise on the ladder,
    then each rep made harder (a heavier band, a slower lowering, a pause, more range)."""
    last = s.last
    word = UNIT_WORD.get(unit, unit)
    done = len(last.reps)
    if not (at_top(last, reps[1]) and in_window(last) and not last.hurt):
        return Decision(
            "keep",
            max(planned_sets, min(done, planned_sets + EXTRA_SETS)),
            None,
            f"Reach {reps[1]} {word} on every set, pain-free, before it gets harder.",
        )
    if done < planned_sets + EXTRA_SETS:
        return Decision(
            "progress",
            planned_sets + EXTRA_SETS,
            None,
            f"{reps[1]} {word} on every set last time{_said(last)}, pain-free: one set more ({planned_sets + EXTRA_SETS}), "
            "the most it gets; then it moves on.",
        )
    if has_next:
        return Decision(
            "progress", planned_sets, None, f"{done} sets at the top of the range{_said(last)}: move on to a harder exercise.", True
        )
    return Decision(
        "keep",
        planned_sets + EXTRA_SETS,
        None,
        f"{done} sets at the top of the range: make each rep harder (a heavier band, 3 s down, a pause at the top, more range).",
    )
