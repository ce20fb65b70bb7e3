"""What a person enters for a company or a contact, as plain immutable values.

The add/edit dialogs return these; the services that write the store take them. Field names
match the columns of the ORM models so that a service can copy them one to one.
"""

from __future__ import annotations

from dataclasses import dataclass

from runnerup_desktop.core.domain import CompanyStatus, ContactRole


@dataclass(frozen=True, slots=True)
class CompanyValues:
    name: str
    industry: str = ""
    location: str = ""
    #: Normalised: ``example.com`` is stored as ``https://example.com``.
    website: str = ""
    status: CompanyStatus = CompanyStatus.TARGET
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ContactValues:
    name: str
    #: ``None``: kept without a company (a person of the network, not at an employer the
    #: person wants to work for).
    company_id: int | None
    role: ContactRole = ContactRole.OTHER
    title: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    notes: str = ""
