"""What reaches the top of the window's event loop, sorted: a known failure of the database
file (a :class:`StorageError` no form caught) is a plain message, shown once; a bug is the
crash dialog with an allow-listed report (:mod:`runnerup_desktop.system.diagnostics`).
Without a window (``--exit-after-startup``) the first is one line and exit 2, the second
the report and exit 70."""

from __future__ import annotations

import logging
import os
import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication

from runnerup_desktop import APP_NAME
from runnerup_desktop.cli.launch import EXIT_BUG, EXIT_REFUSED
from runnerup_desktop.store.change import StorageError
from runnerup_desktop.system.diagnostics import crash_report, print_report, write_crash_log
from runnerup_desktop.system.paths import AppPaths

log = logging.getLogger(__name__)


def install_crash_handler(paths: AppPaths, interactive: bool) -> None:
    """Sort what reaches the top: a known failure of the database file (a
    :class:`StorageError` no form caught) is a plain message, a bug the crash dialog with
    an allow-listed report. Nothing in here may raise: a hook that fails hangs the app."""
    shown: set[str] = set()

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        try:
            if isinstance(exc, StorageError):
                _storage_failure(exc, interactive, shown)
                return
            report = crash_report(exc_type, exc, tb)
            log.error("unexpected error:\n%s", report)
            where = write_crash_log(paths, report)
            if interactive and QApplication.instance() is not None:
                from runnerup_desktop.ui.shell.crash_dialog import CrashDialog

                CrashDialog(report, str(where) if where is not None else None).exec()
                return
            print_report(report)
        except BaseException:
            pass
        if not interactive:
            os._exit(EXIT_BUG)

    sys.excepthook = hook


def _storage_failure(failure: StorageError, interactive: bool, shown: set[str]) -> None:
    log.warning("a database operation failed: %s", failure.kind)
    if not interactive:
        print_report(f"runnerup: {failure}\n")
        os._exit(EXIT_REFUSED)
    if str(failure) in shown or QApplication.instance() is None:
        return
    shown.add(str(failure))
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(
        QApplication.activeWindow(), f"{APP_NAME} could not use its database", str(failure)
    )
