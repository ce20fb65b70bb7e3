"""What one sync did, for the command line (text or JSON) and the window (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from runnerup_desktop.store.change import Change
from runnerup_desktop.sync.errors import SyncProblem


@dataclass(frozen=True)
class Event:
    """One object sent to the server or one change received from it."""

    kind: str  # "follow-up" or "contact"
    action: str  # "created", "updated", "deleted", "moved", "completed", ...
    local_id: int | None
    message: str

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "action": self.action,
            "id": self.local_id,
            "message": self.message,
        }


@dataclass
class SyncReport:
    server: str = ""
    sent: list[Event] = field(default_factory=list)
    received: list[Event] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Objects that could not be sent or read, kept for the next sync.
    failed: list[str] = field(default_factory=list)
    requests: int = 0
    #: The database was found restored from a copy: this sync compared everything.
    restored: bool = False
    problem: SyncProblem | None = None
    #: What the sync changed here, for the window to announce.
    change: Change = field(default_factory=Change)

    @property
    def ok(self) -> bool:
        return self.problem is None and not self.failed

    def summary(self) -> str:
        """One line for the status bar and the log."""
        if self.problem is not None and not (self.sent or self.received):
            return str(self.problem)
        parts = [f"sent {len(self.sent)}", f"received {len(self.received)}"]
        if self.questions:
            parts.append(f"{len(self.questions)} to answer")
        if self.failed:
            parts.append(f"{len(self.failed)} kept for the next sync")
        return "Synced: " + ", ".join(parts) + "."

    def as_json(self) -> dict[str, Any]:
        return {
            "server": self.server,
            "ok": self.ok,
            "sent": [event.as_json() for event in self.sent],
            "received": [event.as_json() for event in self.received],
            "questions": self.questions,
            "warnings": self.warnings,
            "failed": self.failed,
            "requests": self.requests,
            "restored": self.restored,
            "problem": str(self.problem) if self.problem is not None else None,
            "problem_kind": self.problem.kind.value if self.problem is not None else None,
        }

    def as_text(self) -> str:
        lines: list[str] = []
        for title, events in (("Sent", self.sent), ("Received", self.received)):
            if events:
                lines.append(f"{title} ({len(events)}):")
                lines += [f"  {event.message}" for event in events]
        for title, items in (
            ("To answer in RunnerUp", self.questions),
            ("Warnings", self.warnings),
            ("Kept for the next sync", self.failed),
        ):
            if items:
                lines.append(f"{title} ({len(items)}):")
                lines += [f"  {item}" for item in items]
        if self.restored:
            lines.append(
                "This database is older than what it last sent (restored from a backup?): "
                "everything was compared, and nothing was deleted on the server."
            )
        if self.problem is not None:
            lines.append(str(self.problem))
        if not lines:
            lines.append("Nothing to sync: both sides were the same.")
        lines.append(
            f"{self.requests} request{'s' if self.requests != 1 else ''} to {self.server}."
        )
        return "\n".join(lines) + "\n"
