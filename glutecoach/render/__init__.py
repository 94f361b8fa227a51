"""Renderers. JSON and Markdown never import rich; only render.table (with render.grid) does."""

from __future__ import annotations

from typing import Any


def show(fmt: str, kind: str, *args: Any, **table_options: Any) -> None:
    """Print a core result as JSON (rich is never imported) or as the terminal view of the same name."""
    if fmt == "json":
        from . import data

        data.emit(getattr(data, kind)(*args))
    else:
        from . import table

        getattr(table, kind)(*args, **table_options)
