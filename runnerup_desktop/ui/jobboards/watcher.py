"""Checking the watched job boards while RunnerUp runs, on a worker thread.

At start-up the boards whose last check is older than the interval (a preference: every
6 hours by default, at least 1) are checked; then the watcher looks every five minutes for
a board that has fallen due. The checks run on a Python thread with its own sessions, so
a slow board never freezes the window; what they wrote is announced through
``ctx.ops.announce`` (not a person's action: no undo step), and :attr:`JobWatcher.found`
hands the new findings to the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from runnerup_desktop.core.job_watch import check_interval
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.watch_services import WatchServices
from runnerup_desktop.ui.common.settings import WATCH_INTERVAL_HOURS
from runnerup_desktop.ui.shell.context import AppContext

if TYPE_CHECKING:
    from runnerup_desktop.watch.check import WatchReport
    from runnerup_desktop.watch.http import BoardClient

log = logging.getLogger(__name__)

#: How often the watcher looks for a board that has fallen due.
LOOK_EVERY_MS = 5 * 60 * 1000
#: At quit, how long to wait for a check under way (it stops between boards).
STOP_WAIT_S = 3.0


class JobWatcher(QObject):
    #: New findings of one round (a list of FindingRecord), on the GUI thread.
    found = Signal(object)
    #: A round ended (its WatchReport), on the GUI thread.
    round_done = Signal(object)
    #: Whether a round is under way.
    running_changed = Signal(bool)
    _finished = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        client: Callable[[], BoardClient] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._clock = clock
        self._client = client
        self.services = WatchServices(ctx.sessions, now=clock)
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_EVERY_MS)
        self.timer.timeout.connect(self.check_due)
        self._finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        ctx.changes.setting_changed.connect(self._setting_changed)
        ctx.changes.applied.connect(self._applied)

    def use_clock(self, clock: Callable[[], dt.datetime]) -> None:
        """Tell the time by ``clock`` from now on (tests fix it)."""
        self._clock = clock
        self.services = WatchServices(self._ctx.sessions, now=clock)

    def interval(self) -> dt.timedelta:
        return check_interval(self._ctx.settings.get(WATCH_INTERVAL_HOURS))

    def start(self) -> None:
        """Check what is due now (at start-up: boards not checked within the interval)."""
        self._stop.clear()
        self.timer.start()
        self.check_due()

    def stop(self) -> None:
        self.timer.stop()
        self._stop.set()
        if self._thread is not None:
            self._thread.join(STOP_WAIT_S)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def check_due(self) -> bool:
        """Start a round over the boards that are due; False if none is (or one runs)."""
        return self._start(due_only=True)

    def check_all(self) -> bool:
        """Start a round over every watched board (the page's *Check now*)."""
        return self._start(due_only=False)

    def _start(self, *, due_only: bool) -> bool:
        if self._thread is not None:
            return False
        try:
            if not self.services.boards_to_check(self.interval(), due_only=due_only):
                return False
        except Exception as error:  # a locked or busy database: look again later
            log.warning("the job-board watch could not read the database: %s", error)
            return False
        self._stop.clear()
        interval = self.interval()
        self._thread = threading.Thread(
            target=self._work, args=(interval, due_only), name="job-board watch", daemon=True
        )
        self._thread.start()
        self.running_changed.emit(True)
        return True

    def _work(self, interval: dt.timedelta, due_only: bool) -> None:
        # The HTTP client loads here, on the worker thread, not with the window.
        from runnerup_desktop.watch.check import run_watch
        from runnerup_desktop.watch.http import BoardClient

        report: WatchReport | None = None
        try:
            with (self._client or BoardClient)() as client:
                report = run_watch(
                    self.services,
                    interval,
                    self._clock,
                    due_only=due_only,
                    client=client,
                    stop=self._stop.is_set,
                )
        except Exception:  # the database failing under the watch: logged, tried again later
            log.exception("a round of the job-board watch failed")
        if report is not None and report.change != Change():
            self._ctx.ops.announce(report.change, self)
        self._finished.emit(report)

    def _finish(self, report: WatchReport | None) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.running_changed.emit(False)
        if report is None:
            return
        log.info(
            "job-board watch: %d board(s) checked, %d finding(s), %d problem(s)",
            report.checked,
            len(report.findings),
            len(report.problems),
        )
        self.round_done.emit(report)
        if report.findings:
            self.found.emit(report.findings)

    def _setting_changed(self, key: str) -> None:
        if key == WATCH_INTERVAL_HOURS.key and self.timer.isActive():
            self.check_due()

    def _applied(self, change: Change, initiator: object) -> None:
        """A board just turned on (the company dialog): check it without waiting."""
        if initiator is not self and change.job_boards and self.timer.isActive():
            QTimer.singleShot(0, self.check_due)
