"""Filling the templates: every step, with every detail and with nothing recorded."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from runnerup_desktop.core.domain import Importance, Step
from runnerup_desktop.core.news import FeedbackInput
from runnerup_desktop.core.templates import (
    BLANK_KEY,
    DEFAULT_TEMPLATES,
    TemplateContext,
    default_for,
    default_template,
    fill,
    greeting,
    template_problem,
    time_since,
    unknown_placeholders,
)

FEEDBACK = (
    FeedbackInput(
        gap="Has not managed a team larger than eight",
        importance=Importance.ESSENTIAL,
        answer="Led a 15-person cross-team migration as the single owner.",
        example="Payments migration 2024: 15 engineers across three teams.",
    ),
    FeedbackInput(gap="less experience with Spark", answer="Shipped a small Spark job."),
    FeedbackInput(gap="Salary expectations"),  # no answer prepared: no case to make
)
FULL = TemplateContext(
    contact_name="Łukasz Wróbel",
    company="Northwind Analytics",
    job_title="Engineering Manager, Data Platform",
    feedback=FEEDBACK,
    value_title="Their main competitor opened a Lisbon office",
    my_name="Zoë Müller",
    news_on=dt.date(2026, 3, 2),
    today=dt.date(2026, 7, 6),
)
NOTHING = TemplateContext(company="Northwind Analytics")
EMPTY = TemplateContext()

ALL_STEPS = [t.key for t in DEFAULT_TEMPLATES]


def _filled(key: str, context: TemplateContext) -> tuple[str, str]:
    template = default_template(key)
    assert template is not None
    result = fill(template.subject, template.body, context)
    assert result.unknown == ()
    return result.subject, result.body


def _reads_cleanly(subject: str, body: str) -> None:
    for text in (subject, body):
        assert "{" not in text and "}" not in text
        assert "  " not in text
        assert not re.search(r"\s[,.:;]", text), text  # nothing missing before punctuation
    assert "\n\n\n" not in body.strip("\n") or body.startswith(("Hi", "Hello"))
    assert body == body.strip()


def test_every_step_has_a_default_and_a_blank_one() -> None:
    stepped = {t.step for t in DEFAULT_TEMPLATES if t.step is not None}
    assert stepped == set(Step) - {Step.INTERVIEW, Step.OTHER}
    assert default_for(Step.OTHER).key == BLANK_KEY
    assert default_for(Step.INTERVIEW).key == BLANK_KEY
    assert len({t.key for t in DEFAULT_TEMPLATES}) == len(DEFAULT_TEMPLATES)
    for template in DEFAULT_TEMPLATES:
        assert template_problem(template.subject, template.body) is None


@pytest.mark.parametrize("key", ALL_STEPS)
def test_each_default_filled_with_every_detail(key: str) -> None:
    subject, body = _filled(key, FULL)
    _reads_cleanly(subject, body)
    assert body.startswith("Hi Łukasz,\n\n")
    assert body.endswith("Best regards,\nZoë Müller")
    if key != BLANK_KEY:
        assert subject
        assert "Northwind Analytics" in subject + body or "Engineering Manager" in body


@pytest.mark.parametrize("key", ALL_STEPS)
@pytest.mark.parametrize("context", [NOTHING, EMPTY], ids=["company only", "nothing at all"])
def test_each_default_reads_naturally_with_nothing_recorded(
    key: str, context: TemplateContext
) -> None:
    subject, body = _filled(key, context)
    _reads_cleanly(subject, body)
    assert body.startswith("Hello,\n\n")
    assert body.endswith("Best regards,")  # no name: the signature line goes, not the sign-off
    assert "•" not in body  # no feedback: no empty list and no list heading
    assert "points you raised" not in body and "You mentioned" not in body
    assert "None" not in body and "the  role" not in body
    template = default_template(key)
    assert template is not None
    if context is EMPTY and "{company}" in template.body:
        assert "your company" in body


def test_thank_you_note_makes_the_case_and_closes_on_continued_interest() -> None:
    _, body = _filled(Step.THANK_YOU_NOTE.value, FULL)
    assert (
        "• Has not managed a team larger than eight: Led a 15-person cross-team migration as "
        "the single owner (Payments migration 2024: 15 engineers across three teams)." in body
    )
    assert "• Less experience with Spark: Shipped a small Spark job." in body
    assert "Salary" not in body  # a gap without a prepared answer is not argued
    last_paragraph = body.split("\n\n")[-2]
    assert "remain very interested in Northwind Analytics" in last_paragraph
    assert "If anything changes" in last_paragraph


def test_thank_you_note_without_feedback_drops_the_whole_case() -> None:
    no_answers = TemplateContext(
        contact_name="Hana Kobayashi", company="Northwind", feedback=(FeedbackInput("Spark"),)
    )
    for context in (no_answers, NOTHING):
        _, body = _filled(Step.THANK_YOU_NOTE.value, context)
        assert "points you raised" not in body
        assert "interested in" in body.split("\n\n")[-2]


@pytest.mark.parametrize("step", [Step.DEMONSTRATE_VALUE, Step.MIS_HIRE_WINDOW])
def test_a_value_touch_asks_for_a_call_and_gives_nothing_away(step: Step) -> None:
    subject, body = _filled(step.value, FULL)
    assert "call" in body
    assert "?" in body
    for secret in ("competitor", "Lisbon", FULL.value_title):
        assert secret not in subject + body


def test_recalibrate_lists_every_gap_and_asks_why_it_matters() -> None:
    _, body = _filled(Step.RECALIBRATE.value, FULL)
    assert "• Has not managed a team larger than eight\n• Less experience with Spark\n" in body
    assert "• Salary expectations\nCould you tell me why" in body


def test_re_contact_says_how_long_it_has_been_or_nothing() -> None:
    _, body = _filled(Step.RE_CONTACT.value, FULL)
    assert "It has been four months since we spoke about the Engineering Manager" in body
    _, body = _filled(Step.RE_CONTACT.value, NOTHING)
    assert "It has been" not in body
    assert body.split("\n\n")[1].startswith("I hope all is well")


def test_greetings() -> None:
    assert greeting("Hana Kobayashi") == "Hi Hana,"
    assert greeting("  Zoë   Müller ") == "Hi Zoë,"
    assert greeting("Dr. Ada Okafor") == "Hi Dr. Okafor,"
    assert greeting("Madonna") == "Hi Madonna,"
    assert greeting("") == "Hello,"
    assert greeting("   ") == "Hello,"


def test_the_role_reads_naturally() -> None:
    def role(title: str) -> str:
        return fill("", "{the_role}", TemplateContext(job_title=title)).body

    assert role("Data Engineer") == "the Data Engineer role"
    assert role("Head of Data position") == "the Head of Data position"
    assert role("") == "the role"


def test_time_since_the_news() -> None:
    news = dt.date(2026, 1, 1)
    assert [time_since(news, news + dt.timedelta(days=d)) for d in (0, 1, 3, 7, 15, 45, 125)] == [
        "",
        "a day",
        "three days",
        "a week",
        "two weeks",
        "six weeks",
        "four months",
    ]


def test_lines_with_missing_details_go_and_names_are_forgiving() -> None:
    body = (
        "{Greeting}\n\nDear {first_name},\nAbout {Job Title}: yes.\nWe met on {news_date}.\n"
        "{{literal}}"
    )
    result = fill("Re: {company}", body, NOTHING)
    assert result.subject == "Re: Northwind Analytics"
    assert result.body == "Hello,\n\n{literal}"
    full = fill("", body, FULL).body
    assert "Dear Łukasz,\nAbout Engineering Manager, Data Platform: yes.\n" in full
    assert "We met on 2 March." in full


def test_an_unknown_placeholder_is_reported_and_its_line_left_out() -> None:
    result = fill("Hello {compnay}", "{greeting}\n\nAt {compnay} today.\nKept.", FULL)
    assert result.unknown == ("compnay",)
    assert result.subject == ""
    assert result.body == "Hi Łukasz,\n\nKept."
    assert unknown_placeholders("a {compnay} b {company} {{x}}") == ["compnay"]
    assert "does not know “{compnay}”" in (template_problem("", "{compnay}") or "")
    assert "only go in the body" in (template_problem("{gaps}", "") or "")
    assert template_problem("x" * 301, "") is not None


def test_a_blank_template_keeps_room_to_write() -> None:
    _, body = _filled(BLANK_KEY, FULL)
    assert body == "Hi Łukasz,\n\n\n\nBest regards,\nZoë Müller"
