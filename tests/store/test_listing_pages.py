"""Paging by key, the company sort, the open-opportunity count and the reminder index:
the parts of the listings and models that keep them fast at 100,000 contacts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import Stage
from runnerup_desktop.store import directory_queries as queries
from runnerup_desktop.store.agenda_queries import due_follow_ups
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_queries import (
    CompanyListing,
    ContactListing,
    PageKey,
    PageRequest,
    Row,
)
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Company, Contact, Opportunity

TODAY = dt.date(2026, 3, 15)


def fill(services: DirectoryServices, store: Store) -> None:
    """Companies with several contacts each; some contacts touched, most never."""
    for n, name in enumerate(["Zeta", "alpha", "Émile & Co", "beta", "Beta"]):
        company_id, _ = services.add_company({"name": name})
        for m in range(7):
            contact_id, _ = services.add_contact(
                {"company_id": company_id, "name": f"Person {m % 3} {n}", "title": "Engineer"}
            )
            if (n + m) % 3 == 0:
                with store.sessions.begin() as session:
                    contact = session.get(Contact, contact_id)
                    assert contact is not None
                    contact.last_touch_on = TODAY - dt.timedelta(days=(n * 7 + m) % 5)


def all_pages(listing: Any, session: Session, request: PageRequest, size: int) -> list[Row]:
    rows: list[Row] = []
    after: PageKey | None = None
    while True:
        page = listing.page(
            session, PageRequest(**{**request.__dict__, "limit": size, "after": after})
        )
        if not page:
            return rows
        assert len(page) <= size
        rows += page
        after = page[-1][-1]
        assert isinstance(after, PageKey)


def test_pages_by_key_are_the_whole_listing_in_every_order(
    services: DirectoryServices, store: Store
) -> None:
    fill(services, store)
    cases: list[tuple[Any, str, int]] = [(ContactListing(), "", 35), (CompanyListing(), "a", 4)]
    with store.sessions() as session:
        for listing, search, count in cases:  # Émile & Co has no "a"
            for column in listing.columns:
                for descending in (False, True):
                    request = PageRequest(sort_column=column, descending=descending, search=search)
                    whole = listing.page(session, PageRequest(**{**request.__dict__, "limit": 99}))
                    assert len(whole) == count
                    for size in (1, 4, 7):
                        paged = all_pages(listing, session, request, size)
                        assert [r[0] for r in paged] == [r[0] for r in whole], (column, size)


def test_the_company_sort_keeps_each_company_s_contacts_together_by_name(
    services: DirectoryServices, store: Store
) -> None:
    fill(services, store)
    with store.sessions() as session:
        rows = ContactListing().page(session, PageRequest(sort_column="company", limit=100))
    companies = [row[2] for row in rows]
    assert companies[:7] == ["alpha"] * 7
    assert companies[-7:] == ["Zeta"] * 7
    names = [row[1] for row in rows[:7]]
    assert names == sorted(names)


def open_count(store: Store, company_id: int) -> int:
    with store.sessions() as session:
        return (
            session.scalar(select(Company.open_opportunities).where(Company.id == company_id)) or 0
        )


def test_open_opportunities_stay_in_step(services: DirectoryServices, store: Store) -> None:
    acme, _ = services.add_company({"name": "Acme"})
    beta, _ = services.add_company({"name": "Beta"})
    with store.sessions.begin() as session:
        first = Opportunity(company_id=acme, title="Lead", stage=Stage.INTERVIEWING)
        second = Opportunity(company_id=acme, title="Staff", stage=Stage.CLOSED)
        session.add_all([first, second])
    assert open_count(store, acme) == 1
    with store.sessions.begin() as session:
        moved = session.get(Opportunity, second.id)
        assert moved is not None
        moved.stage = Stage.RUNNER_UP  # runner-up still counts as open
    assert open_count(store, acme) == 2
    with store.sessions.begin() as session:
        moved = session.get(Opportunity, first.id)
        assert moved is not None
        moved.company_id = beta
    assert (open_count(store, acme), open_count(store, beta)) == (1, 1)
    with store.sessions.begin() as session:
        gone = session.get(Opportunity, second.id)
        session.delete(gone)
    assert open_count(store, acme) == 0
    with store.sessions() as session:
        row = CompanyListing().row(session, beta)
    assert row is not None
    assert row[CompanyListing.columns.index("open_opportunities") + 1] == 1


def test_the_reminder_check_reads_only_what_has_not_reminded(store: Store) -> None:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        with store.sessions() as session:
            due_follow_ups(session, dt.datetime.combine(TODAY, dt.time(12)))
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    statement, parameters = next((s, p) for s, p in seen if s.lstrip().startswith("SELECT"))
    with store.engine.connect() as conn:
        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    assert "ix_follow_up_status_due_unreminded" in " ".join(str(row[-1]) for row in plan)


def test_every_search_plan_finds_the_same_rows(
    services: DirectoryServices, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the trigram index (rows read, or the order walked) or without it, a search
    finds the same contacts in the same order; and the index follows edits and deletes."""
    fill(services, store)
    first = services.add_company({"name": "Lindqvist Labs"})[0]
    hana, _ = services.add_contact({"company_id": first, "name": "Hana Sørensen"})
    services.update_contact(hana, {"title": "Staff Engineer"})
    doomed, _ = services.add_contact({"company_id": first, "name": "Gone Sørensen"})
    services.delete_contact(doomed)

    def listing(search: str, column: str) -> list[int]:
        with store.sessions() as session:
            request = PageRequest(search=search, sort_column=column, limit=99)
            return [row[0] for row in ContactListing().page(session, request)]

    plans = {"read": (10_000, 10_000, 10_000), "walk": (10_000, 0, 0), "like": (-1, 0, 0)}
    cases = [("person 1", "name"), ("person", "title"), ("sorensen", "title"), ("lindq", "company")]
    cases += [("staff eng", "last_touch_on"), ("gone", "name"), ("per 2", "role")]
    for search, column in cases:
        found = []
        for rare, few, few_by_name in plans.values():
            monkeypatch.setattr(queries, "RARE", rare)
            monkeypatch.setattr(queries, "FEW", few)
            monkeypatch.setattr(queries, "FEW_BY_NAME", few_by_name)
            found.append(listing(search, column))
        assert found[0] == found[1] == found[2], (search, column, found)
    assert listing("sorensen", "name") == [hana]
    assert listing("staff engineer", "name") == [hana]
    assert listing("gone", "name") == []


def test_a_search_counts_its_matches_only_as_far_as_the_plan_needs(
    services: DirectoryServices, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A common word has thousands of matches; counting them all costs a keystroke
    milliseconds. By name the count stops past ``FEW_BY_NAME``, in other orders past
    ``RARE``, and the plan chosen is the same."""
    fill(services, store)  # 35 contacts called "Person ..."
    monkeypatch.setattr(queries, "FEW_BY_NAME", 3)
    monkeypatch.setattr(queries, "RARE", 20)
    monkeypatch.setattr(queries, "FEW", 10)
    limits: list[int] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_rest: Any) -> None:
        if statement.startswith("SELECT count(*) FROM (SELECT rowid FROM contact_fts"):
            limits.append(params[-1])

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        with store.sessions() as session:
            for column in ("name", "title"):
                request = PageRequest(search="person", sort_column=column, limit=5)
                assert len(ContactListing().page(session, request)) == 5
            assert queries._narrowing(session, '"person"', "name") is None
            assert queries._narrowing(session, '"person"', "title") is None
            monkeypatch.setattr(queries, "RARE", 40)
            assert queries._narrowing(session, '"person"', "title") == "walk"
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert limits == [4, 21, 4, 21, 41]
