"""The change path: one announcement per write, refusals where the person acted, and long
work in the background with progress and Cancel, leaving nothing behind when cancelled."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.models import Company
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.operations import Progress


def companies(store: Store) -> int:
    with store.sessions() as session:
        return int(session.scalar(select(func.count(Company.id))) or 0)


def test_a_write_is_announced_once_with_who_asked(ctx: AppContext, qtbot: QtBot) -> None:
    heard: list[tuple[Change, object]] = []
    ctx.changes.applied.connect(lambda change, by: heard.append((change, by)))
    asker = QWidget()
    qtbot.addWidget(asker)
    result = ctx.ops.run(
        asker,
        lambda: ctx.services.directory.add_company({"name": "Acme"}),
        label="New company Acme",
        initiator=asker,
    )
    assert result is not None
    company_id, change = result
    assert heard == [(change, asker)]
    assert change.companies == frozenset({company_id})


def test_a_refusal_goes_to_where_the_person_acted_and_nothing_is_announced(
    ctx: AppContext,
) -> None:
    heard: list[object] = []
    refused: list[str] = []
    ctx.changes.applied.connect(lambda change, _by: heard.append(change))
    result = ctx.ops.run(
        None,
        lambda: ctx.services.directory.add_company({"name": "   "}),
        label="New company",
        on_error=lambda exc: refused.append(str(exc)),
    )
    assert result is None and heard == []
    assert refused == ["A name is required."]


def test_a_refusal_without_a_place_of_its_own_is_reported(ctx: AppContext) -> None:
    reported: list[tuple[str, str]] = []
    ctx.ops.report = lambda _parent, title, text: reported.append((title, text))
    ctx.ops.run(None, lambda: ctx.services.directory.delete_company(99), label="Delete company")
    assert reported == [("Not deleted", "That record no longer exists; it may have been deleted.")]


def test_an_announcement_from_a_worker_thread_arrives_on_the_gui_thread(
    ctx: AppContext, qtbot: QtBot
) -> None:
    threads: list[bool] = []
    ctx.changes.applied.connect(
        lambda _c, _by: threads.append(threading.current_thread() is threading.main_thread())
    )
    with qtbot.waitSignal(ctx.changes.applied):
        worker = threading.Thread(target=lambda: ctx.ops.announce(Change(follow_ups=True)))
        worker.start()
        worker.join()
    assert threads == [True]


def add_many(store: Store, count: int, stop_after: int | None = None):  # type: ignore[no-untyped-def]
    """A job: add ``count`` companies in one transaction, reporting each; Cancel honoured."""

    def job(progress: Progress) -> tuple[int, Change]:
        with store.sessions.begin() as session:
            for n in range(count):
                progress.check()
                session.add(Company(name=f"Company {n}"))
                progress.report(n + 1, count)
                if stop_after is not None and n + 1 == stop_after:
                    progress.cancel()  # as if the person pressed Cancel now
        return count, Change(everything=True)

    return job


def test_long_work_runs_in_the_background_and_is_announced(
    ctx: AppContext, store: Store, qtbot: QtBot
) -> None:
    done: list[object] = []
    with qtbot.waitSignal(ctx.changes.applied, timeout=10_000) as heard:
        ctx.ops.run_in_background(
            None, add_many(store, 200), label="Import", title="Importing…", done=done.append
        )
    assert heard.args[0] == Change(everything=True)
    assert done == [(200, Change(everything=True))]
    assert companies(store) == 200
    assert not ctx.ops.busy()


def test_a_cancelled_job_leaves_nothing_behind(ctx: AppContext, store: Store, qtbot: QtBot) -> None:
    heard: list[object] = []
    ctx.changes.applied.connect(lambda change, _by: heard.append(change))
    ctx.ops.run_in_background(None, add_many(store, 500, stop_after=50), label="Import", title="…")
    qtbot.waitUntil(lambda: not ctx.ops.busy(), timeout=10_000)
    assert companies(store) == 0  # the job's one transaction rolled back
    assert heard == []


def test_a_refused_job_is_reported(ctx: AppContext, qtbot: QtBot) -> None:
    failed: list[str] = []

    def job(_progress: Progress) -> Change:
        raise ServiceError("That file is not a RunnerUp export.")

    ctx.ops.run_in_background(
        None, job, label="Import", title="…", failed=lambda e: failed.append(str(e))
    )
    qtbot.waitUntil(lambda: bool(failed), timeout=10_000)
    assert failed == ["That file is not a RunnerUp export."]


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_progress_dialog_shows_and_cancel_stops_the_job(
    ctx: AppContext, store: Store, qtbot: QtBot
) -> None:
    gate = threading.Event()
    host = QWidget()
    qtbot.addWidget(host)
    host.show()

    def job(progress: Progress) -> Change:
        with store.sessions.begin() as session:
            session.add(Company(name="Half done"))
            progress.report(1, 2)
            gate.wait(10)
            progress.check()
        return Change(everything=True)

    ctx.ops.run_in_background(host, job, label="Import", title="Importing…")
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in host.findChildren(QProgressDialog)), timeout=5_000
    )
    [dialog] = [d for d in host.findChildren(QProgressDialog) if d.isVisible()]
    assert dialog.labelText() == "Importing…"
    [cancel] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel"]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # the person presses Cancel
    gate.set()
    qtbot.waitUntil(lambda: not ctx.ops.busy(), timeout=10_000)
    QApplication.processEvents()
    assert companies(store) == 0
