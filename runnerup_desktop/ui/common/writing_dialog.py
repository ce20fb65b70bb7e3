"""The one dialog base for forms that write: through the change path, keeping the form
on a refusal (see :class:`WritingDialog`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget

from runnerup_desktop.store.change import Change, ServiceError, change_of
from runnerup_desktop.ui.common.ask import Confirm, ask
from runnerup_desktop.ui.common.colors import tint_text
from runnerup_desktop.ui.common.forms import (
    DuplicateFinder,
    ValidatedFormDialog,
    WrappedLabel,
)

R = TypeVar("R")


class Runner(Protocol):
    """Runs one write on the change path (the window's ``Operations.run``, bound to the
    widget where the person acted): its result, or ``None`` when it was refused, in which
    case ``on_error`` was told why."""

    def __call__(
        self,
        op: Callable[[], R],
        *,
        label: str,
        on_error: Callable[[ServiceError], None] | None = None,
    ) -> R | None: ...


class WritingDialog(ValidatedFormDialog):
    """A form that writes when Save is pressed, through the change path it is given.

    Subclasses add their fields, call :meth:`_finish_writing`, and say what the write is
    called (:meth:`_label`, the undo step's name) and does (:meth:`_write`). On Save the
    form is checked, the questions of :meth:`_questions` are asked through ``confirm``,
    then the write runs; a refusal is shown above the buttons and the dialog stays open
    with everything typed. Without a ``run`` the dialog is a form only, that writes
    nothing. After ``exec()`` returns true, :attr:`written` holds what the
    write returned and :attr:`change` its Change.
    """

    def __init__(
        self,
        title: str,
        run: Runner | None,
        parent: QWidget | None,
        *,
        confirm: Confirm | None = None,
        find_duplicates: DuplicateFinder | None = None,
    ) -> None:
        super().__init__(title, find_duplicates, parent)
        self._runner = run
        #: ``(parent, title, text) -> yes?``: asks the person; tests replace it.
        self.confirm: Confirm = confirm or _continue
        self.written: object = None
        self.change: Change | None = None
        self.error_label = WrappedLabel()
        self.error_label.setObjectName("saveError")
        tint_text(self.error_label, "error")
        self.error_label.hide()

    def _finish_writing(self, save_text: str | None = None, *, touch: Iterable[str] = ()) -> None:
        self._finish_form(touch=touch)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.error_label)
        if save_text is not None:
            self.save_button.setText(save_text)

    def _label(self) -> str:
        """What the write is called ("Delete company Acme"): the undo step's name."""
        raise NotImplementedError

    def _questions(self) -> list[tuple[str, str]]:
        """``(title, text)`` questions to ask before writing; any "no" keeps the form open."""
        return []

    def _go_ahead(self) -> bool:
        """Ask :meth:`_questions`; false (a "no") keeps the form open, as typed."""
        return all(self.confirm(self, title, text) for title, text in self._questions())

    def _write(self) -> object:
        """The write: one service call, returning a Change (or a tuple ending with one)."""
        raise NotImplementedError

    def error(self) -> str:
        """The write's refusal shown above the buttons, or ""."""
        return self.error_label.text() if not self.error_label.isHidden() else ""

    save_error_text = error

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _revalidate(self) -> None:
        super()._revalidate()
        if hasattr(self, "error_label"):  # a refusal goes once the person changes the form
            self.error_label.hide()

    def accept(self) -> None:
        if not self._ready_to_save():
            return
        if not self._go_ahead():
            return
        if self._runner is None:  # a form only: whoever opened it reads the values
            QDialog.accept(self)
            return
        self._show_error("")
        result = self._runner(
            self._write, label=self._label(), on_error=lambda exc: self._show_error(str(exc))
        )
        if result is None:
            return
        self.written = result
        self.change = change_of(result)
        QDialog.accept(self)


def _continue(parent: QWidget, title: str, text: str) -> bool:
    """The default question: "Continue" or "Go back" (the safe answer)."""
    return ask(parent, title, text, yes="Continue", no="Go back", icon=QMessageBox.Icon.Warning)
