"""Writing the user's files safely: one atomic write, used by everything glutecoach saves."""

from __future__ import annotations

import os
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so a reader sees the old file or the new one, never half of either:
    written beside it under a temporary name, flushed, then renamed over it. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def refuse_owned(path: Path) -> None:
    """An export never overwrites a file glutecoach owns (the log database, the profile, the cache)."""
    from glutecoach.errors import UsageError
    from glutecoach.store import paths

    target = path.expanduser().resolve()
    for folder in (paths.data_dir(), paths.config_dir(), paths.cache_dir()):
        try:
            target.relative_to(folder.expanduser().resolve())
        except ValueError:
            continue
        raise UsageError(
            f"{path}: glutecoach keeps its own files there (log, profile or cache); export to another file."
        )
