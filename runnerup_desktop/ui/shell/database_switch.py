"""One database per process: File ▸ Open… (and New database…, Open recent) moves RunnerUp
to another file, and a file refused at start-up offers another.

:class:`DatabaseSwitch` is the part of :class:`~runnerup_desktop.ui.shell.startup.Startup`
that does it: it takes the new file's lock (or brings forward the RunnerUp that has it),
opens it, then builds the window, the tray and the reminders over it and lets the old file
go, its automatic backup taken as at quit.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from runnerup_desktop.cli.launch import EXIT_REFUSED, Options, backup_dir_for
from runnerup_desktop.store.change import StorageError
from runnerup_desktop.store.checks import StoreRefused
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.shell import databases
from runnerup_desktop.ui.shell.appearance import Appearance
from runnerup_desktop.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from runnerup_desktop.store.database import Store
    from runnerup_desktop.ui.shell.background import Background
    from runnerup_desktop.ui.shell.context import AppContext
    from runnerup_desktop.ui.shell.single_instance import SingleInstance

log = logging.getLogger(__name__)


class DatabaseSwitch:
    """Moving this RunnerUp from one database to another; :class:`Startup` builds on it."""

    _app: QApplication
    _options: Options
    _paths: AppPaths
    _settings: QSettings
    _instance: SingleInstance | None
    _store: Store | None
    _background: Background | None
    appearance: Appearance
    window: MainWindow | None

    def begin(self) -> int | None:
        raise NotImplementedError

    def _start_background(self, context: AppContext) -> None:
        raise NotImplementedError

    def _launched_again(self, args: list[str]) -> None:
        raise NotImplementedError

    def _refuse(self, refusal: Exception) -> int | None:
        """A refused file at start-up: one line for smoke runs; for a person, the reason
        and the way on (another file, a new one), without a word about ``--db``."""
        log.warning("database refused: %s", refusal)
        if self._options.exit_after_startup or self._options.demo:
            sys.stderr.write(f"runnerup: {refusal}\n")
            return EXIT_REFUSED
        from runnerup_desktop.ui.shell.switching import refused_at_start

        chosen = refused_at_start(self.window, str(refusal), self._paths.data_dir)
        if chosen is None:
            return EXIT_REFUSED
        return self._start_over(chosen)

    def _start_over(self, path: Path) -> int | None:
        """Start again on ``path``, the file the person chose after a refusal (its lock
        taken as any start takes it, or handed over to the RunnerUp that has it)."""
        if self._instance is not None:
            self._instance.close()
            self._instance = None
        self._options = dataclasses.replace(self._options, db=str(path))
        if self.window is not None:  # the first paint's window, of the refused file
            self.window.retire()
            self.window = None
        return self.begin()

    # --- one database per process: File ▸ Open… ------------------------------------------
    def _adopt(self, window: MainWindow) -> None:
        window.quit_requested.connect(self._app.quit)
        window.preferences_changed.connect(self.appearance.apply)
        window.database_chosen.connect(self.switch_to)
        window.set_demo(self._options.demo)

    def switch_to(self, path: Path) -> bool:
        """Move this RunnerUp to the database at ``path`` (File ▸ Open…); whether it did.

        The new file's claim first (when another RunnerUp has it, that one comes forward
        and this one stays as it was), then the file itself (a refusal leaves everything as
        it was and offers another), then the window, the tray and the reminders over it;
        only then does the old file go."""
        from runnerup_desktop.store.database import open_store
        from runnerup_desktop.ui.shell.context import AppContext
        from runnerup_desktop.ui.shell.switching import Claim, explain, take_database

        old_window, old_store = self.window, self._store
        path = path.resolve()
        if old_window is None or old_store is None or self._options.demo:
            return False
        if old_store.path == path:
            old_window.bring_to_front()
            return True
        claim, instance = take_database(path, self._app)
        if claim is not Claim.FIRST:
            explain(old_window, claim, path)
            return False
        try:
            store = open_store(path, backup_dir=backup_dir_for(self._paths, path))
        except (StoreRefused, StorageError) as refusal:
            if instance is not None:
                instance.close()
            log.warning("database refused: %s", refusal)
            from runnerup_desktop.ui.shell.switching import refused_on_open

            chosen = refused_on_open(old_window, str(refusal), path.parent)
            return self.switch_to(chosen) if chosen is not None else False
        if self._background is not None:
            self._background.stop()
            self._background = None
        old_window.save_state()
        self._leave_backups(old_window)
        self._store = store
        context = AppContext.for_store(store, self._settings)
        window = MainWindow(context)
        self._adopt(window)
        self.window = window
        old_window.retire()
        old_store.close()
        if self._instance is not None:
            self._instance.close()
        self._instance = instance
        if instance is not None:
            instance.arrived.connect(self._launched_again)
        self._options = dataclasses.replace(
            self._options, db=str(path), background=False, follow_up=None
        )
        databases.remember(self._settings, path)
        log.info("switched to another database")
        if self._options.exit_after_startup:
            window.show()
        else:
            self._start_background(context)
        window.statusBar().showMessage(f"Opened {path.name}", 8000)
        return True

    def _leave_backups(self, window: MainWindow) -> None:
        """The automatic backups of a file RunnerUp leaves (File ▸ Open… another): its
        backup now if anything changed, as at quit, and none of its timers left running."""
        if not window.attached:
            return
        automatic = window.data_actions.automatic
        with contextlib.suppress(RuntimeError, TypeError):  # it had not started
            self._app.aboutToQuit.disconnect(automatic.at_quit)
        if not self._options.demo:
            automatic.at_quit()
        automatic.stop()
