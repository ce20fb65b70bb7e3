"""A database holding values this version does not know (a newer RunnerUp wrote them)
opens, shows them as Unknown on every page, and asks for a known choice before saving."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.models import Company, Contact, FollowUp, Opportunity
from runnerup_desktop.ui.common.forms import ValidatedFormDialog
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from tests.sqlite_files import connected

UNKNOWN = (
    "UPDATE company SET status = 'paused'",
    "UPDATE contact SET role = 'mentor'",
    "UPDATE opportunity SET stage = 'on_hold', job_level = 'founder'",
    "UPDATE follow_up SET step = 'send_flowers', channel = 'pigeon'",
    "UPDATE interaction SET kind = 'telegram', direction = 'sideways'",
    "UPDATE feedback_item SET importance = 'huge'",
)


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> MainWindow:
    seed_demo(store.sessions)
    with connected(store.path) as conn:
        for statement in UNKNOWN:
            conn.execute(statement)
    conn.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext.for_store(store, settings))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def on_next_dialog(act: object) -> None:
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            act(dialog)  # type: ignore[operator]
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_every_page_shows_unknown_values_as_unknown(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    page = window.directory
    statuses = {page.companies.index(row, 3).data() for row in range(page.companies.rowCount())}
    assert statuses == {"Unknown"}
    with store.sessions() as session:
        companies = list(session.scalars(select(Company.id)))
        contacts = list(session.scalars(select(Contact.id)))
        follow_ups = list(session.scalars(select(FollowUp.id)))
    for company in companies:
        page.select_company(company)
        window.opportunities.set_company(company)
        qtbot.wait(1)
    for contact in contacts[:5]:
        page.select_contact(contact)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
    for follow_up in follow_ups[:5]:
        window.open_follow_up(follow_up)
    window.tabs.setCurrentIndex(0)
    # The edit dialogs open on them too, asking for a known choice.
    asked: list[str] = []
    with store.sessions() as session:
        found = session.execute(
            select(Contact.id, Contact.company_id).where(Contact.company_id.is_not(None))
        ).first()
        contact, company = (found[0], found[1] or 0) if found is not None else (0, 0)
        opportunity = session.scalar(
            select(Opportunity.id).where(Opportunity.company_id == company)
        )

    def ask_and_leave(field: str) -> Callable[[QDialog], bool]:
        def leave(dialog: QDialog) -> bool:
            assert isinstance(dialog, ValidatedFormDialog)
            asked.append(dialog.error_text(field))
            dialog.reject()
            return False

        return leave

    page.select_company(company)
    page.select_contact(contact)
    on_next_dialog(ask_and_leave("role"))
    page.edit_contact()
    panel = window.opportunities
    panel.set_company(company)
    assert opportunity is not None and panel.select_opportunity(opportunity)
    panel.exec_dialog = ask_and_leave("stage")
    panel.edit_opportunity()
    assert asked == [
        "Choose a role: the one saved is not one RunnerUp knows.",
        "Choose a stage: the one saved is not one RunnerUp knows.",
    ]


def test_saving_a_company_asks_for_a_status_it_knows(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    page = window.directory
    company = page.companies.id_at(0)
    assert company is not None
    page.select_company(company)
    seen: dict[str, object] = {}

    def person(dialog: QDialog) -> None:
        assert isinstance(dialog, ValidatedFormDialog)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        seen["save before"] = save.isEnabled()
        seen["said"] = dialog.error_text("status")
        status = dialog.findChild(QComboBox, "status")
        assert status is not None
        status.setCurrentIndex(status.findData("target"))
        seen["save after"] = save.isEnabled()
        dialog.accept()

    on_next_dialog(person)
    page.company_view.setFocus()
    window.edit_action.trigger()
    assert seen["save before"] is False and seen["save after"] is True
    assert seen["said"] == "Choose a status: the one saved is not one RunnerUp knows."
    with connected(store.path) as conn:
        assert conn.execute("SELECT status FROM company WHERE id = ?", (company,)).fetchone() == (
            "target",
        )
    conn.close()
