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
from typing import Any, NamedTuple

from glutecoach.core.dose import COMPOUND, dose_for, is_heavy_compound
from glutecoach.core.engine import Scored, active_rules, exclusion, notes, score, scored, with_favours
from glutecoach.core.models import Catalogue, Dose, Exercise, Goal, Phase, Profile
from glutecoach.core.vocab import PATTERN_CAP, REGIONS
from glutecoach.core.volume import SET_RULE, set_value, set_values
from glutecoach.errors import UsageError

SESSION_MINUTES = {"beginner": (20, 40), "intermediate": (45, 75), "advanced": (45, 75)}
SHORT_WEEK_LOW = 30  # the shortest session with five or six sessions a week (the week's volume is shared out)
COMPLEX_FROM = {"beginner": 3, "intermediate": 4, "advanced": 5}  # complexity that is new technique at a level
NEW_COMPLEX_PER_WEEK = 2
HEAVY_HINGES_PER_WEEK = 2
MAIN_MIN_SETS = 3  # the nudger never cuts a main lift below this while accessories keep 3 or more
ACCESSORY_MIN_SETS = 2
MOST_EXERCISES = 7
PREFER_POINTS = 8.0  # a phase's preferred exercise is chosen over one that scores up to this much more
ROTATE_POINTS = 10.0  # days rotate among the options of a need within this many points of the best
WEEKDAYS = {1: (0,), 2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 4, 5), 6: (0, 1, 2, 3, 4, 5)}
BARBELL = ("barbell", "trap-bar")
LOAD_STEPS = {"kg": 2.5, "lb": 5.0}  # the smallest load change, by default (a saved plan may set its own)

# Work per set in seconds, by unit, for a session's length (rest between sets is the dose's).
WORK_S: dict[str, Callable[[int], float]] = {
    "reps": lambda n: 3.0 * n, "seconds": float, "contacts": lambda n: 2.0 * n + 10,
    "metres": lambda n: 0.4 * n + 10, "steps": lambda n: 1.2 * n,
}
WARM_UP_S, CHANGEOVER_S, RAMP_SET_S = 300, 120, 90  # a general warm-up; moving and setting up; a ramp set
TEMPO = {"seconds": "hold still and breathe; keep the squeeze", "contacts": "land softly, reset between reps; stop when they slow",
         "metres": "fast, tall and relaxed; walk back to recover", "steps": "small steady steps, keep the band taut"}
POWER_TEMPO = "explosive; stop the set before the reps slow down"


class PlannedExercise(NamedTuple):
    exercise: Exercise
    sets: int  # working sets
    reps: tuple[int, int]  # in `unit`
    tempo: str
    rest_s: int
    cue: str
    unit: str = "reps"
    per_side: bool = False
    warmup_sets: int = 0  # lighter ramp sets first: shown, never counted
    role: str = "accessory"  # power | main | compound | accessory
    new: bool = False  # a complex lift's first week: start light
    replaces: str | None = None  # the slug it stands in for (see Plan.substitutions)
    note: str = ""


class Session(NamedTuple):
    day: int
    exercises: tuple[PlannedExercise, ...]
    minutes: int = 0  # about, warm-up included
    weekday: int = 0  # 0 Monday

    @property
    def contacts(self) -> int:
        """Foot contacts at the top of the ranges (both legs for one-legged drills)."""
        return sum(e.sets * e.reps[1] * (2 if e.per_side else 1) for e in self.exercises if e.unit == "contacts")


class Week(NamedTuple):
    week: int
    phase: str
    deload: bool
    region_sets: dict[str, float]
    sessions: tuple[Session, ...]


class Substitution(NamedTuple):
    wanted: str
    used: str
    reason: str
    weeks: tuple[int, ...] = ()  # the weeks `used` stands in for `wanted`


class PhaseSpan(NamedTuple):
    phase: Phase
    goal: str  # whose ranking and dose
    weeks: tuple[int, ...]
    changes: tuple[str, ...] = ()  # what changes on entering it


class Plan(NamedTuple):
    level: str
    goal: Goal
    weeks_total: int
    days_per_week: int
    phases: tuple[PhaseSpan, ...]
    weeks: tuple[Week, ...]
    substitutions: tuple[Substitution, ...]
    notes: tuple[str, ...]
    weekly_sets: tuple[int, int] = (6, 10)  # target fractional sets a week per target region
    targets: tuple[str, ...] = ()  # the goal's target regions (weight >= 0.2)
    minutes: tuple[int, int] = (20, 40)  # session length bounds
    set_rule: str = SET_RULE


class PlanChoice(NamedTuple):
    """The plan a person chose with `plan start` (saved by glutecoach.store.saved_plan): its options,
    its first day and the smallest load change per unit, which `plan next` rounds loads to."""

    level: str
    goal: str
    weeks: int = 8
    days_per_week: int = 3
    equipment: tuple[str, ...] | None = None  # None: everything; (): body weight only
    pains: tuple[str, ...] = ()
    start: str = ""  # YYYY-MM-DD
    load_step: tuple[tuple[str, float], ...] = tuple(LOAD_STEPS.items())  # (unit, step)
    contact: bool = True  # False: the Contact phase is left out (the log showed the lifter past it)

    @property
    def profile(self) -> Profile:
        return Profile(self.level, None if self.equipment is None else frozenset(self.equipment), self.pains)

    @property
    def steps(self) -> dict[str, float]:
        return {**LOAD_STEPS, **dict(self.load_step)}

    def as_json(self) -> dict[str, Any]:
        return {
            "version": 1, "level": self.level, "goal": self.goal, "weeks": self.weeks, "days_per_week": self.days_per_week,
            "equipment": None if self.equipment is None else list(self.equipment), "pains": list(self.pains),
            "start": self.start, "load_step": self.steps, "contact": self.contact,
        }


# --- counting, dosing, timing ---------------------------------------------------------------------


def region_sets(sessions: Sequence[Session]) -> dict[str, float]:
    totals = [0.0] * len(REGIONS)
    for s in sessions:
        for e in s.exercises:
            for i, v in enumerate(set_values(e.exercise)):
                totals[i] += e.sets * v
    return dict(zip(REGIONS, totals, strict=True))


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


def session_seconds(items: Sequence[PlannedExercise]) -> float:
    total = float(WARM_UP_S)
    for e in items:
        work = WORK_S.get(e.unit, WORK_S["reps"])(e.reps[1])
        if e.per_side:
            work = 2 * work + 10
        total += e.warmup_sets * RAMP_SET_S + e.sets * work + max(0, e.sets - 1) * e.rest_s + CHANGEOVER_S
    return total


def minutes_of(items: Sequence[PlannedExercise]) -> int:
    return round(session_seconds(items) / 60)


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
        return not (is_heavy_hinge(ex) and not week.hinge_ok(d))

    def take(need: int, s: Scored, slot: bool = False) -> None:
        chosen.append(Pick(need, s, slot))
        if is_heavy_hinge(s.exercise):
            week.hinge_days.append(d)

    for i, need in enumerate(needs):
        if len(chosen) >= phase.exercises_per_session:
            break
        close: list[Scored] = []  # the options within ROTATE_POINTS of the best, never a drill where the best is real work
        for s in cands:
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


def _group(ex: Exercise) -> int:
    return 0 if ex.pattern == "power" else 1 if ex.pattern in COMPOUND else 2


def _finish(items: list[PlannedExercise]) -> list[PlannedExercise]:
    """A session in order (power, the heaviest compound, the other compounds, accessories; a stable sort
    keeps each day's turn), with its roles and its ramp sets; a new main lift takes the old one's sets."""
    old_main = next((e for e in items if e.role == "main"), None)
    order = sorted(range(len(items)), key=lambda i: (_group(items[i].exercise), -items[i].exercise.complexity if _group(items[i].exercise) == 0
                                                      else -items[i].exercise.load_potential if _group(items[i].exercise) == 1 else 0, i))
    out: list[PlannedExercise] = []
    main_done = ramped = False
    for i in order:
        e = items[i]
        g = _group(e.exercise)
        role = "power" if g == 0 else "accessory" if g == 2 else "compound" if main_done else "main"
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


# --- sets: the volume nudger and the session's length ---------------------------------------------


def _floor(e: PlannedExercise, dosed: int) -> int:
    if e.role == "power":
        return dosed
    return min(dosed, MAIN_MIN_SETS if e.role == "main" else ACCESSORY_MIN_SETS)


def _fit(days: list[list[PlannedExercise]], targets: Sequence[str], weekly: tuple[int, int], cap: int, bounds: tuple[int, int],
         volume: bool, spare: list[list[PlannedExercise]], needs: Sequence[tuple[str, ...]]) -> None:
    """Sets nudged one at a time: each target region's weekly fractional sets into `weekly` (when
    `volume`), every session within `bounds` minutes; accessories are cut before compounds, and a
    main lift never goes below 3 sets or below an accessory's sets. When every set is at its floor, an
    accessory or a second compound goes, as long as the week still covers each need. `spare[d]`:
    exercises day d may add to reach the session's length."""
    low, high = weekly
    dosed = {(d, i): e.sets for d, day in enumerate(days) for i, e in enumerate(day)}
    rank = {"accessory": 0, "compound": 1, "main": 2, "power": 3}

    def totals() -> dict[str, float]:
        return region_sets([Session(0, tuple(day)) for day in days])

    def more(d: int, i: int, most: int, now: dict[str, float], region: str | None, short: list[int]) -> bool:
        """May day d's exercise i take one more set (at most `most`)?"""
        e = days[d][i]
        main = next((x.sets for x in days[d] if x.role == "main"), cap)
        return (e.role != "power" and e.sets < min(cap, most, cap if e.role == "main" else main)
                and (not volume or all(now[r] + set_value(e.exercise, r) <= high for r in targets))
                and (region is None or set_value(e.exercise, region) > 0) and (region is not None or d in short)
                and minutes_of([*days[d][:i], e._replace(sets=e.sets + 1), *days[d][i + 1:]]) <= bounds[1])

    def grow(compounds_only: bool, most: Callable[[int, int], int], now: dict[str, float], region: str | None, short: list[int]) -> bool:
        pool = [(d, i) for d, day in enumerate(days) for i, e in enumerate(day)
                if (e.role in ("main", "compound") or not compounds_only) and more(d, i, most(d, i), now, region, short)]
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
        over = [r for r in targets if now[r] > high] if volume else []
        under = [r for r in targets if now[r] < low] if volume else []
        long = [d for d, day in enumerate(days) if minutes_of(day) > bounds[1]]
        if over or long:
            worst = max(over, key=lambda r: now[r]) if over else None
            pool = [(d, i) for d, day in enumerate(days) for i, e in enumerate(day)
                    if e.sets > _floor(e, dosed.get((d, i), e.sets)) and (worst is None or set_value(e.exercise, worst) > 0)
                    and (worst is not None or d in long)]
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
        if under and (grow(False, no_limit, now, region, short)
                      or any(_add_spare(days, d, spare, bounds, now, targets, high, region) for d in range(len(days)))):
            continue
        if short and (grow(True, no_limit, now, None, short)
                      or any(_add_spare(days, d, spare, bounds, now, targets, high if volume else None) for d in short)
                      or grow(False, one_more, now, None, short)):
            continue
        break
    for day in days:  # nothing has more sets than the main lift
        main = next((e.sets for e in day if e.role == "main"), None)
        if main is not None:
            day[:] = [e._replace(sets=main) if e.role != "power" and e.sets > main else e for e in day]


def _drop(days: list[list[PlannedExercise]], region: str | None, long: list[int], needs: Sequence[tuple[str, ...]]) -> bool:
    """Take out one exercise (never a main lift or power, never a session's last two, never a need's
    last cover in the week): one that counts for `region`, or one from a session that runs long."""
    def covers(pattern: str) -> int:
        group = next((n for n in needs if pattern in n), (pattern,))
        return sum(e.exercise.pattern in group for day in days for e in day)

    rank = {"accessory": 0, "compound": 1}
    pool = [(d, i) for d, day in enumerate(days) if len(day) > 2 and (region is not None or d in long) for i, e in enumerate(day)
            if e.role in rank and (region is None or set_value(e.exercise, region) > 0)
            and (covers(e.exercise.pattern) > 1 or not any(e.exercise.pattern in n for n in needs))]
    if not pool:
        return False
    d, i = min(pool, key=lambda k: (any(days[k[0]][k[1]].exercise.pattern in n for n in needs), rank[days[k[0]][k[1]].role],
                                    -len(days[k[0]]), -k[0], -k[1]))
    del days[d][i]
    return True


def _add_spare(days: list[list[PlannedExercise]], d: int, spare: list[list[PlannedExercise]], bounds: tuple[int, int],
               now: dict[str, float], targets: Sequence[str], high: int | None, region: str | None = None) -> bool:
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
        if region is not None and set_value(e.exercise, region) <= 0:
            continue
        if high is not None and any(now[r] + e.sets * set_value(e.exercise, r) > high for r in targets):
            continue
        if minutes_of([*day, e]) > bounds[1]:
            continue
        day.append(e)
        spare[d][:] = [x for x in spare[d] if x.exercise.slug != e.exercise.slug]
        return True
    return False


# --- the plan ---------------------------------------------------------------------------------------


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
    notes_ = [c.note for c in ex.contraindications if c.condition in profile.pains and c.level == "caution"]
    return " ".join(dict.fromkeys(notes_))


class _Built(NamedTuple):
    weeks: list[Week]
    reasons: dict[tuple[str, str], str]
    changes: tuple[str, ...]
    exercises: list[str]  # slugs in the phase, in order of appearance


def _phase_weeks(cat: Catalogue, goal: Goal, profile: Profile, phase: Phase, phase_goal: Goal, week_nos: list[int],
                 scores: dict[str, Scored], pool: list[Exercise], everything: list[Exercise], template_weekly: tuple[int, int],
                 lighter: set[int], introduced: set[str], weekdays: tuple[int, ...]) -> _Built:
    level = profile.level
    preferred = set(phase.preferred)

    def key(s: Scored) -> float:
        return s.score + (PREFER_POINTS if s.exercise.slug in preferred else 0.0)

    def ranked(exs: list[Exercise]) -> list[Scored]:
        return sorted((scores[ex.slug] for ex in exs if _in_phase(ex, phase)), key=lambda s: (-key(s), s.exercise.slug))

    cands, reference = ranked(pool), ranked(everything)
    needs = list(phase_goal.needs)
    if not phase.contact_check:
        needs = [n for n in needs if any(s.exercise.pattern in n for s in cands)] or needs
    picks = [_order(day, d, len(needs)) for d, day in enumerate(_choose_week(cands, needs, phase_goal, phase, weekdays, key))]
    wanted = _choose_week(reference, needs, phase_goal, phase, weekdays, key)
    reasons: dict[tuple[str, str], str] = {}
    days: list[list[PlannedExercise]] = []
    for d, day in enumerate(picks):
        ideal = {p.need: p.item.exercise for p in wanted[d] if p.slot}
        have = {p.item.exercise.slug for p in day}
        subs: dict[int, str] = {}
        for i, p in enumerate(day):
            want = ideal.get(p.need)
            if p.slot and want is not None and want.slug != p.item.exercise.slug and want.slug not in have:
                why = exclusion(want, goal, profile)
                if why is not None and why.kind == "equipment":
                    subs[i] = want.slug
                    reasons[(want.slug, p.item.exercise.slug)] = f"{want.name} {why.reason}: {p.item.exercise.name} is used instead."
        days.append(_planned(cat, day, phase_goal, phase, level, subs))
    extras = _planned(cat, [Pick(len(needs), s) for s in cands if s.exercise.pattern not in COMPOUND and s.exercise.pattern != "power"],
                      phase_goal, phase, level, {})
    spare = [list(extras) for _ in days]
    bounds = session_minutes(level, len(weekdays))
    targets = [r for r, w in goal.regions.items() if w >= 0.2]
    _fit(days, targets, template_weekly, phase.sets, bounds, not phase.contact_check, spare, needs)

    # New complex lifts: at most two a week, each light in its first week; until then a simpler stand-in.
    fresh = list(dict.fromkeys(e.exercise.slug for day in days for e in day if is_complex(e.exercise, level) and e.exercise.slug not in introduced))
    lone = {e.exercise.slug for d, day in enumerate(days) for e in day if e.exercise.slug in fresh
            and _stand_in(cat, e, day, [], cands, level, introduced, phase_goal, phase) is None}
    fresh.sort(key=lambda slug: slug not in lone)  # a lift nothing simpler can stand in for comes first
    start = {slug: week_nos[0] + i // NEW_COMPLEX_PER_WEEK for i, slug in enumerate(fresh)}
    out: list[Week] = []
    for w in week_nos:
        deload = w in lighter
        sessions: list[list[PlannedExercise]] = []
        for target in days:
            items: list[PlannedExercise] = []
            for e in target:
                slug = e.exercise.slug
                if slug in start and w < start[slug]:
                    stand = _stand_in(cat, e, target, items, cands, level, introduced | {s for s, k in start.items() if k <= w}, phase_goal, phase)
                    if stand is None:
                        continue
                    reasons[(slug, stand.exercise.slug)] = (f"New lifts come in at most {NEW_COMPLEX_PER_WEEK} a week: {stand.exercise.name} "
                                                            f"stands in for {e.exercise.name} until week {start[slug]}.")
                    e = stand
                if deload:
                    e = e._replace(sets=max(1, (e.sets + 1) // 2))
                if profile.pains:
                    e = e._replace(note=_caution_note(e.exercise, profile))
                items.append(e)
            sessions.append(_finish(items))
        if not deload and any(e.replaces in start for day in sessions for e in day):
            _top_up(sessions, bounds, phase.sets, targets, template_weekly[1] if not phase.contact_check else None, [list(x) for x in spare])
        built = tuple(Session(d + 1, tuple(items), minutes_of(items), weekdays[d]) for d, items in enumerate(sessions))
        out.append(Week(w, phase.name, deload, region_sets(built), built))
    introduced.update(fresh)
    order = list(dict.fromkeys(e.exercise.slug for wk in out for s in wk.sessions for e in s.exercises))
    return _Built(out, reasons, _intro_text(cat, start), order)


def _top_up(days: list[list[PlannedExercise]], bounds: tuple[int, int], cap: int, targets: Sequence[str], high: int | None,
            spare: list[list[PlannedExercise]]) -> None:
    """A week with simpler stand-ins can run short: a set more, or a spare accessory, where it keeps the
    session, the main lift and the week's volume within bounds."""
    for d, day in enumerate(days):
        while minutes_of(day) < bounds[0]:
            now = region_sets([Session(0, tuple(x)) for x in days])
            if _add_spare(days, d, spare, bounds, now, targets, high):
                continue
            main = next((e.sets for e in day if e.role == "main"), cap)
            options = [i for i, e in enumerate(day) if e.role != "power" and e.sets < (cap if e.role == "main" else min(cap, main))
                       and (high is None or all(now[r] + set_value(e.exercise, r) <= high for r in targets))
                       and minutes_of([*day[:i], e._replace(sets=e.sets + 1), *day[i + 1:]]) <= bounds[1]]
            if not options:
                break
            i = min(options, key=lambda k: (day[k].sets, k))
            day[i] = day[i]._replace(sets=day[i].sets + 1)


def _intro_text(cat: Catalogue, start: dict[str, int]) -> tuple[str, ...]:
    if not start:
        return ()
    listed = ", ".join(f"{cat.exercises[s].name} (week {w})" for s, w in start.items())
    return (f"New complex lifts, each light in its first week: {listed}.",)


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
                or (is_complex(ex, level) and ex.slug not in known) or (is_heavy_hinge(ex) and not is_heavy_hinge(e.exercise))):
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
    if phase.reps != (0, 0):
        out.append(f"Heavy main lifts go to {phase.reps[0]}-{phase.reps[1]} reps (or your goal's range if lower), "
                   f"resting at least {phase.rest_s} s.")
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
    split = split_weeks(weeks, template.phases)
    lighter = lighter_weeks(template.phases, split, template.deload_every)
    for phase, n in zip(template.phases, split, strict=True):
        phase_goal = cat.goals[phase.goal] if phase.goal else goal
        scores = by_goal.setdefault(phase_goal.name, {})
        scores.update(_scores(cat, phase_goal, profile, [ex for ex in everything if ex.slug not in scores and _in_phase(ex, phase)]))
        nos = list(range(week_no, week_no + n))
        built = _phase_weeks(cat, goal, profile, phase, phase_goal, nos, scores, pool, everything,
                             template.weekly_sets, lighter, introduced, weekdays)
        spans.append(PhaseSpan(phase, phase_goal.name, tuple(nos), _changes(cat, before, built, phase, previous)))
        all_weeks.extend(built.weeks)
        reasons.update(built.reasons)
        before, previous, week_no = built, phase, week_no + n
    all_weeks = _mark_new(all_weeks, profile.level)
    subs = _substitutions(all_weeks, reasons)
    targets = tuple(r for r, w in goal.regions.items() if w >= 0.2)
    return Plan(profile.level, goal, weeks, days_per_week, tuple(spans), tuple(all_weeks), subs,
                _notes(cat, goal, profile, template.deload_every, any(e.warmup_sets for w in all_weeks for s in w.sessions for e in s.exercises)),
                template.weekly_sets, targets, session_minutes(profile.level, days_per_week))


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


def _notes(cat: Catalogue, goal: Goal, profile: Profile, deload_every: int, ramps: bool) -> tuple[str, ...]:
    out = []
    if profile.level == "beginner":
        out.append("Contact phase: after each exercise rate 0-10 how clearly you felt your glutes work (log add ... --contact N); "
                   "it ends when every exercise is 7 or more twice, usually in 2-4 weeks, and the later weeks move with it.")
    out.append("Progress: when you reach the top of the range on every working set at 0-3 reps in reserve, pain-free, add load "
               "(about 2.5%, in 2.5 kg or 5 lb steps) or, without load, a set; at 0 in reserve, progress and stop one rep earlier next time.")
    if deload_every:
        out.append(f"Lighter weeks: every {deload_every}th week (about half the sets, about 10% lighter, 3-4 reps in reserve); "
                   "'plan next' also proposes one when two lifts stall over three sessions or pain rises week to week.")
    if ramps:
        out.append("Ramp sets: before a barbell lift, the lighter sets shown (about 40%, 60% and 80% of the working load); they count toward nothing.")
    out.extend(notes(cat, goal, profile))
    return tuple(out)
