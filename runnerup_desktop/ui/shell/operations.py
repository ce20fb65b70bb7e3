"""The one path every change takes (Anki's "operations", cut down to RunnerUp).

A person's change runs through :meth:`Operations.run`: one store write (one transaction),
one undo step named after it, a refusal shown next to where the person acted, and one
:class:`~runnerup_desktop.store.change.Change` announced once on :attr:`Changes.applied`.
Views connect that signal once and react once; none refreshes itself after its own write.

Each step keeps the Change it announced and where the person was (:attr:`Operations.locate`),
so that :meth:`Operations.undo` announces the same Change and takes the person back there
(:attr:`Operations.return_to`): undoing a delete brings the rows back into the tables,
selected. :meth:`Operations.redo` makes the step again.

Long work (an export or an import of 100,000 rows) runs through
:meth:`Operations.run_in_background`, on a worker thread behind a progress dialog with
Cancel. Writes that are not a person's action (the reminders' bookkeeping, and later sync,
the job-board watch and backups) are announced with :meth:`Operations.announce`, from any
thread, and are never undo steps.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, runtime_checkable

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from runnerup_desktop.store.change import Change, ServiceError, change_of
from runnerup_desktop.ui.common.writing_dialog import Runner

log = logging.getLogger(__name__)
R = TypeVar("R")


class History(Protocol):
    """Where undo steps are recorded; see :meth:`Operations.run`."""

    def step(self, label: str) -> contextlib.AbstractContextManager[object]: ...


@runtime_checkable
class UndoStack(History, Protocol):
    """A history that can also take steps back and make them again (the store's undo log,
    :class:`~runnerup_desktop.store.undo.UndoHistory`)."""

    def undo(self) -> tuple[str, Change]: ...

    def redo(self) -> tuple[str, Change]: ...

    def subscribe(self, listener: Callable[[], None]) -> None: ...

    @property
    def undo_label(self) -> str | None: ...

    @property
    def redo_label(self) -> str | None: ...

    @property
    def undo_memo(self) -> object: ...


class Changes(QObject):
    """The only change signals in the UI."""

    #: ``(Change, initiator)``: a write was committed; ``initiator`` is who asked (or None).
    applied = Signal(object, object)
    #: A setting's key, after it changed.
    setting_changed = Signal(str)
    #: A person's change was done: its name ("Delete company “Acme”"), for the status bar.
    performed = Signal(str)
    #: What Undo and Redo would do changed (a step was made, undone, redone or dropped).
    history_changed = Signal()


class Cancelled(Exception):
    """The person cancelled a long operation; its transaction rolls back."""


class Progress:
    """What a background job reports, and how it learns it was cancelled (thread-safe)."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self._report = report
        self._cancelled = threading.Event()

    def report(self, done: int, total: int) -> None:
        self._report(done, total)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` once the person has pressed Cancel."""
        if self._cancelled.is_set():
            raise Cancelled


class Operations(QObject):
    """Runs every change; see the module's docstring."""

    _announce = Signal(object, object)

    def __init__(
        self, changes: Changes, history: History | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.changes = changes
        self.history = history
        #: The history's undo and redo, when it has them.
        self.undo_stack = history if isinstance(history, UndoStack) else None
        #: Shows a refusal when the caller has nowhere of its own; tests replace it.
        self.report: Callable[[QWidget | None, str, str], None] = _warn
        #: Where the person is, kept with each step (the window sets it).
        self.locate: Callable[[], object] = lambda: None
        #: Takes the person back to where a step was made, after its undo.
        self.return_to: Callable[[object], None] = lambda _where: None
        self._announce.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._jobs: list[_Job] = []
        if self.undo_stack is not None:
            # From a worker thread too: the signal reaches the GUI thread queued.
            self.undo_stack.subscribe(changes.history_changed.emit)

    def _step(self, label: str) -> contextlib.AbstractContextManager[object]:
        return self.history.step(label) if self.history is not None else contextlib.nullcontext()

    def run(
        self,
        parent: QWidget | None,
        op: Callable[[], R],
        *,
        label: str,
        initiator: object | None = None,
        on_error: Callable[[ServiceError], None] | None = None,
    ) -> R | None:
        """Run a person's change; its result, or ``None`` when it was refused."""
        where = self.locate()
        try:
            with self._step(label) as step:
                result = op()
                _keep(step, result, where)
        except ServiceError as exc:
            log.info("refused: %s (%s)", label.split(" ")[0], type(exc).__name__)
            if on_error is not None:
                on_error(exc)
            else:
                self.report(parent, refused_title(label), str(exc))
            return None
        self.changes.applied.emit(change_of(result), initiator)
        self.changes.performed.emit(label)
        return result

    def undo(self, parent: QWidget | None) -> Change | None:
        """Take back the last step: its Change is announced again (rows that come back are
        in it), and the person is taken back to where they made it."""
        if self.undo_stack is None:
            return None
        where = self.undo_stack.undo_memo
        try:
            _label, change = self.undo_stack.undo()
        except ServiceError as exc:
            self.report(parent, "Not undone", str(exc))
            return None
        self.changes.applied.emit(change, None)
        self.return_to(where)
        return change

    def redo(self, parent: QWidget | None) -> Change | None:
        """Make the last undone step again."""
        if self.undo_stack is None:
            return None
        try:
            _label, change = self.undo_stack.redo()
        except ServiceError as exc:
            self.report(parent, "Not redone", str(exc))
            return None
        self.changes.applied.emit(change, None)
        return change

    def runner(self, parent: QWidget | None, initiator: object | None = None) -> Runner:
        """:meth:`run` for one widget: refusals appear over it unless it handles them."""

        def run(
            op: Callable[[], R],
            *,
            label: str,
            on_error: Callable[[ServiceError], None] | None = None,
        ) -> R | None:
            return self.run(parent, op, label=label, initiator=initiator, on_error=on_error)

        return run

    def announce(self, change: Change, initiator: object | None = None) -> None:
        """A write that was not a person's: tell the views (from any thread)."""
        if QThread.currentThread() is self.thread():
            self.changes.applied.emit(change, initiator)
        else:
            self._announce.emit(change, initiator)

    def _deliver(self, change: Change, initiator: object) -> None:
        self.changes.applied.emit(change, initiator)

    def run_in_background(
        self,
        parent: QWidget | None,
        job: Callable[[Progress], R],
        *,
        label: str,
        title: str,
        undoable: bool = True,
        done: Callable[[R], None] | None = None,
        failed: Callable[[ServiceError], None] | None = None,
    ) -> None:
        """Run long work on a worker thread behind a progress dialog with Cancel.

        ``job`` gets a :class:`Progress`; it opens its own session (SQLite connections
        belong to the thread that opened them) and returns a result holding its Change.
        """
        dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        dialog.setWindowTitle(label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        steps: Callable[[], contextlib.AbstractContextManager[object]] = (
            (lambda: self._step(label)) if undoable else contextlib.nullcontext
        )
        record = _Job(job, steps, self)
        self._jobs.append(record)
        dialog.canceled.connect(record.progress.cancel)

        def show_progress(done_count: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done_count)

        record.reported.connect(show_progress)

        def finish(outcome: object) -> None:
            self._jobs.remove(record)
            record.join()
            dialog.reset()
            dialog.deleteLater()
            if isinstance(outcome, Cancelled):
                log.info("cancelled: %s", label.split(" ")[0])
            elif isinstance(outcome, ServiceError):
                if failed is not None:
                    failed(outcome)
                else:
                    self.report(parent, refused_title(label), str(outcome))
            elif isinstance(outcome, BaseException):
                sys.excepthook(type(outcome), outcome, outcome.__traceback__)
            else:
                self.changes.applied.emit(change_of(outcome), None)
                if undoable:  # a change the person made; reading a file is none
                    self.changes.performed.emit(label)
                if done is not None:
                    done(outcome)  # type: ignore[arg-type]

        record.finished.connect(finish, Qt.ConnectionType.QueuedConnection)
        record.start()

    def busy(self) -> bool:
        """Whether a background job is still running (quitting waits for it)."""
        return bool(self._jobs)

    def wait(self) -> None:
        """Cancel and wait for every background job (at quit)."""
        for record in list(self._jobs):
            record.progress.cancel()
            record.join()


class _Job(QObject):
    """One background job on its own thread; its signals reach the GUI thread queued."""

    reported = Signal(int, int)
    finished = Signal(object)

    def __init__(
        self,
        job: Callable[[Progress], Any],
        step: Callable[[], contextlib.AbstractContextManager[object]],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._job = job
        self._step = step
        self.progress = Progress(self.reported.emit)
        self._thread = threading.Thread(target=self._work, name="operation", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def join(self) -> None:
        self._thread.join()

    def _work(self) -> None:
        try:
            with self._step() as step:
                outcome: object = self._job(self.progress)
                with contextlib.suppress(TypeError):
                    _keep(step, outcome, None)
        except BaseException as exc:  # handed to the GUI thread, which sorts it
            outcome = exc
        self.finished.emit(outcome)


def _keep(step: object, result: object, where: object) -> None:
    """Keep the operation's Change and where it was made with its undo step."""
    if hasattr(step, "change"):
        step.change = change_of(result)
    if hasattr(step, "memo"):
        step.memo = where


#: A refusal's title by the first word of what was asked ("Delete company Acme").
_REFUSED = {
    "Delete": "Not deleted",
    "Snooze": "Not snoozed",
    "Skip": "Not skipped",
    "Reschedule": "Not moved",
    "Mark": "Not marked done",
    "Import": "Not imported",
    "Restore": "Not restored",
}


def refused_title(label: str) -> str:
    """The title of the message that says a change was refused: "Not deleted"."""
    return _REFUSED.get(label.split(" ", 1)[0], "Not saved")


def _warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)
