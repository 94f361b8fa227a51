"""Look things up in a catalogue by any accepted spelling: exercises, goals, regions, vocabulary words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from glutecoach.core.models import Catalogue, Exercise, Goal
from glutecoach.core.vocab import LEVEL_RANK, REGION_ALIASES, REGIONS, WHOLE_MAXIMUS
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


def find_exercise(cat: Catalogue, query: str) -> Exercise:
    """An exercise by slug, alias or name, case-insensitively."""
    if query in cat.exercises:
        return cat.exercises[query]
    names = name_index(cat)
    wanted = normalise(query)
    if wanted in names:
        return cat.exercises[names[wanted]]
    hint = did_you_mean(wanted, names)
    if hint:
        close = hint.split("'")[1]
        hint = f" Did you mean '{names[close]}'?"
    raise UnknownNameError(
        "exercise", query, (), hint=hint,
        message=f"No exercise called '{query}'.{hint} Run 'glutecoach exercises' to list them "
        "(slugs, names and aliases are all accepted).",
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


def find_goal(cat: Catalogue, name: str) -> Goal:
    key = name.strip().lower()
    if key in cat.goals:
        return cat.goals[key]
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
    """The top `n` exercises for one of the five regions with the basis of that score: measured and
    close-variant scores first (highest first), then estimates, so an estimate never heads a measured one."""
    ranked = sorted(cat.exercises.values(), key=lambda ex: (ex.basis[region] == "estimate", -ex.scores[region], ex.slug))
    return [(ex, ex.basis[region]) for ex in ranked[:n]]
