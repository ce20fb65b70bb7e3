"""Every field and argument keeps to its range: the services refuse what is outside it
with a sentence, a stored value this version does not know reads as unknown, and any
search text is a search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runnerup_desktop.core.domain import (
    Channel,
    CompanyStatus,
    ContactRole,
    InteractionKind,
    Stage,
    Step,
)
from runnerup_desktop.core.news import FeedbackInput, FollowUpValues, NewsInput
from runnerup_desktop.core.playbook import PlannedTouch
from runnerup_desktop.store.agenda_queries import agenda
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_queries import CompanyListing, ContactListing, PageRequest
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.first_page import FirstPageCompanies, ReadOnlyFile
from runnerup_desktop.store.interview_plan_queries import load_plan
from runnerup_desktop.store.models import Company, Contact, FollowUp, Opportunity
from runnerup_desktop.store.opportunity_queries import load_news_context
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.store.template_services import MessageTemplates, TemplateValues, draft_source
from tests.builders import World, build_acme
from tests.sqlite_files import connected

TODAY = dt.date(2026, 3, 2)
HUGE = 2**70
FAR = dt.date(9999, 12, 28)
HALF = "Ana \ud800 Lopez"  # half of a surrogate pair, as a broken paste leaves


@pytest.fixture
def playbook(store: Store) -> PlaybookServices:
    return PlaybookServices(store.sessions, today=lambda: TODAY)


@pytest.fixture
def world(services: DirectoryServices, playbook: PlaybookServices) -> World:
    return build_acme(services, playbook, {"stage": Stage.INTERVIEWING})


def refused(write: Callable[[], object], *words: str) -> str:
    with pytest.raises(ServiceError) as refusal:
        write()
    sentence = str(refusal.value)
    assert sentence.endswith(".") and sentence[0].isupper()
    for word in words:
        assert word in sentence
    return sentence


def test_values_an_enum_does_not_know_are_refused(
    services: DirectoryServices, playbook: PlaybookServices, store: Store, world: World
) -> None:
    refused(lambda: services.add_company({"name": "X", "status": "nonsense"}), "must be one of")
    refused(lambda: services.update_company(world.company, {"status": "paused"}), "Target")
    refused(
        lambda: services.add_contact({"company_id": world.company, "name": "X", "role": "boss"}),
        "Hiring manager",
    )
    refused(
        lambda: services.log_interaction(
            {
                "summary": "Called",
                "company_id": world.company,
                "kind": "telegram",
                "occurred_on": TODAY,
            }
        ),
        "Call",
    )
    refused(
        lambda: services.log_interaction(
            {
                "summary": "Called",
                "company_id": world.company,
                "direction": "sideways",
                "occurred_on": TODAY,
            }
        ),
        "Outbound",
    )
    follow_up = FollowUpValues(company_id=world.company, due_on=TODAY, step="dance")  # type: ignore[arg-type]
    refused(lambda: playbook.add_follow_up(follow_up), "Thank and ask")
    pigeon = FollowUpValues(company_id=world.company, due_on=TODAY, channel="pigeon")  # type: ignore[arg-type]
    refused(lambda: playbook.add_follow_up(pigeon), "Email")
    refused(lambda: playbook.update_opportunity(world.opportunity, {"stage": "dreaming"}))
    refused(lambda: playbook.update_opportunity(world.opportunity, {"job_level": "god"}))
    news = NewsInput(
        news_on=TODAY,
        feedback=(FeedbackInput(gap="SQL", importance="vital"),),  # type: ignore[arg-type]
    )
    refused(lambda: playbook.record_news(world.opportunity, news, []), "Essential")
    templates = MessageTemplates(store.sessions)
    refused(lambda: templates.add(TemplateValues("Mine", "dance", "Hi", "Hello")), "Interview")  # type: ignore[arg-type]


def test_text_that_cannot_be_stored_is_refused_with_its_field(
    services: DirectoryServices, playbook: PlaybookServices, store: Store, world: World
) -> None:
    refused(lambda: services.add_company({"name": HALF}), "“name”", "U+D800")
    refused(lambda: services.add_contact({"company_id": world.company, "name": "X", "notes": HALF}))
    refused(
        lambda: services.log_interaction(
            {"company_id": world.company, "occurred_on": TODAY, "summary": HALF}
        ),
        "“summary”",
    )
    refused(lambda: playbook.update_opportunity(world.opportunity, {"title": HALF}), "“title”")
    refused(lambda: playbook.add_value_item(world.company, HALF), "“title”")
    refused(
        lambda: playbook.add_follow_up(
            FollowUpValues(company_id=world.company, due_on=TODAY, notes=HALF)
        ),
        "“notes”",
    )
    templates = MessageTemplates(store.sessions)
    refused(lambda: templates.add(TemplateValues(HALF, None, "Hi", "Hello")))
    refused(lambda: services.add_company({"name": "x" * 201}), "at most 200 characters")
    refused(lambda: services.add_company({"name": "X", "notes": "n" * 10_001}), "10,000")
    with store.sessions() as session:  # nothing of it was stored
        assert session.query(Company).count() == 1


def test_ids_past_sqlites_range_are_records_that_do_not_exist(
    services: DirectoryServices, playbook: PlaybookServices, store: Store, world: World
) -> None:
    gone = "no longer exists"
    refused(lambda: services.delete_company(HUGE), gone)
    refused(lambda: services.update_contact(-HUGE, {"name": "X"}), gone)
    refused(lambda: services.add_contact({"company_id": HUGE, "name": "X"}), gone)
    refused(
        lambda: services.log_interaction(
            {
                "summary": "Called",
                "company_id": world.company,
                "contact_id": HUGE,
                "occurred_on": TODAY,
            }
        ),
        gone,
    )
    refused(lambda: playbook.complete(HUGE, "", TODAY), gone)
    refused(lambda: playbook.snooze(HUGE, TODAY + dt.timedelta(days=1)), gone)
    refused(lambda: playbook.delete_opportunity(2**63), gone)
    refused(lambda: playbook.hire_started(HUGE, TODAY), gone)
    refused(lambda: MessageTemplates(store.sessions).delete(HUGE), gone)
    refused(lambda: draft_source(store.sessions, HUGE, my_name="", today=TODAY), gone)
    with store.sessions() as session:
        refused(lambda: load_news_context(session, HUGE), gone)
    playbook.mark_notified([HUGE, world.company], dt.datetime(2026, 3, 2, 9))  # no overflow


def test_days_outside_the_range_are_refused_before_any_arithmetic(
    playbook: PlaybookServices, services: DirectoryServices, world: World
) -> None:
    days = "from 1900-01-01 to 2199-12-31"
    far = FollowUpValues(company_id=world.company, due_on=FAR, contact_id=world.manager)
    refused(lambda: playbook.add_follow_up(far, allow_past=True), days)
    refused(lambda: playbook.spacing_warning(world.manager, FAR, Step.DOOR_OPEN_NOTE), days)
    refused(lambda: playbook.hire_started(world.opportunity, FAR), days)
    refused(lambda: playbook.came_back(world.opportunity, dt.date(1, 1, 1)), days)
    refused(lambda: playbook.add_value_item(world.company, "News", found_on=FAR), days)
    refused(lambda: playbook.update_opportunity(world.opportunity, {"applied_on": FAR}), days)
    refused(
        lambda: services.log_interaction(
            {"summary": "Called", "company_id": world.company, "occurred_on": FAR}
        ),
        days,
    )
    touch = PlannedTouch(
        step=Step.RE_CONTACT,
        due_on=FAR,
        contact_id=None,
        channel=Channel.EMAIL,
        title="Later",
        guidance="",
        is_outbound=True,
    )
    refused(lambda: playbook.record_news(world.opportunity, NewsInput(TODAY), [touch]), days)


def store_unknown_values(store: Store, world: World, playbook: PlaybookServices) -> int:
    """What a newer RunnerUp (or another program) may leave: a value of every enum column
    that this version does not know."""
    follow_up, _ = playbook.add_follow_up(
        FollowUpValues(company_id=world.company, due_on=TODAY, contact_id=world.manager)
    )
    DirectoryServices(store.sessions).log_interaction(
        {
            "summary": "Called",
            "company_id": world.company,
            "contact_id": world.manager,
            "occurred_on": TODAY,
        }
    )
    playbook.add_value_item(world.company, "A competitor")
    with connected(store.path) as conn:
        for statement in (
            "UPDATE company SET status = 'paused'",
            "UPDATE contact SET role = 'mentor'",
            "UPDATE opportunity SET stage = 'on_hold', job_level = 'founder'",
            "UPDATE follow_up SET step = 'send_flowers', channel = 'pigeon'",
            "UPDATE interaction SET kind = 'telegram', direction = 'sideways'",
            "UPDATE message_template SET step = 'send_flowers' WHERE builtin = 'interview'",
        ):
            conn.execute(statement)
    conn.close()
    return follow_up


def test_values_this_version_does_not_know_read_as_unknown(
    store: Store, playbook: PlaybookServices, world: World
) -> None:
    MessageTemplates(store.sessions).all()  # the defaults, before one is changed
    follow_up = store_unknown_values(store, world, playbook)
    with store.sessions() as session:
        company = session.get(Company, world.company)
        assert company is not None
        assert company.status.label == "Unknown" and not company.status.known
        assert company.status != CompanyStatus.TARGET
        contact = session.get(Contact, world.manager)
        assert contact is not None and contact.role.label == "Unknown"
        assert contact.role is not ContactRole.HIRING_MANAGER
        due = agenda(session, TODAY, 7)
        assert [item.step.label for item in due.today] == ["Unknown"]
        assert load_plan(session, world.opportunity, TODAY) is not None
        for listing in (CompanyListing(), ContactListing()):
            assert listing.page(session, PageRequest(limit=10))
        opportunity = session.get(Opportunity, world.opportunity)
        assert opportunity is not None and opportunity.stage.label == "Unknown"
    with ReadOnlyFile(store.path)() as connection:
        first = FirstPageCompanies().page(connection, PageRequest(limit=10))
    assert first[0][4].label == "Unknown"
    entries = playbook.timeline(company_id=world.company)
    assert [entry.kind.label for entry in entries] == ["Unknown"]
    assert MessageTemplates(store.sessions).all()  # listed, the unknown step last
    assert draft_source(store.sessions, follow_up, my_name="Me", today=TODAY).step.label
    # Changing something else keeps the unknown value as it was; doing the follow-up works.
    DirectoryServices(store.sessions).update_company(world.company, {"name": "Acme Corp"})
    playbook.complete(follow_up, "Done", TODAY)
    with connected(store.path) as conn:
        assert conn.execute("SELECT name, status FROM company").fetchall() == [
            ("Acme Corp", "paused")
        ]
        assert conn.execute("SELECT kind FROM interaction ORDER BY id DESC").fetchone() == (
            InteractionKind.NOTE.value,
        )
    conn.close()
    with store.sessions() as session:
        assert session.get(FollowUp, follow_up) is not None


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=40))
def test_any_text_typed_in_a_search_box_is_a_search(store: Store, text: str) -> None:
    with store.sessions() as session:
        for listing in (CompanyListing(), ContactListing()):
            for column in listing.columns:
                listing.page(session, PageRequest(search=text, sort_column=column))


ODD = ['"', "a\x00b", "abc\udfff", "NEAR(", "*", "col:abc", "%_/", "'; DROP", "\ud800x"]


@pytest.mark.parametrize("text", ODD)
def test_odd_search_strings_find_nothing_and_raise_nothing(
    store: Store, services: DirectoryServices, text: str
) -> None:
    company, _ = services.add_company({"name": "Acme"})
    services.add_contact({"company_id": company, "name": "Ana Lopez"})
    found: list[Any] = []
    with store.sessions() as session:
        for listing in (CompanyListing(), ContactListing()):
            found += listing.page(session, PageRequest(search=text))
    assert found == []


def test_a_search_of_only_characters_no_text_holds_is_no_search(
    store: Store, services: DirectoryServices
) -> None:
    services.add_company({"name": "Acme"})
    with store.sessions() as session:
        for text in ("\ud800", "\x00", "\x07\udfff"):
            assert [row[1] for row in CompanyListing().page(session, PageRequest(search=text))] == [
                "Acme"
            ]
