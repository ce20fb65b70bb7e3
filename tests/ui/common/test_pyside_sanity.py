"""The Qt binding must not lose references: a tray app makes millions of calls a week."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 dropped a reference to None on every such call and Python aborted
    # ("none_dealloc") after some thousands of them; pyproject.toml excludes it.
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        widget.update()
    assert abs(sys.getrefcount(None) - before) < 100
