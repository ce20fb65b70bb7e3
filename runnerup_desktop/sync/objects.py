"""What the two sides of a sync say about one object, as plain values (no Qt).

The local side's rows and the server's objects are both reduced to a dict of fields: the
*merged* fields, which the three-way merge settles (a follow-up's due date and status; a
contact's name, email, phone, title, company, profile URL and, with "include notes", its
notes), and for follow-ups the *shown* fields (summary, description, alarm), which RunnerUp
writes and the server only shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

PRODID = "-//RunnerUp//RunnerUp sync//EN"
#: The properties every object RunnerUp writes carries: which database wrote it, and with
#: which serial (see ``store/sync_models.py``).
DATABASE_PROP = "X-RUNNERUP-DATABASE"
SERIAL_PROP = "X-RUNNERUP-SERIAL"


@dataclass(frozen=True)
class Marks:
    """This database's marks, written into every object it sends."""

    database_uid: str
    serial: int


@dataclass(frozen=True)
class ServerObject:
    """One object as the server has it."""

    uid: str
    fields: dict[str, Any]
    #: LAST-MODIFIED (or DTSTAMP) for events and to-dos, REV for vCards.
    modified: dt.datetime | None
    database_uid: str | None = None
    serial: int | None = None
    #: For a to-do completed on the server: the day it was completed.
    completed_on: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def utc_stamp(moment: dt.datetime) -> dt.datetime:
    """A time as UTC (a naive one is taken as UTC already), to the second."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def as_int(value: object) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None
