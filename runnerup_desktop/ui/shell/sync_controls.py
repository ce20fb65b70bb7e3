"""Sync in the main window: File ▸ Sync now and Sync log…, the status bar's line, and the
questions a sync asked, opened at the next look (when the window is next active)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from runnerup_desktop.sync.account import sync_vault
from runnerup_desktop.sync.report import SyncReport
from runnerup_desktop.system.secrets import PasswordVault
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.sync.scheduler import SyncScheduler
from runnerup_desktop.ui.sync.status import SyncStatusLabel


def open_sync_account(ctx: AppContext, parent: QWidget) -> bool:
    """Preferences ▸ Sync account…; whether the person saved (the scheduler hears of it
    through the setting it announces)."""
    from runnerup_desktop.ui.sync.account_dialog import SyncAccountDialog

    dialog = SyncAccountDialog(ctx, sync_vault(), parent)
    try:
        return bool(dialog.exec())
    finally:
        dialog.deleteLater()


class SyncControls(QObject):
    """Built by the background wiring once the window is ready (not for a smoke test's
    run): the actions go into the File menu, before Quit."""

    def __init__(
        self, window: QMainWindow, ctx: AppContext, vault: PasswordVault | None = None
    ) -> None:
        super().__init__(window)
        file_menu = window.menuBar().actions()[0].menu()
        assert isinstance(file_menu, QMenu)
        before = file_menu.actions()[-1]  # Quit
        self._window = window
        self._ctx = ctx
        self.vault = vault or sync_vault()
        self.scheduler = SyncScheduler(ctx, self.vault, self)
        self.sync_now_action = QAction("S&ync now", window)
        self.sync_now_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.sync_now_action.setToolTip("Sync follow-ups and contacts with your server now")
        self.sync_now_action.triggered.connect(self.scheduler.sync_now)
        self.sync_log_action = QAction("Sync &log…", window)
        self.sync_log_action.triggered.connect(self.show_log)
        file_menu.insertAction(before, self.sync_now_action)
        file_menu.insertAction(before, self.sync_log_action)
        file_menu.insertSeparator(before)
        self.label = SyncStatusLabel()
        window.statusBar().addPermanentWidget(self.label)
        self.scheduler.status_changed.connect(self.label.show_status)
        self.label.clicked.connect(self.show_log)
        self.scheduler.finished.connect(self._finished)
        self._ask_at_next_look = False
        self._log: QWidget | None = None
        window.installEventFilter(self)

    def start(self) -> None:
        self.scheduler.start()

    def stop(self) -> None:
        self.scheduler.stop()

    def show_log(self) -> None:
        from runnerup_desktop.ui.sync.log_dialog import SyncLogDialog

        if self._log is not None:
            self._log.raise_()
            self._log.activateWindow()
            return
        dialog = SyncLogDialog(self._ctx, self.scheduler, self._window)
        self._log = dialog
        dialog.finished.connect(self._log_closed)
        dialog.show()

    def _log_closed(self) -> None:
        if self._log is not None:
            self._log.deleteLater()
        self._log = None

    # the next look ----------------------------------------------------------------------
    def _finished(self, report: SyncReport) -> None:
        if not report.questions:
            return
        if self._window.isActiveWindow():
            QTimer.singleShot(0, self.show_log)
        else:
            self._ask_at_next_look = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._window
            and event.type() == QEvent.Type.ActivationChange
            and self._ask_at_next_look
            and self._window.isActiveWindow()
        ):
            self._ask_at_next_look = False
            QTimer.singleShot(0, self.show_log)
        return False
