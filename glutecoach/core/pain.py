"""What "it hurt" means, in one place: `recommend`, `plan next` and the renderers all ask here.

A logged session hurt when its pain score reached PAIN_STOP (0-10), when its note says the pain was
worse the next morning, or when its note uses a word that points past ordinary training soreness:
sharp or shooting pain (a possible strain), numbness or tingling (a nerve). Nerve words bring the
clinician advice at once. Pure: entries in, answers out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glutecoach.core.models import Entry
from glutecoach.core.person import PAIN_STOP

RISING_TO = 3  # pain rising over three logs to at least this is a trend worth acting on
# Compiled on first use (re keeps them), never at import: most entries have no note to search.
_SHARP = r"\b(sharp|shooting|stabbing|pulled|tweak(ed)?|strain(ed)?)\b"
_NERVE = r"\b(numb(ness)?|tingl\w*|pins and needles|shooting|radiat\w*|electric)\b"
_LOW_BACK = r"\b(low(er)?[- ]?back|lumbar|back ?ache|back pain|my back|spine|spinal|si joint)\b"


def _note(e: Entry) -> str:
    return (e.note or "").lower()


def worse_next_morning(e: Entry) -> bool:
    note = _note(e)
    return "worse" in note and "morning" in note


def sharp(e: Entry) -> bool:
    """The note names a sharp or shooting pain (or a pull or strain): more than soreness."""
    return bool(e.note) and re.search(_SHARP, _note(e)) is not None


def nerve(e: Entry) -> bool:
    """The note names numbness, tingling or a shooting, radiating pain: a nerve may be involved."""
    return bool(e.note) and re.search(_NERVE, _note(e)) is not None


def low_back(e: Entry) -> bool:
    """The pain logged is in the low back (by the note's words; 'back of the thigh' is not the back)."""
    return bool(e.note) and re.search(_LOW_BACK, _note(e)) is not None


def hurt(e: Entry) -> bool:
    """The one definition: this session hurt enough to rest what caused it."""
    if e.pain_score is not None and e.pain_score >= PAIN_STOP:
        return True
    return bool(e.note) and (worse_next_morning(e) or sharp(e) or nerve(e))  # most entries have no note: no search


def what_hurt(e: Entry) -> str:
    """The words a reason uses for the pain logged on an entry."""
    if nerve(e):
        return "numbness, tingling or a shooting pain"
    if sharp(e):
        return "a sharp pain"
    if e.pain_score is not None and e.pain_score >= PAIN_STOP:
        return f"pain {e.pain_score}/10"
    return "pain that was worse the next morning"


def rising(entries: Sequence[Entry]) -> tuple[int, int, int] | None:
    """The worst pain of the last three days that logged any pain, when it rose each time to at least
    RISING_TO: whatever the gaps between those days (a missed week does not reset a trend). A later day
    logged pain-free (0) means it settled."""
    by_day: dict[str, int] = {}
    for e in entries:
        if e.pain_score is not None:
            by_day[e.date] = max(by_day.get(e.date, 0), e.pain_score)
    return rising_over([by_day[d] for d in sorted(by_day)])


def rising_over(worst_by_day: Sequence[int]) -> tuple[int, int, int] | None:
    """rising() over the worst pain of each day that logged a score, oldest first (the one rule, also read
    by core.lighter_weeks as it replays the log)."""
    if not worst_by_day or worst_by_day[-1] == 0:
        return None
    last = [v for v in worst_by_day if v > 0][-3:]
    if len(last) < 3:
        return None
    a, b, c = last
    return (a, b, c) if a < b < c and c >= RISING_TO else None
