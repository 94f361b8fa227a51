"""The typer app, assembled in one place: every command family registers here, in the order people use them."""

# No `from __future__ import annotations`: typer reads these signatures on every run, and real
# annotation objects spare it an eval per parameter.
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Annotated, Any, Protocol

import typer
from typer.core import TyperCommand, TyperGroup

from glutecoach import __version__

# --help lists commands in the order a person uses them, each with its whole one-line summary.
ORDER = ("start", "recommend", "plan", "log", "progress", "alternatives", "exercises", "show", "muscles", "goals", "profile", "catalogue")


class HelpWriter(Protocol):
    """What the help's command list uses of click's HelpFormatter (typer keeps click private from 0.28)."""

    def section(self, name: str) -> AbstractContextManager[None]: ...
    def write_dl(self, rows: Sequence[tuple[str, str]]) -> None: ...


GLUE = "\u2011"  # a non-breaking hyphen: click's wrapper cuts lines after "-" (hip- / replacement), never here
_Formatter: Any = typer.Context.formatter_class  # click's HelpFormatter (typer keeps click private from 0.28)


def _glue(text: str) -> str:
    return text.replace("-", GLUE)


class HelpLayout(_Formatter):
    """click's help formatter with words never cut at a hyphen, and examples laid out whole: one that does
    not fit the width goes on over lines ending in a shell continuation, breaking only between arguments."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(_glue(prog), _glue(args), prefix)

    def write_text(self, text: str) -> None:
        import re

        for n, para in enumerate(re.split(r"\n[ \t]*\n", text.strip("\n"))):
            if n:
                self.write("\n")
            body = para.removeprefix("\b\n").strip()
            if body.startswith("Example:"):
                self.write(example_lines(body.removeprefix("Example:"), self.width, " " * self.current_indent))
            else:
                super().write_text(_glue(para))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        # Below 80 columns the names' column narrows so that descriptions keep room for whole words.
        narrow = col_max if self.width >= 80 else max(10, self.width // 3)
        super().write_dl([(_glue(a), _glue(b)) for a, b in rows], narrow, col_spacing)

    def getvalue(self) -> str:
        return str(super().getvalue()).replace(GLUE, "-")


def example_lines(example: str, width: int, indent: str) -> str:
    """'Example: glutecoach ...' within `width` columns, cut only between arguments (an option stays with
    its value), each cut line ending in ' \\'; an example written over several lines is joined first."""
    import shlex

    words = shlex.split(" ".join(line.strip().removesuffix("\\") for line in example.splitlines()), posix=False)
    units: list[str] = []
    for word in words:
        if units and units[-1].startswith(("-", ">")) and " " not in units[-1] and not word.startswith("-"):
            units[-1] += " " + word
        else:
            units.append(word)
    lines = [f"{indent}Example: {units[0]}"] if units else [f"{indent}Example:"]
    for n, unit in enumerate(units[1:], 2):
        if len(lines[-1]) + 1 + len(unit) + (0 if n == len(units) else 2) <= width:
            lines[-1] += " " + unit
        else:
            lines.append(f"{indent}    {unit}")
    return " \\\n".join(lines) + "\n"


class HelpContext(typer.Context):
    formatter_class = HelpLayout


class Command(TyperCommand):
    """Every command: its help laid out by HelpLayout."""

    context_class = HelpContext


class UseOrder(TyperGroup):
    context_class = HelpContext

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


def build(command: str | None = None, words: Sequence[str] = ()) -> typer.Typer:
    """The app with every command family, or only the family of `command` when it names one; of a command
    group, only the subcommand `words` name (see _only_named)."""
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
        _only_named(app, words)
    else:
        for family in FAMILIES:
            import_module(f"glutecoach.cli.{family}").register(app)
    return app


def _only_named(app: typer.Typer, words: Sequence[str]) -> None:
    """Build, of each command group, only the subcommand this run names: typer turns every registered command
    into a click command on every run (the log family's nine cost 8 ms; plan's start and next 2.5 ms). A run
    that names none of them (`log --help`, a typo, `plan --level beginner`) gets each as a stand-in with its
    name and its summary and nothing else, which is all that help's list and a typo's suggestion read; a
    stand-in is never run, as no word of the run names it."""
    import inspect

    from typer.models import CommandInfo

    for info in app.registered_groups:
        group = info.typer_instance
        if group is None or any(c.name is None for c in group.registered_commands):
            continue
        names = {c.name for c in group.registered_commands}
        named = next((w for w in words if w in names), None)
        if named is not None:
            group.registered_commands = [c for c in group.registered_commands if c.name == named]
            callback = group.registered_callback
            if callback is not None and callback.callback is not None and _has_options(callback.callback):
                # The group's own options (plan's --level ...) do nothing for a subcommand: refused, never
                # silently ignored (`plan --level advanced next` ran the default plan), and never built.
                group.callback()(_subcommand_runs)
        else:
            group.registered_commands = [
                CommandInfo(c.name, cls=c.cls, help=c.help or inspect.getdoc(c.callback), hidden=c.hidden, callback=_stand_in)
                for c in group.registered_commands
            ]


def _has_options(callback: Callable[..., object]) -> bool:
    import inspect

    return any(p.annotation not in (typer.Context, "typer.Context") for p in inspect.signature(callback).parameters.values())


def _subcommand_runs() -> None:
    """A group's callback when the run names one of its subcommands: nothing to do before it."""


def _stand_in() -> None:
    raise RuntimeError("a stand-in subcommand ran: _only_named kept it although a word of the run names it")


def __getattr__(name: str) -> typer.Typer:
    """`from glutecoach.cli.app import app`: the whole app, built on first use (a run builds its own)."""
    if name == "app":
        whole = globals()["app"] = build()
        return whole
    raise AttributeError(name)
