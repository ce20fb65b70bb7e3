from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from runnerup_desktop.core.cadence import Touch, check_spacing
from runnerup_desktop.core.domain import Channel, JobLevel, Step
from runnerup_desktop.core.playbook import (
    COME_BACK_OVERALL,
    COME_BACK_RANGE,
    WAITING_STEPS,
    NewsEvent,
    PlanChange,
    PlanError,
    PlannedTouch,
    add_months,
    come_back_sentence,
    on_came_back,
    on_candidate_accepted,
    on_hire_started,
    on_role_reposted,
    plan_after_news,
    re_contact_months,
    why_companies_come_back,
)

NEWS = date(2025, 3, 10)
CALLER, MANAGER, RECRUITER = 1, 2, 3

IC = JobLevel.INDIVIDUAL_CONTRIBUTOR
MM = JobLevel.MIDDLE_MANAGEMENT
SE = JobLevel.SENIOR_EXECUTIVE


def _event(
    level: JobLevel = IC,
    *,
    news_on: date = NEWS,
    caller_id: int | None = CALLER,
    hiring_manager_id: int | None = MANAGER,
    recruiter_id: int | None = RECRUITER,
    other_candidate_accepted: bool = False,
    has_feedback: bool = False,
    re_contact_months: int | None = None,
) -> NewsEvent:
    return NewsEvent(
        news_on=news_on,
        job_level=level,
        caller_id=caller_id,
        hiring_manager_id=hiring_manager_id,
        recruiter_id=recruiter_id,
        other_candidate_accepted=other_candidate_accepted,
        has_feedback=has_feedback,
        re_contact_months=re_contact_months,
    )


def _rows(plan: list[PlannedTouch]) -> list[tuple[Step, date, int | None, Channel, bool]]:
    return [(t.step, t.due_on, t.contact_id, t.channel, t.is_outbound) for t in plan]


def _only(plan: list[PlannedTouch], step: Step) -> PlannedTouch:
    matches = [t for t in plan if t.step is step]
    assert len(matches) == 1, matches
    return matches[0]


def _head(accepted: bool) -> list[tuple[Step, date, int | None, Channel, bool]]:
    waiting = (
        (Step.DOOR_OPEN_NOTE, date(2025, 3, 17), RECRUITER, Channel.EMAIL, True)
        if accepted
        else (Step.OFFER_CHECK_IN, date(2025, 3, 17), RECRUITER, Channel.EMAIL, True)
    )
    return [
        (Step.THANK_AND_ASK, date(2025, 3, 10), CALLER, Channel.PHONE, False),
        (Step.THANK_YOU_NOTE, date(2025, 3, 11), CALLER, Channel.EMAIL, True),
        (Step.RECALIBRATE, date(2025, 3, 12), None, Channel.NONE, False),
        waiting,
        (Step.WIDEN_NETWORK, date(2025, 3, 24), None, Channel.LINKEDIN, False),
        (Step.FIND_A_TWIN, date(2025, 3, 31), None, Channel.NONE, False),
        (Step.DEMONSTRATE_VALUE, date(2025, 4, 9), MANAGER, Channel.EMAIL, True),
        (Step.DEMONSTRATE_VALUE, date(2025, 5, 9), MANAGER, Channel.EMAIL, True),
        (Step.MIS_HIRE_WINDOW, date(2025, 6, 8), MANAGER, Channel.EMAIL, True),
    ]


@pytest.mark.parametrize(
    ("level", "accepted", "re_contact_on"),
    [
        (IC, False, date(2025, 7, 10)),
        (MM, False, date(2025, 8, 10)),
        (SE, False, date(2025, 9, 10)),
        (IC, True, date(2025, 7, 10)),
        (MM, True, date(2025, 8, 10)),
        (SE, True, date(2025, 9, 10)),
    ],
)
def test_full_sequence_per_job_level(level: JobLevel, accepted: bool, re_contact_on: date) -> None:
    plan = plan_after_news(_event(level, other_candidate_accepted=accepted))

    expected = [
        *_head(accepted),
        (Step.RE_CONTACT, re_contact_on, CALLER, Channel.EMAIL, True),
    ]
    assert _rows(plan) == expected


@pytest.mark.parametrize(
    ("level", "months", "title"),
    [
        (IC, 4, "Re-contact after 4 months"),
        (MM, 5, "Re-contact after 5 months"),
        (SE, 6, "Re-contact after 6 months"),
    ],
)
def test_re_contact_months_by_level(level: JobLevel, months: int, title: str) -> None:
    event = _event(level)
    assert re_contact_months(event) == months
    assert _only(plan_after_news(event), Step.RE_CONTACT).title == title


@pytest.mark.parametrize(
    ("level", "override", "due", "title"),
    [
        (SE, 3, date(2025, 6, 10), "Re-contact after 3 months"),
        (IC, 1, date(2025, 4, 10), "Re-contact after 1 month"),
        (MM, 12, date(2026, 3, 10), "Re-contact after 12 months"),
    ],
)
def test_re_contact_override_wins_over_level(
    level: JobLevel, override: int, due: date, title: str
) -> None:
    touch = _only(plan_after_news(_event(level, re_contact_months=override)), Step.RE_CONTACT)
    assert (touch.due_on, touch.title) == (due, title)


@pytest.mark.parametrize("override", [0, -4])
def test_re_contact_override_must_be_positive(override: int) -> None:
    with pytest.raises(PlanError, match="at least one month"):
        _event(re_contact_months=override)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 10, 31), 4, date(2026, 2, 28)),
        (date(2023, 10, 31), 4, date(2024, 2, 29)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 11, 30), 6, date(2026, 5, 30)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 5, 15), 0, date(2025, 5, 15)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("news_on", "level", "expected"),
    [
        (date(2025, 10, 31), IC, date(2026, 2, 28)),
        (date(2025, 10, 31), MM, date(2026, 3, 31)),
        (date(2025, 10, 31), SE, date(2026, 4, 30)),
        (date(2023, 10, 31), IC, date(2024, 2, 29)),
        (date(2025, 8, 31), SE, date(2026, 2, 28)),
    ],
)
def test_re_contact_at_month_end(news_on: date, level: JobLevel, expected: date) -> None:
    plan = plan_after_news(_event(level, news_on=news_on))
    assert _only(plan, Step.RE_CONTACT).due_on == expected


# Contacts per step for (caller, manager, recruiter), with the other candidate accepted or not.
_STEPS_WITH_CONTACT = (
    Step.THANK_AND_ASK,
    Step.THANK_YOU_NOTE,
    Step.OFFER_CHECK_IN,
    Step.DOOR_OPEN_NOTE,
    Step.DEMONSTRATE_VALUE,
    Step.MIS_HIRE_WINDOW,
    Step.RE_CONTACT,
)


@pytest.mark.parametrize(
    ("caller", "manager", "recruiter", "expected"),
    [
        # thank-and-ask, thank-you, check-in, door-open, value, mis-hire, re-contact
        (1, 2, 3, (1, 1, 3, 3, 2, 2, 1)),
        (1, None, None, (1, 1, 1, 1, 1, 1, 1)),
        (1, None, 3, (1, 1, 3, 3, 1, 1, 1)),
        (1, 2, None, (1, 1, 1, 2, 2, 2, 1)),
        (None, 2, 3, (None, 2, 3, 3, 2, 2, 2)),
        (None, 2, None, (None, 2, 2, 2, 2, 2, 2)),
        (None, None, 3, (None, 3, 3, 3, 3, 3, 3)),
        (None, None, None, (None,) * 7),
    ],
)
def test_contacts_fall_back_in_order_of_relevance(
    caller: int | None,
    manager: int | None,
    recruiter: int | None,
    expected: tuple[int | None, ...],
) -> None:
    waiting, accepted = (
        plan_after_news(
            _event(
                caller_id=caller,
                hiring_manager_id=manager,
                recruiter_id=recruiter,
                other_candidate_accepted=flag,
            )
        )
        for flag in (False, True)
    )
    both = [*waiting, *[t for t in accepted if t.step is Step.DOOR_OPEN_NOTE]]

    got = {t.step: t.contact_id for t in both}
    assert tuple(got[step] for step in _STEPS_WITH_CONTACT) == expected
    # Steps for the person themself never name a contact.
    assert all(
        t.contact_id is None
        for t in both
        if t.step in {Step.RECALIBRATE, Step.WIDEN_NETWORK, Step.FIND_A_TWIN}
    )


@pytest.mark.parametrize("level", list(JobLevel))
@pytest.mark.parametrize("accepted", [False, True])
@pytest.mark.parametrize(
    ("caller", "manager", "recruiter"), [(1, 2, 3), (1, 1, 1), (1, None, None), (None, 2, 2)]
)
def test_plan_never_trips_its_own_cadence_guard(
    level: JobLevel,
    accepted: bool,
    caller: int | None,
    manager: int | None,
    recruiter: int | None,
) -> None:
    plan = plan_after_news(
        _event(
            level,
            caller_id=caller,
            hiring_manager_id=manager,
            recruiter_id=recruiter,
            other_candidate_accepted=accepted,
        )
    )
    assert [t.due_on for t in plan] == sorted(t.due_on for t in plan)
    for index, touch in enumerate(plan):
        if not touch.is_outbound:
            continue
        earlier = [
            Touch(t.due_on, t.is_outbound, t.step)
            for t in plan[:index]
            if t.contact_id == touch.contact_id
        ]
        assert check_spacing(earlier, touch.due_on, touch.step) is None, touch


@pytest.mark.parametrize(
    ("has_feedback", "note_phrase", "recalibrate_phrase"),
    [
        (True, "case against each gap", "For each piece of feedback"),
        (False, "open if anything changes", "No feedback is recorded yet"),
    ],
)
def test_guidance_follows_whether_feedback_was_recorded(
    has_feedback: bool, note_phrase: str, recalibrate_phrase: str
) -> None:
    plan = plan_after_news(_event(has_feedback=has_feedback))
    assert note_phrase in _only(plan, Step.THANK_YOU_NOTE).guidance
    assert recalibrate_phrase in _only(plan, Step.RECALIBRATE).guidance


def test_every_touch_has_a_title_and_short_guidance() -> None:
    for accepted in (False, True):
        for touch in plan_after_news(_event(other_candidate_accepted=accepted)):
            assert touch.title and touch.title[0].isupper() and not touch.title.endswith(".")
            assert touch.guidance.endswith(".")
            assert touch.guidance.count(". ") + 1 <= 3, touch.guidance


@pytest.mark.parametrize(
    ("accepted_on", "due_on"),
    [
        (date(2025, 3, 5), date(2025, 3, 17)),  # accepted before the news reached #2
        (date(2025, 3, 10), date(2025, 3, 17)),
        (date(2025, 3, 13), date(2025, 3, 17)),
        (date(2025, 3, 17), date(2025, 3, 17)),
        (date(2025, 3, 30), date(2025, 3, 30)),
    ],
)
def test_candidate_accepted_swaps_check_in_for_door_open_note(
    accepted_on: date, due_on: date
) -> None:
    event = _event()
    change = on_candidate_accepted(event, accepted_on)

    assert change.drop_steps == {Step.OFFER_CHECK_IN, Step.DOOR_OPEN_NOTE}
    assert _rows(change.add) == [(Step.DOOR_OPEN_NOTE, due_on, RECRUITER, Channel.EMAIL, True)]
    plan = change.apply(plan_after_news(event))
    assert Step.OFFER_CHECK_IN not in {t.step for t in plan}
    assert _only(plan, Step.DOOR_OPEN_NOTE).due_on == due_on
    assert [t.due_on for t in plan] == sorted(t.due_on for t in plan)


def test_candidate_accepted_twice_keeps_one_door_open_note() -> None:
    event = _event(other_candidate_accepted=True)
    plan = on_candidate_accepted(event, date(2025, 3, 25)).apply(plan_after_news(event))
    assert _only(plan, Step.DOOR_OPEN_NOTE).due_on == date(2025, 3, 25)


@pytest.mark.parametrize(
    ("news_on", "start_on", "due_on"),
    [
        (NEWS, NEWS, date(2025, 6, 8)),
        (NEWS, date(2025, 3, 24), date(2025, 6, 22)),
        (date(2025, 11, 20), date(2025, 12, 1), date(2026, 3, 1)),
        (date(2023, 11, 20), date(2023, 12, 1), date(2024, 2, 29)),
    ],
)
def test_hire_start_moves_the_mis_hire_touch(news_on: date, start_on: date, due_on: date) -> None:
    event = _event(news_on=news_on)
    change = on_hire_started(event, start_on)

    assert change.drop_steps == {Step.MIS_HIRE_WINDOW}
    plan = change.apply(plan_after_news(event))
    touch = _only(plan, Step.MIS_HIRE_WINDOW)
    assert (touch.due_on, touch.contact_id, touch.is_outbound) == (due_on, MANAGER, True)
    assert "after the hire started" in touch.guidance
    estimated = _only(plan_after_news(event), Step.MIS_HIRE_WINDOW)
    assert "not known" in estimated.guidance


@pytest.mark.parametrize(
    ("call", "bad_day", "phrase"),
    [
        (on_hire_started, date(2025, 3, 9), "The hire cannot have started on 2025-03-09"),
        (on_hire_started, date(2024, 12, 1), "The hire cannot have started on 2024-12-01"),
        (on_came_back, date(2025, 3, 9), "The company cannot have come back on 2025-03-09"),
        (
            on_role_reposted,
            date(2025, 3, 9),
            "The role cannot have been re-posted on 2025-03-09",
        ),
    ],
)
def test_dates_before_the_news_are_refused(
    call: Callable[[NewsEvent, date], PlanChange], bad_day: date, phrase: str
) -> None:
    with pytest.raises(PlanError, match=f"{phrase}, before the news on 2025-03-10"):
        call(_event(), bad_day)
    assert issubclass(PlanError, ValueError)


@pytest.mark.parametrize(
    ("manager", "caller", "contact"), [(MANAGER, CALLER, MANAGER), (None, CALLER, CALLER)]
)
def test_came_back_prepares_terms_and_stops_waiting(
    manager: int | None, caller: int, contact: int
) -> None:
    event = _event(hiring_manager_id=manager, caller_id=caller)
    came_back_on = date(2025, 4, 20)
    change = on_came_back(event, came_back_on)

    assert _rows(change.add) == [(Step.NEGOTIATE, came_back_on, contact, Channel.PHONE, False)]
    assert change.drop_steps == WAITING_STEPS | {Step.NEGOTIATE}
    plan = change.apply(plan_after_news(event))
    assert [t.step for t in plan] == [
        Step.THANK_AND_ASK,
        Step.THANK_YOU_NOTE,
        Step.RECALIBRATE,
        Step.WIDEN_NETWORK,
        Step.FIND_A_TWIN,
        Step.NEGOTIATE,
    ]


def test_plan_change_apply_orders_same_day_touches_by_step() -> None:
    touch = plan_after_news(_event())[0]
    same_day = PlannedTouch(
        Step.NEGOTIATE, touch.due_on, None, Channel.PHONE, "Prepare", "Prepare.", False
    )
    later = plan_after_news(_event())[1]
    plan = PlanChange(add=[later, touch]).apply([same_day])
    assert [t.step for t in plan] == [Step.THANK_AND_ASK, Step.NEGOTIATE, Step.THANK_YOU_NOTE]


def test_come_back_ranges_stay_within_the_published_range() -> None:
    assert COME_BACK_OVERALL.text == "15-30%"
    assert set(COME_BACK_RANGE) == set(JobLevel)
    for level, share in COME_BACK_RANGE.items():
        assert COME_BACK_OVERALL.low <= share.low < share.high <= COME_BACK_OVERALL.high, level
    middle = COME_BACK_RANGE[MM]
    for level in (IC, SE):
        assert middle.low >= COME_BACK_RANGE[level].high > COME_BACK_RANGE[level].low
    assert min(r.low for r in COME_BACK_RANGE.values()) == COME_BACK_OVERALL.low
    assert max(r.high for r in COME_BACK_RANGE.values()) == COME_BACK_OVERALL.high


@pytest.mark.parametrize(
    ("level", "phrase", "share"),
    [
        (IC, "individual contributor roles", "15-25%"),
        (MM, "middle management roles", "25-30%"),
        (SE, "senior executive roles", "15-25%"),
    ],
)
def test_come_back_sentence_is_guidance_not_a_promise(
    level: JobLevel, phrase: str, share: str
) -> None:
    sentence = come_back_sentence(level)
    assert phrase in sentence and share in sentence
    assert "not a promise" in sentence
    assert " will " not in sentence


def test_why_companies_come_back_names_the_reasons() -> None:
    text = why_companies_come_back()
    for reason in ("declines", "90 days", "less than 1%"):
        assert reason in text


@pytest.mark.parametrize(
    ("manager", "caller", "recruiter", "contact"),
    [
        (MANAGER, CALLER, RECRUITER, MANAGER),
        (None, CALLER, RECRUITER, CALLER),
        (None, None, RECRUITER, RECRUITER),
        (None, None, None, None),
    ],
)
def test_role_reposted_plans_a_touch_to_the_hiring_manager_that_day(
    manager: int | None, caller: int | None, recruiter: int | None, contact: int | None
) -> None:
    event = _event(MM, hiring_manager_id=manager, caller_id=caller, recruiter_id=recruiter)
    seen_on = date(2025, 4, 26)  # 47 days after the news
    change = on_role_reposted(event, seen_on)

    assert _rows(change.add) == [(Step.ROLE_REPOSTED, seen_on, contact, Channel.EMAIL, True)]
    assert "before an agency does" in change.add[0].guidance
    # The waiting touches stay: the company has not come back yet.
    plan = change.apply(plan_after_news(event))
    assert {Step.DEMONSTRATE_VALUE, Step.MIS_HIRE_WINDOW, Step.RE_CONTACT} <= {t.step for t in plan}
    # A second re-post replaces the first, still-planned one.
    again = on_role_reposted(event, date(2025, 5, 2)).apply(plan)
    assert [t.due_on for t in again if t.step is Step.ROLE_REPOSTED] == [date(2025, 5, 2)]
    # ...and the company coming back makes it moot.
    assert Step.ROLE_REPOSTED in on_came_back(event, date(2025, 5, 3)).drop_steps


def test_role_reposted_touch_is_exempt_from_the_spacing_rule() -> None:
    event = _event()
    seen_on = date(2025, 3, 12)  # the day after the thank-you note
    [touch] = on_role_reposted(event, seen_on).add
    previous = [Touch(on=date(2025, 3, 11), outbound=True, step=Step.THANK_YOU_NOTE)]
    assert check_spacing(previous, touch.due_on, touch.step) is None
