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
import itertools
import logging
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from runnerup_desktop.store.change import StorageError
from runnerup_desktop.store.checks import (
    LOCK_TIMEOUT_S,
    StoreRefused,
    cannot_use,
    check_existing,
    create_private,
    exists,
    file_uri,
    inspect_revision,
    probe_write_lock,
    refusal,
)
from runnerup_desktop.store.engine import (
    PAGE_CACHE_KIB,
    WRITE,
    Health,
    StoreSession,
    make_engine,
)
from runnerup_desktop.store.errors import Kind
from runnerup_desktop.store.schema import HEAD
from runnerup_desktop.store.undo import Sessions, UndoHistory

__all__ = [
    "PAGE_CACHE_KIB",
    "Store",
    "StoreRefused",
    "alembic_config",
    "head_revision",
    "make_engine",
    "open_store",
]

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass
class Store:
    path: Path
    engine: Engine
    #: Sessions that join an undo step's transaction when one runs on their thread.
    sessions: Sessions
    #: Undo and redo of the person's changes (see :mod:`runnerup_desktop.store.undo`).
    history: UndoHistory
    #: Whether writing may go on (not once the file is found damaged, moved or deleted).
    health: Health

    @property
    def backup_dir(self) -> Path:
        return self.health.backup_dir or self.path.parent / "backups"

    def look_for_damage(
        self,
        *,
        tables: Sequence[str] = (),
        quick: bool = False,
        opened: Callable[[sqlite3.Connection], None] | None = None,
    ) -> StorageError | None:
        """Check the file for damage on a read-only connection of its own (it takes
        seconds on a large file: the window runs it on a worker thread; see
        :mod:`.damage`). Damage stops every later write; the refusal saying so (with the
        newest backup) is returned, ``None`` when no damage was found."""
        from runnerup_desktop.store.damage import find_damage

        if find_damage(self.path, tables=tables, quick=quick, opened=opened):
            return self.health.refuse(Kind.DAMAGED)
        return None

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
    """Check, create or upgrade the database at ``path`` and return a ready store.

    ``backup_dir`` is where copies made before an upgrade go (by default ``backups``
    beside the file); a refusal is a :class:`StoreRefused`."""
    path = Path(os.path.abspath(path))
    try:
        return _open_store(path, backup_dir)
    except OSError as exc:
        raise cannot_use(path, exc) from exc


def _open_store(path: Path, backup_dir: Path | None) -> Store:
    created = not exists(path)
    if not created:
        check_existing(path)
        revision = inspect_revision(path)
    else:
        create_private(path)
        revision = None
    probe_write_lock(path)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    health = Health(path, backup_dir)
    engine = make_engine(path, health)
    head = head_revision()
    if revision != head:
        if revision is not None:
            _backup(path, backup_dir or path.parent / "backups", revision)
        try:
            _upgrade(engine)
        except Exception as exc:
            engine.dispose()
            log.warning("schema upgrade failed (%s); it was rolled back", type(exc).__name__)
            if not created:
                backed_up = " A copy from before the attempt is in the backups folder."
                raise StoreRefused(
                    f"RunnerUp could not upgrade {path} to this version, and left it as it "
                    f"was ({type(exc).__name__}).{backed_up if revision is not None else ''}"
                ) from exc
            _remove_new(path)  # the file this attempt made: the folder as it was
            why = str(exc) if isinstance(exc, StorageError) else type(exc).__name__
            raise StoreRefused(
                f"RunnerUp could not set up a new database at {path}, and did not leave one "
                f"there. {why}"
            ) from exc
        log.info("database schema upgraded from %s to %s", revision or "nothing", head)
    _use_wal(path)
    sessions = Sessions(engine, class_=StoreSession, expire_on_commit=False)
    history = UndoHistory(engine, sessions)
    return Store(path=path, engine=engine, sessions=sessions, history=history, health=health)


def _remove_new(path: Path) -> None:
    """Remove a database file set up in vain, with SQLite's files beside it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            log.warning("cannot remove a database file set up in vain")


def _backup(
    path: Path,
    backup_dir: Path,
    revision: str,
    now: Callable[[], dt.datetime] = dt.datetime.now,
) -> Path:
    """Copy the file aside before an upgrade, under a name no other copy has."""
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = now().strftime("%Y%m%d-%H%M%S")
    for number in itertools.count(1):
        tail = "" if number == 1 else f"-{number}"
        target = backup_dir / f"{path.stem}-schema-{revision}-{stamp}{tail}{path.suffix}"
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        break
    try:
        source = sqlite3.connect(file_uri(path, "ro"), uri=True)
        dest = sqlite3.connect(file_uri(target, "rw"), uri=True)
        try:
            source.backup(dest)
        finally:
            dest.close()
            source.close()
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise StoreRefused(
            f"RunnerUp could not copy {path} aside before upgrading it ({type(exc).__name__}), "
            f"so it did not upgrade it and left it as it was. Make sure {backup_dir} is "
            "writable and its disk has space, then start RunnerUp again."
        ) from exc
    log.info("copied the database aside before upgrading")
    return target


def _use_wal(path: Path) -> None:
    try:
        conn = sqlite3.connect(
            file_uri(path, "rw"), uri=True, timeout=LOCK_TIMEOUT_S, isolation_level=None
        )
        try:
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise refusal(path, exc) from exc


def _upgrade(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.execution_options(**{WRITE: True}).connect() as conn:
        # SQLite's procedure for rebuilding a table (a migration that changes a column's
        # constraints): foreign keys off, so that dropping the old table neither deletes
        # nor nulls the rows that point at it, then a check of every reference before the
        # commit. The pragma is a no-op inside a transaction: it is set before BEGIN.
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise RuntimeError(f"a reference from {broken[0]} points at no row")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
