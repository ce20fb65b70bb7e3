"""Drafts in Compose (issue 15): closing an edited message asks whether to keep it; a kept
draft comes back when Compose opens again on the same follow-up.

The question has three answers: keep it as a draft (saved in the database, one undo step),
discard it (a draft kept before goes too), or cancel (back to writing). Escape, the Close
button and the window's close button all ask; a draft the person did not change since it
was opened or kept closes without a question.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from runnerup_desktop.store.change import Change
from runnerup_desktop.store.profile_services import Draft, ProfileServices
from runnerup_desktop.ui.common.writing_dialog import Runner

CLOSE_TITLE = "Keep this draft?"
CLOSE_TEXT = "You changed this message. Keep it as a draft to finish later, or discard it?"


class Closing(Enum):
    KEEP = "keep"
    DISCARD = "discard"
    CANCEL = "cancel"


#: ``(parent) -> answer``: asks what to do with an edited draft; tests answer without a modal.
AskClosing = Callable[[QWidget], Closing]


def closing_box(parent: QWidget) -> tuple[QMessageBox, dict[QAbstractButton, Closing]]:
    """The question, built (not shown): Keep as draft (the default), Discard, Cancel."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        CLOSE_TITLE,
        CLOSE_TEXT,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("keepDraftQuestion")
    keep = box.addButton("&Keep as draft", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(cancel)
    return box, {keep: Closing.KEEP, discard: Closing.DISCARD, cancel: Closing.CANCEL}


def ask_closing(parent: QWidget) -> Closing:
    """Ask :data:`CLOSE_TEXT`; Escape is Cancel."""
    box, answers = closing_box(parent)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return answers.get(clicked, Closing.CANCEL) if clicked is not None else Closing.CANCEL


class DraftKeeper:
    """Keeps and discards one follow-up's draft through the change path."""

    def __init__(self, profiles: ProfileServices, follow_up_id: int, title: str, run: Runner):
        self._profiles = profiles
        self._follow_up_id = follow_up_id
        self._title = title
        self._run = run
        #: The draft kept when Compose opened, if any.
        self.kept: Draft | None = profiles.draft(follow_up_id)

    def keep(self, to: str, subject: str, body: str, template_id: int | None) -> bool:
        """Save the draft; false when it was refused (shown by the runner)."""
        draft = Draft(self._follow_up_id, to, subject, body, template_id)
        change = self._run(
            lambda: self._profiles.save_draft(draft), label=f"Keep the draft of “{self._title}”"
        )
        if change is None:
            return False
        self.kept = draft
        return True

    def discard(self) -> None:
        """Forget a kept draft (nothing to do when none was kept)."""
        if self.kept is None:
            return
        self._run(
            lambda: self._profiles.discard_draft(self._follow_up_id),
            label=f"Discard the draft of “{self._title}”",
        )
        self.kept = None

    def done_with(self, complete: Callable[[], Change]) -> Callable[[], Change]:
        """``complete`` and forgetting the kept draft, as one operation (one transaction)."""

        def both() -> Change:
            change = complete()
            return change | self._profiles.discard_draft(self._follow_up_id)

        return both
