"""The README's marked examples are real output: run each command again and compare, or rewrite them.

    python scripts/readme_examples.py            # check (CI): exit 1 and a diff when an example drifted
    python scripts/readme_examples.py --update   # rewrite the marked examples from fresh runs

A marked example is a ```console block right after a line `<!-- example -->` (or the older
`<!-- validate-example -->`). In it, each `$ glutecoach ...` line is run in a fresh process with an empty
GLUTECOACH_HOME, 80 columns and no colour, from the repository's folder; what it prints (stdout, then
stderr) must be the lines that follow, up to the next `$` line. A last line `... (N more lines)` shows
the start of a long output: the lines above it must match, and N must be what is left.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MARKERS = ("<!-- example -->", "<!-- validate-example -->")
MORE = re.compile(r"^\.\.\. \((\d+) more lines?\)$")


def run(command: str) -> list[str]:
    """What a person at an 80-column terminal without colour sees, trailing blank lines dropped."""
    args = shlex.split(command)
    assert args[0] == "glutecoach", command
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "GLUTECOACH_HOME": home, "COLUMNS": "80", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb"}
        for name in ("FORCE_COLOR", "GLUTECOACH_CATALOGUE", "GLUTECOACH_DEBUG"):
            env.pop(name, None)
        done = subprocess.run(
            [sys.executable, "-m", "glutecoach", *args[1:]], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
    lines = (done.stdout + done.stderr).splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def sections(block: list[str]) -> list[tuple[str, list[str]]]:
    """A console block -> (command, the lines shown after it)."""
    out: list[tuple[str, list[str]]] = []
    for line in block:
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    for _, shown in out:
        while shown and not shown[-1].strip():
            shown.pop()
    return out


def fresh(command: str, shown: list[str]) -> list[str]:
    """The lines the README should show for `command`: all of them, or as many as it shows now and a count."""
    actual = run(command)
    m = MORE.match(shown[-1]) if shown else None
    if m is None:
        return actual
    keep = len(shown) - 1
    return [*actual[:keep], f"... ({len(actual) - keep} more lines)"] if len(actual) > keep else actual


def blocks(text: list[str]) -> list[tuple[int, int]]:
    """(first line, end) of each marked console block's body, as indexes into the README's lines."""
    out = []
    for i, line in enumerate(text):
        if line.strip() in MARKERS:
            start = next(j for j in range(i + 1, len(text)) if text[j].startswith("```")) + 1
            end = next(j for j in range(start, len(text)) if text[j].startswith("```"))
            out.append((start, end))
    return out


def main(argv: list[str]) -> int:
    update = "--update" in argv
    text = README.read_text().splitlines()
    drifted = 0
    for start, end in reversed(blocks(text)):
        body: list[str] = []
        for command, shown in sections(text[start:end]):
            want = fresh(command, shown)
            if want != shown:
                drifted += 1
                if not update:
                    diff = difflib.unified_diff(shown, want, "README.md", f"glutecoach {command[11:]}", lineterm="")
                    sys.stdout.write("\n".join(diff) + "\n")
            body += ([""] if body else []) + [f"$ {command}", *want]
        text[start:end] = body
    if update:
        README.write_text("\n".join(text) + "\n")
        print(f"README.md: {drifted} example(s) rewritten from fresh runs.")
        return 0
    if drifted:
        print(
            f"{drifted} README example(s) differ from what the command prints now; "
            "run `python scripts/readme_examples.py --update` and read the diff before committing."
        )
        return 1
    print(f"README examples: {sum(len(sections(text[s:e])) for s, e in blocks(text))} checked, all as the commands print them.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
