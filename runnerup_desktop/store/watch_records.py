"""The job-board watch's plain records: what a check needs, what it saw, what it found,
and what the *Job boards* page lists (no Qt, no ORM rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from runnerup_desktop.core.job_boards import Provider
from runnerup_desktop.core.job_match import FindingKind, Posting
from runnerup_desktop.core.job_watch import headline


@dataclass(frozen=True)
class BoardTask:
    """What the watch needs to check one board."""

    board_id: int
    company_id: int
    company: str
    provider: Provider
    key: str
    region: str
    #: The listing's saved address after a permanent redirect; "" for the provider's own.
    api_url: str
    etag: str
    last_modified: str


@dataclass(frozen=True)
class CheckResult:
    """One check of one board, as the watch saw it."""

    checked_at: dt.datetime
    postings: tuple[Posting, ...] = ()
    #: The board answered 304: nothing changed since the validators it gave last time.
    not_modified: bool = False
    #: Why the check failed, as a sentence; "" when it worked.
    error: str = ""
    not_found: bool = False
    retry_after: dt.timedelta | None = None
    #: The listing's new address, after a permanent (301/308) redirect.
    moved_to: str = ""
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class FindingRecord:
    posting_id: int
    board_id: int
    company_id: int
    company: str
    opportunity_id: int | None
    role_title: str
    news_on: dt.date | None
    hire_start_on: dt.date | None
    kind: FindingKind
    title: str
    url: str
    reason: str
    posted_on: dt.date | None
    found_at: dt.datetime
    recorded_on: dt.date | None

    @property
    def headline(self) -> str:
        """ "Northwind Analytics posted Engineering Manager, Data Platform again, 47 days
        after the offer went to someone else, inside the 90-day window"."""
        found_on = self.found_at.date()
        if self.news_on is None:
            return f"{self.company}: {self.kind.label.lower()}, {self.title}"
        posted = self.posted_on if self.posted_on and self.posted_on >= self.news_on else found_on
        return headline(
            self.company,
            self.kind,
            self.title,
            news_on=self.news_on,
            posted_on=posted,
            hire_start_on=self.hire_start_on,
        )


@dataclass(frozen=True)
class BoardRecord:
    board_id: int
    company_id: int
    company: str
    careers_url: str
    provider: Provider
    watching: bool
    paused: bool
    #: Whether the company has a role to watch for (see the module's docstring).
    has_role: bool
    last_checked_at: dt.datetime | None
    next_check_at: dt.datetime | None
    failures: int
    status: str
    open_postings: int
    findings: int
