"""Renderers: one per output format behind one typed interface (Renderer), picked by `renderer(fmt)`.

They take core objects, never options or files. JSON (render.data) and Markdown never import rich; the
terminal views (render.table, render.table_log, render.terminal, render.grid) are the only modules that do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from glutecoach.core.engine import Alternatives, Ranking
    from glutecoach.core.models import Catalogue, Entry, Exercise, Goal, RegionInfo, SavedProfile
    from glutecoach.core.next_session import NextSession
    from glutecoach.core.plan import Plan
    from glutecoach.core.progress import Progress


class Renderer(Protocol):
    def exercises(self, cat: Catalogue, items: list[Exercise], region: str | None) -> None: ...
    def exercise(self, cat: Catalogue, ex: Exercise, full: bool = False) -> None: ...
    def regions(self, cat: Catalogue, infos: list[tuple[RegionInfo, list[str]]]) -> None: ...
    def goals(self, items: list[Goal]) -> None: ...
    def ranking(self, r: Ranking, explain: bool) -> None: ...
    def alternatives(self, a: Alternatives) -> None: ...
    def plan(self, p: Plan) -> None: ...
    def next_session(self, n: NextSession) -> None: ...
    def progress(self, p: Progress) -> None: ...
    def profile(self, p: SavedProfile) -> None: ...
    def entries(self, cat: Catalogue | None, items: list[Entry], filtered: bool) -> None: ...
    def saved_entry(self, cat: Catalogue, e: Entry) -> None: ...


class JsonRenderer:
    """The documented JSON shapes (README, "JSON output"); pinned by tests/cli/test_json_contract.py."""

    def __init__(self) -> None:
        from glutecoach.render import data

        self.data = data

    def exercises(self, cat: Catalogue, items: list[Exercise], region: str | None) -> None:
        self.data.emit(self.data.exercises(cat, items))

    def exercise(self, cat: Catalogue, ex: Exercise, full: bool = False) -> None:
        self.data.emit(self.data.exercise(cat, ex))  # JSON always holds every figure

    def regions(self, cat: Catalogue, infos: list[tuple[RegionInfo, list[str]]]) -> None:
        self.data.emit(self.data.regions(infos))

    def goals(self, items: list[Goal]) -> None:
        self.data.emit(self.data.goals(items))

    def ranking(self, r: Ranking, explain: bool) -> None:
        self.data.emit(self.data.ranking(r))

    def alternatives(self, a: Alternatives) -> None:
        self.data.emit(self.data.alternatives(a))

    def plan(self, p: Plan) -> None:
        self.data.emit(self.data.plan(p))

    def next_session(self, n: NextSession) -> None:
        self.data.emit(self.data.next_session(n))

    def progress(self, p: Progress) -> None:
        self.data.emit(self.data.progress(p))

    def profile(self, p: SavedProfile) -> None:
        self.data.emit(self.data.profile(p))

    def entries(self, cat: Catalogue | None, items: list[Entry], filtered: bool) -> None:
        self.data.emit([self.data.entry(e) for e in items])

    def saved_entry(self, cat: Catalogue, e: Entry) -> None:
        self.data.emit(self.data.entry(e))


class TableRenderer:
    """The terminal views: fit the terminal's width; rich honours NO_COLOR. Each view imports only its
    own module, so `recommend` does not pay for the plan or progress views."""

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


def renderer(fmt: str) -> Renderer:
    """The renderer for an output format already checked by the CLI ('json' or 'table')."""
    return JsonRenderer() if fmt == "json" else TableRenderer()
