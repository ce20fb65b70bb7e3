"""*Record a role you came second for*: the welcome view's guided flow.

Three short questions (the company, the role, the person who told you) in one form,
written together in one transaction (:class:`~runnerup_desktop.store.story_services.
StoryServices`); then *Record the news* for that role opens, with the person already
chosen: the day of the news, the feedback, and the playbook's plan to review.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QSizePolicy, QWidget

from runnerup_desktop.core import validation
from runnerup_desktop.core.domain import ContactRole, JobLevel
from runnerup_desktop.store.opportunity_services import MAX_TITLE
from runnerup_desktop.store.story_services import StoryIds, StoryStart
from runnerup_desktop.ui.common.dates import DateField, qdate
from runnerup_desktop.ui.common.forms import WrappedLabel
from runnerup_desktop.ui.common.writing_dialog import WritingDialog
from runnerup_desktop.ui.shell.context import AppContext

#: Who usually tells a finalist the news, most likely first.
TOLD_BY_ROLES = (
    ContactRole.RECRUITER,
    ContactRole.HIRING_MANAGER,
    ContactRole.HR,
    ContactRole.INTERVIEWER,
    ContactRole.OTHER,
)
NOT_KNOWN = "Not known"
DATE_FORMAT = "d MMM yyyy"


def _role_problem(text: str) -> str | None:
    if not text.strip():
        return "Name the role: the job you came second for."
    return validation.check_length(text.strip(), MAX_TITLE, "The role")


def _person_problem(text: str) -> str | None:
    return validation.check_person_name(text) if text.strip() else None


class StoryDialog(WritingDialog):
    """The company, the role and who told you; Save writes them and hands on to the news.
    After ``exec()`` returns true, :attr:`ids` holds what was made."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            "Record a role you came second for", ctx.ops.runner(parent, initiator=parent), parent
        )
        self._services = ctx.services.story
        self._today = ctx.today
        self.ids: StoryIds | None = None
        intro = WrappedLabel()
        intro.setText(
            "Three questions, then the news itself: the day you heard and what they said. "
            "RunnerUp plans your follow-ups from that day."
        )
        self._form.addRow(intro)
        self.company_edit = self._add_line_edit(
            "company",
            "&Company",
            validation.check_company_name,
            "",
            placeholder="Where you came second (required)",
        )
        self.role_edit = self._add_line_edit(
            "role", "&Role", _role_problem, "", placeholder="The job: Data Engineer (required)"
        )
        self.level_combo = self._add_combo(
            "job_level",
            "&Level",
            [(level.label, level.value) for level in JobLevel],
            JobLevel.INDIVIDUAL_CONTRIBUTOR.value,
        )
        self.level_combo.setToolTip("How long to wait before re-contacting depends on the level")
        self.final_edit = self._final_interview_edit()
        self._add_row(
            "final_interview_on",
            "&Final interview",
            self.final_edit,
            problem=self._final_problem,
            blank=lambda: False,
        )
        self.final_edit.dateChanged.connect(self._revalidate)
        self.person_edit = self._add_line_edit(
            "told_by",
            "&Who told you",
            _person_problem,
            "",
            placeholder="Their name, if you know it",
        )
        self.person_role_combo = self._add_combo(
            "told_by_role",
            "Their &part",
            [(role.label, role.value) for role in TOLD_BY_ROLES],
            ContactRole.RECRUITER.value,
        )
        self._finish_writing("&Next: the news")

    def _final_interview_edit(self) -> QDateEdit:
        """A date that may stay "Not known" (the edit's lowest date stands for it)."""
        edit = DateField()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setSpecialValueText(NOT_KNOWN)
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setMaximumDate(qdate(self._today()))
        edit.setDate(edit.minimumDate())
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("00 Sept 0000") + 48)
        edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        edit.setToolTip("The day of your last interview there; leave it “Not known” if unsure")
        return edit

    def final_interview_on(self) -> dt.date | None:
        date = self.final_edit.date()
        if date == self.final_edit.minimumDate():
            return None
        return dt.date(date.year(), date.month(), date.day())

    def _final_problem(self) -> str | None:
        day = self.final_interview_on()
        if day is not None and day > self._today():
            return "The final interview is still to come: choose a day up to today."
        return None

    def start(self) -> StoryStart:
        self._require_valid()
        return StoryStart(
            company=validation.normalize_line(self.company_edit.text()),
            role=validation.normalize_line(self.role_edit.text()),
            job_level=JobLevel(self.level_combo.currentData()),
            final_interview_on=self.final_interview_on(),
            told_by=validation.normalize_line(self.person_edit.text()),
            told_by_role=ContactRole(self.person_role_combo.currentData()),
        )

    def _label(self) -> str:
        return f"Record a role at “{self.start().company}”"

    def _write(self) -> object:
        start = self.start()
        ids, change = self._services.start_story(start, self._today())
        self.ids = ids
        return ids, change
