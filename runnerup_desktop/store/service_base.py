"""What the playbook's service classes share: the session factory, the clock, row checks.

The playbook's services are split by subject (opportunities, follow-ups, history) and put
together in :class:`~runnerup_desktop.store.playbook_services.PlaybookServices`; each part
builds on :class:`ServiceBase`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.limits import check_day, valid_id
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.models import Company, Contact, FollowUp, Opportunity, ValueItem

ModelT = TypeVar("ModelT", Company, Contact, FollowUp, Opportunity, ValueItem)

_BELONGING: dict[str, tuple[Any, str]] = {
    "contact_id": (Contact, "That contact"),
    "opportunity_id": (Opportunity, "That opportunity"),
    "value_item_id": (ValueItem, "That value item"),
    "follow_up_id": (FollowUp, "That follow-up"),
}


class ServiceBase:
    """Bound to one session factory; ``today`` tells the current day (tests fix it)."""

    def __init__(
        self, sessions: sessionmaker[Session], today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        self._sessions = sessions
        self._today = today


def get_row(session: Session, model: type[ModelT], row_id: int) -> ModelT:
    """The row, or a :class:`ServiceError` saying it is gone (an id that cannot be one
    included)."""
    row = session.get(model, row_id) if valid_id(row_id) else None
    if row is None:
        raise ServiceError("That record no longer exists; it may have been deleted.")
    return row


def check_belongs(session: Session, company_id: int, **ids: int | None) -> None:
    """Refuse a ``contact_id``, ``opportunity_id``, ``value_item_id`` or ``follow_up_id``
    that is gone or belongs to another company than ``company_id``; ``None`` ids are fine."""
    for key, row_id in ids.items():
        if row_id is None:
            continue
        model, what = _BELONGING[key]
        row = session.get(model, row_id) if valid_id(row_id) else None
        if row is None:
            raise ServiceError(f"{what} no longer exists; it may have been deleted.")
        if row.company_id != company_id:
            raise ServiceError(f"{what} belongs to another company; choose one at this company.")


def check_days(**days: dt.date | None) -> None:
    """Refuse a day outside the range every date keeps to (see core/limits.py), before any
    arithmetic on it; ``what`` is the keyword, ``due_on`` read as "The due date"."""
    for what, on in days.items():
        if on is None:
            continue
        problem = check_day(on, _DAY_NAMES.get(what, "The date"))
        if problem is not None:
            raise ServiceError(problem)


_DAY_NAMES = {
    "due_on": "The due date",
    "on": "The date",
    "until": "The new date",
    "news_on": "The day of the news",
    "found_on": "The day it was found",
    "planned_on": "The planned date",
    "today": "Today",
}


def day(on: dt.date) -> str:
    """A date as the services' sentences show it."""
    return on.isoformat()
