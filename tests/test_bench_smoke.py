"""The benchmark suite runs end to end, at a tiny size and once: a smoke test.

No timing is asserted here (a test machine's speed says nothing about the design); the
figures, their baselines and targets are checked for their shape only.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.bench import main
from benchmarks.generate import generate

pytestmark = pytest.mark.slow

EXPECTED = {
    "startup",
    "startup_ready",
    "startup_interactive",
    "memory",
    "keystroke_first_letter",
    "keystroke_name",
    "keystroke_title",
    "keystroke_no_match",
    "keystroke_sorted_by_title",
    "sort_company",
    "sort_title",
    "sort_last_touch",
    "sort_open_opportunities",
    "calendar_open",
    "calendar_month",
    "scroll_page",
    "due_query",
    "due_query_first_of_day",
    "due_tray",
    "backup",
    "export_json",
    "import_json",
    "import_linkedin",
    "import_linkedin_all_companies",
    "import_linkedin_preview_big",
}


def test_the_suite_writes_results_and_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "tiny.sqlite3"
    generate(db, companies=20, contacts=100, follow_ups=200, interactions=300, seed=3)
    out = tmp_path / "results.json"
    argv = ["--size", "tiny", "--repeat", "1", "--db", str(db), "--out", str(out)]
    assert main([*argv, "--scroll-seconds", "5"]) == 0

    results = json.loads(out.read_text())
    assert results["size"] == "tiny" and results["repeat"] == 1
    assert isinstance(results["all_targets_met"], bool)
    assert {"python", "pyside6", "sqlalchemy", "sqlite"} <= set(results["machine"])
    figures = {item["name"]: item for item in results["figures"]}
    assert set(figures) == EXPECTED
    for item in figures.values():
        assert item["median"] >= 0 and item["runs"] >= 1
        assert item["unit"] in ("ms", "MB") and item["baseline"] is not None
        assert item["ratio"] is not None and item["baseline_label"]
        assert (item["target"] is None) == (item["met"] is None)
    targeted = {name for name, item in figures.items() if item["target"]}
    assert {"startup", "startup_interactive", "memory", "due_query", "sort_company"} <= targeted
    assert results["all_targets_met"] == all(figures[name]["met"] for name in targeted)

    table = capsys.readouterr().out
    assert "Start-up to first paint with data" in table
    assert "Reminder due query" in table
    assert "Import that JSON into an empty database" in table
    # The export held every generated row (opportunities and the rest besides these).
    assert figures["import_json"]["info"]["rows"] > 20 + 100 + 200 + 300
    assert figures["import_json"]["info"]["json_bytes"] > 0
    assert str(out) in table


def test_the_database_for_a_size_is_made_once(tmp_path: Path) -> None:
    from benchmarks.bench import database

    today = dt.date(2026, 3, 15)
    first, seconds = database("tiny", today, tmp_path)
    assert first.exists() and seconds is not None
    again, seconds = database("tiny", today, tmp_path)
    assert again == first and seconds is None


def test_the_ui_session_breaks_its_figures_down_on_request(tmp_path: Path) -> None:
    """``--breakdown`` prints the phases of the keystrokes, sorts and repaint (to stderr)
    and writes the same figures."""
    db = tmp_path / "tiny.sqlite3"
    generate(db, companies=5, contacts=30, follow_ups=10, interactions=10, seed=3)
    out = tmp_path / "ui.json"
    command = [sys.executable, "-m", "benchmarks.measure.ui_session", str(db), "--repeat", "1"]
    command += ["--scroll-seconds", "1", "--out", str(out), "--breakdown"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    lines = [
        line
        for line in done.stderr.splitlines()
        if line.startswith(("median", "repaint", "key", "sort"))
    ]
    assert lines[0].split()[1:] == ["ms", "total", "query", "action", "layout", "paint"] + [
        f"{phase}_cpu" for phase in ("query", "action", "layout", "paint")
    ]
    assert len(lines) == 1 + 1 + 5 + 4
    names = {figure["name"] for figure in json.loads(out.read_text())["figures"]}
    assert {"keystroke_name", "sort_title", "scroll_page"} <= names
