"""Preferences: the few settings a person may want to change, and their profile.

The profile (name, email, phone, signature) signs the messages; it is kept in the
database, so backups and exports carry it, and saving it is an undo step like any change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.store.profile_services import ProfileServices, ProfileValues, profile_problem
from runnerup_desktop.system.secrets import PasswordVault
from runnerup_desktop.ui.common.forms import WrappedLabel, error_palette
from runnerup_desktop.ui.common.settings import (
    AGENDA_DAYS,
    COLOR_SCHEME,
    MIN_SPACING_DAYS,
    QUIET_DAYS,
    WATCH_INTERVAL_HOURS,
    AppSettings,
    Option,
)
from runnerup_desktop.ui.common.window_size import first_size
from runnerup_desktop.ui.common.writing_dialog import Runner
from runnerup_desktop.ui.data.backup_preferences import BackupPreferences
from runnerup_desktop.ui.tray.tray import ReminderPreferences

#: The colour schemes offered, as the choice reads and as the setting stores it.
SCHEMES = (("Follow the system", "system"), ("Light", "light"), ("Dark", "dark"))


class PreferencesDialog(QDialog):
    """With ``profiles`` and ``run`` it edits the profile too (saved on the change path)."""

    def __init__(
        self,
        settings: AppSettings,
        parent: QWidget | None = None,
        *,
        profiles: ProfileServices | None = None,
        run: Runner | None = None,
        sync_account: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._settings = settings
        self._profiles = profiles
        self._run = run
        self.spacing = self._spin(MIN_SPACING_DAYS, settings.min_spacing_days)
        self.spacing.setObjectName("minSpacing")
        self.quiet = self._spin(QUIET_DAYS, settings.quiet_days)
        self.quiet.setObjectName("quietDays")
        self.agenda = self._spin(AGENDA_DAYS, settings.agenda_days)
        self.agenda.setObjectName("agendaDays")
        # A WrappedLabel: a plain wrapped QLabel let the window's minimum height come out
        # one line short, and the profile's signature box was cut (seen under Xvfb).
        hint = WrappedLabel()
        hint.setText(
            "The playbook's advice: about one touch a month, each with something of value. "
            "Weekly calls or emails read as stalking."
        )
        # The rows scroll, the buttons stay: with the profile, the backups and the rest the
        # page is taller than an 800x600 screen (seen under Xvfb: Save and Cancel were
        # below its edge).
        page = QWidget()
        page.setObjectName("preferencesPage")
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self._profile_before = profiles.profile() if profiles is not None else None
        if self._profile_before is not None:
            form.addRow(self._profile_box(self._profile_before))
        form.addRow(hint)
        form.addRow(MIN_SPACING_DAYS.label, self.spacing)
        form.addRow(QUIET_DAYS.label, self.quiet)
        form.addRow(AGENDA_DAYS.label, self.agenda)
        self.watch_hours = self._spin(WATCH_INTERVAL_HOURS, settings.get(WATCH_INTERVAL_HOURS))
        self.watch_hours.setObjectName("watchHours")
        self.watch_hours.setSuffix(" hours")
        self.watch_hours.setToolTip(
            "How often RunnerUp checks the job boards you watch (1 to 168 hours), while it runs"
        )
        form.addRow(WATCH_INTERVAL_HOURS.label, self.watch_hours)
        self.reminders = ReminderPreferences(settings)
        for label, widget in self.reminders.rows():
            form.addRow(label, widget)
        self.backups = BackupPreferences(settings)
        for label, widget in self.backups.rows():
            form.addRow(label, widget)
        self.scheme = QComboBox()
        self.scheme.setObjectName("colorScheme")
        for text, value in SCHEMES:
            self.scheme.addItem(text, value)
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(settings.get(COLOR_SCHEME))))
        self.scheme.setToolTip("Follow the desktop's light or dark setting, or choose one")
        colours = QLabel("&Colours")
        colours.setBuddy(self.scheme)
        form.addRow(colours, self.scheme)
        self.vault = PasswordVault()
        self.exec_dialog: Callable[[QDialog], object] = lambda dialog: dialog.exec()
        self.email_button = QPushButton("&Email account…")
        self.email_button.setToolTip("The account RunnerUp sends your messages through")
        self.email_button.clicked.connect(self.edit_email_account)
        form.addRow("Sending email", self.email_button)
        self.sync_button = QPushButton("S&ync account…")
        self.sync_button.setToolTip(
            "Your CalDAV/CardDAV server: the plan and your contacts on every device"
        )
        self.sync_button.setEnabled(sync_account is not None)
        if sync_account is not None:
            self.sync_button.clicked.connect(sync_account)
        form.addRow("Calendar and contacts", self.sync_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.profile_error = WrappedLabel()
        self.profile_error.setObjectName("profileError")
        self.profile_error.setPalette(error_palette(self.profile_error.palette()))
        self.profile_error.hide()
        self._lay_out(page, buttons)

    def _lay_out(self, page: QWidget, buttons: QDialogButtonBox) -> None:
        """The rows in a scroll area, then the profile's refusal and the buttons; the
        window as tall as the rows ask, or as the screen has room for."""
        scroll = QScrollArea()
        scroll.setObjectName("preferencesScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(page.minimumSizeHint().width() + bar)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.profile_error)
        outer.addWidget(buttons)
        wanted = page.sizeHint()
        margins = outer.contentsMargins()
        # Two lines to spare: the wrapped hint knows its lines once it has its width.
        spare = 2 * self.fontMetrics().lineSpacing()
        first_size(
            self,
            wanted.width() + bar + margins.left() + margins.right(),
            wanted.height()
            + spare
            + buttons.sizeHint().height()
            + outer.spacing() * 2
            + margins.top()
            + margins.bottom(),
        )

    def _profile_box(self, profile: ProfileValues) -> QGroupBox:
        box = QGroupBox("Your profile: how your messages are signed")
        box.setObjectName("profile")
        self.name_edit = QLineEdit(profile.name)
        self.name_edit.setObjectName("profileName")
        self.name_edit.setPlaceholderText("Ana Sousa")
        self.email_edit = QLineEdit(profile.email)
        self.email_edit.setObjectName("profileEmail")
        self.email_edit.setPlaceholderText("ana@example.com")
        self.phone_edit = QLineEdit(profile.phone)
        self.phone_edit.setObjectName("profilePhone")
        self.phone_edit.setPlaceholderText("+351 21 555 0100")
        self.signature_edit = QPlainTextEdit(profile.signature)
        self.signature_edit.setObjectName("profileSignature")
        self.signature_edit.setPlaceholderText("Lines under “Best regards,” — your name if empty")
        self.signature_edit.setTabChangesFocus(True)
        self.signature_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        rows = QFormLayout(box)
        rows.addRow("&Name", self.name_edit)
        rows.addRow("E&mail", self.email_edit)
        rows.addRow("&Phone", self.phone_edit)
        rows.addRow("Si&gnature", self.signature_edit)
        return box

    def profile(self) -> ProfileValues | None:
        """The profile as typed (``None`` without a profile section)."""
        if self._profile_before is None:
            return None
        return ProfileValues(
            self.name_edit.text(),
            self.email_edit.text(),
            self.phone_edit.text(),
            self.signature_edit.toPlainText(),
        )

    def _save_profile(self) -> bool:
        """Save a changed profile on the change path; false (with the reason shown) when
        it was refused, so that the dialog stays open with what was typed."""
        profile, profiles, run = self.profile(), self._profiles, self._run
        if profile is None or profiles is None or run is None:
            return True
        problem = profile_problem(profile)
        if problem is None:
            if profile == self._profile_before:
                return True
            refused: list[str] = []
            run(
                lambda: profiles.save_profile(profile),
                label="Edit your profile",
                on_error=lambda exc: refused.append(str(exc)),
            )
            problem = refused[0] if refused else None
        self.profile_error.setText(problem or "")
        self.profile_error.setVisible(problem is not None)
        return problem is None

    def edit_email_account(self) -> None:
        # Imported here: mail and keyring load when the account is edited, not at start-up.
        from runnerup_desktop.ui.messages.smtp_dialog import SmtpSettingsDialog

        dialog = SmtpSettingsDialog(self._settings, self.vault, self)
        try:
            self.exec_dialog(dialog)
        finally:
            dialog.deleteLater()

    @staticmethod
    def _spin(option: Option[int], value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(option.low, option.high)
        spin.setValue(value)
        spin.setSuffix(" days")
        return spin

    def accept(self) -> None:
        if not self._save_profile():
            return
        self._settings.set(MIN_SPACING_DAYS, self.spacing.value())
        self._settings.set(QUIET_DAYS, self.quiet.value())
        self._settings.set(AGENDA_DAYS, self.agenda.value())
        self._settings.set(COLOR_SCHEME, str(self.scheme.currentData()))
        self._settings.set(WATCH_INTERVAL_HOURS, self.watch_hours.value())
        self.reminders.save()
        self.backups.save()
        self._settings.store.sync()
        super().accept()
