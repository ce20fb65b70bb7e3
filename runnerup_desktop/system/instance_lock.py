"""Which RunnerUp has a database open: a lock file beside the database (no Qt).

The first RunnerUp on a database takes an exclusive OS lock on ``<database>.runnerup-lock``
(created owner-only, and only once the database passed its checks) and writes into it
where a later launch can hand its arguments over (the local server's full address, which
does not depend on the later launch's ``TMPDIR``) and its process id. The OS drops the
lock when the process ends, however it ends, so a lock left by a crash holds nobody.
:func:`open_elsewhere` answers "is this database open in another RunnerUp?" for any code
that needs to know (a restore must not replace a file another RunnerUp writes to).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SUFFIX = ".runnerup-lock"
#: How long a later launch waits for a RunnerUp that is starting to say where it listens.
WAIT_FOR_ADDRESS_S = 10.0
_POLL_S = 0.05
#: Windows locks a byte range: one byte far past what the file holds, so it stays readable.
_WINDOWS_LOCK_OFFSET = 2**31 - 1


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


@dataclass(frozen=True)
class Holder:
    """The RunnerUp that has the database open: where it listens ("" if not yet) and its
    process id (0 if not yet written)."""

    address: str
    pid: int


class InstanceLock:
    """The lock held by this process on one database (see the module's docstring)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, db_path: Path) -> InstanceLock | Holder:
        """Take the lock, or say who holds it. ``OSError`` if the lock file cannot be made."""
        path = lock_path(db_path)
        while True:
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
            if not _try_lock(fd):
                os.close(fd)
                return read_holder(path)
            if _same_file(fd, path):
                return cls(path, fd)
            # The previous holder removed the file after we opened it: take the new one.
            os.close(fd)

    def publish(self, address: str) -> None:
        """Say where a later launch can hand its arguments over."""
        assert self._fd is not None
        data = json.dumps({"address": address, "pid": os.getpid()}).encode()
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, data, 0)

    def release(self) -> None:
        """Remove the file (still holding the lock, so no later launch takes it half-gone)."""
        if self._fd is None:
            return
        # In a folder turned read-only the file stays; its lock goes with the process.
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None


def read_holder(path: Path) -> Holder:
    try:
        data = json.loads(path.read_bytes() or b"{}")
        return Holder(address=str(data.get("address", "")), pid=int(data.get("pid", 0)))
    except (OSError, ValueError, TypeError, AttributeError):
        return Holder(address="", pid=0)


def wait_for_address(db_path: Path, timeout_s: float = WAIT_FOR_ADDRESS_S) -> Holder | None:
    """The holder once it has said where it listens; ``None`` when the lock is free again
    (the holder ended), or the holder as it is after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while True:
        if not open_elsewhere(db_path):
            return None
        holder = read_holder(lock_path(db_path))
        if holder.address or time.monotonic() >= deadline:
            return holder
        time.sleep(_POLL_S)


def open_elsewhere(db_path: Path) -> bool:
    """Whether another RunnerUp (another process) has the database at ``db_path`` open."""
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDONLY if sys.platform != "win32" else os.O_RDWR)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # there, but unreadable to us: someone else's, say it is in use
    try:
        if _try_lock(fd, shared=True):
            _unlock(fd)
            return False
    finally:
        os.close(fd)
    return read_holder(path).pid != os.getpid()


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int, shared: bool = False) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int, shared: bool = False) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
