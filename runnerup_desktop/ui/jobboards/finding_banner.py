"""The banner at the top of the window when the watch finds the role posted again.

"Northwind Analytics posted Engineering Manager, Data Platform again, 47 days after the
offer went to someone else, inside the 90-day window", with the posting's link, one click
to record *Role re-posted*, and a way to dismiss it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from runnerup_desktop.core.job_match import FindingKind
from runnerup_desktop.store.watch_services import FindingRecord
from runnerup_desktop.ui.jobboards.record import can_record


class FindingBanner(QFrame):
    #: The person asked to record *Role re-posted* for this finding.
    record = Signal(object)
    #: The person asked to see the finding on the Job boards page.
    show_boards = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingBanner")
        self.setStyleSheet(
            "#findingBanner { background: #e3f2e1; border-bottom: 1px solid #9cc79a; }"
            "#findingBanner QLabel { color: #173d14; }"
        )
        self.finding: FindingRecord | None = None
        #: Opens a link in the browser (tests replace it).
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.text = QLabel()
        self.text.setObjectName("findingText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.more = QLabel()
        self.more.setObjectName("findingMore")
        self.open_button = QPushButton("Open the &posting")
        self.open_button.setObjectName("openPosting")
        self.open_button.clicked.connect(self._open)
        self.record_button = QPushButton("&Record “Role re-posted”")
        self.record_button.setObjectName("recordReposted")
        self.record_button.setToolTip(
            "Plan a touch to the hiring manager for today: reach out before an agency does"
        )
        self.record_button.clicked.connect(lambda: self.record.emit(self.finding))
        self.boards_button = QPushButton("Job boards")
        self.boards_button.clicked.connect(lambda: self.show_boards.emit(self.finding))
        self.dismiss_button = QToolButton()
        self.dismiss_button.setText("✕")
        self.dismiss_button.setToolTip("Hide; the finding stays on the Job boards page")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 8, 8)
        row.addWidget(self.text, 1)
        row.addWidget(self.more)
        for widget in (self.open_button, self.record_button, self.boards_button):
            row.addWidget(widget)
        row.addWidget(self.dismiss_button)
        self.hide()

    def show_findings(self, findings: list[FindingRecord]) -> None:
        """Show the most telling of a round's findings (a re-post before a similar role)."""
        if not findings:
            return
        order = {FindingKind.REPOSTED: 0, FindingKind.REOPENED: 1, FindingKind.SIMILAR: 2}
        chosen = min(findings, key=lambda f: order[f.kind])
        self.show_finding(chosen, others=len(findings) - 1)

    def show_finding(self, finding: FindingRecord, others: int = 0) -> None:
        self.finding = finding
        self.text.setText(f"{finding.headline}.")
        self.text.setToolTip(f"{finding.title}\n{finding.url}\n\nWhy: {finding.reason}")
        self.more.setText(f"(and {others} more)" if others else "")
        self.more.setVisible(bool(others))
        self.open_button.setEnabled(bool(finding.url))
        self.record_button.setVisible(can_record(finding))
        self.show()

    def recorded(self) -> None:
        """The event was recorded: say what was planned instead of offering it again."""
        if self.finding is None:
            return
        self.text.setText(
            f"{self.finding.headline}. Recorded: your reach-out is planned for today (Follow-ups)."
        )
        self.record_button.hide()

    def dismiss(self) -> None:
        self.hide()

    def _open(self) -> None:
        if self.finding is not None and self.finding.url:
            self.open_url(QUrl(self.finding.url))
