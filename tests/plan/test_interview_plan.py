"""The interview plan's content, layout and fitting rule, and its reads (no Qt)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from runnerup_desktop.core.domain import Channel, ContactRole, Importance, JobLevel, Stage, Step
from runnerup_desktop.core.interview_plan import (
    FONT_SIZES_PT,
    GENERAL_QUESTIONS,
    MIN_FONT_PT,
    TEXT_CHARS,
    GapAnswer,
    Measure,
    Paper,
    PlanContent,
    Slot,
    clip,
    default_questions,
    fit_plan,
    long_date,
    one_line,
    paper_for_locale,
    plan_layout,
)
from runnerup_desktop.core.news import FeedbackInput, FollowUpValues, NewsInput
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.interview_plan_queries import (
    load_plan,
    next_interview_opportunity,
    plan_opportunity,
)
from runnerup_desktop.store.models import Opportunity
from runnerup_desktop.store.playbook_services import PlaybookServices

TODAY = dt.date(2026, 4, 7)


# --- content and layout ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "paper"),
    [
        ("en_US", Paper.LETTER),
        ("fr-CA", Paper.LETTER),
        ("es_MX.UTF-8", Paper.LETTER),
        ("en_GB", Paper.A4),
        ("de_DE", Paper.A4),
        ("C", Paper.A4),
        ("", Paper.A4),
    ],
)
def test_paper_follows_the_locale(name: str, paper: Paper) -> None:
    assert paper_for_locale(name) is paper


def test_clip_cuts_at_a_word_or_inside_a_long_one() -> None:
    assert clip("  short\n text ", 40) == "short text"
    cut = clip("one two three four five six seven", 20)
    assert cut.endswith("…") and len(cut) <= 20 and cut == "one two three four…"
    long_word = clip("x" * 500, 50)
    assert long_word == "x" * 49 + "…"
    assert one_line("first line\nsecond line", 100) == "first line …"
    assert one_line("\n\n  only  \n", 100) == "only"


def test_default_questions_ask_why_each_gap_matters_essential_first() -> None:
    gaps = [
        GapAnswer("Spark", Importance.NICE_TO_HAVE),
        GapAnswer("Team size", Importance.ESSENTIAL),
        GapAnswer("Budget ownership"),
        GapAnswer("Kafka", Importance.NICE_TO_HAVE),
    ]
    questions = default_questions(gaps)
    assert questions[:3] == (
        "Why does “Team size” matter for this role?",
        "Why does “Budget ownership” matter for this role?",
        "Why does “Spark” matter for this role?",
    )
    assert questions[3:] == GENERAL_QUESTIONS
    assert default_questions([]) == GENERAL_QUESTIONS


def test_layout_keeps_the_issue_order_and_bounds_every_text(absurd_plan: PlanContent) -> None:
    layout = plan_layout(absurd_plan)
    assert [section.heading for section in layout.sections] == [
        "Who you will meet",
        "Gaps named last time, and your answers",
        "Your strongest stories",
        "What you learned about the company since",
        "Questions to ask",
        "After the interview",
    ]
    assert layout.totals == (60, 500, 40, 30, 80, 41)
    assert layout.when == "Tuesday 14 April 2026"
    assert len(layout.where) <= TEXT_CHARS
    for section in layout.sections:
        for entry in section.entries:
            assert len(entry.lead) + len(entry.text) <= 2 * TEXT_CHARS
            assert all(len(detail) <= TEXT_CHARS + 20 for detail in entry.details)
    gaps = layout.sections[1]
    assert gaps.more_line(499) == "… and 1 more gap"
    assert gaps.more_line(10) == "… and 490 more gaps"
    assert gaps.more_line(500) is None


def test_layout_of_an_empty_plan_says_what_is_missing() -> None:
    layout = plan_layout(PlanContent("Acme", "Data Engineer", Slot(last_interview_on=TODAY)))
    assert layout.when == "Date to be set (last interview: 7 Apr 2026)"
    assert layout.where == "Place or link not recorded yet"
    assert [len(section.entries) for section in layout.sections] == [0, 0, 0, 0, 0, 1]
    assert layout.sections[5].entries[0].lead == "Thank-you note the same day"
    assert long_date(dt.date(2026, 4, 14)) == "Tuesday 14 April 2026"


# --- fitting -----------------------------------------------------------------------------
def heights_measure(
    heights: list[list[float]], page: float, calls: list[tuple[float, tuple[int, ...]]]
) -> Measure:
    """A stand-in page: each entry has a height at 10 pt, scaled with the font size."""

    def pages(size: float, shown: tuple[int, ...]) -> int:
        calls.append((size, shown))
        total = 0.0
        for section, count in zip(heights, shown, strict=True):
            total += 2 + sum(section[:count]) + (1 if count < len(section) else 0)
        return math.ceil(total * size / 10 / page)

    return pages


def test_everything_fits_at_the_largest_size_in_one_measure() -> None:
    calls: list[tuple[float, tuple[int, ...]]] = []
    found = fit_plan((2, 3), heights_measure([[1, 1], [1, 1, 1]], 100, calls))
    assert (found.font_pt, found.shown, found.cut, found.measured) == (10.0, (2, 3), False, 1)


def test_the_font_shrinks_to_the_largest_size_that_fits() -> None:
    calls: list[tuple[float, tuple[int, ...]]] = []
    heights = [[1.0] * 10, [1.0] * 10]  # 24 lines at 10 pt
    found = fit_plan((10, 10), heights_measure(heights, 20, calls))
    assert found.font_pt == 8.0 and not found.cut  # 24 * 0.85 = 20.4 > 20; 24 * 0.8 fits
    assert all(shown == (10, 10) for _size, shown in calls)
    assert len(calls) <= 2 + 3  # largest, smallest, then bisection over 7 sizes


def test_cutting_gives_each_section_a_fair_share_then_fills() -> None:
    calls: list[tuple[float, tuple[int, ...]]] = []
    heights = [[1.0] * 60, [3.0] * 500, [1.0] * 2]
    page = 40 * MIN_FONT_PT / 10  # room for 40 units of height at the smallest size
    found = fit_plan((60, 500, 2), heights_measure(heights, page, calls))
    assert found.font_pt == MIN_FONT_PT and found.cut and found.fits
    people, gaps, stories = found.shown
    assert stories == 2  # a short section shows in full
    assert people >= 5 and gaps >= 5  # neither long section crowds out the other
    used = 3 * 2 + people + 1 + 3 * gaps + 1 + stories  # headings, entries, "… and N more"
    assert 40 - 1 < used <= 40  # not even one more person would fit
    assert found.measured == len(calls) < 30


def test_fit_reports_when_even_the_headings_do_not_fit() -> None:
    found = fit_plan((3, 3), lambda _size, _shown: 2)
    assert found.shown == (0, 0) and not found.fits
    assert FONT_SIZES_PT[0] == 10.0 and MIN_FONT_PT == 7.0


# --- reads -------------------------------------------------------------------------------
def test_the_demo_plans_northwind_with_its_gaps_and_stories(store: Store) -> None:
    seed_demo(store.sessions, TODAY)
    with store.sessions() as session:
        assert next_interview_opportunity(session, TODAY) is None
        chosen = plan_opportunity(session, TODAY)
        assert chosen is not None
        content = load_plan(session, chosen, TODAY)
        assert load_plan(session, 9999, TODAY) is None
    assert content is not None
    assert (content.company, content.role) == (
        "Northwind Analytics",
        "Engineering Manager, Data Platform",
    )
    # The final interview is past: no date yet, the last one for reference.
    assert content.slot.on is None and content.slot.last_interview_on is not None
    assert [person.name for person in content.people] == ["Hana Kobayashi", "Łukasz Wróbel"]
    assert [gap.gap for gap in content.gaps] == [
        "Has not managed a team larger than eight",
        "Less experience with Spark",
    ]
    assert len(content.stories) == 3
    assert (
        content.questions[0]
        == "Why does “Has not managed a team larger than eight” matter for this role?"
    )
    assert all(touch.due_on >= TODAY for touch in content.next_touches)
    assert content.next_touches[0].what == "One check-in on the offer"


def test_the_next_interview_sets_date_place_and_who_comes_first(
    store: Store, services: DirectoryServices
) -> None:
    playbook = PlaybookServices(store.sessions, today=lambda: TODAY)
    company, _ = services.add_company({"name": "Acme", "location": "Porto"})
    ids = {}
    for name, role in (
        ("Rui Costa", ContactRole.RECRUITER),
        ("Ana Lopez", ContactRole.HIRING_MANAGER),
        ("Zoë Müller", ContactRole.INSIDER),
        ("Bea Silva", ContactRole.INTERVIEWER),
        ("Carl HR", ContactRole.HR),
    ):
        ids[name], _ = services.add_contact({"company_id": company, "name": name, "role": role})
    first, _ = playbook.add_opportunity(
        {"company_id": company, "title": "Data Engineer", "job_level": JobLevel.MIDDLE_MANAGEMENT}
    )
    second, _ = playbook.add_opportunity(
        {"company_id": company, "title": "Analyst", "stage": Stage.INTERVIEWING}
    )
    news = NewsInput(TODAY - dt.timedelta(days=3), feedback=(FeedbackInput("SQL depth"),))
    playbook.record_news(first, news, playbook.preview_news(first, news))

    def interview(opportunity: int, days: int, contact: str | None, **more: object) -> None:
        playbook.add_follow_up(
            FollowUpValues(
                company_id=company,
                opportunity_id=opportunity,
                contact_id=ids[contact] if contact else None,
                step=Step.INTERVIEW,
                due_on=TODAY + dt.timedelta(days=days),
                **more,  # type: ignore[arg-type]
            )
        )

    interview(second, 9, None, notes="Room 4, Rua das Flores 12")
    interview(first, 5, "Zoë Müller", channel=Channel.MEETING, due_time=dt.time(14, 0))
    with store.sessions() as session:
        assert next_interview_opportunity(session, TODAY) == first
        assert plan_opportunity(session, TODAY) == first
        content = load_plan(session, first, TODAY)
        other = load_plan(session, second, TODAY)
    assert content is not None and other is not None
    assert content.slot == Slot(TODAY + dt.timedelta(days=5), dt.time(14, 0), "In person, Porto")
    assert [person.name for person in content.people] == [
        "Zoë Müller",  # the interview's contact first, even as an insider
        "Ana Lopez",
        "Bea Silva",
        "Rui Costa",
        "Carl HR",
    ]
    assert other.slot.where == "Room 4, Rua das Flores 12"
    # After the interview: neither the interview itself nor what falls before it.
    assert content.next_touches
    assert all(touch.what != "Interview" for touch in content.next_touches)
    assert all(touch.due_on >= content.slot.on for touch in content.next_touches)  # type: ignore[operator]
    assert content.questions[0] == "Why does “SQL depth” matter for this role?"


def test_without_an_interview_the_latest_open_opportunity_is_planned(
    store: Store, services: DirectoryServices
) -> None:
    playbook = PlaybookServices(store.sessions, today=lambda: TODAY)
    company, _ = services.add_company({"name": "Acme"})
    older, _ = playbook.add_opportunity({"company_id": company, "title": "Older"})
    newer, _ = playbook.add_opportunity({"company_id": company, "title": "Newer"})
    with store.sessions() as session:
        assert plan_opportunity(session, TODAY) == newer
    playbook.update_opportunity(older, {"title": "Older, edited"})
    with store.sessions() as session:
        assert plan_opportunity(session, TODAY) == older
    with store.sessions.begin() as session:
        for row in session.query(Opportunity):
            row.stage = Stage.CLOSED
    with store.sessions() as session:
        assert plan_opportunity(session, TODAY) is None
