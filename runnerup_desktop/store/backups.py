"""Backups of the database file, and which of them to keep (no Qt).

A backup is taken with SQLite's online backup API, never by copying the file: it reads
one snapshot of the database (WAL lets the app go on writing meanwhile), so it holds
every change committed before it began and none half-written. It is written to a hidden
``.partial`` file, made a stand-alone file (rollback journal, not WAL), flushed to the
disk and only then renamed to its name: a backup that was interrupted (a crash, a kill,
a full disk) never looks like one, and the database itself is only ever read.

Backups live in ``backups/`` beside the database, mode 0600, named
``<database>-<kind>-<YYYYmmdd-HHMMSS>-<tag>.sqlite3`` (local time, and a random tag so
that two taken in the same second never collide). Kinds: ``auto`` (taken by the app,
rotated), ``manual`` (asked for), ``before-restore`` (the file a restore replaced), and
the copies made before a schema upgrade (``schema-<revision>``, by
:mod:`runnerup_desktop.store.database`). Only ``auto`` backups are ever deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from runnerup_desktop.store.change import ServiceError, StorageError

AUTO = "auto"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
BEFORE_UPGRADE = "before-upgrade"  # the kind of database.py's "schema-<revision>" copies
#: A hidden file being written; one left behind by a crash is removed after a day.
PARTIAL = ".partial"

Clock = Callable[[], dt.datetime]


class BackupRefused(ServiceError):
    """There is nothing to back up, or the target is taken; ``str(exc)`` says so."""


class BackupFailed(StorageError):
    """The backup could not be written (disk full, a read-only folder, ...)."""


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str
    #: When it was taken, local time (from its name).
    taken_at: dt.datetime

    @property
    def rotated(self) -> bool:
        """Only automatic backups are ever deleted by rotation."""
        return self.kind == AUTO


@dataclass(frozen=True)
class Retention:
    """How many automatic backups rotation keeps: the newest of each of the last
    ``daily`` days, ``weekly`` ISO weeks and ``monthly`` months that have one."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 6


def backup_folder(db: Path) -> Path:
    return db.parent / "backups"


def local_now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def take_backup(
    db: Path,
    *,
    kind: str = MANUAL,
    to: Path | None = None,
    clock: Clock = local_now,
) -> Backup:
    """Back ``db`` up into its backups folder (or to the file ``to``, which must not
    exist) and return the backup. Raises :class:`BackupRefused` when ``db`` is not a
    database to back up or ``to`` exists, :class:`BackupFailed` when it cannot be
    written."""
    db = Path(db)
    _check_source(db)
    taken_at = clock().replace(microsecond=0)
    if to is None:
        folder = backup_folder(db)
        target = folder / backup_name(db, kind, taken_at)
    else:
        target = Path(to)
        folder = target.parent
        if target.exists():
            raise BackupRefused(f"{target} already exists; choose a new file name.")
    if folder.exists() and not folder.is_dir():
        raise BackupFailed(f"RunnerUp could not write the backup {target}: {folder} is a file.")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        copy_database(db, target)
    except OSError as error:
        raise BackupFailed(
            f"RunnerUp could not write the backup {target}: {error.strerror or error}."
        ) from error
    except sqlite3.Error as error:
        raise BackupFailed(f"RunnerUp could not back up {db}: {error}.") from error
    return Backup(target, kind, taken_at)


def backup_name(db: Path, kind: str, taken_at: dt.datetime) -> str:
    tag = secrets.token_hex(2)
    return f"{db.stem}-{kind}-{taken_at:%Y%m%d-%H%M%S}-{tag}{db.suffix or '.sqlite3'}"


def copy_database(source: Path, target: Path) -> None:
    """Copy the database ``source`` to ``target`` (replaced if it exists) with SQLite's
    backup API, through a hidden partial file renamed only once it is whole and on disk.
    ``source`` is only read."""
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}{PARTIAL}")
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        reader = sqlite3.connect(f"file:{quote(str(source))}?mode=ro", uri=True, timeout=10.0)
        try:
            writer = sqlite3.connect(str(partial), isolation_level=None)
            try:
                # One step (pages=-1): one read transaction, so one snapshot, however
                # much the app writes meanwhile (WAL lets it).
                reader.backup(writer)
                writer.execute("PRAGMA journal_mode=DELETE")  # one stand-alone file
            finally:
                writer.close()
        finally:
            reader.close()
        _flush(partial)
        os.replace(partial, target)
        _flush_folder(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder to flush it; its renames are journaled
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_source(db: Path) -> None:
    if not db.is_file() or db.stat().st_size == 0:
        raise BackupRefused(f"There is no database at {db} to back up.")
    revision = read_revision(db)
    if revision is None:
        raise BackupRefused(f"{db} is not a RunnerUp database, so RunnerUp will not back it up.")


def read_revision(path: Path) -> str | None:
    """The schema revision of a RunnerUp database file, or ``None`` if it is not one
    (not SQLite, damaged, someone else's)."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None


_NAME = re.compile(
    r"-(?P<kind>auto|manual|before-restore|schema-[0-9A-Za-z_]+)"
    r"-(?P<stamp>\d{8}-\d{6})(?:[-_.][0-9A-Za-z_-]*)?$"
)


def parse_backup(db: Path, path: Path) -> Backup | None:
    """The backup of ``db`` that ``path`` is, or ``None`` if its name is not one's."""
    suffix = db.suffix or ".sqlite3"
    name = path.name
    if not name.startswith(f"{db.stem}-") or not name.endswith(suffix):
        return None
    match = _NAME.fullmatch(name[len(db.stem) : len(name) - len(suffix)])
    if match is None:
        return None
    try:
        taken_at = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    kind = match["kind"]
    return Backup(path, BEFORE_UPGRADE if kind.startswith("schema-") else kind, taken_at)


def list_backups(db: Path) -> list[Backup]:
    """Every backup of ``db`` in its backups folder, newest first."""
    folder = backup_folder(db)
    try:
        paths = [path for path in folder.iterdir() if path.is_file()]
    except OSError:
        return []
    found = [backup for path in paths if (backup := parse_backup(db, path)) is not None]
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def to_delete(backups: Iterable[Backup], keep: Retention) -> list[Backup]:
    """The automatic backups rotation deletes: all but the newest of each of the last
    ``keep.daily`` days, ``keep.weekly`` weeks and ``keep.monthly`` months that have one
    (a period without a backup does not count). Other kinds are never deleted."""
    autos = sorted(
        (backup for backup in backups if backup.rotated),
        key=lambda backup: (backup.taken_at, backup.path.name),
        reverse=True,
    )
    kept: set[Path] = set()
    periods: tuple[tuple[Callable[[dt.datetime], object], int], ...] = (
        (lambda moment: moment.date(), keep.daily),
        (lambda moment: moment.isocalendar()[:2], keep.weekly),
        (lambda moment: (moment.year, moment.month), keep.monthly),
    )
    for period, count in periods:
        seen: set[object] = set()
        for backup in autos:
            key = period(backup.taken_at)
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(key)
            kept.add(backup.path)
    return [backup for backup in autos if backup.path not in kept]


def rotate(db: Path, keep: Retention, clock: Clock = local_now) -> list[Backup]:
    """Delete what :func:`to_delete` says, and partial files older than a day; the
    backups deleted."""
    deleted = []
    for backup in to_delete(list_backups(db), keep):
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
            deleted.append(backup)
    _remove_stale_partials(backup_folder(db), clock())
    return deleted


def _remove_stale_partials(folder: Path, now: dt.datetime) -> None:
    try:
        partials = [path for path in folder.iterdir() if path.name.endswith(PARTIAL)]
    except OSError:
        return
    for path in partials:
        with contextlib.suppress(OSError):
            modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
            if now - modified > dt.timedelta(days=1):
                path.unlink()


def automatic_due(db: Path, now: dt.datetime) -> bool:
    """Whether the app should take today's automatic backup: none taken yet today."""
    return not any(
        backup.kind == AUTO and backup.taken_at.date() == now.date() for backup in list_backups(db)
    )


def take_automatic(db: Path, keep: Retention, clock: Clock = local_now) -> Backup:
    """An automatic backup, then rotation."""
    backup = take_backup(db, kind=AUTO, clock=clock)
    rotate(db, keep, clock)
    return backup


@dataclass(frozen=True)
class Summary:
    """What a backup holds, for the list to choose from."""

    revision: str | None
    companies: int
    contacts: int
    follow_ups: int


def summarize(path: Path) -> Summary | None:
    """Its schema revision and counts, or ``None`` if it cannot be read as a RunnerUp
    database."""
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True, timeout=5.0
        )
    except sqlite3.Error:
        return None
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        counts = [
            int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("company", "contact", "follow_up")
        ]
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return Summary(str(revision[0]) if revision else None, *counts)


def describe(summary: Summary) -> str:
    """``3 companies, 1 contact, 12 follow-ups``."""
    from runnerup_desktop.store.export_format import describe_counts

    return describe_counts(
        {
            "company": summary.companies,
            "contact": summary.contacts,
            "follow_up": summary.follow_ups,
        },
        zeros=True,
    )
