"""The timeline panel: its model, order and content, the contact's style, and adding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from runnerup_desktop.core.cadence import Style
from runnerup_desktop.core.domain import ContactRole, Direction, InteractionKind
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Contact
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.common.record_model import Column, RecordTableModel
from runnerup_desktop.ui.common.sql_table_model import Roles
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.timeline.timeline_panel import CONTACT_COLUMN, TimelinePanel

TODAY = dt.date(2025, 6, 30)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def today() -> Callable[[], dt.date]:
    return lambda: TODAY


@pytest.fixture
def panel(qtbot: QtBot, ctx: AppContext) -> TimelinePanel:
    widget = TimelinePanel(ctx)
    qtbot.addWidget(widget)
    return widget


class Story:
    """Acme with Ana (value touches about monthly) and Ben (weekly, nothing of value)."""

    def __init__(self, services: DirectoryServices, playbook: PlaybookServices) -> None:
        self.services = services
        self.company, _ = services.add_company({"name": "Acme"})
        self.ana, _ = services.add_contact(
            {"company_id": self.company, "name": "Ana López", "role": ContactRole.HIRING_MANAGER}
        )
        self.ben, _ = services.add_contact(
            {"company_id": self.company, "name": "Ben Okafor", "role": ContactRole.RECRUITER}
        )
        self.report, _ = playbook.add_value_item(self.company, "Competitor won a big customer")
        self.trend, _ = playbook.add_value_item(self.company, "New EU rules for their market")
        self.log(self.ana, ago(65), "Sent the competitor write-up", value=self.report)
        self.log(self.ana, ago(60), "Ana called back", direction=Direction.INBOUND)
        self.log(self.ana, ago(35), "The EU rules, and asked for a call", value=self.trend)
        self.log(self.ana, ago(5), "Shared a customer story", value=self.report)
        for days in (3, 10, 17, 24):
            self.log(self.ben, ago(days), f"Just checking in ({days})")
        self.note = self.log(None, ago(1), "They opened a second role.", kind=InteractionKind.NOTE)

    def log(
        self,
        contact: int | None,
        on: dt.date,
        summary: str,
        *,
        kind: InteractionKind = InteractionKind.EMAIL,
        direction: Direction = Direction.OUTBOUND,
        value: int | None = None,
    ) -> int:
        if kind is InteractionKind.NOTE:
            direction = Direction.NONE
        interaction_id, _ = self.services.log_interaction(
            {
                "company_id": self.company,
                "contact_id": contact,
                "kind": kind,
                "direction": direction,
                "occurred_on": on,
                "summary": summary,
                "value_item_id": value,
            }
        )
        return interaction_id


@pytest.fixture
def story(services: DirectoryServices, playbook: PlaybookServices) -> Story:
    return Story(services, playbook)


def rows(panel: TimelinePanel) -> list[list[str]]:
    model = panel.model
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_model_passes_the_model_tester(
    qtmodeltester: ModelTester, panel: TimelinePanel, story: Story
) -> None:
    panel.show_company(story.company)
    assert panel.model.rowCount() == 9
    qtmodeltester.check(panel.model, force_py=True)
    panel.show_contact(story.ana)
    qtmodeltester.check(panel.model, force_py=True)


def test_a_contact_timeline_is_newest_first_with_its_content(
    panel: TimelinePanel, story: Story
) -> None:
    panel.show_contact(story.ana)

    shown = rows(panel)
    assert [row[4] for row in shown] == [
        "Shared a customer story",
        "The EU rules, and asked for a call",
        "Ana called back",
        "Sent the competitor write-up",
    ]
    assert [panel.model.index(r, 0).data(Roles.RAW) for r in range(4)] == [
        ago(5),
        ago(35),
        ago(60),
        ago(65),
    ]
    newest = shown[0]
    assert newest[1] == "Email"
    assert newest[2] == "→ Outbound"
    assert newest[5] == "Competitor won a big customer"
    assert shown[2][2] == "← Inbound"
    assert shown[2][5] == ""
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "5 days ago"
    assert panel.view.isColumnHidden(CONTACT_COLUMN)
    assert panel.title.text() == "Ana López · Hiring manager at Acme"
    assert panel.add_button.isEnabled()


def test_a_company_timeline_holds_every_contact_and_its_notes(
    panel: TimelinePanel, story: Story
) -> None:
    panel.show_company(story.company)

    shown = rows(panel)
    dates = [panel.model.index(r, 0).data(Roles.RAW) for r in range(len(shown))]
    assert dates == sorted(dates, reverse=True)
    assert shown[0][1:5] == ["Note", "—", "", "They opened a second role."]
    assert panel.model.index(0, 0).data(Roles.ID) == story.note
    assert {row[3] for row in shown} == {"Ana López", "Ben Okafor", ""}
    assert not panel.view.isColumnHidden(CONTACT_COLUMN)
    assert panel.style_text() == ""
    assert panel.style_shown is None


def test_the_demo_story_shows_newest_first(
    store: Store, ctx: AppContext, playbook: PlaybookServices, qtbot: QtBot
) -> None:
    seed_demo(store.sessions, TODAY)
    panel = TimelinePanel(ctx)
    qtbot.addWidget(panel)

    panel.show_company(1)

    entries = [panel.model.record(row) for row in range(panel.model.rowCount())]
    assert entries == playbook.timeline(company_id=1)
    assert len(entries) >= 4
    assert panel.title.text() == "Northwind Analytics: everything logged"


def test_a_weekly_history_reads_as_stalking(panel: TimelinePanel, story: Story) -> None:
    panel.show_contact(story.ben)

    assert panel.style_shown is Style.STALKING
    assert panel.style_text() == f"Looks like: Stalking — {Style.STALKING.explanation}"
    assert "#c0392b" in panel.style_box.styleSheet()


def test_a_monthly_history_with_value_reads_as_demonstrating_value(
    panel: TimelinePanel, story: Story
) -> None:
    panel.show_contact(story.ana)

    assert panel.style_shown is Style.DEMONSTRATING_VALUE
    assert panel.style_text().startswith("Looks like: Demonstrating value — ")
    assert "#c0392b" not in panel.style_box.styleSheet()


def test_nothing_shown_until_told(panel: TimelinePanel, story: Story) -> None:
    assert panel.model.rowCount() == 0
    assert not panel.add_button.isEnabled()
    panel.show_contact(story.ana)
    panel.clear()
    assert panel.model.rowCount() == 0
    assert panel.style_text() == ""
    assert not panel.add_button.isEnabled()
    assert "Choose a company or a contact" in panel.empty_label.text()


def test_an_empty_timeline_says_how_to_start(
    panel: TimelinePanel, services: DirectoryServices, story: Story
) -> None:
    quiet, _ = services.add_contact({"company_id": story.company, "name": "Cleo Park"})
    panel.show_contact(quiet)
    assert panel.stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text().startswith("Nothing logged with Cleo Park yet.")
    assert panel.style_shown is Style.QUIET


def test_adding_through_the_panel_refreshes_and_reports(
    panel: TimelinePanel, story: Story, qtbot: QtBot, ctx: AppContext
) -> None:
    panel.show_contact(story.ana)
    panel.add_interaction()
    dialog = panel.dialog
    assert dialog is not None
    assert dialog.contact_id() == story.ana
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(InteractionKind.CALL.value))
    dialog.direction_combo.setCurrentIndex(dialog.direction_combo.findData(Direction.INBOUND.value))
    dialog.summary_edit.setPlainText("Ana rang about a new team.")

    with qtbot.waitSignal(ctx.changes.applied) as emitted:
        dialog.accept()

    change = emitted.args[0]
    assert isinstance(change, Change)
    assert change.interactions and story.ana in change.contacts
    assert rows(panel)[0][1:5] == ["Call", "← Inbound", "Ana López", "Ana rang about a new team."]
    assert panel.dialog is None


def test_a_company_panel_opens_the_dialog_without_a_contact(
    panel: TimelinePanel, story: Story
) -> None:
    panel.show_company(story.company)
    panel.add_interaction()
    assert panel.dialog is not None
    assert panel.dialog.contact_id() is None
    assert panel.dialog.kind() is InteractionKind.NOTE
    panel.dialog.reject()


def test_a_change_announced_elsewhere_refreshes_the_panel(
    panel: TimelinePanel, story: Story, ctx: AppContext
) -> None:
    panel.show_contact(story.ana)
    before = panel.model.rowCount()
    story.log(story.ana, ago(0), "Met Ana for coffee", kind=InteractionKind.MEETING)

    ctx.ops.announce(Change(interactions=True, contacts=frozenset({story.ana})))

    assert panel.model.rowCount() == before + 1
    assert rows(panel)[0][4] == "Met Ana for coffee"


def test_a_deleted_contact_clears_the_panel(
    panel: TimelinePanel, services: DirectoryServices, story: Story, store: Store, ctx: AppContext
) -> None:
    panel.show_contact(story.ben)
    ctx.ops.announce(services.delete_contact(story.ben))
    with store.sessions() as session:
        assert session.get(Contact, story.ben) is None
    assert panel.contact_id is None
    assert panel.model.rowCount() == 0
    assert not panel.add_button.isEnabled()


def test_same_rows_refresh_without_a_reset(qtbot: QtBot) -> None:
    model: RecordTableModel[tuple[int, str]] = RecordTableModel(
        [Column("Name", lambda r: r[1])], lambda r: r[0]
    )
    model.set_records([(1, "a"), (2, "b")])
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.set_records([(1, "A"), (2, "b")])
    assert model.index(0, 0).data() == "A"
    with qtbot.waitSignal(model.modelReset):
        model.set_records([(3, "c")])
    assert model.row_of(3) == 0
