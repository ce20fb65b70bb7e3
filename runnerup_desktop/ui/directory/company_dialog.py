"""Add or edit a company."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from runnerup_desktop.core import validation
from runnerup_desktop.core.domain import CompanyStatus
from runnerup_desktop.core.records import CompanyValues
from runnerup_desktop.ui.common.forms import DuplicateFinder
from runnerup_desktop.ui.common.writing_dialog import Runner, WritingDialog


class CompanyDialog(WritingDialog):
    """``find_duplicates`` is called with ``(name, "")``; ``values`` is the company to edit.

    After ``exec()`` returns true, :meth:`values` gives the cleaned-up entry.
    """

    def __init__(
        self,
        find_duplicates: DuplicateFinder | None = None,
        values: CompanyValues | None = None,
        parent: QWidget | None = None,
        *,
        write: Callable[[CompanyValues], object] | None = None,
        run: Runner | None = None,
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
        )
        self.notes_edit = self._add_text_edit("notes", "N&otes", checks["notes"], initial.notes)
        self._finish_writing(touch=checks if editing else ())

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
