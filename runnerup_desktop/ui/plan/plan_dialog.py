"""The "Interview plan…" window: Qt's print preview with the plan's questions beside it.

:class:`PlanPreviewDialog` is a :class:`QPrintPreviewDialog` (zoom, page views and its own
print button in the toolbar) with a side panel: where the interview is and the questions to
ask, one per paragraph, which the preview follows as they are typed and which are saved
with the opportunity when the window closes (its ``save``; *Reset* brings back the
playbook's); the paper (A4 or Letter, from the locale at first); how the plan fitted;
**Print…** (the system's print dialog) and **Save as PDF…**, which starts in the documents
folder.

The file chooser and the print dialog are replaceable attributes so that tests can answer
them without a modal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer, Signal
from PySide6.QtGui import QTextBlockFormat, QTextCursor
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core.interview_plan import Paper, PlanContent, plan_layout
from runnerup_desktop.ui.common.forms import WrappedLabel
from runnerup_desktop.ui.common.window_size import first_size
from runnerup_desktop.ui.plan.plan_render import (
    default_paper,
    fit_summary,
    page_layout,
    plan_pdf,
    render_plan,
)

#: ``(parent, suggested path) -> chosen path or None``.
ChoosePath = Callable[[QWidget, str], str | None]
#: ``(questions, where) -> saved?``: keeps them with the opportunity (on the change path);
#: no questions means the playbook's.
SavePlan = Callable[[tuple[str, ...], str], bool]
#: The longest place kept (``opportunity.interview_place``).
MAX_PLACE = 300
#: How long the preview waits after the last keystroke before it redraws.
REFRESH_MS = 400


def choose_pdf_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent, "Save the interview plan as PDF", suggested, "PDF files (*.pdf)"
    )
    return path or None


def documents_folder() -> Path:
    """The person's documents folder (XDG's, Windows', macOS'), else their home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def suggested_file_name(content: PlanContent) -> str:
    """``Interview plan - Northwind Analytics.pdf``, safe on every file system."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", content.company)
    return f"Interview plan - {' '.join(name.split())[:60] or 'company'}.pdf"


class PlanPreviewDialog(QPrintPreviewDialog):
    """Preview, print and save one opportunity's interview plan. Writes nothing to the store.

    Emits ``saved(path)`` after a PDF was written.
    """

    saved = Signal(str)

    def __init__(
        self,
        content: PlanContent,
        paper: Paper | None = None,
        parent: QWidget | None = None,
        *,
        save: SavePlan | None = None,
    ) -> None:
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        super().__init__(self._printer, parent)
        self._content = content
        self._defaults = content.playbook_questions or content.questions
        self._save = save
        #: What was saved last (or loaded): closing saves only a change.
        self._saved = (content.questions, content.slot.where)
        #: Asks where to save the PDF; tests replace it.
        self.choose_pdf_path: ChoosePath = choose_pdf_path
        #: Runs the system's print dialog; tests replace it.
        self.exec_print_dialog: Callable[[QPrintDialog], bool] = lambda dialog: bool(dialog.exec())
        self.setWindowTitle(f"Interview plan — {content.role} at {content.company}")
        self.questions_edit = QTextEdit()
        self.questions_edit.setObjectName("planQuestions")
        self.questions_edit.setAcceptRichText(False)
        self.questions_edit.setTabChangesFocus(True)
        self._set_questions(content.questions)
        self.where_edit = QLineEdit(content.slot.where)
        self.where_edit.setObjectName("planWhere")
        self.where_edit.setPlaceholderText("A place, an address or a video link")
        self.where_edit.setMaxLength(MAX_PLACE)
        self.reset_button = QPushButton("&Reset to the playbook's questions")
        self.paper_box = QComboBox()
        self.paper_box.setObjectName("planPaper")
        for choice in Paper:
            self.paper_box.addItem(choice.value, choice)
        self.fit_label = WrappedLabel()
        self.fit_label.setObjectName("planFit")
        self.message = WrappedLabel()
        self.message.setObjectName("planMessage")
        self.print_button = QPushButton("&Print…")
        self.save_button = QPushButton("Save as P&DF…")
        self.close_button = QPushButton("Close")
        self.preview = self._embed(self._panel())
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self.paintRequested.connect(self._paint)
        self.questions_edit.textChanged.connect(self._refresh_timer.start)
        self.where_edit.textChanged.connect(self._refresh_timer.start)
        self.reset_button.clicked.connect(self.reset_questions)
        self.paper_box.currentIndexChanged.connect(lambda _index: self._paper_changed())
        self.print_button.clicked.connect(self.print_plan)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        self.set_paper(paper or default_paper())
        first_size(self, 1100, 820)

    # --- building ------------------------------------------------------------------------
    def _panel(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("planPanel")
        panel.setMinimumWidth(330)
        panel.setMaximumWidth(420)
        note = WrappedLabel()
        note.setText(
            "One question per paragraph (Enter starts the next). The questions and the "
            "place are saved with the opportunity when you close this window."
        )
        where = QFormLayout()
        where.addRow("&Where:", self.where_edit)
        label = QLabel("&Questions to ask")
        label.setBuddy(self.questions_edit)
        form = QFormLayout()
        form.addRow("Pap&er:", self.paper_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(where)
        layout.addWidget(label)
        layout.addWidget(self.questions_edit, 1)
        layout.addWidget(note)
        layout.addWidget(self.reset_button)
        layout.addLayout(form)
        layout.addWidget(self.fit_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        return panel

    def _embed(self, panel: QWidget) -> QPrintPreviewWidget:
        """Put the panel to the left of the preview (Qt's dialog holds the preview as the
        central widget of an inner main window, under its toolbar)."""
        inner = self.findChild(QMainWindow)
        preview = inner.takeCentralWidget() if inner is not None else None
        if inner is None or not isinstance(preview, QPrintPreviewWidget):
            raise RuntimeError("QPrintPreviewDialog has no preview widget to sit beside")
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(panel)
        row.addWidget(preview, 1)
        inner.setCentralWidget(central)
        return preview

    # --- what is printed -----------------------------------------------------------------
    def questions(self) -> tuple[str, ...]:
        return tuple(
            line.strip() for line in self.questions_edit.toPlainText().splitlines() if line.strip()
        )

    def where(self) -> str:
        return " ".join(self.where_edit.text().split())

    def content(self) -> PlanContent:
        """The plan with the questions and the place as edited."""
        return self._content.with_questions(self.questions()).with_where(self.where())

    # --- kept with the opportunity ---------------------------------------------------------
    def save_plan(self) -> bool:
        """Save the questions and the place if they changed; whether all is saved. Saved
        questions equal to the playbook's are stored as "the playbook's"."""
        now = (self.questions(), self.where())
        if self._save is None or now == self._saved:
            return True
        questions = () if now[0] == self._defaults else now[0]
        if not self._save(questions, now[1]):
            return False
        self._saved = now
        return True

    def done(self, result: int) -> None:
        self.save_plan()
        super().done(result)

    def paper(self) -> Paper:
        return Paper(self.paper_box.currentData())

    def set_paper(self, paper: Paper) -> None:
        self.paper_box.setCurrentIndex(self.paper_box.findData(paper))
        self._paper_changed()

    def reset_questions(self) -> None:
        self._set_questions(self._defaults)

    def _set_questions(self, questions: tuple[str, ...]) -> None:
        """One paragraph per question, spaced apart so that a wrapped one reads as one."""
        self.questions_edit.setPlainText("\n".join(questions))
        cursor = QTextCursor(self.questions_edit.document())
        cursor.select(QTextCursor.SelectionType.Document)
        spacing = QTextBlockFormat()
        spacing.setBottomMargin(self.fontMetrics().height() * 0.4)
        cursor.mergeBlockFormat(spacing)

    def refresh(self) -> None:
        """Redraw the preview now (it also follows edits after a short pause)."""
        self._refresh_timer.stop()
        self.preview.updatePreview()

    def _paper_changed(self) -> None:
        self._printer.setPageLayout(page_layout(self.paper()))
        self.refresh()

    def _paint(self, printer: QPrinter) -> None:
        content = self.content()
        try:
            found = render_plan(content, printer)
        except OSError as error:
            self.message.setText(str(error))
            return
        self.fit_label.setText(fit_summary(found, plan_layout(content)))

    # --- print and save ------------------------------------------------------------------
    def print_plan(self) -> bool:
        """The system's print dialog, then the plan on the chosen printer."""
        self._refresh_timer.stop()
        dialog = QPrintDialog(self._printer, self)
        try:
            if not self.exec_print_dialog(dialog):
                return False
        finally:
            dialog.deleteLater()
        self.preview.print_()
        self.message.setText("Sent to the printer.")
        return True

    def save_pdf(self) -> Path | None:
        """Ask where (starting in the documents folder), then write the plan there as a
        one-page PDF; ``None`` if cancelled."""
        suggested = str(documents_folder() / suggested_file_name(self._content))
        chosen = self.choose_pdf_path(self, suggested)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            data, _fit = plan_pdf(self.content(), self.paper())
            path.write_bytes(data)
        except OSError as error:
            reason = error.strerror or str(error)
            self.message.setText(f"The plan could not be saved to {path}: {reason}.")
            return None
        self.message.setText(f"Saved to {path}.")
        self.saved.emit(str(path))
        return path
