"""The interview plan keeps its questions and the place with the opportunity, and Save as
PDF starts in the documents folder.

As a person: open *Interview plan…*, type where the interview is and a question, close
the window; open it again the next day: both are there, in the preview and in the PDF the
command line writes. *Reset* and close: the playbook's questions again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.interview_plan_queries import load_plan
from runnerup_desktop.store.models import Opportunity
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.opportunities.opportunities_panel import OpportunitiesPanel
from runnerup_desktop.ui.plan import plan_dialog
from runnerup_desktop.ui.plan.plan_dialog import PlanPreviewDialog
from tests.builders import context_for

TODAY = dt.date(2026, 4, 7)
NORTHWIND = 1
PLACE = "Rua Augusta 12, Lisbon, 3rd floor"


@pytest.fixture
def panel(qtbot: QtBot, store: Store, settings: AppSettings) -> OpportunitiesPanel:
    seed_demo(store.sessions, TODAY)
    shown = OpportunitiesPanel(context_for(store, settings, lambda: TODAY))
    qtbot.addWidget(shown)
    shown.set_company(NORTHWIND)
    return shown


def open_plan(
    panel: OpportunitiesPanel, qtbot: QtBot, steps: object
) -> tuple[tuple[str, ...], str]:
    """Open the plan, run the person's ``steps`` in it, close it with Escape."""
    seen: list[tuple[tuple[str, ...], str]] = []

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, PlanPreviewDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        seen.append((dialog.questions(), dialog.where()))
        steps(dialog)  # type: ignore[operator]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        return False

    panel.exec_dialog = run
    panel.plan_action.trigger()
    return seen[0]


def stored(store: Store) -> tuple[str, str]:
    with store.sessions() as session:
        row = session.execute(
            select(Opportunity.interview_questions, Opportunity.interview_place).where(
                Opportunity.company_id == NORTHWIND
            )
        ).one()
    return row[0], row[1]


def test_the_questions_and_the_place_are_kept_with_the_opportunity(
    panel: OpportunitiesPanel, qtbot: QtBot, store: Store
) -> None:
    def type_them(dialog: PlanPreviewDialog) -> None:
        dialog.where_edit.setFocus()
        qtbot.keyClicks(dialog.where_edit, PLACE)
        dialog.questions_edit.setFocus()
        dialog.questions_edit.selectAll()
        qtbot.keyClicks(dialog.questions_edit, "Who owns the roadmap now?")

    questions, where = open_plan(panel, qtbot, type_them)
    assert where == "" and len(questions) > 2  # the playbook's, no place yet
    assert stored(store) == ("Who owns the roadmap now?", PLACE)

    # The next day, the plan opens with them; the preview and the PDF print them.
    questions, where = open_plan(panel, qtbot, lambda _dialog: None)
    assert (questions, where) == (("Who owns the roadmap now?",), PLACE)
    with store.sessions() as session:
        content = load_plan(session, panel.current_opportunity_id() or 0, TODAY)
    assert content is not None
    assert content.questions == ("Who owns the roadmap now?",)
    assert content.slot.where == PLACE


def test_reset_brings_back_the_playbooks_questions_for_good(
    panel: OpportunitiesPanel, qtbot: QtBot, store: Store
) -> None:
    open_plan(panel, qtbot, lambda d: d.questions_edit.setPlainText("Only this one?"))
    assert stored(store)[0] == "Only this one?"
    defaults, _where = open_plan(panel, qtbot, lambda d: d.reset_button.click())
    assert defaults == ("Only this one?",)
    assert stored(store)[0] == ""  # the playbook's, which follow the gaps from now on
    questions, _where = open_plan(panel, qtbot, lambda _dialog: None)
    assert len(questions) > 2 and "Only this one?" not in questions


def test_closing_without_a_change_writes_nothing(
    panel: OpportunitiesPanel, qtbot: QtBot, store: Store
) -> None:
    written: list[str] = []
    panel._ctx.changes.performed.connect(written.append)
    open_plan(panel, qtbot, lambda _dialog: None)
    assert written == []
    open_plan(panel, qtbot, lambda d: d.where_edit.setText("Video call"))
    assert written == ["Save the interview plan of “Engineering Manager, Data Platform”"]


def test_save_as_pdf_starts_in_the_documents_folder(
    panel: OpportunitiesPanel,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "person"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    assert plan_dialog.documents_folder() == home / "Documents"
    asked: list[str] = []

    def save_as(dialog: PlanPreviewDialog) -> None:
        def choose(_parent: QWidget, suggested: str) -> None:
            asked.append(suggested)

        dialog.choose_pdf_path = choose
        dialog.save_button.click()

    open_plan(panel, qtbot, save_as)
    assert asked == [str(home / "Documents" / "Interview plan - Northwind Analytics.pdf")]
    (home / "Documents").rmdir()
    assert plan_dialog.documents_folder() == home  # no documents folder: the home folder
