"""A real full disk (reliability turn 3, N19): a 2 MB tmpfs filled up, in a private mount namespace
(root and util-linux's unshare only, else skipped), and stdout on /dev/full. Every write says the disk
is full and names the file or folder without room; the log still reads and exports; nothing changes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_stdout_on_a_full_disk_says_the_disk_is_full(tmp_path: Path) -> None:
    """`glutecoach goals > /dev/full`: the one stream glutecoach cannot name, called full."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "glutecoach", "goals"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 2 and "the disk it goes to is full" in done.stderr, done.stderr


# --------------------------------------------------------------------------------------------------
# A real full disk: a 2 MB tmpfs in a private mount namespace (root and util-linux's unshare only)

REAL = """
set -u
mount -t tmpfs -o size=2m tmpfs "$MNT"
mkdir "$MNT/out"
export GLUTECOACH_HOME="$MNT/home"
g() { "$PY" -m glutecoach "$@"; }
g log add hip-thrust --sets 2 --reps 8 --load 60 --note kept >/dev/null
g profile set --level beginner >/dev/null
dd if=/dev/zero of="$MNT/fill" bs=4k 2>/dev/null
g log add hip-thrust --sets 1 --reps 5; echo "add=$?"
g profile set --level advanced; echo "profile=$?"
g log export -o "$MNT/out/backup.json"; echo "export=$?"
g log export > "$BACKUP"; echo "read=$?"
rm "$MNT/fill"
g log list --format json > "$AFTER"; echo "list=$?"
cat "$MNT/home/config/profile.json"
"""


def _can_mount() -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="a real full disk needs root and unshare -m (a private mount namespace)")
def test_a_real_full_tmpfs(tmp_path: Path) -> None:
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    env = {**os.environ, "MNT": str(mnt), "PY": sys.executable, "BACKUP": str(tmp_path / "b.json"), "AFTER": str(tmp_path / "a.json")}
    done = subprocess.run(["unshare", "-m", "sh", "-c", REAL], env=env, capture_output=True, text=True, timeout=300)
    out, err = done.stdout, done.stderr
    assert "add=2" in out and "profile=2" in out and "export=2" in out and "read=0" in out and "list=0" in out, (out, err)
    assert "I/O error" not in err and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 3 and all("is full" in line for line in lines), err
    assert f"cannot write {mnt}/out/backup.json: the disk is full" in err
    assert [e["note"] for e in json.loads((tmp_path / "b.json").read_text())["entries"]] == ["kept"]
    assert [e["note"] for e in json.loads((tmp_path / "a.json").read_text())["entries"]] == ["kept"]
    assert '"beginner"' in out
