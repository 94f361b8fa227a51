"""The yardstick: the cheapest program that prints the same kind of answer as glutecoach.

A minimal typer app that builds and prints a 10-row rich table. `python benchmarks/yardstick.py`.
"""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False)


@app.command()
def main(top: int = 10) -> None:
    """Print a 10-row table."""
    table = Table("#", "Exercise", "Score")
    for i in range(top):
        table.add_row(str(i + 1), f"exercise-{i}", f"{90 - i:.1f}")
    Console().print(table)


if __name__ == "__main__":
    app()
