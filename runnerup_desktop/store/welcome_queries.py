"""How much the database holds, for the welcome view and the empty pages (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from runnerup_desktop.store.models import Company, Contact, FollowUp


@dataclass(frozen=True)
class Holdings:
    companies: int
    contacts: int
    follow_ups: int

    @property
    def empty(self) -> bool:
        """Nothing recorded yet: the welcome view's moment."""
        return not (self.companies or self.contacts)


def is_empty(session: Session) -> bool:
    """Whether the database has no company and no contact (cheap at any size)."""
    return not (
        session.scalar(select(exists().where(Company.id.is_not(None))))
        or session.scalar(select(exists().where(Contact.id.is_not(None))))
    )


def holdings(session: Session) -> Holdings:
    """How many companies, contacts and follow-ups there are."""
    return Holdings(
        companies=session.scalar(select(func.count(Company.id))) or 0,
        contacts=session.scalar(select(func.count(Contact.id))) or 0,
        follow_ups=session.scalar(select(func.count(FollowUp.id))) or 0,
    )
