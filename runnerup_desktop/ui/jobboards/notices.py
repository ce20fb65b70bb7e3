"""A job-board finding as a desktop notification (a :class:`Notice` with its posting)."""

from __future__ import annotations

from runnerup_desktop.core.job_match import FindingKind
from runnerup_desktop.core.reminders import Notice
from runnerup_desktop.store.watch_services import FindingRecord

#: More findings than this in one round make one notification for all of them.
SEPARATE_UP_TO = 3

TITLES = {
    FindingKind.REPOSTED: "The role is posted again",
    FindingKind.REOPENED: "The posting is open again",
    FindingKind.SIMILAR: "A similar role is posted",
}


def finding_notice(finding: FindingRecord) -> Notice:
    body = f"{finding.headline}.\n{finding.url}" if finding.url else f"{finding.headline}."
    return Notice(TITLES[finding.kind], body, (), posting_id=finding.posting_id)


def finding_notices(findings: list[FindingRecord]) -> list[Notice]:
    """One notification per finding, or one for all when there are many (it opens the first
    re-post, else the first finding, on the Job boards page)."""
    if len(findings) <= SEPARATE_UP_TO:
        return [finding_notice(f) for f in findings]
    first = next((f for f in findings if f.kind is FindingKind.REPOSTED), findings[0])
    body = "\n".join(f"• {f.headline}" for f in findings[:SEPARATE_UP_TO])
    body += f"\n… and {len(findings) - SEPARATE_UP_TO} more on the Job boards page."
    return [Notice(f"{len(findings)} job-board findings", body, (), posting_id=first.posting_id)]
