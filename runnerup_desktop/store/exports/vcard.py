"""Contacts as vCard 3.0: one contact, one company's, or everyone, built with :mod:`vobject`.

Each card has the contact's name (``FN`` and ``N``), company (``ORG``), job title, email,
phone, LinkedIn address (``URL``), notes, and RunnerUp's role as ``X-RUNNERUP-ROLE`` (other
programs ignore it; RunnerUp's import reads it back). The ``UID`` is stable: the same
contact keeps it across exports, so that an address book updates it rather than adding it
again. Contacts are read and written one at a time, in name order within each company.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import vobject
from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerup_desktop import APP_NAME, __version__
from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.store.exports.files import write_private
from runnerup_desktop.store.imports.vcard import ROLE_PROPERTY
from runnerup_desktop.store.models import Company, Contact

PRODID = f"-//{APP_NAME}//{APP_NAME} {__version__}//EN"
#: The namespace of RunnerUp's UIDs (vCards and calendar entries).
NAMESPACE = uuid.UUID("4f9a6f5e-8d3c-5b1a-9e7f-2c6d0a1b3e58")


def stable_uid(kind: str, row_id: int, created: Any) -> str:
    """The same for a row in every export; different for another database's row of the
    same id (its creation time differs)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{row_id}:{created}"))


def contact_cards(
    session: Session, *, contact_id: int | None = None, company_id: int | None = None
) -> Iterator[str]:
    """The vCards of one contact, one company's contacts, or (neither given) everyone."""
    query = (
        select(Contact, Company.name)
        .outerjoin(Company, Contact.company_id == Company.id)
        .order_by(Company.name_key.is_(None), Company.name_key, Contact.name_key, Contact.id)
    )
    if contact_id is not None:
        query = query.where(Contact.id == contact_id)
    if company_id is not None:
        query = query.where(Contact.company_id == company_id)
    for contact, company in session.execute(query.execution_options(yield_per=500)):
        yield card(contact, company)
        session.expunge(contact)


def card(contact: Contact, company: str | None) -> str:
    """One contact as a vCard 3.0 (CRLF line ends, long lines folded)."""
    vcard = vobject.vCard()
    vcard.add("version").value = "3.0"
    vcard.add("prodid").value = PRODID
    vcard.add("uid").value = "urn:uuid:" + stable_uid("contact", contact.id, contact.created_at)
    vcard.add("fn").value = contact.name
    given, _, family = contact.name.rpartition(" ")
    vcard.add("n").value = vobject.vcard.Name(family=family, given=given)
    if company:
        vcard.add("org").value = [company]
    if contact.title:
        vcard.add("title").value = contact.title
    if contact.email:
        email = vcard.add("email")
        email.value, email.type_param = contact.email, "INTERNET"
    if contact.phone:
        vcard.add("tel").value = contact.phone
    if contact.linkedin_url:
        vcard.add("url").value = contact.linkedin_url
    if contact.notes:
        vcard.add("note").value = contact.notes
    if contact.role is not ContactRole.OTHER:
        vcard.add(ROLE_PROPERTY.lower()).value = contact.role.value
    if contact.updated_at is not None:
        vcard.add("rev").value = contact.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    text: str = vcard.serialize()
    return text


def write_vcards(
    session: Session,
    path: Path,
    *,
    contact_id: int | None = None,
    company_id: int | None = None,
) -> int:
    """Write the cards to ``path`` (whole or not at all); how many were written."""
    count = 0

    def counted() -> Iterator[str]:
        nonlocal count
        for text in contact_cards(session, contact_id=contact_id, company_id=company_id):
            count += 1
            yield text

    write_private(path, counted())
    return count
