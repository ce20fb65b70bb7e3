"""The plan as an iCalendar file, built with :mod:`icalendar`: every planned follow-up.

- A follow-up with a date only is an all-day event (``DTSTART;VALUE=DATE``), or a to-do
  (``VTODO`` with ``DUE;VALUE=DATE``) when the person prefers, with an alarm at their
  reminder time that day (a trigger of ``+PT9H`` from the day's start: it follows them
  across time zones, as a date does).
- A follow-up with a time is an event at that time in the person's zone (``TZID``, with
  its ``VTIMEZONE`` for the years the plan spans), lasting :attr:`CalendarOptions.minutes`,
  with an alarm when it starts.
- Every entry's ``UID`` is stable (the follow-up's id and creation time), and its
  ``SEQUENCE`` grows with each change, so that importing the file again, or a calendar
  that subscribes to it, updates entries instead of adding them twice. Done and skipped
  follow-ups are left out: a subscribed calendar drops them at its next refresh.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerup_desktop import APP_NAME
from runnerup_desktop.core.domain import Channel, FollowUpStatus
from runnerup_desktop.core.news import headline
from runnerup_desktop.core.reminders import DEFAULT_REMINDER_TIME
from runnerup_desktop.store.exports.files import write_private
from runnerup_desktop.store.exports.vcard import PRODID, stable_uid
from runnerup_desktop.store.models import Company, Contact, FollowUp, Opportunity

CALENDAR_NAME = f"{APP_NAME} plan"
UID_DOMAIN = "runnerup.invalid"


@dataclass(frozen=True)
class CalendarOptions:
    """How the plan becomes a calendar (the person's preferences)."""

    #: The zone of the follow-ups' times of day (the computer's).
    zone: ZoneInfo
    #: When a date-only follow-up reminds, that day.
    reminder_time: dt.time = DEFAULT_REMINDER_TIME
    #: Date-only follow-ups as all-day ``event``s or as ``todo``s.
    untimed_as: Literal["event", "todo"] = "event"
    #: How long a timed follow-up's event lasts.
    minutes: int = 30


@dataclass(frozen=True, slots=True)
class _Item:
    id: int
    created_at: dt.datetime
    updated_at: dt.datetime
    due_on: dt.date
    due_time: dt.time | None
    step: Any
    channel: Channel
    notes: str
    company: str
    contact: str | None
    opportunity: str | None


def _items(session: Session) -> Iterator[_Item]:
    query = (
        select(
            FollowUp.id,
            FollowUp.created_at,
            FollowUp.updated_at,
            FollowUp.due_on,
            FollowUp.due_time,
            FollowUp.step,
            FollowUp.channel,
            FollowUp.notes,
            Company.name,
            Contact.name,
            Opportunity.title,
        )
        .join(Company, FollowUp.company_id == Company.id)
        .outerjoin(Contact, FollowUp.contact_id == Contact.id)
        .outerjoin(Opportunity, FollowUp.opportunity_id == Opportunity.id)
        .where(FollowUp.status == FollowUpStatus.PLANNED)
        .order_by(FollowUp.due_on, FollowUp.due_time, FollowUp.id)
    )
    for row in session.execute(query.execution_options(yield_per=1000)):
        yield _Item(*row)


def plan_calendar(
    session: Session, options: CalendarOptions, now: dt.datetime | None = None
) -> icalendar.Calendar:
    """Every planned follow-up as a calendar."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("name", CALENDAR_NAME)
    # How often a subscribed calendar should look again (RFC 7986, and Apple/Google's).
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    timed: list[dt.date] = []
    for item in _items(session):
        if item.due_time is not None:
            calendar.add_component(_timed(item, options, stamp))
            timed.append(item.due_on)
        elif options.untimed_as == "todo":
            calendar.add_component(_todo(item, options, stamp))
        else:
            calendar.add_component(_all_day(item, options, stamp))
    if timed:
        first, last = min(timed), max(timed) + dt.timedelta(days=1)
        zone = icalendar.Timezone.from_tzinfo(options.zone, first_date=first, last_date=last)
        calendar.subcomponents.insert(0, zone)
    return calendar


def write_calendar(session: Session, path: Path, options: CalendarOptions) -> int:
    """Write the plan to ``path`` (whole or not at all); how many entries it holds."""
    calendar = plan_calendar(session, options)
    entries = sum(1 for c in calendar.subcomponents if c.name in ("VEVENT", "VTODO"))
    write_private(path, [calendar.to_ical().decode("utf-8")])
    return entries


def uid(item_id: int, created_at: dt.datetime) -> str:
    return f"{stable_uid('follow-up', item_id, created_at)}@{UID_DOMAIN}"


def _common(component: icalendar.cal.Component, item: _Item, stamp: dt.datetime) -> None:
    component.add("uid", uid(item.id, item.created_at))
    component.add("dtstamp", stamp)
    updated = _utc(item.updated_at)
    component.add("last-modified", updated)
    component.add("sequence", max(0, int((updated - _utc(item.created_at)).total_seconds())))
    component.add("summary", _summary(item))
    component.add("description", _description(item))
    component.add("categories", [APP_NAME])


def _all_day(item: _Item, options: CalendarOptions, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    _common(event, item, stamp)
    event.add("dtstart", item.due_on)
    event.add("dtend", item.due_on + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add_component(_alarm(item, _after_midnight(options.reminder_time), "START"))
    return event


def _todo(item: _Item, options: CalendarOptions, stamp: dt.datetime) -> icalendar.Todo:
    todo = icalendar.Todo()
    _common(todo, item, stamp)
    todo.add("due", item.due_on)
    todo.add("status", "NEEDS-ACTION")
    todo.add_component(_alarm(item, _after_midnight(options.reminder_time), "END"))
    return todo


def _timed(item: _Item, options: CalendarOptions, stamp: dt.datetime) -> icalendar.Event:
    assert item.due_time is not None
    event = icalendar.Event()
    _common(event, item, stamp)
    start = dt.datetime.combine(item.due_on, item.due_time, tzinfo=options.zone)
    event.add("dtstart", start)
    event.add("duration", dt.timedelta(minutes=options.minutes))
    event.add_component(_alarm(item, dt.timedelta(0), "START"))
    return event


def _alarm(item: _Item, offset: dt.timedelta, related: str) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _summary(item))
    alarm.add("trigger", offset, parameters={"RELATED": related})
    return alarm


def _after_midnight(time: dt.time) -> dt.timedelta:
    return dt.timedelta(hours=time.hour, minutes=time.minute)


def _utc(moment: dt.datetime) -> dt.datetime:
    """A stored time (UTC, read back naive from SQLite) as an aware UTC time."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _summary(item: _Item) -> str:
    title = headline(item.notes) or item.step.label
    return " · ".join(part for part in (title, item.contact, item.company) if part)


def _description(item: _Item) -> str:
    where = item.company + (f" ({item.opportunity})" if item.opportunity else "")
    lines = [f"{item.step.label}: {where}"]
    if item.contact:
        lines.append(f"With {item.contact}")
    if item.channel is not Channel.NONE:
        lines.append(f"Channel: {item.channel.label}")
    if item.notes.strip():
        lines += ["", item.notes.strip()]
    return "\n".join(lines)
