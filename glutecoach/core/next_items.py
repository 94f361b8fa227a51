"""The next session, one planned exercise at a time: each decision (rest for pain, return after it, the
Contact ladder, a lighter week, progression by load or by the drill's ladder) made from the training
state, with its reason. Pure; core.next_session puts the session together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from glutecoach.core import decisions as decide
from glutecoach.core import pain as pain_words
from glutecoach.core.eligibility import exclusion
from glutecoach.core.models import Catalogue, Entry, Exercise, Profile
from glutecoach.core.next_model import Change, NextExercise
from glutecoach.core.person import REST_DAYS
from glutecoach.core.plan_model import LOAD_STEPS, Plan, PlannedExercise, Session
from glutecoach.core.plan_rules import barred, cue_for, dose_in, is_complex, rated_for_contact
from glutecoach.core.position import Position
from glutecoach.core.record import NamedTuple
from glutecoach.core.training_state import ExerciseState, TrainingState, loadable

CONTACT_DONE = 7  # rated this or more twice in a row: contact found
CONTACT_POOR = 3  # this or less twice: an easier exercise to feel
SPINE_LOADS = ("heavy-axial-load", "floor-pull")  # what rising low-back pain lightens


class Ctx(NamedTuple):
    cat: Catalogue
    plan: Plan
    profile: Profile
    state: TrainingState
    pos: Position
    steps: Mapping[str, float]
    in_contact: bool
    lighter: Any  # LighterWeek | None
    today: dt.date


def _ok(ctx: Ctx, ex: Exercise, avoid: set[str]) -> bool:
    return ex.slug not in avoid and exclusion(ex, ctx.plan.goal, ctx.profile) is None and not barred(ex, ctx.profile, ctx.cat.still_covers)


def easier_to_feel(ctx: Ctx, ex: Exercise, avoid: set[str]) -> Exercise | None:
    """Another drill at least as easy to feel (never a harder one to feel): contact ease first, then its
    own regressions, then another pattern (a new position often brings the feeling)."""
    options = [
        o
        for o in ctx.cat.exercises.values()
        if o.contact_ease >= ex.contact_ease
        and o.complexity <= max(2, ex.complexity)
        and o.load_potential <= max(2, ex.load_potential)
        and _ok(ctx, o, avoid)
    ]
    return min(options, key=lambda o: (-o.contact_ease, o.slug not in ex.regressions, o.complexity, o.slug), default=None)


def harder(ctx: Ctx, ex: Exercise, avoid: set[str]) -> Exercise | None:
    """The next exercise on its ladder, when the person may do it."""
    return next((ctx.cat.exercises[s] for s in ex.progressions if s in ctx.cat.exercises and _ok(ctx, ctx.cat.exercises[s], avoid)), None)


def tissue_of(ex: Exercise) -> set[str]:
    """The tissue loads pain on an exercise points to (deep hip flexion is a position, not a tissue)."""
    return set(ex.loads) - {"deep-hip-flexion"}


def rested_by(cat: Catalogue, hurt_ex: Exercise, places: tuple[str, ...] = ()) -> set[str]:
    """What pain on one exercise rests: every exercise of its pattern that loads the same tissue (all
    straight-knee hinges after pain on an RDL); when it names no tissue, its pattern at its load or heavier.
    A place named in the note (core.pain.places) rests, too, every exercise cautioned for that place's
    condition, in any pattern (outer hip pain on a split squat rests side-lying abduction and clamshells)."""
    tissue = tissue_of(hurt_ex)
    return {
        o.slug
        for o in cat.exercises.values()
        if o.slug == hurt_ex.slug
        or (o.pattern == hurt_ex.pattern and (bool(tissue & set(o.loads)) if tissue else o.load_potential >= hurt_ex.load_potential))
        or loads_place(o, places)
    }


def _at(e: Entry) -> str:
    """' at the outer hip' when the note says where it hurt."""
    return "".join(f" at {pain_words.PLACE_WORDS[p]}" for p in pain_words.places(e)[:1])


def loads_place(ex: Exercise, places: tuple[str, ...]) -> bool:
    """The exercise is cautioned (or to be avoided) for one of these places' conditions."""
    return bool(places) and any(c.condition in places and c.level in ("caution", "avoid") for c in ex.contraindications)


def spares(ctx: Ctx, ex: Exercise, rested: set[str], tissue: set[str], avoid: set[str]) -> Exercise | None:
    """Something that loads the hurt tissue less: lighter, none of the tissue's loads, its own pattern
    first, else a bridge or thrust (hip extension without the stretch or the spinal load)."""
    options = [
        o
        for o in ctx.cat.exercises.values()
        if o.slug not in rested
        and not (tissue & set(o.loads))
        and o.load_potential < ex.load_potential
        and o.pattern in (ex.pattern, "bridge-thrust")
        and _ok(ctx, o, avoid)
    ]
    return min(options, key=lambda o: (o.pattern != ex.pattern, -o.load_potential, o.complexity, o.slug), default=None)


def _why(s: ExerciseState | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "working_load": s.working_load,
        "units": s.units,
        "e1rm": None if s.e1rm is None else round(s.e1rm, 1),
        "sessions": s.sessions,
        "last_date": s.last_date,
    }


class Builder:
    """The next session, one planned exercise at a time."""

    def __init__(self, ctx: Ctx, session: Session, hurt_recent: list[Entry]) -> None:
        self.ctx, self.session = ctx, session
        self.changes: list[Change] = []
        self.items: list[NextExercise] = []
        self.used: set[str] = set()
        self.reserved = {e.exercise.slug for e in session.exercises}
        self.rested: dict[str, tuple[Entry, set[str]]] = {}  # slug -> (the entry that hurt, its tissue)
        for e in hurt_recent:
            ex = ctx.cat.exercises[e.slug]
            for slug in rested_by(ctx.cat, ex, pain_words.places(e)):
                self.rested.setdefault(slug, (e, tissue_of(ex)))

    def add(self, item: PlannedExercise, ex: Exercise, sets: int, load: float | None, note: str = "") -> None:
        if ex.slug in self.used:
            return
        ctx = self.ctx
        span = next(s for s in ctx.plan.phases if ctx.pos.week in s.weeks)
        dose = dose_in(ctx.cat, ex, ctx.cat.goals.get(span.goal, ctx.plan.goal), span.phase, ctx.plan.level)
        same = ex.slug == item.exercise.slug
        reps, rest = (item.reps, item.rest_s) if same else (dose.reps, dose.rest_s)
        s = ctx.state.of(ex.slug)
        fresh = s is None and is_complex(ex, ctx.plan.level)
        words = [x for x in ("New: start light and learn it." if fresh else "", item.note if same else "", note) if x]
        unit = (s.units if s and s.units else None) or "kg"
        self.used.add(ex.slug)
        self.items.append(
            NextExercise(
                ex.slug,
                ex.name,
                max(1, sets),
                reps,
                load,
                dose.unit,
                dose.per_side,
                rest,
                unit if load is not None else None,
                cue_for(ex),
                0,
                " ".join(words),
                _why(s),
            )
        )

    def step(self, units: str | None) -> float:
        return self.ctx.steps.get(units or "kg", LOAD_STEPS.get(units or "kg", LOAD_STEPS["kg"]))

    def plan_item(self, item: PlannedExercise, back_pain: bool) -> None:
        ex, ctx = item.exercise, self.ctx
        avoid = self.reserved | self.used | set(self.rested)
        if ex.slug in self.rested:
            self._rest(item, avoid)
            return
        s = ctx.state.of(ex.slug)
        if s is not None and s.last.hurt and not ctx.in_contact:
            self._return(item, s, avoid)
            return
        if ctx.in_contact:
            self._contact(item, s, avoid)
            return
        if ctx.lighter is not None:
            self._lighter(item, s)
            return
        if s is None:
            self.add(item, ex, item.sets, None)
            return
        if loadable(ex):
            d = decide.progress_load(s, item.reps, item.unit, item.sets, self.step(s.units), ctx.pos.gap_days)
            if back_pain and d.load is not None and set(SPINE_LOADS) & set(ex.loads):
                d = d._replace(
                    action="lighter",
                    load=decide.lighter(s.working_load or d.load, self.step(s.units)),
                    reason="Your low-back pain rose over your last three logs: lighter on heavy squats and pulls until it settles.",
                )
        else:
            nxt = harder(ctx, ex, avoid)
            d = decide.progress_drill(s, item.reps, item.unit, item.sets, nxt is not None)
            if d.move_up and nxt is not None:
                self.changes.append(Change(ex.slug, "progress", nxt.slug, None, d.reason.replace("a harder exercise", nxt.name)))
                self.add(item, nxt, item.sets, None)
                return
        self.changes.append(Change(ex.slug, d.action, None, None, d.reason))
        self.add(item, ex, d.sets, d.load)

    def _lighter(self, item: PlannedExercise, s: ExerciseState | None) -> None:
        """One lighter load for the whole week, taken once from the working load; about half the sets
        (a scheduled lighter week is already halved in the plan)."""
        lw, ex = self.ctx.lighter, item.exercise
        sets = item.sets if lw.trigger == "scheduled" else max(1, (item.sets + 1) // 2)
        w = s.working_load if s is not None else None
        load = decide.lighter(w, self.step(s.units)) if s is not None and w is not None and loadable(ex) else None
        self.changes.append(
            Change(
                ex.slug,
                "deload",
                None,
                None,
                f"Lighter week ({lw.why}): {sets} set{'' if sets == 1 else 's'}"
                + (f" at {load:g} {s.units if s else ''}, 90% of your working {w:g}" if load is not None else "")
                + ", stopping 3-4 reps short of failure.",
                lw.trigger,
            )
        )
        self.add(item, ex, sets, load)

    def _rest(self, item: PlannedExercise, avoid: set[str]) -> None:
        ex, ctx = item.exercise, self.ctx
        entry, tissue = self.rested[ex.slug]
        until = (dt.date.fromisoformat(entry.date) + dt.timedelta(days=REST_DAYS)).isoformat()
        instead = spares(ctx, ex, set(self.rested), tissue, avoid)
        source = ctx.cat.exercises[entry.slug].name
        where = [p for p in pain_words.places(entry) if loads_place(ex, (p,))]
        scope = (
            "it"
            if entry.slug == ex.slug
            else f"{ex.name}, which loads {pain_words.PLACE_WORDS[where[0]]} too"
            if where
            else f"{ex.name}, which loads the same tissue the same way"
        )
        tail = (
            f" Do {instead.name}, pain-free, instead: it loads that tissue less."
            if instead
            else " Nothing open to you loads that tissue less in this pattern, so leave it out."
        )
        self.changes.append(
            Change(
                ex.slug,
                "rest",
                instead.slug if instead else None,
                until,
                f"You logged {pain_words.what_hurt(entry)}{_at(entry)} on {source} on {entry.date}: rest {scope} until {until}.{tail}",
            )
        )
        if instead is not None:
            s = ctx.state.of(instead.slug)
            self.add(item, instead, item.sets, s.working_load if s and loadable(instead) else None)

    def _return(self, item: PlannedExercise, s: ExerciseState, avoid: set[str]) -> None:
        """After its rest, an exercise that hurt comes back through something that loads the tissue less,
        done pain-free; then itself, at the bottom of its range and about 10% lighter."""
        ex, ctx = item.exercise, self.ctx
        instead = spares(ctx, ex, rested_by(ctx.cat, ex), tissue_of(ex), avoid)
        done = ctx.state.of(instead.slug) if instead else None
        if instead is not None and not (done and any(x.date > s.last.date and not x.hurt for x in done.exposures)):
            self.changes.append(
                Change(
                    ex.slug,
                    "return",
                    instead.slug,
                    None,
                    f"The rest is over: do {instead.name} pain-free first (it loads that tissue less); {ex.name} comes back after it.",
                )
            )
            self.add(item, instead, item.sets, done.working_load if done and loadable(instead) else None)
            return
        was = s.working_load if s.working_load is not None else s.last.top_load
        back = decide.lighter(was, self.step(s.units)) if was is not None and loadable(ex) else None
        via = f" ({instead.name} went pain-free)" if instead is not None else ""
        self.changes.append(
            Change(
                ex.slug,
                "return",
                None,
                None,
                f"{ex.name} comes back after its rest{via}: start at the bottom of its range"
                + (f", lighter ({back:g} {s.units})." if back is not None else "."),
            )
        )
        self.add(item, ex, item.sets, back)

    def _contact(self, item: PlannedExercise, s: ExerciseState | None, avoid: set[str]) -> None:
        ex, ctx = item.exercise, self.ctx
        if not rated_for_contact(ex, ctx.plan.phases[0].phase):  # the goal's practice (hops, sit-to-stands): as planned
            self.add(item, ex, item.sets, None)
            return
        rated = s.last_contact[-2:] if s else ()
        if len(rated) == 2 and min(rated) >= CONTACT_DONE:
            nxt = harder(ctx, ex, avoid)
            if nxt is not None:
                self.changes.append(
                    Change(
                        ex.slug,
                        "progress",
                        nxt.slug,
                        None,
                        f"Contact {rated[0]} and {rated[1]}/10 in your last two sessions: contact found, move on to {nxt.name}.",
                    )
                )
                self.add(item, nxt, item.sets, None)
                return
            self.changes.append(
                Change(ex.slug, "keep", None, None, f"Contact found ({rated[0]} and {rated[1]}/10); keep it until the Load phase.")
            )
        elif len(rated) == 2 and max(rated) <= CONTACT_POOR:
            cue = next((c for c in ex.cues if "feel" in c.lower()), ex.cues[-1] if ex.cues else "")
            easy = easier_to_feel(ctx, ex, avoid)
            if easy is not None:
                self.changes.append(
                    Change(
                        ex.slug,
                        "regress",
                        easy.slug,
                        None,
                        f"Contact {rated[0]} and {rated[1]}/10: try {easy.name}, easier to feel (contact ease "
                        f"{easy.contact_ease} against {ex.contact_ease}), slower, and this cue: {cue}",
                    )
                )
                self.add(item, easy, item.sets, None)
                return
            self.changes.append(
                Change(ex.slug, "keep", None, None, f"Contact is still low ({rated[1]}/10); go slower and try this cue: {cue}")
            )
        self.add(item, ex, item.sets, s.working_load if s and loadable(ex) else None)
