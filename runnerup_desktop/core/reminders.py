"""When a follow-up reminds, what the reminder says, and when to look again (no Qt).

A follow-up with a time of day is due from that moment; one with a date only is due from
the person's reminder time on its day (09:00 unless they choose otherwise). The reminder
service looks at the database when the next follow-up falls due, and at least every
:data:`RECHECK_EVERY`, so that a suspended laptop or a changed clock is caught soon after.
Up to :data:`DIGEST_ABOVE` follow-ups that fall due together remind one by one; more
remind once, as a digest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

DEFAULT_REMINDER_TIME = dt.time(9, 0)
RECHECK_EVERY = dt.timedelta(minutes=5)
#: More than this many follow-ups falling due together remind as one digest.
DIGEST_ABOVE = 3
#: How many follow-ups a digest names before "and N more".
DIGEST_NAMES = 3
#: How many of the due follow-ups a look names (most overdue first) for the tray's menu and
#: the banner; the rest are only counted, however many there are.
DUE_SHOWN = 8


class Remindable(Protocol):
    """What a reminder needs to know of a follow-up (an ``AgendaItem`` has it all)."""

    @property
    def id(self) -> int: ...
    @property
    def due_on(self) -> dt.date: ...
    @property
    def due_time(self) -> dt.time | None: ...
    @property
    def title(self) -> str: ...
    @property
    def company(self) -> str: ...
    @property
    def contact(self) -> str | None: ...


@dataclass(frozen=True)
class Notice:
    """One notification: about one follow-up, or a digest of several."""

    title: str
    body: str
    follow_up_ids: tuple[int, ...]
    #: A job-board finding (the posting's id) this notice is about, instead of follow-ups.
    posting_id: int | None = None

    @property
    def is_digest(self) -> bool:
        return len(self.follow_up_ids) > 1

    @property
    def follow_up_id(self) -> int | None:
        """The follow-up that clicking the notification opens (none for a digest)."""
        return self.follow_up_ids[0] if len(self.follow_up_ids) == 1 else None


def parse_time_of_day(text: str) -> dt.time | None:
    """``"09:00"`` → 09:00; anything else that is not a time of day → ``None``."""
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        return None


def due_moment(due_on: dt.date, due_time: dt.time | None, reminder_time: dt.time) -> dt.datetime:
    """The local moment a follow-up falls due: its own time, else the reminder time."""
    return dt.datetime.combine(due_on, due_time if due_time is not None else reminder_time)


def next_check_in(
    now: dt.datetime, next_due: dt.datetime | None, recheck: dt.timedelta = RECHECK_EVERY
) -> dt.timedelta:
    """How long to sleep: until the next follow-up falls due, and never longer than
    ``recheck`` (a sleeping computer or a clock set forward is then caught soon after)."""
    if next_due is None:
        return recheck
    return max(dt.timedelta(0), min(recheck, next_due - now))


def notices_for(items: Sequence[Remindable], now: dt.datetime) -> list[Notice]:
    """The notifications for follow-ups that just fell due: one each, or one digest when
    there are more than :data:`DIGEST_ABOVE`."""
    if len(items) > DIGEST_ABOVE:
        return [digest(items)]
    return [single(item, now) for item in items]


def single(item: Remindable, now: dt.datetime) -> Notice:
    return Notice(
        title=f"Follow-up due: {item.title}",
        body=f"{who(item)} · {when(item, now.date())}",
        follow_up_ids=(item.id,),
    )


def digest(items: Sequence[Remindable]) -> Notice:
    lines = [f"• {item.title} — {who(item)}" for item in items[:DIGEST_NAMES]]
    if len(items) > DIGEST_NAMES:
        lines.append(f"and {len(items) - DIGEST_NAMES} more")
    return Notice(
        title=f"{len(items)} follow-ups due",
        body="\n".join(lines),
        follow_up_ids=tuple(item.id for item in items),
    )


def who(item: Remindable) -> str:
    """``"Ana Lopez, Acme"``, or the company alone when no contact is set."""
    return f"{item.contact}, {item.company}" if item.contact else item.company


def when(item: Remindable, today: dt.date) -> str:
    """``"due today at 14:30"``, ``"due today"``, ``"overdue since yesterday"``..."""
    if item.due_on >= today:
        at = f" at {item.due_time:%H:%M}" if item.due_time is not None else ""
        return f"due today{at}" if item.due_on == today else f"due {short_date(item.due_on)}{at}"
    if item.due_on == today - dt.timedelta(days=1):
        return "overdue since yesterday"
    return f"overdue since {short_date(item.due_on)}"


def short_date(day: dt.date) -> str:
    """``"Mon 3 Mar"`` (the same on every platform)."""
    return f"{day:%a} {day.day} {day:%b}"


def due_summary(count: int) -> str:
    """The tray's tooltip and the banner's headline."""
    if count == 0:
        return "No follow-ups due"
    return "1 follow-up due" if count == 1 else f"{count} follow-ups due"
