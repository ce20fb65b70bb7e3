"""The main window: menus, pages, and the state that persists between runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QByteArray, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from runnerup_desktop import APP_NAME, __version__
from runnerup_desktop.store.services import Change
from runnerup_desktop.ui.calendar_page import CalendarPage
from runnerup_desktop.ui.context import AppContext
from runnerup_desktop.ui.directory_page import DirectoryPage
from runnerup_desktop.ui.opportunities_panel import OpportunitiesPanel
from runnerup_desktop.ui.owed_page import OwedPage
from runnerup_desktop.ui.preferences_dialog import PreferencesDialog
from runnerup_desktop.ui.timeline_panel import TimelinePanel
from runnerup_desktop.ui.tray import ReminderBanner


class Refreshing(Protocol):
    """A page that refreshes what a change touched, wherever the change was made."""

    def apply_change(self, change: Change) -> None: ...


class Writer(Refreshing, Protocol):
    """A page that also writes, and says what it changed."""

    @property
    def changed(self) -> SignalInstance: ...


class MainWindow(QMainWindow):
    changed = Signal(object)  # a Change, after any page wrote something
    first_painted = Signal()
    #: The window was closed but RunnerUp keeps running in the tray.
    hidden_to_tray = Signal()
    #: The window closed for good (File ▸ Quit, or closed without the tray): end RunnerUp.
    quit_requested = Signal()
    #: The Preferences dialog saved new settings.
    preferences_changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = context.settings.store
        self._context = context
        self._db_path = context.db_path
        self._painted = False
        self._quitting = False
        #: Whether closing the window only hides it (the tray wiring decides; never here).
        self.keep_in_tray: Callable[[], bool] = lambda: False
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_NAME} — {context.db_path.name}")
        c = context
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pages")
        self.directory = DirectoryPage(c.sessions, c.services, self)
        self.opportunities = OpportunitiesPanel(c.sessions, c.playbook, c.settings, c.today)
        self.timeline = TimelinePanel(c.sessions, c.services, c.playbook, c.settings, c.today)
        self.directory.add_detail("Opportunities", self.opportunities)
        self.directory.add_detail("Timeline", self.timeline)
        # Pages behind a tab read their data when first shown, not before the first paint.
        self.calendar = CalendarPage(c.sessions, c.playbook, c.settings, c.today, defer=True)
        self.owed = OwedPage(c.sessions, c.settings, c.today, defer=True)
        self.tabs.addTab(self.directory, "Companies && contacts")
        self.tabs.addTab(self.calendar, "Follow-ups")
        self.tabs.addTab(self.owed, "Who do I owe a touch")
        self.banner = ReminderBanner()
        self.banner.open_follow_up.connect(self.open_follow_up)
        self.banner.open_calendar.connect(self.show_calendar)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        writers: list[Writer] = [self.directory, self.opportunities, self.timeline, self.calendar]
        for writer in writers:
            writer.changed.connect(self.changed)
        self._pages: list[Refreshing] = [*writers, self.owed]
        self.directory.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.directory.company_selected.connect(self._company_selected)
        self.directory.contact_selected.connect(self._contact_selected)
        self.owed.open_contact.connect(self.open_contact)
        self.owed.open_opportunity.connect(self.open_opportunity)
        self.changed.connect(self.apply_change)
        self._build_menus()
        self.statusBar().showMessage(f"Database: {context.db_path}")
        self.resize(1200, 720)
        self._restore_state()

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        page = self.directory
        self.new_action = self._action("&New…", self._new_in_focus, QKeySequence.StandardKey.New)
        self.new_company_action = self._action("New &company…", page.new_company)
        self.new_contact_action = self._action("New c&ontact…", page.new_contact, "Ctrl+Shift+N")
        self.edit_action = self._action("&Edit…", self._edit_in_focus)
        self.delete_action = self._action("&Delete", self._delete_in_focus)
        self.find_action = self._action("&Find", self._focus_search, QKeySequence.StandardKey.Find)
        self.quit_action = self._action("&Quit", self.quit_app, QKeySequence.StandardKey.Quit)
        self.all_contacts_action = self._action(
            "&All contacts", page.all_contacts.toggle, "Ctrl+Shift+A"
        )
        self.about_action = self._action(f"&About {APP_NAME}", self.show_about)

        file_menu = self.menuBar().addMenu("&File")
        for action in (self.new_action, self.new_company_action, self.new_contact_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        for action in (self.edit_action, self.delete_action, self.find_action):
            edit_menu.addAction(action)
        self.preferences_action = self._action(
            "&Preferences…", self.show_preferences, QKeySequence.StandardKey.Preferences
        )
        edit_menu.addSeparator()
        self.templates_action = self._action("Message &templates…", self.show_templates)
        edit_menu.addAction(self.templates_action)
        edit_menu.addAction(self.preferences_action)
        view_menu = self.menuBar().addMenu("&View")
        for number, target in enumerate((self.directory, self.calendar, self.owed), start=1):
            title = self.tabs.tabText(self.tabs.indexOf(target)).replace("&&", "&")
            go = self._action(title, lambda _=False, t=target: self.tabs.setCurrentWidget(t))
            go.setShortcut(QKeySequence(f"Ctrl+{number}"))
            view_menu.addAction(go)
        view_menu.addSeparator()
        view_menu.addAction(self.all_contacts_action)
        follow_up_menu = self.menuBar().addMenu("F&ollow-ups")
        self.calendar.follow_up_actions.fill_menu(follow_up_menu)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.new_company_action,
            self.new_contact_action,
            self.edit_action,
            self.delete_action,
        ):
            toolbar.addAction(action)
        # Enter and Delete work inside the tables (DataTable); the menu shows them too.
        self.edit_action.setShortcutVisibleInContextMenu(True)

    def _contacts_have_focus(self) -> bool:
        focus = self.focusWidget()
        page = self.directory
        return focus is not None and (
            focus is page.contact_view
            or focus is page.contact_search
            or page.contact_view.isAncestorOf(focus)
        )

    def _new_in_focus(self) -> None:
        if self._contacts_have_focus():
            self.directory.new_contact()
        else:
            self.directory.new_company()

    def _edit_in_focus(self) -> None:
        if self._contacts_have_focus():
            self.directory.edit_contact()
        else:
            self.directory.edit_company()

    def _delete_in_focus(self) -> None:
        if self._contacts_have_focus():
            self.directory.delete_contact()
        else:
            self.directory.delete_company()

    def _focus_search(self) -> None:
        search = (
            self.directory.contact_search
            if self._contacts_have_focus()
            else self.directory.company_search
        )
        search.setFocus()
        search.selectAll()

    def apply_change(self, change: Change) -> None:
        """Refresh every page after a change made here or elsewhere (the reminders)."""
        for page in self._pages:
            page.apply_change(change)

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
        self.tabs.setCurrentWidget(self.directory)
        self.directory.all_contacts.setChecked(False)
        self.directory.company_search.clear()
        self.directory.select_company(company_id)
        self.directory.select_contact(contact_id)
        self.directory.details.setCurrentWidget(self.timeline)

    def open_opportunity(self, opportunity_id: int, company_id: int) -> None:
        self.tabs.setCurrentWidget(self.directory)
        self.directory.company_search.clear()
        self.directory.select_company(company_id)
        self.opportunities.select_opportunity(opportunity_id)
        self.directory.details.setCurrentWidget(self.opportunities)

    def open_follow_up(self, follow_up_id: int) -> None:
        """Bring one follow-up into view (the tray's notifications call this)."""
        self.tabs.setCurrentWidget(self.calendar)
        self.calendar.select_follow_up(follow_up_id)

    def show_calendar(self) -> None:
        self.tabs.setCurrentWidget(self.calendar)

    def bring_to_front(self) -> None:
        """Show the window, restored and on top (from the tray or a later launch)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def quit_app(self) -> None:
        """Close the window for good and ask the application to end."""
        self._quitting = True
        self.close()

    def show_templates(self) -> None:
        from runnerup_desktop.ui.template_editor import open_template_editor  # on demand

        open_template_editor(self, self._context.sessions)

    def show_preferences(self) -> None:
        if PreferencesDialog(self._context.settings, self).exec():
            self.owed.refresh()
            self.calendar.refresh()
            self.preferences_changed.emit()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Came in second? Keep the door open with the right touch at the right time.</p>"
            f"<p>Your data stays on this computer:<br><code>{self._db_path}</code></p>",
        )

    # --- persistence ----------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self._settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.directory.restore_state(self._settings)

    def save_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self.directory.save_state(self._settings)
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if not self._quitting and self.keep_in_tray():
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        super().closeEvent(event)
        self.quit_requested.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
