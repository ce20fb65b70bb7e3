"""*Test connection*: can RunnerUp sync with this account, and what is there (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field

from runnerup_desktop.sync import discovery
from runnerup_desktop.sync.account import SyncAccount
from runnerup_desktop.sync.connection import TIMEOUT_S, Connection
from runnerup_desktop.sync.errors import Problem, SyncProblem


@dataclass(frozen=True)
class ConnectionCheck:
    host: str
    #: Display names of the calendars that take the chosen kind of follow-up.
    calendars: list[str] = field(default_factory=list)
    addressbooks: list[str] = field(default_factory=list)
    has_caldav: bool = True
    has_carddav: bool = True

    def sentence(self, account: SyncAccount) -> str:
        parts = [f"Connected to {self.host}" + (f" as {account.user}." if account.user else ".")]
        for present, names, wanted, what in (
            (self.has_caldav, self.calendars, account.calendar, "calendar"),
            (self.has_carddav, self.addressbooks, account.addressbook, "address book"),
        ):
            if not present:
                kind = "CalDAV" if what == "calendar" else "CardDAV"
                parts.append(f"It has no {what}s ({kind}) for this account.")
            elif discovery.pick([discovery.Collection("", n) for n in names], wanted):
                parts.append(f"The {what} “{wanted}” is there.")
            else:
                parts.append(f"The {what} “{wanted}” will be made at the first sync.")
        return " ".join(parts)


def check_connection(
    account: SyncAccount,
    password: str | None,
    *,
    ca_file: str | None = None,
    timeout: float = TIMEOUT_S,
) -> ConnectionCheck:
    """Sign in, find the homes and list the collections; a :class:`SyncProblem` says what
    is wrong (the address, the password, TLS, no CalDAV or CardDAV there)."""
    account.check()
    conn = Connection(account.url, account.user, password, ca_file=ca_file, timeout=timeout)
    try:
        homes = discovery.discover(conn)
        component = "VEVENT" if account.as_events else "VTODO"
        calendars = []
        if homes.calendars is not None:
            calendars = [
                c.name
                for c in discovery.calendars(conn, homes.calendars)
                if not c.components or component in c.components
            ]
        books = []
        if homes.addressbooks is not None:
            books = [b.name for b in discovery.addressbooks(conn, homes.addressbooks)]
        if homes.calendars is None and homes.addressbooks is None:
            raise SyncProblem(Problem.NOT_DAV, f"{conn.host} has no calendars or address books.")
        return ConnectionCheck(
            conn.host,
            calendars,
            books,
            has_caldav=homes.calendars is not None,
            has_carddav=homes.addressbooks is not None,
        )
    finally:
        conn.close()
