"""Where glutecoach keeps the user's things: never the current folder, never the package."""

from __future__ import annotations

import os
from pathlib import Path

APP = "glutecoach"


def _home() -> Path | None:
    value = os.environ.get("GLUTECOACH_HOME")
    return Path(value).expanduser() if value else None


def _platform(kind: str) -> Path:
    import platformdirs  # only when GLUTECOACH_HOME is unset

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False))


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else _platform("data")


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else _platform("config")


def cache_dir() -> Path:
    home = _home()
    return home / "cache" if home else _platform("cache")


def builtin_data_dir() -> Path:
    """The shipped data: glutecoach/data in a wheel; the repository's data/ in a source checkout
    (never the working directory)."""
    package = Path(__file__).resolve().parent.parent  # glutecoach/
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    return package.parent / "data"


def log_db() -> Path:
    """The training log's SQLite file."""
    return data_dir() / "log.sqlite3"
