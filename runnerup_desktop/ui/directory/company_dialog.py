"""Add or edit a company."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QWidget

from runnerup_desktop.core import validation
from runnerup_desktop.core.domain import CompanyStatus
from runnerup_desktop.core.job_boards import BoardNotRecognised, recognise
from runnerup_desktop.core.records import CompanyValues
from runnerup_desktop.ui.common.forms import DuplicateFinder
from runnerup_desktop.ui.common.writing_dialog import Runner, WritingDialog


def careers_problem(text: str) -> str | None:
    """What is wrong with a careers page address (nothing when blank: it is optional)."""
    if not text.strip():
        return None
    try:
        recognise(text)
    except BoardNotRecognised as exc:
        return str(exc)
    return None


class CompanyDialog(WritingDialog):
    """``find_duplicates`` is called with ``(name, "")``; ``values`` is the company to edit;
    ``board`` its careers page and whether its job board is watched.

    After ``exec()`` returns true, :meth:`values` gives the cleaned-up entry and
    :meth:`board` the careers page and the watch's switch.
    """

    def __init__(
        self,
        find_duplicates: DuplicateFinder | None = None,
        values: CompanyValues | None = None,
        parent: QWidget | None = None,
        *,
        write: Callable[[CompanyValues], object] | None = None,
        run: Runner | None = None,
        board: tuple[str, bool] = ("", False),
    ) -> None:
        # A stored company always has a name, so values without one only preset a new one.
        editing = values is not None and bool(values.name.strip())
        super().__init__(
            "Edit company" if editing else "New company",
            run if write is not None else None,
            parent,
            find_duplicates=find_duplicates,
        )
        self._editing = editing
        self._write_values = write
        initial = values if values is not None else CompanyValues(name="")
        checks = validation.COMPANY_CHECKS
        self.name_edit = self._add_line_edit(
            "name",
            "&Name",
            checks["name"],
            initial.name,
            placeholder="Required",
            watch_duplicates=True,
        )
        self.industry_edit = self._add_line_edit(
            "industry", "&Industry", checks["industry"], initial.industry, placeholder="Logistics"
        )
        self.location_edit = self._add_line_edit(
            "location", "&Location", checks["location"], initial.location, placeholder="Berlin"
        )
        self.website_edit = self._add_line_edit(
            "website", "&Website", checks["website"], initial.website, placeholder="example.com"
        )
        self.status_combo = self._add_combo(
            "status",
            "S&tatus",
            [(status.label, status.value) for status in CompanyStatus],
            initial.status.value,
            required=lambda _combo: "Choose a status: the one saved is not one RunnerUp knows.",
        )
        self.careers_edit = self._add_line_edit(
            "careers",
            "Ca&reers page",
            careers_problem,
            board[0],
            placeholder="boards.greenhouse.io/yourcompany",
        )
        self.careers_edit.setToolTip(
            "The company's job board on Greenhouse, Lever, Ashby, Workable, SmartRecruiters or "
            "Recruitee. Nothing is fetched until you turn the watch on."
        )
        self.watch_check = QCheckBox(
            "Watch its job board and tell me when the role is posted again"
        )
        self.watch_check.setChecked(board[1])
        watch_field = self._add_row(
            "watch",
            "Job board",
            self.watch_check,
            problem=lambda: (
                "Paste the careers page's address to watch its job board."
                if self.watch_check.isChecked() and not self.careers_edit.text().strip()
                else None
            ),
            blank=lambda: False,
        )
        self.watch_check.toggled.connect(lambda _on: self._touch(watch_field))
        self.watch_check.toggled.connect(lambda _on: self._revalidate())
        self.careers_edit.textChanged.connect(self._offer_watch)
        self.notes_edit = self._add_text_edit("notes", "N&otes", checks["notes"], initial.notes)
        self._finish_writing(touch=[*checks, "status"] if editing else ())

    def _offer_watch(self, text: str) -> None:
        """A board's address just pasted into an empty field: watching it is the point."""
        if text.strip() and careers_problem(text) is None and not self._watch_touched:
            self.watch_check.setChecked(True)

    @property
    def _watch_touched(self) -> bool:
        return self._fields["watch"].touched

    def board(self) -> tuple[str, bool]:
        """The careers page as typed (trimmed) and whether to watch its job board."""
        return self.careers_edit.text().strip(), self.watch_check.isChecked()

    def values(self) -> CompanyValues:
        """The entry, trimmed and normalised. Raises ``ValueError`` while a field is wrong."""
        self._require_valid()
        return validation.normalize_company(
            CompanyValues(
                name=self.name_edit.text(),
                industry=self.industry_edit.text(),
                location=self.location_edit.text(),
                website=self.website_edit.text(),
                status=CompanyStatus(self.status_combo.currentData()),
                notes=self.notes_edit.toPlainText(),
            )
        )

    def _duplicate_query(self) -> tuple[str, str]:
        return (validation.normalize_line(self.name_edit.text()), "")

    def _label(self) -> str:
        return f"{'Edit' if self._editing else 'New'} company “{self.values().name}”"

    def _write(self) -> object:
        assert self._write_values is not None
        return self._write_values(self.values())
