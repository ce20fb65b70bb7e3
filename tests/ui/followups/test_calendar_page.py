"""The follow-ups calendar: marks on the month, the day's list, the agenda, selecting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from runnerup_desktop.core.domain import ContactRole, FollowUpStatus, Step
from runnerup_desktop.core.news import FollowUpValues
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.common.dates import qdate
from runnerup_desktop.ui.common.settings import AGENDA_DAYS, AppSettings
from runnerup_desktop.ui.common.sql_table_model import Roles
from runnerup_desktop.ui.followups.calendar_page import CalendarPage, visible_range
from runnerup_desktop.ui.followups.followup_table import FollowUpTableModel, Section
from runnerup_desktop.ui.shell.context import AppContext

TODAY = dt.date(2025, 10, 15)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


@dataclass
class World:
    playbook: PlaybookServices
    company: int
    hana: int
    lukasz: int
    overdue: int
    today_a: int
    today_b: int
    upcoming: int
    far: int


@pytest.fixture
def today() -> Callable[[], dt.date]:
    return lambda: TODAY


@pytest.fixture
def world(store: Store, services: DirectoryServices) -> World:
    playbook = PlaybookServices(store.sessions, today=lambda: TODAY)
    company, _ = services.add_company({"name": "Northwind Analytics"})
    hana, _ = services.add_contact(
        {"company_id": company, "name": "Hana Kobayashi", "role": ContactRole.HIRING_MANAGER}
    )
    lukasz, _ = services.add_contact(
        {"company_id": company, "name": "Łukasz Wróbel", "role": ContactRole.RECRUITER}
    )

    def add(on: dt.date, contact: int, notes: str, step: Step = Step.OTHER) -> int:
        values = FollowUpValues(
            company_id=company, contact_id=contact, due_on=on, step=step, notes=notes
        )
        return playbook.add_follow_up(values, allow_past=True)[0]

    return World(
        playbook=playbook,
        company=company,
        hana=hana,
        lukasz=lukasz,
        overdue=add(day(-5), lukasz, "Offer check-in", Step.OFFER_CHECK_IN),
        today_a=add(TODAY, hana, "Door-open note", Step.DOOR_OPEN_NOTE),
        today_b=add(TODAY, lukasz, "Ask about the new team"),
        upcoming=add(day(5), hana, "Send the write-up"),
        far=add(dt.date(2025, 11, 30), hana, "Re-contact Hana", Step.RE_CONTACT),
    )


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, world: World) -> CalendarPage:
    widget = CalendarPage(ctx)
    qtbot.addWidget(widget)
    return widget


def tooltip(page: CalendarPage, on: dt.date) -> str:
    return page.calendar.dateTextFormat(qdate(on)).toolTip()


def is_marked(page: CalendarPage, on: dt.date) -> bool:
    mark = page.calendar.dateTextFormat(qdate(on))
    return mark.fontWeight() == QFont.Weight.Bold and bool(mark.toolTip())


def shown(view: QTableView, column: str = "title") -> list[str]:
    model = view.model()
    assert isinstance(model, FollowUpTableModel)
    col = model.columns.index(column)
    return [
        model.index(row, 0).data() if model.item_at(row) is None else model.index(row, col).data()
        for row in range(model.rowCount())
    ]


# --- marks on the month ----------------------------------------------------------------


def test_days_with_planned_follow_ups_are_bold_with_a_count(page: CalendarPage) -> None:
    assert is_marked(page, TODAY)
    assert tooltip(page, TODAY) == "2 follow-ups"
    assert tooltip(page, day(5)) == "1 follow-up"
    mark = page.calendar.dateTextFormat(qdate(day(5)))
    assert mark.background().color().isValid()
    assert mark.background().style() != Qt.BrushStyle.NoBrush


def test_overdue_days_are_tinted_apart(page: CalendarPage) -> None:
    overdue = page.calendar.dateTextFormat(qdate(day(-5)))
    planned = page.calendar.dateTextFormat(qdate(day(5)))
    assert tooltip(page, day(-5)) == "1 follow-up, overdue"
    assert overdue.background().color() != planned.background().color()


def test_empty_days_have_no_format(page: CalendarPage) -> None:
    for empty in (day(1), day(-1), day(10)):
        assert page.calendar.dateTextFormat(qdate(empty)).isEmpty()


def test_moving_a_month_marks_it_and_clears_the_old_marks(page: CalendarPage) -> None:
    assert not is_marked(page, dt.date(2025, 11, 30))  # not visible in October
    page.calendar.setCurrentPage(2025, 11)
    assert tooltip(page, dt.date(2025, 11, 30)) == "1 follow-up"
    assert page.calendar.dateTextFormat(qdate(TODAY)).isEmpty()
    page.calendar.setCurrentPage(2025, 10)
    assert tooltip(page, TODAY) == "2 follow-ups"


def test_moving_a_month_runs_one_query(page: CalendarPage, store: Store) -> None:
    statements: list[str] = []

    def record(*args: Any) -> None:
        sql = str(args[2])
        if sql.split()[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            statements.append(sql)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        page.calendar.showNextMonth()
        page.calendar.showPreviousMonth()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert len(statements) == 2
    assert all("count" in sql.lower() for sql in statements)


def test_marks_follow_a_completed_follow_up(
    qtbot: QtBot, page: CalendarPage, world: World, ctx: AppContext
) -> None:
    page.show()  # a page behind a tab waits until it is seen
    qtbot.waitExposed(page)
    ctx.ops.announce(world.playbook.complete(world.today_a, "Sent it", TODAY))
    assert tooltip(page, TODAY) == "1 follow-up"
    world.playbook.complete(world.today_b, "", TODAY)
    ctx.ops.announce(Change(follow_ups=True))
    assert page.calendar.dateTextFormat(qdate(TODAY)).isEmpty()


def test_the_marked_range_is_the_grid_the_calendar_shows(page: CalendarPage) -> None:
    grid = page.calendar.findChild(QTableView)
    assert grid is not None
    model = grid.model()
    for year, month in ((2025, 10), (2025, 11), (2026, 2), (2026, 6)):
        page.calendar.setCurrentPage(year, month)
        first, last = visible_range(year, month, page.calendar.firstDayOfWeek())
        header_rows = model.rowCount() - 6
        assert model.index(header_rows, model.columnCount() - 7).data() == first.day
        assert model.index(model.rowCount() - 1, model.columnCount() - 1).data() == last.day


# --- the day's list and the agenda ----------------------------------------------------


def test_the_selected_day_lists_its_follow_ups_done_ones_too(
    page: CalendarPage, world: World
) -> None:
    world.playbook.complete(world.today_a, "Sent", TODAY)
    page.refresh()
    assert page.selected_day() == TODAY
    assert shown(page.day_view) == ["Door-open note", "Ask about the new team"]
    assert shown(page.day_view, "status") == ["Done", "Planned"]
    assert "1 follow-up planned, 1 done or skipped" in page.day_title.text()
    page.calendar.setSelectedDate(qdate(day(5)))
    assert shown(page.day_view) == ["Send the write-up"]


def test_the_agenda_has_overdue_today_and_upcoming_sections(
    page: CalendarPage, settings: AppSettings
) -> None:
    assert shown(page.agenda_view) == [
        "Overdue (1)",
        "Offer check-in",
        "Today, Wed 15 Oct (2)",
        "Door-open note",
        "Ask about the new team",
        "Next 14 days (1)",
        "Send the write-up",
    ]
    settings.set(AGENDA_DAYS, 60)
    page.refresh()
    assert shown(page.agenda_view)[-3:] == [
        "Next 60 days (2)",
        "Send the write-up",
        "Re-contact Hana",
    ]


def test_an_empty_section_says_so(page: CalendarPage, world: World) -> None:
    world.playbook.skip(world.overdue)
    page.refresh()
    assert shown(page.agenda_view)[:2] == ["Overdue (0)", "Nothing overdue."]
    empty = page.agenda_model.index(1, 0)
    assert not page.agenda_model.flags(empty) & Qt.ItemFlag.ItemIsSelectable


def test_picking_an_agenda_item_selects_its_day_and_row(page: CalendarPage, world: World) -> None:
    row = page.agenda_model.row_of(world.upcoming)
    assert row is not None
    page.agenda_view.setCurrentIndex(page.agenda_model.index(row, 0))
    assert page.selected_day() == day(5)
    assert [item.id for item in page.selected_items()] == [world.upcoming]


def test_select_follow_up_opens_its_month_day_and_row(page: CalendarPage, world: World) -> None:
    assert page.select_follow_up(world.far)
    assert (page.calendar.yearShown(), page.calendar.monthShown()) == (2025, 11)
    assert page.selected_day() == dt.date(2025, 11, 30)
    assert [item.id for item in page.selected_items()] == [world.far]
    assert tooltip(page, dt.date(2025, 11, 30)) == "1 follow-up"
    assert page.select_follow_up(world.today_b)
    assert [item.id for item in page.selected_items()] == [world.today_b]
    current = page.agenda_view.currentIndex()
    assert current.data(Roles.ID) == world.today_b
    assert not page.select_follow_up(99_999)


def test_a_refresh_keeps_the_selection(page: CalendarPage, world: World) -> None:
    page.select_follow_up(world.today_b)
    world.playbook.complete(world.today_a, "", TODAY)
    page.refresh()
    assert [item.id for item in page.selected_items()] == [world.today_b]


def test_models_pass_the_model_tester(
    qtmodeltester: ModelTester, page: CalendarPage, world: World
) -> None:
    qtmodeltester.check(page.agenda_model, force_py=True)
    qtmodeltester.check(page.day_model, force_py=True)
    page.day_model.set_rows([])
    world.playbook.snooze(world.today_a, day(2))
    page.refresh()
    qtmodeltester.check(page.agenda_model, force_py=True)


def test_section_rows_span_the_table_and_are_not_selectable(page: CalendarPage) -> None:
    for row in page.agenda_model.section_rows():
        assert page.agenda_view.columnSpan(row, 0) == page.agenda_model.columnCount()
        assert page.agenda_model.flags(page.agenda_model.index(row, 0)) == Qt.ItemFlag.ItemIsEnabled
    assert isinstance(page.agenda_model._rows[0], Section)


def test_overdue_dates_are_red_and_say_how_late(page: CalendarPage, world: World) -> None:
    row = page.agenda_model.row_of(world.overdue)
    assert row is not None
    due = page.agenda_model.index(row, 0)
    assert due.data(Qt.ItemDataRole.ToolTipRole) == "5 days overdue"
    assert due.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert due.data(Roles.RAW) == day(-5)


def test_done_follow_ups_are_greyed_in_the_day_list(page: CalendarPage, world: World) -> None:
    world.playbook.skip(world.today_b)
    page.refresh()
    row = page.day_model.row_of(world.today_b)
    assert row is not None
    index = page.day_model.index(row, page.day_model.columns.index("status"))
    assert index.data() == FollowUpStatus.SKIPPED.label
    assert index.data(Qt.ItemDataRole.FontRole).strikeOut()


def test_the_agenda_context_menu_acts_on_the_item_under_the_mouse(
    page: CalendarPage, world: World
) -> None:
    page.resize(1200, 700)
    row = page.agenda_model.row_of(world.upcoming)
    assert row is not None
    point = page.agenda_view.visualRect(page.agenda_model.index(row, 3)).center()
    menu = page.context_menu(page.agenda_view, point)
    assert [item.id for item in page.selected_items()] == [world.upcoming]
    assert page.follow_up_actions.done_action in menu.actions()
    assert page.follow_up_actions.done_action.isEnabled()
    menu.deleteLater()
