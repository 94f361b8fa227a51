"""The few measured speed tricks that stay, in one seam. Each earns its place with a figure a user feels.

Figures: 2-core x86_64, Python 3.11, typer 0.28 (README, "Performance"). The rest of the speed layer
lives next to what it speeds up, and is indexed here:

- Terminal views without rich.console or rich.text (glutecoach.render.styled, glutecoach.render.terminal):
  output to a file or a pipe is the plain text rich would write, and a colour terminal gets rich's
  escape codes made with rich.style alone (about 5 ms to import instead of 19): plan next on a
  100,000-entry log 1.22x the yardstick -> 1.02x to a pipe, 1.23x -> 1.04-1.07x on a colour terminal.

- The catalogue cache (below): a validated catalogue is stored with marshal and read back without
  importing pydantic or yaml. Built-in catalogue: a run costs ~0.85x a minimal typer+rich program
  instead of ~2.5x when every run validated the YAML.
- Exercises built on demand (glutecoach.core.models.Exercises): ranking a 10,000-exercise catalogue
  builds only the few hundred it scores (25 ms of such a run went on building every exercise).
- The YAML value builder (glutecoach.catalogue.yamlread._Builder): one walk over the composed nodes,
  for a user catalogue seen for the first time: 10,000 exercises 0.65 s -> 0.25 s.
- The collector paused while a catalogue loads and while a command runs (paused_gc, below, from
  glutecoach.cli.options.handles_errors), and a large catalogue frozen afterwards (freeze_large). A
  command makes its entries and states by the thousand with no cycles among them: plan next's own part
  34.5 -> 32.9 ms; the cycles a command leaves are a few hundred objects (tested).
- Catalogue files keyed by their signature (signature and the store of file keys, below): a file seen
  before and unchanged since is not read or hashed (the built-in 415 KB: loading the catalogue 3.5-4.0
  -> 2.6 ms a run).
- The store of validated files (write_validated, below): a folder of 10,000 small catalogue files is
  validated once, written in 16 shards rather than 10,000 cache files (first run 17.6 s -> 6.8 s), and
  changing one file validates that file only.
- Built plans (glutecoach.store.plan_cache): `plan next` rebuilt the same saved plan at every session
  (12 ms and the builder's imports); a cached plan is a pickle read back by an unpickler that builds
  glutecoach.core's records only, in 0.6-0.8 ms (1.8 ms as marshal values walked in Python).
- The log's questions (glutecoach.store.log_queries): index seeks, whatever the log's size (a lift's
  last sessions before a day on 100,000 entries: 51 ms -> 0.04 ms).
- Records made without typing's per-field checks (glutecoach.core.record.NamedTuple), their
  constructors of 1-16 fields compiled with the module: 46 record classes cost 6-8 ms of every `plan
  next` to define, now about 1.25 ms.
- Commands typer reads cheaply (glutecoach.cli.app): a run builds only the command family it names, of
  a group only the subcommand it names (the others as stand-ins with a name and a summary), and command
  modules give typer annotation objects, never strings (typer evaluated each string twice: plan next
  builds its command in 1.7 ms instead of 3.8).
- A span of the log read in one id-range query (glutecoach.store.log_schema.rows_to_entries) and a
  training state worked out per exercise when asked (glutecoach.core.training_state): plan next on a
  100,000-entry log reads 1,400 entries in 8-9 ms instead of 10-11 and decides in 3 ms instead of 5.
- Goal points (goal_points, below): each exercise's points from the rules that read only the exercise
  and the goal, cached per catalogue and goal: `recommend` adds the person's few points to each and
  scores in full only the exercises it shows (glutecoach.core.engine.rank).
"""

from __future__ import annotations

import gc
import marshal
import os
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FREEZE_FROM = 1000  # exercises


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic collector paused: a catalogue load makes YAML nodes, dicts and tuples by the
    hundred thousand with no cycles among them, which the collector would only re-scan.
    Measured at 10,000 exercises: a first load 4.4 s -> 1.9 s; a cached load a third faster."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze_large(exercises: int) -> None:
    """For a command-line run only (the catalogue then lives as long as the process): a large
    catalogue is moved out of the collector's sight, so no later collection scans it. Call it while the
    collector is still paused: otherwise its first collection scans everything made while it slept
    (measured at 10,000 exercises: 47 ms, a fifth of the warm run). Small ones are left alone."""
    if exercises >= FREEZE_FROM:
        gc.freeze()


# --- the catalogue cache ------------------------------------------------------------------------

CACHE_FORMAT = 3  # bump when what is cached changes meaning; the layout itself is in the key
KEEP_CACHES = 16  # of each kind (merged catalogues, single files)
MAX_CACHE_BYTES = 512 * 2**20  # a 50,000-exercise catalogue caches in well under this


def layout_key(*field_lists: tuple[str, ...]) -> str:
    """What the cached data's layout depends on: the record fields and the Python version (marshal is
    not promised stable across versions). A change to either can never read stale rows."""
    return digest(repr((CACHE_FORMAT, sys.version_info[:2], field_lists)).encode())


def digest(*parts: bytes) -> str:
    """A fingerprint of the parts for cache keys: CRC-32 and Adler-32 over the length-prefixed parts, and
    their total length (64 bits against accidental collisions; the files are the user's own, so there
    is no adversary). zlib, not hashlib: loading OpenSSL alone costs 2.3 ms a run (measured), more
    than reading the cached catalogue."""
    crc, adler, total = 0, 1, 0
    for part in parts:
        head = len(part).to_bytes(8, "big")
        crc = zlib.crc32(part, zlib.crc32(head, crc))
        adler = zlib.adler32(part, zlib.adler32(head, adler))
        total += len(part)
    return f"{crc:08x}{adler:08x}{total:x}"


def read_cache(path: Path, key: str) -> dict[str, Any] | None:
    """The cached data, or None when it is missing, stale or damaged (the caller then rebuilds it)."""
    import os
    import stat

    try:
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
                return None  # a pipe, a device or a huge file is no cache of ours: rebuilt, and replaced when written
            raw = marshal.loads(f.read(MAX_CACHE_BYTES + 1))
    except (OSError, EOFError, ValueError, TypeError, MemoryError):
        return None
    if not isinstance(raw, dict) or raw.get("key") != key:
        return None
    return raw


def write_cache(path: Path, raw: dict[str, Any], keep: int | None = KEEP_CACHES) -> None:
    """Store data for read_cache. A cache is an optimisation: a read-only or full disk never stops a
    command. Written under a temporary name and renamed, so a reader never sees half a file; the
    oldest of its kind are pruned to `keep` (None: the caller prunes once, after writing many)."""
    from glutecoach.store.files import atomic_write

    try:
        atomic_write(path, marshal.dumps(raw))
        if keep is not None:
            prune(path.parent, path.name.split("-", 1)[0], keep)
    except (OSError, ValueError):
        pass


FILE_KEYS = "files.marshal"  # a catalogue file's signature -> its content key
MAX_FILE_KEYS = 20_000
SETTLED_NS = 2 * 10**9  # a file changed this recently may change again within its times' resolution


def signature(path: Path, info: os.stat_result) -> str:
    """What says a file is the one read before: its path, device, inode, size, and modification and change
    times to the nanosecond (any write changes the change time, which no one can set back)."""
    return f"{path}\0{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def read_file_keys(folder: Path, key: str) -> dict[str, str]:
    """The content keys of catalogue files by signature ({} when there is no store, or it is stale)."""
    raw = read_cache(folder / FILE_KEYS, key)
    found = raw.get("files") if raw is not None else None
    return found if isinstance(found, dict) else {}


def write_file_keys(folder: Path, key: str, known: dict[str, str], seen: dict[str, str], infos: list[os.stat_result]) -> None:
    """Add this run's files to the store of keys, except a file changed in the last SETTLED_NS: on a file
    system with coarse times a second write within the same tick could leave its signature unchanged."""
    import time

    now = time.time_ns()
    settled = {s: k for (s, k), info in zip(seen.items(), infos, strict=True) if now - max(info.st_mtime_ns, info.st_ctime_ns) > SETTLED_NS}
    if not settled or all(known.get(s) == k for s, k in settled.items()):
        return
    merged = {**known, **settled}
    if len(merged) > MAX_FILE_KEYS:
        merged = dict(list(merged.items())[-MAX_FILE_KEYS:])  # the oldest entries go first
    write_cache(folder / FILE_KEYS, {"key": key, "files": merged}, keep=None)


VALIDATED_STORE = "validated-{}.marshal"  # one of 16 shards, by the first hex digit of the file's key
SHARDS = "0123456789abcdef"


def read_validated(folder: Path, key: str) -> dict[str, Any]:
    """Every catalogue file's validated data, by the file's content key ({} when there is no store)."""
    known: dict[str, Any] = {}
    for shard in SHARDS:
        raw = read_cache(folder / VALIDATED_STORE.format(shard), key)
        found = raw.get("files") if raw is not None else None
        if isinstance(found, dict):
            known.update(found)
    return known


def write_validated(folder: Path, key: str, known: dict[str, Any], current: dict[str, Any], fresh: set[str]) -> None:
    """Store the validated data of this run's files (all of them, however many: a folder of 10,000
    files keeps 10,000, so changing one validates one) and of the KEEP_CACHES files per shard seen most
    recently before (a --catalogue file used now and then). Sixteen shards, each rewritten only when it
    holds a file validated this run. Measured with a folder of 10,000 one-exercise files: one cache file
    per catalogue file, each flushed to disk, made the first run 17.6 s (6.8 s now); one store file would
    make changing one file rewrite all 24 MB."""
    for shard in {k[0] for k in fresh}:
        mine = {k: v for k, v in current.items() if k[0] == shard}
        earlier = [k for k in known if k[0] == shard and k not in mine][-KEEP_CACHES:]
        write_cache(folder / VALIDATED_STORE.format(shard), {"key": key, "files": {**{k: known[k] for k in earlier}, **mine}}, keep=None)
    prune(folder, "file", 0)  # the one cache file per catalogue file that earlier builds wrote: the store replaces them


def prune(folder: Path, prefix: str, keep: int) -> None:
    """Keep the `keep` newest caches of a kind."""
    try:
        old = sorted(folder.glob(f"{prefix}-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[keep:]:
            stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


def goal_points(cat: Any, goal: Any, compute: Any) -> list[float]:
    """engine.goal_points(cat, goal) through a cache keyed by the catalogue's files and everything about
    the goal that scoring reads; computed and stored on first use (one scoring of the catalogue)."""
    if not cat.key:
        return list(compute(cat, goal))
    from glutecoach.store import paths

    key = digest(cat.key.encode(), repr((goal.name, sorted(goal.regions.items()), sorted(goal.rule_weights.items()))).encode())
    path = paths.cache_dir() / f"points-{key[:32]}.marshal"
    raw = read_cache(path, key)
    if raw is not None and isinstance(raw.get("points"), list) and len(raw["points"]) == len(cat.exercises):
        return list(raw["points"])
    points = list(compute(cat, goal))
    write_cache(path, {"key": key, "points": points})
    return points
