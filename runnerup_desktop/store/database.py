"""Opening the database: checks first, then migrations, then the engine.

Nothing is written to a file until it has passed every check: a file that is not a
SQLite database, one locked by another program, a read-only file or folder, or a schema
from a newer RunnerUp is refused with :class:`StoreRefused` and left byte-for-byte as it
was. An upgrade copies the file aside first and runs in one transaction.

The SQLite-specific statements (PRAGMAs, transactional DDL, the file checks) live here
and only here; the models and queries stay portable across dialects.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event

from runnerup_desktop.store.checks import (
    LOCK_TIMEOUT_S,
    StoreRefused,
    check_existing,
    create_private,
    inspect_revision,
    probe_write_lock,
)
from runnerup_desktop.store.schema import HEAD
from runnerup_desktop.store.undo import BEGIN_STATEMENT, Sessions, UndoHistory

__all__ = ["Store", "StoreRefused", "alembic_config", "head_revision", "make_engine", "open_store"]

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
#: SQLite's page cache for each connection, in KiB (its default is 2 MB). A search reads
#: a few hundred contacts scattered over the file, and their companies; with 2 MB they
#: fall out of the cache before the next keystroke asks for them again, and each page
#: comes back through a read from the file. The cache grows only as pages are read.
PAGE_CACHE_KIB = 16 * 1024


@dataclass
class Store:
    path: Path
    engine: Engine
    #: Sessions that join an undo step's transaction when one runs on their thread.
    sessions: Sessions
    #: Undo and redo of the person's changes (see :mod:`runnerup_desktop.store.undo`).
    history: UndoHistory

    def close(self) -> None:
        self.history.clear()
        self.engine.dispose()


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return HEAD


def open_store(path: Path, backup_dir: Path | None = None) -> Store:
    """Check, create or upgrade the database at ``path`` and return a ready store."""
    path = Path(path)
    if path.exists():
        check_existing(path)
        revision = inspect_revision(path)
    else:
        create_private(path)
        revision = None
    probe_write_lock(path)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    engine = make_engine(path)
    head = head_revision()
    if revision != head:
        if revision is not None:
            _backup(path, backup_dir or path.parent / "backups", revision)
        try:
            _upgrade(engine)
        except Exception as exc:
            engine.dispose()
            log.exception("schema upgrade failed; the transaction was rolled back")
            raise StoreRefused(
                f"RunnerUp could not upgrade {path} to this version, and left it as it was "
                f"({type(exc).__name__}). A copy from before the attempt is in the backups folder."
                if revision is not None
                else f"RunnerUp could not set up {path} ({type(exc).__name__}); "
                "it left it as it was."
            ) from exc
        log.info("database schema upgraded from %s to %s", revision or "nothing", head)
    _use_wal(path)
    sessions = Sessions(engine, expire_on_commit=False)
    return Store(path=path, engine=engine, sessions=sessions, history=UndoHistory(engine, sessions))


def make_engine(path: Path) -> Engine:
    """An engine whose transactions really are transactions, DDL included."""
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True, connect_args={"timeout": 5.0})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below rule
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writes and undo steps ask for BEGIN IMMEDIATE (see store/undo.py); reads defer.
        begin = conn.get_execution_options().get(BEGIN_STATEMENT) or conn.info.get(
            BEGIN_STATEMENT, "BEGIN"
        )
        conn.exec_driver_sql(begin)

    return engine


def _backup(path: Path, backup_dir: Path, revision: str) -> Path:
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{path.stem}-schema-{revision}-{stamp}{path.suffix}"
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    source = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    log.info("copied the database aside before upgrading: %s", target.name)
    return target


def _use_wal(path: Path) -> None:
    conn = sqlite3.connect(str(path), timeout=LOCK_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def _upgrade(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
