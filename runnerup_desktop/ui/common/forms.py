"""A dialog whose fields check themselves while the person types.

Each field shows what is wrong with it right under it, in red, and carries the reason as its
accessible description so that a screen reader says it too. Save stays disabled until every
field is fine. An empty required field is only flagged once the person has been in it (or
pressed Enter), so a new, blank form does not open covered in red.

A likely duplicate is not an error: after a short pause in typing the dialog asks its
``find_duplicates`` callable and shows what it says above the buttons; Save then reads
"Save anyway", which is the confirmation, with no extra message box.

Every text field also refuses a character that cannot be stored (half of a surrogate
pair, as a broken paste can leave). Forms that write build on
:class:`~runnerup_desktop.ui.common.writing_dialog.WritingDialog`.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core.limits import unstorable
from runnerup_desktop.core.validation import FieldCheck
from runnerup_desktop.ui.common.colors import ink, is_dark, tint_box, tint_text

_log = logging.getLogger(__name__)

#: ``(name, email) -> sentences`` such as "A company named “Acme” already exists.".
#: It must leave out the record being edited.
DuplicateFinder = Callable[[str, str], Sequence[str]]

DUPLICATE_CHECK_DELAY_MS = 250
SAVE_TEXT = "&Save"
SAVE_ANYWAY_TEXT = "Save &anyway"


class WrappedLabel(QLabel):
    """Plain text wrapped at word boundaries, never cut off.

    Qt leaves height-for-width out when it works out a window's minimum size, so a wrapped
    label in a dialog can be squeezed to fewer lines than it needs. This label reports the
    height it needs at its current width as a plain size hint instead, and asks for a new
    layout whenever that width changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._width = 0

    def hasHeightForWidth(self) -> bool:
        return False

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self._width > 0:
            hint.setHeight(self.heightForWidth(self._width))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._width:
            self._width = event.size().width()
            self.updateGeometry()


@dataclass(slots=True)
class _Field:
    widget: QWidget
    error: QLabel
    problem: Callable[[], str | None]
    blank: Callable[[], bool]
    touched: bool = False


class ValidatedFormDialog(QDialog):
    """Base of the add/edit dialogs. Subclasses add their fields, then call ``_finish_form``."""

    def __init__(
        self, title: str, find_duplicates: DuplicateFinder | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self._fields: dict[str, _Field] = {}
        self._find_duplicates = find_duplicates
        self._duplicates: tuple[str, ...] = ()
        self._last_query: tuple[str, str] | None = None

        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.duplicate_box = QFrame(self)
        self.duplicate_box.setObjectName("duplicateWarning")
        self.duplicate_box.setAccessibleName("Likely duplicate")
        tint_box(self.duplicate_box, "notice")
        icon = QLabel(self.duplicate_box)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning_icon.pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.duplicate_label = WrappedLabel(self.duplicate_box)
        self.duplicate_label.setObjectName("duplicateText")
        self.duplicate_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box_layout = QHBoxLayout(self.duplicate_box)
        box_layout.setContentsMargins(8, 6, 8, 6)
        box_layout.addWidget(icon)
        box_layout.addWidget(self.duplicate_label, 1)
        self.duplicate_box.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(SAVE_TEXT)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self._duplicate_timer = QTimer(self)
        self._duplicate_timer.setSingleShot(True)
        self._duplicate_timer.setInterval(DUPLICATE_CHECK_DELAY_MS)
        self._duplicate_timer.timeout.connect(self._check_duplicates)

    # --- building (for subclasses) --------------------------------------------------------

    def _add_line_edit(
        self,
        key: str,
        label: str,
        check: FieldCheck,
        text: str,
        *,
        placeholder: str = "",
        watch_duplicates: bool = False,
    ) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(placeholder)
        field = self._add_row(
            key,
            label,
            edit,
            problem=lambda: storable(edit.text()) or check(edit.text()),
            blank=lambda: not edit.text().strip(),
        )
        edit.textChanged.connect(self._revalidate)
        edit.textEdited.connect(lambda _text: self._touch(field))
        edit.editingFinished.connect(lambda: self._touch(field))
        if watch_duplicates:
            edit.textChanged.connect(self._schedule_duplicate_check)
        return edit

    def _add_text_edit(self, key: str, label: str, check: FieldCheck, text: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(text)
        edit.setTabChangesFocus(True)
        lines = 4
        margins = edit.contentsMargins()
        frame = 2 * edit.frameWidth() + margins.top() + margins.bottom()
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + frame + 8)
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._add_row(
            key,
            label,
            edit,
            problem=lambda: storable(edit.toPlainText()) or check(edit.toPlainText()),
            blank=lambda: not edit.toPlainText().strip(),
        )
        edit.textChanged.connect(self._revalidate)
        return edit

    def _add_combo(
        self,
        key: str,
        label: str,
        items: Sequence[tuple[str, object]],
        current: object | None,
        *,
        required: Callable[[QComboBox], str | None] | None = None,
        placeholder: str = "",
    ) -> QComboBox:
        """A drop-down of ``(label, data)``; ``required`` says what is wrong with no choice."""
        combo = QComboBox()
        combo.setPlaceholderText(placeholder)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(combo.findData(current) if current is not None else -1)

        def problem() -> str | None:
            return required(combo) if required is not None and combo.currentIndex() < 0 else None

        field = self._add_row(
            key, label, combo, problem=problem, blank=lambda: combo.currentIndex() < 0
        )
        combo.currentIndexChanged.connect(self._revalidate)
        combo.activated.connect(lambda _index: self._touch(field))
        return combo

    def _add_row(
        self,
        key: str,
        label: str,
        widget: QWidget,
        *,
        problem: Callable[[], str | None],
        blank: Callable[[], bool],
    ) -> _Field:
        widget.setObjectName(key)
        error = WrappedLabel()
        error.setObjectName(f"{key}_error")
        tint_text(error, "error")
        error.hide()
        cell = QWidget()
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.setSpacing(2)
        cell_layout.addWidget(widget)
        cell_layout.addWidget(error)
        row_label = QLabel(label)
        row_label.setBuddy(widget)
        self._form.addRow(row_label, cell)
        field = _Field(widget, error, problem, blank)
        self._fields[key] = field
        return field

    def _finish_form(self, *, touch: Iterable[str] = ()) -> None:
        """Lay the form out. The fields in ``touch`` are flagged even when blank."""
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        layout.addWidget(self.duplicate_box)
        layout.addWidget(self.buttons)
        chain = [field.widget for field in self._fields.values()]
        chain += [self.save_button, self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        for key in touch:
            self._fields[key].touched = True
        self._last_query = self._duplicate_query()
        self._revalidate()
        # Open compact: the notes box starts small and grows with the window.
        self.resize(self.sizeHint().width(), self.minimumSizeHint().height())
        if chain:
            chain[0].setFocus()

    def _duplicate_query(self) -> tuple[str, str]:
        """``(name, email)`` to look for; ``("", "")`` looks for nothing."""
        return ("", "")

    # --- state ----------------------------------------------------------------------------

    def problems(self) -> dict[str, str]:
        """What is wrong now with each field, shown or not, by field key."""
        found: dict[str, str] = {}
        for key, field in self._fields.items():
            problem = field.problem()
            if problem is not None:
                found[key] = problem
        return found

    def is_valid(self) -> bool:
        return not self.problems()

    def error_text(self, key: str) -> str:
        """The reason shown under a field, or "" when none is shown."""
        error = self._fields[key].error
        return error.text() if not error.isHidden() else ""

    def duplicate_text(self) -> str:
        """The duplicate warning shown above the buttons, or "" when none is shown."""
        return self.duplicate_label.text() if not self.duplicate_box.isHidden() else ""

    def _require_valid(self) -> None:
        if problems := self.problems():
            raise ValueError("The form is not valid: " + " ".join(problems.values()))

    # --- reacting -------------------------------------------------------------------------

    def _touch(self, field: _Field) -> None:
        if not field.touched:
            field.touched = True
            self._revalidate()

    def _revalidate(self) -> None:
        first_problem: str | None = None
        for field in self._fields.values():
            problem = field.problem()
            if problem is not None and first_problem is None:
                first_problem = problem
            shown = problem if field.touched or not field.blank() else None
            if shown != (field.error.text() if not field.error.isHidden() else None):
                field.error.setText(shown or "")
                field.error.setVisible(shown is not None)
                field.widget.setAccessibleDescription(shown or "")
        self.save_button.setEnabled(first_problem is None)
        self.save_button.setToolTip(f"Not yet: {first_problem}" if first_problem else "")

    def _reveal_problems(self) -> None:
        for field in self._fields.values():
            field.touched = True
        self._revalidate()
        for field in self._fields.values():
            if field.problem() is not None:
                field.widget.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    def _schedule_duplicate_check(self) -> None:
        if self._find_duplicates is not None:
            self._duplicate_timer.start()

    def _check_duplicates(self) -> None:
        self._duplicate_timer.stop()
        query = self._duplicate_query()
        if self._find_duplicates is None or query == self._last_query:
            return
        self._last_query = query
        sentences: Sequence[str] = ()
        if any(query):
            try:
                sentences = self._find_duplicates(*query)
            except Exception as error:
                # Only a hint: failing to give it must not stop anyone from saving.
                _log.warning("looking for duplicates failed (%s)", type(error).__name__)
        self._show_duplicates(tuple(sentences))

    def _show_duplicates(self, sentences: tuple[str, ...]) -> None:
        self._duplicates = sentences
        if len(sentences) == 1:
            self.duplicate_label.setText(f"Likely duplicate: {sentences[0]}")
        elif sentences:
            self.duplicate_label.setText(
                "Likely duplicates:\n" + "\n".join(f"• {s}" for s in sentences)
            )
        self.duplicate_box.setVisible(bool(sentences))
        self.save_button.setText(SAVE_ANYWAY_TEXT if sentences else SAVE_TEXT)

    # --- QDialog --------------------------------------------------------------------------

    def _ready_to_save(self) -> bool:
        """False, showing why, when a field is wrong or a duplicate turns up not yet shown."""
        if self._duplicate_timer.isActive():
            shown = self._duplicates
            self._check_duplicates()
            if self._duplicates and self._duplicates != shown:
                return False
        if not self.is_valid():
            self._reveal_problems()
            return False
        return True

    def accept(self) -> None:
        """Save, unless a field is wrong or a duplicate turns up that was not shown yet."""
        if self._ready_to_save():
            super().accept()

    def done(self, result: int) -> None:
        self._duplicate_timer.stop()
        super().done(result)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and not self.save_button.isEnabled()
        ):
            self._reveal_problems()
            event.accept()
            return
        super().keyPressEvent(event)


def storable(text: str) -> str | None:
    """What is wrong with a character of ``text`` that cannot be stored, or ``None``."""
    bad = unstorable(text)
    if bad is None:
        return None
    return (
        f"This holds a character that cannot be saved (U+{ord(bad):04X}, half of a pair, "
        "as a broken paste can leave): delete it and type it again."
    )


def error_palette(palette: QPalette) -> QPalette:
    """Red text that stays readable on a dark window background too."""
    palette.setColor(QPalette.ColorRole.WindowText, ink("error", is_dark(palette)))
    return palette
