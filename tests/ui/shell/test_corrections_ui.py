"""Every record can be corrected, in the real window (issue 15): a person's steps.

Edit and reopen follow-ups, edit and delete interactions (and take a delete back with
Ctrl+Z), correct the news and its gaps, keep what Record the news does not show, value
items, and the profile in Preferences.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from runnerup_desktop.core.domain import FollowUpStatus, Step
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.models import FollowUp, Interaction, Opportunity, ValueItem
from runnerup_desktop.store.profile_services import ProfileServices
from runnerup_desktop.ui.followups.followup_edit import EditFollowUpDialog
from runnerup_desktop.ui.opportunities.news_dialog import NewsDialog
from runnerup_desktop.ui.opportunities.news_edit_dialog import NewsEditDialog
from runnerup_desktop.ui.opportunities.value_items_dialog import ValueItemDialog, ValueItemsDialog
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog
from tests.ui.shell.test_undo_ui import CTRL, select_company
from tests.ui.steps import answer_box, back_to, when_modal


def in_dialog(qtbot: QtBot, kind: type[QDialog], act: Callable[[Any], None]) -> list[QDialog]:
    """Run ``act`` on the next modal dialog, which must be a ``kind``; a failed check
    closes the dialog (so the test ends) and is raised by qtbot."""
    seen: list[QDialog] = []

    def check(dialog: QDialog) -> None:
        try:
            assert isinstance(dialog, kind), type(dialog).__name__
            act(dialog)
        except BaseException:
            dialog.reject()
            raise

    when_modal(qtbot, check, seen)
    return seen


def row(store: Store, model: Any, row_id: int) -> Any:
    with store.sessions() as session:
        found = session.get(model, row_id)
        assert found is not None
        return found


def show_timeline_of(qtbot: QtBot, window: MainWindow, company: str) -> None:
    select_company(qtbot, window, company)
    page = window.directory
    page.details.setCurrentWidget(window.timeline)
    window.timeline.view.setFocus()
    window.timeline.view.selectRow(0)


# --- follow-ups --------------------------------------------------------------------------


def test_edit_every_field_of_a_follow_up_from_the_window(
    qtbot: QtBot, demo: MainWindow, store: Store
) -> None:
    """Issue 15: a follow-up could be moved or skipped but not edited."""
    demo.tabs.setCurrentWidget(demo.calendar)
    calendar = demo.calendar
    calendar.day_view.selectRow(0)
    [item] = calendar.selected_items()
    assert demo.edit_action.text() == "&Edit follow-up…"

    def edit(dialog: EditFollowUpDialog) -> None:
        assert dialog.notes_edit.toPlainText().startswith(item.title)
        dialog.notes_edit.setFocus()
        dialog.notes_edit.selectAll()
        qtbot.keyClicks(dialog.notes_edit, "Ask Hana instead")
        dialog.contact_combo.setCurrentIndex(dialog.contact_combo.findText("Hana Kobayashi"))
        dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findText("Phone"))
        dialog.time_edit.setText("9:30")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    in_dialog(qtbot, EditFollowUpDialog, edit)
    demo.edit_action.trigger()
    stored = row(store, FollowUp, item.id)
    assert stored.notes == "Ask Hana instead"
    assert stored.channel.value == "phone" and str(stored.due_time) == "09:30:00"
    assert demo.undo_action.text() == f"&Undo Edit “{item.title}”"
    back_to(qtbot, demo)
    qtbot.keyClick(calendar.day_view, Qt.Key.Key_Z, CTRL)
    assert row(store, FollowUp, item.id).notes.startswith(item.title)


def test_reopen_a_done_follow_up(qtbot: QtBot, demo: MainWindow, store: Store) -> None:
    """Issue 15: Done could not be reopened."""
    with store.sessions() as session:
        done = session.scalars(
            select(FollowUp).where(
                FollowUp.status == FollowUpStatus.DONE, FollowUp.step == Step.THANK_YOU_NOTE
            )
        ).one()
    demo.tabs.setCurrentWidget(demo.calendar)
    demo.calendar.select_follow_up(done.id)
    actions = demo.calendar.follow_up_actions
    assert actions.reopen_action.isEnabled()
    asked: list[str] = []
    when_modal(qtbot, answer_box("Reopen", asked))
    actions.reopen_action.trigger()
    assert "removed from the timeline" in asked[0]
    assert row(store, FollowUp, done.id).status is FollowUpStatus.PLANNED
    with store.sessions() as session:
        assert not session.scalars(
            select(Interaction).where(Interaction.follow_up_id == done.id)
        ).all()


# --- interactions ------------------------------------------------------------------------


def test_delete_an_interaction_then_ctrl_z_brings_it_back_selected(
    qtbot: QtBot, demo: MainWindow, store: Store
) -> None:
    """Issue 15: a logged interaction could not be deleted (nor its delete taken back)."""
    show_timeline_of(qtbot, demo, "Northwind Analytics")
    timeline = demo.timeline
    entry = timeline.selected_entry()
    assert entry is not None
    count = timeline.model.rowCount()
    assert demo.delete_action.text() == "&Delete interaction…"
    when_modal(qtbot, answer_box("Delete"))
    qtbot.keyClick(timeline.view, Qt.Key.Key_Delete)
    assert timeline.model.rowCount() == count - 1
    back_to(qtbot, demo)
    timeline.view.setFocus()
    qtbot.keyClick(timeline.view, Qt.Key.Key_Z, CTRL)
    assert timeline.model.rowCount() == count
    assert timeline.model.row_of(entry.id) is not None
    assert demo.directory.details.currentWidget() is timeline


def test_edit_an_interaction(qtbot: QtBot, demo: MainWindow, store: Store) -> None:
    """Issue 15: a logged interaction could not be edited; an empty summary was accepted."""
    show_timeline_of(qtbot, demo, "Northwind Analytics")
    timeline = demo.timeline
    entry = timeline.selected_entry()
    assert entry is not None
    assert demo.edit_action.text() == "&Edit interaction…"
    demo.edit_action.trigger()
    dialog = timeline.dialog
    assert dialog is not None and dialog.windowTitle().startswith("Edit an interaction")
    assert dialog.summary_edit.toPlainText() == entry.summary
    dialog.summary_edit.selectAll()
    dialog.summary_edit.setFocus()
    qtbot.keyClick(dialog.summary_edit, Qt.Key.Key_Delete)
    assert not dialog.save_button.isEnabled()  # a summary is needed
    assert "needs a summary" in dialog.error_text("summary") or dialog.save_button.toolTip()
    qtbot.keyClicks(dialog.summary_edit, "Corrected: it was a video call")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert row(store, Interaction, entry.id).summary == "Corrected: it was a video call"
    qtbot.waitUntil(lambda: timeline.model.row_of(entry.id) is not None)


# --- the news ----------------------------------------------------------------------------


def test_edit_the_news_and_its_gaps(qtbot: QtBot, demo: MainWindow, store: Store) -> None:
    """Issue 15: the recorded news and its gaps could not be edited after saving."""
    select_company(qtbot, demo, "Northwind Analytics")
    panel = demo.opportunities
    assert panel.news_action.text() == "Edit the ne&ws…"

    def edit(dialog: NewsEditDialog) -> None:
        assert dialog.winner_edit.text() == "the other finalist"
        dialog.winner_edit.selectAll()
        qtbot.keyClicks(dialog.winner_edit, "Jane Roe")
        view = dialog.feedback_editor.view  # the second gap's example: edit, type, Enter
        view.setFocus()
        view.setCurrentIndex(dialog.feedback.index(1, 3))
        view.edit(view.currentIndex())
        editor = view.viewport().findChild(QLineEdit)
        assert isinstance(editor, QLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, "A Spark job in production")
        qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits it right after
        qtbot.waitUntil(lambda: dialog.feedback.gap_rows()[1].example != "", timeout=2000)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    in_dialog(qtbot, NewsEditDialog, edit)
    panel.news_action.trigger()
    news = demo.context.services.playbook.recorded_news(panel.current_opportunity_id() or 0)
    assert news.winner_name == "Jane Roe"
    assert news.feedback[1].example == "A Spark job in production"
    assert demo.undo_action.text().startswith("&Undo Edit the news of")


def test_record_the_news_keeps_who_got_the_job(
    qtbot: QtBot, demo: MainWindow, store: Store
) -> None:
    """Issue 15: Record the news blanked "Who got the job" when its field was left empty."""
    select_company(qtbot, demo, "Fjordline Logistics")
    panel = demo.opportunities
    opportunity = panel.current_opportunity_id()
    assert opportunity is not None
    with store.sessions.begin() as session:
        found = session.get(Opportunity, opportunity)
        assert found is not None
        found.winner_name, found.final_interview_on = "Jane Roe", None
    demo.context.ops.announce(demo.context.services.playbook.update_opportunity(opportunity, {}))

    def record(dialog: NewsDialog) -> None:
        assert dialog.winner_edit.text() == "Jane Roe"  # the form starts from what is known
        dialog.show_plan()
        dialog.accept()

    in_dialog(qtbot, NewsDialog, record)
    panel.news_action.trigger()
    assert row(store, Opportunity, opportunity).winner_name == "Jane Roe"
    assert row(store, Opportunity, opportunity).news_on is not None


# --- value items and the profile ---------------------------------------------------------


def test_value_items_are_added_edited_and_deleted(
    qtbot: QtBot, demo: MainWindow, store: Store
) -> None:
    select_company(qtbot, demo, "Northwind Analytics")
    panel = demo.opportunities
    assert panel.value_action.isEnabled()
    steps: list[str] = []

    def manage(items: ValueItemsDialog) -> None:
        def add(dialog: QDialog) -> int:
            assert isinstance(dialog, ValueItemDialog)
            qtbot.keyClicks(dialog.title_edit, "Their competitor opened in Lisbon")
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            return 1

        def edit(dialog: QDialog) -> int:
            assert isinstance(dialog, ValueItemDialog)
            dialog.title_edit.selectAll()
            qtbot.keyClicks(dialog.title_edit, "Their competitor opened in Porto")
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            return 1

        def confirm(_parent: QWidget, _title: str, text: str) -> bool:
            steps.append(text)
            return True

        items.exec_dialog = add
        items.add_button.click()
        steps.append(items.list.currentItem().text())
        items.exec_dialog = edit
        items.edit_button.click()
        steps.append(items.list.currentItem().text())
        items.confirm = confirm
        items.delete_button.click()
        steps.append(str(items.list.count()))
        items.reject()

    in_dialog(qtbot, ValueItemsDialog, manage)
    panel.value_action.trigger()
    assert steps[:2] == ["Their competitor opened in Lisbon", "Their competitor opened in Porto"]
    assert steps[2] == "Delete “Their competitor opened in Porto”?"
    with store.sessions() as session:
        assert session.scalars(select(ValueItem)).all() == []
    assert demo.undo_action.text() == "&Undo Delete value item “Their competitor opened in Porto”"


def test_the_profile_in_preferences(qtbot: QtBot, demo: MainWindow, store: Store) -> None:
    """Issue 15: there was no profile; messages had no name unless SMTP was set up."""

    def fill(dialog: PreferencesDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, "Ana Sousa")
        qtbot.keyClicks(dialog.email_edit, "ana at example")
        dialog.accept()
        assert dialog.isVisible()  # a bad address is refused, what was typed kept
        assert "spaces" in dialog.profile_error.text()
        dialog.email_edit.clear()
        qtbot.keyClicks(dialog.email_edit, "ana@example.org")
        qtbot.keyClicks(dialog.signature_edit, "Ana Sousa")
        qtbot.keyClick(dialog.signature_edit, Qt.Key.Key_Return)  # a new line, not Save
        assert dialog.isVisible()
        qtbot.keyClicks(dialog.signature_edit, "Data engineer")
        dialog.accept()

    in_dialog(qtbot, PreferencesDialog, fill)
    demo.preferences_action.trigger()
    profile = ProfileServices(store.sessions).profile()
    assert (profile.name, profile.email, profile.signature) == (
        "Ana Sousa",
        "ana@example.org",
        "Ana Sousa\nData engineer",
    )
    assert demo.undo_action.text() == "&Undo Edit your profile"
    demo.undo_action.trigger()
    assert ProfileServices(store.sessions).profile().name == ""


def test_a_refused_reopen_question_changes_nothing(
    qtbot: QtBot, demo: MainWindow, store: Store
) -> None:
    demo.tabs.setCurrentWidget(demo.calendar)
    calendar = demo.calendar
    calendar.day_view.selectRow(0)
    [item] = calendar.selected_items()
    assert not calendar.follow_up_actions.reopen_action.isEnabled()  # it is planned
    calendar.follow_up_actions.skip_action.trigger()
    calendar.select_follow_up(item.id)
    when_modal(qtbot, answer_box("Cancel"))
    calendar.follow_up_actions.reopen_action.trigger()
    assert row(store, FollowUp, item.id).status is FollowUpStatus.SKIPPED
