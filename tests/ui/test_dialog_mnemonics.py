"""Each dialog, opened as a person opens it from the window over the demo story, has one
target per Alt+letter (every step of a dialog that has steps), and so do its menus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.ui.opportunities.news_dialog import NewsDialog
from runnerup_desktop.ui.shell import switching
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.crash_dialog import CrashDialog
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog
from runnerup_desktop.ui.transfer.mapping_dialog import ColumnMappingDialog
from runnerup_desktop.ui.transfer.preview_dialog import ImportPreviewDialog
from tests.ui.mnemonics import clashes, menu_clashes
from tests.ui.steps import when_modal

TODAY = dt.date(2026, 3, 9)
NORTHWIND, CEDAR = 2, 0  # rows of the companies table (by name)


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    seed_demo(store.sessions, TODAY)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext.for_store(store, settings, today=lambda: TODAY))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win


def steps_of(dialog: QDialog) -> list[str]:
    """The clashes of each step: every page of a stacked dialog, one after the other."""
    found = [f"{dialog.windowTitle()}: {c}" for c in clashes(dialog)]
    if isinstance(dialog, NewsDialog):
        dialog.add_gap()
        dialog.feedback.setData(dialog.feedback.index(0, 0), "Led a team of 15")
        dialog.show_plan()
        assert dialog.on_plan_page(), dialog.problems()
        found += [f"{dialog.windowTitle()} (the plan): {c}" for c in clashes(dialog)]
    for menu in dialog.findChildren(QMenu):
        found += menu_clashes(menu)
    return found


def opened_by(qtbot: QtBot, trigger: Callable[[], object]) -> tuple[str, list[str]]:
    """Open a dialog as the person does, read its Alt+letters, close it."""
    titles: list[str] = []
    found: list[str] = []

    def act(dialog: QDialog) -> None:
        qtbot.waitExposed(dialog)
        titles.append(dialog.windowTitle())
        found.extend(steps_of(dialog))
        dialog.reject()

    when_modal(qtbot, act)
    trigger()
    qtbot.waitUntil(lambda: bool(titles), timeout=3000)
    return titles[0], found


def select_company(window: MainWindow, row: int) -> None:
    window.show_page(0)
    window.directory.select_company(window.directory.companies.id_at(row) or 0)


def test_every_dialog_has_one_target_per_alt_letter(qtbot: QtBot, window: MainWindow) -> None:
    directory, opportunities = window.directory, window.opportunities
    calendar = window.calendar
    opened: dict[str, list[str]] = {}

    def open_with(trigger: Callable[[], object]) -> None:
        title, found = opened_by(qtbot, trigger)
        opened[title] = found

    select_company(window, NORTHWIND)
    open_with(window.new_company_action.trigger)
    open_with(directory.edit_company)
    open_with(window.new_contact_action.trigger)
    directory.select_contact(directory.contacts.id_at(0) or 0)
    open_with(directory.edit_contact)
    directory.details.setCurrentWidget(opportunities)
    opportunities.view.selectRow(0)
    for action in (
        opportunities.new_action,
        opportunities.edit_action,
        opportunities.accepted_action,
        opportunities.hire_action,
        opportunities.came_back_action,
        opportunities.plan_action,
    ):
        open_with(action.trigger)
    open_with(opportunities.news_action.trigger)  # Edit the news: Northwind has its news
    open_with(opportunities.value_action.trigger)
    directory.details.setCurrentWidget(window.timeline)
    open_with(window.timeline.add_interaction)
    window.timeline.view.selectRow(0)
    open_with(window.timeline.edit_interaction)
    select_company(window, CEDAR)
    cedar = directory.current_company_id()
    playbook = window.context.services.playbook
    window.context.ops.run(
        window,
        lambda: playbook.add_opportunity({"company_id": cedar, "title": "Analyst"}),
        label="New opportunity “Analyst”",
    )
    directory.details.setCurrentWidget(opportunities)
    opportunities.view.selectRow(0)
    open_with(opportunities.news_action.trigger)  # both steps: the news, then the plan

    window.show_page(1)
    calendar.select_follow_up(calendar.agenda_model.item_at(3).id)  # type: ignore[union-attr]
    actions = calendar.follow_up_actions
    for action in (
        actions.done_action,
        actions.compose_action,
        actions.reschedule_action,
        actions.pick_action,
        actions.new_action,
    ):
        assert action.isEnabled(), action.text()
        open_with(action.trigger)
    open_with(window.edit_action.trigger)  # Edit follow-up
    open_with(window.templates_action.trigger)
    open_with(window.transfer.folder_action.trigger)
    open_with(window.getting_started_action.trigger)
    open_with(window.shortcuts_action.trigger)

    def email_account() -> None:
        def inner(dialog: QDialog) -> None:
            assert isinstance(dialog, PreferencesDialog)
            opened["Preferences"] = steps_of(dialog)

            def email(smtp: QDialog) -> None:
                opened["Email account"] = steps_of(smtp)

            dialog.exec_dialog = email
            dialog.email_button.click()
            dialog.reject()

        when_modal(qtbot, inner)
        window.preferences_action.trigger()

    email_account()
    assert "Email account" in opened
    problems = [line for found in opened.values() for line in found]
    assert problems == [], "\n".join(problems)
    assert len(opened) >= 22, sorted(opened)


def test_the_crash_dialog_and_a_refusal_have_one_target_per_alt_letter(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crash = CrashDialog("Traceback (most recent call last): ...", str(tmp_path / "crash.log"))
    qtbot.addWidget(crash)
    crash.show()
    assert clashes(crash) == []
    seen: list[QMessageBox] = []

    def read(box: QMessageBox) -> None:
        box.show()
        seen.append(box)
        assert clashes(box) == []
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") == "Quit":
                button.click()

    monkeypatch.setattr(switching, "ask", read)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert (
        switching.refused_at_start(parent, "That file is not a RunnerUp database.", tmp_path)
        is None
    )
    assert seen and isinstance(seen[0].findChild(QStackedWidget) or seen[0], QMessageBox)


def test_the_import_steps_have_one_target_per_alt_letter(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File ▸ Import contacts… with another tracker's CSV: the column mapping, then the
    preview."""
    path = tmp_path / "tracker.csv"
    path.write_text("Full Name,Organisation,Mail\nAna Lopez,Globex,ana@globex.example\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))

    def step(kind: type[QDialog]) -> QDialog:
        def shown() -> bool:
            flow = window.transfer.flow
            return flow is not None and isinstance(flow.dialog, kind) and flow.dialog.isVisible()

        qtbot.waitUntil(shown, timeout=10_000)
        flow = window.transfer.flow
        assert flow is not None and isinstance(flow.dialog, kind)
        return flow.dialog

    window.transfer.import_action.trigger()
    mapping = step(ColumnMappingDialog)
    found = steps_of(mapping)
    mapping.accept()
    preview = step(ImportPreviewDialog)
    found += steps_of(preview)
    preview.reject()
    assert found == [], "\n".join(found)
    window.transfer.feed.wait()
