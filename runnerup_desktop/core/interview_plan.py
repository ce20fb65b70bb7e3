"""The one-page interview plan as plain data, and the rule that makes it fit (no Qt).

- :class:`PlanContent`: everything the sheet holds for one opportunity: the interview
  (date, time, place or link), the people, the gaps named last time with the prepared
  answers, the strongest stories, what was learned since, the questions to ask and what
  comes after the interview;
- :func:`default_questions`: the playbook's questions, built from the gaps;
- :func:`plan_layout`: the content as a title, a header and sections of entries, in the
  order the sheet prints them; every text is clipped to a bounded length first, so that no
  single entry can outgrow a page;
- :func:`fit_plan`: the largest font size from 10 pt down to 7 pt at which everything fits;
  failing that, at 7 pt, how many entries of each section to show (a fair share each, then
  what space is left, section by section), the rest summed up as "… and N more". The
  measuring is a callable, so the UI measures with its real fonts and page;
- :func:`paper_for_locale`: Letter where it is the custom (the US, Canada...), else A4.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from runnerup_desktop.core.domain import Importance
from runnerup_desktop.core.text import isolate

#: The font sizes tried, largest first; the last one is the readable minimum.
FONT_SIZES_PT: tuple[float, ...] = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
MIN_FONT_PT = FONT_SIZES_PT[-1]
#: Longest texts kept, in characters (cut at a word with "…"): no entry can fill a page.
NAME_CHARS = 80
LINE_CHARS = 140
TEXT_CHARS = 320
#: How many of the gaps become default questions.
GAP_QUESTIONS = 3

GENERAL_QUESTIONS: tuple[str, ...] = (
    "What has changed in the team or the role since we last spoke?",
    "What would success look like in the first 90 days?",
    "Is there anything from my last interview you would like me to expand on?",
    "What are the next steps, and when should I expect to hear from you?",
)

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_IMPORTANCE_ORDER = {Importance.ESSENTIAL: 0, Importance.UNKNOWN: 1, Importance.NICE_TO_HAVE: 2}


class Paper(StrEnum):
    A4 = "A4"
    LETTER = "Letter"


#: Territories (ISO 3166 codes) where Letter is the usual paper.
LETTER_TERRITORIES: frozenset[str] = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "PA", "GT", "DO", "SV", "PR", "BZ"}
)


def paper_for_locale(name: str) -> Paper:
    """``"en_US"`` or ``"fr-CA"`` → Letter; ``"de_DE"``, ``"C"`` → A4."""
    territory = name.replace("-", "_").split(".")[0].split("_")[-1].upper()
    return Paper.LETTER if territory in LETTER_TERRITORIES else Paper.A4


# --- the content -------------------------------------------------------------------------
@dataclass(frozen=True)
class Slot:
    """When and where the interview is; ``on`` is ``None`` until a date is set."""

    on: dt.date | None = None
    at: dt.time | None = None
    where: str = ""
    #: When there is no date: the last interview, for reference.
    last_interview_on: dt.date | None = None


@dataclass(frozen=True)
class Person:
    name: str
    title: str = ""
    role: str = ""
    notes: str = ""
    last_touch_on: dt.date | None = None


@dataclass(frozen=True)
class GapAnswer:
    gap: str
    importance: Importance = Importance.UNKNOWN
    answer: str = ""
    example: str = ""


@dataclass(frozen=True)
class Learned:
    title: str
    details: str = ""
    found_on: dt.date | None = None


@dataclass(frozen=True)
class NextTouch:
    due_on: dt.date
    what: str
    who: str = ""


@dataclass(frozen=True)
class PlanContent:
    company: str
    role: str
    slot: Slot = field(default_factory=Slot)
    people: tuple[Person, ...] = ()
    gaps: tuple[GapAnswer, ...] = ()
    stories: tuple[str, ...] = ()
    learned: tuple[Learned, ...] = ()
    questions: tuple[str, ...] = ()
    next_touches: tuple[NextTouch, ...] = ()
    #: The playbook's questions for this plan (what *Reset* brings back); ``questions``
    #: are these unless the person saved their own.
    playbook_questions: tuple[str, ...] = ()

    def with_questions(self, questions: Iterable[str]) -> PlanContent:
        """The same plan with the user's questions (blank ones dropped)."""
        return replace(self, questions=tuple(q.strip() for q in questions if q.strip()))

    def with_where(self, where: str) -> PlanContent:
        """The same plan with the interview at ``where`` (a place, an address, a link)."""
        return replace(self, slot=replace(self.slot, where=" ".join(where.split())))


def default_questions(gaps: Sequence[GapAnswer]) -> tuple[str, ...]:
    """Ask why the named requirements matter (essential ones first), then the general ones."""
    ranked = sorted(gaps, key=lambda gap: _IMPORTANCE_ORDER.get(gap.importance, 1))
    asked = [
        f"Why does “{clip(gap.gap, LINE_CHARS)}” matter for this role?"
        for gap in ranked[:GAP_QUESTIONS]
    ]
    return (*asked, *GENERAL_QUESTIONS)


# --- the layout --------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One item of a section: a bold lead, the rest of its line, smaller lines beneath."""

    lead: str
    text: str = ""
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str
    entries: tuple[Entry, ...]
    #: ``(one, many)``: what a cut counts ("… and 3 more people").
    noun: tuple[str, str]
    #: Shown in place of the entries when there are none.
    empty: str
    #: Put before each entry ("•", "☐"); none when the entries have a bold lead.
    marker: str = ""

    def more_line(self, shown: int) -> str | None:
        """The line that sums up the entries left out, if any."""
        left = len(self.entries) - shown
        if left <= 0:
            return None
        return f"… and {left} more {self.noun[0] if left == 1 else self.noun[1]}"


@dataclass(frozen=True)
class PlanLayout:
    title: str
    role: str
    when: str
    where: str
    sections: tuple[Section, ...]

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(len(section.entries) for section in self.sections)


def long_date(day: dt.date) -> str:
    """``Tuesday 14 April 2026``, in English whatever the system's locale."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """``14 Apr 2026``."""
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def clip(text: str, limit: int) -> str:
    """The text on one line, cut at a word (or anywhere in a long word) with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def one_line(text: str, limit: int) -> str:
    """The first non-blank line of a text, clipped; "…" shows when more followed."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    first = clip(lines[0], limit)
    return first if len(lines) == 1 or first.endswith("…") else f"{first} …"


def plan_layout(content: PlanContent) -> PlanLayout:
    """The sheet's sections in print order, every text clipped to a bounded length."""
    slot = content.slot
    if slot.on is not None:
        when = long_date(slot.on) + (f" at {slot.at.strftime('%H:%M')}" if slot.at else "")
    else:
        when = "Date to be set" + (
            f" (last interview: {short_date(slot.last_interview_on)})"
            if slot.last_interview_on
            else ""
        )
    sections = (
        Section(
            "Who you will meet",
            tuple(_person(person) for person in content.people),
            ("person", "people"),
            "No one recorded yet: add the hiring manager and the interviewers as contacts.",
        ),
        Section(
            "Gaps named last time, and your answers",
            tuple(_gap(gap) for gap in content.gaps),
            ("gap", "gaps"),
            "No gaps were recorded.",
        ),
        Section(
            "Your strongest stories",
            tuple(Entry("", clip(story, TEXT_CHARS)) for story in content.stories),
            ("story", "stories"),
            "None written yet: keep a short list with the opportunity.",
            "•",
        ),
        Section(
            "What you learned about the company since",
            tuple(_learned(item) for item in content.learned),
            ("item", "items"),
            "Nothing recorded yet.",
        ),
        Section(
            "Questions to ask",
            tuple(Entry("", clip(question, TEXT_CHARS)) for question in content.questions),
            ("question", "questions"),
            "No questions.",
            "☐",
        ),
        Section(
            "After the interview",
            _after(content),
            ("touch", "touches"),
            "",
        ),
    )
    return PlanLayout(
        title=clip(content.company, NAME_CHARS),
        role=clip(content.role, TEXT_CHARS),
        when=when,
        where=clip(slot.where, TEXT_CHARS) or "Place or link not recorded yet",
        sections=sections,
    )


def _person(person: Person) -> Entry:
    about = [
        isolate(clip(part, NAME_CHARS)) for part in (person.title, person.role) if part.strip()
    ]
    touched = person.last_touch_on
    about.append(f"last touch {short_date(touched)}" if touched else "no touch yet")
    notes = one_line(person.notes, LINE_CHARS)
    return Entry(clip(person.name, NAME_CHARS), " · ".join(about), (notes,) if notes else ())


def _gap(gap: GapAnswer) -> Entry:
    details = []
    if gap.answer.strip():
        details.append(f"Answer: {isolate(clip(gap.answer, TEXT_CHARS))}")
    else:
        details.append("Answer: not prepared yet.")
    if gap.example.strip():
        details.append(f"Example: {isolate(clip(gap.example, TEXT_CHARS))}")
    importance = (
        "importance unknown: ask why it matters"
        if gap.importance is Importance.UNKNOWN
        else gap.importance.label.lower()
    )
    return Entry(clip(gap.gap, TEXT_CHARS), importance, tuple(details))


def _learned(item: Learned) -> Entry:
    found = f"found {short_date(item.found_on)}" if item.found_on else ""
    details = clip(item.details, TEXT_CHARS)
    return Entry(clip(item.title, TEXT_CHARS), found, (details,) if details else ())


def _after(content: PlanContent) -> tuple[Entry, ...]:
    day = content.slot.on
    first = Entry(
        "Thank-you note the same day",
        short_date(day) if day else "",
        ("Thank each person you met; restate your interest and one point you made.",),
    )
    touches = tuple(
        Entry(
            short_date(touch.due_on), " · ".join(isolate(p) for p in (touch.what, touch.who) if p)
        )
        for touch in content.next_touches
    )
    return (first, *touches)


# --- making it fit -----------------------------------------------------------------------
#: ``(font size in pt, entries shown per section) -> pages the layout takes`` (1: it fits).
Measure = Callable[[float, tuple[int, ...]], int]


@dataclass(frozen=True)
class Fit:
    font_pt: float
    shown: tuple[int, ...]
    totals: tuple[int, ...]
    #: How many times the layout was measured to find this fit.
    measured: int = 0
    #: False only if even the shortest form did not fit (it cannot with clipped texts).
    fits: bool = True

    @property
    def cut(self) -> bool:
        return self.shown != self.totals


def fit_plan(
    totals: Sequence[int], measure: Measure, sizes: Sequence[float] = FONT_SIZES_PT
) -> Fit:
    """The largest font size at which everything fits; else cut at the smallest.

    Cutting gives every section the same cap on its entries (the largest cap that fits:
    doubled from 1 until it no longer fits, then bisected), then hands out what space is
    left one entry at a time, in section order, as long as it fits. Assumes that more
    entries or a larger font never take less room, and that text shrunk by a factor takes
    at least that factor squared of the room it took.
    """
    full = tuple(totals)
    largest, smallest = sizes[0], sizes[-1]
    count = 0

    def pages(size: float, shown: tuple[int, ...]) -> int:
        nonlocal count
        count += 1
        return measure(size, shown)

    def fits(size: float, shown: tuple[int, ...]) -> bool:
        return pages(size, shown) <= 1

    needed = pages(largest, full)
    if needed <= 1:
        return Fit(largest, full, full, count)
    hopeless = (needed - 1) * (smallest / largest) ** 2 > 1
    if len(sizes) > 1 and not hopeless and fits(smallest, full):
        low, high = len(sizes) - 1, 0  # sizes[low] fits, sizes[high] does not
        while low - high > 1:
            middle = (low + high) // 2
            if fits(sizes[middle], full):
                low = middle
            else:
                high = middle
        return Fit(sizes[low], full, full, count)
    shown = list(_fair_caps(full, lambda shown: fits(smallest, shown)))
    if not any(shown) and not fits(smallest, tuple(shown)):  # a cap of 1 did not fit
        return Fit(smallest, tuple(shown), full, count, fits=False)
    growing = [i for i, total in enumerate(full) if shown[i] < total]
    while growing:
        still = []
        for i in growing:
            trial = (*shown[:i], shown[i] + 1, *shown[i + 1 :])
            if fits(smallest, trial):
                shown[i] += 1
                if shown[i] < full[i]:
                    still.append(i)
        growing = still
    return Fit(smallest, tuple(shown), full, count)


def _fair_caps(full: tuple[int, ...], fits: Callable[[tuple[int, ...]], bool]) -> tuple[int, ...]:
    """Every section cut to the largest common cap that fits (the full plan does not)."""

    def capped(cap: int) -> tuple[int, ...]:
        return tuple(min(total, cap) for total in full)

    most = max(full, default=0)
    low, high, cap = 0, most, 1  # capped(low) is taken to fit, capped(high) does not
    while cap < most:
        if not fits(capped(cap)):
            high = cap
            break
        low, cap = cap, cap * 2
    while high - low > 1:
        middle = (low + high) // 2
        if fits(capped(middle)):
            low = middle
        else:
            high = middle
    return capped(low)
