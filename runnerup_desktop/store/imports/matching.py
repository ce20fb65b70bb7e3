"""Who is already in RunnerUp: an imported person is matched to an existing contact by
LinkedIn profile address, then by email, then by folded name at the same company.

The index is read once per import, in one query (100,000 contacts take about a second
and some tens of MB), and grows with the contacts the import adds, so that the same
person twice in one file is caught too.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerup_desktop.core.text import fold
from runnerup_desktop.store.models import Company, Contact


@dataclass(slots=True)
class Known:
    """An existing contact as matching and filling need it (``id`` 0: added by this import,
    on ``line``)."""

    id: int
    name: str
    company_id: int | None
    company: str
    title: str
    email: str
    phone: str
    linkedin_url: str
    line: int = 0


def profile_key(url: str) -> str:
    """A LinkedIn address as a key: ``https://www.linkedin.com/in/Ana-Lopez/?x=1`` and
    ``uk.linkedin.com/in/ana-lopez`` are both ``linkedin.com/in/ana-lopez``."""
    url = url.strip()
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").casefold()
    except ValueError:
        return ""
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "linkedin.com"
    path = parts.path.rstrip("/").casefold()
    return f"{host}{path}" if host else ""


def email_key(email: str) -> str:
    return email.strip().casefold()


def name_key(name: str, company: str) -> tuple[str, str]:
    return fold(name), fold(company)


class Directory:
    """The contacts and companies already in the database, as keys."""

    def __init__(self, session: Session) -> None:
        self.companies: dict[str, tuple[int, str]] = {
            key: (row_id, name)
            for row_id, name, key in session.execute(
                select(Company.id, Company.name, Company.name_key)
            )
        }
        self._by_profile: dict[str, Known] = {}
        self._by_email: dict[str, Known] = {}
        self._by_name: dict[tuple[str, str], Known] = {}
        query = select(
            Contact.id,
            Contact.name,
            Contact.company_id,
            Company.name,
            Contact.title,
            Contact.email,
            Contact.phone,
            Contact.linkedin_url,
        ).outerjoin(Company, Contact.company_id == Company.id)
        for row in session.execute(query.order_by(Contact.id)):
            row_id, name, company_id, company, title, email, phone, url = row
            self.add(Known(row_id, name, company_id, company or "", title, email, phone, url))

    def add(self, known: Known) -> None:
        """Index a contact (first come, first kept: the oldest of duplicates matches)."""
        profile = profile_key(known.linkedin_url)
        if profile:
            self._by_profile.setdefault(profile, known)
        email = email_key(known.email)
        if email:
            self._by_email.setdefault(email, known)
        self._by_name.setdefault(name_key(known.name, known.company), known)

    def refresh(self, known: Known) -> None:
        """Index what an import filled in on a matched contact."""
        self.add(known)

    def match(self, name: str, company: str, email: str, url: str) -> tuple[Known, str] | None:
        """The existing contact this person is, and how that was told; ``None``: nobody."""
        profile = profile_key(url)
        if profile and (found := self._by_profile.get(profile)) is not None:
            return found, "same LinkedIn profile"
        address = email_key(email)
        if address and (found := self._by_email.get(address)) is not None:
            return found, "same email"
        found = self._by_name.get(name_key(name, company))
        if found is not None:
            where = f"at {found.company}" if found.company else "without a company"
            return found, f"same name {where}"
        return None

    def company(self, name: str) -> tuple[int, str] | None:
        """The existing company of this name (folded), as ``(id, name)``."""
        return self.companies.get(fold(name))
