"""SVG and HTML documents from `show`, `plan` and `progress`: to stdout, or to the --output file, and the
check that -o goes with a document format and a document never pours onto a terminal. A module of its
own, so `plan` and `progress` do not import the browsing commands to write one."""

from __future__ import annotations

import sys
from pathlib import Path

from glutecoach.errors import UsageError

DOCUMENT_FORMATS = ["svg", "html"]


def write_document(text: str, output: Path | None, fmt: str) -> None:
    """An SVG or HTML document to stdout, or to `output` (written whole, or not at all)."""
    if output is None:
        sys.stdout.write(text)
        return
    from glutecoach.render.text import safe
    from glutecoach.store.output import write_output

    where = write_output(output, text.encode("utf-8"))
    if where is not None:
        sys.stdout.write(f"Wrote {fmt.upper()} to {safe(where)}.\n")


def check_output(fmt: str, output: Path | None) -> None:
    if output is not None and fmt not in DOCUMENT_FORMATS:
        raise UsageError("--output writes a file for --format svg or html; for tables and JSON, redirect stdout instead.")
    if output is None and fmt in DOCUMENT_FORMATS and sys.stdout.isatty():
        # A document poured onto the screen is kilobytes of markup nobody can read.
        raise UsageError(f"--format {fmt} writes a file, not text for the screen: add -o FILE.{fmt} (or redirect: > FILE.{fmt}).")
