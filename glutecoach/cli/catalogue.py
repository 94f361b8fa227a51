"""`glutecoach catalogue ...`: check catalogue files of your own and print their schema."""

# No `from __future__ import annotations`: typer reads these signatures on every run, and real
# annotation objects spare it an eval per parameter.
import sys
from pathlib import Path
from typing import Annotated

import typer

from glutecoach.cli.options import handles_errors
from glutecoach.status import ExitCode


@handles_errors
def catalogue_validate(
    files: Annotated[list[Path], typer.Argument(help="Catalogue files to check (they are not used).", show_default=False)],
) -> None:
    """Check catalogue files against the schema and the built-in catalogue, reporting every problem.

    Each problem is one line: FILE:LINE:COLUMN: exercise SLUG: field: what is wrong. Exit 0 when clean, 3 when problems are found,
    2 when a file cannot be read at all.

    Example: glutecoach catalogue validate my-exercises.yaml
    """
    from glutecoach.catalogue.load import validate_files
    from glutecoach.render.text import plural, safe

    problems = validate_files(files)
    if problems:
        sys.stderr.write(safe("\n".join(problems)) + "\n")
        sys.stderr.write(f"{plural(len(problems), 'problem')} found.\n")
        raise typer.Exit(ExitCode.PROBLEMS_FOUND)
    for f in files:
        sys.stdout.write(f"{safe(str(f))}: ok\n")


@handles_errors
def catalogue_show_schema() -> None:
    """Print the JSON Schema of a catalogue file, for editors that validate YAML.

    Example: glutecoach catalogue show-schema > glutecoach.schema.json
    """
    from glutecoach.catalogue.schema import json_schema

    sys.stdout.write(json_schema() + "\n")


@handles_errors
def catalogue_template() -> None:
    """Print a catalogue file with one exercise to fill in: every field, with its accepted values.

    The file checks clean as it is; edit it, then run 'glutecoach catalogue validate FILE'.

    \b
    Example:
      glutecoach catalogue template \\
        > my-exercises.yaml
    """
    from glutecoach.catalogue.template import template

    sys.stdout.write(template())


def register(app: typer.Typer, command: str | None = None) -> None:
    from glutecoach.cli.app import Command, group

    catalogue_app = group(
        app,
        "catalogue",
        (
            "Check catalogue files of your own, print their schema or a template to fill in.\n\n"
            "Example: glutecoach catalogue validate my-exercises.yaml"
        ),
    )
    catalogue_app.command("validate", cls=Command)(catalogue_validate)
    catalogue_app.command("show-schema", cls=Command)(catalogue_show_schema)
    catalogue_app.command("template", cls=Command)(catalogue_template)
