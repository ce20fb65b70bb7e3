"""The engine every service's transaction runs on, and the rules it enforces.

- The database path is a path: each connection opens exactly that file (a URI whose every
  character is escaped), never a URL SQLAlchemy or SQLite would read options from, and
  never creates it (a file deleted behind RunnerUp's back is not silently re-made empty).
- A write transaction (``sessions.begin()``, or a connection with :data:`WRITE` set) begins
  as a writer, ``BEGIN IMMEDIATE``: it waits its turn for the busy timeout instead of failing
  at once when another writer got in between its first read and its first write.
- SQLite's known failures become a :class:`~runnerup_desktop.store.change.StorageError`
  (sorted in :mod:`.errors`) for every statement, commit and connection.
- Once the file is found damaged, or moved or deleted, :class:`Health` stops every later
  write with the same sentence, which names the newest backup: nothing is reported saved
  that is not.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.pool import QueuePool

from runnerup_desktop.store.change import StorageError
from runnerup_desktop.store.checks import file_uri
from runnerup_desktop.store.column_types import HEALTH
from runnerup_desktop.store.errors import STOPPING, Kind, kind_of, lenient_text, storage_error
from runnerup_desktop.store.limits import check_rows

log = logging.getLogger(__name__)

#: How long a statement waits for another connection's write lock before it is refused.
BUSY_TIMEOUT_S = 5.0
#: SQLite's page cache for each connection, in KiB (its default is 2 MB). A search reads
#: a few hundred contacts scattered over the file, and their companies; with 2 MB they
#: fall out of the cache before the next keystroke asks for them again, and each page
#: comes back through a read from the file. The cache grows only as pages are read.
PAGE_CACHE_KIB = 16 * 1024
#: The connection execution option (or ``connection.info`` key, for a connection held
#: across several transactions such as an undo step's) that marks a write transaction.
WRITE = "runnerup_write"
#: The session ``info`` key of a session joined to a transaction already begun (an undo
#: step's): its ``begin()`` is a savepoint in that transaction, which began as a writer.
JOINED = "runnerup_joined"


class Health:
    """Whether the store may still write: not once the file was found damaged, or moved or
    deleted. Shared by the engine's events and the damage check (thread-safe)."""

    def __init__(self, path: Path, backup_dir: Path | None) -> None:
        self.path = path
        self.backup_dir = backup_dir
        self._lock = threading.Lock()
        self._stopped: StorageError | None = None
        self._identity = _identity(path)

    @property
    def stopped(self) -> StorageError | None:
        """Why writing stopped, or ``None`` while it goes on."""
        return self._stopped

    def stop(self, error: StorageError) -> StorageError:
        """Stop writing for good; the first reason is kept and returned."""
        with self._lock:
            if self._stopped is None:
                self._stopped = error
                log.warning("writing stopped: the database file is %s", error.kind)
            return self._stopped

    def refuse(self, kind: Kind) -> StorageError:
        return self.stop(storage_error(kind, self.path, self.backup_dir))

    def refuse_damaged(self) -> StorageError:
        """A stored value that cannot be what RunnerUp wrote (see :mod:`.column_types`)."""
        return self.refuse(Kind.DAMAGED)

    def check_can_write(self) -> None:
        """Raise the reason writing stopped, if it has."""
        if self._stopped is not None:
            raise self._stopped

    def check_same_file(self) -> None:
        """Stop if the file at ``path`` is no longer the one opened (deleted, moved, replaced)."""
        if self._identity is not None and _identity(self.path) != self._identity:
            raise self.refuse(Kind.GONE)

    def file_replaced(self) -> None:
        """RunnerUp itself put a checked file in the database's place (a restore, with
        every connection closed): writing goes on, to that file. A stop for the file that
        was there before (damaged, moved) no longer applies to it."""
        with self._lock:
            self._identity = _identity(self.path)
            if self._stopped is not None:
                log.info("writing goes on: the database file was restored")
            self._stopped = None

    def sort(self, error: BaseException) -> StorageError | None:
        """A known SQLite failure as a :class:`StorageError` (stopping writes when it is
        one of the stopping kinds); ``None`` for a bug."""
        kind = kind_of(error)
        if kind is None:
            return None
        if kind is Kind.GONE and self.path.exists():
            kind = Kind.READ_ONLY  # could not open an existing file: its permissions
        if kind in STOPPING:
            return self.refuse(kind)
        log.warning("a database operation failed: %s", kind.value)
        return storage_error(kind, self.path, self.backup_dir)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


class StoreSession(Session):
    """A session whose explicit transactions (``sessions.begin()``) are writes: they begin
    with ``BEGIN IMMEDIATE`` at once. Reads (``with sessions() as s``) begin as readers.
    Every row it flushes keeps to its columns' ranges (:mod:`.limits`)."""

    def begin(self, nested: bool = False) -> SessionTransaction:
        transaction = super().begin(nested)
        if not nested and not self.info.get(JOINED):
            self.connection(execution_options={WRITE: True})
        return transaction


event.listen(StoreSession, "before_flush", check_rows)


def file_replaced(engine: Engine) -> None:
    """Tell ``engine`` (disposed of, no connection open) that RunnerUp put another file in
    its database's place (:meth:`Health.file_replaced`)."""
    health = getattr(engine.dialect, HEALTH, None)
    if isinstance(health, Health):
        health.file_replaced()


def make_engine(path: Path, health: Health | None = None) -> Engine:
    """An engine on exactly ``path``, whose transactions really are transactions (DDL
    included), whose writes begin as writers and whose known failures are sorted."""
    target = file_uri(path, "rw")
    health = health or Health(path, None)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            target,
            uri=True,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,  # SQLAlchemy's BEGIN below rules
            check_same_thread=False,  # the pool hands connections between threads
        )

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool, hide_parameters=True)
    setattr(engine.dialect, HEALTH, health)  # what the column types report damage to

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.text_factory = lenient_text
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if not (conn.get_execution_options().get(WRITE) or conn.info.get(WRITE)):
            conn.exec_driver_sql("BEGIN")
            return
        health.check_can_write()
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            health.check_same_file()
        except StorageError:
            conn.exec_driver_sql("ROLLBACK")
            raise

    @event.listens_for(engine, "commit")
    def _on_commit(conn: Any) -> None:
        if conn.get_execution_options().get(WRITE) or conn.info.get(WRITE):
            health.check_same_file()  # raising here leaves the transaction uncommitted

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> BaseException | None:
        return health.sort(context.original_exception)

    return engine
