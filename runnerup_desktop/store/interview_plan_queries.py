"""Reads for the one-page interview plan (Qt-free).

- :func:`next_interview`: an opportunity's next planned follow-up of step *interview*;
- :func:`load_plan`: the :class:`~runnerup_desktop.core.interview_plan.PlanContent` of an
  opportunity, with the playbook's default questions;
- :func:`next_interview_opportunity`: the opportunity whose interview comes next;
- :func:`plan_opportunity`: the one to plan when none is named: the next interview's, else
  the most recently updated open opportunity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import OPEN_STAGES, Channel, ContactRole, FollowUpStatus, Step
from runnerup_desktop.core.interview_plan import (
    GapAnswer,
    Learned,
    NextTouch,
    Person,
    PlanContent,
    Slot,
    default_questions,
)
from runnerup_desktop.core.news import headline
from runnerup_desktop.store.models import (
    Contact,
    FeedbackItem,
    FollowUp,
    Opportunity,
    ValueItem,
)

#: The contacts one meets at an interview, in the order the plan lists them.
INTERVIEW_ROLES: tuple[ContactRole, ...] = (
    ContactRole.HIRING_MANAGER,
    ContactRole.INTERVIEWER,
    ContactRole.RECRUITER,
    ContactRole.HR,
)


def _upcoming_interviews(today: dt.date) -> Select[FollowUp]:
    return (
        select(FollowUp)
        .where(
            FollowUp.step == Step.INTERVIEW,
            FollowUp.status == FollowUpStatus.PLANNED,
            FollowUp.due_on >= today,
        )
        .order_by(FollowUp.due_on, FollowUp.due_time.is_(None), FollowUp.due_time, FollowUp.id)
    )


def next_interview(session: Session, opportunity_id: int, today: dt.date) -> FollowUp | None:
    """The opportunity's next planned interview, due today or later."""
    query = _upcoming_interviews(today).where(FollowUp.opportunity_id == opportunity_id)
    return session.scalars(query.limit(1)).first()


def next_interview_opportunity(session: Session, today: dt.date) -> int | None:
    """The opportunity of the next planned interview (today or later), if any."""
    query = _upcoming_interviews(today).where(FollowUp.opportunity_id.is_not(None))
    follow_up = session.scalars(query.limit(1)).first()
    return follow_up.opportunity_id if follow_up is not None else None


def plan_opportunity(session: Session, today: dt.date) -> int | None:
    """The next interview's opportunity, else the most recently updated open one."""
    found = next_interview_opportunity(session, today)
    if found is not None:
        return found
    return session.scalar(
        select(Opportunity.id)
        .where(Opportunity.stage.in_(OPEN_STAGES))
        .order_by(Opportunity.updated_at.desc(), Opportunity.id.desc())
        .limit(1)
    )


def load_plan(session: Session, opportunity_id: int, today: dt.date) -> PlanContent | None:
    """Everything the sheet holds for the opportunity; ``None`` if it does not exist."""
    opportunity = session.get(Opportunity, opportunity_id)
    if opportunity is None:
        return None
    company = opportunity.company
    interview = next_interview(session, opportunity_id, today)
    gaps = tuple(
        GapAnswer(item.gap, item.importance, item.answer, item.example)
        for item in session.scalars(
            select(FeedbackItem)
            .where(FeedbackItem.opportunity_id == opportunity_id)
            .order_by(FeedbackItem.id)
        )
    )
    learned = tuple(
        Learned(item.title, item.details, item.found_on)
        for item in session.scalars(
            select(ValueItem)
            .where(ValueItem.company_id == company.id)
            .order_by(ValueItem.found_on.is_(None), ValueItem.found_on.desc(), ValueItem.id.desc())
        )
    )
    slot = _slot(opportunity, interview, today)
    defaults = default_questions(gaps)
    saved = tuple(
        line.strip() for line in opportunity.interview_questions.splitlines() if line.strip()
    )
    return PlanContent(
        company=company.name,
        role=opportunity.title,
        slot=slot,
        people=_people(session, company.id, interview),
        gaps=gaps,
        stories=tuple(
            line.strip() for line in opportunity.strong_stories.splitlines() if line.strip()
        ),
        learned=learned,
        questions=saved or defaults,
        playbook_questions=defaults,
        next_touches=_next_touches(session, opportunity_id, interview, slot.on or today),
    )


def _slot(opportunity: Opportunity, interview: FollowUp | None, today: dt.date) -> Slot:
    """When and where: the next interview follow-up's day, and the place the person gave
    (else what the follow-up's notes or channel say)."""
    found = _found_slot(opportunity, interview, today)
    place = opportunity.interview_place.strip()
    return replace(found, where=place) if place else found


def _found_slot(opportunity: Opportunity, interview: FollowUp | None, today: dt.date) -> Slot:
    if interview is not None:
        where = interview.notes.strip()
        if not where and interview.channel is Channel.PHONE:
            where = "By phone"
        elif not where and interview.channel is Channel.MEETING:
            location = opportunity.company.location
            where = f"In person, {location}" if location else "In person"
        return Slot(interview.due_on, interview.due_time, where)
    final = opportunity.final_interview_on
    if final is not None and final >= today:
        return Slot(final)
    return Slot(last_interview_on=final)


def _people(session: Session, company_id: int, interview: FollowUp | None) -> tuple[Person, ...]:
    rank = {role: position for position, role in enumerate(INTERVIEW_ROLES)}
    contacts = list(
        session.scalars(
            select(Contact)
            .where(Contact.company_id == company_id, Contact.role.in_(INTERVIEW_ROLES))
            .order_by(Contact.name_key, Contact.id)
        )
    )
    contacts.sort(key=lambda contact: rank[contact.role])
    first = interview.contact if interview is not None else None
    if first is not None:
        contacts = [first, *(contact for contact in contacts if contact.id != first.id)]
    return tuple(
        Person(
            contact.name, contact.title, contact.role.label, contact.notes, contact.last_touch_on
        )
        for contact in contacts
    )


def _next_touches(
    session: Session, opportunity_id: int, interview: FollowUp | None, start: dt.date
) -> tuple[NextTouch, ...]:
    """The planned touches from the interview's day (today's, without a date) on."""
    query = (
        select(FollowUp)
        .where(
            FollowUp.opportunity_id == opportunity_id,
            FollowUp.status == FollowUpStatus.PLANNED,
            FollowUp.due_on >= start,
        )
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    if interview is not None:
        query = query.where(FollowUp.id != interview.id)
    return tuple(
        NextTouch(
            follow_up.due_on,
            headline(follow_up.notes) or follow_up.step.label,
            follow_up.contact.name if follow_up.contact is not None else "",
        )
        for follow_up in session.scalars(query)
    )
