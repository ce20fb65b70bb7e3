"""A window's first size: the size it asks for, or as much as the screen has room for.

A window bigger than its screen opens with its edges (and its buttons) out of reach; the
window manager does not always move them back (openbox under Xvfb at 800x600 did not).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room kept on the screen for the window manager's frame and title bar.
FRAME = QSize(16, 40)


def fitted(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` x ``height``, less where the screen ``widget`` opens on is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    room = screen.availableGeometry().size() - FRAME
    return QSize(min(width, room.width()), min(height, room.height()))


def first_size(widget: QWidget, width: int, height: int) -> None:
    """Resize the window ``widget`` to its first size (:func:`fitted`)."""
    widget.resize(fitted(widget, width, height))
