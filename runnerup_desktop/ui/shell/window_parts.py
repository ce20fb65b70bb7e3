"""The main window's ways around: to a page, a record or a job-board finding; the welcome
view that stands in for the pages while the database is empty; the Help menu's windows
(Getting started, Keyboard shortcuts, About) and the demo; and what the status bar says
after a change.

:class:`~runnerup_desktop.ui.shell.main_window.MainWindow` builds on :class:`WindowParts`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from runnerup_desktop import APP_NAME, __version__

if TYPE_CHECKING:
    from runnerup_desktop.store.watch_services import FindingRecord
    from runnerup_desktop.ui.directory.directory_page import DirectoryPage
    from runnerup_desktop.ui.followups.calendar_page import CalendarPage
    from runnerup_desktop.ui.followups.owed_page import OwedPage
    from runnerup_desktop.ui.jobboards.finding_banner import FindingBanner
    from runnerup_desktop.ui.jobboards.jobboards_page import JobBoardsPage
    from runnerup_desktop.ui.opportunities.opportunities_panel import OpportunitiesPanel
    from runnerup_desktop.ui.shell.context import AppContext
    from runnerup_desktop.ui.shell.file_menu import FileMenu
    from runnerup_desktop.ui.timeline.timeline_panel import TimelinePanel
    from runnerup_desktop.ui.transfer.transfer_actions import TransferActions
    from runnerup_desktop.ui.welcome.welcome_view import WelcomeView


class WindowParts(QMainWindow):
    """What the window shows where: its pages and records, the welcome view, the Help
    menu's windows; :class:`MainWindow` builds the pages and the actions."""

    #: The Preferences dialog saved new settings.
    preferences_changed = Signal()

    stack: QStackedWidget
    tabs: QTabWidget
    context: AppContext
    directory: DirectoryPage
    opportunities: OpportunitiesPanel
    timeline: TimelinePanel
    calendar: CalendarPage
    owed: OwedPage
    job_boards: JobBoardsPage
    finding_banner: FindingBanner
    welcome: WelcomeView
    transfer: TransferActions
    file_menu: FileMenu
    demo_action: QAction
    start_demo: Callable[[], bool]
    _attached: bool
    _db_path: Path

    # --- going to a page, a record -----------------------------------------------------
    def _new_company(self) -> None:
        self.tabs.setCurrentWidget(self.directory)
        self.directory.new_company()

    def _new_contact(self) -> None:
        self.tabs.setCurrentWidget(self.directory)
        self.directory.new_contact()

    def _focus_search(self) -> None:
        from runnerup_desktop.ui.directory.directory_page import CONTACTS

        self._show(self.directory)
        search = (
            self.directory.contact_search
            if self.directory.area == CONTACTS
            else self.directory.company_search
        )
        search.setFocus()
        search.selectAll()

    def _company_selected(self, company_id: int | None) -> None:
        self.opportunities.set_company(company_id)
        if company_id is None:
            self.timeline.clear()
        else:
            self.timeline.show_company(company_id)

    def _contact_selected(self, contact_id: int | None) -> None:
        if contact_id is not None:
            self.timeline.show_contact(contact_id)
        elif self.directory.current_company_id() is not None:
            self.timeline.show_company(self.directory.current_company_id() or 0)

    def open_contact(self, contact_id: int, company_id: int) -> None:
        """Show a contact (from the owed list, say): its company, its row, its timeline."""
        self._show(self.directory)
        self.directory.all_contacts.setChecked(False)
        self.directory.company_search.clear()
        self.directory.select_company(company_id)
        self.directory.select_contact(contact_id)
        self.directory.details.setCurrentWidget(self.timeline)

    def open_opportunity(self, opportunity_id: int, company_id: int) -> None:
        self._show(self.directory)
        self.directory.company_search.clear()
        self.directory.select_company(company_id)
        self.opportunities.select_opportunity(opportunity_id)
        self.directory.details.setCurrentWidget(self.opportunities)

    def _show_company(self, company_id: int) -> None:
        self._show(self.directory)
        self.directory.company_search.clear()
        self.directory.select_company(company_id)

    def open_finding(self, posting_id: int) -> None:
        """Show a job-board finding (a notification was clicked): the Job boards page."""
        self._show(self.job_boards)
        self.job_boards.select_finding(posting_id)

    def show_findings(self, findings: list[FindingRecord]) -> None:
        """New findings of the watch: the banner tells of the most telling one."""
        self.finding_banner.show_findings(findings)

    def record_finding(self, finding: FindingRecord) -> None:
        """One click on the banner: record *Role re-posted* (a touch planned for today)."""
        from runnerup_desktop.ui.jobboards.record import record_role_reposted

        if record_role_reposted(self.context, self, finding, initiator=self) is not None:
            self.finding_banner.recorded()

    def open_follow_up(self, follow_up_id: int) -> None:
        """Bring one follow-up into view (the tray's notifications call this)."""
        self._show(self.calendar)
        self.calendar.select_follow_up(follow_up_id)

    def show_calendar(self) -> None:
        self._show(self.calendar)

    def _chain_tabs(self) -> None:
        """Tab moves on to the next part of the page, as in a form; the arrows move in a
        table (Qt's tables keep Tab for their cells, which traps it in the first one)."""
        for view in self.tabs.findChildren(QAbstractItemView):
            view.setTabKeyNavigation(False)
        chain = [
            self.tabs,  # its tab bar
            *self.directory.tab_chain(),
            *self.calendar.tab_chain(),
            self.owed.contact_view,
            self.owed.opportunity_view,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    # --- the welcome view, while the database is empty -------------------------------
    def _add_welcome(self, context: AppContext) -> None:
        from runnerup_desktop.ui.welcome.welcome_view import WelcomeView

        self.welcome: WelcomeView = WelcomeView(context, self)
        self.stack.addWidget(self.welcome)
        self.welcome.story_recorded.connect(self.open_opportunity)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.emptiness_changed.connect(self._emptiness_changed)
        self.welcome.offer_import(self.transfer.import_action)
        self._emptiness_changed(self.welcome.database_empty())

    def _emptiness_changed(self, empty: bool) -> None:
        """The welcome view while the database is empty; the pages once it is not."""
        was = self.welcome_shown()
        self.stack.setCurrentWidget(self.welcome if empty else self.tabs)
        if was and not empty and self.isVisible():
            self.directory.company_view.setFocus()

    def welcome_shown(self) -> bool:
        return self._attached and self.stack.currentWidget() is self.welcome

    def show_page(self, number: int) -> None:
        """Show page ``number`` (0: companies and contacts; View ▸ and Ctrl+1, 2, 3)."""
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentIndex(number)

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentWidget(page)

    def _performed(self, label: str) -> None:
        from runnerup_desktop.ui.shell.status import SHOWN_MS, done_message

        self.statusBar().showMessage(done_message(label), SHOWN_MS)

    # --- the Edit menu's windows and the Help menu's ------------------------------------
    def show_templates(self) -> None:
        from runnerup_desktop.ui.messages.template_editor import open_template_editor  # on demand

        open_template_editor(self, self.context)

    def show_preferences(self) -> None:
        from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog
        from runnerup_desktop.ui.shell.sync_controls import open_sync_account

        dialog = PreferencesDialog(
            self.context.settings,
            self,
            sync_account=lambda: open_sync_account(self.context, self),
            profiles=self.context.services.profiles,
            run=self.context.ops.runner(self),
        )
        try:
            if dialog.exec():
                self.preferences_changed.emit()
        finally:
            dialog.deleteLater()

    def show_getting_started(self) -> None:
        from runnerup_desktop.ui.shell.help import GettingStartedDialog

        dialog = GettingStartedDialog(self)
        dialog.demo_button.clicked.connect(self.open_demo)
        dialog.demo_button.setEnabled(self.demo_action.isEnabled())
        dialog.open()

    def show_shortcuts(self) -> None:
        from runnerup_desktop.ui.shell.help import ShortcutsDialog

        ShortcutsDialog(self).open()

    def open_demo(self) -> bool:
        """Open the demo in a window (and a process) of its own; whether it started."""
        started = self.start_demo()
        self.statusBar().showMessage(
            "Opening the demo in a window of its own…"
            if started
            else "The demo could not be started.",
            8000,
        )
        return started

    def set_demo(self, demo: bool) -> None:
        """This window shows the demo: say so, and open nothing else here."""
        if demo:
            self.setWindowTitle(f"{APP_NAME} — Demo (on a temporary copy, gone when closed)")
            self.demo_action.setEnabled(False)
            self.demo_action.setToolTip("This is the demo")
        self.file_menu.set_demo(demo)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # its enums load when first needed

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Came in second? Keep the door open with the right touch at the right time.</p>"
            f"<p>Your data stays on this computer:<br><code>{self._db_path}</code></p>",
        )


def launch_demo() -> bool:
    from runnerup_desktop.ui.shell.help import start_demo  # on demand

    return start_demo()
