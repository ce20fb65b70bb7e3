"""Every record can be corrected (issue 15): interactions, the news and its gaps, follow-ups,
value items; reopening; deleting a contact says what becomes of their plan. Real files."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from runnerup_desktop.core.domain import (
    Channel,
    Direction,
    FollowUpStatus,
    Importance,
    InteractionKind,
    JobLevel,
    Stage,
    Step,
)
from runnerup_desktop.core.news import FeedbackInput, FollowUpValues, NewsInput
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
from runnerup_desktop.store.playbook_services import (
    FeedbackRecord,
    NewsRecord,
    PlaybookServices,
)
from tests.builders import World, build_acme

TODAY = date(2025, 3, 20)
NEWS = date(2025, 3, 10)


@pytest.fixture
def pb(store: Store) -> PlaybookServices:
    return PlaybookServices(store.sessions, today=lambda: TODAY)


@pytest.fixture
def world(services: DirectoryServices, pb: PlaybookServices) -> World:
    return build_acme(
        services,
        pb,
        {"job_level": JobLevel.MIDDLE_MANAGEMENT, "stage": Stage.FINAL_ROUND},
    )


def _news(world: World, **changes: Any) -> NewsInput:
    news = NewsInput(
        news_on=NEWS,
        told_by_id=world.recruiter,
        feedback=(FeedbackInput("Team leadership", Importance.ESSENTIAL, "Led teams", "15"),),
    )
    return dataclasses.replace(news, **changes)


def _record(pb: PlaybookServices, world: World, **changes: Any) -> None:
    news = _news(world, **changes)
    pb.record_news(world.opportunity, news, pb.preview_news(world.opportunity, news))


def _row(store: Store, model: Any, row_id: int) -> Any:
    with store.sessions() as session:
        row = session.get(model, row_id)
        assert row is not None
        return row


def _follow_up(store: Store, step: Step) -> FollowUp:
    with store.sessions() as session:
        return session.scalars(select(FollowUp).where(FollowUp.step == step)).one()


def _count(store: Store, model: Any) -> int:
    with store.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _email(world: World, on: date, **fields: Any) -> dict[str, Any]:
    return {
        "company_id": world.company,
        "contact_id": world.manager,
        "kind": InteractionKind.EMAIL,
        "direction": Direction.OUTBOUND,
        "occurred_on": on,
        "summary": "Sent the article",
    } | fields


# the news keeps what it does not show ---------------------------------------------------


def test_record_the_news_keeps_who_got_the_job(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    """Issue 15: recording the news with its "Who got the job" left empty blanked the name
    the opportunity already had."""
    pb.update_opportunity(world.opportunity, {"winner_name": "Jane Roe"})
    _record(pb, world, winner_name="")
    assert _row(store, Opportunity, world.opportunity).winner_name == "Jane Roe"


def test_record_the_news_keeps_every_field_it_leaves_empty(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    pb.update_opportunity(
        world.opportunity,
        {
            "winner_name": "Jane Roe",
            "winner_accepted": True,
            "news_from_id": world.manager,
            "strong_stories": "The migration",
            "notes": "Liked the team",
        },
    )
    _record(pb, world, told_by_id=None, winner_name="  ", other_candidate_accepted=False)
    row = _row(store, Opportunity, world.opportunity)
    assert (row.winner_name, row.winner_accepted, row.news_from_id) == (
        "Jane Roe",
        True,
        world.manager,
    )
    assert (row.strong_stories, row.notes) == ("The migration", "Liked the team")
    # ...and what it does say, it says.
    other = build_acme(DirectoryServices(store.sessions), pb, {"stage": Stage.FINAL_ROUND})
    pb.update_opportunity(other.opportunity, {"winner_name": "Jane Roe"})
    news = NewsInput(NEWS, other.recruiter, winner_name="  John   Doe ")
    pb.record_news(other.opportunity, news, [])
    assert _row(store, Opportunity, other.opportunity).winner_name == "John Doe"


# interactions ---------------------------------------------------------------------------


@pytest.mark.parametrize("summary", ["", "   \n "])
def test_an_interaction_needs_a_summary(
    store: Store, services: DirectoryServices, world: World, summary: str
) -> None:
    """Issue 15: an interaction with an empty summary was accepted."""
    with pytest.raises(ServiceError, match="needs a summary"):
        services.log_interaction(_email(world, TODAY, summary=summary))
    interaction, _ = services.log_interaction(_email(world, TODAY))
    with pytest.raises(ServiceError, match="needs a summary"):
        services.update_interaction(interaction, {"summary": summary})
    assert _row(store, Interaction, interaction).summary == "Sent the article"


def test_an_interaction_can_be_corrected(
    store: Store, services: DirectoryServices, world: World
) -> None:
    first, _ = services.log_interaction(_email(world, date(2025, 3, 1)))
    latest, _ = services.log_interaction(_email(world, date(2025, 3, 15)))
    assert _row(store, Contact, world.manager).last_touch_on == date(2025, 3, 15)
    change = services.update_interaction(
        latest,
        {
            "contact_id": world.recruiter,
            "kind": InteractionKind.CALL,
            "occurred_on": date(2025, 3, 12),
            "summary": "  Called Rui instead ",
        },
    )
    assert change.contacts == {world.manager, world.recruiter} and change.interactions
    fields = services.interaction_fields(latest)
    assert (fields["contact_id"], fields["kind"], fields["occurred_on"], fields["summary"]) == (
        world.recruiter,
        InteractionKind.CALL,
        date(2025, 3, 12),
        "Called Rui instead",
    )
    # The last touches are worked out again: the manager's goes back to the first email.
    assert _row(store, Contact, world.manager).last_touch_on == date(2025, 3, 1)
    assert _row(store, Contact, world.recruiter).last_touch_on == date(2025, 3, 12)
    assert _row(store, Company, world.company).last_touch_on == date(2025, 3, 12)
    services.delete_interaction(latest)
    assert _row(store, Contact, world.recruiter).last_touch_on is None
    assert _row(store, Company, world.company).last_touch_on == date(2025, 3, 1)
    services.delete_interaction(first)
    assert _row(store, Company, world.company).last_touch_on is None


def test_an_interaction_correction_is_checked(
    store: Store, services: DirectoryServices, world: World
) -> None:
    interaction, _ = services.log_interaction(_email(world, TODAY))
    elsewhere, _ = services.add_company({"name": "Globex"})
    stranger, _ = services.add_contact({"company_id": elsewhere, "name": "Hank"})
    with pytest.raises(ServiceError, match="stays at its company"):
        services.update_interaction(interaction, {"company_id": elsewhere})
    with pytest.raises(ServiceError, match="another company"):
        services.update_interaction(interaction, {"contact_id": stranger})
    with pytest.raises(ServiceError, match="Unknown fields: id"):
        services.update_interaction(interaction, {"id": 5})
    services.delete_interaction(interaction)
    with pytest.raises(ServiceError, match="no longer exists"):
        services.update_interaction(interaction, {"summary": "x"})
    with pytest.raises(ServiceError, match="no longer exists"):
        services.delete_interaction(interaction)


# follow-ups -----------------------------------------------------------------------------


def test_every_field_of_a_follow_up_can_be_corrected(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    """Issue 15: a follow-up could be moved or skipped, but not edited."""
    item, _ = pb.add_value_item(world.company, "Their competitor's launch")
    follow_up, _ = pb.add_follow_up(FollowUpValues(world.company, TODAY, contact_id=world.manager))
    pb.mark_notified([follow_up], datetime(2025, 3, 20, 9))
    values = FollowUpValues(
        company_id=world.company,
        due_on=TODAY + timedelta(3),
        contact_id=world.recruiter,
        opportunity_id=world.opportunity,
        step=Step.DEMONSTRATE_VALUE,
        channel=Channel.PHONE,
        due_time=time(10, 30),
        notes="Call Rui about the launch\n\nAsk for 15 minutes.",
        value_item_id=item,
    )
    change = pb.update_follow_up(follow_up, values)
    assert change.follow_ups and change.contacts == {world.manager, world.recruiter}
    assert pb.follow_up_values(follow_up) == values
    assert _row(store, FollowUp, follow_up).notified_at is None  # it reminds again
    # Only the notes: the reminder already shown stays shown.
    pb.mark_notified([follow_up], datetime(2025, 3, 23, 9))
    pb.update_follow_up(follow_up, dataclasses.replace(values, notes="Call Rui"))
    assert _row(store, FollowUp, follow_up).notified_at is not None


def test_a_follow_up_correction_is_checked(
    store: Store, services: DirectoryServices, pb: PlaybookServices, world: World
) -> None:
    follow_up, _ = pb.add_follow_up(FollowUpValues(world.company, TODAY))
    elsewhere, _ = services.add_company({"name": "Globex"})
    stranger, _ = services.add_contact({"company_id": elsewhere, "name": "Hank"})
    values = pb.follow_up_values(follow_up)
    with pytest.raises(ServiceError, match="stays at its company"):
        pb.update_follow_up(follow_up, dataclasses.replace(values, company_id=elsewhere))
    with pytest.raises(ServiceError, match="another company"):
        pb.update_follow_up(follow_up, dataclasses.replace(values, contact_id=stranger))
    with pytest.raises(ServiceError, match="at most"):
        pb.update_follow_up(follow_up, dataclasses.replace(values, notes="x" * 20_001))
    pb.delete_follow_ups([follow_up])
    assert _count(store, FollowUp) == 0
    with pytest.raises(ServiceError, match="no longer exists"):
        pb.update_follow_up(follow_up, values)


def test_reopen_a_done_follow_up_takes_back_what_it_logged(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    """Issue 15: Done could not be reopened."""
    follow_up, _ = pb.add_follow_up(
        FollowUpValues(world.company, TODAY, contact_id=world.manager, notes="Thank-you note")
    )
    pb.complete(follow_up, "Sent it", TODAY)
    assert _row(store, Contact, world.manager).last_touch_on == TODAY
    question = pb.reopen_impact(follow_up)
    assert question == (
        "Reopen “Thank-you note”? It goes back on the plan, due on 2025-03-20, and the email "
        "of 2025-03-20 that marking it done logged is removed from the timeline."
    )
    change = pb.reopen(follow_up)
    assert change.follow_ups and change.interactions and world.manager in change.contacts
    row = _row(store, FollowUp, follow_up)
    assert (row.status, row.completed_on, row.notified_at) == (FollowUpStatus.PLANNED, None, None)
    assert _count(store, Interaction) == 0
    assert _row(store, Contact, world.manager).last_touch_on is None
    with pytest.raises(ServiceError, match="already planned"):
        pb.reopen(follow_up)


def test_reopen_a_skipped_follow_up(store: Store, pb: PlaybookServices, world: World) -> None:
    follow_up, _ = pb.add_follow_up(FollowUpValues(world.company, TODAY, notes="Check in"))
    pb.skip(follow_up)
    assert pb.reopen_impact(follow_up) == (
        "Reopen “Check in”? It goes back on the plan, due on 2025-03-20."
    )
    pb.reopen(follow_up)
    assert _row(store, FollowUp, follow_up).status is FollowUpStatus.PLANNED


def test_reopening_the_news_call_keeps_the_call(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    _record(pb, world)
    asked = _follow_up(store, Step.THANK_AND_ASK)
    assert "removed" not in pb.reopen_impact(asked.id)
    pb.reopen(asked.id)
    assert _count(store, Interaction) == 1


def test_batch_snooze_and_skip_are_one_transaction(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    ids = [
        pb.add_follow_up(FollowUpValues(world.company, TODAY, contact_id=world.manager))[0]
        for _ in range(3)
    ]
    pb.skip(ids[2])
    with pytest.raises(ServiceError, match="already skipped"):
        pb.snooze_many(ids, TODAY + timedelta(7))
    with pytest.raises(ServiceError, match="already skipped"):
        pb.skip_many(ids)
    with store.sessions() as session:
        rows = session.scalars(select(FollowUp).order_by(FollowUp.id)).all()
        assert [(r.due_on, r.status.value) for r in rows] == [
            (TODAY, "planned"),
            (TODAY, "planned"),
            (TODAY, "skipped"),
        ]
    change = pb.snooze_many(ids[:2], TODAY + timedelta(7))
    assert change.follow_ups and change.contacts == {world.manager}
    pb.skip_many(ids[:2])
    with store.sessions() as session:
        rows = session.scalars(select(FollowUp).order_by(FollowUp.id)).all()
        assert [(r.due_on, r.status.value) for r in rows[:2]] == [
            (TODAY + timedelta(7), "skipped")
        ] * 2
    with pytest.raises(ServiceError, match="at least one"):
        pb.skip_many([])
    with pytest.raises(ServiceError, match="after today"):
        pb.snooze_many(ids, TODAY)


# the news and its gaps ------------------------------------------------------------------


def test_the_news_can_be_corrected(store: Store, pb: PlaybookServices, world: World) -> None:
    """Issue 15: the recorded news and its gaps could not be edited after saving."""
    _record(pb, world, winner_name="Jane Roe")
    recorded = pb.recorded_news(world.opportunity)
    assert recorded.news_on == NEWS and recorded.told_by_id == world.recruiter
    (gap,) = recorded.feedback
    assert (gap.gap, gap.importance, gap.answer, gap.example) == (
        "Team leadership",
        Importance.ESSENTIAL,
        "Led teams",
        "15",
    )
    corrected = NewsRecord(
        news_on=NEWS - timedelta(2),
        told_by_id=world.manager,
        other_candidate_accepted=True,
        winner_name="John Doe",
        feedback=(
            dataclasses.replace(gap, example="Teams of 15 and 20"),
            FeedbackRecord(None, "Spark", Importance.NICE_TO_HAVE, "Course", "A job"),
        ),
    )
    before = {f.step: f.due_on for f in _planned(store)}
    change = pb.update_news(world.opportunity, corrected, move_plan=True)
    assert change.opportunities and change.follow_ups and change.interactions
    again = pb.recorded_news(world.opportunity)
    assert dataclasses.replace(again, feedback=()) == dataclasses.replace(corrected, feedback=())
    assert [(f.gap, f.example) for f in again.feedback] == [
        ("Team leadership", "Teams of 15 and 20"),
        ("Spark", "A job"),
    ]
    assert again.feedback[0].id == gap.id
    # The call and the thank-and-ask step follow the day and the caller.
    with store.sessions() as session:
        call = session.scalars(select(Interaction)).one()
        assert (call.occurred_on, call.contact_id) == (NEWS - timedelta(2), world.manager)
    asked = _follow_up(store, Step.THANK_AND_ASK)
    assert (asked.due_on, asked.completed_on, asked.contact_id) == (
        NEWS - timedelta(2),
        NEWS - timedelta(2),
        world.manager,
    )
    assert _row(store, Contact, world.recruiter).last_touch_on is None
    assert _row(store, Contact, world.manager).last_touch_on == NEWS - timedelta(2)
    # ...and the plan moved with the news, by two days.
    assert {f.step: f.due_on for f in _planned(store)} == {
        step: due - timedelta(2) for step, due in before.items()
    }
    # Removing a gap.
    pb.update_news(world.opportunity, dataclasses.replace(again, feedback=again.feedback[1:]))
    assert [f.gap for f in pb.recorded_news(world.opportunity).feedback] == ["Spark"]


def test_a_later_news_day_without_moving_the_plan_is_refused(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    _record(pb, world)
    recorded = pb.recorded_news(world.opportunity)
    later = dataclasses.replace(recorded, news_on=NEWS + timedelta(3))
    with pytest.raises(ServiceError, match="before the news on 2025-03-13: move the plan"):
        pb.update_news(world.opportunity, later)
    assert pb.recorded_news(world.opportunity) == recorded
    pb.update_news(world.opportunity, later, move_plan=True)
    assert _follow_up(store, Step.THANK_YOU_NOTE).due_on == NEWS + timedelta(4)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"news_on": TODAY + timedelta(1)}, "after today"),
        ({"winner_name": "x" * 201}, "at most 200"),
        ({"feedback": (FeedbackRecord(None, " "),)}, "Feedback item 1 has no gap"),
        ({"feedback": (FeedbackRecord(99999, "Gone"),)}, "no longer exists"),
    ],
)
def test_a_news_correction_is_checked(
    pb: PlaybookServices, world: World, changes: dict[str, Any], message: str
) -> None:
    _record(pb, world)
    recorded = pb.recorded_news(world.opportunity)
    with pytest.raises(ServiceError, match=message):
        pb.update_news(world.opportunity, dataclasses.replace(recorded, **changes))
    assert pb.recorded_news(world.opportunity) == recorded


def test_news_that_was_never_recorded_cannot_be_corrected(
    pb: PlaybookServices, world: World
) -> None:
    with pytest.raises(ServiceError, match="No news is recorded"):
        pb.recorded_news(world.opportunity)


def test_a_single_gap_can_be_added_changed_and_deleted(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    _record(pb, world)
    item, change = pb.add_feedback(world.opportunity, FeedbackInput("Spark"))
    assert change.opportunities and change.companies == {world.company}
    pb.update_feedback(item, FeedbackInput("Spark at scale", Importance.ESSENTIAL, "Course"))
    row = _row(store, FeedbackItem, item)
    assert (row.gap, row.importance, row.answer) == (
        "Spark at scale",
        Importance.ESSENTIAL,
        "Course",
    )
    with pytest.raises(ServiceError, match="has no gap"):
        pb.update_feedback(item, FeedbackInput(""))
    pb.delete_feedback(item)
    with pytest.raises(ServiceError, match="no longer exists"):
        pb.delete_feedback(item)
    assert _count(store, FeedbackItem) == 1


# value items ----------------------------------------------------------------------------


def test_a_value_item_can_be_corrected_and_deleted(
    store: Store, services: DirectoryServices, pb: PlaybookServices, world: World
) -> None:
    item, _ = pb.add_value_item(world.company, "Their competitor", "Launch", NEWS)
    pb.update_value_item(item, "  Their   competitor's launch ", "Details", TODAY)
    assert pb.value_item(item) == ("Their competitor's launch", "Details", TODAY)
    with pytest.raises(ServiceError, match="needs a title"):
        pb.update_value_item(item, "  ")
    follow_up, _ = pb.add_follow_up(FollowUpValues(world.company, TODAY, value_item_id=item))
    services.log_interaction(_email(world, TODAY, value_item_id=item))
    assert pb.value_item_uses(item) == (1, 1)
    pb.delete_value_item(item)
    assert pb.value_items(world.company) == []
    assert _row(store, FollowUp, follow_up).value_item_id is None
    assert _count(store, Interaction) == 1


# deleting a contact ---------------------------------------------------------------------


def test_deleting_a_contact_says_what_becomes_of_their_plan(
    store: Store, services: DirectoryServices, pb: PlaybookServices, world: World
) -> None:
    """Issue 15: deleting a contact left their planned follow-ups without a person, and the
    question did not mention them."""
    _record(pb, world)  # the recruiter told the news and has the thank-you note, the check-in
    services.log_interaction(_email(world, TODAY, contact_id=world.recruiter))
    impact = services.contact_delete_impact(world.recruiter)
    planned = sum(1 for f in _planned(store) if f.contact_id == world.recruiter)
    assert (impact.planned_follow_ups, impact.other_follow_ups) == (planned, 1)
    assert (impact.interactions, impact.news_given) == (2, 1)
    assert impact.sentence("Rui Costa") == (
        f"Delete “Rui Costa”? {planned} planned follow-ups with them stay on the plan without "
        "a person (choose someone else for each), 2 logged interactions and 1 done or skipped "
        "follow-up stay in the history without their name and 1 opportunity no longer says "
        "who gave the news."
    )
    change = services.delete_contact(world.recruiter)
    assert change.follow_ups and change.interactions and change.deleted
    assert sum(1 for f in _planned(store) if f.contact_id is None) >= planned
    lonely = services.add_contact({"company_id": world.company, "name": "Zoë"})[0]
    assert services.contact_delete_impact(lonely).sentence("Zoë") == (
        "Delete “Zoë”? Nothing else is recorded with them."
    )


def _planned(store: Store) -> list[FollowUp]:
    with store.sessions() as session:
        query = select(FollowUp).where(FollowUp.status == FollowUpStatus.PLANNED)
        return list(session.scalars(query.order_by(FollowUp.due_on, FollowUp.id)))
