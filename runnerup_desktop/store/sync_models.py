"""The sync state kept in the database: the account, each server collection, each object on
the server, and the sync log (revision 0007).

Nothing here is a secret: the password lives in the system keyring only. The log and the
last synced copies hold names, which is why they live here and never in the log file.

- :class:`SyncAccount` is one row: where to sync (URL, user, the calendar's and the address
  book's names, the options) and this database's own marks: ``database_uid``, which every
  object RunnerUp puts on the server carries, and ``serial``, raised by each sync that writes
  to the server. An object on the server with this database's uid and a higher serial than
  the database's says the file was restored from a backup since it was synced.
- :class:`SyncCollection` is the calendar or the address book on the server: its URL and its
  RFC 6578 sync token. ``full_comparison`` makes the next sync compare every object (the
  first sync, and the one after a restore) and delete nothing on the server without asking.
- :class:`SyncItem` is one object on the server: its href, ETag and UID, the local row it
  stands for (``follow_up_id`` or ``contact_id``, set to NULL by the database when the row
  is deleted), and the last synced copy (``base``: the fields, for the three-way merge;
  ``raw``: the server's text, so that an update keeps what a phone added).
- :class:`SyncLog` is what each sync decided, in sentences; ``level`` "question" entries wait
  for the person's answer (``resolved_at``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from runnerup_desktop.store.models import Base, utcnow


class SyncAccount(Base):
    __tablename__ = "sync_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(500), default="")
    user: Mapped[str] = mapped_column(String(200), default="")
    calendar: Mapped[str] = mapped_column(String(200), default="RunnerUp")
    addressbook: Mapped[str] = mapped_column(String(200), default="RunnerUp")
    #: Follow-ups as events (VEVENT) instead of to-dos (VTODO).
    as_events: Mapped[bool] = mapped_column(default=False)
    #: Contacts' and follow-ups' notes go to the server too.
    include_notes: Mapped[bool] = mapped_column(default=False)
    database_uid: Mapped[str] = mapped_column(String(64))
    serial: Mapped[int] = mapped_column(default=0)
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: The last sync's problem as a sentence, empty when it went well.
    last_problem: Mapped[str] = mapped_column(Text, default="")


class SyncCollection(Base):
    __tablename__ = "sync_collection"

    #: "calendar" or "addressbook".
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    url: Mapped[str] = mapped_column(String(1000))
    name: Mapped[str] = mapped_column(String(200))
    sync_token: Mapped[str | None] = mapped_column(String(1000))
    full_comparison: Mapped[bool] = mapped_column(default=True)


class SyncItem(Base):
    __tablename__ = "sync_item"
    __table_args__ = (Index("ix_sync_item_href", "collection", "href", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    collection: Mapped[str] = mapped_column(String(16))
    uid: Mapped[str] = mapped_column(String(200))
    href: Mapped[str] = mapped_column(String(1000))
    #: NULL until the server confirmed a write (or when it did not say).
    etag: Mapped[str | None] = mapped_column(String(200))
    follow_up_id: Mapped[int | None] = mapped_column(
        ForeignKey("follow_up.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    #: "linked" (stands for a local row, or did until it was deleted here),
    #: "gone" (deleted on the server; a question is open), "unlinked" (on the server only).
    state: Mapped[str] = mapped_column(String(16), default="linked")
    base: Mapped[str | None] = mapped_column(Text)
    raw: Mapped[str | None] = mapped_column(Text)
    synced_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class SyncLog(Base):
    __tablename__ = "sync_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    #: "info", "warning", "question", "problem" or "run" (one per sync: what it did).
    level: Mapped[str] = mapped_column(String(16), index=True)
    code: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("sync_item.id", ondelete="SET NULL"))
    follow_up_id: Mapped[int | None] = mapped_column(
        ForeignKey("follow_up.id", ondelete="SET NULL")
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interaction.id", ondelete="SET NULL")
    )
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
