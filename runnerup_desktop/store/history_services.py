"""What happened: value items and who they were shared with, and the interaction timeline.

A value item can be corrected and deleted; the follow-ups and interactions that carried it
keep their place, without it (:meth:`HistoryServices.value_item_uses` counts them for the
question).

Reads select only the rows asked for, through the indexes on ``interaction.value_item_id``
and ``(contact_id, occurred_on)`` / ``(company_id, occurred_on)``. Adding an interaction
by hand goes through
:meth:`~runnerup_desktop.store.directory_services.DirectoryServices.log_interaction`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import Direction, InteractionKind, Step
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.models import Company, Contact, FollowUp, Interaction, ValueItem
from runnerup_desktop.store.service_base import ServiceBase, check_days, get_row

MAX_VALUE_TITLE = 300


@dataclass(frozen=True, slots=True)
class SharedWith:
    """A contact a value item was shared with, and when it last was."""

    contact_id: int
    name: str
    last_on: dt.date


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One logged interaction, with the names a list shows."""

    id: int
    occurred_on: dt.date
    kind: InteractionKind
    direction: Direction
    summary: str
    company_id: int
    company: str
    contact_id: int | None
    contact: str | None
    value_item_id: int | None
    value_item: str | None
    follow_up_id: int | None
    #: The step of the follow-up this interaction completed, if any.
    step: Step | None


class HistoryServices(ServiceBase):
    """Value items and the timeline."""

    # value items -----------------------------------------------------------------------
    def add_value_item(
        self, company_id: int, title: str, details: str = "", found_on: dt.date | None = None
    ) -> tuple[int, Change]:
        """Something of value to the company, to bring to a value message."""
        with self._sessions.begin() as session:
            item = new_value_item(session, company_id, title, details, found_on)
            return item.id, Change(companies=frozenset({company_id}))

    def value_item(self, value_item_id: int) -> tuple[str, str, dt.date | None]:
        """A value item's ``(title, details, found_on)``."""
        with self._sessions() as session:
            item = get_row(session, ValueItem, value_item_id)
            return item.title, item.details, item.found_on

    def update_value_item(
        self, value_item_id: int, title: str, details: str = "", found_on: dt.date | None = None
    ) -> Change:
        title = _value_title(title)
        with self._sessions.begin() as session:
            item = get_row(session, ValueItem, value_item_id)
            item.title, item.details, item.found_on = title, details.strip(), found_on
            return Change(
                companies=frozenset({item.company_id}), follow_ups=True, interactions=True
            )

    def value_item_uses(self, value_item_id: int) -> tuple[int, int]:
        """How many follow-ups and interactions carry the value item."""
        with self._sessions() as session:
            follow_ups = session.scalar(
                select(func.count(FollowUp.id)).where(FollowUp.value_item_id == value_item_id)
            )
            interactions = session.scalar(
                select(func.count(Interaction.id)).where(Interaction.value_item_id == value_item_id)
            )
            return int(follow_ups or 0), int(interactions or 0)

    def delete_value_item(self, value_item_id: int) -> Change:
        """Delete it; the follow-ups and interactions that carried it stay, without it."""
        with self._sessions.begin() as session:
            item = get_row(session, ValueItem, value_item_id)
            company_id = item.company_id
            session.delete(item)
        return Change(
            companies=frozenset({company_id}), follow_ups=True, interactions=True, deleted=True
        )

    def value_items(self, company_id: int) -> list[tuple[int, str]]:
        """The company's value items as ``(id, title)``, newest first: for pickers."""
        query = (
            select(ValueItem.id, ValueItem.title)
            .where(ValueItem.company_id == company_id)
            .order_by(ValueItem.id.desc())
        )
        with self._sessions() as session:
            return [(row_id, title) for row_id, title in session.execute(query)]

    def shared_with(self, value_item_id: int) -> list[SharedWith]:
        """Who the value item was already shared with, most recent first."""
        last_on = func.max(Interaction.occurred_on)
        query = (
            select(Contact.id, Contact.name, last_on)
            .join(Contact, Interaction.contact_id == Contact.id)
            .where(Interaction.value_item_id == value_item_id)
            .group_by(Contact.id, Contact.name)
            .order_by(last_on.desc(), Contact.id)
        )
        with self._sessions() as session:
            return [SharedWith(cid, name, on) for cid, name, on in session.execute(query)]

    def already_shared(self, value_item_id: int, contact_id: int) -> bool:
        """Whether an interaction with the contact already carried this value item."""
        exists = (
            select(Interaction.id)
            .where(
                Interaction.value_item_id == value_item_id,
                Interaction.contact_id == contact_id,
            )
            .exists()
        )
        with self._sessions() as session:
            return bool(session.scalar(select(exists)))

    # timeline --------------------------------------------------------------------------
    def timeline(
        self, contact_id: int | None = None, company_id: int | None = None, limit: int = 500
    ) -> list[TimelineEntry]:
        """Logged interactions of a contact and/or a company (or all), newest first."""
        query = (
            select(
                Interaction.id,
                Interaction.occurred_on,
                Interaction.kind,
                Interaction.direction,
                Interaction.summary,
                Interaction.company_id,
                Company.name,
                Interaction.contact_id,
                Contact.name.label("contact"),
                Interaction.value_item_id,
                ValueItem.title,
                Interaction.follow_up_id,
                FollowUp.step,
            )
            .join(Company, Interaction.company_id == Company.id)
            .outerjoin(Contact, Interaction.contact_id == Contact.id)
            .outerjoin(ValueItem, Interaction.value_item_id == ValueItem.id)
            .outerjoin(FollowUp, Interaction.follow_up_id == FollowUp.id)
        )
        if contact_id is not None:
            query = query.where(Interaction.contact_id == contact_id)
        if company_id is not None:
            query = query.where(Interaction.company_id == company_id)
        query = query.order_by(Interaction.occurred_on.desc(), Interaction.id.desc()).limit(limit)
        with self._sessions() as session:
            return [
                TimelineEntry(
                    id=row[0],
                    occurred_on=row[1],
                    kind=row[2],
                    direction=row[3],
                    summary=row[4],
                    company_id=row[5],
                    company=row[6],
                    contact_id=row[7],
                    contact=row[8],
                    value_item_id=row[9],
                    value_item=row[10],
                    follow_up_id=row[11],
                    step=row[12],
                )
                for row in session.execute(query)
            ]


def new_value_item(
    session: Session, company_id: int, title: str, details: str, found_on: dt.date | None
) -> ValueItem:
    """A value item added in the caller's transaction (checked; flushed, so it has an id)."""
    check_days(found_on=found_on)
    get_row(session, Company, company_id)
    item = ValueItem(
        company_id=company_id, title=_value_title(title), details=details.strip(), found_on=found_on
    )
    session.add(item)
    session.flush()
    return item


def _value_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ServiceError("A value item needs a title: what did you find?")
    if len(title) > MAX_VALUE_TITLE:
        raise ServiceError(f"A value item's title can be at most {MAX_VALUE_TITLE} characters.")
    return title
