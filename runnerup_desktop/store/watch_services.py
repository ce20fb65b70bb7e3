"""The job-board watch in the store: each company's board, what a check found, and reads.

- :meth:`WatchServices.set_board` is a person's action (the company dialog, ``runnerup watch
  --board``): one transaction, a :class:`Change`, undoable like any other.
- :meth:`WatchServices.save_check` is the watch's own write after checking one board: the
  postings seen, the findings judged by :func:`runnerup_desktop.core.job_match.judge`, the
  HTTP validators, the back-off and "gone" counters. It is not a person's action (no undo
  step); the window announces its Change.
- A board is checked only while it is watched, not paused, and its company has a role the
  person came second for (an opportunity at the runner-up stage with its news recorded):
  the watch stops when that opportunity closes, is won, or the company comes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.domain import Stage
from runnerup_desktop.core.job_boards import BoardNotRecognised, BoardRef, Provider, recognise
from runnerup_desktop.core.job_match import FindingKind, Known, Posting, Role, judge
from runnerup_desktop.core.job_watch import GONE_AFTER_NOT_FOUND, backoff, is_due
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.directory_services import checked_company
from runnerup_desktop.store.models import Company, Opportunity, utcnow
from runnerup_desktop.store.service_base import get_row
from runnerup_desktop.store.watch_models import JobBoard, JobPosting
from runnerup_desktop.store.watch_records import (
    BoardRecord,
    BoardTask,
    CheckResult,
    FindingRecord,
)

__all__ = ["BoardRecord", "BoardTask", "CheckResult", "FindingRecord", "WatchServices"]


class WatchServices:
    """Bound to one session factory; ``now`` tells the time (tests fix it)."""

    def __init__(
        self, sessions: sessionmaker[Session], now: Callable[[], dt.datetime] = utcnow
    ) -> None:
        self._sessions = sessions
        self._now = now

    # a person's action -------------------------------------------------------------------
    def set_board(self, company_id: int, careers_url: str, watching: bool) -> Change:
        """Set (or clear, with "") the company's careers page and whether it is watched."""
        ref = _recognised(careers_url, watching)
        with self._sessions.begin() as session:
            get_row(session, Company, company_id)
            _apply_board(session, company_id, careers_url.strip(), ref, watching)
            return _change(company_id)

    def save_company(
        self,
        company_id: int | None,
        fields: Mapping[str, Any],
        careers_url: str,
        watching: bool,
    ) -> tuple[int, Change]:
        """The company dialog's write: the company (new when ``company_id`` is None) and its
        job board, in one transaction; a careers page that is no board changes nothing."""
        ref = _recognised(careers_url, watching)
        values = checked_company(fields)
        with self._sessions.begin() as session:
            if company_id is None:
                company = Company(**values)
                session.add(company)
                session.flush()
            else:
                company = get_row(session, Company, company_id)
                for key, value in values.items():
                    setattr(company, key, value)
            _apply_board(session, company.id, careers_url.strip(), ref, watching)
            return company.id, Change(companies=frozenset({company.id}), job_boards=True)

    # the watch's own writes --------------------------------------------------------------
    def boards_to_check(self, interval: dt.timedelta, *, due_only: bool = True) -> list[BoardTask]:
        """Watched, unpaused boards of companies with a runner-up role; with ``due_only``,
        only those whose next check has come (or that were never checked)."""
        now = self._now()
        with self._sessions() as session:
            rows = session.execute(
                select(JobBoard, Company.name)
                .join(Company, Company.id == JobBoard.company_id)
                .where(JobBoard.watching.is_(True), JobBoard.paused.is_(False))
                .order_by(Company.name_key, JobBoard.id)
            ).all()
            roles = _companies_with_roles(session)
            return [
                BoardTask(
                    board.id,
                    board.company_id,
                    name,
                    Provider(board.provider),
                    board.board_key,
                    recognise(board.careers_url).region,
                    board.api_url,
                    board.etag,
                    board.last_modified,
                )
                for board, name in rows
                if board.company_id in roles
                and (
                    not due_only
                    or is_due(
                        _aware(board.last_checked_at),
                        _aware(board.next_check_at),
                        now,
                        interval,
                        board.failures,
                    )
                )
            ]

    def save_check(
        self, board_id: int, result: CheckResult, interval: dt.timedelta
    ) -> tuple[list[FindingRecord], Change]:
        """Store one check's result: one transaction; the findings it made, and the Change."""
        # SQLite keeps no time zone: every moment is stored in UTC.
        result = replace(result, checked_at=result.checked_at.astimezone(dt.UTC))
        with self._sessions.begin() as session:
            board = session.get(JobBoard, board_id)
            if board is None:  # deleted while it was being checked
                return [], Change()
            board.last_checked_at = result.checked_at
            if result.moved_to:
                board.api_url = result.moved_to
            if result.error:
                _failed(board, result, interval)
                return [], _change(board.company_id)
            board.failures = board.not_found = 0
            board.next_check_at = result.checked_at + interval
            if result.not_modified:
                board.status = "Nothing new: the board has not changed since the last check."
                return [], _change(board.company_id)
            board.etag, board.last_modified = result.etag[:300], result.last_modified[:100]
            ids = _store_postings(session, board, result)
            return [_record(session, posting_id) for posting_id in ids], _change(board.company_id)

    # reads -------------------------------------------------------------------------------
    def boards(self) -> list[BoardRecord]:
        """Every board, watched or not, by company name."""
        with self._sessions() as session:
            counts = dict(
                session.execute(
                    select(JobPosting.board_id, func.count())
                    .where(JobPosting.open.is_(True))
                    .group_by(JobPosting.board_id)
                ).all()
            )
            found = dict(
                session.execute(
                    select(JobPosting.board_id, func.count())
                    .where(JobPosting.finding.is_not(None))
                    .group_by(JobPosting.board_id)
                ).all()
            )
            roles = _companies_with_roles(session)
            rows = session.execute(
                select(JobBoard, Company.name)
                .join(Company, Company.id == JobBoard.company_id)
                .order_by(Company.name_key, JobBoard.id)
            ).all()
            return [
                BoardRecord(
                    board.id,
                    board.company_id,
                    name,
                    board.careers_url,
                    Provider(board.provider),
                    board.watching,
                    board.paused,
                    board.company_id in roles,
                    _aware(board.last_checked_at),
                    _aware(board.next_check_at),
                    board.failures,
                    board.status,
                    counts.get(board.id, 0),
                    found.get(board.id, 0),
                )
                for board, name in rows
            ]

    def board_for(self, company_id: int) -> BoardRecord | None:
        return next((b for b in self.boards() if b.company_id == company_id), None)

    def findings(self, board_id: int | None = None, limit: int = 500) -> list[FindingRecord]:
        """What the watch found, newest first (of one board, or of all)."""
        with self._sessions() as session:
            query = select(JobPosting.id).where(JobPosting.finding.is_not(None))
            if board_id is not None:
                query = query.where(JobPosting.board_id == board_id)
            ids = session.scalars(
                query.order_by(JobPosting.found_at.desc(), JobPosting.id.desc()).limit(limit)
            ).all()
            return [_record(session, posting_id) for posting_id in ids]

    def finding(self, posting_id: int) -> FindingRecord | None:
        with self._sessions() as session:
            row = session.get(JobPosting, posting_id)
            if row is None or row.finding is None:
                return None
            return _record(session, posting_id)


def _recognised(careers_url: str, watching: bool) -> BoardRef | None:
    text = careers_url.strip()
    if not text:
        if watching:
            raise ServiceError("To watch the job board, paste the careers page's address.")
        return None
    try:
        return recognise(text)
    except BoardNotRecognised as exc:
        raise ServiceError(str(exc)) from exc


def _apply_board(
    session: Session, company_id: int, text: str, ref: BoardRef | None, watching: bool
) -> None:
    board = session.scalar(select(JobBoard).where(JobBoard.company_id == company_id))
    if ref is None:
        if board is not None:
            session.delete(board)
        return
    if board is None:
        board = JobBoard(company_id=company_id, provider=ref.provider, board_key=ref.key)
        session.add(board)
    elif (board.provider, board.board_key) != (ref.provider.value, ref.key):
        board.postings.clear()  # another board: what was seen on the old one goes
        board.provider, board.board_key = ref.provider.value, ref.key
        _reset(board)
    board.careers_url = text if ref.region == "" else ref.careers_url
    if watching and (board.paused or not board.watching):
        board.paused, board.failures, board.not_found = False, 0, 0
        board.next_check_at = None  # check it at the next round
    board.watching = watching


def _change(company_id: int) -> Change:
    return Change(companies=frozenset({company_id}), job_boards=True)


def _reset(board: JobBoard) -> None:
    board.api_url = board.etag = board.last_modified = board.status = ""
    board.failures = board.not_found = 0
    board.baselined, board.paused = False, False
    board.last_checked_at = board.next_check_at = None


def _failed(board: JobBoard, result: CheckResult, interval: dt.timedelta) -> None:
    board.failures += 1
    board.not_found = board.not_found + 1 if result.not_found else 0
    board.next_check_at = result.checked_at + backoff(board.failures, interval, result.retry_after)
    if board.not_found >= GONE_AFTER_NOT_FOUND:
        board.paused = True
        board.status = (
            f"The board answered “not found” {board.not_found} times in a row: the company may "
            f"have moved or closed it. The watch is paused; check the careers page address in "
            f"the company's details and turn the watch on again."
        )
    else:
        board.status = result.error


def _companies_with_roles(session: Session) -> set[int]:
    return set(
        session.scalars(
            select(Opportunity.company_id).where(
                Opportunity.stage == Stage.RUNNER_UP, Opportunity.news_on.is_not(None)
            )
        )
    )


def _roles(session: Session, company_id: int) -> list[Role]:
    company = session.get(Company, company_id)
    location = company.location if company is not None else ""
    rows = session.scalars(
        select(Opportunity)
        .where(
            Opportunity.company_id == company_id,
            Opportunity.stage == Stage.RUNNER_UP,
            Opportunity.news_on.is_not(None),
        )
        .order_by(Opportunity.id)
    ).all()
    return [Role(o.id, o.title, o.news_on, location) for o in rows if o.news_on is not None]


def _store_postings(session: Session, board: JobBoard, result: CheckResult) -> list[int]:
    """Upsert what the board lists, close what it no longer lists, judge: the finding ids."""
    now = result.checked_at
    rows = {row.posting_key: row for row in board.postings}
    known = {key: Known(key, row.open, row.closed_on) for key, row in rows.items()}
    postings = _unique(result.postings)
    findings = judge(
        _roles(session, board.company_id), postings, known, first_check=not board.baselined
    )
    listed = {posting.key for posting in postings}
    for posting in postings:
        row = rows.get(posting.key)
        if row is None:
            row = JobPosting(posting_key=posting.key[:200], first_seen_at=now)
            board.postings.append(row)
            rows[posting.key] = row
        row.title, row.url = posting.title[:300], posting.url[:1000]
        row.location, row.team = posting.location[:300], posting.team[:200]
        row.posted_on, row.last_seen_at = posting.posted_on, now
        row.open, row.closed_on = True, None
    for key, row in rows.items():
        if key not in listed and row.open:
            row.open, row.closed_on = False, now.date()
    for finding in findings:
        row = rows[finding.posting.key]
        row.finding, row.reason, row.found_at = finding.kind.value, finding.reason, now
        row.opportunity_id = finding.opportunity_id
    first = not board.baselined
    board.baselined = True
    count = len(postings)
    listed_text = f"{count} open posting{'s' if count != 1 else ''}"
    news = len(findings)
    found_text = f"{news} finding{'s' if news != 1 else ''}" if news else "nothing new"
    board.status = (
        f"First check: {listed_text}; {found_text} since the news, the rest kept as the baseline."
        if first
        else f"{listed_text}; {found_text}."
    )
    session.flush()
    return [rows[finding.posting.key].id for finding in findings]


def _unique(postings: Sequence[Posting]) -> list[Posting]:
    seen: dict[str, Posting] = {}
    for posting in postings:
        seen.setdefault(posting.key, posting)
    return list(seen.values())


def _record(session: Session, posting_id: int) -> FindingRecord:
    row = session.get(JobPosting, posting_id)
    assert row is not None and row.finding is not None and row.found_at is not None
    board = row.board
    company = session.get(Company, board.company_id)
    opportunity = session.get(Opportunity, row.opportunity_id) if row.opportunity_id else None
    return FindingRecord(
        row.id,
        board.id,
        board.company_id,
        company.name if company is not None else "",
        row.opportunity_id,
        opportunity.title if opportunity is not None else "",
        opportunity.news_on if opportunity is not None else None,
        opportunity.hire_start_on if opportunity is not None else None,
        FindingKind(row.finding),
        row.title,
        row.url,
        row.reason,
        row.posted_on,
        _aware(row.found_at) or row.found_at,
        row.recorded_on,
    )


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)
