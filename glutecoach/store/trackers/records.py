"""The records a tracker export is read into, the limits every value is checked against, and the error."""

from __future__ import annotations

from glutecoach.core.dates import EARLIEST as EARLIEST  # re-exported: the readers check days against it
from glutecoach.core.models import MAX_REPS as MAX_REPS  # re-exported, as the limits below
from glutecoach.core.models import SET_TYPES as SET_TYPES
from glutecoach.core.record import NamedTuple
from glutecoach.core.units import MAX_LOAD as LOG_MAX_LOAD
from glutecoach.errors import GlutecoachError

FORMATS = ("strong", "hevy", "fitnotes")

MAX_FIELD = 10_000  # characters in one cell
MAX_NAME = 200  # characters in an exercise name
MAX_LOAD: dict[str | None, float] = {unit: high for unit, high in LOG_MAX_LOAD.items()}
MAX_LOAD[None] = LOG_MAX_LOAD["lb"]  # a load without a unit: the larger number
MAX_SECONDS = 86_400.0
MAX_METRES = 1_000_000.0


class ForeignSet(NamedTuple):
    reps: int | None
    load: float | None
    unit: str | None  # 'kg' | 'lb' | None (the export does not say; the load is then in the user's units)
    seconds: float | None
    metres: float | None
    rpe: float | None
    type: str  # one of SET_TYPES
    note: str | None = None  # this set's own note (Strong's Notes, FitNotes' Comment), as written
    order: str | None = None  # the set's number or letter as written (Strong's Set Order, Hevy's set_index)
    distance_unit: str | None = None  # the unit the export wrote the distance in ('m', 'km', 'mi', 'ft', 'yd')


class ForeignEntry(NamedTuple):
    line: int  # CSV line of the entry's first row (the header is line 1)
    date: str  # YYYY-MM-DD
    time: str | None  # HH:MM when the export has it
    workout: str | None  # the workout's name or number
    name: str  # the tracker's exercise name, as written
    sets: tuple[ForeignSet, ...]
    note: str | None  # every note of the exercise and its sets, joined; nothing dropped
    clock: str | None = None  # HH:MM:SS: the time of day to the second, when the export has it
    duration: int | None = None  # the workout's length in seconds (Strong's Duration, Hevy's end - start)
    workout_no: str | None = None  # Strong's Workout #
    workout_note: str | None = None  # the workout's own note (Strong's Workout Notes, Hevy's description)
    exercise_note: str | None = None  # Hevy's exercise_notes (one per exercise, repeated on every set)
    superset: str | None = None  # Hevy's superset_id
    category: str | None = None  # FitNotes' Category


class TrackerImport(NamedTuple):
    format: str  # 'strong' | 'hevy' | 'fitnotes'
    entries: tuple[ForeignEntry, ...]
    skipped_rest_timers: int
    rows: int  # data rows read (blank lines not counted; Rest Timer rows counted)


class TrackerFormatError(GlutecoachError):
    """A tracker export that cannot be read: where (file and line), what is wrong, what is accepted."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line
