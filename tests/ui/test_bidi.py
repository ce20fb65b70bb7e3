"""Hebrew and Arabic names inside RunnerUp's sentences keep the sentence in order.

Laid out by Qt as the window and the PDF lay it out (QTextLayout, QTextDocument), a
composed line keeps its left-to-right words, numbers and punctuation where they are, the
name in one block among them; without the isolates, "from דנה כהן · 2 feedback gaps"
shows its "2" on the name's left. A name alone keeps its own direction, and messages that
leave the app carry no isolate characters.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument, QTextLayout, QTextOption
from pytestqt.qtbot import QtBot

from runnerup_desktop.core.domain import ContactRole, Stage, Step
from runnerup_desktop.core.interview_plan import Person, PlanContent, plan_layout
from runnerup_desktop.core.templates import TemplateContext, default_for, fill
from runnerup_desktop.core.text import FSI, PDI, has_rtl, isolate
from runnerup_desktop.store.opportunity_queries import OpportunitySummary
from runnerup_desktop.ui.opportunities.news_support import summary_text
from runnerup_desktop.ui.plan.plan_render import plan_html

DANA = "דנה כהן"
HUDA = "هدى"
TODAY = dt.date(2026, 3, 9)


def x_of(text: str) -> list[float]:
    """Where each character of ``text`` starts on one left-to-right line (its leading
    edge: the right one for a right-to-left letter)."""
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    return [cast(tuple[float, int], line.cursorToX(position))[0] for position in range(len(text))]


def in_order_around(text: str, name: str) -> bool:
    """Whether ``text`` shows its own characters left to right in reading order, with all
    of ``name`` between what comes before it and what comes after it."""
    start = text.index(name)
    end = start + len(name)
    xs = x_of(text)
    outside = [x for i, x in enumerate(xs) if (i < start or i >= end) and text[i] not in (FSI, PDI)]
    inside = xs[start:end]
    before = [x for i, x in enumerate(xs[:start]) if text[i] not in (FSI, PDI)]
    after = [x for i, x in enumerate(xs[end:], start=end) if text[i] not in (FSI, PDI)]
    in_order = all(a < b for a, b in itertools.pairwise(outside))
    between = (not before or min(inside) >= max(before)) and (
        not after or max(inside) <= min(after)
    )
    return in_order and between


def test_isolate_wraps_right_to_left_text_only(qtbot: QtBot) -> None:
    assert isolate(DANA) == f"{FSI}{DANA}{PDI}"
    assert isolate(HUDA) == f"{FSI}{HUDA}{PDI}"
    assert isolate("Zoë Müller") == "Zoë Müller"
    assert isolate("") == ""
    assert has_rtl(f"Ana {DANA}") and not has_rtl("Łukasz Wróbel")


def test_a_sentence_with_a_hebrew_name_keeps_its_order(qtbot: QtBot) -> None:
    plain = f"news on 30 Nov from {DANA} · 2 feedback gaps"
    isolated = f"news on 30 Nov from {isolate(DANA)} · 2 feedback gaps"
    assert not in_order_around(plain, DANA)  # the "2" jumps to the name's left
    assert in_order_around(isolated, DANA)
    assert in_order_around(f"Contacts at {isolate(HUDA)} (2)", HUDA)


def test_the_opportunity_summary_isolates_the_names_in_it(qtbot: QtBot) -> None:
    summary = OpportunitySummary(
        id=1,
        title="Engineering Manager",
        stage=Stage.RUNNER_UP,
        news_on=dt.date(2026, 3, 2),
        news_from=DANA,
        gaps=2,
        essential_gaps=1,
        follow_ups=3,
        next_title="One check-in on the offer",
        next_due=dt.date(2026, 3, 9),
        next_contact=DANA,
        mis_hire=None,
    )
    document = QTextDocument()
    document.setHtml(summary_text(summary, True, 1, TODAY))
    first_line = document.firstBlock().text().split("\u2028")[0]
    assert f"{FSI}{DANA}{PDI}" in first_line
    assert in_order_around(first_line, DANA)


def test_the_plan_pdf_keeps_its_lines_left_to_right_with_a_hebrew_name(qtbot: QtBot) -> None:
    content = PlanContent(
        company="Northwind Analytics",
        role="Engineering Manager",
        people=(Person(DANA, "Recruiter", ContactRole.RECRUITER.label),),
    )
    document = QTextDocument()
    document.setHtml(plan_html(plan_layout(content), 10.0, [9] * 6))
    block = document.begin()
    lines: list[tuple[str, Qt.LayoutDirection]] = []
    while block.isValid():
        lines.append((block.text(), block.textDirection()))
        block = block.next()
    person = next((text, direction) for text, direction in lines if DANA in text)
    # The line begins with the name, yet reads left to right like every other line.
    assert person[1] == Qt.LayoutDirection.LeftToRight
    assert in_order_around(person[0], DANA)
    assert all(direction == Qt.LayoutDirection.LeftToRight for _text, direction in lines)


def test_a_name_alone_keeps_its_own_direction(qtbot: QtBot) -> None:
    document = QTextDocument()
    document.setPlainText(DANA)
    assert document.firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft
    assert isolate(DANA) != DANA and DANA == DANA  # a table cell shows the name as stored


def test_messages_that_leave_the_app_carry_no_isolates() -> None:
    template = default_for(Step.OFFER_CHECK_IN)
    message = fill(
        template.subject,
        template.body,
        TemplateContext(contact_name=DANA, company="חברה", job_title="מנהל", today=TODAY),
    )
    assert DANA.split()[0] in message.body
    assert not re.search(f"[{FSI}{PDI}]", message.subject + message.body)
