"""Reminders: notice follow-ups as they fall due, once each, without polling.

The service looks at the database on :meth:`ReminderService.start`, then sleeps on one
single-shot timer until the next follow-up falls due, waking at least every five minutes
(a suspended laptop or a clock set forward is caught soon after). Each follow-up that fell
due is recorded as notified in the database before its notice goes out, so it never
reminds twice, across restarts too, unless a snooze or a new date clears the mark.

After each look the service says how many follow-ups are due, reminded or not, and names
only the first :data:`DUE_SHOWN` of them (most overdue first): a count and a LIMITed read,
so a look costs the same with ten thousand follow-ups overdue as with ten. The digest
reads what fell due since the last look, and "Snooze all" moves the due ones in one
statement without reading them.

The clock is injected: tests drive the service with a fake one and call :meth:`check`
(or fire the timer) themselves.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from runnerup_desktop.core.reminders import (
    DUE_SHOWN,
    RECHECK_EVERY,
    Notice,
    next_check_in,
    notices_for,
)
from runnerup_desktop.store.agenda_queries import (
    NOTHING_DUE,
    DueNow,
    due_follow_ups,
    due_now,
    next_due_after,
)
from runnerup_desktop.store.change import Change, StorageError
from runnerup_desktop.store.errors import STOPPING
from runnerup_desktop.ui.common.settings import REMINDER_TIME
from runnerup_desktop.ui.shell.context import AppContext

log = logging.getLogger(__name__)
#: Failures after which nothing is saved any more: said to the person, not only logged.
STOPPING_KINDS = frozenset(kind.value for kind in STOPPING)


class ReminderService(QObject):
    #: What is due now, reminded or not (a DueNow: the count and the first few), after
    #: each look.
    due_changed = Signal(object)
    #: A notification to show (a Notice): one per follow-up, or one digest.
    notice = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        reminder_time: Callable[[], dt.time],
        clock: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = ctx.sessions
        self._playbook = ctx.services.playbook
        self._ops = ctx.ops
        self._reminder_time = reminder_time
        self._clock = clock
        self.due: DueNow = NOTHING_DUE
        #: The moment and reminder time of the last look ("Snooze all" moves what was due).
        self._looked: tuple[dt.datetime, dt.time] | None = None
        #: The one timer: single-shot, restarted after every look.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self.next_check_at: dt.datetime | None = None
        self._stopped = False
        ctx.changes.applied.connect(self._applied)
        ctx.changes.setting_changed.connect(self._setting_changed)

    def start(self) -> None:
        self._stopped = False
        self.check()

    def stop(self) -> None:
        """For good, until start(): a change announced afterwards (the store may be closing)
        neither looks nor restarts the timer, so nothing opens the database again."""
        self._stopped = True
        self.timer.stop()
        self.next_check_at = None

    def check(self) -> list[Notice]:
        """Look now: record and announce what fell due, then sleep until the next one."""
        if self._stopped:
            return []
        now = self._clock()
        at = self._reminder_time()
        try:
            with self._sessions() as session:
                fresh = due_follow_ups(session, now, untimed_from=at)
                due = due_now(session, now, untimed_from=at, first=DUE_SHOWN)
                next_due = next_due_after(session, now, untimed_from=at, within=RECHECK_EVERY)
            if fresh:
                # Recorded first: a notice may be lost in a crash, but never shown twice.
                self._playbook.mark_notified([item.id for item in fresh], now)
                log.info("reminding of %d follow-up(s) due", len(fresh))
        except StorageError as error:
            log.warning("reminders could not use the database: %s", error.kind)
            self._sleep(now, RECHECK_EVERY)
            if error.kind in STOPPING_KINDS:
                raise  # damaged, or gone: the person is told (once), reminders go on reading
            return []  # locked for a moment, a full disk: look again later
        self._sleep(now, next_check_in(now, next_due))
        self.due = due
        self._looked = (now, at)
        self.due_changed.emit(due)
        notices = notices_for(fresh, now)
        for notice in notices:
            self.notice.emit(notice)
        return notices

    def _sleep(self, now: dt.datetime, wait: dt.timedelta) -> None:
        self.next_check_at = now + wait
        # A timer that fires early (coarse timers may) only finds nothing new and sleeps
        # again for what is left.
        self.timer.start(max(1, int(wait.total_seconds() * 1000)))

    def snooze_all(self) -> Change | None:
        """Move every follow-up that was due at the last look to tomorrow (one statement,
        however many); each reminds again then."""
        if not self.due.count or self._looked is None:
            return None
        looked_at, at = self._looked
        tomorrow = self._clock().date() + dt.timedelta(days=1)

        def snooze() -> tuple[int, Change]:
            moved = self._playbook.snooze_due(looked_at, at, tomorrow)
            return moved, Change(follow_ups=True)

        done = self._ops.run(None, snooze, label="Snooze every due follow-up", initiator=self)
        if done is None:
            return None
        log.info("snoozed %d follow-up(s) until %s", done[0], tomorrow.isoformat())
        return done[1]

    @property
    def _looking(self) -> bool:
        """Between the first look and :meth:`stop` (a look waits for the window's paint)."""
        return self.next_check_at is not None

    def _applied(self, change: Change, _initiator: object) -> None:
        """Look again after follow-ups changed anywhere (planned, done, moved, deleted)."""
        if self._looking and (change.follow_ups or change.deleted or change.everything):
            self.check()

    def _setting_changed(self, key: str) -> None:
        if self._looking and key == REMINDER_TIME.key:
            self.check()
