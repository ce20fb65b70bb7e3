"""Restore: a backup back in the database's place, and what it refuses."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command

from runnerup_desktop.store.backups import BEFORE_RESTORE, Backup, list_backups, take_backup
from runnerup_desktop.store.database import alembic_config, make_engine, open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.restore import RestoreRefused, restore
from runnerup_desktop.store.schema import HEAD


def companies(db: Path) -> list[str]:
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            return list(conn.exec_driver_sql("SELECT name FROM company ORDER BY id").scalars())
    finally:
        store.close()


def add(db: Path, *names: str) -> None:
    store = open_store(db)
    try:
        for name in names:
            DirectoryServices(store.sessions).add_company({"name": name})
    finally:
        store.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_restore_brings_a_backup_back_and_restoring_the_saved_file_takes_it_back(
    tmp_path: Path,
) -> None:
    db = tmp_path / "runnerup.sqlite3"
    add(db, "Acme")
    backup = take_backup(db)
    add(db, "Zoë's Bakery")
    heard: list[Backup] = []
    result = restore(db, backup.path, saved=heard.append)

    assert companies(db) == ["Acme"]
    assert result.saved_current is not None and heard == [result.saved_current]
    assert result.saved_current.kind == BEFORE_RESTORE
    assert result.upgraded_to is None and result.revision == HEAD
    assert result.summary is not None and result.summary.companies == 1
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert not Path(f"{db}-wal").exists()
    assert not list(tmp_path.glob(".*partial"))

    restore(db, result.saved_current.path)
    assert companies(db) == ["Acme", "Zoë's Bakery"]
    assert [b.kind for b in list_backups(db)].count(BEFORE_RESTORE) == 2


def test_a_backup_from_a_newer_version_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    db = tmp_path / "runnerup.sqlite3"
    add(db, "Acme")
    newer = take_backup(db, to=tmp_path / "newer.sqlite3")
    conn = sqlite3.connect(newer.path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = digest(db)
    with pytest.raises(RestoreRefused) as refused:
        restore(db, newer.path)
    assert str(refused.value) == (
        f"{newer.path} was saved by a newer version of RunnerUp (schema 9999). "
        "Update RunnerUp to restore it; this version left it untouched."
    )
    assert digest(db) == before
    assert list_backups(db) == []


def test_a_backup_from_an_older_version_is_upgraded(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    sqlite3.connect(old).close()  # the engine opens only a file that exists
    engine = make_engine(old)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        conn.exec_driver_sql(
            "INSERT INTO company (name, name_key, search_key, industry, location, website, "
            "status, notes, created_at, updated_at) VALUES ('Old Co', 'old co', 'old co', '', "
            "'', '', 'target', '', '2025-01-01', '2025-01-01')"
        )
    engine.dispose()
    db = tmp_path / "runnerup.sqlite3"
    add(db, "Current")
    result = restore(db, old)
    assert result.revision == "0003" and result.upgraded_to == HEAD
    assert companies(db) == ["Old Co"]
    restored = sqlite3.connect(db)
    assert restored.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    assert restored.execute("SELECT open_opportunities FROM company").fetchone() == (0,)
    restored.close()
    original = sqlite3.connect(old)
    assert original.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
    original.close()


HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM company").fetchone()
print("open", flush=True)
sys.stdin.readline()
"""


def test_refused_while_another_runnerup_has_the_database_open(tmp_path: Path) -> None:
    db = tmp_path / "runnerup.sqlite3"
    add(db, "Acme")
    backup = take_backup(db)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline() == "open\n"
        before = digest(db)
        with pytest.raises(RestoreRefused) as refused:
            restore(db, backup.path)
        assert str(refused.value) == (
            f"Another RunnerUp has {db} open. Close it, then restore again; nothing was changed."
        )
        assert digest(db) == before
        assert [b.kind for b in list_backups(db)] == ["manual"]
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
        holder.stdout.close()
    restore(db, backup.path)  # once it is closed


def test_the_app_s_own_open_store_counts_as_open(tmp_path: Path) -> None:
    db = tmp_path / "runnerup.sqlite3"
    add(db, "Acme")
    backup = take_backup(db)
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1").all()
        with pytest.raises(RestoreRefused, match="Another RunnerUp has"):
            restore(db, backup.path)
    finally:
        store.close()


def test_a_damaged_backup_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "runnerup.sqlite3"
    add(db, *(f"Company {n}" for n in range(300)))
    damaged = take_backup(db, to=tmp_path / "damaged.sqlite3").path
    data = bytearray(damaged.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):
        data[offset : offset + 64] = b"\xff" * 64
    damaged.write_bytes(bytes(data))
    before = digest(db)
    with pytest.raises(RestoreRefused) as refused:
        restore(db, damaged)
    assert "is damaged" in str(refused.value) or "not a RunnerUp" in str(refused.value)
    assert digest(db) == before
    assert list_backups(db) == []


def test_what_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "runnerup.sqlite3"
    add(db, "Acme")
    text = tmp_path / "notes.txt"
    text.write_text("Dear diary\n" * 100)
    with pytest.raises(RestoreRefused, match="is not a RunnerUp database"):
        restore(db, text)
    with pytest.raises(RestoreRefused, match="There is no backup at"):
        restore(db, tmp_path / "missing.sqlite3")
    with pytest.raises(RestoreRefused, match="is the database itself"):
        restore(db, db)


def test_a_damaged_database_is_replaced_and_kept_byte_for_byte(tmp_path: Path) -> None:
    db = tmp_path / "runnerup.sqlite3"
    add(db, "Acme")
    backup = take_backup(db)
    garbage = b"SQLite format 3\x00" + b"\x13" * 20000
    db.write_bytes(garbage)
    result = restore(db, backup.path, clock=lambda: dt.datetime(2026, 3, 1, 9, 0))
    assert companies(db) == ["Acme"]
    assert result.saved_current is not None
    assert result.saved_current.path.read_bytes() == garbage
    assert result.saved_current.path.name.startswith("runnerup-before-restore-20260301-090000-")


def test_restoring_where_there_is_no_database_yet(tmp_path: Path) -> None:
    db = tmp_path / "runnerup.sqlite3"
    add(db, "Acme")
    backup = take_backup(db, to=tmp_path / "keep.sqlite3")
    fresh = tmp_path / "new" / "place.sqlite3"
    result = restore(fresh, backup.path)
    assert result.saved_current is None
    assert companies(fresh) == ["Acme"]


def test_an_open_store_writes_on_to_the_restored_file_once_told_of_it(tmp_path: Path) -> None:
    """The window restores with its own store open (its connections closed): the engine's
    check that the file is the one it opened must take the restored file as its own, and
    the stop it made for the file before no longer holds."""
    from runnerup_desktop.store.change import StorageError
    from runnerup_desktop.store.engine import file_replaced

    db = tmp_path / "runnerup.sqlite3"
    store = open_store(db)
    try:
        services = DirectoryServices(store.sessions)
        services.add_company({"name": "Acme"})
        backup = take_backup(db)
        services.add_company({"name": "Before the restore"})
        store.engine.dispose()
        restore(db, backup.path, in_use=lambda _db: False)
        with pytest.raises(StorageError, match="moved or deleted"):
            services.add_company({"name": "Not told of the restore"})  # a new file there
        with pytest.raises(StorageError, match="moved or deleted"):
            services.add_company({"name": "Stopped for good"})

        store.engine.dispose()
        restore(db, backup.path, in_use=lambda _db: False)
        file_replaced(store.engine)
        services.add_company({"name": "After the restore"})
    finally:
        store.close()
    assert companies(db) == ["Acme", "After the restore"]
