"""The demo story is realistic and dated relative to today."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from runnerup_desktop.core.domain import FollowUpStatus, Stage, Step
from runnerup_desktop.store.agenda_queries import agenda
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import NEWS_DAYS_AGO, seed_demo
from runnerup_desktop.store.models import Company, FollowUp, Opportunity


def test_demo_has_a_half_done_plan_with_overdue_and_today(store: Store) -> None:
    today = dt.date(2026, 3, 31)
    seed_demo(store.sessions, today=today)
    with store.sessions() as session:
        assert session.scalar(select(Company.name).where(Company.id == 1)) == "Northwind Analytics"
        runner_up = session.scalars(
            select(Opportunity).where(Opportunity.stage == Stage.RUNNER_UP)
        ).one()
        assert runner_up.news_on == today - dt.timedelta(days=NEWS_DAYS_AGO)
        assert len(runner_up.feedback) == 2
        steps = {
            f.step: f.status
            for f in session.scalars(
                select(FollowUp).where(FollowUp.opportunity_id == runner_up.id)
            )
        }
        assert steps[Step.THANK_YOU_NOTE] is FollowUpStatus.DONE
        assert steps[Step.OFFER_CHECK_IN] is FollowUpStatus.PLANNED
        found = agenda(session, today, 14)
    assert found.overdue and found.today and found.upcoming
    assert [item.step for item in found.today] == [Step.OFFER_CHECK_IN]
