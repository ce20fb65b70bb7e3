"""Preferences: the few settings a person may want to change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from runnerup_desktop.system.secrets import PasswordVault
from runnerup_desktop.ui.common.settings import (
    AGENDA_DAYS,
    COLOR_SCHEME,
    MIN_SPACING_DAYS,
    QUIET_DAYS,
    WATCH_INTERVAL_HOURS,
    AppSettings,
    Option,
)
from runnerup_desktop.ui.tray.tray import ReminderPreferences

#: The colour schemes offered, as the choice reads and as the setting stores it.
SCHEMES = (("Follow the system", "system"), ("Light", "light"), ("Dark", "dark"))


class PreferencesDialog(QDialog):
    def __init__(
        self,
        settings: AppSettings,
        parent: QWidget | None = None,
        *,
        sync_account: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._settings = settings
        self.spacing = self._spin(MIN_SPACING_DAYS, settings.min_spacing_days)
        self.spacing.setObjectName("minSpacing")
        self.quiet = self._spin(QUIET_DAYS, settings.quiet_days)
        self.quiet.setObjectName("quietDays")
        self.agenda = self._spin(AGENDA_DAYS, settings.agenda_days)
        self.agenda.setObjectName("agendaDays")
        hint = QLabel(
            "The playbook's advice: about one touch a month, each with something of value. "
            "Weekly calls or emails read as stalking."
        )
        hint.setWordWrap(True)
        form = QFormLayout(self)
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
        form.addRow(buttons)

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
        self._settings.set(MIN_SPACING_DAYS, self.spacing.value())
        self._settings.set(QUIET_DAYS, self.quiet.value())
        self._settings.set(AGENDA_DAYS, self.agenda.value())
        self._settings.set(COLOR_SCHEME, str(self.scheme.currentData()))
        self._settings.set(WATCH_INTERVAL_HOURS, self.watch_hours.value())
        self.reminders.save()
        self._settings.store.sync()
        super().accept()
