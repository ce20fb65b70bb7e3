"""Logs and crash reports, without personal data, and never in the way.

A crash report is built from an allow-list, never from the exception's message: the
exception's type (and the types it was raised from), SQLite's result-code name when there
is one, RunnerUp's own frames as file, line and function, how many frames of other code
lie between them, and the versions of RunnerUp, Python, Qt and the platform. Nothing a
person typed, and no path outside the program, can be in it.

Logging never takes the app down: a log file that cannot be written (a full disk, a folder
without permission) is reported once on stderr and then left alone, and writing a crash
report that fails is skipped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

import runnerup_desktop
from runnerup_desktop import __version__
from runnerup_desktop.system.paths import AppPaths

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
#: The folder whose files are RunnerUp's own; frames elsewhere are only counted.
PACKAGE = Path(runnerup_desktop.__file__).resolve().parent


class PrivateRotatingLog(logging.FileHandler):
    """A log file readable by its owner only, moved aside to ``.1`` (then ``.2``, ``.3``)
    when it reaches ``max_bytes``. The standard library's rotating handler would create
    each new file with the umask's mode, and loads sockets, pickle and queues at start-up.

    Any failure to write (the rotation included) goes to :meth:`handleError`, which says
    so once on stderr: a log call never raises into its caller.
    """

    def __init__(self, path: Path, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS):
        _create_private(path)
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups
        self.failed = False

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self._rotate()
            super().emit(record)
        except Exception:
            self.handleError(record)

    def flush(self) -> None:
        try:
            super().flush()
        except Exception:
            self.handleError(None)

    def close(self) -> None:
        try:
            super().close()
        except OSError:  # the last lines could not be written: said once already
            self.stream = None

    def handleError(self, record: logging.LogRecord | None) -> None:
        if self.failed:
            return
        self.failed = True
        error = sys.exc_info()[1]
        with contextlib.suppress(Exception):
            sys.stderr.write(
                f"runnerup: cannot write the log file {self.baseFilename} "
                f"({_reason(error)}); going on without it.\n"
            )

    def _rotate(self) -> None:
        self.close()
        path = Path(self.baseFilename)
        for number in range(self.backups - 1, 0, -1):
            older = path.with_name(f"{path.name}.{number}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{number + 1}"))
        os.replace(path, path.with_name(f"{path.name}.1"))
        _create_private(path)
        self.stream = self._open()


def _reason(error: BaseException | None) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__ if error is not None else "unknown error"


def _create_private(path: Path) -> None:
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def setup_logging(paths: AppPaths, level: int = logging.INFO) -> logging.Handler | None:
    """Send the app's logs to a rotating file in the user's log folder (owner-only); when
    the folder or the file cannot be used, say so once and log nowhere."""
    root = logging.getLogger()
    root.setLevel(level)
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler: logging.Handler = PrivateRotatingLog(paths.log_file)
    except OSError as error:
        sys.stderr.write(
            f"runnerup: cannot write a log in {paths.log_dir} ({_reason(error)}); "
            "going on without one.\n"
        )
        root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    return handler


def crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """The report of an unexpected error, from the allow-list in the module's docstring."""
    import platform  # only when there is a crash to report

    lines = [
        f"RunnerUp {__version__} hit an unexpected error at "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M:%S} UTC",
        f"Python {platform.python_version()}{_qt_versions()} on {platform.platform()}",
        "",
        f"Error: {_type_name(exc_type)}{_sqlite_code(exc)}",
    ]
    seen = {id(exc)}
    cause = exc.__cause__ or exc.__context__
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        lines.append(f"  from {_type_name(type(cause))}{_sqlite_code(cause)}")
        cause = cause.__cause__ or cause.__context__
    lines += ["", "Where (most recent call last):", *_frames(tb)]
    return "\n".join(lines) + "\n"


def _type_name(exc_type: type[BaseException]) -> str:
    return f"{exc_type.__module__}.{exc_type.__qualname__}"


def _sqlite_code(exc: BaseException) -> str:
    """SQLite's result-code name (a constant such as ``SQLITE_ERROR``), if it has one."""
    for candidate in (exc, getattr(exc, "orig", None)):
        name = getattr(candidate, "sqlite_errorname", None)
        if isinstance(name, str) and name.startswith("SQLITE_") and name.isupper():
            return f" ({name})"
    return ""


def _qt_versions() -> str:
    core = sys.modules.get("PySide6.QtCore")
    if core is None:
        return ""
    pyside = sys.modules.get("PySide6")
    return f", Qt {core.qVersion()} (PySide6 {getattr(pyside, '__version__', '?')})"


def _frames(tb: TracebackType | None) -> list[str]:
    lines: list[str] = []
    others = 0
    for frame in traceback.extract_tb(tb):
        own = _own_file(frame.filename)
        if own is None:
            others += 1
            continue
        if others:
            lines.append(f"  ({others} frame{'s' if others != 1 else ''} in other code)")
            others = 0
        lines.append(f"  {own}, line {frame.lineno}, in {frame.name}")
    if others:
        lines.append(f"  ({others} frame{'s' if others != 1 else ''} in other code)")
    return lines


def _own_file(filename: str) -> str | None:
    """``runnerup_desktop/...py`` for a file of RunnerUp's, else ``None``."""
    try:
        relative = Path(filename).resolve().relative_to(PACKAGE)
    except (ValueError, OSError):
        return None
    return f"{PACKAGE.name}/{relative.as_posix()}"


def write_crash_log(paths: AppPaths, report: str) -> Path | None:
    """Append the report to the crash log (owner-only); ``None`` if it cannot be written."""
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(paths.crash_log, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(report + "\n")
    except OSError:
        return None
    return paths.crash_log


def print_report(report: str) -> None:
    with contextlib.suppress(Exception):
        sys.stderr.write(report)
        sys.stderr.flush()
