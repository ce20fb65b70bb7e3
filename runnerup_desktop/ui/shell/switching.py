"""What File ▸ Open… needs besides the store: the database's lock, the sentences when
another RunnerUp has the file, and a refused file's way on.

:func:`take_database` is the one place the window's File ▸ Open… meets "one RunnerUp per
database" (:mod:`.single_instance`, the lock file beside the database): a file another
RunnerUp has open brings that one forward instead of opening twice.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from runnerup_desktop import APP_NAME
from runnerup_desktop.ui.shell.single_instance import Claim, SingleInstance

__all__ = ["Claim", "explain", "for_window", "refused_at_start", "take_database"]
log = logging.getLogger(__name__)

#: The file types File ▸ Open… offers.
DATABASE_FILTER = "RunnerUp databases (*.sqlite3 *.sqlite *.db);;All files (*)"


def take_database(path: Path, parent: QObject) -> tuple[Claim, SingleInstance | None]:
    """Become the RunnerUp of the database at ``path`` (its lock taken, listening for later
    launches), or hand over to the one that is (it comes to the front). Release it with
    ``SingleInstance.close()``. When the lock file cannot be made (a read-only folder), the
    file opens without it, as at start-up: ``(Claim.FIRST, None)``."""
    instance = SingleInstance(path, parent)
    try:
        return instance.claim([]), instance
    except OSError as error:
        log.warning("cannot take the database's lock (%s)", type(error).__name__)
        return Claim.FIRST, None


def explain(parent: QWidget, claim: Claim, path: Path) -> None:
    """Say why this window stays on its file: another RunnerUp has ``path`` open."""
    if claim is Claim.HANDED_OVER:
        QMessageBox.information(
            parent,
            "Already open",
            f"{path.name} is open in another {APP_NAME} window, which came to the front. "
            "One database is open in one RunnerUp at a time.",
        )
    else:
        QMessageBox.warning(
            parent,
            "Already open",
            f"{path.name} is open in another {APP_NAME}, which does not answer. Close it "
            "(or end it), then open the file again.",
        )


def for_window(text: str) -> str:
    """A refusal as a window shows it: the command line's ``--db`` is not the way there
    (the dialog offers another file instead)."""
    text = re.sub(r"\s*(?:with|using) --db\b", "", text)
    return text.replace("--db", "File ▸ Open…")


#: ``(parent, folder) -> path or None``: asks which file to open; tests replace it.
ChooseFile = Callable[[QWidget | None, Path], Path | None]


def choose_database(parent: QWidget | None, folder: Path) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, f"Open a {APP_NAME} database", str(folder), DATABASE_FILTER
    )
    return Path(path) if path else None


def choose_new_database(parent: QWidget | None, folder: Path) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        f"New {APP_NAME} database",
        str(folder / "runnerup.sqlite3"),
        "RunnerUp databases (*.sqlite3)",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(".sqlite3")


#: Replaceable by tests: (box) -> the button clicked.
ask: Callable[[QMessageBox], object] = lambda box: box.exec()  # noqa: E731
choose: ChooseFile = choose_database


def _offer_another(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    leave: str,
    folder: Path,
) -> Path | None:
    box = QMessageBox(icon, title, for_window(text), parent=parent)
    box.setObjectName("refusedDatabase")
    another = box.addButton("&Open another…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(leave, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(another)
    ask(box)
    if box.clickedButton() is not another:
        return None
    return choose(parent, folder)


def refused_at_start(parent: QWidget | None, text: str, folder: Path) -> Path | None:
    """The file RunnerUp was to open is refused: say why, and offer another one. The
    file chosen, or ``None`` to quit."""
    title = f"{APP_NAME} cannot open the database"
    return _offer_another(parent, QMessageBox.Icon.Critical, title, text, "&Quit", folder)


def refused_on_open(parent: QWidget | None, text: str, folder: Path) -> Path | None:
    """File ▸ Open… chose a file that is refused: say why (the window stays on its own
    file), and offer another one."""
    title = f"{APP_NAME} cannot open that file"
    return _offer_another(parent, QMessageBox.Icon.Warning, title, text, "&Cancel", folder)
