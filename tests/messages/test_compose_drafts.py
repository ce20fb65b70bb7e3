"""Compose as a person types in it (issue 15): Enter never sends, closing an edited
message asks, drafts are kept per follow-up and come back, the profile signs."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from runnerup_desktop.core.domain import FollowUpStatus, Step
from runnerup_desktop.store.profile_services import ProfileServices, ProfileValues
from runnerup_desktop.system.secrets import PasswordVault
from runnerup_desktop.ui.messages.compose_dialog import ComposeDialog
from runnerup_desktop.ui.messages.drafts import CLOSE_TEXT, Closing, ask_closing
from tests.messages.test_compose import account, through  # noqa: F401 (a fixture)
from tests.ui.steps import when_modal


def open_compose(qtbot: QtBot, demo: Any, vault: PasswordVault | None = None) -> ComposeDialog:
    dialog = ComposeDialog(demo.ctx, vault or PasswordVault(), demo.follow_up(Step.OFFER_CHECK_IN))
    qtbot.addWidget(dialog)
    # Closed at the test's end: a question then would wait for a person who is not there.
    dialog.ask_closing = lambda _parent: Closing.DISCARD
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


class Answers:
    """The close question, answered as a person would; it records that it was asked."""

    def __init__(self, *answers: Closing) -> None:
        self._answers = list(answers)
        self.asked = 0

    def __call__(self, _parent: Any) -> Closing:
        self.asked += 1
        return self._answers.pop(0)


def test_enter_in_to_or_subject_moves_on_and_never_sends(
    qtbot: QtBot,
    demo: Any,
    starttls_server: Any,
    memory_keyring: Any,
    account: Any,  # noqa: F811
) -> None:
    """Issue 15: Send was the default button, so Enter in To or Subject sent at once."""
    dialog = open_compose(qtbot, demo, PasswordVault(memory_keyring))
    dialog.transport = through(starttls_server)
    assert not any(
        b.isDefault() or b.autoDefault() for b in (dialog.send_button, dialog.copy_button)
    )
    dialog.to_edit.setFocus()
    qtbot.keyClick(dialog.to_edit, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.subject_edit
    qtbot.keyClicks(dialog.subject_edit, " (and a question)")
    qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Enter)
    assert dialog.focusWidget() is dialog.body_edit
    qtbot.wait(200)
    assert starttls_server.inbox.envelopes == []
    assert dialog.isVisible()
    assert demo.row(demo.follow_up(Step.OFFER_CHECK_IN)).status is FollowUpStatus.PLANNED


def test_escape_on_an_edited_draft_asks_and_keeping_it_brings_it_back(
    qtbot: QtBot, demo: Any
) -> None:
    """Issue 15: Escape or Close threw an edited draft away without asking; drafts were
    never kept."""
    dialog = open_compose(qtbot, demo)
    dialog.body_edit.setFocus()
    qtbot.keyClicks(dialog.body_edit, "P.S. I shipped the Spark job.")
    edited = dialog.body()
    answers = Answers(Closing.CANCEL, Closing.KEEP)
    dialog.ask_closing = answers
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers.asked == 1 and dialog.isVisible()  # Cancel: still writing
    dialog.close_button.click()
    assert answers.asked == 2 and not dialog.isVisible()

    again = open_compose(qtbot, demo)
    assert again.body() == edited
    assert "Your draft is back" in again.notice_label.text()
    again.ask_closing = Answers()  # unchanged since it came back: no question
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert not again.isVisible()
    # The draft is an undo step like any change.
    assert demo.store.history.undo_label == "Keep the draft of “One check-in on the offer”"


def test_discarding_forgets_a_kept_draft(qtbot: QtBot, demo: Any) -> None:
    dialog = open_compose(qtbot, demo)
    dialog.subject_edit.setText("")
    qtbot.keyClicks(dialog.subject_edit, "Kept subject")
    dialog.ask_closing = Answers(Closing.KEEP)
    dialog.close()
    assert ProfileServices(demo.store.sessions).draft(dialog.source.follow_up_id) is not None

    again = open_compose(qtbot, demo)
    assert again.subject() == "Kept subject"
    qtbot.keyClicks(again.subject_edit, " changed")
    again.ask_closing = Answers(Closing.DISCARD)
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert ProfileServices(demo.store.sessions).draft(again.source.follow_up_id) is None
    fresh = open_compose(qtbot, demo)
    assert fresh.subject().startswith("Checking in on")


def test_the_close_question_has_three_answers(qtbot: QtBot, demo: Any) -> None:
    dialog = open_compose(qtbot, demo)
    qtbot.keyClicks(dialog.body_edit, "more")
    dialog.ask_closing = ask_closing  # the real question this time
    seen: list[Any] = []

    def answer(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), [b.text() for b in box.buttons()]))
        box.escapeButton().click()  # Escape: Cancel

    when_modal(qtbot, answer)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    text, buttons = seen[0]
    assert text == CLOSE_TEXT
    assert sorted(b.replace("&", "") for b in buttons) == ["Cancel", "Discard", "Keep as draft"]
    assert dialog.isVisible()
    dialog.ask_closing = lambda _parent: Closing.DISCARD


def test_marking_it_sent_forgets_the_draft(qtbot: QtBot, demo: Any) -> None:
    dialog = open_compose(qtbot, demo)
    qtbot.keyClicks(dialog.body_edit, " draft")
    dialog.ask_closing = Answers(Closing.KEEP)
    dialog.close()
    again = open_compose(qtbot, demo)
    again.mark_button.click()
    assert demo.row(again.source.follow_up_id).status is FollowUpStatus.DONE
    assert ProfileServices(demo.store.sessions).draft(again.source.follow_up_id) is None


def test_the_profile_signs_the_message(qtbot: QtBot, demo: Any) -> None:
    """Issue 15: messages ended "Best regards," with no name unless SMTP was set up."""
    ProfileServices(demo.store.sessions).save_profile(
        ProfileValues("Ana Sousa", "ana@example.org", signature="Ana Sousa\n+351 21 555 0100")
    )
    dialog = open_compose(qtbot, demo)
    assert dialog.body().endswith("Best regards,\nAna Sousa\n+351 21 555 0100")


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_in_the_body_makes_a_new_line(qtbot: QtBot, demo: Any, key: Qt.Key) -> None:
    dialog = open_compose(qtbot, demo)
    dialog.body_edit.setFocus()
    lines = dialog.body().count("\n")
    qtbot.keyClick(dialog.body_edit, key)
    assert dialog.body().count("\n") == lines + 1
    assert dialog.isVisible()
