"""Reads about opportunities for the opportunities panel and the news dialog (Qt-free).

- :class:`OpportunityListing`: one company's opportunities, a page at a time, sorted by
  the database (the ``Listing`` of the UI's SQL table model);
- :func:`load_summary`: the selected opportunity in short: stage, news, feedback gaps and
  the next planned follow-up;
- :func:`load_fields`: an opportunity's stored fields, named as the services name them;
- :func:`load_news_context`: what recording the news needs: the job level, the dates it
  must follow and the company's contacts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, case, func, literal, select
from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import (
    ContactRole,
    FollowUpStatus,
    Importance,
    JobLevel,
    Stage,
    Step,
)
from runnerup_desktop.core.limits import valid_id
from runnerup_desktop.core.news import headline
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.directory_queries import PageRequest, Row
from runnerup_desktop.store.models import Contact, FeedbackItem, FollowUp, Opportunity
from runnerup_desktop.store.opportunity_services import OPPORTUNITY_FIELDS

#: The columns of :class:`OpportunityListing`, in order.
OPPORTUNITY_COLUMNS: tuple[str, ...] = (
    "title",
    "job_level",
    "stage",
    "final_interview_on",
    "news_on",
    "winner",
    "hire_start_on",
)


def _winner() -> ColumnElement[str]:
    accepted = Opportunity.winner_accepted.is_(True)
    named = Opportunity.winner_name != ""
    return case(
        (accepted & named, Opportunity.winner_name + literal(" (accepted)")),
        (accepted, literal("Someone (accepted)")),
        else_=Opportunity.winner_name,
    )


class OpportunityListing:
    """One company's opportunities (``company_id``; none without one)."""

    columns: tuple[str, ...] = OPPORTUNITY_COLUMNS
    editable: frozenset[str] = frozenset()

    def _select(self) -> Select[Any]:
        query: Any = select(
            Opportunity.id,
            Opportunity.title,
            Opportunity.job_level,
            Opportunity.stage,
            Opportunity.final_interview_on,
            Opportunity.news_on,
            _winner().label("winner"),
            Opportunity.hire_start_on,
        )
        return cast("Select[Any]", query)

    def page(self, session: Session, request: PageRequest) -> list[Row]:
        if request.company_id is None:
            return []
        keys: dict[str, Any] = {key: getattr(Opportunity, key, None) for key in self.columns}
        keys["winner"] = Opportunity.winner_name
        key = keys.get(request.sort_column) or Opportunity.title
        query = self._select().where(Opportunity.company_id == request.company_id)
        if request.search.strip():
            query = query.where(Opportunity.title.icontains(request.search.strip()))
        order = (key.desc(), Opportunity.id.desc()) if request.descending else (key, Opportunity.id)
        query = query.order_by(*order).offset(request.offset).limit(request.limit)
        return [tuple(row) for row in session.execute(query)]

    def row(self, session: Session, row_id: int) -> Row | None:
        found = session.execute(self._select().where(Opportunity.id == row_id)).first()
        return tuple(found) if found else None


@dataclass(frozen=True)
class OpportunitySummary:
    id: int
    title: str
    stage: Stage
    news_on: dt.date | None
    news_from: str | None
    gaps: int
    essential_gaps: int
    follow_ups: int
    next_title: str | None
    next_due: dt.date | None
    next_contact: str | None
    #: The planned 90-day touch ``(follow-up id, contact id)``, for the cadence guard.
    mis_hire: tuple[int, int | None] | None


def load_summary(session: Session, opportunity_id: int) -> OpportunitySummary | None:
    opportunity = session.get(Opportunity, opportunity_id)
    if opportunity is None:
        return None
    essential = func.count(FeedbackItem.id).filter(FeedbackItem.importance == Importance.ESSENTIAL)
    gaps = session.execute(
        select(func.count(FeedbackItem.id), essential).where(
            FeedbackItem.opportunity_id == opportunity_id
        )
    ).one()
    planned = (
        select(FollowUp.id, FollowUp.notes, FollowUp.step, FollowUp.due_on, Contact.name)
        .outerjoin(Contact, FollowUp.contact_id == Contact.id)
        .where(FollowUp.opportunity_id == opportunity_id)
        .where(FollowUp.status == FollowUpStatus.PLANNED)
    )
    count = session.scalar(select(func.count()).select_from(planned.subquery())) or 0
    upcoming = session.execute(planned.order_by(FollowUp.due_on, FollowUp.id).limit(1)).first()
    mis_hire = session.execute(
        select(FollowUp.id, FollowUp.contact_id).where(
            FollowUp.opportunity_id == opportunity_id,
            FollowUp.status == FollowUpStatus.PLANNED,
            FollowUp.step == Step.MIS_HIRE_WINDOW,
        )
    ).first()
    return OpportunitySummary(
        id=opportunity.id,
        title=opportunity.title,
        stage=opportunity.stage,
        news_on=opportunity.news_on,
        news_from=opportunity.news_from.name if opportunity.news_from is not None else None,
        gaps=int(gaps[0]),
        essential_gaps=int(gaps[1]),
        follow_ups=int(count),
        next_title=(headline(upcoming[1]) or upcoming[2].label) if upcoming else None,
        next_due=upcoming[3] if upcoming else None,
        next_contact=upcoming[4] if upcoming else None,
        mis_hire=(mis_hire[0], mis_hire[1]) if mis_hire else None,
    )


def load_fields(session: Session, opportunity_id: int) -> dict[str, Any] | None:
    """The stored fields of an opportunity, as the dialog and the services name them."""
    opportunity = session.get(Opportunity, opportunity_id)
    if opportunity is None:
        return None
    return {key: getattr(opportunity, key) for key in OPPORTUNITY_FIELDS}


@dataclass(frozen=True)
class NewsContext:
    """What the news dialog needs to know about the opportunity and its company."""

    opportunity_id: int
    title: str
    company: str
    job_level: JobLevel
    applied_on: dt.date | None
    final_interview_on: dt.date | None
    #: ``(id, name, role)`` of the company's contacts, by name.
    contacts: tuple[tuple[int, str, ContactRole], ...]
    #: What the opportunity already knows, for the form to start from.
    winner_name: str = ""
    winner_accepted: bool = False
    news_from_id: int | None = None


def load_news_context(session: Session, opportunity_id: int) -> NewsContext:
    opportunity = session.get(Opportunity, opportunity_id) if valid_id(opportunity_id) else None
    if opportunity is None:
        raise ServiceError("That record no longer exists; it may have been deleted.")
    rows = session.execute(
        select(Contact.id, Contact.name, Contact.role)
        .where(Contact.company_id == opportunity.company_id)
        .order_by(Contact.name_key, Contact.id)
    )
    return NewsContext(
        opportunity_id,
        opportunity.title,
        opportunity.company.name,
        opportunity.job_level,
        opportunity.applied_on,
        opportunity.final_interview_on,
        tuple((cid, name, role) for cid, name, role in rows),
        opportunity.winner_name,
        bool(opportunity.winner_accepted),
        opportunity.news_from_id,
    )


def opportunity_choices(session: Session, company_id: int) -> list[tuple[int, str]]:
    """The company's opportunities as ``(id, title)``, newest first: for pickers."""
    query = (
        select(Opportunity.id, Opportunity.title)
        .where(Opportunity.company_id == company_id)
        .order_by(Opportunity.id.desc())
    )
    return [(row_id, title) for row_id, title in session.execute(query)]
