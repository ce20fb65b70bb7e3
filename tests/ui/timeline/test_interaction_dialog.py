"""Logging an interaction by hand: checks next to the fields, the cadence guard, saving."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from runnerup_desktop.core.domain import ContactRole, Direction, InteractionKind
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Company, Contact, Interaction
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.timeline.interaction_dialog import NO_CONTACT, InteractionDialog

TODAY = dt.date(2025, 6, 30)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def today() -> Callable[[], dt.date]:
    return lambda: TODAY


@pytest.fixture
def acme(services: DirectoryServices) -> dict[str, int]:
    company, _ = services.add_company({"name": "Acme"})
    ana, _ = services.add_contact(
        {"company_id": company, "name": "Ana López", "role": ContactRole.HIRING_MANAGER}
    )
    other, _ = services.add_company({"name": "Globex"})
    stranger, _ = services.add_contact({"company_id": other, "name": "Sam Stranger"})
    return {"company": company, "ana": ana, "stranger": stranger}


@pytest.fixture
def make(qtbot: QtBot, ctx: AppContext, acme: dict[str, int]) -> Any:
    def build(contact_id: int | None = None) -> InteractionDialog:
        dialog = InteractionDialog(ctx, acme["company"], contact_id=contact_id)
        qtbot.addWidget(dialog)
        return dialog

    return build


def interactions(store: Store) -> list[Interaction]:
    with store.sessions() as session:
        return list(session.query(Interaction).order_by(Interaction.id))


def log_outbound(
    services: DirectoryServices, contact_id: int, company_id: int, on: dt.date
) -> None:
    services.log_interaction(
        {
            "company_id": company_id,
            "contact_id": contact_id,
            "kind": InteractionKind.EMAIL,
            "direction": Direction.OUTBOUND,
            "occurred_on": on,
            "summary": "A value note",
        }
    )


def choose(combo: Any, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_the_combos_offer_the_company_s_contacts_and_value_items(
    make: Any, playbook: PlaybookServices, acme: dict[str, int]
) -> None:
    item, _ = playbook.add_value_item(acme["company"], "Competitor won a big customer")
    dialog = make(acme["ana"])
    contacts = [dialog.contact_combo.itemText(i) for i in range(dialog.contact_combo.count())]
    assert contacts == [NO_CONTACT, "Ana López (Hiring manager)"]
    assert dialog.value_combo.findData(item) == 1
    assert [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())] == [
        k.value for k in InteractionKind
    ]
    assert dialog.windowTitle() == "Log an interaction at Acme"
    assert dialog.occurred_on() == TODAY
    assert dialog.kind() is InteractionKind.EMAIL
    assert dialog.direction() is Direction.OUTBOUND


def test_saving_writes_the_interaction_and_moves_the_last_touch(
    make: Any,
    store: Store,
    playbook: PlaybookServices,
    acme: dict[str, int],
    qtbot: QtBot,
    ctx: AppContext,
) -> None:
    item, _ = playbook.add_value_item(acme["company"], "Competitor won a big customer")
    dialog = make(acme["ana"])
    choose(dialog.kind_combo, InteractionKind.CALL.value)
    dialog.set_occurred_on(ago(2))
    dialog.summary_edit.setPlainText("  Told Ana about the competitor.  ")
    choose(dialog.value_combo, item)

    with qtbot.waitSignal(ctx.changes.applied) as saved:
        dialog.accept()

    assert dialog.result() == QDialog.DialogCode.Accepted
    change = saved.args[0]
    assert isinstance(change, Change) and change.interactions
    assert change.contacts == frozenset({acme["ana"]})
    [row] = interactions(store)
    assert row.id == dialog.interaction_id
    assert (row.company_id, row.contact_id, row.kind, row.direction) == (
        acme["company"],
        acme["ana"],
        InteractionKind.CALL,
        Direction.OUTBOUND,
    )
    assert (row.occurred_on, row.summary, row.value_item_id) == (
        ago(2),
        "Told Ana about the competitor.",
        item,
    )
    with store.sessions() as session:
        assert session.get(Contact, acme["ana"]).last_touch_on == ago(2)  # type: ignore[union-attr]
        assert session.get(Company, acme["company"]).last_touch_on == ago(2)  # type: ignore[union-attr]
    assert playbook.already_shared(item, acme["ana"])


def test_a_future_date_is_refused_next_to_the_field(
    make: Any, store: Store, acme: dict[str, int]
) -> None:
    dialog = make(acme["ana"])
    dialog.summary_edit.setPlainText("Will call")
    dialog.set_occurred_on(TODAY + dt.timedelta(days=1))

    assert "still ahead" in dialog.error_text("occurred_on")
    assert not dialog.save_button.isEnabled()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert interactions(store) == []

    dialog.set_occurred_on(TODAY)
    assert dialog.error_text("occurred_on") == ""
    assert dialog.save_button.isEnabled()


def test_a_note_needs_a_summary_and_is_not_a_touch(
    make: Any, store: Store, acme: dict[str, int]
) -> None:
    dialog = make()
    assert dialog.contact_id() is None
    assert dialog.kind() is InteractionKind.NOTE
    assert dialog.direction() is Direction.NONE
    assert not dialog.save_button.isEnabled()

    dialog.accept()
    assert "A note needs a summary" in dialog.error_text("summary")
    assert interactions(store) == []

    dialog.summary_edit.setPlainText("They opened a second role.")
    assert dialog.error_text("summary") == ""
    dialog.accept()
    [row] = interactions(store)
    assert (row.contact_id, row.kind, row.direction) == (None, InteractionKind.NOTE, Direction.NONE)
    with store.sessions() as session:
        assert session.get(Company, acme["company"]).last_touch_on is None  # type: ignore[union-attr]


def test_the_kind_sets_a_fitting_direction(make: Any, acme: dict[str, int]) -> None:
    dialog = make(acme["ana"])
    choose(dialog.kind_combo, InteractionKind.NOTE.value)
    assert dialog.direction() is Direction.NONE
    assert "Required" in dialog.summary_edit.placeholderText()
    choose(dialog.kind_combo, InteractionKind.MEETING.value)
    assert dialog.direction() is Direction.OUTBOUND
    choose(dialog.direction_combo, Direction.INBOUND.value)
    choose(dialog.kind_combo, InteractionKind.CALL.value)
    assert dialog.direction() is Direction.INBOUND


@pytest.mark.parametrize("days_ago", [0, 1, 10])
def test_logging_a_touch_that_happened_never_asks_the_cadence_guard(
    make: Any,
    store: Store,
    services: DirectoryServices,
    acme: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    days_ago: int,
) -> None:
    """Issue 15: logging a touch that already happened was scolded as stalking ("This
    would come 1 day after your last touch... Log anyway?")."""

    def no_question(*_args: Any) -> int:
        raise AssertionError("the dialog asked a question")

    monkeypatch.setattr(QMessageBox, "exec", no_question)
    log_outbound(services, acme["ana"], acme["company"], ago(days_ago + 1))
    dialog = make(acme["ana"])
    dialog.set_occurred_on(ago(days_ago))
    dialog.summary_edit.setPlainText("Sent the follow-up article")

    dialog.accept()

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(interactions(store)) == 2


def test_a_refusal_is_shown_and_the_input_kept(
    make: Any, store: Store, services: DirectoryServices, acme: dict[str, int]
) -> None:
    dialog = make(acme["ana"])
    dialog.summary_edit.setPlainText("Sent the deck")
    services.delete_contact(acme["ana"])  # deleted while the dialog was open
    dialog.accept()

    assert dialog.error() == "That contact no longer exists; it may have been deleted."
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.summary_edit.toPlainText() == "Sent the deck"
    assert interactions(store) == []


def test_a_contact_of_another_company_is_not_preset(make: Any, acme: dict[str, int]) -> None:
    dialog = make(acme["stranger"])
    assert dialog.contact_id() is None
    assert dialog.contact_combo.findText("Sam Stranger", flags=Qt.MatchFlag.MatchContains) == -1
