"""The person's answers to what a sync asked (no Qt): each one transaction, a
:class:`~runnerup_desktop.store.change.Change`, and so an undoable operation.

- *Deleted on the server* (a to-do or card that stands for a row here): **delete here**
  deletes the follow-up or contact; **put back** sends it again at the next sync.
- *Deleted here, still on the server* (asked after a restore instead of deleting): **delete
  there** deletes it at the next sync; **keep there** leaves it on the server.
- *On the server, not here* (sent by this database after the copy it was restored from):
  **add here** (a card) makes the contact again; **delete there**; **keep there**.
- *What did you do?* (marked done on the phone): the answer replaces what the logged
  interaction says.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.models import Contact, FollowUp, Interaction, utcnow
from runnerup_desktop.store.sync_apply import adopt_contact
from runnerup_desktop.store.sync_models import SyncItem, SyncLog
from runnerup_desktop.sync import vcard

DELETE_HERE = "delete_here"
PUT_BACK = "put_back"
DELETE_THERE = "delete_there"
KEEP_THERE = "keep_there"
ADD_HERE = "add_here"
NOTE = "note"

_CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "deleted_on_server": ((DELETE_HERE, "Delete it here too"), (PUT_BACK, "Put it back")),
    "deleted_here": ((DELETE_THERE, "Delete it there too"), (KEEP_THERE, "Keep it there")),
    "not_here": (
        (ADD_HERE, "Add it here"),
        (DELETE_THERE, "Delete it from the server"),
        (KEEP_THERE, "Keep it there"),
    ),
    "what_was_done": ((NOTE, "Save"),),
}


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


def choices(code: str, *, is_card: bool = True) -> list[Choice]:
    """What the person may answer to a question with this code."""
    found = [Choice(key, label) for key, label in _CHOICES.get(code, ())]
    if code == "not_here" and not is_card:
        found = [c for c in found if c.key != ADD_HERE]  # a to-do alone has no company
    return found


class SyncAnswers:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def answer(self, question_id: int, choice: str, text: str = "") -> Change:
        with self._sessions.begin() as session:
            question = session.get(SyncLog, question_id)
            if question is None or question.level != "question":
                raise ServiceError("That question is no longer open.")
            if question.resolved_at is not None:
                raise ServiceError("That question was answered already.")
            if choice not in {c.key for c in choices(question.code)}:
                raise ServiceError("That is not one of the answers to this question.")
            item = session.get(SyncItem, question.item_id) if question.item_id else None
            change = _apply(session, question, item, choice, text.strip())
            question.resolved_at = utcnow()
            return change


def _apply(
    session: Session, question: SyncLog, item: SyncItem | None, choice: str, text: str
) -> Change:
    if question.code == "what_was_done":
        interaction = (
            session.get(Interaction, question.interaction_id) if question.interaction_id else None
        )
        if interaction is None:
            raise ServiceError("The logged interaction is gone; nothing to change.")
        if not text:
            raise ServiceError("Say in a few words what you sent or said.")
        interaction.summary = text
        contacts = {interaction.contact_id} - {None}
        return Change(
            companies=frozenset({interaction.company_id}),
            contacts=frozenset(c for c in contacts if c is not None),
            interactions=True,
        )
    if item is None:
        raise ServiceError("The server's copy is no longer tracked; sync again first.")
    if choice == DELETE_HERE:
        return _delete_here(session, item)
    if choice == PUT_BACK:
        item.etag, item.base, item.state = None, None, "linked"
        return Change()
    if choice == DELETE_THERE:
        item.follow_up_id = item.contact_id = None
        item.state = "linked"  # linked to nothing: the next sync deletes it there
        return Change()
    if choice == KEEP_THERE:
        item.state = "unlinked"
        return Change()
    if choice == ADD_HERE:
        return _add_here(session, item)
    raise ServiceError("That is not one of the answers to this question.")


def _delete_here(session: Session, item: SyncItem) -> Change:
    if item.follow_up_id is not None:
        follow_up = session.get(FollowUp, item.follow_up_id)
        session.delete(item)
        if follow_up is None:
            return Change()
        contacts = {follow_up.contact_id} - {None}
        change = Change(
            companies=frozenset({follow_up.company_id}),
            contacts=frozenset(c for c in contacts if c is not None),
            follow_ups=True,
            deleted=True,
        )
        session.delete(follow_up)
        return change
    contact = session.get(Contact, item.contact_id) if item.contact_id is not None else None
    session.delete(item)
    if contact is None:
        return Change()
    change = Change(
        contacts=frozenset({contact.id}),
        companies=frozenset(c for c in (contact.company_id,) if c is not None),
        follow_ups=True,
        deleted=True,
    )
    session.delete(contact)
    return change


def _add_here(session: Session, item: SyncItem) -> Change:
    server = vcard.parse(item.raw or "", include_notes=False)
    if item.collection != "addressbook" or server is None:
        raise ServiceError("Only a card can be added here; a to-do alone has no company.")
    contact_id, applied = adopt_contact(session, server.fields, where="the server")
    if contact_id is None:
        raise ServiceError(
            "The card names no company (or no name), so RunnerUp cannot keep it as a contact."
        )
    item.contact_id, item.state, item.base = contact_id, "linked", None
    return applied.change | Change(contacts=frozenset({contact_id}))
