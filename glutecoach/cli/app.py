"""The typer app, assembled in one place: every command family registers here, in the order people use them."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Annotated, Any, Protocol

import typer
from typer.core import TyperGroup

from glutecoach import __version__

# --help lists commands in the order a person uses them, each with its whole one-line summary.
ORDER = ("start", "recommend", "plan", "log", "progress", "alternatives", "exercises", "show", "muscles", "goals", "profile", "catalogue")


class HelpWriter(Protocol):
    """What the help's command list uses of click's HelpFormatter (typer keeps click private from 0.28)."""

    def section(self, name: str) -> AbstractContextManager[None]: ...
    def write_dl(self, rows: Sequence[tuple[str, str]]) -> None: ...


class UseOrder(TyperGroup):
    # `ctx` is click's Context, which typer no longer exports publicly: typed as Any rather than reached
    # through a private module.
    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))

    def format_commands(self, ctx: Any, formatter: HelpWriter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=300)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


# Which module registers each command: the app for one run holds only the family it runs (typer turns
# every registered command into a click command on every run; measured: see README, "Performance").
FAMILY = {
    "recommend": "recommend",
    "alternatives": "recommend",
    "plan": "plan",
    "log": "log",
    "progress": "log",
    "exercises": "browse",
    "show": "browse",
    "muscles": "browse",
    "goals": "browse",
    "profile": "profile",
    "catalogue": "catalogue",
    "evidence": "evidence",
    "start": "start",
}
FAMILIES = ("start", "recommend", "plan", "log", "browse", "profile", "catalogue", "evidence")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"glutecoach {__version__}\n")
        raise typer.Exit()


def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help=(
                "Print long output straight to the terminal instead of through a pager (less -FRX, $PAGER or $GLUTECOACH_PAGER); "
                "GLUTECOACH_NO_PAGER=1 does the same."
            ),
        ),
    ] = False,
) -> None:
    """An evidence-based coach for glute training.

    Example: glutecoach recommend --goal upper-glutes
    """


def group(parent: typer.Typer, name: str, help_text: str) -> typer.Typer:
    """A command family: alone (`glutecoach log`) it prints its help and succeeds."""
    sub = typer.Typer(cls=UseOrder, rich_markup_mode=None, help=help_text, invoke_without_command=True)

    @sub.callback()
    def _show_help(ctx: typer.Context) -> None:
        if ctx.invoked_subcommand is None:
            sys.stdout.write(ctx.get_help() + "\n")
            raise typer.Exit()

    parent.add_typer(sub, name=name)
    return sub


def build(command: str | None = None) -> typer.Typer:
    """The app with every command family, or only the family of `command` when it names one."""
    from importlib import import_module

    app = typer.Typer(
        cls=UseOrder,
        name="glutecoach",
        help="An evidence-based coach for glute training: which exercises hit the part you care about, and why.\n\n"
        "Example: glutecoach recommend --goal upper-glutes",
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        # Plain help text: typer's rich help panels cost more than the whole yardstick's table.
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_main)
    if command in FAMILY:
        import_module(f"glutecoach.cli.{FAMILY[command]}").register(app, command)
    else:
        for family in FAMILIES:
            import_module(f"glutecoach.cli.{family}").register(app)
    return app


def __getattr__(name: str) -> typer.Typer:
    """`from glutecoach.cli.app import app`: the whole app, built on first use (a run builds its own)."""
    if name == "app":
        whole = globals()["app"] = build()
        return whole
    raise AttributeError(name)
