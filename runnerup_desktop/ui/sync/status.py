"""The status bar's line about sync: when it last synced, and any problem, in a word; the
whole sentence in its tooltip; a click opens the sync log."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from runnerup_desktop.ui.common.forms import error_palette
from runnerup_desktop.ui.sync.scheduler import SyncStatus


class SyncStatusLabel(QLabel):
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatusLabel")
        self._normal = self.palette()
        self.hide()

    def show_status(self, status: SyncStatus) -> None:
        if not status.text:
            self.hide()
            return
        self.setText(status.text)
        self.setToolTip(f"{status.detail}\n\nClick for the sync log.")
        self.setAccessibleDescription(status.detail)
        self.setPalette(error_palette(self._normal) if status.problem else self._normal)
        self.show()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)
