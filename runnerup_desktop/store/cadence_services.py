"""The cadence guard over the stored touches (see ``core/cadence.py``).

The reads select only the touches that can matter (those within the minimum spacing, or
in the style window) through the indexes on ``follow_up(contact_id, due_on)`` and
``interaction(contact_id, occurred_on)``. A logged touch that completed a follow-up carries
that follow-up's step, so the playbook's named exceptions (the offer check-in, the
door-open note) are left out of the warning and of the style reading whether they are
still planned or already done.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
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
from runnerup_desktop.core.domain import Channel, Direction, FollowUpStatus, Step
from runnerup_desktop.core.news import NOT_OUTBOUND_STEPS, is_outbound_follow_up
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.models import FollowUp, Interaction
from runnerup_desktop.store.service_base import ServiceBase, check_days

#: The widest spacing or window the cadence guard looks across (a year).
MAX_SPACING_DAYS = 366


class CadenceServices(ServiceBase):
    """The spacing warning and the style reading for one contact."""

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

        Never for one of the playbook's exceptions. It is asked about plans (a follow-up
        planned, moved, composed), never about a touch logged after the fact: that already
        happened, and the logging dialog does not ask. Only the touches within
        ``min_days`` of ``planned_on`` are read (farther ones cannot cause a warning), plus
        those that decide the first day that fits. Leave the follow-up being edited out
        with ``exclude_follow_up_id``.
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
            warning = check_spacing(touches, planned_on, step, min_days)
            if warning is None or warning.first_fit is None:
                return warning
            # The first day that fits may lie past the window read: read on until it holds.
            while True:
                reach = warning.first_fit + dt.timedelta(days=min_days)
                if reach <= last:
                    return warning
                touches += _touches(
                    session, contact_id, last + dt.timedelta(days=1), reach, exclude_follow_up_id
                )
                last = reach
                found = check_spacing(touches, planned_on, step, min_days)
                if found is None:  # cannot happen: more touches never remove a warning
                    return warning
                warning = found

    def contact_style(
        self, contact_id: int, today: dt.date, window_days: int = DEFAULT_STYLE_WINDOW_DAYS
    ) -> Style:
        """What the contact's logged outbound touches of the last ``window_days`` look like
        (the sequence's own exceptions left out)."""
        check_days(today=today)
        if not 0 <= window_days <= MAX_SPACING_DAYS:
            raise ServiceError(f"The window is 0 to {MAX_SPACING_DAYS} days, not {window_days}.")
        first = today - dt.timedelta(days=window_days)
        with self._sessions() as session:
            touches = _logged(session, contact_id, first, today)
        return classify_style(touches, today, window_days)


def _logged(session: Session, contact_id: int, first: dt.date, last: dt.date) -> list[Touch]:
    """The contact's logged outbound touches between ``first`` and ``last``, each with the
    step of the follow-up it completed, if any."""
    rows = session.execute(
        select(Interaction.occurred_on, Interaction.value_item_id, FollowUp.step)
        .outerjoin(FollowUp, Interaction.follow_up_id == FollowUp.id)
        .where(
            Interaction.contact_id == contact_id,
            Interaction.occurred_on.between(first, last),
            Interaction.direction == Direction.OUTBOUND,
        )
    )
    return [Touch(on, True, step=step, carried_value=value is not None) for on, value, step in rows]


def _touches(
    session: Session,
    contact_id: int,
    first: dt.date,
    last: dt.date,
    exclude_follow_up_id: int | None,
) -> list[Touch]:
    """The contact's outbound touches between ``first`` and ``last``: logged and planned."""
    touches = _logged(session, contact_id, first, last)
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


def touches_from(session: Session, contact_id: int, first: dt.date) -> list[Touch]:
    """Every outbound touch with the contact from ``first`` on, logged and planned."""
    return _touches(session, contact_id, first, dt.date.max, None)
