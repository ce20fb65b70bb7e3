"""The welcome view's first story: a company, a role there, and the person who told you,
written together (Qt-free).

:meth:`StoryServices.start_story` writes all three in one transaction, so that a refusal
(a bad date, say) leaves nothing half-made; the news and its plan are recorded next, by
:meth:`~runnerup_desktop.store.playbook_services.PlaybookServices.record_news`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core import validation
from runnerup_desktop.core.domain import CompanyStatus, ContactRole, JobLevel, Stage
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.models import Company, Contact, Opportunity
from runnerup_desktop.store.opportunity_services import MAX_TITLE


@dataclass(frozen=True)
class StoryStart:
    company: str
    role: str
    job_level: JobLevel = JobLevel.INDIVIDUAL_CONTRIBUTOR
    final_interview_on: dt.date | None = None
    #: The person who told you ("" when not known), and their part in the hiring.
    told_by: str = ""
    told_by_role: ContactRole = ContactRole.RECRUITER


@dataclass(frozen=True)
class StoryIds:
    company_id: int
    opportunity_id: int
    contact_id: int | None


class StoryServices:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def start_story(self, start: StoryStart, today: dt.date) -> tuple[StoryIds, Change]:
        """The company (in the runner-up part of the pipeline), the role (its final round
        done) and the person who told you, in one transaction."""
        company_name, role, told_by = start.company.strip(), start.role.strip(), start.told_by
        problem = (
            validation.check_company_name(company_name)
            or (None if role else "Name the role: the job you came second for.")
            or validation.check_length(role, MAX_TITLE, "The role")
            or (validation.check_person_name(told_by.strip()) if told_by.strip() else None)
        )
        if problem:
            raise ServiceError(problem)
        if start.final_interview_on is not None and start.final_interview_on > today:
            raise ServiceError("The final interview is still to come: choose a day up to today.")
        with self._sessions.begin() as session:
            company = Company(name=company_name, status=CompanyStatus.IN_PROCESS)
            session.add(company)
            session.flush()
            contact = None
            if told_by.strip():
                contact = Contact(
                    company_id=company.id, name=told_by.strip(), role=start.told_by_role
                )
                session.add(contact)
            opportunity = Opportunity(
                company_id=company.id,
                title=role,
                job_level=start.job_level,
                stage=Stage.FINAL_ROUND,
                final_interview_on=start.final_interview_on,
            )
            session.add(opportunity)
            session.flush()
            ids = StoryIds(company.id, opportunity.id, contact.id if contact else None)
            change = Change(
                companies=frozenset({company.id}),
                contacts=frozenset({contact.id}) if contact else frozenset(),
                opportunities=True,
            )
            return ids, change
