"""The main window: menus, pages, and the state that persists between runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QWidget
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop import APP_NAME, __version__
from runnerup_desktop.store.services import Change, Services
from runnerup_desktop.ui.directory_page import DirectoryPage


class MainWindow(QMainWindow):
    changed = Signal(object)  # a Change, after any page wrote something
    first_painted = Signal()

    def __init__(
        self,
        sessions: sessionmaker[Session],
        services: Services,
        settings: QSettings,
        db_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._db_path = db_path
        self._painted = False
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_NAME} — {db_path.name}")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pages")
        self.directory = DirectoryPage(sessions, services, self)
        self.tabs.addTab(self.directory, "Companies && contacts")
        self.setCentralWidget(self.tabs)
        self.directory.changed.connect(self.changed)
        self.directory.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.changed.connect(self._apply_change)
        self._build_menus()
        self.statusBar().showMessage(f"Database: {db_path}")
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
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
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
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.all_contacts_action)
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

    def _apply_change(self, change: Change) -> None:
        self.directory.apply_change(change)

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
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
