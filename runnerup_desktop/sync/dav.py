"""The WebDAV requests of one sync, with this module's own XML bodies (no Qt).

- :func:`changes`: RFC 6578 ``sync-collection``: with the last token, what changed and what
  went since (one request when nothing did); without one, every member and its ETag. A
  server without the report is asked with a ``PROPFIND`` of every member's ETag instead.
- :func:`fetch`: ``calendar-multiget`` (RFC 4791) or ``addressbook-multiget`` (RFC 6352):
  many objects in one request.
- :func:`put` and :func:`delete`: one object, guarded by its ETag (``If-Match``) or, for a
  new one, ``If-None-Match: *``, so that nothing the server has is overwritten unseen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from runnerup_desktop.sync.connection import (
    CALDAV,
    CARDDAV,
    DAV,
    Connection,
    multistatus,
    resolve,
    text_of,
)
from runnerup_desktop.sync.errors import Problem, SyncProblem

CALENDAR = "calendar"
ADDRESSBOOK = "addressbook"
#: Objects asked for in one multiget.
FETCH_CHUNK = 200
MEDIA_TYPE = {CALENDAR: "text/calendar; charset=utf-8", ADDRESSBOOK: "text/vcard; charset=utf-8"}
SUFFIX = {CALENDAR: ".ics", ADDRESSBOOK: ".vcf"}

_SYNC = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:sync-collection xmlns:d="DAV:">{token}<d:sync-level>1</d:sync-level>'
    "<d:prop><d:getetag/></d:prop></d:sync-collection>"
)
_ETAGS = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>'
)
_MULTIGET = {
    CALENDAR: (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
        "<d:prop><d:getetag/><c:calendar-data/></d:prop>{hrefs}</c:calendar-multiget>"
    ),
    ADDRESSBOOK: (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<card:addressbook-multiget xmlns:d="DAV:" '
        'xmlns:card="urn:ietf:params:xml:ns:carddav">'
        "<d:prop><d:getetag/><card:address-data/></d:prop>{hrefs}</card:addressbook-multiget>"
    ),
}
_DATA = {CALENDAR: CALDAV + "calendar-data", ADDRESSBOOK: CARDDAV + "address-data"}


class CollectionGone(SyncProblem):
    """The collection is no longer on the server (deleted there)."""

    def __init__(self, conn: Connection, collection: str, kind: str) -> None:
        super().__init__(Problem.NOT_DAV, _gone(conn, collection))
        self.collection = kind


@dataclass
class Changes:
    """What the server has that may differ from what was last synced."""

    #: href -> ETag of each member changed (or, on a full listing, every member).
    changed: dict[str, str | None] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    token: str | None = None
    #: ``changed`` lists every member: one not listed is not on the server.
    full: bool = False


@dataclass(frozen=True)
class Fetched:
    href: str
    etag: str | None
    text: str


def changes(conn: Connection, collection: str, kind: str, token: str | None) -> Changes:
    """What changed since ``token`` (everything when ``None``)."""
    found = Changes(full=token is None)
    while True:
        tag = f"<d:sync-token>{escape(token)}</d:sync-token>" if token else "<d:sync-token/>"
        reply = conn.request(collection, "REPORT", _SYNC.format(token=tag), {"Depth": "1"})
        if reply.status in (403, 409, 412) and token is not None:
            return changes(conn, collection, kind, None)  # the token expired: list everything
        if reply.status in (400, 403, 405, 501) and token is None:
            return _listing(conn, collection, kind)  # no sync-collection here
        if reply.status == 404:
            raise CollectionGone(conn, collection, kind)
        if reply.status != 207:
            raise SyncProblem(
                Problem.SERVER,
                f"{conn.host} did not say what changed (HTTP {reply.status}); RunnerUp will "
                f"try again later.",
            )
        status = multistatus(reply, collection)
        truncated = False
        for entry in status.entries:
            if _same(entry.href, collection):
                truncated = truncated or entry.status == 507
                continue
            if entry.status == 404:
                found.deleted.add(entry.href)
                found.changed.pop(entry.href, None)
            else:
                found.changed[entry.href] = text_of(entry, DAV + "getetag")
                found.deleted.discard(entry.href)
        found.token = status.sync_token
        if not truncated or status.sync_token in (None, token):
            return found
        token = status.sync_token


def _listing(conn: Connection, collection: str, kind: str) -> Changes:
    reply = conn.request(collection, "PROPFIND", _ETAGS, {"Depth": "1"})
    if reply.status == 404:
        raise CollectionGone(conn, collection, kind)
    found = Changes(full=True)
    for entry in multistatus(reply, collection).entries:
        kinds = entry.props.get(DAV + "resourcetype")
        if _same(entry.href, collection) or (
            kinds is not None and kinds.find(DAV + "collection") is not None
        ):
            continue
        found.changed[entry.href] = text_of(entry, DAV + "getetag")
    return found


def fetch(conn: Connection, collection: str, kind: str, hrefs: Iterable[str]) -> list[Fetched]:
    """The objects at ``hrefs`` with their ETags; those gone from the server are left out."""
    wanted = sorted(set(hrefs))
    fetched: list[Fetched] = []
    for start in range(0, len(wanted), FETCH_CHUNK):
        chunk = wanted[start : start + FETCH_CHUNK]
        body = "".join(
            f"<d:href>{escape(urlsplit(conn.absolute(href)).path)}</d:href>" for href in chunk
        )
        reply = conn.request(collection, "REPORT", _MULTIGET[kind].format(hrefs=body))
        if reply.status != 207:
            raise SyncProblem(
                Problem.SERVER,
                f"{conn.host} did not send the changed objects (HTTP {reply.status}); RunnerUp "
                f"will try again later.",
            )
        for entry in multistatus(reply, collection).entries:
            text = text_of(entry, _DATA[kind])
            if entry.status == 200 and text:
                fetched.append(Fetched(entry.href, text_of(entry, DAV + "getetag"), text))
    return fetched


@dataclass(frozen=True)
class Written:
    #: "done", "changed" (the server's copy is not the one expected: merge first),
    #: "exists" (a new object's href is taken) or "gone" (nothing at the href).
    outcome: str
    etag: str | None = None


def put(conn: Connection, href: str, kind: str, text: str, etag: str | None) -> Written:
    """Write one object: over the copy with ``etag``, or as new when ``etag`` is ``None``."""
    headers = {"Content-Type": MEDIA_TYPE[kind]}
    headers["If-Match" if etag else "If-None-Match"] = etag or "*"
    reply = conn.request(href, "PUT", text, headers)
    if reply.status in (200, 201, 204):
        return Written("done", reply.etag)
    if reply.status == 412:
        return Written("changed" if etag else "exists")
    if reply.status == 404:
        return Written("gone")
    raise SyncProblem(
        Problem.SERVER,
        f"{conn.host} refused an object RunnerUp sent (HTTP {reply.status}).",
    )


def delete(conn: Connection, href: str, etag: str | None) -> Written:
    reply = conn.request(href, "DELETE", "", {"If-Match": etag} if etag else {})
    if reply.status in (200, 204, 404):
        return Written("done")
    if reply.status == 412:
        return Written("changed")
    raise SyncProblem(
        Problem.SERVER,
        f"{conn.host} refused to delete an object (HTTP {reply.status}).",
    )


def new_href(collection: str, uid: str, kind: str) -> str:
    return resolve(collection, collection.rstrip("/") + "/" + uid + SUFFIX[kind])


def _same(href: str, collection: str) -> bool:
    return href.rstrip("/") == collection.rstrip("/")


def _gone(conn: Connection, collection: str) -> str:
    return (
        f"The collection RunnerUp syncs with is no longer on {conn.host}; the next sync "
        f"finds or makes it again."
    )
