"""The user's files, read and written safely: one bounded reader and one atomic write, used by
everything glutecoach reads from a user or saves."""

from __future__ import annotations

import contextlib
import errno
import math
import os
import stat
from collections.abc import Iterator
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
        remember_read(info)
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


# --------------------------------------------------------------------------------------------------
# Writing. Two kinds of file are written: glutecoach's own (profile, saved plan, name mapping, caches),
# always replaced atomically; and a user's output (-o), written like a careful Unix tool would.

_READ: set[tuple[int, int]] = set()  # (device, inode) of every file this run has read
STALE_TEMP_SECONDS = 60  # a temp file this old is a killed run's leftover, not a writer still at work
MAX_NAME_BYTES = 255
_NAME_IN_TEMP = 100  # bytes of the target's name kept in its temp file's name


def why_not_saved(err: OSError) -> str:
    """Why one of glutecoach's own files could not be saved, and what to do: a full disk said as such."""
    if err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full (or your quota is used up); free some space and try again"
    return f"{err.strerror or err}; check that the folder is writable, or set GLUTECOACH_HOME"


def free_bytes(folder: Path) -> int | None:
    """Bytes free for this user on the disk holding `folder` (None when it cannot be told)."""
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):
        return None
    return info.f_bavail * info.f_frsize


def new_command() -> None:
    """Forget the files read and the folders swept so far: a new command starts."""
    _READ.clear()
    _SWEPT.clear()


def remember_read(info: os.stat_result) -> None:
    """Note a file this run reads: no output of the same run may be written over it."""
    _READ.add((info.st_dev, info.st_ino))


def _mkdirs(folder: Path) -> None:
    """Make `folder` and any missing parents, without recursion (a path 2,000 folders deep is fine)."""
    missing: list[Path] = []
    probe = folder
    while not os.path.isdir(probe):
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for part in reversed(missing):
        try:
            os.mkdir(part)
        except FileExistsError:
            if not os.path.isdir(part):
                raise


_SWEPT: set[Path] = set()


def _own_folder(folder: Path) -> bool:
    """glutecoach's own folders (data, config, cache) hold only its files: any leftover temp there is its own."""
    from glutecoach.store import paths

    here = os.path.realpath(folder)
    return any(here == os.path.realpath(own) for own in (paths.data_dir(), paths.config_dir(), paths.cache_dir()))


def _temp_prefix(name: str) -> str:
    kept = os.fsencode(name)[:_NAME_IN_TEMP].decode("utf-8", "ignore") if len(os.fsencode(name)) > _NAME_IN_TEMP else name
    return f".{kept}."


def _remove_leftovers(folder: Path, name: str) -> None:
    """Remove temp files a killed run left beside `name` (ours: a regular file owned by this user, named
    .NAME.<anything>.tmp, or .<anything>.tmp in glutecoach's own folders, untouched for a minute). A writer
    still at work is never that old."""
    import time

    if folder in _SWEPT:
        return  # once per folder a run: a first run writing 10,000 caches must not read the folder 10,000 times
    _SWEPT.add(folder)
    prefix = "." if _own_folder(folder) else _temp_prefix(name)
    cutoff = time.time() - STALE_TEMP_SECONDS
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff and (uid is None or info.st_uid == uid):
                        os.unlink(entry.path)
                except OSError:
                    continue
    except OSError:
        return


def _keep_owner_and_mode(fd: int, old: os.stat_result | None) -> None:
    if old is None:
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)  # a new file gets the mode any tool would give it
        return
    os.fchmod(fd, stat.S_IMODE(old.st_mode))
    if hasattr(os, "fchown") and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):  # only root may give a file away; the mode is kept either way
            os.fchown(fd, old.st_uid, old.st_gid)


def atomic_write(path: Path, data: bytes, old: os.stat_result | None = None) -> None:
    """Replace the regular file `path` (or make it) so a reader sees the old file or the new one, never
    half of either: written to a temp file with a random name made with O_EXCL|O_NOFOLLOW (mkstemp) in
    the same folder, flushed, given the old file's mode and owner, then renamed over it. Temp files of
    killed runs are removed first. Raises OSError."""
    import tempfile

    folder = path.parent
    _mkdirs(folder)
    if len(os.fsencode(path.name)) > MAX_NAME_BYTES:
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(path))
    if old is None:
        with contextlib.suppress(OSError):
            info = os.stat(path, follow_symlinks=False)
            old = info if stat.S_ISREG(info.st_mode) else None
    _remove_leftovers(folder, path.name)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path.name), suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            _keep_owner_and_mode(f.fileno(), old)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def locked(folder: Path, what: str) -> Iterator[None]:
    """Hold glutecoach's lock on `folder` (a .glutecoach.lock file in it) for a read-modify-write, so two
    runs changing different fields of one file never lose either change. Waits up to LOCK_WAIT seconds,
    as the log does, then gives up with a UsageError."""
    import time

    try:
        import fcntl
    except ImportError:  # no flock (Windows): a lost update is possible there, as before
        yield
        return
    try:
        _mkdirs(folder)
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as err:
        raise UsageError(f"cannot lock {folder} to save the {what}: {why_not_saved(err)}.") from None
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UsageError(
                        f"another glutecoach is writing the {what} and has not finished after {LOCK_WAIT} s; try again in a moment."
                    ) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


LOCK_FILE = ".glutecoach.lock"
LOCK_WAIT = 10  # seconds, as for the log
