"""Settings are declared once and survive a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog


def test_defaults_then_saved_values_persist(qtbot: QtBot, tmp_path: Path) -> None:
    path = str(tmp_path / "settings.ini")
    settings = AppSettings(QSettings(path, QSettings.Format.IniFormat))
    assert (settings.min_spacing_days, settings.quiet_days, settings.agenda_days) == (21, 45, 14)
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.spacing.setValue(28)
    dialog.quiet.setValue(60)
    dialog.accept()
    again = AppSettings(QSettings(path, QSettings.Format.IniFormat))
    assert (again.min_spacing_days, again.quiet_days, again.agenda_days) == (28, 60, 14)


def test_cancel_changes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.spacing.setValue(7)
    dialog.reject()
    assert settings.min_spacing_days == 21


def test_garbage_in_settings_file_falls_back_to_default(tmp_path: Path) -> None:
    path = tmp_path / "bad.ini"
    path.write_text("[cadence]\nminSpacingDays=lots\n")
    settings = AppSettings(QSettings(str(path), QSettings.Format.IniFormat))
    assert settings.min_spacing_days == 21
