"""Compose the message of one follow-up: a draft from a template, and three ways out.

The draft is filled from the follow-up's contact, company, opportunity, feedback and value
item; subject and body stay editable. The cadence guard's warning is shown on top when the
touch would come too close to another one. The ways out: open it in the person's mail
program (a ``mailto:`` link), copy it (for LinkedIn or a card), or send it through their
SMTP account. Sending, or "Mark as sent" after one of the others, completes the follow-up,
which logs the interaction. A failure is shown as a sentence and the draft stays.

No button is the default: Enter in To or Subject moves to the next field and never sends.
Closing an edited message asks whether to keep it as a draft (:mod:`.drafts`); a kept
draft comes back the next time Compose opens on the follow-up.

Replaceable for tests: :attr:`ComposeDialog.open_url`, :attr:`~ComposeDialog.transport`,
:attr:`~ComposeDialog.ask_password`, :attr:`~ComposeDialog.confirm`,
:attr:`~ComposeDialog.ask_closing` and :attr:`~ComposeDialog.edit_account`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core.domain import FollowUpStatus
from runnerup_desktop.core.templates import fill
from runnerup_desktop.core.validation import check_email
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.template_services import (
    DraftSource,
    TemplateRecord,
    draft_source,
)
from runnerup_desktop.system import mail
from runnerup_desktop.system.secrets import PasswordVault
from runnerup_desktop.ui.common.ask import Confirm, ask_warning
from runnerup_desktop.ui.common.colors import tint_box
from runnerup_desktop.ui.common.forms import WrappedLabel, error_palette
from runnerup_desktop.ui.common.settings import SENDER_NAME
from runnerup_desktop.ui.common.window_size import first_size
from runnerup_desktop.ui.messages.drafts import AskClosing, Closing, DraftKeeper, ask_closing
from runnerup_desktop.ui.messages.smtp_dialog import (
    BackgroundSend,
    PasswordPrompt,
    SmtpSettingsDialog,
    Transport,
    ask_password,
    default_transport,
    load_account,
    password_for,
)
from runnerup_desktop.ui.shell.context import AppContext

REPLACE_DRAFT = "Replace your draft?"
SEND_ANYWAY = "Too soon after another touch"


class ComposeDialog(QDialog):
    """The message for one follow-up. Completing the follow-up (sent, or marked sent) runs
    on the change path; then :attr:`change` holds what changed."""

    send_finished = Signal(object)  # None when sent, else the sentence shown

    def __init__(
        self,
        ctx: AppContext,
        vault: PasswordVault,
        follow_up_id: int,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compose message")
        sessions = ctx.sessions
        settings = ctx.settings
        today = ctx.today
        self._playbook = ctx.services.playbook
        self._settings = settings
        self._vault = vault
        self._today = today
        self._run = ctx.ops.runner(self, initiator=parent)
        self.change: Change | None = None
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.transport: Transport = default_transport
        self.ask_password: PasswordPrompt = ask_password
        self.confirm: Confirm = ask_warning
        self.edit_account: Callable[[QWidget], object] = self._edit_account
        self.ask_closing: AskClosing = ask_closing
        self._warning_accepted = False
        self._filling = False
        self._edited = False
        self.source: DraftSource = draft_source(
            sessions, follow_up_id, my_name=settings.get(SENDER_NAME), today=today()
        )
        self._templates = ctx.services.templates.for_step(self.source.step)
        self.drafts = DraftKeeper(ctx.services.profiles, follow_up_id, self.source.title, self._run)
        self._build()
        self._current = 0
        self.template_combo.setCurrentIndex(0)
        self._apply_template(self._templates[0] if self._templates else None)
        if self.drafts.kept is not None:
            self._restore_draft()
        self.template_combo.currentIndexChanged.connect(self._template_chosen)
        first_size(self, 680, 620)

    # --- building -----------------------------------------------------------------------
    def _build(self) -> None:
        source = self.source
        heading = WrappedLabel()
        heading.setObjectName("heading")
        who = f"{source.contact_name}, {source.company}" if source.contact_name else source.company
        heading.setText(f"“{source.title}” — {who}")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.warning_label = WrappedLabel()
        self.warning_label.setObjectName("cadenceWarning")
        tint_box(self.warning_label, "notice", "6px 8px")
        self.warning = self._cadence_warning()
        self.warning_label.setText(self.warning or "")
        self.warning_label.setVisible(bool(self.warning))

        self.template_combo = QComboBox()
        self.template_combo.setObjectName("template")
        for record in self._templates:
            self.template_combo.addItem(_template_label(record), record.id)
        self.to_edit = QLineEdit(source.contact_email)
        self.to_edit.setObjectName("to")
        self.to_edit.setPlaceholderText("their@address.example")
        self.subject_edit = QLineEdit()
        self.subject_edit.setObjectName("subject")
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("body")
        self.body_edit.setTabChangesFocus(True)
        self.to_edit.textEdited.connect(self._mark_edited)
        self.subject_edit.textEdited.connect(self._mark_edited)
        self.body_edit.textChanged.connect(self._mark_edited)
        # Enter in a line field moves on; it never presses a button.
        self.to_edit.returnPressed.connect(self.subject_edit.setFocus)
        self.subject_edit.returnPressed.connect(self.body_edit.setFocus)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Template", self.template_combo)
        form.addRow("T&o", self.to_edit)
        form.addRow("&Subject", self.subject_edit)

        self.notice_label = WrappedLabel()
        self.notice_label.setObjectName("notice")
        self.status_label = WrappedLabel()
        self.status_label.setObjectName("status")
        self.status_label.hide()

        self.mail_app_button = QPushButton("Open in &mail app")
        self.mail_app_button.setToolTip("Open this draft in your own mail program")
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setToolTip("Copy the message, for LinkedIn or a card")
        self.send_button = QPushButton("S&end")
        self.send_button.setToolTip("Send it now through your email account")
        self.mark_button = QPushButton("Mar&k as sent")
        self.mark_button.setToolTip("You sent it another way: log it and mark the follow-up done")
        self.account_button = QPushButton("Email &account…")
        self.account_button.setToolTip("The account messages are sent from")
        self.close_button = QPushButton("Close")
        self.mail_app_button.clicked.connect(self.open_in_mail_app)
        self.copy_button.clicked.connect(self.copy)
        self.send_button.clicked.connect(self.send)
        self.mark_button.clicked.connect(self.mark_as_sent)
        self.account_button.clicked.connect(lambda: self.edit_account(self))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.mail_app_button, self.copy_button, self.send_button):
            buttons.addWidget(button)
        buttons.addWidget(self.account_button)
        buttons.addStretch(1)
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.close_button)
        own = (self.mail_app_button, self.copy_button, self.send_button, self.account_button)
        for button in (*own, self.mark_button, self.close_button):
            button.setAutoDefault(False)  # none is the default: Enter never sends
        if self.source.status is not FollowUpStatus.PLANNED:
            self.send_button.setEnabled(False)
            self.mark_button.setEnabled(False)
            self.notice_label.setText(
                f"This follow-up is already {self.source.status.label.lower()}: you can still "
                f"copy the message or open it in your mail app."
            )

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.warning_label)
        layout.addLayout(form)
        layout.addWidget(self.body_edit, 1)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self._sender = BackgroundSend(self)
        self._sender.done.connect(self._send_done)

    def _cadence_warning(self) -> str | None:
        source = self.source
        if source.status is not FollowUpStatus.PLANNED:
            return None
        touch = (source.contact_id, source.step, source.channel)
        min_days = self._settings.min_spacing_days
        return self._playbook.spacing_question(min_days, touch, self._today(), source.follow_up_id)

    # --- the draft ----------------------------------------------------------------------
    def subject(self) -> str:
        return " ".join(self.subject_edit.text().split())

    def body(self) -> str:
        return self.body_edit.toPlainText()

    def status_text(self) -> str:
        return self.status_label.text() if not self.status_label.isHidden() else ""

    def _restore_draft(self) -> None:
        """Put the kept draft back: its template, address, subject and body."""
        draft = self.drafts.kept
        assert draft is not None
        position = self.template_combo.findData(draft.template_id)
        if position >= 0:
            self._current = position
            self.template_combo.setCurrentIndex(position)
        self._filling = True
        self.to_edit.setText(draft.to_address)
        self.subject_edit.setText(draft.subject)
        self.body_edit.setPlainText(draft.body)
        self._filling = False
        self._edited = False
        self.notice_label.setText("Your draft is back, as you kept it.")
        self.notice_label.show()

    def template_id(self) -> int | None:
        data = self.template_combo.currentData()
        return int(data) if data is not None else None

    def _template_chosen(self, index: int) -> None:
        if index == self._current:
            return
        if (self._edited or self.drafts.kept is not None) and not self.confirm(
            self, REPLACE_DRAFT, "Your changes to this draft will be lost."
        ):
            self.template_combo.blockSignals(True)
            self.template_combo.setCurrentIndex(self._current)
            self.template_combo.blockSignals(False)
            return
        self._current = index
        self._apply_template(self._templates[index] if 0 <= index < len(self._templates) else None)
        # Over a kept draft the new text is a change: closing asks about it.
        self._edited = self.drafts.kept is not None

    def _apply_template(self, record: TemplateRecord | None) -> None:
        subject, body = (record.subject, record.body) if record is not None else ("", "")
        filled = fill(subject, body, self.source.context)
        self._filling = True
        self.subject_edit.setText(filled.subject)
        self.body_edit.setPlainText(filled.body)
        self._filling = False
        self._edited = False
        notes = []
        if filled.unknown:
            names = ", ".join(f"{{{name}}}" for name in filled.unknown)
            notes.append(f"The template uses {names}, which RunnerUp does not know: left out.")
        if record is not None and "{feedback_points}" in record.body:
            context = self.source.context
            if not context.feedback:
                notes.append("No feedback is recorded, so the note has no case against gaps.")
            elif not any(item.answer.strip() or item.example.strip() for item in context.feedback):
                notes.append("Prepare an answer to each gap to make your case in this note.")
        if self.source.status is FollowUpStatus.PLANNED:
            self.notice_label.setText(" ".join(notes))
        self.notice_label.setVisible(bool(self.notice_label.text()))

    def _mark_edited(self) -> None:
        if not self._filling:
            self._edited = True

    # --- the ways out -------------------------------------------------------------------
    def open_in_mail_app(self) -> None:
        url = QUrl.fromEncoded(
            mail.mailto(self.to_edit.text(), self.subject(), self.body()).encode("ascii")
        )
        if self.open_url(url):
            self._status(
                "Opened in your mail app. Once you have sent it there, press Mark as sent."
            )
        else:
            self._status("No mail app opened it. Copy the message instead.", error=True)

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.body())
        self._status(
            "Copied. Paste it into LinkedIn, a card or a mail program, then press Mark as sent."
        )

    def send(self) -> None:
        """Send through the email account on a worker thread; see :attr:`send_finished`."""
        if self._sender.running:
            return
        problem = self._recipient_problem()
        if problem is not None:
            self._status(problem, error=True)
            return
        account = load_account(self._settings)
        if account is None or account.problems():
            self._status(
                "Set up your email account first (Email account…), or open the message in "
                "your mail app.",
                error=True,
            )
            return
        if not self._warning_ok():
            return
        password = password_for(self._vault, account, self, self.ask_password)
        if not password:
            self._status("Not sent: sending needs your email password.", error=True)
            return
        message = mail.build_message(
            account, self.source.contact_name, self.to_edit.text(), self.subject(), self.body()
        )
        self._set_busy(True)
        self._status(f"Sending to {self.to_edit.text().strip()}…")
        self._sender.start(self.transport, account, password, message)

    def _send_done(self, result: object) -> None:
        self._set_busy(False)
        if result is not None:
            self._status(str(result), error=True)
            self.send_finished.emit(str(result))
            return
        self._complete(f"Sent by email: “{self.subject()}”", sent=True)
        self.send_finished.emit(None)

    def mark_as_sent(self) -> None:
        """It went out another way: complete the follow-up, which logs the interaction."""
        if not self._warning_ok():
            return
        self._complete(f"Sent: “{self.subject()}”" if self.subject() else "", sent=False)

    def _complete(self, note: str, *, sent: bool) -> None:
        def refused(exc: ServiceError) -> None:
            text = str(exc)
            if sent:  # it went out: never offer to send it twice
                self.send_button.setEnabled(False)
                text = f"The message was sent, but {text[:1].lower()}{text[1:]}"
            self._status(text, error=True)

        follow_up_id, today = self.source.follow_up_id, self._today()
        change = self._run(
            self.drafts.done_with(lambda: self._playbook.complete(follow_up_id, note, today)),
            label=f"Mark “{self.source.title}” done",
            on_error=refused,
        )
        if change is not None:
            self.change = change
            self.accept()

    def _recipient_problem(self) -> str | None:
        to = self.to_edit.text().strip()
        if not to:
            who = self.source.contact_name or "This contact"
            return f"{who} has no email address here: type one in To, or copy the message."
        problem = check_email(to)
        return f"The To address is not right: {problem}" if problem else None

    def _warning_ok(self) -> bool:
        if not self.warning or self._warning_accepted:
            return True
        if self.confirm(self, SEND_ANYWAY, f"{self.warning}\n\nSend it anyway?"):
            self._warning_accepted = True
            return True
        return False

    def _set_busy(self, busy: bool) -> None:
        for button in (self.send_button, self.mark_button, self.close_button):
            button.setEnabled(not busy)

    def _status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setPalette(error_palette(self.palette()) if error else self.palette())
        self.status_label.setText(text)
        self.status_label.show()

    def _edit_account(self, parent: QWidget) -> object:
        dialog = SmtpSettingsDialog(self._settings, self._vault, parent)
        dialog.transport = self.transport
        try:
            return dialog.exec()
        finally:
            dialog.deleteLater()

    def reject(self) -> None:
        """Close (Escape, Close, the window's close button); an edited draft asks first."""
        if self._sender.running:
            return  # the result must come back to a dialog that still exists
        if self._edited:
            answer = self.ask_closing(self)
            if answer is Closing.CANCEL:
                return
            if answer is Closing.KEEP:
                to, subject, body = self.to_edit.text(), self.subject_edit.text(), self.body()
                if not self.drafts.keep(to, subject, body, self.template_id()):
                    return
            else:
                self.drafts.discard()
            self._edited = False
        super().reject()


def _template_label(record: TemplateRecord) -> str:
    if record.step is None:
        return record.name
    return f"{record.name} ({record.step.label.lower()})" if not record.is_builtin else record.name
