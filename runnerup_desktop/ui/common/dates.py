"""Python dates into Qt's, spelled out so that every PySide6 version types them alike, and
date fields that keep to the days RunnerUp accepts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from runnerup_desktop.core.limits import FIRST_DAY, LAST_DAY, day_range


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(QDateEdit):
    """A date box that Tab leaves, as any other field (Qt's steps through day, month and
    year first); the arrow keys still move between them."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def keep_in_range(edit: QDateEdit) -> QDateEdit:
    """Limit ``edit`` to :data:`FIRST_DAY`–:data:`LAST_DAY` and say so in its tooltip: a
    day typed past the end stops at the end instead of reaching the code."""
    edit.setDateRange(qdate(FIRST_DAY), qdate(LAST_DAY))
    edit.setToolTip(f"A day {day_range()}")
    return edit


def date_field(day: dt.date | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A date field in range (see :func:`keep_in_range`), showing ``day`` if given."""
    edit = keep_in_range(DateField(parent))
    if day is not None:
        edit.setDate(qdate(min(max(day, FIRST_DAY), LAST_DAY)))
    return edit
