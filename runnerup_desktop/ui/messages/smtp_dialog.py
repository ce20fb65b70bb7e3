"""The email account: where messages are sent from, and a test message to check it.

The server, port, security, user and sender are settings (QSettings through
:class:`~runnerup_desktop.ui.common.settings.AppSettings`); the password goes only to the system
keyring through :class:`~runnerup_desktop.system.secrets.PasswordVault`. Where there is no keyring
the dialog says so and the password is asked for at each send.

Sending runs on a worker thread (:class:`BackgroundSend`) so the window stays responsive
while a slow server answers; :attr:`SmtpSettingsDialog.transport` and
:attr:`SmtpSettingsDialog.ask_password` are replaceable for tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from email.message import EmailMessage

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.system import mail
from runnerup_desktop.system.mail import Security, SmtpAccount
from runnerup_desktop.system.secrets import PasswordVault, SecretError
from runnerup_desktop.ui.common.colors import tint_box, tint_text
from runnerup_desktop.ui.common.forms import ValidatedFormDialog, WrappedLabel, error_palette
from runnerup_desktop.ui.common.settings import (
    SENDER_ADDRESS,
    SENDER_NAME,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    SMTP_USER,
    AppSettings,
)

#: ``(account, password, message)``: sends, or raises
#: :class:`~runnerup_desktop.system.mail.SendError`.
Transport = Callable[[SmtpAccount, str, EmailMessage], None]
#: ``(parent, text) -> password`` or ``None`` when the person cancels.
PasswordPrompt = Callable[[QWidget, str], str | None]


def default_transport(account: SmtpAccount, password: str, message: EmailMessage) -> None:
    mail.send(account, password, message)


def ask_password(parent: QWidget, text: str) -> str | None:
    """The default :data:`PasswordPrompt`: a masked input box."""
    password, ok = QInputDialog.getText(parent, "Email password", text, QLineEdit.EchoMode.Password)
    return password if ok and password else None


def load_account(settings: AppSettings) -> SmtpAccount | None:
    """The saved account, or ``None`` when none is set up yet."""
    host = settings.get(SMTP_HOST).strip()
    if not host:
        return None
    try:
        security = Security(settings.get(SMTP_SECURITY))
    except ValueError:
        security = Security.STARTTLS
    return SmtpAccount(
        host=host,
        port=settings.get(SMTP_PORT),
        security=security,
        user=settings.get(SMTP_USER).strip(),
        sender_address=settings.get(SENDER_ADDRESS).strip(),
        sender_name=settings.get(SENDER_NAME).strip(),
    )


def save_account(settings: AppSettings, account: SmtpAccount) -> None:
    settings.set(SMTP_HOST, account.host.strip())
    settings.set(SMTP_PORT, account.port)
    settings.set(SMTP_SECURITY, account.security.value)
    settings.set(SMTP_USER, account.user.strip())
    settings.set(SENDER_NAME, " ".join(account.sender_name.split()))
    settings.set(SENDER_ADDRESS, account.sender_address.strip())
    settings.store.sync()


def password_for(
    vault: PasswordVault, account: SmtpAccount, parent: QWidget, prompt: PasswordPrompt
) -> str | None:
    """The stored password, else the one the person types now (not stored); ``None`` if
    they cancel."""
    reason = vault.problem
    if reason is None:
        try:
            stored = vault.get(account.user, account.host)
        except SecretError as exc:
            reason = str(exc)
        else:
            if stored:
                return stored
            reason = "No password is saved for this account yet."
    return prompt(parent, f"{reason}\n\nPassword for {account.user} at {account.host}:")


class BackgroundSend(QObject):
    """Runs one send on a worker thread; :attr:`done` carries ``None`` or the sentence."""

    done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = False
        self.done.connect(self._finished)

    def start(
        self, transport: Transport, account: SmtpAccount, password: str, message: EmailMessage
    ) -> None:
        self.running = True

        def work() -> None:
            try:
                transport(account, password, message)
            except mail.SendError as exc:
                result: str | None = str(exc)
            except Exception as exc:  # a bug in a transport: still a sentence, never a hang
                result = mail.explain(exc, account, message)
            else:
                result = None
            self.done.emit(result)

        threading.Thread(target=work, name="runnerup-send", daemon=True).start()

    def _finished(self, _result: object) -> None:
        self.running = False


class SmtpSettingsDialog(ValidatedFormDialog):
    """Where messages are sent from; Save keeps the settings and the password."""

    def __init__(
        self, settings: AppSettings, vault: PasswordVault, parent: QWidget | None = None
    ) -> None:
        super().__init__("Email account", None, parent)
        self._settings = settings
        self._vault = vault
        self.transport: Transport = default_transport
        self.ask_password: PasswordPrompt = ask_password
        self._saved = load_account(settings)
        saved = self._saved or SmtpAccount("", 587, Security.STARTTLS, "", "")
        intro = WrappedLabel()
        intro.setText(
            "RunnerUp sends through your own email provider. Find these in its help pages "
            "(often under “SMTP” or “email programs”)."
        )
        self._form.addRow(intro)
        self.host_edit = self._add_line_edit(
            "host",
            "SMTP ser&ver",
            lambda _t: self._problem("host"),
            saved.host,
            placeholder="smtp.example.com",
        )
        self.security_combo = self._add_combo(
            "security", "Se&curity", [(s.label, s.value) for s in Security], saved.security.value
        )
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(saved.port)
        self._add_row("port", "&Port", self.port_spin, problem=lambda: None, blank=lambda: False)
        self.user_edit = self._add_line_edit(
            "user",
            "&User name",
            lambda _t: self._problem("user"),
            saved.user,
            placeholder="you@example.com",
        )
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._add_row(
            "password", "Pass&word", self.password_edit, problem=lambda: None, blank=lambda: False
        )
        self.keyring_label = WrappedLabel()
        self.keyring_label.setObjectName("keyringNotice")
        self._form.addRow("", self.keyring_label)
        self.name_edit = self._add_line_edit(
            "sender_name",
            "Your &name",
            lambda _t: None,
            saved.sender_name,
            placeholder="Shown to the people you write to",
        )
        self.address_edit = self._add_line_edit(
            "sender_address",
            "Your &address",
            lambda _t: self._problem("sender_address"),
            saved.sender_address,
            placeholder="you@example.com",
        )
        self.test_button = QPushButton("Send &test message")
        self.test_button.setToolTip("Send a short message to your own address")
        self.test_button.clicked.connect(self.send_test)
        self.test_status = WrappedLabel()
        self.test_status.setObjectName("testStatus")
        self.test_status.hide()
        test_row = QWidget()
        row_layout = QHBoxLayout(test_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.test_button)
        row_layout.addStretch(1)
        self._form.addRow("", test_row)
        self._form.addRow("", self.test_status)
        self.save_error = WrappedLabel()
        self.save_error.setObjectName("saveError")
        tint_text(self.save_error, "error")
        self.save_error.hide()
        self._sender = BackgroundSend(self)
        self._sender.done.connect(self._test_done)
        self.security_combo.currentIndexChanged.connect(self._security_chosen)
        self._has_stored = self._stored_password_exists()
        self._show_keyring_state()
        self._finish_form()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.save_error)

    # --- state --------------------------------------------------------------------------
    def account(self) -> SmtpAccount:
        """The account as typed (not necessarily valid)."""
        return SmtpAccount(
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            security=Security(self.security_combo.currentData()),
            user=self.user_edit.text().strip(),
            sender_address=self.address_edit.text().strip(),
            sender_name=" ".join(self.name_edit.text().split()),
        )

    def test_text(self) -> str:
        return self.test_status.text() if not self.test_status.isHidden() else ""

    def error(self) -> str:
        return self.save_error.text() if not self.save_error.isHidden() else ""

    def _problem(self, key: str) -> str | None:
        if not hasattr(self, "address_edit"):
            return None  # still being built
        return self.account().problems().get(key)

    def _stored_password_exists(self) -> bool:
        if self._saved is None or not self._vault.available:
            return False
        try:
            return self._vault.get(self._saved.user, self._saved.host) is not None
        except SecretError as exc:
            self._show_status(str(exc), error=True)
            return False

    def _show_keyring_state(self) -> None:
        problem = self._vault.problem
        if problem is not None:
            self.password_edit.setEnabled(False)
            self.password_edit.setPlaceholderText("Asked for at each send")
            self.keyring_label.setText(problem)
            tint_box(self.keyring_label, "notice", "6px 8px")
            return
        self.password_edit.setPlaceholderText(
            "Saved in the system keyring: type to replace it"
            if self._has_stored
            else "Kept in the system keyring, never in a file"
        )
        self.keyring_label.setText(
            "The password is kept in your system keyring only, never in RunnerUp's files."
        )

    def _security_chosen(self) -> None:
        security = Security(self.security_combo.currentData())
        if self.port_spin.value() in {s.usual_port for s in Security}:
            self.port_spin.setValue(security.usual_port)

    def _show_status(self, text: str, *, error: bool) -> None:
        palette = self.palette()
        self.test_status.setPalette(error_palette(palette) if error else palette)
        self.test_status.setText(text)
        self.test_status.show()

    # --- actions ------------------------------------------------------------------------
    def send_test(self) -> None:
        """Send a test message to the sender's own address (on a worker thread)."""
        if not self.is_valid():
            self._reveal_problems()
            return
        account = self.account()
        password = self.password_edit.text()
        if not password:
            password = password_for(self._vault, account, self, self.ask_password) or ""
        if not password:
            self._show_status("No test message sent: it needs the password.", error=True)
            return
        self.test_button.setEnabled(False)
        self._show_status(f"Sending a test message to {account.sender_address}…", error=False)
        self._sender.start(self.transport, account, password, mail.make_test_message(account))

    def _test_done(self, result: object) -> None:
        self.test_button.setEnabled(True)
        if result is None:
            address = self.address_edit.text().strip()
            self._show_status(f"Sent. Look for it in the inbox of {address}.", error=False)
        else:
            self._show_status(str(result), error=True)

    def accept(self) -> None:
        if not self.is_valid():
            self._reveal_problems()
            return
        account = self.account()
        password = self.password_edit.text()
        try:
            if password and self._vault.available:
                self._vault.store(account.user, account.host, password)
            old = self._saved
            moved = old is not None and (old.user, old.host) != (account.user, account.host)
            if moved and old is not None and self._vault.available:
                self._vault.delete(old.user, old.host)
        except SecretError as exc:
            self.save_error.setText(str(exc))
            self.save_error.show()
            return
        save_account(self._settings, account)
        self.password_edit.clear()
        super().accept()

    def reject(self) -> None:
        self.password_edit.clear()
        super().reject()
