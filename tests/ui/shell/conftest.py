"""The real main window over the demo story, for the window's tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow

DEMO_DAY = dt.date(2026, 3, 9)


@pytest.fixture
def demo(qtbot: QtBot, store: Store, tmp_path: Any) -> Iterator[MainWindow]:
    """The window, shown, over the demo story as of :data:`DEMO_DAY`."""
    seed_demo(store.sessions, DEMO_DAY)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext.for_store(store, settings, today=lambda: DEMO_DAY))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
