"""CSV exports no reader can turn against the user (issue 24, reliability turn 3 N3, N4, N23): every field
with a line break, a separator or a quote is quoted; every piece of a cell a spreadsheet may split off
(at its start, after ; , TAB or a line break) that could start a formula is neutralised; and what was
written reads back exactly (a property over random notes)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from glutecoach.cli.app import app
from glutecoach.store import csvsafe

runner = CliRunner()
PROPERTY = settings(database=None, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
CSV_EXPORTS = (
    ["log", "export", "--format", "csv"],
    ["log", "list", "--format", "csv", "--limit", "1000"],
    ["log", "export", "--format", "strong"],
    ["log", "export", "--format", "hevy"],
)
_PIECES = re.compile("[;,\t\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_FORMULA = tuple("=+-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b")


def ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode()  # click's .stdout turns CRLF into LF: the bytes as written


def live_formulas(text: str) -> list[str]:
    """The pieces of a cell a spreadsheet could run: split where a reader may split, spaces, BOM and
    zero-width characters stripped, starting with a formula character."""
    return [p for p in _PIECES.split(text) if p.lstrip(" \ufeff\u200b\u200c\u200d\u2060\xa0\u3000").startswith(_FORMULA)]


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


@pytest.mark.parametrize("args", CSV_EXPORTS, ids=lambda a: " ".join(a[1:4]))
def test_a_carriage_return_in_a_note_keeps_one_row_and_no_live_formula(args: list[str]) -> None:
    note = "felt fine\r=cmd|' /C calc'!A0"
    ok("log", "add", "glute-bridge", "--sets", "1", "--reps", "5", "--note", note)
    table = rows(ok(*args))
    assert len(table) == 2 and len(table[1]) == len(table[0]), table
    cells = [c for r in table for c in r]
    assert not [c for c in cells if live_formulas(c)], cells
    assert any(csvsafe.uncell(c).endswith(note) for c in cells)


@pytest.mark.parametrize(
    "note",
    [
        'fine;=HYPERLINK("http://evil.example","x")',
        "fine\t+1+cmd",
        "a,@SUM(1)",
        " =1",
        "\ufeff=1",
        "\uff1dcmd",
        "x\n-2+3",
        "'already quoted",
    ],
)
def test_a_formula_after_a_separator_or_behind_a_bom_is_neutralised(note: str) -> None:
    ok("log", "add", "glute-bridge", "--sets", "1", "--reps", "5", "--note", note)
    for args in CSV_EXPORTS:
        cells = [c for r in rows(ok(*args)) for c in r]
        assert not [c for c in cells if live_formulas(c)], (args, cells)
        assert any(csvsafe.uncell(c).endswith(note.strip()) for c in cells), args  # Strong and Hevy trim notes


def test_the_strong_export_of_a_note_with_a_carriage_return_reads_back(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ok("log", "add", "glute-bridge", "--sets", "1", "--reps", "5", "--note", "felt fine\r=cmd")
    for fmt in ("strong", "hevy"):
        export = tmp_path / f"{fmt}.csv"
        export.write_text(ok("log", "export", "--format", fmt), newline="")
        monkeypatch.setenv("GLUTECOACH_HOME", str(tmp_path / f"fresh-{fmt}"))
        result = runner.invoke(app, ["log", "import", str(export)])
        assert result.exit_code == 0, result.output
        assert "=cmd" in ok("log", "list", "--format", "json")
        monkeypatch.setenv("GLUTECOACH_HOME", str(tmp_path / "home"))


def test_a_csv_on_a_terminal_shows_control_characters_as_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    ok("log", "add", "glute-bridge", "--sets", "1", "--reps", "5", "--note", "\x1b]0;pwned\x07 \x9b \u202e")
    from glutecoach.cli import log as log_cli

    monkeypatch.setattr(log_cli, "_to_terminal", lambda: True)
    for args in CSV_EXPORTS:
        shown = ok(*args)
        assert not any(c in shown for c in "\x1b\x07\x9b\u202e"), args
        assert "\\x1b]0;pwned\\x07" in shown, args
    shown = ok("log", "export", "--format", "json")
    assert not any(c in shown for c in "\x1b\x07\x9b\u202e") and "\\u202e" in shown


def test_json_output_escapes_c1_and_bidi_and_stays_the_same_value() -> None:
    import json

    note = "a\x85b\u202ec\u2066d"
    ok("log", "add", "glute-bridge", "--sets", "1", "--reps", "5", "--note", note)
    shown = ok("log", "list", "--format", "json")
    assert not any(c in shown for c in "\x85\u202e\u2066")
    assert json.loads(shown)["entries"][0]["note"] == note


# --- properties -------------------------------------------------------------------------------------

hostile = st.text(
    st.sampled_from(list("ab =+-@'\";,\t\r\n \ufeff\uff1d\uff0b\u2028\x85\u200b|!")) | st.characters(blacklist_categories=["Cs"]),
    max_size=30,
)


@PROPERTY
@given(values=st.lists(hostile, min_size=1, max_size=5))
def test_any_text_written_as_a_csv_row_reads_back_exactly_and_runs_nothing(values: list[str]) -> None:
    text = csvsafe.row([csvsafe.cell(v) for v in values])
    (read,) = rows(text)
    assert [csvsafe.uncell(c) for c in read] == values
    assert not [c for c in read if live_formulas(c)]


@settings(
    PROPERTY, max_examples=max(40, (settings.default.max_examples if settings.default else 200) // 5)
)  # two commands an example: 200 in CI
@given(note=hostile.filter(lambda s: "\x00" not in s and s.strip() != ""))
def test_any_note_survives_the_csv_export(note: str) -> None:
    import os
    import tempfile

    before = os.environ["GLUTECOACH_HOME"]
    with tempfile.TemporaryDirectory() as home:  # a fresh log per example: the budget stays linear
        os.environ["GLUTECOACH_HOME"] = home
        try:
            result = runner.invoke(app, ["log", "add", "glute-bridge", "--sets", "1", "--reps", "5", "--note", note])
            assert result.exit_code == 0, result.output
            table = rows(ok("log", "export", "--format", "csv"))
        finally:
            os.environ["GLUTECOACH_HOME"] = before
    assert len(table) == 2, table
    header, last = table[0], table[-1]
    assert len(last) == len(header)
    assert csvsafe.uncell(last[header.index("note")]) == note
    assert not [c for r in table for c in r if live_formulas(c)]
