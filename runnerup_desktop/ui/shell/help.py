"""The Help menu's windows: Getting started and Keyboard shortcuts (both inside the app,
no web page), and the demo, opened from the app.

The shortcuts listed are read from the window's own menus, so the list cannot drift from
what the keys do; :func:`shortcut_clashes` finds two actions on one key.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from PySide6.QtCore import QProcess
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop import APP_NAME
from runnerup_desktop.system.autostart import program_command
from runnerup_desktop.ui.common.window_size import first_size

log = logging.getLogger(__name__)

GETTING_STARTED = f"""
<h2>Getting started with {APP_NAME}</h2>
<p>You reached the last round, the offer went to someone else, and you still want to work
there. {APP_NAME} keeps that door open: it plans each follow-up from the day of the news,
reminds you when one is due, and warns you before a touch would read as stalking.</p>
<h3>1. Record the role you came second for</h3>
<p>On the welcome page, <b>Record a role you came second for</b> asks for the company, the
role and the person who told you; then <b>Record the news</b> takes the day you heard, the
feedback (each gap they named, and how you will answer it) and shows the playbook's
dated plan to review. Later: <i>Opportunities</i> tab, <b>Record the news…</b>.</p>
<h3>2. Keep the people there</h3>
<p>A <b>company</b> is an employer you want to work for; a <b>contact</b> is a person there
(the hiring manager, a recruiter, an interviewer, an insider). Add them on the
<i>Companies &amp; contacts</i> page: File ▸ New company… and New contact…; or bring
them all at once from LinkedIn, your phone or your address book with <b>Import
contacts</b> (on the welcome page, or File ▸ Import contacts…, Ctrl+Shift+I).</p>
<h3>3. Do the follow-ups when they fall due</h3>
<p>A <b>follow-up</b> is a planned touch: a date, a contact, a step of the playbook. The
<i>Follow-ups</i> page shows them on a calendar and in an agenda; when one is due,
{APP_NAME} reminds you from the tray (or a banner). Mark it <b>Done</b> (Ctrl+D), draft
its message with <b>Compose</b> (Ctrl+M) or <b>Snooze</b> it (Ctrl+T: until tomorrow).</p>
<h3>4. Log what happened</h3>
<p>An <b>interaction</b> is something that happened: a call, an email, a meeting. Each
contact's <i>Timeline</i> shows them and which style your recent touches look like:
stalking, staying in touch, or demonstrating value.</p>
<h3>5. See who you owe a touch</h3>
<p><i>Who do I owe a touch</i> lists the contacts you have not been in touch with for a
while, and the runner-up roles with nothing planned.</p>
<h3>Try it first</h3>
<p><b>Help ▸ Open the demo</b> opens a runner-up story in a window of its own, on a
temporary database: try anything there; nothing of yours changes, and it is gone when
you close it.</p>
<p>Your data stays on this computer. File ▸ Show data folder opens the folder that holds
it.</p>
"""

#: Keys that work inside the tables and forms rather than through a menu.
TABLE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("In a table", "Enter", "Open the selected row (its form, or the follow-up)"),
    ("In a table", "F2", "Change the cell in place"),
    ("In a table", "Delete", "Delete the selected rows (asks first)"),
    ("In a table", "Double-click", "Open the row (the same as Enter)"),
    ("Anywhere", "Tab, Shift+Tab", "Move to the next or the previous field"),
    ("Anywhere", "Alt + underlined letter", "Press that button or open that menu"),
    ("In a form", "Enter", "Save (when every field is fine)"),
    ("In a form", "Escape", "Cancel"),
)


def _plain(text: str) -> str:
    """A menu entry's text without its mnemonic mark."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_shortcuts(window: QMainWindow) -> Iterator[tuple[str, QAction]]:
    """``(menu title, action)`` for every action with a shortcut in the window's menus."""
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for title, action in _walk(menu, _plain(top.text())):
            if not action.shortcut().isEmpty():
                yield title, action


def _walk(menu: QMenu, title: str) -> Iterator[tuple[str, QAction]]:
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _walk(submenu, f"{title} ▸ {_plain(action.text())}")
        elif not action.isSeparator():
            yield title, action


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """``(where, keys, what)`` rows: the menus' shortcuts, then the keys of the tables."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for title, action in menu_shortcuts(window):
        if id(action) in seen:
            continue
        seen.add(id(action))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        what = _plain(action.text()).split(" (")[0].rstrip("…").strip()
        rows.append((title, keys, what))
    return rows + list(TABLE_KEYS)


def shortcut_clashes(window: QWidget) -> list[str]:
    """Keys given to more than one action of the window (each listed once)."""
    owners: dict[str, set[int]] = {}
    names: dict[int, str] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if key:
                owners.setdefault(key, set()).add(id(action))
                names[id(action)] = _plain(action.text())
    return [
        f"{key}: {', '.join(sorted(names[owner] for owner in found))}"
        for key, found in sorted(owners.items())
        if len(found) > 1
    ]


class GettingStartedDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gettingStarted")
        self.setWindowTitle("Getting started")
        self.text = QTextBrowser()
        self.text.setObjectName("gettingStartedText")
        self.text.setOpenLinks(False)
        self.text.setHtml(GETTING_STARTED)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.demo_button = QPushButton("Open the &demo")
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        first_size(self, 620, 640)


class ShortcutsDialog(QDialog):
    """Every shortcut of the window, as its menus have them."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("keyboardShortcuts")
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        first_size(self, 640, 560)

    def rows(self) -> list[tuple[str, ...]]:
        return [
            tuple((self.table.item(row, c) or QTableWidgetItem()).text() for c in range(3))
            for row in range(self.table.rowCount())
        ]


def start_demo() -> bool:
    """Open the demo in a RunnerUp of its own (a process on a temporary database, so
    nothing of the person's changes); whether it started."""
    command = program_command(["--demo"])
    started, _pid = QProcess.startDetached(command[0], command[1:])
    log.info("demo %s", "started" if started else "did not start")
    return bool(started)
