"""Logs and crash reports, without personal data.

A crash report names the program, the platform and where the code failed; it carries no
local variables, and the exception's message is scrubbed of quoted text, email
addresses, URLs, long numbers and the user's home folder, since any of those might be a
name, a note or a secret.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import os
import platform
import re
import sys
import traceback
from pathlib import Path
from types import TracebackType

from runnerup_desktop import __version__
from runnerup_desktop.paths import AppPaths

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_SCRUBBERS = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "<email>"),
    (re.compile(r"\b\w+://\S+"), "<url>"),
    (re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”"), "'…'"),
    (re.compile(r"\d[\d ()+./-]{5,}\d"), "<number>"),
]


def setup_logging(paths: AppPaths, level: int = logging.INFO) -> logging.Handler:
    """Send the app's logs to a rotating file in the user's log folder (owner-only)."""
    paths.log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not paths.log_file.exists():
        os.close(os.open(paths.log_file, os.O_CREAT | os.O_WRONLY, 0o600))
    handler = logging.handlers.RotatingFileHandler(
        paths.log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
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
        text = pattern.sub(replacement, text)
    return text


def crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
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
