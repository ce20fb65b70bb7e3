"""What happens after the news, from the opportunities panel: the other candidate
accepted, the hire started, they came back. Each asks for its day in a small dialog and
writes on the change path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from runnerup_desktop.core.domain import Step
from runnerup_desktop.core.playbook import MIS_HIRE_WINDOW_DAYS
from runnerup_desktop.core.text import isolate
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.opportunity_queries import OpportunitySummary
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.common.ask import Confirm
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.common.writing_dialog import Runner
from runnerup_desktop.ui.opportunities.news_plan_tables import show_date
from runnerup_desktop.ui.opportunities.opportunity_dialog import EventDateDialog

_ACCEPTED_AFTER_TODAY = "The other candidate cannot have accepted"


class LaterEvents:
    """The later events (a mixin of :class:`~.opportunities_panel.OpportunitiesPanel`,
    which provides what is declared here)."""

    _summary: OpportunitySummary | None
    _playbook: PlaybookServices
    _settings: AppSettings
    _today: Callable[[], dt.date]
    _run: Runner
    #: The spacing the next "Hire started" keeps (0 once the person said "Plan anyway").
    _hire_spacing: int
    confirm_spacing: Confirm

    def _exec(self, dialog: QDialog) -> bool:
        raise NotImplementedError

    def _parent(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def candidate_accepted(self) -> None:
        self._event(
            "Other candidate accepted",
            "A door-open note takes the place of the offer check-in: say you enjoyed meeting "
            "the team and ask to be considered for another role. It is due that day, but not "
            "sooner than a week after the news.",
            "&Accepted on",
            lambda _news_on, on: self._not_after_today(on, _ACCEPTED_AFTER_TODAY),
            self._playbook.candidate_accepted,
        )

    def hire_started(self) -> None:
        def check(news_on: dt.date, on: dt.date) -> str | None:
            if on < news_on:
                return (
                    f"The hire cannot start on {show_date(on)}, before the news on "
                    f"{show_date(news_on)}."
                )
            return None

        self._event(
            "Hire started",
            "The 90-day value message moves to 90 days after the hire's first day: the window "
            "in which companies most often decide a new hire is not working out. A start "
            "date ahead is fine.",
            "The hire starts &on",
            check,
            lambda opportunity_id, on: self._playbook.hire_started(
                opportunity_id, on, self._hire_spacing
            ),
            guard=self._mis_hire_guard,
        )

    def came_back(self) -> None:
        def check(news_on: dt.date, on: dt.date) -> str | None:
            if on < news_on:
                return f"They cannot have come back before the news on {show_date(news_on)}."
            return self._not_after_today(on, "They cannot have come back")

        self._event(
            "They came back",
            "Prepare your terms before the call: hiring you spares them a whole selection "
            "process. The waiting touches (the offer check-in, value messages, re-contact) are "
            "dropped and the opportunity moves to the offer stage.",
            "They came back &on",
            check,
            self._playbook.came_back,
        )

    def _not_after_today(self, on: dt.date, what: str) -> str | None:
        return f"{what} on {show_date(on)}, after today." if on > self._today() else None

    def _event(
        self,
        title: str,
        explanation: str,
        label: str,
        check: Callable[[dt.date, dt.date], str | None],
        write: Callable[[int, dt.date], Change],
        guard: Callable[[QWidget, OpportunitySummary, dt.date], bool] | None = None,
    ) -> None:
        summary = self._summary
        if summary is None or summary.news_on is None:
            return
        news_on = summary.news_on
        dialog = EventDateDialog(
            f"{title} — {isolate(summary.title)}",
            explanation,
            label,
            self._today(),
            lambda on: check(news_on, on),
            lambda on: write(summary.id, on),
            self._run,
            guard=(lambda on: guard(dialog, summary, on)) if guard is not None else None,
            parent=self._parent(),
        )
        self._exec(dialog)

    def _mis_hire_guard(self, parent: QWidget, summary: OpportunitySummary, on: dt.date) -> bool:
        """The cadence guard for the 90-day touch the hire's start moves. "Plan anyway"
        keeps it on the day asked; otherwise the store plans it on the first day that fits."""
        self._hire_spacing = self._settings.min_spacing_days
        follow_up_id, contact_id = summary.mis_hire or (None, None)
        if contact_id is None:
            return True
        due = on + dt.timedelta(days=MIS_HIRE_WINDOW_DAYS)
        warning = self._playbook.spacing_warning(
            contact_id, due, Step.MIS_HIRE_WINDOW, self._settings.min_spacing_days, follow_up_id
        )
        if warning is None:
            return True
        text = f"The 90-day value message would move to {show_date(due)}. {warning.message}"
        planned_anyway = self.confirm_spacing(parent, "Too close to another touch?", text)
        if planned_anyway:
            self._hire_spacing = 0
        return planned_anyway
