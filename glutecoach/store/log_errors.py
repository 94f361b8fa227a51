"""What goes wrong with the training log, in the user's words: every SQLite failure a user can meet (a
damaged file, a lock held too long, a full disk, a read-only folder) as a LogError saying what happened
and what to do; and the check that refuses, untouched, anything at the log's path that is not a
glutecoach database."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

from glutecoach.errors import GlutecoachError
from glutecoach.store.log_schema import APPLICATION_ID, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"


class LogError(GlutecoachError):
    """The log cannot be opened or written: says where and what to do."""


def disk_nearly_full(path: Path) -> bool:
    """SQLite reports a write that found no room as an I/O error when the journal or WAL cannot grow."""
    from glutecoach.store.files import free_bytes

    free = free_bytes(path.parent)
    return free is not None and free < NEARLY_FULL


NEARLY_FULL = 2**20  # bytes: with less free, an SQLite I/O error is the disk being full


def disk_full(err: sqlite3.Error | OSError, path: Path) -> bool:
    """SQLite's "database or disk is full" (SQLITE_FULL), ENOSPC (or a used-up quota), or an I/O error
    with the disk (nearly) full: SQLite reports a journal, WAL or shared index that found no room to
    grow as an I/O error."""
    if isinstance(err, OSError):
        return err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1))
    said = f"{getattr(err, 'sqlite_errorname', '') or ''} {err}".lower()
    if "full" in said:
        return True
    return ("ioerr" in said or "i/o error" in said) and disk_nearly_full(path)


def explain(err: sqlite3.Error, path: Path, waited: float = 10) -> LogError | None:
    """The user's view of an SQLite error, or None for one that means a bug in glutecoach (`waited`:
    the seconds this run waited for another glutecoach's lock)."""
    if isinstance(err, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
        return None  # values are checked before they reach SQLite: this is ours to fix
    name = getattr(err, "sqlite_errorname", "") or ""
    text = str(err)
    said = f"{name} {text}".lower()
    if "busy" in said or "locked" in said:
        return LogError(
            f"another glutecoach is writing the training log at {path}; this one waited {waited:g} s for it "
            "to finish. Nothing was changed: try again when the other command is done."
        )
    if disk_full(err, path):
        return LogError(
            f"the disk holding the training log at {path} is full: nothing was saved and the log is as it was. "
            "Free some space and try again."
        )
    if "readonly" in said or "cantopen" in said or "unable to open" in said or "perm" in said:
        return LogError(f"cannot write the training log at {path} ({text}). Check that the folder is writable, or set GLUTECOACH_HOME.")
    if "ioerr" in said or "i/o error" in said:
        return LogError(
            f"the training log at {path} could not be read or written (disk I/O error): nothing was saved. Check the disk, then try again."
        )
    return LogError(
        f"the training log at {path} is damaged ({text}); nothing was changed. Move the file away (glutecoach then "
        "starts a new, empty log) and restore your last backup with 'glutecoach log import BACKUP.json', or try "
        "to rescue it with the sqlite3 tool's '.recover' command."
    )


def check_file(path: Path) -> bool:
    """True when a file is there. Refuse, untouched, anything at the database path that is not a
    glutecoach database: a folder, a FIFO or a device (never opened), a symlink loop, another file."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False  # (a file where the data folder should be: creating the log says so)
    except OSError as err:
        raise LogError(
            f"{path}: the training log cannot be reached ({err.strerror or err}); it was left untouched. "
            "Fix the path or set GLUTECOACH_HOME."
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise LogError(f"{path} is a folder; glutecoach's log must be a file there. Move it or set GLUTECOACH_HOME.")
    if not stat.S_ISREG(info.st_mode):
        raise LogError(
            f"{path} is not a regular file (a pipe or a device); it was left untouched. "
            "Move it away, or set GLUTECOACH_HOME to use another folder."
        )
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as err:
        raise LogError(f"{path}: cannot be read ({err.strerror}).") from None
    if len(header) < 100 or header[:16] != SQLITE_HEADER or int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise LogError(
            f"{path} is not a glutecoach training log (it is {'empty' if not header else 'another kind of file'}); "
            "it was left untouched. Move it away, or set GLUTECOACH_HOME to use another folder."
        )
    version = int.from_bytes(header[60:64], "big")
    if version > SCHEMA_VERSION:
        raise LogError(
            f"{path} was written by a newer glutecoach (log schema {version}; this one knows up to "
            f"{SCHEMA_VERSION}); it was left untouched. Upgrade glutecoach to read it."
        )
    return True
