"""The command line: parse options, call the core, hand the result to a renderer. No logic here."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import GlutecoachError, UsageError, unknown
from .vocab import CONDITIONS, EQUIPMENT, LEVELS, MOVEMENTS, REGION_ALIASES, REGIONS, WHOLE_MAXIMUS

app = typer.Typer(
    name="glutecoach",
    help="An evidence-based coach for glute training: which exercises hit the part you care about, and why.\n\n"
    "Example: glutecoach recommend --goal upper-glutes",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain help text: typer's rich help panels cost more than the whole yardstick's table.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(func: F) -> F:
    """A GlutecoachError becomes one paragraph on stderr and exit code 2; stdout stays empty."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GlutecoachError as err:
            sys.stderr.write(f"Error: {err}\n")
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


# --- option values: validated here so every bad value gets the same clear message --------------


def _complete(choices: list[str]) -> Callable[[str], list[str]]:
    return lambda incomplete: [c for c in choices if c.startswith(incomplete)]


REGION_WORDS = [*REGIONS, WHOLE_MAXIMUS, *REGION_ALIASES]
FORMATS = ["table", "json"]


def _words(values: list[str] | None) -> list[str]:
    """Repeated options and comma lists alike: --equipment band --equipment dumbbell == band,dumbbell."""
    return [w.strip() for v in values or [] for w in v.split(",") if w.strip()]


def equipment_set(values: list[str] | None) -> frozenset[str] | None:
    words = _words(values)
    if not words:
        return None
    lowered = [w.lower() for w in words]
    if "none" in lowered:
        if len(lowered) > 1:
            raise UsageError("--equipment none means body weight only; give it alone, not with other equipment.")
        return frozenset()
    from .catalogue import check_words

    return frozenset(check_words("equipment", words, list(EQUIPMENT), "--equipment"))


def pains(values: list[str] | None) -> tuple[str, ...]:
    from .catalogue import check_words

    return tuple(dict.fromkeys(check_words("condition", _words(values), list(CONDITIONS), "--pain")))


def level_word(value: str | None, option: str = "--level") -> str | None:
    if value is None:
        return None
    key = value.strip().lower()
    if key not in list(LEVELS):
        raise unknown("level", value, list(LEVELS), option)
    return key


def fmt_word(value: str, accepted: list[str] = FORMATS) -> str:
    key = value.strip().lower()
    if key not in accepted:
        raise unknown("format", value, accepted, "--format")
    return key


def movement_word(value: str | None) -> str | None:
    if value is None:
        return None
    key = value.strip().lower()
    if key not in list(MOVEMENTS):
        raise unknown("movement", value, list(MOVEMENTS), "--movement")
    return key


Catalogues = Annotated[
    list[Path] | None,
    typer.Option("--catalogue", help="An extra catalogue file (repeatable) loaded after the built-in one.", show_default=False),
]
EquipmentOpt = Annotated[
    list[str] | None,
    typer.Option("--equipment", "-e", help="Equipment you have (repeat or comma list); 'none' = body weight only. Default: everything.", autocompletion=_complete(["none", *list(EQUIPMENT)]), show_default=False),
]
PainOpt = Annotated[
    list[str] | None,
    typer.Option("--pain", help="A condition you have (repeat or comma list): " + ", ".join(list(CONDITIONS)) + ".", autocompletion=_complete(list(CONDITIONS)), show_default=False),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output: table or json.", autocompletion=_complete(FORMATS))]
TopOpt = Annotated[int, typer.Option("--top", "-n", min=1, max=100, help="How many to show.")]


def load(extra: list[Path] | None) -> Any:
    from . import catalogue

    cat = catalogue.load(tuple(extra or ()))
    for line in cat.overrides:
        sys.stderr.write(f"Note: {line}\n")
    return cat


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"glutecoach {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """An evidence-based coach for glute training.

    Example: glutecoach recommend --goal upper-glutes
    """


@app.command()
@handles_errors
def exercises(
    muscle: Annotated[str | None, typer.Option("--muscle", "-m", help="Sort by this region's score: " + ", ".join([*REGIONS, WHOLE_MAXIMUS]) + ", or upper-glutes, lower-glutes, medius, minimus.", autocompletion=_complete(REGION_WORDS), show_default=False)] = None,
    equipment: EquipmentOpt = None,
    level: Annotated[str | None, typer.Option("--level", "-l", help="Your level: exercises above it are left out.", autocompletion=_complete(list(LEVELS)), show_default=False)] = None,
    movement: Annotated[str | None, typer.Option("--movement", help="Only this movement type.", autocompletion=_complete(list(MOVEMENTS)), show_default=False)] = None,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """List the catalogue, filtered; with --muscle, sorted by that region's score.

    Example: glutecoach exercises --muscle gluteus-medius --equipment band,dumbbell
    """
    from . import catalogue

    fmt = fmt_word(fmt)
    region = catalogue.resolve_region(muscle) if muscle else None
    kit, lvl, mov = equipment_set(equipment), level_word(level), movement_word(movement)
    cat = load(catalogue_files)
    items = catalogue.select(cat, region, kit, lvl, mov)
    if fmt == "json":
        from .render import data

        data.emit(data.exercises(cat, items))
    else:
        from .render import table

        table.exercises(cat, items, region)


@app.command()
@handles_errors
def show(
    exercise: Annotated[str, typer.Argument(help="Slug, name or alias, any case.", show_default=False)],
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Show one exercise as a card: regions, cues, mistakes, progressions, cautions, evidence.

    Example: glutecoach show hip-thrust
    """
    from . import catalogue

    fmt = fmt_word(fmt)
    cat = load(catalogue_files)
    ex = catalogue.find_exercise(cat, exercise)
    if fmt == "json":
        from .render import data

        data.emit(data.exercise(cat, ex))
    else:
        from .render import table

        table.card(cat, ex)


@app.command()
@handles_errors
def muscles(
    region: Annotated[str | None, typer.Argument(help="One region (or gluteus-maximus for both portions); default all.", autocompletion=_complete(REGION_WORDS), show_default=False)] = None,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """What each gluteal region is and does, with its top exercises from the catalogue.

    Example: glutecoach muscles gluteus-medius
    """
    from . import catalogue

    fmt = fmt_word(fmt)
    wanted = catalogue.resolve_region(region) if region else None
    names = list(REGIONS) if wanted is None else ([*REGIONS[:2]] if wanted == WHOLE_MAXIMUS else [wanted])
    cat = load(catalogue_files)
    infos = [(cat.regions[n], catalogue.top_for(cat, n)) for n in names]
    if fmt == "json":
        from .render import data

        data.emit(data.regions(infos))
    else:
        from .render import table

        table.regions(infos, cat)


@app.command()
@handles_errors
def goals(fmt: FormatOpt = "table", catalogue_files: Catalogues = None) -> None:
    """List the goals you can ask for, with what each targets.

    Example: glutecoach goals
    """
    fmt = fmt_word(fmt)
    cat = load(catalogue_files)
    items = list(cat.goals.values())
    if fmt == "json":
        from .render import data

        data.emit(data.goals(items))
    else:
        from .render import table

        table.goals(items)


@app.command()
@handles_errors
def recommend(
    goal: Annotated[str, typer.Option("--goal", "-g", help="What you train for; see 'glutecoach goals'.", show_default=False)],
    level: Annotated[str, typer.Option("--level", "-l", help="Your level: nothing above it is offered.", autocompletion=_complete(list(LEVELS)))] = "beginner",
    equipment: EquipmentOpt = None,
    pain: PainOpt = None,
    top: TopOpt = 8,
    explain: Annotated[bool, typer.Option("--explain", help="Show every rule's points and reason.")] = False,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Rank exercises for your goal, level, equipment and pains, and say why.

    Example: glutecoach recommend --goal upper-glutes --equipment band --explain
    """
    from . import catalogue, engine
    from .models import Profile

    fmt = fmt_word(fmt)
    profile = Profile(level=level_word(level) or "beginner", equipment=equipment_set(equipment), pains=pains(pain))
    cat = load(catalogue_files)
    ranking = engine.rank(cat, catalogue.find_goal(cat, goal), profile, top)
    if fmt == "json":
        from .render import data

        data.emit(data.ranking(ranking))
    else:
        from .render import table

        table.ranking(ranking, explain)


@app.command()
@handles_errors
def alternatives(
    exercise: Annotated[str, typer.Argument(help="The exercise to replace: slug, name or alias.", show_default=False)],
    equipment: EquipmentOpt = None,
    pain: PainOpt = None,
    level: Annotated[str | None, typer.Option("--level", "-l", help="Your level. Default: the exercise's own level.", autocompletion=_complete(list(LEVELS)), show_default=False)] = None,
    top: TopOpt = 5,
    fmt: FormatOpt = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Swap an exercise: what trains the same regions the same way with what you have.

    Example: glutecoach alternatives hip-thrust --equipment none
    """
    from . import catalogue, engine
    from .models import Profile

    fmt = fmt_word(fmt)
    kit, hurts, lvl = equipment_set(equipment), pains(pain), level_word(level)
    cat = load(catalogue_files)
    ex = catalogue.find_exercise(cat, exercise)
    result = engine.alternatives(cat, ex, Profile(level=lvl or ex.level, equipment=kit, pains=hurts), top)
    if fmt == "json":
        from .render import data

        data.emit(data.alternatives(result))
    else:
        from .render import table

        table.alternatives(result)


@app.command()
@handles_errors
def plan(
    level: Annotated[str, typer.Option("--level", "-l", help="Your level; beginners start with a muscle-contact phase.", autocompletion=_complete(list(LEVELS)))] = "beginner",
    goal: Annotated[str, typer.Option("--goal", "-g", help="What the plan trains for; see 'glutecoach goals'.")] = "glute-size",
    weeks: Annotated[int, typer.Option("--weeks", "-w", help="Length of the plan, 4-16 weeks.")] = 8,
    days_per_week: Annotated[int, typer.Option("--days-per-week", "-d", help="Sessions a week, 1-6.")] = 3,
    equipment: EquipmentOpt = None,
    pain: PainOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: table, json or markdown.", autocompletion=_complete([*FORMATS, "markdown"]))] = "table",
    catalogue_files: Catalogues = None,
) -> None:
    """Build a week-by-week plan; the beginner plan puts muscle contact before load.

    Example: glutecoach plan --level beginner --equipment band,dumbbell --format markdown
    """
    from . import catalogue
    from . import plan as planner
    from .models import Profile

    fmt = fmt_word(fmt, [*FORMATS, "markdown"])
    profile = Profile(level=level_word(level) or "beginner", equipment=equipment_set(equipment), pains=pains(pain))
    cat = load(catalogue_files)
    result = planner.build(cat, catalogue.find_goal(cat, goal), profile, weeks, days_per_week)
    if fmt == "json":
        from .render import data

        data.emit(data.plan(result))
    elif fmt == "markdown":
        from .render import markdown

        sys.stdout.write(markdown.plan(result))
    else:
        from .render import table

        table.plan(result)


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
