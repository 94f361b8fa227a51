"""A user's output files (-o), written the way a careful Unix tool writes them, and the sentences that
say why a write failed. glutecoach's own files are written with files.atomic_write."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from glutecoach.errors import UsageError
from glutecoach.store import files


def write_error(path: Path | str, err: OSError) -> UsageError:
    """An OSError met while writing `path`, as one sentence that says what to do."""
    shown = safe_name(path)
    code = err.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        why = "the disk is full (or your quota is used up); free some space and run it again"
    elif code in (errno.EACCES, errno.EPERM):
        why = "permission denied; choose a folder you can write to"
    elif code == errno.EROFS:
        why = "the disk is read-only; choose another folder"
    elif code == errno.ENAMETOOLONG:
        why = "the name is too long for this system; choose a shorter one"
    elif code == errno.ELOOP:
        why = "a symbolic link in the path leads back to itself (a loop); fix the link or choose another path"
    elif code in (errno.ENOTDIR, errno.EEXIST):
        why = "a part of the path is a file, not a folder; choose another path"
    else:
        why = f"{err.strerror or err}; check the path and the disk"
    return UsageError(f"cannot write {shown}: {why}. Nothing was written.")


def safe_name(path: Path | str) -> str:
    """The path as text; the CLI escapes control and bidi characters when it prints it."""
    return str(path)


def write_output(path: Path, data: bytes) -> str | None:
    """Write a user's output file (-o) and return how to name it in the "Wrote ..." message (None when
    it went to stdout, which then gets nothing else).

    - a path that is this run's stdout (`-o /dev/stdout`) is written to stdout;
    - an existing FIFO, character device (/dev/null, a terminal) is written *into*, never replaced; a
      FIFO no program reads from, a socket or a disk device is refused;
    - a symbolic link to a regular file is refused (a link planted in a shared folder must not redirect
      the write); a link to a pipe or device (/dev/stdout) is written into;
    - a regular file is replaced atomically (atomic_write), keeping its mode and owner;
    - never a file glutecoach owns or one this run has read (refuse_owned).
    Raises UsageError with the path and what to do."""
    refuse_owned(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UsageError(f"{safe_name(path)}: is a symbolic link to a file that does not exist; give the file's own path.") from None
        info = None
    except OSError as err:
        raise write_error(path, err) from None
    if info is not None and _is_stdout(info):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    if info is not None and stat.S_ISBLK(info.st_mode):
        raise UsageError(f"{safe_name(path)}: is a disk device; glutecoach never writes to a disk. Give a file name.")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_into(path, info, data)
        return safe_name(path)
    if info is not None and os.path.islink(path):
        target = os.path.realpath(path)
        raise UsageError(
            f"{safe_name(path)}: is a symbolic link (to {safe_name(target)}); glutecoach does not write through links "
            "to files. Give the file's own path, or another name."
        )
    try:
        files.atomic_write(path, data, old=info)
    except OSError as err:
        raise write_error(path, err) from None
    return safe_name(path)


def _is_stdout(info: os.stat_result) -> bool:
    try:
        out = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return (out.st_dev, out.st_ino) == (info.st_dev, info.st_ino)


def _write_into(path: Path, info: os.stat_result, data: bytes) -> None:
    """Write into an existing pipe or device, as `> path` in a shell would (without waiting for a
    reader that never comes)."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fifo = stat.S_ISFIFO(info.st_mode)
    try:
        fd = os.open(path, flags | (os.O_NONBLOCK if fifo else 0))
    except OSError as err:
        if err.errno == errno.ENXIO:
            what = "a pipe no program is reading from" if fifo else "a socket or a device that is not there"
            raise UsageError(f"{safe_name(path)}: is {what}; start the reader first, or give a file name.") from None
        raise write_error(path, err) from None
    try:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):  # swapped since it was looked at
            raise UsageError(f"{safe_name(path)}: changed while glutecoach was writing it; nothing was written. Run it again.")
        if fifo:
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as err:
        raise write_error(path, err) from None
    finally:
        os.close(fd)


def refuse_owned(path: Path) -> None:
    """An output never overwrites a file glutecoach owns: the log database, the profile, the saved plan,
    the name mapping, or anything in its data, config or cache folders (also through a symbolic link, a
    hard link or a bind mount: compared by inode); nor a file this run has read (a catalogue given with
    --catalogue or GLUTECOACH_CATALOGUE); nor a folder."""
    from glutecoach.store import paths

    shown = safe_name(path)
    try:
        is_dir = os.path.isdir(path)
        target = Path(os.path.realpath(os.path.expanduser(path)))
    except (OSError, ValueError) as err:
        raise UsageError(f"{shown}: cannot be used as an output ({err}); give another file name.") from None
    if path.name in ("", ".", "..") or is_dir:
        raise UsageError(f"{shown}: is a folder; give the name of a file to write.")
    owned = "glutecoach keeps its own files there (log, profile or cache); write to another file."
    for folder in (paths.data_dir(), paths.config_dir(), paths.cache_dir()):
        try:
            target.relative_to(os.path.realpath(os.path.expanduser(folder)))
        except ValueError:
            continue
        raise UsageError(f"{shown}: {owned}")
    try:
        written = os.stat(target)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise write_error(path, err) from None
        return
    if (written.st_dev, written.st_ino) in files._READ:
        raise UsageError(
            f"{shown}: is a file this command reads (a catalogue, the log, the profile or the saved plan); write to another file."
        )
    config = paths.config_dir()
    own = {
        paths.log_db(): "log",
        config / "profile.json": "profile",
        config / "plan.json": "saved plan",
        config / "import-map.json": "name mapping",
    }
    for file, name in own.items():
        try:
            mine = os.stat(file)
        except OSError:
            continue
        if (written.st_dev, written.st_ino) == (mine.st_dev, mine.st_ino):
            raise UsageError(f"{shown}: is glutecoach's own {name} (a link to it); write to another file.")
