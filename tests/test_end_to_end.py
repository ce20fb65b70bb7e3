"""The real program, started as a subprocess on a temporary database."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from runnerup_desktop import __version__


def runnerup_command() -> list[str]:
    script = Path(sys.executable).with_name("runnerup")
    return [str(script)] if script.exists() else [sys.executable, "-m", "runnerup_desktop"]


def run(args: list[str], home: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RUNNERUP_HOME": str(home)}
    env.pop("RUNNERUP_DB", None)
    return subprocess.run(
        [*runnerup_command(), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_exit_after_startup_creates_private_database(tmp_path: Path) -> None:
    db = tmp_path / "mine.sqlite3"
    result = run(["--db", str(db), "--exit-after-startup"], tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert db.stat().st_mode & 0o777 == 0o600
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    conn.close()
    log = (tmp_path / "home" / "logs" / "runnerup.log").read_text()
    assert f"RunnerUp {__version__} starting" in log


def test_default_database_lives_in_data_folder(tmp_path: Path) -> None:
    result = run(["--exit-after-startup"], tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "home" / "data" / "runnerup.sqlite3").is_file()


def test_demo_opens_the_story(tmp_path: Path) -> None:
    result = run(["--demo", "--exit-after-startup"], tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "home" / "data" / "runnerup.sqlite3").exists()


def test_version(tmp_path: Path) -> None:
    result = run(["--version"], tmp_path / "home")
    assert result.returncode == 0
    assert result.stdout.strip() == f"RunnerUp {__version__}"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not a database at all\n" * 20, "not a RunnerUp database"),
        (b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 100, "not a RunnerUp database"),
    ],
)
def test_refusal_is_one_line_and_leaves_file(tmp_path: Path, content: bytes, expected: str) -> None:
    db = tmp_path / "bad.sqlite3"
    db.write_bytes(content)
    result = run(["--db", str(db), "--exit-after-startup"], tmp_path / "home")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("runnerup: ")
    assert expected in lines[0]
    assert db.read_bytes() == content


def test_env_variable_chooses_database(tmp_path: Path) -> None:
    db = tmp_path / "from-env.sqlite3"
    env_home = tmp_path / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "RUNNERUP_HOME": str(env_home),
        "RUNNERUP_DB": str(db),
    }
    result = subprocess.run(
        [*runnerup_command(), "--exit-after-startup"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert db.is_file()


def test_read_only_database_refused_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "ro.sqlite3"
    assert run(["--db", str(db), "--exit-after-startup"], tmp_path / "home").returncode == 0
    db.chmod(0o400)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = run(["--db", str(db), "--exit-after-startup"], tmp_path / "home")
    assert result.returncode == 2
    assert "read-only" in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    shutil.rmtree(tmp_path / "home")


def test_agenda_command_prints_the_demo_plan(tmp_path: Path) -> None:
    text = run(["agenda", "--demo"], tmp_path / "home")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Overdue\n")
    assert "Today (" in text.stdout and "One check-in on the offer" in text.stdout
    as_json = run(["agenda", "--demo", "--json", "--days", "30"], tmp_path / "home")
    assert as_json.returncode == 0, as_json.stderr
    items = json.loads(as_json.stdout)
    assert {item["section"] for item in items} == {"overdue", "today", "upcoming"}


def test_agenda_refuses_a_bad_file(tmp_path: Path) -> None:
    db = tmp_path / "bad.sqlite3"
    db.write_text("hello")
    result = run(["agenda", "--db", str(db)], tmp_path / "home")
    assert result.returncode == 2
    assert result.stderr.startswith("runnerup: ") and db.read_text() == "hello"


def test_a_current_database_paints_its_companies_before_sqlalchemy_loads(tmp_path: Path) -> None:
    db = tmp_path / "mine.sqlite3"
    report = tmp_path / "startup.json"
    first = run(
        ["--db", str(db), "--exit-after-startup", "--startup-report", str(report)], tmp_path
    )
    assert first.returncode == 0, first.stderr
    created = json.loads(report.read_text())
    assert created["first_page"] is False  # a new file is set up first, then shown

    again = run(
        ["--db", str(db), "--exit-after-startup", "--startup-report", str(report)], tmp_path
    )
    assert again.returncode == 0, again.stderr
    times = json.loads(report.read_text())
    assert times["first_page"] is True
    assert times["store_loaded_at_first_paint"] is False
    # The search box answers from the first paint, long before the whole window is ready.
    assert times["first_paint"] <= times["interactive"] <= times["ready"]
    assert "search_answered" not in times  # only for --startup-search (the benchmarks)

    args = ["--db", str(db), "--exit-after-startup", "--startup-report", str(report)]
    searched = run([*args, "--startup-search", "a"], tmp_path)
    assert searched.returncode == 0, searched.stderr
    times = json.loads(report.read_text())
    assert times["interactive"] <= times["search_answered"]
