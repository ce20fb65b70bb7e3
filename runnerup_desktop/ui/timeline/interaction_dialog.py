"""Log an interaction by hand: a call, email, meeting, message, card or note at one company.

Each field checks itself next to it (a day still ahead is refused; a note needs a summary).
The cadence guard never asks here: what is logged already happened, and a warning about
it would only scold (issue 15). Saving goes through
:meth:`~runnerup_desktop.store.directory_services.DirectoryServices.log_interaction` on
the change path, one transaction; a refusal is shown in the dialog.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QSizePolicy, QWidget

from runnerup_desktop.core import validation
from runnerup_desktop.core.domain import Direction, InteractionKind
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.directory_queries import company_contacts, company_name
from runnerup_desktop.ui.common.dates import date_field, qdate
from runnerup_desktop.ui.common.sql_table_model import DATE_FORMAT
from runnerup_desktop.ui.common.writing_dialog import WritingDialog
from runnerup_desktop.ui.shell.context import AppContext

#: ``(parent, title, message) -> True`` to go ahead; tests answer without a modal.

NO_CONTACT = "No one: a note about the company"
NO_VALUE = "Nothing this time"
DIRECTION_CHOICES = {
    Direction.OUTBOUND: "Outbound: I reached out",
    Direction.INBOUND: "Inbound: they reached me",
    Direction.NONE: "None: not a touch",
}
SUMMARY_HINT = "What happened, in a line or two"
NOTE_HINT = "Required for a note: what do you want to remember?"


class InteractionDialog(WritingDialog):
    """Log what happened with a contact of ``company_id`` (or a note about the company).

    ``contact_id`` presets the contact. Saving runs on the change path it is given; after
    it, :attr:`interaction_id` is the new interaction's id and :attr:`change` what changed.
    With ``editing`` (an interaction's id) the dialog corrects that interaction instead.
    """

    def __init__(
        self,
        ctx: AppContext,
        company_id: int,
        contact_id: int | None = None,
        parent: QWidget | None = None,
        *,
        editing: int | None = None,
    ) -> None:
        super().__init__(
            "Edit interaction" if editing is not None else "Log an interaction",
            ctx.ops.runner(parent, initiator=parent),
            parent,
        )
        self.editing = editing
        stored = ctx.services.directory.interaction_fields(editing) if editing is not None else {}
        if stored:
            contact_id = stored["contact_id"]
        today = ctx.today
        playbook = ctx.services.playbook
        self._services = ctx.services.directory
        self._playbook = playbook
        self._settings = ctx.settings
        self._company_id = company_id
        self._today = today
        self.interaction_id: int | None = None
        with ctx.sessions() as session:
            company = company_name(session, company_id) or ""
            contacts = company_contacts(session, company_id)
        if company:
            verb = "Edit an interaction" if editing is not None else "Log an interaction"
            self.setWindowTitle(f"{verb} at {company}")
        known = contact_id is not None and any(row[0] == contact_id for row in contacts)
        preset = contact_id if known and contact_id is not None else 0
        kind = InteractionKind.EMAIL if preset else InteractionKind.NOTE
        direction = Direction.OUTBOUND if preset else Direction.NONE
        if stored:
            kind, direction = stored["kind"], stored["direction"]

        self.contact_combo = self._add_combo(
            "contact_id",
            "&Contact",
            [(NO_CONTACT, 0), *((f"{name} ({role.label})", cid) for cid, name, role in contacts)],
            preset,
        )
        self.kind_combo = self._add_combo(
            "kind", "&Kind", [(k.label, k.value) for k in InteractionKind], kind.value
        )
        self.direction_combo = self._add_combo(
            "direction",
            "&Direction",
            [(text, d.value) for d, text in DIRECTION_CHOICES.items()],
            direction.value,
        )
        self.date_edit = date_field(stored.get("occurred_on") or today())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._add_row(
            "occurred_on", "D&ate", self.date_edit, problem=self._date_problem, blank=lambda: False
        )
        cell = self.date_edit.parentWidget()
        cell_layout = cell.layout() if cell is not None else None
        if cell_layout is not None:
            cell_layout.setAlignment(self.date_edit, Qt.AlignmentFlag.AlignLeft)
        self.date_edit.dateChanged.connect(self._revalidate)
        self.summary_edit = self._add_text_edit(
            "summary", "S&ummary", self._summary_problem, stored.get("summary", "")
        )
        self.value_combo = self._add_combo(
            "value_item_id",
            "&Value shared",
            [(NO_VALUE, 0), *((title, vid) for vid, title in playbook.value_items(company_id))],
            stored.get("value_item_id") or 0,
        )
        self.value_combo.setToolTip(
            "Something of value you brought (a competitor, a customer, an industry change): "
            "touches that carry value build trust."
        )
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self._update_summary_hint()
        self._finish_writing()
        self.resize(max(self.width(), 540), self.height())

    # --- what is entered ---------------------------------------------------------------
    def kind(self) -> InteractionKind:
        return InteractionKind(self.kind_combo.currentData())

    def direction(self) -> Direction:
        return Direction(self.direction_combo.currentData())

    def contact_id(self) -> int | None:
        return int(self.contact_combo.currentData() or 0) or None

    def occurred_on(self) -> dt.date:
        day: dt.date = self.date_edit.date().toPython()  # type: ignore[assignment]
        return day

    def set_occurred_on(self, day: dt.date) -> None:
        self.date_edit.setDate(qdate(day))

    def fields(self) -> dict[str, Any]:
        """The Interaction columns to store. Raises ``ValueError`` while a field is wrong."""
        self._require_valid()
        return {
            "company_id": self._company_id,
            "contact_id": self.contact_id(),
            "kind": self.kind(),
            "direction": self.direction(),
            "occurred_on": self.occurred_on(),
            "summary": self.summary_edit.toPlainText().strip(),
            "value_item_id": int(self.value_combo.currentData() or 0) or None,
        }

    # --- checks ------------------------------------------------------------------------
    def _date_problem(self) -> str | None:
        today = self._today()
        if self.occurred_on() <= today:
            return None
        shown = QLocale().toString(qdate(today), DATE_FORMAT)
        return (
            f"That day is still ahead (today is {shown}): log only what already happened, "
            f"and plan a follow-up for a touch to come."
        )

    def _summary_problem(self, text: str) -> str | None:
        if self.kind() is InteractionKind.NOTE and not text.strip():
            return "A note needs a summary: write down what you want to remember."
        if not text.strip():
            return "Say what happened in a few words: a logged interaction needs a summary."
        return validation.check_length(text, validation.MAX_NOTES, "A summary")

    def _kind_changed(self) -> None:
        if self.kind() is InteractionKind.NOTE:
            self._set_direction(Direction.NONE)
        elif self.direction() is Direction.NONE:
            self._set_direction(Direction.OUTBOUND)
        self._update_summary_hint()

    def _set_direction(self, direction: Direction) -> None:
        self.direction_combo.setCurrentIndex(self.direction_combo.findData(direction.value))

    def _update_summary_hint(self) -> None:
        note = self.kind() is InteractionKind.NOTE
        self.summary_edit.setPlaceholderText(NOTE_HINT if note else SUMMARY_HINT)

    # --- saving ------------------------------------------------------------------------
    def _label(self) -> str:
        if self.editing is not None:
            return f"Edit {self.kind().label.lower()} of {self.occurred_on().isoformat()}"
        return f"Log {self.kind().label.lower()}"

    def _write(self) -> tuple[int, Change]:
        if self.editing is not None:
            self.interaction_id = self.editing
            return self.editing, self._services.update_interaction(self.editing, self.fields())
        interaction_id, change = self._services.log_interaction(self.fields())
        self.interaction_id = interaction_id
        return interaction_id, change
