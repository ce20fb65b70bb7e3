"""Checks on a database file made with nothing but :mod:`sqlite3`, before anything is
written to it: not a file, not SQLite, another program's SQLite, read-only, locked, or
from a newer RunnerUp. Each refusal is a :class:`StoreRefused` whose text is a sentence
for the user. No SQLAlchemy here: the window's first paint runs these checks before
SQLAlchemy has loaded (:mod:`runnerup_desktop.store.first_page`).

A refused file is left as it was, and so is its folder: the read-only look at a file in
WAL mode with no ``-wal`` beside it opens it as immutable, which creates no ``-wal`` or
``-shm``. The one change made before a refusal can be told is SQLite's own recovery of a
change that was interrupted (a hot journal, left by a crash or a kill): the file is opened
for writing once, which rolls it back, as any program using it would.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from runnerup_desktop.store.errors import Kind, kind_of
from runnerup_desktop.store.schema import REVISIONS

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
LOCK_TIMEOUT_S = 0.5
#: A read-only connection cannot roll back an interrupted change (or recover a WAL):
#: SQLite says so with these codes, and a read-write open does it.
_NEEDS_RECOVERY = (sqlite3.SQLITE_READONLY_ROLLBACK, sqlite3.SQLITE_READONLY_RECOVERY)


class StoreRefused(Exception):
    """The database cannot be opened; ``str(exc)`` is a sentence for the user."""


def file_uri(path: Path, mode: str) -> str:
    """A SQLite URI for exactly ``path`` (every character but ``/`` escaped, so a ``?``,
    ``#`` or ``%`` in it is part of the name), opened ``mode``: ``ro`` read-only, ``rw``
    read and write but never create."""
    return f"file:{quote(os.path.abspath(path))}?mode={mode}"


def look_uri(path: Path) -> str:
    """A read-only URI that leaves the folder as it is: a WAL-mode file with no ``-wal``
    holds all its content itself and is read as immutable (no ``-wal``, no ``-shm``)."""
    uri = file_uri(path, "ro")
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return uri
    wal_mode = len(header) == 20 and header[18] == 2
    if wal_mode and not os.path.exists(f"{path}-wal"):
        uri += "&immutable=1"
    return uri


def cannot_use(path: Path, error: OSError) -> StoreRefused:
    """The refusal for an operating-system error on ``path`` or its folder."""
    if isinstance(error, PermissionError):
        return StoreRefused(
            f"RunnerUp is not allowed to use {path} (permission denied on the file or one "
            "of its folders). Choose a file in a folder of yours with --db, or ask the "
            "folder's owner for access; RunnerUp left everything as it was."
        )
    return StoreRefused(
        f"RunnerUp cannot use {path}: {error.strerror or type(error).__name__}. "
        "Choose another file with --db; RunnerUp left everything as it was."
    )


def create_private(path: Path) -> None:
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


def exists(path: Path) -> bool:
    """Whether ``path`` exists; a folder on the way that cannot be searched is a refusal."""
    try:
        path.stat()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise cannot_use(path, exc) from exc
    return True


def check_existing(path: Path) -> None:
    try:
        _check_existing(path)
    except OSError as exc:
        raise cannot_use(path, exc) from exc


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


def inspect_revision(path: Path) -> str | None:
    """Read-only look at the file: its schema revision, or a refusal. A change left
    half-done by a crash is rolled back first (see the module's docstring)."""
    try:
        return _inspect_revision(path)
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode not in _NEEDS_RECOVERY:
            raise refusal(path, exc) from exc
    _recover(path)
    return _inspect_revision(path)


def _recover(path: Path) -> None:
    """Let SQLite roll back (or recover) an interrupted change: open it for writing once."""
    log.info("rolling back a change that was interrupted before it was saved")
    try:
        conn = sqlite3.connect(file_uri(path, "rw"), uri=True, timeout=LOCK_TIMEOUT_S)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise refusal(path, exc) from exc


def _inspect_revision(path: Path) -> str | None:
    try:
        if path.stat().st_size == 0:
            return None
    except OSError as exc:
        raise cannot_use(path, exc) from exc
    try:
        conn = sqlite3.connect(look_uri(path), uri=True, timeout=LOCK_TIMEOUT_S)
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
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode in _NEEDS_RECOVERY:
            raise
        raise refusal(path, exc) from exc
    except sqlite3.DatabaseError as exc:
        raise refusal(path, exc) from exc
    finally:
        conn.close()
    revision = rows[0][0] if rows else None
    if revision is not None and not _known(revision):
        raise StoreRefused(
            f"{path} was saved by a newer version of RunnerUp (schema {revision}). "
            "Update RunnerUp to open it; this version left it untouched."
        )
    return str(revision) if revision is not None else None


def probe_write_lock(path: Path) -> None:
    """Take and release the write lock once, writing nothing, to detect another writer."""
    try:
        conn = sqlite3.connect(
            file_uri(path, "rw"), uri=True, timeout=LOCK_TIMEOUT_S, isolation_level=None
        )
    except sqlite3.DatabaseError as exc:
        raise refusal(path, exc) from exc
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        raise refusal(path, exc) from exc
    finally:
        conn.close()


def refusal(path: Path, exc: sqlite3.DatabaseError) -> StoreRefused:
    """The refusal for a SQLite failure met while checking the file (sorted by
    :func:`runnerup_desktop.store.errors.kind_of`)."""
    kind = kind_of(exc)
    if kind is Kind.LOCKED:
        return StoreRefused(
            f"{path} is locked by another program. Close the other program (or the other "
            "RunnerUp window) and try again; RunnerUp left the file untouched."
        )
    if kind is Kind.DAMAGED:
        return StoreRefused(
            f"{path} is not a RunnerUp database, or it is damaged. "
            "RunnerUp left it untouched; restore a backup or open another file with --db."
        )
    if kind is Kind.READ_ONLY:
        return StoreRefused(f"{path} is read-only; RunnerUp left it untouched.")
    if kind is Kind.FULL:
        return StoreRefused(
            f"The disk that holds {path} is full. Free some space on it and start RunnerUp "
            "again; RunnerUp left the file untouched."
        )
    if kind is Kind.IO:
        return StoreRefused(
            f"The disk reported an error while RunnerUp was reading {path}. Check the disk "
            "and try again; RunnerUp left the file untouched."
        )
    return StoreRefused(
        f"RunnerUp cannot open {path} (SQLite: {getattr(exc, 'sqlite_errorname', None)}). "
        "It left the file untouched."
    )


def _known(revision: str) -> bool:
    return revision in REVISIONS
