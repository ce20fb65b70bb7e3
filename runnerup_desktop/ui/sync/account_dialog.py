"""Preferences ▸ Sync account: the server, the user, the password (in the system keyring
only), which calendar and address book, and a *Test connection* that says in a sentence
what is wrong: the address, the password, TLS, no CalDAV or CardDAV there.

The account is saved with the database (through the change path); the password goes to
the keyring, never to a file. The test runs on a worker thread.
"""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.store.change import Change
from runnerup_desktop.sync.account import DEFAULT_COLLECTION, SyncAccount, url_problem
from runnerup_desktop.sync.check import ConnectionCheck, check_connection
from runnerup_desktop.sync.engine import SyncEngine
from runnerup_desktop.sync.errors import SyncProblem
from runnerup_desktop.system.secrets import PasswordVault, SecretError
from runnerup_desktop.ui.common.forms import ValidatedFormDialog, WrappedLabel, error_palette
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.sync.scheduler import ACCOUNT_KEY

INTRO = (
    "RunnerUp keeps your follow-ups in a calendar and your contacts in an address book on "
    "your own CalDAV/CardDAV server (Nextcloud, Fastmail, iCloud, mailbox.org, Radicale…), "
    "both ways, so that your phone has the plan too. Your notes stay here unless you say."
)


class BackgroundCheck(QObject):
    """Runs one *Test connection* on a worker thread; :attr:`done` carries a
    :class:`ConnectionCheck` or the sentence saying what is wrong."""

    done = Signal(object)

    def start(self, account: SyncAccount, password: str | None) -> None:
        def work() -> None:
            try:
                result: object = check_connection(
                    account, password, ca_file=os.environ.get("SSL_CERT_FILE") or None
                )
            except SyncProblem as problem:
                result = str(problem)
            except Exception as exc:  # a bug: still a sentence, never a hang
                result = f"The test stopped on an error ({type(exc).__name__})."
            self.done.emit(result)

        threading.Thread(target=work, name="runnerup-sync-test", daemon=True).start()


class SyncAccountDialog(ValidatedFormDialog):
    def __init__(self, ctx: AppContext, vault: PasswordVault, parent: QWidget | None = None):
        super().__init__("Sync account", None, parent)
        self._ctx = ctx
        self._vault = vault
        self._engine = SyncEngine(ctx.sessions)
        self._saved = self._engine.account()
        saved = self._saved or SyncAccount(url="")
        intro = WrappedLabel()
        intro.setText(INTRO)
        self._form.addRow(intro)
        self.url_edit = self._add_line_edit(
            "url",
            "&Server",
            lambda text: url_problem(text) if text.strip() else "Enter your server's address.",
            saved.url,
            placeholder="https://cloud.example.com/remote.php/dav",
        )
        self.user_edit = self._add_line_edit(
            "user", "&User name", lambda _t: None, saved.user, placeholder="you@example.com"
        )
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._add_row(
            "password", "Pass&word", self.password_edit, problem=lambda: None, blank=lambda: False
        )
        self.keyring_label = WrappedLabel()
        self.keyring_label.setObjectName("keyringNotice")
        self._form.addRow("", self.keyring_label)
        self.calendar_combo = self._collection_combo("calendar", "&Calendar", saved.calendar)
        self.book_combo = self._collection_combo("addressbook", "&Address book", saved.addressbook)
        self.kind_combo = self._add_combo(
            "kind",
            "&Follow-ups as",
            [("To-dos (can be ticked off on the phone)", False), ("Calendar events", True)],
            saved.as_events,
        )
        self.notes_check = QCheckBox("&Include notes (the playbook's guidance and your notes)")
        self.notes_check.setChecked(saved.include_notes)
        self._form.addRow("", self.notes_check)
        self.test_button = QPushButton("&Test connection")
        self.test_button.clicked.connect(self.test_connection)
        self.stop_button = QPushButton("Stop s&yncing")
        self.stop_button.setToolTip("Forget this account here; nothing on the server changes")
        self.stop_button.clicked.connect(self.stop_syncing)
        self.stop_button.setEnabled(self._saved is not None)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.test_button)
        row_layout.addWidget(self.stop_button)
        row_layout.addStretch(1)
        self._form.addRow("", row)
        self.test_status = WrappedLabel()
        self.test_status.setObjectName("testStatus")
        self.test_status.hide()
        self._form.addRow("", self.test_status)
        self.save_error = WrappedLabel()
        self.save_error.setObjectName("saveError")
        self.save_error.setPalette(error_palette(self.save_error.palette()))
        self.save_error.hide()
        self._checker = BackgroundCheck(self)
        self._checker.done.connect(self._tested)
        self._show_keyring_state()
        self._finish_form()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.save_error)

    def _collection_combo(self, key: str, label: str, current: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItem(current or DEFAULT_COLLECTION)
        combo.setToolTip("Choose one the server has, or type a name: it is made at the first sync")
        self._add_row(
            key,
            label,
            combo,
            problem=lambda: self.account().problems().get(key),
            blank=lambda: not combo.currentText().strip(),
        )
        combo.currentTextChanged.connect(self._revalidate)
        return combo

    # state ------------------------------------------------------------------------------
    def account(self) -> SyncAccount:
        return SyncAccount(
            url=self.url_edit.text().strip() if hasattr(self, "url_edit") else "",
            user=self.user_edit.text().strip() if hasattr(self, "user_edit") else "",
            calendar=self.calendar_combo.currentText().strip()
            if hasattr(self, "calendar_combo")
            else DEFAULT_COLLECTION,
            addressbook=self.book_combo.currentText().strip()
            if hasattr(self, "book_combo")
            else DEFAULT_COLLECTION,
            as_events=bool(self.kind_combo.currentData()) if hasattr(self, "kind_combo") else False,
            include_notes=self.notes_check.isChecked() if hasattr(self, "notes_check") else False,
        )

    def test_text(self) -> str:
        return self.test_status.text() if not self.test_status.isHidden() else ""

    def _stored_password(self, account: SyncAccount) -> str | None:
        if not account.user or not self._vault.available:
            return None
        try:
            return self._vault.get(account.user, account.host)
        except SecretError:
            return None

    def _show_keyring_state(self) -> None:
        problem = self._vault.problem
        if problem is not None:
            self.password_edit.setPlaceholderText("Used for this test only")
            self.keyring_label.setText(problem)
            return
        stored = self._saved is not None and self._stored_password(self._saved) is not None
        self.password_edit.setPlaceholderText(
            "Saved in the system keyring: type to replace it"
            if stored
            else "An app password is best; kept in the system keyring, never in a file"
        )
        self.keyring_label.setText(
            "The password is kept in your system keyring only, never in RunnerUp's files."
        )

    def _show_status(self, text: str, *, error: bool) -> None:
        palette = self.palette()
        self.test_status.setPalette(error_palette(palette) if error else palette)
        self.test_status.setText(text)
        self.test_status.show()
        self.adjustSize()  # room for the sentence

    # actions ----------------------------------------------------------------------------
    def test_connection(self) -> None:
        if not self.is_valid():
            self._reveal_problems()
            return
        account = self.account()
        password = self.password_edit.text() or self._stored_password(account)
        self.test_button.setEnabled(False)
        self._show_status(f"Connecting to {account.host}…", error=False)
        self._checker.start(account, password)

    def _tested(self, result: object) -> None:
        self.test_button.setEnabled(True)
        if not isinstance(result, ConnectionCheck):
            self._show_status(str(result), error=True)
            return
        self._show_status(result.sentence(self.account()), error=False)
        for combo, names in (
            (self.calendar_combo, result.calendars),
            (self.book_combo, result.addressbooks),
        ):
            current = combo.currentText()
            combo.clear()
            choices = list(dict.fromkeys([*names, current or DEFAULT_COLLECTION]))
            combo.addItems(choices)
            combo.setCurrentText(current)

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
            if (
                old is not None
                and (old.user, old.host) != (account.user, account.host)
                and self._vault.available
            ):
                self._vault.delete(old.user, old.host)
        except SecretError as exc:
            self.save_error.setText(str(exc))
            self.save_error.show()
            return

        def save() -> Change:
            self._engine.save_account(account)
            return Change()

        saved = self._ctx.ops.run(
            self, save, label="Change the sync account", on_error=self._save_failed
        )
        if saved is None:
            return
        self.password_edit.clear()
        self._ctx.changes.setting_changed.emit(ACCOUNT_KEY)
        super().accept()

    def _save_failed(self, error: Exception) -> None:
        self.save_error.setText(str(error))
        self.save_error.show()

    def stop_syncing(self) -> None:
        def forget() -> Change:
            self._engine.forget_account()
            return Change()

        if self._ctx.ops.run(self, forget, label="Stop syncing", on_error=self._save_failed):
            self._ctx.changes.setting_changed.emit(ACCOUNT_KEY)
            super().accept()

    def reject(self) -> None:
        self.password_edit.clear()
        super().reject()
