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
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.store.schema import HEAD, REVISIONS

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"
LOCK_TIMEOUT_S = 0.5
#: SQLite's page cache for each connection, in KiB (its default is 2 MB). A search reads
#: a few hundred contacts scattered over the file, and their companies; with 2 MB they
#: fall out of the cache before the next keystroke asks for them again, and each page
#: comes back through a read from the file. The cache grows only as pages are read.
PAGE_CACHE_KIB = 16 * 1024


class StoreRefused(Exception):
    """The database cannot be opened; ``str(exc)`` is a sentence for the user."""


@dataclass
class Store:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    def close(self) -> None:
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
        _check_existing(path)
        revision = _inspect(path)
    else:
        _create_private(path)
        revision = None
    _probe_write_lock(path)
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
    return Store(path=path, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


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
        conn.exec_driver_sql("BEGIN")

    return engine


def _create_private(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _check_folder_writable(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except StoreRefused:
        raise
    except OSError as exc:
        raise StoreRefused(
            f"RunnerUp could not create its database at {path}: {exc.strerror}. "
            "Choose another place with --db."
        ) from exc


def _check_existing(path: Path) -> None:
    if not path.is_file():
        raise StoreRefused(f"{path} is not a file, so RunnerUp cannot keep its database there.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreRefused(f"RunnerUp cannot read {path}: {exc.strerror}.") from exc
    size = path.stat().st_size
    if size and header != SQLITE_MAGIC:
        raise StoreRefused(
            f"{path} is not a RunnerUp database: it is not a SQLite file at all. "
            "RunnerUp left it untouched; open another file with --db."
        )
    if not _writable(path):
        raise StoreRefused(
            f"{path} is read-only, so RunnerUp could not save your changes. "
            "Make it writable (or copy it somewhere writable) and open it again; "
            "RunnerUp left it untouched."
        )
    _check_folder_writable(path.parent)


def _check_folder_writable(folder: Path) -> None:
    if not _writable(folder):
        raise StoreRefused(
            f"The folder {folder} is read-only, and SQLite needs to write its journal "
            "beside the database. Move the database to a writable folder; RunnerUp left "
            "it untouched."
        )


def _writable(target: Path) -> bool:
    info = target.stat()
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return False  # marked read-only: respected even when running as root
    if hasattr(os, "statvfs") and os.statvfs(target).f_flag & os.ST_RDONLY:
        return False
    return os.access(target, os.W_OK)


def _inspect(path: Path) -> str | None:
    """Read-only look at the file: its schema revision, or a refusal."""
    if path.stat().st_size == 0:
        return None
    uri = f"file:{quote(str(path))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=LOCK_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise StoreRefused(f"RunnerUp cannot open {path}: {exc}.") from exc
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise StoreRefused(
                f"{path} is a SQLite database, but not one of RunnerUp's. "
                "RunnerUp left it untouched; open another file with --db."
            )
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        raise _classify(path, exc) from exc
    finally:
        conn.close()
    revision = rows[0][0] if rows else None
    if revision is not None and not _known(revision):
        raise StoreRefused(
            f"{path} was saved by a newer version of RunnerUp (schema {revision}). "
            "Update RunnerUp to open it; this version left it untouched."
        )
    return str(revision) if revision is not None else None


def _probe_write_lock(path: Path) -> None:
    """Take and release the write lock once, writing nothing, to detect another writer."""
    conn = sqlite3.connect(str(path), timeout=LOCK_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        raise _classify(path, exc) from exc
    finally:
        conn.close()


def _classify(path: Path, exc: sqlite3.DatabaseError) -> StoreRefused:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreRefused(
            f"{path} is locked by another program. Close the other program (or the other "
            "RunnerUp window) and try again; RunnerUp left the file untouched."
        )
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return StoreRefused(
            f"{path} is not a RunnerUp database, or it is damaged. "
            "RunnerUp left it untouched; restore a backup or open another file with --db."
        )
    if "readonly" in text or "read-only" in text:
        return StoreRefused(f"{path} is read-only; RunnerUp left it untouched.")
    return StoreRefused(f"RunnerUp cannot open {path}: {exc}. It left the file untouched.")


def _known(revision: str) -> bool:
    return revision in REVISIONS


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
