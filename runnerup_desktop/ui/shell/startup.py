"""Start-up and wiring: paths, logs, crash handling, one instance, the store, the window,
and the tray with its reminders.

Start-up paints before it loads: when the database is already this version's, the window
shows the companies table's first page, read with sqlite3 alone, and SQLAlchemy, the models
and the other pages load right after that first paint (:class:`Startup`).

A later launch on the same database hands its arguments to the running instance and exits
0. ``--demo`` (a fresh temporary database) and ``--exit-after-startup`` (smoke runs) skip
that check: they never meet, or hand over to, a person's running RunnerUp, and smoke runs
start no tray and send no reminders.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from runnerup_desktop import APP_ID, APP_NAME, ORGANIZATION, __version__
from runnerup_desktop.cli.launch import EXIT_REFUSED, Options, open_database
from runnerup_desktop.store.checks import (
    StoreRefused,
    check_existing,
    inspect_revision,
    probe_write_lock,
)
from runnerup_desktop.store.schema import HEAD
from runnerup_desktop.system.diagnostics import (
    crash_report,
    print_report,
    setup_logging,
    write_crash_log,
)
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.directory.first_paint import FirstPage
from runnerup_desktop.ui.shell.main_window import Frame, MainWindow
from runnerup_desktop.ui.shell.qt_log import route_qt_messages

if TYPE_CHECKING:
    from runnerup_desktop.store.database import Store
    from runnerup_desktop.ui.shell.background import Background
    from runnerup_desktop.ui.shell.context import AppContext
    from runnerup_desktop.ui.shell.single_instance import SingleInstance

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parents[3] / "resources"


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
    """Calls back once, right after the watched widget first paints."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def _install_crash_handler(paths: AppPaths, interactive: bool) -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        report = crash_report(exc_type, exc, tb)
        log.error("unexpected error:\n%s", report)
        where = write_crash_log(paths, report)
        if interactive and QApplication.instance() is not None:
            from runnerup_desktop.ui.shell.crash_dialog import CrashDialog

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
        from runnerup_desktop.ui.shell.single_instance import Claim, SingleInstance, server_name

        instance = SingleInstance(server_name(paths.resolve_db(options.db)), app)
        claim = instance.claim(options.args)
        if claim is not Claim.FIRST:
            log.info("another RunnerUp runs on this database: %s", claim.value)
            if claim is Claim.NO_ANSWER:
                sys.stderr.write("runnerup: RunnerUp is already running but does not answer.\n")
                return 1
            return 0
    startup = Startup(app, options, paths, instance)
    try:
        code = startup.begin()
        return app.exec() if code is None else code
    finally:
        startup.close()


class Startup:
    """Opens the store and the window, painting first when it can: the file checked with
    sqlite3 alone, the companies table's first page painted, then SQLAlchemy, the models
    and the pages loaded (:mod:`runnerup_desktop.ui.directory.first_paint`). A new file, one that
    needs an upgrade, ``--demo`` and ``--background`` open the store first instead."""

    def __init__(
        self, app: QApplication, options: Options, paths: AppPaths, instance: SingleInstance | None
    ) -> None:
        self._app = app
        self._options = options
        self._paths = paths
        self._instance = instance
        #: Later launches that arrived before the reminders (and the tray) were built.
        self._early_launches: list[list[str]] = []
        if instance is not None:
            instance.arrived.connect(self._launched_again)
        self._settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        self._times: dict[str, float] = {}
        self._facts: dict[str, bool] = {"first_page": False}
        self.window: MainWindow | None = None
        self._store: Store | None = None
        self._background: Background | None = None

    def begin(self) -> int | None:
        """Show what can be shown now; an exit code if start-up stops here."""
        path = None if self._options.demo else self._paths.resolve_db(self._options.db)
        try:
            early = path is not None and not self._options.background and _current(path)
        except StoreRefused as refusal:
            return self._refuse(refusal)
        if path is None or not early:
            refused = self._open()
            if refused is not None:
                return refused
            assert self.window is not None
            self._watch_ready(self.window)
            return None
        first = FirstPage(path, self._settings)
        self.window = MainWindow(frame=Frame(self._settings, path, first))
        self.window.quit_requested.connect(self._app.quit)
        _FirstPaint(first.company_view.viewport(), self._first_painted)
        self.window.show()
        return None

    def _first_painted(self) -> None:
        self._times["first_paint"] = time.time()
        self._facts["first_page"] = True
        self._facts["store_loaded_at_first_paint"] = "sqlalchemy" in sys.modules
        refused = self._open()
        if refused is not None:
            self._app.exit(refused)
            return
        assert self.window is not None
        self._watch_ready(self.window)

    def _open(self) -> int | None:
        """Open the store and attach the pages (building the window if not yet built)."""
        from runnerup_desktop.ui.shell.context import AppContext

        try:
            self._store = open_database(self._paths, self._options)
        except StoreRefused as refusal:
            return self._refuse(refusal)
        context = AppContext.for_store(self._store, self._settings)
        if self.window is None:
            self.window = MainWindow(context)
            self.window.quit_requested.connect(self._app.quit)
        else:
            self.window.attach(context)
        if not self._options.exit_after_startup:
            self._start_background(context)
        return None

    def _start_background(self, context: AppContext) -> None:
        from runnerup_desktop.cli.parser import parse_window_args
        from runnerup_desktop.ui.shell.background import Background

        assert self.window is not None
        self._background = Background(
            self.window,
            context,
            self._paths,
            self._options,
            self._app.windowIcon(),
            icon_file(),
            parse_args=parse_window_args,
        )
        self._background.start()
        if not self._options.demo:  # daily backups, and one at quit after a change
            self.window.data_actions.automatic.start()
            self._app.aboutToQuit.connect(self.window.data_actions.automatic.at_quit)
        for args in self._early_launches:
            self._background.second_launch(args)
        self._early_launches.clear()

    def _launched_again(self, args: list[str]) -> None:
        """A later launch's arguments: handled now, or once the window has loaded."""
        if self._background is not None:
            self._background.second_launch(args)
        else:
            self._early_launches.append(args)

    def _watch_ready(self, window: MainWindow) -> None:
        """When the real companies table first paints: note it, and quit if asked to."""
        _FirstPaint(window.directory.company_view.viewport(), self._ready)
        if self._options.exit_after_startup:
            window.show()

    def _ready(self) -> None:
        QTimer.singleShot(0, settle_heap)
        now = time.time()
        self._times.setdefault("first_paint", now)
        self._times["ready"] = now
        if self._options.startup_report:
            report = {**self._times, **self._facts}
            import json

            Path(self._options.startup_report).write_text(json.dumps(report))
        log.info("window ready")
        if self._options.exit_after_startup:
            QApplication.quit()

    def _refuse(self, refusal: StoreRefused) -> int:
        log.warning("database refused: %s", refusal)
        if self._options.exit_after_startup:
            sys.stderr.write(f"runnerup: {refusal}\n")
        else:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(self.window, f"{APP_NAME} cannot open the database", str(refusal))
        return EXIT_REFUSED

    def close(self) -> None:
        if self._background is not None:
            self._background.stop()
        if self._instance is not None:
            self._instance.close()
        if self.window is not None:
            self.window.save_state()
        if self._store is not None:
            self._store.close()


def settle_heap() -> None:
    """Once the window is ready: collect, then leave everything start-up made (modules,
    classes, the ORM's mappings, the widgets) out of the garbage collector's later passes.

    Those objects live as long as the app, yet each full collection visited all of them:
    50–120 ms at a time, several times while scrolling through 100,000 contacts. Frozen
    objects are still freed by reference counting; the collection first means no cycle
    of garbage is frozen with them.
    """
    gc.collect()
    gc.freeze()


def _current(path: Path) -> bool:
    """Whether ``path`` is a database of this version, fit to open (else a refusal). A file
    still to create or to upgrade is left to :func:`open_database`, which may refuse it."""
    if not path.exists():
        return False
    check_existing(path)
    revision = inspect_revision(path)
    probe_write_lock(path)
    return revision == HEAD
