"""The window's actions between the first paint and the store's loading.

From the first paint, the actions that need no record (New…, New company, New contact,
Find, All contacts, Preferences, Message templates) are enabled, with their shortcuts:
one triggered before the rest of RunnerUp has loaded is remembered, the status bar says
"Opening the database…", and it runs as soon as the window has loaded (a second press
of the same one adds nothing). Find goes to the search box at once: it answers already.
The actions on a record (Edit, Delete) and Undo/Redo stay disabled until then, and their
status tips say why: they act on the real page's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from runnerup_desktop.ui.directory.first_paint import FirstPage
    from runnerup_desktop.ui.shell.main_window import MainWindow

WAITING = "Opening the database…"
NOT_YET = "Available once RunnerUp has opened the database"


class EarlyActions:
    """Enables ``early`` at the first paint and remembers what is asked of them."""

    def __init__(
        self,
        early: tuple[QAction, ...],
        later: tuple[QAction, ...],
        say: Callable[[str], None],
        find: tuple[QAction, Callable[[], None]] | None = None,
    ) -> None:
        self._say = say
        self._pending: list[QAction] = []
        self._slots: list[tuple[QAction, Callable[[], None]]] = []
        for action in early:
            self._connect(action, partial(self._remember, action))
        if find is not None:
            self._connect(*find)
        self._later = later
        for action in later:
            action.setStatusTip(NOT_YET)

    @classmethod
    def for_window(cls, window: MainWindow, first: FirstPage) -> EarlyActions:
        return cls(
            (
                window.new_action,
                window.new_company_action,
                window.new_contact_action,
                window.all_contacts_action,
                window.preferences_action,
                window.templates_action,
            ),
            (window.edit_action, window.delete_action, window.undo_action, window.redo_action),
            lambda text: window.statusBar().showMessage(text),
            (window.find_action, first.company_search.setFocus),
        )

    def _connect(self, action: QAction, slot: Callable[[], None]) -> None:
        action.triggered.connect(slot)
        action.setEnabled(True)
        self._slots.append((action, slot))

    def _remember(self, action: QAction) -> None:
        if action not in self._pending:
            self._pending.append(action)
        self._say(WAITING)

    @property
    def pending(self) -> tuple[QAction, ...]:
        return tuple(self._pending)

    def release(self) -> tuple[QAction, ...]:
        """Let go of the actions (the window wires them for good next); what was asked."""
        for action, slot in self._slots:
            action.triggered.disconnect(slot)
        for action in self._later:
            action.setStatusTip("")
        self._slots.clear()
        asked, self._pending = tuple(self._pending), []
        return asked
