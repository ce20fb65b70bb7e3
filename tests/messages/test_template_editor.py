"""The template editor: list, edit, add, delete and reset templates, with a preview."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from runnerup_desktop.core.domain import Step
from runnerup_desktop.core.templates import DEFAULT_TEMPLATES
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.template_services import MessageTemplates
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.messages.template_editor import (
    DELETE,
    DISCARD,
    TemplateEditorDialog,
    TemplateListModel,
    open_template_editor,
)
from tests.builders import context_for


def editor(qtbot: QtBot, store: Store) -> TemplateEditorDialog:
    dialog = TemplateEditorDialog(context_for(store, settings_in(store)))
    qtbot.addWidget(dialog)
    return dialog


def settings_in(store: Store) -> AppSettings:
    """Settings in a file beside the test's database."""
    path = store.path.with_name("settings.ini")
    return AppSettings(QSettings(str(path), QSettings.Format.IniFormat))


def by_builtin(store: Store, key: str) -> int:
    return next(t.id for t in MessageTemplates(store.sessions).all() if t.builtin == key)


def test_the_list_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, store: Store
) -> None:
    model = TemplateListModel()
    model.set_records(MessageTemplates(store.sessions).all())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(DEFAULT_TEMPLATES)
    assert model.index(1).data() == "Thank-you note"
    assert model.index(1).data(0x0100) == by_builtin(store, "thank_you_note")


def test_edit_a_default_then_reset_it(qtbot: QtBot, store: Store, asked: Any) -> None:
    dialog = editor(qtbot, store)
    note_id = by_builtin(store, "thank_you_note")
    dialog.select(note_id)
    assert dialog.name_edit.text() == "Thank-you note"
    assert not dialog.step_combo.isEnabled() and not dialog.delete_button.isEnabled()
    assert not dialog.save_button.isEnabled()
    assert dialog.preview.toPlainText().startswith("Subject: Thank you for the call\n\nHi Hana,")
    dialog.subject_edit.setText("Thanks, {first_name}")
    assert dialog.save_button.isEnabled()
    assert dialog.preview.toPlainText().startswith("Subject: Thanks, Hana\n")
    assert dialog.save()
    assert MessageTemplates(store.sessions).get(note_id).subject == "Thanks, {first_name}"
    assert dialog.reset_button.isEnabled()
    dialog.reset_button.click()
    assert MessageTemplates(store.sessions).get(note_id).subject == "Thank you for the call"
    assert dialog.subject_edit.text() == "Thank you for the call"


def test_preview_with_nothing_recorded(qtbot: QtBot, store: Store) -> None:
    dialog = editor(qtbot, store)
    dialog.select(by_builtin(store, "thank_you_note"))
    dialog.preview_combo.setCurrentIndex(1)
    preview = dialog.preview.toPlainText()
    assert "\n\nHello,\n\n" in preview
    assert "•" not in preview and "points you raised" not in preview
    assert preview.endswith("Best regards,")


def test_a_wrong_placeholder_is_said_and_cannot_be_saved(qtbot: QtBot, store: Store) -> None:
    dialog = editor(qtbot, store)
    dialog.body_edit.setPlainText(dialog.body_edit.toPlainText() + "\n{compnay}")
    assert "does not know “{compnay}”" in dialog.problem_text()
    assert not dialog.save_button.isEnabled()
    dialog.insert_combo.activated.emit(dialog.insert_combo.findData("{company}"))
    assert "{company}" in dialog.body_edit.toPlainText()


def test_add_and_delete_your_own(qtbot: QtBot, store: Store, asked: Any) -> None:
    dialog = editor(qtbot, store)
    dialog.new_button.click()
    assert dialog.name_edit.text() == "New template"
    assert dialog.step_combo.isEnabled() and dialog.delete_button.isEnabled()
    assert dialog.reset_button.isHidden()
    dialog.name_edit.setText("Coffee invitation")
    dialog.step_combo.setCurrentIndex(dialog.step_combo.findData(Step.WIDEN_NETWORK.value))
    dialog.body_edit.setPlainText("{greeting}\n\nCoffee at {company}?")
    dialog.save_button.click()
    mine = [t for t in MessageTemplates(store.sessions).all() if not t.is_builtin]
    assert [(t.name, t.step) for t in mine] == [("Coffee invitation", Step.WIDEN_NETWORK)]
    no = asked(False)
    dialog.confirm = no
    dialog.delete_button.click()
    assert no.questions[0][0] == DELETE
    assert len(MessageTemplates(store.sessions).all()) == len(DEFAULT_TEMPLATES) + 1
    dialog.confirm = asked(True)
    dialog.delete_button.click()
    assert len(MessageTemplates(store.sessions).all()) == len(DEFAULT_TEMPLATES)


def test_unsaved_changes_are_asked_about(qtbot: QtBot, store: Store, asked: Any) -> None:
    dialog = editor(qtbot, store)
    first = dialog.list_view.currentIndex()
    dialog.subject_edit.setText("Changed")
    no = asked(False)
    dialog.confirm = no
    dialog.select(by_builtin(store, "re_contact"))
    assert no.questions[0][0] == DISCARD
    assert dialog.list_view.currentIndex() == first and dialog.subject_edit.text() == "Changed"
    dialog.reject()
    assert len(no.questions) == 2 and dialog.result() == 0
    dialog.confirm = asked(True)
    dialog.select(by_builtin(store, "re_contact"))
    assert dialog.name_edit.text() == "Re-contact"


def test_open_template_editor(qtbot: QtBot, store: Store) -> None:
    shown: list[object] = []

    def run(dialog: object) -> int:
        shown.append(dialog)
        return 0

    open_template_editor(None, context_for(store, settings_in(store)), exec_dialog=run)
    assert isinstance(shown[0], TemplateEditorDialog)
