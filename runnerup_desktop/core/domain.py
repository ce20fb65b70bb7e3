"""The playbook's vocabulary as enums shared by the core, the store and the UI.

Each enum's value is what the database stores; ``label`` is what a person reads.
"""

from __future__ import annotations

from enum import StrEnum

_LABELS = {
    "runner_up": "Runner-up",
    "hr": "HR",
    "linkedin": "LinkedIn",
    "re_contact": "Re-contact",
    "role_reposted": "Role re-posted",
}


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS.get(self.value) or self.value.replace("_", " ").capitalize()


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
