"""The companies and contacts page: two SQL-backed tables side by side.

Selecting a company shows its contacts; "All contacts" lists everyone with their
company. Each table has a debounced search box; sorting is done by the database. Every
write runs on the change path (``ctx.ops``); the tables refresh when a change is
announced, and a record just created becomes the selection, every pane following it.
The window's New, Edit and Delete act on the part of the page last worked in (the
companies, the contacts, or a details tab that offers them).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QModelIndex, QObject, QSettings, Signal, SignalInstance
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core import validation
from runnerup_desktop.core.text import isolate
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.directory_queries import (
    CompanyListing,
    ContactListing,
)
from runnerup_desktop.ui.common.empty_hint import empty_hint
from runnerup_desktop.ui.common.page_actions import ActsOnSelection, Target, quoted
from runnerup_desktop.ui.common.settings import ALL_CONTACTS
from runnerup_desktop.ui.common.sql_table_model import Roles, SqlTableModel
from runnerup_desktop.ui.common.sql_tables import (
    COMPANY_HEADERS,
    CONTACT_HEADERS,
    SearchBox,
    fit_to_contents,
    make_table,
    restore_table,
    sort_setting,
)
from runnerup_desktop.ui.directory.directory_edits import DirectoryEdits
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
from runnerup_desktop.ui.shell.context import AppContext

#: Room between a details tab's frame and what it holds (left, top, right, bottom).
TAB_MARGINS = (8, 8, 8, 8)
#: The parts of the page the window's New, Edit and Delete can act on.
COMPANIES, CONTACTS = "companies", "contacts"


class DirectoryPage(DirectoryEdits, QWidget):
    company_selected = Signal(object)  # int | None
    contact_selected = Signal(object)  # int | None
    status_message = Signal(str)
    #: What New, Edit and Delete act on may have changed (selection, focus).
    targets_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        sessions = ctx.sessions
        self._sessions = sessions
        self._services = ctx.services.directory
        self._watch = ctx.services.watch
        self._run = ctx.ops.runner(self, initiator=self)
        #: The part last worked in: COMPANIES, CONTACTS, or a details tab's key.
        self.area = COMPANIES
        self._panels: dict[str, tuple[QWidget, ActsOnSelection | None]] = {}
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
        self.company_hint = empty_hint(self.company_view, self._companies_empty_text)
        self.contact_hint = empty_hint(self.contact_view, self._contacts_empty_text)
        ctx.changes.applied.connect(self._applied)

    def _build(self) -> None:
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(*TAB_MARGINS)
        heading = QHBoxLayout()
        heading.addWidget(self.contacts_title, 1)
        heading.addWidget(self.all_contacts)
        right_layout.addLayout(heading)
        right_layout.addWidget(self.contact_search)
        right_layout.addWidget(self.contact_view)
        self.details.addTab(right, "Contacts")
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

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
        for widget, area in (
            (self.company_view, COMPANIES),
            (self.company_search, COMPANIES),
            (self.contact_view, CONTACTS),
            (self.contact_search, CONTACTS),
            (self.all_contacts, CONTACTS),
        ):
            _FocusWatch(widget, partial(self._worked_in, area))
        self.details.currentChanged.connect(self._details_shown)
        self._selected_company: int | None = None
        self._update_contacts_title()

    def tab_chain(self) -> list[QWidget]:
        """Where Tab goes, as the page is laid out: the companies' search and table, the
        details' tabs, then what the contacts tab shows, top to bottom."""
        return [
            self.company_search,
            self.company_view,
            self.details,  # its tab bar (a tab widget hands the focus to it)
            self.all_contacts,
            self.contact_search,
            self.contact_view,
        ]

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
        self.targets_changed.emit()

    def _contact_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        contact_id = current.data(Roles.ID) if current.isValid() else None
        self.contact_selected.emit(contact_id)
        self.targets_changed.emit()

    def add_detail(
        self, title: str, panel: QWidget, key: str, actions: ActsOnSelection | None = None
    ) -> None:
        """A tab beside the contacts, about the selected company (opportunities, timeline).
        When it offers ``actions``, New, Edit and Delete act on it once it is worked in."""
        self.details.addTab(panel, title)
        if (inner := panel.layout()) is not None:  # headings clear of the tab's frame
            inner.setContentsMargins(*TAB_MARGINS)
        self._panels[key] = (panel, actions)
        changed = getattr(panel, "targets_changed", None)
        if isinstance(changed, SignalInstance):  # its selection moves what Edit acts on
            changed.connect(self.targets_changed)
        _FocusWatch(panel, lambda: self._worked_in(key), children=True)

    # --- what New, Edit and Delete act on -------------------------------------------
    def _worked_in(self, area: str) -> None:
        if area != self.area:
            self.area = area
            self.targets_changed.emit()

    def _details_shown(self, _index: int) -> None:
        shown = self.details.currentWidget()
        for key, (panel, _actions) in self._panels.items():
            if panel is shown:
                self._worked_in(key)
                if self.isVisible():  # the keys go where New, Edit and Delete now act
                    panel.setFocus()
                return
        if self.area not in (COMPANIES,):
            self._worked_in(CONTACTS)

    def _panel_actions(self) -> ActsOnSelection | None:
        return self._panels[self.area][1] if self.area in self._panels else None

    def new_target(self) -> Target | None:
        if (actions := self._panel_actions()) is not None:
            return actions.new_target()
        if self.area == CONTACTS:
            return Target("&New contact…", "Add a contact at the company", self.new_contact)
        return Target("&New company…", "Add a company you want to work for", self.new_company)

    def edit_target(self) -> Target | None:
        if (actions := self._panel_actions()) is not None:
            return actions.edit_target()
        if self.area == CONTACTS:
            name = self._current_name(self.contact_view)
            if name is None:
                return None
            return Target("&Edit contact…", f"Edit {quoted(name)}", self.edit_contact)
        name = self._current_name(self.company_view)
        if name is None:
            return None
        return Target("&Edit company…", f"Edit {quoted(name)}", self.edit_company)

    def delete_target(self) -> Target | None:
        if (actions := self._panel_actions()) is not None:
            return actions.delete_target()
        if self.area == CONTACTS:
            name = self._current_name(self.contact_view)
            if name is None:
                return None
            return Target("&Delete contact…", f"Delete {quoted(name)}", self.delete_contact)
        name = self._current_name(self.company_view)
        if name is None:
            return None
        return Target("&Delete company…", f"Delete {quoted(name)}", self.delete_company)

    @staticmethod
    def _current_name(view: QTableView) -> str | None:
        index = view.currentIndex()
        if not index.isValid() or index.data(Roles.ID) is None:
            return None
        return str(index.siblingAtColumn(0).data() or "")

    def _all_contacts_shown(self) -> bool:
        return self.all_contacts.isChecked()

    def _show_all_contacts(self, everyone: bool) -> None:
        self.contacts.set_company(None if everyone else (self._selected_company or -1))
        self.contact_view.setColumnHidden(1, not everyone)
        self._update_contacts_title()

    def _update_contacts_title(self) -> None:
        if self.all_contacts.isChecked():
            text = "All contacts"
        else:
            name = self._company_name()
            text = f"Contacts at {isolate(name)}" if name else "Contacts (choose a company)"
        self.contacts_title.setText(f"<b>{_escape(text)}</b>")
        if not self.all_contacts.isChecked():
            self.contact_view.setColumnHidden(1, True)
        if hasattr(self, "contact_hint"):
            self.contact_hint.update()

    # --- what an empty table says ---------------------------------------------------
    def _companies_empty_text(self) -> str:
        search = self.companies.request.search.strip()
        if search:
            return f"No company matches “{isolate(search)}”. Clear the search to see them all."
        return (
            "No companies yet. A company is an employer you want to work for: add one with "
            "New company… (Ctrl+N), or record a role you came second for (Help ▸ Getting "
            "started)."
        )

    def _contacts_empty_text(self) -> str:
        search = self.contacts.request.search.strip()
        if search:
            return f"No contact matches “{isolate(search)}”."
        if self.all_contacts.isChecked():
            return "No contacts yet: add the people you met with New contact… (Ctrl+Shift+N)."
        name = self._company_name()
        if name is None:
            return "Choose a company on the left to see the people you know there."
        return (
            f"No contacts at {isolate(name)} yet. Add the people you met there (the hiring "
            "manager, the recruiter, the interviewers) with New contact… (Ctrl+Shift+N)."
        )

    def _company_name(self) -> str | None:
        if self._selected_company is None:
            return None
        position = self.companies.row_of(self._selected_company)
        name = self.companies.index(position, 0).data() if position is not None else None
        return str(name) if name else None

    # --- header state ---------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        save_splitter(self.splitter, self.details, settings)
        settings.setValue(COMPANY_HEADER_KEY, self.company_view.horizontalHeader().saveState())
        settings.setValue(CONTACT_HEADER_KEY, self.contact_view.horizontalHeader().saveState())
        settings.setValue(COMPANY_SORT_KEY, sort_setting(self.companies))
        settings.setValue(ALL_CONTACTS, self.all_contacts.isChecked())

    def restore_state(self, settings: QSettings) -> None:
        restore_splitter(self.splitter, settings)
        fitted = restore_table(self.company_view, self.companies, settings, COMPANY_HEADER_KEY)
        restored = restore_table(self.contact_view, self.contacts, settings, CONTACT_HEADER_KEY)
        everyone = bool(settings.value(ALL_CONTACTS, False, type=bool))
        self.contacts.configure(company_id=None if everyone else -1)
        self.companies.reload()
        if not fitted:  # the first time: as wide as what they hold, once there is some
            self._fit_once(self.company_view, self.companies)
        self._select_first_company()
        if everyone:
            self.all_contacts.setChecked(True)
        if not restored:
            self._fit_once(self.contact_view, self.contacts)

    @staticmethod
    def _fit_once(view: QTableView, model: SqlTableModel) -> None:
        """Fit ``view``'s columns to what it holds, now or when its first rows come (an
        empty database's first company, the first company's contacts)."""
        if model.rowCount():
            fit_to_contents(view)
            return

        def fit() -> None:
            if model.rowCount():
                model.modelReset.disconnect(fit)
                fit_to_contents(view)

        model.modelReset.connect(fit)

    # --- in-place editing -----------------------------------------------------------
    def _edit_company_cell(self, company_id: int, column: str, text: str) -> str | None:
        check = validation.check_company_name if column == "name" else _length(column, 120)
        return self._apply(
            check(text),
            lambda: self._services.update_company(company_id, {column: text}),
            f"Edit company {column.replace('_', ' ')}",
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
            problem,
            lambda: self._services.update_contact(contact_id, {column: text}),
            f"Edit contact {column.replace('_', ' ')}",
        )

    def _apply(self, problem: str | None, write: Callable[[], Change], label: str) -> str | None:
        """An edit in a cell: the refusal goes back to the cell, which keeps the text."""
        if problem:
            return problem
        refused: list[str] = []
        self._run(write, label=label, on_error=lambda exc: refused.append(str(exc)))
        return refused[0] if refused else None

    def _edit_failed(self, message: str) -> None:
        self.status_message.emit(message)
        QMessageBox.warning(self, "Not saved", message)

    # --- reacting to changes --------------------------------------------------------
    def _applied(self, change: Change, _initiator: object) -> None:
        if change.everything:
            self.companies.refresh()
            self.contacts.refresh()
            self._select_first_company() if self._selected_company is None else None
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
        self.targets_changed.emit()


class _FocusWatch(QObject):
    """Calls back when ``widget`` (or, with ``children``, anything inside it) gets focus."""

    def __init__(
        self, widget: QWidget, then: Callable[[], None], *, children: bool = False
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then = then
        self._children = children
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        if new is self._widget or (self._children and self._widget.isAncestorOf(new)):
            self._then()


def _length(column: str, limit: int) -> Callable[[str], str | None]:
    return lambda text: validation.check_length(text, limit, column.replace("_", " ").capitalize())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
