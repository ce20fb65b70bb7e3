"""A page behind a tab that can wait until it is shown to read its data."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class TabPage(QWidget):
    """With ``defer``, the first :meth:`refresh` waits until the page is shown (not before
    the window's first paint), and a change made while it is hidden only marks it stale.
    Without it, the page refreshes at once, as a stand-alone widget should.
    """

    def __init__(self, parent: QWidget | None = None, *, defer: bool = False) -> None:
        super().__init__(parent)
        self._defer = defer
        self._stale = defer

    def refresh(self) -> None:
        raise NotImplementedError

    @property
    def waiting(self) -> bool:
        """Whether the page waits to be shown before it reads its data."""
        return self._stale

    def start(self) -> None:
        """Call at the end of the subclass's ``__init__``."""
        if not self._defer:
            self.refresh()

    def refresh_when_seen(self) -> None:
        """Refresh now if the page can be seen, else when it next is."""
        if self._defer and not self.isVisible():
            self._stale = True
        else:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
