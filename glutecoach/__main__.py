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
    _readable_output()
    if any(a in ("--show-completion", "--install-completion") for a in args):
        unsupported = _unsupported_shell()
        if unsupported:
            sys.stderr.write(
                f"Error: shell completion is available for {', '.join(COMPLETION_SHELLS)}; this shell is {unsupported}. "
                "Run the command from one of those shells, e.g. bash -c 'glutecoach --show-completion'.\n"
            )
            return ExitCode.BAD_INPUT
    from glutecoach.cli.app import build

    completing = any(k.startswith("_GLUTECOACH_COMPLETE") for k in os.environ)
    paging: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if "--no-pager" in args or sys.stdout.isatty():  # the pager seam costs nothing when stdout is a pipe or file
        from glutecoach.cli import pager

        args, no_pager = pager.strip_flag(args)
        paging = pager.paged(args, no_pager)
    command = None if completing else next((a for a in args if not a.startswith("-")), None)
    app = build(command, [a for a in args if not a.startswith("-")][1:])
    from glutecoach.cli.usage import run_app

    try:
        with paging:
            return run_app(app, args)  # usage errors as one paragraph, exit 2
    except SystemExit as done:
        return _code(done.code)
    except KeyboardInterrupt:
        sys.stderr.write("glutecoach: interrupted\n")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return _closed_stdout()
    except OSError as err:
        if err.filename is None and err.errno in (errno.ENOSPC, errno.EBADF, errno.EIO):
            return _unwritable(err)
        return _file_problem(err)
    except Exception as err:  # the top-level handler: anything else is a bug
        if os.environ.get("GLUTECOACH_DEBUG"):
            raise
        sys.stderr.write(
            f"glutecoach: internal error ({type(err).__name__}: {err}). This is a bug: please report it "
            "with the command you ran. Run again with GLUTECOACH_DEBUG=1 to see the traceback.\n"
        )
        return ExitCode.BUG
    return ExitCode.OK


COMPLETION_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _unsupported_shell() -> str | None:
    """The name of the shell this runs under when completion cannot serve it (sh, dash, ...), else None."""
    try:
        # typer's own shell detector (a dependency of typer)
        import shellingham  # type: ignore[import-untyped]

        name = str(shellingham.detect_shell()[0])
    except Exception:  # no shell to detect (cron, a service): typer then asks for one, as before
        return None
    return None if name in COMPLETION_SHELLS else name


# What a table's drawing characters become on a terminal that cannot show them (LANG=C, ascii).
_PLAIN = {
    "─": "-",
    "━": "-",
    "│": "|",
    "┃": "|",
    "┼": "+",
    "→": "->",
    "←": "<-",
    "·": ".",
    "•": "*",
    "…": "...",
    "–": "-",
    "—": "-",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "±": "+/-",
    **dict.fromkeys("▏▎▍▌▋▊▉█", "#"),
}


def _plain_or_escaped(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    text = err.object[err.start : err.end]
    return "".join(_PLAIN.get(ch, f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}") for ch in text), err.end


def _readable_output() -> None:
    """Any stdout encoding works: a character it cannot hold is drawn in ASCII (─ as -, → as ->) or
    written as an escape (\\u00e9), never a crash (PYTHONIOENCODING=ascii, LANG=C with PYTHONUTF8=0,
    latin-1)."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
            codecs.register_error("glutecoach-plain", _plain_or_escaped)
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="glutecoach-plain")


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
        why = "the disk it goes to is full" if err.errno == errno.ENOSPC else (err.strerror or err)
        sys.stderr.write(f"glutecoach: cannot write the output ({why}); nothing else was changed.\n")
    return ExitCode.BAD_INPUT


_ADVICE = {
    errno.EACCES: "give yourself access to it (chmod), or set GLUTECOACH_HOME to a folder of your own",
    errno.EPERM: "give yourself access to it (chmod), or set GLUTECOACH_HOME to a folder of your own",
    errno.ENAMETOOLONG: "use a shorter path (GLUTECOACH_HOME or the file name)",
    errno.ELOOP: "a symbolic link in the path leads back to itself; fix the link or choose another path",
    errno.ENOTDIR: "a part of the path is a file, not a folder; choose another path",
    errno.EROFS: "the disk is read-only; set GLUTECOACH_HOME to a writable folder",
    errno.ENOSPC: "the disk is full; free some space and run it again",
}


def _file_problem(err: OSError) -> int:
    """An OSError about a file or folder at the edge (permissions, a name too long, a loop): one
    paragraph with the path and what to do, exit 2 (never a traceback)."""
    from glutecoach.render.text import safe_line

    where = f"{err.filename}: " if err.filename is not None else ""
    advice = _ADVICE.get(err.errno or 0, "check the path, its permissions and the disk")
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(safe_line(f"Error: {where}{err.strerror or err}; {advice}.") + "\n")
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
