"""Check every evidence figure in data/exercises.yaml against the project's evidence tables.

Usage: python scripts/check_evidence.py [EVIDENCE_DIR]   (default: ../shared/evidence beside the repo)

A figure passes when the same number appears in a row of the same study (in the value column, or in
the row's note where the table quotes a study's other figures). Qualitative entries (no value) pass
when the study is in the tables or the catalogue's sources say where it was read. Exit 1 on any miss.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KEY_ALIASES = {"ijspt2014-pmc4004121-table2": "ijspt2014tab"}


def numbers(text: str) -> set[float]:
    return {float(x.replace(",", ".")) for x in re.findall(r"(?<!\d)[-+]?\d+(?:[.,]\d+)?", text)}


def main() -> int:
    evidence_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "evidence"
    values: dict[str, set[float]] = {}
    notes: dict[str, set[float]] = {}
    for path in evidence_dir.glob("*.csv"):
        for row in csv.DictReader(path.open(encoding="utf-8")):
            key = row.get("source_key") or row.get("study_id") or ""
            key = KEY_ALIASES.get(key, key)
            values.setdefault(key, set()).update(numbers(row.get("value", "")))
            notes.setdefault(key, set()).update(numbers(" ".join(row.get(c) or "" for c in ("note", "notes", "exercise", "condition"))))
    data = yaml.safe_load((ROOT / "data" / "exercises.yaml").read_text(encoding="utf-8"))
    misses = 0
    checked = 0
    for ex in data["exercises"]:
        for ev in ex["evidence"]:
            checked += 1
            key, value = ev["source"], ev["value"]
            if value is None:
                continue
            if value in values.get(key, ()):
                continue
            if value in notes.get(key, ()):
                print(f"note-only  {ex['slug']}: {key} {value} ({ev['region']}) appears only in the table's notes")
                continue
            misses += 1
            print(f"MISSING    {ex['slug']}: {key} {value} ({ev['region']}) is not in the evidence tables")
    print(f"{checked} evidence figures checked, {misses} not found")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
