"""The sync state on the store side: the account, the local rows as the sync sees them,
the log, and what a restore must forget (no Qt).

The engine (``runnerup_desktop/sync/engine.py``) reads and writes through these functions
inside its own transactions; the window reads the log and the questions through
:class:`SyncQueries`. None of it is a person's operation: nothing here goes on the undo
stack, and the window announces what a sync changed with ``ops.announce``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.domain import Channel, FollowUpStatus, Step
from runnerup_desktop.core.news import headline
from runnerup_desktop.store.models import Company, Contact, FollowUp, utcnow
from runnerup_desktop.store.sync_models import SyncAccount, SyncCollection, SyncItem, SyncLog

#: How many log entries are kept (the oldest answered ones go first).
LOG_KEPT = 5000


@dataclass(frozen=True)
class AccountRecord:
    """The account as saved (no password), with the database's marks."""

    url: str
    user: str
    calendar: str
    addressbook: str
    as_events: bool
    include_notes: bool
    database_uid: str
    serial: int
    last_sync_at: dt.datetime | None
    last_problem: str


@dataclass(frozen=True)
class FollowUpView:
    id: int
    title: str
    company_id: int
    company: str
    contact_id: int | None
    contact: str | None
    step: Step
    channel: Channel
    due_on: dt.date
    due_time: dt.time | None
    status: FollowUpStatus
    notes: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class ContactView:
    id: int
    name: str
    email: str
    phone: str
    title: str
    company_id: int
    company: str
    linkedin_url: str
    notes: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class LogRecord:
    id: int
    at: dt.datetime
    level: str
    code: str
    message: str
    follow_up_id: int | None
    contact_id: int | None
    interaction_id: int | None
    resolved: bool


# the account ----------------------------------------------------------------------------
def load_account(session: Session) -> SyncAccount | None:
    return session.get(SyncAccount, 1)


def account_record(row: SyncAccount) -> AccountRecord:
    return AccountRecord(
        url=row.url,
        user=row.user,
        calendar=row.calendar,
        addressbook=row.addressbook,
        as_events=row.as_events,
        include_notes=row.include_notes,
        database_uid=row.database_uid,
        serial=row.serial,
        last_sync_at=row.last_sync_at,
        last_problem=row.last_problem,
    )


def ensure_account(session: Session) -> SyncAccount:
    """The account row, made (without a URL) the first time: it carries the marks."""
    row = load_account(session)
    if row is None:
        row = SyncAccount(
            id=1,
            url="",
            user="",
            database_uid=uuid.uuid4().hex,
            serial=0,
            last_problem="",
        )
        session.add(row)
        session.flush()
    return row


def save_account(
    session: Session,
    *,
    url: str,
    user: str,
    calendar: str,
    addressbook: str,
    as_events: bool,
    include_notes: bool,
) -> bool:
    """Save the account; ``True`` when it names another server, user or collection, so
    what was synced with the old one is forgotten (the next sync starts afresh)."""
    row = ensure_account(session)
    before = (row.url, row.user, row.calendar, row.addressbook)
    after = (url, user, calendar, addressbook)
    row.url, row.user, row.calendar, row.addressbook = after
    row.as_events, row.include_notes = as_events, include_notes
    if before == after:
        return False
    forget_server(session)
    return True


def forget_server(session: Session) -> None:
    """Forget every collection and object: the next sync compares everything afresh."""
    session.execute(delete(SyncItem))
    session.execute(delete(SyncCollection))


def discard_tokens(session: Session) -> None:
    """After a restore: the tokens are forgotten, and the next sync compares every object
    under the merge rule and deletes nothing on the server without asking."""
    session.execute(update(SyncCollection).values(sync_token=None, full_comparison=True))


# the local rows -------------------------------------------------------------------------
def follow_up_views(session: Session, also: set[int]) -> dict[int, FollowUpView]:
    """Every planned follow-up, and those in ``also`` (the linked ones) whatever their
    status."""
    query = (
        select(FollowUp, Company.name, Contact.name)
        .join(Company, FollowUp.company_id == Company.id)
        .outerjoin(Contact, FollowUp.contact_id == Contact.id)
    )
    found: dict[int, FollowUpView] = {}
    planned = query.where(FollowUp.status == FollowUpStatus.PLANNED)
    rows = list(session.execute(planned))
    for start in range(0, len(also), 500):
        chunk = sorted(also)[start : start + 500]
        rows += list(session.execute(query.where(FollowUp.id.in_(chunk))))
    for follow_up, company, contact in rows:
        found[follow_up.id] = FollowUpView(
            id=follow_up.id,
            title=headline(follow_up.notes) or follow_up.step.label,
            company_id=follow_up.company_id,
            company=company,
            contact_id=follow_up.contact_id,
            contact=contact,
            step=follow_up.step,
            channel=follow_up.channel,
            due_on=follow_up.due_on,
            due_time=follow_up.due_time,
            status=follow_up.status,
            notes=follow_up.notes,
            updated_at=follow_up.updated_at,
        )
    return found


def contact_views(session: Session, only: set[int] | None = None) -> dict[int, ContactView]:
    # Contacts kept without a company (an import's network) are not synced.
    query = select(Contact, Company.id, Company.name).join(
        Company, Contact.company_id == Company.id
    )
    if only is not None:
        query = query.where(Contact.id.in_(sorted(only)))
    return {
        contact.id: ContactView(
            id=contact.id,
            name=contact.name,
            email=contact.email,
            phone=contact.phone,
            title=contact.title,
            company_id=company_id,
            company=company,
            linkedin_url=contact.linkedin_url,
            notes=contact.notes,
            updated_at=contact.updated_at,
        )
        for contact, company_id, company in session.execute(query)
    }


# the log --------------------------------------------------------------------------------
def write_log(
    session: Session,
    level: str,
    code: str,
    message: str,
    *,
    item_id: int | None = None,
    follow_up_id: int | None = None,
    contact_id: int | None = None,
    interaction_id: int | None = None,
) -> None:
    session.add(
        SyncLog(
            at=utcnow(),
            level=level,
            code=code,
            message=message,
            item_id=item_id,
            follow_up_id=follow_up_id,
            contact_id=contact_id,
            interaction_id=interaction_id,
        )
    )


def trim_log(session: Session, keep: int = LOG_KEPT) -> None:
    count = session.scalar(select(func.count(SyncLog.id))) or 0
    if count <= keep:
        return
    oldest = (
        select(SyncLog.id)
        .where((SyncLog.level != "question") | SyncLog.resolved_at.is_not(None))
        .order_by(SyncLog.id)
        .limit(count - keep)
    )
    session.execute(delete(SyncLog).where(SyncLog.id.in_(oldest)))


def _record(row: SyncLog) -> LogRecord:
    return LogRecord(
        id=row.id,
        at=row.at,
        level=row.level,
        code=row.code,
        message=row.message,
        follow_up_id=row.follow_up_id,
        contact_id=row.contact_id,
        interaction_id=row.interaction_id,
        resolved=row.resolved_at is not None,
    )


class SyncQueries:
    """What the window reads of the sync: the account, the log, the open questions."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def account(self) -> AccountRecord | None:
        with self._sessions() as session:
            row = load_account(session)
            return account_record(row) if row is not None and row.url else None

    def log(self, limit: int = 500) -> list[LogRecord]:
        """The newest entries first."""
        with self._sessions() as session:
            rows = session.scalars(select(SyncLog).order_by(SyncLog.id.desc()).limit(limit))
            return [_record(row) for row in rows]

    def questions(self) -> list[LogRecord]:
        """The questions still waiting for an answer, oldest first."""
        with self._sessions() as session:
            rows = session.scalars(
                select(SyncLog)
                .where(SyncLog.level == "question", SyncLog.resolved_at.is_(None))
                .order_by(SyncLog.id)
            )
            return [_record(row) for row in rows]
