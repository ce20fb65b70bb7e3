"""Settings are declared once and survive a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QGroupBox
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.database import Store
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog
from tests.ui.steps import when_modal


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


def test_the_profile_is_shown_whole_when_preferences_open(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    """Edit ▸ Preferences… from the window: the profile's box gets the height it needs,
    its signature field inside it, not cut by the frame (a wrapped hint below once made
    the window one line short)."""
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext.for_store(store, settings))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    seen: list[QDialog] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, PreferencesDialog)
        box = dialog.findChild(QGroupBox, "profile")
        assert box is not None

        def whole() -> bool:  # once the wrapped lines are laid out at the window's width
            signature = dialog.signature_edit.geometry()
            return (
                box.height() >= box.minimumSizeHint().height()
                and box.contentsRect().contains(signature)
                and dialog.height() >= dialog.minimumSizeHint().height()
            )

        qtbot.waitUntil(whole, timeout=2000)
        dialog.reject()

    when_modal(qtbot, look, seen)
    window.preferences_action.trigger()
    assert len(seen) == 1
    window.transfer.feed.wait()
