"""Coaches' own catalogues: added, overriding, cross-referenced, validated with exact positions, cached safely."""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from glutecoach.catalogue import load as catalogue
from glutecoach.cli.app import app
from glutecoach.core.models import summary_of
from glutecoach.status import ExitCode
from glutecoach.store import paths

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "my-exercises.yaml"
runner = CliRunner()


@functools.cache
def _builtin_exercises() -> dict[str, dict]:
    """The shipped exercises, parsed once (pure-Python PyYAML takes about a second a parse)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((ROOT / "data" / "exercises.yaml").read_text(), Loader=loader)
    return {e["slug"]: e for e in data["exercises"]}


def builtin_exercise(slug: str) -> dict:
    return copy.deepcopy(_builtin_exercises()[slug])


def write(path: Path, exercises: list[dict], **extra: object) -> Path:
    path.write_text(yaml.safe_dump({"schema_version": 1, "exercises": exercises, **extra}, sort_keys=False))
    return path


def variant(slug: str, name: str, **changes: object) -> dict:
    ex = builtin_exercise("glute-bridge")
    ex.update({"slug": slug, "name": name, "aliases": [], "progressions": [], "regressions": [], **changes})
    return ex


def test_a_user_file_adds_an_exercise_and_a_goal() -> None:
    shown = runner.invoke(app, ["show", "clinic kickback", "--format", "json", "--catalogue", str(EXAMPLE)])
    assert shown.exit_code == 0, shown.output
    assert '"slug": "clinic-band-kickback"' in shown.stdout.replace('":"', '": "')
    ranked = runner.invoke(app, ["recommend", "--goal", "banded-glutes", "--equipment", "band", "--catalogue", str(EXAMPLE)])
    assert ranked.exit_code == 0 and "banded-glutes" in ranked.stdout


def test_overriding_a_builtin_exercise_says_so(tmp_path: Path) -> None:
    mine = write(tmp_path / "mine.yaml", [variant("glute-bridge", "Our glute bridge", family="glute-bridge")])
    result = runner.invoke(app, ["show", "glute-bridge", "--catalogue", str(mine)])
    assert result.exit_code == 0
    assert "Our glute bridge" in result.stdout
    notices = [line for line in result.stderr.splitlines() if "overrides" in line]
    assert len(notices) == 1 and "mine.yaml overrides exercise 'glute-bridge'" in notices[0]


def test_the_environment_variable_and_the_config_folder_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = paths.config_dir() / "catalogues"
    folder.mkdir(parents=True)
    write(folder / "a.yaml", [variant("folder-bridge", "Folder bridge")])
    listed = write(tmp_path / "b.yaml", [variant("listed-bridge", "Listed bridge")])
    monkeypatch.setenv("GLUTECOACH_CATALOGUE", str(listed))
    cat = catalogue.load()
    assert {"folder-bridge", "listed-bridge"} <= set(cat.exercises)


def test_references_across_files_resolve(tmp_path: Path) -> None:
    mine = write(tmp_path / "mine.yaml", [variant("my-bridge", "My bridge", progressions=["bodyweight-hip-thrust"])])
    assert catalogue.load((mine,)).exercises["my-bridge"].progressions == ("bodyweight-hip-thrust",)


def test_a_dangling_reference_names_both_ends_and_its_line(tmp_path: Path) -> None:
    mine = write(tmp_path / "mine.yaml", [variant("my-bridge", "My bridge", progressions=["hip-thrustt"])])
    result = runner.invoke(app, ["goals", "--catalogue", str(mine)])
    assert result.exit_code == 2 and result.stdout == ""
    line = next(i for i, text in enumerate(mine.read_text().splitlines(), 1) if "hip-thrustt" in text)
    assert f"mine.yaml:{line}:" in result.stderr
    assert "exercise 'my-bridge'" in result.stderr and "no exercise 'hip-thrustt'" in result.stderr
    assert "Did you mean 'hip-thrust'?" in result.stderr


def test_a_cycle_across_files_is_an_error(tmp_path: Path) -> None:
    # glute-bridge leads (through the thrust variants) up to hip-thrust; this file closes the loop.
    mine = write(tmp_path / "mine.yaml", [variant("loop-bridge", "Loop bridge", progressions=["glute-bridge"], regressions=["hip-thrust"])])
    result = runner.invoke(app, ["goals", "--catalogue", str(mine)])
    assert result.exit_code == 2
    assert "form a cycle" in result.stderr and "loop-bridge" in result.stderr and "hip-thrust" in result.stderr


def test_validate_reports_the_real_line_in_a_500_exercise_file(tmp_path: Path) -> None:
    exercises = [variant(f"bridge-{i}", f"Bridge number {i}") for i in range(500)]
    exercises[321]["contact_ease"] = 9
    path = write(tmp_path / "big.yaml", exercises)
    lines = path.read_text().splitlines()
    start = next(i for i, text in enumerate(lines, 1) if text.endswith("slug: bridge-321"))
    expected = next(i for i, text in enumerate(lines[start:], start + 1) if text.strip().startswith("contact_ease: 9"))
    result = runner.invoke(app, ["catalogue", "validate", str(path)])
    assert result.exit_code == ExitCode.PROBLEMS_FOUND
    problems = [line for line in result.stderr.splitlines() if ": exercise " in line]
    assert len(problems) == 1
    assert re.match(rf".*big\.yaml:{expected}:\d+: exercise 'bridge-321': contact_ease: ", problems[0]), problems[0]


def test_validate_passes_a_clean_file_and_refuses_a_misspelt_key(tmp_path: Path) -> None:
    assert runner.invoke(app, ["catalogue", "validate", str(EXAMPLE)]).exit_code == 0
    bad = variant("typo-bridge", "Typo bridge")
    bad["contraindication"] = bad.pop("contraindications")
    result = runner.invoke(app, ["catalogue", "validate", str(write(tmp_path / "typo.yaml", [bad]))])
    assert result.exit_code == ExitCode.PROBLEMS_FOUND and "Did you mean 'contraindications'?" in result.stderr


def test_the_readme_example_of_a_broken_file_prints_what_the_readme_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text()
    block = readme.split("<!-- validate-example -->", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    command, *expected = block.strip().splitlines()
    assert command == "$ glutecoach catalogue validate examples/broken-catalogue.yaml"
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["catalogue", "validate", "examples/broken-catalogue.yaml"])
    assert result.exit_code == ExitCode.PROBLEMS_FOUND
    assert result.stderr.strip().splitlines() == expected


def test_show_schema_is_json_schema_of_a_catalogue_file() -> None:
    import json

    result = runner.invoke(app, ["catalogue", "show-schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "glutecoach catalogue file"
    assert "exercises" in schema["properties"] and schema["additionalProperties"] is False


def test_a_changed_file_is_validated_again_never_served_stale(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.yaml", [variant("my-bridge", "First name")])
    assert catalogue.load((path,)).exercises["my-bridge"].name == "First name"
    write(path, [variant("my-bridge", "Other name")])
    assert catalogue.load((path,)).exercises["my-bridge"].name == "Other name"
    write(path, [variant("my-bridge", "First name", contact_ease=9)])
    with pytest.raises(catalogue.CatalogueError, match="contact_ease"):
        catalogue.load((path,))


def test_a_corrupt_cache_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.yaml", [variant("my-bridge", "My bridge")])
    catalogue.load((path,))
    caches = list(paths.cache_dir().glob("*.marshal"))
    assert caches
    for cache in caches:
        cache.write_bytes(b"\x00garbage" * 10)
    assert "my-bridge" in catalogue.load((path,)).exercises
    assert all(c.read_bytes() != b"\x00garbage" * 10 for c in caches)


def test_an_unwritable_cache_folder_does_not_stop_a_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(paths, "cache_dir", lambda: blocker / "cache")
    assert catalogue.load().exercises


def test_a_large_catalogue_ranks_the_same_from_the_cache_as_when_first_validated(tmp_path: Path) -> None:
    # 1,200 exercises: ranked with the bound, built on demand from the cache, frozen by the CLI.
    base = yaml.safe_load((ROOT / "data" / "exercises.yaml").read_text())["exercises"]
    copies = [
        {
            **ex,
            "slug": f"{ex['slug']}-c{i}",
            "name": f"{ex['name']} (copy {i})",
            "family": f"{ex['family']}-{i % 7}",
            "aliases": [],
            "progressions": [],
            "regressions": [],
        }
        for i in range(20)
        for ex in base
    ][:1200]
    path = write(tmp_path / "big.yaml", copies)
    args = ["recommend", "--goal", "glute-size", "--level", "advanced", "--pain", "knee-pain", "--format", "json", "--catalogue", str(path)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert list(paths.cache_dir().glob("catalogue-*.marshal"))
    again = runner.invoke(app, args)
    assert again.stdout == first.stdout
    fresh = catalogue.load((path,), use_cache=False)
    cached = catalogue.load((path,))
    assert len(cached.exercises) == len(base) + 1200
    assert list(cached.exercises) == list(fresh.exercises)
    assert dict(cached.exercises) == dict(fresh.exercises)
    assert all(s == summary_of(cached.exercises[s.slug]) for s in cached.exercises.summaries)


def test_one_name_normaliser_for_look_ups_and_validation(tmp_path: Path) -> None:
    # 'Glute_Bridge' is the built-in glute bridge to a look-up, so validation must refuse it as an alias
    # of another exercise (two normalisers that differed let it through).
    from glutecoach.core.lookup import find_exercise, normalise

    assert normalise("Glute_Bridge") == normalise("glute-bridge") == normalise("  GLUTE   bridge ")
    assert find_exercise(catalogue.load(), "Glute_Bridge").slug == "glute-bridge"
    path = write(tmp_path / "mine.yaml", [variant("my-bridge", "My bridge", aliases=["Glute_Bridge"])])
    result = runner.invoke(app, ["catalogue", "validate", str(path)])
    assert result.exit_code == ExitCode.PROBLEMS_FOUND and "also used by exercise 'glute-bridge'" in result.stderr


def _counted_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    real_read = catalogue._read

    def counted(path: Path) -> bytes:
        reads.append(path)
        return real_read(path)

    monkeypatch.setattr(catalogue, "_read", counted)
    return reads


def test_a_file_seen_before_is_not_read_again_until_it_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are keyed by their signature once they have settled: a run reads no catalogue file it has
    seen unchanged (the built-in 415 KB included), and any write, even one keeping the size, is read."""
    from glutecoach import speed

    monkeypatch.setattr(speed, "SETTLED_NS", -1)  # every file counts as settled (a real one needs 2 s)
    path = write(tmp_path / "mine.yaml", [variant("my-bridge", "First name")])
    assert catalogue.load((path,)).exercises["my-bridge"].name == "First name"
    reads = _counted_reads(monkeypatch)
    assert catalogue.load((path,)).exercises["my-bridge"].name == "First name"
    assert reads == []
    write(path, [variant("my-bridge", "Other name")])  # the same number of bytes
    assert catalogue.load((path,)).exercises["my-bridge"].name == "Other name"
    assert path in reads


def test_a_file_written_just_now_is_read_on_every_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file changed in the last two seconds could change again with the same size and times on a file
    system with coarse times: it is not trusted by its signature until it has settled."""
    path = write(tmp_path / "mine.yaml", [variant("my-bridge", "First name")])
    catalogue.load((path,))
    reads = _counted_reads(monkeypatch)
    catalogue.load((path,))
    assert path in reads
