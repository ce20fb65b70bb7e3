"""What is due: the agenda, the calendar's marks, owed touches and reminders (read only).

Every function takes an open session and lets the database filter, count and sort:
planned follow-ups are found through the index on ``follow_up(status, due_on)``, so a
query reads the due rows only, however long the history. Results are plain values, safe
to use after the session is closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from runnerup_desktop.core.domain import (
    Channel,
    CompanyStatus,
    ContactRole,
    FollowUpStatus,
    Stage,
    Step,
)
from runnerup_desktop.core.news import headline
from runnerup_desktop.core.reminders import due_moment
from runnerup_desktop.store.models import Company, Contact, FollowUp, Opportunity

DEFAULT_AGENDA_DAYS = 14
#: A contact not touched for this many days is owed a touch.
DEFAULT_QUIET_DAYS = 45

#: Companies whose contacts are no longer owed touches.
_SETTLED = (CompanyStatus.HIRED, CompanyStatus.ARCHIVED)


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One follow-up, with the names a list shows."""

    id: int
    due_on: dt.date
    due_time: dt.time | None
    status: FollowUpStatus
    company_id: int
    company: str
    contact_id: int | None
    contact: str | None
    step: Step
    channel: Channel
    opportunity_id: int | None
    opportunity: str | None
    notes: str

    @property
    def step_label(self) -> str:
        return self.step.label

    @property
    def title(self) -> str:
        """The first line of the notes, or the step's name when there are none."""
        return headline(self.notes) or self.step.label


@dataclass(frozen=True, slots=True)
class Agenda:
    """Planned follow-ups: overdue, due on ``day``, and due in the ``days`` after it."""

    day: dt.date
    days: int
    overdue: list[AgendaItem]
    today: list[AgendaItem]
    upcoming: list[AgendaItem]

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.today or self.upcoming)


@dataclass(frozen=True, slots=True)
class QuietContact:
    """A contact with no touch in a while (``last_touch_on`` is ``None``: never)."""

    contact_id: int
    name: str
    role: ContactRole
    company_id: int
    company: str
    last_touch_on: dt.date | None


@dataclass(frozen=True, slots=True)
class UnplannedOpportunity:
    """A runner-up opportunity with nothing planned: the relationship may go cold."""

    opportunity_id: int
    title: str
    company_id: int
    company: str
    news_on: dt.date | None


@dataclass(frozen=True, slots=True)
class OwedTouches:
    quiet_contacts: list[QuietContact]
    unplanned_opportunities: list[UnplannedOpportunity]

    @property
    def is_empty(self) -> bool:
        return not (self.quiet_contacts or self.unplanned_opportunities)


#: The columns of an :class:`AgendaItem`, in the order of its fields.
_ITEM_COLUMNS: tuple[Any, ...] = (
    FollowUp.id,
    FollowUp.due_on,
    FollowUp.due_time,
    FollowUp.status,
    FollowUp.company_id,
    Company.name,
    FollowUp.contact_id,
    Contact.name.label("contact"),
    FollowUp.step,
    FollowUp.channel,
    FollowUp.opportunity_id,
    Opportunity.title,
    FollowUp.notes,
)


def _items() -> Select[Any]:
    return (
        select(*_ITEM_COLUMNS)
        .join(Company, FollowUp.company_id == Company.id)
        .outerjoin(Contact, FollowUp.contact_id == Contact.id)
        .outerjoin(Opportunity, FollowUp.opportunity_id == Opportunity.id)
    )


def _ordered(query: Select[Any]) -> Select[Any]:
    # Untimed follow-ups first within a day (SQLite sorts NULL first), then by id.
    return query.order_by(FollowUp.due_on, FollowUp.due_time, FollowUp.id)


def _fetch(session: Session, query: Select[Any]) -> list[AgendaItem]:
    return [AgendaItem(*row) for row in session.execute(_ordered(query))]


def follow_up_due_on(session: Session, follow_up_id: int) -> dt.date | None:
    """The day a follow-up is due, or ``None`` when it no longer exists."""
    due: dt.date | None = session.scalar(select(FollowUp.due_on).where(FollowUp.id == follow_up_id))
    return due


def follow_up_value_item(session: Session, follow_up_id: int) -> int | None:
    """The value item a follow-up was planned to carry, if any."""
    found: int | None = session.scalar(
        select(FollowUp.value_item_id).where(FollowUp.id == follow_up_id)
    )
    return found


def day_counts(session: Session, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """How many follow-ups are planned on each day from ``first`` to ``last`` (inclusive);
    days with none are left out."""
    query = (
        select(FollowUp.due_on, func.count(FollowUp.id))
        .where(FollowUp.status == FollowUpStatus.PLANNED, FollowUp.due_on.between(first, last))
        .group_by(FollowUp.due_on)
    )
    return {due_on: int(count) for due_on, count in session.execute(query)}


def follow_ups_on(
    session: Session, day: dt.date, *, planned_only: bool = False
) -> list[AgendaItem]:
    """The follow-ups due on ``day`` (done and skipped ones too, unless ``planned_only``)."""
    query = _items().where(FollowUp.due_on == day)
    if planned_only:
        query = query.where(FollowUp.status == FollowUpStatus.PLANNED)
    return _fetch(session, query)


def agenda(session: Session, today: dt.date, days: int = DEFAULT_AGENDA_DAYS) -> Agenda:
    """Planned follow-ups: every overdue one, today's, and those of the next ``days`` days."""
    if days < 0:
        raise ValueError(f"The agenda cannot look back ({days} days).")
    last = today + dt.timedelta(days=days)
    items = _fetch(
        session,
        _items().where(FollowUp.status == FollowUpStatus.PLANNED, FollowUp.due_on <= last),
    )
    return Agenda(
        day=today,
        days=days,
        overdue=[item for item in items if item.due_on < today],
        today=[item for item in items if item.due_on == today],
        upcoming=[item for item in items if item.due_on > today],
    )


def owed_touches(
    session: Session, today: dt.date, quiet_days: int = DEFAULT_QUIET_DAYS, limit: int = 200
) -> OwedTouches:
    """Contacts not touched for ``quiet_days`` days or more (never touched first), and
    runner-up opportunities without a planned follow-up.

    Contacts of companies marked hired or archived, and winning candidates, are left out:
    nobody owes them a touch.
    """
    since = today - dt.timedelta(days=quiet_days)
    contacts = (
        select(
            Contact.id,
            Contact.name,
            Contact.role,
            Company.id,
            Company.name,
            Contact.last_touch_on,
        )
        .join(Company, Contact.company_id == Company.id)
        .where(
            or_(Contact.last_touch_on.is_(None), Contact.last_touch_on <= since),
            Contact.role != ContactRole.WINNING_CANDIDATE,
            Company.status.not_in(list(_SETTLED)),
        )
        .order_by(Contact.last_touch_on, Contact.name_key, Contact.id)
        .limit(limit)
    )
    planned = aliased(FollowUp)
    nothing_planned = ~(
        select(planned.id)
        .where(
            planned.opportunity_id == Opportunity.id,
            planned.status == FollowUpStatus.PLANNED,
        )
        .exists()
    )
    opportunities = (
        select(
            Opportunity.id,
            Opportunity.title,
            Opportunity.company_id,
            Company.name,
            Opportunity.news_on,
        )
        .join(Company, Opportunity.company_id == Company.id)
        .where(Opportunity.stage == Stage.RUNNER_UP, nothing_planned)
        .order_by(Opportunity.news_on, Opportunity.id)
        .limit(limit)
    )
    return OwedTouches(
        quiet_contacts=[QuietContact(*row) for row in session.execute(contacts)],
        unplanned_opportunities=[
            UnplannedOpportunity(*row) for row in session.execute(opportunities)
        ],
    )


def due_by(now: dt.datetime, untimed_from: dt.time) -> list[Any]:
    """The conditions of a planned follow-up that is due by ``now`` (see
    :func:`due_follow_ups`), as the index on ``follow_up(status, due_on)`` serves them."""
    today = now.date()
    due = or_(
        FollowUp.due_on < today, and_(FollowUp.due_on == today, _due_today(now, untimed_from))
    )
    return [FollowUp.status == FollowUpStatus.PLANNED, FollowUp.due_on <= today, due]


def _due_today(now: dt.datetime, untimed_from: dt.time) -> Any:
    """Of today's follow-ups, those due by ``now``."""
    due_today = [FollowUp.due_time <= now.time()]
    if now.time() >= untimed_from:
        due_today.append(FollowUp.due_time.is_(None))
    return or_(*due_today)


def due_follow_ups(
    session: Session,
    now: dt.datetime,
    *,
    untimed_from: dt.time = dt.time(0),
    include_notified: bool = False,
    limit: int | None = None,
) -> list[AgendaItem]:
    """Planned follow-ups due by ``now`` (local time) that have not reminded yet (or all
    the due ones, reminded or not, with ``include_notified``), most overdue first; only the
    first ``limit`` of them if given.

    A follow-up with a time is due from that time on its day; one without, from
    ``untimed_from`` on its day (the person's reminder time; the start of the day by
    default). Snoozing or rescheduling clears ``notified_at``, so it reminds again.
    """
    query = _items().where(*due_by(now, untimed_from))
    if not include_notified:
        query = query.where(FollowUp.notified_at.is_(None))
    return _fetch(session, query.limit(limit))


def count_due(session: Session, now: dt.datetime, *, untimed_from: dt.time = dt.time(0)) -> int:
    """How many planned follow-ups are due by ``now``, reminded or not (the tray's badge).

    Counted in two parts so that the days before today, however many rows they hold, are
    counted from the index on ``follow_up(status, due_on)`` alone; only today's rows are
    read to compare their times.
    """
    today = now.date()
    before_today = select(func.count()).where(
        FollowUp.status == FollowUpStatus.PLANNED, FollowUp.due_on < today
    )
    on_today = select(func.count()).where(
        FollowUp.status == FollowUpStatus.PLANNED,
        FollowUp.due_on == today,
        _due_today(now, untimed_from),
    )
    return int(session.scalar(before_today) or 0) + int(session.scalar(on_today) or 0)


@dataclass(frozen=True, slots=True)
class DueNow:
    """How many planned follow-ups are due, and the first few of them (most overdue first):
    what a reminder surface shows without reading every due row."""

    count: int
    first: list[AgendaItem]

    @property
    def more(self) -> int:
        """How many are due beyond :attr:`first`."""
        return max(0, self.count - len(self.first))


NOTHING_DUE = DueNow(0, [])


def due_now(
    session: Session, now: dt.datetime, *, untimed_from: dt.time = dt.time(0), first: int
) -> DueNow:
    """The count of planned follow-ups due by ``now`` (reminded or not) and the first
    ``first`` of them: a count and a LIMITed read, however many are due."""
    count = count_due(session, now, untimed_from=untimed_from)
    items = (
        due_follow_ups(session, now, untimed_from=untimed_from, include_notified=True, limit=first)
        if count
        else []
    )
    return DueNow(count=count, first=items)


def next_due_after(
    session: Session,
    now: dt.datetime,
    *,
    untimed_from: dt.time = dt.time(0),
    within: dt.timedelta = dt.timedelta(days=1),
) -> dt.datetime | None:
    """The first moment after ``now``, and no later than ``now + within``, at which a
    planned follow-up falls due (untimed ones at ``untimed_from``), if any does.

    One grouped read, a row per day of the window (the reminder service looks five
    minutes ahead: today's rows only, until just before midnight), instead of reading
    the follow-ups themselves.
    """
    today = now.date()
    until = now + within
    query = (
        select(
            FollowUp.due_on,
            func.min(FollowUp.due_time),
            func.max(FollowUp.due_time.is_(None)),
        )
        .where(
            FollowUp.status == FollowUpStatus.PLANNED,
            FollowUp.due_on.between(today, until.date()),
            or_(
                FollowUp.due_on > today,
                FollowUp.due_time.is_(None),
                FollowUp.due_time > now.time(),
            ),
        )
        .group_by(FollowUp.due_on)
    )
    moments: list[dt.datetime] = []
    for due_on, earliest, untimed in session.execute(query):
        if earliest is not None:
            moments.append(due_moment(due_on, earliest, untimed_from))
        if untimed:
            moments.append(due_moment(due_on, None, untimed_from))
    return min((moment for moment in moments if now < moment <= until), default=None)
