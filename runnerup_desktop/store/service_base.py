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
    """The row, or a :class:`ServiceError` saying it is gone."""
    row = session.get(model, row_id)
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
        row = session.get(model, row_id)
        if row is None:
            raise ServiceError(f"{what} no longer exists; it may have been deleted.")
        if row.company_id != company_id:
            raise ServiceError(f"{what} belongs to another company; choose one at this company.")


def day(on: dt.date) -> str:
    """A date as the services' sentences show it."""
    return on.isoformat()
