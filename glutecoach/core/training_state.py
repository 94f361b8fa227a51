"""The training state: what the log says about each exercise and each tissue, read once, before any
decision is made. Decisions read this state; they never read "the last logged load" raw.

For each exercise: the working load and reps (from the last session that was not a lighter week, a
warm-up set or a session that hurt), an estimated 1RM from load, reps and reps in reserve, the sessions
done and the last date, and its recent exposures for stall detection. Per day: the days trained. Pure:
the catalogue's exercises, the log's entries and the days that were lighter weeks in; a TrainingState out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence

from glutecoach.core.models import Entry, Exercise, SetRow, Summary
from glutecoach.core.pain import hurt
from glutecoach.core.record import NamedTuple

LOADABLE = ("barbell", "dumbbell", "kettlebell", "trap-bar", "machine", "cable", "sled", "ankle-weight")
ASSUMED_RIR = 2  # reps in reserve assumed for an estimate when none was logged
E1RM_MAX_REPS = 15  # reps plus reserve above this say little about a 1RM: the estimate is capped here


def loadable(ex: Exercise | Summary) -> bool:
    """Progressed by adding weight (kg or lb on a bar, a dumbbell, a machine): not a band or body-weight drill."""
    return any(x in LOADABLE for x in ex.equipment)


def working_sets(e: Entry) -> tuple[SetRow, ...]:
    """The sets that count: every set but a warm-up (SetRow.counts, the rule's one home)."""
    return e.counted_sets


def e1rm(load: float, reps: int, rir: int | None) -> float:
    """Estimated one-repetition maximum (Epley's formula, counting the reps left in reserve as done; a
    single to failure is its own 1RM). The one home: plan next and progress both estimate with it."""
    to_failure = reps + (ASSUMED_RIR if rir is None else rir)
    return load if to_failure <= 1 else load * (1 + min(E1RM_MAX_REPS, to_failure) / 30)


def best_e1rm(sets: Sequence[SetRow], rir: int | None) -> float | None:
    """The best estimate over the sets that carry a load (warm-ups already left out by the caller)."""
    values = [e1rm(s.load, s.reps, rir) for s in sets if s.load is not None and s.load > 0 and s.reps > 0]
    return max(values) if values else None


def load_for(one_rm: float, reps: int, rir: int = ASSUMED_RIR) -> float:
    """The load for `reps` with `rir` in reserve, from an estimated 1RM (Epley's formula inverted)."""
    return one_rm / (1 + min(E1RM_MAX_REPS, reps + rir) / 30)


class Exposure(NamedTuple):
    """One working session of one exercise: what a stall or a progression is judged on."""

    date: str
    top_load: float | None  # the heaviest working set, None when no load was logged
    reps: tuple[int, ...]  # per working set
    rir: int | None
    units: str
    lighter: bool  # done in a lighter week (its load is not the working load)
    hurt: bool

    @property
    def total_reps_at_top(self) -> int:
        return sum(self.reps)


class ExerciseState(NamedTuple):
    slug: str
    sessions: int  # sessions logged (any)
    first_date: str
    last_date: str
    working_load: float | None  # from the last working session (not lighter, not hurt), None if none had a load
    working_reps: tuple[int, ...]  # that session's working-set reps
    working_rir: int | None
    units: str | None
    e1rm: float | None  # the best estimate of that session
    first_e1rm: float | None  # the best estimate of its first loaded session (what was gained)
    first_load: float | None
    exposures: tuple[Exposure, ...]  # every session, oldest first
    last_contact: tuple[int, ...]  # contact ratings of the last sessions that rated it, oldest first

    @property
    def last(self) -> Exposure:
        return self.exposures[-1]

    @property
    def working(self) -> tuple[Exposure, ...]:
        """The sessions that show what it can do: not a lighter week, not a session that hurt."""
        return tuple(x for x in self.exposures if not x.lighter and not x.hurt)


class TrainingState(NamedTuple):
    exercises: Mapping[str, ExerciseState]
    days: tuple[str, ...]  # the days trained, oldest first
    entries: tuple[Entry, ...]  # oldest first, only exercises the catalogue knows

    def of(self, slug: str) -> ExerciseState | None:
        return self.exercises.get(slug)


def _exposure(e: Entry, lighter: bool) -> Exposure:
    work = working_sets(e)
    loads = [s.load for s in work if s.load is not None]
    return Exposure(e.date, max(loads) if loads else None, tuple([s.reps for s in work]), e.rir, e.units, lighter, hurt(e))


def _best_e1rm(e: Entry) -> float | None:
    return best_e1rm(working_sets(e), e.rir)


def _exercise(slug: str, history: Sequence[Entry], lighter_days: Collection[str]) -> ExerciseState:
    exposures = tuple(_exposure(e, e.date in lighter_days) for e in history)
    work = [(e, x) for e, x in zip(history, exposures, strict=True) if not x.lighter and not x.hurt and x.reps]
    loaded = [(e, x) for e, x in work if x.top_load is not None]
    last_e, last_x = loaded[-1] if loaded else (work[-1] if work else (None, None))
    first = next(((e, x) for e, x in zip(history, exposures, strict=True) if x.top_load is not None), None)
    contacts = tuple(e.contact for e in history if e.contact is not None)
    return ExerciseState(
        slug,
        len(history),
        history[0].date,
        history[-1].date,
        last_x.top_load if last_x else None,
        last_x.reps if last_x else (),
        last_e.rir if last_e else None,
        last_e.units if last_e else (history[-1].units if history else None),
        _best_e1rm(last_e) if last_e else None,
        _best_e1rm(first[0]) if first else None,
        first[1].top_load if first else None,
        exposures,
        contacts[-4:],
    )


class _States(Mapping[str, ExerciseState]):
    """Each logged exercise's state, worked out the first time it is asked for: a session asks about its
    few lifts, while the 12 weeks it reads may log dozens of others (on a busy log, 1,400 entries)."""

    def __init__(self, by_slug: Mapping[str, Sequence[Entry]], lighter_days: frozenset[str]) -> None:
        self._by_slug = by_slug
        self._lighter_days = lighter_days
        self._made: dict[str, ExerciseState] = {}

    def __getitem__(self, slug: str) -> ExerciseState:
        made = self._made.get(slug)
        if made is None:
            made = self._made[slug] = _exercise(slug, self._by_slug[slug], self._lighter_days)
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_slug)

    def __len__(self) -> int:
        return len(self._by_slug)


def read(known: Collection[str], entries: Sequence[Entry], lighter_days: Collection[str] = ()) -> TrainingState:
    """The state of every exercise the catalogue knows (`known`) from the log's entries, with the days
    that were lighter weeks left out of working loads."""
    ordered = sorted((e for e in entries if e.slug in known), key=lambda e: (e.date, e.time or "", e.id or 0))
    by_slug: dict[str, list[Entry]] = {}
    for e in ordered:
        by_slug.setdefault(e.slug, []).append(e)
    return TrainingState(_States(by_slug, frozenset(lighter_days)), tuple(sorted({e.date for e in ordered})), tuple(ordered))
