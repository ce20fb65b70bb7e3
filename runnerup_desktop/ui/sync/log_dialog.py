"""The sync log: what each sync did, in sentences, newest first, with the questions a sync
asked on top, each answered with a click (an answer is the person's operation: it goes
through the change path and can be undone)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.store.sync_store import LogRecord, SyncQueries
from runnerup_desktop.sync.answers import NOTE, SyncAnswers, choices
from runnerup_desktop.ui.common.forms import WrappedLabel, error_palette
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.sync.scheduler import SyncScheduler

#: What the "What" column calls each kind of entry.
KINDS = {
    "run": "Sync",
    "problem": "Problem",
    "question": "Question",
    "warning": "Warning",
}
SENT = "Sent"
RECEIVED = "Received"
SHOWN = 500


def local_time(at: dt.datetime) -> str:
    """A time the database keeps in UTC, as this computer's local time."""
    moment = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def kind_of(record: LogRecord) -> str:
    if record.level == "info":
        return SENT if record.code.startswith("sent_") else RECEIVED
    if record.code == "conflict":
        return "Conflict"
    return KINDS.get(record.level, record.level.capitalize())


class SyncLogDialog(QDialog):
    def __init__(
        self, ctx: AppContext, scheduler: SyncScheduler | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sync log")
        self.resize(760, 520)
        self._ctx = ctx
        self._queries = SyncQueries(ctx.sessions)
        self._answers = SyncAnswers(ctx.sessions)
        self._scheduler = scheduler
        self.questions_box = QGroupBox("The sync asks")
        self.questions_box.setObjectName("questions")
        self._questions_layout = QVBoxLayout(self.questions_box)
        self.error_label = WrappedLabel()
        self.error_label.setObjectName("answerError")
        self.error_label.setPalette(error_palette(self.error_label.palette()))
        self.error_label.hide()
        self.status_label = WrappedLabel()
        self.status_label.setObjectName("syncStatus")
        self.log_view = QTableWidget(0, 3)
        self.log_view.setObjectName("syncLog")
        self.log_view.setHorizontalHeaderLabels(["When", "Kind", "What happened"])
        self.log_view.verticalHeader().hide()
        self.log_view.setWordWrap(True)
        self.log_view.setAlternatingRowColors(True)
        self.log_view.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.log_view.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.log_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_args: self.log_view.resizeRowsToContents())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.sync_button = QPushButton("&Sync now")
        self.sync_button.setEnabled(scheduler is not None)
        buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        if scheduler is not None:
            self.sync_button.clicked.connect(scheduler.sync_now)
            scheduler.status_changed.connect(lambda _status: self.reload())
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.questions_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.log_view, 1)
        layout.addWidget(buttons)
        ctx.changes.applied.connect(lambda *_args: self.reload())
        self.reload()

    # what is shown ----------------------------------------------------------------------
    def reload(self) -> None:
        self._fill_questions(self._queries.questions())
        records = self._queries.log(SHOWN)
        self.log_view.setRowCount(len(records))
        for number, record in enumerate(records):
            for column, text in enumerate((local_time(record.at), kind_of(record), record.message)):
                self.log_view.setItem(number, column, QTableWidgetItem(text))
        self.log_view.resizeRowsToContents()
        status = self._scheduler.status if self._scheduler is not None else None
        account = self._queries.account()
        if account is None:
            self.status_label.setText("No sync account yet: add one in Preferences ▸ Sync account.")
        elif status is not None and status.detail:
            self.status_label.setText(status.detail)
        else:
            self.status_label.setText(f"Syncing with {account.url}.")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Once laid out (a scroll bar may have taken some width): rows fit their sentences.
        QTimer.singleShot(0, self.log_view.resizeRowsToContents)
        answer = self.questions_box.findChild(QLineEdit, "whatWasDone")
        if answer is not None:
            answer.setFocus()  # the question is why the log opened: type the answer

    def messages(self) -> list[str]:
        """The log's sentences as shown, newest first (for tests)."""
        cells = (self.log_view.item(row, 2) for row in range(self.log_view.rowCount()))
        return [cell.text() for cell in cells if cell is not None]

    def _fill_questions(self, questions: list[LogRecord]) -> None:
        while self._questions_layout.count():
            item = self._questions_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.questions_box.setVisible(bool(questions))
        for question in questions:
            self._questions_layout.addWidget(self._question_row(question))

    def _question_row(self, question: LogRecord) -> QWidget:
        row = QWidget()
        row.setObjectName(f"question{question.id}")
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 4, 0, 4)
        text = WrappedLabel()
        text.setText(question.message)
        layout.addWidget(text)
        buttons = QHBoxLayout()
        if question.code == "what_was_done":
            edit = QLineEdit()
            edit.setObjectName("whatWasDone")
            edit.setPlaceholderText("What you sent or said, in a few words")
            buttons.addWidget(edit, 1)
            save = QPushButton("Save")
            save.clicked.connect(lambda _=False, q=question, e=edit: self.answer(q, NOTE, e.text()))
            edit.returnPressed.connect(save.click)
            buttons.addWidget(save)
        else:
            is_card = question.follow_up_id is None
            for choice in choices(question.code, is_card=is_card):
                button = QPushButton(choice.label)
                button.clicked.connect(lambda _=False, q=question, k=choice.key: self.answer(q, k))
                buttons.addWidget(button)
            buttons.addStretch(1)
        layout.addLayout(buttons)
        return row

    # answering --------------------------------------------------------------------------
    def answer(self, question: LogRecord, choice: str, text: str = "") -> None:
        self.error_label.hide()
        label = next((c.label for c in choices(question.code) if c.key == choice), "Answer")
        done = self._ctx.ops.run(
            self,
            lambda: self._answers.answer(question.id, choice, text),
            label=f"{label} (sync)",
            on_error=self._refused,
        )
        if done is not None:
            self.reload()
            if self._scheduler is not None and choice != NOTE:
                self._scheduler.sync_now()

    def _refused(self, error: Exception) -> None:
        self.error_label.setText(str(error))
        self.error_label.show()

    def question_rows(self) -> list[QWidget]:
        return [
            w
            for w in self.questions_box.findChildren(QWidget)
            if w.objectName().startswith("question")
            and w.parent() is self.questions_box
            and not w.isHidden()
        ]
