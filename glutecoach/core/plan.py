"""Week-by-week plans that follow the goal, phase by phase (phases are data/plans.yaml).

The goal decides what a session covers (its `needs`, then its ranking) and every dose (core.dose, the
same as `recommend`); a phase decides which exercises it may use and how heavy the main lifts go. A
session runs power first, then the heaviest compound, then accessories, with ramp sets before barbell
lifts; volume is counted per region the way training studies count it and nudged into the level's range
without cutting a main lift below 3 sets; heavy hinges stay within a weekly budget; new complex lifts
come in at most two a week, light. Pure: the catalogue, the goal and the profile in; a Plan out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from glutecoach.core.dose import COMPOUND, dose_for, is_heavy_compound
from glutecoach.core.engine import Scored, active_rules, exclusion, notes, score, scored, with_favours
from glutecoach.core.models import Catalogue, Dose, Exercise, Goal, Phase, Profile
from glutecoach.core.plan_model import (
    BARBELL,
    LOAD_STEPS,
    PhaseSpan,
    Plan,
    PlanChoice,
    PlannedExercise,
    Session,
    Substitution,
    Week,
    hard_sets,
    minutes_of,
    practice_sets,
    region_sets,
)
from glutecoach.core.plan_volume import MAIN_MIN_SETS, RISE_PER_WEEK, Ranges, build_up, fit, ramp, ranges_for, trim
from glutecoach.core.vocab import PATTERN_CAP
from glutecoach.errors import UsageError

__all__ = ["BARBELL", "LOAD_STEPS", "RISE_PER_WEEK", "Plan", "PlanChoice", "PlannedExercise", "Session", "Week", "build", "minutes_of", "region_sets"]

SESSION_MINUTES = {"beginner": (20, 45), "intermediate": (30, 75), "advanced": (30, 75)}  # the longest bounds a session; length follows volume
SHORT_WEEK_LOW = 30  # the shortest session with five or six sessions a week (the week's volume is shared out)
COMPLEX_FROM = {"beginner": 3, "intermediate": 4, "advanced": 5}  # complexity that is new technique at a level
NEW_PER_WEEK = 3  # new exercises a week after the plan's first week (a bridge from feeling to loading, not a cliff)
HEAVY_HINGES_PER_WEEK = 2
WARM_UP_WEEKS = 2  # contact drills stay on as a warm-up in this many weeks after Contact
PREFER_POINTS = 8.0  # a phase's preferred exercise is chosen over one that scores up to this much more
ROTATE_POINTS = 10.0  # days rotate among the options of a need within this many points of the best
WEEKDAYS = {1: (0,), 2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 4, 5), 6: (0, 1, 2, 3, 4, 5)}

TEMPO = {"seconds": "hold still and breathe; keep the squeeze", "contacts": "land softly, reset between reps; stop when they slow",
         "metres": "fast, tall and relaxed; walk back to recover", "steps": "small steady steps, keep the band taut"}
POWER_TEMPO = "explosive; stop the set before the reps slow down"


def dose_in(cat: Catalogue, ex: Exercise, goal: Goal, phase: Phase, level: str) -> Dose:
    """The goal's dose for the exercise (as `recommend` gives it); heavy loaded compounds go to the
    phase's main range and rest when it sets them."""
    d = dose_for(ex, goal, level, cat.heavy_rest_s)
    if phase.reps != (0, 0) and d.unit == "reps" and is_heavy_compound(ex) and ex.equipment:
        d = d._replace(reps=(min(d.reps[0], phase.reps[0]), min(d.reps[1], phase.reps[1])), rest_s=max(d.rest_s, phase.rest_s))
    return d


def cue_for(ex: Exercise) -> str:
    """The exercise's 'feel it here' cue when it has one, else its first."""
    for word in ("feel", "squeeze"):
        for cue in ex.cues:
            if word in cue.lower():
                return cue
    return ex.cues[0] if ex.cues else ""


def tempo_for(ex: Exercise, unit: str, phase: Phase) -> str:
    if unit in TEMPO:
        return TEMPO[unit]
    return POWER_TEMPO if ex.pattern == "power" else phase.tempo


def is_heavy_hinge(ex: Exercise) -> bool:
    return ex.pattern == "hinge" and ex.load_potential >= 4


def is_complex(ex: Exercise, level: str) -> bool:
    return ex.complexity >= COMPLEX_FROM[level]


# --- choosing a week's sessions -------------------------------------------------------------------


class Pick(NamedTuple):
    need: int  # index in the goal's needs that its pattern meets; len(needs) for none
    item: Scored
    slot: bool = False  # chosen to cover that need (not as a filler)


class _Week:
    """The state that crosses days while a week is chosen: heavy hinges and their days."""

    def __init__(self, weekdays: tuple[int, ...]) -> None:
        self.weekdays = weekdays
        self.hinge_days: list[int] = []

    def hinge_ok(self, day: int) -> bool:
        wd = self.weekdays[day]
        return len(self.hinge_days) < HEAVY_HINGES_PER_WEEK and all(abs(self.weekdays[d] - wd) > 1 for d in self.hinge_days)


def _session_cap(goal: Goal, pattern: str) -> int:
    """How many exercises of a pattern a session holds: two, three of the goal's focus (its first need),
    never more than two power drills (few, done fresh and well), none where the goal has none."""
    cap = goal.pattern_cap.get(pattern, PATTERN_CAP)
    if not cap:
        return 0
    focus = bool(goal.needs) and pattern in goal.needs[0] and pattern != "power"
    return min(cap, 3 if focus else 2)


def _choose_week(cands: list[Scored], needs: list[tuple[str, ...]], goal: Goal, phase: Phase, weekdays: tuple[int, ...],
                 key: Callable[[Scored], float]) -> list[list[Pick]]:
    week = _Week(weekdays)
    return [_choose_day(d, week, cands, needs, goal, phase, key) for d in range(len(weekdays))]


def _choose_day(d: int, week: _Week, cands: list[Scored], needs: list[tuple[str, ...]], goal: Goal, phase: Phase,
                key: Callable[[Scored], float]) -> list[Pick]:
    """Day d: one exercise per need (days take turns among close options), then fillers by rank."""
    chosen: list[Pick] = []

    def fits(s: Scored) -> bool:
        ex = s.exercise
        if any(p.item.exercise.slug == ex.slug or p.item.exercise.family == ex.family for p in chosen):
            return False
        if sum(p.item.exercise.pattern == ex.pattern for p in chosen) >= _session_cap(goal, ex.pattern):
            return False
        if is_loaded_thrust(ex) and not phase.contact_check and any(is_loaded_thrust(p.item.exercise) for p in chosen):
            return False
        if ex.pattern == "power" and any(p.item.exercise.pattern == "power" and p.item.exercise.unit == ex.unit for p in chosen):
            return False  # two power drills differ in kind: a jump (contacts) and a sprint or sled (metres)
        return not (is_heavy_hinge(ex) and not week.hinge_ok(d))

    def take(need: int, s: Scored, slot: bool = False) -> None:
        chosen.append(Pick(need, s, slot))
        if is_heavy_hinge(s.exercise):
            week.hinge_days.append(d)

    for i, need in enumerate(needs):
        if len(chosen) >= phase.exercises_per_session:
            break
        close: list[Scored] = []  # the options within ROTATE_POINTS of the best, never a drill where the best is real work
        turn = need[d % len(need)]  # a need of several patterns: days take turns (squat, then lunge, then squat)
        within = [s for s in cands if s.exercise.pattern == turn and fits(s)] or [s for s in cands if s.exercise.pattern in need]
        for s in within:
            if s.exercise.pattern not in need or not fits(s):
                continue
            if close and (key(s) < key(close[0]) - ROTATE_POINTS or len(close) == len(week.weekdays)):
                break
            if not close or s.exercise.effort >= min(2, close[0].exercise.effort):
                close.append(s)
        if close:
            take(i, close[d % len(close)], True)
    focus = needs[0] if needs else ()
    for repeat in (False, True):  # fillers: the goal's focus or a pattern the session lacks first
        for s in cands:
            if len(chosen) >= phase.exercises_per_session:
                break
            if fits(s) and (repeat or s.exercise.pattern in focus or all(p.item.exercise.pattern != s.exercise.pattern for p in chosen)):
                take(_need_of(s.exercise, needs), s)
    return chosen


def _need_of(ex: Exercise, needs: list[tuple[str, ...]]) -> int:
    return next((i for i, n in enumerate(needs) if ex.pattern in n), len(needs))


def _order(picks: list[Pick], day: int, n_needs: int) -> list[Pick]:
    """Power first (the most complex while fresh), then compounds heaviest first (days take turns at
    which need leads), then accessories."""
    def key(p: Pick) -> tuple[int, int, int, int]:
        ex = p.item.exercise
        group = 0 if ex.pattern == "power" else 1 if ex.pattern in COMPOUND else 2
        turn = (p.need - day) % (n_needs + 1)
        return (group, -ex.complexity if group == 0 else -ex.load_potential, turn, -int(p.item.score * 10))
    return sorted(picks, key=key)


def _planned(cat: Catalogue, picks: list[Pick], goal: Goal, phase: Phase, level: str, replaces: dict[int, str]) -> list[PlannedExercise]:
    out = []
    for i, p in enumerate(picks):
        ex = p.item.exercise
        d = dose_in(cat, ex, goal, phase, level)
        out.append(PlannedExercise(ex, min(d.sets, phase.sets), d.reps, tempo_for(ex, d.unit, phase), d.rest_s, cue_for(ex), d.unit,
                                   d.per_side, 0, "accessory", replaces=replaces.get(i)))
    return _finish(out)


SPINE_HEAVY = ("heavy-axial-load", "floor-pull")


def is_loaded_thrust(ex: Exercise) -> bool:
    """A loaded bridge or thrust (the hip thrust, barbell glute bridge, kas bridge and their machines are
    one movement: a session holds one of them)."""
    return ex.pattern == "bridge-thrust" and ex.load_potential >= 3


def _group(ex: Exercise) -> int:
    """A session's order (ACSM 2009: multi-joint, heavier and more technical lifts first): power, the
    heaviest axial or floor-pull lift, the thrust or bridge, single-leg work, other compounds, accessories."""
    if ex.pattern == "power":
        return 0
    if ex.pattern in COMPOUND and set(SPINE_HEAVY) & set(ex.loads):
        return 1
    if ex.pattern == "bridge-thrust" and ex.pattern in COMPOUND:
        return 2
    if ex.pattern in COMPOUND and ex.stance in ("split", "single-leg"):
        return 3
    return 4 if ex.pattern in COMPOUND else 5


def _finish(items: list[PlannedExercise]) -> list[PlannedExercise]:
    """A session in order (power, the heaviest compound, the other compounds, accessories; a stable sort
    keeps each day's turn), with its roles and its ramp sets; a new main lift takes the old one's sets."""
    old_main = next((e for e in items if e.role == "main"), None)
    order = sorted(range(len(items)), key=lambda i: (items[i].role != "warm-up", _group(items[i].exercise), -items[i].exercise.complexity if _group(items[i].exercise) == 0
                                                      else -items[i].exercise.load_potential if _group(items[i].exercise) < 5 else 0, i))
    out: list[PlannedExercise] = []
    main_done = ramped = False
    for i in order:
        e = items[i]
        g = _group(e.exercise)
        role = ("warm-up" if e.role == "warm-up" else "power" if g == 0 else "accessory" if g == 5 else "compound" if main_done else "main")
        main_done = main_done or role == "main"
        ramp = 0
        if any(x in BARBELL for x in e.exercise.equipment) and e.unit == "reps":
            ramp = 1 if ramped else (3 if e.reps[1] <= 8 else 2)
            ramped = True
        out.append(e._replace(role=role, warmup_sets=ramp))
    main = next((i for i, e in enumerate(out) if e.role == "main"), None)
    if main is not None and old_main is not None and out[main].exercise.slug != old_main.exercise.slug:
        was = next(i for i, e in enumerate(out) if e.exercise.slug == old_main.exercise.slug)
        if out[was].sets > out[main].sets:
            out[main], out[was] = out[main]._replace(sets=out[was].sets), out[was]._replace(sets=out[main].sets)
    return out


def _mark_new(weeks: list[Week], level: str) -> list[Week]:
    """A complex lift is marked new (start light) in the first week it appears."""
    seen: set[str] = set()
    out = []
    for w in weeks:
        here = {e.exercise.slug for s in w.sessions for e in s.exercises}
        sessions = tuple(s._replace(exercises=tuple(e._replace(new=is_complex(e.exercise, level) and e.exercise.slug not in seen)
                                                    for e in s.exercises)) for s in w.sessions)
        out.append(w._replace(sessions=sessions))
        seen |= here
    return out


# --- the plan ---------------------------------------------------------------------------------------


MIN_PHASE_WEEKS = 2


def _phases_that_fit(phases: Sequence[Phase], weeks: int) -> tuple[Phase, ...]:
    """A short plan keeps only the phases that get two weeks or more (the last ones go first): a 4-week
    beginner plan is Contact then Load, never a one-week Strength phase on paper."""
    kept = tuple(phases)
    while len(kept) > 1 and min(split_weeks(weeks, kept)) < MIN_PHASE_WEEKS:
        kept = kept[:-1]
        total = sum(p.share for p in kept)
        kept = tuple(p._replace(share=p.share / total) for p in kept)
    return kept


def split_weeks(total: int, phases: Sequence[Phase]) -> list[int]:
    """Weeks per phase by share (largest remainder), each phase at least one week."""
    exact = [p.share * total for p in phases]
    weeks = [max(1, int(x)) for x in exact]
    order = sorted(range(len(phases)), key=lambda i: (-(exact[i] - int(exact[i])), i))
    i = 0
    while sum(weeks) < total:
        weeks[order[i % len(order)]] += 1
        i += 1
    while sum(weeks) > total:
        j = max(range(len(weeks)), key=lambda k: (weeks[k], -k))
        weeks[j] -= 1
    return weeks


LIGHTER_SPACING = 3  # lighter weeks at least this many weeks apart
LIGHTER_BLOCK = 3  # a loaded phase this long ends with a lighter week


def lighter_weeks(phases: Sequence[Phase], split: Sequence[int], every: int) -> set[int]:
    """The plan's lighter weeks: at the end of each loaded phase of three weeks or more (after the block's
    peak), and within a long phase every `every` weeks; never the first week of a phase, never the
    Contact phase, and at least three weeks apart."""
    out: set[int] = set()
    first = 1
    for phase, n in zip(phases, split, strict=True):
        weeks = range(first, first + n)
        first += n
        if phase.contact_check or not every:
            continue
        wanted = [w for w in weeks if (w - weeks[0] + 1) % every == 0] + ([weeks[-1]] if n >= LIGHTER_BLOCK else [])
        for w in sorted(set(wanted)):
            if w != weeks[0] and all(abs(w - o) >= LIGHTER_SPACING for o in out):
                out.add(w)
    return out


def barred(ex: Exercise, profile: Profile, still_covers: frozenset[str]) -> bool:
    """A caution a plan does not schedule: what the exercise loads is restricted by a declared condition
    (its own technique advice is shown instead), unless the condition keeps such work in a pain-free
    range (knee pain: squats and lunges stay, to a pain-free depth)."""
    return any(c.level == "caution" and c.derived and c.condition in profile.pains and c.condition not in still_covers
               for c in ex.contraindications)


def allowed(cat: Catalogue, goal: Goal, profile: Profile) -> list[Exercise]:
    """What a plan may use for this person: nothing above their level, nothing their equipment, the
    goal's excluded equipment or a declared condition rules out (engine.exclusion), nothing barred."""
    return [ex for ex in cat.exercises.values() if exclusion(ex, goal, profile) is None and not barred(ex, profile, cat.still_covers)]


def session_minutes(level: str, days: int) -> tuple[int, int]:
    """A session's length bounds: with five or six days a week a session may be shorter."""
    low, high = SESSION_MINUTES[level]
    return (min(low, SHORT_WEEK_LOW) if days >= 5 else low, high)


def _in_phase(ex: Exercise, phase: Phase) -> bool:
    if ex.complexity > phase.max_complexity:
        return False
    if ex.pattern != "power" and ex.contact_ease < phase.min_contact_ease:
        return False
    return phase.equipment is None or all(e in phase.equipment for e in ex.equipment)


def _scores(cat: Catalogue, goal: Goal, profile: Profile, pool: Sequence[Exercise]) -> dict[str, Scored]:
    """The engine's score of each exercise for the goal (the same rules, reasons and dose as recommend)."""
    rules = active_rules(goal, profile)
    return {ex.slug: scored(ex, score(ex, goal, profile, rules), dose_for(ex, goal, profile.level, cat.heavy_rest_s)) for ex in pool}


def _caution_note(ex: Exercise, profile: Profile) -> str:
    notes_ = [c.note for c in ex.contraindications if c.condition in profile.pains and c.level in ("caution", "advice")]
    return " ".join(dict.fromkeys(notes_))


class _Built(NamedTuple):
    weeks: list[Week]
    reasons: dict[tuple[str, str], str]
    changes: tuple[str, ...]
    exercises: list[str]  # slugs in the phase, in order of appearance


def _phase_weeks(cat: Catalogue, goal: Goal, profile: Profile, phase: Phase, phase_goal: Goal, week_nos: list[int],
                 scores: dict[str, Scored], pool: list[Exercise], everything: list[Exercise], ranges: Ranges,
                 lighter: set[int], introduced: set[str], weekdays: tuple[int, ...], warm_up: list[PlannedExercise],
                 last_hard: dict[str, float], shown: set[str]) -> _Built:
    level = profile.level
    preferred = set(phase.preferred)

    def key(s: Scored) -> float:
        return s.score + (PREFER_POINTS if s.exercise.slug in preferred else 0.0)

    def ranked(exs: list[Exercise]) -> list[Scored]:
        return sorted((scores[ex.slug] for ex in exs if _in_phase(ex, phase)), key=lambda s: (-key(s), s.exercise.slug))

    cands, reference = ranked(pool), ranked(everything)
    needs = _needs(phase, phase_goal, goal, cands)
    picks = [_order(day, d, len(needs)) for d, day in enumerate(_choose_week(cands, needs, phase_goal, phase, weekdays, key))]
    wanted = _choose_week(reference, needs, phase_goal, phase, weekdays, key)
    reasons: dict[tuple[str, str], str] = {}
    days = [_planned(cat, day, phase_goal, phase, level, _subs(goal, profile, day, wanted[d], reasons)) for d, day in enumerate(picks)]
    extras = _planned(cat, [Pick(len(needs), s) for s in cands if s.exercise.pattern not in COMPOUND and s.exercise.pattern != "power"],
                      phase_goal, phase, level, {})
    spare = [list(extras) for _ in days]
    bounds = (0, session_minutes(level, len(weekdays))[1])  # length follows volume: no floor that pads sessions
    targets = list(ranges)
    loaded = not phase.contact_check
    fit(days, targets, ranges, phase.sets, bounds, loaded, spare, needs)
    if loaded:
        for day in days:  # the session's main lift: at least 3 working sets
            day[:] = [e._replace(sets=max(e.sets, MAIN_MIN_SETS)) if e.role == "main" else e for e in day]

    # New exercises: at most NEW_PER_WEEK a week after the plan's first week, each light in its first
    # week; until its week, something the person already does stands in (or nothing: volume starts low).
    fresh = list(dict.fromkeys(e.exercise.slug for day in days for e in day if e.exercise.slug not in introduced))
    first_plan_week = week_nos[0] == 1
    fresh = _introduction_order(cat, fresh, introduced, needs)
    per_week = len(fresh) if first_plan_week else NEW_PER_WEEK
    start = {slug: week_nos[0] + i // max(1, per_week) for i, slug in enumerate(fresh)}
    out: list[Week] = []
    loaded_week = 0
    for w in week_nos:
        deload = w in lighter
        known = introduced | {slug for slug, k in start.items() if k <= w}
        sessions = [_week_day(cat, target, start, known, w, cands, level, phase_goal, phase, deload, profile, reasons) for target in days]
        if warm_up and w - week_nos[0] < WARM_UP_WEEKS and loaded:
            sessions = [_with_warm_up(day, warm_up, d) for d, day in enumerate(sessions)]
        if loaded and not deload:
            ceiling = ramp(ranges, loaded_week, last_hard)
            sessions = build_up([_finish(day) for day in sessions], ceiling)
            trim(sessions, ceiling, needs, bounds[1])
            loaded_week += 1
        sessions = _hold_back_new(sessions, shown, w == 1)
        sessions = [_finish(day) for day in sessions]
        built = tuple(Session(d + 1, tuple(items), minutes_of(items), weekdays[d]) for d, items in enumerate(sessions))
        week = Week(w, phase.name, deload, region_sets(built), built, hard_sets(built), practice_sets(built))
        if loaded and not deload:
            last_hard.clear()
            last_hard.update(week.hard_sets)
        out.append(week)
    introduced.update(fresh)
    order = list(dict.fromkeys(e.exercise.slug for wk in out for s in wk.sessions for e in s.exercises if e.role != "warm-up"))
    return _Built(out, reasons, _intro_text(cat, {k: v for k, v in start.items() if not first_plan_week}), order)


def _introduction_order(cat: Catalogue, fresh: list[str], known: set[str], needs: list[tuple[str, ...]]) -> list[str]:
    """The order new exercises come in: first the one that covers each pattern of a need nothing known
    covers yet, then the simplest (a ladder's lower rung before its top: complexity, then load)."""
    covered = {cat.exercises[s].pattern for s in known}
    first_of: dict[str, str] = {}
    for slug in fresh:
        first_of.setdefault(cat.exercises[slug].pattern, slug)
    wanted = {first_of[p] for n in needs for p in n if p in first_of and p not in covered}

    def key(slug: str) -> tuple[bool, int, int, int]:
        ex = cat.exercises[slug]
        return (slug not in wanted, ex.complexity, ex.load_potential, fresh.index(slug))
    return sorted(fresh, key=key)


def _with_warm_up(day: list[PlannedExercise], warm_up: list[PlannedExercise], d: int) -> list[PlannedExercise]:
    """One Contact drill first, taking turns by day, never one the session already holds (or its family)."""
    taken = {e.exercise.family for e in day} | {e.exercise.slug for e in day}
    options = [x for x in warm_up[d % len(warm_up):] + warm_up[:d % len(warm_up)] if x.exercise.slug not in taken and x.exercise.family not in taken]
    return [options[0], *day] if options else day


def _needs(phase: Phase, phase_goal: Goal, goal: Goal, cands: list[Scored]) -> list[tuple[str, ...]]:
    """What a phase's sessions cover: its goal's needs; a Contact phase adds the first need of the goal
    the person asked for (hops for a sprinter, sit-to-stands for everyday strength) where a drill open to
    the phase meets it."""
    needs = list(phase_goal.needs)
    if phase.contact_check:
        own = goal.needs[0] if goal.needs else ()
        if own and own not in needs and any(s.exercise.pattern in own for s in cands):
            needs = [needs[0], own, *needs[1:]]
        return needs
    return [n for n in needs if any(s.exercise.pattern in n for s in cands)] or needs


def _subs(goal: Goal, profile: Profile, day: list[Pick], wanted: list[Pick], reasons: dict[tuple[str, str], str]) -> dict[int, str]:
    """Which of a day's picks stand in for an exercise the person's equipment rules out, and why."""
    ideal = {p.need: p.item.exercise for p in wanted if p.slot}
    have = {p.item.exercise.slug for p in day}
    subs: dict[int, str] = {}
    for i, p in enumerate(day):
        want = ideal.get(p.need)
        if p.slot and want is not None and want.slug != p.item.exercise.slug and want.slug not in have:
            why = exclusion(want, goal, profile)
            if why is not None and why.kind == "equipment":
                subs[i] = want.slug
                reasons[(want.slug, p.item.exercise.slug)] = f"{want.name} {why.reason}: {p.item.exercise.name} is used instead."
    return subs


def _week_day(cat: Catalogue, target: list[PlannedExercise], start: dict[str, int], known: set[str], w: int, cands: list[Scored], level: str,
              goal: Goal, phase: Phase, deload: bool, profile: Profile, reasons: dict[tuple[str, str], str]) -> list[PlannedExercise]:
    """One day of week w: exercises not yet introduced are stood in for by one the person knows (or
    left out); a lighter week halves the sets; a declared condition's caution goes with each."""
    items: list[PlannedExercise] = []
    for e in target:
        slug = e.exercise.slug
        if slug in start and w < start[slug]:
            stand = _stand_in(cat, e, target, items, cands, level, known, goal, phase)
            if stand is None:
                continue
            reasons[(slug, stand.exercise.slug)] = (f"New exercises come in at most {NEW_PER_WEEK} a week: {stand.exercise.name}, which you "
                                                    f"already do, stands in for {e.exercise.name} in the weeks listed.")
            e = stand
        if deload:
            e = e._replace(sets=max(1, (e.sets + 1) // 2))
        if profile.pains:
            e = e._replace(note=_caution_note(e.exercise, profile))
        items.append(e)
    return items


def _intro_text(cat: Catalogue, start: dict[str, int]) -> tuple[str, ...]:
    if not start:
        return ()
    listed = ", ".join(f"{cat.exercises[s].name} (week {w})" for s, w in start.items())
    return (f"New exercises, at most {NEW_PER_WEEK} a week, each light in its first week: {listed}.",)


def _stand_in(cat: Catalogue, e: PlannedExercise, day: list[PlannedExercise], so_far: list[PlannedExercise], cands: list[Scored],
              level: str, known: set[str], goal: Goal, phase: Phase) -> PlannedExercise | None:
    """A simpler exercise of the same pattern for the weeks before a complex lift comes in: one of its
    regressions first, then the best ranked; never a heavy hinge in place of a lighter lift."""
    taken = {x.exercise.slug for x in day} | {x.exercise.slug for x in so_far}
    families = {x.exercise.family for x in day if x.exercise.slug != e.exercise.slug} | {x.exercise.family for x in so_far}
    by_slug = {s.exercise.slug: s.exercise for s in cands}
    options = [by_slug[r] for r in e.exercise.regressions if r in by_slug] + [s.exercise for s in cands]
    for ex in options:
        if (ex.pattern != e.exercise.pattern or ex.slug in taken or ex.family in families or ex.effort < min(2, e.exercise.effort)
                or ex.slug not in known or (is_heavy_hinge(ex) and not is_heavy_hinge(e.exercise))):
            continue
        d = dose_in(cat, ex, goal, phase, level)
        ramp = e.warmup_sets if any(x in BARBELL for x in ex.equipment) and d.unit == "reps" else 0
        return PlannedExercise(ex, e.sets, d.reps, tempo_for(ex, d.unit, phase), d.rest_s, cue_for(ex), d.unit, d.per_side, ramp,
                               e.role, replaces=e.exercise.slug)
    return None


def _some(names: list[str], most: int = 6) -> str:
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")


def _changes(cat: Catalogue, before: _Built | None, now: _Built, phase: Phase, previous: Phase | None) -> tuple[str, ...]:
    if before is None or previous is None:
        return now.changes
    out = []
    came = [cat.exercises[s].name for s in now.exercises if s not in before.exercises]
    went = [cat.exercises[s].name for s in before.exercises if s not in now.exercises]
    if came:
        out.append("In: " + _some(came) + ".")
    if went:
        out.append("Out: " + _some(went) + ".")
    def ranges(b: _Built) -> dict[str, tuple[int, int]]:
        return {e.exercise.slug: e.reps for w in b.weeks for s in w.sessions for e in s.exercises}
    old, new = ranges(before), ranges(now)
    lowered = sorted({cat.exercises[slug].name for slug, reps in new.items() if slug in old and reps != old[slug]})
    if phase.reps != (0, 0) and lowered:  # said only when a session shows it: the printed plan never contradicts itself
        out.append(f"Heavy main lifts go to {phase.reps[0]}-{phase.reps[1]} reps (or your goal's range if lower), "
                   f"resting at least {phase.rest_s} s: {_some(lowered)}.")
    if previous.contact_check and not phase.contact_check:
        out.append("Contact ratings no longer decide when you move on: performance does (top of the range at 0-3 reps in reserve).")
    return (*out, *now.changes)


def build(cat: Catalogue, goal: Goal, profile: Profile, weeks: int = 8, days_per_week: int = 3, contact: bool = True) -> Plan:
    """The plan for a goal and person; `contact=False` leaves out a Contact phase (a log shows you past it)."""
    if not 4 <= weeks <= 16:
        raise UsageError(f"--weeks must be between 4 and 16 (got {weeks}).")
    if not 1 <= days_per_week <= 6:
        raise UsageError(f"--days-per-week must be between 1 and 6 (got {days_per_week}).")
    template = cat.plans[profile.level]
    if not contact and template.phases[0].contact_check and len(template.phases) > 1:
        rest = template.phases[1:]
        total = sum(p.share for p in rest)
        template = template._replace(phases=tuple(p._replace(share=p.share / total) for p in rest))
    profile = with_favours(cat, profile)
    pool = allowed(cat, goal, profile)
    everything = allowed(cat, goal, profile._replace(equipment=None))
    weekdays = WEEKDAYS[days_per_week]
    by_goal: dict[str, dict[str, Scored]] = {}
    introduced: set[str] = set()
    spans: list[PhaseSpan] = []
    all_weeks: list[Week] = []
    reasons: dict[tuple[str, str], str] = {}
    before: _Built | None = None
    previous: Phase | None = None
    week_no = 1
    template = template._replace(phases=_phases_that_fit(template.phases, weeks))
    split = split_weeks(weeks, template.phases)
    lighter = lighter_weeks(template.phases, split, template.deload_every)
    targets = tuple(r for r, w in goal.regions.items() if w >= 0.2)
    ranges = ranges_for(targets, template.weekly_sets, template.small_sets)
    warm_up: list[PlannedExercise] = []
    last_hard: dict[str, float] = {}  # the last loaded week's hard sets: the next adds at most RISE_PER_WEEK
    shown: set[str] = set()  # exercises already in a week of the plan
    for phase, n in zip(template.phases, split, strict=True):
        phase_goal = cat.goals[phase.goal] if phase.goal else goal
        scores = by_goal.setdefault(phase_goal.name, {})
        scores.update(_scores(cat, phase_goal, profile, [ex for ex in everything if ex.slug not in scores and _in_phase(ex, phase)]))
        nos = list(range(week_no, week_no + n))
        built = _phase_weeks(cat, goal, profile, phase, phase_goal, nos, scores, pool, everything,
                             ranges, lighter, introduced, weekdays, warm_up, last_hard, shown)
        warm_up = _warm_ups(built) if phase.contact_check else []  # only the first loaded phase keeps Contact drills
        spans.append(PhaseSpan(phase, phase_goal.name, tuple(nos), _changes(cat, before, built, phase, previous)))
        all_weeks.extend(built.weeks)
        reasons.update(built.reasons)
        before, previous, week_no = built, phase, week_no + n
    all_weeks = _mark_new(all_weeks, profile.level)
    subs = _substitutions(all_weeks, reasons)
    return Plan(profile.level, goal, weeks, days_per_week, tuple(spans), tuple(all_weeks), subs,
                _notes(cat, goal, profile, any(e.warmup_sets for w in all_weeks for s in w.sessions for e in s.exercises), ranges,
                       template.volume_source),
                template.weekly_sets, targets, _minutes(all_weeks), ranges=ranges, volume_source=template.volume_source)


def _minutes(weeks: list[Week]) -> tuple[int, int]:
    """The shortest and longest session outside lighter weeks: length follows the volume."""
    found = [s.minutes for w in weeks if not w.deload for s in w.sessions] or [0]
    return (min(found), max(found))


def _hold_back_new(sessions: list[list[PlannedExercise]], shown: set[str], first_week: bool) -> list[list[PlannedExercise]]:
    """At most NEW_PER_WEEK exercises appear for the first time in a week after the plan's first (one the
    volume kept out of its first weeks counts when it comes): the extra ones wait; never an empty session."""
    fresh = list(dict.fromkeys(e.exercise.slug for day in sessions for e in day if e.exercise.slug not in shown))
    late = set() if first_week else set(fresh[NEW_PER_WEEK:])
    out = []
    for day in sessions:
        kept = [e for e in day if e.exercise.slug not in late]
        if not any(e.role != "warm-up" for e in kept):
            kept = list(day)
        out.append(kept)
    shown.update(e.exercise.slug for day in out for e in day)
    return out


def _warm_ups(contact: _Built) -> list[PlannedExercise]:
    """The Contact drills that stay on as a warm-up in the first loaded weeks: one a session, one set short."""
    first = contact.weeks[-1]
    drills = list({e.exercise.slug: e for s in first.sessions for e in s.exercises if e.exercise.pattern != "power"}.values())
    return [e._replace(sets=max(1, min(2, e.sets - 1)), role="warm-up",
                      note=" ".join(x for x in ("Warm-up: feel the glutes before the loaded work.", e.note) if x))
            for e in drills[:2]]


def _substitutions(weeks: list[Week], reasons: dict[tuple[str, str], str]) -> tuple[Substitution, ...]:
    """Every stand-in the plan uses, with the weeks it is used: the list is read off the sessions."""
    found: dict[tuple[str, str], list[int]] = {}
    for w in weeks:
        for s in w.sessions:
            for e in s.exercises:
                if e.replaces:
                    found.setdefault((e.replaces, e.exercise.slug), [])
                    if w.week not in found[(e.replaces, e.exercise.slug)]:
                        found[(e.replaces, e.exercise.slug)].append(w.week)
    return tuple(Substitution(a, b, reasons[(a, b)], tuple(ws)) for (a, b), ws in found.items())


def _notes(cat: Catalogue, goal: Goal, profile: Profile, ramps: bool, ranges: Ranges, source: str) -> tuple[str, ...]:
    out = []
    if profile.level == "beginner":
        out.append("Contact phase: after each exercise rate 0-10 how clearly you felt your glutes work (log add ... --contact N); "
                   "it ends when every exercise is 7 or more twice, usually in 2-4 weeks, and the later weeks move with it.")
    out.append("Progress: when you reach the top of the range on every working set at 0-3 reps in reserve, pain-free, add load "
               "(about 2.5%, in 2.5 kg or 5 lb steps) or, without load, a set; at 0 in reserve, progress and stop one rep earlier next time.")
    out.append("Lighter weeks: at the end of a loaded phase of three weeks or more, never a phase's first week, at least three weeks "
               "apart (about half the sets, about 10% under your working loads, 3-4 reps in reserve); 'plan next' also proposes one when "
               "two lifts stall over three sessions or pain rises over three logs.")
    span = "; ".join(f"{r.replace('gluteus-', '')} {lo}-{hi}" for r, (lo, hi) in ranges.items())
    if span:
        out.append(f"Volume: hard sets a week per target region ({span}), from the lower half of the range in each loaded phase, "
                   f"adding up to {2} a week, never above the ceiling ({source}). Only sets at effort 3 or more count as hard sets; "
                   "contact and activation drills are practice, counted apart.")
    if ramps:
        out.append("Ramp sets: before a barbell lift, the lighter sets shown (about 40%, 60% and 80% of the working load); they count toward nothing.")
    out.extend(notes(cat, goal, profile))
    return tuple(out)
