"""Start-up and wiring: paths, logs, crash handling, one instance, the store, the window,
and the tray with its reminders.

A later launch on the same database hands its arguments to the running instance and exits
0. ``--demo`` (a fresh temporary database) and ``--exit-after-startup`` (smoke runs) skip
that check: they never meet, or hand over to, a person's running RunnerUp, and smoke runs
start no tray and send no reminders.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from runnerup_desktop import APP_ID, APP_NAME, ORGANIZATION, __version__
from runnerup_desktop.diagnostics import crash_report, print_report, setup_logging, write_crash_log
from runnerup_desktop.launch import EXIT_REFUSED, Options, open_database
from runnerup_desktop.paths import AppPaths
from runnerup_desktop.store.database import StoreRefused
from runnerup_desktop.ui.context import AppContext
from runnerup_desktop.ui.crash_dialog import CrashDialog, route_qt_messages
from runnerup_desktop.ui.main_window import MainWindow
from runnerup_desktop.ui.single_instance import Claim, SingleInstance, server_name

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def icon_file(size: int = 64) -> Path | None:
    png = RESOURCES / "icons" / f"runnerup-{size}.png"
    return png if png.exists() else None


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        png = RESOURCES / "icons" / f"runnerup-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    return icon


class _FirstPaint(QObject):
    """Quits the application right after the watched widget first paints."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def _install_crash_handler(paths: AppPaths, interactive: bool) -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        report = crash_report(exc_type, exc, tb)
        log.error("unexpected error:\n%s", report)
        where = write_crash_log(paths, report)
        if interactive and QApplication.instance() is not None:
            CrashDialog(report, str(where)).exec()
        else:
            print_report(report)
            if not interactive:
                os._exit(70)

    sys.excepthook = hook


def run(options: Options, paths: AppPaths | None = None) -> int:
    paths = paths or AppPaths.default()
    paths.ensure_private_dirs()
    setup_logging(paths)
    interactive = not options.exit_after_startup
    _install_crash_handler(paths, interactive)
    route_qt_messages()
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    log.info("RunnerUp %s starting", __version__)
    instance = None
    if not (options.demo or options.exit_after_startup):
        instance = SingleInstance(server_name(paths.resolve_db(options.db)), app)
        claim = instance.claim(options.args)
        if claim is not Claim.FIRST:
            log.info("another RunnerUp runs on this database: %s", claim.value)
            if claim is Claim.NO_ANSWER:
                sys.stderr.write("runnerup: RunnerUp is already running but does not answer.\n")
                return 1
            return 0
    try:
        store = open_database(paths, options)
    except StoreRefused as refusal:
        log.warning("database refused: %s", refusal)
        if instance is not None:
            instance.close()
        if options.exit_after_startup:
            sys.stderr.write(f"runnerup: {refusal}\n")
        else:
            QMessageBox.critical(None, f"{APP_NAME} cannot open the database", str(refusal))
        return EXIT_REFUSED
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    context = AppContext.for_store(store, settings)
    window = MainWindow(context)
    window.quit_requested.connect(app.quit)
    background = None
    if options.exit_after_startup:
        watcher = _FirstPaint(app)
        window.directory.company_view.viewport().installEventFilter(watcher)
        window.show()
    else:
        from runnerup_desktop.__main__ import parse_window_args
        from runnerup_desktop.ui.background import Background

        background = Background(
            window,
            context,
            paths,
            options,
            app.windowIcon(),
            icon_file(),
            parse_args=parse_window_args,
        )
        if instance is not None:
            instance.arrived.connect(background.second_launch)
        background.start()
    try:
        return app.exec()
    finally:
        if background is not None:
            background.stop()
        if instance is not None:
            instance.close()
        window.save_state()
        store.close()
