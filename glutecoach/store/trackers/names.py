"""Foreign exercise names -> catalogue slugs: the user's mapping, names, aliases, "Name (Equipment)"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from glutecoach.core.lookup import normalise  # the one name normaliser
from glutecoach.errors import UsageError
from glutecoach.store.trackers.values import show as _show

_PAREN = re.compile(r"^(.*?\S)\s*\(([^()]*)\)\s*$", re.DOTALL)


def split_name(name: str) -> tuple[str, str | None]:
    """'Hip Thrust (Barbell)' -> ('Hip Thrust', 'Barbell'); a name without a trailing '(...)' -> (name, None)."""
    m = _PAREN.match(name)
    if not m or not m.group(2).strip():
        return name.strip(), None
    return m.group(1).strip(), m.group(2).strip()


# Equipment words as trackers write them -> the catalogue's equipment (normalised).
_EQUIPMENT = {
    "body weight": "bodyweight",
    "bodyweight": "bodyweight",
    "bodyweight only": "bodyweight",
    "no equipment": "bodyweight",
    "none": "bodyweight",
    "band": "band",
    "bands": "band",
    "resistance band": "band",
    "resistance bands": "band",
    "mini band": "band",
    "loop band": "band",
    "db": "dumbbell",
    "dumbbell": "dumbbell",
    "dumbbells": "dumbbell",
    "bb": "barbell",
    "barbell": "barbell",
    "kb": "kettlebell",
    "kettlebell": "kettlebell",
    "kettlebells": "kettlebell",
    "cable": "cable",
    "cables": "cable",
    "cable machine": "cable",
    "machine": "machine",
    "hex bar": "trap bar",
    "trap bar": "trap bar",
    "trapbar": "trap bar",
}
# Equipment that carries the load; its word is dropped from a catalogue name to match "Name (Equipment)".
# (Not bench, box or step: "Box squat" is not a "Squat (Box)".)
_LOAD_EQUIPMENT = {"barbell", "dumbbell", "kettlebell", "cable", "band", "machine", "trap bar", "ankle weight", "smith machine", "plate"}
_SUPPORT_EQUIPMENT = {"bench", "box", "step", "mat", "wall", "chair", "roman chair"}
_QUALIFIERS = ("seated", "standing")  # "Seated machine hip abduction" is Hevy's "Hip Abduction (Machine)"
_AMBIGUOUS = ""  # marks a key two exercises share: never resolved


def _equipment(word: str) -> str:
    w = normalise(word)
    return _EQUIPMENT.get(w, w)


def _drop_words(text: str, words: Iterable[str]) -> str:
    out = f" {text} "
    for w in words:
        out = out.replace(f" {w} ", " ")
    return " ".join(out.split())


class NameIndex:
    """Foreign exercise names -> catalogue slugs, by dictionary look-ups built once.

    ``exercises``: (slug, name, aliases, equipment) per exercise. ``mapping``: the user's own
    foreign name -> slug (or a name or alias of it), or None to skip that name.
    """

    def __init__(self, exercises: Iterable[tuple[str, str, Sequence[str], Sequence[str]]], mapping: Mapping[str, str | None] = {}) -> None:
        rows: list[_Row] = []
        for item in exercises:
            slug, name, aliases, equipment = item
            rows.append((slug, name, tuple(aliases), tuple(_equipment(e) for e in equipment)))
        names: dict[str, str] = {}
        for tier in (lambda r: (r[0],), lambda r: (r[1],), lambda r: r[2]):
            for r in rows:
                for text in tier(r):
                    key = normalise(text)
                    if key:
                        names.setdefault(key, r[0])
        keyed, loose = _equipment_keys(rows)
        self._names = names
        self._keyed = keyed
        self._loose = loose
        self._mapping = _check_mapping(mapping, names)
        self._cache: dict[str, str | None] = {}

    def lookup(self, foreign: str) -> str | None:
        """The slug for a tracker's exercise name, or None (mapped to skip, or not a known exercise)."""
        if not isinstance(foreign, str):
            return None
        try:
            return self._cache[foreign]
        except KeyError:
            pass
        slug = self._resolve(foreign)
        if len(self._cache) < 200_000:
            self._cache[foreign] = slug
        return slug

    def _resolve(self, foreign: str) -> str | None:
        n = normalise(foreign)
        if n in self._mapping:
            return self._mapping[n]
        if n in self._names:
            return self._names[n]
        base, equip = split_name(foreign)
        if equip is None:
            return None
        b, e = normalise(base), normalise(equip)
        kind = _EQUIPMENT.get(e, e)
        for candidate in (f"{e} {b}", f"{b} {e}", f"{kind} {b}", f"{b} {kind}"):
            if candidate in self._names:
                return self._names[candidate]
        found = self._keyed.get((b, kind))
        if found is None:
            found = self._loose.get((b, kind))
        return found or None  # _AMBIGUOUS: two exercises fit, so neither is guessed


_Row = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def _equipment_keys(rows: Sequence[_Row]) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """(name without its load equipment, equipment) -> slug; and the same without "seated"/"standing"."""
    keyed: dict[tuple[str, str], str] = {}  # (name without its load equipment, equipment) -> slug
    loose: dict[tuple[str, str], str] = {}  # the same without "seated"/"standing", for machines and cables
    for slug, name, aliases, equipment in rows:
        kinds = set(equipment)
        if all(e in _SUPPORT_EQUIPMENT for e in equipment):
            kinds.add("bodyweight")
        drop = [e for e in kinds if e in _LOAD_EQUIPMENT or e == "bodyweight"]
        drop += [w for w, e in _EQUIPMENT.items() if e in drop and w not in drop]
        drop.sort(key=len, reverse=True)  # "resistance band" before "band"
        plain: set[str] = set()
        for text in (slug, name, *aliases):
            n = normalise(text)
            for v in (n, normalise(split_name(n)[0])):
                plain.add(_drop_words(v, drop))
        # The posture a machine or a cable implies may be left out: "Hip Abduction (Machine)".
        loaded = {_drop_words(v, _QUALIFIERS) for v in plain} - plain
        for table, variants, allowed in ((keyed, plain, kinds), (loose, loaded, kinds & _LOAD_EQUIPMENT)):
            for v in variants:
                for kind in allowed if v else ():
                    old = table.get((v, kind))
                    table[(v, kind)] = slug if old in (None, slug) else _AMBIGUOUS
    return keyed, loose


def _check_mapping(mapping: Mapping[str, str | None], names: Mapping[str, str]) -> dict[str, str | None]:
    """The user's mapping, normalised name -> slug (None: skip), every target checked."""
    out: dict[str, str | None] = {}
    for foreign, target in mapping.items():
        if not isinstance(foreign, str) or not foreign.strip():
            raise UsageError(f"the name mapping has the key {_show(repr(foreign))}; accepted: a tracker's exercise name (text).")
        if target is None:
            out[normalise(foreign)] = None
            continue
        if not isinstance(target, str) or normalise(target) not in names:
            raise UsageError(
                f"the name mapping maps '{_show(foreign)}' to {_show(repr(target))}, which is no exercise's "
                "slug, name or alias; accepted: a slug such as 'hip-thrust', or null to skip the name."
            )
        out[normalise(foreign)] = names[normalise(target)]
    return out
