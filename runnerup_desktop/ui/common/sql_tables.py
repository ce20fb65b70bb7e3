"""The SQL-backed tables: a view sorted by the database (the parts shared with the first
paint are in :mod:`.table_view`)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QTableView

from runnerup_desktop.ui.common import table_view
from runnerup_desktop.ui.common.sql_table_model import SqlTableModel
from runnerup_desktop.ui.common.table_view import (
    COMPANY_HEADERS,
    CONTACT_HEADERS,
    DataTable,
    SearchBox,
    no_shaping,
)

__all__ = [
    "COMPANY_HEADERS",
    "CONTACT_HEADERS",
    "DataTable",
    "SearchBox",
    "fit_columns",
    "fit_to_contents",
    "make_table",
    "no_shaping",
    "restore_table",
    "sort_setting",
]


def make_table(model: SqlTableModel, name: str) -> DataTable:
    view = table_view.make_view(model, name)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    return view


def fit_columns(view: QTableView) -> None:
    model = view.model()
    assert isinstance(model, SqlTableModel)
    table_view.fit_columns(view, [model.column_key(n) for n in range(model.columnCount())])


def fit_to_contents(view: QTableView) -> None:
    """The SQL table's columns as wide as what they hold (ui/common/table_view.py)."""
    model = view.model()
    assert isinstance(model, SqlTableModel)
    keys = [model.column_key(n) for n in range(model.columnCount())]
    table_view.fit_to_contents(view, keys)


def sort_setting(model: SqlTableModel) -> str:
    """The model's order as the first paint reads it back: ``"industry desc"``."""
    request = model.request
    return f"{request.sort_column} {'desc' if request.descending else 'asc'}"


def restore_table(view: QTableView, model: SqlTableModel, settings: QSettings, key: str) -> bool:
    """The table's columns and sort order as last left (or fitted, the first time), and
    the model told that order before it first reads. Whether there was a state to
    restore (if not, fit the columns to their content once the rows are read:
    :func:`~runnerup_desktop.ui.common.table_view.fit_to_contents`)."""
    state = settings.value(key)
    header = view.horizontalHeader()
    if isinstance(state, QByteArray):
        header.restoreState(state)
    model.configure(
        sort_column=model.column_key(header.sortIndicatorSection()),
        descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
    )
    if not isinstance(state, QByteArray):
        fit_columns(view)
        return False
    return True
