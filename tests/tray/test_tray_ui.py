"""The tray's icon and menu, the banner, and the window's wiring, offscreen.

The offscreen platform has no tray: the tests that pretend to have one patch
``Tray.available``. (A real tray and notification daemon: ``test_tray_real.py``.)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from runnerup_desktop.cli.launch import Options
from runnerup_desktop.cli.parser import parse_window_args
from runnerup_desktop.core.domain import Channel, FollowUpStatus, Step
from runnerup_desktop.core.news import FollowUpValues
from runnerup_desktop.core.reminders import Notice
from runnerup_desktop.store.agenda_queries import NOTHING_DUE, AgendaItem, DueNow
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.common.settings import CLOSE_TO_TRAY, NO_TRAY_EXPLAINED, TRAY_EXPLAINED
from runnerup_desktop.ui.shell import background as background_module
from runnerup_desktop.ui.shell.background import (
    FIRST_CHECK_LATEST_MS,
    NO_TRAY,
    STILL_RUNNING,
    Background,
)
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.tray.notifications import Notifier, TrayNotifier
from runnerup_desktop.ui.tray.tray import MENU_ITEMS, ReminderBanner, Tray, badge_pixmap, menu_text

TODAY = date.today()
#: What the offscreen platform says when a tray icon is shown (it has no tray to watch) and
#: when a window is raised; neither is a fault of ours.
pytestmark = pytest.mark.qt_log_ignore(
    "No such signal QPlatformNativeInterface", "This plugin does not support raise"
)


def item(
    follow_up_id: int, title: str = "Offer check-in", contact: str | None = "Zoë"
) -> AgendaItem:
    return AgendaItem(
        id=follow_up_id,
        due_on=TODAY,
        due_time=None,
        status=FollowUpStatus.PLANNED,
        company_id=1,
        company="Fjord & Line",
        contact_id=None,
        contact=contact,
        step=Step.OFFER_CHECK_IN,
        channel=Channel.EMAIL,
        opportunity_id=None,
        opportunity=None,
        notes=title,
    )


def due(*items: AgendaItem, count: int | None = None) -> DueNow:
    """What a look found: ``items`` first, ``count`` due in all (as many as the items)."""
    return DueNow(count=len(items) if count is None else count, first=list(items))


def icon() -> QIcon:
    pixmap = QPixmap(64, 64)
    pixmap.fill(QColor("#1e5aa8"))
    return QIcon(pixmap)


def test_badge_counts_in_a_red_disc_at_the_top_right(qtbot: QtBot) -> None:
    plain = badge_pixmap(icon(), 0).toImage()
    assert plain.pixelColor(56, 8) == QColor("#1e5aa8")
    badged = badge_pixmap(icon(), 3).toImage()
    assert badged.size().width() == 64
    red = badged.pixelColor(50, 6)
    assert red.red() > 150 and red.green() < 90  # the disc
    assert badged.pixelColor(8, 56) == QColor("#1e5aa8")  # the icon itself untouched
    assert not badge_pixmap(icon(), 120).isNull()  # "99+"


def test_tray_menu_lists_the_due_follow_ups(qtbot: QtBot) -> None:
    tray = Tray(icon())
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == [
        "Open RunnerUp",
        "No follow-ups due",
        "Snooze all until tomorrow",
        "Quit RunnerUp",
    ]
    assert tray.icon.toolTip() == "RunnerUp: No follow-ups due"
    tray.set_due(due(item(7), item(8, "A very long title " * 5, contact=None)))
    actions = [a for a in tray.menu.actions() if not a.isSeparator()]
    assert [a.text() for a in actions][:3] == [
        "Open RunnerUp",
        "2 follow-ups due",
        "Offer check-in — Zoë, Fjord && Line",
    ]
    assert actions[3].text().endswith("…") and len(actions[3].text()) <= 60
    assert tray.icon.toolTip() == "RunnerUp: 2 follow-ups due"
    assert tray.count == 2
    with qtbot.waitSignal(tray.open_follow_up) as opened:
        actions[3].trigger()
    assert opened.args == [8]
    for text, signal in (
        ("Open RunnerUp", tray.open_window),
        ("Snooze all until tomorrow", tray.snooze_all),
        ("Quit RunnerUp", tray.quit),
    ):
        action = next(a for a in actions if a.text() == text)
        assert action.isEnabled()
        with qtbot.waitSignal(signal):
            action.trigger()
    with qtbot.waitSignal(tray.open_window):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)


def test_a_long_list_sends_the_rest_to_the_calendar(qtbot: QtBot) -> None:
    tray = Tray(icon())
    # The service names only the first few of the 12,000 due; the menu counts the rest.
    tray.set_due(due(*[item(n) for n in range(MENU_ITEMS)], count=12_000))
    assert tray.count == 12_000 and tray.icon.toolTip() == "RunnerUp: 12000 follow-ups due"
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts[1] == "12000 follow-ups due"
    assert texts.count("Offer check-in — Zoë, Fjord && Line") == MENU_ITEMS
    more = [a for a in tray.menu.actions() if a.text() == "11992 more on the calendar…"]
    with qtbot.waitSignal(tray.open_calendar):
        more[0].trigger()
    tray.set_due(due(*[item(n) for n in range(MENU_ITEMS + 4)]))  # more named than shown
    assert [a for a in tray.menu.actions() if a.text() == "4 more on the calendar…"]
    assert menu_text(item(1, "R&D")) == "R&&D — Zoë, Fjord && Line"


def test_banner_shows_due_follow_ups_until_dismissed(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    banner = ReminderBanner(parent)
    parent.show()
    assert banner.isHidden()
    banner.set_due(due(item(4)))
    assert banner.isVisible()
    assert banner.text.text() == "Follow-up due: Offer check-in — Zoë, Fjord & Line"
    with qtbot.waitSignal(banner.open_follow_up) as opened:
        banner.show_button.click()
    assert opened.args == [4]
    banner.dismiss()
    assert banner.isHidden()
    banner.set_due(due(item(4)))
    assert banner.isHidden()  # nothing new
    banner.set_due(due(item(4), item(5), item(6), item(9), count=40))
    assert banner.isHidden()  # still dismissed until a reminder goes out...
    banner.fell_due()
    assert banner.isVisible()  # ...as one just did
    assert banner.text.text() == (
        "40 follow-ups due: Offer check-in; Offer check-in; Offer check-in and 37 more"
    )
    with qtbot.waitSignal(banner.open_calendar):
        banner.show_button.click()
    with qtbot.waitSignal(banner.snooze_all):
        banner.snooze_button.click()
    banner.set_due(NOTHING_DUE)
    assert banner.isHidden()
    banner.show_note("No tray here.")
    assert banner.isVisible() and banner.show_button.isHidden()


def test_tray_notifier_opens_what_the_last_message_was_about(qtbot: QtBot) -> None:
    tray = Tray(icon())
    notifier = TrayNotifier(tray.icon)
    notice = Notice("Follow-up due: Offer check-in", "Zoë", (3,))
    notifier.show(notice)
    with qtbot.waitSignal(notifier.clicked) as clicked:
        tray.icon.messageClicked.emit()
    assert clicked.args == [notice]


# the window and the background --------------------------------------------------------


class FakeNotifier(Notifier):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Notice] = []

    def show(self, notice: Notice) -> None:
        self.shown.append(notice)


@pytest.fixture
def notifier(monkeypatch: pytest.MonkeyPatch) -> FakeNotifier:
    fake = FakeNotifier()
    monkeypatch.setattr(background_module, "desktop_notifier", lambda *_: fake)
    return fake


@pytest.fixture
def alerts(monkeypatch: pytest.MonkeyPatch) -> list[QWidget]:
    seen: list[QWidget] = []
    monkeypatch.setattr(QApplication, "alert", lambda widget, msec=0: seen.append(widget))
    return seen


@pytest.fixture
def context(store: Store, tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext.for_store(store, settings)


@pytest.fixture
def due_follow_up(context: AppContext, services: DirectoryServices) -> int:
    company, _ = services.add_company({"name": "Northwind"})
    values = FollowUpValues(company_id=company, due_on=TODAY - timedelta(days=1), notes="Check in")
    follow_up, _ = context.services.playbook.add_follow_up(values, allow_past=True)
    return follow_up


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    win = MainWindow(context)
    qtbot.addWidget(win)
    yield win
    QApplication.setQuitOnLastWindowClosed(True)


def make_background(
    window: MainWindow, context: AppContext, app_paths: AppPaths, **options: object
) -> Background:
    clock = lambda: datetime.combine(TODAY, time(12))  # noqa: E731
    return Background(
        window,
        context,
        app_paths,
        Options(**options),  # type: ignore[arg-type]
        icon(),
        clock=clock,
        parse_args=parse_window_args,
    )


def test_without_a_tray_reminders_go_to_the_window(
    qtbot: QtBot,
    window: MainWindow,
    context: AppContext,
    app_paths: AppPaths,
    due_follow_up: int,
    notifier: FakeNotifier,
    alerts: list[QWidget],
) -> None:
    background = make_background(window, context, app_paths)
    with qtbot.waitSignal(background.service.due_changed):  # the first look, once painted
        background.start()
    assert background.tray is None and window.isVisible()
    assert window.banner.note.text() == NO_TRAY  # said once...
    assert context.settings.get(NO_TRAY_EXPLAINED)
    assert window.banner.text.text() == "Follow-up due: Check in — Northwind"
    assert [n.follow_up_ids for n in notifier.shown] == [(due_follow_up,)]  # the desktop's
    assert alerts == [window]
    with qtbot.waitSignal(window.quit_requested):
        window.close()  # no tray: closing ends RunnerUp
    again = make_background(MainWindow(context), context, app_paths)
    again.start()
    assert again.window.banner.note.isHidden()  # ...and only once
    again.window.close()


def test_with_a_tray_closing_keeps_running_and_explains_once(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    context: AppContext,
    app_paths: AppPaths,
    due_follow_up: int,
    notifier: FakeNotifier,
) -> None:
    monkeypatch.setattr(Tray, "available", staticmethod(lambda: True))
    background = make_background(window, context, app_paths, background=True)
    with qtbot.waitSignal(background.service.due_changed):  # no window to paint: at once
        background.start()
    assert background.tray is not None
    assert not window.isVisible()  # --background: straight into the tray
    assert background.tray.count == 1 and window.banner.isHidden()
    assert not QApplication.quitOnLastWindowClosed()
    background.tray.open_window.emit()
    assert window.isVisible()
    window.close()
    assert not window.isVisible()
    assert [n.body for n in notifier.shown][-1] == STILL_RUNNING
    assert context.settings.get(TRAY_EXPLAINED)
    window.show()
    window.close()
    assert [n.body for n in notifier.shown].count(STILL_RUNNING) == 1
    notifier.clicked.emit(notifier.shown[0])  # the reminder's notification
    assert window.isVisible() and window.tabs.currentWidget() is window.calendar
    context.settings.set(CLOSE_TO_TRAY, False)
    with qtbot.waitSignal(window.quit_requested):
        window.close()


def test_the_first_look_for_reminders_waits_for_the_windows_first_paint(
    qtbot: QtBot,
    window: MainWindow,
    context: AppContext,
    app_paths: AppPaths,
    due_follow_up: int,
    notifier: FakeNotifier,
) -> None:
    events: list[str] = []
    window.first_painted.connect(lambda: events.append("painted"))
    background = make_background(window, context, app_paths)
    background.service.due_changed.connect(lambda due: events.append(f"{due.count} due"))
    background.start()
    assert window.isVisible() and events == []  # start() shows the window, reads nothing
    qtbot.waitUntil(lambda: len(events) == 2)
    assert events == ["painted", "1 due"]
    assert background.service.timer.isActive()  # and sleeps until the next look
    window.close()


def test_a_window_that_painted_before_the_reminders_started_is_not_waited_for(
    qtbot: QtBot,
    window: MainWindow,
    context: AppContext,
    app_paths: AppPaths,
    due_follow_up: int,
    notifier: FakeNotifier,
) -> None:
    """At start-up the window paints its first page before the store (and the reminders)
    have loaded: the first look then comes on the next turn of the event loop."""
    window.show()
    qtbot.waitUntil(lambda: window.has_painted)
    background = make_background(window, context, app_paths)
    looks: list[int] = []
    background.service.due_changed.connect(lambda due: looks.append(due.count))
    background.start()
    assert looks == []
    qtbot.waitUntil(lambda: looks == [1], timeout=FIRST_CHECK_LATEST_MS // 2)
    window.close()


def test_no_first_look_after_stop(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    context: AppContext,
    app_paths: AppPaths,
    due_follow_up: int,
    notifier: FakeNotifier,
) -> None:
    monkeypatch.setattr(Tray, "available", staticmethod(lambda: True))
    background = make_background(window, context, app_paths, background=True)
    looks: list[object] = []
    background.service.due_changed.connect(looks.append)
    background.start()
    background.stop()  # quit before the event loop ran the first look
    QApplication.processEvents()  # where the first look would run
    assert looks == [] and not background.service.timer.isActive()


def test_a_stopped_background_never_opens_the_database_again(
    qtbot: QtBot,
    window: MainWindow,
    context: AppContext,
    app_paths: AppPaths,
    store: Store,
    due_follow_up: int,
    notifier: FakeNotifier,
) -> None:
    """Stopped before the store closes, a change announced afterwards must not start the
    reminders' timer again: its next look would open a connection nobody closes (Python
    3.13 reports it as "unclosed database" from whichever test runs then)."""
    background = make_background(window, context, app_paths)
    with qtbot.waitSignal(background.service.due_changed):
        background.start()
    background.stop()
    opened: list[object] = []
    event.listen(store.engine, "connect", lambda *_: opened.append(1))
    store.close()
    context.ops.announce(Change(follow_ups=True))
    QApplication.processEvents()
    assert not background.service.timer.isActive()
    assert opened == []


def test_quit_ends_even_from_the_tray(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    context: AppContext,
    app_paths: AppPaths,
    notifier: FakeNotifier,
) -> None:
    monkeypatch.setattr(Tray, "available", staticmethod(lambda: True))
    background = make_background(window, context, app_paths, background=True)
    background.start()
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    with qtbot.waitSignal(window.quit_requested):
        window.quit_action.trigger()  # File ▸ Quit, the window hidden in the tray
    assert background.tray is not None
    background.tray.quit.emit()
    assert quits


def test_a_second_launch_raises_the_window_and_opens_its_follow_up(
    qtbot: QtBot,
    window: MainWindow,
    context: AppContext,
    app_paths: AppPaths,
    due_follow_up: int,
    notifier: FakeNotifier,
) -> None:
    background = make_background(window, context, app_paths)
    background.start()
    window.showMinimized()
    background.second_launch([])
    assert window.isVisible() and not window.isMinimized()
    background.second_launch(["--follow-up", str(due_follow_up)])
    assert window.tabs.currentWidget() is window.calendar
    background.second_launch(["--no-such-option"])  # from a newer version: just raise
    window.close()


def test_preferences_for_reminders_the_tray_and_login(qtbot: QtBot, context: AppContext) -> None:
    from PySide6.QtCore import QTime

    from runnerup_desktop.ui.common.settings import REMINDER_TIME, START_AT_LOGIN, reminder_time
    from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog

    settings = context.settings
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    rows = dialog.reminders
    assert rows.time.time() == QTime(9, 0)
    assert rows.close_to_tray.isChecked() and not rows.start_at_login.isChecked()
    assert not rows.close_to_tray.isEnabled()  # offscreen: no tray, nothing to choose
    rows.time.setTime(QTime(7, 45))
    rows.start_at_login.setChecked(True)
    dialog.accept()
    assert settings.get(REMINDER_TIME) == "07:45" and reminder_time(settings) == time(7, 45)
    assert settings.get(START_AT_LOGIN)
    settings.set(REMINDER_TIME, "soon")
    assert reminder_time(settings) == time(9)  # unreadable: the default


def test_started_at_login_again_it_stays_in_the_tray(
    window: MainWindow, context: AppContext, app_paths: AppPaths, notifier: FakeNotifier
) -> None:
    background = make_background(window, context, app_paths)
    background.start()
    window.hide()
    background.second_launch(["--background"])
    assert not window.isVisible()


def test_at_login_without_a_tray_it_waits_then_opens_minimized(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    context: AppContext,
    app_paths: AppPaths,
    notifier: FakeNotifier,
) -> None:
    monkeypatch.setattr(background_module, "TRAY_WAIT_MS", 300)
    monkeypatch.setattr(background_module, "TRAY_POLL_MS", 100)
    background = make_background(window, context, app_paths, background=True)
    background.start()
    assert not window.isVisible()  # waiting for the panel to start
    qtbot.waitUntil(window.isVisible, timeout=5000)
    assert window.isMinimized() and background.tray is None
