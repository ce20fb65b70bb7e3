"""Automatic backups while RunnerUp runs: at most once a day, and at quit when something
changed since the last one; each followed by rotation (the preferences say how many to
keep). The backup itself runs on a thread of its own (SQLite's online backup reads a
snapshot while the window goes on writing); nothing here is a person's change, so
nothing is announced or undoable.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from runnerup_desktop.store.backups import Backup, Retention, local_now, take_automatic
from runnerup_desktop.store.backups import automatic_due as due
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.data.backup_preferences import retention
from runnerup_desktop.ui.shell.operations import Changes

log = logging.getLogger(__name__)

#: How often the app looks whether today's backup is due (it is taken once a day).
CHECK_EVERY_MS = 60 * 60 * 1000
#: The first look, a while after start-up (not in the way of the first paint).
FIRST_CHECK_MS = 60 * 1000


class AutomaticBackups(QObject):
    #: A backup was taken (on the GUI thread).
    taken = Signal(object)
    #: One could not be (a sentence).
    failed = Signal(str)

    def __init__(
        self,
        db: Path,
        settings: AppSettings,
        changes: Changes,
        clock: Callable[[], dt.datetime] = local_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._clock = clock
        #: Something changed since the last backup this run took.
        self.changed = False
        self._worker: threading.Thread | None = None
        changes.applied.connect(self._applied)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        QTimer.singleShot(FIRST_CHECK_MS, self.check)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.wait()

    def _applied(self, change: Change, _initiator: object) -> None:
        if change != Change():
            self.changed = True

    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def wait(self) -> None:
        if self._worker is not None:
            self._worker.join()

    def check(self) -> None:
        """Take today's backup on a thread, if none was taken today."""
        if self.busy() or not due(self._db, self._clock()):
            return
        self.changed = False
        keep = retention(self._settings)
        self._worker = threading.Thread(
            target=self._take, args=(keep,), name="runnerup-backup", daemon=True
        )
        self._worker.start()

    def _take(self, keep: Retention) -> None:
        try:
            backup = take_automatic(self._db, keep, self._clock)
        except ServiceError as error:
            log.warning("automatic backup failed: %s", type(error).__name__)
            self.changed = True
            self.failed.emit(str(error))
            return
        log.info("automatic backup taken")
        self.taken.emit(backup)

    def at_quit(self) -> Backup | None:
        """At quit: a backup now (waited for) if anything changed since the last one."""
        self._timer.stop()
        self.wait()
        if not self.changed:
            return None
        self.changed = False
        try:
            backup = take_automatic(self._db, retention(self._settings), self._clock)
        except ServiceError as error:
            log.warning("backup at quit failed: %s", type(error).__name__)
            return None
        log.info("backup taken at quit")
        return backup
