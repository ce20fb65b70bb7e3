"""The File menu's import and exports: Import contacts…, and Export ▸ the plan as a
calendar, contacts as vCards (everyone, the selected company's, the selected contact),
and the folder where the calendar file is kept up to date.

Exports write nothing to the database: they run on a worker thread behind a progress
dialog (``run_in_background``, not an undo step) and say where the file went.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.operations import Progress
from runnerup_desktop.ui.transfer.calendar_feed import CalendarFeed, calendar_options

if TYPE_CHECKING:
    from runnerup_desktop.ui.transfer.import_flow import ImportFlow


class ExportFailedError(ServiceError):
    """A file could not be written: shown like a refusal."""


class TransferActions(QObject):
    """Builds the actions over ``context``; ``selection()`` gives the directory's
    selected ``(company id, contact id)``."""

    def __init__(
        self,
        context: AppContext,
        window: QWidget,
        selection: Callable[[], tuple[int | None, int | None]],
    ) -> None:
        super().__init__(window)
        self._context = context
        self._window = window
        self._selection = selection
        self.flow: ImportFlow | None = None
        #: The last message shown (tests and screenshots look at it).
        self.message: QMessageBox | None = None
        #: Asks where to save; tests replace it.
        self.choose_target: Callable[[str, str, str], str] = self._choose_target
        self.feed = CalendarFeed(context.sessions, context.settings, self)
        context.changes.applied.connect(self.feed.changed)
        context.changes.setting_changed.connect(self.feed.setting_changed)
        self.feed.write_now()

        self.import_action = QAction("&Import contacts…", self)
        self.import_action.setObjectName("importContacts")
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_action.triggered.connect(lambda: self.import_contacts())
        self.calendar_action = QAction("The plan as a &calendar (.ics)…", self)
        self.calendar_action.triggered.connect(self.export_calendar)
        self.folder_action = QAction("&Keep the calendar up to date in a folder…", self)
        self.folder_action.triggered.connect(self.choose_folder)
        self.everyone_action = QAction("&All contacts as vCards (.vcf)…", self)
        self.everyone_action.triggered.connect(lambda: self.export_vcards("all"))
        self.company_action = QAction("The selected c&ompany's contacts as vCards…", self)
        self.company_action.triggered.connect(lambda: self.export_vcards("company"))
        self.contact_action = QAction("The selected co&ntact as a vCard…", self)
        self.contact_action.triggered.connect(lambda: self.export_vcards("contact"))

    def fill_menu(self, file_menu: QMenu, before: QAction) -> None:
        file_menu.insertAction(before, self.import_action)
        export = QMenu("&Export", file_menu)
        export.setObjectName("exportMenu")
        for action in (self.calendar_action, self.folder_action):
            export.addAction(action)
        export.addSeparator()
        for action in (self.everyone_action, self.company_action, self.contact_action):
            export.addAction(action)
        export.aboutToShow.connect(self._enable)
        file_menu.insertMenu(before, export)
        file_menu.insertSeparator(before)
        self.export_menu = export

    def _enable(self) -> None:
        company, contact = self._selection()
        self.company_action.setEnabled(company is not None)
        self.contact_action.setEnabled(contact is not None)

    # --- import ------------------------------------------------------------------------
    def import_contacts(self, path: Path | None = None) -> ImportFlow:
        # The importers (and vobject) load when first used, not with the window.
        from runnerup_desktop.ui.transfer.import_flow import ImportFlow

        flow = ImportFlow(self._context, self._window)
        self.flow = flow
        flow.start(path)
        return flow

    # --- exports -----------------------------------------------------------------------
    def export_calendar(self) -> None:
        target = self.choose_target("Export the plan as a calendar", "RunnerUp plan.ics", "*.ics")
        if not target:
            return
        from runnerup_desktop.ui.transfer.calendar_feed import write_plan

        options = calendar_options(self._context.settings)
        sessions = self._context.sessions

        def job(_progress: Progress) -> tuple[int, Change]:
            return _written(lambda: write_plan(sessions, Path(target), options)), Change()

        self._export(job, "Export the plan", Path(target), "follow-up")

    def export_vcards(self, which: str) -> None:
        company, contact = self._selection()
        if (which == "company" and company is None) or (which == "contact" and contact is None):
            return
        target = self.choose_target("Export contacts as vCards", "contacts.vcf", "*.vcf")
        if not target:
            return
        from runnerup_desktop.store.exports.vcard import write_vcards

        sessions = self._context.sessions

        def job(_progress: Progress) -> tuple[int, Change]:
            def write() -> int:
                with sessions() as session:
                    return write_vcards(
                        session,
                        Path(target),
                        company_id=company if which == "company" else None,
                        contact_id=contact if which == "contact" else None,
                    )

            return _written(write), Change()

        self._export(job, "Export contacts", Path(target), "contact")

    def _export(
        self, job: Callable[[Progress], tuple[int, Change]], label: str, target: Path, what: str
    ) -> None:
        def done(result: tuple[int, Change]) -> None:
            count = result[0]
            self._say(
                QMessageBox.Icon.Information,
                label,
                f"{target.name}: {count:,} {what}{'' if count == 1 else 's'} written to "
                f"{target.parent}.",
            )

        self._context.ops.run_in_background(
            self._window,
            job,
            label=label,
            title=f"Writing {target.name}…",
            undoable=False,
            done=done,
            failed=lambda refusal: self._say(QMessageBox.Icon.Warning, label, str(refusal)),
        )

    def choose_folder(self) -> None:
        from runnerup_desktop.ui.transfer.folder_dialog import CalendarFolderDialog

        dialog = CalendarFolderDialog(self._context.settings, self.feed, self._window)
        dialog.open()
        self.folder_dialog = dialog

    def _say(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, parent=self._window)
        self.message = box
        box.open()

    def _choose_target(self, title: str, name: str, pattern: str) -> str:
        chosen, _filter = QFileDialog.getSaveFileName(
            self._window, title, str(Path.home() / name), pattern
        )
        return chosen


def _written(write: Callable[[], int]) -> int:
    from runnerup_desktop.store.exports.files import ExportFailed

    try:
        return write()
    except ExportFailed as exc:
        raise ExportFailedError(str(exc)) from exc
