"""The cadence guard: how often to touch one contact (see shared/docs/playbook.md).

:func:`check_spacing` warns before an outbound touch that would come too close to another
one with the same contact, and :func:`first_fitting_day` finds the first day that would not;
:func:`classify_style` names the style a contact's recent history looks like. All look at
one contact's touches: the caller filters by contact.

The playbook's named exceptions (:data:`SPACING_EXEMPT_STEPS`: the offer check-in, the
door-open note, and the touch planned when the role is re-posted) are steps the sequence
itself schedules close to the others. An exempt step is never warned about, is not counted
as another touch's neighbour, and is left out of the style reading: doing exactly what the
plan says never reads as stalking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from runnerup_desktop.core.domain import Step

#: Fewest days between two outbound touches with the same contact.
DEFAULT_MIN_SPACING_DAYS = 21

#: Steps the sequence itself schedules close to other touches (the playbook's named
#: exceptions: the offer check-in, the door-open note, and the touch planned when the role
#: is re-posted on the company's job board): never warned about, never counted as a
#: neighbour, left out of the style reading.
SPACING_EXEMPT_STEPS: frozenset[Step] = frozenset(
    {Step.OFFER_CHECK_IN, Step.DOOR_OPEN_NOTE, Step.ROLE_REPOSTED}
)

#: Touches this many days apart or closer are "weekly" in the playbook's words.
WEEKLY_DAYS = 7

#: How far back :func:`classify_style` looks, in days (about four months).
DEFAULT_STYLE_WINDOW_DAYS = 120

#: Outbound touches on average closer than this many days apart read as weekly: stalking.
#: Halfway between weekly (7) and the minimum spacing (21).
STALKING_MAX_MEAN_GAP_DAYS = 14

#: Touches about monthly count as demonstrating value when more than this share of them
#: carried something of value ("most"); otherwise they are just staying in touch.
VALUE_SHARE_THRESHOLD = 0.5


@dataclass(frozen=True)
class Touch:
    """Something that happened, or is planned, with one contact."""

    on: date
    outbound: bool
    step: Step | None = None
    #: Whether the touch brought prepared research (a competitor, a customer, a change).
    carried_value: bool = False


@dataclass(frozen=True)
class CadenceWarning:
    """A planned outbound touch closer to another one than the minimum spacing."""

    planned_on: date
    #: The nearest outbound touch with the contact; usually earlier, later when planning
    #: before a touch that is already on the calendar.
    previous_on: date
    days_apart: int
    min_days: int
    message: str
    #: The first day on or after ``planned_on`` that keeps ``min_days`` from every touch.
    first_fit: date | None = None

    @property
    def previous_is_later(self) -> bool:
        return self.previous_on > self.planned_on


def check_spacing(
    previous: Sequence[Touch],
    planned_on: date,
    step: Step | None,
    min_days: int = DEFAULT_MIN_SPACING_DAYS,
) -> CadenceWarning | None:
    """A warning if an outbound touch on ``planned_on`` comes closer than ``min_days`` to the
    nearest outbound touch in ``previous``, on either side; ``None`` if it is fine.

    Exactly ``min_days`` apart is fine. An exempt step (:data:`SPACING_EXEMPT_STEPS`) is
    never warned about, and exempt touches in ``previous`` are no one's neighbour.
    ``previous`` must not contain the touch being planned itself (when editing, leave it
    out). ``min_days`` of 0 turns the guard off.
    """
    if min_days < 0:
        raise ValueError(f"The minimum spacing cannot be negative ({min_days} days).")
    if is_exempt(step):
        return None
    outbound = _neighbours(previous)
    if not outbound:
        return None
    # Nearest first; on a tie the earlier touch, the one the person already knows about.
    nearest = min(outbound, key=lambda on: (abs((on - planned_on).days), on))
    days_apart = abs((nearest - planned_on).days)
    if days_apart >= min_days:
        return None
    first_fit = _first_fit(outbound, planned_on, min_days)
    return CadenceWarning(
        planned_on=planned_on,
        previous_on=nearest,
        days_apart=days_apart,
        min_days=min_days,
        message=_spacing_message(planned_on, nearest, days_apart, min_days, first_fit),
        first_fit=first_fit,
    )


def first_fitting_day(
    previous: Sequence[Touch], planned_on: date, min_days: int = DEFAULT_MIN_SPACING_DAYS
) -> date:
    """The first day on or after ``planned_on`` at least ``min_days`` from every outbound
    touch in ``previous`` that counts (exempt ones do not): ``planned_on`` if it fits."""
    if min_days < 0:
        raise ValueError(f"The minimum spacing cannot be negative ({min_days} days).")
    return _first_fit(_neighbours(previous), planned_on, min_days)


def is_exempt(step: Step | None) -> bool:
    """Whether ``step`` is one of the playbook's named exceptions to the spacing rule."""
    return step is not None and step in SPACING_EXEMPT_STEPS


def _neighbours(touches: Iterable[Touch]) -> list[date]:
    return [touch.on for touch in touches if touch.outbound and not is_exempt(touch.step)]


def _first_fit(others: Sequence[date], planned_on: date, min_days: int) -> date:
    def fits(day: date) -> bool:
        return all(abs((day - on).days) >= min_days for on in others)

    candidates = [planned_on, *(on + timedelta(days=min_days) for on in others)]
    return min(day for day in candidates if day >= planned_on and fits(day))


class Style(StrEnum):
    """What a contact's recent outbound touches look like (the playbook's three styles)."""

    STALKING = "stalking"
    STAYING_IN_TOUCH = "staying_in_touch"
    DEMONSTRATING_VALUE = "demonstrating_value"
    NOT_ENOUGH_HISTORY = "not_enough_history"
    QUIET = "quiet"

    @property
    def label(self) -> str:
        return _STYLE_LABELS[self]

    @property
    def explanation(self) -> str:
        return _STYLE_EXPLANATIONS[self]


_STYLE_LABELS: dict[Style, str] = {
    Style.STALKING: "Stalking",
    Style.STAYING_IN_TOUCH: "Just staying in touch",
    Style.DEMONSTRATING_VALUE: "Demonstrating value",
    Style.NOT_ENOUGH_HISTORY: "Not enough history",
    Style.QUIET: "Quiet",
}

_STYLE_EXPLANATIONS: dict[Style, str] = {
    Style.STALKING: "Touches about weekly make a manager want to forget you: space them out.",
    Style.STAYING_IN_TOUCH: (
        "About monthly but without content: it keeps your name in mind but builds no trust."
    ),
    Style.DEMONSTRATING_VALUE: (
        "About monthly with prepared research: this builds trust and gets you called first."
    ),
    Style.NOT_ENOUGH_HISTORY: "Only one recent touch: too early to tell a style.",
    Style.QUIET: "No recent touch: the relationship is going cold.",
}


def classify_style(
    touches: Iterable[Touch], today: date, window_days: int = DEFAULT_STYLE_WINDOW_DAYS
) -> Style:
    """The style of the outbound touches in the ``window_days`` up to ``today`` (inclusive).

    Future (planned), inbound and exempt touches (the sequence's own close steps, see
    :data:`SPACING_EXEMPT_STEPS`) do not count. No touch is :attr:`Style.QUIET`, one
    is :attr:`Style.NOT_ENOUGH_HISTORY`. With two or more, an average gap under
    :data:`STALKING_MAX_MEAN_GAP_DAYS` is stalking; otherwise more than
    :data:`VALUE_SHARE_THRESHOLD` of them carrying value is demonstrating value, and
    anything else is just staying in touch.
    """
    if window_days < 1:
        raise ValueError(f"The window must be at least one day, not {window_days}.")
    start = today - timedelta(days=window_days)
    recent = sorted(
        (
            touch
            for touch in touches
            if touch.outbound and not is_exempt(touch.step) and start <= touch.on <= today
        ),
        key=lambda touch: touch.on,
    )
    if not recent:
        return Style.QUIET
    if len(recent) == 1:
        return Style.NOT_ENOUGH_HISTORY
    mean_gap = (recent[-1].on - recent[0].on).days / (len(recent) - 1)
    if mean_gap < STALKING_MAX_MEAN_GAP_DAYS:
        return Style.STALKING
    value_share = sum(touch.carried_value for touch in recent) / len(recent)
    if value_share > VALUE_SHARE_THRESHOLD:
        return Style.DEMONSTRATING_VALUE
    return Style.STAYING_IN_TOUCH


def _spacing_message(
    planned_on: date, other_on: date, days_apart: int, min_days: int, first_fit: date
) -> str:
    """Honest words: how many days, what the playbook says, and the first day that fits."""
    days = f"{days_apart} day{'s' if days_apart != 1 else ''}"
    if days_apart == 0:
        where = f"on the same day as another touch with this person ({_human(other_on)})"
    elif other_on < planned_on:
        where = f"{days} after another touch with this person ({_human(other_on)})"
    else:
        where = f"{days} before another touch with this person ({_human(other_on)})"
    text = (
        f"This would come {where}. The playbook keeps at least {min_days} days between "
        f"touches with one person."
    )
    if days_apart <= WEEKLY_DAYS:
        text += " Touches about weekly read as stalking and make a manager want to forget you."
    return f"{text} The first day that fits is {_human(first_fit)}."


def _human(day: date) -> str:
    import calendar  # 7 ms to import (its locale machinery): not before the first paint

    return (
        f"{calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]} {day.year}"
    )
