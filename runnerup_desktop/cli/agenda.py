"""The agenda on the command line, as text or JSON (no Qt).

Text has three sections, Overdue, Today and Next N days, with one line per follow-up::

    Overdue
      2025-03-11  Thank-you note to the person who called · Ana Lopez · Acme (Data Engineer) · Email

JSON is a list of objects, one per follow-up, with ISO dates and a ``section`` of
``overdue``, ``today`` or ``upcoming``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any, TextIO

from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.cli.launch import EXIT_REFUSED, Options, close_database, open_database
from runnerup_desktop.core.domain import Channel
from runnerup_desktop.store.agenda_queries import Agenda, AgendaItem, agenda
from runnerup_desktop.store.damage import headless_check
from runnerup_desktop.system.paths import AppPaths


def run(options: Options, args: argparse.Namespace) -> int:
    """``runnerup agenda``: exit 2 with one line on stderr if the database is refused."""
    from runnerup_desktop.store.database import StoreRefused

    try:
        store = open_database(AppPaths.default(), options)
    except StoreRefused as refusal:
        sys.stderr.write(f"runnerup: {refusal}\n")
        return EXIT_REFUSED
    try:
        tables, quick = headless_check(store.path, AGENDA_TABLES)
        damage = store.look_for_damage(tables=tables, quick=quick)
        if damage is not None:
            raise damage
        print_agenda(store.sessions, dt.date.today(), args.days, args.json, sys.stdout)
    finally:
        close_database(store, options)
    return 0


#: What the agenda reads, checked for damage before it is printed (see store/damage.py).
AGENDA_TABLES = ("follow_up", "company", "contact", "opportunity")


SECTIONS = ("overdue", "today", "upcoming")


def print_agenda(
    sessions: sessionmaker[Session], today: dt.date, days: int, as_json: bool, out: TextIO
) -> None:
    """Write the agenda from ``today`` over the next ``days`` days to ``out``."""
    with sessions() as session:
        found = agenda(session, today, days)
    if as_json:
        json.dump(agenda_json(found), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(agenda_text(found))


def agenda_text(found: Agenda) -> str:
    days = f"Next {found.days} day{'s' if found.days != 1 else ''}"
    lines: list[str] = []
    for heading, items in (
        ("Overdue", found.overdue),
        (f"Today ({found.day.isoformat()})", found.today),
        (days, found.upcoming),
    ):
        if lines:
            lines.append("")
        lines.append(heading)
        lines += [f"  {_line(item)}" for item in items] or ["  Nothing."]
    return "\n".join(lines) + "\n"


def agenda_json(found: Agenda) -> list[dict[str, Any]]:
    sections = zip(SECTIONS, (found.overdue, found.today, found.upcoming), strict=True)
    return [_object(section, item) for section, items in sections for item in items]


def _line(item: AgendaItem) -> str:
    when = item.due_on.isoformat()
    if item.due_time is not None:
        when += f" {item.due_time.strftime('%H:%M')}"
    company = item.company + (f" ({item.opportunity})" if item.opportunity else "")
    channel = "" if item.channel is Channel.NONE else item.channel.label
    parts = [item.title, item.contact, company, channel]
    return f"{when}  " + " · ".join(part for part in parts if part)


def _object(section: str, item: AgendaItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "section": section,
        "due_on": item.due_on.isoformat(),
        "due_time": item.due_time.isoformat(timespec="minutes") if item.due_time else None,
        "title": item.title,
        "step": item.step.value,
        "step_label": item.step_label,
        "channel": item.channel.value,
        "company_id": item.company_id,
        "company": item.company,
        "contact_id": item.contact_id,
        "contact": item.contact,
        "opportunity_id": item.opportunity_id,
        "opportunity": item.opportunity,
        "notes": item.notes,
    }
