"""The company and contact dialogs: checks as typed, duplicate hints, values, keyboard."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TypeVar

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from runnerup_desktop.core.domain import CompanyStatus, ContactRole
from runnerup_desktop.core.records import CompanyValues, ContactValues
from runnerup_desktop.ui.common.forms import (
    DUPLICATE_CHECK_DELAY_MS,
    DuplicateFinder,
    ValidatedFormDialog,
    WrappedLabel,
)
from runnerup_desktop.ui.directory.company_dialog import CompanyDialog
from runnerup_desktop.ui.directory.contact_dialog import ContactDialog

COMPANIES = ((1, "Acme"), (2, "Müller GmbH"))
DialogT = TypeVar("DialogT", bound=QDialog)


class Finder:
    """A ``find_duplicates`` stand-in that records its calls."""

    def __init__(self, known_names: tuple[str, ...] = ("Acme",)) -> None:
        self.known_names = known_names
        self.calls: list[tuple[str, str]] = []

    def __call__(self, name: str, email: str) -> list[str]:
        self.calls.append((name, email))
        found = [f"A company named “{name}” already exists."] if name in self.known_names else []
        if email == "ana@example.com":
            found.append(f"Ana López already has the email address {email}.")
        return found


def button_text(dialog: ValidatedFormDialog) -> str:
    return dialog.save_button.text().replace("&", "")


def company_dialog(
    qtbot: QtBot, finder: DuplicateFinder | None = None, values: CompanyValues | None = None
) -> CompanyDialog:
    dialog = CompanyDialog(finder or Finder(), values=values)
    qtbot.addWidget(dialog)
    return dialog


def contact_dialog(
    qtbot: QtBot,
    finder: DuplicateFinder | None = None,
    companies: Sequence[tuple[int, str]] = COMPANIES,
    values: ContactValues | None = None,
) -> ContactDialog:
    dialog = ContactDialog(companies, finder or Finder(), values=values)
    qtbot.addWidget(dialog)
    return dialog


def shown(qtbot: QtBot, dialog: DialogT) -> DialogT:
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# --- checks as typed -------------------------------------------------------------------


def test_invalid_email_shows_the_reason_and_disables_save(qtbot: QtBot) -> None:
    dialog = contact_dialog(qtbot, companies=[(1, "Acme")])
    qtbot.keyClicks(dialog.name_edit, "Ana Lopez")
    assert dialog.save_button.isEnabled()

    qtbot.keyClicks(dialog.email_edit, "ana@")

    reason = "Add the domain after the @, like ana@example.com."
    assert dialog.error_text("email") == reason
    assert dialog.email_edit.accessibleDescription() == reason
    assert not dialog.save_button.isEnabled()
    assert dialog.save_button.toolTip() == f"Not yet: {reason}"

    qtbot.keyClicks(dialog.email_edit, "example.com")

    assert dialog.error_text("email") == ""
    assert dialog.email_edit.accessibleDescription() == ""
    assert dialog.save_button.isEnabled()


def test_each_reason_sits_under_its_own_field(qtbot: QtBot) -> None:
    dialog = contact_dialog(qtbot)
    qtbot.keyClicks(dialog.phone_edit, "12")
    qtbot.keyClicks(dialog.linkedin_edit, "example.com/in/ana")

    assert dialog.error_text("phone") == "A phone number needs at least 6 digits."
    assert dialog.error_text("linkedin_url") == "Not a LinkedIn address, like linkedin.com/in/ana."
    assert dialog.error_text("email") == ""
    error = dialog.findChild(QWidget, "phone_error")
    assert error is not None
    assert error.parentWidget() is dialog.phone_edit.parentWidget()


def test_company_without_a_name_cannot_be_saved(qtbot: QtBot) -> None:
    dialog = company_dialog(qtbot)
    assert dialog.windowTitle() == "New company"
    assert not dialog.save_button.isEnabled()
    # A blank new form is not flagged until the person has been in the field.
    assert dialog.error_text("name") == ""

    qtbot.keyClicks(dialog.name_edit, "A")
    assert dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Backspace)

    assert dialog.error_text("name") == "A company needs a name."
    assert not dialog.save_button.isEnabled()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    with pytest.raises(ValueError, match="A company needs a name"):
        dialog.values()


def test_spaces_alone_are_not_a_name(qtbot: QtBot) -> None:
    dialog = company_dialog(qtbot)
    qtbot.keyClicks(dialog.name_edit, "   ")
    assert dialog.error_text("name") == "A company needs a name."
    assert not dialog.save_button.isEnabled()


def test_contact_needs_a_company_to_choose(qtbot: QtBot) -> None:
    dialog = contact_dialog(qtbot)
    qtbot.keyClicks(dialog.name_edit, "Ana")
    assert dialog.company_combo.currentIndex() == -1
    assert not dialog.save_button.isEnabled()

    dialog.company_combo.setCurrentIndex(1)

    assert dialog.save_button.isEnabled()


def test_contact_with_no_companies_says_why_at_once(qtbot: QtBot) -> None:
    dialog = contact_dialog(qtbot, companies=[])
    assert dialog.error_text("company_id") == "Add a company first: every contact works somewhere."
    assert dialog.error_text("name") == ""
    assert not dialog.company_combo.isEnabled()
    assert not dialog.save_button.isEnabled()


# --- duplicates ------------------------------------------------------------------------


def test_duplicate_hint_appears_and_save_says_save_anyway(qtbot: QtBot) -> None:
    finder = Finder()
    dialog = company_dialog(qtbot, finder)
    qtbot.keyClicks(dialog.name_edit, "Acme")

    qtbot.waitUntil(lambda: dialog.duplicate_text() != "")

    assert dialog.duplicate_text() == "Likely duplicate: A company named “Acme” already exists."
    assert button_text(dialog) == "Save anyway"
    assert dialog.save_button.isEnabled()
    # Debounced: one look-up for the whole word, not one per key.
    assert finder.calls == [("Acme", "")]

    qtbot.keyClicks(dialog.name_edit, " Labs")
    qtbot.waitUntil(lambda: dialog.duplicate_text() == "")
    assert button_text(dialog) == "Save"


def test_saving_a_likely_duplicate_is_allowed(qtbot: QtBot) -> None:
    dialog = company_dialog(qtbot)
    qtbot.keyClicks(dialog.name_edit, "Acme")
    qtbot.waitUntil(lambda: button_text(dialog) == "Save anyway")

    dialog.save_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values().name == "Acme"


def test_saving_before_the_pause_shows_the_duplicate_first(qtbot: QtBot) -> None:
    dialog = company_dialog(qtbot)
    qtbot.keyClicks(dialog.name_edit, "Acme")

    dialog.save_button.click()  # before the look-up had its pause

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.duplicate_text() != ""
    assert button_text(dialog) == "Save anyway"

    dialog.save_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted


def test_contact_duplicates_are_looked_up_by_name_and_valid_email(qtbot: QtBot) -> None:
    finder = Finder()
    dialog = contact_dialog(qtbot, finder)
    qtbot.keyClicks(dialog.name_edit, "Ana")
    qtbot.keyClicks(dialog.email_edit, "ana@")
    qtbot.waitUntil(lambda: len(finder.calls) == 1)
    assert finder.calls == [("Ana", "")]  # an address still being typed is not looked up

    qtbot.keyClicks(dialog.email_edit, "Example.com")
    qtbot.waitUntil(lambda: dialog.duplicate_text() != "")

    assert finder.calls[-1] == ("Ana", "ana@example.com")
    assert dialog.duplicate_text() == (
        "Likely duplicate: Ana López already has the email address ana@example.com."
    )


def test_several_duplicates_are_listed(qtbot: QtBot) -> None:
    dialog = contact_dialog(qtbot, Finder(known_names=("Ana",)))
    qtbot.keyClicks(dialog.name_edit, "Ana")
    qtbot.keyClicks(dialog.email_edit, "ana@example.com")
    qtbot.waitUntil(lambda: dialog.duplicate_text().startswith("Likely duplicates:"))
    assert dialog.duplicate_text() == (
        "Likely duplicates:\n"
        "• A company named “Ana” already exists.\n"
        "• Ana López already has the email address ana@example.com."
    )


def test_a_failing_look_up_does_not_block_saving(qtbot: QtBot) -> None:
    calls: list[str] = []

    def broken(name: str, email: str) -> list[str]:
        calls.append(name)
        raise RuntimeError("database is locked")

    dialog = CompanyDialog(broken)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name_edit, "Acme")
    qtbot.waitUntil(lambda: calls == ["Acme"])

    assert dialog.duplicate_text() == ""
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_without_a_finder_nothing_is_looked_up(qtbot: QtBot) -> None:
    dialog = CompanyDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name_edit, "Acme")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


# --- values ----------------------------------------------------------------------------


def test_company_values_are_normalised(qtbot: QtBot) -> None:
    dialog = company_dialog(qtbot)
    dialog.name_edit.setText("  Müller   GmbH ")
    dialog.industry_edit.setText(" Logistics ")
    dialog.location_edit.setText(" Łódź ")
    dialog.website_edit.setText(" mueller.example/jobs ")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(CompanyStatus.RUNNER_UP))
    dialog.notes_edit.setPlainText("  Met Zoë at the fair.\n")

    assert dialog.values() == CompanyValues(
        name="Müller GmbH",
        industry="Logistics",
        location="Łódź",
        website="https://mueller.example/jobs",
        status=CompanyStatus.RUNNER_UP,
        notes="Met Zoë at the fair.",
    )


def test_contact_values_are_normalised(qtbot: QtBot) -> None:
    dialog = contact_dialog(qtbot)
    dialog.name_edit.setText(" Łukasz  Nowak ")
    dialog.company_combo.setCurrentIndex(dialog.company_combo.findText("Müller GmbH"))
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(ContactRole.HR))
    dialog.title_edit.setText(" People partner ")
    dialog.email_edit.setText(" łukasz@Bücher.DE ")
    dialog.phone_edit.setText(" +48  22 123 45 67 ext. 9 ")
    dialog.linkedin_edit.setText("linkedin.com/in/lukasz")

    assert dialog.values() == ContactValues(
        name="Łukasz Nowak",
        company_id=2,
        role=ContactRole.HR,
        title="People partner",
        email="łukasz@bücher.de",
        phone="+48 22 123 45 67 ext. 9",
        linkedin_url="https://linkedin.com/in/lukasz",
    )


# --- editing ---------------------------------------------------------------------------


def test_editing_a_company_prefills_every_field(qtbot: QtBot) -> None:
    stored = CompanyValues(
        name="Acme",
        industry="Rockets",
        location="Zürich",
        website="https://acme.example",
        status=CompanyStatus.IN_PROCESS,
        notes="Second round on Friday.",
    )
    finder = Finder()
    dialog = company_dialog(qtbot, finder, values=stored)

    assert dialog.windowTitle() == "Edit company"
    assert dialog.name_edit.text() == "Acme"
    assert dialog.industry_edit.text() == "Rockets"
    assert dialog.location_edit.text() == "Zürich"
    assert dialog.website_edit.text() == "https://acme.example"
    assert dialog.status_combo.currentText() == CompanyStatus.IN_PROCESS.label
    assert dialog.notes_edit.toPlainText() == "Second round on Friday."
    assert dialog.save_button.isEnabled()
    assert dialog.values() == stored
    assert finder.calls == []  # opening is not an edit


def test_editing_a_contact_prefills_every_field(qtbot: QtBot) -> None:
    stored = ContactValues(
        name="Zoë Müller",
        company_id=2,
        role=ContactRole.HIRING_MANAGER,
        title="Head of Design",
        email="zoë@müller.example",
        phone="+49 30 1234567",
        linkedin_url="https://www.linkedin.com/in/zoe",
        notes="Prefers calls.",
    )
    dialog = contact_dialog(qtbot, values=stored)

    assert dialog.windowTitle() == "Edit contact"
    assert dialog.name_edit.text() == "Zoë Müller"
    assert dialog.company_combo.currentText() == "Müller GmbH"
    assert dialog.role_combo.currentText() == ContactRole.HIRING_MANAGER.label
    assert dialog.email_edit.text() == "zoë@müller.example"
    assert dialog.values() == stored


def test_editing_flags_stored_values_that_no_longer_pass(qtbot: QtBot) -> None:
    stored = ContactValues(name="Ana", company_id=1, email="ana at example")
    dialog = contact_dialog(qtbot, values=stored)
    assert dialog.error_text("email") == "An email address cannot contain spaces."
    assert not dialog.save_button.isEnabled()


def test_values_without_a_name_only_preset_a_new_contact(qtbot: QtBot) -> None:
    dialog = contact_dialog(qtbot, values=ContactValues(name="", company_id=2))
    assert dialog.windowTitle() == "New contact"
    assert dialog.company_combo.currentText() == "Müller GmbH"
    assert dialog.error_text("name") == ""


def test_a_single_company_is_chosen_for_a_new_contact(qtbot: QtBot) -> None:
    dialog = contact_dialog(qtbot, companies=[(5, "Acme")])
    assert dialog.company_combo.currentData() == 5


# --- keyboard --------------------------------------------------------------------------


def tab_sequence(dialog: QDialog, first: QWidget) -> list[str]:
    names: list[str] = []
    widget = first
    while True:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
            names.append(widget.objectName() or widget.metaObject().className())
        next_widget = widget.nextInFocusChain()
        if next_widget is None or next_widget is first or next_widget is dialog:
            return names
        widget = next_widget


def test_tab_follows_the_form(qtbot: QtBot) -> None:
    dialog = company_dialog(qtbot, values=CompanyValues(name="Acme"))
    dialog.save_button.setObjectName("save")
    assert tab_sequence(dialog, dialog.name_edit)[:9] == [
        "name",
        "industry",
        "location",
        "website",
        "status",
        "careers",
        "watch",
        "notes",
        "save",
    ]


def test_enter_saves_a_valid_form(qtbot: QtBot) -> None:
    dialog = shown(qtbot, contact_dialog(qtbot, companies=[(1, "Acme")]))
    qtbot.keyClicks(dialog.name_edit, "Ana")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.values().name == "Ana"


def test_enter_on_an_invalid_form_points_at_the_problem(qtbot: QtBot) -> None:
    dialog = shown(qtbot, company_dialog(qtbot))
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_text("name") == "A company needs a name."


def test_escape_cancels_without_a_late_look_up(qtbot: QtBot) -> None:
    finder = Finder()
    dialog = shown(qtbot, company_dialog(qtbot, finder))
    qtbot.keyClicks(dialog.name_edit, "Acme")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    qtbot.wait(DUPLICATE_CHECK_DELAY_MS + 50)
    assert finder.calls == []


# --- layout ----------------------------------------------------------------------------


def test_long_reasons_and_warnings_are_not_cut_off(qtbot: QtBot) -> None:
    def wordy(name: str, email: str) -> list[str]:
        return [f"{name} at Müller GmbH, Łódź office, is already a contact, since 2021."] * 2

    dialog = shown(qtbot, contact_dialog(qtbot, wordy))
    qtbot.keyClicks(dialog.name_edit, "Ana")
    qtbot.keyClicks(dialog.phone_edit, "12")  # a one-line reason first...
    qtbot.waitUntil(lambda: dialog.duplicate_text() != "")
    qtbot.keyClicks(dialog.phone_edit, " call me")  # ...that then needs two
    qtbot.keyClicks(dialog.linkedin_edit, "example.com/in/ana")
    phone_error = dialog.findChild(WrappedLabel, "phone_error")
    linkedin_error = dialog.findChild(WrappedLabel, "linkedin_url_error")
    assert phone_error is not None
    assert linkedin_error is not None
    in_order: list[QWidget] = [
        dialog.phone_edit,
        phone_error,
        dialog.linkedin_edit,
        linkedin_error,
        dialog.notes_edit,
        dialog.duplicate_box,
        dialog.buttons,
    ]

    def laid_out_without_overlap() -> None:
        for label in (phone_error, linkedin_error, dialog.duplicate_label):
            assert label.height() >= label.heightForWidth(label.width())
        rects = [w.rect().translated(w.mapTo(dialog, QPoint(0, 0))) for w in in_order]
        for above, below in itertools.pairwise(rects):
            assert above.bottom() < below.top()
        assert rects[-1].bottom() < dialog.height()
        assert dialog.notes_edit.height() >= dialog.notes_edit.minimumHeight()

    qtbot.waitUntil(laid_out_without_overlap)
