"""The watch over time, against a board on loopback: nothing new, re-posted, similar,
closed then reopened, errors and back-off, a board that moved, a board gone."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import select

from runnerup_desktop.core.cadence import check_spacing
from runnerup_desktop.core.domain import FollowUpStatus, Stage, Step
from runnerup_desktop.core.job_match import FindingKind
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.models import FollowUp
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.store.watch_models import JobPosting
from runnerup_desktop.store.watch_services import WatchServices
from runnerup_desktop.watch.check import WatchReport, run_watch
from runnerup_desktop.watch.http import BoardClient
from tests.watch.board_server import BoardServer
from tests.watch.conftest import Clock, Story

INTERVAL = dt.timedelta(hours=6)
PATH = "/v1/boards/northwind/jobs"
CAREERS = "https://boards.greenhouse.io/northwind"


def _job(job_id: int, title: str, updated: str = "2025-02-01T09:00:00+00:00") -> dict[str, Any]:
    return {
        "id": job_id,
        "internal_job_id": job_id + 1,
        "title": title,
        "updated_at": updated,
        "requisition_id": None,
        "location": {"name": "Lisbon"},
        "absolute_url": f"https://job-boards.greenhouse.io/northwind/jobs/{job_id}",
        "metadata": None,
    }


def _board(*jobs: dict[str, Any]) -> dict[str, Any]:
    return {"jobs": list(jobs), "meta": {"total": len(jobs)}}


BEFORE = [_job(1, "Senior Data Analyst"), _job(2, "Engineering Manager, Data Platform")]


def _check(watch: WatchServices, clock: Clock, *, due_only: bool = False) -> WatchReport:
    with BoardClient(timeout=1) as client:
        return run_watch(watch, INTERVAL, clock, client=client, due_only=due_only)


@pytest.fixture
def watched(board_server: BoardServer, watch: WatchServices, story: Story) -> BoardServer:
    """The board is watched and its first check found only what was there before the news
    (the role itself was still up then: the baseline, not news)."""
    board_server.serve_json(PATH, _board(*BEFORE), etag='"v1"')
    watch.set_board(story.company_id, CAREERS, True)
    return board_server


def test_first_check_keeps_what_was_there_before_the_news_as_the_baseline(
    watched: BoardServer, watch: WatchServices, clock: Clock
) -> None:
    report = _check(watch, clock)
    assert (report.checked, report.findings, report.problems) == (1, [], [])
    [board] = watch.boards()
    assert board.open_postings == 2
    assert board.status == (
        "First check: 2 open postings; nothing new since the news, the rest kept as the baseline."
    )
    assert board.last_checked_at == clock.now
    assert board.next_check_at == clock.now + INTERVAL


def test_nothing_new_uses_the_etag_and_says_so(
    watched: BoardServer, watch: WatchServices, clock: Clock
) -> None:
    _check(watch, clock)
    clock.advance(hours=6)
    report = _check(watch, clock)
    assert report.findings == []
    assert watched.requests[-1].headers.get("If-None-Match") == '"v1"'
    assert watch.boards()[0].status.startswith("Nothing new: the board has not changed")
    # a board without validators: the same listing again is no news either
    watched.serve_json(PATH, _board(*BEFORE))
    clock.advance(hours=6)
    assert _check(watch, clock).findings == []
    assert watch.boards()[0].status == "2 open postings; nothing new."


def test_the_role_reposted_is_reported_once_with_why(
    watched: BoardServer, watch: WatchServices, clock: Clock, story: Story
) -> None:
    _check(watch, clock)
    clock.advance(hours=6)
    watched.serve_json(
        PATH,
        _board(
            _job(1, "Senior Data Analyst"), _job(9, "Engineering Manager - Data Platform (Lisbon)")
        ),
    )
    [finding] = _check(watch, clock).findings
    assert finding.kind is FindingKind.REPOSTED
    assert finding.reason.startswith(
        "“Engineering Manager - Data Platform (Lisbon)” reads as the role you came second for, "
        "“Engineering Manager, Data Platform”, once the place (lisbon) is set aside"
    )
    assert finding.headline == (
        "Northwind Analytics posted Engineering Manager - Data Platform (Lisbon) again, 47 days "
        "after the offer went to someone else, inside the 90-day window"
    )
    # A restart (a new services object on the same file) does not announce it again.
    clock.advance(hours=6)
    again = WatchServices(watch._sessions, now=clock)
    assert _check(again, clock).findings == []
    assert [f.posting_id for f in again.findings()] == [finding.posting_id]


def test_a_similar_role_is_weaker_news(
    watched: BoardServer, watch: WatchServices, clock: Clock
) -> None:
    _check(watch, clock)
    watched.serve_json(
        PATH,
        _board(
            *BEFORE,
            _job(10, "Director of Engineering, Data Platform"),
            _job(11, "Payroll Specialist"),
        ),
    )
    clock.advance(hours=6)
    [finding] = _check(watch, clock).findings
    assert finding.kind is FindingKind.SIMILAR
    assert "is 75% like “Engineering Manager, Data Platform”" in finding.reason
    assert finding.headline.startswith(
        "Northwind Analytics posted a similar role, Director of Engineering, Data Platform"
    )


def test_a_posting_closed_then_reopened(
    watched: BoardServer, watch: WatchServices, clock: Clock, store: Store
) -> None:
    _check(watch, clock)
    watched.serve_json(PATH, _board(BEFORE[0]))  # the role's posting comes down
    clock.advance(days=1)
    assert _check(watch, clock).findings == []
    with store.sessions() as session:
        closed = session.scalar(select(JobPosting).where(JobPosting.posting_key == "2"))
        assert closed is not None and not closed.open and closed.closed_on == clock.now.date()
    watched.serve_json(PATH, _board(*BEFORE))  # ...and goes up again
    clock.advance(days=3)
    [finding] = _check(watch, clock).findings
    assert finding.kind is FindingKind.REOPENED
    assert "The same posting (2) is back: it had closed on 2025-04-27." in finding.reason
    assert finding.headline.startswith(
        "Northwind Analytics reopened Engineering Manager, Data Platform"
    )


@pytest.mark.parametrize(
    ("route", "sentence"),
    [
        ({"status": 500}, "had a problem of its own (HTTP 500); it is tried again later."),
        ({"status": 403}, "refused the request (HTTP 403)."),
        (
            {"body": b"<html>Careers</html>"},
            "answered with something that is not a job listing (not JSON).",
        ),
        (
            {"body": b'{"jobs": "soon"}'},
            "not a Greenhouse job listing (expected a list for jobs).",
        ),
        (
            {"body": json.dumps({"jobs": [{"id": 3}]}).encode()},
            "not a Greenhouse job listing (a posting without title).",
        ),
        ({"delay": 2.0, "body": b"{}"}, "did not answer within 1 second."),
    ],
    ids=["server error", "refused", "html", "wrong shape", "no title", "timeout"],
)
def test_errors_are_a_sentence_with_back_off_and_nothing_lost(
    watched: BoardServer, watch: WatchServices, clock: Clock, route: dict[str, Any], sentence: str
) -> None:
    _check(watch, clock)
    watched.serve(PATH, **route)
    waits = []
    for _ in range(3):
        clock.advance(hours=1)
        report = _check(watch, clock)
        assert report.findings == []
        [(company, problem)] = report.problems
        assert company == "Northwind Analytics"
        assert problem.startswith("127.0.0.1") and problem.endswith(sentence)
        board = watch.boards()[0]
        assert board.status == problem and board.open_postings == 2  # what was seen stays
        assert board.next_check_at is not None
        waits.append(board.next_check_at - clock.now)
    assert waits == [INTERVAL, 2 * INTERVAL, 4 * INTERVAL]
    # not due before its back-off is over; then it recovers and the counter is reset
    watched.serve_json(PATH, _board(*BEFORE))
    assert _check(watch, clock, due_only=True).checked == 0
    clock.advance(hours=24)
    assert _check(watch, clock, due_only=True).problems == []
    assert watch.boards()[0].failures == 0


def test_retry_after_is_honoured(watched: BoardServer, watch: WatchServices, clock: Clock) -> None:
    _check(watch, clock)
    watched.serve(PATH, status=429, headers={"Retry-After": "86400"})
    _check(watch, clock)
    board = watch.boards()[0]
    assert board.next_check_at == clock.now + dt.timedelta(days=1)
    assert "asks to be asked less often (HTTP 429)" in board.status


@pytest.mark.parametrize("status", [301, 308])
def test_a_board_that_moved_for_good_is_followed_and_saved(
    watched: BoardServer, watch: WatchServices, clock: Clock, status: int
) -> None:
    _check(watch, clock)
    new_path = "/v1/boards/northwind-analytics/jobs"
    watched.redirect(PATH, watched.root + new_path, status)
    watched.serve_json(new_path, _board(*BEFORE, _job(9, "Sr. Engineering Manager, Data Platform")))
    clock.advance(hours=6)
    [finding] = _check(watch, clock).findings
    assert finding.kind is FindingKind.REPOSTED
    clock.advance(hours=6)
    _check(watch, clock)
    assert watched.paths()[-3:] == [PATH, new_path, new_path]  # asked at the new address


def test_a_temporary_redirect_is_followed_but_not_saved(
    watched: BoardServer, watch: WatchServices, clock: Clock
) -> None:
    _check(watch, clock)
    watched.redirect(PATH, watched.root + "/elsewhere", 302)
    watched.serve_json("/elsewhere", _board(*BEFORE))
    clock.advance(hours=6)
    _check(watch, clock)
    clock.advance(hours=6)
    _check(watch, clock)
    assert watched.paths()[-4:] == [PATH, "/elsewhere", PATH, "/elsewhere"]


def test_a_board_gone_is_reported_and_paused_until_the_person_says_so(
    watched: BoardServer, watch: WatchServices, clock: Clock, story: Story
) -> None:
    _check(watch, clock)
    del watched.routes[PATH]  # the server answers 404
    for _ in (1, 2):
        clock.advance(days=3)
        [(_, problem)] = _check(watch, clock, due_only=True).problems
        assert problem.endswith("answered “not found” (HTTP 404).")
        assert not watch.boards()[0].paused
    clock.advance(days=3)
    _check(watch, clock, due_only=True)
    board = watch.boards()[0]
    assert board.paused
    assert board.status.startswith("The board answered “not found” 3 times in a row")
    assert "The watch is paused" in board.status
    clock.advance(days=30)
    assert watch.boards_to_check(INTERVAL, due_only=False) == []
    # the person fixes the address: checked again
    watch.set_board(story.company_id, CAREERS, True)
    assert [t.board_id for t in watch.boards_to_check(INTERVAL)] == [board.board_id]


def test_the_watch_stops_when_the_role_closes_or_is_turned_off(
    watched: BoardServer, watch: WatchServices, clock: Clock, story: Story, store: Store
) -> None:
    assert len(watch.boards_to_check(INTERVAL)) == 1
    watch.set_board(story.company_id, CAREERS, False)
    assert watch.boards_to_check(INTERVAL) == []
    watch.set_board(story.company_id, CAREERS, True)
    playbook = PlaybookServices(store.sessions, today=lambda: clock.now.date())
    playbook.update_opportunity(story.opportunity_id, {"stage": Stage.CLOSED})
    assert watch.boards_to_check(INTERVAL) == []
    assert not watch.boards()[0].has_role
    assert _check(watch, clock).checked == 0
    assert watched.requests == []  # nothing was fetched


def test_nothing_is_fetched_before_the_watch_is_on(
    board_server: BoardServer, watch: WatchServices, story: Story, clock: Clock
) -> None:
    board_server.serve_json(PATH, _board(*BEFORE))
    watch.set_board(story.company_id, CAREERS, False)
    assert _check(watch, clock).checked == 0
    assert board_server.requests == []


def test_a_custom_domain_is_refused_with_a_sentence(watch: WatchServices, story: Story) -> None:
    with pytest.raises(ServiceError, match=r"careers\.northwind\.example is none of them"):
        watch.set_board(story.company_id, "https://careers.northwind.example/", True)
    assert watch.boards() == []


def test_another_board_for_the_company_starts_afresh(
    watched: BoardServer, watch: WatchServices, clock: Clock, story: Story
) -> None:
    _check(watch, clock)
    watch.set_board(story.company_id, "https://jobs.lever.co/northwind", True)
    [board] = watch.boards()
    assert (board.provider.value, board.open_postings, board.last_checked_at) == ("lever", 0, None)
    watch.set_board(story.company_id, "", False)
    assert watch.boards() == []


def test_recording_role_reposted_from_a_finding(
    watched: BoardServer, watch: WatchServices, clock: Clock, story: Story, store: Store
) -> None:
    _check(watch, clock)
    watched.serve_json(PATH, _board(*BEFORE, _job(9, "Engineering Manager - Data Platform")))
    [finding] = _check(watch, clock).findings
    playbook = PlaybookServices(store.sessions, today=lambda: clock.now.date())
    change = playbook.role_reposted(story.opportunity_id, clock.now.date(), finding.posting_id)
    assert change.follow_ups and change.job_boards and change.interactions

    with store.sessions() as session:
        touch = session.scalar(select(FollowUp).where(FollowUp.step == Step.ROLE_REPOSTED))
        assert touch is not None
        assert (touch.contact_id, touch.due_on, touch.status) == (
            story.manager_id,
            clock.now.date(),
            FollowUpStatus.PLANNED,
        )
    assert watch.finding(finding.posting_id).recorded_on == clock.now.date()  # type: ignore[union-attr]
    # exempt from the spacing rule, though the thank-you note is on the calendar
    assert check_spacing([], touch.due_on, touch.step) is None
    with pytest.raises(ServiceError, match="after today"):
        playbook.role_reposted(story.opportunity_id, clock.now.date() + dt.timedelta(days=1))
