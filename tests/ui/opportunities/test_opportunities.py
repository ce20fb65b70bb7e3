"""The opportunities panel: its SQL-backed table, the opportunity dialog, the later events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from runnerup_desktop.core.domain import (
    FollowUpStatus,
    Importance,
    JobLevel,
    Stage,
    Step,
)
from runnerup_desktop.core.news import FeedbackInput, FollowUpValues, NewsInput
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import FeedbackItem, FollowUp, Opportunity
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.common.dates import qdate
from runnerup_desktop.ui.opportunities.news_dialog import NewsDialog
from runnerup_desktop.ui.opportunities.opportunities_panel import OpportunitiesPanel
from runnerup_desktop.ui.opportunities.opportunity_dialog import EventDateDialog, OpportunityDialog
from runnerup_desktop.ui.shell.context import AppContext
from tests.builders import World, build_acme

TODAY = date(2025, 3, 20)
NEWS = date(2025, 3, 10)


@pytest.fixture
def world(services: DirectoryServices, playbook: PlaybookServices) -> World:
    return build_acme(
        services,
        playbook,
        {
            "job_level": JobLevel.INDIVIDUAL_CONTRIBUTOR,
            "stage": Stage.FINAL_ROUND,
            "final_interview_on": NEWS - timedelta(days=5),
        },
    )


@pytest.fixture
def today() -> Callable[[], date]:
    return lambda: TODAY


@pytest.fixture
def panel(qtbot: QtBot, ctx: AppContext, world: World) -> OpportunitiesPanel:
    widget = OpportunitiesPanel(ctx)
    qtbot.addWidget(widget)
    widget.set_company(world.company)
    return widget


def record_news(playbook: PlaybookServices, world: World, **changes: object) -> None:
    news = NewsInput(
        NEWS,
        told_by_id=world.recruiter,
        feedback=(FeedbackInput("Team size", Importance.ESSENTIAL), FeedbackInput("Spark")),
        **changes,  # type: ignore[arg-type]
    )
    playbook.record_news(world.opportunity, news, playbook.preview_news(world.opportunity, news))


def answering(fill: Callable[[QDialog], None]) -> Callable[[QDialog], bool]:
    """An ``exec_dialog`` stand-in: fill the dialog in, press Save, report the result."""

    def run(dialog: QDialog) -> bool:
        fill(dialog)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    return run


def follow_ups(store: Store, world: World) -> dict[Step, list[tuple[date, FollowUpStatus]]]:
    found: dict[Step, list[tuple[date, FollowUpStatus]]] = {}
    with store.sessions() as session:
        query = select(FollowUp).where(FollowUp.opportunity_id == world.opportunity)
        for row in session.scalars(query.order_by(FollowUp.due_on)):
            found.setdefault(row.step, []).append((row.due_on, row.status))
    return found


def opportunity(store: Store, world: World) -> Opportunity:
    with store.sessions() as session:
        found = session.get(Opportunity, world.opportunity)
        assert found is not None
        return found


# --- the table ---------------------------------------------------------------------------


def test_the_listing_passes_the_model_tester(
    ctx: AppContext,
    qtmodeltester: ModelTester,
    panel: OpportunitiesPanel,
    playbook: PlaybookServices,
    world: World,
) -> None:
    playbook.add_opportunity({"company_id": world.company, "title": "Analyst"})
    record_news(playbook, world, winner_name="Sam Lee", other_candidate_accepted=True)
    ctx.ops.announce(Change(opportunities=True))

    qtmodeltester.check(panel.model, force_py=True)

    assert panel.model.rowCount() == 2
    headers = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == [
        "Role",
        "Level",
        "Stage",
        "Final interview",
        "News",
        "Who got the job",
        "Hire starts",
    ]
    row = panel.model.row_of(world.opportunity)
    assert row is not None
    shown = [panel.model.index(row, c).data() for c in range(7)]
    assert shown[:3] == ["Data Engineer", "Individual contributor", "Runner-up"]
    assert shown[5] == "Sam Lee (accepted)"


def test_each_company_shows_its_own(
    panel: OpportunitiesPanel, services: DirectoryServices, playbook: PlaybookServices
) -> None:
    other, _ = services.add_company({"name": "Globex"})
    playbook.add_opportunity({"company_id": other, "title": "Analyst"})
    assert panel.model.rowCount() == 1
    assert panel.current_opportunity_id() is not None  # the first is selected

    panel.set_company(other)
    assert [panel.model.index(0, 0).data()] == ["Analyst"]

    panel.set_company(None)
    assert panel.model.rowCount() == 0
    assert not panel.new_action.isEnabled()
    assert not panel.edit_action.isEnabled()


def test_the_summary_says_stage_gaps_and_the_next_follow_up(
    ctx: AppContext, panel: OpportunitiesPanel, playbook: PlaybookServices, world: World
) -> None:
    assert "No news recorded yet" in panel.summary.text()
    record_news(playbook, world)
    ctx.ops.announce(Change(opportunities=True, follow_ups=True))
    text = panel.summary.text()
    assert "Runner-up" in text
    assert "2 feedback gaps (1 essential)" in text
    assert "Next: Thank-you note to the person who called, due 11 Mar 2025 (overdue)" in text
    assert "with Rui Costa" in text


# --- the opportunity dialog --------------------------------------------------------------


def test_a_new_opportunity_is_written_through_the_dialog(
    ctx: AppContext, panel: OpportunitiesPanel, store: Store, qtbot: QtBot
) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, OpportunityDialog)
        assert not dialog.save_button.isEnabled()
        qtbot.keyClicks(dialog.title_edit, "  Staff   Engineer ")
        dialog.job_level_combo.setCurrentIndex(
            dialog.job_level_combo.findData(JobLevel.MIDDLE_MANAGEMENT.value)
        )
        dialog.stage_combo.setCurrentIndex(dialog.stage_combo.findData(Stage.INTERVIEWING.value))
        dialog.applied_edit.set_date(date(2025, 2, 1))
        dialog.stories_edit.setPlainText("Halved pages\n\n  Grew two leads  \n")

    panel.exec_dialog = answering(fill)
    with qtbot.waitSignal(ctx.changes.applied) as signal:
        panel.new_opportunity()

    assert isinstance(signal.args[0], Change) and signal.args[0].opportunities
    with store.sessions() as session:
        row = session.scalars(
            select(Opportunity).where(Opportunity.title == "Staff Engineer")
        ).one()
        assert (row.job_level, row.stage) == (JobLevel.MIDDLE_MANAGEMENT, Stage.INTERVIEWING)
        assert (row.applied_on, row.final_interview_on) == (date(2025, 2, 1), None)
        assert row.strong_stories == "Halved pages\nGrew two leads"
        assert panel.current_opportunity_id() == row.id


def test_editing_loads_the_stored_values_and_writes_the_change(
    panel: OpportunitiesPanel, store: Store, world: World
) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, OpportunityDialog)
        assert dialog.windowTitle() == "Edit opportunity"
        assert dialog.title_edit.text() == "Data Engineer"
        assert dialog.final_edit.date() == NEWS - timedelta(days=5)
        assert dialog.applied_edit.date() is None
        dialog.title_edit.setText("Senior Data Engineer")
        dialog.winner_edit.setText("Sam Lee")

    panel.exec_dialog = answering(fill)
    panel.edit_opportunity()

    stored = opportunity(store, world)
    assert (stored.title, stored.winner_name) == ("Senior Data Engineer", "Sam Lee")
    assert panel.model.index(0, 0).data() == "Senior Data Engineer"


def test_dates_out_of_order_are_shown_next_to_the_field(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = OpportunityDialog(lambda _values: Change(), ctx.ops.runner(None), today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Analyst")
    dialog.applied_edit.set_date(date(2025, 3, 1))
    dialog.final_edit.set_date(date(2025, 2, 20))

    assert dialog.error_text("final_interview_on") == (
        "The final interview on 20 Feb 2025 comes before the application on 1 Mar 2025."
    )
    assert not dialog.save_button.isEnabled()
    dialog.applied_edit.known.setChecked(False)
    assert dialog.error_text("final_interview_on") == ""
    dialog.applied_edit.set_date(TODAY + timedelta(days=1))
    assert dialog.error_text("applied_on") == "You cannot have applied on 21 Mar 2025, after today."


def test_a_refused_save_is_shown_in_the_dialog_and_the_input_kept(
    qtbot: QtBot, ctx: AppContext, playbook: PlaybookServices, world: World
) -> None:
    dialog = OpportunityDialog(
        lambda values: playbook.update_opportunity(world.opportunity, values),
        ctx.ops.runner(None),
        values={"title": "Analyst", "news_on": None},
    )
    qtbot.addWidget(dialog)
    playbook.delete_opportunity(world.opportunity)  # deleted while the dialog was open
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.save_error_text() == "That record no longer exists; it may have been deleted."
    assert dialog.title_edit.text() == "Analyst"
    dialog.title_edit.setText("Analyst II")
    assert dialog.save_error_text() == ""


def test_delete_asks_first_and_says_what_goes_with_it(
    ctx: AppContext,
    panel: OpportunitiesPanel,
    store: Store,
    playbook: PlaybookServices,
    world: World,
) -> None:
    record_news(playbook, world)
    ctx.ops.announce(Change(opportunities=True))
    asked: list[str] = []

    def answer(result: bool) -> Callable[[QWidget, str, str], bool]:
        def confirm(_parent: QWidget, _title: str, text: str) -> bool:
            asked.append(text)
            return result

        return confirm

    panel.confirm = answer(False)
    panel.delete_opportunity()
    assert asked == [
        "Delete “Data Engineer” and with it 9 planned follow-ups and 2 feedback items? "
        "Logged interactions stay with the company. Edit ▸ Undo brings it all back."
    ]
    assert panel.model.rowCount() == 1

    panel.confirm = answer(True)
    panel.delete_opportunity()
    assert panel.model.rowCount() == 0
    assert panel.current_opportunity_id() is None
    with store.sessions() as session:
        for model in (Opportunity, FollowUp, FeedbackItem):
            assert session.scalar(select(func.count()).select_from(model)) == 0


# --- the news and the later events -------------------------------------------------------


def test_event_actions_wait_for_the_news(
    ctx: AppContext, panel: OpportunitiesPanel, playbook: PlaybookServices, world: World
) -> None:
    events = (panel.accepted_action, panel.hire_action, panel.came_back_action)
    assert panel.news_action.isEnabled()
    assert panel.news_action.text() == "Record the ne&ws…"
    assert not any(action.isEnabled() for action in events)

    record_news(playbook, world)
    ctx.ops.announce(Change(opportunities=True, follow_ups=True))

    # Once recorded, the same button corrects the news (issue 15).
    assert panel.news_action.isEnabled()
    assert panel.news_action.text() == "Edit the ne&ws…"
    assert all(action.isEnabled() for action in events)


def test_record_the_news_opens_the_news_dialog_and_refreshes(
    panel: OpportunitiesPanel, store: Store, world: World
) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewsDialog)
        dialog.date_edit.setDate(qdate(NEWS))
        dialog.show_plan()
        dialog.confirm = lambda *_args: True

    panel.exec_dialog = answering(fill)
    panel.record_news()

    assert opportunity(store, world).news_on == NEWS
    assert len(follow_ups(store, world)[Step.DEMONSTRATE_VALUE]) == 2
    assert panel.hire_action.isEnabled()


def pick_day(day: date) -> Callable[[QDialog], bool]:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, EventDateDialog)
        dialog.set_day(day)

    return answering(fill)


def test_the_other_candidate_accepting_replaces_the_check_in(
    ctx: AppContext,
    panel: OpportunitiesPanel,
    store: Store,
    playbook: PlaybookServices,
    world: World,
) -> None:
    record_news(playbook, world)
    ctx.ops.announce(Change(opportunities=True))
    assert Step.OFFER_CHECK_IN in follow_ups(store, world)

    panel.exec_dialog = pick_day(date(2025, 3, 19))
    panel.candidate_accepted()

    stored = follow_ups(store, world)
    assert Step.OFFER_CHECK_IN not in stored
    assert stored[Step.DOOR_OPEN_NOTE] == [(date(2025, 3, 19), FollowUpStatus.PLANNED)]
    assert opportunity(store, world).winner_accepted is True


def test_the_hire_starting_moves_the_ninety_day_touch(
    ctx: AppContext,
    panel: OpportunitiesPanel,
    store: Store,
    playbook: PlaybookServices,
    world: World,
) -> None:
    record_news(playbook, world)
    ctx.ops.announce(Change(opportunities=True))
    panel.exec_dialog = pick_day(date(2025, 4, 1))  # ahead of today is fine
    panel.hire_started()

    assert follow_ups(store, world)[Step.MIS_HIRE_WINDOW] == [
        (date(2025, 6, 30), FollowUpStatus.PLANNED)
    ]
    assert panel.model.index(0, 6).data() == "1 Apr 2025"


def test_the_hire_start_asks_when_the_touch_lands_too_close(
    ctx: AppContext,
    panel: OpportunitiesPanel,
    store: Store,
    playbook: PlaybookServices,
    world: World,
) -> None:
    record_news(playbook, world)
    playbook.add_follow_up(FollowUpValues(world.company, date(2025, 7, 5), world.manager))
    ctx.ops.announce(Change(opportunities=True))
    asked: list[str] = []
    answers = iter([False, True])

    def confirm(_parent: QWidget, _title: str, text: str) -> bool:
        asked.append(text)
        return next(answers)

    panel.confirm_spacing = confirm
    seen: list[EventDateDialog] = []

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, EventDateDialog)
        seen.append(dialog)
        dialog.set_day(date(2025, 4, 1))
        dialog.accept()  # asked: "Change date" keeps the dialog open
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert follow_ups(store, world)[Step.MIS_HIRE_WINDOW][0][0] == date(2025, 6, 8)
        dialog.accept()  # asked again: "Plan anyway"
        return dialog.result() == QDialog.DialogCode.Accepted

    panel.exec_dialog = run
    panel.hire_started()

    assert len(asked) == 2
    assert asked[0].startswith("The 90-day value message would move to 30 Jun 2025.")
    assert "5 days before another touch" in asked[0]
    assert follow_ups(store, world)[Step.MIS_HIRE_WINDOW][0][0] == date(2025, 6, 30)


def test_they_came_back_drops_the_waiting_touches(
    ctx: AppContext,
    panel: OpportunitiesPanel,
    store: Store,
    playbook: PlaybookServices,
    world: World,
) -> None:
    record_news(playbook, world)
    ctx.ops.announce(Change(opportunities=True))
    panel.exec_dialog = pick_day(TODAY)
    panel.came_back()

    stored = follow_ups(store, world)
    assert stored[Step.NEGOTIATE] == [(TODAY, FollowUpStatus.PLANNED)]
    for step in (Step.DEMONSTRATE_VALUE, Step.RE_CONTACT, Step.OFFER_CHECK_IN):
        assert step not in stored
    assert Step.FIND_A_TWIN in stored
    assert opportunity(store, world).stage is Stage.OFFER


def test_an_event_date_is_checked_next_to_the_field(
    ctx: AppContext,
    panel: OpportunitiesPanel,
    store: Store,
    playbook: PlaybookServices,
    world: World,
) -> None:
    record_news(playbook, world)
    ctx.ops.announce(Change(opportunities=True))
    errors: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, EventDateDialog)
        dialog.set_day(TODAY + timedelta(days=1))
        errors.append(dialog.error_text("on"))
        assert not dialog.save_button.isEnabled()
        dialog.set_day(NEWS - timedelta(days=1))
        errors.append(dialog.error_text("on"))

    panel.exec_dialog = answering(fill)
    panel.came_back()

    assert errors == [
        "They cannot have come back on 21 Mar 2025, after today.",
        "They cannot have come back before the news on 10 Mar 2025.",
    ]
    assert Step.NEGOTIATE not in follow_ups(store, world)
