"""Timing a UI action up to the moment its result has been painted.

An action (set a search, click a sort header) changes a model; Qt then lays the view out
and paints it from the event loop. :func:`until_painted` runs the action and processes
events until the watched widget has finished a paint that started after the action, so
the time includes the query, the model reset, the layout and the paint of the first rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt
from PySide6.QtWidgets import QWidget

#: Give up waiting for a paint after this long (a paint that never comes is a bug).
PAINT_TIMEOUT_S = 30.0


class PaintWatch(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def until_painted(widget: QWidget, action: Callable[[], object]) -> float:
    """Run ``action`` and wait until ``widget`` has painted after it; seconds taken."""
    watch = _watch(widget)
    loop = QEventLoop()
    settle()
    before = watch.paints
    started = time.perf_counter()
    action()
    while watch.paints == before:
        loop.processEvents()
        if time.perf_counter() - started > PAINT_TIMEOUT_S:
            raise TimeoutError(f"{widget.objectName() or widget} did not paint")
    # The filter saw the paint event on its way in; processEvents() returned only once
    # the widget had handled it, so the paint is complete here.
    return time.perf_counter() - started


def repaint_time(widget: QWidget) -> float:
    """The time to repaint ``widget`` with nothing changed: the floor of any UI action."""
    return until_painted(widget, widget.update)


def settle() -> None:
    """Process pending events (timers due now, layouts, paints) before timing starts."""
    loop = QEventLoop()
    for _ in range(3):
        loop.processEvents()


def _watch(widget: QWidget) -> PaintWatch:
    found = widget.findChild(PaintWatch, "", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, PaintWatch) else PaintWatch(widget)
