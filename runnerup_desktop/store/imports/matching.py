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

from runnerup_desktop.store.models import Company, Contact


@dataclass(slots=True)
class Known:
    """A contact as matching and filling need it (``id`` 0: added by this import, on
    ``line``). The keys are folded as the database folds them."""

    id: int
    name: str
    name_key: str
    company_id: int | None
    company: str
    company_key: str
    title: str
    email: str
    phone: str
    linkedin_url: str
    line: int = 0
    profile: str = ""
    address: str = ""

    def __post_init__(self) -> None:
        if not self.profile and not self.address:
            self.rekey()

    def rekey(self) -> None:
        self.profile = profile_key(self.linkedin_url)
        self.address = email_key(self.email)


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


#: Namesakes looked at for one person: beyond this, a name alone says nothing.
NAMESAKES = 50


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
        self._by_name: dict[tuple[str, str], list[Known]] = {}
        query = select(
            Contact.id,
            Contact.name,
            Contact.name_key,
            Contact.company_id,
            Company.name,
            Company.name_key,
            Contact.title,
            Contact.email,
            Contact.phone,
            Contact.linkedin_url,
        ).outerjoin(Company, Contact.company_id == Company.id)
        for row in session.execute(query.order_by(Contact.id)):
            row_id, name, key, company_id, company, company_key, *rest = row
            self.add(Known(row_id, name, key, company_id, company or "", company_key or "", *rest))

    def add(self, known: Known) -> None:
        """Index a contact (the oldest of duplicates matches first)."""
        if known.profile:
            self._by_profile.setdefault(known.profile, known)
        if known.address:
            self._by_email.setdefault(known.address, known)
        self._by_name.setdefault((known.name_key, known.company_key), []).append(known)

    def refresh(self, known: Known, before: tuple[str, str]) -> None:
        """Index what an import filled in on a matched contact (``before``: its name and
        company keys before)."""
        known.rekey()
        if known.profile:
            self._by_profile.setdefault(known.profile, known)
        if known.address:
            self._by_email.setdefault(known.address, known)
        key = (known.name_key, known.company_key)
        if key != before:
            old = self._by_name.get(before, [])
            self._by_name[before] = [other for other in old if other is not known]
            self._by_name.setdefault(key, []).append(known)

    def match(
        self, name_key: str, company_key: str, company: str, profile: str, address: str
    ) -> tuple[Known, str] | None:
        """The existing contact this person is, and how that was told; ``None``: nobody.

        A namesake at the same company (or, both without one, anywhere) is the same
        person unless their LinkedIn profiles differ (a person has one profile, but may
        well have a work and a home address). ``profile`` and ``address`` are the
        person's :func:`profile_key` and :func:`email_key`.
        """
        if profile and (found := self._by_profile.get(profile)) is not None:
            return found, "same LinkedIn profile"
        if address and (found := self._by_email.get(address)) is not None:
            return found, "same email"
        namesakes = self._by_name.get((name_key, company_key))
        for known in namesakes[:NAMESAKES] if namesakes else ():
            if profile and known.profile and profile != known.profile:
                continue  # a namesake: another profile
            where = f"at {known.company or company}" if company_key else "without a company"
            return known, f"same name {where}"
        return None

    def company(self, key: str) -> tuple[int, str] | None:
        """The existing company whose folded name is ``key``, as ``(id, name)``."""
        return self.companies.get(key)
