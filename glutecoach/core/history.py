"""What your log says about you as a lifter before a plan starts: how long and how regularly you have
trained the glutes under load, the level that follows, and whether you are past the Contact phase.

A level from the log: under 12 weeks of regular loaded training is a beginner's, 12 weeks to two years
an intermediate's, two years or more an advanced lifter's; "regular" is at least 1.5 loaded sessions a
week over the last 12 weeks (or since you started, when sooner), the last one within four weeks. You
are past Contact with at least four weeks of loaded training unless your recent contact ratings are low. Pure: the catalogue and entries in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from glutecoach.core.models import Catalogue, Entry
from glutecoach.core.record import NamedTuple
from glutecoach.core.training_state import loadable, working_sets

INTERMEDIATE_WEEKS = 12
ADVANCED_WEEKS = 104
REGULAR_PER_WEEK = 1.5
REGULAR_WINDOW_WEEKS = 12  # how regularly you train: loaded sessions a week over the last 12 weeks
RECENT_WEEKS = 4  # the last loaded session within this many weeks, or the history is not current
PAST_CONTACT_WEEKS = 4
LOW_CONTACT = 5  # recent contact ratings averaging under this keep the Contact phase
CONTACT_RATINGS = 6  # the recent ratings that say whether contact is low


class LevelProposal(NamedTuple):
    level: str
    weeks: int  # weeks from the first to the last loaded session
    per_week: float  # loaded sessions a week over that span
    past_contact: bool
    reason: str


def propose(cat: Catalogue, entries: Sequence[Entry], today: dt.date) -> LevelProposal | None:
    """The level and Contact choice your log supports, with the sentence that says why; None without
    any loaded training logged."""
    until = today.isoformat()
    lifts = {s.slug for s in cat.exercises.summaries if loadable(s)}
    loaded_days = sorted(loaded_days_in(entries, lifts, "", until))
    if not loaded_days:
        return None
    ratings = last_contacts(sorted(entries, key=lambda e: e.date), until)
    return propose_from(loaded_days[0], loaded_days[-1], sum(d >= window_start(today) for d in loaded_days), ratings, today)


def window_start(today: dt.date) -> str:
    """The first day of the window in which regularity is judged."""
    return (today - dt.timedelta(weeks=REGULAR_WINDOW_WEEKS)).isoformat()


def loaded_days_in(entries: Sequence[Entry], lifts: Collection[str], since: str, until: str) -> set[str]:
    """The days in [since, until] on which one of `lifts` was logged with a load (a working set above 0)."""
    return {e.date for e in entries if since <= e.date <= until and e.slug in lifts and any(s.load for s in working_sets(e))}


def last_contacts(entries: Sequence[Entry], until: str, n: int = CONTACT_RATINGS) -> list[int]:
    """The last `n` contact ratings logged on or before `until`, oldest first (entries in the log's order)."""
    return [e.contact for e in entries if e.contact is not None and e.date <= until][-n:]


def propose_from(first_day: str, last_day: str, recent_days: int, ratings: Sequence[int], today: dt.date) -> LevelProposal | None:
    """propose() from what it reads: the first and last day of loaded training, the days of it in the last
    REGULAR_WINDOW_WEEKS and the last contact ratings (a store answers these without reading every entry)."""
    first, last = dt.date.fromisoformat(first_day), dt.date.fromisoformat(last_day)
    weeks = max(1, round((last - first).days / 7))
    window = max(1.0, min(REGULAR_WINDOW_WEEKS, (today - first).days / 7))
    per_week = recent_days / window
    current = (today - last).days <= RECENT_WEEKS * 7
    regular = per_week >= REGULAR_PER_WEEK and current
    level = (
        ("advanced" if weeks >= ADVANCED_WEEKS else "intermediate" if weeks >= INTERMEDIATE_WEEKS else "beginner")
        if regular
        else "beginner"
    )
    low = bool(ratings) and sum(ratings) / len(ratings) < LOW_CONTACT
    past = regular and weeks >= PAST_CONTACT_WEEKS and not low
    why = f"{level}: {weeks} week{'' if weeks == 1 else 's'} of logged loaded training, {per_week:.1f} sessions a week lately"
    if not current:
        why += f", the last {(today - last).days} days ago (start again as a beginner and build back quickly)"
    elif not regular:
        why += " (under 1.5 a week is not yet regular training)"
    if low:
        why += "; your recent contact ratings are low, so the plan keeps its Contact phase"
    return LevelProposal(level, weeks, round(per_week, 1), past, why + ".")


class Choice(NamedTuple):
    """The level a plan is built at and whether it keeps its Contact phase, with the sentence to show."""

    level: str | None  # None: the level the options or the profile give
    contact: bool
    why: str | None


def choose(proposal: LevelProposal | None, level_given: bool) -> Choice:
    """The log decides the level only when neither the options nor the profile did, and leaves out
    Contact only then and only when the log shows you past it."""
    if proposal is None or level_given:
        return Choice(None, True, None)
    why = f"Level from your log: {proposal.reason}" + (
        " The Contact phase is left out: your log shows you past it." if proposal.past_contact else ""
    )
    return Choice(proposal.level, not proposal.past_contact, why)
