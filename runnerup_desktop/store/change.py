"""What every write reports, and how it refuses (no Qt).

Each service performs one user action in one transaction and returns a :class:`Change`
naming what it touched; the window announces that change once, and each view refreshes
what it shows of it (Anki's "operations", cut down to RunnerUp).
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ServiceError(ValueError):
    """A change that cannot be made; ``str(exc)`` is a sentence for the user."""


@dataclass(frozen=True)
class Change:
    """What one operation touched, so views refresh only that."""

    companies: frozenset[int] = field(default_factory=frozenset)
    contacts: frozenset[int] = field(default_factory=frozenset)
    follow_ups: bool = False
    interactions: bool = False
    opportunities: bool = False
    deleted: bool = False
