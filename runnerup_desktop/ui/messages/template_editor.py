"""Message templates: list them, edit them, add your own, with a live preview.

The list holds every template (the shipped defaults first, by step); the form on the right
edits the selected one. What is wrong with a template (a name in braces RunnerUp does not
know, a list in the subject) is said under the body, and Save waits until it is fixed. The
preview fills the template with an example, with every detail or with nothing recorded, to
show how it reads either way. :func:`open_template_editor` is the entry point for a menu.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core.domain import Step
from runnerup_desktop.core.news import FeedbackInput
from runnerup_desktop.core.templates import PLACEHOLDERS, TemplateContext, fill
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.template_services import (
    TemplateRecord,
    TemplateValues,
    problem,
)
from runnerup_desktop.ui.common.ask import Confirm
from runnerup_desktop.ui.common.ask import ask_warning as ask
from runnerup_desktop.ui.common.colors import tint_text
from runnerup_desktop.ui.common.forms import WrappedLabel
from runnerup_desktop.ui.common.window_size import first_size
from runnerup_desktop.ui.shell.context import AppContext

ModelIndex = QModelIndex | QPersistentModelIndex
DISCARD = "Discard your changes?"
DELETE = "Delete this template?"

#: What the preview fills templates with.
EXAMPLE = TemplateContext(
    contact_name="Hana Kobayashi",
    company="Northwind Analytics",
    job_title="Engineering Manager",
    feedback=(
        FeedbackInput(
            "Has not managed a team larger than eight",
            answer="Led a 15-person migration across three teams",
        ),
    ),
    value_title="Their main competitor opened a Lisbon office",
    my_name="Ana Sousa",
    news_on=dt.date(2026, 3, 2),
    today=dt.date(2026, 7, 6),
)
NOTHING_RECORDED = TemplateContext(company="Northwind Analytics")


class TemplateListModel(QAbstractListModel):
    """The templates by name; ``Qt.UserRole`` is the template's id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records: list[TemplateRecord] = []

    def set_records(self, records: list[TemplateRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> TemplateRecord:
        return self._records[row]

    def row_of(self, template_id: int) -> int:
        return next((r for r, rec in enumerate(self._records) if rec.id == template_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return record.name
        if role == Qt.ItemDataRole.ToolTipRole:
            step = record.step.label if record.step is not None else "any step"
            kind = "Default" if record.is_builtin else "Your template"
            return f"{kind} for {step.lower() if record.step else step}"
        if role == Qt.ItemDataRole.UserRole:
            return record.id
        return None


class TemplateEditorDialog(QDialog):
    """Edit the templates; :attr:`confirm` is replaceable for tests. Every write runs on
    the change path; the list reloads when a change to templates is announced."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Message templates")
        self._store = ctx.services.templates
        self._ops = ctx.ops
        self._select_next: int | None = None
        ctx.changes.applied.connect(self._applied)
        self.confirm: Confirm = ask
        self._shown: TemplateRecord | None = None
        self.model = TemplateListModel(self)
        self.list_view = QListView()
        self.list_view.setObjectName("templates")
        self.list_view.setModel(self.model)
        self.new_button = QPushButton("Ne&w")
        self.delete_button = QPushButton("&Delete")
        self.new_button.clicked.connect(self.add_template)
        self.delete_button.clicked.connect(self.delete_template)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left_layout.addLayout(row)

        self.name_edit = QLineEdit()
        self.step_combo = QComboBox()
        self.step_combo.addItem("Any step", None)
        for step in Step:
            self.step_combo.addItem(step.label, step.value)
        self.subject_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.body_edit.setTabChangesFocus(True)
        self.problem_label = WrappedLabel()
        self.problem_label.setObjectName("problem")
        tint_text(self.problem_label, "error")
        self.preview_combo = QComboBox()
        self.preview_combo.addItem("with every detail", True)
        self.preview_combo.addItem("with nothing recorded", False)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("preview")
        self.preview.setReadOnly(True)
        self.insert_combo = QComboBox()
        self.insert_combo.setObjectName("insertPlaceholder")
        self.insert_combo.setPlaceholderText("Insert a placeholder at the cursor…")
        for placeholder in PLACEHOLDERS:
            self.insert_combo.addItem(f"{placeholder.token}  {placeholder.help}", placeholder.token)
        self.insert_combo.setCurrentIndex(-1)
        self.insert_combo.activated.connect(self._insert_placeholder)
        help_label = WrappedLabel()
        help_label.setText(
            "A line whose detail is not recorded (say, no contact name) is left out, and so "
            "is a paragraph whose list is empty (say, no feedback). Write {{ and }} for a "
            "literal brace."
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", self.name_edit)
        form.addRow("For s&tep", self.step_combo)
        form.addRow("S&ubject", self.subject_edit)
        form.addRow("&Body", self.body_edit)
        form.addRow("", self.problem_label)
        form.addRow("", self.insert_combo)
        form.addRow("", help_label)
        form.addRow("&Preview", self.preview_combo)
        form.addRow("", self.preview)
        self.reset_button = QPushButton("&Reset to default")
        self.save_button = QPushButton("&Save")
        self.close_button = QPushButton("Close")
        self.reset_button.clicked.connect(self.reset_template)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(form, 1)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 630])
        QVBoxLayout(self).addWidget(splitter)
        for signal in (self.name_edit.textChanged, self.subject_edit.textChanged):
            signal.connect(self._refresh)
        self.body_edit.textChanged.connect(self._refresh)
        self.step_combo.currentIndexChanged.connect(self._refresh)
        self.preview_combo.currentIndexChanged.connect(self._refresh)
        self.list_view.selectionModel().currentChanged.connect(self._current_changed)
        self._reload(select_id=None)
        first_size(self, 920, 680)

    # --- state --------------------------------------------------------------------------
    def values(self) -> TemplateValues:
        step = self.step_combo.currentData()
        return TemplateValues(
            name=self.name_edit.text(),
            step=Step(step) if step else None,
            subject=self.subject_edit.text(),
            body=self.body_edit.toPlainText(),
        )

    def is_modified(self) -> bool:
        shown = self._shown
        if shown is None:
            return False
        values = self.values()
        return (values.name, values.step, values.subject, values.body) != (
            shown.name,
            shown.step,
            shown.subject,
            shown.body,
        )

    def problem_text(self) -> str:
        return self.problem_label.text()

    def select(self, template_id: int) -> None:
        row = self.model.row_of(template_id)
        if row >= 0:
            self.list_view.setCurrentIndex(self.model.index(row))

    def _reload(self, select_id: int | None) -> None:
        self.model.set_records(self._store.all())
        self._shown = None
        target = self.model.row_of(select_id) if select_id is not None else 0
        if self.model.rowCount():
            self.list_view.setCurrentIndex(self.model.index(max(target, 0)))

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if (
            self._shown is not None
            and self.is_modified()
            and not self.confirm(self, DISCARD, f"Your changes to “{self._shown.name}” are lost.")
        ):
            self.list_view.selectionModel().blockSignals(True)
            self.list_view.setCurrentIndex(previous)
            self.list_view.selectionModel().blockSignals(False)
            return
        self._show(self.model.record(current.row()) if current.isValid() else None)

    def _show(self, record: TemplateRecord | None) -> None:
        self._shown = None
        self.name_edit.setText(record.name if record else "")
        self.step_combo.setCurrentIndex(
            self.step_combo.findData(record.step.value if record and record.step else None)
        )
        self.subject_edit.setText(record.subject if record else "")
        self.body_edit.setPlainText(record.body if record else "")
        self._shown = record
        builtin = record is not None and record.is_builtin
        self.step_combo.setEnabled(not builtin)
        self.step_combo.setToolTip("A default stays with its step" if builtin else "")
        self.delete_button.setEnabled(record is not None and not builtin)
        self.reset_button.setVisible(builtin)
        self._refresh()

    def _refresh(self) -> None:
        if self._shown is None:
            return
        values = self.values()
        found = problem(values)
        self.problem_label.setText(found or "")
        self.problem_label.setVisible(bool(found))
        self.save_button.setEnabled(found is None and self.is_modified())
        self.reset_button.setEnabled(self._shown.is_changed or self.is_modified())
        context = EXAMPLE if self.preview_combo.currentData() else NOTHING_RECORDED
        filled = fill(values.subject, values.body, context)
        self.preview.setPlainText(f"Subject: {filled.subject}\n\n{filled.body}")

    def _insert_placeholder(self, index: int) -> None:
        token = self.insert_combo.itemData(index)
        self.insert_combo.setCurrentIndex(-1)
        if token:
            self.body_edit.insertPlainText(str(token))
            self.body_edit.setFocus()

    # --- actions ------------------------------------------------------------------------
    def save(self) -> bool:
        shown = self._shown
        if shown is None:
            return False
        values = self.values()
        return self._write(lambda: self._store.update(shown.id, values), shown.id, shown.name)

    def add_template(self) -> None:
        if self._shown is not None and self.is_modified() and not self.save():
            return
        values = TemplateValues(
            "New template", None, "", "{greeting}\n\n\n\nBest regards,\n{my_name}"
        )
        added = self._ops.run(
            self,
            lambda: self._store.add(values),
            label="New template",
            initiator=self,
            on_error=lambda exc: self._problem(str(exc)),
        )
        if added is None:
            return
        self.select(added[0])
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def delete_template(self) -> None:
        shown = self._shown
        if shown is None or shown.is_builtin:
            return
        if not self.confirm(self, DELETE, f"Delete “{shown.name}”? Edit ▸ Undo brings it back."):
            return
        self._write(lambda: self._store.delete(shown.id), None, shown.name, verb="Delete")

    def reset_template(self) -> None:
        shown = self._shown
        if shown is None or not shown.is_builtin:
            return
        self._write(lambda: self._store.reset(shown.id), shown.id, shown.name, verb="Reset")

    def _write(
        self,
        write: Callable[[], Change],
        select_id: int | None,
        name: str,
        *,
        verb: str = "Edit",
    ) -> bool:
        self._select_next = select_id
        done = self._ops.run(
            self,
            write,
            label=f"{verb} template “{name}”",
            initiator=self,
            on_error=lambda exc: self._problem(str(exc)),
        )
        return done is not None

    def _applied(self, change: Change, _initiator: object) -> None:
        """Templates changed (here, or undone elsewhere): reload, keeping the place."""
        if change.templates or change.everything:
            shown = self._shown.id if self._shown is not None else None
            keep = self._select_next if self._select_next is not None else shown
            self._select_next = None
            self._reload(select_id=keep)

    def _problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.show()

    def reject(self) -> None:
        if (
            self._shown is not None
            and self.is_modified()
            and not self.confirm(self, DISCARD, f"Your changes to “{self._shown.name}” are lost.")
        ):
            return
        super().reject()


def open_template_editor(
    parent: QWidget | None,
    ctx: AppContext,
    *,
    exec_dialog: Callable[[QDialog], object] = lambda dialog: dialog.exec(),
) -> None:
    """Show the template editor over ``parent`` (for a "Message templates…" menu entry)."""
    dialog = TemplateEditorDialog(ctx, parent)
    try:
        exec_dialog(dialog)
    finally:
        dialog.deleteLater()
