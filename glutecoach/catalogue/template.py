"""Writing your own exercise: a commented template, every field's accepted values, and a built-in
exercise as catalogue YAML to copy from.

Every accepted value is read from the schema (catalogue.schema, itself built from core.vocab), never
retyped here, so the template cannot drift from what `catalogue validate` accepts.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from glutecoach.catalogue.schema import SCHEMA_VERSION, ExerciseModel

# Placeholders for the text fields: valid as they stand, so the template validates before it is edited.
_TEXT = {"name": "My exercise", "cues": "A cue: what to feel and where", "mistakes": "A common mistake and its fix"}
_SLUG = {"slug": "my-exercise", "family": "my-exercise"}
_CHOSEN = {"basis": "estimate"}  # an exercise of your own is an estimate until a study measures it
_COMMENT_WIDTH = 100


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return ExerciseModel.model_json_schema(by_alias=True)


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return _schema()["$defs"][ref.rsplit("/", 1)[1]] if ref else node


def accepted(node: dict[str, Any]) -> str:
    """What a schema node accepts, in words: 'one of: a, b', 'a whole number 1-5', 'a list of ...'."""
    node = _resolve(node)
    if "anyOf" in node:
        return " or ".join(accepted(n) for n in node["anyOf"] if n.get("type") != "null") + (
            " (or empty)" if any(n.get("type") == "null" for n in node["anyOf"]) else ""
        )
    if "enum" in node:
        return "one of: " + ", ".join(str(v) for v in node["enum"])
    if "const" in node:
        return f"{node['const']}"
    kind = node.get("type")
    if kind == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        return f"a whole number {low}-{high}" if low is not None and high is not None else "a whole number"
    if kind == "number":
        return "a number"
    if kind == "boolean":
        return "true or false"
    if kind == "string":
        return "a slug (lowercase words joined by hyphens)" if "pattern" in node else "text"
    if kind == "array":
        least = node.get("minItems")
        return f"a list{f' of at least {least}' if least else ''}, each {accepted(node.get('items', {}))}"
    if kind == "object":
        fields = node.get("properties", {})
        return "fields " + "; ".join(f"{name}: {accepted(sub)}" for name, sub in fields.items())
    return "any value"


def field_help(name: str) -> str:
    """The accepted values of one exercise field, for an error that names a missing one."""
    prop = _schema()["properties"].get(name)
    return accepted(prop) if prop else ""


def _placeholder(name: str, node: dict[str, Any]) -> Any:
    node = _resolve(node)
    if "anyOf" in node:
        return _placeholder(name, next(n for n in node["anyOf"] if n.get("type") != "null"))
    if name in _CHOSEN:
        return _CHOSEN[name]
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "integer":
        return node.get("minimum", 1)
    if kind == "boolean":
        return False
    if kind == "string":
        return _SLUG.get(name, "my-exercise") if "pattern" in node else _TEXT.get(name, "Text")
    if kind == "array":
        return [_placeholder(name, node.get("items", {})) for _ in range(node.get("minItems", 0))]
    if kind == "object":
        return {key: _placeholder(key, sub) for key, sub in node.get("properties", {}).items() if key in node.get("required", [])}
    return None


def _flow(value: Any) -> str:
    """A value as one line of YAML flow style (JSON is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str, indent: str) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(indent) + 2 + len(line) + 1 + len(word) > _COMMENT_WIDTH:
            lines.append(f"{indent}# {line}")
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, f"{indent}# {line}"] if line else lines


def template() -> str:
    """A catalogue file with one exercise: every field, its accepted values in a comment above it, and a
    value that validates (so the file checks clean before it is edited)."""
    schema = _schema()
    required = set(schema.get("required", []))
    out = [
        "# A glutecoach catalogue file with one exercise of your own. Fill in each field, then check it:",
        "#   glutecoach catalogue validate my-exercises.yaml",
        "# and use it with --catalogue my-exercises.yaml (or put it in the config folder's catalogues/).",
        "# To start from a built-in exercise instead: glutecoach show hip-thrust --format yaml",
        f"schema_version: {SCHEMA_VERSION}",
        "exercises:",
    ]
    first = True
    for name, node in schema["properties"].items():
        need = "required" if name in required else "optional"
        words = accepted(node)
        if name == "regions":  # the five regions take the same fields: say them once
            region, sub = next(iter(_resolve(node)["properties"].items()))
            words = f"each of the five regions ({', '.join(_resolve(node)['properties'])}) with {accepted(sub)}"
        out.extend(_comment(f"{name} ({need}): {words}", "    "))
        value = _placeholder(name, node) if name in required else _resolve(node).get("default", None)
        if name == "regions":
            lines = [f"{'  - ' if first else '    '}regions:"]
            for region, sub in _resolve(node)["properties"].items():
                lines.append(f"      {region}: {_flow(_placeholder(region, sub))}")
            out.extend(lines)
        else:
            shown = _flow(value if value is not None else [] if _resolve(node).get("type") == "array" else "")
            out.append(f"{'  - ' if first else '    '}{name}: {shown}")
        first = False
    return "\n".join(out) + "\n"


def exercise_yaml(files: list[Path], slug: str) -> str:
    """The exercise `slug` as it stands in the catalogue files (the last file that defines it wins), with
    the sources its evidence cites, as a catalogue file that validates back."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: dict[str, Any] | None = None
    sources: dict[str, dict[str, Any]] = {}
    for path in files:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        for item in doc.get("exercises") or []:
            if isinstance(item, dict) and item.get("slug") == slug:
                found = item
        for source in doc.get("sources") or []:
            if isinstance(source, dict) and "key" in source:
                sources[source["key"]] = source
    if found is None:
        raise LookupError(slug)
    cited = [sources[k] for k in dict.fromkeys(e.get("source") for e in found.get("evidence") or []) if k in sources]
    body = {"schema_version": SCHEMA_VERSION, **({"sources": cited} if cited else {}), "exercises": [found]}
    head = (
        f"# {found.get('name', slug)}, as glutecoach's catalogue holds it. Save it, change what you need (a new slug\n"
        "# makes a new exercise; the same slug replaces this one) and check it: glutecoach catalogue validate FILE\n"
    )
    return head + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)
