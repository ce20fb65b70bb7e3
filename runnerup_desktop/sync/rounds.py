"""One collection's sync: what the server changed, the merge, what goes back (no Qt).

:class:`Round` compares the server's changes (by sync token and ETag: nothing is fetched
that did not change) with the local rows' fields and the last synced copy of each object,
writes what the server brought in one transaction, then sends each object that must go,
one request each, recording each in the database as soon as the server confirms it. A new
object is recorded (UID and href) before it is sent, and sent with ``If-None-Match: *``:
if the connection drops after the server stored it, the next sync finds it there instead
of sending it twice. An object changed on both sides between the look and the write
(``412``) is fetched and merged again in a second pass.

Deleting on the server happens only for an object deleted, skipped (or, for events, done)
here since the last sync; in a full comparison (the first sync, the one after a restore)
it is asked instead. An object deleted on the server is never deleted here without
asking: a question is written to the sync log.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.store.sync_apply import Applied, Note
from runnerup_desktop.store.sync_models import SyncItem
from runnerup_desktop.store.sync_store import write_log
from runnerup_desktop.sync import dav
from runnerup_desktop.sync.connection import Connection
from runnerup_desktop.sync.kinds import Kind
from runnerup_desktop.sync.merge import merge
from runnerup_desktop.sync.objects import Marks, ServerObject
from runnerup_desktop.sync.outbox import Outbox, link, where
from runnerup_desktop.sync.report import Event, SyncReport

log = logging.getLogger(__name__)


class Restored(Exception):
    """The server has objects this database sent after the copy it was restored from."""

    def __init__(self, serial: int) -> None:
        super().__init__(serial)
        self.serial = serial


@dataclass
class _Item:
    """A copy of a :class:`SyncItem`, read before the transaction that decides."""

    id: int
    uid: str
    href: str
    etag: str | None
    local_id: int | None
    state: str
    base: dict[str, Any] | None
    raw: str | None


@dataclass
class Round:
    sessions: sessionmaker[Session]
    conn: Connection
    kind: Kind
    collection: str
    database_uid: str
    #: The database's serial when the sync began: a higher one on the server is a restore.
    serial: int
    #: The marks to write (the first call raises the serial: this sync writes).
    marks: Callable[[], Marks]
    report: SyncReport
    now: dt.datetime
    full: bool
    moved: list[int] = field(default_factory=list)
    _adopted: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.outbox = Outbox(self.sessions, self.conn, self.kind, self.now, self.report)

    @property
    def refetch(self) -> set[str]:
        """hrefs the server answered "changed meanwhile": merged again in another pass."""
        return self.outbox.refetch

    @property
    def unsent(self) -> list[str]:
        """What was to be sent and was not answered (the connection dropped)."""
        return [push.message for push in self.outbox.pushes[self.outbox.answered :]]

    @property
    def wrote(self) -> bool:
        return bool(self.outbox.pushes)

    # the server's side ----------------------------------------------------------------
    def run(self, token: str | None) -> str | None:
        """Sync the collection; the new sync token (``None`` to keep the old one)."""
        changes = dav.changes(
            self.conn, self.collection, self.kind.collection, None if self.full else token
        )
        items = self._items()
        wanted = {
            href
            for href, etag in changes.changed.items()
            if (known := items.get(href)) is None or known.etag is None or known.etag != etag
        } | self.outbox.refetch
        fetched = (
            {f.href: f for f in dav.fetch(self.conn, self.collection, self.kind.collection, wanted)}
            if wanted
            else {}
        )
        parsed = {href: self.kind.parse(f.text) for href, f in fetched.items()}
        self._check_restored(parsed)
        gone = set(changes.deleted) | (wanted - set(fetched))
        if changes.full:
            gone |= {h for h, item in items.items() if h not in changes.changed and item.etag}
        self.outbox.clear()
        self._decide(items, fetched, parsed, gone)
        self.outbox.send(self.marks)
        return changes.token

    def _items(self) -> dict[str, _Item]:
        with self.sessions() as session:
            rows = session.scalars(
                select(SyncItem).where(SyncItem.collection == self.kind.collection)
            )
            return {
                row.href: _Item(
                    row.id,
                    row.uid,
                    row.href,
                    row.etag,
                    self.kind.local_id(row),
                    row.state,
                    json.loads(row.base) if row.base else None,
                    row.raw,
                )
                for row in rows
            }

    def _check_restored(self, parsed: Mapping[str, ServerObject | None]) -> None:
        newest = max(
            (
                obj.serial
                for obj in parsed.values()
                if obj is not None
                and obj.database_uid == self.database_uid
                and obj.serial is not None
            ),
            default=None,
        )
        if newest is not None and newest > self.serial:
            raise Restored(newest)

    # deciding -------------------------------------------------------------------------
    def _decide(
        self,
        items: dict[str, _Item],
        fetched: Mapping[str, dav.Fetched],
        parsed: Mapping[str, ServerObject | None],
        gone: set[str],
    ) -> None:
        with self.sessions.begin() as session:
            linked = {item.local_id for item in items.values() if item.local_id is not None}
            views = self.kind.views(session, linked)
            for href, item in items.items():
                self._one(session, item, views, fetched.get(href), parsed.get(href), href in gone)
            for href, got in fetched.items():
                if href not in items:
                    self._unknown(session, got, parsed.get(href), views)
            for local_id, view in views.items():
                if local_id not in linked and local_id not in self._adopted:
                    self._create(session, local_id, view)

    def _one(
        self,
        session: Session,
        item: _Item,
        views: Mapping[int, Any],
        got: dav.Fetched | None,
        server: ServerObject | None,
        gone: bool,
    ) -> None:
        row = session.get(SyncItem, item.id)
        assert row is not None
        view = views.get(item.local_id) if item.local_id is not None else None
        fields = self.kind.fields(view) if view is not None else None
        never_sent = item.etag is None and item.base is None
        if item.state == "unlinked":
            if gone:
                session.delete(row)
            return
        if item.state == "gone":
            if got is None and fields is not None:
                return  # the question is still open
            if got is None:
                session.delete(row)
                return
            row.state = "linked"
        if gone:
            if never_sent and fields is not None:
                self._push(row, item, fields, None, None, "created")
            elif fields is None or view is None or self._finished(view):
                session.delete(row)
            else:
                row.state = "gone"
                self._note(
                    session,
                    Note(
                        "question",
                        "deleted_on_server",
                        f"{self.kind.describe(view)} was deleted on {self._where}. Delete it here "
                        f"too, or put it back on the server?",
                        **self._link(item.local_id),
                    ),
                    item_id=row.id,
                )
            return
        if got is not None:
            if server is None:
                self.report.warnings.append(
                    f"An object on {self.conn.host} could not be read; it was left as it is."
                )
                return
            self._merge(session, row, item, view, fields, got, server)
            return
        if fields is None:
            if never_sent:
                session.delete(row)
            elif self.full:
                self._ask_delete(session, row, item)
            else:
                self._push(row, item, None, item.etag, None, "deleted")
            return
        if never_sent:
            self._push(row, item, fields, None, None, "created")
        elif item.base != fields:
            self._push(row, item, fields, item.etag, item.raw, "updated")

    def _merge(
        self,
        session: Session,
        row: SyncItem,
        item: _Item,
        view: Any,
        fields: dict[str, Any] | None,
        got: dav.Fetched,
        server: ServerObject,
    ) -> None:
        if fields is None or item.local_id is None:
            if self.full:
                row.etag, row.raw = got.etag, got.text
                self._ask_delete(session, row, item)
            else:
                self._push(row, item, None, got.etag, None, "deleted")
            return
        base = item.base
        theirs = {
            name: server.fields[name]
            if server.fields.get(name) is not None
            else (base or fields).get(name)
            for name in self.kind.merged
        }
        merged = merge(
            self.kind.merged, base, fields, theirs, self.kind.modified(view), server.modified
        )
        for decision in merged.conflicts:
            kept = "this computer's" if decision.took == "local" else "the server's"
            message = (
                f"{self.kind.describe(view)}: its {decision.field} changed here and on "
                f"{self._where}; kept {kept}, changed later."
            )
            note = Note("warning", "conflict", message, **self._link(item.local_id))
            self._note(session, note, item_id=row.id)
        to_local = merged.for_local(fields)
        if to_local:
            applied = self.kind.apply(session, item.local_id, to_local, server)
            self._received(session, applied, row.id, item.local_id)
            view = self.kind.views(session, {item.local_id}).get(item.local_id)
            fields = self.kind.fields(view) if view is not None else None
        if fields is None:
            self._push(row, item, None, got.etag, None, "deleted")
        elif merged.server_differs(theirs) or any(
            name in server.fields and server.fields[name] != fields.get(name)
            for name in self.kind.shown
        ):
            self._push(row, item, fields, got.etag, got.text, "updated")
        else:
            row.etag, row.raw = got.etag, got.text
            row.base = json.dumps(fields, sort_keys=True)
            row.synced_at = self.now

    def _unknown(
        self,
        session: Session,
        got: dav.Fetched,
        server: ServerObject | None,
        views: Mapping[int, Any],
    ) -> None:
        row = SyncItem(
            collection=self.kind.collection,
            uid=server.uid if server else "",
            href=got.href,
            etag=got.etag,
            state="unlinked",
            raw=got.text,
        )
        session.add(row)
        session.flush()
        if server is None:
            return
        described = self.kind.describe_server(server)
        if server.database_uid == self.database_uid:
            self._note(
                session,
                Note(
                    "question",
                    "not_here",
                    f"{described} is on {self._where} but not in this database (added after the "
                    f"copy that was restored?). Add it here, or delete it from the server?",
                ),
                item_id=row.id,
            )
            return
        local_id, applied = self.kind.adopt(session, server)
        if local_id is None:
            self._note(
                session,
                Note(
                    "info",
                    "left",
                    f"{described} on {self._where} is not a RunnerUp {self.kind.noun}: "
                    f"left as it is.",
                ),
                item_id=row.id,
            )
            return
        self.kind.link(row, local_id)
        row.state = "linked"
        self._adopted.add(local_id)
        self._received(session, applied, row.id, local_id)
        view = self.kind.views(session, {local_id}).get(local_id)
        item = _Item(row.id, row.uid, row.href, row.etag, local_id, "linked", None, None)
        self._merge(session, row, item, view, self.kind.fields(view) if view else None, got, server)

    def _create(self, session: Session, local_id: int, view: Any) -> None:
        fields = self.kind.fields(view)
        if fields is None:
            return
        uid = str(uuid.uuid4())
        row = SyncItem(
            collection=self.kind.collection,
            uid=uid,
            href=dav.new_href(self.collection, uid, self.kind.collection),
            state="linked",
        )
        self.kind.link(row, local_id)
        session.add(row)
        session.flush()
        item = _Item(row.id, uid, row.href, None, local_id, "linked", None, None)
        self._push(row, item, fields, None, None, "created")

    def _ask_delete(self, session: Session, row: SyncItem, item: _Item) -> None:
        row.state = "unlinked"
        self._note(
            session,
            Note(
                "question",
                "deleted_here",
                f"A {self.kind.noun} deleted here since the last sync is still on {self._where}. "
                f"Delete it there too?",
            ),
            item_id=row.id,
        )

    @staticmethod
    def _finished(view: Any) -> bool:
        """A follow-up done or skipped here: its object may go without a question."""
        status = getattr(view, "status", None)
        return status is not None and str(status) != "planned"

    def _push(
        self,
        row: SyncItem,
        item: _Item,
        fields: dict[str, Any] | None,
        etag: str | None,
        previous: str | None,
        action: str,
    ) -> None:
        local_id = item.local_id if item.local_id is not None else 0
        self.outbox.add(row, local_id, fields, etag, previous, action, fields or item.base)

    # the log --------------------------------------------------------------------------
    @property
    def _where(self) -> str:
        return where(self.conn)

    def _link(self, local_id: int | None) -> dict[str, int | None]:
        return link(self.kind, local_id)

    def _received(self, session: Session, applied: Applied, item_id: int, local_id: int) -> None:
        self.report.change = self.report.change | applied.change
        if applied.moved:
            self.moved.append(local_id)
        for note in applied.notes:
            self._note(session, note, item_id=item_id)
            if note.level == "info":
                self.report.received.append(
                    Event(self.kind.noun, note.code, local_id, note.message)
                )

    def _note(self, session: Session, note: Note, *, item_id: int | None = None) -> None:
        write_log(
            session,
            note.level,
            note.code,
            note.message,
            item_id=item_id,
            follow_up_id=note.follow_up_id,
            contact_id=note.contact_id,
            interaction_id=note.interaction_id,
        )
        if note.level == "question":
            self.report.questions.append(note.message)
        elif note.level == "warning":
            self.report.warnings.append(note.message)
