"""Installs as a user gets them: a wheel in a fresh venv run from another folder, and the editable one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the built wheel; its dependencies come from this environment."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
    )
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    purelib = Path(sysconfig.get_path("purelib", vars={"base": str(env_dir), "platbase": str(env_dir)}))
    # Dependencies (typer, rich, ...) from the running environment; glutecoach itself only from the wheel.
    (purelib / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    wheel = next(dist.glob("glutecoach-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(purelib), str(wheel)], check=True)
    return env_dir


def run_in(python: Path, args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GLUTECOACH_HOME": str(home), "COLUMNS": "80", "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    return subprocess.run([str(python), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_the_wheel_ships_the_data_and_runs_from_any_folder(wheel_venv: Path, tmp_path: Path) -> None:
    python = wheel_venv / "bin" / "python"
    where = run_in(
        python,
        ["-c", "import glutecoach, glutecoach.store.paths as p; print(glutecoach.__file__); print(p.builtin_data_dir())"],
        tmp_path,
        tmp_path / "home",
    )
    module, data = where.stdout.split()
    assert module.startswith(str(wheel_venv)) and data.startswith(str(wheel_venv)), where.stdout
    assert (Path(data) / "exercises.yaml").is_file()
    result = run_in(python, ["-m", "glutecoach", "exercises", "--muscle", "upper-glutes"], tmp_path, tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "Barbell hip thrust" in result.stdout
    as_json = run_in(python, ["-m", "glutecoach", "recommend", "--goal", "upper-glutes", "--format", "json"], tmp_path, tmp_path / "home")
    assert json.loads(as_json.stdout)["recommendations"]
    assert not any(tmp_path.glob("*.yaml")) and sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_the_editable_install_reads_the_repository_data(tmp_path: Path) -> None:
    code = "import glutecoach.store.paths as p; print(p.builtin_data_dir())"
    result = run_in(Path(sys.executable), ["-c", code], tmp_path, tmp_path / "home")
    assert Path(result.stdout.strip()) == ROOT / "data"
    shown = run_in(Path(sys.executable), ["-m", "glutecoach", "show", "hip-thrust", "--format", "json"], tmp_path, tmp_path / "home")
    assert json.loads(shown.stdout)["slug"] == "hip-thrust"


def complete(words: str, home: Path, cwd: Path) -> list[str]:
    env = {
        **os.environ,
        "GLUTECOACH_HOME": str(home),
        "_GLUTECOACH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    script = Path(sys.executable).with_name("glutecoach")  # completion keys on the program's name
    result = subprocess.run([str(script)], env=env, cwd=cwd, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_shell_completion_offers_commands_goals_regions_and_exercises(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert "recommend" in complete("glutecoach rec", home, tmp_path)
    assert complete("glutecoach recommend --goal upper", home, tmp_path) == ["upper-glutes"]
    assert complete("glutecoach exercises --muscle med", home, tmp_path) == ["medius"]
    assert "hip-thrust" in complete("glutecoach show hip-t", home, tmp_path)
    assert "next" in complete("glutecoach plan n", home, tmp_path)


def test_the_installed_command_writes_all_its_output_and_keeps_its_exit_code(tmp_path: Path) -> None:
    # Everything the command prints must arrive,
    # through a pipe well past its 64 KiB buffer and into a file, and exit codes must survive.
    script = Path(sys.executable).with_name("glutecoach")
    env = {**os.environ, "GLUTECOACH_HOME": str(tmp_path / "home")}
    piped = subprocess.run([str(script), "exercises", "--format", "json"], env=env, capture_output=True, text=True, timeout=60)
    assert piped.returncode == 0 and len(piped.stdout) > 65536
    assert len(json.loads(piped.stdout)["exercises"]) >= 60
    with (tmp_path / "out.json").open("w") as out:
        subprocess.run([str(script), "show", "hip-thrust", "--format", "json"], env=env, stdout=out, timeout=60, check=True)
    assert json.loads((tmp_path / "out.json").read_text())["slug"] == "hip-thrust"
    bad = subprocess.run([str(script), "recommend", "--goal", "nope"], env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "nope" in bad.stderr and "Traceback" not in bad.stderr
