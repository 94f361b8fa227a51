"""The user's data: the SQLite training log, import and export formats, the saved profile, where files live.

May import glutecoach.core and glutecoach.errors (and sqlite3, json, csv, platformdirs); never typer or rich.
"""
