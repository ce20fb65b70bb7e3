"""What start-up needs before anything else: the app's icon (window, tray, notifications),
the settings file made private, and a watch for a widget's first paint.

:mod:`.startup` uses them (and tests and the wheel's check import them from there).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QWidget

from runnerup_desktop.system import resources
from runnerup_desktop.system.paths import AppPaths

__all__ = ["FirstPaint", "app_icon", "icon_file", "private_settings"]
log = logging.getLogger(__name__)


def icon_file(size: int = 64) -> Path | None:
    return resources.icon_file(size)


def app_icon() -> QIcon:
    """The app's icon, drawn from its SVG at any size (sharp at 200 %); the PNGs where
    the package is not installed as files."""
    svg = resources.icon_svg()
    if isinstance(svg, Path) and svg.is_file():
        return QIcon(str(svg))
    icon = QIcon()
    for size in resources.WINDOW_ICON_SIZES:
        path = resources.icon_file(size)
        if path is not None:
            icon.addFile(str(path))  # read when first drawn
            continue
        pixmap, data = QPixmap(), resources.icon_bytes(size)  # not installed as files
        if data is not None and pixmap.loadFromData(data, "PNG"):
            icon.addPixmap(pixmap)
    return icon


class FirstPaint(QObject):
    """Calls back once, right after the watched widget first paints."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def private_settings(paths: AppPaths) -> QSettings:
    """The settings file, created owner-only before Qt writes it (Qt keeps the mode of a
    file it rewrites, and would create a new one with the umask's)."""
    file = paths.settings_file
    try:
        if file.exists():
            if file.stat().st_mode & 0o077:
                os.chmod(file, 0o600)
        else:
            os.close(os.open(file, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    except OSError:
        log.warning("cannot make the settings file private")
    return QSettings(str(file), QSettings.Format.IniFormat)
