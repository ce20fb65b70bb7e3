"""Where the person is in the window, kept with each undo step and gone back to after
its undo: the page, the company and contact selected, the detail tab, the opportunity and
the follow-up. Undoing a delete so brings the rows back selected, where they were."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runnerup_desktop.ui.shell.main_window import MainWindow


@dataclass(frozen=True)
class Place:
    page: int
    company_id: int | None
    contact_id: int | None
    #: The detail tab beside the contacts (opportunities, timeline).
    detail: int
    opportunity_id: int | None
    follow_up_id: int | None


class Places:
    """Reads and restores the :class:`Place` of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def here(self) -> Place:
        w = self._window
        follow_ups = w.calendar.selected_items()
        return Place(
            page=w.tabs.currentIndex(),
            company_id=w.directory.current_company_id(),
            contact_id=w.directory.current_contact_id(),
            detail=w.directory.details.currentIndex(),
            opportunity_id=w.opportunities.current_opportunity_id(),
            follow_up_id=follow_ups[0].id if follow_ups else None,
        )

    def go_to(self, place: object) -> None:
        """Back to ``place`` (anything else is ignored); what no longer exists is skipped."""
        if not isinstance(place, Place):
            return
        w = self._window
        directory = w.directory
        if place.company_id is not None and directory.current_company_id() != place.company_id:
            directory.show_new_company(place.company_id)
        if place.contact_id is not None and directory.current_contact_id() != place.contact_id:
            directory.show_new_contact(place.contact_id, place.company_id or 0)
        directory.details.setCurrentIndex(place.detail)
        if place.opportunity_id is not None:
            w.opportunities.select_opportunity(place.opportunity_id)
        if place.follow_up_id is not None and place.page == w.tabs.indexOf(w.calendar):
            w.tabs.setCurrentIndex(place.page)
            w.calendar.select_follow_up(place.follow_up_id)
        w.tabs.setCurrentIndex(place.page)
