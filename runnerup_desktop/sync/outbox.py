"""What one pass over a collection sends, and the record of what the server confirmed
(no Qt).

Objects are sent one request each; what the server confirmed is written to the database
in batches of :data:`RECORD_EVERY`, and what was confirmed before a connection dropped is
kept. If the sync stops before a batch is recorded, the next sync finds the objects on the
server by their hrefs and ETags (a new object was given its href before it was sent), so
nothing is lost or sent twice. An object the server answers "changed meanwhile" (412) is
fetched and merged again in another pass (:attr:`Outbox.refetch`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.store.sync_models import SyncItem
from runnerup_desktop.store.sync_store import write_log
from runnerup_desktop.sync import dav
from runnerup_desktop.sync.connection import Connection
from runnerup_desktop.sync.errors import SyncProblem
from runnerup_desktop.sync.kinds import Kind
from runnerup_desktop.sync.objects import Marks
from runnerup_desktop.sync.report import Event, SyncReport

RECORD_EVERY = 25
_VERBS = {"created": "Added", "updated": "Updated", "deleted": "Removed"}


def where(conn: Connection) -> str:
    return f"the server ({conn.host})"


def link(kind: Kind, local_id: int | None) -> dict[str, int | None]:
    """The sync log's link to the local row an entry is about."""
    return {"follow_up_id" if kind.noun == "follow-up" else "contact_id": local_id}


@dataclass
class Push:
    item_id: int
    href: str
    uid: str
    local_id: int
    #: ``None`` deletes the object.
    fields: dict[str, Any] | None
    etag: str | None
    previous: str | None
    action: str
    message: str


@dataclass
class Outbox:
    sessions: sessionmaker[Session]
    conn: Connection
    kind: Kind
    now: dt.datetime
    report: SyncReport
    pushes: list[Push] = field(default_factory=list)
    #: How many of ``pushes`` the server answered.
    answered: int = 0
    refetch: set[str] = field(default_factory=set)

    def clear(self) -> None:
        self.pushes, self.answered, self.refetch = [], 0, set()

    def add(
        self,
        row: SyncItem,
        local_id: int,
        fields: dict[str, Any] | None,
        etag: str | None,
        previous: str | None,
        action: str,
        described: dict[str, Any] | None,
    ) -> None:
        message = self._sentence(action, described)
        self.pushes.append(
            Push(row.id, row.href, row.uid, local_id, fields, etag, previous, action, message)
        )

    def send(self, marks: Callable[[], Marks]) -> None:
        """Send every push; a :class:`SyncProblem` stops it, keeping what was confirmed."""
        writes = any(push.fields is not None for push in self.pushes)
        mark = marks() if writes else None  # before the batches: it writes too
        for start in range(0, len(self.pushes), RECORD_EVERY):
            stopped: SyncProblem | None = None
            with self.sessions.begin() as session:
                for push in self.pushes[start : start + RECORD_EVERY]:
                    try:
                        self._send(session, push, mark)
                    except SyncProblem as problem:
                        stopped = problem
                        break
                    self.answered += 1
            if stopped is not None:
                raise stopped

    def _send(self, session: Session, push: Push, marks: Marks | None) -> None:
        text = ""
        if push.fields is None:
            written = dav.delete(self.conn, push.href, push.etag)
        else:
            assert marks is not None
            text = self.kind.render(
                push.fields, push.uid, marks, push.local_id, self.now, push.previous
            )
            written = dav.put(self.conn, push.href, self.kind.collection, text, push.etag)
        row = session.get(SyncItem, push.item_id)
        if row is None:
            return
        if written.outcome != "done":
            self.refetch.add(push.href)
            return
        if push.fields is None:
            session.delete(row)
        else:
            row.etag, row.raw, row.state = written.etag, text, "linked"
            row.base = json.dumps(push.fields, sort_keys=True)
            row.synced_at = self.now
        write_log(
            session,
            "info",
            "sent_" + push.action,
            push.message,
            item_id=None if push.fields is None else row.id,
            **link(self.kind, push.local_id or None),
        )
        self.report.sent.append(
            Event(self.kind.noun, push.action, push.local_id or None, push.message)
        )

    def _sentence(self, action: str, fields: dict[str, Any] | None) -> str:
        values = fields or {}
        what = values.get("summary") or values.get("name") or f"a {self.kind.noun}"
        shown = f"“{what}”" if self.kind.noun == "follow-up" else str(what)
        preposition = "from" if action == "deleted" else "on"
        return f"{_VERBS[action]} {shown} {preposition} {where(self.conn)}."
