"""Who is asking: the options given, the saved profile and the log's recent pain, resolved into one Profile.

Options on the command line win over the saved profile, which wins over the defaults; each resolved
value remembers where it came from, so every answer can say whom it is for.
"""

import datetime as dt
from collections.abc import Sequence

from glutecoach.core.models import Entry, Profile, SavedProfile
from glutecoach.core.pain import hurt, what_hurt
from glutecoach.core.record import NamedTuple

DEFAULT_LEVEL = "beginner"
REST_DAYS = 14  # how long an exercise rests after such pain


class Asked(NamedTuple):
    """What the command line gave; None where an option was not given."""

    level: str | None = None
    equipment: frozenset[str] | None = None  # frozenset(): body weight only
    everything: bool = False  # --equipment all: everything, whatever the profile says
    pains: tuple[str, ...] | None = None  # (): --pain none
    goal: str | None = None


class Resolved(NamedTuple):
    profile: Profile
    goal: str | None
    sources: dict[str, str]  # level, equipment, pains, goal -> "option" | "profile" | "default"


def pain_window(today: dt.date) -> str:
    """The first day whose logged pain still counts (YYYY-MM-DD)."""
    return (today - dt.timedelta(days=REST_DAYS)).isoformat()


def recent_pain(entries: Sequence[Entry], today: dt.date) -> tuple[tuple[str, str, str], ...]:
    """(slug, what hurt, its date) for each exercise whose session hurt (core.pain.hurt, the one
    definition plan next rests by) within the rest window: its latest such session."""
    since, until = pain_window(today), today.isoformat()
    latest: dict[str, Entry] = {}
    for e in sorted(entries, key=lambda e: e.date):
        if since <= e.date <= until and hurt(e):
            latest[e.slug] = e
    return tuple((slug, what_hurt(e), e.date) for slug, e in sorted(latest.items()))


def resolve(
    asked: Asked,
    saved: SavedProfile,
    recent: tuple[tuple[str, str, str], ...] = (),
    default_goal: str | None = None,
) -> Resolved:
    sources: dict[str, str] = {}

    def pick(name: str, given: object, stored: object, default: object) -> object:
        if given is not None:
            sources[name] = "option"
            return given
        if stored is not None:
            sources[name] = "profile"
            return stored
        sources[name] = "default"
        return default

    level = pick("level", asked.level, saved.level, DEFAULT_LEVEL)
    if asked.everything:
        sources["equipment"] = "option"
        kit: frozenset[str] | None = None
    else:
        stored_kit = None if saved.equipment is None else frozenset(saved.equipment)
        kit = pick("equipment", asked.equipment, stored_kit, None)  # type: ignore[assignment]
    pains = pick("pains", asked.pains, saved.pains or None, ())
    goal = pick("goal", asked.goal, saved.goal, default_goal)
    profile = Profile(
        level=str(level),
        equipment=kit,
        pains=tuple(pains),  # type: ignore[arg-type]
        recent_pain=recent,
        cleared=bool(saved.cleared),
        surgery=saved.surgery_date,
    )
    return Resolved(profile, goal if goal is None else str(goal), sources)
