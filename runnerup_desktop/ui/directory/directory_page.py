"""The companies and contacts page: two SQL-backed tables side by side.

Selecting a company shows its contacts; "All contacts" lists everyone with their
company. Each table has a debounced search box; sorting is done by the database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QModelIndex, QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core import validation
from runnerup_desktop.core.records import CompanyValues, ContactValues
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.directory_queries import CompanyListing, ContactListing, company_choices
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Company, Contact
from runnerup_desktop.ui.common.sql_table_model import Roles, SqlTableModel
from runnerup_desktop.ui.common.sql_tables import (
    COMPANY_HEADERS,
    CONTACT_HEADERS,
    SearchBox,
    make_table,
    restore_table,
    sort_setting,
)
from runnerup_desktop.ui.directory.company_dialog import CompanyDialog
from runnerup_desktop.ui.directory.contact_dialog import ContactDialog
from runnerup_desktop.ui.directory.directory_layout import (
    COMPANY_HEADER_KEY,
    COMPANY_SEARCH_HINT,
    COMPANY_SORT_KEY,
    CONTACT_HEADER_KEY,
    company_pane,
    details_tabs,
    directory_splitter,
    restore_splitter,
    save_splitter,
)


class DirectoryPage(QWidget):
    changed = Signal(object)  # a Change
    company_selected = Signal(object)  # int | None
    contact_selected = Signal(object)  # int | None
    status_message = Signal(str)

    def __init__(
        self,
        sessions: sessionmaker[Session],
        services: DirectoryServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._services = services
        self.companies = SqlTableModel(
            sessions, CompanyListing(), COMPANY_HEADERS, self._edit_company_cell, self
        )
        self.contacts = SqlTableModel(
            sessions, ContactListing(), CONTACT_HEADERS, self._edit_contact_cell, self
        )
        self.company_view = make_table(self.companies, "companyTable")
        self.contact_view = make_table(self.contacts, "contactTable")
        self.company_search = SearchBox(COMPANY_SEARCH_HINT, self.companies.set_search)
        self.contact_search = SearchBox("Search contacts", self.contacts.set_search)
        self.all_contacts = QCheckBox("All contacts")
        self.contacts_title = QLabel()
        self.contacts_title.setObjectName("contactsTitle")
        self.details = details_tabs()
        self.splitter = directory_splitter(
            company_pane(self.company_search, self.company_view), self.details
        )
        self._build()
        self._wire()

    def _build(self) -> None:
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.contacts_title, 1)
        heading.addWidget(self.all_contacts)
        right_layout.addLayout(heading)
        right_layout.addWidget(self.contact_search)
        right_layout.addWidget(self.contact_view)
        self.details.addTab(right, "Contacts")
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.setFocusProxy(self.company_view)

    def _wire(self) -> None:
        self.company_view.selectionModel().currentRowChanged.connect(self._company_changed)
        self.contact_view.selectionModel().currentRowChanged.connect(self._contact_changed)
        self.companies.modelReset.connect(self._restore_company_selection)
        self.all_contacts.toggled.connect(self._show_all_contacts)
        for view, edit, delete in (
            (self.company_view, self.edit_company, self.delete_company),
            (self.contact_view, self.edit_contact, self.delete_contact),
        ):
            view.activated_edit.connect(edit)
            view.delete_requested.connect(delete)
        for model in (self.companies, self.contacts):
            model.editFailed.connect(self._edit_failed)
        self._selected_company: int | None = None
        self._update_contacts_title()

    # --- selection -----------------------------------------------------------------
    def current_company_id(self) -> int | None:
        return self._current_id(self.company_view)

    def current_contact_id(self) -> int | None:
        return self._current_id(self.contact_view)

    @staticmethod
    def _current_id(view: QTableView) -> int | None:
        index = view.currentIndex()
        value = index.data(Roles.ID) if index.isValid() else None
        return int(value) if value is not None else None

    def select_company(self, company_id: int) -> None:
        self._select_id(self.company_view, self.companies, company_id)

    def select_contact(self, contact_id: int) -> None:
        self._select_id(self.contact_view, self.contacts, contact_id)

    @staticmethod
    def _select_id(view: QTableView, model: SqlTableModel, row_id: int) -> bool:
        position = model.row_of(row_id)
        if position is None:
            return False
        view.setCurrentIndex(model.index(position, 0))
        view.selectRow(position)
        view.scrollTo(model.index(position, 0))
        return True

    def _select_first_company(self) -> None:
        if self.companies.rowCount():
            self.company_view.selectRow(0)
            self.company_view.setCurrentIndex(self.companies.index(0, 0))
        else:
            self._company_changed(QModelIndex(), QModelIndex())

    def _restore_company_selection(self) -> None:
        if self._selected_company is not None:
            self._select_id(self.company_view, self.companies, self._selected_company)

    def _company_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        company_id = current.data(Roles.ID) if current.isValid() else None
        if (
            company_id is None
            and self._selected_company is not None
            and self.companies.row_of(self._selected_company) is not None
        ):
            return  # a reset in progress: the selection comes back right after
        changed = company_id != self._selected_company
        self._selected_company = company_id
        if not self.all_contacts.isChecked():
            self.contacts.set_company(company_id if company_id is not None else -1)
        self._update_contacts_title()
        if changed:
            self.company_selected.emit(company_id)

    def _contact_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        contact_id = current.data(Roles.ID) if current.isValid() else None
        self.contact_selected.emit(contact_id)

    def add_detail(self, title: str, panel: QWidget) -> None:
        """A tab beside the contacts, about the selected company (opportunities, timeline)."""
        self.details.addTab(panel, title)

    def _show_all_contacts(self, everyone: bool) -> None:
        self.contacts.set_company(None if everyone else (self._selected_company or -1))
        self.contact_view.setColumnHidden(1, not everyone)
        self._update_contacts_title()

    def _update_contacts_title(self) -> None:
        if self.all_contacts.isChecked():
            text = "All contacts"
        else:
            position = (
                self.companies.row_of(self._selected_company)
                if self._selected_company is not None
                else None
            )
            name = self.companies.index(position, 0).data() if position is not None else None
            text = f"Contacts at {name}" if name else "Contacts (choose a company)"
        self.contacts_title.setText(f"<b>{_escape(text)}</b>")
        if not self.all_contacts.isChecked():
            self.contact_view.setColumnHidden(1, True)

    # --- header state ---------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        save_splitter(self.splitter, self.details, settings)
        settings.setValue(COMPANY_HEADER_KEY, self.company_view.horizontalHeader().saveState())
        settings.setValue(CONTACT_HEADER_KEY, self.contact_view.horizontalHeader().saveState())
        settings.setValue(COMPANY_SORT_KEY, sort_setting(self.companies))
        settings.setValue("directory/allContacts", self.all_contacts.isChecked())

    def restore_state(self, settings: QSettings) -> None:
        restore_splitter(self.splitter, settings)
        restore_table(self.company_view, self.companies, settings, COMPANY_HEADER_KEY)
        restore_table(self.contact_view, self.contacts, settings, CONTACT_HEADER_KEY)
        everyone = bool(settings.value("directory/allContacts", False, type=bool))
        self.contacts.configure(company_id=None if everyone else -1)
        self.companies.reload()
        self._select_first_company()
        if everyone:
            self.all_contacts.setChecked(True)

    # --- in-place editing -----------------------------------------------------------
    def _edit_company_cell(self, company_id: int, column: str, text: str) -> str | None:
        check = validation.check_company_name if column == "name" else _length(column, 120)
        return self._apply(
            check(text), lambda: self._services.update_company(company_id, {column: text})
        )

    def _edit_contact_cell(self, contact_id: int, column: str, text: str) -> str | None:
        checks: dict[str, Callable[[str], str | None]] = {
            "name": validation.check_person_name,
            "email": validation.check_email,
            "phone": validation.check_phone,
        }
        problem = checks.get(column, _length(column, 200))(text)
        if column == "email" and problem is None:
            text = validation.normalize_email(text)
        return self._apply(
            problem, lambda: self._services.update_contact(contact_id, {column: text})
        )

    def _apply(self, problem: str | None, write: Callable[[], Change]) -> str | None:
        if problem:
            return problem
        try:
            change = write()
        except ServiceError as exc:
            return str(exc)
        self.changed.emit(change)
        return None

    def _edit_failed(self, message: str, title: str = "Not saved") -> None:
        self.status_message.emit(message)
        QMessageBox.warning(self, title, message)

    # --- dialogs --------------------------------------------------------------------
    def new_company(self) -> None:
        dialog = CompanyDialog(
            lambda name, _email: self._services.company_duplicates(name), parent=self
        )
        dialog.write = lambda: self._services.add_company(dataclasses.asdict(dialog.values()))
        if dialog.exec():
            company_id, change = cast("tuple[int, Change]", dialog.written)
            self._selected_company = company_id
            self.changed.emit(change)
            self.companies.reload()
            self.select_company(company_id)

    def edit_company(self) -> None:
        company_id = self.current_company_id()
        if company_id is None:
            return
        with self._sessions() as session:
            company = session.get(Company, company_id)
            if company is None:
                return
            values = CompanyValues(
                name=company.name,
                industry=company.industry,
                location=company.location,
                website=company.website,
                status=company.status,
                notes=company.notes,
            )
        dialog = CompanyDialog(
            lambda name, _email: self._services.company_duplicates(name, exclude_id=company_id),
            values=values,
            parent=self,
        )
        dialog.write = lambda: self._services.update_company(
            company_id, dataclasses.asdict(dialog.values())
        )
        if dialog.exec():
            self.changed.emit(cast(Change, dialog.written))

    def delete_company(self) -> None:
        company_id = self.current_company_id()
        if company_id is None:
            return
        name = self.company_view.currentIndex().siblingAtColumn(0).data()
        impact = self._services.company_delete_impact(company_id)
        answer = QMessageBox.question(
            self,
            "Delete company",
            impact.sentence(str(name)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                change = self._services.delete_company(company_id)
            except ServiceError as refusal:
                self._edit_failed(str(refusal), "Not deleted")
                return
            self._selected_company = None
            self.changed.emit(change)

    def new_contact(self) -> None:
        with self._sessions() as session:
            companies = company_choices(session)
        if not companies:
            QMessageBox.information(
                self, "New contact", "Add a company first: every contact works somewhere."
            )
            return
        preset = self._selected_company if self._selected_company is not None else companies[0][0]
        dialog = ContactDialog(
            companies,
            self._services.contact_duplicates,
            values=ContactValues(name="", company_id=preset),
            parent=self,
        )
        dialog.write = lambda: self._services.add_contact(dataclasses.asdict(dialog.values()))
        if dialog.exec():
            contact_id, change = cast("tuple[int, Change]", dialog.written)
            self.changed.emit(change)
            self.select_contact(contact_id)

    def edit_contact(self) -> None:
        contact_id = self.current_contact_id()
        if contact_id is None:
            return
        with self._sessions() as session:
            contact = session.get(Contact, contact_id)
            if contact is None:
                return
            values = ContactValues(
                name=contact.name,
                company_id=contact.company_id,
                role=contact.role,
                title=contact.title,
                email=contact.email,
                phone=contact.phone,
                linkedin_url=contact.linkedin_url,
                notes=contact.notes,
            )
            companies = company_choices(session)
        dialog = ContactDialog(
            companies,
            lambda name, email: self._services.contact_duplicates(
                name, email, exclude_id=contact_id
            ),
            values=values,
            parent=self,
        )
        dialog.write = lambda: self._services.update_contact(
            contact_id, dataclasses.asdict(dialog.values())
        )
        if dialog.exec():
            self.changed.emit(cast(Change, dialog.written))

    def delete_contact(self) -> None:
        contact_id = self.current_contact_id()
        if contact_id is None:
            return
        name = self.contact_view.currentIndex().siblingAtColumn(0).data()
        answer = QMessageBox.question(
            self,
            "Delete contact",
            f"Delete “{name}”? Their logged interactions stay with the company.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                change = self._services.delete_contact(contact_id)
            except ServiceError as refusal:
                self._edit_failed(str(refusal), "Not deleted")
                return
            self.changed.emit(change)

    # --- reacting to changes --------------------------------------------------------
    def apply_change(self, change: Change) -> None:
        if change.companies or change.deleted or change.opportunities or change.interactions:
            self.companies.refresh()
            if self._selected_company is not None:
                self._select_id(self.company_view, self.companies, self._selected_company)
            elif self.companies.rowCount():
                self._select_first_company()
        if change.contacts or change.companies or change.deleted or change.interactions:
            selected = self.current_contact_id()
            self.contacts.refresh()
            if selected is not None:
                self._select_id(self.contact_view, self.contacts, selected)
        self._update_contacts_title()


def _length(column: str, limit: int) -> Callable[[str], str | None]:
    return lambda text: validation.check_length(text, limit, column.replace("_", " ").capitalize())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
