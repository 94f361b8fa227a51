"""Parse and validate data files: YAML (safe loaders only), pydantic models, cross-references.

Every problem becomes a CatalogueError that names the file, line and column, the exercise and the
field at fault, what is wrong and what is accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import CatalogueError, did_you_mean
from .schema import SCHEMA_VERSION, CatalogueFileModel

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_ALIASES = 100  # anchors/aliases in one document; enough for any honest file, too few for a bomb
MAX_DEPTH = 40


class StrictLoader(_Base):  # type: ignore[misc,valid-type]
    """A safe loader that refuses duplicate keys and alias bombs."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # count aliases before they expand
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.YAMLError(f"more than {MAX_ALIASES} aliases (*name) at line {mark.line + 1}: refused")
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", key_node.start_mark
                ) from None
            line = key_node.start_mark.line + 1
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key '{key}' (first on line {seen[key]}, again on line {line})",
                    key_node.start_mark,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def parse(path: Path, data: bytes) -> dict:
    """Bytes of one YAML file -> a mapping, or a CatalogueError with the position."""
    if b"\0" in data:
        raise CatalogueError(f"{path}: the file contains NUL bytes; it is not a text catalogue.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CatalogueError(f"{path}:{line}: the file is not UTF-8 text (byte {err.start}); save it as UTF-8.") from None
    try:
        doc = yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = err.problem or err.context or "invalid YAML"
        if "found character '\\t'" in problem:
            problem += " (YAML does not allow tabs for indentation: use spaces)"
        raise CatalogueError(f"{where}: YAML syntax error: {problem}.") from None
    except yaml.YAMLError as err:
        raise CatalogueError(f"{path}: YAML error: {err}.") from None
    except RecursionError:
        raise CatalogueError(f"{path}: the document is nested too deeply to be a catalogue.") from None
    if not isinstance(doc, dict):
        kind = "empty" if doc is None else f"a {type(doc).__name__}"
        raise CatalogueError(
            f"{path}:1:1: the document is {kind}; a catalogue file is a mapping with "
            f"'schema_version: {SCHEMA_VERSION}' and any of sources, exercises, goals."
        )
    return doc


def _position(text: str, loc: Sequence[Any]) -> tuple[int, int]:
    """Line and column of the node at loc (only computed when there is an error to report)."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return 1, 1
    best = node
    for part in loc:
        if node is None:
            break
        if isinstance(node, yaml.MappingNode):
            found = None
            for k, v in node.value:
                if k.value == part:
                    found = (k, v)
                    break
            if found is None:
                break
            best, node = found[0], found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            best = node
        else:
            break
    return best.start_mark.line + 1, best.start_mark.column + 1


def _field_words(model_loc: Sequence[Any]) -> list[str]:
    return [str(p) for p in model_loc]


def describe_errors(path: Path, text: str, doc: dict, err: ValidationError) -> list[str]:
    """One line per pydantic error: FILE:LINE:COL: exercise SLUG: field: what is wrong."""
    from .schema import ExerciseModel

    known_fields = set(ExerciseModel.model_fields)
    lines = []
    for e in err.errors():
        loc = list(e["loc"])
        # pydantic adds the tag of a union branch or a function name to loc; keep YAML keys only
        loc = [p for p in loc if isinstance(p, int) or not str(p).startswith(("function-", "literal["))]
        line, col = _position(text, loc)
        who = ""
        if len(loc) >= 2 and loc[0] in ("exercises", "goals", "sources", "plans", "regions") and isinstance(loc[1], int):
            items = doc.get(loc[0]) or []
            item = items[loc[1]] if loc[1] < len(items) else None
            ident = None
            if isinstance(item, dict):
                ident = item.get("slug") or item.get("name") or item.get("key") or item.get("level")
            kind = {"exercises": "exercise", "goals": "goal", "sources": "source", "plans": "plan", "regions": "region"}[loc[0]]
            who = f"{kind} '{ident}': " if ident else f"{kind} #{loc[1] + 1}: "
            field = ".".join(str(p) for p in loc[2:]) or "(entry)"
        else:
            field = ".".join(str(p) for p in loc) or "(document)"
        msg = e["msg"]
        if e["type"] == "extra_forbidden":
            name = str(loc[-1])
            hint = did_you_mean(name, known_fields) if loc and loc[0] == "exercises" else ""
            msg = f"unknown key '{name}'.{hint}".rstrip(".") + ""
        elif e["type"] in ("enum", "literal_error"):
            msg = f"{msg} (got {e.get('input')!r})"
            bad = e.get("input")
            expected = e.get("ctx", {}).get("expected", "")
            words = [w.strip(" '") for w in expected.replace(" or ", ",").split(",") if w.strip(" '")]
            if isinstance(bad, str) and words:
                msg += did_you_mean(bad, words)
        lines.append(f"{path}:{line}:{col}: {who}{field}: {msg}")
    return lines


def validate_file(path: Path, data: bytes) -> CatalogueFileModel:
    doc = parse(path, data)
    try:
        return CatalogueFileModel.model_validate(doc)
    except ValidationError as err:
        lines = describe_errors(path, data.decode("utf-8"), doc, err)
        raise CatalogueError("\n".join(lines)) from None


def merge_files(files: Sequence[tuple[Path, bytes]]) -> dict:
    """Validate each file, merge them (later ones override by slug/name/key) and check references."""
    merged: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "sources": {},
        "exercises": {},
        "goals": {},
        "regions": {},
        "plans": {},
        "safety": {},
        "condition_notes": {},
        "heavy_rest_s": 120,
        "overrides": [],
    }
    origin: dict[str, Path] = {}
    for path, data in files:
        model = validate_file(path, data)
        dumped = model.model_dump(mode="json", by_alias=True)
        for kind, key in (("sources", "key"), ("exercises", "slug"), ("goals", "name"), ("regions", "name"), ("plans", "level")):
            seen_here: set[str] = set()
            for item in dumped[kind]:
                ident = item[key]
                if ident in seen_here:
                    raise CatalogueError(f"{path}: {kind[:-1]} '{ident}' is defined twice in this file.")
                seen_here.add(ident)
                if ident in merged[kind]:
                    merged["overrides"].append(f"{path} overrides {kind[:-1]} '{ident}' from {origin[kind + ident]}")
                merged[kind][ident] = item
                origin[kind + ident] = path
        merged["safety"].update(dumped["safety"])
        merged["condition_notes"].update(dumped["condition_notes"])
        if dumped["heavy_rest_s"] is not None:
            merged["heavy_rest_s"] = dumped["heavy_rest_s"]
    check_references(merged, origin)
    return {k: (list(v.values()) if k in ("sources", "exercises", "goals", "regions", "plans") else v) for k, v in merged.items()}


def check_references(merged: dict, origin: dict[str, Path]) -> None:
    exercises = merged["exercises"]
    problems = []
    names: dict[str, str] = {}
    for slug, ex in exercises.items():
        where = origin["exercises" + slug]
        for field in ("progressions", "regressions"):
            for other in ex[field]:
                if other not in exercises:
                    problems.append(
                        f"{where}: exercise '{slug}': {field}: no exercise '{other}'.{did_you_mean(other, exercises)}"
                    )
        for ev in ex["evidence"]:
            if ev["source"] not in merged["sources"]:
                problems.append(
                    f"{where}: exercise '{slug}': evidence: no source '{ev['source']}' in any sources list."
                    f"{did_you_mean(ev['source'], merged['sources'])}"
                )
        for name in (ex["name"], *ex["aliases"]):
            key = " ".join(name.lower().replace("-", " ").split())
            if key in names and names[key] != slug:
                problems.append(f"{where}: exercise '{slug}': the name or alias '{name}' is also used by '{names[key]}'.")
            names.setdefault(key, slug)
    cycle = _find_cycle(exercises)
    if cycle:
        problems.append(
            f"{origin['exercises' + cycle[0]]}: progressions and regressions form a cycle: {' -> '.join(cycle)}."
        )
    for level, plan in merged["plans"].items():
        for phase in plan["phases"]:
            if phase["goal"] is not None and phase["goal"] not in merged["goals"]:
                problems.append(f"{origin['plans' + level]}: plan '{level}', phase '{phase['name']}': no goal '{phase['goal']}'.")
            for slug in phase["preferred"]:
                if slug not in exercises:
                    problems.append(f"{origin['plans' + level]}: plan '{level}', phase '{phase['name']}': no exercise '{slug}'.")
    for name, goal in merged["goals"].items():
        from .rules import RULE_NAMES

        for rule in goal["rules"]:
            if rule not in RULE_NAMES:
                problems.append(
                    f"{origin['goals' + name]}: goal '{name}': rules: no rule '{rule}'.{did_you_mean(rule, RULE_NAMES)}"
                )
    if problems:
        raise CatalogueError("\n".join(problems))


def _find_cycle(exercises: dict[str, dict]) -> list[str] | None:
    """A cycle in 'X is easier than Y' (X progresses to Y, or Y regresses to X), if there is one."""
    harder: dict[str, set[str]] = {s: set(e["progressions"]) for s, e in exercises.items()}
    for slug, ex in exercises.items():
        for easier in ex["regressions"]:
            harder.setdefault(easier, set()).add(slug)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(harder.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for slug in exercises:
        if slug not in state:
            found = visit(slug)
            if found:
                return found
    return None
