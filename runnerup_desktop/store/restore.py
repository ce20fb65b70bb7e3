"""Putting a backup in the database's place (no Qt).

In this order, so that the database file is at every moment either wholly the old one or
wholly the restored one (a crash or a kill at any point leaves one of the two):

1. the backup is checked: a RunnerUp database, not from a newer version;
2. the database is refused if another RunnerUp has it open (:mod:`.in_use`);
3. the backup is copied beside the database into a hidden file, checked page by page
   (``quick_check``), upgraded there if it is from an older version, flushed to disk;
4. the current file is backed up (``before-restore``), so that restoring that backup
   takes the restore back;
5. the database is made a single file (its WAL checkpointed and removed: a WAL left
   beside the new file would be replayed into it), and the copy is renamed over it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from runnerup_desktop.store.backups import (
    BEFORE_RESTORE,
    PARTIAL,
    Backup,
    BackupFailed,
    BackupRefused,
    Clock,
    Summary,
    backup_folder,
    backup_name,
    copy_database,
    local_now,
    summarize,
    take_backup,
)
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.checks import StoreRefused, inspect_revision
from runnerup_desktop.store.in_use import open_elsewhere
from runnerup_desktop.store.schema import HEAD


class RestoreRefused(ServiceError):
    """The restore cannot be done; ``str(exc)`` is a sentence, and nothing was changed."""


@dataclass(frozen=True)
class RestoreResult:
    db: Path
    source: Path
    #: The backup of the file the restore replaced (``None`` if there was none).
    saved_current: Backup | None
    #: The backup's schema revision, and the one it was upgraded to (``None`` if not).
    revision: str
    upgraded_to: str | None
    summary: Summary | None


def restore(
    db: Path,
    source: Path,
    *,
    clock: Clock = local_now,
    in_use: Callable[[Path], bool] = open_elsewhere,
    saved: Callable[[Backup], None] | None = None,
) -> RestoreResult:
    """Replace ``db`` with the backup ``source``. ``saved`` hears of the backup of the
    current file as soon as it exists (the command line prints it first)."""
    db, source = Path(db), Path(source)
    revision = _check_backup(db, source)
    if in_use(db):
        raise _busy(db)
    current = None
    db.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staged = db.with_name(f".{db.name}.restoring{PARTIAL}")
    try:
        copy_database(source, staged)
        _verify(staged, source)
        upgraded_to = _upgrade(staged) if revision != HEAD else None
        summary = summarize(staged)
        _flush(staged)
        if db.is_file() and db.stat().st_size:
            try:
                current = take_backup(db, kind=BEFORE_RESTORE, clock=clock)
            except BackupRefused:  # damaged, or not RunnerUp's: kept byte for byte
                current = _copy_aside(db, clock)
            if saved is not None:
                saved(current)
        _single_file(db)
        os.replace(staged, db)
        _flush_folder(db.parent)
        _use_wal(db)
    except OSError as error:
        raise BackupFailed(
            f"RunnerUp could not restore {db}: {error.strerror or error}. "
            "The database was left as it was."
        ) from error
    finally:
        with contextlib.suppress(OSError):
            staged.unlink()
    return RestoreResult(db, source, current, revision, upgraded_to, summary)


def _check_backup(db: Path, source: Path) -> str:
    if not source.is_file():
        raise RestoreRefused(f"There is no backup at {source}.")
    if db.exists() and source.resolve() == db.resolve():
        raise RestoreRefused(f"{source} is the database itself, not a backup of it.")
    try:
        revision = inspect_revision(source)
    except StoreRefused as refusal:
        raise RestoreRefused(str(refusal).replace("open it;", "restore it;")) from None
    if revision is None:
        raise RestoreRefused(f"{source} is not a RunnerUp backup: it holds no RunnerUp data.")
    return revision


def _verify(staged: Path, source: Path) -> None:
    conn = sqlite3.connect(str(staged))
    try:
        verdict = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError:
        verdict = None
    finally:
        conn.close()
    if not verdict or verdict[0] != "ok":
        raise RestoreRefused(
            f"{source} is damaged, so RunnerUp will not restore it; the database was left "
            "as it was. Choose another backup."
        )


def _upgrade(staged: Path) -> str:
    """Bring a backup from an older version up to this one's schema, in one transaction."""
    from alembic import command

    from runnerup_desktop.store.database import alembic_config, make_engine

    engine = make_engine(staged)
    try:
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except Exception as error:
        raise RestoreRefused(
            f"RunnerUp could not bring the backup up to this version ({type(error).__name__}); "
            "the database was left as it was."
        ) from error
    finally:
        engine.dispose()
    return HEAD


def _single_file(db: Path) -> None:
    """Checkpoint the database's WAL into it and remove it, or refuse if another
    program has it open (the exclusive access that takes is what tells)."""
    if not db.exists():
        return
    conn = sqlite3.connect(str(db), timeout=0.5, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.DatabaseError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise _busy(db) from None
        # A damaged file: it was copied aside whole, WAL and all, before.
    finally:
        conn.close()
    for leftover in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _copy_aside(db: Path, clock: Clock) -> Backup:
    """A file SQLite cannot read, copied byte for byte with its WAL (no one has it
    open: :func:`restore` checked), named as a backup taken before a restore."""
    folder = backup_folder(db)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    taken_at = clock().replace(microsecond=0)
    target = folder / backup_name(db, BEFORE_RESTORE, taken_at)
    for suffix in ("-wal", ""):  # the main file last: its name is what marks it done
        original = Path(f"{db}{suffix}")
        if not original.exists():
            continue
        partial = target.with_name(f".{target.name}{suffix}{PARTIAL}")
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        shutil.copyfile(original, partial)
        _flush(partial)
        os.replace(partial, Path(f"{target}{suffix}"))
    _flush_folder(folder)
    return Backup(target, BEFORE_RESTORE, taken_at)


def _use_wal(db: Path) -> None:
    """As RunnerUp keeps its database (and as :func:`open_store` would make it)."""
    conn = sqlite3.connect(str(db), timeout=5.0, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def _busy(db: Path) -> RestoreRefused:
    return RestoreRefused(
        f"Another RunnerUp has {db} open. Close it, then restore again; nothing was changed."
    )


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
