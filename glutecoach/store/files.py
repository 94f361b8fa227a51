"""The user's files, read and written safely: one bounded reader and one atomic write, used by
everything glutecoach reads from a user or saves."""

from __future__ import annotations

import errno
import math
import os
import stat
from pathlib import Path
from typing import Any

from glutecoach.errors import UsageError

MAX_IMPORT_BYTES = 128 * 2**20  # a 50,000-row tracker export is about 5 MB
MAX_SMALL_BYTES = 2**20  # a profile or a name mapping


def _mib(n: int) -> str:
    return f"{n / 2**20:g} MiB"


def read_file(path: Path, what: str, limit: int, missing_ok: bool = False) -> bytes | None:
    """The bytes of a user's file, read only if it is a regular file of at most `limit` bytes: a FIFO,
    a device (/dev/zero), a folder or a symlink loop is refused unread, never waited on or read
    without end. None for a missing file when `missing_ok`; otherwise a UsageError saying what to do."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)  # non-blocking: opening a FIFO never waits for a writer
    except FileNotFoundError:
        if missing_ok:
            return None
        raise UsageError(f"{path}: no such file.") from None
    except PermissionError:
        raise UsageError(f"{path}: cannot be read (permission denied).") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise UsageError(f"{path}: is a symbolic link that leads back to itself (a loop); give the {what} itself.") from None
        if err.errno == errno.ENAMETOOLONG:
            raise UsageError(f"{path}: the file name is too long for this system.") from None
        if err.errno == errno.ENOTDIR:
            if missing_ok:
                return None
            raise UsageError(f"{path}: no such file (a part of the path is a file, not a folder).") from None
        raise UsageError(f"{path}: cannot be read ({err.strerror or err}).") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"{path}: is a folder, not a {what}.")
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"{path}: is not a regular file (a pipe, device or socket); give a {what} saved as a file.")
        if info.st_size > limit:
            raise UsageError(f"{path}: the file is {info.st_size / 2**20:.1f} MiB; a {what} may be at most {_mib(limit)}.")
        with os.fdopen(fd, "rb") as f:
            fd = -1
            data = f.read(limit + 1)
    except OSError as err:
        raise UsageError(f"{path}: cannot be read ({err.strerror or err}).") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise UsageError(f"{path}: grew past {_mib(limit)} while it was read; a {what} may be at most {_mib(limit)}.")
    return data


class _BadNumber(ValueError):
    pass


def _finite(text: str) -> float:
    x = float(text)
    if not math.isfinite(x):
        raise _BadNumber(f"the number {text[:40]} is too large to be a value")
    return x


def _constant(text: str) -> Any:
    raise _BadNumber(f"{text} is not a number JSON allows")


def parse_json(data: bytes, where: str) -> Any:
    """Strict JSON from a user's file: UTF-8 (a BOM allowed), no NaN or Infinity, no number too large
    to be a value (1e400), nesting within Python's limits; a UsageError names the line otherwise."""
    import json

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UsageError(f"{where}: the file is UTF-16 text; save it as UTF-8.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise UsageError(f"{where}: line {line}: byte 0x{data[err.start]:02x} is not UTF-8 text; save the file as UTF-8.") from None
    try:
        return json.loads(text, parse_float=_finite, parse_constant=_constant)
    except _BadNumber as err:
        raise UsageError(f"{where}: {err}; accepted: finite numbers.") from None
    except json.JSONDecodeError as err:
        raise UsageError(f"{where}: not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}).") from None
    except RecursionError:
        raise UsageError(f"{where}: the JSON is nested too deeply to be glutecoach data.") from None
    except ValueError as err:  # e.g. an integer of more than 4,300 digits
        raise UsageError(f"{where}: not valid JSON ({str(err)[:120]}).") from None


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
    """An export never overwrites a file glutecoach owns: the log database, the profile, or anything in
    its data, config or cache folders (also through a symbolic or hard link); nor a folder."""
    from glutecoach.store import paths

    if path.name in ("", ".", "..") or path.is_dir():
        raise UsageError(f"{path}: is a folder; give the name of a file to write.")
    target = path.expanduser().resolve()
    owned = "glutecoach keeps its own files there (log, profile or cache); export to another file."
    for folder in (paths.data_dir(), paths.config_dir(), paths.cache_dir()):
        try:
            target.relative_to(folder.expanduser().resolve())
        except ValueError:
            continue
        raise UsageError(f"{path}: {owned}")
    try:
        written = os.stat(target)
    except OSError:
        return
    for own in (paths.log_db(), paths.config_dir() / "profile.json"):
        try:
            mine = os.stat(own)
        except OSError:
            continue
        if (written.st_dev, written.st_ino) == (mine.st_dev, mine.st_ino):
            raise UsageError(f"{path}: is glutecoach's own {'log' if own == paths.log_db() else 'profile'} (a link to it); export to another file.")
