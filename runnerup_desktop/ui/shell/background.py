"""Running in the background: the tray, reminders, the job-board watch, notifications,
start at login, and the hand-over from a later launch, wired to the main window.

With a tray, closing the window keeps RunnerUp running there (a setting, on by default,
explained once); Quit ends it. Without a tray, RunnerUp says so once, shows reminders in a
banner at the top of the window and asks the desktop to flag the window, and quits when
the window closes. Desktop notifications go out either way where the desktop has them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from runnerup_desktop import APP_NAME
from runnerup_desktop.cli.launch import Options
from runnerup_desktop.core.reminders import Notice
from runnerup_desktop.store.agenda_queries import DueNow
from runnerup_desktop.store.watch_services import FindingRecord
from runnerup_desktop.system import autostart
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.common.settings import (
    CLOSE_TO_TRAY,
    NO_TRAY_EXPLAINED,
    START_AT_LOGIN,
    TRAY_EXPLAINED,
    reminder_time,
)
from runnerup_desktop.ui.jobboards.notices import finding_notices
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.tray.notifications import Notifier, TrayNotifier, desktop_notifier
from runnerup_desktop.ui.tray.reminders import ReminderService
from runnerup_desktop.ui.tray.tray import Tray

if TYPE_CHECKING:
    from runnerup_desktop.ui.shell.sync_controls import SyncControls

log = logging.getLogger(__name__)

#: Started at login, RunnerUp waits this long for the desktop's tray before it shows its
#: window instead (panels often start after the programs of the session).
TRAY_WAIT_MS = 10_000
TRAY_POLL_MS = 500
#: The first look for due follow-ups waits for the window's first paint, but no longer
#: than this (a window the desktop never exposes, or one that painted already).
FIRST_CHECK_LATEST_MS = 2_000

NO_TRAY = (
    "Your desktop has no system tray, so RunnerUp reminds you here, at the top of this "
    "window, and ends when you close it."
)
STILL_RUNNING = (
    "RunnerUp keeps running in the tray to remind you of follow-ups. "
    "Quit it from the tray icon's menu (or File ▸ Quit)."
)


class Background(QObject):
    def __init__(
        self,
        window: MainWindow,
        context: AppContext,
        paths: AppPaths,
        options: Options,
        icon: QIcon,
        icon_file: Path | None = None,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
        parse_args: Callable[[Sequence[str]], argparse.Namespace] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._settings = context.settings
        self._paths = paths
        self._options = options
        self._icon = icon
        self._icon_file = icon_file
        self._parse_args = parse_args
        self.tray: Tray | None = None
        self.notifier: Notifier | None = None
        self.service = ReminderService(
            context, lambda: reminder_time(context.settings), clock, self
        )
        self.service.due_changed.connect(self._due_changed)
        self.service.notice.connect(self._notice)
        window.preferences_changed.connect(self.apply_settings)
        window.hidden_to_tray.connect(self._hidden_to_tray)
        window.quit_requested.connect(self.quit)
        window.keep_in_tray = self.keeps_running
        banner = window.banner
        banner.snooze_all.connect(self.service.snooze_all)
        window.watcher.found.connect(self._found)
        self._waited_ms = 0
        self.sync: SyncControls | None = None
        self._looked = False
        self._stopped = False

    # start and stop ---------------------------------------------------------------------
    def start(self) -> None:
        """Tray (or banner), notifications, reminders, then the window unless started in
        the background."""
        self._check_autostart()
        if self._options.background and not Tray.available():
            QTimer.singleShot(TRAY_POLL_MS, self._wait_for_tray)
            return
        self._go(show_window=not (self._options.background and Tray.available()))

    def _wait_for_tray(self) -> None:
        self._waited_ms += TRAY_POLL_MS
        if Tray.available() or self._waited_ms >= TRAY_WAIT_MS:
            # No tray even now: the window opens minimized, flagged when something is due.
            self._go(show_window=not Tray.available(), minimized=True)
        else:
            QTimer.singleShot(TRAY_POLL_MS, self._wait_for_tray)

    def _go(self, show_window: bool, minimized: bool = False) -> None:
        if Tray.available():
            self._make_tray()
        else:
            log.info("no system tray: reminders go to the window")
            QApplication.setQuitOnLastWindowClosed(True)
            if not self._settings.get(NO_TRAY_EXPLAINED):
                self.window.banner.show_note(NO_TRAY)
                self._settings.set(NO_TRAY_EXPLAINED, True)
        self.notifier = desktop_notifier(str(self._icon_file or ""), self)
        if self.notifier is None and self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.notifier = TrayNotifier(self.tray.icon, self)
        if self.notifier is not None:
            self.notifier.clicked.connect(self.open_notice)
        if show_window:
            if minimized:
                self.window.showMinimized()
            else:
                self.window.show()
        self._first_check_after_paint(show_window and not minimized)
        if self._options.follow_up is not None:
            self.open_follow_up(self._options.follow_up)

    def _first_check_after_paint(self, painting: bool) -> None:
        """Reminders look at the database once the window has painted (or, with no window
        to paint, once the event loop runs), so their first read never delays the window."""
        if painting and not self.window.has_painted:
            # Deferred again: first_painted comes from inside the window's paint event,
            # before its pages have painted and the frame reached the screen.
            self.window.first_painted.connect(self._painted)
            QTimer.singleShot(FIRST_CHECK_LATEST_MS, self._first_check)
        else:
            QTimer.singleShot(0, self._first_check)

    def _painted(self) -> None:
        QTimer.singleShot(0, self._first_check)

    def _first_check(self) -> None:
        if self._looked or self._stopped:
            return
        self._looked = True
        self.service.start()
        self.window.watcher.start()
        # Sync, too, starts once the window is ready (its first sync a few seconds later).
        from runnerup_desktop.ui.shell.sync_controls import SyncControls

        self.sync = SyncControls(self.window, self.window.context)
        self.sync.start()

    def _make_tray(self) -> None:
        tray = Tray(self._icon, self)
        tray.open_window.connect(self.window.bring_to_front)
        tray.open_follow_up.connect(self.open_follow_up)
        tray.open_calendar.connect(self._open_calendar)
        tray.snooze_all.connect(self.service.snooze_all)
        tray.quit.connect(self.quit)
        tray.show()
        self.tray = tray
        QApplication.setQuitOnLastWindowClosed(False)
        log.info("tray icon shown")

    def stop(self) -> None:
        self._stopped = True
        self.service.stop()
        self.window.watcher.stop()
        if self.sync is not None:
            self.sync.stop()
        if self.notifier is not None:
            self.notifier.close()
        if self.tray is not None:
            self.tray.hide()

    def quit(self) -> None:
        log.info("quit")
        self.window.save_state()
        QApplication.quit()

    # what the window and the tray ask -------------------------------------------------
    def keeps_running(self) -> bool:
        """Closing the window only hides it: with a tray and the setting on."""
        return self.tray is not None and self._settings.get(CLOSE_TO_TRAY)

    def open_follow_up(self, follow_up_id: int) -> None:
        log.info("showing follow-up %d", follow_up_id)
        self.window.bring_to_front()
        self.window.open_follow_up(follow_up_id)

    def _open_calendar(self) -> None:
        self.window.bring_to_front()
        self.window.show_calendar()

    def open_notice(self, notice: Notice) -> None:
        if notice.posting_id is not None:
            self.window.bring_to_front()
            self.window.open_finding(notice.posting_id)
        elif notice.follow_up_id is not None:
            self.open_follow_up(notice.follow_up_id)
        elif notice.follow_up_ids:
            self._open_calendar()
        else:
            self.window.bring_to_front()

    def second_launch(self, args: Sequence[str]) -> None:
        """A later launch handed over its arguments: come to the front, open what it asks."""
        options = [arg.split("=", 1)[0] for arg in args if arg.startswith("-")]
        log.info("raised by a second launch (%s)", " ".join(options) or "no options")
        parsed = None
        if self._parse_args is not None:
            try:
                parsed = self._parse_args(args)
            except SystemExit:  # arguments this version does not know: just come forward
                log.info("ignored the later launch's arguments")
        follow_up = getattr(parsed, "follow_up", None)
        if follow_up is not None:
            self.open_follow_up(int(follow_up))
        elif not getattr(parsed, "background", False):  # at login again: stay in the tray
            self.window.bring_to_front()

    def apply_settings(self) -> None:
        """After Preferences: the start-at-login entry (the reminders follow the reminder
        time themselves, when its change is announced)."""
        self.sync_autostart()

    def _check_autostart(self) -> None:
        """The desktop's own start-up settings may have removed the entry: follow them."""
        if self._options.demo or not self._settings.get(START_AT_LOGIN):
            return
        try:
            present = autostart.Autostart.for_paths(self._paths).is_enabled()
        except OSError:
            return
        if not present:
            log.info("the start-at-login entry was removed outside RunnerUp")
            self._settings.set(START_AT_LOGIN, False)

    def sync_autostart(self) -> None:
        """Write or remove the start-at-login entry as the setting says (Preferences)."""
        if self._options.demo:
            return  # a demo never changes how the person's session starts
        # No --db: at login RunnerUp opens the database opened last, as a plain start does
        # (ui/shell/databases.py); RUNNERUP_DB, set in the session, still wins.
        extra: list[str] = []
        try:
            autostart.apply(
                autostart.Autostart.for_paths(self._paths),
                self._settings.get(START_AT_LOGIN),
                autostart.launcher_command(extra),
                self._icon_file,
            )
        except OSError as error:
            log.warning("cannot change the start-at-login entry (%s)", type(error).__name__)
            self.window.statusBar().showMessage(
                f"{APP_NAME} could not change how it starts at login: {error}", 10_000
            )

    # reminders ------------------------------------------------------------------------
    def _due_changed(self, due: DueNow) -> None:
        if self.tray is not None:
            self.tray.set_due(due)
        else:
            self.window.banner.set_due(due)

    def _notice(self, notice: Notice) -> None:
        if self.notifier is not None:
            self.notifier.show(notice)
        if self.tray is None:
            self.window.banner.fell_due()
            QApplication.alert(self.window)

    # the job-board watch -------------------------------------------------------------------
    def _found(self, findings: list[FindingRecord]) -> None:
        """New findings: the banner in the window, and a notification for each (one for all
        when there are more than three)."""
        self.window.show_findings(findings)
        for notice in finding_notices(findings):
            if self.notifier is not None:
                self.notifier.show(notice)
        if self.tray is None or not self.window.isVisible():
            QApplication.alert(self.window)

    def _hidden_to_tray(self) -> None:
        if self._settings.get(TRAY_EXPLAINED):
            return
        self._settings.set(TRAY_EXPLAINED, True)
        explanation = Notice(f"{APP_NAME} is still running", STILL_RUNNING, ())
        if self.notifier is not None:
            self.notifier.show(explanation)
        elif self.tray is not None:
            self.tray.icon.showMessage(explanation.title, explanation.body)
