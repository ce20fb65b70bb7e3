"""Which database the window opens: the one asked for, else the last one opened; the
list behind File ▸ Open recent; the demo's settings of its own.

``--db`` and ``RUNNERUP_DB`` win; without them a plain ``runnerup`` (and the start-at-login
entry, which carries no ``--db``) opens the database opened last, if it is still there,
else the default one. Every database the window opens goes to the top of the list; the
demo's never does.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

from PySide6.QtCore import QSettings

from runnerup_desktop.cli.launch import Options
from runnerup_desktop.system.paths import DB_ENV, AppPaths
from runnerup_desktop.ui.common.settings import RECENT_DATABASES

#: How many databases File ▸ Open recent lists.
MAX_RECENT = 8


def recent(settings: QSettings) -> list[Path]:
    """The databases opened last, newest first (whether or not they are still there)."""
    raw = settings.value(RECENT_DATABASES.key, "")
    text = raw if isinstance(raw, str) else ""
    return [Path(line) for line in text.splitlines() if line.strip()]


def _store(settings: QSettings, paths: list[Path]) -> None:
    settings.setValue(RECENT_DATABASES.key, "\n".join(str(p) for p in paths[:MAX_RECENT]))


def remember(settings: QSettings, path: Path) -> None:
    """``path`` was opened: first in the list from now on."""
    path = path.resolve()
    _store(settings, [path, *(p for p in recent(settings) if p != path)])


def forget(settings: QSettings, path: Path | None = None) -> None:
    """Take ``path`` off the list (every entry when ``None``)."""
    _store(settings, [p for p in recent(settings) if path is not None and p != path])


def keep_only(settings: QSettings, path: Path) -> None:
    """Clear the list but for ``path`` (the database open now, which stays the last one)."""
    _store(settings, [path.resolve()])


def last_opened(settings: QSettings) -> Path | None:
    """The database opened last, if it is still there."""
    found = recent(settings)
    return found[0] if found and found[0].is_file() else None


def start_options(options: Options, settings: QSettings) -> Options:
    """``options`` with the database to open: the last one opened, unless the command
    line, ``RUNNERUP_DB`` or ``--demo`` says otherwise."""
    if options.demo or options.db or os.environ.get(DB_ENV):
        return options
    last = last_opened(settings)
    return dataclasses.replace(options, db=str(last)) if last is not None else options


def demo_settings(paths: AppPaths, folder: Path) -> QSettings:
    """The demo's settings: a copy of the person's, in the demo's own folder, so that it
    looks like their RunnerUp and never writes their file (the folder goes at exit)."""
    copy = folder / "settings.ini"
    if paths.settings_file.is_file():
        shutil.copyfile(paths.settings_file, copy)
    settings = QSettings(str(copy), QSettings.Format.IniFormat)
    forget(settings)  # the demo's File ▸ Open recent does not list the person's files
    return settings
