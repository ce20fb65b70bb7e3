"""Choosing and opening the database for any command, windowed or headless (no Qt)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from runnerup_desktop.system.paths import AppPaths

if TYPE_CHECKING:
    from runnerup_desktop.store.database import Store

#: The database was refused, or failed in a known way: one sentence on stderr.
EXIT_REFUSED = 2
#: The demo's temporary folder starts with this (and nothing else is ever removed).
DEMO_PREFIX = "runnerup-demo-"
#: A bug: an allow-listed crash report (EX_SOFTWARE).
EXIT_BUG = 70


@dataclass(frozen=True)
class Options:
    db: str | None = None
    demo: bool = False
    exit_after_startup: bool = False
    #: Start in the tray, without a window (how the start-at-login entry starts it).
    background: bool = False
    #: A follow-up to show at once (a later launch hands it to the running instance).
    follow_up: int | None = None
    #: The command line's arguments, as a later launch hands them over.
    args: tuple[str, ...] = ()
    #: Write start-up's times (first paint, window ready; seconds since the epoch) here.
    startup_report: str | None = None
    #: Benchmarks: type this into the search box at the interactive moment, and report when
    #: it is answered (``ui/shell/search_probe.py``).
    startup_search: str | None = None


def demo_folder() -> Path:
    """A new, private temporary folder for the demo (:func:`discard_demo` removes it)."""
    return Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))


def discard_demo(store: Store) -> None:
    """Close the demo's store and remove its temporary folder, leaving nothing behind."""
    store.close()
    folder = store.path.parent
    if folder.name.startswith(DEMO_PREFIX):
        shutil.rmtree(folder, ignore_errors=True)


def close_database(store: Store, options: Options) -> None:
    """Close the store; the demo's goes with its folder."""
    if options.demo:
        discard_demo(store)
    else:
        store.close()


def open_database(paths: AppPaths, options: Options, folder: Path | None = None) -> Store:
    """The store the command line asked for; ``--demo`` makes a fresh temporary one (in
    ``folder``, by default a new one)."""
    from runnerup_desktop.store.database import open_store  # SQLAlchemy loads here

    if options.demo:
        from runnerup_desktop.store.demo import seed_demo  # only the demo needs the story

        store = open_store((folder or demo_folder()) / "demo.sqlite3")
        seed_demo(store.sessions)
        return store
    path = paths.resolve_db(options.db)
    return open_store(path, backup_dir=backup_dir_for(paths, path))


def backup_dir_for(paths: AppPaths, path: Path) -> Path | None:
    """Where copies of ``path`` go: the data folder's backups for the default file, else
    ``backups`` beside it (``None``)."""
    return paths.backup_dir if path == paths.default_db else None
