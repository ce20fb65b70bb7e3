"""How many automatic backups rotation keeps: three settings, and their rows in
Preferences."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QWidget

from runnerup_desktop.store.backups import Retention
from runnerup_desktop.ui.common.settings import AppSettings, Option

KEEP_DAILY = Option("backups/keepDaily", Retention.daily, "Daily backups kept", 1, 90)
KEEP_WEEKLY = Option("backups/keepWeekly", Retention.weekly, "Weekly backups kept", 0, 52)
KEEP_MONTHLY = Option("backups/keepMonthly", Retention.monthly, "Monthly backups kept", 0, 120)
OPTIONS = (KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY)


def retention(settings: AppSettings) -> Retention:
    return Retention(*(settings.get(option) for option in OPTIONS))


class BackupPreferences:
    """The rows Preferences shows for the backups, and saving them."""

    def __init__(self, settings: AppSettings) -> None:
        self._settings = settings
        self.spins: list[QSpinBox] = []
        for option, name in zip(OPTIONS, ("keepDaily", "keepWeekly", "keepMonthly"), strict=True):
            spin = QSpinBox()
            spin.setObjectName(name)
            spin.setRange(option.low, option.high)
            spin.setValue(settings.get(option))
            spin.setToolTip(
                "Automatic backups are taken once a day and when you quit after a change; "
                "yours, and those made before an upgrade or a restore, are never deleted."
            )
            self.spins.append(spin)

    def rows(self) -> list[tuple[str, QWidget]]:
        return [(option.label, spin) for option, spin in zip(OPTIONS, self.spins, strict=True)]

    def save(self) -> None:
        for option, spin in zip(OPTIONS, self.spins, strict=True):
            self._settings.set(option, spin.value())
