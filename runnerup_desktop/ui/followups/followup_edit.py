"""Correcting a follow-up: every field (issue 15), and reopening a done or skipped one.

:class:`EditFollowUpDialog` shows what the follow-up keeps (its person, step, channel, day
and time, opportunity, value item and notes, whose first line is its title) and saves it
through :meth:`~runnerup_desktop.store.followup_services.FollowUpServices.update_follow_up`
on the change path, one undo step. The company stays: a follow-up about another company is
a new one. The cadence guard asks only when the touch moved (a new day, person, step or
channel), and never counts the follow-up as its own neighbour.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from runnerup_desktop.core.domain import Channel, FollowUpStatus, Step
from runnerup_desktop.core.news import NOT_OUTBOUND_STEPS, FollowUpValues, headline
from runnerup_desktop.core.text import isolate
from runnerup_desktop.core.validation import MAX_NOTES, check_length
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.common.ask import TOO_CLOSE, Confirm, ask_warning
from runnerup_desktop.ui.common.writing_dialog import Runner
from runnerup_desktop.ui.followups.followup_dialogs import ActionDialog, day_of

NOBODY, NONE = 0, 0
_TIME = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$")


def parse_time(text: str) -> dt.time | None:
    """ "9:30", "09:30", "9.30" or "9h30"; ``None`` for no time. Raises ValueError."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    if match is None:
        raise ValueError(text)
    return dt.time(int(match.group(1)), int(match.group(2)))


def _time_problem(text: str) -> str | None:
    try:
        parse_time(text)
    except ValueError:
        return "Write the time as hours and minutes, like 9:30 or 14:00, or leave it empty."
    return None


class EditFollowUpDialog(ActionDialog):
    """Every field of one follow-up; see the module's docstring."""

    def __init__(
        self,
        playbook: PlaybookServices,
        follow_up_id: int,
        values: FollowUpValues,
        *,
        company: str,
        status: FollowUpStatus,
        contacts: Sequence[tuple[int, str]],
        opportunities: Sequence[tuple[int, str]],
        value_items: Sequence[tuple[int, str]],
        min_spacing_days: int,
        run: Runner,
        confirm: Confirm = ask_warning,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit follow-up", run, confirm, parent)
        self.follow_up_id = follow_up_id
        self._playbook = playbook
        self._before = values
        self._min_days = min_spacing_days
        title = headline(values.notes) or values.step.label
        done = "" if status is FollowUpStatus.PLANNED else f" · {status.label.lower()}"
        self.heading = self._add_heading(f"“{isolate(title)}” at {isolate(company)}{done}")
        self.contact_combo = self._add_combo(
            "contact_id",
            "C&ontact",
            [("Nobody in particular", NOBODY), *((name, cid) for cid, name in contacts)],
            values.contact_id or NOBODY,
        )
        self.step_combo = self._add_combo(
            "step", "St&ep", [(step.label, step.value) for step in Step], values.step.value
        )
        self.channel_combo = self._add_combo(
            "channel", "C&hannel", [(c.label, c.value) for c in Channel], values.channel.value
        )
        self.date_edit = self._add_date("due_on", "&Due on", values.due_on, lambda _on: None)
        self.time_edit = self._add_line_edit(
            "due_time",
            "&Time",
            _time_problem,
            values.due_time.strftime("%H:%M") if values.due_time else "",
            placeholder="Optional, like 9:30",
        )
        self.opportunity_combo = self._add_combo(
            "opportunity_id",
            "O&pportunity",
            [("None", NONE), *((name, oid) for oid, name in opportunities)],
            values.opportunity_id or NONE,
        )
        self.value_combo = self._add_combo(
            "value_item_id",
            "&Value to bring",
            [("Nothing", NONE), *((name, vid) for vid, name in value_items)],
            values.value_item_id or NONE,
        )
        self.notes_edit = self._add_text_edit(
            "notes", "&Notes", lambda text: check_length(text, MAX_NOTES, "Notes"), values.notes
        )
        self.notes_edit.setPlaceholderText("The first line is the title shown in lists.")
        self.step_combo.currentIndexChanged.connect(self._step_chosen)
        self._finish("&Save")

    def values(self) -> FollowUpValues:
        self._require_valid()
        contact = int(self.contact_combo.currentData() or 0)
        opportunity = int(self.opportunity_combo.currentData() or 0)
        value_item = int(self.value_combo.currentData() or 0)
        return FollowUpValues(
            company_id=self._before.company_id,
            due_on=day_of(self.date_edit),
            contact_id=contact or None,
            opportunity_id=opportunity or None,
            step=Step(self.step_combo.currentData()),
            channel=Channel(self.channel_combo.currentData()),
            due_time=parse_time(self.time_edit.text()),
            notes=self.notes_edit.toPlainText().strip(),
            value_item_id=value_item or None,
        )

    def _step_chosen(self) -> None:
        if Step(self.step_combo.currentData()) in NOT_OUTBOUND_STEPS:
            self.channel_combo.setCurrentIndex(self.channel_combo.findData(Channel.NONE.value))

    def _questions(self) -> list[tuple[str, str]]:
        values, before = self.values(), self._before
        moved = (values.due_on, values.contact_id, values.step, values.channel) != (
            before.due_on,
            before.contact_id,
            before.step,
            before.channel,
        )
        if not moved:
            return []
        touch = (values.contact_id, values.step, values.channel)
        message = self._playbook.spacing_question(
            self._min_days, touch, values.due_on, self.follow_up_id
        )
        return [(TOO_CLOSE, message)] if message else []

    def _label(self) -> str:
        return f"Edit “{headline(self._before.notes) or self._before.step.label}”"

    def _write(self) -> Change:
        return self._playbook.update_follow_up(self.follow_up_id, self.values())
