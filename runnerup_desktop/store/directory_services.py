"""Companies and contacts: every change to them one transaction, reported as a
:class:`~runnerup_desktop.store.change.Change`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.domain import Direction
from runnerup_desktop.core.limits import valid_id
from runnerup_desktop.core.text import fold
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.models import (
    Company,
    Contact,
    FollowUp,
    Interaction,
    Opportunity,
)
from runnerup_desktop.store.service_base import check_belongs

COMPANY_FIELDS = frozenset({"name", "industry", "location", "website", "status", "notes"})
CONTACT_FIELDS = frozenset(
    {"company_id", "name", "role", "title", "email", "phone", "linkedin_url", "notes"}
)
INTERACTION_FIELDS = frozenset(
    {
        "company_id",
        "contact_id",
        "follow_up_id",
        "value_item_id",
        "kind",
        "direction",
        "occurred_on",
        "summary",
    }
)


@dataclass(frozen=True)
class DeleteImpact:
    contacts: int
    opportunities: int
    follow_ups: int
    interactions: int

    def sentence(self, name: str) -> str:
        parts = [
            _plural(self.contacts, "contact"),
            _plural(self.opportunities, "opportunity", "opportunities"),
            _plural(self.follow_ups, "follow-up"),
            _plural(self.interactions, "logged interaction"),
        ]
        kept = [p for p in parts if not p.startswith("0 ")]
        if not kept:
            return f"Delete “{name}”? Nothing else is recorded for it."
        return f"Delete “{name}” and with it {_join(kept)}? This cannot be undone."


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _checked(fields: Mapping[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    unknown = set(fields) - allowed
    if unknown:
        raise ServiceError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if "name" in cleaned and not cleaned["name"]:
        raise ServiceError("A name is required.")
    return cleaned


def checked_company(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A company's fields, checked and trimmed as :meth:`DirectoryServices.add_company`
    does (the job-board watch saves a company with its board in one transaction)."""
    return _checked(fields, COMPANY_FIELDS)


class DirectoryServices:
    """Companies, contacts and logged interactions, bound to one session factory."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # companies -------------------------------------------------------------------------
    def add_company(self, fields: Mapping[str, Any]) -> tuple[int, Change]:
        values = _checked(fields, COMPANY_FIELDS)
        with self._sessions.begin() as session:
            company = Company(**values)
            session.add(company)
            session.flush()
            return company.id, Change(companies=frozenset({company.id}))

    def update_company(self, company_id: int, fields: Mapping[str, Any]) -> Change:
        values = _checked(fields, COMPANY_FIELDS)
        with self._sessions.begin() as session:
            company = self._get(session, Company, company_id)
            for key, value in values.items():
                setattr(company, key, value)
        return Change(companies=frozenset({company_id}), contacts=frozenset())

    def company_delete_impact(self, company_id: int) -> DeleteImpact:
        with self._sessions() as session:

            def count(model: Any) -> int:
                query = select(func.count(model.id)).where(model.company_id == company_id)
                return int(session.scalar(query) or 0)

            return DeleteImpact(
                contacts=count(Contact),
                opportunities=count(Opportunity),
                follow_ups=count(FollowUp),
                interactions=count(Interaction),
            )

    def delete_company(self, company_id: int) -> Change:
        with self._sessions.begin() as session:
            session.delete(self._get(session, Company, company_id))
        return Change(companies=frozenset({company_id}), deleted=True, follow_ups=True)

    def company_duplicates(self, name: str, exclude_id: int | None = None) -> list[str]:
        key = fold(name)
        if not key:
            return []
        with self._sessions() as session:
            query = select(Company.name).where(Company.name_key == key)
            if exclude_id is not None:
                query = query.where(Company.id != exclude_id)
            names = list(session.scalars(query.limit(3)))
        return [f"A company named “{n}” already exists." for n in names]

    # contacts --------------------------------------------------------------------------
    def add_contact(self, fields: Mapping[str, Any]) -> tuple[int, Change]:
        values = _checked(fields, CONTACT_FIELDS)
        if not values.get("company_id"):
            raise ServiceError("A contact belongs to a company: choose one.")
        with self._sessions.begin() as session:
            self._get(session, Company, values["company_id"])
            contact = Contact(**values)
            session.add(contact)
            session.flush()
            return contact.id, Change(
                contacts=frozenset({contact.id}), companies=frozenset({contact.company_id})
            )

    def update_contact(self, contact_id: int, fields: Mapping[str, Any]) -> Change:
        values = _checked(fields, CONTACT_FIELDS)
        with self._sessions.begin() as session:
            contact = self._get(session, Contact, contact_id)
            before = contact.company_id
            for key, value in values.items():
                setattr(contact, key, value)
            companies = frozenset({before, contact.company_id})
        return Change(contacts=frozenset({contact_id}), companies=companies)

    def delete_contact(self, contact_id: int) -> Change:
        with self._sessions.begin() as session:
            contact = self._get(session, Contact, contact_id)
            company_id = contact.company_id
            session.delete(contact)
        return Change(
            contacts=frozenset({contact_id}), companies=frozenset({company_id}), deleted=True
        )

    def contact_duplicates(self, name: str, email: str, exclude_id: int | None = None) -> list[str]:
        found: list[str] = []
        with self._sessions() as session:
            key = fold(name)
            if key:
                query = (
                    select(Contact.name, Company.name)
                    .join(Company, Contact.company_id == Company.id)
                    .where(Contact.name_key == key)
                )
                if exclude_id is not None:
                    query = query.where(Contact.id != exclude_id)
                for person, company in session.execute(query.limit(3)):
                    found.append(f"{person} at {company} is already a contact.")
            address = email.strip().lower()
            if address:
                query2 = select(Contact.name).where(func.lower(Contact.email) == address)
                if exclude_id is not None:
                    query2 = query2.where(Contact.id != exclude_id)
                for person in session.scalars(query2.limit(3)):
                    found.append(f"{person} already has the email address {email.strip()}.")
        return found

    # interactions ----------------------------------------------------------------------
    def log_interaction(self, fields: Mapping[str, Any]) -> tuple[int, Change]:
        """Record what happened, and move the contact's and company's last touch."""
        unknown = set(fields) - INTERACTION_FIELDS
        if unknown:
            raise ServiceError(f"Unknown fields: {', '.join(sorted(unknown))}.")
        with self._sessions.begin() as session:
            interaction = Interaction(**fields)
            if interaction.contact_id is not None and not interaction.company_id:
                interaction.company_id = self._get(
                    session, Contact, interaction.contact_id
                ).company_id
            self._get(session, Company, interaction.company_id)
            check_belongs(
                session,
                interaction.company_id,
                contact_id=interaction.contact_id,
                value_item_id=interaction.value_item_id,
            )
            if interaction.follow_up_id is not None:
                self._get(session, FollowUp, interaction.follow_up_id)
            session.add(interaction)
            session.flush()
            touch_last(session, interaction)
            return interaction.id, Change(
                interactions=True,
                companies=frozenset({interaction.company_id}),
                contacts=frozenset(
                    {interaction.contact_id} if interaction.contact_id is not None else set()
                ),
            )

    @staticmethod
    def _get(session: Session, model: Any, row_id: int) -> Any:
        row = session.get(model, row_id) if valid_id(row_id) else None
        if row is None:
            raise ServiceError("That record no longer exists; it may have been deleted.")
        return row


def touch_last(session: Session, interaction: Interaction) -> None:
    """Keep ``last_touch_on`` on the company and contact in step with interactions."""
    if interaction.direction is Direction.NONE:
        return
    day: dt.date = interaction.occurred_on
    company = session.get(Company, interaction.company_id)
    if company is not None and (company.last_touch_on is None or company.last_touch_on < day):
        company.last_touch_on = day
    if interaction.contact_id is not None:
        contact = session.get(Contact, interaction.contact_id)
        if contact is not None and (contact.last_touch_on is None or contact.last_touch_on < day):
            contact.last_touch_on = day
