"""Property tests: generated command lines and generated broken catalogue files never break glutecoach.

Every run ends with exit code 0 or 2, never a traceback, and writes nothing outside GLUTECOACH_HOME.
Run in-process with typer's test runner; hypothesis keeps no database (settings below).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.core.vocab import CONDITIONS, EQUIPMENT, LEVELS, MOVEMENTS, REGIONS
from glutecoach.status import ExitCode

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
SETTINGS = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

junk = st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)
words = lambda vocab: st.one_of(st.sampled_from(list(vocab)), junk)  # noqa: E731
GOALS = ["upper-glutes", "lower-glutes", "glute-size", "piriformis", "strength", "sprint-jump", "muscle-contact"]
EXERCISES = ["hip-thrust", "glute bridge", "Bulgarian lunge", "clamshell", "lateral-knee-lift"]

option = st.one_of(
    st.tuples(st.just("--goal"), words(GOALS)),
    st.tuples(st.just("--level"), words(LEVELS)),
    st.tuples(
        st.just("--equipment"), st.one_of(words([*EQUIPMENT, "none"]), st.lists(st.sampled_from(EQUIPMENT), max_size=4).map(",".join))
    ),
    st.tuples(st.just("--pain"), words(CONDITIONS)),
    st.tuples(st.just("--muscle"), words([*REGIONS, "upper-glutes", "medius", "gluteus-maximus"])),
    st.tuples(st.just("--movement"), words(MOVEMENTS)),
    st.tuples(st.just("--format"), words(["table", "json", "markdown"])),
    st.tuples(st.just("--top"), st.integers(-3, 120).map(str)),
    st.tuples(st.just("--weeks"), st.integers(0, 20).map(str)),
    st.tuples(st.just("--days-per-week"), st.integers(-1, 8).map(str)),
    st.tuples(st.just("--explain")),
    st.tuples(st.just("--sets"), st.integers(-2, 60).map(str)),
    st.tuples(st.just("--reps"), st.integers(-2, 1200).map(str)),
    st.tuples(st.just("--set"), st.one_of(st.just("10x60"), junk)),
    st.tuples(st.just("--contact"), st.integers(-1, 12).map(str)),
    st.tuples(st.just("--date"), st.one_of(st.just("2026-02-30"), st.dates().map(str), junk)),
    st.tuples(st.just("--units"), words(["kg", "lb"])),
    st.tuples(junk),
)
command = st.sampled_from(
    [
        "recommend",
        "alternatives",
        "plan",
        "exercises",
        "show",
        "muscles",
        "goals",
        "catalogue",
        "progress",
        "log",
        "log add",
        "log list",
        "profile set",
        "profile show",
        "plan next",
        "bogus",
    ]
).map(str.split)
positional = st.lists(words(EXERCISES + list(REGIONS)), max_size=1)


def invoke_in(cwd: Path, args: list[str]) -> Any:
    """Run the CLI with `cwd` as the current folder (to see that nothing is written there)."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(app, args)
    finally:
        os.chdir(old)


def check(result, cwd: Path, codes: tuple[int, ...] = (ExitCode.OK, ExitCode.BAD_INPUT)) -> None:
    assert result.exit_code in codes, (result.exit_code, result.output, repr(result.exception))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert list(cwd.iterdir()) == [], "wrote into the current folder"


@SETTINGS
@given(command, positional, st.lists(option, max_size=5))
def test_generated_command_lines_exit_0_or_2(tmp_path_factory, cmd: list[str], pos: list[str], opts: list[tuple[str, ...]]) -> None:
    cwd = tmp_path_factory.mktemp("cwd")
    args = [*cmd, *pos, *(part for opt in opts for part in opt)]
    check(invoke_in(cwd, args), cwd)


BASE = yaml.safe_load((ROOT / "examples" / "my-exercises.yaml").read_text())
LEAF = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=True), junk, st.lists(junk, max_size=3))


def paths_of(node: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths_of(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths_of(v, (*prefix, i))
    return out


PATHS = paths_of(BASE)[1:]


def mutate(doc: object, path: tuple[Any, ...], value: object, delete: bool) -> object:
    import copy

    doc = copy.deepcopy(doc)
    parent: Any = doc
    for part in path[:-1]:
        parent = parent[part]
    if delete and isinstance(parent, dict):
        parent.pop(path[-1], None)
    else:
        parent[path[-1]] = value
    return doc


# Explicit YAML tags, written into the text where a value starts: safe_dump never writes a tag
# that does not fit its value (!!int on a word), a person can.
TAGS = [
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!str",
    "!!timestamp",
    "!!binary",
    "!!set",
    "!!omap",
    "!!map",
    "!!seq",
    "!mine",
    "!!python/name:os.system",
]


def tag_a_value(text: str, tag: str, where: int) -> str:
    lines = text.splitlines(keepends=True)
    spots = [i for i, line in enumerate(lines) if ": " in line or line.lstrip().startswith("- ")]
    i = spots[where % len(spots)]
    mark = ": " if ": " in lines[i] else "- "
    lines[i] = lines[i].replace(mark, f"{mark}{tag} ", 1)
    return "".join(lines)


@SETTINGS
@given(
    st.lists(st.tuples(st.sampled_from(PATHS), LEAF, st.booleans()), min_size=1, max_size=3),
    st.sampled_from(["goals", "recommend", "validate"]),
    st.none() | st.tuples(st.sampled_from(TAGS), st.integers(0, 10**6)),
)
def test_generated_broken_catalogues_exit_0_or_2(tmp_path_factory, edits: list, how: str, tag: tuple | None) -> None:
    cwd = tmp_path_factory.mktemp("cwd")
    doc: object = BASE
    for path, value, delete in edits:
        try:
            doc = mutate(doc, path, value, delete)
        except (KeyError, IndexError, TypeError):
            continue
    folder = tmp_path_factory.mktemp("files")
    path = folder / "mine.yaml"
    text = yaml.safe_dump(doc, allow_unicode=True)
    path.write_text(tag_a_value(text, *tag) if tag else text)
    args = {
        "goals": ["goals", "--catalogue", str(path)],
        "recommend": ["recommend", "--goal", "banded-glutes", "--format", "json", "--catalogue", str(path)],
        "validate": ["catalogue", "validate", str(path)],
    }[how]
    check(
        invoke_in(cwd, args),
        cwd,
        (ExitCode.OK, ExitCode.BAD_INPUT, ExitCode.PROBLEMS_FOUND) if how == "validate" else (ExitCode.OK, ExitCode.BAD_INPUT),
    )
