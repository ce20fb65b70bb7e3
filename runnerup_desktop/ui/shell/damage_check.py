"""The window's check of its database file for damage, on a worker thread.

Once the window is ready, :class:`DamageCheck` runs ``PRAGMA integrity_check`` on a
read-only connection of its own (:meth:`Store.look_for_damage`; what it costs and why it
was chosen: :mod:`runnerup_desktop.store.damage`), at a lower priority where the system
allows it, and reports on the GUI thread. On damage the store has stopped writing; the
window says so plainly, with the newest backup, and keeps showing what it can read.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot

from runnerup_desktop.store.change import StorageError
from runnerup_desktop.store.database import Store

log = logging.getLogger(__name__)


class DamageCheck(QObject):
    #: On the GUI thread, once the check is over: the StorageError saying the file is
    #: damaged (writing has stopped), or None.
    finished = Signal(object)
    _done = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.result: StorageError | None = None
        self.running = False
        self._thread: threading.Thread | None = None
        self._connection: sqlite3.Connection | None = None

    def start(self) -> None:
        self.running = True
        self._thread = threading.Thread(target=self._check, name="damage-check", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Interrupt a check still running (RunnerUp is quitting) and wait for it to end."""
        connection = self._connection
        if connection is not None:
            with contextlib.suppress(sqlite3.Error):
                connection.interrupt()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _opened(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def _check(self) -> None:
        _lower_priority()
        try:
            found = self._store.look_for_damage(opened=self._opened)
        except Exception as error:  # a check that fails is no reason to stop the app
            log.warning("the damage check failed (%s)", type(error).__name__)
            found = None
        self._done.emit(found)

    @Slot(object)
    def _deliver(self, found: StorageError | None) -> None:
        self.running = False
        self.result = found
        log.info("damage check: %s", "damaged" if found is not None else "no damage found")
        self.finished.emit(found)


def _lower_priority() -> None:
    """Nice this thread alone, where the system allows it (Linux: a thread's own value)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
