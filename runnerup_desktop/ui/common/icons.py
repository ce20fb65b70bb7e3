"""Icons: the desktop's icon theme where it has one, RunnerUp's own SVGs otherwise.

Every icon RunnerUp draws is scalable (an SVG, from the theme or bundled in
``resources/icons/actions``) or a bitmap at least twice the size shown, so that it stays
sharp at 200 % (``QT_SCALE_FACTOR=2``, a high-DPI screen). Names are the freedesktop icon
naming specification's. The bundled ones are package data
(``runnerup_desktop/resources/icons/actions``, :mod:`runnerup_desktop.system.resources`).
"""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

from PySide6.QtGui import QColor, QIcon, QPixmap

from runnerup_desktop.system import resources

#: What each of the window's actions shows, by the freedesktop name.
NEW = "document-new"
EDIT = "document-edit"
DELETE = "edit-delete"
FIND = "edit-find"
DONE = "object-select"
SNOOZE = "appointment-soon"
COMPOSE = "mail-message-new"
UNDO = "edit-undo"
REDO = "edit-redo"


def bundled(name: str) -> Traversable:
    return resources.folder() / "icons" / "actions" / f"{name}.svg"


#: The largest an action's icon is shown, in device-independent pixels (a toolbar's).
LARGEST_SHOWN = 24


def action_icon(name: str) -> QIcon:
    """The theme's icon ``name`` if the theme has it scalable or at twice the largest size
    shown, else the bundled SVG."""
    if QIcon.hasThemeIcon(name):
        themed = QIcon.fromTheme(name)
        sizes = themed.availableSizes()
        if not sizes or max(size.width() for size in sizes) >= 2 * LARGEST_SHOWN:
            return themed
    path = bundled(name)
    if isinstance(path, Path):
        return QIcon(str(path)) if path.is_file() else QIcon()
    pixmap = QPixmap()  # installed as a zip: drawn from the bytes, at twice the size shown
    if path.is_file() and pixmap.loadFromData(path.read_bytes(), "SVG"):
        return QIcon(pixmap.scaled(2 * LARGEST_SHOWN, 2 * LARGEST_SHOWN))
    return QIcon()


#: A way forward's arrow (the welcome view's buttons), in a colour given when drawn.
ARROW_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
    'viewBox="0 0 24 24"><path d="M8 4 L18 12 L8 20 Z" fill="{color}"/></svg>'
)


def arrow_icon(color: QColor) -> QIcon:
    """A right-pointing arrow in ``color``, drawn from SVG at twice the largest size shown.

    Qt's command-link arrow is a black bitmap of 32 px: unseen on a dark palette, and
    blurred at 200 %. This one takes the palette's text colour (re-drawn when it turns)."""
    size = 2 * LARGEST_SHOWN
    pixmap = QPixmap()
    pixmap.loadFromData(ARROW_SVG.format(size=size, color=color.name()).encode(), "SVG")
    return QIcon(pixmap)
