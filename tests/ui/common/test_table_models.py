"""The SQL-backed table models, checked by Qt's own model tester."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from benchmarks.generate import generate
from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.store.database import Store, open_store
from runnerup_desktop.store.directory_queries import CompanyListing, ContactListing
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.ui.common.sql_table_model import PAGE_SIZE, Roles, SqlTableModel
from runnerup_desktop.ui.common.sql_tables import COMPANY_HEADERS, CONTACT_HEADERS, make_table


def fill(services: DirectoryServices, companies: int, contacts_each: int = 0) -> list[int]:
    ids = []
    for n in range(companies):
        company_id, _ = services.add_company({"name": f"Company {n:04d}", "industry": "Data"})
        ids.append(company_id)
        for m in range(contacts_each):
            services.add_contact({"company_id": company_id, "name": f"Person {n}-{m}"})
    return ids


def company_model(store: Store, services: DirectoryServices) -> SqlTableModel:
    def edit(row_id: int, column: str, text: str) -> str | None:
        if not text.strip():
            return "A company needs a name."
        services.update_company(row_id, {column: text})
        return None

    return SqlTableModel(store.sessions, CompanyListing(), COMPANY_HEADERS, edit)


def test_company_model_passes_model_tester(
    qtmodeltester: ModelTester, store: Store, services: DirectoryServices
) -> None:
    fill(services, 5)
    model = company_model(store, services)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 5
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Company"


def test_contact_model_passes_model_tester(
    qtmodeltester: ModelTester, store: Store, services: DirectoryServices
) -> None:
    fill(services, 3, contacts_each=2)
    model = SqlTableModel(store.sessions, ContactListing(), CONTACT_HEADERS)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 6
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_paging_fetches_more_in_pages(store: Store, services: DirectoryServices) -> None:
    fill(services, PAGE_SIZE + 25)
    model = company_model(store, services)
    model.reload()
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE_SIZE + 25
    assert not model.canFetchMore(QModelIndex())
    assert model.index(PAGE_SIZE + 24, 0).data() == f"Company {PAGE_SIZE + 24:04d}"


def test_sort_and_search_run_in_sql(store: Store, services: DirectoryServices) -> None:
    fill(services, 30)
    model = company_model(store, services)
    model.reload()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "Company 0029"
    assert model.request.descending
    model.set_search("0007")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Company 0007"]


def test_in_place_edit_writes_or_reports(
    qtbot: QtBot, store: Store, services: DirectoryServices
) -> None:
    fill(services, 2)
    model = company_model(store, services)
    model.reload()
    index = model.index(0, 0)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "Acme Renamed")
    model.reload()
    assert "Acme Renamed" in [model.index(r, 0).data() for r in range(model.rowCount())]
    with qtbot.waitSignal(model.editFailed) as failed:
        assert not model.setData(model.index(0, 0), "   ")
    assert failed.args == ["A company needs a name."]


def test_refresh_keeps_rows_without_reset(
    qtbot: QtBot, store: Store, services: DirectoryServices
) -> None:
    ids = fill(services, 3)
    model = company_model(store, services)
    model.reload()
    services.update_company(ids[1], {"industry": "Health"})
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged):
        model.refresh()
    assert resets == []
    row = model.row_of(ids[1])
    assert row is not None
    assert model.index(row, 1).data() == "Health"
    assert model.index(row, 0).data(Roles.ID) == ids[1]


def test_tables_lay_text_out_without_shaping_in_the_application_s_font(
    qtbot: QtBot, store: Store, services: DirectoryServices
) -> None:
    """Shaping was a third of every repaint; the view's font keeps the application's
    family and size and changes only the strategy."""
    model = company_model(store, services)
    view = make_table(model, "companyTable")
    qtbot.addWidget(view)
    font = view.font()
    assert font.styleStrategy() & QFont.StyleStrategy.PreferNoShaping
    assert font.family() == QApplication.font().family()
    assert font.pointSizeF() == QApplication.font().pointSizeF()
    assert view.viewport().font().styleStrategy() & QFont.StyleStrategy.PreferNoShaping


def test_rows_held_stay_out_of_the_garbage_collectors_passes(tmp_path: Path, qtbot: QtBot) -> None:
    """Scrolled far, a table holds many rows: if the collector had to visit each one, every
    full collection would pause the scrolling (300 ms at 100,000 contacts)."""
    db = tmp_path / "many.sqlite3"
    generate(db, companies=40, contacts=1500, follow_ups=10, interactions=10, seed=5)
    store = open_store(db)
    try:
        model = SqlTableModel(store.sessions, ContactListing(), CONTACT_HEADERS)
        model.reload()
        gc.collect()
        tracked_at_first = len(gc.get_objects())
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        assert model.rowCount() == 1500
        gc.collect()
        added = 1500 - PAGE_SIZE  # rows held: before, each brought three tracked objects
        assert len(gc.get_objects()) - tracked_at_first < added / 2
        # An enum column still shows its members' labels.
        role = ContactListing.columns.index("role")
        raw = model.index(1499, role).data(Roles.RAW)
        assert model.index(1499, role).data() == ContactRole(raw).label != raw
    finally:
        store.close()
