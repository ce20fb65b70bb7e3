"""Checks on a database file made with nothing but :mod:`sqlite3`, before anything is
written to it: not a file, not SQLite, another program's SQLite, read-only, locked, or
from a newer RunnerUp. Each refusal is a :class:`StoreRefused` whose text is a sentence
for the user. No SQLAlchemy here: the window's first paint runs these checks before
SQLAlchemy has loaded (:mod:`runnerup_desktop.store.first_page`).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from runnerup_desktop.store.schema import REVISIONS

SQLITE_MAGIC = b"SQLite format 3\x00"
LOCK_TIMEOUT_S = 0.5


class StoreRefused(Exception):
    """The database cannot be opened; ``str(exc)`` is a sentence for the user."""


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


def check_existing(path: Path) -> None:
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


def probe_write_lock(path: Path) -> None:
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
