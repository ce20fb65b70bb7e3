"""What every write reports, and how it refuses (no Qt).

Each service performs one user action in one transaction and returns a :class:`Change`
naming what it touched; the window announces that change once, and each view refreshes
what it shows of it (Anki's "operations", cut down to RunnerUp).
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ServiceError(ValueError):
    """A change that cannot be made; ``str(exc)`` is a sentence for the user."""


class StorageError(ServiceError):
    """A known failure of the database file itself (disk full, locked, read-only, damaged,
    an I/O error): not a bug, so it is shown like any refusal, with the form kept.

    ``kind`` names the failure without personal data (what the log records), as
    :class:`runnerup_desktop.store.errors.Kind` values it."""

    def __init__(self, message: str, kind: str = "storage") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Change:
    """What one operation touched, so views refresh only that."""

    companies: frozenset[int] = field(default_factory=frozenset)
    contacts: frozenset[int] = field(default_factory=frozenset)
    follow_ups: bool = False
    interactions: bool = False
    opportunities: bool = False
    templates: bool = False
    profile: bool = False
    deleted: bool = False
    #: The job-board watch's boards or findings (a company's board set, a check saved).
    job_boards: bool = False
    #: Too much to name (a restore, an import, the undo of one): every view reloads.
    everything: bool = False

    def __or__(self, other: Change) -> Change:
        """One change naming everything either touched."""
        return Change(
            companies=self.companies | other.companies,
            contacts=self.contacts | other.contacts,
            **{name: getattr(self, name) or getattr(other, name) for name in _FLAGS},
        )


_FLAGS = (
    "follow_ups",
    "interactions",
    "opportunities",
    "templates",
    "profile",
    "deleted",
    "job_boards",
    "everything",
)


def change_of(result: object) -> Change:
    """The Change a write returned: the result itself, or a tuple's last item."""
    if isinstance(result, Change):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Change):
        return result[-1]
    raise TypeError(f"a write returned {type(result).__name__}, not a Change")
