"""Validate data files: pydantic models and cross-references, over what the YAML reader
(glutecoach.catalogue.yamlread) parsed.

Every problem becomes a CatalogueError that names the file, line and column, the exercise and the
field at fault, what is wrong and what is accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from glutecoach.catalogue.schema import SCHEMA_VERSION, CatalogueFileModel
from glutecoach.catalogue.yamlread import _Base, parse  # parse: re-exported for its callers
from glutecoach.core.lookup import normalise
from glutecoach.errors import CatalogueError, did_you_mean, one_line


class Positions:
    """Line and column of a value in a file, found only when there is an error to report."""

    def __init__(self) -> None:
        self._texts: dict[Path, str] = {}
        self._roots: dict[Path, Any] = {}

    def add(self, path: Path, text: str, root: Any = None) -> None:
        self._texts[path] = text
        if root is not None:
            self._roots[path] = root

    def at(self, path: Path, loc: Sequence[Any]) -> tuple[int, int]:
        if path not in self._roots:
            try:
                self._roots[path] = yaml.compose(self._texts.get(path, ""), Loader=_Base)
            except yaml.YAMLError:
                self._roots[path] = None
        node = self._roots[path]
        best = node
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if k.value == part), None)
                if found is None:
                    break
                best, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = best = node.value[part]
            else:
                break
        return (best.start_mark.line + 1, best.start_mark.column + 1) if best is not None else (1, 1)

    def where(self, path: Path, loc: Sequence[Any]) -> str:
        line, col = self.at(path, loc)
        return f"{path}:{line}:{col}"


KINDS = {
    "exercises": ("exercise", "slug"),
    "goals": ("goal", "name"),
    "conditions": ("condition", "name"),
    "sources": ("source", "key"),
    "plans": ("plan", "level"),
    "regions": ("region", "name"),
}


def describe_errors(path: Path, doc: dict[str, Any], err: ValidationError, positions: Positions) -> list[str]:
    """One line per pydantic error: FILE:LINE:COL: exercise SLUG: field: what is wrong (what is accepted)."""
    from glutecoach.catalogue.schema import ExerciseModel

    known_fields = set(ExerciseModel.model_fields)
    lines = []
    total = err.error_count()
    for e in err.errors(include_url=False, include_context=True, include_input=True)[:MAX_DESCRIBED]:
        # pydantic adds the tag of a union branch or a function name to loc; keep YAML keys only
        loc = [p for p in e["loc"] if isinstance(p, int) or not str(p).startswith(("function-", "literal["))]
        who = ""
        if len(loc) >= 2 and loc[0] in KINDS and isinstance(loc[1], int):
            items = doc.get(loc[0]) or []
            item = items[loc[1]] if loc[1] < len(items) else None
            kind, key = KINDS[loc[0]]
            ident = item.get(key) if isinstance(item, dict) else None
            who = f"{kind} '{ident}': " if ident else f"{kind} #{loc[1] + 1}: "
            field = ".".join(str(p) for p in loc[2:]) or "(entry)"
        else:
            field = ".".join(str(p) for p in loc) or "(document)"
        msg = e["msg"]
        if e["type"] == "extra_forbidden":
            name = str(loc[-1])
            hint = did_you_mean(name, known_fields) if loc and loc[0] == "exercises" and len(loc) == 3 else ""
            msg = f"unknown key '{name}'.{hint}"
        elif e["type"] in ("enum", "literal_error"):
            bad = e.get("input")
            expected = e.get("ctx", {}).get("expected", "")
            words = [w.strip(" '") for w in expected.replace(" or ", ",").split(",") if w.strip(" '")]
            msg = f"{bad!r} is not accepted (accepted: {', '.join(words)})."
            if isinstance(bad, str) and words:
                msg += did_you_mean(bad, words)
        elif e["type"] == "missing":
            msg = "missing (this key is required)"
            if len(loc) == 3 and loc[0] == "exercises":
                from glutecoach.catalogue.template import field_help

                accepted = field_help(str(loc[2]))
                msg += f"; accepted: {accepted} ('glutecoach catalogue template' shows every field)" if accepted else ""
        lines.append(one_line(f"{positions.where(path, loc)}: {who}{field}: {msg}"))
    if total > MAX_DESCRIBED:
        lines.append(
            f"{path}: and {total - MAX_DESCRIBED:,} more problems ({total:,} in all; the first {MAX_DESCRIBED} are listed). "
            "Fix these and check again."
        )
    return lines


MAX_DESCRIBED = 100  # problems described per file: past that, a count (20,000 described took 18 s)


def validate_file(path: Path, data: bytes, positions: Positions) -> dict[str, Any]:
    """One file checked against the schema: its data, or a CatalogueError listing every problem."""
    composed: list[Any] = []
    doc = parse(path, data, composed)
    positions.add(path, data.decode("utf-8"))
    try:
        model = CatalogueFileModel.model_validate(doc)
    except ValidationError as err:
        positions.add(path, data.decode("utf-8"), *composed)  # the nodes parse made: no second compose
        raise CatalogueError("\n".join(describe_errors(path, doc, err, positions))) from None
    return model.model_dump(mode="json", by_alias=True)


Origin = dict[tuple[str, str], tuple[Path, int]]


def merge_files(files: Sequence[tuple[Path, bytes]], validated: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Validate each file, merge them (later ones override by slug/name/key) and check references.

    `validated` holds files already validated (by index; the caller's per-file cache) and receives
    the ones validated here. Every problem in every file is collected before raising, so an author
    sees them all at once."""
    validated = {} if validated is None else validated
    merged: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        **{kind: {} for kind in KINDS},
        "safety": {},
        "condition_notes": {},
        "heavy_rest_s": 120,
        "overrides": [],
    }
    origin: Origin = {}
    positions = Positions()
    problems: list[str] = []
    for number, (path, data) in enumerate(files):
        if number in validated:
            dumped = validated[number]
            positions.add(path, data.decode("utf-8"))
        else:
            try:
                dumped = validated[number] = validate_file(path, data, positions)
            except CatalogueError as err:
                problems.extend(str(err).splitlines())
                continue
        for kind, (noun, key) in KINDS.items():
            first_here: dict[str, int] = {}
            for index, item in enumerate(dumped[kind]):
                ident = item[key]
                if ident in first_here:
                    a = positions.at(path, [kind, first_here[ident]])[0]
                    problems.append(
                        f"{positions.where(path, [kind, index])}: {noun} '{ident}' is defined twice in this file (first on line {a})."
                    )
                    continue
                first_here[ident] = index
                if (kind, ident) in origin:
                    merged["overrides"].append(f"{path} overrides {noun} '{ident}' from {origin[(kind, ident)][0]}")
                merged[kind][ident] = item
                origin[(kind, ident)] = (path, index)
        merged["safety"].update(dumped["safety"])
        if dumped["heavy_rest_s"] is not None:
            merged["heavy_rest_s"] = dumped["heavy_rest_s"]
    if not problems:
        problems = check_references(merged, origin, positions)
    if problems:
        raise CatalogueError("\n".join(one_line(p) for p in problems))
    out = {k: (list(v.values()) if k in KINDS else v) for k, v in merged.items()}
    resolve_contraindications(out)
    return out


def resolve_contraindications(merged: dict[str, Any]) -> None:
    """Each exercise's loads (with deep hip flexion) and its contraindications resolved against the
    catalogue's conditions (glutecoach.core.safety), so the cache holds what ranking reads."""
    from glutecoach.core.safety import Condition, ConditionRule, ExplicitEntry, resolve, tissue_loads

    conditions = {
        c["name"]: Condition(
            c["name"],
            c["label"],
            c["note"],
            tuple(c["includes"]),
            tuple(ConditionRule(load, r["level"], r["note"]) for load, r in c["loads"].items()),
        )
        for c in merged["conditions"]
    }
    merged["condition_notes"] = {c.name: c.note for c in conditions.values()}
    by_name = {c["name"]: c for c in merged["conditions"]}

    def favours(name: str, seen: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
        c = by_name.get(name)
        if c is None or name in seen:
            return []
        own = list(c["favours"].items())
        return own + [f for inner in c["includes"] for f in favours(inner, seen | {name})]

    merged["favours"] = {name: [list(f) for f in favours(name)] for name in by_name}
    merged["still_covers"] = sorted(name for name, c in by_name.items() if c["still_covers"])
    resolved = []
    for ex in merged["exercises"]:  # new dicts: the per-file dumps are cached as validated, unresolved
        loads = tissue_loads(ex["loads"], ex["hip_flexion"])
        explicit = [ExplicitEntry(c["condition"], c["level"], c["note"], c["exception"]) for c in ex["contraindications"]]
        contra = [c._asdict() for c in resolve(loads, explicit, conditions)]  # with `derived`
        resolved.append({**ex, "loads": list(loads), "contraindications": contra})
    merged["exercises"] = resolved


def check_references(merged: dict[str, Any], origin: Origin, positions: Positions) -> list[str]:
    """Cross-file checks: every reference resolves, names are unambiguous, no progression cycle."""
    exercises = merged["exercises"]
    problems: list[str] = []
    names: dict[str, str] = {}

    def at(kind: str, ident: str, *loc: Any) -> str:
        path, index = origin[(kind, ident)]
        return positions.where(path, [kind, index, *loc])

    for slug, ex in exercises.items():
        problems += _exercise_reference_problems(slug, ex, merged, at)
        problems += _name_clashes(slug, ex, names, at)
    cycle = _find_cycle(exercises)
    if cycle:
        problems.append(
            f"{at('exercises', cycle[0])}: exercise '{cycle[0]}': progressions and regressions form a cycle: "
            f"{' -> '.join(cycle)} (back at {at('exercises', cycle[-2])})."
        )
    return problems + _plan_problems(merged, at) + _goal_problems(merged, at)


def _exercise_reference_problems(slug: str, ex: dict[str, Any], merged: dict[str, Any], at: Callable[..., str]) -> list[str]:
    """An exercise's progressions, regressions and evidence sources that name nothing in the catalogue."""
    exercises = merged["exercises"]
    problems = []
    for field in ("progressions", "regressions"):
        for j, other in enumerate(ex[field]):
            if other not in exercises:
                problems.append(
                    f"{at('exercises', slug, field, j)}: exercise '{slug}': {field}: no exercise '{other}' in any catalogue file."
                    f"{did_you_mean(other, exercises)}"
                )
    for j, ev in enumerate(ex["evidence"]):
        if ev["source"] not in merged["sources"]:
            problems.append(
                f"{at('exercises', slug, 'evidence', j, 'source')}: exercise '{slug}': evidence: "
                f"no source '{ev['source']}' in any sources list.{did_you_mean(ev['source'], merged['sources'])}"
            )
    return problems


def _name_clashes(slug: str, ex: dict[str, Any], names: dict[str, str], at: Callable[..., str]) -> list[str]:
    """The exercise's name and aliases already used by another exercise; records them in `names`
    (normalised name -> the first exercise to use it)."""
    problems = []
    for name in (ex["name"], *ex["aliases"]):
        key = normalise(name)
        if key in names and names[key] != slug:
            other = names[key]
            problems.append(
                f"{at('exercises', slug, 'aliases')}: exercise '{slug}': the name or alias '{name}' is also used by exercise '{other}' "
                f"({at('exercises', other)})."
            )
        names.setdefault(key, slug)
    return problems


def _plan_problems(merged: dict[str, Any], at: Callable[..., str]) -> list[str]:
    """Plan phases naming a goal or a preferred exercise that does not exist."""
    problems = []
    for level, plan in merged["plans"].items():
        for phase in plan["phases"]:
            if phase["goal"] is not None and phase["goal"] not in merged["goals"]:
                problems.append(f"{at('plans', level)}: plan '{level}', phase '{phase['name']}': no goal '{phase['goal']}'.")
            for slug in phase["preferred"]:
                if slug not in merged["exercises"]:
                    problems.append(f"{at('plans', level)}: plan '{level}', phase '{phase['name']}': no exercise '{slug}'.")
    return problems


def _goal_problems(merged: dict[str, Any], at: Callable[..., str]) -> list[str]:
    """Goals naming a rule the ranking does not have."""
    from glutecoach.core.rules import RULE_NAMES

    problems = []
    for name, goal in merged["goals"].items():
        for rule in goal["rules"]:
            if rule not in RULE_NAMES:
                problems.append(
                    f"{at('goals', name, 'rules', rule)}: goal '{name}': rules: no rule '{rule}'.{did_you_mean(rule, RULE_NAMES)}"
                )
    return problems


def _find_cycle(exercises: dict[str, dict[str, Any]]) -> list[str] | None:
    """A cycle in 'X is easier than Y' (X progresses to Y, or Y regresses to X), if there is one.

    Iterative depth-first search: a 50,000-exercise file must not hit the recursion limit."""
    harder: dict[str, list[str]] = {s: list(e["progressions"]) for s, e in exercises.items()}
    for slug, ex in exercises.items():
        for easier in ex["regressions"]:
            harder.setdefault(easier, []).append(slug)
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for start in exercises:
        if start in state:
            continue
        path: list[str] = [start]
        iters = [iter(sorted(set(harder.get(start, ()))))]
        state[start] = 1
        while iters:
            nxt = next(iters[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iters.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                iters.append(iter(sorted(set(harder.get(nxt, ())))))
    return None


def check_files(files: Sequence[tuple[Path, bytes]], builtin: Sequence[tuple[Path, bytes]]) -> list[str]:
    """`catalogue validate`: every problem in the given files, checked together with the built-in data."""
    try:
        merge_files([*builtin, *files])
    except CatalogueError as err:
        return str(err).splitlines()
    return []
