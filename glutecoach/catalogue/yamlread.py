"""The YAML reader every catalogue (and a --map file) goes through: safe loaders only (the C parser when
present), and limits checked at the edge, before anything is built: the bytes (a list bomb), integers
(at most 15 digits), nesting (40 levels), duplicate keys, and aliases and merge keys (a document may
expand at most tenfold). Every problem names its file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from glutecoach.catalogue.schema import SCHEMA_VERSION
from glutecoach.errors import CatalogueError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 40


class StrictLoader(_Base):  # type: ignore[misc,valid-type]
    """A safe loader (C parser when present) that refuses duplicate keys, naming both lines.

    PyYAML silently keeps the last of two equal keys; an author must hear about the first."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        keys = [(k.tag, k.value) for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        if len(keys) != len(set(keys)):
            _refuse_duplicate_keys(node, lambda k: (k.tag, k.value))
        return super().construct_mapping(node, deep=deep)


def _refuse_duplicate_keys(node: Any, ident: Callable[[Any], Any]) -> None:
    """Raise an error naming both lines of the first key that `ident` finds twice in the mapping."""
    first: dict[Any, int] = {}
    for k, _ in node.value:
        key = ident(k)
        if key in first:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key '{k.value}' (first on line {first[key]}, again on line {k.start_mark.line + 1})",
                k.start_mark,
            )
        first[key] = k.start_mark.line + 1


# Aliases may make a document at most this many times larger than it is written (plus some slack):
# an honest file shares a few lists; a 'billion laughs' multiplies itself a million times.
MAX_EXPANSION = 10
EXPANSION_SLACK = 10_000

# Limits checked on the bytes, before the YAML is composed (composing alone costs seconds and gigabytes
# for a 48 MB list of tiny items). Every value but the document needs a '-', ':', ',', '[', '{' or
# '?' next to it, so these characters bound the number of values from above. An honest catalogue has
# about 0.08 of them per byte (the shipped one: 3.2 KB and 260 per exercise); a list bomb 0.25 or more.
MAX_VALUES_PER_BYTE = 0.12
MIN_VALUES_CAP = 1_000_000
MAX_INT_DIGITS = 15  # no count, score or second in a catalogue needs more; Python refuses past 4,300
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\]}]", re.MULTILINE)

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _NULL, _BOOL, _MAP, _SEQ, _MERGE = (_TAG + t for t in ("str", "int", "null", "bool", "map", "seq", "merge"))


class _Builder:
    """The document's value, built from its composed nodes in one walk that also enforces the
    nesting and alias-expansion limits and refuses duplicate keys.

    Strings, integers, booleans, nulls, lists and mappings (nearly every node of a catalogue) are
    built here; anything else (floats, dates, merge keys, tags) goes to PyYAML's own safe
    constructor, so the value is the one yaml.safe_load gives. PyYAML's generic construction
    costs about as much again as the C parser for a large file (measured: 0.65 s for a
    10,000-exercise file, against 0.25 s here)."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.values: dict[int, Any] = {}  # by node id: an alias shares its anchor's value, as in PyYAML
        self.sizes: dict[int, int] = {}  # by node id: values under it with every alias expanded

    def build(self, node: Any, depth: int = 0) -> tuple[Any, int]:
        key = id(node)
        if key in self.values:
            return self.values[key], self.sizes[key]
        if depth > MAX_DEPTH:
            raise yaml.YAMLError(f"the document is nested more than {MAX_DEPTH} levels deep (line {node.start_mark.line + 1})")
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode:
            return self.scalar(node), 1
        if kind is yaml.SequenceNode and tag == _SEQ:
            value: Any = []
            size = 1
            for item in node.value:
                v, n = (self.scalar(item), 1) if type(item) is yaml.ScalarNode else self.build(item, depth + 1)
                value.append(v)
                size += n
        elif kind is yaml.MappingNode and tag == _MAP and not any(k.tag == _MERGE for k, _ in node.value):
            value = {}
            size = 1
            for k, v_node in node.value:
                k_value, k_size = (self.scalar(k), 1) if type(k) is yaml.ScalarNode else self.build(k, depth + 1)
                v_value, v_size = (self.scalar(v_node), 1) if type(v_node) is yaml.ScalarNode else self.build(v_node, depth + 1)
                try:
                    value[k_value] = v_value
                except TypeError:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark, "found unhashable key", k.start_mark
                    ) from None
                size += k_size + v_size
            if len(value) != len(node.value):
                _refuse_duplicate_keys(node, lambda k: self.build(k)[0])
        else:
            size = _expanded_size(node, 10**12)
            value = self.pyyaml(node)
        self.values[key], self.sizes[key] = value, size
        return value, size

    def scalar(self, node: Any) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag == _INT and len(text) > MAX_INT_DIGITS and sum(c.isdigit() for c in text) > MAX_INT_DIGITS:
            raise yaml.constructor.ConstructorError(
                None, None, f"the number {text[:20]}... has {len(text):,} digits; accepted: at most {MAX_INT_DIGITS}", node.start_mark
            )
        if tag == _INT and text.isascii() and text.isdigit() and (text[0] != "0" or text == "0"):  # "012" is octal in YAML 1.1
            return int(text)
        if tag == _NULL:
            return None
        if tag == _BOOL and text.lower() in self.loader.bool_values:
            return self.loader.bool_values[text.lower()]
        return self.pyyaml(node)

    def pyyaml(self, node: Any) -> Any:
        """PyYAML's safe constructor for the node; a value that does not fit its explicit tag
        (!!int 'x', !!bool 'maybe') is an error at its position, not a crash."""
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
            kind = node.tag.rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} cannot be read as {kind} (its tag says it is one)", node.start_mark
            ) from None


def _expanded_size(root: Any, limit: int) -> int:
    """Nodes the document would have with every alias expanded, counted without expanding
    anything (each distinct node once, memoised); stops counting past `limit`."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        if id(node) in sizes and not done:
            continue
        if depth > MAX_DEPTH:
            raise yaml.YAMLError(f"the document is nested more than {MAX_DEPTH} levels deep (line {node.start_mark.line + 1})")
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else list(node.value)
        if done:
            sizes[id(node)] = min(limit + 1, 1 + sum(sizes[id(c)] for c in children))
            continue
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


def _refuse_dense(path: Path, data: bytes) -> None:
    """Refuse, from its bytes alone, a file with far more values than a catalogue of its size has."""
    values = sum(data.count(c) for c in (b"-", b":", b",", b"[", b"{", b"?"))
    cap = max(MIN_VALUES_CAP, int(MAX_VALUES_PER_BYTE * len(data)))
    if values > cap:
        raise CatalogueError(
            f"{path}: the file holds up to {values:,} values in {len(data):,} bytes, far more than a catalogue of its size "
            f"(at most {cap:,}); refused unread as a likely list bomb. Split it into several files."
        )


def parse(path: Path, data: bytes, composed: list[Any] | None = None) -> dict[str, Any]:
    """Bytes of one YAML file -> a mapping, or a CatalogueError with the position. The composed root
    node is appended to `composed` when given (for the positions of errors found later)."""
    if b"\0" in data:
        raise CatalogueError(f"{path}: the file contains NUL bytes; it is not a text catalogue.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CatalogueError(f"{path}:{line}: the file is not UTF-8 text (byte {err.start}); save it as UTF-8.") from None
    _refuse_dense(path, data)
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        limit = MAX_EXPANSION * text.count("\n") * 4 + EXPANSION_SLACK  # generous: ~4 nodes a line
        # "*" first: the pattern costs 0.1 ms a small file (1 s for a folder of 10,000), the test next to nothing
        if node is not None and "*" in text and _ALIAS.search(text) and _expanded_size(node, limit) > limit:  # before building
            raise yaml.YAMLError(f"the document's aliases (*name) expand it to more than {limit:,} values; refused as a likely alias bomb")
        doc, size = _Builder(loader).build(node) if node is not None else (None, 0)
        if composed is not None and node is not None:
            composed.append(node)
        if size > limit:
            raise yaml.YAMLError(f"the document's aliases (*name) expand it to more than {limit:,} values; refused as a likely alias bomb")
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = err.problem or err.context or "invalid YAML"
        label = "YAML syntax error" if isinstance(err, (yaml.scanner.ScannerError, yaml.parser.ParserError)) else "YAML error"
        if (mark is not None and text[mark.index : mark.index + 1] == "\t") or "'\\t'" in problem:
            problem += " (a tab: YAML does not allow tabs for indentation, use spaces)"
        if "python/" in problem:
            problem += " (Python tags are not allowed: a catalogue file is plain data)"
        raise CatalogueError(f"{where}: {label}: {problem}.") from None
    except yaml.YAMLError as err:
        raise CatalogueError(f"{path}: {err}.") from None
    except RecursionError:
        raise CatalogueError(f"{path}: the document is nested too deeply to be a catalogue.") from None
    finally:
        loader.dispose()
    if not isinstance(doc, dict):
        kind = "empty" if doc is None else f"a {type(doc).__name__}"
        raise CatalogueError(
            f"{path}:1:1: the document is {kind}; a catalogue file is a mapping with "
            f"'schema_version: {SCHEMA_VERSION}' and any of sources, exercises, goals."
        )
    return doc
