"""Every empty table and page says what will appear there and how to make it appear."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.database import Store
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow

TODAY = dt.date(2026, 3, 9)


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext.for_store(store, settings, today=lambda: TODAY))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win


def test_the_empty_pages_say_what_comes_and_how(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page(0)  # past the welcome view: View ▸ Companies & contacts
    directory = window.directory
    assert directory.company_hint.text().startswith("No companies yet.")
    assert "New company… (Ctrl+N)" in directory.company_hint.text()
    assert directory.contact_hint.text() == (
        "Choose a company on the left to see the people you know there."
    )
    window.show_page(1)
    calendar = window.calendar
    assert calendar.day_hint.text().startswith("Nothing planned on this day.")
    agenda = [
        str(calendar.agenda_model.index(row, 0).data())
        for row in range(calendar.agenda_model.rowCount())
    ]
    assert "Follow-ups appear here when you record the news" in agenda[-1]
    window.show_page(2)
    assert window.owed.empty_label.text().startswith("Nobody here yet.")


def test_a_company_without_contacts_or_roles_says_how_to_add_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    services = window.context.services.directory
    window.context.ops.run(window, lambda: services.add_company({"name": "Acme"}), label="New")
    assert not window.welcome_shown()
    directory = window.directory
    assert directory.company_hint.text() == ""  # it has a row now
    assert directory.contact_hint.text().startswith("No contacts at Acme yet.")
    assert "New contact… (Ctrl+Shift+N)" in directory.contact_hint.text()
    assert window.opportunities.hint.text().startswith("No opportunities here yet.")
    assert window.timeline.empty_label.text().startswith("Nothing logged with Acme yet.")


def test_a_search_that_finds_nothing_says_so(qtbot: QtBot, window: MainWindow) -> None:
    services = window.context.services.directory
    window.context.ops.run(window, lambda: services.add_company({"name": "Acme"}), label="New")
    directory = window.directory
    directory.company_search.setText("zebra")
    qtbot.waitUntil(lambda: directory.companies.rowCount() == 0, timeout=2000)
    assert directory.company_hint.text() == (
        "No company matches “zebra”. Clear the search to see them all."
    )
