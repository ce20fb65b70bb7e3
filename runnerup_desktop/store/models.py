"""Typed ORM models for every word of the playbook's glossary.

Portable across dialects: nothing here is SQLite-specific. Search and sort use the
``*_key`` columns (folded with :func:`runnerup_desktop.core.text.fold`), which are
indexed, so a search or a sort click is an index walk, not a scan of Python objects.
``last_touch_on`` on companies and contacts is kept in step by the services that
log interactions, so that "last touch" can be shown and sorted without aggregating.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from sqlalchemy import (
    Connection,
    ForeignKey,
    Index,
    String,
    Text,
    event,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from runnerup_desktop.core.domain import (
    OPEN_STAGES,
    Channel,
    CompanyStatus,
    ContactRole,
    Direction,
    FollowUpStatus,
    Importance,
    InteractionKind,
    JobLevel,
    Stage,
    Step,
)
from runnerup_desktop.core.text import fold
from runnerup_desktop.store.column_types import Day, Moment, StoredEnum, TimeOfDay


def _enum(cls: type[Enum]) -> StoredEnum:
    return StoredEnum(cls)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class Timestamped:
    created_at: Mapped[dt.datetime] = mapped_column(Moment(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        Moment(timezone=True), default=utcnow, onupdate=utcnow
    )


class Company(Timestamped, Base):
    __tablename__ = "company"
    __table_args__ = (Index("ix_company_search", "name_key", "search_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))  # indexed with search_key
    #: Folded name, industry and location: what the search box matches.
    search_key: Mapped[str] = mapped_column(String(500), default="", server_default="")
    industry: Mapped[str] = mapped_column(String(120), default="", index=True)
    location: Mapped[str] = mapped_column(String(120), default="", index=True)
    website: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[CompanyStatus] = mapped_column(
        _enum(CompanyStatus), default=CompanyStatus.TARGET, index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    last_touch_on: Mapped[dt.date | None] = mapped_column(Day, index=True)
    #: Opportunities in an open stage, kept in step with them (see ``_count_open``).
    open_opportunities: Mapped[int] = mapped_column(default=0, server_default="0", index=True)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="company", cascade="all, delete-orphan", passive_deletes=True
    )
    opportunities: Mapped[list[Opportunity]] = relationship(
        back_populates="company", cascade="all, delete-orphan", passive_deletes=True
    )


class Contact(Timestamped, Base):
    __tablename__ = "contact"
    __table_args__ = (
        Index("ix_contact_company_name", "company_id", "name_key"),
        # A search walks this index in name order without touching the table.
        Index("ix_contact_search", "name_key", "search_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ``None``: a person of the network kept without a company (an import chose not to
    #: create their employer in the companies list; migration 0006).
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))  # indexed with search_key
    #: Folded name, email, title and company name: what the search box matches.
    search_key: Mapped[str] = mapped_column(String(800), default="", server_default="")
    role: Mapped[ContactRole] = mapped_column(
        _enum(ContactRole), default=ContactRole.OTHER, index=True
    )
    title: Mapped[str] = mapped_column(String(200), default="", index=True)
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    phone: Mapped[str] = mapped_column(String(40), default="", index=True)
    linkedin_url: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    last_touch_on: Mapped[dt.date | None] = mapped_column(Day, index=True)

    company: Mapped[Company | None] = relationship(back_populates="contacts")


class Opportunity(Timestamped, Base):
    __tablename__ = "opportunity"
    __table_args__ = (Index("ix_opportunity_company_stage", "company_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    job_level: Mapped[JobLevel] = mapped_column(
        _enum(JobLevel), default=JobLevel.INDIVIDUAL_CONTRIBUTOR
    )
    stage: Mapped[Stage] = mapped_column(_enum(Stage), default=Stage.APPLIED, index=True)
    applied_on: Mapped[dt.date | None] = mapped_column(Day)
    final_interview_on: Mapped[dt.date | None] = mapped_column(Day)
    news_on: Mapped[dt.date | None] = mapped_column(Day)
    news_from_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    winner_name: Mapped[str] = mapped_column(String(200), default="")
    winner_accepted: Mapped[bool | None] = mapped_column()
    hire_start_on: Mapped[dt.date | None] = mapped_column(Day)
    came_back_on: Mapped[dt.date | None] = mapped_column(Day)
    strong_stories: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: The interview plan's questions, one a line ("": the playbook's), and where the next
    #: interview is (a place, an address, a video link).
    interview_questions: Mapped[str] = mapped_column(Text, default="", server_default="")
    interview_place: Mapped[str] = mapped_column(String(300), default="", server_default="")

    company: Mapped[Company] = relationship(back_populates="opportunities")
    news_from: Mapped[Contact | None] = relationship()
    feedback: Mapped[list[FeedbackItem]] = relationship(
        back_populates="opportunity", cascade="all, delete-orphan", passive_deletes=True
    )


class FeedbackItem(Timestamped, Base):
    """A gap the company named, and how the user will answer it."""

    __tablename__ = "feedback_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunity.id", ondelete="CASCADE"), index=True
    )
    gap: Mapped[str] = mapped_column(Text)
    importance: Mapped[Importance] = mapped_column(_enum(Importance), default=Importance.UNKNOWN)
    answer: Mapped[str] = mapped_column(Text, default="")
    example: Mapped[str] = mapped_column(Text, default="")

    opportunity: Mapped[Opportunity] = relationship(back_populates="feedback")


class ValueItem(Timestamped, Base):
    """Something of value to the company the user found (a competitor, a customer, news)."""

    __tablename__ = "value_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("company.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    details: Mapped[str] = mapped_column(Text, default="")
    found_on: Mapped[dt.date | None] = mapped_column(Day)


class FollowUp(Timestamped, Base):
    """A planned touch."""

    __tablename__ = "follow_up"
    __table_args__ = (
        Index("ix_follow_up_status_due", "status", "due_on"),
        # The reminder service's question, "due and not reminded yet", in a few entries.
        Index(
            "ix_follow_up_status_due_unreminded",
            "status",
            "due_on",
            sqlite_where=text("notified_at IS NULL"),
        ),
        Index("ix_follow_up_contact_due", "contact_id", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("company.id", ondelete="CASCADE"), index=True
    )
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunity.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    step: Mapped[Step] = mapped_column(_enum(Step), default=Step.OTHER)
    channel: Mapped[Channel] = mapped_column(_enum(Channel), default=Channel.EMAIL)
    due_on: Mapped[dt.date] = mapped_column(Day, index=True)
    due_time: Mapped[dt.time | None] = mapped_column(TimeOfDay)
    status: Mapped[FollowUpStatus] = mapped_column(
        _enum(FollowUpStatus), default=FollowUpStatus.PLANNED
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    value_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("value_item.id", ondelete="SET NULL")
    )
    completed_on: Mapped[dt.date | None] = mapped_column(Day)
    notified_at: Mapped[dt.datetime | None] = mapped_column(Moment(timezone=True))

    company: Mapped[Company] = relationship()
    opportunity: Mapped[Opportunity | None] = relationship()
    contact: Mapped[Contact | None] = relationship()
    value_item: Mapped[ValueItem | None] = relationship()


class Interaction(Timestamped, Base):
    """Something that happened: a call, email, meeting or note."""

    __tablename__ = "interaction"
    __table_args__ = (
        Index("ix_interaction_contact_on", "contact_id", "occurred_on"),
        Index("ix_interaction_company_on", "company_id", "occurred_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    follow_up_id: Mapped[int | None] = mapped_column(
        ForeignKey("follow_up.id", ondelete="SET NULL")
    )
    value_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("value_item.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[InteractionKind] = mapped_column(
        _enum(InteractionKind), default=InteractionKind.NOTE
    )
    direction: Mapped[Direction] = mapped_column(_enum(Direction), default=Direction.OUTBOUND)
    occurred_on: Mapped[dt.date] = mapped_column(Day)
    summary: Mapped[str] = mapped_column(Text, default="")

    company: Mapped[Company] = relationship()
    contact: Mapped[Contact | None] = relationship()


def company_search_key(name: str, industry: str, location: str) -> str:
    return fold(" | ".join((name, industry or "", location or "")))


def contact_search_key(name: str, email: str, title: str, company: str) -> str:
    return fold(" | ".join((name, email or "", title or "", company or "")))


@event.listens_for(Company, "before_insert")
@event.listens_for(Company, "before_update")
def _company_keys(_mapper: Any, _connection: Any, target: Company) -> None:
    target.name_key = fold(target.name)
    target.search_key = company_search_key(target.name, target.industry, target.location)


@event.listens_for(Company, "after_update")
def _rename_reaches_contacts(_mapper: Any, connection: Connection, target: Company) -> None:
    if not inspect(target).attrs.name.history.has_changes():
        return
    table = Contact.__table__
    rows = connection.execute(
        select(table.c.id, table.c.name, table.c.email, table.c.title).where(
            table.c.company_id == target.id
        )
    ).all()
    for row_id, name, email, title in rows:
        key = contact_search_key(name, email, title, target.name)
        connection.execute(update(Contact).where(Contact.id == row_id).values(search_key=key))


@event.listens_for(Opportunity, "after_insert")
@event.listens_for(Opportunity, "after_delete")
def _count_open(_mapper: Any, connection: Connection, target: Opportunity) -> None:
    """Keep ``Company.open_opportunities`` in step when an opportunity comes or goes."""
    _recount_open(connection, {target.company_id})


@event.listens_for(Opportunity, "after_update")
def _recount_moved(_mapper: Any, connection: Connection, target: Opportunity) -> None:
    """...and when it moves to another stage, or to another company."""
    state = inspect(target)
    stage, company = (state.attrs[name].history for name in ("stage", "company_id"))
    if stage.has_changes() or company.has_changes():
        _recount_open(connection, {target.company_id, *company.deleted})


def _recount_open(connection: Connection, companies: set[int | None]) -> None:
    for company_id in companies - {None}:
        count = (
            select(func.count(Opportunity.id))
            .where(
                Opportunity.company_id == company_id,
                Opportunity.stage.in_(list(OPEN_STAGES)),
            )
            .scalar_subquery()
        )
        connection.execute(
            update(Company).where(Company.id == company_id).values(open_opportunities=count)
        )


@event.listens_for(Contact, "before_insert")
@event.listens_for(Contact, "before_update")
def _contact_keys(_mapper: Any, connection: Connection, target: Contact) -> None:
    target.name_key = fold(target.name)
    company = target.__dict__.get("company")
    if company is not None:
        company_name = company.name
    else:
        table = Company.__table__
        company_name = (
            connection.scalar(select(table.c.name).where(table.c.id == target.company_id))
            if target.company_id is not None
            else None
        )
    target.search_key = contact_search_key(
        target.name, target.email, target.title, company_name or ""
    )


class MessageTemplate(Timestamped, Base):
    """A message template: a subject and a body with placeholders (see core/templates.py).

    ``builtin`` is the key of the shipped default it started from (a step's value, or
    "blank"), so that it can be reset; templates the person added have none. ``step`` is
    the step it is offered for first; ``None`` offers it for every step.
    """

    __tablename__ = "message_template"
    __table_args__ = (Index("ix_message_template_builtin", "builtin", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    step: Mapped[Step | None] = mapped_column(_enum(Step), index=True)
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    builtin: Mapped[str | None] = mapped_column(String(40))


class ImportMapping(Timestamped, Base):
    """How another tracker's CSV columns map to a contact's fields, saved by name.

    ``columns`` is a JSON object from a field (see ``store/imports/csv_mapped.py``) to the
    header of the column that holds it.
    """

    __tablename__ = "import_mapping"
    __table_args__ = (Index("ix_import_mapping_name_key", "name_key", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    columns: Mapped[str] = mapped_column(Text)


@event.listens_for(ImportMapping, "before_insert")
@event.listens_for(ImportMapping, "before_update")
def _mapping_key(_mapper: Any, _connection: Any, target: ImportMapping) -> None:
    target.name_key = fold(target.name)


class Profile(Timestamped, Base):
    """The person using RunnerUp: how their messages are signed. At most one row, id 1.

    Kept in the database (not in the settings) so that backups and exports carry it.
    """

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    signature: Mapped[str] = mapped_column(Text, default="")


class MessageDraft(Timestamped, Base):
    """The message being written for one follow-up, kept until it is sent or discarded."""

    __tablename__ = "message_draft"

    follow_up_id: Mapped[int] = mapped_column(
        ForeignKey("follow_up.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    #: The template it was started from, if it still exists.
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("message_template.id", ondelete="SET NULL")
    )
    to_address: Mapped[str] = mapped_column(String(254), default="")
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")


# The job-board watch's and the sync's tables live in their own modules; importing them
# here puts them on Base.metadata wherever the models are loaded (migrations' checks,
# create_all in tests).
from runnerup_desktop.store import sync_models, watch_models  # noqa: E402, F401
