"""One sync of the calendar and the address book, with its state in the database (no Qt).

:class:`SyncEngine` is what the window's worker thread and ``runnerup sync`` run. It finds
(or makes) the collections once and remembers their URLs, so that a later sync in which
nothing changed costs one request per collection. Each sync:

1. syncs the calendar, then the address book (see :mod:`.rounds`);
2. if the server holds objects this database sent after the copy it now is (a restore),
   forgets the sync tokens and compares everything instead, deleting nothing on the
   server without asking;
3. runs the cadence guard on each follow-up moved on the server: a move too close to
   another touch is kept, and warned about in the sync log, never refused;
4. records when it ran and what went wrong, in a sentence, for the status bar.

When the connection drops, what was not confirmed by the server stays as it is here and
goes at the next sync; nothing is lost and, since a new object's href is chosen before it
is sent, nothing is sent twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.cadence import DEFAULT_MIN_SPACING_DAYS
from runnerup_desktop.core.reminders import DEFAULT_REMINDER_TIME
from runnerup_desktop.store.cadence_services import CadenceServices
from runnerup_desktop.store.models import FollowUp
from runnerup_desktop.store.sync_models import SyncCollection, SyncItem
from runnerup_desktop.store.sync_store import (
    account_record,
    discard_tokens,
    ensure_account,
    forget_server,
    load_account,
    save_account,
    trim_log,
    write_log,
)
from runnerup_desktop.sync import discovery
from runnerup_desktop.sync.account import SyncAccount
from runnerup_desktop.sync.connection import TIMEOUT_S, Connection
from runnerup_desktop.sync.dav import ADDRESSBOOK, CALENDAR, CollectionGone
from runnerup_desktop.sync.errors import Problem, SyncProblem
from runnerup_desktop.sync.ical import FollowUpShape
from runnerup_desktop.sync.kinds import Contacts, FollowUps, Kind
from runnerup_desktop.sync.objects import Marks
from runnerup_desktop.sync.report import SyncReport
from runnerup_desktop.sync.rounds import Restored, Round

log = logging.getLogger(__name__)

#: Passes over one collection in a sync: the first, and those after it wrote.
MAX_PASSES = 3
NO_ACCOUNT = (
    "No sync account is set up for this database: add one in Preferences ▸ Sync, or give "
    "--url (with --user and --password-stdin)."
)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class SyncOptions:
    reminder_time: dt.time = DEFAULT_REMINDER_TIME
    min_spacing_days: int = DEFAULT_MIN_SPACING_DAYS
    ca_file: str | None = None
    timeout: float = TIMEOUT_S
    today: Callable[[], dt.date] = dt.date.today
    now: Callable[[], dt.datetime] = _utcnow


@dataclass
class _Run:
    conn: Connection
    account: SyncAccount
    report: SyncReport
    database_uid: str
    serial: int
    bumped: bool = False
    rounds: list[Round] = field(default_factory=list)


class SyncEngine:
    """Syncs one database with its account; ``run`` is safe to call from a worker thread."""

    def __init__(self, sessions: sessionmaker[Session], options: SyncOptions | None = None) -> None:
        self._sessions = sessions
        self.options = options or SyncOptions()

    # the account ------------------------------------------------------------------------
    def account(self) -> SyncAccount | None:
        with self._sessions() as session:
            row = load_account(session)
            if row is None or not row.url:
                return None
            record = account_record(row)
        return SyncAccount(
            url=record.url,
            user=record.user,
            calendar=record.calendar,
            addressbook=record.addressbook,
            as_events=record.as_events,
            include_notes=record.include_notes,
        )

    def save_account(self, account: SyncAccount) -> bool:
        """Save the account (no password); ``True`` when it names another server, user or
        collection, and what was synced with the old one was forgotten."""
        account.check()
        with self._sessions.begin() as session:
            return save_account(
                session,
                url=account.url.strip(),
                user=account.user.strip(),
                calendar=" ".join(account.calendar.split()),
                addressbook=" ".join(account.addressbook.split()),
                as_events=account.as_events,
                include_notes=account.include_notes,
            )

    def forget_account(self) -> None:
        """No account any more (Stop syncing): nothing on the server changes."""
        with self._sessions.begin() as session:
            row = ensure_account(session)
            row.url, row.last_problem = "", ""
            forget_server(session)

    # one sync ---------------------------------------------------------------------------
    def run(self, password: str | None, account: SyncAccount | None = None) -> SyncReport:
        """Sync now with the saved account (or ``account``, saved first)."""
        report = SyncReport()
        if account is not None:
            try:
                self.save_account(account)
            except SyncProblem as problem:
                report.problem = problem
                return report
        account = self.account()
        if account is None:
            report.problem = SyncProblem(Problem.ACCOUNT, NO_ACCOUNT)
            return report
        report.server = account.host
        with self._sessions.begin() as session:
            row = ensure_account(session)
            database_uid, serial = row.database_uid, row.serial
        try:
            conn = Connection(
                account.url,
                account.user,
                password,
                ca_file=self.options.ca_file,
                timeout=self.options.timeout,
            )
        except SyncProblem as problem:
            report.problem = problem
            self._finish(report)
            return report
        run = _Run(conn, account, report, database_uid, serial)
        try:
            self._sync(run)
        except SyncProblem as problem:
            report.problem = problem
            for round_ in run.rounds:
                report.failed += round_.unsent
        finally:
            report.requests = conn.requests
            conn.close()
        self._cadence(run)
        self._finish(report)
        return report

    def _sync(self, run: _Run) -> None:
        for attempt in range(3):
            try:
                collections = self._collections(run)
                for kind in self._kinds(run):
                    if kind.collection in collections:
                        self._collection(run, kind, collections[kind.collection])
                return
            except Restored as restored:
                if attempt == 2:
                    raise SyncProblem(
                        Problem.SERVER, "The sync kept finding newer copies."
                    ) from None
                self._restored(run, restored.serial)
            except CollectionGone as gone:
                if attempt == 2:
                    raise
                self._forget_collection(gone.collection)

    def _kinds(self, run: _Run) -> list[Kind]:
        where = f"the server ({run.conn.host})"
        shape = FollowUpShape(
            as_events=run.account.as_events,
            include_notes=run.account.include_notes,
            reminder_time=self.options.reminder_time,
        )
        return [
            FollowUps(shape, self.options.today(), where),
            Contacts(run.account.include_notes, where),
        ]

    def _collection(self, run: _Run, kind: Kind, state: SyncCollection) -> None:
        round_ = Round(
            self._sessions,
            run.conn,
            kind,
            state.url,
            run.database_uid,
            run.serial,
            lambda: self._marks(run),
            run.report,
            self.options.now(),
            state.full_comparison,
        )
        run.rounds.append(round_)
        token = round_.run(state.sync_token)
        # The token was given before this sync wrote: ask once more from it, so that the
        # stored token covers what was written (an object written and then deleted on the
        # server after an older token may not be reported at all).
        for _again in range(MAX_PASSES):
            if not round_.wrote and not round_.refetch:
                break
            token = round_.run(token)
        if round_.wrote or round_.refetch:
            run.report.failed.append(
                "Some objects changed on the server while they were being written; they are "
                "merged at the next sync."
            )
            return
        with self._sessions.begin() as session:
            row = session.get(SyncCollection, kind.collection)
            if row is not None and (row.sync_token != token or row.full_comparison):
                row.sync_token = token
                row.full_comparison = False

    def _marks(self, run: _Run) -> Marks:
        """This database's marks; the serial goes up once per sync that writes."""
        if not run.bumped:
            with self._sessions.begin() as session:
                row = ensure_account(session)
                row.serial = max(row.serial, run.serial) + 1
                run.serial = row.serial
            run.bumped = True
        return Marks(run.database_uid, run.serial)

    def _restored(self, run: _Run, newest: int) -> None:
        with self._sessions.begin() as session:
            discard_tokens(session)
            row = ensure_account(session)
            row.serial = max(row.serial, newest)
            run.serial = row.serial
            run.bumped = False
            write_log(
                session,
                "warning",
                "restored",
                "This database is older than what it last sent to the server (restored from "
                "a backup?): everything is compared, and nothing is deleted on the server "
                "without asking.",
            )
        run.report.restored = True
        run.rounds.clear()

    # the collections --------------------------------------------------------------------
    def _collections(self, run: _Run) -> dict[str, SyncCollection]:
        wanted = {CALENDAR: run.account.calendar, ADDRESSBOOK: run.account.addressbook}
        with self._sessions() as session:
            stored = {row.kind: row for row in session.scalars(select(SyncCollection))}
        missing = [kind for kind, name in wanted.items() if kind not in stored]
        if not missing:
            return stored
        homes = discovery.discover(run.conn)
        component = "VEVENT" if run.account.as_events else "VTODO"
        for kind in missing:
            home = homes.calendars if kind == CALENDAR else homes.addressbooks
            if home is None:
                what = "calendars (CalDAV)" if kind == CALENDAR else "address books (CardDAV)"
                run.report.warnings.append(
                    f"{run.conn.host} has no {what} for this account: "
                    f"{'follow-ups' if kind == CALENDAR else 'contacts'} are not synced."
                )
                continue
            found = self._find_or_make(run.conn, kind, home, wanted[kind], component)
            with self._sessions.begin() as session:
                session.merge(
                    SyncCollection(
                        kind=kind, url=found.url, name=wanted[kind], full_comparison=True
                    )
                )
        with self._sessions() as session:
            return {row.kind: row for row in session.scalars(select(SyncCollection))}

    @staticmethod
    def _find_or_make(
        conn: Connection, kind: str, home: str, name: str, component: str
    ) -> discovery.Collection:
        if kind == CALENDAR:
            found = discovery.pick(discovery.calendars(conn, home), name)
            if found is None:
                return discovery.make_calendar(conn, home, name, component)
            if found.components and component not in found.components:
                what = "events" if component == "VEVENT" else "to-dos"
                raise SyncProblem(
                    Problem.ACCOUNT,
                    f"The calendar “{name}” on {conn.host} does not take {what}. Choose "
                    f"another calendar, or the other kind of follow-up in Preferences ▸ Sync.",
                )
            return found
        book = discovery.pick(discovery.addressbooks(conn, home), name)
        return book if book is not None else discovery.make_addressbook(conn, home, name)

    def _forget_collection(self, kind: str) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(SyncItem).where(SyncItem.collection == kind))
            session.execute(delete(SyncCollection).where(SyncCollection.kind == kind))
            write_log(
                session,
                "warning",
                "collection_gone",
                f"The {'calendar' if kind == CALENDAR else 'address book'} RunnerUp synced "
                f"with is gone from the server: it is found or made again, and filled anew.",
            )

    # afterwards -------------------------------------------------------------------------
    def _cadence(self, run: _Run) -> None:
        moved = [fid for round_ in run.rounds for fid in round_.moved]
        if not moved:
            return
        guard = CadenceServices(self._sessions, today=self.options.today)
        for follow_up_id in moved:
            with self._sessions() as session:
                follow_up = session.get(FollowUp, follow_up_id)
                if follow_up is None or follow_up.contact_id is None:
                    continue
                contact, due, step = follow_up.contact_id, follow_up.due_on, follow_up.step
            warning = guard.spacing_warning(
                contact,
                due,
                step,
                self.options.min_spacing_days,
                exclude_follow_up_id=follow_up_id,
            )
            if warning is None:
                continue
            message = f"Moved on the server: {warning.message}"
            run.report.warnings.append(message)
            with self._sessions.begin() as session:
                write_log(session, "warning", "too_close", message, follow_up_id=follow_up_id)

    def _finish(self, report: SyncReport) -> None:
        problem = str(report.problem) if report.problem is not None else ""
        if not problem and report.failed:
            problem = (
                f"{len(report.failed)} change{'s' if len(report.failed) != 1 else ''} could "
                f"not be synced and will be tried again."
            )
        with self._sessions.begin() as session:
            row = ensure_account(session)
            row.last_problem = problem
            if report.problem is None:
                row.last_sync_at = self.options.now()
            if report.sent or report.received or report.problem or report.failed:
                write_log(
                    session, "problem" if problem else "run", "run", problem or report.summary()
                )
            trim_log(session)
        if report.problem is not None:
            log.info("a sync did not complete (%s)", report.problem.kind.value)
