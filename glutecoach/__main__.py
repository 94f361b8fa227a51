"""Entry point: `main(argv) -> int`, and the one place that catches what nobody expected."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Sequence

from glutecoach.status import ExitCode


def main(argv: Sequence[str] | None = None) -> int:
    """Run glutecoach with these arguments (default: the command line's) and return the exit code."""
    if sys.stdout is None:  # started with stdout closed (`glutecoach goals >&-`)
        if sys.stderr is not None:
            sys.stderr.write("glutecoach: the standard output is closed; nothing to write to.\n")
        return ExitCode.BAD_INPUT
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        args = ["--help"]  # no arguments: the help, and success (click would exit 2)
    from glutecoach.cli.app import build

    completing = any(k.startswith("_GLUTECOACH_COMPLETE") for k in os.environ)
    paging: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if "--no-pager" in args or sys.stdout.isatty():  # the pager seam costs nothing when stdout is a pipe or file
        from glutecoach.cli import pager

        args, no_pager = pager.strip_flag(args)
        paging = pager.paged(args, no_pager)
    command = None if completing else next((a for a in args if not a.startswith("-")), None)
    app = build(command)
    try:
        with paging:
            app(args=args, prog_name="glutecoach", standalone_mode=True)
    except SystemExit as done:
        return _code(done.code)
    except KeyboardInterrupt:
        sys.stderr.write("glutecoach: interrupted\n")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return _closed_stdout()
    except OSError as err:
        if err.errno not in (errno.ENOSPC, errno.EBADF, errno.EIO):
            raise
        return _unwritable(err)
    except Exception as err:  # the top-level handler: anything else is a bug
        if os.environ.get("GLUTECOACH_DEBUG"):
            raise
        sys.stderr.write(
            f"glutecoach: internal error ({type(err).__name__}: {err}). This is a bug: please report it "
            "with the command you ran. Run again with GLUTECOACH_DEBUG=1 to see the traceback.\n"
        )
        return ExitCode.BUG
    return ExitCode.OK


def _code(code: object) -> int:
    if code is None:
        return ExitCode.OK
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return ExitCode.BUG


def _unwritable(err: OSError) -> int:
    """The output cannot be written (a full disk, a closed stream): one line on stderr, exit 2."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(f"glutecoach: cannot write the output ({err.strerror or err}); nothing else was changed.\n")
    return ExitCode.BAD_INPUT


def _closed_stdout() -> int:
    """The reader went away (`| head`): stop quietly, and keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return ExitCode.OK


def run() -> None:
    """The `glutecoach` console script."""
    import signal

    # A reader that stops early (`| head`) ends the process quietly, as for other Unix tools.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    code = main()
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_stdout()
    except OSError as err:  # the buffered rest could not be written (goals > /dev/full)
        code = _unwritable(err)
        _closed_stdout()
    raise SystemExit(code)


if __name__ == "__main__":
    run()
