"""Who do I owe a touch: the two lists, their models, opening a row, the empty state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from runnerup_desktop.core.domain import (
    CompanyStatus,
    ContactRole,
    Direction,
    InteractionKind,
    Stage,
)
from runnerup_desktop.core.news import FollowUpValues
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.common.record_model import RecordTableModel
from runnerup_desktop.ui.common.settings import QUIET_DAYS, AppSettings
from runnerup_desktop.ui.common.sql_table_model import Roles
from runnerup_desktop.ui.followups.owed_page import OwedPage, OwedTable
from runnerup_desktop.ui.shell.context import AppContext

TODAY = dt.date(2025, 6, 30)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def today() -> Callable[[], dt.date]:
    return lambda: TODAY


class World:
    """Acme (runner-up) with a never-touched, a quiet and a recent contact; a hired company."""

    def __init__(self, services: DirectoryServices, playbook: PlaybookServices) -> None:
        self.services = services
        self.acme, _ = services.add_company({"name": "Acme", "status": CompanyStatus.RUNNER_UP})
        self.never, _ = self.contact(self.acme, "Nia Never", ContactRole.RECRUITER)
        self.quiet, _ = self.contact(self.acme, "Quinn Quiet", ContactRole.HIRING_MANAGER)
        self.recent, _ = self.contact(self.acme, "Rita Recent", ContactRole.INSIDER)
        self.touch(self.quiet, ago(50))
        self.touch(self.recent, ago(10))
        hired, _ = services.add_company({"name": "Hired Co", "status": CompanyStatus.HIRED})
        self.contact(hired, "Hal Hired", ContactRole.HR)
        self.cold, _ = playbook.add_opportunity(
            {
                "company_id": self.acme,
                "title": "Data Engineer",
                "stage": Stage.RUNNER_UP,
                "news_on": ago(20),
            }
        )
        self.planned, _ = playbook.add_opportunity(
            {
                "company_id": self.acme,
                "title": "Platform Lead",
                "stage": Stage.RUNNER_UP,
                "news_on": ago(15),
            }
        )
        playbook.add_follow_up(
            FollowUpValues(company_id=self.acme, due_on=TODAY, opportunity_id=self.planned)
        )

    def contact(self, company: int, name: str, role: ContactRole) -> tuple[int, Change]:
        return self.services.add_contact({"company_id": company, "name": name, "role": role})

    def touch(self, contact: int, on: dt.date) -> Change:
        _, change = self.services.log_interaction(
            {
                "company_id": self.acme,
                "contact_id": contact,
                "kind": InteractionKind.EMAIL,
                "direction": Direction.OUTBOUND,
                "occurred_on": on,
                "summary": "A note",
            }
        )
        return change


@pytest.fixture
def world(store: Store, services: DirectoryServices) -> World:
    return World(services, PlaybookServices(store.sessions, today=lambda: TODAY))


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> OwedPage:
    widget = OwedPage(ctx)
    qtbot.addWidget(widget)
    return widget


def column(model: RecordTableModel[Any], col: int) -> list[str]:
    return [str(model.index(row, col).data()) for row in range(model.rowCount())]


def test_the_models_pass_the_model_tester(
    qtmodeltester: ModelTester, world: World, page: OwedPage
) -> None:
    page.refresh()
    assert page.contacts.rowCount() == 2
    assert page.opportunities.rowCount() == 1
    qtmodeltester.check(page.contacts, force_py=True)
    qtmodeltester.check(page.opportunities, force_py=True)


def test_the_lists_show_who_is_owed(world: World, page: OwedPage) -> None:
    page.refresh()

    assert column(page.contacts, 0) == ["Nia Never", "Quinn Quiet"]
    assert column(page.contacts, 1) == ["Acme", "Acme"]
    assert column(page.contacts, 2) == ["Recruiter", "Hiring manager"]
    assert column(page.contacts, 3)[0] == "Never"
    assert page.contacts.index(1, 3).data(Roles.RAW) == ago(50)
    assert column(page.contacts, 4) == ["—", "50"]
    assert (
        page.contacts.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
        == "No call, email or meeting logged yet"
    )
    assert column(page.opportunities, 0) == ["Acme"]
    assert column(page.opportunities, 1) == ["Data Engineer"]
    assert page.opportunities.index(0, 2).data(Roles.RAW) == ago(20)
    assert page.opportunities.index(0, 0).data(Roles.ID) == world.cold
    assert page.explanation.text().startswith("No touch in 45 days")
    assert page.contacts_title.text() == "Contacts with no touch in 45 days (2)"
    assert not page.is_empty()


def test_the_quiet_days_come_from_the_settings(
    world: World, page: OwedPage, settings: AppSettings
) -> None:
    settings.set(QUIET_DAYS, 8)
    page.refresh()
    assert column(page.contacts, 0) == ["Nia Never", "Quinn Quiet", "Rita Recent"]
    assert page.explanation.text().startswith("No touch in 8 days")


def test_double_click_and_enter_open_the_row(world: World, page: OwedPage, qtbot: QtBot) -> None:
    page.resize(800, 500)
    page.show()
    qtbot.waitExposed(page)
    view = page.contact_view
    rect = view.visualRect(page.contacts.index(1, 0))
    # A double-click opens the row pressed first, as a real one does.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_contact) as opened:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [world.quiet, world.acme]

    table: OwedTable = page.opportunity_view
    table.setFocus()
    table.setCurrentIndex(page.opportunities.index(0, 1))
    with qtbot.waitSignal(page.open_opportunity) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [world.cold, world.acme]
    assert page.current_opportunity_id() == world.cold


def test_a_touch_elsewhere_takes_the_contact_off_the_list(
    world: World, page: OwedPage, ctx: AppContext
) -> None:
    page.refresh()
    ctx.ops.announce(world.touch(world.quiet, ago(1)))
    assert column(page.contacts, 0) == ["Nia Never"]


def test_nobody_owed_shows_the_empty_state(
    page: OwedPage, services: DirectoryServices, ctx: AppContext
) -> None:
    page.refresh()
    assert page.is_empty()
    # An empty database: not "everyone heard from you", but what will come here, and how.
    assert page.empty_label.text().startswith("Nobody here yet.")
    assert "Companies & contacts page (Ctrl+1)" in page.empty_label.text()
    services.add_company({"name": "Acme"})
    company_change = services.add_contact({"company_id": 1, "name": "Nia Never"})[1]
    ctx.ops.announce(company_change)
    assert not page.is_empty()
    assert page.opportunities_title.text() == "Every runner-up role has its next touch planned."
    assert page.opportunity_view.isHidden()
