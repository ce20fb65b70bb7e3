"""The stored plan and the store's cadence guard agree (issue 15), against a real file.

Table-driven over every job level and event, with everyone at the company the same person
(the case where the plan's touches all land on one contact): no planned follow-up is
warned about, the style reading after doing exactly what the plan said is not stalking,
and the guard never scolds for a touch that already happened.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from runnerup_desktop.core.cadence import Style
from runnerup_desktop.core.domain import (
    ContactRole,
    Direction,
    FollowUpStatus,
    InteractionKind,
    JobLevel,
    Stage,
    Step,
)
from runnerup_desktop.core.news import FollowUpValues, NewsInput, headline
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import FollowUp
from runnerup_desktop.store.playbook_services import PlaybookServices

NEWS = date(2025, 1, 31)


@dataclasses.dataclass
class OnePerson:
    """A company where one person is hiring manager, recruiter and caller."""

    company: int
    person: int
    opportunity: int


def _one_person(store: Store, pb: PlaybookServices, level: JobLevel) -> OnePerson:
    services = DirectoryServices(store.sessions)
    company, _ = services.add_company({"name": "Acme"})
    person, _ = services.add_contact(
        {"company_id": company, "name": "Ana Lopez", "role": ContactRole.HIRING_MANAGER}
    )
    role, _ = pb.add_opportunity(
        {
            "company_id": company,
            "title": "Data Engineer",
            "job_level": level,
            "stage": Stage.FINAL_ROUND,
        }
    )
    return OnePerson(company, person, role)


def _fixed(day: date) -> Callable[[], date]:
    return lambda: day


def _planned(store: Store) -> list[FollowUp]:
    with store.sessions() as session:
        query = select(FollowUp).where(FollowUp.status == FollowUpStatus.PLANNED)
        return list(session.scalars(query.order_by(FollowUp.due_on)))


EVENTS: dict[str, Callable[[PlaybookServices, int], object]] = {
    "the news only": lambda _pb, _role: None,
    "candidate accepted on day 3": lambda pb, role: pb.candidate_accepted(
        role, NEWS + timedelta(3)
    ),
    "candidate accepted on day 12": lambda pb, role: pb.candidate_accepted(
        role, NEWS + timedelta(12)
    ),
    "hire started on day 0": lambda pb, role: pb.hire_started(role, NEWS),
    "hire started on day 31": lambda pb, role: pb.hire_started(role, NEWS + timedelta(31)),
    "hire started on day 45": lambda pb, role: pb.hire_started(role, NEWS + timedelta(45)),
    "came back on day 40": lambda pb, role: pb.came_back(role, NEWS + timedelta(40)),
}


@pytest.mark.parametrize("event", list(EVENTS))
@pytest.mark.parametrize("level", list(JobLevel))
@pytest.mark.parametrize("accepted", [False, True])
def test_no_planned_follow_up_is_warned_about(
    store: Store, level: JobLevel, event: str, accepted: bool
) -> None:
    """Issue 15: Compose on the plan's own thank-you note warned about cadence (the offer
    check-in six days later counted as its neighbour)."""
    today = NEWS + timedelta(60)
    pb = PlaybookServices(store.sessions, today=lambda: today)
    world = _one_person(store, pb, level)
    news = NewsInput(news_on=NEWS, told_by_id=world.person, other_candidate_accepted=accepted)
    pb.record_news(world.opportunity, news, pb.preview_news(world.opportunity, news))
    EVENTS[event](pb, world.opportunity)
    # The guard as Compose asks it, on the day each touch is due.
    for follow_up in _planned(store):
        if follow_up.contact_id is None:
            continue
        guard = PlaybookServices(store.sessions, today=_fixed(follow_up.due_on))
        warning = guard.spacing_warning(
            follow_up.contact_id,
            follow_up.due_on,
            follow_up.step,
            exclude_follow_up_id=follow_up.id,
        )
        assert warning is None, (headline(follow_up.notes), follow_up.due_on, warning)


def test_a_late_mis_hire_touch_is_planned_on_the_first_day_that_fits(store: Store) -> None:
    pb = PlaybookServices(store.sessions, today=lambda: NEWS + timedelta(40))
    world = _one_person(store, pb, JobLevel.INDIVIDUAL_CONTRIBUTOR)
    news = NewsInput(news_on=NEWS, told_by_id=world.person)
    pb.record_news(world.opportunity, news, pb.preview_news(world.opportunity, news))
    pb.hire_started(world.opportunity, NEWS + timedelta(31))
    by_step = {f.step: f for f in _planned(store)}
    re_contact = by_step[Step.RE_CONTACT].due_on
    assert re_contact == date(2025, 5, 31)
    mis_hire = by_step[Step.MIS_HIRE_WINDOW]
    assert mis_hire.due_on == re_contact + timedelta(21)  # not 1 June, the playbook's day
    assert "Planned 20 days after the playbook's day" in mis_hire.notes
    # A person with other settings gets their own spacing.
    pb.hire_started(world.opportunity, NEWS + timedelta(31), min_spacing_days=0)
    assert {f.step: f for f in _planned(store)}[Step.MIS_HIRE_WINDOW].due_on == date(2025, 6, 1)


@pytest.mark.parametrize("exempt", [Step.OFFER_CHECK_IN, Step.DOOR_OPEN_NOTE])
def test_doing_what_the_plan_said_does_not_read_as_stalking(store: Store, exempt: Step) -> None:
    """Issue 15: after the thank-you note (day 1) and the offer check-in (day 7), done as
    planned, the recruiter's timeline read "Looks like: Stalking"."""
    today = NEWS + timedelta(7)
    pb = PlaybookServices(store.sessions, today=lambda: today)
    world = _one_person(store, pb, JobLevel.MIDDLE_MANAGEMENT)
    news = NewsInput(
        news_on=NEWS,
        told_by_id=world.person,
        other_candidate_accepted=exempt is Step.DOOR_OPEN_NOTE,
    )
    pb.record_news(world.opportunity, news, pb.preview_news(world.opportunity, news))
    by_step = {f.step: f.id for f in _planned(store)}
    pb.complete(by_step[Step.THANK_YOU_NOTE], "Sent the note", NEWS + timedelta(1))
    pb.complete(by_step[exempt], "Asked once", today)
    assert pb.contact_style(world.person, today) is Style.NOT_ENOUGH_HISTORY
    # The same two touches logged by hand (no step) still read as stalking.
    services = DirectoryServices(store.sessions)
    other, _ = services.add_contact({"company_id": world.company, "name": "Rui Costa"})
    for on in (NEWS + timedelta(1), today):
        services.log_interaction(
            {
                "contact_id": other,
                "kind": InteractionKind.EMAIL,
                "direction": Direction.OUTBOUND,
                "occurred_on": on,
                "summary": "An email",
            }
        )
    assert pb.contact_style(other, today) is Style.STALKING


def test_a_done_exception_is_no_ones_neighbour(store: Store) -> None:
    """A logged offer check-in (it completed that step) does not make the next value
    message too close; a hand-logged email on the same day does."""
    today = NEWS + timedelta(7)
    pb = PlaybookServices(store.sessions, today=lambda: today)
    world = _one_person(store, pb, JobLevel.INDIVIDUAL_CONTRIBUTOR)
    news = NewsInput(news_on=NEWS, told_by_id=world.person)
    pb.record_news(world.opportunity, news, pb.preview_news(world.opportunity, news))
    check_in = next(f.id for f in _planned(store) if f.step is Step.OFFER_CHECK_IN)
    pb.complete(check_in, "Asked once", today)
    day9 = today + timedelta(2)
    warning = pb.spacing_warning(world.person, day9, Step.OTHER)
    assert warning is not None and warning.previous_on == NEWS + timedelta(1)  # the note
    note = next(f.id for f in _planned(store) if f.step is Step.THANK_YOU_NOTE)
    pb.skip(note)
    assert pb.spacing_warning(world.person, day9, Step.OTHER) is None


def test_the_warning_suggests_the_first_day_that_fits(store: Store) -> None:
    today = date(2025, 4, 1)
    pb = PlaybookServices(store.sessions, today=lambda: today)
    world = _one_person(store, pb, JobLevel.INDIVIDUAL_CONTRIBUTOR)
    DirectoryServices(store.sessions).log_interaction(
        {
            "contact_id": world.person,
            "kind": InteractionKind.EMAIL,
            "direction": Direction.OUTBOUND,
            "occurred_on": today - timedelta(3),
            "summary": "An email",
        }
    )
    warning = pb.spacing_warning(world.person, today, None)
    assert warning is not None and warning.first_fit == today + timedelta(18)
    assert warning.message.endswith("The first day that fits is Saturday 19 April 2025.")


def test_the_first_day_that_fits_looks_past_the_window(store: Store) -> None:
    """Planned touches every 25 days: the first fit after three of them is read from rows
    beyond the 21 days either side that decide whether to warn."""
    today = date(2025, 4, 1)
    pb = PlaybookServices(store.sessions, today=lambda: today)
    world = _one_person(store, pb, JobLevel.INDIVIDUAL_CONTRIBUTOR)
    for days in (5, 30, 55, 80):
        pb.add_follow_up(
            FollowUpValues(world.company, today + timedelta(days), contact_id=world.person)
        )
    warning = pb.spacing_warning(world.person, today, None)
    assert warning is not None
    assert warning.first_fit == today + timedelta(101)
