"""SIGKILL in the middle of a backup or a restore, again and again: the database file is
always whole (the old one, or for a restore the restored one), never half of each.

Each test prints what it counted (``pytest -s`` shows it): how many kills landed before
the work was done and how many after.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from runnerup_desktop.store.backups import list_backups, take_backup
from runnerup_desktop.store.database import open_store

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]

ROUNDS = 40

BACKUP = """
import sys
from pathlib import Path
from runnerup_desktop.store.backups import take_backup
print("start", flush=True)
take_backup(Path(sys.argv[1]), to=Path(sys.argv[2]))
print("done", flush=True)
"""

RESTORE = """
import sys
from pathlib import Path
from runnerup_desktop.store.restore import restore
print("start", flush=True)
restore(Path(sys.argv[1]), Path(sys.argv[2]))
print("done", flush=True)
"""


def make_database(path: Path, companies: int, marker: str) -> None:
    """A RunnerUp database of some megabytes, its companies named after ``marker``."""
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO company (name, name_key, search_key, industry, location, website, "
        "status, notes, open_opportunities, created_at, updated_at) VALUES "
        "(?, ?, '', '', '', '', 'target', ?, 0, '2026-01-01', '2026-01-01')",
        ((f"{marker} {n}", f"{marker} {n}", "n" * 3000) for n in range(companies)),
    )
    conn.commit()
    conn.close()


def state(path: Path) -> tuple[str, str | None]:
    """(integrity_check's verdict, the marker of its companies), as the app would open it
    (read-write: a journal a kill left is rolled back first, as SQLite does)."""
    conn = sqlite3.connect(path)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        name = conn.execute("SELECT name FROM company LIMIT 1").fetchone()
    finally:
        conn.close()
    return verdict, name[0].split()[0] if name else None


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_and_kill(script: str, args: list[str], delay: float) -> bool:
    """Run ``script``, SIGKILL it ``delay`` seconds after it starts working; whether it
    had finished."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline() == "start\n"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        return child.stdout.read() == "done\n"
    finally:
        child.stdout.close()


def timed(script: str, args: list[str]) -> float:
    start = time.monotonic()
    assert run_and_kill(script, args, 60.0) or True
    return time.monotonic() - start


def test_sigkill_during_a_backup_leaves_the_database_intact(tmp_path: Path) -> None:
    db = tmp_path / "runnerup.sqlite3"
    make_database(db, 4000, "Original")
    before = digest(db)
    # How long a whole backup takes here, without the start-up of Python.
    start = time.monotonic()
    take_backup(db, to=tmp_path / "probe.sqlite3")
    took = time.monotonic() - start
    rng = random.Random(17)
    finished = interrupted = 0
    for number in range(ROUNDS):
        target = tmp_path / f"kill-{number}.sqlite3"
        done = run_and_kill(BACKUP, [str(db), str(target)], rng.uniform(0, took * 1.5))
        assert digest(db) == before, f"round {number}: the database changed"
        if target.exists():
            assert state(target) == ("ok", "Original")
            finished += 1
        else:
            assert not done
            interrupted += 1
        partials = [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
        for partial in partials:  # what a kill leaves: a hidden file, never a backup
            assert partial.name.startswith(".")
            partial.unlink()
    assert list_backups(db) == []
    print(f"\nbackup killed {ROUNDS} times: {interrupted} before it finished, {finished} after")
    assert interrupted and finished, "the kills should land on both sides"


def test_sigkill_during_a_restore_leaves_a_whole_database(tmp_path: Path) -> None:
    db = tmp_path / "runnerup.sqlite3"
    pristine = tmp_path / "pristine.sqlite3"
    make_database(pristine, 300, "Original")
    backup = tmp_path / "backup.sqlite3"
    make_database(backup, 4000, "Restored")
    shutil.copyfile(pristine, db)
    start = time.monotonic()
    from runnerup_desktop.store.restore import restore

    restore(db, backup)
    took = time.monotonic() - start
    rng = random.Random(23)
    outcomes = {"Original": 0, "Restored": 0}
    for number in range(ROUNDS):
        shutil.copyfile(pristine, db)
        for leftover in tmp_path.glob("runnerup.sqlite3-*"):
            leftover.unlink()
        run_and_kill(RESTORE, [str(db), str(backup)], rng.uniform(0, took * 1.5))
        verdict, marker = state(db)
        assert verdict == "ok", f"round {number}: {verdict}"
        assert marker in outcomes, f"round {number}: {marker}"
        outcomes[marker] += 1
        store = open_store(db)  # and the app opens it
        store.close()
        shutil.rmtree(tmp_path / "backups", ignore_errors=True)
    print(
        f"\nrestore killed {ROUNDS} times: the database was whole every time, "
        f"{outcomes['Original']} times the original, {outcomes['Restored']} the restored"
    )
    assert outcomes["Original"] and outcomes["Restored"], "the kills should land on both sides"
