"""The typer app, assembled in one place: every command family registers here, in the order people use them."""

from __future__ import annotations

import sys
from typing import Annotated

from typer import _click as click
import typer
from typer.core import TyperGroup

from glutecoach import __version__

# --help lists commands in the order a person uses them, each with its whole one-line summary.
ORDER = ("recommend", "plan", "log", "progress", "alternatives", "exercises", "show", "muscles", "goals", "profile", "catalogue")


class UseOrder(TyperGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=300)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


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


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"glutecoach {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """An evidence-based coach for glute training.

    Example: glutecoach recommend --goal upper-glutes
    """


def group(name: str, help_text: str) -> typer.Typer:
    """A command family: alone (`glutecoach log`) it prints its help and succeeds."""
    sub = typer.Typer(rich_markup_mode=None, help=help_text, invoke_without_command=True)

    @sub.callback()
    def _show_help(ctx: typer.Context) -> None:
        if ctx.invoked_subcommand is None:
            sys.stdout.write(ctx.get_help() + "\n")
            raise typer.Exit()

    app.add_typer(sub, name=name)
    return sub


def _assemble() -> None:
    """Register every command family on the app: importing this module gives the whole app."""
    from glutecoach.cli import browse, catalogue, log, plan, profile, recommend

    for family in (recommend, plan, log, browse, profile, catalogue):
        family.register(app)


_assemble()
