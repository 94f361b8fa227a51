"""Plain-text helpers every renderer and the error handler share. No rich here: JSON output and error
messages never import it."""

from __future__ import annotations

import re

# C0 and C1 control characters except newline and tab: a catalogue name, a note or a file name must never
# move the cursor, clear the screen or retitle the terminal (issue: terminal injection).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Text from a file or a user, with control characters shown as escapes (\\x1b) instead of obeyed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 entry', '2 entries': the count with the word in the right number."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def paragraph(text: str, stream: object) -> str:
    """A message for a terminal, wrapped at spaces to its width (never mid-word); unwrapped for a pipe or
    a file, so scripts and logs get one line per message."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return text
    import shutil
    import textwrap

    columns = shutil.get_terminal_size((80, 24)).columns
    return "\n".join(textwrap.wrap(text, max(40, columns), break_on_hyphens=False, break_long_words=False)) or text
