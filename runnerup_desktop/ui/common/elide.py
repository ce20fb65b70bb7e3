"""Text that does not fit: cut with "…" and shown whole in a tooltip.

:class:`ElidedLabel` cuts its text in the middle (a path keeps its start and its file
name); :func:`tip_when_elided` gives a table's cells the tooltip Qt does not: the whole
text, when the cell shows it cut. Neither touches Qt's ``Qt`` namespace until asked for a
tooltip, so both may be built before the first paint (see ui/common/table_view.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QFontMetrics, QHelpEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QSizePolicy, QToolTip, QWidget

ELLIPSIS = "…"
#: The room a cell's text does not get: the style's margins on both sides.
CELL_MARGINS = 12


def elide_middle(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` cut in its middle with "…" to fit ``width`` pixels (whole if it fits)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    low, high = 0, len(text)
    best = ELLIPSIS
    while low <= high:
        keep = (low + high) // 2
        head = text[: (keep + 1) // 2]
        tail = text[len(text) - keep // 2 :] if keep // 2 else ""
        candidate = f"{head}{ELLIPSIS}{tail}"
        if metrics.horizontalAdvance(candidate) <= width:
            best, low = candidate, keep + 1
        else:
            high = keep - 1
    return best


class ElidedLabel(QLabel):
    """A one-line label that asks for the width of all its text but makes do with less:
    then its text is cut in the middle, and the tooltip holds all of it."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._fit()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(width + 2, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(ELLIPSIS * 3), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width()
        self.setText(elide_middle(self._full, self.fontMetrics(), max(width, 1)))


class _CellTips(QObject):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        from PySide6.QtCore import Qt  # a tooltip comes long after the first paint

        index = self._view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False  # the model's own tooltip
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return False
        room = self._view.visualRect(index).width() - CELL_MARGINS
        metrics = QFontMetrics(self._view.font())
        if metrics.horizontalAdvance(text) <= room:
            QToolTip.hideText()
            return True
        QToolTip.showText(event.globalPos(), text, self._view.viewport())
        return True


def tip_when_elided(view: QAbstractItemView) -> None:
    """Show a cell's whole text as its tooltip when the cell cuts it."""
    _CellTips(view)
