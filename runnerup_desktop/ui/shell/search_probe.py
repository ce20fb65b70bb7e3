"""The benchmarks' keystroke at start-up (``--startup-search TEXT``, not for people).

At the moment start-up reports as ``interactive``, types TEXT and Enter into the first
page's search box as key events (Qt's own, through the widget's event handling), and
reports the moment the table has painted the rows that answer it. ``make bench`` times
"start-up until interactive" from launch to that moment.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest

from runnerup_desktop.ui.directory.first_paint import FirstPage


class SearchProbe(QObject):
    def __init__(self, first: FirstPage, text: str, then: Callable[[float], None]) -> None:
        super().__init__(first)
        self._first = first
        self._then = then
        first.answered.connect(self._answered, type=Qt.ConnectionType.QueuedConnection)
        QTimer.singleShot(0, lambda: self._type(text))

    def _type(self, text: str) -> None:
        box = self._first.company_search
        box.setFocus()
        QTest.keyClicks(box, text)
        QTest.keyClick(box, Qt.Key.Key_Return)  # answered now, not after the typing pause

    def _answered(self) -> None:
        self._first.answered.disconnect(self._answered)
        viewport = self._first.company_view.viewport()
        viewport.installEventFilter(self)
        viewport.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            moment = time.time()
            QTimer.singleShot(0, lambda: self._then(moment))
        return False
