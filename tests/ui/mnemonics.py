"""Reading a window's mnemonics (its Alt+letter keys) as a person meets them.

A mnemonic belongs to what is on screen at the same time: the menu bar's titles and the
widgets shown (buttons, labels with a buddy, group boxes, tabs). Two targets on one
Alt+letter is a clash: Qt then only cycles the focus between them. Each menu is a scope
of its own.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabBar,
    QWidget,
)


def letter(text: str) -> str:
    """The Alt+letter of ``text`` ("" when it has none)."""
    return QKeySequence.mnemonic(text).toString(QKeySequence.SequenceFormat.PortableText)


def targets(root: QWidget) -> list[tuple[str, str]]:
    """``(Alt+letter, what)`` for everything ``root`` shows now."""
    found: list[tuple[str, str]] = []

    def add(text: str, what: str) -> None:
        key = letter(text)
        if key:
            found.append((key, f"{what} {text!r}"))

    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            if action.isVisible():
                add(action.text(), "menu")
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.window() is not root:
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.text(), type(widget).__name__)
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), "label")
        elif isinstance(widget, QGroupBox):
            add(widget.title(), "group")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index), "tab")
    return found


def clashes(root: QWidget) -> list[str]:
    """Each Alt+letter with more than one target in ``root`` as it is shown now."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for key, what in targets(root):
        by_key[key].append(what)
    return [f"{key}: {', '.join(whats)}" for key, whats in sorted(by_key.items()) if len(whats) > 1]


def menu_clashes(menu: QMenu, where: str = "") -> list[str]:
    """Clashes within one menu, then within each of its submenus."""
    by_key: dict[str, list[str]] = defaultdict(list)
    found: list[str] = []
    title = where or menu.title()
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        key = letter(action.text())
        if key:
            by_key[key].append(repr(action.text()))
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += menu_clashes(submenu, f"{title} ▸ {action.text()}")
    found += [
        f"{title}: {key}: {', '.join(whats)}"
        for key, whats in sorted(by_key.items())
        if len(whats) > 1
    ]
    return found


def window_menu_clashes(window: QMainWindow) -> list[str]:
    found: list[str] = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            menu.aboutToShow.emit()  # menus filled as they open (Open recent)
            found += menu_clashes(menu)
    return found
