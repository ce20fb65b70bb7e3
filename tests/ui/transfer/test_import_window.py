"""Importing contacts in the window, as a person does it: Ctrl+Shift+I, the file, the
column mapping for another tracker's CSV, the preview with its company choice, Import;
cancelling a long import; the calendar export and the folder kept up to date."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.imports.service import ImportRequest, ImportServices
from runnerup_desktop.store.models import Company, Contact
from runnerup_desktop.ui.common.settings import CALENDAR_FOLDER
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.transfer.mapping_dialog import ColumnMappingDialog
from runnerup_desktop.ui.transfer.preview_dialog import ImportPreviewDialog
from tests.imports.real_files import connections_csv, snapshot, write_connections
from tests.ui.steps import back_to


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    seed_demo(store.sessions)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext.for_store(store, settings))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.transfer.feed.wait()


def _count(store: Store, model: type[Company] | type[Contact]) -> int:
    with store.sessions() as session:
        return int(session.scalar(select(func.count(model.id))) or 0)


def _open_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The person picks ``path`` in the file dialog."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def _shown(window: MainWindow, kind: type) -> object:
    flow = window.transfer.flow
    dialog = flow.dialog if flow is not None else None
    if dialog is None or not isinstance(dialog, kind) or not dialog.isVisible():
        return None
    return dialog


def test_a_linkedin_export_imported_with_one_company_chosen(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        ("Ana", "Lopez", "https://www.linkedin.com/in/ana", "", "Globex", "CTO", "24 Aug 2023"),
        ("Rui", "Costa", "https://www.linkedin.com/in/rui", "", "Northwind Analytics", "", ""),
        ("Ivo", "Silva", "https://www.linkedin.com/in/ivo", "", "Initech", "", ""),
        ("", "", "", "", "", "", ""),
    ]
    _open_file(monkeypatch, write_connections(tmp_path / "Connections.csv", connections_csv(rows)))
    companies = _count(store, Company)
    qtbot.keyClick(
        window,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: _shown(window, ImportPreviewDialog) is not None, timeout=10_000)
    preview = _shown(window, ImportPreviewDialog)
    assert isinstance(preview, ImportPreviewDialog)
    lines = preview.lines
    assert [lines.index(r, 2).data() for r in range(lines.rowCount())] == [
        "Ana Lopez",
        "Rui Costa",
        "Ivo Silva",
        "",
    ]
    assert [lines.index(r, 3).data() for r in range(3)] == [
        "No company",
        "Northwind Analytics",
        "No company",
    ]
    assert lines.index(3, 4).data() == "no name"
    # The person ticks Globex (Space on its row) and sees Ana's company follow.
    listing = preview.findChild(QListWidget, "importCompanies")
    assert listing is not None
    globex = next(n for n in range(listing.count()) if listing.item(n).text().startswith("Globex"))
    rect = listing.visualItemRect(listing.item(globex))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(listing, Qt.Key.Key_Space)
    assert lines.index(0, 3).data() == "Globex (new)"
    assert preview.import_button.text() == "&Import 3 contacts"
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(_shown(window, QMessageBox), QMessageBox), timeout=10_000)
    done = _shown(window, QMessageBox)
    assert isinstance(done, QMessageBox)
    assert done.text() == (
        "Connections.csv: added 3 contacts, 1 new company; 0 already in RunnerUp; 1 skipped."
    )
    assert _count(store, Company) == companies + 1
    # Every view reloaded: All contacts lists the new people, Ivo without a company.
    box = window.directory.all_contacts
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    model = window.directory.contacts
    shown = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert shown["Ivo Silva"] == "No company"
    assert shown["Ana Lopez"] == "Globex"
    assert shown["Rui Costa"] == "Northwind Analytics"
    # The whole import is one step: Ctrl+Z takes it back, Globex included.
    done.done(0)
    assert window.undo_action.text() == "&Undo Import contacts from Connections.csv"
    back_to(qtbot, window)
    window.directory.contact_view.setFocus()
    qtbot.keyClick(window.directory.contact_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _count(store, Company) == companies, timeout=5000)
    names = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert not names & {"Ivo Silva", "Ana Lopez", "Rui Costa"}


def test_another_tracker_s_csv_goes_through_the_mapping_step(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huntr-contacts.csv"
    path.write_text(
        "Full Name,Organisation,Current job,Mail\n"
        "Ana Lopez,Northwind Analytics,CTO,ana@northwind.example\n"
        "Rui Costa,Elsewhere,Recruiter,\n"
    )
    _open_file(monkeypatch, path)
    window.transfer.import_action.trigger()
    qtbot.waitUntil(lambda: _shown(window, ColumnMappingDialog) is not None, timeout=5000)
    mapping = _shown(window, ColumnMappingDialog)
    assert isinstance(mapping, ColumnMappingDialog)
    assert mapping.choices["company"].currentText() == "Organisation"  # guessed
    assert mapping.choices["title"].currentText() == "(not used)"
    # The person picks the job title's column with the keyboard, and names the mapping.
    title = mapping.findChild(QComboBox, "map_title")
    assert title is not None
    title.setFocus()
    qtbot.keyClicks(title, "Cur")
    assert title.currentText() == "Current job"
    qtbot.keyClicks(mapping.save_name, "Huntr")
    qtbot.keyClick(mapping.save_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _shown(window, ImportPreviewDialog) is not None, timeout=10_000)
    preview = _shown(window, ImportPreviewDialog)
    assert isinstance(preview, ImportPreviewDialog)
    assert preview.summary.new == 2
    qtbot.keyClick(preview, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(_shown(window, QMessageBox), QMessageBox), timeout=10_000)
    with store.sessions() as session:
        ana = session.scalars(select(Contact).where(Contact.email == "ana@northwind.example")).one()
        assert ana.title == "CTO" and ana.company is not None
    assert window.transfer.flow is not None
    assert ImportServices(store.sessions).mapping_names() == ["Huntr"]


def test_a_refused_file_says_why_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.ics"
    path.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    _open_file(monkeypatch, path)
    before = snapshot(store)
    window.transfer.import_action.trigger()
    box = _shown(window, QMessageBox)
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("plan.ics is a calendar (iCalendar: events and to-dos)")
    assert snapshot(store) == before


def test_cancelling_a_long_import_leaves_nothing(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        (f"P{n}", "Person", f"https://www.linkedin.com/in/p{n}", "", f"Co {n % 500}", "", "")
        for n in range(40_000)
    ]
    _open_file(monkeypatch, write_connections(tmp_path / "Connections.csv", connections_csv(rows)))
    window.transfer.import_action.trigger()
    qtbot.waitUntil(lambda: _shown(window, ImportPreviewDialog) is not None, timeout=60_000)
    preview = _shown(window, ImportPreviewDialog)
    assert isinstance(preview, ImportPreviewDialog)
    before = snapshot(store)
    tick_all = preview.findChild(QPushButton, "tickAll")
    assert tick_all is not None
    qtbot.mouseClick(tick_all, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)

    def progress() -> QProgressDialog | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                return widget
        found = window.findChildren(QProgressDialog)
        return next((w for w in found if w.isVisible()), None)

    def moving() -> bool:
        shown = progress()
        return shown is not None and shown.value() > 0

    qtbot.waitUntil(moving, timeout=30_000)
    shown = progress()
    assert shown is not None
    cancel = shown.findChild(QPushButton)
    assert cancel is not None
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.context.ops.busy(), timeout=30_000)
    assert snapshot(store) == before
    assert _shown(window, QMessageBox) is None  # no "imported", no error: cancelled


def test_the_calendar_file_is_kept_in_a_folder(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    window.transfer.choose_folder()
    dialog = window.transfer.folder_dialog
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton, pos=_on_box(dialog.keep))
    dialog.folder.clear()
    qtbot.keyClicks(dialog.folder, str(folder))
    qtbot.mouseClick(dialog.todos, Qt.MouseButton.LeftButton, pos=_on_box(dialog.todos))
    qtbot.keyClick(dialog.folder, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert window.context.settings.get(CALENDAR_FOLDER) == str(folder)
    feed = window.transfer.feed
    qtbot.waitUntil(lambda: (folder / "RunnerUp.ics").exists(), timeout=10_000)
    feed.wait()
    calendar = icalendar.Calendar.from_ical((folder / "RunnerUp.ics").read_bytes())
    todos = calendar.walk("VTODO")
    assert todos and feed.problem == ""
    # A change to the plan reaches the file (after the pause that gathers changes).
    feed._timer.setInterval(10)
    rows = [("Zed", "Zulu", "https://www.linkedin.com/in/zed", "", "", "", "")]
    path = write_connections(tmp_path / "c.csv", connections_csv(rows))
    before = (folder / "RunnerUp.ics").stat().st_mtime_ns
    window.context.ops.run(
        window, lambda: ImportServices(store.sessions).run(_request(path)), label="Import"
    )
    qtbot.waitUntil(lambda: (folder / "RunnerUp.ics").stat().st_mtime_ns != before, timeout=5000)


def _on_box(button: QWidget) -> QPoint:
    """Where a person clicks a check box or radio button: on its box."""
    return QPoint(8, button.height() // 2)


def _request(path: Path) -> ImportRequest:
    return ImportRequest(path, "linkedin")
