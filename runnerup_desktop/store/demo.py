"""A realistic runner-up story, dated relative to today, for ``--demo``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.domain import (
    CompanyStatus,
    ContactRole,
    Direction,
    Importance,
    InteractionKind,
    JobLevel,
    Stage,
    Step,
)
from runnerup_desktop.core.news import FeedbackInput, NewsInput
from runnerup_desktop.store.directory_services import touch_last
from runnerup_desktop.store.models import Company, Contact, FollowUp, Interaction, Opportunity
from runnerup_desktop.store.playbook_services import PlaybookServices

#: A week ago: the thank-you note is done, recalibrating (day 2) is overdue and the offer
#: check-in (day 7) is due today, so reminders have something to show at once.
NEWS_DAYS_AGO = 7


def seed_demo(sessions: sessionmaker[Session], today: dt.date | None = None) -> None:
    """Fill an empty database with the demo story in one transaction."""
    today = today or dt.date.today()
    news = today - dt.timedelta(days=NEWS_DAYS_AGO)
    with sessions.begin() as session:
        northwind = Company(
            name="Northwind Analytics",
            industry="Data platforms",
            location="Lisbon",
            website="https://northwind.example",
            status=CompanyStatus.RUNNER_UP,
            notes="Final round for Engineering Manager; they chose someone else by a hair.",
        )
        hana = Contact(
            name="Hana Kobayashi",
            role=ContactRole.HIRING_MANAGER,
            title="Director of Engineering",
            email="hana.kobayashi@northwind.example",
            phone="+351 21 555 0142",
            notes="Cares about coaching first-time managers.",
        )
        lukasz = Contact(
            name="Łukasz Wróbel",
            role=ContactRole.RECRUITER,
            title="Senior Technical Recruiter",
            email="lukasz.wrobel@northwind.example",
            phone="+351 21 555 0199",
            notes="Made the call with the news; friendly and direct.",
        )
        zoe = Contact(
            name="Zoë Müller",
            role=ContactRole.INSIDER,
            title="Staff Engineer",
            email="zoe.muller@northwind.example",
            notes="Former colleague; offered to refer me again.",
        )
        northwind.contacts.extend([hana, lukasz, zoe])
        manager_role = Opportunity(
            title="Engineering Manager, Data Platform",
            job_level=JobLevel.MIDDLE_MANAGEMENT,
            stage=Stage.FINAL_ROUND,
            applied_on=news - dt.timedelta(days=52),
            final_interview_on=news - dt.timedelta(days=6),
            notes="Two finalists; the other had led a larger team.",
            strong_stories="Rebuilt the on-call rotation and halved pages.\n"
            "Grew two engineers into tech leads.\n"
            "Led a 15-person payments migration across three teams.",
        )
        northwind.opportunities.append(manager_role)

        fjord = Company(
            name="Fjordline Logistics",
            industry="Logistics software",
            location="Oslo (remote-friendly)",
            website="https://fjordline.example",
            status=CompanyStatus.IN_PROCESS,
        )
        fjord.contacts.extend(
            [
                Contact(
                    name="Ingrid Sæther",
                    role=ContactRole.HIRING_MANAGER,
                    title="VP Product Engineering",
                    email="ingrid@fjordline.example",
                ),
                Contact(
                    name="Mateo Álvarez",
                    role=ContactRole.RECRUITER,
                    title="Talent Partner",
                    email="mateo.alvarez@fjordline.example",
                    phone="+47 22 55 01 23",
                ),
            ]
        )
        fjord.opportunities.append(
            Opportunity(
                title="Senior Backend Engineer",
                job_level=JobLevel.INDIVIDUAL_CONTRIBUTOR,
                stage=Stage.FINAL_ROUND,
                applied_on=today - dt.timedelta(days=30),
                final_interview_on=today + dt.timedelta(days=5),
            )
        )

        cedar = Company(
            name="Cedar & Stone Health",
            industry="Health tech",
            location="Montréal",
            status=CompanyStatus.TARGET,
            notes="A twin of Northwind: same data-heavy culture.",
        )
        cedar.contacts.append(
            Contact(
                name="Amélie Tremblay",
                role=ContactRole.REFERRAL,
                title="Engineering Lead",
                email="amelie.tremblay@cedarstone.example",
            )
        )
        session.add_all([northwind, fjord, cedar])
        session.flush()

        story = [
            (
                hana,
                InteractionKind.MEETING,
                Direction.OUTBOUND,
                news - dt.timedelta(days=6),
                "Final round: team-scaling case study.",
            ),
            (
                zoe,
                InteractionKind.CALL,
                Direction.OUTBOUND,
                news - dt.timedelta(days=40),
                "Referral chat about the role.",
            ),
        ]
        for contact, kind, direction, day, summary in story:
            interaction = Interaction(
                company_id=contact.company_id,
                contact_id=contact.id,
                kind=kind,
                direction=direction,
                occurred_on=day,
                summary=summary,
            )
            session.add(interaction)
            session.flush()
            touch_last(session, interaction)
        opportunity_id, lukasz_id = manager_role.id, lukasz.id
    _play_the_news(sessions, today, news, opportunity_id, lukasz_id)


def _play_the_news(
    sessions: sessionmaker[Session],
    today: dt.date,
    news: dt.date,
    opportunity_id: int,
    told_by: int,
) -> None:
    """The news a week ago, through the app's own services: the plan is half done."""
    playbook = PlaybookServices(sessions, today=lambda: today)
    heard = NewsInput(
        news_on=news,
        told_by_id=told_by,
        winner_name="the other finalist",
        feedback=(
            FeedbackInput(
                gap="Has not managed a team larger than eight",
                importance=Importance.ESSENTIAL,
                answer="Led a 15-person cross-team migration as the single owner.",
                example="Payments migration 2024: 15 engineers across three teams.",
            ),
            FeedbackInput(
                gap="Less experience with Spark",
                importance=Importance.NICE_TO_HAVE,
                answer="Taking the Databricks course; shipped a small Spark job.",
            ),
        ),
    )
    playbook.record_news(opportunity_id, heard, playbook.preview_news(opportunity_id, heard))
    with sessions() as session:
        note = session.scalars(
            select(FollowUp.id).where(
                FollowUp.opportunity_id == opportunity_id,
                FollowUp.step == Step.THANK_YOU_NOTE,
            )
        ).one()
    playbook.complete(
        note,
        "Sent the thank-you note with the case for team size; said I am still interested.",
        news + dt.timedelta(days=1),
    )
