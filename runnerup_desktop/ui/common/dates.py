"""Python dates into Qt's, spelled out so that every PySide6 version types them alike."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(QDateEdit):
    """A date box that Tab leaves, as any other field (Qt's steps through day, month and
    year first); the arrow keys still move between them."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
