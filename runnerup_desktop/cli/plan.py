"""``runnerup plan OUT.pdf``: the one-page interview plan as a PDF, without a window."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from runnerup_desktop.cli.launch import EXIT_REFUSED, Options, close_database, open_database
from runnerup_desktop.system.paths import AppPaths

#: What the plan reads, checked for damage first (see store/damage.py).
PLAN_TABLES = ("opportunity", "company", "contact", "feedback_item", "follow_up", "value_item")


def run(options: Options, args: argparse.Namespace) -> int:
    """Write the plan's PDF; exit 2 with one line on stderr if there is nothing to plan."""
    out: str = args.out
    opportunity_id: int | None = args.opportunity
    paper: str | None = args.paper
    from runnerup_desktop.store.damage import headless_check
    from runnerup_desktop.store.database import StoreRefused
    from runnerup_desktop.store.interview_plan_queries import load_plan, plan_opportunity

    try:
        store = open_database(AppPaths.default(), options)
    except StoreRefused as refusal:
        sys.stderr.write(f"runnerup: {refusal}\n")
        return EXIT_REFUSED
    today = dt.date.today()
    try:
        tables, quick = headless_check(store.path, PLAN_TABLES)
        damage = store.look_for_damage(tables=tables, quick=quick)
        if damage is not None:
            raise damage
        with store.sessions() as session:
            chosen = (
                opportunity_id if opportunity_id is not None else plan_opportunity(session, today)
            )
            content = load_plan(session, chosen, today) if chosen is not None else None
    finally:
        close_database(store, options)
    if content is None:
        sys.stderr.write(
            f"runnerup: there is no opportunity {opportunity_id}.\n"
            if opportunity_id is not None
            else "runnerup: there is no open opportunity to plan an interview for.\n"
        )
        return EXIT_REFUSED
    if sys.platform not in ("win32", "darwin") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from runnerup_desktop.core.interview_plan import Paper, plan_layout
    from runnerup_desktop.ui.plan.plan_render import default_paper, fit_summary, plan_pdf

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    data, found = plan_pdf(content, Paper(paper) if paper else default_paper())
    try:
        with open(out, "wb") as file:
            file.write(data)
    except OSError as error:
        sys.stderr.write(f"runnerup: cannot write {out}: {error.strerror or error}\n")
        return 1
    sys.stdout.write(
        f"{out}: {content.company}, {content.role}. {fit_summary(found, plan_layout(content))}\n"
    )
    return 0
