"""Render the correction dialogs, the Undo menu and Compose's close question to PNG, over
the demo story (issue 15, for review).

QT_QPA_PLATFORM=offscreen python scripts/screenshots_corrections.py docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from runnerup_desktop.core.domain import FollowUpStatus, Step
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.models import FollowUp
from runnerup_desktop.system.secrets import PasswordVault
from runnerup_desktop.ui.followups.followup_edit import EditFollowUpDialog
from runnerup_desktop.ui.messages.compose_dialog import ComposeDialog
from runnerup_desktop.ui.messages.drafts import Closing, closing_box
from runnerup_desktop.ui.opportunities.news_edit_dialog import NewsEditDialog
from runnerup_desktop.ui.opportunities.value_items_dialog import ValueItemsDialog
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog
from runnerup_desktop.ui.timeline.interaction_dialog import InteractionDialog


def shot(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.show()
    app.processEvents()
    widget.grab().save(str(path))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="runnerup-shots-"))
    store = open_store(folder / "demo.sqlite3")
    seed_demo(store.sessions)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext.for_store(store, settings))
    ctx = window.context
    window.resize(1280, 640)
    window.show()
    app.processEvents()

    # The Edit menu after a delete: it says what Ctrl+Z takes back.
    page = window.directory
    page.select_company(3)  # Cedar & Stone Health
    ctx.ops.run(
        window,
        lambda: ctx.services.directory.delete_company(3),
        label="Delete company “Cedar & Stone Health”",
    )
    app.processEvents()
    menu = window.edit_menu
    bar = window.menuBar()
    anchor = bar.mapTo(window, bar.actionGeometry(menu.menuAction()).bottomLeft())
    menu.popup(window.mapToGlobal(anchor))
    app.processEvents()
    canvas = QPixmap(window.size())
    window.render(canvas)
    painter = QPainter(canvas)
    painter.drawPixmap(QPoint(anchor), menu.grab())
    painter.end()
    canvas.copy(0, 0, min(canvas.width(), 720), min(canvas.height(), 360)).save(
        str(out / "undo-menu.png")
    )
    menu.hide()

    with store.sessions() as session:
        offer = session.scalars(
            select(FollowUp.id).where(FollowUp.step == Step.OFFER_CHECK_IN)
        ).one()
    playbook = ctx.services.playbook
    playbook.add_value_item(1, "Their main competitor opened a Lisbon office")
    playbook.add_value_item(1, "A large retailer moved its data platform to them", "Press release")
    values = playbook.follow_up_values(offer)
    edit = EditFollowUpDialog(
        ctx.services.playbook,
        offer,
        values,
        company="Northwind Analytics",
        status=FollowUpStatus.PLANNED,
        contacts=[(1, "Hana Kobayashi"), (2, "Łukasz Wróbel"), (3, "Zoë Müller")],
        opportunities=[(1, "Engineering Manager, Data Platform")],
        value_items=playbook.value_items(1),
        min_spacing_days=21,
        run=ctx.ops.runner(window),
        parent=window,
    )
    shot(app, edit, out / "edit-follow-up.png")
    edit.close()

    entry = playbook.timeline(company_id=1)[0]
    interaction = InteractionDialog(ctx, 1, entry.contact_id, window, editing=entry.id)
    shot(app, interaction, out / "edit-interaction.png")
    interaction.close()

    news = NewsEditDialog(ctx, 1, window)
    shot(app, news, out / "edit-the-news.png")
    news.close()

    values_dialog = ValueItemsDialog(ctx, 1, "Northwind Analytics", window)
    shot(app, values_dialog, out / "value-items.png")
    values_dialog.close()

    preferences = PreferencesDialog(
        ctx.settings, window, profiles=ctx.services.profiles, run=ctx.ops.runner(window)
    )
    preferences.name_edit.setText("Ana Sousa")
    preferences.email_edit.setText("ana.sousa@example.org")
    preferences.signature_edit.setPlainText("Ana Sousa\nEngineering manager · +351 21 555 0100")
    shot(app, preferences, out / "preferences-profile.png")
    preferences.close()

    compose = ComposeDialog(ctx, PasswordVault(), offer, parent=window)
    compose.body_edit.appendPlainText("\nP.S. I shipped a Spark job since we spoke.")
    shot(app, compose, out / "compose-edited.png")
    box, _answers = closing_box(compose)
    shot(app, box, out / "compose-close-question.png")
    box.close()
    compose.ask_closing = lambda _parent: Closing.DISCARD
    compose.close()
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
