"""Edit ▸ Undo and Redo: every change a person made, one step each, named.

The actions say what they will do ("Undo Delete company “Northwind Analytics”") and are
disabled when there is nothing to do. Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo. In a
text field the same keys undo and redo the typing, not a database change: a line or text
field takes them for itself before the window's shortcut sees them (Qt's shortcut
override), so the window's actions run only when the focus is elsewhere, or from the menu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from runnerup_desktop.ui.shell.operations import Operations

if TYPE_CHECKING:
    from runnerup_desktop.ui.shell.main_window import MainWindow

UNDO_KEYS = ("Ctrl+Z",)
REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")


class UndoActions(QObject):
    """Keeps :attr:`undo_action` and :attr:`redo_action` in step with the history."""

    def __init__(self, window: QWidget, ops: Operations, undo: QAction, redo: QAction) -> None:
        super().__init__(window)
        self._window = window
        self._ops = ops
        self.undo_action = undo
        self.redo_action = redo
        undo.setShortcuts([QKeySequence(key) for key in UNDO_KEYS])
        redo.setShortcuts([QKeySequence(key) for key in REDO_KEYS])
        undo.triggered.connect(self.undo)
        redo.triggered.connect(self.redo)
        ops.changes.history_changed.connect(self.update)
        self.update()

    @classmethod
    def for_window(cls, window: MainWindow) -> UndoActions:
        """Wire the window's Undo and Redo, and have each step keep where the person was
        (:class:`~runnerup_desktop.ui.shell.places.Places`) to go back there on undo."""
        from runnerup_desktop.ui.shell.places import Places

        ops = window.context.ops
        actions = cls(window, ops, window.undo_action, window.redo_action)
        places = Places(window)
        ops.locate = places.here
        ops.return_to = places.go_to
        return actions

    def update(self) -> None:
        history = self._ops.undo_stack
        for action, verb, label in (
            (self.undo_action, "Undo", history.undo_label if history else None),
            (self.redo_action, "Redo", history.redo_label if history else None),
        ):
            action.setEnabled(label is not None)
            if label is None:
                action.setText(f"&{verb}")
                action.setToolTip(f"Nothing to {verb.lower()}")
            else:
                # An ampersand in a name ("Cedar & Stone") is text, not a mnemonic.
                action.setText(f"&{verb} {label.replace('&', '&&')}")
                action.setToolTip(f"{verb} {label}")
            action.setStatusTip(action.toolTip())

    def undo(self) -> None:
        self._ops.undo(self._window)

    def redo(self) -> None:
        self._ops.redo(self._window)
