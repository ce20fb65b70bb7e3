"""What an empty table says: what will appear in it, and how to make it appear.

:func:`empty_hint` puts a centred, wrapped line of text over a view's empty area while its
model has no rows (and takes it away when rows come). The text may depend on why it is
empty (a search that matched nothing, no company chosen): pass a callable, and call
:meth:`EmptyHint.update` when that reason changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

from runnerup_desktop.ui.common.colors import tint_text

#: Space kept free around the hint, in pixels, and how wide it may run.
MARGIN = 16
MAX_WIDTH = 520


class EmptyHint(QObject):
    def __init__(self, view: QAbstractItemView, text: str | Callable[[], str]) -> None:
        super().__init__(view)
        self._view = view
        self._text = text if callable(text) else (lambda: text)
        self.label = QLabel(view.viewport())
        self.label.setObjectName(f"{view.objectName() or 'table'}Empty")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        tint_text(self.label, "muted")
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
        ):
            signal.connect(self.update)
        self.update()

    def text(self) -> str:
        """What the hint says now ("" while the table has rows)."""
        return self.label.text() if not self.label.isHidden() else ""

    def update(self) -> None:
        empty = self._view.model().rowCount() == 0
        if empty:
            self.label.setText(self._text())
            self._place()
        self.label.setVisible(empty)

    def _place(self) -> None:
        area = self._view.viewport().rect()
        width = max(0, min(MAX_WIDTH, area.width() - 2 * MARGIN))
        height = max(0, area.height() - 2 * MARGIN)
        self.label.setGeometry((area.width() - width) // 2, MARGIN, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False


def empty_hint(view: QAbstractItemView, text: str | Callable[[], str]) -> EmptyHint:
    return EmptyHint(view, text)
