"""What a sync brings in from the server, written to the local rows (no Qt).

These are not a person's actions: they run inside the sync's own transaction, outside any
operation, so they are never on the undo stack; the window announces the returned
:class:`~runnerup_desktop.store.change.Change` with ``ops.announce``. Each write says in a
sentence what it did, for the sync log.

- A follow-up moved on the server is rescheduled (and reminds again); completed there, it is
  marked done, with an interaction that says where it was marked; cancelled there, skipped.
- A contact's fields changed on the server are taken when RunnerUp can keep them (a name, an
  email address, a phone number and a web address that pass the same checks as the form);
  a new company name moves the contact to that company, made when there is none by that
  name. A card made on the phone comes in as a new contact, or joins the contact with the
  same email address.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import Channel, Direction, FollowUpStatus
from runnerup_desktop.core.news import KIND_FOR_CHANNEL, is_outbound_follow_up
from runnerup_desktop.core.text import fold
from runnerup_desktop.core.validation import (
    MAX_NAME,
    MAX_NOTES,
    MAX_TITLE,
    check_email,
    check_length,
    check_person_name,
    check_phone,
    check_url,
    normalize_email,
    normalize_line,
    normalize_url,
)
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.directory_services import touch_last
from runnerup_desktop.store.models import Company, Contact, FollowUp, Interaction
from runnerup_desktop.store.sync_models import SyncItem

#: What the interaction logged for a follow-up completed on the server says.
DONE_ON_SERVER = "Marked done on {where}."


@dataclass
class Note:
    """One sentence for the sync log, and what it is about."""

    level: str
    code: str
    message: str
    follow_up_id: int | None = None
    contact_id: int | None = None
    interaction_id: int | None = None


@dataclass
class Applied:
    change: Change = field(default_factory=Change)
    notes: list[Note] = field(default_factory=list)
    #: The follow-up was moved: the caller runs the cadence guard once committed.
    moved: bool = False


def apply_follow_up(
    session: Session,
    follow_up_id: int,
    changes: Mapping[str, Any],
    *,
    described: str,
    completed_on: dt.date | None,
    today: dt.date,
    where: str,
) -> Applied:
    follow_up = session.get(FollowUp, follow_up_id)
    applied = Applied()
    if follow_up is None:
        return applied
    if "due" in changes:
        day, time = _due(str(changes["due"]))
        follow_up.due_on, follow_up.due_time = day, time
        follow_up.notified_at = None
        when = day.isoformat() + (f" at {time.strftime('%H:%M')}" if time else "")
        applied.notes.append(
            Note("info", "moved", f"{described} was moved to {when} on {where}.", follow_up.id)
        )
        applied.moved = True
    status = changes.get("status")
    if status == "done" and follow_up.status is FollowUpStatus.PLANNED:
        on = min(completed_on or today, today)
        follow_up.status = FollowUpStatus.DONE
        follow_up.completed_on = on
        outbound = is_outbound_follow_up(follow_up.step, follow_up.channel, follow_up.contact_id)
        interaction = Interaction(
            company_id=follow_up.company_id,
            contact_id=follow_up.contact_id,
            follow_up_id=follow_up.id,
            value_item_id=follow_up.value_item_id,
            kind=KIND_FOR_CHANNEL[follow_up.channel],
            direction=Direction.NONE if follow_up.channel is Channel.NONE else Direction.OUTBOUND,
            occurred_on=on,
            summary=DONE_ON_SERVER.format(where=where),
        )
        session.add(interaction)
        session.flush()
        touch_last(session, interaction)
        applied.notes.append(
            Note(
                "info",
                "completed",
                f"{described} was marked done on {where} ({on.isoformat()}).",
                follow_up.id,
                interaction_id=interaction.id,
            )
        )
        if outbound:
            applied.notes.append(
                Note(
                    "question",
                    "what_was_done",
                    f"You marked {described} done on {where}: what did you send or say?",
                    follow_up.id,
                    interaction_id=interaction.id,
                )
            )
    elif status == "planned" and follow_up.status is not FollowUpStatus.PLANNED:
        follow_up.status = FollowUpStatus.PLANNED
        follow_up.completed_on = None
        applied.notes.append(
            Note("info", "reopened", f"{described} was reopened on {where}.", follow_up.id)
        )
    elif status == "skipped" and follow_up.status is FollowUpStatus.PLANNED:
        follow_up.status = FollowUpStatus.SKIPPED
        applied.notes.append(
            Note("info", "skipped", f"{described} was cancelled on {where}: skipped.", follow_up.id)
        )
    session.flush()
    contacts = frozenset({follow_up.contact_id} - {None})
    applied.change = Change(
        companies=frozenset({follow_up.company_id}),
        contacts=frozenset(c for c in contacts if c is not None),
        follow_ups=True,
        interactions=status == "done",
    )
    return applied


# contacts -------------------------------------------------------------------------------
_ATTRIBUTE = {
    "name": "name",
    "email": "email",
    "phone": "phone",
    "title": "title",
    "url": "linkedin_url",
    "notes": "notes",
}
_CHECKS: dict[str, tuple[Callable[[str], str | None], Callable[[str], str]]] = {
    "name": (check_person_name, normalize_line),
    "email": (check_email, normalize_email),
    "phone": (check_phone, normalize_line),
    "title": (lambda text: check_length(text, MAX_TITLE, "A title"), normalize_line),
    "url": (check_url, normalize_url),
    "notes": (lambda text: check_length(text, MAX_NOTES, "Notes"), str.strip),
}


def apply_contact(
    session: Session, contact_id: int, changes: Mapping[str, Any], *, where: str
) -> Applied:
    contact = session.get(Contact, contact_id)
    applied = Applied()
    if contact is None:
        return applied
    before_company = contact.company_id
    taken: list[str] = []
    for key, value in changes.items():
        text = str(value or "")
        if key == "company":
            if text.strip():
                contact.company_id = company_named(session, text).id
                taken.append("company")
            continue
        check, normal = _CHECKS[key]
        problem = check(text)
        if problem is not None:
            applied.notes.append(
                Note(
                    "warning",
                    "not_taken",
                    f"{where} has a {key} for {contact.name} that RunnerUp cannot keep: "
                    f"{problem} RunnerUp kept its own.",
                    contact_id=contact.id,
                )
            )
            continue
        setattr(contact, _ATTRIBUTE[key], normal(text))
        taken.append(key)
    session.flush()
    if taken:
        applied.notes.append(
            Note(
                "info",
                "updated_here",
                f"{contact.name}: took the {_join(taken)} from {where}.",
                contact_id=contact.id,
            )
        )
    applied.change = Change(
        contacts=frozenset({contact.id}),
        companies=frozenset(c for c in (before_company, contact.company_id) if c is not None),
    )
    return applied


def company_named(session: Session, name: str) -> Company:
    """The company with this name (case and accents aside), made when there is none."""
    name = normalize_line(name)[:MAX_NAME]
    found = session.scalars(select(Company).where(Company.name_key == fold(name)).limit(1)).first()
    if found is None:
        found = Company(name=name)
        session.add(found)
        session.flush()
    return found


def adopt_contact(
    session: Session, fields: Mapping[str, Any], *, where: str
) -> tuple[int | None, Applied]:
    """A card made elsewhere: the unlinked contact with its email address, else a new
    contact at the company it names; ``None`` when it names no company."""
    applied = Applied()
    email = str(fields.get("email") or "").strip()
    if email:
        linked = select(SyncItem.contact_id).where(SyncItem.contact_id.is_not(None))
        match = session.scalars(
            select(Contact)
            .where(func.lower(Contact.email) == email.lower(), Contact.id.not_in(linked))
            .limit(1)
        ).first()
        if match is not None:
            applied.notes.append(
                Note(
                    "info",
                    "matched",
                    f"{match.name} on {where} is {match.name} here: linked them.",
                    contact_id=match.id,
                )
            )
            return match.id, applied
    company = str(fields.get("company") or "").strip()
    name = normalize_line(str(fields.get("name") or ""))
    if not company or check_person_name(name) is not None:
        return None, applied
    contact = Contact(name=name[:MAX_NAME], company_id=company_named(session, company).id)
    session.add(contact)
    session.flush()
    rest = {k: v for k, v in fields.items() if k not in ("name", "company") and v}
    applied = apply_contact(session, contact.id, rest, where=where)
    applied.notes = [n for n in applied.notes if n.code != "updated_here"]
    applied.notes.append(
        Note(
            "info",
            "added_here",
            f"Added {contact.name} ({company}) from {where}.",
            contact_id=contact.id,
        )
    )
    applied.change = applied.change | Change(contacts=frozenset({contact.id}))
    return contact.id, applied


def _due(text: str) -> tuple[dt.date, dt.time | None]:
    if "T" in text:
        day, time = text.split("T", 1)
        return dt.date.fromisoformat(day), dt.time.fromisoformat(time)
    return dt.date.fromisoformat(text), None


def _join(parts: list[str]) -> str:
    names = [{"url": "web address"}.get(p, p) for p in parts]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
