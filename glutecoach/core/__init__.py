"""The domain core: models, vocabularies, rules and their registry, ranking, plans, the next session, progress.

Pure: typed objects in, typed objects out. May import only the standard library and other core modules
(and glutecoach.errors); never typer, rich, sqlite3, yaml or pydantic, and it does no I/O
(tests/unit/test_layout.py checks it).
"""
