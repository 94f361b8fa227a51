"""The command line: the typer app, assembled in one place (glutecoach.cli.app), one module per command family.

The only room that imports typer. May import every other room; holds no logic of its own beyond parsing
options and wording errors.
"""
