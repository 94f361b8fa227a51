"""The pager seam: on a terminal, output taller than the screen goes through a pager, as git does.

The command's standard output is gathered while it runs; at the end it is written straight out when
it fits the screen, else piped to `$GLUTECOACH_PAGER`, else `$PAGER`, else `less` with LESS=FRX
(quit when it fits, keep colours, leave the text on screen), the way git runs it. Never when stdout is
not a terminal (a pipe, a file, CliRunner), with `--no-pager`, with GLUTECOACH_NO_PAGER set, or with
GLUTECOACH_PAGER set to '' or 'cat'. Commands that ask questions (listed in INTERACTIVE, and the first
run of recommend or plan without a profile: cli/first_run.py) are never paged: their prompts must reach
the screen as they are asked.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

NO_PAGER_FLAG = "--no-pager"
INTERACTIVE = {("start",), ("log", "session"), ("log", "delete")}
DEFAULT_PAGER = "less"
DEFAULT_LESS = "FRX"


class _Screen(io.StringIO):
    """What the command writes, held back; it says it is a terminal so the views keep colour and width."""

    held_back = True  # what asks questions checks this: a prompt written here would never be seen

    def __init__(self, real: TextIO) -> None:
        super().__init__()
        self.real_encoding = getattr(real, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.real_encoding


def strip_flag(args: Sequence[str]) -> tuple[list[str], bool]:
    """The arguments without `--no-pager` (accepted anywhere before a lone `--`), and whether it was there."""
    out, seen, done = [], False, False
    for arg in args:
        if arg == "--":
            done = True
        if arg == NO_PAGER_FLAG and not done:
            seen = True
            continue
        out.append(arg)
    return out, seen


def pager_command(environ: dict[str, str] | os._Environ[str]) -> list[str] | None:
    """The pager to run, or None when paging is turned off by the environment."""
    if environ.get("GLUTECOACH_NO_PAGER"):
        return None
    chosen = environ.get("GLUTECOACH_PAGER")
    if chosen is None:
        chosen = environ.get("PAGER", DEFAULT_PAGER)
    words = shlex.split(chosen) if chosen.strip() else []
    return None if not words or words == ["cat"] else words


def _interactive(args: Sequence[str]) -> bool:
    words = tuple(a for a in args if not a.startswith("-"))[:2]
    return any(words[: len(name)] == name for name in INTERACTIVE)


def wanted(args: Sequence[str], no_pager: bool) -> list[str] | None:
    """The pager command when this run's output should be paged, else None."""
    if no_pager or _interactive(args) or not sys.stdout.isatty():
        return None
    from glutecoach.cli.first_run import may_ask

    if may_ask(args):  # the first run of recommend or plan asks its questions on the screen
        return None
    if any(k.startswith("_GLUTECOACH_COMPLETE") for k in os.environ):
        return None
    return pager_command(os.environ)


@contextlib.contextmanager
def paged(args: Sequence[str], no_pager: bool = False) -> Iterator[None]:
    """Run the body with its standard output held back, then show it whole or through the pager."""
    command = wanted(args, no_pager)
    if command is None:
        yield
        return
    real = sys.stdout
    screen = _Screen(real)
    sys.stdout = screen
    try:
        yield
    finally:
        sys.stdout = real
        show(screen.getvalue(), command, real)


def show(text: str, command: list[str], out: TextIO) -> None:
    """`text` written to `out` when it fits the screen, else through `command`."""
    rows = shutil.get_terminal_size().lines
    write = out.write
    if text.count("\n") < rows:
        write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", DEFAULT_LESS)
    env.setdefault("LV", "-c")  # lv, as git sets it: keep colours
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:  # the pager cannot be started: the text as it is
        write(text)
        return
    try:
        assert proc.stdin is not None
        proc.stdin.write(text.encode(getattr(out, "encoding", None) or "utf-8", errors="replace"))
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early
        pass
    with contextlib.suppress(KeyboardInterrupt):
        proc.wait()
