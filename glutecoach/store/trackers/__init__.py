"""Other trackers' exports (Strong, Hevy, FitNotes) read into typed entries, and foreign names mapped.

Pure: bytes in, typed objects out. Nothing here touches the log, prints or guesses.

* ``read(data)`` detects the format from the header (``fmt`` forces one) and returns every row as a
  set of a ``ForeignEntry``: one entry per exercise per workout (Strong and Hevy tell workouts apart by
  their start time, name and number, so two workouts of one exercise on one day are two entries; set
  numbers starting again within one workout also start another entry), or per run of rows of one
  exercise on one day (FitNotes has no workout). Every note and every RPE is kept; notes are joined
  with " | ", the workout's own note last as "workout: ...". Rest Timer rows are skipped and counted.
* Values: 0 or empty means "not recorded" (body weight, a plank's reps), so it reads as None. Loads keep
  the export's unit ('kg', 'lb', or None when the export does not say: classic Strong); distances are
  converted to metres; a distance without a unit (classic Strong) is kept in the note instead.
* Every value is checked: a bad one raises ``TrackerFormatError`` naming the file line, the column, what
  is wrong and what is accepted. No other exception escapes for any input bytes.
* ``NameIndex`` maps a tracker's exercise name to a catalogue slug through the user's own mapping, names,
  aliases and the "Name (Equipment)" convention of Strong and Hevy, by dictionary look-ups built once.
  A name that matches nothing (bench press, rows) gives ``None``: never a guess.
"""

from glutecoach.core.lookup import normalise
from glutecoach.store.trackers.columns import detect
from glutecoach.store.trackers.names import NameIndex, split_name
from glutecoach.store.trackers.read import read
from glutecoach.store.trackers.records import (
    FORMATS,
    SET_TYPES,
    ForeignEntry,
    ForeignSet,
    TrackerFormatError,
    TrackerImport,
)

__all__ = [
    "FORMATS",
    "SET_TYPES",
    "ForeignEntry",
    "ForeignSet",
    "NameIndex",
    "TrackerFormatError",
    "TrackerImport",
    "detect",
    "normalise",
    "read",
    "split_name",
]
