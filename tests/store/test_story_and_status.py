"""The welcome view's first story is one transaction; the status column sorts as a
pipeline reads; an empty database is told from one with records."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from runnerup_desktop.core.domain import CompanyStatus, ContactRole, JobLevel, Stage
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_queries import CompanyListing
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Company, Contact, Opportunity
from runnerup_desktop.store.paging import PageRequest
from runnerup_desktop.store.story_services import StoryServices, StoryStart
from runnerup_desktop.store.welcome_queries import holdings, is_empty

TODAY = dt.date(2026, 3, 9)


def counts(store: Store) -> tuple[int, int, int]:
    with store.sessions() as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Company, Contact, Opportunity)
        )


def test_the_first_story_writes_company_role_and_person_together(store: Store) -> None:
    with store.sessions() as session:
        assert is_empty(session)
    ids, change = StoryServices(store.sessions).start_story(
        StoryStart(
            company="Northwind Analytics",
            role="Engineering Manager",
            job_level=JobLevel.MIDDLE_MANAGEMENT,
            final_interview_on=dt.date(2026, 2, 20),
            told_by="Ana Lopez",
            told_by_role=ContactRole.HIRING_MANAGER,
        ),
        TODAY,
    )
    assert counts(store) == (1, 1, 1)
    assert change.companies == {ids.company_id} and change.opportunities
    with store.sessions() as session:
        assert not is_empty(session)
        assert holdings(session).companies == 1
        opportunity = session.get(Opportunity, ids.opportunity_id)
        assert opportunity is not None
        assert opportunity.stage is Stage.FINAL_ROUND
        assert opportunity.job_level is JobLevel.MIDDLE_MANAGEMENT
        contact = session.get(Contact, ids.contact_id)
        assert contact is not None and contact.role is ContactRole.HIRING_MANAGER


def test_without_a_person_it_writes_no_contact(store: Store) -> None:
    ids, _change = StoryServices(store.sessions).start_story(
        StoryStart(company="Acme", role="Analyst"), TODAY
    )
    assert ids.contact_id is None and counts(store) == (1, 0, 1)


@pytest.mark.parametrize(
    ("start", "said"),
    [
        (StoryStart(company=" ", role="Analyst"), "A company needs a name."),
        (StoryStart(company="Acme", role=""), "Name the role"),
        (
            StoryStart(company="Acme", role="Analyst", final_interview_on=dt.date(2026, 4, 1)),
            "still to come",
        ),
    ],
)
def test_a_refused_story_leaves_nothing(store: Store, start: StoryStart, said: str) -> None:
    with pytest.raises(ServiceError, match=said):
        StoryServices(store.sessions).start_story(start, TODAY)
    assert counts(store) == (0, 0, 0)


def test_status_sorts_in_the_pipelines_order(store: Store, services: DirectoryServices) -> None:
    for name, status in (
        ("Archived Co", CompanyStatus.ARCHIVED),
        ("Hired Co", CompanyStatus.HIRED),
        ("Process Co", CompanyStatus.IN_PROCESS),
        ("Runner Co", CompanyStatus.RUNNER_UP),
        ("Target Co", CompanyStatus.TARGET),
    ):
        services.add_company({"name": name, "status": status})
    listing = CompanyListing()
    with store.sessions() as session:
        rows = listing.page(session, PageRequest(sort_column="status", limit=3))
        rest = listing.page(
            session, PageRequest(sort_column="status", limit=10, after=rows[-1][-1])
        )
        backwards = listing.page(session, PageRequest(sort_column="status", descending=True))
    order = [row[1] for row in rows + rest]
    assert order == ["Target Co", "Process Co", "Runner Co", "Hired Co", "Archived Co"]
    assert [row[1] for row in backwards] == list(reversed(order))
