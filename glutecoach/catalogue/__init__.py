"""The catalogue files: reading YAML safely, the pydantic schema, validation and cross-references, the cache.

May import glutecoach.core, glutecoach.store.paths and glutecoach.errors; never typer or rich. pydantic and
yaml are imported only when a file is seen for the first time (glutecoach.catalogue.validate).
"""
