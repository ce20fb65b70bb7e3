"""How often the job boards are checked: the preference's default and range.

On their own (no import of the matching or of rapidfuzz) because the window's settings
declare this preference before its first paint.
"""

from __future__ import annotations

DEFAULT_INTERVAL_HOURS = 6
MIN_INTERVAL_HOURS = 1
MAX_INTERVAL_HOURS = 7 * 24
