"""`glutecoach catalogue ...`: check catalogue files of your own and print their schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .cli import app
from .cli_options import handles_errors
catalogue_app = typer.Typer(
    help="Check catalogue files of your own, and print their schema.\n\nExample: glutecoach catalogue validate my-exercises.yaml",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(catalogue_app, name="catalogue")


@catalogue_app.command("validate")
@handles_errors
def catalogue_validate(
    files: Annotated[list[Path], typer.Argument(help="Catalogue files to check (they are not used).", show_default=False)],
) -> None:
    """Check catalogue files against the schema and the built-in catalogue, reporting every problem.

    Each problem is one line: FILE:LINE:COLUMN: exercise SLUG: field: what is wrong. Exit 0 when clean, 2 otherwise.

    Example: glutecoach catalogue validate my-exercises.yaml
    """
    from . import catalogue

    problems = catalogue.validate_files(files)
    if problems:
        sys.stderr.write("\n".join(problems) + "\n")
        sys.stderr.write(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.\n")
        raise typer.Exit(2)
    for f in files:
        sys.stdout.write(f"{f}: ok\n")


@catalogue_app.command("show-schema")
@handles_errors
def catalogue_show_schema() -> None:
    """Print the JSON Schema of a catalogue file, for editors that validate YAML.

    Example: glutecoach catalogue show-schema > glutecoach.schema.json
    """
    from .schema import json_schema

    sys.stdout.write(json_schema() + "\n")

