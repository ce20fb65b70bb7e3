"""Companies, contacts and logged interactions: every change to them one transaction,
reported as a :class:`~runnerup_desktop.store.change.Change`.

A logged interaction can be corrected or deleted; the company's and contact's
``last_touch_on`` are then worked out again from what is left (logging one only moves them
forward). Deleting a contact keeps what was planned and logged with them, without a person:
:meth:`DirectoryServices.contact_delete_impact` counts it for the question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.domain import Direction, FollowUpStatus
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
MAX_SUMMARY = 20_000


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
        return f"Delete “{name}” and with it {_join(kept)}? Edit ▸ Undo brings it all back."


@dataclass(frozen=True)
class ContactDeleteImpact:
    """What deleting a contact touches: their planned follow-ups (kept, without a person),
    their other follow-ups, logged interactions (kept on the company's timeline) and the
    opportunities whose news they gave."""

    planned_follow_ups: int
    other_follow_ups: int
    interactions: int
    news_given: int

    def sentence(self, name: str) -> str:
        parts = []
        if self.planned_follow_ups:
            parts.append(
                f"{_plural(self.planned_follow_ups, 'planned follow-up')} with them stay"
                f"{'s' if self.planned_follow_ups == 1 else ''} on the plan without a person"
                " (choose someone else for "
                f"{'it' if self.planned_follow_ups == 1 else 'each'})"
            )
        history = self.other_follow_ups + self.interactions
        if history:
            kept = []
            if self.interactions:
                kept.append(_plural(self.interactions, "logged interaction"))
            if self.other_follow_ups:
                kept.append(_plural(self.other_follow_ups, "done or skipped follow-up"))
            parts.append(
                f"{_join(kept)} stay{'s' if history == 1 else ''} in the history without their name"
            )
        if self.news_given:
            verb = "says" if self.news_given == 1 else "say"
            parts.append(
                f"{_plural(self.news_given, 'opportunity', 'opportunities')} no longer "
                f"{verb} who gave the news"
            )
        if not parts:
            return f"Delete “{name}”? Nothing else is recorded with them."
        return f"Delete “{name}”? {_upper_first(_join(parts))}."


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _ids(*ids: int | None) -> frozenset[int]:
    return frozenset(i for i in ids if i is not None)


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
        """A new contact; ``company_id`` is required, ``None`` keeping them without one."""
        values = _checked(fields, CONTACT_FIELDS)
        if "company_id" not in values or values["company_id"] == 0:
            raise ServiceError("A contact belongs to a company: choose one.")
        with self._sessions.begin() as session:
            if values["company_id"] is not None:
                self._get(session, Company, values["company_id"])
            contact = Contact(**values)
            session.add(contact)
            session.flush()
            return contact.id, Change(
                contacts=frozenset({contact.id}), companies=_ids(contact.company_id)
            )

    def update_contact(self, contact_id: int, fields: Mapping[str, Any]) -> Change:
        values = _checked(fields, CONTACT_FIELDS)
        with self._sessions.begin() as session:
            contact = self._get(session, Contact, contact_id)
            before = contact.company_id
            moved_to = values.get("company_id", before)
            if moved_to is not None and moved_to != before:
                self._get(session, Company, moved_to)
            for key, value in values.items():
                setattr(contact, key, value)
            companies = _ids(before, contact.company_id)
        return Change(contacts=frozenset({contact_id}), companies=companies)

    def contact_delete_impact(self, contact_id: int) -> ContactDeleteImpact:
        with self._sessions() as session:

            def count(query: Any) -> int:
                return int(session.scalar(query) or 0)

            planned = FollowUp.status == FollowUpStatus.PLANNED
            theirs = FollowUp.contact_id == contact_id
            return ContactDeleteImpact(
                planned_follow_ups=count(select(func.count(FollowUp.id)).where(theirs, planned)),
                other_follow_ups=count(select(func.count(FollowUp.id)).where(theirs, ~planned)),
                interactions=count(
                    select(func.count(Interaction.id)).where(Interaction.contact_id == contact_id)
                ),
                news_given=count(
                    select(func.count(Opportunity.id)).where(Opportunity.news_from_id == contact_id)
                ),
            )

    def delete_contact(self, contact_id: int) -> Change:
        """Delete the contact; what was planned and logged with them stays, without them."""
        with self._sessions.begin() as session:
            contact = self._get(session, Contact, contact_id)
            company_id = contact.company_id
            session.delete(contact)
        return Change(
            contacts=frozenset({contact_id}),
            companies=_ids(company_id),
            deleted=True,
            follow_ups=True,
            interactions=True,
            opportunities=True,
        )

    def contact_duplicates(self, name: str, email: str, exclude_id: int | None = None) -> list[str]:
        found: list[str] = []
        with self._sessions() as session:
            key = fold(name)
            if key:
                query = (
                    select(Contact.name, Company.name)
                    .outerjoin(Company, Contact.company_id == Company.id)
                    .where(Contact.name_key == key)
                )
                if exclude_id is not None:
                    query = query.where(Contact.id != exclude_id)
                for person, company in session.execute(query.limit(3)):
                    where = f" at {company}" if company else " (no company)"
                    found.append(f"{person}{where} is already a contact.")
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
        values = _interaction_values(fields)
        with self._sessions.begin() as session:
            interaction = Interaction(**values)
            if interaction.contact_id is not None and not interaction.company_id:
                contact = self._get(session, Contact, interaction.contact_id)
                if contact.company_id is None:
                    raise ServiceError(
                        f"{contact.name} has no company yet: give them one (Edit contact) "
                        "before logging what happened."
                    )
                interaction.company_id = contact.company_id
            _check_interaction(session, interaction)
            session.add(interaction)
            session.flush()
            touch_last(session, interaction)
            return interaction.id, _interaction_change(interaction)

    def interaction_fields(self, interaction_id: int) -> dict[str, Any]:
        """A logged interaction's stored fields, named as :meth:`update_interaction` takes them."""
        with self._sessions() as session:
            interaction = self._get(session, Interaction, interaction_id)
            return {key: getattr(interaction, key) for key in sorted(INTERACTION_FIELDS)}

    def update_interaction(self, interaction_id: int, fields: Mapping[str, Any]) -> Change:
        """Correct a logged interaction (any of its fields; it stays at its company)."""
        values = _interaction_values(fields)
        with self._sessions.begin() as session:
            interaction = self._get(session, Interaction, interaction_id)
            before = _interaction_change(interaction)
            if values.get("company_id", interaction.company_id) != interaction.company_id:
                raise ServiceError(
                    "A logged interaction stays at its company; delete it and log it there."
                )
            for key, value in values.items():
                setattr(interaction, key, value)
            _check_interaction(session, interaction)
            session.flush()
            after = _interaction_change(interaction)
            recount_last_touch(session, after.companies, before.contacts | after.contacts)
            return before | after

    def delete_interaction(self, interaction_id: int) -> Change:
        """Delete a logged interaction; the last touches are worked out again without it.

        A follow-up it completed stays done (reopen it to plan it again)."""
        with self._sessions.begin() as session:
            interaction = self._get(session, Interaction, interaction_id)
            change = _interaction_change(interaction)
            session.delete(interaction)
            session.flush()
            recount_last_touch(session, change.companies, change.contacts)
        return change | Change(deleted=True)

    @staticmethod
    def _get(session: Session, model: Any, row_id: int) -> Any:
        row = session.get(model, row_id) if valid_id(row_id) else None
        if row is None:
            raise ServiceError("That record no longer exists; it may have been deleted.")
        return row


def _interaction_values(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - INTERACTION_FIELDS
    if unknown:
        raise ServiceError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    values = dict(fields)
    if "summary" in values:
        values["summary"] = (values["summary"] or "").strip()
    return values


def _check_interaction(session: Session, interaction: Interaction) -> None:
    if not interaction.company_id:
        raise ServiceError("An interaction belongs to a company or a contact: choose one.")
    if not (interaction.summary or "").strip():
        raise ServiceError(
            "Say what happened in a few words: a logged interaction needs a summary."
        )
    if len(interaction.summary) > MAX_SUMMARY:
        raise ServiceError(f"A summary can be at most {MAX_SUMMARY:,} characters.")
    if interaction.occurred_on is None:
        raise ServiceError("Say on which day it happened.")
    if session.get(Company, interaction.company_id) is None:
        raise ServiceError("That company no longer exists; it may have been deleted.")
    check_belongs(
        session,
        interaction.company_id,
        contact_id=interaction.contact_id,
        value_item_id=interaction.value_item_id,
        follow_up_id=interaction.follow_up_id,
    )


def _interaction_change(interaction: Interaction) -> Change:
    return Change(
        interactions=True,
        companies=frozenset({interaction.company_id}),
        contacts=frozenset(
            {interaction.contact_id} if interaction.contact_id is not None else set()
        ),
    )


def recount_last_touch(
    session: Session, company_ids: frozenset[int], contact_ids: frozenset[int]
) -> None:
    """Work ``last_touch_on`` out again from the logged interactions (after an edit or a
    delete, which may move it back)."""
    touched = Interaction.direction != Direction.NONE
    for company_id in company_ids:
        last = (
            select(func.max(Interaction.occurred_on))
            .where(Interaction.company_id == company_id, touched)
            .scalar_subquery()
        )
        session.execute(update(Company).where(Company.id == company_id).values(last_touch_on=last))
    for contact_id in contact_ids:
        last = (
            select(func.max(Interaction.occurred_on))
            .where(Interaction.contact_id == contact_id, touched)
            .scalar_subquery()
        )
        session.execute(update(Contact).where(Contact.id == contact_id).values(last_touch_on=last))
    session.expire_all()


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
