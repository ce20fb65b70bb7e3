"""Follow-ups: planned touches, done, skipped, moved, corrected and reopened.

Each user action is one transaction and returns a
:class:`~runnerup_desktop.store.change.Change`; a batch (snooze or skip several) is one
call and one transaction. Every field of a follow-up can be corrected, in any status;
moving its day or time makes it remind again. Reopening a done follow-up takes back what
marking it done logged (the interaction), so the timeline and the cadence guard no longer
count a touch that did not happen. The cadence guard itself is in
:mod:`~runnerup_desktop.store.cadence_services`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import Channel, Direction, FollowUpStatus, InteractionKind
from runnerup_desktop.core.limits import valid_id
from runnerup_desktop.core.news import KIND_FOR_CHANNEL, FollowUpValues, headline
from runnerup_desktop.store.agenda_queries import due_by
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.directory_services import recount_last_touch, touch_last
from runnerup_desktop.store.history_services import new_value_item
from runnerup_desktop.store.models import Company, FollowUp, Interaction
from runnerup_desktop.store.service_base import (
    ServiceBase,
    check_belongs,
    check_days,
    day,
    get_row,
)

MAX_NOTES = 20_000


class FollowUpServices(ServiceBase):
    """Planned touches: adding, doing, moving, skipping, correcting and reopening them."""

    # follow-ups ------------------------------------------------------------------------
    def add_follow_up(
        self, values: FollowUpValues, *, allow_past: bool = False
    ) -> tuple[int, Change]:
        """A new planned follow-up. A due date before today is refused unless ``allow_past``."""
        check_days(due_on=values.due_on)
        today = self._today()
        if values.due_on < today and not allow_past:
            raise ServiceError(
                f"The due date {values.due_on.isoformat()} is in the past. Choose today or a "
                f"later day, or log what already happened as an interaction."
            )
        _check_notes(values.notes)
        with self._sessions.begin() as session:
            get_row(session, Company, values.company_id)
            _check_links(session, values)
            follow_up = FollowUp(
                company_id=values.company_id,
                opportunity_id=values.opportunity_id,
                contact_id=values.contact_id,
                step=values.step,
                channel=values.channel,
                due_on=values.due_on,
                due_time=values.due_time,
                status=FollowUpStatus.PLANNED,
                notes=values.notes.strip(),
                value_item_id=values.value_item_id,
            )
            session.add(follow_up)
            session.flush()
            return follow_up.id, _follow_up_change(follow_up)

    def follow_up_values(self, follow_up_id: int) -> FollowUpValues:
        """A follow-up's fields as :meth:`update_follow_up` takes them back."""
        with self._sessions() as session:
            row = get_row(session, FollowUp, follow_up_id)
            return FollowUpValues(
                company_id=row.company_id,
                due_on=row.due_on,
                contact_id=row.contact_id,
                opportunity_id=row.opportunity_id,
                step=row.step,
                channel=row.channel,
                due_time=row.due_time,
                notes=row.notes,
                value_item_id=row.value_item_id,
            )

    def update_follow_up(self, follow_up_id: int, values: FollowUpValues) -> Change:
        """Correct every field of a follow-up (it stays at its company, in its status).

        A new day or time makes it remind again; the first line of the notes is its title.
        """
        check_days(due_on=values.due_on)
        _check_notes(values.notes)
        with self._sessions.begin() as session:
            follow_up = get_row(session, FollowUp, follow_up_id)
            if values.company_id != follow_up.company_id:
                raise ServiceError(
                    "A follow-up stays at its company; add a new one at the other company."
                )
            _check_links(session, values)
            before = _follow_up_change(follow_up)
            if (values.due_on, values.due_time) != (follow_up.due_on, follow_up.due_time):
                follow_up.notified_at = None
            follow_up.contact_id = values.contact_id
            follow_up.opportunity_id = values.opportunity_id
            follow_up.step = values.step
            follow_up.channel = values.channel
            follow_up.due_on = values.due_on
            follow_up.due_time = values.due_time
            follow_up.notes = values.notes.strip()
            follow_up.value_item_id = values.value_item_id
            return before | _follow_up_change(follow_up)

    def complete(
        self,
        follow_up_id: int,
        note: str,
        on: dt.date,
        value_item_id: int | None = None,
        new_value: tuple[str, str] | None = None,
    ) -> Change:
        """Mark it done on ``on`` and log what was done as an interaction.

        ``new_value`` (a title and details) adds the value item the touch carried, in the
        same transaction.

        The interaction's kind follows the channel (an email, a call...); it is outbound,
        except for a follow-up without a channel, which is work logged as a note.
        """
        check_days(on=on)
        if on > self._today():
            raise ServiceError(
                f"You cannot have done this on {on.isoformat()}, after today. "
                f"Mark it done once it is."
            )
        with self._sessions.begin() as session:
            follow_up = _planned(session, follow_up_id, "mark as done")
            if new_value is not None:
                title, details = new_value
                value_item_id = new_value_item(session, follow_up.company_id, title, details, on).id
            check_belongs(session, follow_up.company_id, value_item_id=value_item_id)
            follow_up.status = FollowUpStatus.DONE
            follow_up.completed_on = on
            if value_item_id is not None:
                follow_up.value_item_id = value_item_id
            interaction = Interaction(
                company_id=follow_up.company_id,
                contact_id=follow_up.contact_id,
                follow_up_id=follow_up.id,
                value_item_id=follow_up.value_item_id,
                kind=KIND_FOR_CHANNEL.get(follow_up.channel, InteractionKind.NOTE),
                direction=(
                    Direction.NONE if follow_up.channel is Channel.NONE else Direction.OUTBOUND
                ),
                occurred_on=on,
                summary=note.strip() or headline(follow_up.notes) or follow_up.step.label,
            )
            session.add(interaction)
            session.flush()
            touch_last(session, interaction)
            return _follow_up_change(follow_up, interactions=True)

    def snooze(self, follow_up_id: int, until: dt.date) -> Change:
        """Move it to a later day; it will remind again then."""
        check_days(until=until)
        if until <= self._today():
            raise ServiceError("Snooze to a day after today, or mark the follow-up done.")
        return self._move(follow_up_id, until, "snooze")

    def reschedule(self, follow_up_id: int, on: dt.date) -> Change:
        """Move it to any day (earlier or later); it will remind again on that day."""
        check_days(on=on)
        return self._move(follow_up_id, on, "reschedule")

    def skip(self, follow_up_id: int) -> Change:
        """Decide not to do it: it stays in the history as skipped."""
        return self.skip_many([follow_up_id])

    def snooze_many(self, follow_up_ids: Iterable[int], until: dt.date) -> Change:
        """Snooze several follow-ups to one later day, in one transaction (all or none)."""
        if until <= self._today():
            raise ServiceError("Snooze to a day after today, or mark the follow-up done.")
        return self._move_many(follow_up_ids, until, "snooze")

    def skip_many(self, follow_up_ids: Iterable[int]) -> Change:
        """Skip several follow-ups in one transaction (all or none)."""
        with self._sessions.begin() as session:
            change = Change()
            for follow_up_id in _ids(follow_up_ids):
                follow_up = _planned(session, follow_up_id, "skip")
                follow_up.status = FollowUpStatus.SKIPPED
                change = change | _follow_up_change(follow_up)
            return change

    def delete_follow_ups(self, follow_up_ids: Iterable[int]) -> Change:
        """Delete follow-ups, whatever their status, in one transaction. Interactions that
        completed them stay in the history, no longer linked to them."""
        with self._sessions.begin() as session:
            change = Change(deleted=True)
            for follow_up_id in _ids(follow_up_ids):
                follow_up = get_row(session, FollowUp, follow_up_id)
                change = change | _follow_up_change(follow_up)
                session.delete(follow_up)
            return change

    def reopen_impact(self, follow_up_id: int) -> str:
        """What reopening the follow-up does, as a question for the person."""
        with self._sessions() as session:
            follow_up = get_row(session, FollowUp, follow_up_id)
            title = headline(follow_up.notes) or follow_up.step.label
            if follow_up.status is FollowUpStatus.PLANNED:
                return f"“{title}” is already planned."
            due = f"It goes back on the plan, due on {day(follow_up.due_on)}"
            logged = _logged_by_done(session, follow_up) if follow_up.completed_on else []
            if not logged:
                return f"Reopen “{title}”? {due}."
            kinds = ", ".join(
                f"the {row.kind.label.lower()} of {day(row.occurred_on)}" for row in logged
            )
            return (
                f"Reopen “{title}”? {due}, and {kinds} that marking it done logged "
                f"{'is' if len(logged) == 1 else 'are'} removed from the timeline."
            )

    def reopen(self, follow_up_id: int) -> Change:
        """Put a done or skipped follow-up back on the plan. For a done one, the
        interaction that marking it done logged goes (the last touches follow); an inbound
        call it was linked to (the news) stays."""
        with self._sessions.begin() as session:
            follow_up = get_row(session, FollowUp, follow_up_id)
            if follow_up.status is FollowUpStatus.PLANNED:
                raise ServiceError("This follow-up is already planned; there is nothing to reopen.")
            change = _follow_up_change(follow_up)
            logged = _logged_by_done(session, follow_up) if follow_up.completed_on else []
            for interaction in logged:
                contacts = [interaction.contact_id] if interaction.contact_id is not None else []
                change |= Change(interactions=True, contacts=frozenset(contacts))
                session.delete(interaction)
            follow_up.status = FollowUpStatus.PLANNED
            follow_up.completed_on = None
            follow_up.notified_at = None
            session.flush()
            if logged:
                recount_last_touch(session, change.companies, change.contacts)
        return change

    def mark_notified(self, follow_up_ids: Iterable[int], at: dt.datetime) -> Change:
        """Remember that a reminder went out, so it is not shown twice."""
        ids = sorted({row_id for row_id in follow_up_ids if valid_id(row_id)})
        with self._sessions.begin() as session:
            for follow_up in session.scalars(select(FollowUp).where(FollowUp.id.in_(ids))):
                follow_up.notified_at = at
        return Change(follow_ups=True)

    def snooze_due(self, now: dt.datetime, untimed_from: dt.time, until: dt.date) -> int:
        """Snooze every planned follow-up due by ``now`` (untimed ones from
        ``untimed_from``) until ``until``, in one statement; how many moved.

        "Snooze all" moves what is due however much that is, without reading the rows:
        each reminds again on ``until``, its time of day kept.
        """
        check_days(until=until)
        if until <= self._today():
            raise ServiceError("Snooze to a day after today, or mark the follow-up done.")
        with self._sessions.begin() as session:
            moved = session.execute(
                update(FollowUp)
                .where(*due_by(now, untimed_from))
                .values(due_on=until, notified_at=None)
                .execution_options(synchronize_session=False)
            )
            return int(cast("CursorResult[Any]", moved).rowcount)

    def _move(self, follow_up_id: int, on: dt.date, verb: str) -> Change:
        return self._move_many([follow_up_id], on, verb)

    def _move_many(self, follow_up_ids: Iterable[int], on: dt.date, verb: str) -> Change:
        with self._sessions.begin() as session:
            change = Change()
            for follow_up_id in _ids(follow_up_ids):
                follow_up = _planned(session, follow_up_id, verb)
                follow_up.due_on = on
                follow_up.notified_at = None
                change = change | _follow_up_change(follow_up)
            return change


def _ids(follow_up_ids: Iterable[int]) -> list[int]:
    ids = list(dict.fromkeys(follow_up_ids))
    if not ids:
        raise ServiceError("Choose at least one follow-up.")
    return ids


def _check_notes(notes: str) -> None:
    if len(notes) > MAX_NOTES:
        raise ServiceError(f"A follow-up's notes can be at most {MAX_NOTES:,} characters.")


def _check_links(session: Session, values: FollowUpValues) -> None:
    check_belongs(
        session,
        values.company_id,
        contact_id=values.contact_id,
        opportunity_id=values.opportunity_id,
        value_item_id=values.value_item_id,
    )


def _logged_by_done(session: Session, follow_up: FollowUp) -> list[Interaction]:
    """The interactions marking ``follow_up`` done logged (never an inbound one)."""
    query = (
        select(Interaction)
        .where(
            Interaction.follow_up_id == follow_up.id,
            Interaction.direction != Direction.INBOUND,
        )
        .order_by(Interaction.occurred_on, Interaction.id)
    )
    return list(session.scalars(query))


def _planned(session: Session, follow_up_id: int, verb: str) -> FollowUp:
    follow_up = get_row(session, FollowUp, follow_up_id)
    if follow_up.status is not FollowUpStatus.PLANNED:
        raise ServiceError(
            f"This follow-up is already {follow_up.status.label.lower()}, so you cannot {verb} it."
        )
    return follow_up


def _follow_up_change(follow_up: FollowUp, *, interactions: bool = False) -> Change:
    contacts = {follow_up.contact_id} if follow_up.contact_id is not None else set()
    return Change(
        companies=frozenset({follow_up.company_id}),
        contacts=frozenset(contacts),
        follow_ups=True,
        interactions=interactions,
    )
