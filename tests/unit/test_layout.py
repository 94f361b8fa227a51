"""The rooms of the code and what each may import (each package's __init__ docstring says the same):
checked on every import statement in the package, including those inside functions."""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer

PACKAGE = Path(__file__).resolve().parents[2] / "glutecoach"

# room -> modules it must never import (the first part of the dotted name, or a glutecoach room)
FORBIDDEN = {
    "core": {
        "typer",
        "rich",
        "sqlite3",
        "yaml",
        "pydantic",
        "glutecoach.cli",
        "glutecoach.render",
        "glutecoach.store",
        "glutecoach.catalogue",
    },
    "catalogue": {"typer", "rich", "sqlite3", "glutecoach.cli", "glutecoach.render"},
    "store": {"typer", "rich", "yaml", "pydantic", "glutecoach.cli", "glutecoach.render", "glutecoach.catalogue"},
    "render": {"typer", "sqlite3", "yaml", "pydantic", "glutecoach.cli", "glutecoach.store", "glutecoach.catalogue"},
}
# The modules beside the rooms: the base floor (errors, status) imports nothing of glutecoach; the entry point
# talks only to the CLI; the speed seam sits above the store. A new top-level module must say its rule here.
BASE = {
    "typer",
    "rich",
    "sqlite3",
    "yaml",
    "pydantic",
    "glutecoach.cli",
    "glutecoach.core",
    "glutecoach.render",
    "glutecoach.store",
    "glutecoach.catalogue",
    "glutecoach.speed",
}
TOP_LEVEL = {
    "__init__.py": BASE | {"glutecoach.errors", "glutecoach.status"},
    "errors.py": BASE | {"glutecoach.status"},
    "status.py": BASE | {"glutecoach.errors"},
    "__main__.py": BASE - {"typer", "glutecoach.cli", "glutecoach.render"},  # and render.text, to escape what it prints
    "speed.py": {"typer", "rich", "yaml", "pydantic", "glutecoach.cli", "glutecoach.render", "glutecoach.catalogue"},
}
ONLY_TYPER = "cli"
# Only these render modules may import rich: JSON output never loads it.
RICH_FREE = {"render/__init__.py", "render/data.py", "render/text.py", "render/shapes.py"}


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append(node.module)
    return out


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def room(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else ""


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_room_imports_only_what_it_may(path: Path) -> None:
    banned = FORBIDDEN.get(room(path), set()) if room(path) else TOP_LEVEL[path.name]
    for name in imports(path):
        for bad in banned:
            assert not (name == bad or name.startswith(bad + ".")), f"{path.relative_to(PACKAGE)} imports {name}"
        if name.split(".")[0] == "typer":
            assert room(path) == ONLY_TYPER, f"{path.relative_to(PACKAGE)} imports typer: only glutecoach/cli may"
    rel = str(path.relative_to(PACKAGE))
    if rel in RICH_FREE:
        assert not any(n.split(".")[0] == "rich" for n in imports(path)), f"{rel} imports rich"


def test_every_top_level_module_has_an_import_rule() -> None:
    assert {p.name for p in PACKAGE.glob("*.py")} == set(TOP_LEVEL)


def private(dotted: str) -> bool:
    """A private module somewhere in a dotted name: a part with a leading underscore (dunders such as
    __future__ and __main__ are not private)."""
    return any(part.startswith("_") and not (part.startswith("__") and part.endswith("__")) for part in dotted.split("."))


def is_module(dotted: str) -> bool:
    try:
        return importlib.util.find_spec(dotted) is not None
    except (ImportError, ValueError):  # a name inside a module, not a module
        return False


def imported_modules(path: Path) -> list[str]:
    """Every module an import statement names, with `from x import y` counted as x.y when y is a module
    (so `from typer import _click` is the private module typer._click)."""
    out = list(imports(path))
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out += [f"{node.module}.{a.name}" for a in node.names if is_module(f"{node.module}.{a.name}")]
    return out


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_relative_imports_and_no_private_modules(path: Path) -> None:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            pytest.fail(f"{path.relative_to(PACKAGE)}: a relative import (use glutecoach.<room>.<module>)")
    for name in imported_modules(path):
        assert not private(name), f"{path.relative_to(PACKAGE)} imports the private module {name}"


def test_the_private_module_check_sees_a_from_import() -> None:
    """`from concurrent.futures import _base` is a private module, as `from typer import _click` was."""
    assert private("concurrent.futures._base") and is_module("concurrent.futures._base") and not private("__future__")
    assert not is_module("glutecoach.cli.options._complete")


def test_every_room_says_what_it_may_import() -> None:
    for name in ("core", "catalogue", "store", "render", "cli"):
        doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text())) or ""
        assert "import" in doc, f"glutecoach/{name}/__init__.py must say what the room may import"


def test_the_entry_point_is_main_argv_returning_an_exit_code() -> None:
    import inspect

    from glutecoach import __main__
    from glutecoach.status import ExitCode

    assert list(inspect.signature(__main__.main).parameters) == ["argv"]
    assert {c.name for c in ExitCode} == {"OK", "BUG", "BAD_INPUT", "PROBLEMS_FOUND", "INTERRUPTED"}
    source = (PACKAGE / "__main__.py").read_text()
    assert "os._exit" not in source and "gc.freeze" not in source and "registered_commands" not in source


def test_no_command_postpones_its_annotations() -> None:
    """typer reads every command's signature on every run and evaluates each string annotation twice
    (inspect.signature and get_type_hints): a command module without `from __future__ import annotations`
    spares it about 2 ms a run (plan next: typer builds its command in 1.6-1.8 ms instead of 3.8)."""
    import inspect

    from glutecoach.cli.app import build

    def callbacks(app: typer.Typer) -> list[Callable[..., Any]]:
        found = [c.callback for c in app.registered_commands if c.callback is not None]
        if app.registered_callback is not None and app.registered_callback.callback is not None:
            found.append(app.registered_callback.callback)
        for group in app.registered_groups:
            if group.typer_instance is not None:
                found += callbacks(group.typer_instance)
        return found

    every = callbacks(build())
    assert len(every) > 20
    postponed = {f"{f.__module__}.{f.__name__}" for f in every if any(isinstance(a, str) for a in inspect.get_annotations(f).values())}
    assert not postponed, f"commands whose annotations are strings: {sorted(postponed)}"


def test_every_command_is_in_the_family_table_and_each_family_alone_runs_its_commands() -> None:
    from typer.main import get_command

    from glutecoach.cli.app import FAMILY, build

    full = get_command(build())
    names = set(full.commands)  # type: ignore[attr-defined]
    assert names == set(FAMILY), "the FAMILY table and the app's commands differ"
    for name in FAMILY:
        alone = get_command(build(name))
        assert set(alone.commands) == {name}, name  # type: ignore[attr-defined]
