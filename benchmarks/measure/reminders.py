"""The reminder service's due query, as the service runs it.

The generated database is a morning of a day the app ran the day before: everything due
before today has reminded, today's follow-ups have not. The first check of the day finds
those due by noon and records them (as the service does), and every later check asks the
same question and finds nothing new: that steady check, run again and again while the
app is open, is the one with the target. After each check the tray (or the banner) is told
what is due, reminded or not: the count for its badge and the first few, most overdue
first, for its menu; that read is the third figure. Nothing is kept: the session rolls
back.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from runnerup_desktop.core.reminders import DUE_SHOWN
from runnerup_desktop.store.agenda_queries import DueNow, due_follow_ups, due_now
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.models import FollowUp

#: The person's reminder time: untimed follow-ups are due from then on their day.
REMINDER_TIME = dt.time(9)


def _times(repeat: int, action: Callable[[], object]) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def measure_due(db: Path, repeat: int, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Figures (as dicts for the report) for the first check of a day and the steady one."""
    now = dt.datetime.combine(today or dt.date.today(), dt.time(12))
    store = open_store(db)
    try:
        with store.sessions() as session:
            figures = _measure(session, now, repeat)
            session.rollback()
    finally:
        store.close()
    return figures


def _measure(session: Session, now: dt.datetime, repeat: int) -> list[dict[str, Any]]:
    def check() -> list[Any]:
        return due_follow_ups(session, now, untimed_from=REMINDER_TIME)

    def tray_due() -> DueNow:
        return due_now(session, now, untimed_from=REMINDER_TIME, first=DUE_SHOWN)

    baseline = _times(repeat, lambda: session.execute(select(1)).all())
    first = _times(repeat, check)
    fresh = [item.id for item in check()]
    # What the service records after the first check (PlaybookServices.mark_notified).
    if fresh:
        session.execute(
            update(FollowUp)
            .where(FollowUp.id.in_(fresh))
            .values(notified_at=now.astimezone(dt.UTC))
        )
    steady = _times(repeat, check)
    still_due = len(check())
    tray = _times(repeat, tray_due)
    shown = tray_due()
    return [
        {
            "name": "due_query",
            "label": "Reminder due query (every check)",
            "samples": steady,
            "baseline": baseline,
            "info": {"rows": still_due},
        },
        {
            "name": "due_query_first_of_day",
            "label": "Reminder due query, first check of the day",
            "samples": first,
            "baseline": baseline,
            "info": {"rows": len(fresh)},
        },
        {
            "name": "due_tray",
            "label": f"What the tray shows: count of all due + first {DUE_SHOWN}",
            "samples": tray,
            "baseline": baseline,
            "info": {"rows": len(shown.first), "due": shown.count},
        },
    ]
