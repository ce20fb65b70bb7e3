"""Follow-ups, and the cadence guard over the stored touches.

Each user action is one transaction and returns a
:class:`~runnerup_desktop.store.change.Change`. The cadence reads select only the touches
that can matter (those within the minimum spacing, or in the style window) through the
indexes on ``follow_up(contact_id, due_on)`` and ``interaction(contact_id, occurred_on)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from runnerup_desktop.core.cadence import (
    DEFAULT_MIN_SPACING_DAYS,
    DEFAULT_STYLE_WINDOW_DAYS,
    CadenceWarning,
    Style,
    Touch,
    check_spacing,
    classify_style,
)
from runnerup_desktop.core.domain import (
    Channel,
    Direction,
    FollowUpStatus,
    InteractionKind,
    Step,
)
from runnerup_desktop.core.limits import valid_id
from runnerup_desktop.core.news import (
    KIND_FOR_CHANNEL,
    NOT_OUTBOUND_STEPS,
    FollowUpValues,
    headline,
    is_outbound_follow_up,
)
from runnerup_desktop.store.agenda_queries import due_by
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.directory_services import touch_last
from runnerup_desktop.store.history_services import new_value_item
from runnerup_desktop.store.models import Company, FollowUp, Interaction
from runnerup_desktop.store.service_base import ServiceBase, check_belongs, check_days, get_row

#: The widest spacing or window the cadence guard looks across (a year).
MAX_SPACING_DAYS = 366


class FollowUpServices(ServiceBase):
    """Planned touches and the cadence guard over what is stored."""

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
        with self._sessions.begin() as session:
            get_row(session, Company, values.company_id)
            check_belongs(
                session,
                values.company_id,
                contact_id=values.contact_id,
                opportunity_id=values.opportunity_id,
                value_item_id=values.value_item_id,
            )
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

    # cadence ---------------------------------------------------------------------------
    def spacing_question(
        self,
        min_days: int,
        touch: tuple[int | None, Step, Channel],
        on: dt.date,
        exclude_follow_up_id: int | None = None,
    ) -> str | None:
        """The cadence guard's warning for an outbound ``(contact, step, channel)`` on
        ``on``, as a sentence, or ``None`` when there is nothing to warn about."""
        contact_id, step, channel = touch
        if contact_id is None or not is_outbound_follow_up(step, channel, contact_id):
            return None
        warning = self.spacing_warning(
            contact_id, on, step, min_days, exclude_follow_up_id=exclude_follow_up_id
        )
        return warning.message if warning is not None else None

    def spacing_warning(
        self,
        contact_id: int,
        planned_on: dt.date,
        step: Step | None,
        min_days: int = DEFAULT_MIN_SPACING_DAYS,
        exclude_follow_up_id: int | None = None,
    ) -> CadenceWarning | None:
        """A warning if an outbound touch to the contact on ``planned_on`` comes closer than
        ``min_days`` to a logged outbound interaction or a planned outbound follow-up.

        Only the touches within ``min_days`` of ``planned_on`` are read: farther ones cannot
        cause a warning. Leave the follow-up being edited out with ``exclude_follow_up_id``.
        """
        check_days(planned_on=planned_on)
        if not 0 <= min_days <= MAX_SPACING_DAYS:
            raise ServiceError(
                f"The minimum spacing is 0 to {MAX_SPACING_DAYS} days, not {min_days}."
            )
        if min_days == 0 or step in NOT_OUTBOUND_STEPS:
            return None
        first = planned_on - dt.timedelta(days=min_days)
        last = planned_on + dt.timedelta(days=min_days)
        with self._sessions() as session:
            touches = _touches(session, contact_id, first, last, exclude_follow_up_id)
        return check_spacing(touches, planned_on, step, min_days)

    def contact_style(
        self, contact_id: int, today: dt.date, window_days: int = DEFAULT_STYLE_WINDOW_DAYS
    ) -> Style:
        """What the contact's logged outbound touches of the last ``window_days`` look like."""
        check_days(today=today)
        if not 0 <= window_days <= MAX_SPACING_DAYS:
            raise ServiceError(f"The window is 0 to {MAX_SPACING_DAYS} days, not {window_days}.")
        first = today - dt.timedelta(days=window_days)
        with self._sessions() as session:
            rows = session.execute(
                select(Interaction.occurred_on, Interaction.value_item_id).where(
                    Interaction.contact_id == contact_id,
                    Interaction.occurred_on.between(first, today),
                    Interaction.direction == Direction.OUTBOUND,
                )
            )
            touches = [Touch(on, True, carried_value=value is not None) for on, value in rows]
        return classify_style(touches, today, window_days)


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


def _touches(
    session: Session,
    contact_id: int,
    first: dt.date,
    last: dt.date,
    exclude_follow_up_id: int | None,
) -> list[Touch]:
    """The contact's outbound touches between ``first`` and ``last``: logged and planned."""
    logged = session.execute(
        select(Interaction.occurred_on, Interaction.value_item_id).where(
            Interaction.contact_id == contact_id,
            Interaction.occurred_on.between(first, last),
            Interaction.direction == Direction.OUTBOUND,
        )
    )
    touches = [Touch(on, True, carried_value=value is not None) for on, value in logged]
    planned_query = select(FollowUp.due_on, FollowUp.step, FollowUp.value_item_id).where(
        FollowUp.contact_id == contact_id,
        FollowUp.due_on.between(first, last),
        FollowUp.status == FollowUpStatus.PLANNED,
        FollowUp.channel != Channel.NONE,
        FollowUp.step.not_in(list(NOT_OUTBOUND_STEPS)),
    )
    if exclude_follow_up_id is not None:
        planned_query = planned_query.where(FollowUp.id != exclude_follow_up_id)
    for on, step, value in session.execute(planned_query):
        touches.append(Touch(on, True, step=step, carried_value=value is not None))
    return touches


def _ids(follow_up_ids: Iterable[int]) -> list[int]:
    """The ids once each, in order; none is a mistake of the caller's."""
    ids = list(dict.fromkeys(follow_up_ids))
    if not ids:
        raise ServiceError("Choose at least one follow-up.")
    return ids
