"""Look things up in a catalogue by any accepted spelling: exercises, goals, regions, vocabulary words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from glutecoach.core.models import Catalogue, Exercise, Goal
from glutecoach.core.record import NamedTuple
from glutecoach.core.vocab import BASES, LEVEL_RANK, REGION_ALIASES, REGIONS, WHOLE_MAXIMUS
from glutecoach.errors import UnknownNameError, did_you_mean


def normalise(name: str) -> str:
    """The one name normaliser: case, '-', '_' and runs of spaces folded ('Glute_Bridge' == 'glute bridge')."""
    return " ".join(name.casefold().replace("_", " ").replace("-", " ").split())


def name_index(cat: Catalogue) -> dict[str, str]:
    """Every exercise's slug, name and aliases, normalised, to its slug (the first exercise wins)."""
    names: dict[str, str] = {}
    for ex in cat.exercises.values():
        for name in (ex.slug, ex.name, *ex.aliases):
            names.setdefault(normalise(name), ex.slug)
    return names


class Found(NamedTuple):
    exercise: Exercise
    others: tuple[str, ...] = ()  # for a plain word ('squat'): the other exercises it names, in catalogue order


def find_exercise(cat: Catalogue, query: str) -> Exercise:
    """An exercise by slug, alias or name, case-insensitively, or by a plain word (see find())."""
    return find(cat, query).exercise


def plain_word(cat: Catalogue, word: str) -> Found | None:
    """A plain word a person types ('squat', 'lunge', 'bridge'): the exercises whose name holds it, and of
    those the first of the family of that name (a family lists its main lift first: the back squat), else
    the first in the catalogue."""
    if not word or " " in word:
        return None
    named = [ex for ex in cat.exercises.values() if word in normalise(ex.name).split()]
    if not named:
        return None
    main = next((ex for ex in named if ex.family == word), named[0])
    return Found(main, tuple(ex.slug for ex in named if ex is not main))


def find(cat: Catalogue, query: str) -> Found:
    """An exercise by slug, alias, name or plain word; for a plain word, the others it names too."""
    if query in cat.exercises:
        return Found(cat.exercises[query])
    names = name_index(cat)
    wanted = normalise(query)
    if wanted in names:
        return Found(cat.exercises[names[wanted]])
    if (plain := plain_word(cat, wanted)) is not None:
        return plain
    hint = did_you_mean(wanted, names)
    if hint:
        close = hint.split("'")[1]
        hint = f" Did you mean '{names[close]}'?"
    raise UnknownNameError(
        "exercise",
        query,
        (),
        hint=hint,
        message=f"No exercise called '{query}'.{hint} Run 'glutecoach exercises' to list them (slugs, names and aliases are all accepted).",
    )


REGION_CHOICES: tuple[str, ...] = (*REGIONS, WHOLE_MAXIMUS, *REGION_ALIASES)


def resolve_region(name: str) -> str:
    """One of the five regions or 'gluteus-maximus', from any accepted spelling."""
    key = normalise(name).replace(" ", "-")
    if key in REGIONS or key == WHOLE_MAXIMUS:
        return key
    if key in REGION_ALIASES:
        return REGION_ALIASES[key]
    raise UnknownNameError("region", name, REGION_CHOICES)


def regions_of(name: str) -> list[str]:
    """The regions a resolved name covers: 'gluteus-maximus' is both portions."""
    return [*REGIONS[:2]] if name == WHOLE_MAXIMUS else [name]


# Words people use for a goal (ux review): each names the goal it means, when the catalogue has it.
GOAL_WORDS: dict[str, str] = {
    "power": "sprint-jump",
    "sprint": "sprint-jump",
    "sprinting": "sprint-jump",
    "speed": "sprint-jump",
    "jump": "sprint-jump",
    "jumping": "sprint-jump",
    "explosive": "sprint-jump",
    "booty": "glute-size",
    "size": "glute-size",
    "growth": "glute-size",
    "hypertrophy": "glute-size",
    "bigger": "glute-size",
    "medius": "gluteus-medius",
    "glute-med": "gluteus-medius",
    "minimus": "gluteus-minimus",
    "glute-min": "gluteus-minimus",
    "back": "back-health",
    "hip": "hip-health",
    "knee": "knee-health",
    "contact": "muscle-contact",
    "activation": "muscle-contact",
}
EVERY_GOAL = ("glutes", "glute", "butt", "bum", "all")  # words every goal answers: the person must choose


def find_goal(cat: Catalogue, name: str) -> Goal:
    """A goal by its name or a word people use for it ('power' is sprint-jump); a word every goal
    answers ('glutes') lists the goals with what each is for."""
    key = "-".join(normalise(name).split())
    if key in cat.goals:
        return cat.goals[key]
    if GOAL_WORDS.get(key) in cat.goals:
        return cat.goals[GOAL_WORDS[key]]
    if key in EVERY_GOAL:
        listed = "; ".join(f"{g.name} ({g.description.rstrip('.')})" for g in cat.goals.values())
        raise UnknownNameError("goal", name, tuple(cat.goals), message=f"'{name}' is what every goal trains: choose one. {listed}.")
    raise UnknownNameError("goal", name, tuple(cat.goals))


def check_word(kind: str, word: str, accepted: Sequence[str]) -> str:
    """The one word validator: the word lower-cased, or an UnknownNameError naming what is accepted."""
    key = word.strip().lower()
    if key not in accepted:
        raise UnknownNameError(kind, word, tuple(accepted))
    return key


def check_words(kind: str, words: Iterable[str], accepted: Sequence[str]) -> list[str]:
    return [check_word(kind, w, accepted) for w in words]


def select(
    cat: Catalogue,
    region: str | None = None,
    equipment: frozenset[str] | None = None,
    level: str | None = None,
    movement: str | None = None,
) -> list[Exercise]:
    """The catalogue filtered by every given option; with a region, highest score first (ties by slug)."""
    out = [
        ex
        for ex in cat.exercises.values()
        if (equipment is None or all(item in equipment for item in ex.equipment))
        and (level is None or LEVEL_RANK[ex.level] <= LEVEL_RANK[level])
        and (movement is None or ex.movement == movement)
    ]
    if region:
        out.sort(key=lambda ex: (-ex.score_for(region), ex.slug))
    return out


def top_for(cat: Catalogue, region: str, n: int = 5) -> list[str]:
    return [ex.slug for ex in select(cat, region=region)[:n]]


def top_with_basis(cat: Catalogue, region: str, n: int = 5) -> list[tuple[Exercise, str]]:
    """The top `n` exercises for one of the five regions with the basis of each score, grouped by basis
    (measured, then close variant, then estimate) and by score within each: every basis that has any
    exercise shows its best, and the other places go to the highest scores whatever their basis. So a
    small measured score never hides large estimates, and an estimate never heads a measured score."""
    tiers = {
        b: sorted((ex for ex in cat.exercises.values() if ex.basis[region] == b), key=lambda ex: (-ex.scores[region], ex.slug))
        for b in BASES
    }
    chosen = {tier[0].slug for tier in tiers.values() if tier}
    rest = sorted((ex for tier in tiers.values() for ex in tier[1:]), key=lambda ex: (-ex.scores[region], ex.slug))
    chosen.update(ex.slug for ex in rest[: max(0, n - len(chosen))])
    return [(ex, b) for b, tier in tiers.items() for ex in tier if ex.slug in chosen][:n]


def study_name(key: str) -> str:
    """'contreras2015' -> 'Contreras 2015': source keys are author-year."""
    letters = key.rstrip("abcdefghijklmnopqrstuvwxyz").rstrip("0123456789")
    year = key[len(letters) : len(letters) + 4]
    if not letters or not year.isdigit():
        return key
    return f"{letters.capitalize()} {year}"
