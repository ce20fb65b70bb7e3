"""Message templates in the database, and what a draft is made from.

:class:`MessageTemplates` lists, adds, edits, resets and deletes templates. The shipped
defaults (:data:`runnerup_desktop.core.templates.DEFAULT_TEMPLATES`) are added the first
time templates are read and whenever one is missing, so a new version's default reaches an
existing file; a default can be edited and reset but not deleted. :func:`draft_source`
reads what one follow-up's message is drafted from: its contact, company, opportunity,
feedback and value item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.domain import Channel, FollowUpStatus, Step
from runnerup_desktop.core.limits import valid_id
from runnerup_desktop.core.news import FeedbackInput, headline
from runnerup_desktop.core.templates import (
    DEFAULT_TEMPLATES,
    MAX_TEMPLATE_NAME,
    DefaultTemplate,
    TemplateContext,
    default_template,
    template_problem,
)
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.models import FeedbackItem, FollowUp, MessageTemplate
from runnerup_desktop.store.profile_services import read_profile
from runnerup_desktop.store.service_base import get_row

_STEP_ORDER = {step: index for index, step in enumerate(Step)}


@dataclass(frozen=True, slots=True)
class TemplateValues:
    """A template as the person typed it."""

    name: str
    step: Step | None
    subject: str
    body: str


@dataclass(frozen=True, slots=True)
class TemplateRecord:
    id: int
    name: str
    step: Step | None
    subject: str
    body: str
    #: The shipped default it started from, if any.
    builtin: str | None

    @property
    def is_builtin(self) -> bool:
        return self.builtin is not None

    @property
    def is_changed(self) -> bool:
        """A shipped default the person has edited."""
        default = default_template(self.builtin) if self.builtin else None
        return default is not None and (self.subject, self.body, self.name) != (
            default.subject,
            default.body,
            default.name,
        )


def problem(values: TemplateValues) -> str | None:
    """One sentence on what is wrong with a template, or ``None``."""
    name = " ".join(values.name.split())
    if not name:
        return "Give the template a name, like “Thank-you note, short”."
    if len(name) > MAX_TEMPLATE_NAME:
        return f"A template's name can be at most {MAX_TEMPLATE_NAME} characters."
    return template_problem(values.subject, values.body)


class MessageTemplates:
    """Reading and changing templates; every write is one transaction."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def all(self) -> list[TemplateRecord]:
        """Every template: by step in the playbook's order, defaults first, then the rest."""
        self._ensure_defaults()
        with self._sessions() as session:
            rows = [_record(row) for row in session.scalars(select(MessageTemplate))]
        return sorted(rows, key=_sort_key)

    def for_step(self, step: Step) -> list[TemplateRecord]:
        """Every template, the step's own first (its default leading), then general ones."""
        rows = self.all()
        own = [row for row in rows if row.step is step]
        general = [row for row in rows if row.step is None]
        rest = [row for row in rows if row.step is not None and row.step is not step]
        return own + general + rest

    def get(self, template_id: int) -> TemplateRecord:
        with self._sessions() as session:
            return _record(_get(session, template_id))

    def add(self, values: TemplateValues) -> tuple[int, Change]:
        _check(values)
        with self._sessions.begin() as session:
            row = MessageTemplate(builtin=None)
            _assign(row, values)
            session.add(row)
            session.flush()
            return row.id, Change(templates=True)

    def update(self, template_id: int, values: TemplateValues) -> Change:
        _check(values)
        with self._sessions.begin() as session:
            row = _get(session, template_id)
            if row.builtin is not None and values.step is not row.step:
                raise ServiceError(
                    "A default template stays with its step; add a new template for another."
                )
            _assign(row, values)
        return Change(templates=True)

    def reset(self, template_id: int) -> Change:
        """Put a shipped default back as it came."""
        with self._sessions.begin() as session:
            row = _get(session, template_id)
            default = default_template(row.builtin) if row.builtin else None
            if default is None:
                raise ServiceError("Only a default template can be reset; this one is yours.")
            _assign(row, _values(default))
        return Change(templates=True)

    def delete(self, template_id: int) -> Change:
        with self._sessions.begin() as session:
            row = _get(session, template_id)
            if row.builtin is not None:
                raise ServiceError(
                    "A default template cannot be deleted; change it, or reset it to how it came."
                )
            session.delete(row)
        return Change(templates=True)

    def _ensure_defaults(self) -> None:
        with self._sessions() as session:
            present = set(
                session.scalars(
                    select(MessageTemplate.builtin).where(MessageTemplate.builtin.is_not(None))
                )
            )
        missing = [d for d in DEFAULT_TEMPLATES if d.key not in present]
        if not missing:
            return
        with self._sessions.begin() as session:
            present = set(session.scalars(select(MessageTemplate.builtin)))
            for default in missing:
                if default.key not in present:
                    row = MessageTemplate(builtin=default.key)
                    _assign(row, _values(default))
                    session.add(row)


@dataclass(frozen=True, slots=True)
class DraftSource:
    """One follow-up and what its message is drafted from."""

    follow_up_id: int
    step: Step
    channel: Channel
    status: FollowUpStatus
    due_on: dt.date
    title: str
    company_id: int
    company: str
    contact_id: int | None
    contact_name: str
    contact_email: str
    context: TemplateContext


def draft_source(
    sessions: sessionmaker[Session], follow_up_id: int, *, my_name: str = "", today: dt.date
) -> DraftSource:
    """What the message for ``follow_up_id`` is drafted from. The profile signs it;
    ``my_name`` (the mail account's sender name) stands in for a name it does not give."""
    with sessions() as session:
        profile = read_profile(session)
        follow_up = get_row(session, FollowUp, follow_up_id)
        contact, opportunity = follow_up.contact, follow_up.opportunity
        feedback: tuple[FeedbackInput, ...] = ()
        if opportunity is not None:
            items = session.scalars(
                select(FeedbackItem)
                .where(FeedbackItem.opportunity_id == opportunity.id)
                .order_by(FeedbackItem.id)
            )
            feedback = tuple(
                FeedbackInput(
                    gap=i.gap, importance=i.importance, answer=i.answer, example=i.example
                )
                for i in items
            )
        context = TemplateContext(
            contact_name=contact.name if contact is not None else "",
            company=follow_up.company.name,
            job_title=opportunity.title if opportunity is not None else "",
            feedback=feedback,
            value_title=follow_up.value_item.title if follow_up.value_item is not None else "",
            my_name=profile.name or my_name,
            news_on=opportunity.news_on if opportunity is not None else None,
            today=today,
            my_email=profile.email,
            my_phone=profile.phone,
            signature=profile.signature,
        )
        return DraftSource(
            follow_up_id=follow_up.id,
            step=follow_up.step,
            channel=follow_up.channel,
            status=follow_up.status,
            due_on=follow_up.due_on,
            title=headline(follow_up.notes) or follow_up.step.label,
            company_id=follow_up.company_id,
            company=follow_up.company.name,
            contact_id=follow_up.contact_id,
            contact_name=contact.name if contact is not None else "",
            contact_email=contact.email if contact is not None else "",
            context=context,
        )


def _check(values: TemplateValues) -> None:
    found = problem(values)
    if found is not None:
        raise ServiceError(found)


def _get(session: Session, template_id: int) -> MessageTemplate:
    row = session.get(MessageTemplate, template_id) if valid_id(template_id) else None
    if row is None:
        raise ServiceError("That template no longer exists; it may have been deleted.")
    return row


def _assign(row: MessageTemplate, values: TemplateValues) -> None:
    row.name = " ".join(values.name.split())
    row.step = values.step
    row.subject = " ".join(values.subject.split())
    row.body = values.body.replace("\r\n", "\n").strip("\n")


def _values(default: DefaultTemplate) -> TemplateValues:
    return TemplateValues(default.name, default.step, default.subject, default.body)


def _record(row: MessageTemplate) -> TemplateRecord:
    return TemplateRecord(row.id, row.name, row.step, row.subject, row.body, row.builtin)


def _sort_key(row: TemplateRecord) -> tuple[int, int, str, int]:
    last = len(_STEP_ORDER)  # general templates, and steps this version does not know
    order = _STEP_ORDER.get(row.step, last) if row.step is not None else last
    return (order, 0 if row.is_builtin else 1, row.name.casefold(), row.id)
