"""The rest of RunnerUp, imported on a worker thread after the first paint.

Importing SQLAlchemy, the models, the services and the pages takes most of start-up
(about 0.6 s of 0.8 s here). Done on the GUI thread, it left the painted window deaf for
that long. Done here, the GUI thread stays free: its search box answers with :mod:`sqlite3`
(:class:`~runnerup_desktop.ui.directory.first_paint.FirstPage`) and its actions take
requests, while a worker thread runs the imports. Python gives the GUI thread the
interpreter at least every few milliseconds (``sys.getswitchinterval``), and Qt's event
loop waits without it.

Only imports run on the worker: the store is opened, and every widget built, on the GUI
thread once :attr:`Preload.loaded` arrives (a queued signal, delivered on the GUI thread).
An import that fails there fails again, with its own traceback, when the GUI thread
imports the same module.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

#: What the window imports once the first page has painted: the store (SQLAlchemy and the
#: models come with it), the context, the pages and the tray. Each brings its own imports.
MODULES = (
    "runnerup_desktop.store.database",
    "runnerup_desktop.ui.shell.context",
    "runnerup_desktop.ui.directory.directory_page",
    "runnerup_desktop.ui.opportunities.opportunities_panel",
    "runnerup_desktop.ui.timeline.timeline_panel",
    "runnerup_desktop.ui.followups.calendar_page",
    "runnerup_desktop.ui.followups.owed_page",
    "runnerup_desktop.ui.jobboards.jobboards_page",
    "runnerup_desktop.ui.jobboards.finding_banner",
    "runnerup_desktop.ui.jobboards.watcher",
    "runnerup_desktop.ui.tray.tray",
    "runnerup_desktop.ui.shell.page_actions",
    "runnerup_desktop.ui.transfer.transfer_actions",
    "runnerup_desktop.ui.shell.undo_actions",
    "runnerup_desktop.ui.shell.background",
    "runnerup_desktop.cli.parser",
)


class _Imports(QThread):
    def __init__(self, modules: tuple[str, ...], parent: QObject) -> None:
        super().__init__(parent)
        self.modules = modules
        self.failed: str | None = None

    def run(self) -> None:
        for name in self.modules:
            try:
                importlib.import_module(name)
            except Exception as error:  # the GUI thread's own import will raise it
                self.failed = f"{name}: {type(error).__name__}"
                return


class Preload(QObject):
    """Imports :data:`MODULES` on a worker thread; :attr:`loaded` once they are in."""

    loaded = Signal()

    def __init__(self, parent: QObject | None = None, modules: tuple[str, ...] = MODULES) -> None:
        super().__init__(parent)
        self._thread = _Imports(modules, self)
        # Emitted on the worker thread, delivered on this object's (the GUI) thread.
        self._thread.finished.connect(self._finished)

    def start(self) -> None:
        self._thread.start()

    @Slot()
    def _finished(self) -> None:
        if self._thread.failed is not None:
            log.warning("the worker's imports stopped at %s", self._thread.failed)
        self.loaded.emit()

    def wait(self) -> None:
        """Block until the imports are done (closing before they are)."""
        self._thread.wait()
