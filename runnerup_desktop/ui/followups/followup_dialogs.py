"""The dialogs behind the follow-up actions: done, a new date, a new follow-up.

Each is a :class:`~runnerup_desktop.ui.common.forms.WritingDialog`: on Save it checks its
fields, asks the questions the playbook wants asked (the cadence guard, a value item that
was already shared) through the replaceable ``confirm`` callable, then writes through the
change path it was given. A refusal is shown above the buttons and the dialog stays open
with what the person typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget

from runnerup_desktop.core.domain import Channel, Step
from runnerup_desktop.core.news import NOT_OUTBOUND_STEPS, FollowUpValues, headline
from runnerup_desktop.core.text import isolate
from runnerup_desktop.core.validation import MAX_NOTES, check_length
from runnerup_desktop.store.agenda_queries import AgendaItem
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.common.ask import ALREADY_SHARED, TOO_CLOSE, Confirm, ask_warning
from runnerup_desktop.ui.common.colors import tint_box
from runnerup_desktop.ui.common.dates import date_field
from runnerup_desktop.ui.common.forms import WrappedLabel
from runnerup_desktop.ui.common.writing_dialog import Runner, WritingDialog
from runnerup_desktop.ui.followups.followup_table import short_day

MAX_NOTE = 500
#: The value choices that are not a stored item.
NEW_VALUE, NO_VALUE = -1, 0
VALUE_STEPS = frozenset({Step.DEMONSTRATE_VALUE, Step.MIS_HIRE_WINDOW})
DATE_FORMAT = "ddd d MMM yyyy"


def day_of(edit: QDateEdit) -> dt.date:
    """The day a date edit shows."""
    date = edit.date()
    return dt.date(date.year(), date.month(), date.day())


class ActionDialog(WritingDialog):
    """A follow-up form; see the module's docstring."""

    def __init__(self, title: str, run: Runner, confirm: Confirm, parent: QWidget | None) -> None:
        super().__init__(title, run, parent, confirm=confirm)

    def _add_heading(self, text: str) -> WrappedLabel:
        label = WrappedLabel()
        label.setObjectName("heading")
        label.setText(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        self._form.addRow(label)
        return label

    def _add_date(
        self, key: str, label: str, initial: dt.date, check: Callable[[dt.date], str | None]
    ) -> QDateEdit:
        edit = date_field(initial)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        self._add_row(key, label, edit, problem=lambda: check(day_of(edit)), blank=lambda: False)
        edit.dateChanged.connect(self._revalidate)
        return edit

    def _finish(self, save_text: str) -> None:
        self._finish_writing(
            save_text,
            touch=[k for k, f in self._fields.items() if isinstance(f.widget, QDateEdit)],
        )


class DateDialog(ActionDialog):
    """Pick a new day for follow-ups: reschedule, or snooze to a chosen day.

    ``check`` says what is wrong with a day; ``question`` gives the cadence guard's warning
    for a day (or ``None``); ``save`` moves the follow-ups there.
    """

    def __init__(
        self,
        title: str,
        heading: str,
        initial: dt.date,
        *,
        check: Callable[[dt.date], str | None],
        question: Callable[[dt.date], str | None],
        save: Callable[[dt.date], Change],
        run: Runner,
        label: str,
        confirm: Confirm = ask_warning,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, run, confirm, parent)
        self._question = question
        self._move = save
        self._step_label = label
        self._add_heading(heading)
        self.date_edit = self._add_date("due_on", "Move &to", initial, check)
        self._finish("&Move")

    def day(self) -> dt.date:
        return day_of(self.date_edit)

    def _questions(self) -> list[tuple[str, str]]:
        message = self._question(self.day())
        return [(TOO_CLOSE, message)] if message else []

    def _label(self) -> str:
        return self._step_label

    def _write(self) -> Change:
        return self._move(self.day())


class NewFollowUpDialog(ActionDialog):
    """A follow-up planned by hand: company, contact, step, channel, day and notes.

    ``contacts_of(company_id)`` lists a company's contacts as ``(id, name)``.
    """

    def __init__(
        self,
        playbook: PlaybookServices,
        companies: Sequence[tuple[int, str]],
        contacts_of: Callable[[int], list[tuple[int, str]]],
        *,
        today: dt.date,
        min_spacing_days: int,
        run: Runner,
        confirm: Confirm = ask_warning,
        company_id: int | None = None,
        due_on: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("New follow-up", run, confirm, parent)
        self.follow_up_id: int | None = None
        self._playbook = playbook
        self._contacts_of = contacts_of
        self._today = today
        self._min_days = min_spacing_days
        self.company_combo = self._add_combo(
            "company_id",
            "&Company",
            [(name, cid) for cid, name in companies],
            company_id,
            required=lambda combo: (
                "Choose the company this follow-up is about."
                if combo.count()
                else "Add a company first: every follow-up is about one."
            ),
            placeholder="Choose a company…",
        )
        self.contact_combo = self._add_combo("contact_id", "C&ontact", [], None)
        self.step_combo = self._add_combo(
            "step",
            "&Step",
            [(step.label, step.value) for step in Step if step is not Step.THANK_AND_ASK],
            Step.OTHER.value,
        )
        self.channel_combo = self._add_combo(
            "channel", "C&hannel", [(c.label, c.value) for c in Channel], Channel.EMAIL.value
        )
        self.date_edit = self._add_date("due_on", "&Due on", due_on or today, self._day_problem)
        self.notes_edit = self._add_text_edit(
            "notes", "&Notes", lambda text: check_length(text, MAX_NOTES, "Notes"), ""
        )
        self.notes_edit.setPlaceholderText("The first line is the title shown in lists.")
        self.company_combo.currentIndexChanged.connect(self._fill_contacts)
        self.step_combo.currentIndexChanged.connect(self._step_chosen)
        self._fill_contacts()
        self._finish("&Plan it")

    def values(self) -> FollowUpValues:
        self._require_valid()
        contact = self.contact_combo.currentData()
        return FollowUpValues(
            company_id=int(self.company_combo.currentData()),
            contact_id=int(contact) if contact else None,
            step=Step(self.step_combo.currentData()),
            channel=Channel(self.channel_combo.currentData()),
            due_on=day_of(self.date_edit),
            notes=self.notes_edit.toPlainText().strip(),
        )

    def _day_problem(self, on: dt.date) -> str | None:
        if on < self._today:
            return (
                "That day is in the past. Plan it for today or later, or log what already "
                "happened as an interaction."
            )
        return None

    def _fill_contacts(self) -> None:
        combo: QComboBox = self.contact_combo
        company = self.company_combo.currentData()
        combo.clear()
        combo.addItem("Nobody in particular", 0)
        for contact_id, name in self._contacts_of(int(company)) if company else []:
            combo.addItem(name, contact_id)
        combo.setCurrentIndex(1 if combo.count() > 1 else 0)

    def _step_chosen(self) -> None:
        if Step(self.step_combo.currentData()) in NOT_OUTBOUND_STEPS:
            self.channel_combo.setCurrentIndex(self.channel_combo.findData(Channel.NONE.value))

    def _questions(self) -> list[tuple[str, str]]:
        values = self.values()
        touch = (values.contact_id, values.step, values.channel)
        message = self._playbook.spacing_question(self._min_days, touch, values.due_on)
        return [(TOO_CLOSE, message)] if message else []

    def _label(self) -> str:
        values = self.values()
        return f"Plan “{headline(values.notes) or values.step.label}”"

    def _write(self) -> tuple[int, Change]:
        follow_up_id, change = self._playbook.add_follow_up(self.values())
        self.follow_up_id = follow_up_id
        return follow_up_id, change


class DoneDialog(ActionDialog):
    """Mark one follow-up done with a short note; a value touch says what value it carried.

    The value can be one of the company's items, a new one (title and details), or nothing;
    an item already shared with this contact is named under the choice and asked about.
    """

    def __init__(
        self,
        playbook: PlaybookServices,
        item: AgendaItem,
        *,
        today: dt.date,
        run: Runner,
        confirm: Confirm = ask_warning,
        value_item_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Mark follow-up done", run, confirm, parent)
        self._playbook = playbook
        self._item = item
        self._today = today
        who = f"{isolate(item.contact)}, {isolate(item.company)}" if item.contact else item.company
        self._add_heading(f"“{isolate(item.title)}” — {isolate(who)}")
        self.note_edit = self._add_line_edit(
            "note",
            "&What you did",
            lambda text: check_length(text, MAX_NOTE, "The note"),
            "",
            placeholder="Sent the article on their new warehouse (optional)",
        )
        self.date_edit = self._add_date("done_on", "&Done on", today, self._day_problem)
        self.value_combo: QComboBox | None = None
        if item.step in VALUE_STEPS:
            self._add_value_fields(value_item_id)
        self._finish("&Mark done")

    def _add_value_fields(self, value_item_id: int | None) -> None:
        items = self._playbook.value_items(self._item.company_id)
        choices: list[tuple[str, object]] = [(title, item_id) for item_id, title in items]
        choices += [("A new value item…", NEW_VALUE), ("Nothing this time", NO_VALUE)]
        self.value_combo = self._add_combo(
            "value_item",
            "&Value it carried",
            choices,
            value_item_id,
            required=lambda _combo: (
                "Say what value this touch carried: choose one, add a new one, or "
                "“Nothing this time”."
            ),
            placeholder="Choose what you brought…",
        )
        self.shared_label = WrappedLabel()
        self.shared_label.setObjectName("alreadyShared")
        tint_box(self.shared_label, "notice", "4px 6px")
        self._form.addRow("", self.shared_label)
        new_chosen = self._new_value_chosen
        self.value_title_edit = self._add_line_edit(
            "value_title",
            "&Title",
            lambda text: (
                "Give the new value item a title: what did you find?"
                if new_chosen() and not text.strip()
                else check_length(text, 300, "A title")
            ),
            "",
            placeholder="Their main competitor opened a Lisbon office",
        )
        self.value_details_edit = self._add_text_edit(
            "value_details", "D&etails", lambda text: check_length(text, MAX_NOTES, "Details"), ""
        )
        self.value_combo.currentIndexChanged.connect(self._value_chosen)
        self._value_chosen()

    def _new_value_chosen(self) -> bool:
        return self.value_combo is not None and self.value_combo.currentData() == NEW_VALUE

    def _value_chosen(self) -> None:
        new = self._new_value_chosen()
        for key in ("value_title", "value_details"):
            cell = self._fields[key].widget.parentWidget()
            if cell is not None:
                self._form.setRowVisible(cell, new)
        sentence = self.shared_sentence()
        self.shared_label.setText(sentence)
        self._form.setRowVisible(self.shared_label, bool(sentence))
        self._revalidate()

    def chosen_value_item(self) -> int | None:
        """The stored value item chosen, if one is."""
        data = self.value_combo.currentData() if self.value_combo is not None else None
        return int(data) if isinstance(data, int) and data > 0 else None

    def shared_sentence(self) -> str:
        """ "You already shared “X” with Hana Kobayashi on 3 Oct.", or "" when not."""
        item_id, contact_id = self.chosen_value_item(), self._item.contact_id
        if item_id is None or contact_id is None:
            return ""
        for shared in self._playbook.shared_with(item_id):
            if shared.contact_id == contact_id:
                title = self.value_combo.currentText() if self.value_combo else ""
                on = short_day(shared.last_on, self._today)
                return f"You already shared “{isolate(title)}” with {isolate(shared.name)} on {on}."
        return ""

    def _day_problem(self, on: dt.date) -> str | None:
        if on > self._today:
            return "You cannot have done it after today: mark it done once it is."
        return None

    def _questions(self) -> list[tuple[str, str]]:
        sentence = self.shared_sentence()
        if not sentence:
            return []
        return [(ALREADY_SHARED, f"{sentence} Bring it again in this touch?")]

    def _label(self) -> str:
        return f"Mark “{isolate(self._item.title)}” done"

    def _write(self) -> Change:
        new_value = None
        if self._new_value_chosen():
            new_value = (self.value_title_edit.text(), self.value_details_edit.toPlainText())
        return self._playbook.complete(
            self._item.id,
            self.note_edit.text(),
            day_of(self.date_edit),
            self.chosen_value_item(),
            new_value=new_value,
        )
