"""What a person enters about the news and about follow-ups, as plain immutable values.

:class:`NewsInput` is the "I came second" form: the store turns it into a
:class:`~runnerup_desktop.core.playbook.NewsEvent` (adding the job level and the company's
contacts) and records it. :class:`FollowUpValues` is one follow-up added by hand.

Which stored follow-ups count as outbound touches for the cadence guard is decided here,
once, by :func:`is_outbound_follow_up`: the sequence's own rule (see ``core/playbook.py``)
applied to what a follow-up row keeps (its step, channel and contact).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from runnerup_desktop.core.domain import Channel, Importance, InteractionKind, Step

MAX_WINNER_NAME = 200

#: Steps that are work for the person or answer the company, never a touch they start.
NOT_OUTBOUND_STEPS: frozenset[Step] = frozenset(
    {
        Step.THANK_AND_ASK,
        Step.RECALIBRATE,
        Step.WIDEN_NETWORK,
        Step.FIND_A_TWIN,
        Step.NEGOTIATE,
        Step.INTERVIEW,
    }
)

#: The kind of interaction that doing a follow-up on a channel leaves in the history.
KIND_FOR_CHANNEL: dict[Channel, InteractionKind] = {
    Channel.EMAIL: InteractionKind.EMAIL,
    Channel.PHONE: InteractionKind.CALL,
    Channel.CARD: InteractionKind.CARD,
    Channel.LINKEDIN: InteractionKind.MESSAGE,
    Channel.MEETING: InteractionKind.MEETING,
    Channel.NONE: InteractionKind.NOTE,
}


@dataclass(frozen=True, slots=True)
class FeedbackInput:
    """A gap the company named on the call, and how the person will answer it."""

    gap: str
    importance: Importance = Importance.UNKNOWN
    answer: str = ""
    example: str = ""


@dataclass(frozen=True, slots=True)
class NewsInput:
    """The day the person heard they came second, who told them and what was said."""

    news_on: dt.date
    #: The contact who gave the news (the "caller"); ``None`` when not recorded.
    told_by_id: int | None = None
    feedback: tuple[FeedbackInput, ...] = ()
    other_candidate_accepted: bool = False
    winner_name: str = ""
    #: Months to the re-contact instead of the job level's default (not stored).
    re_contact_months: int | None = None


@dataclass(frozen=True, slots=True)
class FollowUpValues:
    """A follow-up added by hand."""

    company_id: int
    due_on: dt.date
    contact_id: int | None = None
    opportunity_id: int | None = None
    step: Step = Step.OTHER
    channel: Channel = Channel.EMAIL
    due_time: dt.time | None = None
    notes: str = ""
    value_item_id: int | None = None


def news_problem(news: NewsInput, today: dt.date) -> str | None:
    """One sentence saying what is wrong with the news as entered, or ``None``."""
    if news.news_on > today:
        return (
            f"The news cannot come on {news.news_on.isoformat()}, after today: record it on "
            f"the day you heard it."
        )
    if len(news.winner_name.strip()) > MAX_WINNER_NAME:
        return f"The other candidate's name can be at most {MAX_WINNER_NAME} characters."
    for number, item in enumerate(news.feedback, start=1):
        if not item.gap.strip():
            return f"Feedback item {number} has no gap: say what they found missing, or remove it."
    if news.re_contact_months is not None and news.re_contact_months < 1:
        return "The re-contact must be at least one month after the news."
    return None


def is_outbound_follow_up(step: Step, channel: Channel, contact_id: int | None) -> bool:
    """Whether a planned follow-up is a touch the person starts towards one contact."""
    return contact_id is not None and channel is not Channel.NONE and step not in NOT_OUTBOUND_STEPS


def touch_notes(title: str, guidance: str) -> str:
    """The notes a planned touch is stored with: its title, a blank line, its guidance."""
    title, guidance = title.strip(), guidance.strip()
    return f"{title}\n\n{guidance}" if guidance else title


def headline(notes: str) -> str:
    """The first line of a follow-up's notes: its title."""
    return notes.strip().split("\n", 1)[0].strip()
