"""One pass over a file: each person matched, planned, and (unless previewing) written.

:class:`Planner` decides per person: the company they get (one RunnerUp has, one the
import creates, or none, by the :class:`CompanyPolicy`), whether they are someone already
in RunnerUp (:class:`~.matching.Directory`), and what to write. :class:`Writer` writes:
companies as they are first needed, new contacts in batches through SQLAlchemy Core (the
search keys computed as the models compute them), matched contacts' blank fields one
update each. Everything runs in the caller's one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.core.text import fold
from runnerup_desktop.store.imports.matching import Directory, Known
from runnerup_desktop.store.imports.people import FIELD_WORDS
from runnerup_desktop.store.imports.preview import (
    CompanyInFile,
    CompanyPolicy,
    ImportSummary,
    Line,
    Outcome,
)
from runnerup_desktop.store.imports.records import Parsed, Person, Progress, Reading, Unreadable
from runnerup_desktop.store.models import Company, Contact, company_search_key, contact_search_key

#: New contacts written per INSERT.
BATCH = 2000
#: Progress is reported (and cancelling checked) every this many lines.
EVERY = 500
_FILLED = ("title", "email", "phone", "linkedin_url")


class Writer:
    """Writes what the planner decided, in the caller's transaction."""

    def __init__(self, session: Session, now: dt.datetime) -> None:
        self._session = session
        self._now = now
        self._pending: list[dict[str, Any]] = []

    def company(self, name: str) -> int:
        values = {
            "name": name,
            "name_key": fold(name),
            "search_key": company_search_key(name, "", ""),
            "created_at": self._now,
            "updated_at": self._now,
        }
        made = self._session.scalar(insert(Company).values(values).returning(Company.id))
        assert made is not None
        return int(made)

    def contact(self, person: Person, company_id: int | None, company: str, notes: str) -> None:
        self._pending.append(
            {
                "company_id": company_id,
                "name": person.name,
                "name_key": fold(person.name),
                "search_key": contact_search_key(person.name, person.email, person.title, company),
                "role": person.role or ContactRole.OTHER,
                "title": person.title,
                "email": person.email,
                "phone": person.phone,
                "linkedin_url": person.linkedin_url,
                "notes": notes,
                "created_at": self._now,
                "updated_at": self._now,
            }
        )
        if len(self._pending) >= BATCH:
            self.flush()

    def fill(self, known: Known, values: dict[str, Any]) -> None:
        key = contact_search_key(known.name, known.email, known.title, known.company)
        self._session.execute(
            update(Contact)
            .where(Contact.id == known.id)
            .values(**values, search_key=key, updated_at=self._now)
        )

    def flush(self) -> None:
        if self._pending:
            self._session.execute(insert(Contact), self._pending)
            self._pending = []


class Planner:
    """Plans (and with a :class:`Writer`, performs) an import into ``summary``."""

    def __init__(
        self,
        directory: Directory,
        policy: CompanyPolicy,
        summary: ImportSummary,
        writer: Writer | None = None,
    ) -> None:
        self._directory = directory
        self._policy = policy
        self._summary = summary
        self._writer = writer
        #: Companies this import creates: folded name -> (id, 0 in a preview; name).
        self._created: dict[str, tuple[int, str]] = {}

    def run(self, reading: Reading, progress: Progress) -> None:
        for count, parsed in enumerate(reading.records, 1):
            self.take(parsed)
            if count % EVERY == 0:
                progress.report(reading.position(), reading.total_bytes)
                progress.check()
        if self._writer is not None:
            self._writer.flush()
        self._summary.notices = _unique(self._summary.notices + reading.notices)
        progress.report(reading.total_bytes, reading.total_bytes)

    def take(self, parsed: Parsed) -> None:
        if isinstance(parsed, Unreadable):
            self._summary.add(Line(parsed.line, Outcome.SKIPPED, reason=parsed.reason))
            return
        company_id, company = self._company(parsed)
        found = self._directory.match(parsed.name, company, parsed.email, parsed.linkedin_url)
        if found is None:
            self._add(parsed, company_id, company)
            return
        known, how = found
        if known.id == 0:
            reason = f"the same person as line {known.line} ({how})"
            self._summary.add(Line(parsed.line, Outcome.SKIPPED, parsed.name, company, reason))
            return
        self._match(parsed, known, how, company_id, company)

    # --- the three outcomes' details ---------------------------------------------------
    def _company(self, person: Person) -> tuple[int | None, str]:
        """The company this person gets: ``(id, name)``, ``(None, "")`` for none (the id
        is ``0`` for one a preview would create)."""
        if not person.company:
            return None, ""
        key = fold(person.company)
        existing = self._directory.company(person.company)
        tally = self._summary.companies.get(key)
        if tally is None:
            tally = CompanyInFile(person.company, company_id=existing[0] if existing else None)
            self._summary.companies[key] = tally
        tally.people += 1
        if existing is not None:
            return existing if self._policy.link_existing else (None, "")
        if key in self._created:
            return self._created[key]
        if not self._policy.creates(key):
            return None, ""
        made = self._writer.company(person.company) if self._writer is not None else 0
        self._created[key] = (made, person.company)
        self._summary.created_companies.append(person.company)
        return made, person.company

    def _add(self, person: Person, company_id: int | None, company: str) -> None:
        notes = person.notes
        if person.company and company_id is None:
            unlinked = f"Company (from the import): {person.company}."
            notes = f"{notes}\n{unlinked}" if notes else unlinked
        if self._writer is not None:
            self._writer.contact(person, company_id, company, notes)
        self._directory.add(
            Known(
                0,
                person.name,
                company_id,
                company,
                person.title,
                person.email,
                person.phone,
                person.linkedin_url,
                line=person.line,
            )
        )
        reason = "; ".join(person.left_out)
        self._summary.add(Line(person.line, Outcome.NEW, person.name, company, reason))

    def _match(
        self, person: Person, known: Known, how: str, company_id: int | None, company: str
    ) -> None:
        fills: dict[str, Any] = {}
        for key in _FILLED:
            value = getattr(person, key)
            if value and not getattr(known, key):
                fills[key] = value
                setattr(known, key, value)
        words = [FIELD_WORDS[key] for key in fills]
        if known.company_id is None and company_id is not None:
            fills["company_id"] = company_id
            known.company_id, known.company = company_id, company
            words.append(f"company {company}")
        if fills:
            if self._writer is not None:
                self._writer.fill(known, fills)
            self._directory.refresh(known)
        added = f"adds {', '.join(words)}" if words else "nothing new to add"
        reason = "; ".join(
            [f"already in RunnerUp as {known.name} ({how}): {added}", *person.left_out]
        )
        shown = known.company or company
        self._summary.add(
            Line(person.line, Outcome.MATCHED, person.name, shown, reason, contact_id=known.id)
        )


def _unique(sentences: list[str]) -> list[str]:
    return list(dict.fromkeys(sentences))
