"""The "Interview plan…" window: editable questions, paper, preview, print, save as PDF."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from runnerup_desktop.core.interview_plan import GENERAL_QUESTIONS, Paper, PlanContent
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.opportunities.opportunities_panel import OpportunitiesPanel
from runnerup_desktop.ui.plan.plan_dialog import PlanPreviewDialog, suggested_file_name
from tests.builders import context_for

TODAY = dt.date(2026, 4, 7)


@pytest.fixture
def dialog(qtbot: QtBot, typical_plan: PlanContent) -> PlanPreviewDialog:
    shown = PlanPreviewDialog(typical_plan, Paper.A4)
    qtbot.addWidget(shown)
    return shown


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return len(reader.pages), " ".join(reader.pages[0].extract_text().split())


def test_the_questions_are_the_playbooks_and_can_be_edited(
    dialog: PlanPreviewDialog, typical_plan: PlanContent
) -> None:
    assert dialog.questions() == typical_plan.questions
    assert dialog.questions()[-len(GENERAL_QUESTIONS) :] == GENERAL_QUESTIONS
    dialog.questions_edit.setPlainText("Who else is on the team?\n\n  What changed since March?  ")
    assert dialog.questions() == ("Who else is on the team?", "What changed since March?")
    assert dialog.content().questions == dialog.questions()
    assert dialog.content().gaps == typical_plan.gaps  # only the questions change
    dialog.reset_button.click()
    assert dialog.questions() == typical_plan.questions


def test_the_preview_paints_the_plan_and_says_how_it_fits(
    dialog: PlanPreviewDialog, qtbot: QtBot
) -> None:
    dialog.show()
    qtbot.waitUntil(lambda: dialog.fit_label.text() != "")
    assert dialog.fit_label.text() == "Everything fits on one page at 10 pt."
    assert dialog.preview.pageCount() == 1
    assert "Northwind Analytics" in dialog.windowTitle()


def test_editing_a_question_redraws_the_preview_after_a_pause(
    dialog: PlanPreviewDialog, qtbot: QtBot
) -> None:
    dialog.refresh()
    painted: list[QPrinter] = []
    dialog.paintRequested.connect(painted.append)
    dialog.questions_edit.setPlainText("\n".join(f"Question {n}?" for n in range(300)))
    assert not painted  # not on every keystroke
    qtbot.waitUntil(lambda: bool(painted), timeout=3000)
    assert dialog.fit_label.text().startswith("Cut to fit one page at 7 pt")
    assert "questions" in dialog.fit_label.text()
    assert dialog.preview.pageCount() == 1


def test_the_paper_choice_reaches_the_printer(dialog: PlanPreviewDialog) -> None:
    assert dialog.paper() is Paper.A4
    assert dialog.printer().pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData(Paper.LETTER))
    assert dialog.paper() is Paper.LETTER
    assert dialog.printer().pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter


def test_save_as_pdf_writes_one_page_with_the_edited_questions(
    dialog: PlanPreviewDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    asked: list[str] = []

    def choose(_parent: QWidget, suggested: str) -> str:
        asked.append(suggested)
        return str(tmp_path / "my plan")  # no extension: ".pdf" is added

    dialog.choose_pdf_path = choose
    dialog.questions_edit.setPlainText("Who owns the data platform roadmap?")
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()
    path = tmp_path / "my plan.pdf"
    assert saved.args == [str(path)]
    assert asked and asked[0].endswith("Interview plan - Northwind Analytics.pdf")
    pages, text = pdf_text(path)
    assert pages == 1
    assert "Who owns the data platform roadmap?" in text
    assert "What would success look like" not in text
    assert dialog.message.text() == f"Saved to {path}."


def test_cancelling_or_failing_to_save_keeps_the_dialog_open(
    dialog: PlanPreviewDialog, tmp_path: Path
) -> None:
    dialog.choose_pdf_path = lambda _parent, _suggested: None
    assert dialog.save_pdf() is None
    assert dialog.message.text() == ""
    dialog.choose_pdf_path = lambda _parent, _suggested: str(tmp_path / "missing" / "x.pdf")
    assert dialog.save_pdf() is None
    assert dialog.message.text().startswith("The plan could not be saved to ")
    assert "No such file or directory" in dialog.message.text()


def test_print_goes_through_the_print_dialog_to_the_printer(
    dialog: PlanPreviewDialog, tmp_path: Path
) -> None:
    dialog.exec_print_dialog = lambda _dialog: False
    assert not dialog.print_plan()
    out = tmp_path / "printed.pdf"

    def printer_to_file(print_dialog: QPrintDialog) -> bool:
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    dialog.exec_print_dialog = printer_to_file
    assert dialog.print_plan()
    pages, text = pdf_text(out)
    assert pages == 1 and "Interview plan · Northwind Analytics" in text


def test_file_names_are_safe() -> None:
    assert suggested_file_name(PlanContent("A/B: C?", "x")) == "Interview plan - A B C.pdf"
    assert suggested_file_name(PlanContent("///", "x")) == "Interview plan - company.pdf"


def test_the_opportunities_panel_opens_the_plan_of_the_selected_opportunity(
    qtbot: QtBot, store: Store, settings: AppSettings
) -> None:
    seed_demo(store.sessions, TODAY)
    panel = OpportunitiesPanel(context_for(store, settings, lambda: TODAY))
    qtbot.addWidget(panel)
    assert not panel.plan_action.isEnabled()  # no company, no opportunity
    opened: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        opened.append(dialog)
        assert isinstance(dialog, PlanPreviewDialog)
        assert dialog.content().company == "Northwind Analytics"
        assert dialog.content().gaps[0].gap == "Has not managed a team larger than eight"
        return False

    panel.exec_dialog = run
    panel.set_company(1)  # Northwind
    assert panel.plan_action.isEnabled()
    panel.plan_action.trigger()
    assert len(opened) == 1
