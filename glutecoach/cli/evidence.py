"""`glutecoach evidence SLUG [REGION]`: every study's figure for one exercise, and the fitted score."""

# No `from __future__ import annotations`: typer reads these signatures on every run, and real
# annotation objects spare it an eval per parameter.
from typing import Annotated

import typer

from glutecoach.cli.options import (
    Catalogues,
    FormatOpt,
    RegionArg,
    complete_exercises,
    fmt_word,
    handles_errors,
    load_catalogue,
)
from glutecoach.core.vocab import REGIONS


@handles_errors
def evidence(
    exercise: Annotated[str, typer.Argument(help="Slug, name or alias, any case.", autocompletion=complete_exercises, show_default=False)],
    region: RegionArg = None,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Show each study's figure for an exercise, the fitted or predicted score with its interval, and why.

    Why: how many studies and people, which electrodes, where studies conflict; for a score no study
    measured, the movement features the prediction rests on. JSON carries the interval and the counts.

    Example: glutecoach evidence hip-thrust gluteus-maximus-upper
    """
    from glutecoach.catalogue.evidence import exercise_evidence, load_fitted, load_table
    from glutecoach.core.lookup import find_exercise, regions_of, resolve_region
    from glutecoach.errors import UnknownNameError
    from glutecoach.render import evidence_view

    fmt = fmt_word(fmt)
    wanted = tuple(REGIONS)
    if region is not None:
        try:
            wanted = tuple(regions_of(resolve_region(region)))
        except UnknownNameError as err:
            raise err.at("for REGION") from None
    cat = load_catalogue(catalogue_files)
    ex = find_exercise(cat, exercise)
    scores = {r: (ex.scores[r], ex.basis[r]) for r in REGIONS}
    regions = exercise_evidence(load_table(), load_fitted(), ex.slug, scores, wanted)
    evidence_view.show(fmt, ex.name, ex.slug, regions)


def register(app: typer.Typer, command: str | None = None) -> None:
    from glutecoach.cli.app import Command

    app.command("evidence", cls=Command)(evidence)
