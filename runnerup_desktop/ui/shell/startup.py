"""Start-up and wiring: paths, logs, crash handling, one instance, the store, the window,
and the tray with its reminders.

Start-up paints before it loads: when the database is already this version's, the window
shows the companies table's first page, read with sqlite3 alone. From that first paint
the window answers: its search box with sqlite3, its actions that need no record by
running once the store is open (:mod:`.early_actions`), while SQLAlchemy, the models and
the pages are imported on a worker thread (:mod:`.preload`); then the store opens and the
pages are built on the GUI thread (:class:`Startup`).

A later launch on the same database hands its arguments to the running instance and exits
0 (the database's lock file says where it listens). ``--demo`` (a fresh temporary
database) and ``--exit-after-startup`` (smoke runs) skip that: they never meet, or hand
over to, a person's running RunnerUp, and smoke runs start no tray and send no reminders.
The demo keeps its settings in its own temporary folder, a copy of the person's, and that
folder goes when the demo ends.

One database per process: File ▸ Open… (and New database…, Open recent) moves this
RunnerUp to another file (:meth:`Startup.switch_to`): it takes the new file's lock (or
brings forward the RunnerUp that has it), opens it, then builds the window, the tray and
the reminders over it and lets the old file go. Without ``--db`` or ``RUNNERUP_DB``, a
plain ``runnerup`` opens the file opened last (:mod:`.databases`).
"""

from __future__ import annotations

import gc
import logging
import sqlite3
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from runnerup_desktop import APP_ID, APP_NAME, ORGANIZATION, __version__
from runnerup_desktop.cli.launch import (
    EXIT_REFUSED,
    Options,
    backup_dir_for,
    close_database,
    demo_folder,
    open_database,
)
from runnerup_desktop.store.change import StorageError
from runnerup_desktop.store.checks import (
    StoreRefused,
    check_existing,
    exists,
    inspect_revision,
    probe_write_lock,
)
from runnerup_desktop.store.errors import Kind, kind_of, storage_error
from runnerup_desktop.store.schema import HEAD
from runnerup_desktop.system.diagnostics import (
    setup_logging,
)
from runnerup_desktop.system.instance_lock import open_elsewhere
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.directory.first_paint import FirstPage
from runnerup_desktop.ui.shell import databases
from runnerup_desktop.ui.shell.app_basics import FirstPaint, app_icon, icon_file, private_settings
from runnerup_desktop.ui.shell.appearance import Appearance
from runnerup_desktop.ui.shell.crash_hook import install_crash_handler
from runnerup_desktop.ui.shell.database_switch import DatabaseSwitch
from runnerup_desktop.ui.shell.main_window import Frame, MainWindow
from runnerup_desktop.ui.shell.qt_log import route_qt_messages

if TYPE_CHECKING:
    from runnerup_desktop.store.database import Store
    from runnerup_desktop.ui.shell.background import Background
    from runnerup_desktop.ui.shell.context import AppContext
    from runnerup_desktop.ui.shell.damage_check import DamageCheck
    from runnerup_desktop.ui.shell.preload import Preload
    from runnerup_desktop.ui.shell.search_probe import SearchProbe
    from runnerup_desktop.ui.shell.single_instance import SingleInstance

log = logging.getLogger(__name__)
_INI = QSettings.Format.IniFormat


def run(options: Options, paths: AppPaths | None = None) -> int:
    paths = paths or AppPaths.default()
    paths.ensure_private_dirs()
    setup_logging(paths)
    interactive = not options.exit_after_startup
    install_crash_handler(paths, interactive)
    route_qt_messages()
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    log.info("RunnerUp %s starting", __version__)
    options = databases.start_options(options, QSettings(str(paths.settings_file), _INI))
    startup = Startup(app, options, paths)
    try:
        code = startup.begin()
        return app.exec() if code is None else code
    finally:
        startup.close()


class Startup(DatabaseSwitch):
    """Opens the store and the window, painting first when it can: the file checked with
    sqlite3 alone, the companies table's first page painted, then SQLAlchemy, the models
    and the pages loaded (:mod:`runnerup_desktop.ui.directory.first_paint`). A new file, one that
    needs an upgrade, ``--demo`` and ``--background`` open the store first instead.

    One RunnerUp per database: once the file passed its checks (or, for a new file, once it
    is made), start-up takes the database's lock (:mod:`.single_instance`); a later launch
    hands its arguments over and exits 0, or is refused with a sentence when the running
    one does not answer. ``--demo`` and ``--exit-after-startup`` skip that: they never meet,
    or hand over to, a person's running RunnerUp.

    Once the window is ready, the file is checked for damage on a worker thread
    (:mod:`.damage_check`); ``--exit-after-startup`` waits for that check too, except with
    ``--startup-report`` (the benchmarks, which time start-up alone).
    """

    def __init__(self, app: QApplication, options: Options, paths: AppPaths) -> None:
        self._app = app
        self._options = options
        self._paths = paths
        self._instance: SingleInstance | None = None
        #: Later launches that arrived before the reminders (and the tray) were built.
        self._early_launches: list[list[str]] = []
        #: The demo's temporary folder (its database and its copy of the settings).
        self._demo_folder = demo_folder() if options.demo else None
        self._settings = (
            databases.demo_settings(paths, self._demo_folder)
            if self._demo_folder is not None
            else private_settings(paths)
        )
        self.appearance = Appearance(app, AppSettings(self._settings))
        self._times: dict[str, float] = {}
        self._facts: dict[str, bool] = {"first_page": False}
        self._preload: Preload | None = None
        self._probe: SearchProbe | None = None
        self.window: MainWindow | None = None
        self._store: Store | None = None
        self._background: Background | None = None
        self.damage_check: DamageCheck | None = None

    @property
    def _single(self) -> bool:
        """Whether this start takes part in "one RunnerUp per database"."""
        return not (self._options.demo or self._options.exit_after_startup)

    def begin(self) -> int | None:
        """Show what can be shown now; an exit code if start-up stops here."""
        path = None if self._options.demo else self._paths.resolve_db(self._options.db)
        if path is not None and self._single and open_elsewhere(path):
            # Already open in a RunnerUp, which checked it: hand over (a check now could
            # meet that RunnerUp's write lock and refuse the file for it).
            claimed = self._claim(path)
            if claimed is not None:
                return claimed
        try:
            revision = _checked(path) if path is not None else None
        except StoreRefused as refusal:
            return self._refuse(refusal)
        if path is not None and revision is not None:
            claimed = self._claim(path)
            if claimed is not None:
                return claimed
        early = revision is not None and revision[0] == HEAD and not self._options.background
        if path is None or not early:
            refused = self._open()
            if refused is not None:
                return refused
            assert self.window is not None
            self._watch_ready(self.window)
            return None
        try:
            first = FirstPage(path, self._settings)
        except (sqlite3.Error, UnicodeDecodeError, StorageError) as error:
            kind = Kind.DAMAGED if isinstance(error, StorageError) else kind_of(error)
            if kind is None:
                raise
            return self._refuse(storage_error(kind, path, backup_dir_for(self._paths, path)))
        self.window = MainWindow(frame=Frame(self._settings, path, first))
        self._adopt(self.window)
        FirstPaint(first.company_view.viewport(), self._first_painted)
        self.window.show()
        return None

    def _claim(self, path: Path) -> int | None:
        """Become the RunnerUp of this database, or hand over to it; an exit code if
        start-up stops here."""
        if not self._single or self._instance is not None:
            return None
        from runnerup_desktop.ui.shell.single_instance import Claim, SingleInstance

        instance = SingleInstance(path, self._app)
        try:
            claim = instance.claim(self._options.args)
        except OSError as error:
            log.warning("cannot take the database's lock (%s)", type(error).__name__)
            return None
        if claim is Claim.FIRST:
            self._instance = instance
            instance.arrived.connect(self._launched_again)
            return None
        log.info("another RunnerUp runs on this database: %s", claim.value)
        if claim is Claim.HANDED_OVER:
            return 0
        holder = instance.holder
        which = f" (process {holder.pid})" if holder is not None and holder.pid else ""
        return self._refuse(
            StoreRefused(
                f"RunnerUp is already running on {path}{which} but does not answer, so this "
                "one will not open the file too. Close the other RunnerUp (or end that "
                "process), then start RunnerUp again."
            )
        )

    def _first_painted(self) -> None:
        self._times["first_paint"] = time.time()
        self._facts["first_page"] = True
        self._facts["store_loaded_at_first_paint"] = "sqlalchemy" in sys.modules
        assert self.window is not None
        first = self.window.tabs.widget(0)
        assert isinstance(first, FirstPage)
        self.window.enable_early(first)
        # From here a search typed is answered, and the actions take requests.
        self._times["interactive"] = time.time()
        if self._options.startup_search is not None:
            from runnerup_desktop.ui.shell.search_probe import SearchProbe

            self._probe = SearchProbe(first, self._options.startup_search, self._searched)
        from runnerup_desktop.ui.shell.preload import Preload

        self._preload = Preload(self._app)
        self._preload.loaded.connect(self._loaded)
        self._preload.start()

    def _searched(self, moment: float) -> None:
        self._times["search_answered"] = moment
        if "ready" in self._times:
            self._ready()

    def _loaded(self) -> None:
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
            self._store = open_database(self._paths, self._options, self._demo_folder)
        except StoreRefused as refusal:
            return self._refuse(refusal)
        claimed = self._claim(self._store.path)  # a new file: its lock once it is made
        if claimed is not None:
            return claimed
        context = AppContext.for_store(self._store, self._settings)
        try:
            if self.window is None:
                self.window = MainWindow(context)
                self._adopt(self.window)
            else:
                self.window.attach(context)
        except StorageError as failure:
            return self._refuse(failure)
        if not self._options.demo:
            databases.remember(self._settings, self._store.path)
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
        """When the real companies table (or, on an empty database, the welcome view)
        first paints: note it, and quit if asked to."""
        welcome = window.welcome_shown()
        shown = window.welcome if welcome else window.directory.company_view.viewport()
        FirstPaint(shown, self._ready)
        if self._options.exit_after_startup:
            window.show()

    def _ready(self) -> None:
        now = time.time()
        self._times.setdefault("first_paint", now)
        self._times.setdefault("interactive", self._times["first_paint"])
        self._times.setdefault("ready", now)
        if self._probe is not None and "search_answered" not in self._times:
            return  # the benchmark's search is still to be answered: report with it
        QTimer.singleShot(0, settle_heap)
        self.appearance.watch_qt()
        if self._options.startup_report:
            report = {**self._times, **self._facts}
            import json

            Path(self._options.startup_report).write_text(json.dumps(report))
        log.info("window ready")
        if self._options.exit_after_startup and self._options.startup_report:
            QApplication.quit()  # a benchmark of start-up: the check comes after it
            return
        self._check_for_damage()

    def _check_for_damage(self) -> None:
        from runnerup_desktop.ui.shell.damage_check import DamageCheck

        assert self._store is not None
        self.damage_check = DamageCheck(self._store, self._app)
        self.damage_check.finished.connect(self._checked_for_damage)
        self.damage_check.start()

    def _checked_for_damage(self, damage: StorageError | None) -> None:
        if self._options.exit_after_startup:
            if damage is not None:
                sys.stderr.write(f"runnerup: {damage}\n")
            self._app.exit(EXIT_REFUSED if damage is not None else 0)
            return
        if damage is None or self.window is None:
            return
        from PySide6.QtCore import Qt  # not before the first paint: see ui/table_view.py
        from PySide6.QtWidgets import QMessageBox

        self.window.statusBar().showMessage("Not saving: the database file is damaged.")
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            f"{APP_NAME} found damage in its database",
            str(damage),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("damageMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def close(self) -> None:
        if self._preload is not None:
            self._preload.wait()
        self.appearance.close()
        if self.window is not None and self.window.attached:
            self.window.data_actions.automatic.stop()
        if self.damage_check is not None:
            self.damage_check.stop()
        if self._background is not None:
            self._background.stop()
        if self._instance is not None:
            self._instance.close()
        if self.window is not None:
            self.window.save_state()
        if self._store is not None:
            close_database(self._store, self._options)
        elif self._demo_folder is not None:
            import shutil

            shutil.rmtree(self._demo_folder, ignore_errors=True)


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


def _checked(path: Path) -> tuple[str | None] | None:
    """Check ``path`` if it exists: ``(revision,)``, or ``None`` for a file still to create
    (left to :func:`open_database`, which may refuse it); a refusal raises."""
    if not exists(path):
        return None
    check_existing(path)
    revision = inspect_revision(path)
    probe_write_lock(path)
    return (revision,)
