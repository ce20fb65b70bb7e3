"""Asking the person a yes-or-no question, replaceable in tests.

Every question names its two answers ("Plan anyway" / "Change date") instead of Yes/No,
and the safe answer is the default. Widgets keep the question as a :data:`Confirm`
attribute so tests can answer it without a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QMessageBox, QWidget

#: ``(parent, title, text) -> True`` when the person chose to go ahead.
Confirm = Callable[[QWidget, str, str], bool]


def ask(
    parent: QWidget,
    title: str,
    text: str,
    *,
    yes: str = "Yes",
    no: str = "Cancel",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> bool:
    """A question with two named answers; the safe one (``no``) is the default."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    box.deleteLater()
    return box.clickedButton() is yes_button


def asker(yes: str, no: str, icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> Confirm:
    """A :data:`Confirm` whose answers read ``yes`` and ``no``."""
    return partial(ask, yes=yes, no=no, icon=icon)


#: The questions the follow-up actions ask, and what their two answers say.
TOO_CLOSE = "Too close to another touch"
ALREADY_SHARED = "Already shared"
_ANSWERS = {
    TOO_CLOSE: ("Plan anyway", "Change date"),
    ALREADY_SHARED: ("Share it again", "Choose another"),
}


def ask_warning(parent: QWidget, title: str, text: str) -> bool:
    """A :data:`Confirm` for warnings, whose buttons say what each answer does."""
    yes, no = _ANSWERS.get(title, ("Continue", "Go back"))
    return ask(parent, title, text, yes=yes, no=no, icon=QMessageBox.Icon.Warning)
