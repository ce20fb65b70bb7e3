"""The person's profile (how messages are signed) and the drafts kept per follow-up.

Both live in the database, so backups and exports carry them. Every write is one
transaction and returns a :class:`~runnerup_desktop.store.change.Change`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.templates import MAX_BODY, MAX_SUBJECT
from runnerup_desktop.core.validation import check_email
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.models import FollowUp, MessageDraft, MessageTemplate, Profile
from runnerup_desktop.store.service_base import get_row

PROFILE_ID = 1
MAX_NAME = 200
MAX_PHONE = 40
MAX_SIGNATURE = 2_000
MAX_ADDRESS = 254


@dataclass(frozen=True, slots=True)
class ProfileValues:
    """Who signs the messages; empty strings mean "not given"."""

    name: str = ""
    email: str = ""
    phone: str = ""
    signature: str = ""

    @property
    def is_empty(self) -> bool:
        return not any((self.name, self.email, self.phone, self.signature))


@dataclass(frozen=True, slots=True)
class Draft:
    """A message being written for one follow-up."""

    follow_up_id: int
    to_address: str
    subject: str
    body: str
    template_id: int | None = None


def profile_problem(values: ProfileValues) -> str | None:
    """One sentence on what is wrong with the profile as typed, or ``None``."""
    name, phone = (" ".join(v.split()) for v in (values.name, values.phone))
    email = values.email.strip()
    if len(name) > MAX_NAME:
        return f"Your name can be at most {MAX_NAME} characters."
    if email:
        problem = check_email(email)
        if problem is not None:
            return problem
    if len(phone) > MAX_PHONE:
        return f"A phone number can be at most {MAX_PHONE} characters."
    if len(values.signature.strip()) > MAX_SIGNATURE:
        return f"A signature can be at most {MAX_SIGNATURE:,} characters."
    return None


class ProfileServices:
    """The profile and the drafts, bound to one session factory."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # the profile -----------------------------------------------------------------------
    def profile(self) -> ProfileValues:
        with self._sessions() as session:
            return _profile(session)

    def save_profile(self, values: ProfileValues) -> Change:
        problem = profile_problem(values)
        if problem is not None:
            raise ServiceError(problem)
        with self._sessions.begin() as session:
            row = session.get(Profile, PROFILE_ID)
            if row is None:
                row = Profile(id=PROFILE_ID)
                session.add(row)
            row.name = " ".join(values.name.split())
            row.email = values.email.strip()
            row.phone = " ".join(values.phone.split())
            row.signature = values.signature.replace("\r\n", "\n").strip()
        return Change(profile=True)

    # drafts ----------------------------------------------------------------------------
    def draft(self, follow_up_id: int) -> Draft | None:
        """The draft kept for the follow-up, if any."""
        with self._sessions() as session:
            row = session.get(MessageDraft, follow_up_id)
            if row is None:
                return None
            return Draft(row.follow_up_id, row.to_address, row.subject, row.body, row.template_id)

    def save_draft(self, draft: Draft) -> Change:
        """Keep (or replace) the follow-up's draft."""
        if len(draft.subject) > MAX_SUBJECT:
            raise ServiceError(f"A subject can be at most {MAX_SUBJECT} characters.")
        if len(draft.body) > MAX_BODY:
            raise ServiceError(f"A message can be at most {MAX_BODY:,} characters.")
        if len(draft.to_address.strip()) > MAX_ADDRESS:
            raise ServiceError(f"An address can be at most {MAX_ADDRESS} characters.")
        with self._sessions.begin() as session:
            follow_up = get_row(session, FollowUp, draft.follow_up_id)
            template_id = draft.template_id
            if template_id is not None and session.get(MessageTemplate, template_id) is None:
                template_id = None
            row = session.get(MessageDraft, draft.follow_up_id)
            if row is None:
                row = MessageDraft(follow_up_id=draft.follow_up_id)
                session.add(row)
            row.template_id = template_id
            row.to_address = draft.to_address.strip()
            row.subject = draft.subject
            row.body = draft.body.replace("\r\n", "\n")
            return _draft_change(follow_up)

    def discard_draft(self, follow_up_id: int) -> Change:
        """Forget the follow-up's draft (nothing to do when there is none)."""
        with self._sessions.begin() as session:
            row = session.get(MessageDraft, follow_up_id)
            if row is None:
                return Change()
            follow_up = session.get(FollowUp, follow_up_id)
            session.delete(row)
            return _draft_change(follow_up) if follow_up is not None else Change(follow_ups=True)


def _profile(session: Session) -> ProfileValues:
    row = session.get(Profile, PROFILE_ID)
    if row is None:
        return ProfileValues()
    return ProfileValues(row.name, row.email, row.phone, row.signature)


def read_profile(session: Session) -> ProfileValues:
    """The profile, read in an open session (for drafting)."""
    return _profile(session)


def _draft_change(follow_up: FollowUp) -> Change:
    contacts = {follow_up.contact_id} if follow_up.contact_id is not None else set()
    return Change(
        follow_ups=True,
        companies=frozenset({follow_up.company_id}),
        contacts=frozenset(contacts),
    )
