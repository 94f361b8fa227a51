"""The SVG and HTML files as a person sees them: opened in a real headless browser (Chromium), without
errors, with the elements promised, and a screenshot that is not blank. Skipped when no browser is
installed (.ci/run installs Debian's chromium)."""

from __future__ import annotations

import datetime as dt
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from glutecoach.cli.app import app

pytestmark = pytest.mark.slow
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
runner = CliRunner()


def browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        pytest.skip("no headless browser installed (apt-get install chromium)")
    return found


def headless(exe: str, *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
    ]
    return subprocess.run([exe, *flags, *args], capture_output=True, text=True, timeout=timeout, check=False)


def png_pixels(path: Path) -> tuple[int, int, set[bytes]]:
    """(width, height, the distinct pixels of a sample of rows) of an 8-bit RGB or RGBA PNG, by the standard library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, b"", b""
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + size]
        header = body if kind == b"IHDR" else header
        chunks += body if kind == b"IDAT" else b""
        pos += 12 + size
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6)
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(chunks)
    stride = width * step + 1
    seen: set[bytes] = set()
    previous = bytearray(width * step)
    for row in range(height):  # undo the PNG filters row by row
        kind, line = raw[row * stride], bytearray(raw[row * stride + 1 : (row + 1) * stride])
        for i in range(len(line)):
            left = line[i - step] if i >= step else 0
            up, corner = previous[i], previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                best = min((abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner))[2]
                line[i] = (line[i] + best) & 255
        if row % 25 == 0:
            seen.update(bytes(line[i : i + 3]) for i in range(0, len(line), step))
        previous = line
    return width, height, seen


def documents(tmp: Path) -> list[Path]:
    day = dt.date(2026, 9, 21)
    for week in range(10):
        runner.invoke(
            app,
            [
                "log",
                "add",
                "hip-thrust",
                "--set",
                "w:5x40",
                "--set",
                f"8x{60 + 2.5 * week:g}",
                "--contact",
                "7",
                "--date",
                (day + dt.timedelta(weeks=week)).isoformat(),
            ],
        )
    out = []
    for args, name in (
        (["show", "hip-thrust"], "show"),
        (["plan"], "plan"),
        (["progress", "--weeks", "12", "--date", "2026-12-07"], "progress"),
    ):
        for fmt in ("svg", "html"):
            path = tmp / f"{name}.{fmt}"
            result = runner.invoke(app, [*args, "--format", fmt, "--output", str(path)])
            assert result.exit_code == 0, result.output
            out.append(path)
    return out


def test_every_document_opens_without_errors_and_shows_its_elements(tmp_path: Path) -> None:
    exe = browser()
    for path in documents(tmp_path):
        dom = headless(exe, "--dump-dom", path.as_uri())
        assert dom.returncode == 0, dom.stderr[-2000:]
        assert "<svg" in dom.stdout and "parsererror" not in dom.stdout and "This page contains the following errors" not in dom.stdout
        assert "data-region" in dom.stdout, f"{path.name}: no muscle map"
        if path.stem == "progress":
            assert 'class="series"' in dom.stdout and 'class="record"' in dom.stdout, "no charts"
        if path.suffix == ".html":
            assert "<table>" in dom.stdout


def test_every_document_draws_a_picture_that_is_not_blank(tmp_path: Path) -> None:
    exe = browser()
    for path in documents(tmp_path):
        shot = tmp_path / f"{path.name}.png"
        result = headless(exe, f"--screenshot={shot}", "--window-size=1200,1600", path.as_uri())
        assert shot.exists(), result.stderr[-2000:]
        width, height, colours = png_pixels(shot)
        assert (width, height) == (1200, 1600)
        assert len(colours) > 20, f"{path.name}: the screenshot is (nearly) blank: {len(colours)} colours"
