"""Templates in the database, and what a follow-up's draft is made from."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

from runnerup_desktop.core.domain import Channel, Step
from runnerup_desktop.core.news import FollowUpValues
from runnerup_desktop.core.templates import DEFAULT_TEMPLATES, default_template
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.models import Company, Contact, FollowUp, MessageTemplate
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.store.template_services import (
    MessageTemplates,
    TemplateValues,
    draft_source,
)

TODAY = dt.date(2026, 3, 9)


def test_defaults_are_added_on_first_read_and_only_once(store: Store) -> None:
    templates = MessageTemplates(store.sessions)
    first = templates.all()
    assert [t.builtin for t in first] == [t.key for t in DEFAULT_TEMPLATES]
    assert [t.id for t in templates.all()] == [t.id for t in first]
    with store.sessions() as session:
        assert len(session.scalars(select(MessageTemplate)).all()) == len(DEFAULT_TEMPLATES)


def test_a_missing_default_comes_back(store: Store) -> None:
    templates = MessageTemplates(store.sessions)
    templates.all()
    with store.sessions.begin() as session:
        session.execute(delete(MessageTemplate).where(MessageTemplate.builtin == "re_contact"))
    assert "re_contact" in {t.builtin for t in templates.all()}


def test_add_edit_reset_and_delete(store: Store) -> None:
    templates = MessageTemplates(store.sessions)
    note = next(t for t in templates.all() if t.builtin == "thank_you_note")
    mine_id, _change = templates.add(
        TemplateValues(
            "  Short   thanks ", Step.THANK_YOU_NOTE, "Thanks!", "{greeting}\r\n\r\nThanks."
        )
    )
    general_id, _ = templates.add(TemplateValues("Any time", None, "Hello", "{greeting}"))
    mine = templates.get(mine_id)
    assert (mine.name, mine.body, mine.is_builtin) == (
        "Short thanks",
        "{greeting}\n\nThanks.",
        False,
    )
    offered = [t.id for t in templates.for_step(Step.THANK_YOU_NOTE)]
    assert offered[:2] == [note.id, mine_id]
    assert offered.index(general_id) < offered.index(templates.for_step(Step.RE_CONTACT)[0].id)

    templates.update(note.id, TemplateValues("Thank-you note", Step.THANK_YOU_NOTE, "Hi", "Body"))
    assert templates.get(note.id).is_changed
    templates.reset(note.id)
    reset = templates.get(note.id)
    default = default_template("thank_you_note")
    assert default is not None
    assert (reset.subject, reset.body, reset.is_changed) == (default.subject, default.body, False)

    with pytest.raises(ServiceError, match="cannot be deleted"):
        templates.delete(note.id)
    with pytest.raises(ServiceError, match="stays with its step"):
        templates.update(note.id, TemplateValues("X", Step.RE_CONTACT, "", ""))
    with pytest.raises(ServiceError, match="Only a default"):
        templates.reset(mine_id)
    templates.delete(mine_id)
    with pytest.raises(ServiceError, match="no longer exists"):
        templates.get(mine_id)


@pytest.mark.parametrize(
    ("values", "sentence"),
    [
        (TemplateValues("  ", None, "", ""), "Give the template a name"),
        (TemplateValues("X", None, "", "Hi {frist_name}"), "does not know “{frist_name}”"),
        (TemplateValues("X", None, "{feedback_points}", ""), "can only go in the body"),
        (TemplateValues("x" * 201, None, "", ""), "at most 200 characters"),
    ],
)
def test_a_wrong_template_is_refused_with_a_sentence(
    store: Store, values: TemplateValues, sentence: str
) -> None:
    with pytest.raises(ServiceError, match=sentence):
        MessageTemplates(store.sessions).add(values)


def test_draft_source_from_the_demo(store: Store) -> None:
    seed_demo(store.sessions, TODAY)
    with store.sessions() as session:
        check_in = session.scalars(
            select(FollowUp.id).where(FollowUp.step == Step.OFFER_CHECK_IN)
        ).one()
    source = draft_source(store.sessions, check_in, my_name="Ana Sousa", today=TODAY)
    assert (source.contact_name, source.contact_email) == (
        "Łukasz Wróbel",
        "lukasz.wrobel@northwind.example",
    )
    assert source.step is Step.OFFER_CHECK_IN and source.channel is Channel.EMAIL
    context = source.context
    assert context.company == "Northwind Analytics"
    assert context.job_title == "Engineering Manager, Data Platform"
    assert [item.gap for item in context.feedback] == [
        "Has not managed a team larger than eight",
        "Less experience with Spark",
    ]
    assert context.news_on == TODAY - dt.timedelta(days=7)
    assert (context.my_name, context.today) == ("Ana Sousa", TODAY)


def test_draft_source_without_contact_or_opportunity(store: Store) -> None:
    with store.sessions.begin() as session:
        company = Company(name="Cedar & Stone")
        session.add(company)
        session.flush()
        company_id = company.id
        session.add(Contact(company_id=company_id, name="Amélie"))
    playbook = PlaybookServices(store.sessions, today=lambda: TODAY)
    follow_up_id, _ = playbook.add_follow_up(FollowUpValues(company_id=company_id, due_on=TODAY))
    source = draft_source(store.sessions, follow_up_id, my_name="", today=TODAY)
    assert (source.contact_id, source.contact_name, source.title) == (None, "", "Other")
    assert source.context.feedback == () and source.context.job_title == ""
    with pytest.raises(ServiceError, match="no longer exists"):
        draft_source(store.sessions, 9999, my_name="", today=TODAY)
