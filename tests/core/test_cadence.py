from __future__ import annotations

from datetime import date, timedelta

import pytest

from runnerup_desktop.core.cadence import (
    SPACING_EXEMPT_STEPS,
    CadenceWarning,
    Style,
    Touch,
    check_spacing,
    classify_style,
    first_fitting_day,
)
from runnerup_desktop.core.domain import Step

BASE = date(2025, 3, 10)
TODAY = date(2025, 9, 1)


def _out(on: date, *, value: bool = False, step: Step | None = None) -> Touch:
    return Touch(on=on, outbound=True, step=step, carried_value=value)


def _days(n: int) -> date:
    return BASE + timedelta(days=n)


@pytest.mark.parametrize(
    ("offset", "warns"),
    [
        (0, True),
        (1, True),
        (20, True),
        (21, False),
        (22, False),
        (-1, True),
        (-20, True),
        (-21, False),
        (-22, False),
    ],
)
def test_guard_edges_in_both_directions(offset: int, warns: bool) -> None:
    warning = check_spacing([_out(BASE)], _days(offset), Step.DEMONSTRATE_VALUE)
    if not warns:
        assert warning is None
        return
    assert warning is not None
    assert warning == CadenceWarning(
        planned_on=_days(offset),
        previous_on=BASE,
        days_apart=abs(offset),
        min_days=21,
        message=warning.message,
        first_fit=_days(21),
    )
    assert warning.previous_is_later is (offset < 0)


@pytest.mark.parametrize("step", [Step.OFFER_CHECK_IN, Step.DOOR_OPEN_NOTE, Step.ROLE_REPOSTED])
@pytest.mark.parametrize("offset", [0, 1, 7, -3])
def test_sequence_exceptions_never_warn(step: Step, offset: int) -> None:
    assert check_spacing([_out(BASE)], _days(offset), step) is None


@pytest.mark.parametrize(
    "step", [None, Step.THANK_YOU_NOTE, Step.DEMONSTRATE_VALUE, Step.RE_CONTACT, Step.OTHER]
)
def test_other_steps_and_manual_touches_are_guarded(step: Step | None) -> None:
    warning = check_spacing([_out(BASE)], _days(7), step)
    assert warning is not None and warning.days_apart == 7


@pytest.mark.parametrize("exempt", sorted(SPACING_EXEMPT_STEPS))
def test_exempt_touches_are_no_ones_neighbour(exempt: Step) -> None:
    """Issue 15: the plan's own thank-you note was warned about because of the offer
    check-in the plan puts six days after it."""
    assert check_spacing([_out(_days(6), step=exempt)], BASE, Step.THANK_YOU_NOTE) is None
    # ...while an ordinary touch there still counts.
    warning = check_spacing(
        [_out(_days(6), step=exempt), _out(_days(-3))], BASE, Step.THANK_YOU_NOTE
    )
    assert warning is not None and warning.previous_on == _days(-3)


@pytest.mark.parametrize(
    "previous",
    [
        [],
        [Touch(BASE, outbound=False)],
        [Touch(_days(5), outbound=False), Touch(_days(-5), outbound=False, carried_value=True)],
        [_out(_days(-30)), _out(_days(40))],
    ],
)
def test_inbound_and_distant_touches_do_not_warn(previous: list[Touch]) -> None:
    assert check_spacing(previous, BASE, Step.DEMONSTRATE_VALUE) is None


@pytest.mark.parametrize(
    ("previous", "planned", "nearest", "days_apart"),
    [
        # The later touch is nearer: it is the one reported.
        ([_days(0), _days(30)], _days(25), _days(30), 5),
        # The earlier touch is nearer.
        ([_days(0), _days(30)], _days(4), _days(0), 4),
        # A tie reports the earlier touch.
        ([_days(-10), _days(10)], _days(0), _days(-10), 10),
        # Order of the input does not matter.
        ([_days(60), _days(-2), _days(35)], _days(50), _days(60), 10),
        # An inbound touch in between is ignored.
        ([_days(0)], _days(15), _days(0), 15),
    ],
)
def test_nearest_outbound_touch_either_side(
    previous: list[date], planned: date, nearest: date, days_apart: int
) -> None:
    touches = [_out(on) for on in previous] + [Touch(_days(14), outbound=False)]
    warning = check_spacing(touches, planned, None)
    assert warning is not None
    assert (warning.previous_on, warning.days_apart) == (nearest, days_apart)


@pytest.mark.parametrize(
    ("min_days", "offset", "warns"),
    [
        (30, 29, True),
        (30, 30, False),
        (30, -29, True),
        (7, 6, True),
        (7, 7, False),
        (1, 0, True),
        (1, 1, False),
        (0, 0, False),
    ],
)
def test_custom_min_spacing(min_days: int, offset: int, warns: bool) -> None:
    warning = check_spacing([_out(BASE)], _days(offset), Step.RE_CONTACT, min_days=min_days)
    assert (warning is not None) is warns
    if warning is not None:
        assert warning.min_days == min_days
        assert f"at least {min_days} days" in warning.message


def test_negative_min_spacing_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        check_spacing([_out(BASE)], BASE, None, min_days=-1)


@pytest.mark.parametrize(
    ("offset", "phrase"),
    [
        (12, "12 days after another touch with this person (Monday 10 March 2025)"),
        (1, "1 day after another touch with this person (Monday 10 March 2025)"),
        (-5, "5 days before another touch with this person (Monday 10 March 2025)"),
        (0, "on the same day as another touch with this person (Monday 10 March 2025)"),
    ],
)
def test_warning_message_explains_why(offset: int, phrase: str) -> None:
    warning = check_spacing([_out(BASE)], _days(offset), Step.DEMONSTRATE_VALUE)
    assert warning is not None
    assert warning.message.startswith(f"This would come {phrase}.")
    assert "The playbook keeps at least 21 days between touches with one person." in (
        warning.message
    )
    assert warning.message.endswith("The first day that fits is Monday 31 March 2025.")


@pytest.mark.parametrize(
    ("offset", "weekly"), [(0, True), (1, True), (7, True), (8, False), (14, False), (20, False)]
)
def test_only_weekly_touches_are_called_weekly(offset: int, weekly: bool) -> None:
    """Issue 15: 20 days apart was called "weekly calls or emails"."""
    warning = check_spacing([_out(BASE)], _days(offset), Step.RE_CONTACT)
    assert warning is not None
    assert ("weekly" in warning.message) is weekly
    assert f"{offset} day" in warning.message or offset == 0


@pytest.mark.parametrize(
    ("previous", "planned", "first_fit"),
    [
        # Nothing near: the day itself.
        ([], 0, 0),
        ([-21], 0, 0),
        ([21], 0, 0),
        # After the only touch.
        ([-5], 0, 16),
        # Between two touches 42 days apart there is exactly one day.
        ([-10, 32], 0, 11),
        # Between two touches closer than twice the spacing: after the later one.
        ([-10, 25], 0, 46),
        # A chain: each fit is pushed past the next touch.
        ([0, 30, 55], 5, 76),
        # A touch before the planned day far enough back does not matter.
        ([-40, 10], 0, 31),
    ],
)
def test_first_fitting_day(previous: list[int], planned: int, first_fit: int) -> None:
    touches = [_out(_days(n)) for n in previous]
    assert first_fitting_day(touches, _days(planned)) == _days(first_fit)
    warning = check_spacing(touches, _days(planned), Step.RE_CONTACT)
    assert (warning is None) is (first_fit == planned)
    if warning is not None:
        assert warning.first_fit == _days(first_fit)
        assert check_spacing(touches, _days(first_fit), Step.RE_CONTACT) is None


def test_first_fitting_day_ignores_exempt_and_inbound_touches() -> None:
    touches = [
        _out(_days(3), step=Step.OFFER_CHECK_IN),
        _out(_days(5), step=Step.DOOR_OPEN_NOTE),
        Touch(_days(1), outbound=False),
    ]
    assert first_fitting_day(touches, BASE) == BASE


def _every(gap: int, count: int, *, value: int = 0, end: date = TODAY) -> list[Touch]:
    """``count`` outbound touches ``gap`` days apart ending on ``end``; the last ``value`` of
    them carried value."""
    return [_out(end - timedelta(days=gap * i), value=i < value) for i in reversed(range(count))]


@pytest.mark.parametrize(
    ("touches", "style"),
    [
        ([], Style.QUIET),
        ([Touch(TODAY, outbound=False), Touch(TODAY - timedelta(7), outbound=False)], Style.QUIET),
        ([_out(TODAY - timedelta(days=121))], Style.QUIET),
        ([_out(TODAY + timedelta(days=3)), _out(TODAY + timedelta(days=5))], Style.QUIET),
        ([_out(TODAY - timedelta(days=40))], Style.NOT_ENOUGH_HISTORY),
        (
            [_out(TODAY - timedelta(days=200)), _out(TODAY - timedelta(days=3))],
            Style.NOT_ENOUGH_HISTORY,
        ),
        # Weekly reads as stalking, even when every touch carried value.
        (_every(7, 5), Style.STALKING),
        (_every(7, 5, value=5), Style.STALKING),
        (_every(13, 3), Style.STALKING),
        (_every(0, 2), Style.STALKING),
        # The threshold: an average of 14 days is not weekly any more.
        (_every(14, 3), Style.STAYING_IN_TOUCH),
        # Monthly: the share of touches with value decides.
        (_every(30, 4), Style.STAYING_IN_TOUCH),
        (_every(30, 4, value=2), Style.STAYING_IN_TOUCH),
        (_every(30, 4, value=3), Style.DEMONSTRATING_VALUE),
        (_every(30, 3, value=2), Style.DEMONSTRATING_VALUE),
        (_every(30, 2, value=2), Style.DEMONSTRATING_VALUE),
        (_every(30, 2, value=1), Style.STAYING_IN_TOUCH),
        # An average, not the closest pair: 5 then 40 days apart is not stalking.
        (
            [_out(TODAY - timedelta(45)), _out(TODAY - timedelta(40)), _out(TODAY)],
            Style.STAYING_IN_TOUCH,
        ),
        # Old weekly bursts are out of the window; future planned touches do not count.
        (
            [*_every(7, 6, end=TODAY - timedelta(days=150)), *_every(30, 3, value=3)],
            Style.DEMONSTRATING_VALUE,
        ),
        ([*_every(30, 3), *_every(2, 4, end=TODAY + timedelta(days=20))], Style.STAYING_IN_TOUCH),
        # Inbound touches do not make a style.
        (
            [*_every(30, 2), Touch(TODAY - timedelta(days=15), outbound=False)],
            Style.STAYING_IN_TOUCH,
        ),
    ],
)
def test_classify_style(touches: list[Touch], style: Style) -> None:
    assert classify_style(touches, TODAY) is style


@pytest.mark.parametrize("exempt", sorted(SPACING_EXEMPT_STEPS))
def test_doing_what_the_plan_says_is_not_stalking(exempt: Step) -> None:
    """Issue 15: the thank-you note on day 1 and the offer check-in (or door-open note) on
    day 7, exactly as planned, read "Looks like: Stalking" on the recruiter's timeline."""
    done = [
        _out(TODAY - timedelta(days=6), step=Step.THANK_YOU_NOTE),
        _out(TODAY, step=exempt),
    ]
    assert classify_style(done, TODAY) is Style.NOT_ENOUGH_HISTORY
    # A hand-logged touch in its place is still read.
    assert classify_style([done[0], _out(TODAY)], TODAY) is Style.STALKING


@pytest.mark.parametrize(
    ("first_days_ago", "window", "style"),
    [
        (120, 120, Style.STAYING_IN_TOUCH),  # the window's first day counts
        (121, 120, Style.NOT_ENOUGH_HISTORY),
        (60, 60, Style.STAYING_IN_TOUCH),
        (61, 60, Style.NOT_ENOUGH_HISTORY),
    ],
)
def test_style_window_is_inclusive(first_days_ago: int, window: int, style: Style) -> None:
    touches = [_out(TODAY - timedelta(days=first_days_ago)), _out(TODAY)]
    assert classify_style(touches, TODAY, window_days=window) is style


def test_style_window_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        classify_style([], TODAY, window_days=0)


@pytest.mark.parametrize(
    ("style", "label", "phrase"),
    [
        (Style.STALKING, "Stalking", "weekly"),
        (Style.STAYING_IN_TOUCH, "Just staying in touch", "no trust"),
        (Style.DEMONSTRATING_VALUE, "Demonstrating value", "builds trust"),
        (Style.NOT_ENOUGH_HISTORY, "Not enough history", "too early"),
        (Style.QUIET, "Quiet", "going cold"),
    ],
)
def test_style_label_and_explanation(style: Style, label: str, phrase: str) -> None:
    assert style.label == label
    assert phrase in style.explanation
    assert style.explanation.endswith(".") and style.explanation.count(". ") == 0
