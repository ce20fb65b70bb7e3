"""Automatic backups while RunnerUp runs: once a day, at quit after a change, kept as the
preferences say."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.backups import AUTO, MANUAL, Retention, list_backups
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.database import Store
from runnerup_desktop.ui.data.auto_backup import AutomaticBackups
from runnerup_desktop.ui.data.backup_preferences import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_WEEKLY,
    retention,
)
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def automatic(ctx: AppContext, clock: Clock) -> AutomaticBackups:
    return AutomaticBackups(ctx.db_path, ctx.settings, ctx.changes, clock)


def test_one_backup_a_day_while_running(ctx: AppContext, store: Store) -> None:
    clock = Clock(dt.datetime(2026, 3, 2, 9, 0))
    backups = automatic(ctx, clock)
    for hour in (9, 10, 23):  # the hourly checks of one day
        clock.now = clock.now.replace(hour=hour)
        backups.check()
        backups.wait()
    assert [b.taken_at for b in list_backups(store.path)] == [dt.datetime(2026, 3, 2, 9, 0)]
    clock.now = dt.datetime(2026, 3, 3, 0, 5)  # past midnight: the next day's
    backups.check()
    backups.wait()
    assert [b.kind for b in list_backups(store.path)] == [AUTO, AUTO]


def test_at_quit_only_after_a_change(ctx: AppContext, store: Store) -> None:
    clock = Clock(dt.datetime(2026, 3, 2, 18, 0))
    backups = automatic(ctx, clock)
    assert backups.at_quit() is None
    ctx.changes.applied.emit(Change(), None)  # nothing named: not a change of data
    assert backups.at_quit() is None
    ctx.ops.run(
        None, lambda: ctx.services.directory.add_company({"name": "Acme"}), label="New company"
    )
    taken = backups.at_quit()
    assert taken is not None and taken.kind == AUTO
    assert backups.at_quit() is None  # nothing since


def test_rotation_keeps_what_the_preferences_say(ctx: AppContext, store: Store) -> None:
    ctx.settings.set(KEEP_DAILY, 2)
    ctx.settings.set(KEEP_WEEKLY, 0)
    ctx.settings.set(KEEP_MONTHLY, 0)
    assert retention(ctx.settings) == Retention(2, 0, 0)
    clock = Clock(dt.datetime(2026, 3, 1, 9, 0))
    backups = automatic(ctx, clock)
    for day in range(1, 6):
        clock.now = dt.datetime(2026, 3, day, 9, 0)
        backups.check()
        backups.wait()
    from runnerup_desktop.store.backups import take_backup

    clock.now = dt.datetime(2026, 3, 5, 12, 0)
    take_backup(store.path, kind=MANUAL, clock=clock)
    clock.now = dt.datetime(2026, 3, 6, 9, 0)
    backups.check()
    backups.wait()
    kept = list_backups(store.path)
    assert [(b.kind, b.taken_at.day) for b in kept] == [(AUTO, 6), (MANUAL, 5), (AUTO, 5)]


def test_a_backup_that_fails_is_said_and_tried_again(
    ctx: AppContext, store: Store, qtbot: QtBot
) -> None:
    folder = store.path.parent / "backups"
    folder.write_text("a file where the folder should be")
    backups = automatic(ctx, Clock(dt.datetime(2026, 3, 2, 9, 0)))
    with qtbot.waitSignal(backups.failed, timeout=5000) as said:
        backups.check()
    assert said.args[0].endswith("backups is a file.")
    assert backups.changed  # so quitting tries again


def test_preferences_show_and_save_how_many_backups_are_kept(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = PreferencesDialog(ctx.settings)
    qtbot.addWidget(dialog)
    dialog.show()
    daily = dialog.findChild(QSpinBox, "keepDaily")
    monthly = dialog.findChild(QSpinBox, "keepMonthly")
    assert daily is not None and monthly is not None
    assert (daily.value(), monthly.value()) == (7, 6)
    daily.setFocus()
    daily.selectAll()
    qtbot.keyClicks(daily, "14")
    monthly.setFocus()
    monthly.selectAll()
    qtbot.keyClicks(monthly, "12")
    qtbot.keyClick(monthly, Qt.Key.Key_Return)  # Save is the default button
    assert retention(ctx.settings) == Retention(14, 4, 12)


@pytest.mark.parametrize("value", ["-1", "999"])
def test_a_kept_count_out_of_range_reads_as_the_default(ctx: AppContext, value: str) -> None:
    ctx.settings.store.setValue(KEEP_DAILY.key, int(value))
    assert retention(ctx.settings).daily == 7
