"""Plans of three sizes for the interview plan's tests: short, typical and absurd."""

from __future__ import annotations

import datetime as dt

import pytest

from runnerup_desktop.core.domain import Importance
from runnerup_desktop.core.interview_plan import (
    GapAnswer,
    Learned,
    NextTouch,
    Person,
    PlanContent,
    Slot,
    default_questions,
)

HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"
#: 10,000 characters of one note, with words and one very long "word" (a pasted link).
LONG_NOTE = (
    ("Met at the meetup; long talk about data contracts and on-call. " * 200)[:9000]
    + "https://example.com/"
    + "x" * 980
)


def make_short() -> PlanContent:
    return PlanContent(company="Acme", role="Data Engineer")


def make_typical() -> PlanContent:
    gaps = (
        GapAnswer(
            "Has not managed a team larger than eight",
            Importance.ESSENTIAL,
            "Led a 15-person cross-team migration as the single owner.",
            "Payments migration 2024: 15 engineers across three teams.",
        ),
        GapAnswer(
            "Less experience with Spark",
            Importance.NICE_TO_HAVE,
            "Taking the Databricks course; shipped a small Spark job.",
        ),
        GapAnswer("Stakeholder management at director level"),
    )
    plan = PlanContent(
        company="Northwind Analytics",
        role="Engineering Manager, Data Platform",
        slot=Slot(
            dt.date(2026, 4, 14),
            dt.time(10, 30),
            "Video call: https://meet.northwind.example/em-final-2",
        ),
        people=(
            Person(
                "Hana Kobayashi",
                "Director of Engineering",
                "Hiring manager",
                "Cares about coaching first-time managers.",
                dt.date(2026, 3, 2),
            ),
            Person(
                "Łukasz Wróbel",
                "Senior Technical Recruiter",
                "Recruiter",
                "Made the call with the news; friendly and direct.",
                dt.date(2026, 3, 9),
            ),
            Person(
                "Zoë Müller",
                "Staff Engineer",
                "Interviewer",
                "Former colleague; runs the system design part.",
            ),
            Person("Yael Cohen", "Head of People", "HR", f"Greets in Hebrew: {HEBREW}"),
            Person("Omar Haddad", "Data Lead", "Interviewer", f"Arabic greeting: {ARABIC}"),
        ),
        gaps=gaps,
        stories=(
            "Rebuilt the on-call rotation and halved pages.",
            "Grew two engineers into tech leads.",
            "Led a 15-person payments migration across three teams.",
        ),
        learned=(
            Learned(
                "Northwind signed Contoso Retail",
                "A 3-year data platform deal; their Spark estate doubles.",
                dt.date(2026, 3, 28),
            ),
            Learned("Fabrikam cut its EU data team", "Two senior engineers are looking."),
        ),
        next_touches=(
            NextTouch(dt.date(2026, 4, 30), "Value message 1 to the hiring manager", "Hana"),
            NextTouch(dt.date(2026, 6, 5), "Re-contact after 5 months", "Łukasz Wróbel"),
        ),
    )
    return plan.with_questions(default_questions(gaps))


def make_absurd() -> PlanContent:
    """500 gaps, a 10,000-character note, 60 people, and long lists everywhere."""
    return PlanContent(
        company="Northwind Analytics",
        role="Engineering Manager, Data Platform",
        slot=Slot(dt.date(2026, 4, 14), None, LONG_NOTE),
        people=tuple(
            Person(
                f"Person {n:02d} Müller",
                "Engineer",
                "Interviewer",
                LONG_NOTE if n == 0 else f"Note {n}",
                dt.date(2026, 3, 1),
            )
            for n in range(60)
        ),
        gaps=tuple(
            GapAnswer(
                f"Gap {n:03d} " + "with a longer wording " * (n % 5),
                Importance.ESSENTIAL,
                LONG_NOTE if n == 0 else "An answer in a sentence or two. " * 3,
                "An example with numbers: 15 people, 3 teams.",
            )
            for n in range(500)
        ),
        stories=(LONG_NOTE, *(f"Story {n:02d}" for n in range(1, 40))),
        learned=tuple(Learned(f"Learned {n:02d}", LONG_NOTE) for n in range(30)),
        questions=tuple(f"Question {n:02d}?" for n in range(80)),
        next_touches=tuple(
            NextTouch(dt.date(2026, 5, 1) + dt.timedelta(days=n), f"Touch {n:02d}", "Hana")
            for n in range(40)
        ),
    )


# The plans are immutable: one of each serves the whole session.
@pytest.fixture(scope="session")
def short_plan() -> PlanContent:
    return make_short()


@pytest.fixture(scope="session")
def typical_plan() -> PlanContent:
    return make_typical()


@pytest.fixture(scope="session")
def absurd_plan() -> PlanContent:
    return make_absurd()
