"""Real faults for the tests: a small or read-only file system (tmpfs, which root can
mount), an unprivileged user (CI runs as root, where permissions do not apply), a byte
flipped in a page, and an LD_PRELOAD shim whose writes to one file fail with EIO."""

from __future__ import annotations

import functools
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

#: The unprivileged user the permission tests run the program as (Debian's "nobody").
NOBODY = 65534
ROOT = Path(__file__).resolve().parents[1]


def runnerup_command() -> list[str]:
    script = Path(sys.executable).with_name("runnerup")
    return [str(script)] if script.exists() else [sys.executable, "-m", "runnerup_desktop"]


def program_env(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RUNNERUP_HOME": str(home), **extra}
    for name in ("RUNNERUP_DB", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return env


def run_program(
    args: Sequence[str],
    home: Path,
    *,
    user: int | None = None,
    timeout: float = 90,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    umask: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """``runnerup ARGS``, as ``user`` (a uid, through setpriv) if given."""
    command = [*runnerup_command(), *args]
    if user is not None:
        command = as_user(user, command)
    return subprocess.run(
        command,
        env=env or program_env(home),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def as_user(uid: int, command: Sequence[str]) -> list[str]:
    """``command`` run by ``uid`` with no extra groups (skips the test where it cannot)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the program as another user")
    switch = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
    if not _reachable(tuple(switch), command[0]):
        # A checkout in root's own home (0700), as on a fresh machine: the program is not
        # the other user's to run, and opening root's home to everyone is not the test's.
        pytest.skip(f"{command[0]} is in a folder user {uid} cannot enter (clone elsewhere)")
    return [*switch, *command]


@functools.cache
def _reachable(switch: tuple[str, ...], program: str) -> bool:
    done = subprocess.run([*switch, "test", "-x", program], check=False)
    return done.returncode == 0


def open_to_everyone(folder: Path) -> None:
    """Let the unprivileged user reach ``folder`` (pytest's tmp folders are 0700)."""
    for part in [folder, *folder.parents]:
        if part == Path("/"):
            break
        mode = part.stat().st_mode & 0o777
        os.chmod(part, mode | 0o711)


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A file system of ``size`` (``"1m"``) mounted on ``folder``, unmounted after."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small file system")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True)


def fill(folder: Path) -> Path:
    """Write a file in ``folder`` until its file system is full."""
    filler = folder / "filler"
    chunk = b"\0" * 4096
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(chunk)
        except OSError:
            pass
    return filler


def pages_of(path: Path, table: str) -> list[int]:
    """The page numbers of ``table``'s b-tree (SQLite's dbstat)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,)).fetchall()
    finally:
        conn.close()
    return [row[0] for row in rows]


def page_size(path: Path) -> int:
    with path.open("rb") as handle:
        header = handle.read(18)
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def flip(path: Path, offset: int, count: int = 8) -> None:
    """Invert ``count`` bytes of ``path`` at ``offset``."""
    with path.open("r+b") as handle:
        handle.seek(offset)
        data = handle.read(count)
        handle.seek(offset)
        handle.write(bytes(b ^ 0xFF for b in data))


EIO_SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* Writes to a file whose path ends with $FAULT_EIO_SUFFIX fail with EIO while the file
   $FAULT_EIO_FLAG exists: a disk that starts failing, on cue. */
static int failing(int fd) {
    const char *flag = getenv("FAULT_EIO_FLAG");
    const char *suffix = getenv("FAULT_EIO_SUFFIX");
    if (!flag || !suffix || access(flag, F_OK) != 0) return 0;
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0) return 0;
    target[n] = 0;
    size_t len = strlen(suffix);
    return (size_t)n >= len && strcmp(target + n - len, suffix) == 0;
}

#define FAIL_OR_CALL(name, type, call) \
    static type (*real)() = 0; \
    if (!real) real = (type (*)())dlsym(RTLD_NEXT, name); \
    if (failing(fd)) { errno = EIO; return -1; } \
    return call;

ssize_t pwrite64(int fd, const void *buf, size_t count, off_t offset) {
    FAIL_OR_CALL("pwrite64", ssize_t, real(fd, buf, count, offset))
}
ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
    FAIL_OR_CALL("pwrite", ssize_t, real(fd, buf, count, offset))
}
ssize_t write(int fd, const void *buf, size_t count) {
    FAIL_OR_CALL("write", ssize_t, real(fd, buf, count))
}
int fdatasync(int fd) { FAIL_OR_CALL("fdatasync", int, real(fd)) }
int fsync(int fd) { FAIL_OR_CALL("fsync", int, real(fd)) }
"""


def build_eio_shim(folder: Path) -> Path:
    """Compile :data:`EIO_SHIM` (gcc and libc6-dev: scripts/system-deps.sh test)."""
    compiler = shutil.which("gcc") or shutil.which("cc")
    if compiler is None:
        pytest.skip("needs a C compiler for the failing-disk shim (apt install gcc libc6-dev)")
    source = folder / "eio.c"
    source.write_text(EIO_SHIM)
    library = folder / "eio.so"
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-o", str(library), str(source), "-ldl"],
        check=True,
        capture_output=True,
    )
    return library


HOLD_THE_WRITE_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


@contextmanager
def write_lock_held(db: Path) -> Iterator[None]:
    """Another program holds ``db``'s write lock (a second process) until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_WRITE_LOCK, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        yield
    finally:
        holder.communicate("")
