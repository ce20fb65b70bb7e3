"""A contact kept without a company, as a person meets it in the window: "No company" in
the All contacts table, a timeline that says why nothing can be logged yet, and an edit
dialog that keeps it so, or gives it a company."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Contact
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def window(
    qtbot: QtBot, store: Store, services: DirectoryServices, tmp_path: Path
) -> Iterator[MainWindow]:
    seed_demo(store.sessions)
    services.add_contact({"company_id": None, "name": "Aaron Network", "title": "Recruiter"})
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext.for_store(store, settings))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win


def _click_row(qtbot: QtBot, window: MainWindow, name: str) -> None:
    view = window.directory.contact_view
    model = window.directory.contacts
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_all_contacts_table_says_no_company(qtbot: QtBot, window: MainWindow) -> None:
    page = window.directory
    box = page.all_contacts
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()
    model = page.contacts
    shown = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert shown["Aaron Network"] == "No company"
    assert shown["Zoë Müller"] == "Northwind Analytics"

    _click_row(qtbot, window, "Aaron Network")
    timeline = window.timeline
    qtbot.waitUntil(lambda: timeline.contact_id is not None, timeout=2000)
    assert "Aaron Network · Other (no company)" in timeline.title.text()
    assert not timeline.add_button.isEnabled()
    assert "Give this contact a company" in timeline.add_button.toolTip()


def test_editing_keeps_no_company_or_gives_one(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    page = window.directory
    box = page.all_contacts
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    _click_row(qtbot, window, "Aaron Network")
    chosen: list[str] = []

    def edit(choose: str | None) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            QTimer.singleShot(20, lambda: edit(choose))
            return
        combo = dialog.findChild(QComboBox, "company_id")
        assert combo is not None
        chosen.append(combo.currentText())
        if choose is not None:
            combo.setCurrentIndex(combo.findText(choose))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, lambda: edit(None))
    qtbot.keyClick(page.contact_view, Qt.Key.Key_Return)
    assert chosen == ["No company (in your network only)"]
    with store.sessions() as session:
        aaron = session.query(Contact).filter_by(name="Aaron Network").one()
        assert aaron.company_id is None

    QTimer.singleShot(0, lambda: edit("Fjordline Logistics"))
    qtbot.keyClick(page.contact_view, Qt.Key.Key_Return)
    with store.sessions() as session:
        aaron = session.query(Contact).filter_by(name="Aaron Network").one()
        assert aaron.company is not None and aaron.company.name == "Fjordline Logistics"
