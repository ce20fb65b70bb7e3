"""Settings declared once: a version with its upgrade steps, and every change announced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from runnerup_desktop.ui.common.settings import (
    ALL_CONTACTS,
    MIN_SPACING_DAYS,
    QUIET_DAYS,
    VERSION,
    VERSION_KEY,
    AppSettings,
)


def ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_a_file_from_before_versions_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[directory]\nallContacts=yes\n[cadence]\nminSpacingDays=30\n")
    settings = AppSettings(ini(path))
    assert settings.store.value(VERSION_KEY, type=int) == VERSION
    assert settings.store.value(ALL_CONTACTS) is True  # the step made it a boolean
    assert settings.min_spacing_days == 30  # what was chosen is kept
    settings.store.sync()
    assert f"version={VERSION}" in path.read_text()


def test_a_newer_file_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(f"[meta]\nversion={VERSION + 5}\n[directory]\nallContacts=yes\n")
    settings = AppSettings(ini(path))
    assert settings.store.value(VERSION_KEY, type=int) == VERSION + 5
    assert settings.store.value(ALL_CONTACTS) == "yes"


def test_a_change_is_announced_once_and_only_when_it_changes(tmp_path: Path) -> None:
    heard: list[str] = []
    settings = AppSettings(ini(tmp_path / "s.ini"), heard.append)
    settings.set(QUIET_DAYS, 60)
    settings.set(QUIET_DAYS, 60)  # the same again: nothing to announce
    settings.set(MIN_SPACING_DAYS, 28)
    assert heard == [QUIET_DAYS.key, MIN_SPACING_DAYS.key]
    assert AppSettings(ini(tmp_path / "s.ini")).quiet_days == 60


def test_window_state_is_kept_apart_from_settings(tmp_path: Path) -> None:
    heard: list[str] = []
    settings = AppSettings(ini(tmp_path / "s.ini"), heard.append)
    settings.store.setValue("window/geometry", b"\x01")
    assert heard == []  # the window's own memory is never announced
