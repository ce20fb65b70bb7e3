"""A realistic runner-up story, dated relative to today, for ``--demo``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.domain import (
    CompanyStatus,
    ContactRole,
    Direction,
    Importance,
    InteractionKind,
    JobLevel,
    Stage,
)
from runnerup_desktop.store.models import Company, Contact, FeedbackItem, Interaction, Opportunity
from runnerup_desktop.store.services import touch_last

NEWS_DAYS_AGO = 8


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
            stage=Stage.RUNNER_UP,
            applied_on=news - dt.timedelta(days=52),
            final_interview_on=news - dt.timedelta(days=6),
            news_on=news,
            news_from=lukasz,
            winner_accepted=False,
            notes="Two finalists; the other had led a larger team.",
            strong_stories="Rebuilt the on-call rotation and halved pages.\n"
            "Grew two engineers into tech leads.",
        )
        manager_role.feedback.extend(
            [
                FeedbackItem(
                    gap="Has not managed a team larger than eight",
                    importance=Importance.ESSENTIAL,
                    answer="Led a 15-person cross-team migration as the single owner.",
                    example="Payments migration 2024: 15 engineers across three teams.",
                ),
                FeedbackItem(
                    gap="Less experience with Spark",
                    importance=Importance.NICE_TO_HAVE,
                    answer="Taking the Databricks course; shipped a small Spark job.",
                ),
            ]
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
                lukasz,
                InteractionKind.CALL,
                Direction.INBOUND,
                news,
                "The news: they chose the other finalist. Asked where I came up short.",
            ),
            (
                hana,
                InteractionKind.MEETING,
                Direction.OUTBOUND,
                news - dt.timedelta(days=6),
                "Final round: team-scaling case study.",
            ),
            (
                lukasz,
                InteractionKind.EMAIL,
                Direction.OUTBOUND,
                news + dt.timedelta(days=1),
                "Thank-you note with the case for team size.",
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
