"""Recording the news: what was said, the plan to review, one transaction on Save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from runnerup_desktop.core.domain import (
    Channel,
    FollowUpStatus,
    Importance,
    JobLevel,
    Stage,
    Step,
)
from runnerup_desktop.core.news import FollowUpValues, NewsInput
from runnerup_desktop.core.playbook import (
    add_months,
    come_back_sentence,
    why_companies_come_back,
)
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import FeedbackItem, FollowUp, Opportunity
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.common.dates import qdate
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.opportunities.news_dialog import NewsDialog
from runnerup_desktop.ui.opportunities.news_plan_tables import (
    CHANNEL,
    CHECK,
    DUE,
    STEP,
    WITH,
    CheckLevel,
    FeedbackModel,
    GapRow,
    PlanModel,
)
from tests.builders import World, build_acme, context_for

TODAY = date(2025, 3, 20)
NEWS = date(2025, 3, 10)


@pytest.fixture
def today() -> Callable[[], date]:
    return lambda: TODAY


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


class Answers:
    """A ``confirm`` stand-in: records each question and answers ``answer``."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget, _title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer


def news_dialog(
    qtbot: QtBot,
    store: Store,
    playbook: PlaybookServices,
    settings: AppSettings,
    world: World,
    *,
    news_on: date = NEWS,
) -> NewsDialog:
    dialog = NewsDialog(context_for(store, settings, lambda: TODAY), world.opportunity)
    qtbot.addWidget(dialog)
    dialog.date_edit.setDate(qdate(news_on))
    dialog.told_by_combo.setCurrentIndex(dialog.told_by_combo.findData(world.recruiter))
    return dialog


def type_gap(model: FeedbackModel, gap: str, importance: Importance, answer: str = "") -> None:
    """Fill a new feedback row cell by cell, as the table's editors do."""
    row = model.add_row()
    model.setData(model.index(row, 0), gap)
    model.setData(model.index(row, 1), importance.value)
    model.setData(model.index(row, 2), answer)


def plan_row(dialog: NewsDialog, step: Step, occurrence: int = 0) -> int:
    positions = [i for i, row in enumerate(dialog.plan.rows()) if row.touch.step is step]
    return positions[occurrence]


def stored(store: Store, world: World) -> list[tuple[Step, date, int | None, FollowUpStatus]]:
    with store.sessions() as session:
        query = (
            select(FollowUp)
            .where(FollowUp.opportunity_id == world.opportunity)
            .order_by(FollowUp.due_on, FollowUp.id)
        )
        return [(f.step, f.due_on, f.contact_id, f.status) for f in session.scalars(query)]


# --- models ------------------------------------------------------------------------------


def test_feedback_model_passes_model_tester(qtmodeltester: ModelTester) -> None:
    model = FeedbackModel()
    model.add_row(GapRow("Team size", Importance.ESSENTIAL, "Led 15", "Payments migration"))
    model.add_row(GapRow("Spark"))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 1).data() == "Essential"
    assert model.index(0, 1).data(Qt.ItemDataRole.EditRole) == "essential"
    assert [item.gap for item in model.items()] == ["Team size", "Spark"]


def test_plan_model_passes_model_tester(
    qtmodeltester: ModelTester, playbook: PlaybookServices, world: World
) -> None:
    model = PlanModel([(world.manager, "Ana Lopez"), (world.recruiter, "Rui Costa")])
    model.set_plan(playbook.preview_news(world.opportunity, NewsInput(NEWS)), NEWS)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 10
    assert model.index(1, DUE).data().endswith("· day 1")
    assert model.index(0, STEP).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


# --- step one ----------------------------------------------------------------------------


def test_context_box_gives_the_playbook_context_for_the_job_level(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world)
    text = dialog.findChild(QWidget, "contextText")
    assert text is not None
    shown = text.text()  # type: ignore[attr-defined]
    assert why_companies_come_back() in shown
    assert come_back_sentence(JobLevel.INDIVIDUAL_CONTRIBUTOR) in shown
    assert "not a promise" in shown


def test_future_news_date_is_refused_next_to_the_field(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world, news_on=TODAY + timedelta(1))
    assert dialog.error_text("news_on") == (
        "The news cannot come on 21 Mar 2025, after today: pick the day you heard it."
    )
    assert not dialog.preview_button.isEnabled()
    dialog.show_plan()
    assert not dialog.on_plan_page()
    dialog.date_edit.setDate(qdate(TODAY))
    assert dialog.error_text("news_on") == ""
    assert dialog.preview_button.isEnabled()


def test_news_before_the_final_interview_is_refused(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world, news_on=NEWS - timedelta(6))
    assert dialog.error_text("news_on") == (
        "The news cannot come before the final interview on 5 Mar 2025."
    )


def test_a_row_without_a_gap_is_refused_and_blank_rows_are_ignored(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world)
    dialog.add_gap()
    assert dialog.error_text("feedback") == ""
    assert dialog.news().feedback == ()
    dialog.feedback.setData(dialog.feedback.index(0, 2), "Led a team of 15")
    assert dialog.error_text("feedback") == (
        "Row 1 has no gap: say what they found missing, or remove the row."
    )
    assert not dialog.preview_button.isEnabled()
    dialog.feedback_view.setCurrentIndex(dialog.feedback.index(0, 0))
    dialog.remove_gap()
    assert dialog.feedback.rowCount() == 0
    assert dialog.preview_button.isEnabled()


# --- the whole way through ---------------------------------------------------------------


def test_record_the_news_end_to_end(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world)
    dialog.winner_edit.setText("  Sam   Lee ")
    type_gap(dialog.feedback, "Team leadership", Importance.ESSENTIAL, "Led teams of 15")
    type_gap(dialog.feedback, "Spark", Importance.NICE_TO_HAVE)
    dialog.add_gap()  # left blank: ignored

    dialog.accept()  # on step one, Save's key goes to the plan

    assert dialog.on_plan_page()
    rows = dialog.plan.rows()
    assert [(row.touch.step, (row.due_on - NEWS).days) for row in rows][:6] == [
        (Step.THANK_AND_ASK, 0),
        (Step.THANK_YOU_NOTE, 1),
        (Step.RECALIBRATE, 2),
        (Step.OFFER_CHECK_IN, 7),
        (Step.WIDEN_NETWORK, 14),
        (Step.FIND_A_TWIN, 21),
    ]
    # An individual contributor: the re-contact is four months after the news.
    recontact = rows[plan_row(dialog, Step.RE_CONTACT)]
    assert recontact.due_on == add_months(NEWS, 4) == date(2025, 7, 10)
    assert recontact.contact_id == world.recruiter
    value = plan_row(dialog, Step.DEMONSTRATE_VALUE)
    assert rows[value].due_on == NEWS + timedelta(days=30)
    assert rows[value].contact_id == world.manager

    moved = date(2025, 4, 14)
    dialog.plan.setData(dialog.plan.index(value, DUE), qdate(moved))
    widen = plan_row(dialog, Step.WIDEN_NETWORK)
    dialog.plan.setData(
        dialog.plan.index(widen, STEP), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
    )
    dialog.plan.setData(dialog.plan.index(value, CHANNEL), Channel.PHONE.value)
    answers = Answers(True)
    dialog.confirm = answers
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()

    # The note, recalibrating and the check-in (days 1, 2, 7) are past: asked, then saved.
    assert len(answers.asked) == 1
    assert "3 follow-ups are due before today" in answers.asked[0]
    assert dialog.change is not None and dialog.change.follow_ups
    follow_ups = stored(store, world)
    assert (Step.DEMONSTRATE_VALUE, moved, world.manager, FollowUpStatus.PLANNED) in follow_ups
    assert (Step.THANK_AND_ASK, NEWS, world.recruiter, FollowUpStatus.DONE) in follow_ups
    assert all(step is not Step.WIDEN_NETWORK for step, *_ in follow_ups)
    assert len(follow_ups) == 9
    with store.sessions() as session:
        opportunity = session.get(Opportunity, world.opportunity)
        assert opportunity is not None
        assert (opportunity.news_on, opportunity.news_from_id) == (NEWS, world.recruiter)
        assert opportunity.winner_name == "Sam Lee"
        assert opportunity.stage is Stage.RUNNER_UP
        gaps = session.scalars(select(FeedbackItem).order_by(FeedbackItem.id)).all()
        assert [(g.gap, g.importance, g.answer) for g in gaps] == [
            ("Team leadership", Importance.ESSENTIAL, "Led teams of 15"),
            ("Spark", Importance.NICE_TO_HAVE, ""),
        ]
        channel = session.scalar(
            select(FollowUp.channel).where(
                FollowUp.due_on == moved, FollowUp.step == "demonstrate_value"
            )
        )
        assert channel is Channel.PHONE


def test_middle_management_plans_the_re_contact_after_five_months(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    playbook.update_opportunity(world.opportunity, {"job_level": JobLevel.MIDDLE_MANAGEMENT})
    dialog = news_dialog(qtbot, store, playbook, settings, world)
    dialog.show_plan()
    row = dialog.plan.rows()[plan_row(dialog, Step.RE_CONTACT)]
    assert row.due_on == date(2025, 8, 10)
    assert row.touch.title == "Re-contact after 5 months"


def test_accepted_offer_plans_the_door_open_note_instead_of_the_check_in(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world)
    dialog.accepted_check.setChecked(True)
    dialog.show_plan()
    steps = [row.touch.step for row in dialog.plan.rows()]
    assert Step.DOOR_OPEN_NOTE in steps
    assert Step.OFFER_CHECK_IN not in steps


# --- checks on the plan ------------------------------------------------------------------


def test_a_date_before_the_news_is_refused(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world)
    dialog.show_plan()
    note = plan_row(dialog, Step.THANK_YOU_NOTE)
    dialog.plan.setData(dialog.plan.index(note, DUE), NEWS - timedelta(days=1))

    assert dialog.plan.index(note, CHECK).data() == "Before the news"
    assert not dialog.save_button.isEnabled()
    dialog.confirm = Answers(True)
    dialog.accept()
    assert dialog.result() != NewsDialog.DialogCode.Accepted
    assert "before the news on 10 Mar 2025" in dialog.save_error_text()
    assert stored(store, world) == []


def test_the_cadence_guard_warns_inline_and_asks_before_saving(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    # Another touch with the hiring manager is already on the calendar.
    playbook.add_follow_up(FollowUpValues(world.company, NEWS + timedelta(32), world.manager))
    dialog = news_dialog(qtbot, store, playbook, settings, world, news_on=TODAY)
    dialog.show_plan()
    value = plan_row(dialog, Step.DEMONSTRATE_VALUE)

    check = dialog.plan.rows()[value].check
    assert check is not None and check.level is CheckLevel.WARNING
    assert dialog.plan.index(value, CHECK).data() == "8 days from another touch with Ana Lopez"
    assert "The playbook keeps at least 21 days" in dialog.plan.index(value, CHECK).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert dialog.save_button.isEnabled()

    answers = Answers(False)
    dialog.confirm = answers
    dialog.accept()
    assert "Value message 1 to the hiring manager: 8 days" in answers.asked[0]
    assert dialog.result() != NewsDialog.DialogCode.Accepted
    assert stored(store, world) == []

    # Moving it far enough clears the warning; nothing left to ask.
    dialog.plan.setData(dialog.plan.index(value, DUE), TODAY + timedelta(days=1))
    assert dialog.plan.rows()[value].check is None
    dialog.accept()
    assert len(answers.asked) == 1
    assert dialog.result() == NewsDialog.DialogCode.Accepted


def test_touches_of_the_plan_are_spaced_from_each_other(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world, news_on=TODAY)
    dialog.show_plan()
    first, second = (plan_row(dialog, Step.DEMONSTRATE_VALUE, n) for n in (0, 1))
    assert all(row.check is None for row in dialog.plan.rows())

    dialog.plan.setData(dialog.plan.index(first, DUE), TODAY + timedelta(days=50))
    assert dialog.plan.index(first, CHECK).data() == "10 days from another touch with Ana Lopez"
    assert dialog.plan.index(second, CHECK).data() == "10 days from another touch with Ana Lopez"

    # Giving the first one to someone else, or unticking it, settles it.
    dialog.plan.setData(dialog.plan.index(first, WITH), world.recruiter)
    assert dialog.plan.index(second, CHECK).data() == ""


def test_a_refused_save_is_shown_and_keeps_everything(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world, news_on=TODAY)
    type_gap(dialog.feedback, "Team leadership", Importance.ESSENTIAL)
    dialog.show_plan()
    # Meanwhile the news was recorded elsewhere.
    playbook.record_news(world.opportunity, NewsInput(TODAY), [])
    dialog.confirm = Answers(True)

    dialog.accept()

    assert dialog.result() != NewsDialog.DialogCode.Accepted
    assert "already recorded" in dialog.save_error_text()
    assert dialog.on_plan_page() and dialog.plan.rowCount() == 10
    assert dialog.feedback.items()[0].gap == "Team leadership"


def test_going_back_keeps_the_edits_unless_the_news_changes(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world, news_on=TODAY)
    dialog.show_plan()
    value = plan_row(dialog, Step.DEMONSTRATE_VALUE)
    dialog.plan.setData(dialog.plan.index(value, DUE), TODAY + timedelta(days=33))
    dialog.show_feedback()
    dialog.winner_edit.setText("Sam Lee")
    dialog.show_plan()
    assert dialog.plan.rows()[value].due_on == TODAY + timedelta(days=33)

    dialog.show_feedback()
    dialog.date_edit.setDate(qdate(TODAY - timedelta(days=1)))
    dialog.show_plan()
    assert dialog.plan.rows()[value].due_on == TODAY + timedelta(days=29)


def test_the_call_itself_cannot_be_moved(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world)
    dialog.show_plan()
    call = plan_row(dialog, Step.THANK_AND_ASK)
    assert not dialog.plan.flags(dialog.plan.index(call, DUE)) & Qt.ItemFlag.ItemIsEditable
    assert not dialog.plan.setData(dialog.plan.index(call, DUE), TODAY)
    assert dialog.plan.rows()[call].due_on == NEWS


def test_the_cell_editors_write_dates_people_and_importance(
    qtbot: QtBot, store: Store, playbook: PlaybookServices, settings: AppSettings, world: World
) -> None:
    dialog = news_dialog(qtbot, store, playbook, settings, world)
    dialog.show_plan()
    view, row = dialog.plan_view, plan_row(dialog, Step.RE_CONTACT)

    def edit(column: int, change: Callable[[QWidget], None]) -> None:
        index = dialog.plan.index(row, column)
        delegate = view.itemDelegateForColumn(column)
        editor = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), index)
        delegate.setEditorData(editor, index)
        change(editor)
        delegate.setModelData(editor, dialog.plan, index)

    def pick(data: object) -> Callable[[QWidget], None]:
        return lambda combo: combo.setCurrentIndex(combo.findData(data))  # type: ignore[attr-defined]

    edit(DUE, lambda field: field.setDate(QDate(2025, 7, 1)))  # type: ignore[attr-defined]
    edit(WITH, pick(world.manager))
    edit(CHANNEL, pick(Channel.LINKEDIN.value))
    assert [dialog.plan.index(row, c).data() for c in (DUE, WITH, CHANNEL)] == [
        "1 Jul 2025 · day 113",
        "Ana Lopez",
        "LinkedIn",
    ]
    edit(WITH, pick(0))
    assert dialog.plan.rows()[row].contact_id is None

    dialog.show_feedback()
    dialog.add_gap()
    feedback = dialog.feedback_view
    index = dialog.feedback.index(0, 1)
    delegate = feedback.itemDelegateForColumn(1)
    combo = delegate.createEditor(feedback.viewport(), QStyleOptionViewItem(), index)
    delegate.setEditorData(combo, index)
    assert combo.currentData() == Importance.UNKNOWN.value  # type: ignore[attr-defined]
    combo.setCurrentIndex(combo.findData(Importance.ESSENTIAL.value))  # type: ignore[attr-defined]
    delegate.setModelData(combo, dialog.feedback, index)
    assert index.data() == "Essential"
