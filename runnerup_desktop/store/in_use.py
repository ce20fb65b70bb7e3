"""Whether another program has the database open (no Qt).

Restore replaces the database file, which must not happen under a RunnerUp that has it
open. This is the one place that asks: first RunnerUp's own lock file beside the
database (:mod:`runnerup_desktop.system.instance_lock`), then SQLite, for any other
program: every connection to a database in WAL mode (as RunnerUp keeps it) holds a shared
lock on the file for as long as it is open, so an exclusive lock can be had only when no
one else has the file open.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from runnerup_desktop.system import instance_lock


def open_elsewhere(db: Path) -> bool:
    """Whether another RunnerUp (its lock file beside the database says so) or any other
    program (SQLite's locks say so) has ``db`` open. Close this process's own connections
    first: they count too."""
    if not db.is_file():
        return False
    if instance_lock.open_elsewhere(db):
        return True
    try:
        conn = sqlite3.connect(str(db), timeout=0.2, isolation_level=None)
    except sqlite3.Error:
        return True
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    except sqlite3.DatabaseError as error:
        return "locked" in str(error) or "busy" in str(error)
    finally:
        conn.close()
    return False
