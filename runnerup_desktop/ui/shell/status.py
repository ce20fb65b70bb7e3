"""What the status bar says after a change: the change's name, in the past tense.

Every change a person makes has a name (its undo step's: "Snooze “Offer check-in” until
Tue 8 Dec"); once it is done, the status bar says so for a few seconds ("Snoozed “Offer
check-in” until Tue 8 Dec"), beside the open database's path, which stays.
"""

from __future__ import annotations

#: How long a "done" message stays, in milliseconds.
SHOWN_MS = 6000

#: The verbs the changes' names start with, and how the status bar says them done.
PAST = {
    "Add": "Added",
    "Delete": "Deleted",
    "Edit": "Saved",
    "Import": "Imported",
    "Log": "Logged",
    "Mark": "Marked",
    "New": "Added new",
    "Plan": "Planned",
    "Record": "Recorded",
    "Reschedule": "Rescheduled",
    "Restore": "Restored",
    "Save": "Saved",
    "Skip": "Skipped",
    "Snooze": "Snoozed",
}


def done_message(label: str) -> str:
    """``"Delete company “Acme”"`` → ``"Deleted company “Acme”"`` (other names: "Done: …")."""
    verb, _space, rest = label.partition(" ")
    past = PAST.get(verb)
    if past is None:
        return f"Done: {label}"
    return f"{past} {rest}".strip()
