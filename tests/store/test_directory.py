"""Companies and contacts: services (one transaction each) and SQL listings."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from runnerup_desktop.core.domain import ContactRole, Direction, InteractionKind, Stage
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_queries import CompanyListing, ContactListing, PageRequest
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Company, Contact, Interaction, Opportunity


def add_company(services: DirectoryServices, name: str, **fields: object) -> int:
    company_id, _ = services.add_company({"name": name, **fields})
    return company_id


def add_contact(services: DirectoryServices, company_id: int, name: str, **fields: object) -> int:
    contact_id, _ = services.add_contact({"company_id": company_id, "name": name, **fields})
    return contact_id


def test_add_and_update_company_reports_change(services: DirectoryServices, store: Store) -> None:
    company_id, change = services.add_company({"name": "  Northwind  ", "industry": "Data"})
    assert change.companies == {company_id}
    services.update_company(company_id, {"location": "Lisbon"})
    with store.sessions() as session:
        company = session.get(Company, company_id)
        assert company is not None
        assert (company.name, company.industry, company.location) == ("Northwind", "Data", "Lisbon")


def test_company_needs_a_name(services: DirectoryServices, store: Store) -> None:
    with pytest.raises(ServiceError, match="name is required"):
        services.add_company({"name": "   "})
    with store.sessions() as session:
        assert session.scalar(select(func.count(Company.id))) == 0


def test_contact_must_belong_to_existing_company(services: DirectoryServices) -> None:
    with pytest.raises(ServiceError, match="no longer exists"):
        services.add_contact({"company_id": 999, "name": "Ana"})


def test_delete_company_impact_and_cascade(services: DirectoryServices, store: Store) -> None:
    company_id = add_company(services, "Acme")
    hana = add_contact(services, company_id, "Hana")
    add_contact(services, company_id, "Ivo")
    with store.sessions.begin() as session:
        session.add(Opportunity(company_id=company_id, title="EM", stage=Stage.RUNNER_UP))
    services.log_interaction(
        {
            "contact_id": hana,
            "kind": InteractionKind.CALL,
            "direction": Direction.INBOUND,
            "occurred_on": dt.date(2026, 11, 1),
            "summary": "Hana called",
        }
    )
    impact = services.company_delete_impact(company_id)
    assert (impact.contacts, impact.opportunities, impact.interactions) == (2, 1, 1)
    sentence = impact.sentence("Acme")
    assert "2 contacts" in sentence and "1 opportunity" in sentence
    services.delete_company(company_id)
    with store.sessions() as session:
        for model in (Company, Contact, Opportunity, Interaction):
            assert session.scalar(select(func.count(model.id))) == 0


def test_interaction_moves_last_touch_forward_only(
    services: DirectoryServices, store: Store
) -> None:
    company_id = add_company(services, "Acme")
    hana = add_contact(services, company_id, "Hana")
    for day in (dt.date(2026, 10, 5), dt.date(2026, 9, 1)):
        services.log_interaction(
            {
                "contact_id": hana,
                "kind": InteractionKind.EMAIL,
                "occurred_on": day,
                "summary": "An email",
            }
        )
    with store.sessions() as session:
        contact = session.get(Contact, hana)
        assert contact is not None and contact.company is not None
        assert contact.last_touch_on == dt.date(2026, 10, 5)
        assert contact.company.last_touch_on == dt.date(2026, 10, 5)


def test_duplicates_by_name_and_email(services: DirectoryServices) -> None:
    company_id = add_company(services, "Zoë Labs")
    add_contact(services, company_id, "Łukasz Wróbel", email="Lukasz@Zoe.example")
    assert services.company_duplicates("zoe labs") == ["A company named “Zoë Labs” already exists."]
    assert services.company_duplicates("Other") == []
    found = services.contact_duplicates("lukasz wrobel", "lukasz@zoe.example")
    assert len(found) == 2
    assert "Łukasz Wróbel at Zoë Labs" in found[0]


def test_company_listing_search_sort_and_page(services: DirectoryServices, store: Store) -> None:
    for name, industry in [("Zeta", "Health"), ("alpha", "Data"), ("Émile & Co", "Data")]:
        add_company(services, name, industry=industry)
    listing = CompanyListing()
    with store.sessions() as session:
        names = [r[1] for r in listing.page(session, PageRequest())]
        assert names == ["alpha", "Émile & Co", "Zeta"]  # accent- and case-insensitive
        desc = [r[1] for r in listing.page(session, PageRequest(descending=True))]
        assert desc == list(reversed(names))
        found = [r[1] for r in listing.page(session, PageRequest(search="emile"))]
        assert found == ["Émile & Co"]
        data = [r[1] for r in listing.page(session, PageRequest(search="data", sort_column="name"))]
        assert data == ["alpha", "Émile & Co"]
        page2 = listing.page(session, PageRequest(offset=1, limit=1))
        assert [r[1] for r in page2] == ["Émile & Co"]
        assert listing.page(session, PageRequest(search="100%")) == []


def test_open_opportunities_column_counts_open_stages(
    services: DirectoryServices, store: Store
) -> None:
    company_id = add_company(services, "Acme")
    with store.sessions.begin() as session:
        for stage in (Stage.RUNNER_UP, Stage.INTERVIEWING, Stage.CLOSED):
            session.add(Opportunity(company_id=company_id, title=stage.value, stage=stage))
    with store.sessions() as session:
        row = CompanyListing().row(session, company_id)
    assert row is not None
    assert row[CompanyListing.columns.index("open_opportunities") + 1] == 2


def test_contact_listing_scopes_to_company_or_everyone(
    services: DirectoryServices, store: Store
) -> None:
    acme = add_company(services, "Acme")
    beta = add_company(services, "Beta")
    add_contact(services, acme, "Hana", role=ContactRole.HIRING_MANAGER, email="h@acme.example")
    add_contact(services, beta, "Ivo", title="Recruiter")
    listing = ContactListing()
    with store.sessions() as session:
        assert [r[1] for r in listing.page(session, PageRequest(company_id=acme))] == ["Hana"]
        everyone = listing.page(session, PageRequest(sort_column="company", descending=True))
        assert [(r[1], r[2]) for r in everyone] == [("Ivo", "Beta"), ("Hana", "Acme")]
        assert [r[1] for r in listing.page(session, PageRequest(search="beta"))] == ["Ivo"]
        assert [r[1] for r in listing.page(session, PageRequest(search="acme.example"))] == ["Hana"]


def test_company_rename_reaches_contact_search(services: DirectoryServices, store: Store) -> None:
    acme = add_company(services, "Acme")
    add_contact(services, acme, "Hana")
    services.update_company(acme, {"name": "Zenith Labs"})
    with store.sessions() as session:
        found = ContactListing().page(session, PageRequest(search="zenith"))
        assert [row[1] for row in found] == ["Hana"]
        assert ContactListing().page(session, PageRequest(search="acme")) == []


def test_search_walks_the_search_index(store: Store) -> None:
    from sqlalchemy import text

    with store.sessions() as session:
        plan = session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT id FROM contact WHERE search_key LIKE '%x%'"
                " ORDER BY name_key LIMIT 200"
            )
        ).all()
    assert "ix_contact_search" in " ".join(str(row[-1]) for row in plan)
