"""Logs and crash reports, without personal data.

A crash report names the program, the platform and where the code failed; it carries no
local variables, and the exception's message is scrubbed of quoted text, email
addresses, URLs, long numbers and the user's home folder, since any of those might be a
name, a note or a secret.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sys
import traceback
from pathlib import Path
from types import TracebackType

from runnerup_desktop import __version__
from runnerup_desktop.system.paths import AppPaths

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: Compiled on first use (a crash), not at start-up.
_SCRUBBERS = [
    (r"[\w.+-]+@[\w-]+(\.[\w-]+)+", "<email>"),
    (r"\b\w+://\S+", "<url>"),
    (r"'[^']*'|\"[^\"]*\"|“[^”]*”", "'…'"),
    (r"\d[\d ()+./-]{5,}\d", "<number>"),
]


LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3


class PrivateRotatingLog(logging.FileHandler):
    """A log file readable by its owner only, moved aside to ``.1`` (then ``.2``, ``.3``)
    when it reaches ``max_bytes``. The standard library's rotating handler would create
    each new file with the umask's mode, and loads sockets, pickle and queues at start-up.
    """

    def __init__(self, path: Path, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS):
        _create_private(path)
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        if self.stream is not None and self.stream.tell() >= self.max_bytes:
            self._rotate()
        super().emit(record)

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


def _create_private(path: Path) -> None:
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def setup_logging(paths: AppPaths, level: int = logging.INFO) -> logging.Handler:
    """Send the app's logs to a rotating file in the user's log folder (owner-only)."""
    paths.log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = PrivateRotatingLog(paths.log_file)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    return handler


def scrub(text: str) -> str:
    home = str(Path.home())
    if home and home != "/":
        text = text.replace(home, "~")
    for pattern, replacement in _SCRUBBERS:
        text = re.sub(pattern, replacement, text)
    return text


def crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    import platform  # only when there is a crash to report

    frames = traceback.extract_tb(tb)
    lines = [
        f"RunnerUp {__version__} crashed at {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M:%S} UTC",
        f"Python {platform.python_version()} on {platform.platform()}",
        "",
        "Traceback (most recent call last):",
    ]
    for frame in frames:
        lines.append(f'  File "{scrub(frame.filename)}", line {frame.lineno}, in {frame.name}')
    lines.append(f"{exc_type.__module__}.{exc_type.__qualname__}: {scrub(str(exc))}")
    return "\n".join(lines) + "\n"


def write_crash_log(paths: AppPaths, report: str) -> Path:
    paths.log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(paths.crash_log, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(report + "\n")
    return paths.crash_log


def print_report(report: str) -> None:
    sys.stderr.write(report)
    sys.stderr.flush()
