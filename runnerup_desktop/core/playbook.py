"""The runner-up playbook as dated follow-ups (see shared/docs/playbook.md).

:func:`plan_after_news` turns the day a person hears they came second into the playbook's
sequence with real dates; :func:`on_candidate_accepted`, :func:`on_hire_started`,
:func:`on_role_reposted` and :func:`on_came_back` answer later news with a
:class:`PlanChange`.

Choices the playbook leaves open, made here once:

- A due date is the *last* day of the playbook's window: the thank-you note ("day 0-1") is
  due on day 1, recalibrating ("day 0-2") on day 2. Thank-and-ask happened on the call, so
  it is a day-0 step to record the feedback, not a touch the person starts.
- Who gets a touch: the thank-you note and the re-contact go to the person who called (the
  playbook's "same person"); the offer check-in and the door-open note to the recruiter;
  value touches, the mis-hire window and negotiating to the hiring manager. Each falls back
  to the other known contacts in that order of relevance, or to no contact.
- The offer check-in (day 7) is planned only while the other candidate has not accepted.
  Once they have, the door-open note takes its place: due on the day of the acceptance,
  but never before day 7, so it does not pile onto the thank-you note.
- Value touches on days 30 and 60; the third is the mis-hire window touch on day 90, an
  estimate counted from the news until the hire's start date is known (managers tend to
  call back after the second or third value message).
- Widening the network (day 14), recalibrating and finding a twin (day 21) are work for the
  person, not touches to one contact: they have no contact and ``is_outbound`` is false,
  so the cadence guard ignores them. Negotiating answers the company's call: also not
  outbound.
- The role re-posted on the company's job board: one touch to the hiring manager (else the
  person who told the news, else the recruiter) due that very day; the waiting touches
  stay (the company has not come back yet), and a second re-post replaces a still-planned
  first one rather than piling up. Negotiating stays with the company coming back.
- Re-contact: 4, 5 or 6 calendar months after the news by job level (or the user's
  override); a day missing from the target month clamps to its last day (Jan 31 + 1 month
  is Feb 28, or 29 in a leap year).
- The plan never schedules what the cadence guard would warn about, except the playbook's
  named exceptions (``cadence.SPACING_EXEMPT_STEPS``): when two outbound touches to the
  same person would come closer than the minimum spacing (a short re-contact override
  against a value message, say), the later one moves to the first day that fits, and its
  guidance says so. :func:`fit_touch` does the same for a touch a later event adds.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from runnerup_desktop.core.cadence import (
    DEFAULT_MIN_SPACING_DAYS,
    Touch,
    first_fitting_day,
    is_exempt,
)
from runnerup_desktop.core.domain import Channel, JobLevel, Step

THANK_AND_ASK_DAY = 0
THANK_YOU_NOTE_DAY = 1
RECALIBRATE_DAY = 2
OFFER_CHECK_IN_DAY = 7
#: The door-open note is due no earlier than this day after the news.
DOOR_OPEN_EARLIEST_DAY = OFFER_CHECK_IN_DAY
WIDEN_NETWORK_DAY = 14
FIND_A_TWIN_DAY = 21
DEMONSTRATE_VALUE_DAYS: tuple[int, ...] = (30, 60)
#: Days after the hire starts (or, while that is unknown, after the news).
MIS_HIRE_WINDOW_DAYS = 90

#: Months from the news to the re-contact, unless the user sets otherwise.
RE_CONTACT_MONTHS: dict[JobLevel, int] = {
    JobLevel.INDIVIDUAL_CONTRIBUTOR: 4,
    JobLevel.MIDDLE_MANAGEMENT: 5,
    JobLevel.SENIOR_EXECUTIVE: 6,
}

#: Steps that keep the relationship warm while waiting; they go once the company comes back.
WAITING_STEPS: frozenset[Step] = frozenset(
    {
        Step.OFFER_CHECK_IN,
        Step.DOOR_OPEN_NOTE,
        Step.DEMONSTRATE_VALUE,
        Step.MIS_HIRE_WINDOW,
        Step.RE_CONTACT,
        Step.ROLE_REPOSTED,
    }
)

_STEP_ORDER: dict[Step, int] = {step: index for index, step in enumerate(Step)}


class PlanError(ValueError):
    """News that cannot be planned from, such as a hire starting before the news."""


@dataclass(frozen=True)
class NewsEvent:
    """The day a person heard they were the company's second choice, and what they know."""

    news_on: date
    job_level: JobLevel
    caller_id: int | None = None
    hiring_manager_id: int | None = None
    recruiter_id: int | None = None
    other_candidate_accepted: bool = False
    has_feedback: bool = False
    #: Months to the re-contact instead of the job level's default.
    re_contact_months: int | None = None

    def __post_init__(self) -> None:
        if self.re_contact_months is not None and self.re_contact_months < 1:
            raise PlanError(
                f"The re-contact must be at least one month after the news, "
                f"not {self.re_contact_months}."
            )


@dataclass(frozen=True)
class PlannedTouch:
    """One dated step of the sequence: what to do, for whom, by when."""

    step: Step
    due_on: date
    contact_id: int | None
    channel: Channel
    title: str
    guidance: str
    #: Whether this is a message or call the person starts towards the contact: only these
    #: count for the cadence guard.
    is_outbound: bool


@dataclass(frozen=True)
class PlanChange:
    """How later news changes a plan: drop the still-planned touches of ``drop_steps``, then
    add ``add``. Touches already done are history and are never dropped."""

    add: list[PlannedTouch] = field(default_factory=list)
    drop_steps: frozenset[Step] = frozenset()

    def apply(
        self, plan: Iterable[PlannedTouch], min_days: int = DEFAULT_MIN_SPACING_DAYS
    ) -> list[PlannedTouch]:
        """The plan with this change made, in due order; each added touch on the first day
        that keeps ``min_days`` from the same person's touches (see :func:`fit_touch`)."""
        kept = [touch for touch in plan if touch.step not in self.drop_steps]
        for touch in self.add:
            same = [_as_touch(t) for t in kept if t.contact_id == touch.contact_id]
            kept.append(fit_touch(touch, same, min_days) if min_days else touch)
        return sort_plan(kept)


def sort_plan(plan: Iterable[PlannedTouch]) -> list[PlannedTouch]:
    """Touches by due date, then in the playbook's order of steps."""
    return sorted(plan, key=lambda touch: (touch.due_on, _STEP_ORDER[touch.step]))


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def re_contact_months(event: NewsEvent) -> int:
    """Months from the news to the re-contact: the user's choice, else by job level."""
    if event.re_contact_months is not None:
        return event.re_contact_months
    return RE_CONTACT_MONTHS[event.job_level]


def plan_after_news(
    event: NewsEvent, min_spacing_days: int = DEFAULT_MIN_SPACING_DAYS
) -> list[PlannedTouch]:
    """The playbook's sequence from the news, dated, spaced and in due order."""
    day0 = event.news_on
    caller = _first(event.caller_id, event.hiring_manager_id, event.recruiter_id)
    manager = _first(event.hiring_manager_id, event.caller_id, event.recruiter_id)
    recruiter = _first(event.recruiter_id, event.caller_id, event.hiring_manager_id)
    feedback = event.has_feedback

    plan = [
        PlannedTouch(
            Step.THANK_AND_ASK,
            _day(day0, THANK_AND_ASK_DAY),
            event.caller_id,
            Channel.PHONE,
            "Thank the caller and record what they said",
            "Thank them and ask in which areas important to them you came up short. Listen, "
            "do not argue, probe for specifics and restate your interest; then write the "
            "feedback down.",
            False,
        ),
        PlannedTouch(
            Step.THANK_YOU_NOTE,
            _day(day0, THANK_YOU_NOTE_DAY),
            caller,
            Channel.EMAIL,
            "Thank-you note to the person who called",
            (
                "Thank them for the news and their answers, make a brief case against each gap "
                "with one or two concrete examples, and close with your continued interest."
                if feedback
                else "Thank them for the news, restate your interest in the company and say you "
                "are open if anything changes."
            )
            + " Almost nobody sends a note after a rejection.",
            True,
        ),
        PlannedTouch(
            Step.RECALIBRATE,
            _day(day0, RECALIBRATE_DAY),
            None,
            Channel.NONE,
            "Turn the feedback into action items",
            (
                "For each piece of feedback decide: essential or nice-to-have, a selling point "
                "to tell better, or a gap in skills or experience to close."
                if feedback
                else "No feedback is recorded yet: note where you think you came up short, and "
                "for each decide whether it is essential, a selling point or a gap to close."
            ),
            False,
        ),
    ]
    if event.other_candidate_accepted:
        plan.append(_door_open_note(event, _day(day0, DOOR_OPEN_EARLIEST_DAY)))
    else:
        plan.append(
            PlannedTouch(
                Step.OFFER_CHECK_IN,
                _day(day0, OFFER_CHECK_IN_DAY),
                recruiter,
                Channel.EMAIL,
                "One check-in on the offer",
                "If you have heard nothing, ask once whether the position has been filled. One "
                "check-in, never daily.",
                True,
            )
        )
    plan += [
        PlannedTouch(
            Step.WIDEN_NETWORK,
            _day(day0, WIDEN_NETWORK_DAY),
            None,
            Channel.LINKEDIN,
            "Widen your network at the company",
            "Add the hiring manager to your network, meet others in the company for referral "
            "conversations and follow the company's news (weeks 2 to 8).",
            False,
        ),
        PlannedTouch(
            Step.FIND_A_TWIN,
            _day(day0, FIND_A_TWIN_DAY),
            None,
            Channel.NONE,
            "Find a twin company",
            "List companies with the same qualities (industry, leadership, culture): they are "
            "targets too.",
            False,
        ),
    ]
    for number, days in enumerate(DEMONSTRATE_VALUE_DAYS, start=1):
        plan.append(
            PlannedTouch(
                Step.DEMONSTRATE_VALUE,
                _day(day0, days),
                manager,
                Channel.EMAIL,
                f"Value message {number} to the hiring manager",
                _VALUE_GUIDANCE,
                True,
            )
        )
    plan.append(_mis_hire_touch(manager, _day(day0, MIS_HIRE_WINDOW_DAYS), estimated=True))
    months = re_contact_months(event)
    plan.append(
        PlannedTouch(
            Step.RE_CONTACT,
            add_months(day0, months),
            caller,
            Channel.EMAIL,
            f"Re-contact after {months} month{'s' if months != 1 else ''}",
            "Contact the same person again: remind them of your last conversation, restate "
            "your interest and ask whether anything has changed.",
            True,
        )
    )
    return keep_spacing(plan, min_spacing_days)


def keep_spacing(
    plan: Iterable[PlannedTouch], min_days: int = DEFAULT_MIN_SPACING_DAYS
) -> list[PlannedTouch]:
    """The plan in due order, each outbound touch that is not an exception at least
    ``min_days`` from the ones before it to the same person (moved later if need be)."""
    kept: list[PlannedTouch] = []
    for touch in sort_plan(plan):
        earlier = [_as_touch(t) for t in kept if t.contact_id == touch.contact_id]
        kept.append(fit_touch(touch, earlier, min_days))
    return sort_plan(kept)


def fit_touch(
    touch: PlannedTouch, others: Iterable[Touch], min_days: int = DEFAULT_MIN_SPACING_DAYS
) -> PlannedTouch:
    """``touch`` moved to the first day on or after its own that keeps ``min_days`` from
    ``others`` (the same person's touches), when it is an outbound touch that is not one of
    the playbook's exceptions; unchanged otherwise."""
    if not touch.is_outbound or touch.contact_id is None or is_exempt(touch.step):
        return touch
    due = first_fitting_day(list(others), touch.due_on, min_days)
    if due == touch.due_on:
        return touch
    moved = (
        f" Planned {(due - touch.due_on).days} days after the playbook's day to keep "
        f"{min_days} days from your other touches with this person."
    )
    return replace(touch, due_on=due, guidance=touch.guidance + moved)


def _as_touch(touch: PlannedTouch) -> Touch:
    return Touch(touch.due_on, touch.is_outbound, touch.step)


def on_candidate_accepted(event: NewsEvent, accepted_on: date) -> PlanChange:
    """The other candidate accepted: the door-open note replaces the offer check-in.

    Due on ``accepted_on``, but no earlier than day 7 after the news (an acceptance before
    the news is normal: companies often call their second choice once the first accepts).
    """
    due = max(accepted_on, _day(event.news_on, DOOR_OPEN_EARLIEST_DAY))
    return PlanChange(
        add=[_door_open_note(event, due)],
        drop_steps=frozenset({Step.OFFER_CHECK_IN, Step.DOOR_OPEN_NOTE}),
    )


def on_hire_started(event: NewsEvent, start_on: date) -> PlanChange:
    """The hire's start date is known: the mis-hire touch moves to 90 days after it."""
    if start_on < event.news_on:
        raise PlanError(
            f"The hire cannot have started on {start_on.isoformat()}, before the news on "
            f"{event.news_on.isoformat()}."
        )
    manager = _first(event.hiring_manager_id, event.caller_id, event.recruiter_id)
    touch = _mis_hire_touch(manager, _day(start_on, MIS_HIRE_WINDOW_DAYS), estimated=False)
    return PlanChange(add=[touch], drop_steps=frozenset({Step.MIS_HIRE_WINDOW}))


def on_role_reposted(event: NewsEvent, on: date) -> PlanChange:
    """The role (or a close twin) is on the company's job board again: reach out that day.

    The first public sign that the door is open again: reach the hiring manager before an
    agency does. The touch is one of the sequence's own steps, so the cadence guard does not
    warn about it (see :data:`runnerup_desktop.core.cadence.SPACING_EXEMPT_STEPS`).
    """
    if on < event.news_on:
        raise PlanError(
            f"The role cannot have been re-posted on {on.isoformat()}, before the news on "
            f"{event.news_on.isoformat()}."
        )
    touch = PlannedTouch(
        Step.ROLE_REPOSTED,
        on,
        _first(event.hiring_manager_id, event.caller_id, event.recruiter_id),
        Channel.EMAIL,
        "Reach out now: the role is posted again",
        "The hire declined, left, or the team grew: this is the first public sign that the "
        "door is open again. Write to the hiring manager before an agency does: restate your "
        "interest and say what you have done on the gaps since.",
        True,
    )
    return PlanChange(add=[touch], drop_steps=frozenset({Step.ROLE_REPOSTED}))


def on_came_back(event: NewsEvent, on: date) -> PlanChange:
    """The company came back: prepare terms that day; the waiting touches are no longer needed.

    Recalibrating, widening the network and finding a twin stay: they still help.
    """
    if on < event.news_on:
        raise PlanError(
            f"The company cannot have come back on {on.isoformat()}, before the news on "
            f"{event.news_on.isoformat()}."
        )
    touch = PlannedTouch(
        Step.NEGOTIATE,
        on,
        _first(event.hiring_manager_id, event.caller_id, event.recruiter_id),
        Channel.PHONE,
        "Prepare your terms before the call",
        "Hiring you spares them a whole selection process, so they are likely to meet your "
        "terms or meet you half way. Decide what you ask for before you talk.",
        False,
    )
    return PlanChange(add=[touch], drop_steps=WAITING_STEPS | {Step.NEGOTIATE})


@dataclass(frozen=True)
class PercentRange:
    """A published percentage range, shown as context."""

    low: int
    high: int

    @property
    def text(self) -> str:
        return f"{self.low}-{self.high}%"


#: How often a runner-up who follows up well is later hired there, overall.
COME_BACK_OVERALL = PercentRange(15, 30)

#: The same by job level. The source gives the overall 15-30% and the order (highest for
#: middle management, lower for individual contributors and senior executives); where the
#: range splits is our reading of it.
COME_BACK_RANGE: dict[JobLevel, PercentRange] = {
    JobLevel.INDIVIDUAL_CONTRIBUTOR: PercentRange(15, 25),
    JobLevel.MIDDLE_MANAGEMENT: PercentRange(25, 30),
    JobLevel.SENIOR_EXECUTIVE: PercentRange(15, 25),
}


def why_companies_come_back() -> str:
    """Context for the UI: why the door is not closed."""
    return (
        "Companies do come back to their second choice: the chosen candidate declines, the "
        "hire does not work out (most often within the first 90 days), moves on, or the team "
        "grows. Finalists often differ by less than 1%."
    )


def come_back_sentence(job_level: JobLevel) -> str:
    """What coaches report for this job level, worded as guidance, never as a promise."""
    return (
        f"For {job_level.label.lower()} roles, coaches report that a runner-up who follows up well "
        f"is later hired there, in this job or a similar one, in roughly "
        f"{COME_BACK_RANGE[job_level].text} of cases. This is published experience, not a "
        f"promise."
    )


_VALUE_GUIDANCE = (
    "Prepare research first: something valuable to them (a competitor, a large customer, an "
    "industry change). Say you found it and ask for a short call; do not put the information "
    "in the message."
)


def _door_open_note(event: NewsEvent, due: date) -> PlannedTouch:
    return PlannedTouch(
        Step.DOOR_OPEN_NOTE,
        due,
        _first(event.recruiter_id, event.hiring_manager_id, event.caller_id),
        Channel.EMAIL,
        "Door-open note: ask to be considered for another role",
        "Say you enjoyed meeting the team and hope to be considered for another role, and ask "
        "whether you would be. The answer tells a close second from a fit concern.",
        True,
    )


def _mis_hire_touch(contact_id: int | None, due: date, *, estimated: bool) -> PlannedTouch:
    when = (
        "About 90 days after the news (the hire's start date is not known)"
        if estimated
        else "90 days after the hire started"
    )
    return PlannedTouch(
        Step.MIS_HIRE_WINDOW,
        due,
        contact_id,
        Channel.EMAIL,
        "Value message at the 90-day mis-hire window",
        f"{when} is when companies most often decide a new hire is not working out: a natural "
        f"moment for a value message. {_VALUE_GUIDANCE}",
        True,
    )


def _day(start: date, days: int) -> date:
    return start + timedelta(days=days)


def _first(*ids: int | None) -> int | None:
    return next((contact_id for contact_id in ids if contact_id is not None), None)
