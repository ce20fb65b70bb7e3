"""Preferences: the few settings a person may want to change."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from runnerup_desktop.ui.settings import (
    AGENDA_DAYS,
    MIN_SPACING_DAYS,
    QUIET_DAYS,
    AppSettings,
    Option,
)


class PreferencesDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

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
        self._settings.store.sync()
        super().accept()
