"""The main window: menus, pages, and the state that persists between runs.

It is built in two steps, so that start-up can paint before the app has loaded: the
frame (title, menus, toolbar, tabs, the place as last left) needs Qt alone, and may show
a first page painted without SQLAlchemy
(:class:`~runnerup_desktop.ui.directory.first_paint.FirstPage`);
:meth:`MainWindow.attach` then builds the pages over the store and wires the actions.
``MainWindow(context)`` does both at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from runnerup_desktop import APP_NAME
from runnerup_desktop.ui.common.elide import ElidedLabel
from runnerup_desktop.ui.common.settings import WINDOW_GEOMETRY, WINDOW_STATE
from runnerup_desktop.ui.common.window_size import first_size
from runnerup_desktop.ui.directory.first_paint import FirstPage
from runnerup_desktop.ui.shell.early_actions import EarlyActions
from runnerup_desktop.ui.shell.file_menu import FileMenu
from runnerup_desktop.ui.shell.window_parts import WindowParts, launch_demo

if TYPE_CHECKING:
    from runnerup_desktop.ui.directory.directory_page import DirectoryPage
    from runnerup_desktop.ui.followups.calendar_page import CalendarPage
    from runnerup_desktop.ui.followups.owed_page import OwedPage
    from runnerup_desktop.ui.jobboards.finding_banner import FindingBanner
    from runnerup_desktop.ui.jobboards.jobboards_page import JobBoardsPage
    from runnerup_desktop.ui.jobboards.watcher import JobWatcher
    from runnerup_desktop.ui.opportunities.opportunities_panel import OpportunitiesPanel
    from runnerup_desktop.ui.shell.context import AppContext
    from runnerup_desktop.ui.timeline.timeline_panel import TimelinePanel
    from runnerup_desktop.ui.tray.tray import ReminderBanner

#: The pages' tab titles, in order (the View menu's Ctrl+1, Ctrl+2, Ctrl+3).
PAGE_TITLES = ("Companies && contacts", "Follow-ups", "Who do I owe a touch", "Job boards")
#: The same in the View menu, with a letter each.
VIEW_TITLES = ("&Companies && contacts", "&Follow-ups", "&Who do I owe a touch", "&Job boards")
#: The window's smallest size: everything stays usable at 800x600 with room for the
#: desktop's panels and the title bar.
MINIMUM_SIZE = (720, 480)


@dataclass(frozen=True)
class Frame:
    """What the window needs before the store is open."""

    settings: QSettings
    db_path: Path
    #: Shown in the first tab until :meth:`MainWindow.attach` puts the real page there.
    first_page: QWidget | None = None


class MainWindow(WindowParts):
    first_painted = Signal()
    #: The window was closed but RunnerUp keeps running in the tray.
    hidden_to_tray = Signal()
    #: The window closed for good (File ▸ Quit, or closed without the tray): end RunnerUp.
    quit_requested = Signal()
    #: The person chose a database to open instead (a Path; File ▸ Open…, New database…).
    database_chosen = Signal(object)

    def __init__(
        self,
        context: AppContext | None = None,
        parent: QWidget | None = None,
        *,
        frame: Frame | None = None,
    ) -> None:
        super().__init__(parent)
        if frame is None:
            if context is None:
                raise TypeError("MainWindow needs a context or a frame")
            frame = Frame(context.settings.store, context.db_path)
        self._settings = frame.settings
        self._db_path = frame.db_path
        self._painted = False
        self._quitting = False
        self._attached = False
        self._shortcuts: list[tuple[QAction, QKeySequence.StandardKey | str]] = []
        self._early: EarlyActions | None = None
        #: Whether closing the window only hides it (the tray wiring decides; never here).
        self.keep_in_tray: Callable[[], bool] = lambda: False
        #: Starts the demo in a process of its own; tests replace it.
        self.start_demo: Callable[[], bool] = launch_demo
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_NAME} — {frame.db_path.name}")
        self.setMinimumSize(*MINIMUM_SIZE)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pages")
        self.tabs.addTab(frame.first_page or QWidget(), PAGE_TITLES[0])
        for title in PAGE_TITLES[1:]:
            self.tabs.addTab(QWidget(), title)
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        #: The pages' tabs, or the welcome view while the database is empty.
        self.stack = QStackedWidget()
        self.stack.setObjectName("windowStack")
        self.stack.addWidget(self.tabs)
        self._column.addWidget(self.stack, 1)
        central = QWidget()
        central.setLayout(self._column)
        self.setCentralWidget(central)
        self._build_menus()
        #: The open database, always in view (messages come and go beside it).
        self.database_label = ElidedLabel(f"Database: {frame.db_path}")
        self.database_label.setObjectName("databasePath")
        self.statusBar().addPermanentWidget(self.database_label)
        first_size(self, 1200, 720)
        self._restore_geometry()
        if context is not None:
            self.attach(context)

    def attach(self, context: AppContext) -> None:
        """Build the pages over the store, put them in their tabs, and wire the actions."""
        from runnerup_desktop.ui.directory.directory_page import DirectoryPage
        from runnerup_desktop.ui.followups.calendar_page import CalendarPage
        from runnerup_desktop.ui.followups.owed_page import OwedPage
        from runnerup_desktop.ui.jobboards.finding_banner import FindingBanner
        from runnerup_desktop.ui.jobboards.jobboards_page import JobBoardsPage
        from runnerup_desktop.ui.jobboards.watcher import JobWatcher
        from runnerup_desktop.ui.opportunities.opportunities_panel import OpportunitiesPanel
        from runnerup_desktop.ui.timeline.timeline_panel import TimelinePanel
        from runnerup_desktop.ui.tray.tray import ReminderBanner

        self.context = c = context
        first = self.tabs.widget(0)
        self.directory: DirectoryPage = DirectoryPage(c, self)
        self.opportunities: OpportunitiesPanel = OpportunitiesPanel(c)
        self.timeline: TimelinePanel = TimelinePanel(c)
        self.directory.add_detail(
            "Opportunities", self.opportunities, "opportunities", self.opportunities
        )
        self.directory.add_detail("Timeline", self.timeline, "timeline", self.timeline)
        # Pages behind a tab read their data when first shown, not before the first paint.
        self.calendar: CalendarPage = CalendarPage(c, defer=True)
        self.owed: OwedPage = OwedPage(c, defer=True)
        # The job-board watch: built here, started by the background wiring after the paint.
        self.watcher: JobWatcher = JobWatcher(c, parent=self)
        self.job_boards: JobBoardsPage = JobBoardsPage(c, self.watcher)
        # Each page goes in beside its stand-in, which then leaves: a page behind a tab is
        # never shown (and so never reads its data) on the way.
        pages = (self.directory, self.calendar, self.owed, self.job_boards)
        for position, page in enumerate(pages):
            stand_in = self.tabs.widget(position)
            self.tabs.insertTab(position, page, PAGE_TITLES[position])
            if self.tabs.currentIndex() == position + 1:
                self.tabs.setCurrentIndex(position)
            self.tabs.removeTab(position + 1)
            if stand_in is not None:
                stand_in.deleteLater()
        self.banner: ReminderBanner = ReminderBanner()
        self.banner.open_follow_up.connect(self.open_follow_up)
        self.banner.open_calendar.connect(self.show_calendar)
        self._column.insertWidget(0, self.banner)
        self.finding_banner: FindingBanner = FindingBanner()
        self.finding_banner.record.connect(self.record_finding)
        self.finding_banner.show_boards.connect(
            lambda finding: self.open_finding(finding.posting_id)
        )
        self._column.insertWidget(0, self.finding_banner)
        self.job_boards.open_company.connect(self._show_company)
        self._attached = True
        self.directory.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        c.changes.performed.connect(self._performed)
        self.directory.company_selected.connect(self._company_selected)
        self.directory.contact_selected.connect(self._contact_selected)
        self.owed.open_contact.connect(self.open_contact)
        self.owed.open_opportunity.connect(self.open_opportunity)
        asked = self._early.release() if self._early is not None else ()
        self._early = None
        self._wire_actions()
        self._chain_tabs()
        from runnerup_desktop.ui.data.data_actions import DataActions

        self.data_actions = DataActions(self, c)  # File ▸ Back up now…, Restore…, Export…
        self.data_actions.fill_menu(self._file_menu, before=self.quit_action)
        self.directory.restore_state(self._settings)
        self._add_welcome(c)
        if self.isVisible():  # the first page had the focus: give it to the page after it
            (self.welcome if self.welcome_shown() else self.directory.company_view).setFocus()
        if isinstance(first, FirstPage) and not self.welcome_shown():
            first.carry_to(self.directory)  # what the person did there, carried over
        if asked:
            self.statusBar().showMessage(f"Database: {self._db_path}")
        for action in asked:  # asked for while the store loaded: done now
            action.trigger()

    def enable_early(self, first: FirstPage) -> None:
        """At the first paint: the shortcuts, and the actions that need no record
        (:mod:`.early_actions`)."""
        self._set_shortcuts()
        self._early = EarlyActions.for_window(self, first)

    def _set_shortcuts(self) -> None:
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))

    def _action(self, text: str, shortcut: QKeySequence.StandardKey | str | None = None) -> QAction:
        """An action, disabled until :meth:`attach` gives it something to do (and its
        shortcut: building a ``QKeySequence`` loads Qt's ``Qt`` namespace, not wanted
        before the first paint; see ui/table_view.py)."""
        action = QAction(text, self)
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
        action.setEnabled(False)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        self.undo_action = self._action("&Undo")
        self.redo_action = self._action("&Redo")
        self.new_action = self._action("&New…", keys.New)
        self.new_company_action = self._action("New &company…")
        self.new_contact_action = self._action("New con&tact…", "Ctrl+Shift+N")
        self.edit_action = self._action("&Edit…")
        self.delete_action = self._action("&Delete…", keys.Delete)
        self.find_action = self._action("&Find", keys.Find)
        self.quit_action = self._action("&Quit", keys.Quit)
        self.quit_action.triggered.connect(self.quit_app)
        self.quit_action.setEnabled(True)
        self.all_contacts_action = self._action("&All contacts", "Ctrl+Shift+A")
        self.getting_started_action = self._action("&Getting started", keys.HelpContents)
        self.shortcuts_action = self._action("&Keyboard shortcuts", "Ctrl+/")
        self.demo_action = self._action("Open the &demo")
        self.demo_action.setToolTip("A runner-up story on a temporary database, in its own window")
        self.about_action = self._action(f"&About {APP_NAME}")
        for action, slot in (
            (self.about_action, self.show_about),
            (self.getting_started_action, self.show_getting_started),
            (self.shortcuts_action, self.show_shortcuts),
            (self.demo_action, self.open_demo),
        ):
            action.triggered.connect(slot)
            action.setEnabled(True)
        self.preferences_action = self._action("&Preferences…", keys.Preferences)
        self.templates_action = self._action("Message &templates…")

        file_menu = self._file_menu = self.menuBar().addMenu("&File")
        self.file_menu = FileMenu(file_menu, self._settings, self._db_path, self)
        self.file_menu.chosen.connect(self.database_chosen)
        self.open_action = self.file_menu.open_action
        self._shortcuts.append((self.open_action, keys.Open))
        for action in (self.new_action, self.new_company_action, self.new_contact_action):
            file_menu.addAction(action)
        self.file_menu.end_section("records")
        self.file_menu.add_databases()
        self.file_menu.end_section("databases")
        # Import…, Export… and the backups go here: each part inserts before Quit.
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        self.edit_menu = edit_menu
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for action in (self.edit_action, self.delete_action, self.find_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.templates_action)
        edit_menu.addAction(self.preferences_action)
        view_menu = self.menuBar().addMenu("&View")
        for number, title in enumerate(VIEW_TITLES, start=1):
            go = self._action(title, f"Ctrl+{number}")
            go.triggered.connect(lambda _=False, n=number - 1: self.show_page(n))
            go.setEnabled(True)
            view_menu.addAction(go)
        view_menu.addSeparator()
        view_menu.addAction(self.all_contacts_action)
        self._follow_up_menu = self.menuBar().addMenu("F&ollow-ups")
        help_menu = self.menuBar().addMenu("&Help")
        for action in (self.getting_started_action, self.shortcuts_action, self.demo_action):
            help_menu.addAction(action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        self._toolbar = toolbar
        for action in (self.new_action, self.edit_action, self.delete_action):
            toolbar.addAction(action)
        # Enter and Delete work inside the tables (DataTable); the menu shows them too.
        self.edit_action.setShortcutVisibleInContextMenu(True)

    def _wire_actions(self) -> None:
        from PySide6.QtCore import Qt  # not before the first paint: see ui/table_view.py

        from runnerup_desktop.ui.common import icons

        for action, name in (
            (self.new_action, icons.NEW),
            (self.edit_action, icons.EDIT),
            (self.delete_action, icons.DELETE),
        ):
            action.setIcon(icons.action_icon(name))
        self._toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._set_shortcuts()
        from runnerup_desktop.ui.shell.page_actions import PageActions

        page = self.directory
        slots: list[tuple[QAction, Callable[[], object]]] = [
            (self.new_company_action, self._new_company),
            (self.new_contact_action, self._new_contact),
            (self.find_action, self._focus_search),
            (self.all_contacts_action, page.all_contacts.toggle),
            (self.preferences_action, self.show_preferences),
            (self.templates_action, self.show_templates),
        ]
        for action, slot in slots:
            action.triggered.connect(slot)
            action.setEnabled(True)
        self.page_actions = PageActions(
            self.tabs,
            (self.directory, self.calendar, self.owed),
            self.new_action,
            self.edit_action,
            self.delete_action,
        )
        self.calendar.follow_up_actions.fill_menu(self._follow_up_menu)
        from runnerup_desktop.ui.transfer.transfer_actions import TransferActions

        self.transfer = TransferActions(
            self.context,
            self,
            lambda: (page.current_company_id(), page.current_contact_id()),
        )
        self.transfer.fill_menu(self._file_menu, self.quit_action)
        from runnerup_desktop.ui.shell.undo_actions import UndoActions

        self.undo_actions = UndoActions.for_window(self)

    def bring_to_front(self) -> None:
        """Show the window, restored and on top (from the tray or a later launch)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def quit_app(self) -> None:
        """Close the window for good and ask the application to end."""
        self._finish_writes()
        self._quitting = True
        self.close()

    def _finish_writes(self) -> None:
        if self._attached:
            self.transfer.feed.wait()  # a calendar file half written stays unwritten

    def retire(self) -> None:
        """Close for good without ending RunnerUp: another database's window took over."""
        for signal in (
            self.quit_requested,
            self.hidden_to_tray,
            self.preferences_changed,
            self.database_chosen,
        ):
            with contextlib.suppress(RuntimeError, TypeError):  # nothing was connected
                signal.disconnect()
        self.keep_in_tray = lambda: False
        self._finish_writes()
        self._quitting = True
        self.close()
        self.deleteLater()

    # --- persistence ----------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self._settings.value(WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self._settings.value(WINDOW_STATE)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def save_state(self) -> None:
        self._settings.setValue(WINDOW_GEOMETRY, self.saveGeometry())
        self._settings.setValue(WINDOW_STATE, self.saveState())
        if self._attached:  # the directory page is the real one
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

    @property
    def attached(self) -> bool:
        """Whether the pages (and the actions over the store) are built."""
        return self._attached

    @property
    def has_painted(self) -> bool:
        """Whether the window has painted once (at start-up: its first page, maybe)."""
        return self._painted

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
