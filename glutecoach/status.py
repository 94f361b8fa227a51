"""Exit codes, named once (httpie's ExitStatus is the model). Documented in README, "Exit codes"."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    BUG = 1  # an internal error: please report it (GLUTECOACH_DEBUG=1 shows the traceback)
    BAD_INPUT = 2  # a value, file or option glutecoach cannot use; one paragraph on stderr says why
    PROBLEMS_FOUND = 3  # `catalogue validate` ran and found problems in the files it checked
    INTERRUPTED = 130  # Ctrl-C
