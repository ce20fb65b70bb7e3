"""The import's preview: what each line of the file becomes, and which companies to create.

Nothing is written until Import is pressed. The lines table says, for every line, whether
it is a new contact, someone already in RunnerUp (and what the import fills in), or
skipped, and why. The companies the file names are listed with how many of its people
work there: those RunnerUp has are ticked and cannot be unticked (their people are
attached to them); the others start unticked, since the companies list is for employers
the person wants to work for. A person at a company left unticked is kept without a
company, and its name goes into their notes.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core.text import fold
from runnerup_desktop.store.imports.preview import (
    CompanyInFile,
    CompanyPolicy,
    ImportSummary,
    Line,
    Outcome,
)
from runnerup_desktop.ui.common.forms import WrappedLabel
from runnerup_desktop.ui.common.window_size import first_size

AnyIndex = QModelIndex | QPersistentModelIndex
NO_COMPANY = "No company"
_OUTCOME_TEXT = {
    Outcome.NEW: "New",
    Outcome.MATCHED: "Already in RunnerUp",
    Outcome.SKIPPED: "Skipped",
}
_FILTERS = (
    ("Every line", None),
    ("New contacts", Outcome.NEW),
    ("Already in RunnerUp", Outcome.MATCHED),
    ("Skipped lines", Outcome.SKIPPED),
)
_HEADERS = ("Line", "Outcome", "Name", "Company", "Details")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class LinesModel(QAbstractTableModel):
    """The preview's lines, filtered by outcome; the company column follows the choice."""

    def __init__(self, summary: ImportSummary, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines = summary.lines
        self._shown: list[int] = list(range(len(self._lines)))
        self._existing = {key for key, c in summary.companies.items() if c.exists}
        self._created: set[str] = set()
        self._link_existing = True

    def set_filter(self, outcome: Outcome | None) -> None:
        self.beginResetModel()
        self._shown = [
            n for n, line in enumerate(self._lines) if outcome is None or line.outcome is outcome
        ]
        self.endResetModel()

    def set_companies(self, created: set[str]) -> None:
        self._created = created
        if self._shown:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._shown) - 1, 3))

    def line_at(self, row: int) -> Line:
        return self._lines[self._shown[row]]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        line = self.line_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return line.reason or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return f"{line.line:,}"
        if column == 1:
            return _OUTCOME_TEXT[line.outcome]
        if column == 2:
            return line.name
        if column == 3:
            return self.company_shown(line)
        return line.reason

    def company_shown(self, line: Line) -> str:
        """The company this line's contact gets with the companies ticked now."""
        if line.outcome is Outcome.SKIPPED:
            return line.named
        named = fold(line.named)
        if line.outcome is Outcome.MATCHED and line.company and fold(line.company) != named:
            return line.company  # their company in RunnerUp stays
        if not named:
            return line.company or NO_COMPANY
        if named in self._existing:
            return line.company or line.named
        if named in self._created:
            return f"{line.named} (new)"
        return NO_COMPANY


class ImportPreviewDialog(QDialog):
    """The preview of an import; after ``exec()`` returns true, :meth:`policy` gives the
    companies the person chose to create."""

    def __init__(
        self, summary: ImportSummary, undoable: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setWindowTitle(f"Import contacts from {summary.source}")
        self.summary = summary
        self.lines = LinesModel(summary, self)

        heading = QLabel(_heading(summary, undoable))
        heading.setObjectName("importHeading")
        heading.setWordWrap(True)
        notices = WrappedLabel()
        notices.setObjectName("importNotices")
        notices.setText("\n".join(summary.notices))
        notices.setVisible(bool(summary.notices))

        self.filter = QComboBox()
        self.filter.setObjectName("lineFilter")
        for text, outcome in _FILTERS:
            self.filter.addItem(text, outcome)
        self.filter.currentIndexChanged.connect(
            lambda _n: self.lines.set_filter(self.filter.currentData())
        )
        self.table = QTableView()
        self.table.setObjectName("importLines")
        self.table.setModel(self.lines)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, mode in enumerate(
            [QHeaderView.ResizeMode.ResizeToContents] * 4 + [QHeaderView.ResizeMode.Stretch]
        ):
            header.setSectionResizeMode(column, mode)
        lines_box = QWidget()
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        show = QHBoxLayout()
        show_label = QLabel("&Show:")
        show_label.setBuddy(self.filter)
        show.addWidget(show_label)
        show.addWidget(self.filter)
        show.addStretch(1)
        lines_layout.addLayout(show)
        lines_layout.addWidget(self.table, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._companies_box(summary))
        splitter.addWidget(lines_box)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 640])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(summary.new + summary.matched > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(notices)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._companies_changed()
        self.import_button.setDefault(True)  # once inside the dialog: Enter imports
        first_size(self, 1040, 600)

    def _companies_box(self, summary: ImportSummary) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Companies in the file</b>")
        explain = WrappedLabel()
        explain.setText(
            "Ticked: people are attached to it. Companies RunnerUp has are ticked. Tick "
            "the others you want in your companies list; people at an unticked one are "
            "kept without a company (its name goes into their notes)."
        )
        self.company_search = QLineEdit()
        self.company_search.setObjectName("companySearch")
        self.company_search.setPlaceholderText("Find a company")
        self.company_search.setClearButtonEnabled(True)
        self.company_search.textChanged.connect(self._filter_companies)
        self.companies = QListWidget()
        self.companies.setObjectName("importCompanies")
        ordered = sorted(summary.companies.values(), key=lambda c: (not c.exists, -c.people))
        for company in ordered:
            self.companies.addItem(_company_item(company))
        self.companies.itemChanged.connect(lambda _item: self._companies_changed())
        all_button = QPushButton("Tick &all")
        all_button.setObjectName("tickAll")
        none_button = QPushButton("Tick &none")
        none_button.setObjectName("tickNone")
        all_button.clicked.connect(lambda: self._tick_all(True))
        none_button.clicked.connect(lambda: self._tick_all(False))
        buttons = QHBoxLayout()
        buttons.addWidget(all_button)
        buttons.addWidget(none_button)
        buttons.addStretch(1)
        self.companies_count = QLabel()
        self.companies_count.setObjectName("companiesCount")
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addWidget(self.company_search)
        layout.addWidget(self.companies, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.companies_count)
        box.setVisible(bool(summary.companies))
        return box

    def _items(self) -> list[QListWidgetItem]:
        return [self.companies.item(n) for n in range(self.companies.count())]

    def _tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self.companies.blockSignals(True)
        for item in self._items():
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and not item.isHidden():
                item.setCheckState(state)
        self.companies.blockSignals(False)
        self._companies_changed()

    def _filter_companies(self, text: str) -> None:
        words = fold(text).split()
        for item in self._items():
            key = fold(item.text())
            item.setHidden(not all(word in key for word in words))

    def created(self) -> set[str]:
        """The missing companies ticked (folded names)."""
        return {
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in self._items()
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable
            and item.checkState() == Qt.CheckState.Checked
        }

    def policy(self) -> CompanyPolicy:
        return CompanyPolicy(create=frozenset(self.created()))

    def _companies_changed(self) -> None:
        created = self.created()
        self.lines.set_companies(created)
        existing = sum(1 for c in self.summary.companies.values() if c.exists)
        self.companies_count.setText(
            f"{existing:,} in RunnerUp already; {len(created):,} to create."
        )
        adding = self.summary.new
        self.import_button.setText(
            f"&Import {adding:,} contact{'s' if adding != 1 else ''}"
            if adding
            else "&Import (fill in what is missing)"
        )


def _company_item(company: CompanyInFile) -> QListWidgetItem:
    where = "in RunnerUp" if company.exists else "new"
    item = QListWidgetItem(f"{company.name} ({company.people:,}, {where})")
    people = f"{company.people:,} {'person' if company.people == 1 else 'people'}"
    item.setToolTip(f"{company.name}: {people} of the file work there.")
    item.setData(Qt.ItemDataRole.UserRole, company.key)
    if company.exists:
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setData(Qt.ItemDataRole.CheckStateRole, Qt.CheckState.Checked)
    else:
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
    return item


def _heading(summary: ImportSummary, undoable: bool) -> str:
    total = len(summary.lines)
    undo = " Edit ▸ Undo takes the whole import back." if undoable else ""
    return (
        f"<b>{html.escape(summary.source)}</b>: {total:,} "
        f"{'entry' if total == 1 else 'entries'} read. "
        f"<b>{summary.new:,}</b> new, <b>{summary.matched:,}</b> already in RunnerUp "
        f"(only what they lack is filled in), <b>{summary.skipped:,}</b> skipped. "
        f"Nothing is written until you press Import.{undo}"
    )
