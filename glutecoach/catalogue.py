"""Load the catalogue (built-in data plus any user files) and look things up in it.

A file is validated with pydantic the first time its exact bytes are seen; the validated result is
cached (marshal, keyed by the files' content hash and the package version) so every later run only
reads the cache. From it, every exercise gets a summary (what ranking reads first) and is built in
full only when it is asked for (models.Exercises).
"""

from __future__ import annotations

import marshal
import os
from functools import partial
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import __version__, paths
from .errors import CatalogueError, UnknownNameError, did_you_mean, unknown
from .models import (
    Catalogue,
    Contraindication,
    Dose,
    Evidence,
    Exercise,
    Exercises,
    Goal,
    Phase,
    PlanTemplate,
    RegionInfo,
    Source,
    Summary,
)
from .vocab import REGION_ALIASES, REGIONS, WHOLE_MAXIMUS

LARGE_INPUT = 1 << 20  # bytes; see _sha256_for()


def _sha256_for(size: int):
    """sha256, from the module that is quickest for `size` bytes: the built-in one for the shipped
    files (OpenSSL's takes 2 ms to load, more than hashing them), OpenSSL's for large user files
    (its hardware-assisted sha256 hashes 5 MB in 2.5 ms, against 14 ms; measured)."""
    try:
        if size > LARGE_INPUT:
            from _hashlib import openssl_sha256 as sha256
        else:
            from _sha256 import sha256
    except ImportError:  # pragma: no cover - other Python builds
        from hashlib import sha256
    return sha256

BUILTIN_FILES = ("exercises.yaml", "goals.yaml", "plans.yaml", "muscles.yaml")
MAX_FILE_BYTES = 128 * 1024 * 1024  # room for a 50,000-exercise file; larger is refused unread


def builtin_paths() -> list[Path]:
    base = paths.builtin_data_dir()
    return [base / name for name in BUILTIN_FILES]


def user_paths(extra: Sequence[Path] = ()) -> list[Path]:
    """The user's catalogue files, in the order they apply (a later one overrides an earlier one):
    the config folder's catalogues/*.yaml (sorted), then GLUTECOACH_CATALOGUE (a path list), then
    the --catalogue options."""
    folder = paths.config_dir() / "catalogues"
    found = sorted(p for pattern in ("*.yaml", "*.yml") for p in folder.glob(pattern)) if folder.is_dir() else []
    listed = [Path(p).expanduser() for p in os.environ.get("GLUTECOACH_CATALOGUE", "").split(os.pathsep) if p]
    return [*found, *listed, *extra]


FREEZE_FROM = 1000  # exercises; see load()


def load(extra: Sequence[Path] = (), use_cache: bool = True, user: bool = True, lifelong: bool = False) -> Catalogue:
    """The built-in catalogue merged with the user's files (later files override earlier ones).

    The cyclic garbage collector is paused while the catalogue is read, validated and built: YAML
    nodes, dicts and tuples by the hundred thousand and no cycles among them, which it would only
    re-scan over and over (measured at 10,000 exercises: a third of a cached load, and a first load
    went from 4.4 s to 1.9 s). With `lifelong` (a command-line run: the catalogue lives as
    long as the process) a large catalogue is also frozen (gc.freeze), so no later collection scans
    it either (measured: half the ranking time at 10,000 exercises). Small ones are left alone:
    scanning them costs nothing, and a long-lived caller such as the test suite should not
    accumulate frozen objects.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        cat = _load(extra, use_cache, user)
        if lifelong and len(cat.exercises) >= FREEZE_FROM:
            gc.freeze()
        return cat
    finally:
        if enabled:
            gc.enable()


def _load(extra: Sequence[Path], use_cache: bool, user: bool) -> Catalogue:
    files = [*builtin_paths(), *(user_paths(extra) if user else extra)]
    contents = [_read(p) for p in files]
    version = f"{__version__}/{CACHE_FORMAT}".encode()
    sha256 = _sha256_for(sum(map(len, contents)))
    file_keys = []
    for data in contents:
        h = sha256(version + b"\0")
        h.update(data)  # no concatenated copy of a large file
        file_keys.append(h.hexdigest())
    digest = sha256(version)
    for p, k in zip(files, file_keys):
        digest.update(str(p).encode() + b"\0" + k.encode())
    key = digest.hexdigest()
    folder = paths.cache_dir()
    raw = _read_cache(folder / f"catalogue-{key[:32]}.marshal", key) if use_cache else None
    if raw is None:
        # Each file is validated once for its exact bytes (the built-in ones once per version), so
        # a changed user file costs only its own validation plus the merge.
        validated: dict[int, dict] = {}
        for i, k in enumerate(file_keys):
            dump = _read_cache(folder / f"file-{k[:32]}.marshal", k) if use_cache else None
            if dump is not None:
                validated[i] = dump["data"]
        fresh = set(range(len(files))) - set(validated)
        from .validate import merge_files  # pydantic and yaml: only on first sight of these bytes

        raw = merge_files(list(zip(files, contents)), validated)
        raw["exercises"] = [pack_exercise(e) for e in raw["exercises"]]
        raw["key"] = key
        if use_cache:
            for i in fresh:
                _write_cache(folder / f"file-{file_keys[i][:32]}.marshal", {"key": file_keys[i], "data": validated[i]})
            _write_cache(folder / f"catalogue-{key[:32]}.marshal", raw)
    return _build(raw)


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CatalogueError(
                f"{path}: the file is {size / 1e6:.0f} MB; catalogue files may be at most "
                f"{MAX_FILE_BYTES // 2**20} MiB. Split it into several files."
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogueError(f"{path}: no such catalogue file. Check the path given to --catalogue.") from None
    except IsADirectoryError:
        raise CatalogueError(f"{path}: is a folder, not a catalogue file.") from None
    except PermissionError:
        raise CatalogueError(f"{path}: cannot be read (permission denied).") from None


def _read_cache(cache: Path, key: str) -> dict | None:
    """The cached catalogue, or None when it is missing, stale or damaged (it is then rebuilt)."""
    try:
        raw = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(raw, dict) or raw.get("key") != key:
        return None
    return raw


CACHE_FORMAT = 2  # bump when the cached layout changes: older caches are then never read
KEEP_CACHES = 16  # of each kind (merged catalogues, single files)


def _write_cache(cache: Path, raw: dict) -> None:
    # A cache is an optimisation: a read-only or full disk must never stop a command. Written to a
    # temporary name and renamed, so a reader never sees half a file; the oldest are pruned.
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(raw))
        os.replace(tmp, cache)
        prefix = cache.name.split("-", 1)[0]
        old = sorted(cache.parent.glob(f"{prefix}-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP_CACHES:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass


def _build(raw: dict) -> Catalogue:
    sources = {s["key"]: Source(**s) for s in raw["sources"]}
    exercises = _exercises(raw["exercises"])
    goals = {g["name"]: _goal(g) for g in raw["goals"]}
    regions = {
        r["name"]: RegionInfo(r["name"], tuple(r["aliases"]), r["description"], tuple(r["functions"]))
        for r in raw["regions"]
    }
    plans = {p["level"]: _plan(p) for p in raw["plans"]}
    return Catalogue(
        schema_version=raw["schema_version"],
        sources=sources,
        exercises=exercises,
        goals=goals,
        regions=regions,
        plans=plans,
        safety=raw["safety"],
        condition_notes=raw["condition_notes"],
        heavy_rest_s=raw["heavy_rest_s"],
        overrides=tuple(raw["overrides"]),
    )


def pack_exercise(e: dict) -> tuple:
    """A validated exercise as plain nested tuples in Exercise's field order, for the cache: rebuilt
    with C-level tuple constructors (10,000 exercises in a few ms, against ~100 ms from dicts)."""
    regions = e["regions"]
    return (
        e["slug"], e["name"], e["family"], tuple(e["aliases"]),
        tuple(regions[r]["score"] for r in REGIONS), tuple(regions[r]["basis"] for r in REGIONS),
        e["movement"], tuple(e["joint_actions"]), e["load_vector"], e["peak_tension"], e["level"],
        tuple(e["equipment"]), e["unilateral"], e["contact_ease"], e["complexity"], e["load_potential"],
        e["spinal_load"], tuple(e["features"]), tuple(e["cues"]), tuple(e["mistakes"]),
        tuple(e["progressions"]), tuple(e["regressions"]),
        tuple((c["condition"], c["level"], c["note"]) for c in e["contraindications"]),
        tuple((v["source"], v["region"], v["value"], v["stat"], v["scale"], v["load"], v["variant"]) for v in e["evidence"]),
        tuple(e["notes"]),
    )


def _exercises(rows: list[tuple]) -> Exercises:
    """Summaries for all rows at once; each exercise only when it is asked for (see Exercises)."""
    new = tuple.__new__
    contra = partial(new, Contraindication)
    evid = partial(new, Evidence)
    # Summaries keep the contraindications as the cache's plain (condition, level, note) tuples.
    summaries = [new(Summary, (row[0], row[10], row[11], row[22], row[4])) for row in rows]

    def exercise(i: int) -> Exercise:
        row = rows[i]
        return new(
            Exercise,
            (*row[:4], dict(zip(REGIONS, row[4])), dict(zip(REGIONS, row[5])), *row[6:22],
             tuple(map(contra, row[22])), tuple(map(evid, row[23])), row[24]),
        )

    return Exercises(summaries, exercise, [row[0] for row in rows])


def _dose(d: dict) -> Dose:
    return Dose(d["sets"], (d["reps"][0], d["reps"][1]), d["rest_s"])


def _goal(g: dict) -> Goal:
    return Goal(
        name=g["name"],
        description=g["description"],
        regions=dict(g["regions"]),
        rule_weights=dict(g["rules"]),
        load_vectors=tuple(g["load_vectors"]),
        exclude_equipment={k: tuple(v) for k, v in g["exclude_equipment"].items()},
        dose={k: _dose(v) for k, v in g["dose"].items()},
        notes=tuple(g["notes"]),
    )


def _plan(p: dict) -> PlanTemplate:
    phases = tuple(
        Phase(
            name=ph["name"],
            share=ph["share"],
            goal=ph["goal"],
            level=ph["level"],
            purpose=ph["purpose"],
            advance_when=ph["advance_when"],
            max_complexity=ph["max_complexity"],
            min_contact_ease=ph["min_contact_ease"],
            equipment=None if ph["equipment"] is None else tuple(ph["equipment"]),
            movement_mix=tuple(ph["movement_mix"]),
            exercises_per_session=ph["exercises_per_session"],
            sets=ph["sets"],
            reps=(ph["reps"][0], ph["reps"][1]),
            tempo=ph["tempo"],
            rest_s=ph["rest_s"],
            contact_check=ph["contact_check"],
            preferred=tuple(ph["preferred"]),
        )
        for ph in p["phases"]
    )
    return PlanTemplate(p["level"], phases, p["deload_every"], (p["weekly_sets"][0], p["weekly_sets"][1]))


# --- look-ups ---------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("_", "-").replace("-", " ").split())


def find_exercise(cat: Catalogue, query: str) -> Exercise:
    """An exercise by slug, alias or name, case-insensitively."""
    if query in cat.exercises:
        return cat.exercises[query]
    wanted = _norm(query)
    names: dict[str, str] = {}
    for ex in cat.exercises.values():
        for name in (ex.slug, ex.name, *ex.aliases):
            names.setdefault(_norm(name), ex.slug)
    if wanted in names:
        return cat.exercises[names[wanted]]
    hint = did_you_mean(wanted, names)
    if hint:
        close = hint.split("'")[1]
        hint = f" Did you mean '{names[close]}'?"
    raise _unknown_exercise(query, hint)


def _unknown_exercise(query: str, hint: str) -> UnknownNameError:
    return UnknownNameError(
        f"No exercise called '{query}'.{hint} Run 'glutecoach exercises' to list them "
        "(slugs, names and aliases are all accepted)."
    )


REGION_CHOICES: tuple[str, ...] = (*REGIONS, WHOLE_MAXIMUS, *REGION_ALIASES)


def resolve_region(name: str) -> str:
    """One of the five regions or 'gluteus-maximus', from any accepted spelling."""
    key = name.strip().lower().replace("_", "-").replace(" ", "-")
    if key in REGIONS or key == WHOLE_MAXIMUS:
        return key
    if key in REGION_ALIASES:
        return REGION_ALIASES[key]
    raise unknown("region", name, REGION_CHOICES, "--muscle")


def find_goal(cat: Catalogue, name: str) -> Goal:
    key = name.strip().lower()
    if key in cat.goals:
        return cat.goals[key]
    raise unknown("goal", name, cat.goals, "--goal")


def check_words(kind: str, words: Iterable[str], accepted: Sequence[str], option: str) -> list[str]:
    """Lower-cased words, each one accepted, or an error naming the first that is not."""
    out = []
    for w in words:
        key = w.strip().lower()
        if key not in accepted:
            raise unknown(kind, w, accepted, option)
        out.append(key)
    return out


def select(
    cat: Catalogue,
    region: str | None = None,
    equipment: frozenset[str] | None = None,
    level: str | None = None,
    movement: str | None = None,
) -> list[Exercise]:
    """The catalogue filtered by every given option; with a region, highest score first (ties by slug)."""
    from .vocab import LEVEL_RANK

    out = [
        ex
        for ex in cat.exercises.values()
        if (equipment is None or all(item in equipment for item in ex.equipment))
        and (level is None or LEVEL_RANK[ex.level] <= LEVEL_RANK[level])
        and (movement is None or ex.movement == movement)
    ]
    if region:
        out.sort(key=lambda ex: (-ex.score_for(region), ex.slug))
    return out


def top_for(cat: Catalogue, region: str, n: int = 5) -> list[str]:
    return [ex.slug for ex in select(cat, region=region)[:n]]


def validate_files(files: Sequence[Path]) -> list[str]:
    """Every problem in the given files, checked with the built-in data; [] when they are clean."""
    from .validate import check_files

    builtin = [(p, p.read_bytes()) for p in builtin_paths()]
    problems: list[str] = []
    readable = []
    for path in files:
        try:
            readable.append((path, _read(path)))
        except CatalogueError as err:
            problems.append(str(err))
    return problems + check_files(readable, builtin)
