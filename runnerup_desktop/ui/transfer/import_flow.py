"""File ▸ Import contacts…: choose a file, map its columns (another tracker's CSV), see
the preview, import.

Reading the file for the preview and the import itself run on a worker thread behind a
progress dialog with Cancel (``Operations.run_in_background``): a 100,000-line LinkedIn
export takes a while, and a cancelled import leaves nothing behind. The import is one
transaction and one undo step, named after the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.imports.csv_mapped import ColumnMapping, header_of
from runnerup_desktop.store.imports.formats import detect_format
from runnerup_desktop.store.imports.preview import CompanyPolicy, ImportSummary
from runnerup_desktop.store.imports.records import ImportRefused
from runnerup_desktop.store.imports.service import ImportRequest, ImportServices
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.operations import Progress
from runnerup_desktop.ui.transfer.mapping_dialog import ColumnMappingDialog
from runnerup_desktop.ui.transfer.preview_dialog import ImportPreviewDialog

FILE_FILTER = (
    "Contacts (*.csv *.zip *.vcf *.vcard *.tsv *.txt);;"
    "LinkedIn export (Connections.csv *.zip);;vCard (*.vcf *.vcard);;All files (*)"
)


class ImportFlow(QObject):
    """One import, from choosing the file to the summary. ``finished`` carries the
    summary of what was imported, or ``None`` when nothing was."""

    finished = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        self._imports = ImportServices(context.sessions)
        #: The step shown now (a dialog or a message box), for tests and screenshots.
        self.dialog: QWidget | None = None
        #: Asks for the file; tests replace it.
        self.choose_file: Callable[[], str] = self._choose_file

    # --- the steps ---------------------------------------------------------------------
    def start(self, path: Path | None = None) -> None:
        if path is None:
            chosen = self.choose_file()
            if not chosen:
                self.finished.emit(None)
                return
            path = Path(chosen)
        try:
            kind = detect_format(path)
            if kind == "json":
                raise ImportRefused(
                    f"{path.name} is RunnerUp's own export (JSON): it is restored whole into "
                    "an empty database with runnerup import, not merged contact by contact."
                )
            if kind == "csv":
                self._map_columns(path)
                return
        except ImportRefused as refusal:
            self._refused(refusal)
            return
        self._preview(ImportRequest(path, kind))

    def _map_columns(self, path: Path) -> None:
        header, samples, notices = header_of(path)
        dialog = ColumnMappingDialog(
            path.name,
            header.names,
            samples,
            self._imports.mapping_names(),
            self._imports.mapping,
            notices,
            self._parent,
        )
        self.dialog = dialog

        def chosen(result: int) -> None:
            if result != QDialog.DialogCode.Accepted:
                self.finished.emit(None)
                return
            mapping, name = dialog.mapping(), dialog.save_as()
            if name:
                self._save_mapping(name, mapping)
            self._preview(ImportRequest(path, "csv", mapping=mapping, mapping_name=name))

        dialog.finished.connect(chosen)
        dialog.open()

    def _save_mapping(self, name: str, mapping: ColumnMapping) -> None:
        self._context.ops.run(
            self._parent,
            lambda: self._imports.save_mapping(name, mapping),
            label=f"Save the column mapping “{name}”",
        )

    def _preview(self, request: ImportRequest) -> None:
        name = Path(request.path).name

        def job(progress: Progress) -> tuple[ImportSummary, Change]:
            return self._imports.preview(request, progress), Change()

        self._context.ops.run_in_background(
            self._parent,
            job,
            label=f"Read {name}",
            title=f"Reading {name}…",
            undoable=False,
            done=lambda result: self._show_preview(request, result[0]),
            failed=self._refused,
        )

    def _show_preview(self, request: ImportRequest, summary: ImportSummary) -> None:
        undoable = self._context.ops.undo_stack is not None
        dialog = ImportPreviewDialog(summary, undoable, self._parent)
        self.dialog = dialog

        def chosen(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self._import(request, dialog.policy())
            else:
                self.finished.emit(None)

        dialog.finished.connect(chosen)
        dialog.open()

    def _import(self, request: ImportRequest, policy: CompanyPolicy) -> None:
        chosen = ImportRequest(
            request.path, request.format, policy, request.mapping, request.mapping_name
        )
        name = Path(request.path).name

        def job(progress: Progress) -> tuple[ImportSummary, Change]:
            return self._imports.run(chosen, progress)

        self._context.ops.run_in_background(
            self._parent,
            job,
            label=f"Import contacts from {name}",
            title=f"Importing {name}…",
            done=lambda result: self._imported(result[0]),
            failed=self._refused,
        )

    def _imported(self, summary: ImportSummary) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Contacts imported",
            summary.sentence(),
            parent=self._parent,
        )
        box.setObjectName("importDone")
        self.dialog = box
        box.finished.connect(lambda _result: self.finished.emit(summary))
        box.open()

    def _refused(self, refusal: ServiceError) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Import contacts", str(refusal), parent=self._parent
        )
        box.setObjectName("importRefused")
        self.dialog = box
        box.finished.connect(lambda _result: self.finished.emit(None))
        box.open()

    def _choose_file(self) -> str:
        chosen, _filter = QFileDialog.getOpenFileName(
            self._parent, "Import contacts", str(Path.home()), FILE_FILTER
        )
        return chosen
