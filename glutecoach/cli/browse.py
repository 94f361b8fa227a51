"""Browsing the catalogue: `exercises`, `show`, `muscles`, `goals`."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from glutecoach.cli.documents import DOCUMENT_FORMATS, check_output, write_document
from glutecoach.cli.options import (
    REGION_WORDS,
    Catalogues,
    EquipmentOpt,
    FormatOpt,
    RegionArg,
    _complete,
    complete_exercises,
    equipment_set,
    fmt_word,
    handles_errors,
    level_word,
    load_catalogue,
    movement_word,
    word,
)
from glutecoach.core.vocab import LEVELS, MOVEMENTS, REGIONS, WHOLE_MAXIMUS


def _region(name: str, option: str) -> str:
    from glutecoach.core.lookup import resolve_region
    from glutecoach.errors import UnknownNameError

    try:
        return resolve_region(name)
    except UnknownNameError as err:
        raise err.at(option) from None


@handles_errors
def exercises(
    muscle: Annotated[
        str | None,
        typer.Option(
            "--muscle",
            "-m",
            help="Sort by this region's score: "
            + ", ".join([*REGIONS, WHOLE_MAXIMUS])
            + ", or upper-glutes, lower-glutes, medius, minimus.",
            autocompletion=_complete(REGION_WORDS),
            show_default=False,
        ),
    ] = None,
    equipment: EquipmentOpt = None,
    level: Annotated[
        str | None,
        typer.Option(
            "--level", "-l", help="Your level: exercises above it are left out.", autocompletion=_complete(list(LEVELS)), show_default=False
        ),
    ] = None,
    movement: Annotated[
        str | None,
        typer.Option("--movement", help="Only this movement type.", autocompletion=_complete(list(MOVEMENTS)), show_default=False),
    ] = None,
    pattern: Annotated[
        str | None,
        typer.Option(
            "--pattern",
            help="Only this movement pattern (bridge-thrust, hinge, squat, lunge, abduction, rotation, kickback, power, stability).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """List the catalogue, filtered; with --muscle, sorted by that region's score.

    Example: glutecoach exercises --muscle gluteus-medius --equipment band,dumbbell
    """
    from glutecoach.core.lookup import select
    from glutecoach.core.vocab import PATTERNS
    from glutecoach.render import renderer

    fmt = fmt_word(fmt)
    region = _region(muscle, "for --muscle") if muscle else None
    kit, lvl, mov = equipment_set(equipment), level_word(level), movement_word(movement)
    pat = word("pattern", pattern, PATTERNS, "--pattern") if pattern else None
    cat = load_catalogue(catalogue_files)
    items = [ex for ex in select(cat, region, kit, lvl, mov) if pat is None or ex.pattern == pat]
    renderer(fmt).exercises(cat, items, region)


SHOW_FORMATS = ["table", "json", "markdown", "yaml", *DOCUMENT_FORMATS]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="With --format svg or html: write the file here instead of to stdout.", show_default=False),
]


@handles_errors
def show(
    exercise: Annotated[str, typer.Argument(help="Slug, name or alias, any case.", autocompletion=complete_exercises, show_default=False)],
    full: Annotated[bool, typer.Option("--full", help="Every figure, fact and note, progressions and regressions.")] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=(
                "Output: table, json, markdown, yaml (the exercise as catalogue YAML, to copy into your own), "
                "svg or html (a file with the muscle map, to print or send)."
            ),
            autocompletion=_complete(SHOW_FORMATS),
        ),
    ] = "table",
    output: OutputOpt = None,
    catalogue_files: Catalogues = None,
) -> None:
    """Show one exercise: where it works (a muscle map), one line of evidence per region, cues, mistakes, cautions.

    --full adds every figure and note; --format svg or html writes the map and the table as a file.

    Example: glutecoach show hip-thrust
    """
    from glutecoach.core.lookup import find_exercise
    from glutecoach.render import renderer

    fmt = fmt_word(fmt, SHOW_FORMATS)
    check_output(fmt, output)
    cat = load_catalogue(catalogue_files)
    ex = find_exercise(cat, exercise)
    if fmt == "markdown":
        from glutecoach.render import markdown_views

        sys.stdout.write(markdown_views.exercise(cat, ex, full))
    elif fmt == "yaml":
        from glutecoach.catalogue.load import builtin_paths, user_paths
        from glutecoach.catalogue.template import exercise_yaml

        sys.stdout.write(exercise_yaml([*builtin_paths(), *user_paths(catalogue_files or [])], ex.slug))
    elif fmt in DOCUMENT_FORMATS:
        from glutecoach.render import export

        write_document(export.exercise(cat, ex, fmt), output, fmt)
    else:
        from glutecoach.render import renderer

        renderer(fmt).exercise(cat, ex, full)


@handles_errors
def muscles(
    region: RegionArg = None,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """What each gluteal region is and does, where it lies (a muscle map), and its top exercises, measured first.

    Example: glutecoach muscles gluteus-medius
    """
    from glutecoach.core.lookup import regions_of, top_with_basis
    from glutecoach.render import renderer

    fmt = fmt_word(fmt)
    names = list(REGIONS) if region is None else regions_of(_region(region, "(the REGION argument)"))
    cat = load_catalogue(catalogue_files)
    infos = [(cat.regions[n], [ex.slug for ex, _ in top_with_basis(cat, n)]) for n in names]
    renderer(fmt).regions(cat, infos)


@handles_errors
def goals(fmt: FormatOpt = "table", catalogue_files: Catalogues = None) -> None:
    """List the goals you can ask for, with what each targets.

    Example: glutecoach goals
    """
    from glutecoach.render import renderer

    fmt = fmt_word(fmt)
    cat = load_catalogue(catalogue_files)
    renderer(fmt).goals(list(cat.goals.values()))


def register(app: typer.Typer, command: str | None = None) -> None:
    """Register the family's commands, or only `command` (a run needs only its own)."""
    from glutecoach.cli.app import Command

    for func in (exercises, show, muscles, goals):
        if command in (None, func.__name__):
            app.command(cls=Command)(func)
