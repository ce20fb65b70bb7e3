"""What the window's New, Edit and Delete do on the page shown (each page says).

A page offers a :class:`Target` for each (or ``None`` when nothing fitting is selected)
and emits its ``targets_changed`` signal when they may have changed; the window's
actions, menu entries, toolbar buttons and shortcuts (Ctrl+N, Delete, Enter in a table)
then act on that page's selection and say what they will act on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from runnerup_desktop.core.text import isolate


@dataclass(frozen=True)
class Target:
    #: The action's text, with its mnemonic: "&Edit company…".
    text: str
    #: What it will act on, for the tooltip and the status bar: "Edit “Acme”".
    tip: str
    run: Callable[[], None]


class ActsOnSelection(Protocol):
    def new_target(self) -> Target | None: ...

    def edit_target(self) -> Target | None: ...

    def delete_target(self) -> Target | None: ...


def quoted(text: object, limit: int = 40) -> str:
    """A name in quotes for an action's text, cut with "…" when long (and kept in its own
    direction: :func:`~runnerup_desktop.core.text.isolate`)."""
    shown = " ".join(str(text or "").split())
    if len(shown) > limit:
        shown = shown[: limit - 1].rstrip() + "…"
    return f"“{isolate(shown)}”"
