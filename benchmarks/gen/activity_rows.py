"""The rows of what happened: follow-ups and interactions.

Follow-ups fall from eighteen months ago to six months ahead (most past ones done or
skipped, some overdue, some due today); interactions cover two years, and a done
follow-up is often recorded by an interaction on its day. ``last_touch_on`` is gathered
here for :func:`benchmarks.gen.api.generate` to write afterwards.

The app is taken to have run every day until yesterday: every planned follow-up due
before today has reminded (``notified_at`` on its day), and none due today has yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from benchmarks.gen.activity_words import (
    CHANNEL_KIND,
    FOLLOW_UP_NOTES,
    KIND_CUM,
    KINDS,
    STEP_CHANNELS,
    STEP_CUM,
    STEPS,
    SUMMARIES,
    TOPICS,
)
from benchmarks.gen.world import World
from benchmarks.gen.writer import Row
from runnerup_desktop.core.domain import Direction, FollowUpStatus, InteractionKind, Step

#: Follow-ups fall between this many days ago and ``FUTURE_DAYS`` ahead (two years in all).
PAST_DAYS = 540
FUTURE_DAYS = 190
#: Interactions fall within this many days before today.
HISTORY_DAYS = 730
#: The share of follow-ups due today: about as many as on the days either side.
TODAY_SHARE = 0.004


def follow_ups(world: World) -> Iterator[Row]:
    rng = world.rng
    today = world.today_ord
    contacts = world.pick_contacts(world.n_follow_ups) if world.n_contacts else iter(())
    for follow_up_id in range(1, world.n_follow_ups + 1):
        contact_id: int | None = next(contacts, None)
        if contact_id is not None and rng.random() < 0.85:
            company_id = world.contact_company[contact_id]
        else:
            contact_id = None
            company_id = rng.between(1, world.n_companies)
        opps = world.company_opps[company_id]
        opp_id = rng.pick(opps) if opps and rng.random() < 0.6 else None
        roll = rng.random()
        if roll < TODAY_SHARE or follow_up_id == 1:  # always some due today
            due = today
        elif roll < 0.30:
            due = today + 1 + int(FUTURE_DAYS * rng.random() ** 1.3)
        else:
            due = today - 1 - int(PAST_DAYS * rng.random() ** 1.2)
        completed = None
        if due >= today:
            status = FollowUpStatus.PLANNED
        else:
            roll = rng.random()
            status = (
                FollowUpStatus.DONE
                if roll < 0.82
                else FollowUpStatus.SKIPPED
                if roll < 0.93
                else FollowUpStatus.PLANNED
            )
            if status is not FollowUpStatus.PLANNED:
                completed = min(today, due + rng.between(0, 4))
        step = rng.weighted(STEPS, STEP_CUM)
        channel = rng.pick(STEP_CHANNELS[step])
        values = world.company_values[company_id]
        value_id = rng.pick(values) if values and step is Step.DEMONSTRATE_VALUE else None
        due_time = (
            dt.time(rng.between(8, 17), rng.pick((0, 15, 30, 45))) if rng.random() < 0.3 else None
        )
        notified = None
        if status is FollowUpStatus.PLANNED and due < today:  # reminded on its day
            notified = dt.datetime.combine(
                dt.date.fromordinal(due), due_time or dt.time(9), tzinfo=dt.UTC
            )
        roll = rng.random()
        if roll < 0.1:
            notes = world.long_note()
        elif roll < 0.6:
            notes = rng.pick(FOLLOW_UP_NOTES).format(
                first=world.contact_given[contact_id] if contact_id else "them",
                topic=rng.pick(TOPICS),
                city=world.company_city[company_id],
            )
        else:
            notes = ""
        created = min(due, today) - rng.between(1, 45)
        created_at, updated_at = world.stamps(created, completed or created)
        if status is FollowUpStatus.DONE and contact_id is not None and completed is not None:
            world.done.append((follow_up_id, company_id, contact_id, completed, channel))
        yield {
            "id": follow_up_id,
            "company_id": company_id,
            "opportunity_id": opp_id,
            "contact_id": contact_id,
            "step": step,
            "channel": channel,
            "due_on": dt.date.fromordinal(due),
            "due_time": due_time,
            "status": status,
            "notes": notes,
            "value_item_id": value_id,
            "completed_on": None if completed is None else dt.date.fromordinal(completed),
            "notified_at": notified,
            "created_at": created_at,
            "updated_at": updated_at,
        }


def interactions(world: World) -> Iterator[Row]:
    rng = world.rng
    today = world.today_ord
    contacts = world.pick_contacts(world.n_interactions) if world.n_contacts else iter(())
    done = world.done
    company_touch = world.company_touch
    contact_touch = world.contact_touch
    for interaction_id in range(1, world.n_interactions + 1):
        picked = next(contacts, None)
        follow_up_id: int | None = None
        contact_id: int | None
        if done and rng.random() < 0.3:
            # Record a done follow-up: same people, same day, matching channel.
            index = rng.below(len(done))
            follow_up_id, company_id, contact_id, day, channel = done[index]
            done[index] = done[-1]
            done.pop()
            kind = CHANNEL_KIND[channel]
            direction = Direction.NONE if kind is InteractionKind.NOTE else Direction.OUTBOUND
        else:
            if picked is not None and rng.random() < 0.9:
                contact_id = picked
                company_id = world.contact_company[picked]
            else:
                contact_id = None
                company_id = rng.between(1, world.n_companies)
            day = today - int(HISTORY_DAYS * rng.random() ** 1.35)
            kind = rng.weighted(KINDS, KIND_CUM)
            if kind is InteractionKind.NOTE:
                direction = Direction.NONE
            elif kind is InteractionKind.CARD:
                direction = Direction.OUTBOUND
            else:
                direction = Direction.OUTBOUND if rng.random() < 0.58 else Direction.INBOUND
        values = world.company_values[company_id]
        value_id = rng.pick(values) if values and rng.random() < 0.05 else None
        if rng.random() < 0.07:
            summary = world.long_note()
        else:
            summary = rng.pick(SUMMARIES[kind]).format(
                first=world.contact_given[contact_id] if contact_id else "the team",
                topic=rng.pick(TOPICS),
                city=world.company_city[company_id],
            )
        if direction is not Direction.NONE:
            if company_touch[company_id] < day:
                company_touch[company_id] = day
            if contact_id is not None and contact_touch[contact_id] < day:
                contact_touch[contact_id] = day
        stamp = world.stamp(day)
        yield {
            "id": interaction_id,
            "company_id": company_id,
            "contact_id": contact_id,
            "follow_up_id": follow_up_id,
            "value_item_id": value_id,
            "kind": kind,
            "direction": direction,
            "occurred_on": dt.date.fromordinal(day),
            "summary": summary,
            "created_at": stamp,
            "updated_at": stamp,
        }
