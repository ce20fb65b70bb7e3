"""Correcting the news after it was recorded: its day, who told it, the other candidate,
and the feedback gaps with their answers and examples.

:meth:`NewsCorrections.update_news` takes the news as a whole (:class:`NewsRecord`, as
:meth:`NewsCorrections.recorded_news` reads it) and saves it in one transaction: the call
that was logged and the thank-and-ask step move with the day and the caller, gaps are
changed, added and removed, and with ``move_plan`` the still-planned follow-ups move by as
many days as the news did. Single gaps can also be added, changed and deleted on their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import Direction, FollowUpStatus, Importance, Step
from runnerup_desktop.core.news import MAX_WINNER_NAME, FeedbackInput, headline
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.directory_services import recount_last_touch
from runnerup_desktop.store.models import FeedbackItem, FollowUp, Interaction, Opportunity
from runnerup_desktop.store.opportunity_services import (
    CAME_BACK_BEFORE_NEWS,
    HIRE_BEFORE_NEWS,
    NEWS_BEFORE_FINAL,
    in_order,
)
from runnerup_desktop.store.service_base import ServiceBase, check_belongs, day, get_row

MAX_FEEDBACK_TEXT = 2_000


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    """A feedback gap as stored (``id``), or a new one (``id`` is ``None``)."""

    id: int | None
    gap: str
    importance: Importance = Importance.UNKNOWN
    answer: str = ""
    example: str = ""


@dataclass(frozen=True, slots=True)
class NewsRecord:
    """The news of one opportunity as recorded, and as a correction is given back."""

    news_on: dt.date
    told_by_id: int | None
    other_candidate_accepted: bool
    winner_name: str
    feedback: tuple[FeedbackRecord, ...] = ()


class NewsCorrections(ServiceBase):
    """Reading and correcting recorded news and its feedback."""

    def recorded_news(self, opportunity_id: int) -> NewsRecord:
        with self._sessions() as session:
            opportunity = _with_news(session, opportunity_id)
            assert opportunity.news_on is not None  # _with_news checked it
            return NewsRecord(
                news_on=opportunity.news_on,
                told_by_id=opportunity.news_from_id,
                other_candidate_accepted=bool(opportunity.winner_accepted),
                winner_name=opportunity.winner_name,
                feedback=tuple(
                    FeedbackRecord(i.id, i.gap, i.importance, i.answer, i.example)
                    for i in _feedback(session, opportunity_id)
                ),
            )

    def update_news(
        self, opportunity_id: int, news: NewsRecord, *, move_plan: bool = False
    ) -> Change:
        """Save the corrected news, all or nothing (see the module's docstring)."""
        _check_feedback(news.feedback)
        winner = " ".join(news.winner_name.split())
        if len(winner) > MAX_WINNER_NAME:
            raise ServiceError(
                f"The other candidate's name can be at most {MAX_WINNER_NAME} characters."
            )
        if news.news_on > self._today():
            raise ServiceError(f"The news cannot come on {day(news.news_on)}, after today.")
        with self._sessions.begin() as session:
            opportunity = _with_news(session, opportunity_id)
            assert opportunity.news_on is not None
            check_belongs(session, opportunity.company_id, contact_id=news.told_by_id)
            in_order(opportunity.final_interview_on, news.news_on, NEWS_BEFORE_FINAL)
            in_order(news.news_on, opportunity.hire_start_on, HIRE_BEFORE_NEWS)
            in_order(news.news_on, opportunity.came_back_on, CAME_BACK_BEFORE_NEWS)
            shift = news.news_on - opportunity.news_on
            contacts = {opportunity.news_from_id, news.told_by_id}
            contacts |= _move_the_call(session, opportunity, news)
            contacts |= _move_plan(session, opportunity, news.news_on, shift, move_plan)
            opportunity.news_on = news.news_on
            opportunity.news_from_id = news.told_by_id
            opportunity.winner_name = winner
            opportunity.winner_accepted = True if news.other_candidate_accepted else None
            _replace_feedback(session, opportunity, news.feedback)
            session.flush()
            known = frozenset(c for c in contacts if c is not None)
            recount_last_touch(session, frozenset({opportunity.company_id}), known)
            return Change(
                companies=frozenset({opportunity.company_id}),
                contacts=known,
                opportunities=True,
                follow_ups=True,
                interactions=True,
            )

    def add_feedback(self, opportunity_id: int, item: FeedbackInput) -> tuple[int, Change]:
        _check_feedback(
            [FeedbackRecord(None, item.gap, item.importance, item.answer, item.example)]
        )
        with self._sessions.begin() as session:
            opportunity = get_row(session, Opportunity, opportunity_id)
            row = FeedbackItem(opportunity_id=opportunity_id)
            _assign(row, item)
            session.add(row)
            session.flush()
            return row.id, _feedback_change(opportunity)

    def update_feedback(self, item_id: int, item: FeedbackInput) -> Change:
        _check_feedback(
            [FeedbackRecord(item_id, item.gap, item.importance, item.answer, item.example)]
        )
        with self._sessions.begin() as session:
            row = _feedback_row(session, item_id)
            _assign(row, item)
            return _feedback_change(row.opportunity)

    def delete_feedback(self, item_id: int) -> Change:
        with self._sessions.begin() as session:
            row = _feedback_row(session, item_id)
            change = _feedback_change(row.opportunity)
            session.delete(row)
        return change | Change(deleted=True)


def _with_news(session: Session, opportunity_id: int) -> Opportunity:
    opportunity = get_row(session, Opportunity, opportunity_id)
    if opportunity.news_on is None:
        raise ServiceError(f"No news is recorded for “{opportunity.title}” yet: record it first.")
    return opportunity


def _feedback(session: Session, opportunity_id: int) -> list[FeedbackItem]:
    query = (
        select(FeedbackItem)
        .where(FeedbackItem.opportunity_id == opportunity_id)
        .order_by(FeedbackItem.id)
    )
    return list(session.scalars(query))


def _feedback_row(session: Session, item_id: int) -> FeedbackItem:
    row = session.get(FeedbackItem, item_id)
    if row is None:
        raise ServiceError("That feedback gap no longer exists; it may have been deleted.")
    return row


def _check_feedback(items: Sequence[FeedbackRecord]) -> None:
    for number, item in enumerate(items, start=1):
        if not item.gap.strip():
            raise ServiceError(
                f"Feedback item {number} has no gap: say what they found missing, or remove it."
            )
        for text in (item.gap, item.answer, item.example):
            if len(text.strip()) > MAX_FEEDBACK_TEXT:
                raise ServiceError(
                    f"Feedback item {number} is too long: at most {MAX_FEEDBACK_TEXT:,} "
                    "characters for the gap, the answer and the example each."
                )


def _assign(row: FeedbackItem, item: FeedbackInput | FeedbackRecord) -> None:
    row.gap = item.gap.strip()
    row.importance = item.importance
    row.answer = item.answer.strip()
    row.example = item.example.strip()


def _replace_feedback(
    session: Session, opportunity: Opportunity, items: Sequence[FeedbackRecord]
) -> None:
    stored = {row.id: row for row in _feedback(session, opportunity.id)}
    for item in items:
        if item.id is None:
            row = FeedbackItem(opportunity_id=opportunity.id)
            session.add(row)
        elif item.id in stored:
            row = stored.pop(item.id)
        else:
            raise ServiceError("A feedback gap being changed no longer exists; reopen the news.")
        _assign(row, item)
    for row in stored.values():
        session.delete(row)


def _move_the_call(session: Session, opportunity: Opportunity, news: NewsRecord) -> set[int | None]:
    """The thank-and-ask step and the inbound call linked to it follow the news's day and
    caller; the contacts they leave or reach."""
    asked = session.scalars(
        select(FollowUp).where(
            FollowUp.opportunity_id == opportunity.id, FollowUp.step == Step.THANK_AND_ASK
        )
    ).all()
    touched: set[int | None] = set()
    for follow_up in asked:
        touched |= {follow_up.contact_id, news.told_by_id}
        if follow_up.due_on == opportunity.news_on:
            follow_up.due_on = news.news_on
        if follow_up.completed_on == opportunity.news_on:
            follow_up.completed_on = news.news_on
        if follow_up.contact_id == opportunity.news_from_id:
            follow_up.contact_id = news.told_by_id
        calls = session.scalars(
            select(Interaction).where(
                Interaction.follow_up_id == follow_up.id,
                Interaction.direction == Direction.INBOUND,
                Interaction.occurred_on == opportunity.news_on,
            )
        )
        for call in calls:
            touched.add(call.contact_id)
            call.occurred_on = news.news_on
            call.contact_id = news.told_by_id
    return touched


def _move_plan(
    session: Session,
    opportunity: Opportunity,
    news_on: dt.date,
    shift: dt.timedelta,
    move: bool,
) -> set[int | None]:
    """Move the still-planned follow-ups by ``shift`` (``move``), or refuse one the new day
    would leave before the news."""
    planned = session.scalars(
        select(FollowUp).where(
            FollowUp.opportunity_id == opportunity.id,
            FollowUp.status == FollowUpStatus.PLANNED,
            FollowUp.step != Step.THANK_AND_ASK,  # it moved with the call
        )
    ).all()
    touched: set[int | None] = set()
    for follow_up in planned:
        if move and shift:
            follow_up.due_on += shift
            follow_up.notified_at = None
            touched.add(follow_up.contact_id)
        elif follow_up.due_on < news_on:
            title = headline(follow_up.notes) or follow_up.step.label
            raise ServiceError(
                f"“{title}” is due on {day(follow_up.due_on)}, before the news on "
                f"{day(news_on)}: move the plan with the news, or move that follow-up first."
            )
    return touched


def _feedback_change(opportunity: Opportunity) -> Change:
    return Change(companies=frozenset({opportunity.company_id}), opportunities=True)
