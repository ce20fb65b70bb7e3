"""Write transactions begin as writers: two programs writing at once both succeed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Contact

#: A writer that reads before it writes (add_contact looks its company up first).
WRITER = """
import sys
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.directory_services import DirectoryServices
store = open_store(sys.argv[1])
services = DirectoryServices(store.sessions)
print("ready", flush=True)
sys.stdin.readline()
failed = 0
for number in range(int(sys.argv[3])):
    try:
        services.add_contact({"company_id": 1, "name": f"{sys.argv[2]} {number}"})
    except Exception:
        failed += 1
store.close()
print(failed)
"""


def test_two_writers_that_read_first_never_fail_on_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "two.sqlite3"
    store = open_store(path)
    DirectoryServices(store.sessions).add_company({"name": "Acme"})
    store.close()
    writes = 400
    root = str(Path(__file__).resolve().parents[2])
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(writes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        for name in ("Ana", "Rui")
    ]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:  # both start together
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    failed = [int(writer.communicate(timeout=300)[0].strip()) for writer in writers]
    assert failed == [0, 0]
    store = open_store(path)
    with store.sessions() as session:
        assert session.query(Contact).count() == 2 * writes
    store.close()


def test_a_write_takes_the_write_lock_when_it_begins(tmp_path: Path) -> None:
    store = open_store(tmp_path / "lock.sqlite3")
    with store.sessions.begin() as session:
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        assert raw.in_transaction  # began at once, before any statement of its own
        other = sqlite3.connect(tmp_path / "lock.sqlite3", timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
    store.close()
