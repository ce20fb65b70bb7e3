"""Editable tables of the news dialog: the feedback heard and the plan to review.

:class:`FeedbackModel` holds the gaps typed on the first step; :class:`PlanModel` holds the
playbook's dated touches for the person to edit (date, contact, channel, whether to keep
it) and shows, per row, what the dialog's checks found (:class:`RowCheck`). The models hold
plain values; the dialog decides what the checks are. Also here: the delegates that edit
a date or a choice in a cell.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from runnerup_desktop.core.domain import Channel, Importance, Step
from runnerup_desktop.core.news import FeedbackInput, is_outbound_follow_up
from runnerup_desktop.core.playbook import PlannedTouch
from runnerup_desktop.ui.common.colors import ink
from runnerup_desktop.ui.common.dates import date_field, qdate
from runnerup_desktop.ui.common.sql_table_model import DATE_FORMAT

AnyIndex = QModelIndex | QPersistentModelIndex
_EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

#: The combo value for "no contact" (row ids start at 1).
NO_CONTACT = 0


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def show_date(day: dt.date | None) -> str:
    return QLocale().toString(qdate(day), DATE_FORMAT) if day is not None else ""


# --- delegates -------------------------------------------------------------------------------


class ComboDelegate(QStyledItemDelegate):
    """Edits a cell with a drop-down of ``(label, data)``; the model's EditRole is the data."""

    def __init__(self, items: Callable[[], Sequence[tuple[str, object]]], parent: Any) -> None:
        super().__init__(parent)
        self._items = items

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for text, data in self._items():
            combo.addItem(text, data)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """Edits a cell whose EditRole is a :class:`datetime.date` with a calendar pop-up."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        edit = date_field(parent=parent)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        return edit

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QDateEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(value, dt.date):
            editor.setDate(qdate(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QDateEdit)
        model.setData(index, to_date(editor.date()), Qt.ItemDataRole.EditRole)


# --- feedback --------------------------------------------------------------------------------


@dataclass
class GapRow:
    gap: str = ""
    importance: Importance = Importance.UNKNOWN
    answer: str = ""
    example: str = ""
    #: The stored feedback item it shows, when correcting recorded news.
    id: int | None = None

    def is_blank(self) -> bool:
        return not (self.gap.strip() or self.answer.strip() or self.example.strip())


FEEDBACK_HEADERS: tuple[tuple[str, str], ...] = (
    ("gap", "Gap they named"),
    ("importance", "Essential?"),
    ("answer", "How you will answer it"),
    ("example", "A concrete example"),
)
IMPORTANCE_COLUMN = 1


class FeedbackModel(QAbstractTableModel):
    """The gaps heard on the call. Rows left entirely blank are ignored."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[GapRow] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FEEDBACK_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return FEEDBACK_HEADERS[section][1] if 0 <= section < len(FEEDBACK_HEADERS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        value = getattr(self._rows[index.row()], FEEDBACK_HEADERS[index.column()][0])
        if role == Qt.ItemDataRole.DisplayRole:
            return value.label if isinstance(value, Importance) else value
        if role == Qt.ItemDataRole.EditRole:
            return value.value if isinstance(value, Importance) else value
        if role == Qt.ItemDataRole.ToolTipRole and index.column() != IMPORTANCE_COLUMN:
            return value or None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _EDITABLE if index.isValid() else Qt.ItemFlag.NoItemFlags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = FEEDBACK_HEADERS[index.column()][0]
        setattr(self._rows[index.row()], key, Importance(value) if key == "importance" else value)
        self.dataChanged.emit(index, index)
        return True

    def add_row(self, row: GapRow | None = None) -> int:
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(row or GapRow())
        self.endInsertRows()
        return position

    def remove_row(self, position: int) -> None:
        if 0 <= position < len(self._rows):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()

    def items(self) -> tuple[FeedbackInput, ...]:
        return tuple(
            FeedbackInput(row.gap.strip(), row.importance, row.answer.strip(), row.example.strip())
            for row in self._rows
            if not row.is_blank()
        )

    def gap_rows(self) -> list[GapRow]:
        """The rows that are not blank, as they are (with their stored ids)."""
        return [row for row in self._rows if not row.is_blank()]

    def problem(self) -> str | None:
        for number, row in enumerate(self._rows, start=1):
            if not row.is_blank() and not row.gap.strip():
                return f"Row {number} has no gap: say what they found missing, or remove the row."
        return None


# --- the plan --------------------------------------------------------------------------------


class CheckLevel(StrEnum):
    ERROR = "error"  # refused: Save stays disabled
    WARNING = "warning"  # the cadence guard: asked about on Save
    NOTE = "note"  # worth knowing (a date in the past): asked about on Save


@dataclass(frozen=True)
class RowCheck:
    level: CheckLevel
    #: A few words for the table cell.
    text: str
    #: The whole sentence, for the tooltip and the details below the table.
    detail: str


@dataclass
class PlanRow:
    touch: PlannedTouch
    due_on: dt.date
    contact_id: int | None
    channel: Channel
    included: bool = True
    check: RowCheck | None = None

    @property
    def fixed(self) -> bool:
        """Thank-and-ask is the call itself: stored as done on the day of the news."""
        return self.touch.step is Step.THANK_AND_ASK

    @property
    def outbound(self) -> bool:
        return is_outbound_follow_up(self.touch.step, self.channel, self.contact_id)

    def planned(self) -> PlannedTouch:
        return dataclasses.replace(
            self.touch,
            due_on=self.due_on,
            contact_id=self.contact_id,
            channel=self.channel,
            is_outbound=self.outbound,
        )


PLAN_HEADERS = ("Step", "Due", "With", "Channel", "Check")
STEP, DUE, WITH, CHANNEL, CHECK = range(len(PLAN_HEADERS))
_CHECK_COLORS = {
    CheckLevel.ERROR: "error",
    CheckLevel.WARNING: "warning",
    CheckLevel.NOTE: "note",
}


class PlanModel(QAbstractTableModel):
    """The plan under review. ``edited`` is emitted after the person changes a row."""

    edited = Signal()

    def __init__(self, contacts: Sequence[tuple[int, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self._names = dict(contacts)
        self._rows: list[PlanRow] = []
        self._news_on: dt.date | None = None

    def contact_items(self) -> list[tuple[str, object]]:
        return [("No one", NO_CONTACT), *((name, cid) for cid, name in self._names.items())]

    @staticmethod
    def channel_items() -> list[tuple[str, object]]:
        return [(_channel_label(channel), channel.value) for channel in Channel]

    def contact_name(self, contact_id: int | None) -> str:
        return self._names.get(contact_id, "") if contact_id is not None else ""

    # --- Qt ------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PLAN_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return PLAN_HEADERS[section] if 0 <= section < len(PLAN_HEADERS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            edit: dict[int, Any] = {
                DUE: row.due_on,
                WITH: row.contact_id or NO_CONTACT,
                CHANNEL: row.channel.value,
            }
            return edit.get(column)
        if role == Qt.ItemDataRole.CheckStateRole and column == STEP:
            return Qt.CheckState.Checked if row.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == CHECK and row.check is not None:
                return row.check.detail
            return f"{row.touch.title}\n\n{row.touch.guidance}" if column == STEP else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.included:
                return QBrush(ink("muted"))
            if column == CHECK and row.check is not None:
                return QBrush(ink(_CHECK_COLORS[row.check.level]))
        if (
            role == Qt.ItemDataRole.DecorationRole
            and column == CHECK
            and row.check is not None
            and row.check.level is not CheckLevel.NOTE
        ):
            icon = QStyle.StandardPixmap.SP_MessageBoxWarning
            return QApplication.style().standardIcon(icon)
        return None

    def _display(self, row: PlanRow, column: int) -> str:
        if column == STEP:
            return row.touch.title
        if column == DUE:
            days = (row.due_on - self._news_on).days if self._news_on is not None else None
            return show_date(row.due_on) + (f" · day {days}" if days is not None else "")
        if column == WITH:
            return self.contact_name(row.contact_id) or "—"
        if column == CHANNEL:
            return _channel_label(row.channel)
        return row.check.text if row.check is not None and row.included else ""

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row, column = self._rows[index.row()], index.column()
        if column == STEP:
            return (
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | (Qt.ItemFlag.ItemIsUserCheckable)
            )
        if column in (DUE, WITH, CHANNEL) and row.included and not row.fixed:
            return _EDITABLE
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.flags(index) & (
            Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        row, column = self._rows[index.row()], index.column()
        if column == STEP and role == Qt.ItemDataRole.CheckStateRole:
            row.included = _is_checked(value)
        elif role != Qt.ItemDataRole.EditRole or column == STEP:
            return False
        elif column == DUE:
            row.due_on = to_date(value) if isinstance(value, QDate) else value
        elif column == WITH:
            row.contact_id = int(value) if value and int(value) in self._names else None
        elif column == CHANNEL:
            row.channel = Channel(value)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), CHECK))
        self.edited.emit()
        return True

    # --- the plan ------------------------------------------------------------------------
    def set_plan(self, plan: Sequence[PlannedTouch], news_on: dt.date) -> None:
        self.beginResetModel()
        self._news_on = news_on
        self._rows = [PlanRow(t, t.due_on, t.contact_id, t.channel) for t in plan]
        self.endResetModel()

    def rows(self) -> list[PlanRow]:
        """The rows as they stand (copies: change them through the model)."""
        return [dataclasses.replace(row) for row in self._rows]

    def set_checks(self, checks: Sequence[RowCheck | None]) -> None:
        for row, check in zip(self._rows, checks, strict=True):
            row.check = check
        if self._rows:
            self.dataChanged.emit(self.index(0, CHECK), self.index(len(self._rows) - 1, CHECK))

    def edited_plan(self) -> list[PlannedTouch]:
        """The touches to store: the ticked rows, as edited."""
        return [row.planned() for row in self._rows if row.included]


def _channel_label(channel: Channel) -> str:
    return "—" if channel is Channel.NONE else channel.label


def _is_checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value
