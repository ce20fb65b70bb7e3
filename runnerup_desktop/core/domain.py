"""The playbook's vocabulary as enums shared by the core, the store and the UI.

Each enum's value is what the database stores; ``label`` is what a person reads.

A stored value this version does not know (written by a newer version, another program,
or damage) is read with :meth:`read` as an *unknown* member: it shows as "Unknown", is
never equal to a known member, and is written back as it was; nothing crashes on it. Only
known values can be chosen or saved (the services refuse others with :meth:`parse`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self

_LABELS = {
    "runner_up": "Runner-up",
    "hr": "HR",
    "linkedin": "LinkedIn",
    "re_contact": "Re-contact",
    "role_reposted": "Role re-posted",
}
UNKNOWN_LABEL = "Unknown"


class UnknownValue(ValueError):
    """A value that is not one of an enum's; ``str(exc)`` is a sentence for the user."""


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        if not self.known:
            return UNKNOWN_LABEL
        return _LABELS.get(self.value) or self.value.replace("_", " ").capitalize()

    @property
    def known(self) -> bool:
        """Whether this version knows the value (see the module's docstring)."""
        return self._name_ != "UNKNOWN"

    @classmethod
    def read(cls, value: str) -> Self:
        """A stored value as a member: an unknown member if this version does not know it."""
        try:
            return cls(value)
        except ValueError:
            member = str.__new__(cls, value)
            member._name_ = "UNKNOWN"
            member._value_ = value
            return member

    @classmethod
    def parse(cls, value: Any, what: str) -> Self:
        """A known member for ``value`` (a member or its stored value); anything else is
        refused with :class:`UnknownValue`, whose sentence lists the choices."""
        if isinstance(value, cls) and value.known:
            return value
        if isinstance(value, str) and not isinstance(value, cls):
            try:
                return cls(value)
            except ValueError:
                pass
        choices = ", ".join(member.label for member in cls)
        raise UnknownValue(f"{what} must be one of: {choices}.")


class CompanyStatus(_Labelled):
    TARGET = "target"
    IN_PROCESS = "in_process"
    RUNNER_UP = "runner_up"
    HIRED = "hired"
    ARCHIVED = "archived"


class ContactRole(_Labelled):
    HIRING_MANAGER = "hiring_manager"
    RECRUITER = "recruiter"
    HR = "hr"
    INTERVIEWER = "interviewer"
    INSIDER = "insider"
    REFERRAL = "referral"
    WINNING_CANDIDATE = "winning_candidate"
    OTHER = "other"


class JobLevel(_Labelled):
    INDIVIDUAL_CONTRIBUTOR = "individual_contributor"
    MIDDLE_MANAGEMENT = "middle_management"
    SENIOR_EXECUTIVE = "senior_executive"


class Stage(_Labelled):
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    FINAL_ROUND = "final_round"
    OFFER = "offer"
    RUNNER_UP = "runner_up"
    HIRED = "hired"
    CLOSED = "closed"


#: Stages in which an opportunity still counts as open.
OPEN_STAGES: frozenset[Stage] = frozenset(
    {Stage.APPLIED, Stage.INTERVIEWING, Stage.FINAL_ROUND, Stage.OFFER, Stage.RUNNER_UP}
)


class Step(_Labelled):
    """The steps of the playbook's sequence (see shared/docs/playbook.md)."""

    THANK_AND_ASK = "thank_and_ask"
    THANK_YOU_NOTE = "thank_you_note"
    RECALIBRATE = "recalibrate"
    OFFER_CHECK_IN = "offer_check_in"
    DOOR_OPEN_NOTE = "door_open_note"
    WIDEN_NETWORK = "widen_network"
    DEMONSTRATE_VALUE = "demonstrate_value"
    MIS_HIRE_WINDOW = "mis_hire_window"
    RE_CONTACT = "re_contact"
    #: The role (or a close twin) is on the company's job board again: reach out now.
    ROLE_REPOSTED = "role_reposted"
    NEGOTIATE = "negotiate"
    FIND_A_TWIN = "find_a_twin"
    INTERVIEW = "interview"
    OTHER = "other"


class Channel(_Labelled):
    EMAIL = "email"
    PHONE = "phone"
    CARD = "card"
    LINKEDIN = "linkedin"
    MEETING = "meeting"
    NONE = "none"


class FollowUpStatus(_Labelled):
    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"


class InteractionKind(_Labelled):
    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    MESSAGE = "message"
    CARD = "card"
    NOTE = "note"


class Direction(_Labelled):
    OUTBOUND = "outbound"
    INBOUND = "inbound"
    NONE = "none"


class Importance(_Labelled):
    ESSENTIAL = "essential"
    NICE_TO_HAVE = "nice_to_have"
    UNKNOWN = "unknown"
