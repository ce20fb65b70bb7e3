"""The *Job boards* page: every watched board, its last check, and what it found.

The top table lists the boards (company, provider, whether it is watched, the last and
next check, open postings, findings, the last check's result in words); the bottom one
lists the findings of the board selected (all boards' when none is), newest first, each
with why it matched. *Check now* checks every watched board at once; a finding opens in
the browser (double-click, or *Open the posting*) and records *Role re-posted* in one
click. The page reloads when a change names the job boards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.store.change import Change
from runnerup_desktop.store.watch_services import BoardRecord, FindingRecord
from runnerup_desktop.ui.jobboards.record import can_record, record_role_reposted
from runnerup_desktop.ui.jobboards.watcher import JobWatcher
from runnerup_desktop.ui.shell.context import AppContext

BOARD_COLUMNS = (
    "Company",
    "Board",
    "Watch",
    "Last check",
    "Next check",
    "Open postings",
    "Findings",
    "Result",
)
FINDING_COLUMNS = ("Found", "Kind", "Posting", "Role", "Why")
EMPTY = (
    "No job board is watched yet. Open a company (Edit…), paste its careers page (Greenhouse, "
    "Lever, Ashby, Workable, SmartRecruiters or Recruitee) and tick “Watch its job board”."
)


def when(moment: dt.datetime | None) -> str:
    """A moment in local time, as the tables show it ("26 Apr 2025 16:00")."""
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%d %b %Y %H:%M")


def board_state(board: BoardRecord) -> str:
    if not board.watching:
        return "Off"
    if board.paused:
        return "Paused"
    if not board.has_role:
        return "Waiting"
    return "On"


class JobBoardsPage(QWidget):
    #: Show a company in the directory (its id).
    open_company = Signal(int)

    def __init__(self, ctx: AppContext, watcher: JobWatcher | None = None) -> None:
        super().__init__()
        self.setObjectName("jobBoardsPage")
        self._ctx = ctx
        self._watch = ctx.services.watch
        self.watcher = watcher
        #: Opens a link in the browser (tests replace it).
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.boards: list[BoardRecord] = []
        self.findings: list[FindingRecord] = []
        intro = QLabel(
            "When the role you came second for is posted again, the door is open: reach the "
            "hiring manager before an agency does. RunnerUp checks the boards you watch while "
            "it runs."
        )
        intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("watchStatus")
        self.status.setWordWrap(True)
        self.check_button = QPushButton("&Check now")
        self.check_button.setObjectName("checkNow")
        self.check_button.setToolTip("Check every watched job board now")
        self.check_button.clicked.connect(self.check_now)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.check_button)
        self.board_table = self._table("boardTable", BOARD_COLUMNS)
        self.board_table.itemSelectionChanged.connect(self._show_findings)
        self.board_table.itemDoubleClicked.connect(self._board_activated)
        self.finding_table = self._table("findingTable", FINDING_COLUMNS)
        self.finding_table.itemSelectionChanged.connect(self._finding_selected)
        self.finding_table.itemDoubleClicked.connect(lambda _item: self.open_posting())
        self.open_button = QPushButton("Open the &posting")
        self.open_button.setObjectName("openPosting")
        self.open_button.clicked.connect(self.open_posting)
        self.record_button = QPushButton("&Record “Role re-posted”")
        self.record_button.setObjectName("recordReposted")
        self.record_button.clicked.connect(self.record_selected)
        self.why = QLabel()
        self.why.setObjectName("findingWhy")
        self.why.setWordWrap(True)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        actions.addWidget(self.why, 1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.record_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.findings_title = QLabel()
        lower_layout.addWidget(self.findings_title)
        lower_layout.addWidget(self.finding_table, 1)
        lower_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.board_table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        ctx.changes.applied.connect(self._applied)
        if watcher is not None:
            watcher.running_changed.connect(self._running)
            watcher.round_done.connect(self._round_done)
        self._loaded = False

    @staticmethod
    def _table(name: str, columns: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(columns))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(list(columns))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    # reading -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Read the boards and findings again, keeping the selection."""
        self._loaded = True
        chosen = self.selected_board()
        self.boards = self._watch.boards()
        table = self.board_table
        table.blockSignals(True)
        table.setRowCount(len(self.boards))
        for row, board in enumerate(self.boards):
            cells = (
                board.company,
                board.provider.label,
                board_state(board),
                when(board.last_checked_at),
                when(board.next_check_at) if board.watching and not board.paused else "—",
                str(board.open_postings),
                str(board.findings),
                board.status or "Not checked yet.",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, board.board_id)
                if column == 7:
                    item.setToolTip(text)
                table.setItem(row, column, item)
        table.blockSignals(False)
        if chosen is not None:
            self.select_board(chosen.board_id)
        self._show_findings()
        self._say_status()

    def _say_status(self, text: str = "") -> None:
        if text:
            self.status.setText(text)
        elif not self.boards:
            self.status.setText(EMPTY)
        else:
            watched = sum(1 for b in self.boards if b.watching and not b.paused)
            self.status.setText(
                f"{watched} of {len(self.boards)} board{'s' if len(self.boards) != 1 else ''} "
                f"watched."
            )

    def selected_board(self) -> BoardRecord | None:
        rows = self.board_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.boards):
            return None
        return self.boards[rows[0].row()]

    def select_board(self, board_id: int) -> None:
        for row, board in enumerate(self.boards):
            if board.board_id == board_id:
                self.board_table.selectRow(row)
                return

    def _show_findings(self) -> None:
        board = self.selected_board()
        self.findings = self._watch.findings(board.board_id if board else None)
        where = f"at {board.company}" if board else "on every board"
        count = len(self.findings)
        self.findings_title.setText(
            f"Findings {where}: {count}" if count else f"No findings {where} yet."
        )
        table = self.finding_table
        table.blockSignals(True)
        table.setRowCount(count)
        for row, finding in enumerate(self.findings):
            cells = (
                when(finding.found_at),
                finding.kind.label + (" (recorded)" if finding.recorded_on else ""),
                finding.title,
                finding.role_title,
                finding.reason,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(finding.reason if column == 4 else finding.url)
                table.setItem(row, column, item)
        table.blockSignals(False)
        if count:
            table.selectRow(0)
        self._finding_selected()

    def selected_finding(self) -> FindingRecord | None:
        rows = self.finding_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.findings):
            return None
        return self.findings[rows[0].row()]

    def select_finding(self, posting_id: int) -> None:
        """Show one finding (a notification was clicked): its board, its row."""
        if not self._loaded:
            self.reload()
        finding = self._watch.finding(posting_id)
        if finding is None:
            return
        self.select_board(finding.board_id)
        for row, shown in enumerate(self.findings):
            if shown.posting_id == posting_id:
                self.finding_table.selectRow(row)

    def _finding_selected(self) -> None:
        finding = self.selected_finding()
        self.open_button.setEnabled(finding is not None and bool(finding.url))
        self.record_button.setEnabled(finding is not None and can_record(finding))
        self.why.setText(f"{finding.headline}. Why: {finding.reason}" if finding else "")

    # acting ----------------------------------------------------------------------------------
    def check_now(self) -> None:
        if self.watcher is None:
            return
        if not self.watcher.check_all():
            self._say_status(
                "A check is already under way."
                if self.watcher.busy
                else "Nothing to check: no watched board has a role you came second for."
            )

    def open_posting(self) -> None:
        finding = self.selected_finding()
        if finding is not None and finding.url:
            self.open_url(QUrl(finding.url))

    def record_selected(self) -> None:
        finding = self.selected_finding()
        if finding is not None and can_record(finding):
            record_role_reposted(self._ctx, self, finding, initiator=self)

    def _board_activated(self, item: QTableWidgetItem) -> None:
        board_id = item.data(Qt.ItemDataRole.UserRole)
        board = next((b for b in self.boards if b.board_id == board_id), None)
        if board is not None and item.column() == 0:
            self.open_company.emit(board.company_id)

    def _running(self, running: bool) -> None:
        self.check_button.setEnabled(not running)
        if running:
            self._say_status("Checking the job boards…")

    def _round_done(self, report: object) -> None:
        problems = getattr(report, "problems", [])
        found = len(getattr(report, "findings", []))
        checked = getattr(report, "checked", 0)
        text = f"Checked {checked} board{'s' if checked != 1 else ''}: " + (
            f"{found} new finding{'s' if found != 1 else ''}." if found else "nothing new."
        )
        if problems:
            text += f" {len(problems)} could not be read (see Result)."
        self._say_status(text)

    def _applied(self, change: Change, _initiator: object) -> None:
        if not self._loaded:
            return
        if change.job_boards or change.companies or change.everything or change.deleted:
            self.reload()
