"""Every user setting declared once, with its type and default (QSettings underneath).

Beside them, the keys of what the window remembers of itself (geometry, splitters, column
state), kept apart under ``window/`` and ``directory/``: those are not settings a person
chooses, and they are never announced. The file carries a version (:data:`VERSION`); an
older file is brought up to date by the steps in :data:`UPGRADES` when it is opened.
A changed setting is announced, like a data change, through the ``announce`` callback
(the window's ``Changes.setting_changed``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings

from runnerup_desktop.core.cadence import DEFAULT_MIN_SPACING_DAYS
from runnerup_desktop.core.reminders import DEFAULT_REMINDER_TIME, parse_time_of_day
from runnerup_desktop.core.watch_interval import (
    DEFAULT_INTERVAL_HOURS,
    MAX_INTERVAL_HOURS,
    MIN_INTERVAL_HOURS,
)

T = TypeVar("T", int, bool, str)


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T
    label: str
    #: For numbers: the accepted range; a value outside it (or unreadable) reads as default.
    low: int = 0
    high: int = 10_000


MIN_SPACING_DAYS = Option(
    "cadence/minSpacingDays", DEFAULT_MIN_SPACING_DAYS, "Minimum days between touches", 1, 120
)
QUIET_DAYS = Option("cadence/quietDays", 45, "A contact is owed a touch after", 7, 365)
AGENDA_DAYS = Option("agenda/days", 14, "The agenda looks ahead", 1, 90)


class AppSettings:
    """Typed access to the options above; ``announce(key)`` is told of every change."""

    def __init__(self, store: QSettings, announce: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.announce = announce
        upgrade(store)

    def get(self, option: Option[T]) -> T:
        kind = type(option.default)
        value = self.store.value(option.key, option.default, type=kind)
        if not isinstance(value, kind):
            return option.default
        if kind is int and not option.low <= int(value) <= option.high:
            return option.default
        return value

    def set(self, option: Option[T], value: T) -> None:
        if self.get(option) == value and self.store.contains(option.key):
            return
        self.store.setValue(option.key, value)
        if self.announce is not None:
            self.announce(option.key)

    @property
    def min_spacing_days(self) -> int:
        return self.get(MIN_SPACING_DAYS)

    @property
    def quiet_days(self) -> int:
        return self.get(QUIET_DAYS)

    @property
    def agenda_days(self) -> int:
        return self.get(AGENDA_DAYS)


# Reminders, the tray and starting at login -------------------------------------------
REMINDER_TIME = Option("reminders/timeOfDay", "09:00", "Remind me of date-only follow-ups at")
CLOSE_TO_TRAY = Option(
    "tray/closeToTray", True, "Keep RunnerUp running in the tray when its window is closed"
)
START_AT_LOGIN = Option("startup/atLogin", False, "Start RunnerUp in the tray when I log in")
TRAY_EXPLAINED = Option("tray/closeExplained", False, "The tray's one-time explanation was shown")
NO_TRAY_EXPLAINED = Option("tray/noTrayExplained", False, "The missing tray was explained once")


# How the window looks, and which databases it opened ------------------------------------
#: "system" follows the desktop's light or dark scheme; "light" and "dark" choose one.
COLOR_SCHEME = Option("appearance/colorScheme", "system", "Colours")
SCHEME_CHOICES = ("system", "light", "dark")
#: The databases opened last, newest first, one path a line (File ▸ Open recent). The
#: first is the one a plain ``runnerup`` opens (``--db`` and ``RUNNERUP_DB`` win).
RECENT_DATABASES = Option("files/recentDatabases", "", "Recent databases")


def reminder_time(settings: AppSettings) -> dt.time:
    """The time of day date-only follow-ups remind at (09:00 when unset or unreadable)."""
    return parse_time_of_day(settings.get(REMINDER_TIME)) or DEFAULT_REMINDER_TIME


# The job-board watch ----------------------------------------------------------------------
WATCH_INTERVAL_HOURS = Option(
    "watch/intervalHours",
    DEFAULT_INTERVAL_HOURS,
    "Check watched job boards every",
    MIN_INTERVAL_HOURS,
    MAX_INTERVAL_HOURS,
)


# The plan as a calendar file (File ▸ Export, and a folder kept up to date) -------------
#: A folder where RunnerUp keeps ``RunnerUp.ics`` up to date ("": none).
CALENDAR_FOLDER = Option("calendar/folder", "", "Keep the plan as a calendar file in")
#: Date-only follow-ups as all-day ``event``s or as ``todo``s.
CALENDAR_UNTIMED = Option("calendar/untimedAs", "event", "Date-only follow-ups as")


# The email account for sending messages. The password is never a setting: it lives in
# the system keyring (runnerup_desktop/system/secrets.py).
SMTP_HOST = Option("mail/smtpHost", "", "SMTP server")
SMTP_PORT = Option("mail/smtpPort", 587, "Port", 1, 65535)
SMTP_SECURITY = Option("mail/smtpSecurity", "starttls", "Security")
SMTP_USER = Option("mail/smtpUser", "", "User name")
SENDER_NAME = Option("mail/senderName", "", "Your name")
SENDER_ADDRESS = Option("mail/senderAddress", "", "Your address")


# What the window remembers of itself (never announced) ---------------------------------
WINDOW_GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
DIRECTORY_SPLITTER = "directory/splitter"
COMPANY_HEADER = "directory/companyHeader"
CONTACT_HEADER = "directory/contactHeader"
#: The narrowest the details half can be (its panels need it), for the first paint.
DETAILS_WIDTH = "directory/detailsMinimumWidth"
#: The companies' order in words (``"industry desc"``), for the first paint's query.
COMPANY_SORT = "directory/companySort"
ALL_CONTACTS = "directory/allContacts"


# The file's version, and the steps that bring an older file up to it ------------------
VERSION_KEY = "meta/version"
#: The version this RunnerUp writes. Version 0 is a file from before versions were kept.
VERSION = 1


def _upgrade_to_1(store: QSettings) -> None:
    """Before versions: "directory/allContacts" was sometimes written as the strings
    "true"/"false" by hand-edited files; it is a boolean from now on."""
    value = store.value(ALL_CONTACTS)
    if isinstance(value, str):
        store.setValue(ALL_CONTACTS, value.strip().lower() in ("true", "1", "yes"))


#: ``version -> step``: the step that brings a file from ``version - 1`` to ``version``.
UPGRADES: dict[int, Callable[[QSettings], None]] = {1: _upgrade_to_1}


def upgrade(store: QSettings) -> None:
    """Run the steps an older settings file needs; a newer file is left as it is."""
    raw = store.value(VERSION_KEY, 0)
    try:
        found = int(raw) if isinstance(raw, int | str) else 0
    except ValueError:
        found = 0
    if found >= VERSION:
        return
    for version in range(found + 1, VERSION + 1):
        UPGRADES[version](store)
    store.setValue(VERSION_KEY, VERSION)
