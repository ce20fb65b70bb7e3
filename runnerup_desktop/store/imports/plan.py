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
from collections.abc import Callable
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import CompanyStatus, ContactRole
from runnerup_desktop.core.text import fold
from runnerup_desktop.core.validation import MAX_NOTES
from runnerup_desktop.store.imports.matching import Directory, Known, email_key, profile_key
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


class _Insert:
    """An INSERT of every column of ``table``, compiled once and run through the driver.

    Each value goes through SQLAlchemy's own bind processor for its column (memoised:
    an import's values of a processed type, its enums and its one timestamp, repeat), so
    what is stored is what ``session.execute(insert(table), rows)`` stores; SQLAlchemy's
    per-row bookkeeping, a third of an import's time, is skipped.
    """

    def __init__(self, session: Session, table: Any) -> None:
        self._connection = session.connection()
        dialect = self._connection.dialect
        keys = [column.key for column in table.columns if not column.primary_key]
        compiled = insert(table).compile(dialect=dialect, column_keys=keys)
        self.sql = str(compiled)
        order = compiled.positiontup
        assert order is not None, "SQLite's paramstyle is positional"
        self._plan = [(name, _memo(compiled.binds[name].type, dialect)) for name in order]

    def values(self, row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple([row[name] if c is None else c(row[name]) for name, c in self._plan])

    def one(self, row: dict[str, Any]) -> int:
        result = self._connection.exec_driver_sql(self.sql, self.values(row))
        return int(result.lastrowid)

    def many(self, rows: list[tuple[Any, ...]]) -> None:
        self._connection.exec_driver_sql(self.sql, rows)


def _memo(column_type: Any, dialect: Any) -> Callable[[Any], Any] | None:
    process = column_type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    remembered: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return remembered[value]
        except KeyError:
            remembered[value] = converted = process(value)
            return converted

    return convert


class Writer:
    """Writes what the planner decided, in the caller's transaction."""

    def __init__(self, session: Session, now: dt.datetime) -> None:
        self._session = session
        self._now = now
        self._companies = _Insert(session, Company.__table__)
        self._contacts = _Insert(session, Contact.__table__)
        self._pending: list[tuple[Any, ...]] = []

    def company(self, name: str, name_key: str) -> int:
        return self._companies.one(
            {
                "name": name,
                "name_key": name_key,
                "search_key": company_search_key(name, "", ""),
                "industry": "",
                "location": "",
                "website": "",
                "status": CompanyStatus.TARGET,
                "notes": "",
                "last_touch_on": None,
                "open_opportunities": 0,
                "created_at": self._now,
                "updated_at": self._now,
            }
        )

    def contact(
        self, person: Person, name_key: str, company_id: int | None, company: str, notes: str
    ) -> None:
        self._pending.append(
            self._contacts.values(
                {
                    "company_id": company_id,
                    "name": person.name,
                    "name_key": name_key,
                    "search_key": contact_search_key(
                        person.name, person.email, person.title, company
                    ),
                    "role": person.role or ContactRole.OTHER,
                    "title": person.title,
                    "email": person.email,
                    "phone": person.phone,
                    "linkedin_url": person.linkedin_url,
                    "notes": notes,
                    "last_touch_on": None,
                    "created_at": self._now,
                    "updated_at": self._now,
                }
            )
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
            self._contacts.many(self._pending)
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
        #: Company names as written -> folded (a file names the same few often).
        self._folded: dict[str, str] = {}

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
        company_id, company, company_key = self._company(parsed)
        name_key = fold(parsed.name)
        profile, address = profile_key(parsed.linkedin_url), email_key(parsed.email)
        found = self._directory.match(name_key, company_key, company, profile, address)
        if found is None:
            self._add(parsed, name_key, company_id, company, company_key, (profile, address))
            return
        known, how = found
        if known.id == 0:
            reason = f"the same person as line {known.line} ({how})"
            self._summary.add(
                Line(
                    parsed.line, Outcome.SKIPPED, parsed.name, company, reason, None, parsed.company
                )
            )
            return
        self._match(parsed, known, how, company_id, company, company_key)

    # --- the three outcomes' details ---------------------------------------------------
    def _company(self, person: Person) -> tuple[int | None, str, str]:
        """The company this person gets: ``(id, name, folded name)``, ``(None, "", "")``
        for none (the id is ``0`` for one a preview would create)."""
        if not person.company:
            return None, "", ""
        key = self._folded.get(person.company)
        if key is None:
            key = self._folded[person.company] = fold(person.company)
        existing = self._directory.company(key)
        tally = self._summary.companies.get(key)
        if tally is None:
            tally = CompanyInFile(person.company, company_id=existing[0] if existing else None)
            self._summary.companies[key] = tally
        tally.people += 1
        if existing is not None:
            return (*existing, key) if self._policy.link_existing else (None, "", "")
        if key in self._created:
            return (*self._created[key], key)
        if not self._policy.creates(key):
            return None, "", ""
        made = self._writer.company(person.company, key) if self._writer is not None else 0
        self._created[key] = (made, person.company)
        self._summary.created_companies.append(person.company)
        return made, person.company, key

    def _add(
        self,
        person: Person,
        name_key: str,
        company_id: int | None,
        company: str,
        company_key: str,
        keys: tuple[str, str],
    ) -> None:
        notes, left_out = person.notes, list(person.left_out)
        if person.company and company_id is None:
            unlinked = f"Company (from the import): {person.company}."
            joined = f"{notes}\n{unlinked}" if notes else unlinked
            if len(joined) <= MAX_NOTES:
                notes = joined
            else:
                left_out.append("the company's name is not in the notes: they are full")
        if self._writer is not None:
            self._writer.contact(person, name_key, company_id, company, notes)
        self._directory.add(
            Known(
                0,
                person.name,
                name_key,
                company_id,
                company,
                company_key,
                person.title,
                person.email,
                person.phone,
                person.linkedin_url,
                line=person.line,
                profile=keys[0],
                address=keys[1],
            )
        )
        reason = "; ".join(left_out)
        self._summary.add(
            Line(person.line, Outcome.NEW, person.name, company, reason, None, person.company)
        )

    def _match(
        self,
        person: Person,
        known: Known,
        how: str,
        company_id: int | None,
        company: str,
        company_key: str,
    ) -> None:
        before = (known.name_key, known.company_key)
        fills: dict[str, Any] = {}
        for key in _FILLED:
            value = getattr(person, key)
            if value and not getattr(known, key):
                fills[key] = value
                setattr(known, key, value)
        words = [FIELD_WORDS[key] for key in fills]
        if known.company_id is None and company_id is not None:
            fills["company_id"] = company_id
            known.company_id, known.company, known.company_key = company_id, company, company_key
            words.append(f"company {company}")
        if fills:
            if self._writer is not None:
                self._writer.fill(known, fills)
            self._directory.refresh(known, before)
        added = f"adds {', '.join(words)}" if words else "nothing new to add"
        reason = "; ".join(
            [f"already in RunnerUp as {known.name} ({how}): {added}", *person.left_out]
        )
        shown = known.company or company
        self._summary.add(
            Line(person.line, Outcome.MATCHED, person.name, shown, reason, known.id, person.company)
        )


def _unique(sentences: list[str]) -> list[str]:
    return list(dict.fromkeys(sentences))
