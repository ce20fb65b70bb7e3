"""Adding, editing and deleting companies and contacts from the directory page.

Each write runs on the change path (the page's ``_run``); the tables refresh when the
change is announced, and a record just created becomes the selection.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QWidget
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.records import ContactValues
from runnerup_desktop.core.text import isolate
from runnerup_desktop.store.directory_queries import (
    company_choices,
    company_values,
    contact_values,
)
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.watch_services import WatchServices
from runnerup_desktop.ui.common.page_actions import quoted
from runnerup_desktop.ui.common.sql_table_model import SqlTableModel
from runnerup_desktop.ui.common.table_view import DataTable, SearchBox
from runnerup_desktop.ui.common.writing_dialog import Runner
from runnerup_desktop.ui.directory.company_dialog import CompanyDialog
from runnerup_desktop.ui.directory.contact_dialog import ContactDialog


class DirectoryEdits:
    """The page's writes (a mixin of :class:`~.directory_page.DirectoryPage`, which
    provides what is declared here)."""

    _sessions: sessionmaker[Session]
    _services: DirectoryServices
    #: The company's job board is saved with the company (the careers page, the watch).
    _watch: WatchServices
    _run: Runner
    _selected_company: int | None
    companies: SqlTableModel
    contacts: SqlTableModel
    company_view: DataTable
    contact_view: DataTable
    company_search: SearchBox
    contact_search: QLineEdit

    def current_company_id(self) -> int | None: ...

    def current_contact_id(self) -> int | None: ...

    def select_company(self, company_id: int) -> None: ...

    def select_contact(self, contact_id: int) -> None: ...

    def _all_contacts_shown(self) -> bool:
        raise NotImplementedError

    def _parent(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    # --- dialogs --------------------------------------------------------------------
    def new_company(self) -> None:
        dialog = CompanyDialog(
            lambda name, _email: self._services.company_duplicates(name),
            parent=self._parent(),
            write=lambda values: self._watch.save_company(
                None, dataclasses.asdict(values), *dialog.board()
            ),
            run=self._run,
        )
        if self._exec(dialog) and isinstance(dialog.written, tuple):
            self.show_new_company(int(dialog.written[0]))

    @staticmethod
    def _exec(dialog: QDialog) -> bool:
        try:
            return bool(dialog.exec())
        finally:
            dialog.deleteLater()

    def show_new_company(self, company_id: int) -> None:
        """Make a company just created the selection, clearing a search that hides it."""
        if self.companies.reveal(company_id) is None and self.company_search.text():
            self.company_search.clear()
            self.companies.set_search("")
            self.companies.reveal(company_id)
        self.select_company(company_id)
        self.company_view.setFocus()

    def edit_company(self) -> None:
        company_id = self.current_company_id()
        if company_id is None:
            return
        with self._sessions() as session:
            values = company_values(session, company_id)
        if values is None:
            return
        board = self._watch.board_for(company_id)
        dialog = CompanyDialog(
            lambda name, _email: self._services.company_duplicates(name, exclude_id=company_id),
            values=values,
            parent=self._parent(),
            write=lambda new: self._watch.save_company(
                company_id, dataclasses.asdict(new), *dialog.board()
            ),
            run=self._run,
            board=(board.careers_url, board.watching) if board is not None else ("", False),
        )
        self._exec(dialog)

    def delete_company(self) -> None:
        company_id = self.current_company_id()
        if company_id is None:
            return
        name = self.company_view.currentIndex().siblingAtColumn(0).data()
        impact = self._services.company_delete_impact(company_id)
        answer = QMessageBox.question(
            self._parent(),
            "Delete company",
            impact.sentence(isolate(str(name))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._selected_company = None
            self._run(
                lambda: self._services.delete_company(company_id),
                label=f"Delete company {quoted(name)}",
            )

    def new_contact(self) -> None:
        with self._sessions() as session:
            companies = company_choices(session)
        if not companies:
            QMessageBox.information(
                self._parent(), "New contact", "Add a company first: every contact works somewhere."
            )
            return
        preset = self._selected_company if self._selected_company is not None else companies[0][0]
        dialog = ContactDialog(
            companies,
            self._services.contact_duplicates,
            values=ContactValues(name="", company_id=preset),
            parent=self._parent(),
            write=lambda values: self._services.add_contact(dataclasses.asdict(values)),
            run=self._run,
        )
        if self._exec(dialog) and isinstance(dialog.written, tuple):
            self.show_new_contact(int(dialog.written[0]), dialog.values().company_id)

    def show_new_contact(self, contact_id: int, company_id: int | None) -> None:
        """Make a contact just created the selection: its company, then its row."""
        if (
            not self._all_contacts_shown()
            and company_id is not None
            and company_id != self._selected_company
        ):
            self.show_new_company(company_id)
        if self.contacts.reveal(contact_id) is None and self.contact_search.text():
            self.contact_search.clear()
            self.contacts.set_search("")
            self.contacts.reveal(contact_id)
        self.select_contact(contact_id)
        self.contact_view.setFocus()

    def edit_contact(self) -> None:
        contact_id = self.current_contact_id()
        if contact_id is None:
            return
        with self._sessions() as session:
            values = contact_values(session, contact_id)
            companies = company_choices(session)
        if values is None:
            return
        dialog = ContactDialog(
            companies,
            lambda name, email: self._services.contact_duplicates(
                name, email, exclude_id=contact_id
            ),
            values=values,
            parent=self._parent(),
            write=lambda new: self._services.update_contact(contact_id, dataclasses.asdict(new)),
            run=self._run,
        )
        self._exec(dialog)

    def delete_contact(self) -> None:
        contact_id = self.current_contact_id()
        if contact_id is None:
            return
        name = self.contact_view.currentIndex().siblingAtColumn(0).data()
        impact = self._services.contact_delete_impact(contact_id)
        answer = QMessageBox.question(
            self._parent(),
            "Delete contact",
            impact.sentence(isolate(str(name))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(
                lambda: self._services.delete_contact(contact_id),
                label=f"Delete contact {quoted(name)}",
            )
