"""glutecoach builds YAML values itself (yamlread._Builder, for speed); they must be exactly what
PyYAML's safe loader gives, and its limits must hold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from glutecoach.catalogue.validate import parse
from glutecoach.errors import CatalogueError

SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def ours(text: str) -> Any:
    return parse(Path("t.yaml"), text.encode())


@pytest.mark.parametrize(
    "text",
    [
        "a: 012\nb: 0x1F\nc: 0o17\nd: 1_000\ne: -5\nf: +7\ng: 0\nh: 190:20:30\n",  # YAML 1.1 integers
        "a: 1.5\nb: .inf\nc: -.Inf\nd: 1e3\ne: 6.8523015e+5\nf: 1_0.5\n",
        "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: ~\ng: null\nh:\n",
        "a: 2002-12-14\nb: 2001-12-14t21:59:43.10-05:00\n",
        "a: '012'\nb: \"yes\"\nc: !!str 5\nd: !!int '7'\ne: !!float '1'\n",
        "base: &b {x: 1, y: [1, 2]}\nother:\n  <<: *b\n  y: 3\nlist: [*b, *b]\n",
        "a: &s hello\nb: *s\nc: !!set {x, y}\nd: !!omap [{k: 1}, {j: 2}]\ne: !!binary aGk=\n",
        "? [1, 2]\n: pair\n",  # a list as a key: unhashable
        "a:\n  - b:\n      - c: [1, [2, [3, {d: e}]]]\n",
    ],
)
def test_values_are_what_the_safe_loader_gives(text: str) -> None:
    try:
        expected = yaml.load(text, Loader=SAFE)
    except yaml.YAMLError:
        with pytest.raises(CatalogueError):
            ours(text)
        return
    got = ours(text)
    assert got == expected
    assert [type(v) for v in got.values()] == [type(v) for v in expected.values()]


def test_an_alias_shares_its_anchors_value_as_in_pyyaml() -> None:
    doc = ours("a: &x [1, 2]\nb: *x\n")
    assert doc["a"] is doc["b"]


def test_duplicate_keys_are_refused_with_both_lines_even_when_they_are_spelled_differently() -> None:
    with pytest.raises(CatalogueError, match=r"t.yaml:3:1: .*duplicate key 'x' \(first on line 1, again on line 3\)"):
        ours("x: 1\ny: 2\nx: 3\n")
    with pytest.raises(CatalogueError, match=r"duplicate key 'yes' \(first on line 1, again on line 2\)"):
        ours("true: 1\nyes: 2\n")  # both are the boolean true


def test_an_alias_bomb_is_refused_before_anything_is_expanded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(CatalogueError, match="alias bomb"):
        ours("\n".join(lines) + "\n")


def test_nesting_past_the_limit_is_refused_with_its_line() -> None:
    with pytest.raises(CatalogueError, match=r"nested more than 40 levels deep \(line 1\)"):
        ours("a: " + "[" * 60 + "]" * 60 + "\n")


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["012", "0x1F", "yes", "off", "~", "1_000", "1e3", ".inf", "2001-12-14", "<<", "&a", "*a"]),
)
documents = st.dictionaries(
    st.text(max_size=8),
    st.recursive(
        scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=20
    ),
    max_size=6,
)


@settings(deadline=None)
@given(documents, st.booleans())
def test_any_document_reads_back_as_pyyaml_reads_it(doc: dict, flow: bool) -> None:
    text = yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True)
    expected = yaml.load(text, Loader=SAFE)
    got = ours(text)
    assert repr(got) == repr(expected)  # repr: nan equals nan, and 1, 1.0 and True differ


@pytest.mark.parametrize("value", ["!!int x", "!!int '²'", "!!float x", "!!bool maybe", "!!timestamp x"])
def test_a_value_that_does_not_fit_its_explicit_tag_is_an_error_at_its_position(value: str) -> None:
    with pytest.raises(CatalogueError, match=r"^t.yaml:2:4: YAML error: .* cannot be read as"):
        ours(f"a: 1\nb: {value}\n")


@pytest.mark.parametrize("value", ["!!int ''", "!!float ''", "!!bool ''", "!!int '-'"])
def test_an_empty_value_under_an_explicit_tag_is_an_error_at_its_line(value: str) -> None:
    """PyYAML indexes the empty text of `!!int ''` (IndexError); glutecoach names the line instead (found by the
    1,000-example property run of tests/cli/test_properties.py)."""
    with pytest.raises(CatalogueError, match=r"mine.yaml:2:"):
        parse(Path("mine.yaml"), f"schema_version: 1\nx: {value}\n".encode())
