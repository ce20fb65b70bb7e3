"""Finding the person's calendar and address book from the address they typed (no Qt).

RFC 6764: the address may be a whole collection URL, a server's DAV root, or just the host.
The principal is looked up (``current-user-principal``) at the address itself, then at
``/.well-known/caldav`` and ``/.well-known/carddav`` (following their redirects), then at
the server's root; the principal names its calendar home and address-book home. Where the
address book lives on a sibling host (Fastmail's ``carddav.`` beside ``caldav.``, iCloud's
``contacts.icloud.com`` beside ``caldav.icloud.com``), that host is asked too. Redirects and
homes are followed only within the same site (the last two labels of the host), so the
password is never sent to a host the person did not name.

Calendars are listed and made with ``caldav``'s objects; address books with this module's
own PROPFIND and extended MKCOL (RFC 5689) bodies, since ``caldav`` has none for CardDAV.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit, urlunsplit
from xml.sax.saxutils import escape

from runnerup_desktop.sync import errors
from runnerup_desktop.sync.account import is_loopback
from runnerup_desktop.sync.connection import (
    CALDAV,
    CARDDAV,
    DAV,
    Connection,
    href_in,
    multistatus,
    resolve,
    text_of,
)
from runnerup_desktop.sync.errors import Problem, SyncProblem

T = TypeVar("T")
MAX_REDIRECTS = 5

_PRINCIPAL = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>'
)
_HOMES = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" '
    'xmlns:card="urn:ietf:params:xml:ns:carddav"><d:prop>'
    "<c:calendar-home-set/><card:addressbook-home-set/></d:prop></d:propfind>"
)
_BOOKS = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:displayname/></d:prop></d:propfind>'
)
_MAKE_BOOK = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:set><d:prop>'
    "<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>"
    "<d:displayname>{name}</d:displayname></d:prop></d:set></d:mkcol>"
)
#: Hosts whose address books live on another host of the same provider.
_CONTACT_HOSTS = {"caldav.icloud.com": "contacts.icloud.com"}


@dataclass(frozen=True)
class Homes:
    principal: str
    calendars: str | None
    addressbooks: str | None


@dataclass(frozen=True)
class Collection:
    url: str
    name: str
    #: For calendars, the components it takes ("VTODO", "VEVENT"); empty when not said.
    components: frozenset[str] = frozenset()


def same_site(host: str, other: str) -> bool:
    """Whether two hosts belong to the same site: equal, both this computer, or sharing
    their last two labels (p42-caldav.icloud.com and caldav.icloud.com)."""
    host, other = host.lower(), other.lower()
    if host == other or (is_loopback(host) and is_loopback(other)):
        return True
    tail = host.split(".")[-2:]
    return len(tail) == 2 and tail == other.split(".")[-2:]


def discover(conn: Connection) -> Homes:
    """The principal and its homes; a :class:`SyncProblem` when neither home is found."""
    principal = find_principal(conn, conn.url)
    calendars, addressbooks = _homes(conn, principal)
    if addressbooks is None:
        for sibling in _siblings(conn.url):
            try:
                other = find_principal(conn, sibling)
            except SyncProblem as problem:
                if problem.kind in (Problem.AUTH, Problem.TLS):
                    raise
                continue
            addressbooks = _homes(conn, other)[1]
            if addressbooks is not None:
                break
    if calendars is None and addressbooks is None:
        raise errors.not_dav(conn.host, "CalDAV or CardDAV")
    return Homes(principal, calendars, addressbooks)


def find_principal(conn: Connection, url: str) -> str:
    root = urlunsplit((*urlsplit(url)[:2], "/", "", ""))
    candidates = [url] if urlsplit(url).path not in ("", "/") else []
    candidates += [urljoin(root, "/.well-known/caldav"), urljoin(root, "/.well-known/carddav")]
    candidates.append(root)
    for candidate in candidates:
        found = _principal_at(conn, candidate)
        if found is not None:
            return found
    raise errors.not_dav(conn.host, "CalDAV or CardDAV")


def _principal_at(conn: Connection, url: str) -> str | None:
    for _hop in range(MAX_REDIRECTS):
        reply = conn.request(url, "PROPFIND", _PRINCIPAL, {"Depth": "0"})
        if reply.status in (301, 302, 303, 307, 308):
            target = resolve(url, reply.headers.get("Location", ""))
            if not same_site(urlsplit(target).hostname or "", urlsplit(url).hostname or ""):
                return None
            url = target
            continue
        if reply.status != 207:
            return None
        for entry in multistatus(reply, url).entries:
            principal = href_in(entry, DAV + "current-user-principal", url)
            if principal is not None:
                return principal
        return None
    return None


def _homes(conn: Connection, principal: str) -> tuple[str | None, str | None]:
    reply = conn.request(principal, "PROPFIND", _HOMES, {"Depth": "0"})
    if reply.status != 207:
        return None, None
    calendars = addressbooks = None
    for entry in multistatus(reply, principal).entries:
        calendars = calendars or href_in(entry, CALDAV + "calendar-home-set", principal)
        addressbooks = addressbooks or href_in(entry, CARDDAV + "addressbook-home-set", principal)
    host = urlsplit(principal).hostname or ""
    if calendars and not same_site(urlsplit(calendars).hostname or "", host):
        calendars = None
    if addressbooks and not same_site(urlsplit(addressbooks).hostname or "", host):
        addressbooks = None
    return calendars, addressbooks


def _siblings(url: str) -> list[str]:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    names = []
    if host in _CONTACT_HOSTS:
        names.append(_CONTACT_HOSTS[host])
    elif host.startswith("caldav."):
        names.append("carddav." + host.removeprefix("caldav."))
    port = f":{parts.port}" if parts.port else ""
    return [urlunsplit((parts.scheme, name + port, "/", "", "")) for name in names]


# calendars ------------------------------------------------------------------------------
def calendars(conn: Connection, home: str) -> list[Collection]:
    from caldav.collection import CalendarSet

    calendar_set = CalendarSet(client=conn.client, url=conn.absolute(home))
    found: Any = guarded(conn, calendar_set.calendars)
    listed = []
    for calendar in found:
        name = guarded(conn, calendar.get_display_name) or ""
        try:
            components = frozenset(guarded(conn, calendar.get_supported_components))
        except SyncProblem as problem:
            if problem.kind is Problem.AUTH:
                raise
            components = frozenset()
        listed.append(Collection(resolve(home, str(calendar.url)), name, components))
    return listed


def make_calendar(conn: Connection, home: str, name: str, component: str) -> Collection:
    from caldav.collection import CalendarSet

    calendar_set = CalendarSet(client=conn.client, url=conn.absolute(home))
    made: Any = guarded(
        conn,
        lambda: calendar_set.make_calendar(
            name=name, cal_id=str(uuid.uuid4()), supported_calendar_component_set=[component]
        ),
    )
    return Collection(resolve(home, str(made.url)), name, frozenset({component}))


def guarded(conn: Connection, call: Callable[[], T]) -> T:
    """Run one of ``caldav``'s calls, its failures as sentences."""
    from caldav.lib import error as dav_error

    conn.requests += 1
    try:
        return call()
    except dav_error.AuthorizationError:
        raise errors.wrong_password(conn.host) from None
    except dav_error.DAVError as exc:
        raise SyncProblem(
            Problem.NOT_DAV,
            f"{conn.host} refused to list or make the calendar ({type(exc).__name__}).",
        ) from None
    except SyncProblem:
        raise
    except Exception as exc:
        raise conn._problem(exc) from None


# address books --------------------------------------------------------------------------
def addressbooks(conn: Connection, home: str) -> list[Collection]:
    reply = conn.request(home, "PROPFIND", _BOOKS, {"Depth": "1"})
    if reply.status != 207:
        raise errors.not_dav(conn.host, "CardDAV")
    found = []
    for entry in multistatus(reply, home).entries:
        kinds = entry.props.get(DAV + "resourcetype")
        if kinds is None or kinds.find(CARDDAV + "addressbook") is None:
            continue
        found.append(Collection(entry.href, (text_of(entry, DAV + "displayname") or "").strip()))
    return found


def make_addressbook(conn: Connection, home: str, name: str) -> Collection:
    url = resolve(home, f"{home.rstrip('/')}/{uuid.uuid4()}/")
    reply = conn.request(url, "MKCOL", _MAKE_BOOK.format(name=escape(name)))
    if reply.status not in (200, 201):
        raise SyncProblem(
            Problem.NOT_DAV,
            f"{conn.host} did not let RunnerUp make the address book “{name}” (HTTP "
            f"{reply.status}). Make it on the server, or choose one it has.",
        )
    return Collection(url, name)


def pick(found: list[Collection], name: str) -> Collection | None:
    """The collection with this display name (case and spacing aside), else ``None``."""
    wanted = " ".join(name.split()).casefold()
    for collection in found:
        if " ".join(collection.name.split()).casefold() == wanted:
            return collection
    return None
