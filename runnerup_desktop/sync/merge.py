"""The three-way merge of one object against its last synced copy (pure).

For each field: when only one side changed it since the last sync, that side's value is
taken; when both changed it to different values, the side modified later wins (a tie keeps
the local value). Without a last synced copy (an object both sides have but never synced
together), every difference counts as a change on both sides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Side = Literal["local", "server"]


@dataclass(frozen=True)
class Decision:
    """What the merge did with one field that differs between the two sides."""

    field: str
    took: Side
    local: Any
    server: Any
    #: Both sides changed it since the last sync.
    conflict: bool


@dataclass(frozen=True)
class Merged:
    values: dict[str, Any]
    decisions: list[Decision] = field(default_factory=list)

    def for_local(self, local: Mapping[str, Any]) -> dict[str, Any]:
        """The fields whose merged value the local row does not have yet."""
        return {k: v for k, v in self.values.items() if local.get(k) != v}

    def server_differs(self, server: Mapping[str, Any]) -> bool:
        """Whether the server's object must be written with the merged values."""
        return any(server.get(k) != v for k, v in self.values.items())

    @property
    def conflicts(self) -> list[Decision]:
        return [d for d in self.decisions if d.conflict]


def later(local_time: dt.datetime | None, server_time: dt.datetime | None) -> Side:
    """The side modified later; the local side when the server's time is unknown or equal."""
    if server_time is None:
        return "local"
    if local_time is None:
        return "server"
    return "server" if _utc(server_time) > _utc(local_time) else "local"


def merge(
    fields: Iterable[str],
    base: Mapping[str, Any] | None,
    local: Mapping[str, Any],
    server: Mapping[str, Any],
    local_time: dt.datetime | None,
    server_time: dt.datetime | None,
) -> Merged:
    values: dict[str, Any] = {}
    decisions: list[Decision] = []
    newer = later(local_time, server_time)
    for name in fields:
        mine, theirs = local.get(name), server.get(name)
        if mine == theirs:
            values[name] = mine
            continue
        if base is not None and mine == base.get(name):
            took: Side = "server"
            conflict = False
        elif base is not None and theirs == base.get(name):
            took = "local"
            conflict = False
        else:
            took = newer
            conflict = True
        values[name] = theirs if took == "server" else mine
        decisions.append(Decision(name, took, mine, theirs, conflict))
    return Merged(values, decisions)


def _utc(moment: dt.datetime) -> dt.datetime:
    """A naive time is taken as UTC (SQLite gives the stored UTC times back naive)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
