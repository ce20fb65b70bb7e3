"""The compose dialog: a draft from the demo's follow-ups, and each way out of it."""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from keyring.backends import fail
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from runnerup_desktop.core.domain import Direction, FollowUpStatus, InteractionKind, Step
from runnerup_desktop.store.agenda_queries import follow_ups_on
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.system import mail
from runnerup_desktop.system.secrets import NO_KEYRING, PasswordVault
from runnerup_desktop.ui.followups.followup_actions import FollowUpActions
from runnerup_desktop.ui.messages.compose_dialog import REPLACE_DRAFT, SEND_ANYWAY, ComposeDialog
from runnerup_desktop.ui.messages.smtp_dialog import save_account

LUKASZ = "lukasz.wrobel@northwind.example"


def compose(
    qtbot: QtBot, demo: Any, step: Step, vault: PasswordVault | None = None
) -> ComposeDialog:
    dialog = ComposeDialog(demo.ctx, vault or PasswordVault(fail.Keyring()), demo.follow_up(step))
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def account(demo: Any, starttls_server: Any, memory_keyring: Any, password: Any) -> Any:
    """An email account on the test server, its password in the (in-memory) keyring."""
    account = starttls_server.account()
    save_account(demo.settings, account)
    PasswordVault(memory_keyring).store(account.user, account.host, password)
    return account


def through(server: Any) -> Any:
    return functools.partial(mail.send, context=server.client_context, timeout=10)


def test_the_offer_check_in_is_drafted_from_the_demo(qtbot: QtBot, demo: Any) -> None:
    dialog = compose(qtbot, demo, Step.OFFER_CHECK_IN)
    assert dialog.template_combo.currentText() == "Offer check-in"
    assert dialog.to_edit.text() == LUKASZ
    assert dialog.subject() == "Checking in on the Engineering Manager, Data Platform role"
    assert dialog.body().startswith("Hi Łukasz,\n\nI hope you are well.")
    assert dialog.body().endswith("Best regards,")  # no sender name set up yet
    assert "{" not in dialog.subject() + dialog.body()
    assert dialog.warning_label.isHidden()  # the sequence itself schedules the check-in


def test_open_in_mail_app_builds_the_mailto_link(qtbot: QtBot, demo: Any) -> None:
    dialog = compose(qtbot, demo, Step.OFFER_CHECK_IN)
    dialog.body_edit.setPlainText("Hi Łukasz,\n\nOne check-in: 100% & still keen?")
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    dialog.open_url = open_url
    dialog.mail_app_button.click()
    [url] = opened
    encoded = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
    parts = urlsplit(encoded)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", LUKASZ)
    assert parse_qs(parts.query) == {
        "subject": [dialog.subject()],
        "body": ["Hi Łukasz,\r\n\r\nOne check-in: 100% & still keen?"],
    }
    assert "Mark as sent" in dialog.status_text()
    assert demo.row(demo.follow_up(Step.OFFER_CHECK_IN)).status is FollowUpStatus.PLANNED
    dialog.open_url = lambda _url: False
    dialog.mail_app_button.click()
    assert dialog.status_text() == "No mail app opened it. Copy the message instead."


def test_copy_puts_the_message_on_the_clipboard(qtbot: QtBot, demo: Any) -> None:
    dialog = compose(qtbot, demo, Step.OFFER_CHECK_IN)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.body()
    assert dialog.status_text().startswith("Copied.")


def test_mark_as_sent_completes_the_follow_up_and_logs_it(qtbot: QtBot, demo: Any) -> None:
    follow_up_id = demo.follow_up(Step.OFFER_CHECK_IN)
    dialog = compose(qtbot, demo, Step.OFFER_CHECK_IN)
    with qtbot.waitSignal(demo.ctx.changes.applied) as changed:
        dialog.mark_button.click()
    assert changed.args[0].follow_ups and changed.args[0].interactions
    assert dialog.result() == ComposeDialog.DialogCode.Accepted
    row = demo.row(follow_up_id)
    assert (row.status, row.completed_on) == (FollowUpStatus.DONE, demo.today)
    [logged] = demo.interactions(follow_up_id)
    assert (logged.kind, logged.direction, logged.occurred_on) == (
        InteractionKind.EMAIL,
        Direction.OUTBOUND,
        demo.today,
    )
    assert logged.summary == f"Sent: “{dialog.subject()}”"


def test_send_goes_through_smtp_and_completes(
    qtbot: QtBot, demo: Any, starttls_server: Any, memory_keyring: Any, account: Any
) -> None:
    follow_up_id = demo.follow_up(Step.OFFER_CHECK_IN)
    dialog = compose(qtbot, demo, Step.OFFER_CHECK_IN, PasswordVault(memory_keyring))
    dialog.ask_password = lambda *_: pytest.fail("the password is in the keyring")
    dialog.transport = through(starttls_server)
    dialog.body_edit.setPlainText(dialog.body() + "\n\nP.S. Zoë Müller says hello.")
    with qtbot.waitSignal(dialog.send_finished, timeout=10_000) as finished:
        dialog.send_button.click()
        assert not dialog.close_button.isEnabled()  # busy while the worker sends
    assert finished.args == [None]
    [received] = starttls_server.inbox.messages()
    assert received["To"].addresses[0].addr_spec == LUKASZ
    assert received["To"].addresses[0].display_name == "Łukasz Wróbel"
    assert received["Subject"] == dialog.subject()
    assert "P.S. Zoë Müller says hello." in received.get_content()
    assert demo.row(follow_up_id).status is FollowUpStatus.DONE
    [logged] = demo.interactions(follow_up_id)
    assert logged.summary.startswith("Sent by email: “Checking in on")
    assert dialog.result() == ComposeDialog.DialogCode.Accepted


def test_a_failed_send_keeps_the_draft_and_says_what_to_check(
    qtbot: QtBot, demo: Any, starttls_server: Any, memory_keyring: Any, account: Any
) -> None:
    PasswordVault(memory_keyring).store(account.user, account.host, "wrong")
    follow_up_id = demo.follow_up(Step.OFFER_CHECK_IN)
    dialog = compose(qtbot, demo, Step.OFFER_CHECK_IN, PasswordVault(memory_keyring))
    dialog.transport = through(starttls_server)
    dialog.body_edit.setPlainText("My own words, carefully chosen.")
    with qtbot.waitSignal(dialog.send_finished, timeout=10_000) as finished:
        dialog.send()
    assert finished.args[0].startswith("The server refused the user name or password.")
    assert dialog.status_text() == finished.args[0]
    assert dialog.body() == "My own words, carefully chosen."
    assert dialog.send_button.isEnabled() and dialog.close_button.isEnabled()
    assert dialog.result() == 0
    assert demo.row(follow_up_id).status is FollowUpStatus.PLANNED
    assert starttls_server.inbox.envelopes == []


def test_without_a_keyring_it_says_so_and_asks_for_the_password(
    qtbot: QtBot, demo: Any, starttls_server: Any, password: Any
) -> None:
    save_account(demo.settings, starttls_server.account())
    dialog = compose(qtbot, demo, Step.OFFER_CHECK_IN, PasswordVault(fail.Keyring()))
    dialog.transport = through(starttls_server)
    prompts: list[str] = []
    answer: list[str | None] = [None]

    def prompt(_parent: object, text: str) -> str | None:
        prompts.append(text)
        return answer[0]

    dialog.ask_password = prompt
    dialog.send()
    assert prompts[0].startswith(NO_KEYRING)
    assert dialog.status_text() == "Not sent: sending needs your email password."
    answer[0] = password
    with qtbot.waitSignal(dialog.send_finished, timeout=10_000) as finished:
        dialog.send()
    assert finished.args == [None]
    assert len(starttls_server.inbox.envelopes) == 1


def test_sending_needs_an_account_and_an_address(
    qtbot: QtBot, demo: Any, services: DirectoryServices
) -> None:
    dialog = compose(qtbot, demo, Step.OFFER_CHECK_IN)
    dialog.transport = lambda *_: pytest.fail("nothing may be sent")
    dialog.send()
    assert dialog.status_text().startswith("Set up your email account first")
    dialog.to_edit.clear()
    dialog.send()
    assert dialog.status_text() == (
        "Łukasz Wróbel has no email address here: type one in To, or copy the message."
    )
    dialog.to_edit.setText("lukasz@")
    dialog.send()
    assert dialog.status_text().startswith("The To address is not right:")


def test_the_cadence_warning_is_shown_and_asked(qtbot: QtBot, demo: Any, asked: Any) -> None:
    follow_up_id = demo.follow_up(Step.DEMONSTRATE_VALUE)
    dialog = compose(qtbot, demo, Step.DEMONSTRATE_VALUE)
    assert dialog.to_edit.text() == "hana.kobayashi@northwind.example"
    assert not dialog.warning_label.isHidden()
    assert dialog.warning_label.text().startswith("This would come 13 days after another touch")
    no = asked(False)
    dialog.confirm = no
    dialog.mark_as_sent()
    assert [title for title, _ in no.questions] == [SEND_ANYWAY]
    assert no.questions[0][1].endswith("Send it anyway?")
    assert demo.row(follow_up_id).status is FollowUpStatus.PLANNED
    dialog.confirm = asked(True)
    dialog.mark_as_sent()
    assert demo.row(follow_up_id).status is FollowUpStatus.DONE


def test_choosing_another_template_asks_before_replacing_edits(
    qtbot: QtBot, demo: Any, asked: Any
) -> None:
    dialog = compose(qtbot, demo, Step.OFFER_CHECK_IN)
    blank = dialog.template_combo.findText("Blank")
    dialog.template_combo.setCurrentIndex(blank)  # nothing edited yet: just replaced
    assert dialog.subject() == ""
    dialog.template_combo.setCurrentIndex(0)
    dialog.body_edit.setPlainText("Mine")
    no = asked(False)
    dialog.confirm = no
    dialog.template_combo.setCurrentIndex(blank)
    assert (no.questions[0][0], dialog.body(), dialog.template_combo.currentIndex()) == (
        REPLACE_DRAFT,
        "Mine",
        0,
    )
    dialog.confirm = asked(True)
    dialog.template_combo.setCurrentIndex(blank)
    assert dialog.body() == "Hi Łukasz,\n\n\n\nBest regards,"


def test_a_done_follow_up_can_still_be_copied_but_not_sent(qtbot: QtBot, demo: Any) -> None:
    dialog = compose(qtbot, demo, Step.THANK_YOU_NOTE)  # the demo sent it on day 1
    assert not dialog.send_button.isEnabled() and not dialog.mark_button.isEnabled()
    assert "already done" in dialog.notice_label.text()
    assert "• Has not managed a team larger than eight: Led a 15-person" in dialog.body()
    assert dialog.body().split("\n\n")[-2].startswith("I enjoyed meeting the team")


def test_follow_up_actions_open_compose_for_one_planned_touch(qtbot: QtBot, demo: Any) -> None:
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    check_in = demo.follow_up(Step.OFFER_CHECK_IN)
    with demo.store.sessions() as session:
        items = follow_ups_on(session, demo.row(check_in).due_on)
    selected = [item for item in items if item.id == check_in]
    actions = FollowUpActions(demo.ctx, lambda: selected, host)
    actions.update_enabled()
    assert actions.compose_action.isEnabled()
    opened: list[ComposeDialog] = []

    def run(dialog: Any) -> int:
        opened.append(dialog)
        dialog.mark_as_sent()
        return int(dialog.result())

    actions.exec_dialog = run
    with qtbot.waitSignal(demo.ctx.changes.applied):
        actions.compose_action.trigger()
    assert isinstance(opened[0], ComposeDialog)
    assert demo.row(check_in).status is FollowUpStatus.DONE
    selected = []
    actions.update_enabled()
    assert not actions.compose_action.isEnabled()


def test_sent_but_done_elsewhere_meanwhile_is_said_and_not_sent_twice(
    qtbot: QtBot, demo: Any, starttls_server: Any, memory_keyring: Any, account: Any
) -> None:
    follow_up_id = demo.follow_up(Step.OFFER_CHECK_IN)
    dialog = compose(qtbot, demo, Step.OFFER_CHECK_IN, PasswordVault(memory_keyring))
    dialog.transport = through(starttls_server)
    demo.playbook.complete(follow_up_id, "Called instead", demo.today)  # from another window
    with qtbot.waitSignal(dialog.send_finished, timeout=10_000):
        dialog.send()
    assert dialog.status_text().startswith(
        "The message was sent, but this follow-up is already done"
    )
    assert not dialog.send_button.isEnabled()
    assert len(starttls_server.inbox.envelopes) == 1
