"""The window's New, Edit and Delete, following the page shown and its selection.

Each page offers a :class:`~runnerup_desktop.ui.common.page_actions.Target` for each (or
``None``) and says when they may have changed; :class:`PageActions` keeps the three
actions (menu entries, toolbar buttons, Ctrl+N and Delete) in step: their text says what
kind of record they act on, their tooltip which one, and they are disabled when the page
has nothing fitting selected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QWidget

from runnerup_desktop.ui.common.page_actions import ActsOnSelection, Target

NOTHING = {
    "new": ("&New…", "Nothing to create on this page"),
    "edit": ("&Edit…", "Select something to edit"),
    "delete": ("&Delete…", "Select something to delete"),
}


class PageActions(QObject):
    """Routes New, Edit and Delete to the current tab's page."""

    def __init__(
        self,
        tabs: QTabWidget,
        pages: Sequence[QWidget],
        new: QAction,
        edit: QAction,
        delete: QAction,
    ) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._pages = list(pages)
        self._actions = {"new": new, "edit": edit, "delete": delete}
        self._targets: dict[str, Target | None] = dict.fromkeys(self._actions)
        for key, action in self._actions.items():
            action.triggered.connect(lambda _checked=False, key=key: self._trigger(key))
        for page in self._pages:
            signal = getattr(page, "targets_changed", None)
            if isinstance(signal, SignalInstance):
                signal.connect(self.update)
        tabs.currentChanged.connect(lambda _index: self.update())
        self.update()

    def _page(self) -> ActsOnSelection | None:
        current = self._tabs.currentWidget()
        for page in self._pages:
            if page is current and hasattr(page, "new_target"):
                return page  # type: ignore[return-value]
        return None

    def update(self) -> None:
        """Ask the page shown what each action would do now."""
        page = self._page()
        getters: dict[str, Callable[[], Target | None]] = (
            {"new": page.new_target, "edit": page.edit_target, "delete": page.delete_target}
            if page is not None
            else {}
        )
        for key, action in self._actions.items():
            target = getters[key]() if key in getters else None
            self._targets[key] = target
            text, tip = (target.text, target.tip) if target is not None else NOTHING[key]
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.setEnabled(target is not None)

    def target(self, key: str) -> Target | None:
        """What ``"new"``, ``"edit"`` or ``"delete"`` would do now (tests read it)."""
        self.update()
        return self._targets[key]

    def _trigger(self, key: str) -> None:
        target = self.target(key)
        if target is not None:
            target.run()
