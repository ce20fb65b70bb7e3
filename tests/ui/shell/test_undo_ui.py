"""Edit ▸ Undo and Redo in the real window (issue 15), as a person's keys and clicks.

Ctrl+Z after a delete brings the rows back into the visible tables, selected; the menu says
what will be undone; Ctrl+Shift+Z and Ctrl+Y redo; Ctrl+Z in a text field undoes typing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.models import Company, Contact, FollowUp
from runnerup_desktop.ui.shell.main_window import MainWindow
from tests.ui.steps import answer_box, back_to, when_modal

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def names(view: QTableView) -> list[str]:
    model = view.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def count(store: Store, model: Any) -> int:
    with store.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def select_company(qtbot: QtBot, window: MainWindow, name: str) -> None:
    view = window.directory.company_view
    row = names(view).index(name)
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.directory.current_company_id() is not None


def test_ctrl_z_after_deleting_a_company_brings_it_all_back_selected(
    qtbot: QtBot, demo: MainWindow, store: Store
) -> None:
    page = demo.directory
    assert not demo.undo_action.isEnabled() and demo.undo_action.text() == "&Undo"
    select_company(qtbot, demo, "Northwind Analytics")
    northwind = page.current_company_id()
    contacts_before = names(page.contact_view)
    follow_ups_before = count(store, FollowUp)
    assert len(contacts_before) == 3

    asked: list[str] = []
    when_modal(qtbot, answer_box("Yes", asked))
    qtbot.keyClick(page.company_view, Qt.Key.Key_Delete)
    assert "Edit ▸ Undo brings it all back" in asked[0]
    assert "Northwind Analytics" not in names(page.company_view)
    assert count(store, FollowUp) == 0 or count(store, FollowUp) < follow_ups_before

    # The menu says what Ctrl+Z will do.
    assert demo.undo_action.isEnabled()
    assert demo.undo_action.text() == "&Undo Delete company “Northwind Analytics”"
    assert demo.undo_action.shortcut().toString() == "Ctrl+Z"

    back_to(qtbot, demo)
    page.company_view.setFocus()
    qtbot.keyClick(page.company_view, Qt.Key.Key_Z, CTRL)

    assert "Northwind Analytics" in names(page.company_view)
    assert page.current_company_id() == northwind  # selected again
    assert page.company_view.selectionModel().isRowSelected(page.company_view.currentIndex().row())
    assert names(page.contact_view) == contacts_before  # its contacts are shown again
    assert count(store, FollowUp) == follow_ups_before
    assert demo.opportunities.model.rowCount() == 1
    assert demo.redo_action.text() == "&Redo Delete company “Northwind Analytics”"
    assert not demo.undo_action.isEnabled()

    # Redo with Ctrl+Shift+Z, undo again, then redo with Ctrl+Y.
    qtbot.keyClick(page.company_view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert "Northwind Analytics" not in names(page.company_view)
    qtbot.keyClick(page.company_view, Qt.Key.Key_Z, CTRL)
    assert "Northwind Analytics" in names(page.company_view)
    qtbot.keyClick(page.company_view, Qt.Key.Key_Y, CTRL)
    assert "Northwind Analytics" not in names(page.company_view)


def test_ctrl_z_after_deleting_a_contact_brings_them_back_selected(
    qtbot: QtBot, demo: MainWindow, store: Store
) -> None:
    page = demo.directory
    select_company(qtbot, demo, "Northwind Analytics")
    view = page.contact_view
    row = names(view).index("Łukasz Wróbel")
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(view.model().index(row, 0)).center(),
    )
    lukasz = page.current_contact_id()
    asked: list[str] = []
    when_modal(qtbot, answer_box("Yes", asked))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "planned follow-up" in asked[0] and "without a person" in asked[0]
    assert "Łukasz Wróbel" not in names(view)
    assert demo.undo_action.text() == "&Undo Delete contact “Łukasz Wróbel”"

    back_to(qtbot, demo)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)

    assert "Łukasz Wróbel" in names(view)
    assert page.current_contact_id() == lukasz
    with store.sessions() as session:
        theirs = session.scalar(
            select(func.count(FollowUp.id)).where(FollowUp.contact_id == lukasz)
        )
    assert theirs  # their follow-ups have their person back


def test_ctrl_z_in_a_text_field_undoes_the_typing_not_the_database(
    qtbot: QtBot, demo: MainWindow, store: Store
) -> None:
    page = demo.directory
    when_modal(qtbot, answer_box("Yes"))
    select_company(qtbot, demo, "Cedar & Stone Health")
    qtbot.keyClick(page.company_view, Qt.Key.Key_Delete)
    companies = count(store, Company)
    # An ampersand in a name is shown, not taken for a mnemonic.
    assert demo.undo_action.text() == "&Undo Delete company “Cedar && Stone Health”"

    back_to(qtbot, demo)
    search = page.company_search
    search.setFocus()
    qtbot.keyClicks(search, "fjord")
    qtbot.keyClick(search, Qt.Key.Key_Z, CTRL)
    assert search.text() != "fjord"  # the typing was undone...
    assert count(store, Company) == companies  # ...not the delete
    assert demo.undo_action.isEnabled()

    # The menu entry, clicked while the text field has the focus, is the database's undo.
    edit_menu = demo.edit_menu
    assert edit_menu.actions()[0] is demo.undo_action
    demo.undo_action.trigger()
    assert count(store, Company) == companies + 1


def test_undo_follows_every_change_on_the_follow_ups_page(
    qtbot: QtBot, demo: MainWindow, store: Store
) -> None:
    demo.tabs.setCurrentWidget(demo.calendar)
    calendar = demo.calendar
    follow_up = calendar.selected_items()
    if not follow_up:
        calendar.day_view.selectRow(0)
        follow_up = calendar.selected_items()
    assert follow_up
    item = follow_up[0]
    calendar.follow_up_actions.skip_action.trigger()
    with store.sessions() as session:
        assert session.get(FollowUp, item.id).status.value == "skipped"  # type: ignore[union-attr]
    assert demo.undo_action.text().startswith("&Undo Skip")
    qtbot.keyClick(calendar.day_view, Qt.Key.Key_Z, CTRL)
    with store.sessions() as session:
        assert session.get(FollowUp, item.id).status.value == "planned"  # type: ignore[union-attr]
    assert [i.id for i in calendar.selected_items()] == [item.id]


def test_contacts_count_is_back_after_undo(qtbot: QtBot, demo: MainWindow, store: Store) -> None:
    before = count(store, Contact)
    select_company(qtbot, demo, "Fjordline Logistics")
    when_modal(qtbot, answer_box("Yes"))
    qtbot.keyClick(demo.directory.company_view, Qt.Key.Key_Delete)
    assert count(store, Contact) == before - 2
    demo.undo_action.trigger()
    assert count(store, Contact) == before
