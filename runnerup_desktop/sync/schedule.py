"""When the window syncs (pure): at start-up once the window is ready, every few minutes,
soon after a change, and after a failure with a growing pause (no Qt)."""

from __future__ import annotations

import datetime as dt

#: The first sync waits this long after the window is ready.
AFTER_START = dt.timedelta(seconds=3)
EVERY = dt.timedelta(minutes=5)
#: A change here is sent this soon (changes in a row are sent together).
AFTER_CHANGE = dt.timedelta(seconds=10)
FIRST_RETRY = dt.timedelta(seconds=30)
LONGEST_WAIT = dt.timedelta(minutes=30)


def retry_after(failures: int) -> dt.timedelta:
    """The pause after ``failures`` failed syncs in a row (30 s, 1 min, 2 min… 30 min)."""
    if failures <= 0:
        return EVERY
    pause: dt.timedelta = FIRST_RETRY * (2 ** min(failures - 1, 16))
    return min(pause, LONGEST_WAIT)
