"""The rows of the directory: companies, contacts, opportunities, feedback, value items.

Each function streams one table's rows (dicts with every column) from a planned
:class:`~benchmarks.gen.world.World`, and records in it what later tables need.
The denormalised columns are kept as the app keeps them: ``name_key`` is the app's
:func:`fold` of the name and ``search_key`` the models' own recipe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from benchmarks.gen.activity_words import SENTENCES
from benchmarks.gen.people import CULTURES
from benchmarks.gen.work import (
    BRANDS,
    FINALISTS,
    GAPS,
    IMPORTANCES,
    INDUSTRIES,
    NEWS,
    NEWS_ROLES,
    OPEN,
    OPENINGS,
    STORIES,
    TITLES,
    VALUE_TITLES,
)
from benchmarks.gen.world import World
from benchmarks.gen.writer import Row
from runnerup_desktop.core.domain import OPEN_STAGES, CompanyStatus, ContactRole, Stage
from runnerup_desktop.store.models import company_search_key, contact_search_key


def companies(world: World) -> Iterator[Row]:
    rng = world.rng
    used: set[str] = set()
    for company_id in range(1, world.n_companies + 1):
        country = world.company_country[company_id]
        city, area = rng.pick(country.cities)
        name, base = world.make_company_name(country, city, used)
        domain = f"{world.ascii(base)[:40] or 'company'}.example"
        world.company_domain[company_id] = domain
        world.company_city[company_id] = city
        world.company_phone[company_id] = f"+{country.phone_code} {area}"
        roll = rng.random()
        notes = world.long_note() if roll < 0.2 else rng.pick(SENTENCES) if roll < 0.55 else ""
        created = world.today_ord - rng.between(30, 800)
        created_at, updated_at = world.stamps(created, rng.between(created, world.today_ord))
        world.company_updated[company_id] = updated_at
        world.company_name[company_id] = name
        industry = rng.pick(INDUSTRIES)
        location = f"{city}, {country.name}" if rng.random() < 0.8 else city
        yield {
            "id": company_id,
            "name": name,
            "name_key": world.fold(name),
            "search_key": company_search_key(name, industry, location),
            "industry": industry,
            "location": location,
            "website": f"https://www.{domain}" if rng.random() < 0.85 else "",
            "status": world.company_status[company_id],
            "notes": notes,
            "last_touch_on": None,
            "open_opportunities": sum(
                world.opp_stage[opp] in OPEN_STAGES for opp in world.company_opps[company_id]
            ),
            "created_at": created_at,
            "updated_at": updated_at,
        }


def contacts(world: World) -> Iterator[Row]:
    rng = world.rng
    for contact_id in range(1, world.n_contacts + 1):
        company_id = world.contact_company[contact_id]
        home = CULTURES[world.company_country[company_id].culture]
        name, given, family = world.person(home if rng.random() < 0.55 else None)
        world.contact_given[contact_id] = given
        role = world.contact_role[contact_id]
        first, last = world.ascii(given), world.ascii(family)
        roll = rng.random()
        local = (
            f"{first}.{last}"
            if roll < 0.7
            else f"{first[:1]}{last}"
            if roll < 0.85
            else first or last
        )
        domain = (
            "mail.example"
            if role is ContactRole.WINNING_CANDIDATE
            else world.company_domain[company_id]
        )
        roll = rng.random()
        notes = world.long_note() if roll < 0.08 else rng.pick(SENTENCES) if roll < 0.4 else ""
        created = world.today_ord - rng.between(1, 760)
        created_at, updated_at = world.stamps(created, rng.between(created, world.today_ord))
        world.contact_updated[contact_id] = updated_at
        title = rng.pick(TITLES[role]) if rng.random() < 0.9 else ""
        email = f"{local}@{domain}" if local and rng.random() < 0.88 else ""
        company_name = world.company_name[company_id]
        yield {
            "id": contact_id,
            "company_id": company_id,
            "name": name,
            "name_key": world.fold(name),
            "search_key": contact_search_key(name, email, title, company_name),
            "role": role,
            "title": title,
            "email": email,
            "phone": (
                f"{world.company_phone[company_id]} 555 {rng.below(10000):04d}"
                if rng.random() < 0.7
                else ""
            ),
            "linkedin_url": (
                f"https://www.linkedin.com/in/{first}-{last}-{rng.getrandbits(24):06x}"
                if rng.random() < 0.55
                else ""
            ),
            "notes": notes,
            "last_touch_on": None,
            "created_at": created_at,
            "updated_at": updated_at,
        }


def opportunities(world: World) -> Iterator[Row]:
    rng = world.rng
    today = world.today_ord
    for opp_id in range(1, world.n_opportunities + 1):
        company_id = world.opp_company[opp_id]
        stage = world.opp_stage[opp_id]
        title, level = rng.pick(OPENINGS)
        applied = today - (rng.between(3, 150) if stage in OPEN else rng.between(30, 700))
        final: int | None = None
        news: int | None = None
        if stage in FINALISTS or (stage is Stage.CLOSED and rng.random() < 0.5):
            final = min(applied + rng.between(14, 70), today)
        if stage in NEWS:
            news = min((final or applied) + rng.between(2, 21), today)
        news_from = None
        if news is not None:
            candidates = [
                c for c in world.company_contacts[company_id] if world.contact_role[c] in NEWS_ROLES
            ]
            news_from = rng.pick(candidates) if candidates else None
        winner = ""
        accepted: bool | None = None
        hire_start: int | None = None
        came_back: int | None = None
        if stage is Stage.RUNNER_UP or (stage is Stage.CLOSED and rng.random() < 0.3):
            winner = world.person()[0] if rng.random() < 0.8 else ""
            roll = rng.random()
            accepted = True if roll < 0.6 else False if roll < 0.75 else None
            if accepted and news is not None:
                hire_start = news + rng.between(21, 60)
                if stage is Stage.RUNNER_UP and rng.random() < 0.1:
                    back = hire_start + rng.between(20, 240)
                    came_back = back if back <= today else None
        stories = (
            "\n".join(rng.sample(STORIES, rng.between(1, 3)))
            if stage in FINALISTS or rng.random() < 0.2
            else ""
        )
        roll = rng.random()
        notes = world.long_note() if roll < 0.15 else rng.pick(SENTENCES) if roll < 0.55 else ""
        created_at, updated_at = world.stamps(applied, news or final or applied)
        yield {
            "id": opp_id,
            "company_id": company_id,
            "title": title,
            "job_level": level,
            "stage": stage,
            "applied_on": world.day(applied),
            "final_interview_on": world.day(final) if final else None,
            "news_on": world.day(news) if news else None,
            "news_from_id": news_from,
            "winner_name": winner,
            "winner_accepted": accepted,
            "hire_start_on": dt.date.fromordinal(hire_start) if hire_start else None,
            "came_back_on": world.day(came_back) if came_back else None,
            "strong_stories": stories,
            "notes": notes,
            "interview_questions": "",  # the playbook's
            "interview_place": "",
            "created_at": created_at,
            "updated_at": updated_at,
        }


def feedback(world: World) -> Iterator[Row]:
    rng = world.rng
    feedback_id = 0
    for opp_id in range(1, world.n_opportunities + 1):
        if world.opp_stage[opp_id] not in (Stage.RUNNER_UP, Stage.CLOSED):
            continue
        for gap, answer, example in rng.sample(GAPS, rng.between(0, 3)):
            feedback_id += 1
            stamp = world.stamp(world.today_ord - rng.between(0, 600))
            answered = rng.random() < 0.7
            yield {
                "id": feedback_id,
                "opportunity_id": opp_id,
                "gap": gap,
                "importance": rng.pick(IMPORTANCES),
                "answer": answer if answered else "",
                "example": example if answered else "",
                "created_at": stamp,
                "updated_at": stamp,
            }


def values(world: World) -> Iterator[Row]:
    rng = world.rng
    value_id = 0
    keen = (CompanyStatus.RUNNER_UP, CompanyStatus.IN_PROCESS, CompanyStatus.HIRED)
    for company_id in range(1, world.n_companies + 1):
        if world.company_status[company_id] not in keen:
            continue
        for _ in range(rng.between(0, 2)):
            value_id += 1
            world.company_values[company_id].append(value_id)
            found = world.today_ord - rng.between(0, 500)
            stamp = world.stamp(found)
            title = rng.pick(VALUE_TITLES).format(
                brand=rng.pick(BRANDS), city=world.company_city[company_id]
            )
            yield {
                "id": value_id,
                "company_id": company_id,
                "title": title,
                "details": world.paragraphs(200, 900) if rng.random() < 0.4 else "",
                "found_on": dt.date.fromordinal(found),
                "created_at": stamp,
                "updated_at": stamp,
            }
