"""Load the catalogue (built-in data plus any user files) and look things up in it.

A file is validated with pydantic the first time its exact bytes are seen; the validated result is
cached (marshal, keyed by the files' content hash and the package version) so every later run only
reads the cache: the merged catalogue, and every file's own result in one store (speed.write_validated),
so changing one file of a folder of 10,000 validates that one file again. From it, every exercise gets
a summary (what ranking reads first) and is built in full only when it is asked for (models.Exercises).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from glutecoach import __version__, speed
from glutecoach.core.models import (
    Catalogue,
    Contraindication,
    Dose,
    Evidence,
    Exercise,
    Exercises,
    Goal,
    Peak,
    Phase,
    PlanTemplate,
    RegionInfo,
    Source,
    Summary,
)
from glutecoach.core.vocab import REGIONS
from glutecoach.errors import CatalogueError
from glutecoach.store import paths

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
    try:
        found = sorted(p for pattern in ("*.yaml", "*.yml") for p in folder.glob(pattern)) if folder.is_dir() else []
    except OSError as err:  # an unreadable config folder must not stop every command with a traceback
        fix = "Give yourself access to it (chmod u+rwx on the folder)" if isinstance(err, PermissionError) else "Check the path"
        raise CatalogueError(
            f"{folder}: cannot be read ({err.strerror or err}). {fix}, or set GLUTECOACH_HOME to a folder of your own."
        ) from None
    listed = [Path(p).expanduser() for p in os.environ.get("GLUTECOACH_CATALOGUE", "").split(os.pathsep) if p]
    return [*found, *listed, *extra]


def load(extra: Sequence[Path] = (), use_cache: bool = True, user: bool = True, _refresh: bool = False) -> Catalogue:
    """The built-in catalogue merged with the user's files (later files override earlier ones).

    Each file is validated once for its exact bytes (the built-in ones once per version) and the
    merged result is cached (glutecoach.speed), so a run reads the cache and builds only what it uses.
    """
    files = [*builtin_paths(), *(user_paths(extra) if user else extra)]
    layout = speed.layout_key(Exercise._fields, Summary._fields).encode()
    version = __version__.encode()
    folder = paths.cache_dir()
    cached = use_cache and not _refresh
    contents, file_keys = _file_keys(files, layout, version, folder if cached else None)
    key = _merged_key(files, file_keys, layout, version)
    raw = speed.read_cache(folder / f"catalogue-{key[:32]}.marshal", key) if cached else None
    if raw is None:
        if contents is None:  # the keys came from the files' signatures: validation reads the bytes themselves
            contents = [_read(p) for p in files]
            file_keys = [speed.digest(layout, version, data) for data in contents]
            key = _merged_key(files, file_keys, layout, version)
        store_key = speed.digest(layout, version, b"validated files")
        known = speed.read_validated(folder, store_key) if cached else {}
        validated = {i: known[k] for i, k in enumerate(file_keys) if k in known}
        fresh = set(range(len(files))) - set(validated)
        from glutecoach.catalogue.validate import merge_files  # pydantic and yaml: only on first sight of these bytes

        raw = merge_files(list(zip(files, contents, strict=True)), validated)
        raw["exercises"] = exercise_columns(raw["exercises"])
        raw["key"] = key
        if use_cache:
            if fresh:
                current = {file_keys[i]: validated[i] for i in range(len(files))}
                speed.write_validated(folder, store_key, known, current, {file_keys[i] for i in fresh})
            speed.write_cache(folder / f"catalogue-{key[:32]}.marshal", raw)
    try:
        return _build(raw)
    except (KeyError, IndexError, TypeError, ValueError):
        if not use_cache or _refresh:
            raise
        return load(extra, use_cache, user, _refresh=True)  # a cache that does not fit this code: rebuilt and rewritten


def _merged_key(files: list[Path], file_keys: list[str], layout: bytes, version: bytes) -> str:
    """The merged catalogue's key: every file's path and content key, in order."""
    return speed.digest(layout, version, *(str(p).encode() + b"\0" + k.encode() for p, k in zip(files, file_keys, strict=True)))


def _file_keys(files: list[Path], layout: bytes, version: bytes, folder: Path | None) -> tuple[list[bytes] | None, list[str]]:
    """Each file's content key. A file whose signature (device, inode, size, modification and change
    times) is in the store of keys (speed.read_file_keys) is not read: the built-in catalogue's 415 KB were
    read and hashed on every run (about 1 ms), and a 50,000-exercise file is 60 MB. Otherwise every file is
    read and its key is its bytes' digest; the contents are then returned too."""
    infos = [_checked(p) for p in files]  # every file is checked (and remembered as read) either way
    signatures = [speed.signature(p, info) for p, info in zip(files, infos, strict=True)]
    memo_key = speed.digest(layout, version, b"file keys")
    known = speed.read_file_keys(folder, memo_key) if folder is not None else {}
    if all(s in known for s in signatures):
        return None, [known[s] for s in signatures]
    contents = [_read(p) for p in files]
    keys = [speed.digest(layout, version, data) for data in contents]
    if folder is not None:
        speed.write_file_keys(folder, memo_key, known, dict(zip(signatures, keys, strict=True)), infos)
    return contents, keys


def _checked(path: Path) -> os.stat_result:
    """The file's status, taken through an open handle so that a file that cannot be read is refused as
    before; anything that is not a regular file of sane size is refused unread (a FIFO or /dev/zero
    would hang or fill memory)."""
    import stat

    from glutecoach.store.files import remember_read

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
        finally:
            os.close(fd)
        remember_read(info)  # no -o of this run may be written over it
    except FileNotFoundError:
        raise CatalogueError(f"{path}: no such catalogue file.") from None
    except PermissionError:
        raise CatalogueError(f"{path}: cannot be read (permission denied).") from None
    except OSError as err:
        raise CatalogueError(f"{path}: cannot be read ({err.strerror or err}).") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise CatalogueError(f"{path}: is {kind}, not a catalogue file.")
    if info.st_size > MAX_FILE_BYTES:
        raise CatalogueError(
            f"{path}: the file is {info.st_size / 1e6:.0f} MB; catalogue files may be at most "
            f"{MAX_FILE_BYTES // 2**20} MiB. Split it into several files."
        )
    return info


def _read(path: Path) -> bytes:
    """A catalogue file's bytes, checked first (_checked)."""
    _checked(path)
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise CatalogueError(f"{path}: cannot be read (permission denied).") from None
    except OSError as err:
        raise CatalogueError(f"{path}: cannot be read ({err.strerror or err}).") from None
    if len(data) > MAX_FILE_BYTES:
        raise CatalogueError(f"{path}: grew past {MAX_FILE_BYTES // 2**20} MiB while it was read.")
    return data


def _build(raw: dict[str, Any]) -> Catalogue:
    sources = {s["key"]: Source(**s) for s in raw["sources"]}
    goals = {g["name"]: _goal(g) for g in raw["goals"]}
    regions = {r["name"]: RegionInfo(r["name"], tuple(r["aliases"]), r["description"], tuple(r["functions"])) for r in raw["regions"]}
    plans = {p["level"]: _plan(p) for p in raw["plans"]}
    return Catalogue(
        schema_version=raw["schema_version"],
        sources=sources,
        exercises=_exercises(raw["exercises"]),
        goals=goals,
        regions=regions,
        plans=plans,
        safety=raw["safety"],
        condition_notes=raw["condition_notes"],
        heavy_rest_s=raw["heavy_rest_s"],
        favours={k: tuple((f[0], f[1]) for f in v) for k, v in raw.get("favours", {}).items()},
        still_covers=frozenset(raw.get("still_covers", ())),
        key=raw.get("key", ""),
        overrides=tuple(raw["overrides"]),
    )


def exercise_columns(exercises: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Validated exercises as one list per Exercise field, by name, in plain values marshal stores."""

    def plain(e: dict[str, Any]) -> dict[str, Any]:
        regions = e["regions"]
        return {
            **{f: e[f] for f in Exercise._fields if f in e and f not in ("regions", "peaks", "contraindications", "evidence")},
            "aliases": tuple(e["aliases"]),
            "scores": tuple(regions[r]["score"] for r in REGIONS),
            "basis": tuple(regions[r]["basis"] for r in REGIONS),
            "joint_actions": tuple(e["joint_actions"]),
            "peaks": tuple((p["action"], p["at"]) for p in e["peaks"]),
            "equipment": tuple(e["equipment"]),
            "loads": tuple(e["loads"]),
            "features": tuple(e["features"]),
            "cues": tuple(e["cues"]),
            "mistakes": tuple(e["mistakes"]),
            "progressions": tuple(e["progressions"]),
            "regressions": tuple(e["regressions"]),
            "contraindications": tuple((c["condition"], c["level"], c["note"], c["derived"]) for c in e["contraindications"]),
            "evidence": tuple(tuple(v[k] for k in Evidence._fields) for v in e["evidence"]),
            "notes": tuple(e["notes"]),
        }

    rows = [plain(e) for e in exercises]
    return {field: [row[field] for row in rows] for field in Exercise._fields}


def _exercises(columns: dict[str, list[Any]]) -> Exercises:
    """Summaries for all exercises at once; each exercise only when it is asked for (see Exercises)."""
    slugs = columns["slug"]
    contra = [tuple(Contraindication(*c) for c in cs) for cs in columns["contraindications"]]
    peaks = [tuple(Peak(*p) for p in ps) for ps in columns["peaks"]]
    summaries = [
        Summary(*row)
        for row in zip(
            slugs,
            columns["pattern"],
            columns["family"],
            columns["level"],
            columns["equipment"],
            contra,
            columns["scores"],
            columns["complexity"],
            columns["unit"],
            columns["loads"],
            peaks,
            columns["stance"],
            [tuple(b) for b in columns["basis"]],
            [tuple(a) for a in columns["joint_actions"]],
            columns["effort"],
            strict=True,
        )
    ]
    fields = [(f, columns[f]) for f in Exercise._fields]

    def exercise(i: int) -> Exercise:
        values = {f: col[i] for f, col in fields}
        values["scores"] = dict(zip(REGIONS, values["scores"], strict=True))
        values["basis"] = dict(zip(REGIONS, values["basis"], strict=True))
        values["peaks"] = tuple(Peak(*p) for p in values["peaks"])
        values["contraindications"] = tuple(Contraindication(*c) for c in values["contraindications"])
        values["evidence"] = tuple(Evidence(*v) for v in values["evidence"])
        return Exercise(**values)

    return Exercises(summaries, exercise, slugs)


def _dose(d: dict[str, Any]) -> Dose:
    return Dose(d["sets"], (d["reps"][0], d["reps"][1]), d["rest_s"])  # unit and sides: per exercise (core.dose)


def _goal(g: dict[str, Any]) -> Goal:
    return Goal(
        name=g["name"],
        description=g["description"],
        regions=dict(g["regions"]),
        rule_weights=dict(g["rules"]),
        load_vectors=tuple(g["load_vectors"]),
        exclude_equipment={k: tuple(v) for k, v in g["exclude_equipment"].items()},
        dose={k: _dose(v) for k, v in g["dose"].items()},
        notes=tuple(g["notes"]),
        adaptation=g["adaptation"],
        needs=tuple(tuple(n) for n in g["needs"]),
        pattern_cap=dict(g["pattern_cap"]),
        contact_adds=tuple(tuple(n) for n in g["contact_adds"]),
        lift_sets=g["lift_sets"],
        same_lift=g["same_lift"],
        need_days=g["need_days"],
    )


def _plan(p: dict[str, Any]) -> PlanTemplate:
    """A level's plan. A phase always ranks at the plan's level (never above the person's); `sets` is the
    most sets of one exercise in a session, `reps` and `rest_s` what heavy compound lifts go to in the
    phase ((0, 0) and 0: the goal's dose), and no phase has a movement mix: the goal's needs decide."""
    phases = tuple(
        Phase(
            name=ph["name"],
            share=ph["share"],
            goal=ph["goal"],
            level=p["level"],
            purpose=ph["purpose"],
            advance_when=ph["advance_when"],
            max_complexity=ph["max_complexity"],
            min_contact_ease=ph["min_contact_ease"],
            equipment=None if ph["equipment"] is None else tuple(ph["equipment"]),
            exercises_per_session=ph["exercises_per_session"],
            sets=ph["max_sets"],
            reps=(0, 0) if ph["main_reps"] is None else (ph["main_reps"][0], ph["main_reps"][1]),
            tempo=ph["tempo"],
            rest_s=ph["main_rest_s"],
            contact_check=ph["contact_check"],
            preferred=tuple(ph["preferred"]),
        )
        for ph in p["phases"]
    )
    small = p.get("small_muscle_sets") or (6, 10)
    return PlanTemplate(
        p["level"],
        phases,
        p["deload_every"],
        (p["weekly_sets"][0], p["weekly_sets"][1]),
        (small[0], small[1]),
        p.get("weekly_sets_source") or "",
    )


def validate_files(files: Sequence[Path]) -> list[str]:
    """Every problem in the given files, checked with the built-in data; [] when they are clean."""
    from glutecoach.catalogue.validate import check_files

    builtin = [(p, p.read_bytes()) for p in builtin_paths()]
    readable = [(path, _read(path)) for path in files]  # a file that cannot be read: CatalogueError, exit 2 (not 3)
    return check_files(readable, builtin)
