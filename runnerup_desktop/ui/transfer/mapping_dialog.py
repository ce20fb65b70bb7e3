"""The column-mapping step of a CSV import from another tracker.

The file's first rows are shown as they are, and for each of a contact's fields a
drop-down names the column that holds it (guessed from the headers, or taken from a
mapping saved earlier). A full name, or a first and a last name, is needed. The mapping
may be saved under a name, so that the next export of the same tracker imports in one
step (here, or with ``runnerup import FILE --mapping NAME``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.store.imports.csv_mapped import FIELDS, MAX_MAPPING_NAME, ColumnMapping
from runnerup_desktop.ui.common.forms import WrappedLabel, error_palette
from runnerup_desktop.ui.common.window_size import first_size

NOT_USED = "(not used)"


class ColumnMappingDialog(QDialog):
    """Map ``header``'s columns to fields; ``samples`` are the file's first rows.

    ``saved`` names the mappings saved earlier and ``load(name)`` reads one. After
    ``exec()`` returns true, :meth:`mapping` is the chosen mapping and :meth:`save_as`
    the name to save it under ("" for none).
    """

    def __init__(
        self,
        source: str,
        header: Sequence[str],
        samples: Sequence[Sequence[str]],
        saved: Sequence[str],
        load: Callable[[str], ColumnMapping],
        notices: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("columnMapping")
        self.setWindowTitle(f"Map the columns of {source}")
        self._header = tuple(header)
        self._load = load
        intro = WrappedLabel()
        intro.setText(
            f"{source} comes from another tracker. Say which column holds each field: a "
            "full name, or a first and a last name, is needed; the rest is optional. "
            "Columns not chosen are left out."
        )
        self.saved = QComboBox()
        self.saved.setObjectName("savedMappings")
        self.saved.addItem("Guess from the column names", "")
        for name in saved:
            self.saved.addItem(name, name)
        self.saved.currentIndexChanged.connect(self._load_saved)
        saved_row = QHBoxLayout()
        saved_label = QLabel("Start &from:")
        saved_label.setBuddy(self.saved)
        saved_row.addWidget(saved_label)
        saved_row.addWidget(self.saved, 1)

        self.sample = QTableWidget(len(samples), len(self._header))
        self.sample.setObjectName("sampleRows")
        self.sample.setHorizontalHeaderLabels([name or "(no name)" for name in self._header])
        for row, values in enumerate(samples):
            for column, value in enumerate(values[: len(self._header)]):
                self.sample.setItem(row, column, QTableWidgetItem(value))
        self.sample.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.sample.resizeColumnsToContents()

        form = QFormLayout()
        self.choices: dict[str, QComboBox] = {}
        for key, label in FIELDS.items():
            combo = QComboBox()
            combo.setObjectName(f"map_{key}")
            combo.addItem(NOT_USED, "")
            for name in self._header:
                if name:
                    combo.addItem(name, name)
            combo.currentIndexChanged.connect(self._check)
            form.addRow(f"{label}:", combo)
            self.choices[key] = combo
        self.save_name = QLineEdit()
        self.save_name.setObjectName("saveMappingAs")
        self.save_name.setMaxLength(MAX_MAPPING_NAME)
        self.save_name.setPlaceholderText("Optional: the tracker's name, to use it again")
        form.addRow("&Save as:", self.save_name)

        self.problem = WrappedLabel()
        self.problem.setObjectName("mappingProblem")
        self.problem.setPalette(error_palette(self.problem.palette()))
        notes = WrappedLabel()
        notes.setText("\n".join(notices))
        notes.setVisible(bool(notices))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.next_button = self.buttons.addButton(
            "&Preview…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.next_button.setObjectName("previewButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(notes)
        layout.addLayout(saved_row)
        layout.addWidget(self.sample, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.apply(ColumnMapping().guessed(self._header))
        # Default once it is inside the dialog: Enter (in the name field, say) previews.
        self.next_button.setDefault(True)
        first_size(self, 760, 620)

    def apply(self, mapping: ColumnMapping) -> None:
        """Show ``mapping``'s choices (a column the file lacks shows as not used)."""
        for key, combo in self.choices.items():
            found = combo.findData(mapping.columns.get(key, ""))
            combo.setCurrentIndex(found if found >= 0 else 0)
        self._check()

    def mapping(self) -> ColumnMapping:
        return ColumnMapping(
            {
                key: str(combo.currentData())
                for key, combo in self.choices.items()
                if combo.currentData()
            }
        )

    def save_as(self) -> str:
        return " ".join(self.save_name.text().split())

    def _load_saved(self) -> None:
        name = str(self.saved.currentData() or "")
        if not name:
            self.apply(ColumnMapping().guessed(self._header))
            return
        self.apply(self._load(name))
        self.save_name.setText(name)

    def _check(self) -> None:
        problem = self.mapping().problem()
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        self.next_button.setEnabled(problem is None)
