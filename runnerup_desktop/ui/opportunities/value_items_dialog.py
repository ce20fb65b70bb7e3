"""A company's value items (what the person found that matters to them), to add, correct
and delete (issue 15). Each change runs on the change path, one undo step; deleting one
says how many follow-ups and interactions carried it (they stay, without it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core import validation
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.history_services import MAX_VALUE_TITLE
from runnerup_desktop.ui.common.ask import Confirm, asker
from runnerup_desktop.ui.common.writing_dialog import Runner, WritingDialog
from runnerup_desktop.ui.opportunities.news_support import plural
from runnerup_desktop.ui.opportunities.opportunity_dialog import OptionalDateEdit
from runnerup_desktop.ui.shell.context import AppContext

ValueFields = tuple[str, str, dt.date | None]


class ValueItemDialog(WritingDialog):
    """One value item's title, details and the day it was found."""

    def __init__(
        self,
        title: str,
        fields: ValueFields,
        write: Callable[[ValueFields], object],
        run: Runner,
        *,
        label: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, run, parent)
        self._write_fields = write
        self._step_label = label
        name, details, found_on = fields
        self.title_edit = self._add_line_edit(
            "title",
            "&Title",
            lambda text: (
                "Say what you found: a competitor, a large customer, an industry change."
                if not text.strip()
                else validation.check_length(text.strip(), MAX_VALUE_TITLE, "A title")
            ),
            name,
            placeholder="Their main competitor opened a Lisbon office",
        )
        self.details_edit = self._add_text_edit(
            "details",
            "&Details",
            lambda text: validation.check_length(text, validation.MAX_NOTES, "Details"),
            details,
        )
        self.found_edit = OptionalDateEdit(found_on, today, "Found on")
        self._add_row(
            "found_on", "&Found on", self.found_edit, problem=lambda: None, blank=lambda: True
        )
        self._finish_writing("&Save", touch=["title"] if name else [])

    def fields(self) -> ValueFields:
        self._require_valid()
        return (
            self.title_edit.text().strip(),
            self.details_edit.toPlainText().strip(),
            self.found_edit.date(),
        )

    def _label(self) -> str:
        return self._step_label

    def _write(self) -> object:
        return self._write_fields(self.fields())


class ValueItemsDialog(QDialog):
    """The value items of one company, with Add, Edit and Delete."""

    def __init__(self, ctx: AppContext, company_id: int, company: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Value items — {company}")
        self._ctx = ctx
        self._playbook = ctx.services.playbook
        self._company_id = company_id
        self._run = ctx.ops.runner(self, initiator=self)
        #: Asks before deleting; answers "Delete" / "Cancel".
        self.confirm: Confirm = asker("Delete", "Cancel")
        #: Runs the item dialog; tests replace it to fill it in.
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        intro = QLabel(
            "Something you found that matters to them, to bring to a value message (ask for "
            "a call; keep the information itself for it)."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("valueItems")
        self.add_button = QPushButton("&Add…")
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("&Delete…")
        for button, slot in (
            (self.add_button, self.add_item),
            (self.edit_button, self.edit_item),
            (self.delete_button, self.delete_item),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_item())
        self.list.currentRowChanged.connect(lambda _row: self._update())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addWidget(close)
        ctx.changes.applied.connect(self._applied)
        self.refresh()
        self.resize(560, 360)

    def refresh(self, select: int | None = None) -> None:
        current = select if select is not None else self.current_id()
        self.list.clear()
        for item_id, title in self._playbook.value_items(self._company_id):
            entry = QListWidgetItem(title)
            entry.setData(256, item_id)
            self.list.addItem(entry)
            if item_id == current:
                self.list.setCurrentItem(entry)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(256)) if item is not None else None

    def _update(self) -> None:
        chosen = self.current_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _applied(self, change: Change, _initiator: object) -> None:
        if change.everything or change.deleted or self._company_id in change.companies:
            self.refresh()

    def add_item(self) -> None:
        def write(fields: ValueFields) -> tuple[int, Change]:
            return self._playbook.add_value_item(self._company_id, *fields)

        dialog = ValueItemDialog(
            "New value item",
            ("", "", self._ctx.today()),
            write,
            self._run,
            label="Add value item",
            today=self._ctx.today(),
            parent=self,
        )
        self._exec(dialog)
        if isinstance(dialog.written, tuple):
            self.refresh(select=int(dialog.written[0]))

    def edit_item(self) -> None:
        item_id = self.current_id()
        if item_id is None:
            return
        fields = self._playbook.value_item(item_id)
        dialog = ValueItemDialog(
            "Edit value item",
            fields,
            lambda new: self._playbook.update_value_item(item_id, *new),
            self._run,
            label=f"Edit value item “{fields[0]}”",
            today=self._ctx.today(),
            parent=self,
        )
        self._exec(dialog)

    def delete_item(self) -> None:
        item_id = self.current_id()
        if item_id is None:
            return
        title = self._playbook.value_item(item_id)[0]
        follow_ups, interactions = self._playbook.value_item_uses(item_id)
        uses = [
            plural(n, what)
            for n, what in ((follow_ups, "follow-up"), (interactions, "interaction"))
            if n
        ]
        kept = f" {' and '.join(uses)} that carried it stay, without it." if uses else ""
        if self.confirm(self, "Delete value item", f"Delete “{title}”?{kept}"):
            self._run(
                lambda: self._playbook.delete_value_item(item_id),
                label=f"Delete value item “{title}”",
            )

    def _exec(self, dialog: QDialog) -> None:
        try:
            self.exec_dialog(dialog)
        finally:
            dialog.deleteLater()
