"""When the window syncs, on a worker thread so that it never waits.

:class:`SyncScheduler` runs one sync at a time: a few seconds after the window is ready,
every few minutes, soon after a change (changes in a row go together), and at once on
*Sync now*. When the server cannot be reached it tries again after a growing pause (30 s,
1 min, 2 min… 30 min); when the account itself is wrong (a wrong password, a TLS failure)
it waits for the person to change the account. What a sync changed here is announced with
``ops.announce``: not the person's action, so not an undo step.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from runnerup_desktop.store.change import Change
from runnerup_desktop.sync import schedule
from runnerup_desktop.sync.account import SyncAccount
from runnerup_desktop.sync.engine import SyncEngine, SyncOptions
from runnerup_desktop.sync.errors import Problem, SyncProblem
from runnerup_desktop.sync.report import SyncReport
from runnerup_desktop.system.secrets import PasswordVault, SecretError
from runnerup_desktop.ui.common.settings import reminder_time
from runnerup_desktop.ui.shell.context import AppContext

log = logging.getLogger(__name__)

#: The setting key announced when the sync account changed (it lives in the database).
ACCOUNT_KEY = "sync/account"
NO_PASSWORD = "No password is saved for the sync account: type it in Preferences ▸ Sync account."


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar says about sync."""

    text: str
    #: The whole sentence (the status bar may shorten ``text``).
    detail: str
    problem: bool = False
    questions: int = 0
    running: bool = False


def _ms(delay: dt.timedelta) -> int:
    return max(0, int(delay.total_seconds() * 1000))


class SyncScheduler(QObject):
    status_changed = Signal(object)
    #: A sync ended: its :class:`SyncReport`.
    finished = Signal(object)
    _done = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        vault: PasswordVault,
        parent: QObject | None = None,
        *,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._vault = vault
        self._clock = clock
        self.status = SyncStatus("", "")
        self.failures = 0
        self.waiting_for_account = False
        self.running = False
        self._again = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_now)
        self._done.connect(self._finished)
        ctx.changes.applied.connect(self._applied)
        ctx.changes.setting_changed.connect(self._setting_changed)

    def engine(self) -> SyncEngine:
        settings = self._ctx.settings
        return SyncEngine(
            self._ctx.sessions,
            SyncOptions(
                reminder_time=reminder_time(settings),
                min_spacing_days=settings.min_spacing_days,
                ca_file=os.environ.get("SSL_CERT_FILE") or None,
                today=self._ctx.today,
            ),
        )

    # when -------------------------------------------------------------------------------
    def start(self) -> None:
        """The window is ready: the first sync soon, if there is an account."""
        self._schedule(schedule.AFTER_START)

    def stop(self) -> None:
        """No more syncs; a running one is waited for (it ends within its timeouts)."""
        self._closed = True
        self.timer.stop()
        if self._thread is not None:
            self._thread.join(timeout=60)

    def _schedule(self, delay: dt.timedelta) -> None:
        """Sync after ``delay``, unless a sync is due sooner already."""
        if self._closed:
            return
        wanted = _ms(delay)
        if self.timer.isActive() and self.timer.remainingTime() <= wanted:
            return
        self.timer.start(wanted)

    def _applied(self, change: Change, initiator: object) -> None:
        if initiator is self or change == Change() or self.waiting_for_account:
            return
        if self.running:
            self._again = True
        else:
            self._schedule(schedule.AFTER_CHANGE)

    def _setting_changed(self, key: str) -> None:
        if key == ACCOUNT_KEY:
            self.failures = 0
            self.waiting_for_account = False
            self.timer.stop()
            self._schedule(dt.timedelta(0))

    # one sync ---------------------------------------------------------------------------
    def sync_now(self) -> None:
        if self._closed:
            return
        if self.running:
            self._again = True
            return
        self.timer.stop()
        engine = self.engine()
        account = engine.account()
        if account is None:
            self._set(SyncStatus("", ""))
            return  # nothing set up: nothing to do until an account is saved
        found, password = self._password(account)
        if not found:
            return
        self.running = True
        self._set(SyncStatus("Syncing…", f"Syncing with {account.host}…", running=True))

        def work() -> None:
            try:
                report = engine.run(password)
            except Exception as exc:  # a bug: a report that says so, never a hung scheduler
                log.exception("the sync failed")
                report = SyncReport(server=account.host)
                report.problem = SyncProblem(
                    Problem.SERVER, f"The sync stopped on an error ({type(exc).__name__})."
                )
            self._done.emit(report)

        self._thread = threading.Thread(target=work, name="runnerup-sync", daemon=True)
        self._thread.start()

    def _password(self, account: SyncAccount) -> tuple[bool, str | None]:
        """``(found, password)``: the keyring's password (``None`` without a user name);
        not found when the keyring has none or cannot be read (said in the status bar)."""
        if not account.user:
            return True, None
        if self._vault.problem is not None:  # no keyring here: nothing to wait for
            self._stopped(self._vault.problem, transient=False)
            return False, None
        try:
            password = self._vault.get(account.user, account.host)
        except SecretError as exc:
            self._stopped(str(exc), transient=True)
            return False, None
        if password is None:
            self._stopped(NO_PASSWORD, transient=False)
            return False, None
        return True, password

    def _finished(self, report: SyncReport) -> None:
        self.running = False
        self._thread = None
        if report.change != Change():
            self._ctx.ops.announce(report.change, self)
        questions = len(self._ctx_questions())
        if report.problem is None:
            self.failures = 0
            when = self._clock().strftime("%H:%M")
            text = f"Synced at {when}"
            detail = report.summary()
            if report.failed:
                text += f" ({len(report.failed)} kept for the next sync)"
            if questions:
                text += f" · {questions} question{'s' if questions != 1 else ''}"
            if report.warnings:  # a move too close to another touch, a conflict: in the log
                count = len(report.warnings)
                text += f" · {count} warning{'s' if count != 1 else ''}"
            self._set(SyncStatus(text, detail, bool(report.failed), questions))
            self._schedule(schedule.AFTER_CHANGE if self._again else schedule.EVERY)
        else:
            self._stopped(str(report.problem), transient=report.problem.kind.transient)
        self._again = False
        self.finished.emit(report)

    def _stopped(self, sentence: str, *, transient: bool) -> None:
        questions = len(self._ctx_questions())
        if transient:
            self.failures += 1
            pause = schedule.retry_after(self.failures)
            self._set(SyncStatus("Sync: not reached", sentence, True, questions))
            self._schedule(pause)
        else:
            self.waiting_for_account = True
            self._set(SyncStatus("Sync: needs attention", sentence, True, questions))

    def _ctx_questions(self) -> list[object]:
        from runnerup_desktop.store.sync_store import SyncQueries

        return list(SyncQueries(self._ctx.sessions).questions())

    def _set(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)
