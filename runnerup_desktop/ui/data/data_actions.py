"""File ▸ Back up now…, Restore…, Export everything… and Import everything…, and the
automatic backups.

Export and import run through the change path's background variant (a progress dialog
with Cancel; a cancelled import rolls back, leaving nothing), each job on a connection of
its own. A backup runs the same way. A restore runs on the window's own thread, with
every connection of the window closed first and none opened until it is done: the file
is replaced underneath, and a connection left open would go on using the old one.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget
from sqlalchemy import Engine

from runnerup_desktop.store.backups import (
    MANUAL,
    Backup,
    describe,
    parse_backup,
    summarize,
    take_backup,
)
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.export_format import describe_counts
from runnerup_desktop.ui.data.auto_backup import AutomaticBackups
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.operations import Progress

log = logging.getLogger(__name__)

JSON_FILTER = "RunnerUp export, JSON (*.json)"
CSV_FILTER = "CSV files, one per table, in a new folder (*)"


class DataActions(QObject):
    def __init__(self, window: QWidget, context: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = context
        self.back_up_action = self._action("&Back up now…", self.back_up_now)
        self.restore_action = self._action("&Restore from a backup…", self.restore)
        self.export_action = self._action("E&xport everything (JSON or CSV)…", self.export)
        self.import_action = self._action("Import e&verything from an export…", self.import_file)
        # Its timers go with the window (File ▸ Open… retires a window while RunnerUp runs).
        self.automatic = AutomaticBackups(
            context.db_path, context.settings, context.changes, parent=self
        )
        self.automatic.taken.connect(
            lambda backup: self._status(f"Backed up automatically: {backup.path.name}")
        )
        self.automatic.failed.connect(lambda text: self._status(f"Automatic backup: {text}"))
        #: Where the export and import dialogs open (then the folder last used).
        self.folder = Path.home()
        #: How a message reaches the person (tests read it instead).
        self.inform: Callable[[str, str], None] = self._inform
        self.warn: Callable[[str, str], None] = self._warn

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def fill_menu(self, menu: QMenu, before: QAction) -> None:
        for action in (self.back_up_action, self.restore_action):
            menu.insertAction(before, action)
        menu.insertSeparator(before)
        for action in (self.export_action, self.import_action):
            menu.insertAction(before, action)
        menu.insertSeparator(before)

    # --- backup ------------------------------------------------------------------------
    def back_up_now(self) -> None:
        db = self._ctx.db_path

        def job(_progress: Progress) -> tuple[Backup, Change]:
            return take_backup(db, kind=MANUAL), Change()

        def done(result: tuple[Backup, Change]) -> None:
            backup = result[0]
            self.automatic.changed = False
            summary = summarize(backup.path)
            held = f" It holds {describe(summary)}." if summary else ""
            self.inform("Backed up", f"Backed up to {backup.path}.{held}")

        self._ctx.ops.run_in_background(
            self._window,
            job,
            label="Back up",
            title="Backing up…",
            undoable=False,
            done=done,
            failed=lambda error: self.warn("Back up: not done", str(error)),
        )

    # --- restore -----------------------------------------------------------------------
    def restore(self) -> None:
        if self._ctx.ops.busy():
            self.warn(
                "Restore: not now",
                "An export or an import is still running; restore once it has finished.",
            )
            return
        from runnerup_desktop.ui.data.restore_dialog import RestoreDialog  # when first used

        dialog = RestoreDialog(self._ctx.db_path, self._window)
        try:
            if not dialog.exec() or dialog.chosen is None:
                return
            chosen = dialog.chosen
        finally:
            dialog.deleteLater()
        self.restore_file(chosen)

    def restore_file(self, source: Path) -> None:
        """Put ``source`` in the database's place, the window's connections closed."""
        from runnerup_desktop.store.engine import file_replaced
        from runnerup_desktop.store.in_use import open_elsewhere
        from runnerup_desktop.store.restore import restore
        from runnerup_desktop.ui.data.restore_dialog import when

        db = self._ctx.db_path
        self.automatic.wait()
        engine = _engine(self._ctx)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            engine.dispose()  # this window's connections: they count as "open" too
            result = restore(db, source, in_use=open_elsewhere)
            # A new file at the same path: the engine's check that the file is still the
            # one it opened would otherwise stop every later write as "moved or deleted".
            file_replaced(engine)
        except ServiceError as error:
            self.warn("Restore: not done", str(error))
            return
        finally:
            engine.dispose()
            QApplication.restoreOverrideCursor()
        clear = getattr(self._ctx.ops.history, "clear", None)
        if callable(clear):
            clear()  # the steps before the restore no longer apply to what is there
        self.automatic.changed = False
        self._ctx.ops.announce(Change(everything=True))
        parsed = parse_backup(db, source)
        what = f"the backup of {when(parsed)}" if parsed else source.name
        held = f", which holds {describe(result.summary)}" if result.summary else ""
        upgraded = " (brought up to this version)" if result.upgraded_to else ""
        saved = (
            " What RunnerUp held until now was backed up first: to take this back, restore "
            f"the backup “Before a restore” of {when(result.saved_current)}."
            if result.saved_current
            else ""
        )
        self.inform("Restored", f"Restored {what}{upgraded}{held}.{saved}")

    # --- export --------------------------------------------------------------------------
    def export(self) -> None:
        start = self.folder / f"runnerup-export-{dt.date.today().isoformat()}.json"
        name, chosen_filter = QFileDialog.getSaveFileName(
            self._window, "Export everything", str(start), f"{JSON_FILTER};;{CSV_FILTER}"
        )
        if not name:
            return
        as_csv = chosen_filter == CSV_FILTER
        target = Path(name)
        self.folder = target.parent
        if not as_csv and target.suffix.lower() != ".json":
            target = target.with_name(target.name + ".json")
        self.export_to(target, as_csv=as_csv)

    def export_to(self, target: Path, *, as_csv: bool) -> None:
        db = self._ctx.db_path

        def job(progress: Progress) -> tuple[Any, Change]:
            from runnerup_desktop.store.export_csv import export_csv
            from runnerup_desktop.store.export_json import export_json_file

            engine = _own_engine(db)
            try:
                if as_csv:
                    with engine.connect() as conn, conn.begin():
                        result = export_csv(conn, target, progress=progress)
                else:
                    result = export_json_file(engine, target, progress=progress)
            except OSError as error:
                raise ServiceError(
                    f"RunnerUp could not write {target}: {error.strerror or error}."
                ) from None
            finally:
                engine.dispose()
            return result, Change()

        def done(outcome: tuple[Any, Change]) -> None:
            what = "as CSV files into" if as_csv else "to"
            self.inform(
                "Exported", f"Exported {describe_counts(outcome[0].counts)} {what} {target}."
            )

        self._ctx.ops.run_in_background(
            self._window,
            job,
            label="Export",
            title=f"Exporting everything to {target.name}…",
            undoable=False,
            done=done,
            failed=lambda error: self.warn("Not exported", str(error)),
        )

    # --- import --------------------------------------------------------------------------
    def import_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self._window, "Import an export", str(self.folder), f"{JSON_FILTER};;All files (*)"
        )
        if name:
            self.folder = Path(name).parent
            self.import_from(Path(name))

    def import_from(self, source: Path) -> None:
        db = self._ctx.db_path

        def job(progress: Progress) -> tuple[Any, Change]:
            from runnerup_desktop.store.import_json import import_file

            engine = _own_engine(db)
            try:
                result = import_file(engine, source, progress=progress)
            finally:
                engine.dispose()
            return result, Change(everything=True)

        def done(outcome: tuple[Any, Change]) -> None:
            # The file filled an empty database, rebuilding its indexes: not one undo step
            # (undo would empty it again), and the steps before it no longer apply.
            clear = getattr(self._ctx.ops.history, "clear", None)
            if callable(clear):
                clear()
            counts = describe_counts(outcome[0].counts)
            self.inform("Imported", f"Imported {counts} from {source.name}.")

        self._ctx.ops.run_in_background(
            self._window,
            job,
            label=f"Import {source.name}",
            title=f"Importing {source.name}…",
            undoable=False,
            done=done,
            failed=lambda error: self.warn("Not imported", str(error)),
        )

    # --- messages ------------------------------------------------------------------------
    def _status(self, text: str) -> None:
        status = getattr(self._window, "statusBar", None)
        if callable(status):
            status().showMessage(text, 15_000)

    def _inform(self, title: str, text: str) -> None:
        QMessageBox.information(self._window, title, text)

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self._window, title, text)


def _engine(context: AppContext) -> Engine:
    """The window's engine, behind its session factory."""
    engine = context.sessions.kw["bind"]
    assert isinstance(engine, Engine)
    return engine


def _own_engine(db: Path) -> Engine:
    """A connection pool of a background job's own (SQLite connections stay on the
    thread that uses them)."""
    from runnerup_desktop.store.database import make_engine

    return make_engine(db)
