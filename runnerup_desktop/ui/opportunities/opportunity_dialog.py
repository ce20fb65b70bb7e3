"""Add or edit an opportunity, and the small date dialog of the later events.

Both dialogs write through a ``write`` callable they are given (a service call returning a
:class:`~runnerup_desktop.store.change.Change`), so that a :class:`ServiceError` is shown
in the dialog, above its buttons, with everything the person typed kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core import validation
from runnerup_desktop.core.domain import JobLevel, Stage
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.opportunity_services import MAX_TITLE, MAX_WINNER_NAME
from runnerup_desktop.ui.common.dates import qdate
from runnerup_desktop.ui.common.forms import WrappedLabel
from runnerup_desktop.ui.common.writing_dialog import Runner, WritingDialog
from runnerup_desktop.ui.opportunities.news_plan_tables import show_date, to_date
from runnerup_desktop.ui.opportunities.news_support import date_edit

Today = Callable[[], dt.date]


class OptionalDateEdit(QWidget):
    """A date that may be unknown: a checkbox turns the date field on."""

    changed = Signal()

    def __init__(self, day: dt.date | None, default: dt.date, label: str) -> None:
        super().__init__()
        self.known = QCheckBox()
        self.known.setAccessibleName(f"{label} is known")
        self.known.setToolTip("Tick when you know the date")
        self.edit = date_edit(day or default)
        self.edit.setAccessibleName(label)
        self.unknown = QLabel("Not set: tick to enter the date")
        self.unknown.setStyleSheet("color: palette(placeholder-text);")
        self.unknown.setMinimumHeight(self.edit.sizeHint().height())  # no jump when ticked
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.edit)
        layout.addWidget(self.unknown)
        layout.addStretch(1)
        self.set_date(day)
        self.known.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.setFocusProxy(self.known)

    def date(self) -> dt.date | None:
        return to_date(self.edit.date()) if self.known.isChecked() else None

    def set_date(self, day: dt.date | None) -> None:
        if day is not None:
            self.edit.setDate(qdate(day))
        self.known.setChecked(day is not None)
        self._show(day is not None)

    def _show(self, known: bool) -> None:
        self.edit.setVisible(known)
        self.unknown.setVisible(not known)

    def _toggled(self, known: bool) -> None:
        self._show(known)
        if known:
            self.edit.setFocus()
        self.changed.emit()


class OpportunityDialog(WritingDialog):
    """``values`` are the stored fields of the opportunity to edit (``None``: a new one).

    ``write`` receives :meth:`values` (the service's field names) and returns the Change
    (or the new id and the Change); it runs on the change path ``run``.
    """

    def __init__(
        self,
        write: Callable[[dict[str, Any]], object],
        run: Runner,
        values: Mapping[str, Any] | None = None,
        today: Today = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        editing = values is not None and bool(str(values.get("title", "")).strip())
        super().__init__("Edit opportunity" if editing else "New opportunity", run, parent)
        self._editing = editing
        self._write_fields = write
        self._today = today
        initial: dict[str, Any] = {**_NEW, **(values or {})}
        self._news_on: dt.date | None = initial.get("news_on")
        self.title_edit = self._add_line_edit(
            "title", "&Role title", _check_title, initial["title"], placeholder="Data Engineer"
        )
        self.job_level_combo = self._add_combo(
            "job_level",
            "Job &level",
            [(level.label, level.value) for level in JobLevel],
            str(initial["job_level"]),
            required=lambda _combo: "Choose a job level: the one saved is not one RunnerUp knows.",
        )
        self.stage_combo = self._add_combo(
            "stage",
            "S&tage",
            [(s.label, s.value) for s in Stage],
            str(initial["stage"]),
            required=lambda _combo: "Choose a stage: the one saved is not one RunnerUp knows.",
        )
        self.applied_edit = self._add_date(
            "applied_on", "&Applied on", initial["applied_on"], self._applied_problem
        )
        self.final_edit = self._add_date(
            "final_interview_on",
            "&Final interview on",
            initial["final_interview_on"],
            self._final_problem,
        )
        self.winner_edit = self._add_line_edit(
            "winner_name",
            "Who &got the job",
            lambda text: validation.check_length(
                validation.normalize_line(text), MAX_WINNER_NAME, "A name"
            ),
            initial["winner_name"],
            placeholder="The other candidate's name, if you know it",
        )
        self.stories_edit = self._add_text_edit(
            "strong_stories",
            "Strong stor&ies",
            lambda text: validation.check_length(text, validation.MAX_NOTES, "Stories"),
            initial["strong_stories"],
        )
        self.stories_edit.setPlaceholderText("One per line: the stories that landed well")
        self.notes_edit = self._add_text_edit(
            "notes",
            "N&otes",
            lambda text: validation.check_length(text, validation.MAX_NOTES, "Notes"),
            initial["notes"],
        )
        self._finish_writing(touch=["title", "job_level", "stage"] if editing else ())
        self.resize(max(self.width(), 560), self.height())

    def _add_date(
        self,
        key: str,
        label: str,
        day: dt.date | None,
        problem: Callable[[], str | None],
    ) -> OptionalDateEdit:
        edit = OptionalDateEdit(day, self._today(), label.replace("&", ""))
        self._add_row(key, label, edit, problem=problem, blank=lambda: edit.date() is None)
        edit.changed.connect(self._revalidate)
        return edit

    def _applied_problem(self) -> str | None:
        applied = self.applied_edit.date()
        if applied is not None and applied > self._today():
            return f"You cannot have applied on {show_date(applied)}, after today."
        return None

    def _final_problem(self) -> str | None:
        applied, final = self.applied_edit.date(), self.final_edit.date()
        if final is None:
            return None
        if applied is not None and final < applied:
            return (
                f"The final interview on {show_date(final)} comes before the application on "
                f"{show_date(applied)}."
            )
        if self._news_on is not None and final > self._news_on:
            return (
                f"The final interview on {show_date(final)} comes after the news on "
                f"{show_date(self._news_on)}."
            )
        return None

    def values(self) -> dict[str, Any]:
        """The fields as the services take them. Raises ``ValueError`` while a field is wrong."""
        self._require_valid()
        stories = (line.strip() for line in self.stories_edit.toPlainText().splitlines())
        return {
            "title": validation.normalize_line(self.title_edit.text()),
            "job_level": JobLevel(self.job_level_combo.currentData()),
            "stage": Stage(self.stage_combo.currentData()),
            "applied_on": self.applied_edit.date(),
            "final_interview_on": self.final_edit.date(),
            "winner_name": validation.normalize_line(self.winner_edit.text()),
            "strong_stories": "\n".join(line for line in stories if line),
            "notes": self.notes_edit.toPlainText().strip(),
        }

    def _label(self) -> str:
        title = str(self.values()["title"])
        return f"{'Edit' if self._editing else 'New'} opportunity “{title}”"

    def _write(self) -> object:
        return self._write_fields(self.values())


class EventDateDialog(WritingDialog):
    """Asks for the day of a later event, checks it, then calls ``write(day)``.

    ``guard(day)`` may ask a question before writing (the cadence guard); false keeps the
    dialog open so the date can be changed.
    """

    def __init__(
        self,
        title: str,
        explanation: str,
        label: str,
        initial: dt.date,
        check: Callable[[dt.date], str | None],
        write: Callable[[dt.date], Change],
        run: Runner,
        guard: Callable[[dt.date], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, run, parent)
        self._title = title
        self._write_day = write
        self._guard = guard
        self.explanation = WrappedLabel()
        self.explanation.setText(explanation)
        self.date_edit = date_edit(initial)
        self._add_row(
            "on", label, self.date_edit, problem=lambda: check(self.day()), blank=lambda: False
        )
        self.date_edit.dateChanged.connect(self._revalidate)
        self._finish_writing()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.explanation)
        self.setMinimumWidth(440)

    def day(self) -> dt.date:
        return to_date(self.date_edit.date())

    def set_day(self, day: dt.date) -> None:
        self.date_edit.setDate(qdate(day))

    def _go_ahead(self) -> bool:
        if self._guard is not None and not self._guard(self.day()):
            self.date_edit.setFocus()
            return False
        return True

    def _label(self) -> str:
        return self._title

    def _write(self) -> Change:
        return self._write_day(self.day())


def _check_title(text: str) -> str | None:
    if not text.strip():
        return "An opportunity needs a role title, like “Data Engineer”."
    return validation.check_length(validation.normalize_line(text), MAX_TITLE, "A role title")


_NEW: dict[str, Any] = {
    "title": "",
    "job_level": JobLevel.INDIVIDUAL_CONTRIBUTOR,
    "stage": Stage.APPLIED,
    "applied_on": None,
    "final_interview_on": None,
    "news_on": None,
    "winner_name": "",
    "strong_stories": "",
    "notes": "",
}
