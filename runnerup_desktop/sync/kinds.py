"""The two kinds of objects a sync carries: follow-ups (calendar) and contacts (address
book), each as the engine needs it (no Qt).

A kind says which local rows belong on the server and with which fields, how an object
is read and written, and how the server's changes reach the local rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol

from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import FollowUpStatus
from runnerup_desktop.store import sync_apply, sync_store
from runnerup_desktop.store.sync_apply import Applied
from runnerup_desktop.store.sync_models import SyncItem
from runnerup_desktop.store.sync_store import ContactView, FollowUpView
from runnerup_desktop.sync import ical, vcard
from runnerup_desktop.sync.dav import ADDRESSBOOK, CALENDAR
from runnerup_desktop.sync.objects import Marks, ServerObject


class Kind(Protocol):
    collection: str
    noun: str
    merged: tuple[str, ...]
    #: Fields RunnerUp writes and the server only shows: a difference is written over.
    shown: tuple[str, ...]

    def views(self, session: Session, linked: set[int]) -> Mapping[int, Any]: ...
    def local_id(self, item: SyncItem) -> int | None: ...
    def link(self, item: SyncItem, local_id: int) -> None: ...
    def fields(self, view: Any) -> dict[str, Any] | None: ...
    def modified(self, view: Any) -> dt.datetime: ...
    def describe(self, view: Any) -> str: ...
    def describe_server(self, server: ServerObject) -> str: ...
    def parse(self, text: str) -> ServerObject | None: ...
    def render(
        self,
        fields: Mapping[str, Any],
        uid: str,
        marks: Marks,
        local_id: int,
        now: dt.datetime,
        previous: str | None,
    ) -> str: ...
    def apply(
        self, session: Session, local_id: int, changes: Mapping[str, Any], server: ServerObject
    ) -> Applied: ...
    def adopt(self, session: Session, server: ServerObject) -> tuple[int | None, Applied]: ...


class FollowUps:
    collection = CALENDAR
    noun = "follow-up"
    merged: tuple[str, ...] = ical.MERGED
    shown: tuple[str, ...] = ("summary",)

    def __init__(self, shape: ical.FollowUpShape, today: dt.date, where: str) -> None:
        self.shape = shape
        self.today = today
        self.where = where

    def views(self, session: Session, linked: set[int]) -> Mapping[int, FollowUpView]:
        return sync_store.follow_up_views(session, linked)

    def local_id(self, item: SyncItem) -> int | None:
        return item.follow_up_id

    def link(self, item: SyncItem, local_id: int) -> None:
        item.follow_up_id = local_id

    def fields(self, view: FollowUpView) -> dict[str, Any] | None:
        if view.status is FollowUpStatus.SKIPPED:
            return None
        done = view.status is FollowUpStatus.DONE
        if done and self.shape.as_events:
            return None  # an event cannot be done: done stays in RunnerUp
        return ical.follow_up_fields(
            follow_up_id=view.id,
            title=view.title,
            company=view.company,
            contact=view.contact,
            due_on=view.due_on,
            due_time=view.due_time,
            done=done,
            notes=view.notes,
            shape=self.shape,
        )

    def modified(self, view: FollowUpView) -> dt.datetime:
        return view.updated_at

    def describe(self, view: FollowUpView) -> str:
        who = ", ".join(part for part in (view.contact, view.company) if part)
        return f"“{view.title}” ({who})"

    def describe_server(self, server: ServerObject) -> str:
        return f"“{server.fields.get('summary') or 'a to-do'}”"

    def parse(self, text: str) -> ServerObject | None:
        try:
            return ical.parse(text)
        except (ValueError, TypeError, AttributeError):
            return None

    def render(
        self,
        fields: Mapping[str, Any],
        uid: str,
        marks: Marks,
        local_id: int,
        now: dt.datetime,
        previous: str | None,
    ) -> str:
        return ical.render(fields, uid, marks, local_id, now, previous)

    def apply(
        self, session: Session, local_id: int, changes: Mapping[str, Any], server: ServerObject
    ) -> Applied:
        view = sync_store.follow_up_views(session, {local_id}).get(local_id)
        described = self.describe(view) if view is not None else "A follow-up"
        return sync_apply.apply_follow_up(
            session,
            local_id,
            changes,
            described=described,
            completed_on=server.completed_on,
            today=self.today,
            where=self.where,
        )

    def adopt(self, session: Session, server: ServerObject) -> tuple[int | None, Applied]:
        return None, Applied()  # a to-do made elsewhere has no company: left as it is


class Contacts:
    collection = ADDRESSBOOK
    noun = "contact"
    shown: tuple[str, ...] = ()

    def __init__(self, include_notes: bool, where: str) -> None:
        self.include_notes = include_notes
        self.merged = vcard.merged_fields(include_notes)
        self.where = where

    def views(self, session: Session, linked: set[int]) -> Mapping[int, ContactView]:
        return sync_store.contact_views(session)

    def local_id(self, item: SyncItem) -> int | None:
        return item.contact_id

    def link(self, item: SyncItem, local_id: int) -> None:
        item.contact_id = local_id

    def fields(self, view: ContactView) -> dict[str, Any]:
        fields = vcard.contact_fields(
            name=view.name,
            email=view.email,
            phone=view.phone,
            title=view.title,
            company=view.company,
            url=view.linkedin_url,
            notes=view.notes,
            include_notes=True,
        )
        if not self.include_notes:
            fields["notes"] = ""  # so that unticking "include notes" takes them off
        return fields

    def modified(self, view: ContactView) -> dt.datetime:
        return view.updated_at

    def describe(self, view: ContactView) -> str:
        return f"{view.name} ({view.company})"

    def describe_server(self, server: ServerObject) -> str:
        name = server.fields.get("name") or "a card"
        company = server.fields.get("company")
        return f"{name} ({company})" if company else str(name)

    def parse(self, text: str) -> ServerObject | None:
        return vcard.parse(text, self.include_notes)

    def render(
        self,
        fields: Mapping[str, Any],
        uid: str,
        marks: Marks,
        local_id: int,
        now: dt.datetime,
        previous: str | None,
    ) -> str:
        return vcard.render(fields, uid, marks, now, previous)

    def apply(
        self, session: Session, local_id: int, changes: Mapping[str, Any], server: ServerObject
    ) -> Applied:
        return sync_apply.apply_contact(session, local_id, changes, where=self.where)

    def adopt(self, session: Session, server: ServerObject) -> tuple[int | None, Applied]:
        return sync_apply.adopt_contact(session, server.fields, where=self.where)
