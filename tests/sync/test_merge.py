"""The three-way merge, field by field (pure)."""

from __future__ import annotations

import datetime as dt

from runnerup_desktop.sync.merge import later, merge

FIELDS = ("due", "status", "title")
BASE = {"due": "2026-03-20", "status": "planned", "title": "Check in"}
EARLY = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 3, 16, 10, 0, tzinfo=dt.UTC)


def test_one_side_changed_takes_that_side() -> None:
    local = {**BASE, "title": "Check in on the offer"}
    server = {**BASE, "due": "2026-03-25"}
    merged = merge(FIELDS, BASE, local, server, LATE, EARLY)
    assert merged.values == {
        "due": "2026-03-25",
        "status": "planned",
        "title": "Check in on the offer",
    }
    assert not merged.conflicts
    assert merged.for_local(local) == {"due": "2026-03-25"}
    assert merged.server_differs(server)


def test_both_changed_the_later_wins_and_a_tie_keeps_this_computers() -> None:
    local = {**BASE, "due": "2026-03-22"}
    server = {**BASE, "due": "2026-03-25"}
    assert merge(FIELDS, BASE, local, server, EARLY, LATE).values["due"] == "2026-03-25"
    assert merge(FIELDS, BASE, local, server, LATE, EARLY).values["due"] == "2026-03-22"
    assert merge(FIELDS, BASE, local, server, LATE, LATE).values["due"] == "2026-03-22"
    conflict = merge(FIELDS, BASE, local, server, EARLY, LATE).conflicts[0]
    assert (conflict.field, conflict.took) == ("due", "server")


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    both = {**BASE, "status": "done"}
    merged = merge(FIELDS, BASE, both, both, EARLY, LATE)
    assert merged.decisions == [] and not merged.server_differs(both)


def test_without_a_last_synced_copy_every_difference_is_a_conflict() -> None:
    local = {**BASE, "title": "Mine"}
    server = {**BASE, "title": "Theirs"}
    merged = merge(FIELDS, None, local, server, EARLY, LATE)
    assert merged.values["title"] == "Theirs" and merged.conflicts[0].conflict


def test_an_unknown_server_time_keeps_this_computers_and_naive_times_are_utc() -> None:
    assert later(LATE, None) == "local"
    assert later(None, EARLY) == "server"
    naive_late = dt.datetime(2026, 3, 16, 10, 0)
    assert later(EARLY, naive_late) == "server"
    assert later(naive_late, EARLY) == "local"
