"""Follow-ups as iCalendar to-dos (VTODO) or events (VEVENT), with ``icalendar`` (no Qt).

A to-do has the due date (and time, as floating local time), the step, the person and the
company in the summary, a link back (``runnerup --follow-up ID``) in the description (and
the notes with "include notes"), an alarm at the reminder time (a date-only follow-up
reminds at the person's reminder time on its day), and its status: done follow-ups are
completed to-dos. An event is the same on the calendar: all day for a date-only
follow-up, half an hour for a timed one; an event cannot be completed, so done stays in
RunnerUp.

Writing over the server's last copy keeps what a phone added (its own alarms, categories,
properties): only RunnerUp's properties and its own alarm are replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from runnerup_desktop.sync.objects import (
    DATABASE_PROP,
    PRODID,
    SERIAL_PROP,
    Marks,
    ServerObject,
    as_int,
    utc_stamp,
)

#: The fields the merge settles; the others are RunnerUp's to write.
MERGED = ("due", "status")
SHOWN = ("summary", "description", "alarm", "kind")
EVENT_LENGTH = dt.timedelta(minutes=30)
_OURS = (
    "summary",
    "description",
    "due",
    "dtstart",
    "dtend",
    "duration",
    "status",
    "completed",
    "percent-complete",
    "last-modified",
    "dtstamp",
    "sequence",
    DATABASE_PROP,
    SERIAL_PROP,
    "X-RUNNERUP-FOLLOW-UP",
)
_ALARM_MARK = "X-RUNNERUP-ALARM"


@dataclass(frozen=True)
class FollowUpShape:
    """How follow-ups look on the calendar."""

    as_events: bool = False
    include_notes: bool = False
    reminder_time: dt.time = dt.time(9, 0)

    @property
    def component(self) -> str:
        return "VEVENT" if self.as_events else "VTODO"


def due_text(on: dt.date, at: dt.time | None) -> str:
    return on.isoformat() if at is None else f"{on.isoformat()}T{at.strftime('%H:%M')}"


def parse_due(text: str) -> tuple[dt.date, dt.time | None]:
    if "T" in text:
        day, time = text.split("T", 1)
        return dt.date.fromisoformat(day), dt.time.fromisoformat(time)
    return dt.date.fromisoformat(text), None


def follow_up_fields(
    *,
    follow_up_id: int,
    title: str,
    company: str,
    contact: str | None,
    due_on: dt.date,
    due_time: dt.time | None,
    done: bool,
    notes: str,
    shape: FollowUpShape,
) -> dict[str, Any]:
    """The fields a follow-up has on the calendar."""
    summary = " · ".join(part for part in (title, contact, company) if part)
    description = f"Open in RunnerUp: runnerup --follow-up {follow_up_id}"
    if shape.include_notes and notes.strip():
        description += "\n\n" + notes.strip()
    local = dt.datetime.combine(due_on, due_time or shape.reminder_time)
    alarm = utc_stamp(local.astimezone()).strftime("%Y%m%dT%H%M%SZ")
    return {
        "due": due_text(due_on, due_time),
        "status": "done" if done else "planned",
        "summary": summary,
        "description": description,
        "alarm": alarm,
        "kind": shape.component,
    }


def render(
    fields: Mapping[str, Any],
    uid: str,
    marks: Marks,
    follow_up_id: int,
    now: dt.datetime,
    previous: str | None = None,
) -> str:
    """The object to send: over ``previous`` (the server's last copy) when there is one."""
    from icalendar import Calendar, Event, Todo

    kind = str(fields["kind"])
    calendar, component = _previous(previous, uid, kind)
    if calendar is None or component is None:
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        component = Event() if kind == "VEVENT" else Todo()
        component.add("uid", uid)
        calendar.add_component(component)
    sequence = as_int(component.get("sequence")) or 0
    for name in _OURS:
        component.pop(name, None)
    component.subcomponents = [sub for sub in component.subcomponents if _ALARM_MARK not in sub]
    stamp = utc_stamp(now)
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    component.add("sequence", sequence + 1 if previous else 0)
    component.add("summary", fields["summary"])
    component.add("description", fields["description"])
    day, time = parse_due(str(fields["due"]))
    if kind == "VEVENT":
        if time is None:
            component.add("dtstart", day)
            component.add("dtend", day + dt.timedelta(days=1))
        else:
            start = dt.datetime.combine(day, time)
            component.add("dtstart", start)
            component.add("dtend", start + EVENT_LENGTH)
    else:
        component.add("due", day if time is None else dt.datetime.combine(day, time))
        if fields["status"] == "done":
            component.add("status", "COMPLETED")
            component.add("completed", stamp)
            component.add("percent-complete", 100)
        else:
            component.add("status", "NEEDS-ACTION")
    component.add(DATABASE_PROP, marks.database_uid)
    component.add(SERIAL_PROP, str(marks.serial))
    component.add("X-RUNNERUP-FOLLOW-UP", str(follow_up_id))
    component.add_component(_alarm(str(fields["alarm"]), str(fields["summary"])))
    return str(calendar.to_ical().decode("utf-8"))


def parse(text: str, local_zone: dt.tzinfo | None = None) -> ServerObject | None:
    """The follow-up fields of an object from the server; ``None`` when it has no to-do
    or event (or cannot be read)."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(text)
    except ValueError:
        return None
    component = next(iter(calendar.walk("VTODO") + calendar.walk("VEVENT")), None)
    if component is None:
        return None
    due = component.get("due") if component.name == "VTODO" else None
    due = due if due is not None else component.get("dtstart")
    fields: dict[str, Any] = {"kind": component.name}
    if due is not None:
        day, time = _local(due.dt, local_zone)
        fields["due"] = due_text(day, time)
    status = str(component.get("status", "")).upper()
    completed = component.get("completed")
    completed_on: dt.date | None = None
    if component.name == "VTODO" and (
        status == "COMPLETED"
        or completed is not None
        or as_int(component.get("percent-complete")) == 100
    ):
        fields["status"] = "done"
        if completed is not None:
            completed_on = _local(completed.dt, local_zone)[0]
    elif status == "CANCELLED":
        fields["status"] = "skipped"
    else:
        fields["status"] = "planned"
    fields["summary"] = str(component.get("summary", ""))
    modified = component.get("last-modified") or component.get("dtstamp")
    return ServerObject(
        uid=str(component.get("uid", "")),
        fields=fields,
        modified=utc_stamp(modified.dt) if modified is not None else None,
        database_uid=_text(component.get(DATABASE_PROP)),
        serial=as_int(component.get(SERIAL_PROP)),
        completed_on=completed_on,
    )


def _previous(previous: str | None, uid: str, kind: str) -> tuple[Any, Any]:
    from icalendar import Calendar

    if not previous:
        return None, None
    try:
        calendar = Calendar.from_ical(previous)
    except ValueError:
        return None, None
    for component in calendar.walk(kind):
        if str(component.get("uid", "")) == uid:
            return calendar, component
    return None, None


def _alarm(at: str, summary: str) -> Any:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    moment = dt.datetime.strptime(at, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    alarm.add("trigger", moment, parameters={"VALUE": "DATE-TIME"})
    alarm.add(_ALARM_MARK, "1")
    return alarm


def _local(value: Any, zone: dt.tzinfo | None) -> tuple[dt.date, dt.time | None]:
    """A DUE/DTSTART as this computer's local day and time (floating stays as it is)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(zone).replace(tzinfo=None)
        return value.date(), value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.date):
        return value, None
    raise ValueError("not a date")


def _text(value: object) -> str | None:
    return None if value is None else str(value).strip() or None
