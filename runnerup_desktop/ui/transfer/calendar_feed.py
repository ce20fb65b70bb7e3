"""The plan as a calendar file: once from File ▸ Export, or kept up to date in a folder.

With a folder chosen, ``RunnerUp.ics`` there is written again a few seconds after any
change that reaches the plan (a follow-up, a contact's or company's name, an import, an
undo), and when the calendar preferences change. A calendar app that subscribes to the
file (or a synced folder: Nextcloud, Syncthing, Dropbox) then shows the plan on the
phone. The file is written on a thread of its own with its own session, whole or not at
all; a failure is kept as a sentence (:attr:`CalendarFeed.problem`) for the folder
dialog, and logged without any name from the plan.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.reminders import DEFAULT_REMINDER_TIME, parse_time_of_day
from runnerup_desktop.store.change import Change
from runnerup_desktop.ui.common.settings import (
    CALENDAR_FOLDER,
    CALENDAR_UNTIMED,
    REMINDER_TIME,
    AppSettings,
)

if TYPE_CHECKING:
    from runnerup_desktop.store.exports.ics import CalendarOptions

log = logging.getLogger(__name__)
FEED_NAME = "RunnerUp.ics"
#: Changes that come together (an import, typing in several cells) are written once.
DEBOUNCE_MS = 3000


def calendar_options(settings: AppSettings) -> CalendarOptions:
    """The export's options from the person's preferences (the computer's time zone).
    Read on the GUI thread: the settings belong to it."""
    from runnerup_desktop.store.exports.ics import CalendarOptions
    from runnerup_desktop.system.zones import local_zone

    return CalendarOptions(
        zone=local_zone(),
        reminder_time=parse_time_of_day(settings.get(REMINDER_TIME)) or DEFAULT_REMINDER_TIME,
        untimed_as="todo" if settings.get(CALENDAR_UNTIMED) == "todo" else "event",
    )


def write_plan(sessions: sessionmaker[Session], path: Path, options: CalendarOptions) -> int:
    """Write the plan to ``path``; how many entries it holds (raises ExportFailed)."""
    from runnerup_desktop.store.exports.ics import write_calendar

    with sessions() as session:
        return write_calendar(session, path, options)


def _touches_plan(change: Change) -> bool:
    return bool(
        change.everything
        or change.follow_ups
        or change.opportunities
        or change.deleted
        or change.companies
        or change.contacts
    )


class CalendarFeed(QObject):
    """Keeps ``RunnerUp.ics`` in the chosen folder up to date (see the module)."""

    #: Emitted (on the GUI thread) after each write: the sentence of a failure, or "".
    written = Signal(str)
    _done = Signal(str)

    def __init__(
        self, sessions: sessionmaker[Session], settings: AppSettings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._settings = settings
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.write_now)
        self._thread: threading.Thread | None = None
        self._again = False
        #: Why the last write failed ("" when it did not).
        self.problem = ""
        self._done.connect(self._finished)

    @property
    def path(self) -> Path | None:
        folder = self._settings.get(CALENDAR_FOLDER)
        return Path(folder) / FEED_NAME if folder else None

    def changed(self, change: Change, _initiator: object = None) -> None:
        if self.path is not None and _touches_plan(change):
            self._timer.start()

    def setting_changed(self, key: str) -> None:
        watched = (CALENDAR_FOLDER.key, CALENDAR_UNTIMED.key, REMINDER_TIME.key)
        if key in watched and self.path is not None:
            self._timer.start()

    def write_now(self) -> None:
        """Write at once (on a thread); a write asked for meanwhile follows it."""
        path = self.path
        if path is None:
            return
        if self._thread is not None and self._thread.is_alive():
            self._again = True
            return
        options = calendar_options(self._settings)
        self._thread = threading.Thread(
            target=self._write, args=(path, options), name="calendar-feed", daemon=True
        )
        self._thread.start()

    def wait(self) -> None:
        """Wait for a write in progress (at quit, and in tests)."""
        if self._thread is not None:
            self._thread.join()

    def _write(self, path: Path, options: CalendarOptions) -> None:
        from runnerup_desktop.store.exports.files import ExportFailed

        try:
            write_plan(self._sessions, path, options)
            self._done.emit("")
        except ExportFailed as exc:
            log.warning("the calendar file could not be written (%s)", type(exc).__name__)
            self._done.emit(str(exc))
        except Exception as exc:  # the database, say: kept as a sentence, never lost
            log.exception("the calendar file could not be written")
            self._done.emit(f"RunnerUp could not write {path} ({type(exc).__name__}).")

    def _finished(self, problem: str) -> None:
        self.problem = problem
        self.written.emit(problem)
        if self._again:
            self._again = False
            self.write_now()
