"""The File menu's databases: New database…, Open…, Open recent, Show data folder.

The window does not open files itself: it says which one the person chose
(:attr:`FileMenu.chosen`) and start-up moves RunnerUp to it
(:meth:`~runnerup_desktop.ui.shell.startup.Startup.switch_to`), one database per process.

The menu is built in sections (:data:`SECTIONS`), each ending with a separator that
stands for it; what other parts add (import and export, backups) goes after them, each
inserted before Quit as the window builds it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from runnerup_desktop import APP_NAME
from runnerup_desktop.ui.shell import databases

#: The File menu's own parts, top to bottom: new records, then databases. The data's
#: copies (import, export, backups) follow them, then Quit.
SECTIONS = ("records", "databases")
DEMO_TIP = "This is the demo: close it, and open your own database in your RunnerUp."

#: ``(parent, folder) -> path or None``.
ChooseFile = Callable[[QWidget | None, Path], Path | None]


class FileMenu(QObject):
    #: The database the person chose to open (a Path); it may not exist yet (New database…).
    chosen = Signal(object)

    def __init__(self, menu: QMenu, settings: QSettings, db_path: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self._menu = menu
        self._settings = settings
        self._db_path = db_path
        self._window = parent
        self._sections: dict[str, QAction] = {}
        #: Ask for a file to open / a new file's name; tests replace them.
        self.choose_file: ChooseFile | None = None
        self.choose_new_file: ChooseFile | None = None
        #: Opens a folder in the file manager; tests replace it.
        self.open_folder: Callable[[Path], bool] = lambda folder: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(folder))
        )
        self.new_database_action = QAction("New &database…", self)
        self.new_database_action.setToolTip("Start a new, empty database in a file you choose")
        self.open_action = QAction("&Open…", self)
        self.open_action.setToolTip("Open another RunnerUp database")
        self.recent_menu = QMenu("O&pen recent", parent)
        self.recent_menu.setObjectName("recentDatabases")
        self.show_folder_action = QAction("Show data &folder", self)
        self.show_folder_action.setToolTip("Open the folder that holds this database")
        self.new_database_action.triggered.connect(self.new_database)
        self.open_action.triggered.connect(self.open_database)
        self.show_folder_action.triggered.connect(self.show_folder)
        self.recent_menu.aboutToShow.connect(self.fill_recent)

    def section(self, name: str) -> QAction:
        """The separator that ends section ``name``: insert before it to add to it."""
        return self._sections[name]

    def end_section(self, name: str) -> None:
        self._sections[name] = self._menu.addSeparator()

    def add_databases(self) -> None:
        for action in (self.new_database_action, self.open_action):
            self._menu.addAction(action)
        self._menu.addMenu(self.recent_menu)
        self._menu.addAction(self.show_folder_action)

    def set_demo(self, demo: bool) -> None:
        """In the demo, another file is opened in the person's own RunnerUp, not here."""
        for action in (self.new_database_action, self.open_action, self.recent_menu.menuAction()):
            action.setEnabled(not demo)
            if demo:
                action.setToolTip(DEMO_TIP)

    # --- the actions -----------------------------------------------------------------------
    def open_database(self) -> None:
        from runnerup_desktop.ui.shell.switching import choose_database

        choose = self.choose_file or choose_database
        path = choose(self._window, self._db_path.parent)
        if path is not None:
            self.chosen.emit(path)

    def new_database(self) -> None:
        from runnerup_desktop.ui.shell.switching import choose_new_database

        choose = self.choose_new_file or choose_new_database
        path = choose(self._window, self._db_path.parent)
        if path is None:
            return
        if path.exists():
            QMessageBox.information(
                self._window,
                "New database",
                f"{path.name} is already there. To open it, choose File ▸ Open…; for a new "
                "database, choose another name.",
            )
            return
        self.chosen.emit(path)

    def open_recent(self, path: Path) -> None:
        if path.is_file():
            self.chosen.emit(path)
            return
        QMessageBox.information(
            self._window,
            "Open recent",
            f"{path} is no longer there (moved, renamed or deleted). {APP_NAME} took it "
            "off the list.",
        )
        databases.forget(self._settings, path)

    def fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        shown = [p for p in databases.recent(self._settings) if p != self._db_path]
        for number, path in enumerate(shown, start=1):
            name = path.name.replace("&", "&&")
            action = menu.addAction(f"&{number} {name}" if number < 10 else name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(partial(self.open_recent, path))
        if not shown:
            menu.addAction("No other database opened yet").setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction(
            "&Clear the list", partial(databases.keep_only, self._settings, self._db_path)
        )

    def show_folder(self) -> bool:
        return self.open_folder(self._db_path.parent)
