"""Renderers: one class per output format, picked by `renderer(fmt)` (flake8's formatter shape).

They take core objects, never options or files. JSON (render.data) and Markdown never import rich; the
terminal views (render.table, render.table_log, render.terminal, render.grid) are the only modules that do.
Documents (SVG, HTML) and the log's file formats are written through a `write` the CLI gives, which sends
them to stdout or to a file; a renderer never opens a file itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glutecoach.core.engine import Alternatives, Ranking
    from glutecoach.core.models import Catalogue, Entry, Exercise, Goal, RegionInfo, SavedProfile
    from glutecoach.core.next_session import NextSession
    from glutecoach.core.plan import Plan
    from glutecoach.core.progress import Progress

Write = Callable[[str], None]
EntriesFile = Callable[[list["Entry"]], str]  # a file format of the log (store.formats), e.g. its CSV


class Renderer:
    """Every output a command prints. A format that has no view of an output says so; the CLI checks the
    format against the command's list first, so a user never meets that error."""

    fmt = ""

    def _none(self, output: str) -> None:
        raise NotImplementedError(f"{output} has no {self.fmt} format")

    def exercises(self, cat: Catalogue, items: list[Exercise], region: str | None) -> None:
        self._none("exercises")

    def exercise(self, cat: Catalogue, ex: Exercise, full: bool = False) -> None:
        self._none("show")

    def regions(self, cat: Catalogue, infos: list[tuple[RegionInfo, list[str]]]) -> None:
        self._none("muscles")

    def goals(self, items: list[Goal]) -> None:
        self._none("goals")

    def ranking(self, r: Ranking, explain: bool) -> None:
        self._none("recommend")

    def alternatives(self, a: Alternatives) -> None:
        self._none("alternatives")

    def plan(self, p: Plan) -> None:
        self._none("plan")

    def next_session(self, n: NextSession) -> None:
        self._none("plan next")

    def progress(self, p: Progress) -> None:
        self._none("progress")

    def profile(self, p: SavedProfile) -> None:
        self._none("profile")

    def entries(self, cat: Catalogue | None, items: list[Entry], filtered: bool) -> None:
        self._none("log list")

    def saved_entry(self, cat: Catalogue, e: Entry) -> None:
        self._none("log add")


class JsonRenderer(Renderer):
    """The documented JSON shapes (README, "JSON output", defined once in render.shapes); each document is
    versioned (render.data.emit) and pinned by tests/cli/test_json_contract.py."""

    fmt = "json"

    def __init__(self, write: Write | None = None) -> None:
        from glutecoach.render import data

        self.data = data
        self.write = write

    def _emit(self, document: dict[str, object]) -> None:
        self.data.emit(document, self.write)

    def exercises(self, cat: Catalogue, items: list[Exercise], region: str | None) -> None:
        self._emit(self.data.exercises(cat, items))

    def exercise(self, cat: Catalogue, ex: Exercise, full: bool = False) -> None:
        self._emit(self.data.exercise(cat, ex))  # JSON always holds every figure

    def regions(self, cat: Catalogue, infos: list[tuple[RegionInfo, list[str]]]) -> None:
        self._emit(self.data.regions(infos))

    def goals(self, items: list[Goal]) -> None:
        self._emit(self.data.goals(items))

    def ranking(self, r: Ranking, explain: bool) -> None:
        self._emit(self.data.ranking(r))

    def alternatives(self, a: Alternatives) -> None:
        self._emit(self.data.alternatives(a))

    def plan(self, p: Plan) -> None:
        self._emit(self.data.plan(p))

    def next_session(self, n: NextSession) -> None:
        self._emit(self.data.next_session(n))

    def progress(self, p: Progress) -> None:
        self._emit(self.data.progress(p))

    def profile(self, p: SavedProfile) -> None:
        self._emit(self.data.profile(p))

    def entries(self, cat: Catalogue | None, items: list[Entry], filtered: bool) -> None:
        self._emit(self.data.entries(items))

    def saved_entry(self, cat: Catalogue, e: Entry) -> None:
        self._emit(self.data.entry(e))


class TableRenderer(Renderer):
    """The terminal views: fit the terminal's width; rich honours NO_COLOR. Each view imports only its
    own module, so `recommend` does not pay for the plan or progress views."""

    fmt = "table"

    def __init__(self, write: Write | None = None) -> None:
        pass  # the views print through the shared console (render.terminal)

    def exercises(self, cat: Catalogue, items: list[Exercise], region: str | None) -> None:
        from glutecoach.render import table

        table.exercises(cat, items, region)

    def exercise(self, cat: Catalogue, ex: Exercise, full: bool = False) -> None:
        from glutecoach.render import table

        table.exercise(cat, ex, full)

    def regions(self, cat: Catalogue, infos: list[tuple[RegionInfo, list[str]]]) -> None:
        from glutecoach.render import table

        table.regions(infos, cat)

    def goals(self, items: list[Goal]) -> None:
        from glutecoach.render import table

        table.goals(items)

    def ranking(self, r: Ranking, explain: bool) -> None:
        from glutecoach.render import ranking_view

        ranking_view.ranking(r, explain)

    def alternatives(self, a: Alternatives) -> None:
        from glutecoach.render import ranking_view

        ranking_view.alternatives(a)

    def plan(self, p: Plan) -> None:
        from glutecoach.render import plan_view

        plan_view.plan(p)

    def next_session(self, n: NextSession) -> None:
        from glutecoach.render import plan_view

        plan_view.next_session(n)

    def progress(self, p: Progress) -> None:
        from glutecoach.render import progress_view

        progress_view.progress(p)

    def profile(self, p: SavedProfile) -> None:
        from glutecoach.render import table_log

        table_log.profile(p)

    def entries(self, cat: Catalogue | None, items: list[Entry], filtered: bool) -> None:
        from glutecoach.render import table_log

        table_log.entries(cat, items, filtered)

    def saved_entry(self, cat: Catalogue, e: Entry) -> None:
        from glutecoach.render import table_log

        table_log.saved_entry(cat, e)


class DocumentRenderer(Renderer):
    """A file to print or send (render.export): SVG, or HTML with the same map, for show and progress."""

    def __init__(self, fmt: str, write: Write | None = None) -> None:
        self.fmt = fmt
        self.write = write or sys.stdout.write

    def exercise(self, cat: Catalogue, ex: Exercise, full: bool = False) -> None:
        from glutecoach.render import export

        self.write(export.exercise(cat, ex, self.fmt))  # a document always holds every figure

    def progress(self, p: Progress) -> None:
        from glutecoach.render import export

        self.write(export.progress(p, self.fmt))


class FileRenderer(Renderer):
    """The log's entries in one of the log's own file formats (store.formats writes them, so `log list
    --format csv` and `log export --format csv` are one file format)."""

    def __init__(self, fmt: str, text_of: EntriesFile, write: Write | None = None) -> None:
        self.fmt = fmt
        self.text_of = text_of
        self.write = write or sys.stdout.write

    def entries(self, cat: Catalogue | None, items: list[Entry], filtered: bool) -> None:
        self.write(self.text_of(items))


RENDERERS: dict[str, Callable[[Write | None], Renderer]] = {
    "table": TableRenderer,
    "json": JsonRenderer,
    "svg": lambda write: DocumentRenderer("svg", write),
    "html": lambda write: DocumentRenderer("html", write),
}


def renderer(fmt: str, write: Write | None = None, files: Mapping[str, EntriesFile] | None = None) -> Renderer:
    """The renderer for an output format the CLI has checked against the command's list. `write` takes a
    document (stdout when not given); `files` are the log's file formats a command offers as output."""
    if files is not None and fmt in files:
        return FileRenderer(fmt, files[fmt], write)
    return RENDERERS[fmt](write)
