"""What an import does, line by line: the preview before it, the summary after it.

Both come from the same code (:mod:`.plan`): a preview is an import that writes nothing.
Each line of the file is ``new`` (a contact to add), ``matched`` (a contact already in
RunnerUp; the import fills in only what it lacks, never overwrites) or ``skipped`` (with
the reason). Companies are listed with how many of the file's people work there and
whether RunnerUp has them already; which missing ones to create is the person's choice
(:class:`CompanyPolicy`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from runnerup_desktop.core.text import fold


class Outcome(StrEnum):
    NEW = "new"
    MATCHED = "matched"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Line:
    """One line (or vCard) of the file and what the import does with it."""

    line: int
    outcome: Outcome
    name: str = ""
    #: The company the contact gets ("" for none), as RunnerUp will show it.
    company: str = ""
    #: Skipped: why. Matched: whom, how told, and what is filled in. New: fields left out.
    reason: str = ""
    #: Matched: the existing contact's id.
    contact_id: int | None = None
    #: The company as the file names it ("" for none), whatever the import does with it.
    named: str = ""


@dataclass(slots=True)
class CompanyInFile:
    """A company named in the file: its name as first written, how many people of the
    file work there, and its id when RunnerUp has it already."""

    name: str
    people: int = 0
    company_id: int | None = None

    @property
    def key(self) -> str:
        return fold(self.name)

    @property
    def exists(self) -> bool:
        return self.company_id is not None


#: How ``--companies`` names the policies.
POLICY_WORDS = ("existing", "all", "none")


@dataclass(frozen=True)
class CompanyPolicy:
    """Which companies an import attaches people to, and which missing ones it creates.

    The default (``existing``) attaches people to companies RunnerUp has and creates
    none: the others are kept without a company. ``all`` creates every missing one;
    ``none`` attaches nobody. ``create`` names (folded) the missing companies to create,
    as the person ticked them in the preview.
    """

    link_existing: bool = True
    create_all: bool = False
    create: frozenset[str] = frozenset()

    @classmethod
    def named(cls, word: str) -> CompanyPolicy:
        if word == "all":
            return cls(create_all=True)
        if word == "none":
            return cls(link_existing=False)
        if word == "existing":
            return cls()
        raise ValueError(f"choose one of {', '.join(POLICY_WORDS)}")

    def creates(self, key: str) -> bool:
        return self.link_existing and (self.create_all or key in self.create)


@dataclass
class ImportSummary:
    """What an import did (or, as a preview, would do)."""

    format: str
    source: str
    dry_run: bool
    lines: list[Line] = field(default_factory=list)
    companies: dict[str, CompanyInFile] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    #: The companies created (or, in a preview, to create), by name.
    created_companies: list[str] = field(default_factory=list)
    counts: dict[Outcome, int] = field(default_factory=lambda: dict.fromkeys(Outcome, 0))

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.counts[line.outcome] += 1

    @property
    def new(self) -> int:
        return self.counts[Outcome.NEW]

    @property
    def matched(self) -> int:
        return self.counts[Outcome.MATCHED]

    @property
    def skipped(self) -> int:
        return self.counts[Outcome.SKIPPED]

    def skipped_lines(self) -> list[Line]:
        return [line for line in self.lines if line.outcome is Outcome.SKIPPED]

    def sentence(self) -> str:
        """One line for the command line and the status bar."""
        verb = "would add" if self.dry_run else "added"
        companies = len(self.created_companies)
        made = f", {companies} new compan{'y' if companies == 1 else 'ies'}" if companies else ""
        return (
            f"{self.source}: {verb} {_count(self.new, 'contact')}{made}; "
            f"{self.matched} already in RunnerUp; {self.skipped} skipped."
        )

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` summary (its keys are documented in README and the man page)."""
        return {
            "format": self.format,
            "source": self.source,
            "dry_run": self.dry_run,
            "new": self.new,
            "matched": self.matched,
            "skipped": self.skipped,
            "companies_created": sorted(self.created_companies, key=fold),
            "companies_missing": sorted(
                (
                    c.name
                    for c in self.companies.values()
                    if not c.exists and c.name not in set(self.created_companies)
                ),
                key=fold,
            ),
            "notices": list(self.notices),
            "skipped_lines": [
                {"line": line.line, "name": line.name, "reason": line.reason}
                for line in self.skipped_lines()
            ],
        }


def _count(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
