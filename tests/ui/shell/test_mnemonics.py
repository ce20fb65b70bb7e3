"""No Alt+letter has two targets, in the main window (each page, each details tab, the
welcome view) and in each of its menus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.shell.sync_controls import SyncControls
from runnerup_desktop.ui.welcome.story_dialog import StoryDialog
from tests.ui.mnemonics import clashes, targets, window_menu_clashes
from tests.ui.steps import when_modal

TODAY = dt.date(2026, 3, 9)


def open_window(qtbot: QtBot, store: Store, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext.for_store(store, settings, today=lambda: TODAY))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_page_of_the_window_has_one_target_per_alt_letter(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    seed_demo(store.sessions, TODAY)
    window = open_window(qtbot, store, tmp_path)
    window.banner.show_note("A note")  # the banner shown too, with its buttons
    seen: list[str] = []
    for page in range(window.tabs.count()):
        window.show_page(page)
        if window.tabs.currentWidget() is window.directory:
            details = window.directory.details
            window.directory.select_company(window.directory.companies.id_at(2) or 0)
            for tab in range(details.count()):
                details.setCurrentIndex(tab)
                seen.append(f"{window.tabs.tabText(page)} ▸ {details.tabText(tab)}")
                assert clashes(window) == [], seen[-1]
        else:
            seen.append(window.tabs.tabText(page))
            assert clashes(window) == [], seen[-1]
    assert len(seen) == 6
    # The menus' titles are among the targets, and each menu is a scope of its own.
    assert {"Alt+F", "Alt+E", "Alt+V", "Alt+O", "Alt+H"} <= {key for key, _ in targets(window)}
    assert window_menu_clashes(window) == []
    # With what the background wiring adds to the File menu once the window is ready (Sync
    # now had Alt+Y, as Import ever&ything from an export… did).
    controls = SyncControls(window, window.context)
    try:
        assert window_menu_clashes(window) == []
    finally:
        controls.stop()


def test_the_welcome_view_has_one_target_per_alt_letter(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window = open_window(qtbot, store, tmp_path)
    assert window.welcome_shown()
    assert not window.welcome.import_button.isHidden()  # its Alt+I counted too
    assert clashes(window) == []
    # Record a role you came second for: its three questions.
    found: list[str] = []

    def story(dialog: QDialog) -> None:
        assert isinstance(dialog, StoryDialog)
        found.extend(clashes(dialog))
        dialog.reject()

    when_modal(qtbot, story)
    window.welcome.story_button.click()
    assert found == []
