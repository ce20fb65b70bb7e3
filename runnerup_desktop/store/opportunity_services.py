"""Opportunities: one role at one company, with its stage and the dates of its story.

Fields are checked together, on the opportunity as it would be after the change: the dates
must come in the story's order (application, final interview, news, then the hire's start
or the company coming back), and the person who gave the news must work at the company.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import JobLevel, Stage, UnknownValue
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.models import Company, Opportunity
from runnerup_desktop.store.service_base import ServiceBase, check_belongs, day, get_row

OPPORTUNITY_FIELDS = frozenset(
    {
        "company_id",
        "title",
        "job_level",
        "stage",
        "applied_on",
        "final_interview_on",
        "news_on",
        "news_from_id",
        "winner_name",
        "winner_accepted",
        "hire_start_on",
        "came_back_on",
        "strong_stories",
        "notes",
        "interview_questions",
        "interview_place",
    }
)
MAX_TITLE = 200
MAX_PLACE = 300
MAX_WINNER_NAME = 200

FINAL_BEFORE_APPLIED = "The final interview on {later} comes before the application on {earlier}."
NEWS_BEFORE_FINAL = "The news on {later} comes before the final interview on {earlier}."
HIRE_BEFORE_NEWS = "The hire cannot start on {later}, before the news on {earlier}."
CAME_BACK_BEFORE_NEWS = "The company cannot come back on {later}, before the news on {earlier}."


class OpportunityServices(ServiceBase):
    """Adding, changing and deleting opportunities."""

    def add_opportunity(self, fields: Mapping[str, Any]) -> tuple[int, Change]:
        values = _opportunity_values(fields)
        if not values.get("company_id"):
            raise ServiceError("An opportunity belongs to a company: choose one.")
        with self._sessions.begin() as session:
            get_row(session, Company, values["company_id"])
            merged = {**_NEW_OPPORTUNITY, **values}
            self._check_opportunity(session, merged)
            opportunity = Opportunity(**merged)
            session.add(opportunity)
            session.flush()
            return opportunity.id, _opportunity_change(opportunity)

    def update_opportunity(self, opportunity_id: int, fields: Mapping[str, Any]) -> Change:
        values = _opportunity_values(fields)
        with self._sessions.begin() as session:
            opportunity = get_row(session, Opportunity, opportunity_id)
            if values.get("company_id", opportunity.company_id) != opportunity.company_id:
                raise ServiceError(
                    "An opportunity cannot move to another company; add it there instead."
                )
            merged = {key: getattr(opportunity, key) for key in OPPORTUNITY_FIELDS} | values
            self._check_opportunity(session, merged)
            for key, value in values.items():
                setattr(opportunity, key, value)
            return _opportunity_change(opportunity)

    def delete_opportunity(self, opportunity_id: int) -> Change:
        """Delete it with its feedback and follow-ups; logged interactions stay."""
        with self._sessions.begin() as session:
            opportunity = get_row(session, Opportunity, opportunity_id)
            company_id = opportunity.company_id
            session.delete(opportunity)
        return Change(
            companies=frozenset({company_id}), opportunities=True, follow_ups=True, deleted=True
        )

    def _check_opportunity(self, session: Session, values: Mapping[str, Any]) -> None:
        if not values["title"]:
            raise ServiceError("An opportunity needs a title: the role, like “Data Engineer”.")
        if len(values["title"]) > MAX_TITLE:
            raise ServiceError(f"A title can be at most {MAX_TITLE} characters.")
        if len(values.get("interview_place") or "") > MAX_PLACE:
            raise ServiceError(
                f"Where the interview is can be at most {MAX_PLACE} characters: a place, an "
                "address or a link."
            )
        if len(values["winner_name"]) > MAX_WINNER_NAME:
            raise ServiceError(
                f"The other candidate's name can be at most {MAX_WINNER_NAME} characters."
            )
        check_belongs(session, values["company_id"], contact_id=values["news_from_id"])
        news_on: dt.date | None = values["news_on"]
        if news_on is not None and news_on > self._today():
            raise ServiceError(f"The news cannot come on {day(news_on)}, after today.")
        in_order(values["applied_on"], values["final_interview_on"], FINAL_BEFORE_APPLIED)
        in_order(values["final_interview_on"], news_on, NEWS_BEFORE_FINAL)
        in_order(news_on, values["hire_start_on"], HIRE_BEFORE_NEWS)
        in_order(news_on, values["came_back_on"], CAME_BACK_BEFORE_NEWS)


_NEW_OPPORTUNITY: dict[str, Any] = {
    "title": "",
    "job_level": JobLevel.INDIVIDUAL_CONTRIBUTOR,
    "stage": Stage.APPLIED,
    "applied_on": None,
    "final_interview_on": None,
    "news_on": None,
    "news_from_id": None,
    "winner_name": "",
    "winner_accepted": None,
    "hire_start_on": None,
    "came_back_on": None,
    "strong_stories": "",
    "notes": "",
}


def _opportunity_values(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - OPPORTUNITY_FIELDS
    if unknown:
        raise ServiceError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    values = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    try:
        if "job_level" in values:
            values["job_level"] = JobLevel.parse(values["job_level"], "A job level")
        if "stage" in values:
            values["stage"] = Stage.parse(values["stage"], "A stage")
    except UnknownValue as exc:
        raise ServiceError(str(exc)) from exc
    if "title" in values:
        values["title"] = " ".join(values["title"].split())
    return values


def in_order(earlier: dt.date | None, later: dt.date | None, message: str) -> None:
    """Refuse ``later`` before ``earlier`` (when both are known) with ``message``."""
    if earlier is not None and later is not None and later < earlier:
        raise ServiceError(message.format(earlier=day(earlier), later=day(later)))


def _opportunity_change(opportunity: Opportunity) -> Change:
    return Change(companies=frozenset({opportunity.company_id}), opportunities=True)
