"""Opening, creating, upgrading and refusing database files (no Qt)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command

from runnerup_desktop.store.database import (
    PAGE_CACHE_KIB,
    StoreRefused,
    alembic_config,
    head_revision,
    make_engine,
    open_store,
)
from runnerup_desktop.store.directory_queries import ContactListing, PageRequest
from runnerup_desktop.store.models import Company


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_private_wal_and_at_head(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "new.sqlite3"
    store = open_store(path)
    store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    conn.close()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    store = open_store(tmp_path / "fk.sqlite3")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_connections_keep_a_page_cache_for_a_search_s_rows(tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache.sqlite3")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -PAGE_CACHE_KIB
    store.close()


def test_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch(mode=0o644)
    open_store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.stat().st_size > 0


def test_reopening_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "keep.sqlite3"
    store = open_store(path)
    with store.sessions.begin() as session:
        session.add(Company(name="Zoë's Bakery"))
    store.close()
    store = open_store(path)
    with store.sessions() as session:
        assert session.query(Company).one().name_key == "zoe's bakery"
    store.close()


def test_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("Dear diary, today I came second.\n" * 50)
    before = digest(path)
    with pytest.raises(StoreRefused, match="not a RunnerUp database"):
        open_store(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_other_programs_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreRefused, match="not one of RunnerUp's"):
        open_store(path)
    assert digest(path) == before


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreRefused, match="newer version of RunnerUp"):
        open_store(path)
    assert digest(path) == before


def test_read_only_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    open_store(path).close()
    os.chmod(path, 0o400)
    before = digest(path)
    with pytest.raises(StoreRefused, match="read-only"):
        open_store(path)
    assert digest(path) == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o400


def test_read_only_folder_is_refused_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "locked-folder"
    folder.mkdir()
    path = folder / "db.sqlite3"
    open_store(path).close()
    before = digest(path)
    os.chmod(folder, 0o500)
    try:
        with pytest.raises(StoreRefused, match=r"folder .* is read-only"):
            open_store(path)
    finally:
        os.chmod(folder, 0o700)
    assert digest(path) == before


def test_locked_by_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    before = digest(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            "c.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(StoreRefused, match="locked by another program"):
            open_store(path)
        assert time.monotonic() - started < 5
    finally:
        holder.communicate("")
    assert digest(path) == before


def test_upgrade_from_first_revision_backs_up_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
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
        conn.exec_driver_sql(
            "INSERT INTO contact (company_id, name, name_key, role, title, email, phone,"
            " linkedin_url, notes, created_at, updated_at) VALUES (1, 'Zoë Müller',"
            " 'zoe muller', 'other', 'CTO', 'zoe@acme.example', '', '', '',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    engine.dispose()
    backups = tmp_path / "backups"
    store = open_store(path, backup_dir=backups)
    with store.sessions() as session:
        assert [c.name for c in session.query(Company)] == ["Acme"]
        found = ContactListing().page(session, PageRequest(search="acme zoe cto"))
        assert [row[1] for row in found] == ["Zoë Müller"]
    store.close()
    if head_revision() != "0001":
        copies = list(backups.iterdir())
        assert len(copies) == 1
        assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
        old = sqlite3.connect(copies[0])
        assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        old.close()


def test_failed_upgrade_leaves_file_as_it_was(tmp_path: Path) -> None:
    """An upgrade is one transaction: a failure mid-way rolls every step back."""
    path = tmp_path / "half.sqlite3"
    path.touch(mode=0o600)
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.exec_driver_sql("DELETE FROM alembic_version")
        conn.exec_driver_sql("CREATE TABLE stray (x)")  # keeps the file non-empty
    engine.dispose()
    before = digest(path)
    # With no revision recorded, the first migration runs again and fails on the
    # existing tables: nothing of it may remain.
    with pytest.raises(StoreRefused, match="left it as it was"):
        open_store(path)
    assert digest(path) == before


def test_known_revisions_match_the_migrations_folder() -> None:
    from alembic.script import ScriptDirectory

    from runnerup_desktop.store.schema import HEAD, REVISIONS

    script = ScriptDirectory.from_config(alembic_config())
    walked = tuple(reversed([rev.revision for rev in script.walk_revisions()]))
    assert walked == REVISIONS
    assert script.get_current_head() == HEAD


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from runnerup_desktop.store.models import Base

    def ours(name: str | None, kind: str, _parent: object) -> bool:
        # SQLite's full-text index (a virtual table and its shadow tables, kept by
        # triggers) accelerates search on SQLite only; it is not an ORM model.
        return not (kind == "table" and (name or "").startswith("contact_fts"))

    store = open_store(tmp_path / "drift.sqlite3")
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": ours})
        assert compare_metadata(context, Base.metadata) == []
    store.close()
