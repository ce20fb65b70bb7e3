"""A person's operations on the demo story, for the undo tests: each picks what it acts on
from what is in the file now (``pick`` chooses among the candidates), so that random
sequences stay meaningful, and returns its label and :class:`Change`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select

from runnerup_desktop.core.domain import (
    Channel,
    CompanyStatus,
    ContactRole,
    Direction,
    FollowUpStatus,
    Importance,
    InteractionKind,
    Stage,
    Step,
)
from runnerup_desktop.core.news import FeedbackInput, FollowUpValues, NewsInput
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import (
    Company,
    Contact,
    FeedbackItem,
    FollowUp,
    Interaction,
    MessageDraft,
    MessageTemplate,
    Opportunity,
    ValueItem,
)
from runnerup_desktop.store.playbook_services import FeedbackRecord, PlaybookServices
from runnerup_desktop.store.profile_services import Draft, ProfileServices, ProfileValues
from runnerup_desktop.store.template_services import MessageTemplates, TemplateValues

TODAY = dt.date(2025, 6, 2)


@dataclass
class Bench:
    """The services over one store, and a way to list what is there."""

    store: Store
    services: DirectoryServices
    playbook: PlaybookServices
    templates: MessageTemplates
    profiles: ProfileServices

    @classmethod
    def over(cls, store: Store) -> Bench:
        return cls(
            store,
            DirectoryServices(store.sessions),
            PlaybookServices(store.sessions, today=lambda: TODAY),
            MessageTemplates(store.sessions),
            ProfileServices(store.sessions),
        )

    def ids(self, model: Any, *where: Any) -> list[int]:
        with self.store.sessions() as session:
            key = getattr(model, "id", None) or model.follow_up_id
            return list(session.scalars(select(key).where(*where).order_by(key)))

    def one(self, model: Any, pick: int, *where: Any) -> int:
        found = self.ids(model, *where)
        if not found:
            raise ServiceError("nothing to act on")  # refused like any other operation
        return found[pick % len(found)]

    def company_of(self, model: Any, row_id: int) -> int:
        with self.store.sessions() as session:
            row = session.get(model, row_id)
            assert row is not None
            return int(row.company_id)


Op = Callable[[Bench, int], tuple[str, Change]]
PLANNED = FollowUp.status == FollowUpStatus.PLANNED


def add_company(b: Bench, pick: int) -> tuple[str, Change]:
    _, change = b.services.add_company(
        {"name": f"Globex {pick % 97}", "industry": "Energy", "status": CompanyStatus.TARGET}
    )
    return f"Add company Globex {pick % 97}", change


def rename_company(b: Bench, pick: int) -> tuple[str, Change]:
    company = b.one(Company, pick)
    return "Rename company", b.services.update_company(
        company, {"name": f"Renamed Ünïcode {pick % 89}", "location": "Porto"}
    )


def delete_company(b: Bench, pick: int) -> tuple[str, Change]:
    return "Delete company", b.services.delete_company(b.one(Company, pick))


def add_contact(b: Bench, pick: int) -> tuple[str, Change]:
    _, change = b.services.add_contact(
        {
            "company_id": b.one(Company, pick),
            "name": f"Zoë O'Brien {pick % 83}",
            "email": f"zoe{pick % 83}@example.org",
            "role": ContactRole.INSIDER,
        }
    )
    return "Add contact", change


def edit_contact(b: Bench, pick: int) -> tuple[str, Change]:
    contact = b.one(Contact, pick)
    return "Edit contact", b.services.update_contact(
        contact,
        {"company_id": b.one(Company, pick // 7), "title": "Staff engineer", "email": "x@y.org"},
    )


def delete_contact(b: Bench, pick: int) -> tuple[str, Change]:
    return "Delete contact", b.services.delete_contact(b.one(Contact, pick))


def log_interaction(b: Bench, pick: int) -> tuple[str, Change]:
    contact = b.one(Contact, pick)
    _, change = b.services.log_interaction(
        {
            "contact_id": contact,
            "kind": InteractionKind.EMAIL,
            "direction": Direction.OUTBOUND,
            "occurred_on": TODAY - dt.timedelta(days=pick % 30),
            "summary": "Shared the article",
        }
    )
    return "Log interaction", change


def edit_interaction(b: Bench, pick: int) -> tuple[str, Change]:
    interaction = b.one(Interaction, pick)
    return "Edit interaction", b.services.update_interaction(
        interaction,
        {"occurred_on": TODAY - dt.timedelta(days=pick % 50), "summary": "Corrected"},
    )


def delete_interaction(b: Bench, pick: int) -> tuple[str, Change]:
    return "Delete interaction", b.services.delete_interaction(b.one(Interaction, pick))


def add_opportunity(b: Bench, pick: int) -> tuple[str, Change]:
    _, change = b.playbook.add_opportunity(
        {"company_id": b.one(Company, pick), "title": "Analyst", "stage": Stage.FINAL_ROUND}
    )
    return "Add opportunity", change


def edit_opportunity(b: Bench, pick: int) -> tuple[str, Change]:
    opportunity = b.one(Opportunity, pick)
    stage = [Stage.CLOSED, Stage.INTERVIEWING, Stage.OFFER][pick % 3]
    return "Edit opportunity", b.playbook.update_opportunity(
        opportunity, {"stage": stage, "notes": "Edited"}
    )


def delete_opportunity(b: Bench, pick: int) -> tuple[str, Change]:
    return "Delete opportunity", b.playbook.delete_opportunity(b.one(Opportunity, pick))


def record_news(b: Bench, pick: int) -> tuple[str, Change]:
    news_on = TODAY - dt.timedelta(days=pick % 5)
    opportunity = b.one(
        Opportunity,
        pick,
        Opportunity.news_on.is_(None),
        Opportunity.final_interview_on.is_(None) | (Opportunity.final_interview_on <= news_on),
        Opportunity.stage != Stage.HIRED,
    )
    company = b.company_of(Opportunity, opportunity)
    told = b.ids(Contact, Contact.company_id == company)
    news = NewsInput(
        news_on=news_on,
        told_by_id=told[0] if told else None,
        feedback=(FeedbackInput("Scale", Importance.ESSENTIAL, "Led 15", "Payments"),),
        winner_name="",
    )
    plan = b.playbook.preview_news(opportunity, news)
    return "Record the news", b.playbook.record_news(opportunity, news, plan)


def candidate_accepted(b: Bench, pick: int) -> tuple[str, Change]:
    opportunity = b.one(Opportunity, pick, Opportunity.news_on.is_not(None))
    return "Candidate accepted", b.playbook.candidate_accepted(opportunity, TODAY)


def hire_started(b: Bench, pick: int) -> tuple[str, Change]:
    opportunity = b.one(Opportunity, pick, Opportunity.news_on.is_not(None))
    return "Hire started", b.playbook.hire_started(opportunity, TODAY + dt.timedelta(pick % 40))


def came_back(b: Bench, pick: int) -> tuple[str, Change]:
    opportunity = b.one(Opportunity, pick, Opportunity.news_on.is_not(None))
    return "They came back", b.playbook.came_back(opportunity, TODAY)


def update_news(b: Bench, pick: int) -> tuple[str, Change]:
    opportunity = b.one(Opportunity, pick, Opportunity.news_on.is_not(None))
    news = b.playbook.recorded_news(opportunity)
    feedback = (
        *(replace(item, example=item.example + " (edited)") for item in news.feedback[1:]),
        FeedbackRecord(None, "Spark", Importance.NICE_TO_HAVE),
    )
    corrected = replace(news, winner_name="Jane Roe", feedback=feedback)
    return "Edit the news", b.playbook.update_news(opportunity, corrected, move_plan=True)


def add_feedback(b: Bench, pick: int) -> tuple[str, Change]:
    opportunity = b.one(Opportunity, pick)
    _, change = b.playbook.add_feedback(opportunity, FeedbackInput("Cloud costs"))
    return "Add a gap", change


def delete_feedback(b: Bench, pick: int) -> tuple[str, Change]:
    return "Delete a gap", b.playbook.delete_feedback(b.one(FeedbackItem, pick))


def add_follow_up(b: Bench, pick: int) -> tuple[str, Change]:
    contact = b.one(Contact, pick)
    company = b.company_of(Contact, contact)
    values = FollowUpValues(company, TODAY + dt.timedelta(pick % 20), contact_id=contact)
    _, change = b.playbook.add_follow_up(values)
    return "Add follow-up", change


def edit_follow_up(b: Bench, pick: int) -> tuple[str, Change]:
    follow_up = b.one(FollowUp, pick)
    values = b.playbook.follow_up_values(follow_up)
    edited = replace(
        values,
        due_on=values.due_on + dt.timedelta(days=pick % 9),
        channel=Channel.PHONE,
        notes=values.notes + "\n(edited)",
    )
    return "Edit follow-up", b.playbook.update_follow_up(follow_up, edited)


def delete_follow_up(b: Bench, pick: int) -> tuple[str, Change]:
    return "Delete follow-up", b.playbook.delete_follow_ups([b.one(FollowUp, pick)])


def complete(b: Bench, pick: int) -> tuple[str, Change]:
    return "Mark done", b.playbook.complete(b.one(FollowUp, pick, PLANNED), "Did it", TODAY)


def snooze(b: Bench, pick: int) -> tuple[str, Change]:
    ids = b.ids(FollowUp, PLANNED)[pick % 3 :][:3]
    return "Snooze", b.playbook.snooze_many(ids, TODAY + dt.timedelta(days=1 + pick % 10))


def reschedule(b: Bench, pick: int) -> tuple[str, Change]:
    follow_up = b.one(FollowUp, pick, PLANNED)
    return "Reschedule", b.playbook.reschedule(follow_up, TODAY - dt.timedelta(days=pick % 4))


def skip(b: Bench, pick: int) -> tuple[str, Change]:
    return "Skip", b.playbook.skip_many(b.ids(FollowUp, PLANNED)[pick % 2 :][:2])


def reopen(b: Bench, pick: int) -> tuple[str, Change]:
    return "Reopen", b.playbook.reopen(b.one(FollowUp, pick, ~PLANNED))


def snooze_all_due(b: Bench, pick: int) -> tuple[str, Change]:
    now = dt.datetime.combine(TODAY, dt.time(12))
    moved = b.playbook.snooze_due(now, dt.time(9), TODAY + dt.timedelta(days=1 + pick % 3))
    return "Snooze all", Change(follow_ups=bool(moved))


def add_value_item(b: Bench, pick: int) -> tuple[str, Change]:
    _, change = b.playbook.add_value_item(b.one(Company, pick), "A competitor's launch")
    return "Add value item", change


def edit_value_item(b: Bench, pick: int) -> tuple[str, Change]:
    item = b.one(ValueItem, pick)
    return "Edit value item", b.playbook.update_value_item(item, "Corrected", "Details")


def delete_value_item(b: Bench, pick: int) -> tuple[str, Change]:
    return "Delete value item", b.playbook.delete_value_item(b.one(ValueItem, pick))


def add_template(b: Bench, pick: int) -> tuple[str, Change]:
    _, change = b.templates.add(
        TemplateValues(f"Mine {pick % 50}", Step.OTHER, "Hello", "{greeting}\n\nHi.")
    )
    return "Add template", change


def edit_template(b: Bench, pick: int) -> tuple[str, Change]:
    b.templates.all()  # the shipped defaults are there
    template = b.one(MessageTemplate, pick)
    record = b.templates.get(template)
    values = TemplateValues(record.name + " (mine)", record.step, record.subject, record.body)
    return "Edit template", b.templates.update(template, values)


def reset_template(b: Bench, pick: int) -> tuple[str, Change]:
    template = b.one(MessageTemplate, pick, MessageTemplate.builtin.is_not(None))
    return "Reset template", b.templates.reset(template)


def delete_template(b: Bench, pick: int) -> tuple[str, Change]:
    template = b.one(MessageTemplate, pick, MessageTemplate.builtin.is_(None))
    return "Delete template", b.templates.delete(template)


def save_profile(b: Bench, pick: int) -> tuple[str, Change]:
    values = ProfileValues(f"Ana Sousa {pick % 7}", "ana@example.org", "+351 21", "Ana\nLisbon")
    return "Edit profile", b.profiles.save_profile(values)


def save_draft(b: Bench, pick: int) -> tuple[str, Change]:
    follow_up = b.one(FollowUp, pick)
    draft = Draft(follow_up, "hana@example.org", "Hello", f"Draft {pick}")
    return "Keep draft", b.profiles.save_draft(draft)


def discard_draft(b: Bench, pick: int) -> tuple[str, Change]:
    return "Discard draft", b.profiles.discard_draft(b.one(MessageDraft, pick))


OPS: dict[str, Op] = {
    op.__name__: op
    for op in (
        add_company,
        rename_company,
        delete_company,
        add_contact,
        edit_contact,
        delete_contact,
        log_interaction,
        edit_interaction,
        delete_interaction,
        add_opportunity,
        edit_opportunity,
        delete_opportunity,
        record_news,
        candidate_accepted,
        hire_started,
        came_back,
        update_news,
        add_feedback,
        delete_feedback,
        add_follow_up,
        edit_follow_up,
        delete_follow_up,
        complete,
        snooze,
        reschedule,
        skip,
        reopen,
        snooze_all_due,
        add_value_item,
        edit_value_item,
        delete_value_item,
        add_template,
        edit_template,
        reset_template,
        delete_template,
        save_profile,
        save_draft,
        discard_draft,
    )
}


def prepare(bench: Bench) -> None:
    """What the demo lacks for every operation to have something to act on: a value
    item, a template of the person's own, an edited default, a draft, a done follow-up."""
    company = bench.ids(Company)[0]
    bench.playbook.add_value_item(company, "Their largest customer")
    bench.playbook.add_opportunity(
        {"company_id": bench.ids(Company)[-1], "title": "Data Lead", "stage": Stage.FINAL_ROUND}
    )
    bench.templates.add(TemplateValues("Mine", None, "Hi", "{greeting}\n\nHello."))
    bench.templates.all()  # adds the shipped defaults
    default = bench.ids(MessageTemplate, MessageTemplate.builtin.is_not(None))[0]
    record = bench.templates.get(default)
    bench.templates.update(
        default, TemplateValues(record.name, record.step, "Changed", record.body)
    )
    follow_up = bench.ids(FollowUp, PLANNED)[0]
    bench.profiles.save_draft(Draft(follow_up, "a@b.org", "Subject", "Body"))
    bench.playbook.skip(bench.ids(FollowUp, PLANNED)[-1])
