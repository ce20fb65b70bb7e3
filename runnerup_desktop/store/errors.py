"""SQLite's failures, sorted in one place: the known ones become a :class:`StorageError`
with a sentence for the person; everything else is a bug and goes on to the crash dialog.

The known kinds are failures of the file or the disk, not of RunnerUp: the disk is full,
the disk or the file system reported an I/O error, another program holds the file
(locked), the file or its folder became read-only, the file is damaged, or the file can no
longer be opened (moved or deleted). They are told apart by SQLite's result code, never by
the message's wording. No SQLAlchemy here: the checks before start-up's first paint and the
damage check use :mod:`sqlite3` alone; :mod:`.database` applies :func:`storage_error` to
every statement, commit and connection of the engine.
"""

from __future__ import annotations

import sqlite3
from enum import Enum
from pathlib import Path

from runnerup_desktop.store.change import StorageError


class Kind(Enum):
    """A known failure of the database file; its value is what the log records."""

    FULL = "disk full"
    IO = "I/O error"
    LOCKED = "locked"
    READ_ONLY = "read-only"
    DAMAGED = "damaged"
    GONE = "moved or deleted"


#: SQLite's primary result codes (the low byte of an extended code) for each kind.
_KINDS: dict[int, Kind] = {
    sqlite3.SQLITE_FULL: Kind.FULL,
    sqlite3.SQLITE_IOERR: Kind.IO,
    sqlite3.SQLITE_BUSY: Kind.LOCKED,
    sqlite3.SQLITE_LOCKED: Kind.LOCKED,
    sqlite3.SQLITE_READONLY: Kind.READ_ONLY,
    sqlite3.SQLITE_PERM: Kind.READ_ONLY,
    sqlite3.SQLITE_CORRUPT: Kind.DAMAGED,
    sqlite3.SQLITE_NOTADB: Kind.DAMAGED,
    sqlite3.SQLITE_CANTOPEN: Kind.GONE,
}

_SENTENCES: dict[Kind, str] = {
    Kind.FULL: (
        "The disk that holds {path} is full, so this change was not saved. Free some space "
        "on it, then save again."
    ),
    Kind.IO: (
        "The disk reported an error while RunnerUp was using {path}, so this change was not "
        "saved. Check the disk (or the network or USB drive it is on) and save again; if it "
        "keeps happening, copy the file to another disk."
    ),
    Kind.LOCKED: (
        "{path} is busy: another program (or another RunnerUp) is writing to it, so this "
        "change was not saved. Close the other program, then save again."
    ),
    Kind.READ_ONLY: (
        "{path} or its folder has become read-only, so this change was not saved. Make them "
        "writable again, then save again."
    ),
    Kind.DAMAGED: (
        "{path} is damaged, so RunnerUp stopped saving to it to protect what is left; what "
        "you see may be incomplete. {backup}"
    ),
    Kind.GONE: (
        "{path} was moved or deleted while RunnerUp was running, so RunnerUp stopped saving: "
        "nothing more would reach the file. {backup}"
    ),
}

#: The kinds after which RunnerUp saves nothing more to the file (see :class:`Health`).
STOPPING = frozenset({Kind.DAMAGED, Kind.GONE})


def kind_of(error: BaseException) -> Kind | None:
    """The known kind of an error raised by :mod:`sqlite3`, or ``None``: a bug. Text that
    is not UTF-8 where SQLite keeps its own (the schema, its messages) is damage."""
    if isinstance(error, UnicodeDecodeError):
        return Kind.DAMAGED
    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    return _KINDS.get(code & 0xFF)


def storage_error(
    kind: Kind, path: Path, backup_dir: Path | None = None, *, detail: str = ""
) -> StorageError:
    """The refusal for ``kind``; the stopping kinds name the newest backup."""
    backup = restore_hint(path, backup_dir) if kind in STOPPING else ""
    sentence = _SENTENCES[kind].format(path=path, backup=backup).strip()
    if detail:
        sentence = f"{sentence} {detail}"
    return StorageError(sentence, kind=kind.value)


def lenient_text(value: bytes) -> str:
    """A stored text as ``str``; bytes that are not UTF-8 (damage) show as U+FFFD."""
    return value.decode("utf-8", "replace")


def sorted_error(error: BaseException, path: Path, backup_dir: Path | None) -> StorageError | None:
    """A :class:`StorageError` for a known failure, else ``None`` (a bug, left as it is)."""
    kind = kind_of(error)
    return storage_error(kind, path, backup_dir) if kind is not None else None


def newest_backup(path: Path, backup_dir: Path | None) -> Path | None:
    """The newest copy of ``path`` in its backups folder, if there is one."""
    folder = backup_dir if backup_dir is not None else path.parent / "backups"
    try:
        copies = [
            entry
            for entry in folder.iterdir()
            if entry.name.startswith(f"{path.stem}-") and entry.is_file()
        ]
    except OSError:
        return None
    return max(copies, key=lambda entry: entry.stat().st_mtime, default=None)


def restore_hint(path: Path, backup_dir: Path | None) -> str:
    """Where the newest backup is, and how to use it; or that there is none."""
    backup = newest_backup(path, backup_dir)
    if backup is None:
        return (
            "RunnerUp has no backup of it. Close RunnerUp and copy the file somewhere safe "
            "before anything else."
        )
    return (
        f"Your newest backup is {backup}. Close RunnerUp, then copy that backup to {path} "
        "(or open it with --db) to go on from it."
    )
