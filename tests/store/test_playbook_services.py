"""The playbook's services against a real SQLite file: news, events, follow-ups, cadence."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from runnerup_desktop.core.cadence import Style
from runnerup_desktop.core.domain import (
    Channel,
    CompanyStatus,
    ContactRole,
    Direction,
    FollowUpStatus,
    Importance,
    InteractionKind,
    JobLevel,
    Stage,
    Step,
)
from runnerup_desktop.core.news import (
    FeedbackInput,
    FollowUpValues,
    NewsInput,
    is_outbound_follow_up,
)
from runnerup_desktop.core.playbook import NewsEvent, add_months, plan_after_news
from runnerup_desktop.store import playbook_services
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import (
    Company,
    Contact,
    FeedbackItem,
    FollowUp,
    Interaction,
    Opportunity,
)
from runnerup_desktop.store.playbook_services import PlaybookServices
from tests.builders import build_acme

TODAY = date(2025, 3, 20)
NEWS = date(2025, 3, 10)


@dataclass
class World:
    company: int
    manager: int
    recruiter: int
    insider: int
    other_company: int
    stranger: int
    opportunity: int


@pytest.fixture
def pb(store: Store) -> PlaybookServices:
    return PlaybookServices(store.sessions, today=lambda: TODAY)


@pytest.fixture
def world(services: DirectoryServices, pb: PlaybookServices) -> World:
    acme = build_acme(
        services,
        pb,
        {
            "job_level": JobLevel.INDIVIDUAL_CONTRIBUTOR,
            "stage": Stage.FINAL_ROUND,
            "final_interview_on": NEWS - timedelta(days=5),
        },
    )
    insider, _ = services.add_contact(
        {"company_id": acme.company, "name": "Zoë Müller", "role": ContactRole.INSIDER}
    )
    other_company, _ = services.add_company({"name": "Globex"})
    stranger, _ = services.add_contact({"company_id": other_company, "name": "Hank Scorpio"})
    return World(
        acme.company,
        acme.manager,
        acme.recruiter,
        insider,
        other_company,
        stranger,
        acme.opportunity,
    )


def _news(world: World, **changes: Any) -> NewsInput:
    news = NewsInput(
        news_on=NEWS,
        told_by_id=world.recruiter,
        feedback=(
            FeedbackInput("Team leadership", Importance.ESSENTIAL, "Led teams", "Teams of 15"),
            FeedbackInput("Spark"),
        ),
        winner_name="Someone Else",
    )
    return dataclasses.replace(news, **changes)


def _recorded(pb: PlaybookServices, world: World, **changes: Any) -> None:
    news = _news(world, **changes)
    pb.record_news(world.opportunity, news, pb.preview_news(world.opportunity, news))


def _follow_ups(store: Store, **where: Any) -> list[tuple[Step, date, int | None, str]]:
    with store.sessions() as session:
        query = select(FollowUp).filter_by(**where).order_by(FollowUp.due_on, FollowUp.id)
        return [(f.step, f.due_on, f.contact_id, f.status.value) for f in session.scalars(query)]


def _count(store: Store, model: Any) -> int:
    with store.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _planned_steps(store: Store) -> dict[Step, list[date]]:
    found: dict[Step, list[date]] = {}
    for step, due, _contact, status in _follow_ups(store):
        if status == "planned":
            found.setdefault(step, []).append(due)
    return found


# the news ------------------------------------------------------------------------------


def test_preview_uses_the_job_level_and_the_companys_contacts(
    pb: PlaybookServices, world: World
) -> None:
    plan = pb.preview_news(world.opportunity, _news(world))
    event = NewsEvent(
        news_on=NEWS,
        job_level=JobLevel.INDIVIDUAL_CONTRIBUTOR,
        caller_id=world.recruiter,
        hiring_manager_id=world.manager,
        recruiter_id=world.recruiter,
        has_feedback=True,
    )
    assert plan == plan_after_news(event)


def test_preview_writes_nothing(store: Store, pb: PlaybookServices, world: World) -> None:
    pb.preview_news(world.opportunity, _news(world))
    assert _count(store, FollowUp) == 0
    assert _count(store, Interaction) == 0


def test_record_news_end_to_end(store: Store, pb: PlaybookServices, world: World) -> None:
    news = _news(world)
    plan = pb.preview_news(world.opportunity, news)
    change = pb.record_news(world.opportunity, news, plan)

    assert change.follow_ups and change.interactions and change.opportunities
    assert change.companies == {world.company}
    assert change.contacts == {world.recruiter, world.manager}
    rows = _follow_ups(store, opportunity_id=world.opportunity)
    assert len(rows) == len(plan)
    by_step = {(step, due): (contact, status) for step, due, contact, status in rows}
    assert by_step[(Step.THANK_AND_ASK, NEWS)] == (world.recruiter, "done")
    assert by_step[(Step.THANK_YOU_NOTE, NEWS + timedelta(1))] == (world.recruiter, "planned")
    assert by_step[(Step.RECALIBRATE, NEWS + timedelta(2))] == (None, "planned")
    assert by_step[(Step.OFFER_CHECK_IN, NEWS + timedelta(7))] == (world.recruiter, "planned")
    assert by_step[(Step.DEMONSTRATE_VALUE, NEWS + timedelta(30))] == (world.manager, "planned")
    assert by_step[(Step.DEMONSTRATE_VALUE, NEWS + timedelta(60))] == (world.manager, "planned")
    assert by_step[(Step.MIS_HIRE_WINDOW, NEWS + timedelta(90))] == (world.manager, "planned")
    assert by_step[(Step.RE_CONTACT, date(2025, 7, 10))] == (world.recruiter, "planned")

    with store.sessions() as session:
        opportunity = session.get(Opportunity, world.opportunity)
        assert opportunity is not None
        assert opportunity.stage is Stage.RUNNER_UP
        assert opportunity.news_on == NEWS
        assert opportunity.news_from_id == world.recruiter
        assert opportunity.winner_name == "Someone Else"
        assert opportunity.winner_accepted is None
        assert opportunity.company.status is CompanyStatus.RUNNER_UP
        assert opportunity.company.last_touch_on == NEWS
        gaps = [(f.gap, f.importance, f.example) for f in opportunity.feedback]
        assert gaps == [
            ("Team leadership", Importance.ESSENTIAL, "Teams of 15"),
            ("Spark", Importance.UNKNOWN, ""),
        ]
        call = session.scalars(select(Interaction)).one()
        assert (call.kind, call.direction, call.contact_id, call.occurred_on) == (
            InteractionKind.CALL,
            Direction.INBOUND,
            world.recruiter,
            NEWS,
        )
        assert "Someone Else" in call.summary and "2 gaps" in call.summary
        asked = session.get(FollowUp, call.follow_up_id)
        assert asked is not None and asked.step is Step.THANK_AND_ASK
        recruiter = session.get(Contact, world.recruiter)
        assert recruiter is not None and recruiter.last_touch_on == NEWS
        note = session.scalars(select(FollowUp).where(FollowUp.step == Step.THANK_YOU_NOTE)).one()
        assert note.notes.startswith("Thank-you note to the person who called\n\n")


def test_record_news_keeps_the_edited_plan(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    news = _news(world, other_candidate_accepted=True, re_contact_months=2)
    plan = pb.preview_news(world.opportunity, news)
    edited = [
        dataclasses.replace(t, due_on=t.due_on + timedelta(3), contact_id=world.insider)
        if t.step is Step.THANK_YOU_NOTE
        else t
        for t in plan
        if t.step is not Step.FIND_A_TWIN
    ]
    pb.record_news(world.opportunity, news, edited)
    steps = _planned_steps(store)
    assert Step.FIND_A_TWIN not in steps
    assert Step.OFFER_CHECK_IN not in steps
    assert steps[Step.DOOR_OPEN_NOTE] == [NEWS + timedelta(7)]
    assert steps[Step.RE_CONTACT] == [add_months(NEWS, 2)]
    assert (Step.THANK_YOU_NOTE, NEWS + timedelta(4), world.insider, "planned") in _follow_ups(
        store
    )
    with store.sessions() as session:
        opportunity = session.get(Opportunity, world.opportunity)
        assert opportunity is not None and opportunity.winner_accepted is True


def test_record_news_is_all_or_nothing(
    store: Store, pb: PlaybookServices, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = playbook_services.follow_up_for
    calls = 0

    def failing(opportunity: Opportunity, touch: Any) -> FollowUp:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("disk on fire")
        return real(opportunity, touch)

    monkeypatch.setattr(playbook_services, "follow_up_for", failing)
    news = _news(world)
    with pytest.raises(RuntimeError):
        pb.record_news(world.opportunity, news, pb.preview_news(world.opportunity, news))
    assert calls == 3
    for model in (FollowUp, Interaction, FeedbackItem):
        assert _count(store, model) == 0
    with store.sessions() as session:
        opportunity = session.get(Opportunity, world.opportunity)
        assert opportunity is not None
        assert (opportunity.stage, opportunity.news_on, opportunity.news_from_id) == (
            Stage.FINAL_ROUND,
            None,
            None,
        )
        assert opportunity.company.status is CompanyStatus.TARGET
        assert opportunity.company.last_touch_on is None
        recruiter = session.get(Contact, world.recruiter)
        assert recruiter is not None and recruiter.last_touch_on is None


def test_a_contact_deleted_after_the_preview_is_refused(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    news = _news(world)
    plan = pb.preview_news(world.opportunity, news)
    with store.sessions.begin() as session:  # the contact goes after the preview
        session.delete(session.get(Contact, world.insider))
    plan[-1] = dataclasses.replace(plan[-1], contact_id=world.insider)
    with pytest.raises(ServiceError, match="no longer exists"):
        pb.record_news(world.opportunity, news, plan)
    assert _count(store, FollowUp) == _count(store, Interaction) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"news_on": TODAY + timedelta(1)}, "after today"),
        ({"feedback": (FeedbackInput("  "),)}, "Feedback item 1 has no gap"),
        ({"re_contact_months": 0}, "at least one month"),
    ],
)
def test_news_is_checked(
    pb: PlaybookServices, world: World, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ServiceError, match=message):
        pb.preview_news(world.opportunity, _news(world, **changes))
    with pytest.raises(ServiceError, match=message):
        pb.record_news(world.opportunity, _news(world, **changes), [])


def test_news_from_someone_at_another_company_is_refused(
    pb: PlaybookServices, world: World
) -> None:
    with pytest.raises(ServiceError, match="another company"):
        pb.preview_news(world.opportunity, _news(world, told_by_id=world.stranger))


def test_plan_touches_are_checked(store: Store, pb: PlaybookServices, world: World) -> None:
    news = _news(world)
    plan = pb.preview_news(world.opportunity, news)
    early = [dataclasses.replace(plan[1], due_on=NEWS - timedelta(1))]
    with pytest.raises(ServiceError, match="before the news"):
        pb.record_news(world.opportunity, news, early)
    elsewhere = [dataclasses.replace(plan[1], contact_id=world.stranger)]
    with pytest.raises(ServiceError, match="another company"):
        pb.record_news(world.opportunity, news, elsewhere)
    assert _count(store, FollowUp) == 0


def test_news_is_recorded_once(pb: PlaybookServices, world: World) -> None:
    _recorded(pb, world)
    with pytest.raises(ServiceError, match="already recorded"):
        _recorded(pb, world)


def test_news_before_the_final_interview_is_refused(pb: PlaybookServices, world: World) -> None:
    with pytest.raises(ServiceError, match="before the final interview"):
        _recorded(pb, world, news_on=NEWS - timedelta(6))


def test_news_after_a_known_hire_start_is_refused(pb: PlaybookServices, world: World) -> None:
    pb.update_opportunity(world.opportunity, {"hire_start_on": NEWS - timedelta(1)})
    with pytest.raises(ServiceError, match="hire cannot start"):
        _recorded(pb, world)


# later events --------------------------------------------------------------------------


def test_events_need_the_news_first(pb: PlaybookServices, world: World) -> None:
    for event in (pb.candidate_accepted, pb.hire_started, pb.came_back):
        with pytest.raises(ServiceError, match="Record the news"):
            event(world.opportunity, TODAY)


def test_candidate_accepted_swaps_the_check_in_for_the_door_open_note(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    _recorded(pb, world)
    change = pb.candidate_accepted(world.opportunity, NEWS + timedelta(2))
    assert change.follow_ups and change.contacts == {world.recruiter}
    steps = _planned_steps(store)
    assert Step.OFFER_CHECK_IN not in steps
    assert steps[Step.DOOR_OPEN_NOTE] == [NEWS + timedelta(7)]  # never before day 7
    pb.candidate_accepted(world.opportunity, NEWS + timedelta(9))  # again: replaces
    assert _planned_steps(store)[Step.DOOR_OPEN_NOTE] == [NEWS + timedelta(9)]
    with store.sessions() as session:
        opportunity = session.get(Opportunity, world.opportunity)
        assert opportunity is not None and opportunity.winner_accepted is True


def test_a_door_open_note_already_sent_is_not_planned_again(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    _recorded(pb, world)
    pb.candidate_accepted(world.opportunity, NEWS + timedelta(8))
    with store.sessions() as session:
        note = session.scalars(select(FollowUp.id).where(FollowUp.step == Step.DOOR_OPEN_NOTE))
        note_id = note.one()
    pb.complete(note_id, "Sent", NEWS + timedelta(8))
    pb.candidate_accepted(world.opportunity, NEWS + timedelta(9))
    notes = _follow_ups(store, step=Step.DOOR_OPEN_NOTE)
    assert notes == [(Step.DOOR_OPEN_NOTE, NEWS + timedelta(8), world.recruiter, "done")]


def test_acceptance_in_the_future_is_refused(pb: PlaybookServices, world: World) -> None:
    _recorded(pb, world)
    with pytest.raises(ServiceError, match="after today"):
        pb.candidate_accepted(world.opportunity, TODAY + timedelta(1))


def test_hire_started_moves_only_the_planned_mis_hire_touch(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    _recorded(pb, world)
    start = TODAY + timedelta(10)  # a start date may be known ahead
    pb.hire_started(world.opportunity, start)
    mis_hire = _follow_ups(store, step=Step.MIS_HIRE_WINDOW)
    assert mis_hire == [(Step.MIS_HIRE_WINDOW, start + timedelta(90), world.manager, "planned")]
    with store.sessions() as session:
        opportunity = session.get(Opportunity, world.opportunity)
        assert opportunity is not None and opportunity.hire_start_on == start


def test_a_done_mis_hire_touch_stays_in_history(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    _recorded(pb, world)
    with store.sessions.begin() as session:
        touch = session.scalars(select(FollowUp).where(FollowUp.step == Step.MIS_HIRE_WINDOW))
        touch.one().status = FollowUpStatus.DONE
    pb.hire_started(world.opportunity, NEWS + timedelta(20))
    assert [status for *_, status in _follow_ups(store, step=Step.MIS_HIRE_WINDOW)] == [
        "done",
        "planned",
    ]


def test_hire_start_before_the_news_is_refused(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    _recorded(pb, world)
    before = _follow_ups(store)
    with pytest.raises(ServiceError, match="before the news"):
        pb.hire_started(world.opportunity, NEWS - timedelta(1))
    assert _follow_ups(store) == before


def test_came_back_drops_the_waiting_touches_and_plans_negotiating(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    _recorded(pb, world)
    with store.sessions() as session:
        check_in = session.scalars(select(FollowUp.id).where(FollowUp.step == Step.OFFER_CHECK_IN))
        check_in_id = check_in.one()
    pb.complete(check_in_id, "Asked once", NEWS + timedelta(7))
    pb.came_back(world.opportunity, TODAY)
    planned = _planned_steps(store)
    assert planned == {
        Step.THANK_YOU_NOTE: [NEWS + timedelta(1)],
        Step.RECALIBRATE: [NEWS + timedelta(2)],
        Step.WIDEN_NETWORK: [NEWS + timedelta(14)],
        Step.FIND_A_TWIN: [NEWS + timedelta(21)],
        Step.NEGOTIATE: [TODAY],
    }
    assert (Step.OFFER_CHECK_IN, NEWS + timedelta(7), world.recruiter, "done") in _follow_ups(store)
    with store.sessions() as session:
        opportunity = session.get(Opportunity, world.opportunity)
        assert opportunity is not None
        assert (opportunity.came_back_on, opportunity.stage) == (TODAY, Stage.OFFER)
        assert opportunity.company.status is CompanyStatus.IN_PROCESS


# opportunities ----------------------------------------------------------------------------


def test_opportunity_add_update_delete(store: Store, pb: PlaybookServices, world: World) -> None:
    opportunity, change = pb.add_opportunity({"company_id": world.company, "title": "  Lead  "})
    assert change.opportunities and change.companies == {world.company}
    pb.update_opportunity(opportunity, {"stage": "interviewing", "notes": "Round 2"})
    with store.sessions() as session:
        row = session.get(Opportunity, opportunity)
        assert row is not None
        assert (row.title, row.stage, row.notes) == ("Lead", Stage.INTERVIEWING, "Round 2")
    _recorded(pb, world)
    assert _count(store, FollowUp) > 0
    change = pb.delete_opportunity(world.opportunity)
    assert change.deleted and change.follow_ups
    assert _count(store, FollowUp) == 0
    assert _count(store, Interaction) == 1  # what happened stays


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": " "}, "needs a title"),
        ({"title": "x" * 201}, "at most 200"),
        ({"news_from_id": "stranger"}, "another company"),
        ({"stage": "dreaming"}, "must be one of"),
        ({"surprise": 1}, "Unknown fields: surprise"),
        ({"news_on": TODAY + timedelta(1)}, "after today"),
        ({"applied_on": NEWS, "final_interview_on": NEWS - timedelta(1)}, "before the app"),
        ({"news_on": NEWS - timedelta(6)}, "before the final interview"),
        ({"news_on": NEWS, "hire_start_on": NEWS - timedelta(1)}, "hire cannot start"),
        ({"news_on": NEWS, "came_back_on": NEWS - timedelta(1)}, "cannot come back"),
        ({"company_id": "other_company"}, "cannot move to another company"),
    ],
)
def test_opportunity_checks(
    pb: PlaybookServices, world: World, fields: dict[str, Any], message: str
) -> None:
    fields = {k: getattr(world, v) if k.endswith("_id") else v for k, v in fields.items()}
    with pytest.raises(ServiceError, match=message):
        pb.update_opportunity(world.opportunity, fields)


def test_an_opportunity_needs_a_company(pb: PlaybookServices) -> None:
    with pytest.raises(ServiceError, match="belongs to a company"):
        pb.add_opportunity({"title": "Lead"})
    with pytest.raises(ServiceError, match="no longer exists"):
        pb.add_opportunity({"title": "Lead", "company_id": 999})


# follow-ups ------------------------------------------------------------------------------


def _add(pb: PlaybookServices, world: World, due: date, **changes: Any) -> int:
    values = FollowUpValues(company_id=world.company, due_on=due, contact_id=world.manager)
    follow_up, _ = pb.add_follow_up(dataclasses.replace(values, **changes), allow_past=True)
    return follow_up


def test_a_due_date_in_the_past_is_refused_at_creation(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    values = FollowUpValues(company_id=world.company, due_on=TODAY - timedelta(1))
    with pytest.raises(ServiceError, match="is in the past"):
        pb.add_follow_up(values)
    follow_up, change = pb.add_follow_up(values, allow_past=True)
    assert change.follow_ups and change.companies == {world.company}
    today_id, _ = pb.add_follow_up(dataclasses.replace(values, due_on=TODAY))
    assert _count(store, FollowUp) == 2 and follow_up != today_id


def test_follow_up_parts_must_belong_to_the_company(pb: PlaybookServices, world: World) -> None:
    values = FollowUpValues(company_id=world.company, due_on=TODAY, contact_id=world.stranger)
    with pytest.raises(ServiceError, match="That contact belongs to another company"):
        pb.add_follow_up(values)


def test_complete_logs_an_outbound_interaction(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    value_item, _ = pb.add_value_item(world.company, "Their competitor raised prices")
    follow_up = _add(pb, world, TODAY, channel=Channel.PHONE, notes="Call Ana\n\nguidance")
    change = pb.complete(follow_up, "  Good chat  ", TODAY - timedelta(1), value_item)
    assert change.follow_ups and change.interactions and change.contacts == {world.manager}
    with store.sessions() as session:
        row = session.get(FollowUp, follow_up)
        assert row is not None
        assert (row.status, row.completed_on, row.value_item_id) == (
            FollowUpStatus.DONE,
            TODAY - timedelta(1),
            value_item,
        )
        logged = session.scalars(select(Interaction)).one()
        assert (logged.kind, logged.direction, logged.summary) == (
            InteractionKind.CALL,
            Direction.OUTBOUND,
            "Good chat",
        )
        assert (logged.follow_up_id, logged.value_item_id) == (follow_up, value_item)
        manager = session.get(Contact, world.manager)
        assert manager is not None and manager.last_touch_on == TODAY - timedelta(1)
        company = session.get(Company, world.company)
        assert company is not None and company.last_touch_on == TODAY - timedelta(1)


@pytest.mark.parametrize(
    ("channel", "kind"),
    [
        (Channel.EMAIL, InteractionKind.EMAIL),
        (Channel.CARD, InteractionKind.CARD),
        (Channel.LINKEDIN, InteractionKind.MESSAGE),
        (Channel.MEETING, InteractionKind.MEETING),
    ],
)
def test_the_kind_follows_the_channel(
    store: Store, pb: PlaybookServices, world: World, channel: Channel, kind: InteractionKind
) -> None:
    pb.complete(_add(pb, world, TODAY, channel=channel), "", TODAY)
    with store.sessions() as session:
        logged = session.scalars(select(Interaction)).one()
        assert (logged.kind, logged.direction) == (kind, Direction.OUTBOUND)
        assert logged.summary == "Other"  # no note, no title: the step's name


def test_completing_work_without_a_channel_is_a_note(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    follow_up = _add(pb, world, TODAY, contact_id=None, channel=Channel.NONE, step=Step.RECALIBRATE)
    pb.complete(follow_up, "", TODAY)
    with store.sessions() as session:
        logged = session.scalars(select(Interaction)).one()
        assert (logged.kind, logged.direction) == (InteractionKind.NOTE, Direction.NONE)
        company = session.get(Company, world.company)
        assert company is not None and company.last_touch_on is None


def test_complete_refusals(pb: PlaybookServices, world: World, services: DirectoryServices) -> None:
    follow_up = _add(pb, world, TODAY)
    with pytest.raises(ServiceError, match="after today"):
        pb.complete(follow_up, "", TODAY + timedelta(1))
    elsewhere, _ = pb.add_value_item(world.other_company, "Unrelated")
    with pytest.raises(ServiceError, match="value item belongs to another company"):
        pb.complete(follow_up, "", TODAY, elsewhere)
    pb.complete(follow_up, "", TODAY)
    with pytest.raises(ServiceError, match="already done, so you cannot mark as done"):
        pb.complete(follow_up, "", TODAY)
    with pytest.raises(ServiceError, match="no longer exists"):
        pb.complete(999, "", TODAY)


def test_snooze_moves_it_and_lets_it_remind_again(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    follow_up = _add(pb, world, TODAY)
    pb.mark_notified([follow_up], _noon(TODAY))
    with pytest.raises(ServiceError, match="day after today"):
        pb.snooze(follow_up, TODAY)
    pb.snooze(follow_up, TODAY + timedelta(3))
    with store.sessions() as session:
        row = session.get(FollowUp, follow_up)
        assert row is not None
        assert (row.due_on, row.notified_at, row.status) == (
            TODAY + timedelta(3),
            None,
            FollowUpStatus.PLANNED,
        )


def test_snooze_due_moves_everything_due_in_one_go(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    from datetime import time

    late = _add(pb, world, TODAY - timedelta(9))
    reminded = _add(pb, world, TODAY - timedelta(1), due_time=time(8))
    morning = _add(pb, world, TODAY, due_time=time(11))
    untimed = _add(pb, world, TODAY)  # due from 09:00
    evening = _add(pb, world, TODAY, due_time=time(18))  # not due at noon
    done = _add(pb, world, TODAY - timedelta(2))
    pb.complete(done, "", TODAY)
    pb.mark_notified([reminded], _noon(TODAY))
    tomorrow = TODAY + timedelta(1)
    with pytest.raises(ServiceError, match="day after today"):
        pb.snooze_due(_noon(TODAY), time(9), TODAY)
    assert pb.snooze_due(_noon(TODAY), time(9), tomorrow) == 4
    with store.sessions() as session:
        rows = {
            row.id: (row.due_on, row.due_time, row.notified_at)
            for row in session.scalars(select(FollowUp))
        }
    assert rows[late] == (tomorrow, None, None)
    assert rows[reminded] == (tomorrow, time(8), None)  # its time kept; it reminds again
    assert rows[morning] == (tomorrow, time(11), None)
    assert rows[untimed] == (tomorrow, None, None)
    assert rows[evening] == (TODAY, time(18), None)
    assert rows[done][0] == TODAY - timedelta(2)
    assert pb.snooze_due(_noon(TODAY), time(9), tomorrow) == 0


def test_reschedule_moves_it_either_way(store: Store, pb: PlaybookServices, world: World) -> None:
    follow_up = _add(pb, world, TODAY + timedelta(5))
    pb.mark_notified([follow_up], _noon(TODAY))
    pb.reschedule(follow_up, TODAY - timedelta(2))
    with store.sessions() as session:
        row = session.get(FollowUp, follow_up)
        assert row is not None and (row.due_on, row.notified_at) == (TODAY - timedelta(2), None)


def test_skip_keeps_it_as_history(store: Store, pb: PlaybookServices, world: World) -> None:
    follow_up = _add(pb, world, TODAY)
    change = pb.skip(follow_up)
    assert change.follow_ups and not change.interactions
    assert _follow_ups(store) == [(Step.OTHER, TODAY, world.manager, "skipped")]
    assert _count(store, Interaction) == 0
    with pytest.raises(ServiceError, match="already skipped, so you cannot snooze"):
        pb.snooze(follow_up, TODAY + timedelta(1))
    with pytest.raises(ServiceError, match="cannot reschedule"):
        pb.reschedule(follow_up, TODAY + timedelta(1))
    with pytest.raises(ServiceError, match="cannot skip"):
        pb.skip(follow_up)


# cadence ---------------------------------------------------------------------------------


def _noon(day: date) -> Any:
    from datetime import datetime, time

    return datetime.combine(day, time(12))


def _log(services: DirectoryServices, world: World, on: date, **fields: Any) -> None:
    values = {
        "company_id": world.company,
        "contact_id": world.manager,
        "kind": InteractionKind.EMAIL,
        "direction": Direction.OUTBOUND,
        "occurred_on": on,
        "summary": "An email",
    }
    services.log_interaction(values | fields)


@pytest.mark.parametrize(("days", "warned"), [(20, True), (21, False), (22, False)])
def test_spacing_after_a_logged_touch(
    pb: PlaybookServices, services: DirectoryServices, world: World, days: int, warned: bool
) -> None:
    last = date(2025, 3, 1)
    _log(services, world, last)
    warning = pb.spacing_warning(world.manager, last + timedelta(days), Step.DEMONSTRATE_VALUE)
    assert (warning is not None) is warned
    if warning is not None:
        assert (warning.previous_on, warning.days_apart, warning.min_days) == (last, 20, 21)
        assert "20 days after another touch with this person" in warning.message
        assert warning.first_fit == last + timedelta(21)
        assert "The first day that fits is Saturday 22 March 2025." in warning.message


@pytest.mark.parametrize(("days", "warned"), [(20, True), (21, False), (22, False)])
def test_spacing_before_a_planned_follow_up(
    pb: PlaybookServices, world: World, days: int, warned: bool
) -> None:
    planned = TODAY + timedelta(30)
    follow_up = _add(pb, world, planned, step=Step.DEMONSTRATE_VALUE)
    warning = pb.spacing_warning(world.manager, planned - timedelta(days), Step.RE_CONTACT)
    assert (warning is not None) is warned
    if warning is not None:
        assert warning.previous_is_later and warning.previous_on == planned
    # Editing the follow-up itself: it is not its own neighbour.
    assert (
        pb.spacing_warning(
            world.manager, planned - timedelta(1), Step.OTHER, exclude_follow_up_id=follow_up
        )
        is None
    )


def test_spacing_ignores_what_is_not_an_outbound_touch(
    pb: PlaybookServices, services: DirectoryServices, world: World
) -> None:
    _log(services, world, TODAY, direction=Direction.INBOUND)
    _log(services, world, TODAY, contact_id=world.recruiter)
    _add(pb, world, TODAY + timedelta(2), step=Step.NEGOTIATE)
    _add(pb, world, TODAY + timedelta(3), channel=Channel.NONE)
    skipped = _add(pb, world, TODAY + timedelta(4))
    pb.skip(skipped)
    assert pb.spacing_warning(world.manager, TODAY + timedelta(1), Step.OTHER) is None


def test_spacing_exemptions_and_settings(
    pb: PlaybookServices, services: DirectoryServices, world: World
) -> None:
    _log(services, world, TODAY)
    soon = TODAY + timedelta(5)
    assert pb.spacing_warning(world.manager, soon, Step.OFFER_CHECK_IN) is None
    assert pb.spacing_warning(world.manager, soon, Step.DOOR_OPEN_NOTE) is None
    assert pb.spacing_warning(world.manager, soon, Step.RECALIBRATE) is None
    assert pb.spacing_warning(world.manager, soon, Step.OTHER, min_days=0) is None
    assert pb.spacing_warning(world.manager, soon, Step.OTHER, min_days=5) is None
    warning = pb.spacing_warning(world.manager, soon, Step.OTHER, min_days=6)
    assert warning is not None and warning.min_days == 6
    with pytest.raises(ServiceError, match="is 0 to 366 days, not -1"):
        pb.spacing_warning(world.manager, soon, Step.OTHER, min_days=-1)


def test_the_recorded_plan_spaces_the_value_messages(pb: PlaybookServices, world: World) -> None:
    _recorded(pb, world)
    # Between the two value messages (days 30 and 60) nothing fits for the manager.
    assert pb.spacing_warning(world.manager, NEWS + timedelta(45), Step.OTHER) is not None
    assert pb.spacing_warning(world.manager, NEWS + timedelta(120), Step.OTHER) is None


def test_contact_style_from_logged_touches(
    pb: PlaybookServices, services: DirectoryServices, world: World
) -> None:
    assert pb.contact_style(world.manager, TODAY) is Style.QUIET
    item, _ = pb.add_value_item(world.company, "A new large customer")
    for days_ago in (60, 30):
        _log(services, world, TODAY - timedelta(days_ago), value_item_id=item)
    assert pb.contact_style(world.manager, TODAY) is Style.DEMONSTRATING_VALUE
    for days_ago in (7, 14, 21):
        _log(services, world, TODAY - timedelta(days_ago))
    assert pb.contact_style(world.manager, TODAY) is Style.STALKING
    assert pb.contact_style(world.recruiter, TODAY) is Style.QUIET


# value items and the timeline ---------------------------------------------------------


def test_already_shared_value_items(
    pb: PlaybookServices, services: DirectoryServices, world: World
) -> None:
    item, change = pb.add_value_item(world.company, "  Competitor  launched X ", "details")
    assert change.companies == {world.company}
    assert pb.value_items(world.company) == [(item, "Competitor launched X")]
    assert pb.shared_with(item) == []
    assert not pb.already_shared(item, world.manager)
    pb.complete(_add(pb, world, TODAY), "Sent the news", TODAY - timedelta(3), item)
    _log(services, world, TODAY, contact_id=world.insider, value_item_id=item)
    assert pb.already_shared(item, world.manager)
    assert pb.already_shared(item, world.insider)
    assert not pb.already_shared(item, world.recruiter)
    shared = [(s.contact_id, s.name, s.last_on) for s in pb.shared_with(item)]
    assert shared == [
        (world.insider, "Zoë Müller", TODAY),
        (world.manager, "Ana Lopez", TODAY - timedelta(3)),
    ]


def test_value_item_checks(pb: PlaybookServices, world: World) -> None:
    with pytest.raises(ServiceError, match="needs a title"):
        pb.add_value_item(world.company, "  ")
    with pytest.raises(ServiceError, match="at most 300"):
        pb.add_value_item(world.company, "x" * 301)
    with pytest.raises(ServiceError, match="no longer exists"):
        pb.add_value_item(999, "Orphan")


def test_timeline_is_newest_first_and_filtered(
    pb: PlaybookServices, services: DirectoryServices, world: World
) -> None:
    _recorded(pb, world)
    _log(services, world, TODAY, summary="Value message")
    _log(services, world, TODAY, contact_id=world.insider, summary="Coffee")
    _log(
        services,
        world,
        NEWS - timedelta(1),
        company_id=world.other_company,
        contact_id=world.stranger,
    )
    every = pb.timeline()
    assert [e.occurred_on for e in every] == sorted((e.occurred_on for e in every), reverse=True)
    assert [e.summary for e in every[:2]] == ["Coffee", "Value message"]  # same day: newest
    assert len(every) == 4
    at_acme = pb.timeline(company_id=world.company)
    assert len(at_acme) == 3 and {e.company for e in at_acme} == {"Acme"}
    with_ana = pb.timeline(contact_id=world.manager)
    assert [(e.contact, e.summary) for e in with_ana] == [("Ana Lopez", "Value message")]
    news_call = pb.timeline(contact_id=world.recruiter, company_id=world.company)
    assert [(e.kind, e.direction) for e in news_call] == [(InteractionKind.CALL, Direction.INBOUND)]
    assert pb.timeline(limit=1) == every[:1]


def test_timeline_names_the_step_and_value_item(pb: PlaybookServices, world: World) -> None:
    item, _ = pb.add_value_item(world.company, "Industry report")
    pb.complete(_add(pb, world, TODAY, step=Step.DEMONSTRATE_VALUE), "", TODAY, item)
    (entry,) = pb.timeline(contact_id=world.manager)
    assert (entry.step, entry.value_item, entry.value_item_id) == (
        Step.DEMONSTRATE_VALUE,
        "Industry report",
        item,
    )


# the core's outbound rule matches the sequence ---------------------------------------------


def test_stored_follow_ups_count_as_outbound_exactly_like_the_plan() -> None:
    for accepted in (False, True):
        event = NewsEvent(
            news_on=NEWS,
            job_level=JobLevel.MIDDLE_MANAGEMENT,
            caller_id=1,
            hiring_manager_id=2,
            recruiter_id=3,
            other_candidate_accepted=accepted,
        )
        for touch in plan_after_news(event):
            outbound = is_outbound_follow_up(touch.step, touch.channel, touch.contact_id)
            assert outbound is touch.is_outbound, touch.step
