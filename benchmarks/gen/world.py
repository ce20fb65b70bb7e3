"""The generated world before any row is written: who works where, which openings exist,
and the helpers every table's rows are drawn with (dates, stamps, names, notes).

The same seed and the same ``today`` give the same world.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import TypeVar

from benchmarks.gen.activity_words import SENTENCES
from benchmarks.gen.people import COUNTRIES, COUNTRY_CUM, CULTURES, Country, Culture
from benchmarks.gen.work import (
    BRANDS,
    GROUP_WORDS,
    OPEN,
    ROLE_WEIGHTS,
    ROLES,
    SECTORS,
    STAGE_WEIGHTS,
    STAGES,
    STARTUP_ENDINGS,
    STATUS_IDLE,
)
from runnerup_desktop.core.domain import Channel, CompanyStatus, ContactRole, Stage
from runnerup_desktop.core.text import fold

T = TypeVar("T")

#: Contact ids are drawn this many at a time.
BLOCK = 10_000
#: Distinct long notes (300 to 2,000 characters); later long notes reuse them.
LONG_TEXTS = 4096

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_EMAIL_EXTRA = str.maketrans({"ı": "i", "ð": "d", "þ": "th", "œ": "oe", "ŋ": "n", "ħ": "h"})


class Random(random.Random):
    """``random.Random`` with quick draws that do not depend on the Python version."""

    def below(self, stop: int) -> int:
        return int(self.random() * stop)

    def between(self, low: int, high: int) -> int:
        """An integer from ``low`` to ``high``, both included."""
        return low + int(self.random() * (high - low + 1))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def weighted(self, items: Sequence[T], cum_weights: Sequence[float]) -> T:
        hi = len(cum_weights) - 1
        return items[bisect(cum_weights, self.random() * cum_weights[-1], 0, hi)]


class World:
    """Plans who works where and what happened; the row modules stream the tables."""

    def __init__(
        self,
        rng: Random,
        today: dt.date,
        *,
        companies: int,
        contacts: int,
        opportunities: int,
        follow_ups: int,
        interactions: int,
    ) -> None:
        self.rng = rng
        self.today = today
        self.today_ord = today.toordinal()
        self.n_companies = companies
        self.n_contacts = contacts
        self.n_opportunities = opportunities
        self.n_follow_ups = follow_ups
        self.n_interactions = interactions
        self.n_feedback = 0
        self.n_values = 0
        self.phases: dict[str, float] = {}
        self.midnights: dict[int, dt.datetime] = {}
        #: Every second from 7:00 to 19:00, made once: a timedelta is slow to make.
        self.workday = [dt.timedelta(seconds=s) for s in range(7 * 3600, 19 * 3600)]
        self.long_texts: list[str] = []
        self.culture_list = list(CULTURES.values())
        self.culture_cum = list(accumulate(len(c.given) for c in self.culture_list))
        # Arrays are indexed by row id; slot 0 is unused.
        self.company_country: list[Country] = []
        self.company_status: list[CompanyStatus] = []
        self.company_contacts: list[list[int]] = [[] for _ in range(companies + 1)]
        self.company_opps: list[list[int]] = [[] for _ in range(companies + 1)]
        self.company_values: list[list[int]] = [[] for _ in range(companies + 1)]
        self.company_domain: list[str] = [""] * (companies + 1)
        self.company_city: list[str] = [""] * (companies + 1)
        self.company_name: list[str] = [""] * (companies + 1)
        self.company_phone: list[str] = [""] * (companies + 1)
        self.company_touch: list[int] = [0] * (companies + 1)
        self.company_updated: list[dt.datetime] = [_EPOCH] * (companies + 1)
        self.contact_company: list[int] = [0]
        self.contact_role: list[ContactRole] = [ContactRole.OTHER]
        self.contact_given: list[str] = [""] * (contacts + 1)
        self.contact_touch: list[int] = [0] * (contacts + 1)
        self.contact_updated: list[dt.datetime] = [_EPOCH] * (contacts + 1)
        self.contact_activity: list[float] = []
        self.opp_company: list[int] = [0]
        self.opp_stage: list[Stage] = [Stage.CLOSED]
        # Done follow-ups with a contact, for interactions that record them:
        # (follow-up id, company id, contact id, completed-on ordinal, channel).
        self.done: list[tuple[int, int, int, int, Channel]] = []
        self._folded: dict[str, str] = {}
        self._ascii: dict[str, str] = {}

    def fold(self, text: str) -> str:
        """The app's own :func:`fold`, remembered: names and titles repeat a lot."""
        key = self._folded.get(text)
        if key is None:
            key = self._folded[text] = fold(text)
        return key

    def ascii(self, text: str) -> str:
        """``"Ó Súilleabháin"`` -> ``"osuilleabhain"``: for e-mail addresses and URLs."""
        cached = self._ascii.get(text)
        if cached is None:
            folded = self.fold(text).translate(_EMAIL_EXTRA).encode("ascii", "ignore").decode()
            cached = self._ascii[text] = "".join(ch for ch in folded if ch.isalnum())
        return cached

    def plan(self) -> None:
        """Decide where everyone works and which openings exist, before writing a row."""
        rng = self.rng
        n = self.n_companies
        self.company_country = [COUNTRIES[0], *rng.choices(COUNTRIES, cum_weights=COUNTRY_CUM, k=n)]
        # A few companies hold many contacts; many hold one or two; some none at all.
        size = [0.0] + [min(30.0, rng.paretovariate(1.3)) for _ in range(n)]
        size_cum = list(accumulate(size))
        if self.n_contacts:
            self.contact_company += rng.choices(
                range(n + 1), cum_weights=size_cum, k=self.n_contacts
            )
            self.contact_role += rng.choices(ROLES, ROLE_WEIGHTS, k=self.n_contacts)
        for contact_id in range(1, self.n_contacts + 1):
            self.company_contacts[self.contact_company[contact_id]].append(contact_id)
        # How much each contact is in touch: a third never, a few very often.
        self.contact_activity = [0.0] + [
            0.0 if rng.random() < 0.3 else min(40.0, rng.paretovariate(1.5))
            for _ in range(self.n_contacts)
        ]
        if self.n_contacts and not any(self.contact_activity):
            self.contact_activity[1] = 1.0
        if self.n_opportunities:
            self.opp_company += [rng.between(1, n) for _ in range(self.n_opportunities)]
            self.opp_stage += rng.choices(STAGES, STAGE_WEIGHTS, k=self.n_opportunities)
        for opp_id in range(1, self.n_opportunities + 1):
            self.company_opps[self.opp_company[opp_id]].append(opp_id)
        self.company_status = [CompanyStatus.TARGET]
        for company_id in range(1, n + 1):
            stages = {self.opp_stage[o] for o in self.company_opps[company_id]}
            if Stage.HIRED in stages:
                status = CompanyStatus.HIRED
            elif Stage.RUNNER_UP in stages:
                status = CompanyStatus.RUNNER_UP
            elif stages & OPEN:
                status = CompanyStatus.IN_PROCESS
            elif stages:
                status = CompanyStatus.ARCHIVED if rng.random() < 0.5 else CompanyStatus.TARGET
            else:
                status = rng.pick(STATUS_IDLE)
            self.company_status.append(status)

    # ------------------------------------------------------------------------ helpers

    def day(self, ordinal: int) -> dt.date:
        return dt.date.fromordinal(min(ordinal, self.today_ord))

    def stamp(self, ordinal: int) -> dt.datetime:
        """A moment during the working day ``ordinal``, never after today."""
        ordinal = min(ordinal, self.today_ord)
        midnight = self.midnights.get(ordinal)
        if midnight is None:
            midnight = dt.datetime.fromordinal(ordinal).replace(tzinfo=dt.UTC)
            self.midnights[ordinal] = midnight
        return midnight + self.rng.pick(self.workday)

    def stamps(self, created: int, updated: int) -> tuple[dt.datetime, dt.datetime]:
        """``created_at`` and ``updated_at`` for those days, never out of order."""
        first = self.stamp(created)
        return first, max(first, self.stamp(updated))

    def long_note(self) -> str:
        """A long note: written fresh for the first rows, then drawn from those."""
        if len(self.long_texts) < LONG_TEXTS:
            self.long_texts.append(self.paragraphs(300, 2000))
            return self.long_texts[-1]
        return self.rng.pick(self.long_texts)

    def paragraphs(self, low: int, high: int) -> str:
        """Some paragraphs of note, between ``low`` and ``high`` characters long."""
        rng = self.rng
        target = rng.between(low, high)
        parts: list[str] = []
        size = 0
        in_paragraph = 0
        while size < target:
            if parts:
                separator = "\n\n" if in_paragraph >= 3 and rng.random() < 0.4 else " "
                in_paragraph = 0 if separator != " " else in_paragraph
                parts.append(separator)
            sentence = rng.pick(SENTENCES)
            parts.append(sentence)
            size += len(sentence) + 1
            in_paragraph += 1
        text = "".join(parts)
        if len(text) > high:
            text = text[: text.rfind(" ", 0, high - 1)] + "…"
        return text

    def person(self, culture: Culture | None = None) -> tuple[str, str, str]:
        """(full name, given name, family name)."""
        rng = self.rng
        if culture is None:
            culture = rng.weighted(self.culture_list, self.culture_cum)
        given = rng.pick(culture.given)
        family = rng.pick(culture.family)
        roll = rng.random()
        if culture.middle:
            name = f"{family} {rng.pick(culture.middle)} {given}"
        elif culture.family_first:
            name = f"{family} {given}"
        else:
            if culture.two_families and roll < 0.4:
                second = rng.pick(culture.family)
                if second != family:
                    family = f"{family} {second}"
            elif roll < 0.04:
                second = rng.pick(culture.family)
                if second != family:
                    family = f"{family}-{second}"
            elif roll < 0.12:
                second = rng.pick(culture.given)
                if second != given:
                    given = f"{given} {second}"
            name = f"{given} {family}"
        return name, given, family

    def make_company_name(self, country: Country, city: str, used: set[str]) -> tuple[str, str]:
        """(name, name without the legal form), unique unless eight tries fail."""
        rng = self.rng
        name = base = ""
        for _attempt in range(8):
            roll = rng.random()
            if roll < 0.45:
                name = f"{rng.pick(BRANDS)} {rng.pick(SECTORS)}"
            elif roll < 0.60:
                culture = CULTURES[country.culture]
                first, second = rng.pick(culture.family), rng.pick(culture.family)
                name = f"{first} & {second}" if first != second else f"{first} {rng.pick(SECTORS)}"
            elif roll < 0.72:
                name = f"{city} {rng.pick(SECTORS)}"
            elif roll < 0.85:
                name = f"{rng.pick(BRANDS)} {rng.pick(GROUP_WORDS)}"
            else:
                name = f"{rng.pick(BRANDS)}{rng.pick(STARTUP_ENDINGS)}"
            base = name
            if rng.random() < 0.45:
                name = f"{name} {rng.pick(country.legal)}"
            if name not in used:
                break
        used.add(name)
        return name, base

    def pick_contacts(self, count: int) -> Iterator[int]:
        """Contact ids drawn by how much each is in touch, in blocks for speed."""
        cum = list(accumulate(self.contact_activity))
        population = range(self.n_contacts + 1)
        while count > 0:
            block = min(count, BLOCK)
            yield from self.rng.choices(population, cum_weights=cum, k=block)
            count -= block

    # ------------------------------------------------------------------------- tables
