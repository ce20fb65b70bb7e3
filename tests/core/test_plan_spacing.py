"""The plan agrees with the cadence guard: table-driven over every job level and event.

The plan never schedules an outbound touch the guard would warn about (on either side, as
the guard checks a stored plan) unless it is one of the playbook's named exceptions; a
touch only ever moves later, to the first day that fits, and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from runnerup_desktop.core.cadence import SPACING_EXEMPT_STEPS, Touch, check_spacing
from runnerup_desktop.core.domain import JobLevel, Step
from runnerup_desktop.core.playbook import (
    NewsEvent,
    PlanChange,
    PlannedTouch,
    fit_touch,
    keep_spacing,
    on_came_back,
    on_candidate_accepted,
    on_hire_started,
    plan_after_news,
)

NEWS = date(2025, 1, 31)  # a month end: re-contacts clamp to shorter months

#: Who is who: everyone the same person, all different, and the mixes in between.
CONTACTS: tuple[tuple[int | None, int | None, int | None], ...] = (
    (1, 1, 1),
    (1, 2, 3),
    (1, 1, 3),
    (1, 2, 1),
    (1, 2, 2),
    (None, 2, 2),
    (1, None, None),
    (None, None, None),
)
RE_CONTACT_MONTHS = (None, 1, 2, 3, 4, 5, 6, 9)
MIN_DAYS = (21, 14, 30)


@dataclass(frozen=True)
class Event:
    name: str
    change: Callable[[NewsEvent], PlanChange | None]


def _on_day(
    call: Callable[[NewsEvent, date], PlanChange], days: int
) -> Callable[[NewsEvent], PlanChange]:
    return lambda event: call(event, NEWS + timedelta(days))


def _events() -> Iterator[Event]:
    yield Event("the news only", lambda _event: None)
    for days in (-3, 0, 5, 7, 12, 30, 58):
        yield Event(f"candidate accepted on day {days}", _on_day(on_candidate_accepted, days))
    for days in (0, 10, 20, 25, 31, 40, 53, 60, 95):
        yield Event(f"hire started on day {days}", _on_day(on_hire_started, days))
    for days in (3, 45, 100):
        yield Event(f"came back on day {days}", _on_day(on_came_back, days))


EVENTS = {event.name: event for event in _events()}


def _stored(
    plan: list[PlannedTouch], min_days: int, change: PlanChange | None
) -> list[PlannedTouch]:
    return plan if change is None else change.apply(plan, min_days)


def _too_close(plan: list[PlannedTouch], min_days: int) -> list[str]:
    """Each touch the guard would warn about, as the store checks one: against every other
    touch to the same person, before and after it."""
    found = []
    for touch in plan:
        if not touch.is_outbound or touch.contact_id is None:
            continue
        others = [
            Touch(t.due_on, t.is_outbound, t.step)
            for t in plan
            if t is not touch and t.contact_id == touch.contact_id
        ]
        warning = check_spacing(others, touch.due_on, touch.step, min_days)
        if warning is not None:
            found.append(f"{touch.step.value} on {touch.due_on}: {warning.message}")
    return found


@pytest.mark.parametrize("event_name", list(EVENTS))
@pytest.mark.parametrize("level", list(JobLevel))
def test_the_plan_never_trips_its_own_guard(level: JobLevel, event_name: str) -> None:
    for accepted in (False, True):
        for caller, manager, recruiter in CONTACTS:
            for months in RE_CONTACT_MONTHS:
                for min_days in MIN_DAYS:
                    news = NewsEvent(
                        news_on=NEWS,
                        job_level=level,
                        caller_id=caller,
                        hiring_manager_id=manager,
                        recruiter_id=recruiter,
                        other_candidate_accepted=accepted,
                        re_contact_months=months,
                    )
                    plan = plan_after_news(news, min_days)
                    stored = _stored(plan, min_days, EVENTS[event_name].change(news))
                    case = (accepted, caller, manager, recruiter, months, min_days)
                    assert _too_close(stored, min_days) == [], case
                    assert [t.due_on for t in stored] == sorted(t.due_on for t in stored)


@pytest.mark.parametrize("level", list(JobLevel))
def test_the_default_plan_needs_no_moving(level: JobLevel) -> None:
    """With the playbook's own figures nothing moves, whoever is who."""
    for caller, manager, recruiter in CONTACTS:
        for accepted in (False, True):
            news = NewsEvent(NEWS, level, caller, manager, recruiter, accepted)
            plan = plan_after_news(news)
            assert not any("Planned " in t.guidance for t in plan)
            assert plan == keep_spacing(plan)


@pytest.mark.parametrize(
    ("months", "moved"),
    [
        # A re-contact after one month (day 28) comes first: the value messages and the
        # 90-day touch after it move along, each to 21 days after the one before.
        (1, {Step.DEMONSTRATE_VALUE: None, Step.MIS_HIRE_WINDOW: date(2025, 5, 2)}),
        # After three months (day 89) it comes just before the 90-day touch, which moves.
        (3, {Step.MIS_HIRE_WINDOW: date(2025, 5, 21)}),
        (4, {}),
    ],
)
def test_what_moves_moves_later_and_says_so(months: int, moved: dict[Step, date | None]) -> None:
    news = NewsEvent(NEWS, JobLevel.INDIVIDUAL_CONTRIBUTOR, 1, 1, 1, re_contact_months=months)
    plain = {(t.step, t.title): t for t in plan_after_news(news, min_spacing_days=0)}
    for touch in plan_after_news(news):
        before = plain[(touch.step, touch.title)]
        assert touch.due_on >= before.due_on
        if touch.due_on == before.due_on:
            assert "Planned " not in touch.guidance
            continue
        assert touch.step in moved, touch
        if moved[touch.step] is not None:
            assert touch.due_on == moved[touch.step]
        days = (touch.due_on - before.due_on).days
        assert touch.guidance.endswith(
            f"Planned {days} days after the playbook's day to keep 21 days from your other "
            "touches with this person."
        )


@pytest.mark.parametrize("step", sorted(SPACING_EXEMPT_STEPS))
def test_the_exceptions_are_never_moved(step: Step) -> None:
    touch = PlannedTouch(step, NEWS, 1, plan_after_news(_news())[1].channel, "T", "G.", True)
    assert fit_touch(touch, [Touch(NEWS, True)]) is touch


def test_a_later_events_touch_fits_around_the_stored_plan() -> None:
    """The hire starts on day 31: the 90-day touch (day 121) would land 1 day after the
    re-contact (4 months, day 120) to the same person; it moves to day 141."""
    news = _news()
    plan = plan_after_news(news)
    re_contact = next(t for t in plan if t.step is Step.RE_CONTACT)
    assert re_contact.due_on == date(2025, 5, 31)
    stored = on_hire_started(news, NEWS + timedelta(31)).apply(plan)
    mis_hire = next(t for t in stored if t.step is Step.MIS_HIRE_WINDOW)
    assert mis_hire.due_on == re_contact.due_on + timedelta(21)
    unfitted = on_hire_started(news, NEWS + timedelta(31)).apply(plan, min_days=0)
    assert next(t for t in unfitted if t.step is Step.MIS_HIRE_WINDOW).due_on == date(2025, 6, 1)


def _news() -> NewsEvent:
    return NewsEvent(NEWS, JobLevel.INDIVIDUAL_CONTRIBUTOR, 1, 1, 1)
