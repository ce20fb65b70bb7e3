"""Add or edit a contact: a person at one of the companies."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from runnerup_desktop.core import validation
from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.core.records import ContactValues
from runnerup_desktop.ui.common.forms import DuplicateFinder
from runnerup_desktop.ui.common.writing_dialog import Runner, WritingDialog

#: The choice that keeps a contact without a company (offered when it has none).
NO_COMPANY = -1
NO_COMPANY_LABEL = "No company (in your network only)"


class ContactDialog(WritingDialog):
    """A contact form over ``companies``, a list of ``(id, name)`` in the order to offer.

    ``find_duplicates`` is called with ``(name, email)``. ``values`` is the contact to edit;
    values with an empty name only preset a new contact (its company, say).
    After ``exec()`` returns true, :meth:`values` gives the cleaned-up entry.
    """

    def __init__(
        self,
        companies: Sequence[tuple[int, str]],
        find_duplicates: DuplicateFinder | None = None,
        values: ContactValues | None = None,
        parent: QWidget | None = None,
        *,
        write: Callable[[ContactValues], object] | None = None,
        run: Runner | None = None,
    ) -> None:
        editing = values is not None and bool(values.name.strip())
        super().__init__(
            "Edit contact" if editing else "New contact",
            run if write is not None else None,
            parent,
            find_duplicates=find_duplicates,
        )
        self._editing = editing
        self._write_values = write
        checks = validation.CONTACT_CHECKS
        company_id: int | None = None
        choices = [(name, company) for company, name in companies]
        if values is not None:
            company_id = values.company_id
            if company_id is None:  # kept without a company (an import): it may stay so
                choices.append((NO_COMPANY_LABEL, NO_COMPANY))
                company_id = NO_COMPANY
        elif len(companies) == 1:
            company_id = companies[0][0]
        initial = values if values is not None else ContactValues(name="", company_id=0)

        self.name_edit = self._add_line_edit(
            "name",
            "&Name",
            checks["name"],
            initial.name,
            placeholder="Required",
            watch_duplicates=True,
        )
        self.company_combo = self._add_combo(
            "company_id",
            "&Company",
            choices,
            company_id,
            required=_company_problem,
            placeholder="Choose a company…" if companies else "No companies yet",
        )
        self.company_combo.setEnabled(bool(choices))
        self.role_combo = self._add_combo(
            "role",
            "&Role",
            [(r.label, r.value) for r in ContactRole],
            initial.role.value,
            required=lambda _combo: "Choose a role: the one saved is not one RunnerUp knows.",
        )
        self.title_edit = self._add_line_edit(
            "title", "&Job title", checks["title"], initial.title, placeholder="Head of Design"
        )
        self.email_edit = self._add_line_edit(
            "email",
            "&Email",
            checks["email"],
            initial.email,
            placeholder="ana@example.com",
            watch_duplicates=True,
        )
        self.phone_edit = self._add_line_edit(
            "phone", "&Phone", checks["phone"], initial.phone, placeholder="+44 20 7946 0958"
        )
        self.linkedin_edit = self._add_line_edit(
            "linkedin_url",
            "&LinkedIn",
            checks["linkedin_url"],
            initial.linkedin_url,
            placeholder="linkedin.com/in/ana-lopez",
        )
        self.notes_edit = self._add_text_edit("notes", "N&otes", checks["notes"], initial.notes)
        # Editing: flag stored values that no longer pass. No company to choose from: say so
        # at once, as nothing in this dialog can fix it.
        touch = [*checks, "company_id", "role"] if editing else [] if companies else ["company_id"]
        self._finish_writing(touch=touch)

    def values(self) -> ContactValues:
        """The entry, trimmed and normalised. Raises ``ValueError`` while a field is wrong."""
        self._require_valid()
        return validation.normalize_contact(
            ContactValues(
                name=self.name_edit.text(),
                company_id=_company_id(self.company_combo.currentData()),
                role=ContactRole(self.role_combo.currentData()),
                title=self.title_edit.text(),
                email=self.email_edit.text(),
                phone=self.phone_edit.text(),
                linkedin_url=self.linkedin_edit.text(),
                notes=self.notes_edit.toPlainText(),
            )
        )

    def _duplicate_query(self) -> tuple[str, str]:
        email = self.email_edit.text()
        return (
            validation.normalize_line(self.name_edit.text()),
            validation.normalize_email(email) if validation.check_email(email) is None else "",
        )

    def _label(self) -> str:
        return f"{'Edit' if self._editing else 'New'} contact “{self.values().name}”"

    def _write(self) -> object:
        assert self._write_values is not None
        return self._write_values(self.values())


def _company_id(data: object) -> int | None:
    chosen = int(str(data))
    return None if chosen == NO_COMPANY else chosen


def _company_problem(combo: QComboBox) -> str:
    if combo.count() == 0:
        return "Add a company first: every contact works somewhere."
    return "Choose the company this person works at."
