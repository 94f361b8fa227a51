"""What "it hurt" means, in one place: `recommend`, `plan next` and the renderers all ask here.

A logged session hurt when its pain score reached PAIN_STOP (0-10), when its note says the pain was
worse the next morning, or when its note uses a word that points past ordinary training soreness:
sharp or shooting pain (a possible strain), numbness, tingling or pain down the leg (a nerve). Nerve
words bring the clinician advice at once. A note that says where it hurt (the outer hip, the knee, the
groin) names the condition whose loads that place takes (data/goals.yaml), so `plan next` rests what
loads that place, whatever the exercise it was logged on. Pure: entries in, answers out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glutecoach.core.models import Entry

PAIN_STOP = 4  # a pain score this high (0-10) rests the exercise
RISING_TO = 3  # pain rising over three logs to at least this is a trend worth acting on
# Compiled on first use (re keeps them), never at import: most entries have no note to search.
_SHARP = r"\b(sharp|shooting|stabbing|pulled|tweak(ed)?|strain(ed)?)\b"
_NERVE = r"\b(numb(ness)?|tingl\w*|pins and needles|shooting|radiat\w*|electric|down (the |my )?(back of (the |my )?)?(leg|thigh|calf))\b"
# Where it hurt, by the condition that names the place (its loads say what to rest). Lower back pain is
# not here: nearly every glute lift is cautioned for it, so a single low-back log rests its own pattern
# and tissue (core.next_items) and a rising trend lightens the spine's loads (core.next_session).
PLACES = {
    "lateral-hip-pain": r"\b(outer|outside( of)?|side of) (the |my |your )?(left |right )?hip"
    r"|\blateral hip|\btrochanter\w*|\bbursitis\b|\bgluteal tendon\w*",
    "knee-pain": r"\bknee(s|cap|caps)?\b|\bpatell\w*",
    "hip-joint-pain": r"\bgroin\b|\bfront of (the |my |your )?(left |right )?hip\b|\bhip joint\b|\bhip flexors?\b",
}
PLACE_WORDS = {"lateral-hip-pain": "the outer hip", "knee-pain": "the knee", "hip-joint-pain": "the groin and the front of the hip"}
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
    """The note names numbness, tingling or a pain shooting, radiating or running down the leg: a nerve may be involved."""
    return bool(e.note) and re.search(_NERVE, _note(e)) is not None


def low_back(e: Entry) -> bool:
    """The pain logged is in the low back (by the note's words; 'back of the thigh' is not the back)."""
    return bool(e.note) and re.search(_LOW_BACK, _note(e)) is not None


def places(e: Entry) -> tuple[str, ...]:
    """The conditions whose place the note names ('sharp pain on the outside of my hip': lateral-hip-pain)."""
    if not e.note:
        return ()
    note = _note(e)
    return tuple(name for name, words in PLACES.items() if re.search(words, note))


def hurt(e: Entry) -> bool:
    """The one definition: this session hurt enough to rest what caused it."""
    if e.pain_score is not None and e.pain_score >= PAIN_STOP:
        return True
    return bool(e.note) and (worse_next_morning(e) or sharp(e) or nerve(e))  # most entries have no note: no search


def what_hurt(e: Entry) -> str:
    """The words a reason uses for the pain logged on an entry."""
    if nerve(e):
        return "numbness, tingling or a pain shooting down the leg"
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
