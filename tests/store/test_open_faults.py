"""Opening a file on a bad day: a path with URI characters, an upgrade killed half-way,
two upgrades in one second, a refused file whose folder must stay as it was, and the
database's folder removed while RunnerUp runs."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command

from runnerup_desktop.store.change import StorageError
from runnerup_desktop.store.database import (
    StoreRefused,
    _backup,
    alembic_config,
    head_revision,
    make_engine,
    open_store,
)
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.errors import Kind
from runnerup_desktop.store.models import Company, Contact
from tests.sqlite_files import connected

ROOT = str(Path(__file__).resolve().parents[2])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


@pytest.mark.parametrize("name", ["other?x=1", "100%25.sqlite3", "a#b.sqlite3", "file:x"])
def test_a_path_is_a_path_whatever_its_characters(tmp_path: Path, name: str) -> None:
    other = tmp_path / "other"  # another program's SQLite file, where a URI would point
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = digest(other)
    store = open_store(tmp_path / name)
    DirectoryServices(store.sessions).add_company({"name": "Acme"})
    store.close()
    assert (tmp_path / name).is_file()
    assert digest(other) == before
    with connected(tmp_path / name) as check:
        assert check.execute("SELECT name FROM company").fetchall() == [("Acme",)]


def test_a_relative_path_never_reads_as_a_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = open_store(Path("file:notes?mode=memory"))
    DirectoryServices(store.sessions).add_company({"name": "Acme"})
    store.close()
    assert (tmp_path / "file:notes?mode=memory").stat().st_size > 0


def revision_0001(path: Path) -> None:
    """A database of the first revision with a company and a contact, in rollback-journal
    mode (as an older RunnerUp, or another tool, may leave it)."""
    path.touch(mode=0o600)
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "INSERT INTO company (name, name_key, industry, location, website, status, notes,"
            " created_at, updated_at) VALUES ('Acme', 'acme', '', '', '', 'target', '',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        for number in range(300):
            conn.exec_driver_sql(
                "INSERT INTO contact (company_id, name, name_key, role, title, email, phone,"
                " linkedin_url, notes, created_at, updated_at) VALUES (1, ?, ?, 'other', '',"
                " '', '', '', ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                (f"Person {number}", f"person {number}", "a note " * 50),
            )
    engine.dispose()


#: Upgrade the file, killing this process at the N-th statement of the upgrade.
KILLED_UPGRADE = """
import os, signal, sys
from pathlib import Path
from sqlalchemy import event
from runnerup_desktop.store import database

kill_at, count = int(sys.argv[2]), [0]
made = database.make_engine

def make_engine(path, health=None):
    engine = made(path, health)

    @event.listens_for(engine, "connect")
    def small_cache(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA cache_size=2")  # pages spill into the file

    @event.listens_for(engine, "after_cursor_execute")
    def kill(*_args):
        count[0] += 1
        if count[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    return engine

database.make_engine = make_engine
database.open_store(Path(sys.argv[1])).close()
print(count[0])
"""


def upgrade_killed_at(path: Path, statement: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILLED_UPGRADE, str(path), str(statement)],
        env={**os.environ, "PYTHONPATH": ROOT},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_upgrade_killed_half_way_is_rolled_back_and_done_at_the_next_start(
    tmp_path: Path,
) -> None:
    original = tmp_path / "original.sqlite3"
    revision_0001(original)
    counted = upgrade_killed_at(Path(shutil.copy(original, tmp_path / "count.sqlite3")), 0)
    statements = int(counted.stdout.strip())
    assert statements > 20
    hot = 0
    for kill_at in range(3, statements, max(1, statements // 12)):
        folder = tmp_path / f"kill-{kill_at}"
        folder.mkdir()
        path = Path(shutil.copy(original, folder / "old.sqlite3"))
        killed = upgrade_killed_at(path, kill_at)
        assert killed.returncode == -signal.SIGKILL
        hot += Path(f"{path}-journal").exists()
        store = open_store(path)  # the next start: recovered, upgraded, nothing lost
        with store.sessions() as session:
            assert session.query(Company).count() == 1
            assert session.query(Contact).count() == 300
        store.close()
        with connected(path) as check:
            assert check.execute("SELECT version_num FROM alembic_version").fetchall() == [
                (head_revision(),)
            ]
    assert hot >= 3  # the kills did leave changes half-made


def test_copies_made_before_upgrades_in_the_same_second_all_keep(tmp_path: Path) -> None:
    path = tmp_path / "same.sqlite3"
    open_store(path).close()
    moment = dt.datetime(2026, 3, 1, 9, 30, 0)
    copies = [_backup(path, tmp_path / "backups", "0003", now=lambda: moment) for _ in range(3)]
    assert len(set(copies)) == 3
    assert all(copy.stat().st_size > 0 for copy in copies)


def wal_file(path: Path) -> None:
    store = open_store(path)
    DirectoryServices(store.sessions).add_company({"name": "Acme"})
    store.close()
    assert listing(path.parent) == [path.name]  # WAL mode, the -wal gone at close


def test_a_refused_wal_file_of_a_newer_version_leaves_its_folder_as_it_was(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "newer"
    folder.mkdir()
    path = folder / "future.sqlite3"
    wal_file(path)
    with connected(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    assert listing(folder) == ["future.sqlite3"]
    before = digest(path)
    with pytest.raises(StoreRefused, match="newer version of RunnerUp"):
        open_store(path)
    assert listing(folder) == ["future.sqlite3"]
    assert digest(path) == before


def test_a_refused_truncated_wal_file_leaves_its_folder_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "cut"
    folder.mkdir()
    path = folder / "cut.sqlite3"
    wal_file(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    before = digest(path)
    with pytest.raises(StoreRefused, match="damaged"):
        open_store(path)
    assert listing(folder) == ["cut.sqlite3"]
    assert digest(path) == before


def test_the_database_folder_removed_while_running_stops_every_write(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    backups = tmp_path / "kept"
    backups.mkdir()
    (backups / "runnerup-schema-0003-20260101-090000.sqlite3").write_bytes(b"a copy")
    store = open_store(folder / "runnerup.sqlite3", backup_dir=backups)
    services = DirectoryServices(store.sessions)
    company, _ = services.add_company({"name": "Acme"})
    shutil.rmtree(folder)
    with pytest.raises(StorageError) as refused:
        services.add_company({"name": "Never saved"})
    assert refused.value.kind == Kind.GONE.value
    sentence = str(refused.value)
    assert "was moved or deleted while RunnerUp was running" in sentence
    assert str(backups / "runnerup-schema-0003-20260101-090000.sqlite3") in sentence
    with pytest.raises(StorageError):  # stopped for good
        services.update_company(company, {"name": "Acme Corp"})
    store.close()


def test_a_file_removed_during_a_write_is_never_reported_saved(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = open_store(folder / "runnerup.sqlite3")
    writing = store.sessions.begin()
    with pytest.raises(StorageError, match="moved or deleted"), writing as session:
        session.add(Company(name="Half-way"))
        session.flush()
        shutil.rmtree(folder)
    store.close()
