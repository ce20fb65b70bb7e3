"""The email account dialog: settings in QSettings, the password in the keyring only."""

from __future__ import annotations

import base64
import functools
import logging
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from runnerup_desktop.core.domain import Step
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.models import FollowUp
from runnerup_desktop.system import mail
from runnerup_desktop.system.diagnostics import setup_logging
from runnerup_desktop.system.mail import Security, SmtpAccount
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.system.secrets import NO_KEYRING, SERVICE, PasswordVault
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.messages.compose_dialog import ComposeDialog
from runnerup_desktop.ui.messages.smtp_dialog import SmtpSettingsDialog, load_account
from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog
from tests.builders import context_for

ACCOUNT = SmtpAccount(
    "smtp.example.test", 587, Security.STARTTLS, "ana@example.test", "ana@example.test", "Ana"
)


def settings_at(path: Path) -> AppSettings:
    return AppSettings(QSettings(str(path), QSettings.Format.IniFormat))


def fill(dialog: SmtpSettingsDialog, account: SmtpAccount, password: str = "") -> None:
    dialog.host_edit.setText(account.host)
    dialog.security_combo.setCurrentIndex(dialog.security_combo.findData(account.security.value))
    dialog.port_spin.setValue(account.port)
    dialog.user_edit.setText(account.user)
    dialog.password_edit.setText(password)
    dialog.name_edit.setText(account.sender_name)
    dialog.address_edit.setText(account.sender_address)


def open_dialog(qtbot: QtBot, settings: AppSettings, vault: PasswordVault) -> SmtpSettingsDialog:
    dialog = SmtpSettingsDialog(settings, vault)
    qtbot.addWidget(dialog)
    return dialog


def test_saves_settings_and_keeps_the_password_in_the_keyring_only(
    qtbot: QtBot, tmp_path: Path, memory_keyring: Any
) -> None:
    path = tmp_path / "settings.ini"
    settings = settings_at(path)
    dialog = open_dialog(qtbot, settings, PasswordVault(memory_keyring))
    assert "never in RunnerUp's files" in dialog.keyring_label.text()
    fill(dialog, ACCOUNT, "s3cret-Ünïcode")
    dialog.accept()
    assert dialog.result() == SmtpSettingsDialog.DialogCode.Accepted
    assert load_account(settings_at(path)) == ACCOUNT
    assert memory_keyring.secrets == {
        (SERVICE, "ana@example.test@smtp.example.test"): "s3cret-Ünïcode"
    }
    assert "s3cret" not in path.read_text(encoding="utf-8")
    assert dialog.password_edit.text() == ""

    again = open_dialog(qtbot, settings_at(path), PasswordVault(memory_keyring))
    assert again.host_edit.text() == "smtp.example.test"
    assert again.password_edit.placeholderText().startswith("Saved in the system keyring")
    again.host_edit.setText("smtp.other.test")  # a new account: the old password goes
    again.password_edit.setText("new-one")
    again.accept()
    assert memory_keyring.secrets == {(SERVICE, "ana@example.test@smtp.other.test"): "new-one"}


def test_fields_are_checked_next_to_them(qtbot: QtBot, tmp_path: Path, memory_keyring: Any) -> None:
    settings = settings_at(tmp_path / "s.ini")
    dialog = open_dialog(qtbot, settings, PasswordVault(memory_keyring))
    dialog.address_edit.setText("ana@")
    dialog.accept()
    assert dialog.result() == 0
    assert dialog.error_text("host").startswith("Enter your provider's SMTP server")
    assert dialog.error_text("user").startswith("Enter the user name")
    assert (
        dialog.error_text("sender_address") == "Add the domain after the @, like ana@example.com."
    )
    assert load_account(settings) is None
    dialog.security_combo.setCurrentIndex(dialog.security_combo.findData("ssl"))
    assert dialog.port_spin.value() == 465


def test_without_a_keyring_it_says_so_and_stores_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, settings_at(tmp_path / "s.ini"), PasswordVault(fail.Keyring()))
    assert dialog.keyring_label.text() == NO_KEYRING
    assert not dialog.password_edit.isEnabled()
    fill(dialog, ACCOUNT)
    dialog.accept()
    assert dialog.result() == SmtpSettingsDialog.DialogCode.Accepted


def test_a_locked_keyring_keeps_the_dialog_open(
    qtbot: QtBot, tmp_path: Path, memory_keyring: Any
) -> None:
    def locked(*_args: object) -> None:
        raise KeyringLocked("locked")

    memory_keyring.set_password = locked
    settings = settings_at(tmp_path / "s.ini")
    dialog = open_dialog(qtbot, settings, PasswordVault(memory_keyring))
    fill(dialog, ACCOUNT, "pw")
    dialog.accept()
    assert dialog.result() == 0
    assert dialog.error().startswith("The system keyring is locked.")
    assert load_account(settings) is None
    assert dialog.password_edit.text() == "pw"  # kept for the next try


def test_send_test_message_through_a_real_server(
    qtbot: QtBot, tmp_path: Path, starttls_server: Any, password: Any, memory_keyring: Any
) -> None:
    dialog = open_dialog(qtbot, settings_at(tmp_path / "s.ini"), PasswordVault(memory_keyring))
    dialog.transport = functools.partial(mail.send, context=starttls_server.client_context)
    fill(dialog, starttls_server.account(), password + "-wrong")
    with qtbot.waitSignal(dialog._sender.done, timeout=10_000):
        dialog.test_button.click()
    assert dialog.test_text().startswith("The server refused the user name or password.")
    dialog.password_edit.setText(password)
    with qtbot.waitSignal(dialog._sender.done, timeout=10_000):
        dialog.send_test()
    assert dialog.test_text() == "Sent. Look for it in the inbox of ana.sousa@example.test."
    [received] = starttls_server.inbox.messages()
    assert received["Subject"] == mail.TEST_SUBJECT


def test_preferences_open_the_email_account(qtbot: QtBot, tmp_path: Path) -> None:
    preferences = PreferencesDialog(settings_at(tmp_path / "s.ini"))
    qtbot.addWidget(preferences)
    opened: list[object] = []

    def run(dialog: object) -> int:
        opened.append(dialog)
        return 0

    preferences.exec_dialog = run
    preferences.email_button.click()
    assert isinstance(opened[0], SmtpSettingsDialog)


def test_no_password_byte_reaches_the_database_settings_or_log(
    qtbot: QtBot, app_paths: AppPaths, starttls_server: Any, password: Any, memory_keyring: Any
) -> None:
    """Save an account, send a test, fail once, send a message: then read every file."""
    app_paths.ensure_private_dirs()
    handler = setup_logging(app_paths, level=logging.DEBUG)
    assert handler is not None
    root = logging.getLogger()
    quiet_server = logging.getLogger("mail.log")  # the test's own server, not the app
    quiet_server.propagate = False
    quiet_server.disabled = True
    store = open_store(app_paths.default_db)
    try:
        seed_demo(store.sessions)
        settings = settings_at(app_paths.settings_file)
        vault = PasswordVault(memory_keyring)
        transport = functools.partial(mail.send, context=starttls_server.client_context)
        dialog = open_dialog(qtbot, settings, vault)
        dialog.transport = transport
        fill(dialog, starttls_server.account(), password)
        with qtbot.waitSignal(dialog._sender.done, timeout=10_000):
            dialog.send_test()
        dialog.accept()
        with store.sessions() as session:
            follow_up_id = session.scalars(
                select(FollowUp.id).where(FollowUp.step == Step.OFFER_CHECK_IN)
            ).one()
        compose = ComposeDialog(context_for(store, settings), vault, follow_up_id)
        qtbot.addWidget(compose)
        compose.transport = transport
        compose.ask_password = lambda *_: pytest.fail("the keyring has it")
        # First with a wrong password in the keyring (a logged failure), then the right one.
        vault.store(starttls_server.account().user, starttls_server.host, password[::-1])
        with qtbot.waitSignal(compose.send_finished, timeout=10_000):
            compose.send()
        vault.store(starttls_server.account().user, starttls_server.host, password)
        with qtbot.waitSignal(compose.send_finished, timeout=10_000) as finished:
            compose.send()
        assert finished.args == [None]
        assert len(starttls_server.inbox.envelopes) == 2
    finally:
        store.close()
        root.removeHandler(handler)
        handler.close()
        quiet_server.propagate = True
        quiet_server.disabled = False

    user = starttls_server.account().user
    secrets = [password, password[::-1]]
    forms = [s.encode("utf-8") for s in secrets]
    forms += [base64.b64encode(s.encode()) for s in secrets]
    forms += [base64.b64encode(f"\0{user}\0{s}".encode()) for s in secrets]
    files = [app_paths.default_db, app_paths.settings_file, app_paths.log_file]
    files += list(app_paths.data_dir.glob("*.sqlite3-*")) + list(app_paths.log_dir.iterdir())
    log_text = app_paths.log_file.read_text(encoding="utf-8")
    assert "sent a message (port" in log_text  # the log is really written
    assert "SMTPAuthenticationError)" in log_text
    for path in files:
        content = path.read_bytes()
        for form in forms:
            assert form not in content, f"a form of the password is in {path.name}"
    assert "ana.sousa@example.test" in app_paths.settings_file.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _restore_root_level():
    level = logging.getLogger().level
    yield
    logging.getLogger().setLevel(level)
