"""Icons: the desktop's icon theme where it has one, RunnerUp's own SVGs otherwise.

Every icon RunnerUp draws is scalable (an SVG, from the theme or bundled in
``resources/icons/actions``) or a bitmap at least twice the size shown, so that it stays
sharp at 200 % (``QT_SCALE_FACTOR=2``, a high-DPI screen). Names are the freedesktop icon
naming specification's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
BUNDLED = RESOURCES / "icons" / "actions"

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


def bundled(name: str) -> Path:
    return BUNDLED / f"{name}.svg"


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
    return QIcon(str(path)) if path.is_file() else QIcon()
