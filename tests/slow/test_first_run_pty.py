"""The first run on a real pseudo-terminal (issue 25): `glutecoach recommend` with no profile asks start's
questions, saves the answers and shows the answer, with the pager left out of the way; piped, it asks
nothing, never waits for input, and hints on stderr. Every read has a deadline: a run that waited for an
answer nobody gives fails here instead of hanging."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

ANSWERS = [b"lower-glutes\n", b"intermediate\n", b"barbell,bench\n", b"none\n"]


def env(home: Path) -> dict[str, str]:
    # LINES=24: an answer this long would go through the pager, which a first run must leave out.
    return {**os.environ, "GLUTECOACH_HOME": str(home), "COLUMNS": "100", "LINES": "24", "NO_COLOR": "1", "PAGER": "less"}


def on_a_terminal(args: list[str], home: Path, answers: list[bytes], seconds: float = 60) -> tuple[str, int | None]:
    """Run glutecoach with stdin, stdout and stderr on a pseudo-terminal, answering each prompt (a line
    ending in ':' or ': ') in turn; returns what the screen showed and the exit code."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "glutecoach", *args], stdin=slave, stdout=slave, stderr=slave, env=env(home))
    os.close(slave)
    shown, left, deadline = b"", list(answers), time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed: the process ended
                break
            shown += chunk
            if left and shown.rstrip(b" ").endswith(b":"):
                os.write(master, left.pop(0))
        return shown.decode(errors="replace").replace("\r\n", "\n"), proc.poll()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        os.close(master)


def test_on_a_terminal_recommend_asks_saves_and_answers(tmp_path: Path) -> None:
    screen, code = on_a_terminal(["recommend", "--top", "20"], tmp_path, ANSWERS)
    assert code == 0, screen
    for question in ("Your goal", "Your level", "Equipment you have", "Conditions to respect"):
        assert question in screen
    profile = json.loads((tmp_path / "config" / "profile.json").read_text())
    assert (profile["goal"], profile["level"], profile["equipment"]) == ("lower-glutes", "intermediate", ["barbell", "bench"])
    answer = screen.split("Saved to your profile")[1]
    assert "lower-glutes" in answer and "Score" in answer and "(END)" not in answer


def test_piped_it_asks_nothing_and_never_waits(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "glutecoach", "recommend", "--goal", "glute-size", "--top", "2"],
        stdin=subprocess.PIPE,  # not a terminal (and closed unwritten): a question could never be answered
        capture_output=True,
        text=True,
        env=env(tmp_path),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and "Your goal" not in done.stdout and "Score" in done.stdout
    assert done.stderr.startswith("Note: no saved profile") and done.stderr.count("\n") == 1
    assert not (tmp_path / "config" / "profile.json").exists()
