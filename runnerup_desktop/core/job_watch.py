"""The job-board watch's schedule and what it tells the person (no Qt, no I/O).

- A board is checked every :data:`DEFAULT_INTERVAL_HOURS` hours (a preference, at least
  :data:`MIN_INTERVAL_HOURS`), and at start-up when its last check is older than that.
- After an error the next check waits longer each time: the interval, then twice it, four
  times..., never more than :data:`MAX_BACKOFF_HOURS` (a board that errors once is tried
  again at its usual time; one that keeps failing is not hammered). A ``Retry-After`` the
  board sends is honoured when it asks for longer.
- A board that answers "not found" :data:`GONE_AFTER_NOT_FOUND` times in a row is gone:
  the watch reports it and pauses it until the person changes its address or turns the
  watch on again.
"""

from __future__ import annotations

import datetime as dt

from runnerup_desktop.core.job_match import FindingKind
from runnerup_desktop.core.playbook import MIS_HIRE_WINDOW_DAYS
from runnerup_desktop.core.watch_interval import (
    DEFAULT_INTERVAL_HOURS,
    MAX_INTERVAL_HOURS,
    MIN_INTERVAL_HOURS,
)

MAX_BACKOFF_HOURS = 48
GONE_AFTER_NOT_FOUND = 3


def check_interval(hours: int | None) -> dt.timedelta:
    """The preference as an interval, held to its range (a bad value is the default)."""
    if hours is None or not MIN_INTERVAL_HOURS <= hours <= MAX_INTERVAL_HOURS:
        hours = DEFAULT_INTERVAL_HOURS
    return dt.timedelta(hours=hours)


def backoff(
    failures: int, interval: dt.timedelta, retry_after: dt.timedelta | None = None
) -> dt.timedelta:
    """How long to wait after the ``failures``-th error in a row (1 for the first)."""
    cap = max(dt.timedelta(hours=MAX_BACKOFF_HOURS), interval)
    wait = min(interval * (1 << (min(max(failures, 1), 16) - 1)), cap)
    if retry_after is not None and retry_after > wait:
        wait = min(retry_after, cap)
    return wait


def is_due(
    last_checked: dt.datetime | None,
    next_check: dt.datetime | None,
    now: dt.datetime,
    interval: dt.timedelta,
    failures: int = 0,
) -> bool:
    """Whether a board should be checked now: never checked; its next check has come (the
    interval, or a back-off after an error); or, after a good check, the interval as the
    preference says now (it may have been shortened since) has passed."""
    if last_checked is None or next_check is None:
        return True
    return next_check <= now or (failures == 0 and last_checked + interval <= now)


def headline(
    company: str,
    kind: FindingKind,
    title: str,
    *,
    news_on: dt.date,
    posted_on: dt.date,
    hire_start_on: dt.date | None = None,
) -> str:
    """One sentence for the notification and the banner, e.g. "Northwind Analytics posted
    Engineering Manager, Data Platform again, 47 days after the offer went to someone else,
    inside the 90-day window"."""
    days = max(0, (posted_on - news_on).days)
    after = f"{days} day{'s' if days != 1 else ''} after the offer went to someone else"
    verb = {
        FindingKind.REPOSTED: f"posted {title} again",
        FindingKind.REOPENED: f"reopened {title}",
        FindingKind.SIMILAR: f"posted a similar role, {title}",
    }[kind]
    start = hire_start_on or news_on
    since_start = (posted_on - start).days
    if 0 <= since_start <= MIS_HIRE_WINDOW_DAYS:
        window = f", inside the {MIS_HIRE_WINDOW_DAYS}-day window"
    else:
        window = ""
    return f"{company} {verb}, {after}{window}"
