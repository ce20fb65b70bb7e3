"""The window's actions follow the page and its selection; one write, one refresh.

Written as a person's steps: keys and clicks in a real window over a real database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QTableView, QTabWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event, select

from runnerup_desktop.core.domain import FollowUpStatus
from runnerup_desktop.core.news import FollowUpValues
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import FollowUp, Opportunity
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.common.sql_table_model import SqlTableModel
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from tests.ui.steps import answer_box, back_to, type_and_enter, when_modal

TODAY = dt.date(2026, 3, 9)


@pytest.fixture
def settings_file(tmp_path: Any) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


def open_window(qtbot: QtBot, store: Store, settings: QSettings) -> MainWindow:
    window = MainWindow(AppContext.for_store(store, settings, today=lambda: TODAY))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def empty(qtbot: QtBot, store: Store, settings_file: QSettings) -> Iterator[MainWindow]:
    yield open_window(qtbot, store, settings_file)


@pytest.fixture
def demo(qtbot: QtBot, store: Store, settings_file: QSettings) -> Iterator[MainWindow]:
    seed_demo(store.sessions, TODAY)
    yield open_window(qtbot, store, settings_file)


def click_tab(qtbot: QtBot, tabs: QTabWidget, title: str) -> None:
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&&", "&") == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def click_row(qtbot: QtBot, view: QTableView, row: int, column: int = 0) -> None:
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def opportunities_of(store: Store) -> list[tuple[str, int]]:
    with store.sessions() as session:
        rows = session.execute(select(Opportunity.title, Opportunity.company_id))
        return [(title, company) for title, company in rows]


# --- a first-time user on an empty database ----------------------------------------------


def test_the_first_company_and_opportunity_on_an_empty_database(
    qtbot: QtBot, empty: MainWindow, store: Store
) -> None:
    page = empty.directory
    page.company_view.setFocus()
    assert empty.new_action.text() == "&New company…"
    when_modal(qtbot, type_and_enter(qtbot, "name", "Northwind Analytics"))
    qtbot.keyClick(page.company_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    northwind = page.current_company_id()
    assert northwind is not None
    # The panes follow the company just created: its contacts, its opportunities.
    assert "Northwind Analytics" in page.contacts_title.text()
    assert empty.opportunities.company_id == northwind
    assert empty.opportunities.new_action.isEnabled()
    assert "Opportunities at Northwind Analytics" in empty.opportunities.title.text()

    back_to(qtbot, empty)
    click_tab(qtbot, page.details, "Opportunities")
    assert empty.new_action.text() == "&New opportunity…"
    when_modal(qtbot, type_and_enter(qtbot, "title", "Data Engineer"))
    qtbot.keyClick(empty.opportunities.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opportunities_of(store) == [("Data Engineer", northwind)]
    assert empty.opportunities.current_opportunity_id() is not None
    back_to(qtbot, empty)
    assert empty.edit_action.text() == "&Edit opportunity…"  # the one just created
    assert "Data Engineer" in empty.edit_action.toolTip()
    back_to(qtbot, empty)

    # A second company: the next opportunity lands on it, not on the one selected before.
    when_modal(qtbot, type_and_enter(qtbot, "name", "Fjordline Logistics"))
    empty.new_company_action.trigger()
    fjordline = page.current_company_id()
    assert fjordline not in (None, northwind)
    assert empty.opportunities.company_id == fjordline
    back_to(qtbot, empty)
    empty.opportunities.view.setFocus()  # the person clicks into the opportunities
    assert empty.new_action.text() == "&New opportunity…"
    when_modal(qtbot, type_and_enter(qtbot, "title", "Analyst"))
    qtbot.keyClick(empty.opportunities.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert sorted(opportunities_of(store)) == [("Analyst", fjordline), ("Data Engineer", northwind)]


def test_a_new_company_hidden_by_the_search_is_shown_and_selected(
    qtbot: QtBot, demo: MainWindow
) -> None:
    page = demo.directory
    page.company_search.setText("fjord")
    qtbot.waitUntil(lambda: page.companies.rowCount() == 1, timeout=2000)
    when_modal(qtbot, type_and_enter(qtbot, "name", "Acme Robotics"))
    demo.new_company_action.trigger()
    assert page.company_search.text() == ""
    assert page.company_view.currentIndex().data() == "Acme Robotics"


# --- New, Edit and Delete act on the page shown ------------------------------------------


def test_on_the_follow_ups_page_delete_and_new_act_on_follow_ups(
    qtbot: QtBot, demo: MainWindow, store: Store
) -> None:
    click_tab(qtbot, demo.tabs, "Follow-ups")
    calendar = demo.calendar
    overdue = calendar.agenda_model.item_at(1)
    assert overdue is not None  # the demo's overdue follow-up, under its heading
    click_row(qtbot, calendar.agenda_view, 1, 1)
    assert [item.id for item in calendar.selected_items()] == [overdue.id]
    assert demo.delete_action.isEnabled()
    assert demo.delete_action.text() == "&Delete follow-up…"
    assert overdue.title in demo.delete_action.toolTip()

    asked: list[str] = []
    when_modal(qtbot, answer_box("Cancel", asked))
    qtbot.keyClick(calendar.day_view, Qt.Key.Key_Delete)
    assert asked and asked[0].startswith(f"Delete “{overdue.title}”?")
    assert "company" not in asked[0].lower()
    with store.sessions() as session:
        assert session.get(FollowUp, overdue.id) is not None  # cancelled
    back_to(qtbot, demo)

    seen: list[QDialog] = []
    when_modal(qtbot, lambda dialog: dialog.reject(), seen)
    qtbot.keyClick(calendar.day_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert [dialog.windowTitle() for dialog in seen] == ["New follow-up"]
    back_to(qtbot, demo)

    when_modal(qtbot, answer_box("Delete"))
    qtbot.keyClick(calendar.day_view, Qt.Key.Key_Delete)
    with store.sessions() as session:
        assert session.get(FollowUp, overdue.id) is None


def test_on_the_owed_page_new_edit_and_delete_are_off_and_say_why(
    qtbot: QtBot, demo: MainWindow
) -> None:
    click_tab(qtbot, demo.tabs, "Who do I owe a touch")
    for action in (demo.new_action, demo.edit_action, demo.delete_action):
        assert not action.isEnabled()
        assert action.toolTip()
    qtbot.keyClick(demo.owed.contact_view, Qt.Key.Key_Delete)  # nothing happens, nothing asks
    assert QApplication.activeModalWidget() is None


def test_in_the_directory_the_actions_follow_the_table_worked_in(
    qtbot: QtBot, demo: MainWindow
) -> None:
    page = demo.directory
    click_row(qtbot, page.company_view, 0)
    assert demo.delete_action.text() == "&Delete company…"
    assert "Cedar & Stone Health" in demo.delete_action.toolTip()
    assert page.contacts.rowCount()
    click_row(qtbot, page.contact_view, 0)
    contact = page.contact_view.currentIndex().siblingAtColumn(0).data()
    assert demo.delete_action.text() == "&Delete contact…"
    assert demo.new_action.text() == "&New contact…"
    asked: list[str] = []
    when_modal(qtbot, answer_box("Cancel", asked))
    qtbot.keyClick(page.contact_view, Qt.Key.Key_Delete)
    contact_id = page.current_contact_id()
    assert contact_id is not None
    impact = demo.context.services.directory.contact_delete_impact(contact_id)
    assert asked == [impact.sentence(str(contact))]

    click_row(qtbot, page.company_view, 2)  # Northwind: an opportunity
    click_tab(qtbot, page.details, "Opportunities")
    assert demo.edit_action.text() == "&Edit opportunity…"
    assert demo.delete_action.text() == "&Delete opportunity…"
    click_tab(qtbot, page.details, "Timeline")
    assert demo.new_action.text() == "&Add interaction…"


# --- the agenda's context menu -----------------------------------------------------------


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_agenda_context_menu_then_other_rows_raise_no_error(
    qtbot: QtBot, demo: MainWindow
) -> None:
    click_tab(qtbot, demo.tabs, "Follow-ups")
    calendar = demo.calendar
    view = calendar.agenda_view
    rows = [r for r in range(calendar.agenda_model.rowCount()) if calendar.agenda_model.item_at(r)]
    assert len(rows) >= 3

    def escape_the_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            qtbot.keyClick(menu, Qt.Key.Key_Escape)
        else:
            QTimer.singleShot(20, escape_the_menu)

    for _ in range(2):  # right-click, Escape, then choose other rows and days
        QTimer.singleShot(0, escape_the_menu)
        point = view.visualRect(calendar.agenda_model.index(rows[0], 1)).center()
        view.customContextMenuRequested.emit(point)
        qtbot.wait(50)
        for row in rows[1:3]:
            click_row(qtbot, view, row, 1)
            assert calendar.follow_up_actions.done_action.isEnabled()
        qtbot.mouseClick(calendar.calendar, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    # pytest-qt fails the test on any exception raised in a slot ("already deleted").


# --- one write, one refresh per view; batches are one transaction ------------------------


def count_calls(monkeypatch: pytest.MonkeyPatch, target: object, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(target, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, counted)
    return calls


def test_one_write_means_one_refresh_per_view(
    qtbot: QtBot, demo: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = demo.directory
    click_row(qtbot, page.company_view, 2)  # Northwind Analytics
    models: dict[str, SqlTableModel] = {
        "companies": page.companies,
        "contacts": page.contacts,
        "opportunities": demo.opportunities.model,
    }
    counts = {key: count_calls(monkeypatch, model, "refresh") for key, model in models.items()}
    reloads = {key: count_calls(monkeypatch, model, "reload") for key, model in models.items()}
    timeline = count_calls(monkeypatch, demo.timeline, "refresh")

    def edit(dialog: QDialog) -> None:
        type_and_enter(qtbot, "industry", " and more")(dialog)

    when_modal(qtbot, edit)
    qtbot.keyClick(page.company_view, Qt.Key.Key_Return)  # Enter edits the company
    assert page.company_view.currentIndex().siblingAtColumn(1).data().endswith(" and more")
    assert {key: len(calls) for key, calls in counts.items()} == dict.fromkeys(models, 1)
    assert {key: len(calls) for key, calls in reloads.items()} == dict.fromkeys(models, 0)
    assert len(timeline) == 1


def test_snoozing_several_follow_ups_is_one_transaction(
    qtbot: QtBot, store: Store, ctx: AppContext, playbook: PlaybookServices
) -> None:
    from runnerup_desktop.ui.followups.calendar_page import CalendarPage

    services = DirectoryServices(store.sessions)
    company, _ = services.add_company({"name": "Acme"})
    ids = [
        playbook.add_follow_up(FollowUpValues(company, dt.date.today(), notes=f"Touch {n}"))[0]
        for n in range(3)
    ]
    page = CalendarPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.day_view.setFocus()
    qtbot.keyClick(page.day_view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert sorted(item.id for item in page.selected_items()) == ids
    commits: list[int] = []

    def committed(_connection: object) -> None:
        commits.append(1)

    event.listen(store.engine, "commit", committed)
    try:
        page.follow_up_actions.tomorrow_action.trigger()
    finally:
        event.remove(store.engine, "commit", committed)
    assert len(commits) == 1
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with store.sessions() as session:
        rows = session.scalars(select(FollowUp).where(FollowUp.id.in_(ids))).all()
        assert {(row.due_on, row.status) for row in rows} == {(tomorrow, FollowUpStatus.PLANNED)}


def test_a_refused_batch_changes_nothing(
    qtbot: QtBot, store: Store, ctx: AppContext, playbook: PlaybookServices
) -> None:
    services = DirectoryServices(store.sessions)
    company, _ = services.add_company({"name": "Acme"})
    first, _ = playbook.add_follow_up(FollowUpValues(company, dt.date.today(), notes="One"))
    second, _ = playbook.add_follow_up(FollowUpValues(company, dt.date.today(), notes="Two"))
    playbook.skip(second)  # the second is no longer planned
    refused: list[str] = []
    done = ctx.ops.run(
        None,
        lambda: playbook.skip_many([first, second]),
        label="Skip 2 follow-ups",
        on_error=lambda exc: refused.append(str(exc)),
    )
    assert done is None and refused
    with store.sessions() as session:
        row = session.get(FollowUp, first)
        assert row is not None and row.status is FollowUpStatus.PLANNED  # all or nothing
