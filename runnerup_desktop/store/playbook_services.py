"""The playbook's user actions on the store, in one class: :class:`PlaybookServices`.

It puts together opportunities (:mod:`.opportunity_services`), follow-ups and the cadence
guard (:mod:`.followup_services`), value items and the timeline (:mod:`.history_services`),
and adds here:

- the news: :meth:`~PlaybookServices.preview_news` returns the dated plan for review, and
  :meth:`~PlaybookServices.record_news` stores the news, the feedback, the call and the
  (possibly edited) plan in one transaction;
- later events (the other candidate accepted, the hire started, the role re-posted on the
  company's job board, the company came back),
  each applying the core's :class:`~runnerup_desktop.core.playbook.PlanChange` to the
  stored follow-ups in one transaction: only still-planned follow-ups are dropped.

Choices made here: recording the news stores the thank-and-ask step as done on the day of
the news (the call is what it asks for, and it is logged as an inbound call); the news can
be recorded once per opportunity (and corrected afterwards: :mod:`.news_corrections`);
recording it keeps what the form leaves empty (the other candidate's name, who told it,
an acceptance known before); when the company comes back the opportunity moves to the
offer stage and a runner-up company back to "in process". A touch a later event adds goes
to the first day that keeps the minimum spacing from that person's other touches, unless
it is one of the playbook's exceptions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runnerup_desktop.core.cadence import DEFAULT_MIN_SPACING_DAYS
from runnerup_desktop.core.domain import (
    CompanyStatus,
    ContactRole,
    Direction,
    FollowUpStatus,
    InteractionKind,
    Stage,
    Step,
)
from runnerup_desktop.core.news import NewsInput, news_problem, touch_notes
from runnerup_desktop.core.playbook import (
    NewsEvent,
    PlanChange,
    PlanError,
    PlannedTouch,
    fit_touch,
    on_came_back,
    on_candidate_accepted,
    on_hire_started,
    on_role_reposted,
    plan_after_news,
)
from runnerup_desktop.store.cadence_services import CadenceServices, touches_from
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.directory_services import touch_last
from runnerup_desktop.store.followup_services import FollowUpServices
from runnerup_desktop.store.history_services import HistoryServices, SharedWith, TimelineEntry
from runnerup_desktop.store.models import (
    Contact,
    FeedbackItem,
    FollowUp,
    Interaction,
    Opportunity,
)
from runnerup_desktop.store.news_corrections import FeedbackRecord, NewsCorrections, NewsRecord
from runnerup_desktop.store.opportunity_services import (
    CAME_BACK_BEFORE_NEWS,
    HIRE_BEFORE_NEWS,
    NEWS_BEFORE_FINAL,
    OPPORTUNITY_FIELDS,
    OpportunityServices,
    in_order,
)
from runnerup_desktop.store.service_base import check_belongs, check_days, day, get_row
from runnerup_desktop.store.watch_models import JobBoard, JobPosting

__all__ = [
    "OPPORTUNITY_FIELDS",
    "FeedbackRecord",
    "NewsRecord",
    "PlaybookServices",
    "SharedWith",
    "TimelineEntry",
]


class PlaybookServices(
    OpportunityServices, FollowUpServices, CadenceServices, HistoryServices, NewsCorrections
):
    """Every playbook action and query; ``PlaybookServices(store.sessions)``."""

    # the news --------------------------------------------------------------------------
    def preview_news(
        self,
        opportunity_id: int,
        news: NewsInput,
        min_spacing_days: int = DEFAULT_MIN_SPACING_DAYS,
    ) -> list[PlannedTouch]:
        """The playbook's dated sequence for this news, for the person to review and edit."""
        self._check_news(news)
        with self._sessions() as session:
            opportunity = get_row(session, Opportunity, opportunity_id)
            event = _news_event(session, opportunity, news)
        return plan_after_news(event, min_spacing_days)

    def record_news(
        self, opportunity_id: int, news: NewsInput, plan: Iterable[PlannedTouch]
    ) -> Change:
        """Record the news, its feedback, the call and the reviewed plan: all or nothing."""
        self._check_news(news)
        plan = list(plan)
        for touch in plan:
            check_days(due_on=touch.due_on)
        with self._sessions.begin() as session:
            opportunity = get_row(session, Opportunity, opportunity_id)
            _check_news_fits(opportunity, news)
            check_belongs(session, opportunity.company_id, contact_id=news.told_by_id)
            for touch in plan:
                check_belongs(session, opportunity.company_id, contact_id=touch.contact_id)
                if touch.due_on < news.news_on:
                    raise ServiceError(
                        f"“{touch.title}” is due on {day(touch.due_on)}, before the news on "
                        f"{day(news.news_on)}: move it to the day of the news or later."
                    )
            opportunity.stage = Stage.RUNNER_UP
            opportunity.news_on = news.news_on
            # What the form leaves empty is kept, never blanked.
            if news.told_by_id is not None:
                opportunity.news_from_id = news.told_by_id
            winner = " ".join(news.winner_name.split())
            if winner:
                opportunity.winner_name = winner
            if news.other_candidate_accepted:
                opportunity.winner_accepted = True
            opportunity.company.status = CompanyStatus.RUNNER_UP
            for item in news.feedback:
                opportunity.feedback.append(
                    FeedbackItem(
                        gap=item.gap.strip(),
                        importance=item.importance,
                        answer=item.answer.strip(),
                        example=item.example.strip(),
                    )
                )
            call = Interaction(
                company_id=opportunity.company_id,
                contact_id=news.told_by_id,
                kind=InteractionKind.CALL,
                direction=Direction.INBOUND,
                occurred_on=news.news_on,
                summary=_news_summary(opportunity, news),
            )
            session.add(call)
            touch_last(session, call)
            rows = [follow_up_for(opportunity, touch) for touch in plan]
            session.add_all(rows)
            session.flush()
            # The call is what the thank-and-ask step asked for: link them.
            asked = next((row for row in rows if row.step is Step.THANK_AND_ASK), None)
            call.follow_up_id = asked.id if asked is not None else None
            contacts = {t.contact_id for t in plan} | {news.told_by_id}
            return _plan_change(opportunity, contacts, interactions=True)

    def _check_news(self, news: NewsInput) -> None:
        check_days(news_on=news.news_on)
        problem = news_problem(news, self._today())
        if problem is not None:
            raise ServiceError(problem)

    # later events ----------------------------------------------------------------------
    def candidate_accepted(
        self, opportunity_id: int, on: dt.date, min_spacing_days: int = DEFAULT_MIN_SPACING_DAYS
    ) -> Change:
        """The other candidate accepted: a door-open note replaces the offer check-in."""
        check_days(on=on)
        self._not_future(on, "The other candidate cannot have accepted")
        with self._sessions.begin() as session:
            opportunity, event = _stored_news(session, opportunity_id)
            opportunity.winner_accepted = True
            change = on_candidate_accepted(event, on)
            if _has_done(session, opportunity.id, Step.DOOR_OPEN_NOTE):
                change = PlanChange(add=[], drop_steps=change.drop_steps)
            return _apply(session, opportunity, change, min_spacing_days)

    def hire_started(
        self, opportunity_id: int, on: dt.date, min_spacing_days: int = DEFAULT_MIN_SPACING_DAYS
    ) -> Change:
        """The hire's start is known (it may be ahead): the mis-hire touch moves with it (to
        the first day that keeps the spacing from the person's other touches)."""
        check_days(on=on)
        with self._sessions.begin() as session:
            opportunity, event = _stored_news(session, opportunity_id)
            change = _planned_change(lambda: on_hire_started(event, on))
            opportunity.hire_start_on = on
            return _apply(session, opportunity, change, min_spacing_days)

    def role_reposted(
        self, opportunity_id: int, on: dt.date, posting_id: int | None = None
    ) -> Change:
        """The role is on the company's job board again: a touch to the hiring manager that
        day, and a note on the timeline (with the posting, when it came from the watch)."""
        check_days(on=on)
        self._not_future(on, "The role cannot have been re-posted")
        with self._sessions.begin() as session:
            opportunity, event = _stored_news(session, opportunity_id)
            change = _planned_change(lambda: on_role_reposted(event, on))
            summary = f"“{opportunity.title}” is on the company's job board again."
            if posting_id is not None:
                posting = session.get(JobPosting, posting_id)
                board = session.get(JobBoard, posting.board_id) if posting else None
                if posting is None or board is None or board.company_id != opportunity.company_id:
                    raise ServiceError("That posting is no longer known; check the board again.")
                posting.recorded_on = on
                summary = f"Saw “{posting.title}” on the company's job board: {posting.url}"
            session.add(
                Interaction(
                    company_id=opportunity.company_id,
                    kind=InteractionKind.NOTE,
                    direction=Direction.NONE,
                    occurred_on=on,
                    summary=summary,
                )
            )
            return _apply(session, opportunity, change, DEFAULT_MIN_SPACING_DAYS) | Change(
                interactions=True, job_boards=posting_id is not None
            )

    def came_back(
        self, opportunity_id: int, on: dt.date, min_spacing_days: int = DEFAULT_MIN_SPACING_DAYS
    ) -> Change:
        """The company came back: prepare terms; the waiting touches go."""
        check_days(on=on)
        self._not_future(on, "The company cannot have come back")
        with self._sessions.begin() as session:
            opportunity, event = _stored_news(session, opportunity_id)
            change = _planned_change(lambda: on_came_back(event, on))
            opportunity.came_back_on = on
            opportunity.stage = Stage.OFFER
            if opportunity.company.status is CompanyStatus.RUNNER_UP:
                opportunity.company.status = CompanyStatus.IN_PROCESS
            return _apply(session, opportunity, change, min_spacing_days)

    def _not_future(self, on: dt.date, what: str) -> None:
        if on > self._today():
            raise ServiceError(f"{what} on {day(on)}, after today.")


def follow_up_for(opportunity: Opportunity, touch: PlannedTouch) -> FollowUp:
    """The stored follow-up for one touch of a plan; thank-and-ask is done on the call."""
    done = touch.step is Step.THANK_AND_ASK
    return FollowUp(
        company_id=opportunity.company_id,
        opportunity_id=opportunity.id,
        contact_id=touch.contact_id,
        step=touch.step,
        channel=touch.channel,
        due_on=touch.due_on,
        status=FollowUpStatus.DONE if done else FollowUpStatus.PLANNED,
        completed_on=touch.due_on if done else None,
        notes=touch_notes(touch.title, touch.guidance),
    )


def _plan_change(
    opportunity: Opportunity, contacts: Iterable[int | None], *, interactions: bool = False
) -> Change:
    return Change(
        companies=frozenset({opportunity.company_id}),
        contacts=frozenset(c for c in contacts if c is not None),
        follow_ups=True,
        interactions=interactions,
        opportunities=True,
    )


def _check_news_fits(opportunity: Opportunity, news: NewsInput) -> None:
    if opportunity.stage is Stage.RUNNER_UP and opportunity.news_on is not None:
        raise ServiceError(
            f"The news for “{opportunity.title}” is already recorded (on "
            f"{day(opportunity.news_on)}); change its follow-ups instead."
        )
    if opportunity.stage is Stage.HIRED:
        raise ServiceError(
            f"“{opportunity.title}” is marked as hired; change its stage before recording "
            f"that you came second."
        )
    in_order(opportunity.final_interview_on, news.news_on, NEWS_BEFORE_FINAL)
    in_order(news.news_on, opportunity.hire_start_on, HIRE_BEFORE_NEWS)
    in_order(news.news_on, opportunity.came_back_on, CAME_BACK_BEFORE_NEWS)


def _contact_with_role(
    session: Session, company_id: int, role: ContactRole, preferred: int | None
) -> int | None:
    """The company's contact with ``role``: the one who told the news if it has that role,
    else the first one added."""
    query = (
        select(Contact.id)
        .where(Contact.company_id == company_id, Contact.role == role)
        .order_by((Contact.id == preferred).desc(), Contact.id)
        .limit(1)
    )
    found: int | None = session.scalar(query)
    return found


def _news_event(
    session: Session,
    opportunity: Opportunity,
    news: NewsInput,
    *,
    has_feedback: bool | None = None,
) -> NewsEvent:
    """The core's view of the news: the job level and who is who at the company."""
    check_belongs(session, opportunity.company_id, contact_id=news.told_by_id)
    company_id, caller = opportunity.company_id, news.told_by_id
    try:
        return NewsEvent(
            news_on=news.news_on,
            job_level=opportunity.job_level,
            caller_id=caller,
            hiring_manager_id=_contact_with_role(
                session, company_id, ContactRole.HIRING_MANAGER, caller
            ),
            recruiter_id=_contact_with_role(session, company_id, ContactRole.RECRUITER, caller),
            other_candidate_accepted=news.other_candidate_accepted,
            has_feedback=bool(news.feedback) if has_feedback is None else has_feedback,
            re_contact_months=news.re_contact_months,
        )
    except PlanError as exc:
        raise ServiceError(str(exc)) from exc


def _stored_news(session: Session, opportunity_id: int) -> tuple[Opportunity, NewsEvent]:
    """The opportunity and its news as recorded, for planning later events."""
    opportunity = get_row(session, Opportunity, opportunity_id)
    if opportunity.news_on is None:
        raise ServiceError(
            f"Record the news for “{opportunity.title}” first: the follow-ups count from it."
        )
    has_feedback = session.scalar(
        select(
            select(FeedbackItem.id).where(FeedbackItem.opportunity_id == opportunity.id).exists()
        )
    )
    news = NewsInput(
        news_on=opportunity.news_on,
        told_by_id=opportunity.news_from_id,
        other_candidate_accepted=bool(opportunity.winner_accepted),
    )
    return opportunity, _news_event(session, opportunity, news, has_feedback=bool(has_feedback))


def _planned_change(plan: Callable[[], PlanChange]) -> PlanChange:
    try:
        return plan()
    except PlanError as exc:
        raise ServiceError(str(exc)) from exc


def _has_done(session: Session, opportunity_id: int, step: Step) -> bool:
    query = select(FollowUp.id).where(
        FollowUp.opportunity_id == opportunity_id,
        FollowUp.step == step,
        FollowUp.status == FollowUpStatus.DONE,
    )
    return bool(session.scalar(select(query.exists())))


def _apply(session: Session, opportunity: Opportunity, change: PlanChange, min_days: int) -> Change:
    """Drop the still-planned follow-ups of the dropped steps, then add the new ones, each
    on the first day that keeps ``min_days`` from the person's other touches."""
    dropped = session.scalars(
        select(FollowUp.contact_id).where(
            FollowUp.opportunity_id == opportunity.id,
            FollowUp.status == FollowUpStatus.PLANNED,
            FollowUp.step.in_(list(change.drop_steps)),
        )
    ).all()
    if change.drop_steps:
        session.execute(
            delete(FollowUp).where(
                FollowUp.opportunity_id == opportunity.id,
                FollowUp.status == FollowUpStatus.PLANNED,
                FollowUp.step.in_(list(change.drop_steps)),
            )
        )
    session.flush()
    for touch in change.add:
        if touch.contact_id is not None and min_days > 0:
            earliest = touch.due_on - dt.timedelta(days=min_days)
            touch = fit_touch(touch, touches_from(session, touch.contact_id, earliest), min_days)
        session.add(follow_up_for(opportunity, touch))
        session.flush()
    return _plan_change(opportunity, [*dropped, *(t.contact_id for t in change.add)])


def _news_summary(opportunity: Opportunity, news: NewsInput) -> str:
    parts = [f"Heard I came second for “{opportunity.title}”."]
    if news.winner_name.strip():
        accepted = " and accepted" if news.other_candidate_accepted else ""
        parts.append(f"The offer went to {news.winner_name.strip()}{accepted}.")
    elif news.other_candidate_accepted:
        parts.append("The other candidate accepted.")
    if news.feedback:
        count = len(news.feedback)
        parts.append(f"They named {count} gap{'s' if count != 1 else ''}.")
    return " ".join(parts)
