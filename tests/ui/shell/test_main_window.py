"""The main window over a real database: selection, search, dialogs, persistence."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Company
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(
    qtbot: QtBot, store: Store, services: DirectoryServices, settings: QSettings
) -> Iterator[MainWindow]:
    seed_demo(store.sessions)
    win = MainWindow(AppContext.for_store(store, settings))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win


def names(model: object, column: int = 0) -> list[str]:
    from runnerup_desktop.ui.common.sql_table_model import SqlTableModel

    assert isinstance(model, SqlTableModel)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def when_modal(qtbot: QtBot, act: Callable[[QDialog], None]) -> None:
    """Run ``act`` on the next modal dialog once it is shown."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_selecting_a_company_shows_its_contacts(window: MainWindow) -> None:
    page = window.directory
    assert names(page.companies) == [
        "Cedar & Stone Health",
        "Fjordline Logistics",
        "Northwind Analytics",
    ]
    page.select_company(page.companies.id_at(2) or 0)
    assert sorted(names(page.contacts)) == ["Hana Kobayashi", "Zoë Müller", "Łukasz Wróbel"]
    assert "Northwind Analytics" in page.contacts_title.text()
    assert page.contact_view.isColumnHidden(1)


def test_all_contacts_lists_everyone_with_company(window: MainWindow) -> None:
    page = window.directory
    page.all_contacts.setChecked(True)
    assert page.contacts.rowCount() == 6
    assert not page.contact_view.isColumnHidden(1)
    assert "Northwind Analytics" in names(page.contacts, 1)


def test_search_is_debounced_and_filters_in_sql(qtbot: QtBot, window: MainWindow) -> None:
    page = window.directory
    page.company_search.setText("fjord")
    assert page.companies.rowCount() == 3  # not yet: the search waits for typing to pause
    qtbot.waitUntil(lambda: names(page.companies) == ["Fjordline Logistics"], timeout=2000)


def test_ctrl_f_focuses_search(qtbot: QtBot, window: MainWindow) -> None:
    window.directory.company_view.setFocus()
    window.find_action.trigger()
    assert QApplication.focusWidget() is window.directory.company_search


def test_new_company_through_dialog(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    def fill(dialog: QDialog) -> None:
        name = dialog.findChild(QLineEdit, "name")
        assert name is not None
        name.setText("Acme Robotics")
        dialog.accept()

    when_modal(qtbot, fill)
    window.new_company_action.trigger()
    page = window.directory
    assert "Acme Robotics" in names(page.companies)
    assert page.company_view.currentIndex().data() == "Acme Robotics"
    with store.sessions() as session:
        assert session.scalar(select(Company.industry).where(Company.name == "Acme Robotics")) == ""


def test_delete_company_says_what_goes_and_asks(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.directory
    page.select_company(page.companies.id_at(2) or 0)
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> Callable[..., QMessageBox.StandardButton]:
        def question(
            _parent: object, _title: str, text: str, *_args: object
        ) -> QMessageBox.StandardButton:
            asked.append(text)
            return button

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    page.company_view.setFocus()
    window.delete_action.trigger()
    assert "Northwind Analytics" in names(page.companies)
    assert "3 contacts" in asked[0] and "1 opportunity" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    window.delete_action.trigger()
    assert "Northwind Analytics" not in names(page.companies)


def test_delete_key_in_table_asks_to_delete(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def question(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    window.directory.company_view.setFocus()
    qtbot.keyClick(window.directory.company_view, Qt.Key.Key_Delete)
    assert asked and asked[0].startswith("Delete “Cedar & Stone Health”")


def test_edit_keeps_selection(window: MainWindow, services: DirectoryServices) -> None:
    page = window.directory
    northwind = page.companies.id_at(2)
    assert northwind is not None
    page.select_company(northwind)
    window.context.ops.announce(services.update_company(northwind, {"industry": "Analytics"}))
    assert page.current_company_id() == northwind
    assert page.company_view.currentIndex().siblingAtColumn(1).data() == "Analytics"


def test_window_and_column_state_persist(
    qtbot: QtBot, store: Store, services: DirectoryServices, settings: QSettings
) -> None:
    first = MainWindow(AppContext.for_store(store, settings))
    qtbot.addWidget(first)
    first.directory.company_view.horizontalHeader().resizeSection(1, 222)
    first.directory.company_view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    first.directory.all_contacts.setChecked(True)
    first.close()
    second = MainWindow(AppContext.for_store(store, settings))
    qtbot.addWidget(second)
    header = second.directory.company_view.horizontalHeader()
    assert header.sectionSize(1) == 222
    assert header.sortIndicatorSection() == 2
    assert second.directory.companies.request.sort_column == "location"
    assert second.directory.companies.request.descending
    assert second.directory.all_contacts.isChecked()


def test_company_selection_drives_opportunities_and_timeline(window: MainWindow) -> None:
    page = window.directory
    northwind = page.companies.id_at(2)
    assert northwind is not None
    page.select_company(northwind)
    assert window.opportunities.company_id == northwind
    assert window.timeline.company_id == northwind and window.timeline.contact_id is None
    hana = page.contacts.id_at(0)
    assert hana is not None
    page.select_contact(hana)
    assert window.timeline.contact_id == hana
    assert [page.details.tabText(i) for i in range(page.details.count())] == [
        "Contacts",
        "Opportunities",
        "Timeline",
    ]


def test_owed_contact_opens_it_in_the_directory(window: MainWindow) -> None:
    page = window.directory
    window.tabs.setCurrentWidget(window.owed)
    fjord = page.companies.id_at(1)
    assert fjord is not None
    page.select_company(fjord)
    ingrid = page.contacts.id_at(0)
    assert ingrid is not None
    page.select_company(page.companies.id_at(0) or 0)
    window.owed.open_contact.emit(ingrid, fjord)
    assert window.tabs.currentWidget() is page
    assert page.current_company_id() == fjord
    assert page.current_contact_id() == ingrid
    assert page.details.currentWidget() is window.timeline


def test_open_follow_up_shows_it_on_the_calendar(window: MainWindow, store: Store) -> None:
    from runnerup_desktop.core.domain import FollowUpStatus
    from runnerup_desktop.store.models import FollowUp

    with store.sessions() as session:
        follow_up = session.scalars(
            select(FollowUp).where(FollowUp.status == FollowUpStatus.PLANNED)
        ).first()
        assert follow_up is not None
        target, due = follow_up.id, follow_up.due_on
    window.open_follow_up(target)
    assert window.tabs.currentWidget() is window.calendar
    assert window.calendar.selected_day() == due


def test_a_change_on_one_page_refreshes_the_others(
    window: MainWindow, services: DirectoryServices
) -> None:
    page = window.directory
    northwind = page.companies.id_at(2)
    assert northwind is not None
    page.select_company(northwind)
    hana = page.contacts.id_at(0)
    assert hana is not None
    import datetime as dt

    from runnerup_desktop.core.domain import Direction, InteractionKind

    _, change = services.log_interaction(
        {
            "contact_id": hana,
            "kind": InteractionKind.CALL,
            "direction": Direction.INBOUND,
            "occurred_on": dt.date.today(),
            "summary": "Hana called about a new opening",
        }
    )
    before = window.timeline.model.rowCount()
    window.context.ops.announce(change)
    assert window.timeline.model.rowCount() == before + 1


def test_pages_behind_tabs_read_their_data_when_first_shown(
    window: MainWindow, services: DirectoryServices
) -> None:
    assert window.calendar.agenda_model.rowCount() == 0  # nothing read before the first paint
    assert window.owed.contacts.rowCount() == 0
    window.tabs.setCurrentWidget(window.owed)
    owed_before = window.owed.contacts.rowCount()
    assert owed_before > 0
    window.tabs.setCurrentWidget(window.calendar)
    assert window.calendar.agenda_model.rowCount() > 0
    # A change made while a page is hidden is read when it is shown again.
    window.tabs.setCurrentWidget(window.directory)
    company_id, _ = services.add_company({"name": "Quiet Co"})
    _, change = services.add_contact({"company_id": company_id, "name": "Never Touched"})
    window.context.ops.announce(change)
    assert window.owed.contacts.rowCount() == owed_before
    window.tabs.setCurrentWidget(window.owed)
    assert window.owed.contacts.rowCount() == owed_before + 1
