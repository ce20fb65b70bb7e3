"""Recording *Role re-posted* from a finding: one click, on the change path."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from runnerup_desktop.store.change import Change
from runnerup_desktop.store.watch_services import FindingRecord
from runnerup_desktop.ui.shell.context import AppContext


def can_record(finding: FindingRecord) -> bool:
    """A finding tied to a role the person came second for, not recorded yet."""
    return finding.opportunity_id is not None and finding.recorded_on is None


def record_role_reposted(
    ctx: AppContext, parent: QWidget | None, finding: FindingRecord, initiator: object = None
) -> Change | None:
    """Plan the touch to the hiring manager for today; ``None`` when refused (said where)."""
    if finding.opportunity_id is None:
        return None
    opportunity_id = finding.opportunity_id
    return ctx.ops.run(
        parent,
        lambda: ctx.services.playbook.role_reposted(
            opportunity_id, ctx.today(), finding.posting_id
        ),
        label=f"Record Role re-posted for “{finding.role_title}” at {finding.company}",
        initiator=initiator,
    )
