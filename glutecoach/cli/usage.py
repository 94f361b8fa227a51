"""Running the typer app without its own error display: click's usage errors (an unknown option, a value
out of range, a missing argument) become glutecoach's one paragraph with exit 2, where click prints a
four-line Usage/Try/Error block."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import Any

import typer

from glutecoach.status import ExitCode


def run_app(app: Any, args: Sequence[str]) -> int:
    """Run `app` on `args` and return its exit code; a usage error is printed as one paragraph here.
    Other exceptions (SystemExit, OSError, a bug) go to the caller, glutecoach.__main__.main."""
    try:
        done = app(args=list(args), prog_name="glutecoach", standalone_mode=False)
    except typer.TyperException as err:  # typer's click exceptions derive from it
        return usage_error(err)
    except typer.Abort:
        sys.stderr.write("glutecoach: interrupted\n")
        return ExitCode.INTERRUPTED
    return done if isinstance(done, int) else ExitCode.OK  # an Exit's code, or a command's None


def usage_error(err: typer.TyperException) -> int:
    if type(err).__name__ == "NoArgsIsHelpError":  # a command group run alone: its help, as click shows it
        err_show = getattr(err, "show", None)
        if err_show is not None:
            err_show()
        return int(getattr(err, "exit_code", ExitCode.BAD_INPUT))
    from glutecoach.render.text import safe_line

    ctx = getattr(err, "ctx", None)
    message = _no_such_option(err, ctx) or err.format_message().strip()
    hint = f" See '{ctx.command_path} --help'." if ctx is not None else ""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        end = "" if message.endswith("?") else "."
        sys.stderr.write(safe_line(f"Error: {message.rstrip('.')}{end}{hint}") + "\n")
    return int(getattr(err, "exit_code", ExitCode.BAD_INPUT))


def _no_such_option(err: typer.TyperException, ctx: Any) -> str | None:
    """An unknown option's message with the options it may mean (a close or a longer name: --days for
    --days-per-week), never --help; None for any other usage error."""
    typed = getattr(err, "option_name", None)
    if not isinstance(typed, str) or not typed.startswith("--") or "=" in typed:
        return None
    names = [o for p in ctx.command.params for o in (*p.opts, *p.secondary_opts)] if ctx is not None else []
    longer = [n for n in names if n.startswith(typed) and n != typed]
    helps = set(ctx.help_option_names) if ctx is not None else {"--help", "-h"}
    found = [n for n in dict.fromkeys([*(getattr(err, "possibilities", None) or ()), *longer]) if n not in helps]
    message = str(getattr(err, "message", f"No such option: {typed}")).rstrip(".")
    subcommands = sorted(getattr(ctx.command, "commands", None) or ()) if ctx is not None else []
    if not found and len(subcommands) == 1:  # a group's option given before the subcommand the run names
        sub = subcommands[0]
        lists = f"'{ctx.command_path} {sub} --help' lists them"
        return f"{message} before '{sub}': options go after the subcommand they belong to ({lists})"
    if not found:
        return message
    if len(found) == 1:
        return f"{message}. Did you mean {found[0]}?"
    return f"{message}. Did you mean one of {', '.join(sorted(found))}?"
