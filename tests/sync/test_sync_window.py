"""Sync in the window, as a person uses it: Preferences ▸ Sync account with Test
connection, the sync at start-up and after a change on a worker thread, the status bar,
the sync log and its questions, a server that goes away, and no undo step for what a sync
brings in."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from runnerup_desktop.core.domain import FollowUpStatus, Step
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.models import Contact, FollowUp, Interaction
from runnerup_desktop.store.services import Services
from runnerup_desktop.store.sync_store import SyncQueries
from runnerup_desktop.sync import schedule
from runnerup_desktop.sync.account import SyncAccount
from runnerup_desktop.sync.engine import SyncEngine
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.shell.operations import Changes, Operations
from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog
from runnerup_desktop.ui.shell.sync_controls import SyncControls
from runnerup_desktop.ui.sync.account_dialog import SyncAccountDialog
from runnerup_desktop.ui.sync.log_dialog import SyncLogDialog
from tests.sync.conftest import TODAY, Phone
from tests.sync.dav_servers import PASSWORD, DavServer

SYNC_TIMEOUT_MS = 30_000


class Steps:
    """The undo steps the change path opened (the store's undo log stands behind it)."""

    def __init__(self) -> None:
        self.labels: list[str] = []

    @contextlib.contextmanager
    def step(self, label: str) -> Iterator[None]:
        self.labels.append(label)
        yield


@pytest.fixture
def steps() -> Steps:
    return Steps()


@pytest.fixture
def app(demo_store: Store, settings: AppSettings, steps: Steps) -> AppContext:
    changes = Changes()
    settings.announce = changes.setting_changed.emit
    return AppContext(
        sessions=demo_store.sessions,
        services=Services.for_sessions(demo_store.sessions, lambda: TODAY),
        settings=settings,
        changes=changes,
        ops=Operations(changes, steps, changes),
        db_path=demo_store.path,
        today=lambda: TODAY,
    )


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scheduler's pauses, shortened (the rules are the same)."""
    monkeypatch.setattr(schedule, "AFTER_START", dt.timedelta(0))
    monkeypatch.setattr(schedule, "AFTER_CHANGE", dt.timedelta(milliseconds=200))


def type_in(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type ``text``: key by key, and what no key makes (Ł, ö) as an input method puts it."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(edit, char)
        else:
            edit.insert(char)


def fill(qtbot: QtBot, dialog: SyncAccountDialog, url: str, user: str, password: str) -> None:
    for edit, text in (
        (dialog.url_edit, url),
        (dialog.user_edit, user),
        (dialog.password_edit, password),
    ):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
        type_in(qtbot, edit, text)


def connection_test(qtbot: QtBot, dialog: SyncAccountDialog) -> str:
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=SYNC_TIMEOUT_MS)
    return dialog.test_text()


def test_the_account_with_test_connection_in_plain_sentences(
    qtbot: QtBot,
    app: AppContext,
    radicale: DavServer,
    radicale_tls: DavServer,
    memory_vault: Any,
    app_paths: Any,
) -> None:
    dialog = SyncAccountDialog(app, memory_vault)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, "http://cloud.example.com/dav", "ana", PASSWORD)
    assert "encrypted connection" in dialog.error_text("url")
    assert not dialog.is_valid()

    fill(qtbot, dialog, radicale.url, "ana", "not-the-password")
    assert connection_test(qtbot, dialog).startswith("127.0.0.1 refused the user name or password.")
    fill(qtbot, dialog, radicale.url + "nothing-here/", "ana", PASSWORD)
    assert connection_test(qtbot, dialog).startswith("Connected to 127.0.0.1 as ana.")  # found at /
    fill(qtbot, dialog, radicale_tls.url, "ana", PASSWORD)
    assert "could not make a trusted encrypted connection" in connection_test(qtbot, dialog)

    fill(qtbot, dialog, radicale.url, "ana", PASSWORD)
    assert connection_test(qtbot, dialog) == (
        "Connected to 127.0.0.1 as ana. The calendar “RunnerUp” will be made at the first "
        "sync. The address book “RunnerUp” will be made at the first sync."
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = SyncQueries(app.sessions).account()
    assert saved is not None and (saved.url, saved.user) == (radicale.url, "ana")
    assert memory_vault.get("ana", "127.0.0.1") == PASSWORD
    assert PASSWORD.encode() not in app.db_path.read_bytes()
    settings_file = app.settings.store.fileName()
    app.settings.store.sync()
    with open(settings_file, "rb") as handle:
        assert PASSWORD.encode() not in handle.read()

    again = SyncAccountDialog(app, memory_vault)
    qtbot.addWidget(again)
    assert again.password_edit.placeholderText().startswith("Saved in the system keyring")
    assert again.url_edit.text() == radicale.url


def test_a_server_without_caldav(qtbot: QtBot, app: AppContext, memory_vault: Any) -> None:
    import http.server
    import threading

    class Page(http.server.BaseHTTPRequestHandler):
        def do_PROPFIND(self) -> None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        dialog = SyncAccountDialog(app, memory_vault)
        qtbot.addWidget(dialog)
        fill(qtbot, dialog, f"http://127.0.0.1:{server.server_address[1]}/", "", "")
        assert "answers, but not as a CalDAV or CardDAV server" in connection_test(qtbot, dialog)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_preferences_opens_the_sync_account(qtbot: QtBot, settings: AppSettings) -> None:
    opened: list[bool] = []
    dialog = PreferencesDialog(settings, sync_account=lambda: opened.append(True))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    assert opened == [True]


@pytest.fixture
def window(
    qtbot: QtBot,
    app: AppContext,
    radicale: DavServer,
    memory_vault: Any,
    quick: None,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    from runnerup_desktop.ui.shell import sync_controls

    monkeypatch.setattr(sync_controls, "sync_vault", lambda: memory_vault)
    SyncEngine(app.sessions).save_account(SyncAccount(url=radicale.url, user="ana"))
    memory_vault.store("ana", "127.0.0.1", PASSWORD)
    win = MainWindow(app)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def controls(window: MainWindow, app: AppContext) -> Iterator[SyncControls]:
    """What the background wiring adds once the window is ready."""
    made = SyncControls(window, app)
    yield made
    made.stop()


def synced(qtbot: QtBot, controls: SyncControls, start: Callable[[], object]) -> Any:
    with qtbot.waitSignal(controls.scheduler.finished, timeout=SYNC_TIMEOUT_MS) as got:
        start()
    return got.args[0]


def follow_up(app: AppContext, step: Step) -> FollowUp:
    with app.sessions() as session:
        found = session.scalars(select(FollowUp).where(FollowUp.step == step)).first()
        assert found is not None
        return found


def test_the_window_syncs_at_start_after_a_change_and_on_request(
    qtbot: QtBot,
    window: MainWindow,
    app: AppContext,
    controls: SyncControls,
    radicale: DavServer,
    steps: Steps,
) -> None:
    first = synced(qtbot, controls, controls.start)
    assert first.ok and len(first.sent) == 14
    label = controls.label
    assert label.isVisible() and label.text().startswith("Synced at ")
    phone = Phone(radicale, "ana", PASSWORD)
    assert len(phone.todos()) == 8

    # A person's change: sent soon after, on its own.
    check_in = follow_up(app, Step.OFFER_CHECK_IN)
    with qtbot.waitSignal(controls.scheduler.finished, timeout=SYNC_TIMEOUT_MS):
        app.ops.run(
            window,
            lambda: app.services.playbook.reschedule(check_in.id, TODAY + dt.timedelta(days=4)),
            label="Reschedule “One check-in on the offer”",
        )
    todo = phone.todo("One check-in on the offer")
    assert todo.get_icalendar_component()["due"].dt == TODAY + dt.timedelta(days=4)

    # Done on the phone: File ▸ Sync now brings it in, announced, and not an undo step.
    phone.complete("One check-in on the offer", dt.datetime.now(dt.UTC))
    announced: list[tuple[Any, Any]] = []
    app.changes.applied.connect(lambda change, who: announced.append((change, who)))
    report = synced(qtbot, controls, controls.sync_now_action.trigger)
    assert [e.action for e in report.received] == ["completed"]
    assert follow_up(app, Step.OFFER_CHECK_IN).status is FollowUpStatus.DONE
    assert [(c.follow_ups, c.interactions, who) for c, who in announced] == [
        (True, True, controls.scheduler)
    ]
    assert steps.labels == ["Reschedule “One check-in on the offer”"]
    assert "1 question" in label.text()

    # The question, answered in the sync log: what was done.
    window.activateWindow()
    qtbot.waitUntil(lambda: controls._log is not None, timeout=5000)
    log = controls._log
    assert isinstance(log, SyncLogDialog)
    assert any("One check-in on the offer" in m for m in log.messages())
    edit = log.findChild(QLineEdit, "whatWasDone")
    assert edit is not None
    type_in(qtbot, edit, "Asked Łukasz whether the offer was accepted.")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not SyncQueries(app.sessions).questions(), timeout=5000)
    with app.sessions() as session:
        done = session.scalars(
            select(Interaction).where(Interaction.follow_up_id == check_in.id)
        ).one()
        assert done.summary == "Asked Łukasz whether the offer was accepted."
    assert steps.labels[-1] == "Save (sync)"
    log.close()


def test_a_server_that_goes_away_is_tried_again_later(
    qtbot: QtBot, window: MainWindow, app: AppContext, controls: SyncControls, radicale: DavServer
) -> None:
    assert synced(qtbot, controls, controls.start).ok
    radicale.stop()
    report = synced(qtbot, controls, controls.scheduler.sync_now)
    assert report.problem is not None
    assert controls.label.text() == "Sync: not reached"
    assert "could not reach 127.0.0.1" in controls.label.toolTip()
    assert controls.scheduler.failures == 1
    remaining = controls.scheduler.timer.remainingTime()
    assert 25_000 < remaining <= 31_500  # tried again after 30 s (a coarse timer: ±5%)
    radicale.come_back()
    assert synced(qtbot, controls, controls.scheduler.sync_now).ok
    assert controls.label.text().startswith("Synced at ")
    assert controls.scheduler.failures == 0


def test_a_wrong_saved_password_waits_for_the_person(
    qtbot: QtBot, window: MainWindow, app: AppContext, controls: SyncControls, memory_vault: Any
) -> None:
    memory_vault.store("ana", "127.0.0.1", "stale-password")
    report = synced(qtbot, controls, controls.start)
    assert report.problem is not None
    assert controls.label.text() == "Sync: needs attention"
    assert controls.scheduler.waiting_for_account
    assert not controls.scheduler.timer.isActive()
    # A change does not hammer the server with the wrong password...
    with app.sessions() as session:
        zoe = session.scalars(select(Contact).where(Contact.name == "Zoë Müller")).one()
    app.ops.run(
        window,
        lambda: app.services.directory.update_contact(zoe.id, {"title": "x"}),
        label="Edit contact",
    )
    assert not controls.scheduler.timer.isActive()
    # ...until the account is saved again.
    memory_vault.store("ana", "127.0.0.1", PASSWORD)
    with qtbot.waitSignal(controls.scheduler.finished, timeout=SYNC_TIMEOUT_MS) as got:
        app.changes.setting_changed.emit("sync/account")
    assert got.args[0].ok


def test_the_sync_log_answers_a_deletion_on_the_server(
    qtbot: QtBot, window: MainWindow, app: AppContext, controls: SyncControls, radicale: DavServer
) -> None:
    assert synced(qtbot, controls, controls.start).ok
    phone = Phone(radicale, "ana", PASSWORD)
    href, _etag, _card = phone.card("Mateo Álvarez")
    phone.delete(href)
    report = synced(qtbot, controls, controls.sync_now_action.trigger)
    assert report.questions
    log = SyncLogDialog(app, controls.scheduler, window)
    qtbot.addWidget(log)
    log.show()
    buttons = [b for b in log.questions_box.findChildren(QPushButton) if b.isVisible()]
    assert [b.text() for b in buttons] == ["Delete it here too", "Put it back"]
    with qtbot.waitSignal(controls.scheduler.finished, timeout=SYNC_TIMEOUT_MS):
        qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    assert any(c.fn.value == "Mateo Álvarez" for c in [phone.card("Mateo Álvarez")[2]])
    assert not log.questions_box.isVisible()
