"""Each provider's documented listing, served on loopback, read by its module."""

from __future__ import annotations

import datetime as dt

import pytest

from runnerup_desktop.core.job_boards import EU, BoardNotRecognised, BoardRef, Provider, recognise
from runnerup_desktop.core.job_match import FindingKind
from runnerup_desktop.store.watch_services import WatchServices
from runnerup_desktop.watch import lever, recruitee, smartrecruiters
from runnerup_desktop.watch.check import run_watch
from runnerup_desktop.watch.http import BoardClient
from runnerup_desktop.watch.listing import ShapeError, day_of
from tests.watch.board_server import BoardServer, listing
from tests.watch.conftest import Clock, Story

INTERVAL = dt.timedelta(hours=6)

PROVIDERS = [
    # careers page, the listing's path, stored data, the re-posted job's link, open postings
    (
        "https://boards.greenhouse.io/northwind",
        "/v1/boards/northwind/jobs",
        "greenhouse",
        "https://job-boards.greenhouse.io/northwind/jobs/4012001",
        2,
    ),
    (
        "https://jobs.eu.lever.co/northwind",
        "/v0/postings/northwind?mode=json&skip=0&limit=100",
        "lever",
        "https://jobs.lever.co/northwind/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
        2,
    ),
    (
        "https://jobs.ashbyhq.com/northwind",
        "/posting-api/job-board/northwind",
        "ashby",
        "https://jobs.ashbyhq.com/northwind/57ecd675-e7ad-4fad-8b4a-29c62d07e645",
        2,  # the unlisted job is not on the public board
    ),
    (
        "https://apply.workable.com/northwind/",
        "/api/v1/widget/accounts/northwind",
        "workable",
        "https://apply.workable.com/j/7F3C2A19B4",
        2,
    ),
    (
        "https://jobs.smartrecruiters.com/NorthwindAnalytics",
        "/v1/companies/NorthwindAnalytics/postings?limit=100&offset=0",
        "smartrecruiters",
        "https://jobs.smartrecruiters.com/NorthwindAnalytics/744000055512345",
        2,
    ),
    (
        "https://northwind.recruitee.com/",
        "/api/offers/",
        "recruitee",
        "https://northwind.recruitee.com/o/engineering-manager-data-platform",
        2,
    ),
]


@pytest.mark.parametrize(("careers", "path", "data", "link", "open_postings"), PROVIDERS)
def test_first_check_of_each_provider_reports_the_repost_and_keeps_the_rest_as_baseline(
    board_server: BoardServer,
    watch: WatchServices,
    story: Story,
    clock: Clock,
    careers: str,
    path: str,
    data: str,
    link: str,
    open_postings: int,
) -> None:
    board_server.serve_json(path, listing(data))
    watch.set_board(story.company_id, careers, True)

    with BoardClient(timeout=5) as client:
        report = run_watch(watch, INTERVAL, clock, client=client)

    assert board_server.paths() == [path]
    assert report.problems == []
    [finding] = report.findings
    assert (finding.kind, finding.url, finding.opportunity_id) == (
        FindingKind.REPOSTED,
        link,
        story.opportunity_id,
    )
    assert "the role you came second for" in finding.reason
    assert finding.headline.startswith("Northwind Analytics posted Engineering Manager")
    assert finding.headline.endswith(
        "again, 47 days after the offer went to someone else, inside the 90-day window"
    )
    [board] = watch.boards()
    assert board.open_postings == open_postings
    assert board.status.startswith(f"First check: {open_postings} open postings; 1 finding")


def test_smartrecruiters_pages_at_100(
    board_server: BoardServer, watch: WatchServices, story: Story, clock: Clock
) -> None:
    base = "/v1/companies/NorthwindAnalytics/postings"
    template = listing("smartrecruiters")["content"][1]
    everything = [
        dict(template, id=f"7440000555{n:05d}", name=f"Payroll Specialist {n}") for n in range(230)
    ]
    for offset in (0, 100, 200):
        page = everything[offset : offset + 100]
        board_server.serve_json(
            f"{base}?limit=100&offset={offset}",
            {"offset": offset, "limit": 100, "totalFound": 230, "content": page},
        )
    watch.set_board(story.company_id, "jobs.smartrecruiters.com/NorthwindAnalytics", True)
    with BoardClient(timeout=5) as client:
        run_watch(watch, INTERVAL, clock, client=client)
    assert board_server.paths() == [f"{base}?limit=100&offset={o}" for o in (0, 100, 200)]
    assert watch.boards()[0].open_postings == 230


def test_lever_pages_while_a_page_comes_back_full(
    board_server: BoardServer, watch: WatchServices, story: Story, clock: Clock
) -> None:
    one = listing("lever")[1]
    board_server.serve_json(
        "/v0/postings/northwind?mode=json&skip=0&limit=100",
        [dict(one, id=f"id-{n}") for n in range(100)],
    )
    board_server.serve_json(
        "/v0/postings/northwind?mode=json&skip=100&limit=100",
        [dict(one, id=f"id-{n}") for n in range(100, 107)],
    )
    watch.set_board(story.company_id, "jobs.lever.co/northwind", True)
    with BoardClient(timeout=5) as client:
        run_watch(watch, INTERVAL, clock, client=client)
    assert watch.boards()[0].open_postings == 107


@pytest.mark.parametrize(
    ("ref", "environ", "url"),
    [
        (BoardRef(Provider.LEVER, "acme"), {}, "https://api.lever.co/v0/postings/acme"),
        (BoardRef(Provider.LEVER, "acme", EU), {}, "https://api.eu.lever.co/v0/postings/acme"),
        (
            BoardRef(Provider.LEVER, "acme", EU),
            {"RUNNERUP_LEVER_API": "http://127.0.0.1:8080/"},
            "http://127.0.0.1:8080/v0/postings/acme",
        ),
        (BoardRef(Provider.RECRUITEE, "acme"), {}, "https://acme.recruitee.com/api/offers/"),
        (
            BoardRef(Provider.RECRUITEE, "acme"),
            {"RUNNERUP_RECRUITEE_API": "https://mirror.example:8443"},
            "https://mirror.example:8443/api/offers/",
        ),
        (
            BoardRef(Provider.SMARTRECRUITERS, "Acme1"),
            {},
            "https://api.smartrecruiters.com/v1/companies/Acme1/postings",
        ),
    ],
)
def test_api_roots_and_their_overrides(ref: BoardRef, environ: dict[str, str], url: str) -> None:
    module = {Provider.LEVER: lever, Provider.RECRUITEE: recruitee}.get(
        ref.provider, smartrecruiters
    )
    assert module.base_url(ref, environ) == url


def test_a_bad_override_is_a_sentence() -> None:
    with pytest.raises(ShapeError, match="RUNNERUP_LEVER_API should be a scheme and host"):
        lever.base_url(BoardRef(Provider.LEVER, "acme"), {"RUNNERUP_LEVER_API": "ftp://x/y"})


@pytest.mark.parametrize(
    ("url", "provider", "key", "region"),
    [
        ("https://boards.greenhouse.io/northwind", Provider.GREENHOUSE, "northwind", ""),
        ("job-boards.greenhouse.io/northwind/jobs/4012001", Provider.GREENHOUSE, "northwind", ""),
        ("https://boards.greenhouse.io/embed/job_board?for=acme", Provider.GREENHOUSE, "acme", ""),
        ("https://jobs.lever.co/northwind", Provider.LEVER, "northwind", ""),
        ("jobs.eu.lever.co/northwind/5ac2", Provider.LEVER, "northwind", EU),
        ("https://jobs.ashbyhq.com/northwind", Provider.ASHBY, "northwind", ""),
        ("https://apply.workable.com/northwind/j/7F3C2A19B4/", Provider.WORKABLE, "northwind", ""),
        ("northwind.workable.com", Provider.WORKABLE, "northwind", ""),
        (
            "https://jobs.smartrecruiters.com/NorthwindAnalytics",
            Provider.SMARTRECRUITERS,
            "NorthwindAnalytics",
            "",
        ),
        (
            "careers.smartrecruiters.com/NorthwindAnalytics",
            Provider.SMARTRECRUITERS,
            "NorthwindAnalytics",
            "",
        ),
        ("https://northwind.recruitee.com/o/data-engineer", Provider.RECRUITEE, "northwind", ""),
        ("HTTPS://WWW.Jobs.Lever.co/northwind", Provider.LEVER, "northwind", ""),
    ],
)
def test_boards_are_recognised_from_the_address_alone(
    url: str, provider: Provider, key: str, region: str
) -> None:
    assert recognise(url) == BoardRef(provider, key, region)


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        ("https://careers.northwind.example/jobs", "careers.northwind.example is none of them"),
        ("https://boards.greenhouse.io/", "That Greenhouse address names no company"),
        ("https://jobs.lever.co", "That Lever address names no company"),
        ("www.recruitee.com", "recruitee.com is none of them"),
        ("mailto:jobs@northwind.example", "is not a web address"),
        ("", "Paste the address of the company's careers page."),
    ],
)
def test_other_addresses_get_a_sentence(url: str, sentence: str) -> None:
    with pytest.raises(BoardNotRecognised, match=sentence.replace(".", r"\.")):
        recognise(url)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2016-01-14T10:55:28-05:00", dt.date(2016, 1, 14)),
        ("2016-01-14T22:55:28-05:00", dt.date(2016, 1, 15)),  # in UTC it is the next day
        ("2021-04-30T16:21:55.393+00:00", dt.date(2021, 4, 30)),
        ("2014-02-19T19:36:42.346Z", dt.date(2014, 2, 19)),
        ("2025-04-26 08:00:00 UTC", dt.date(2025, 4, 26)),
        ("2025-04-26", dt.date(2025, 4, 26)),
        (1745660400000, dt.date(2025, 4, 26)),
        ("yesterday", None),
        (None, None),
        (True, None),
    ],
)
def test_dates_as_the_providers_write_them(value: object, day: dt.date | None) -> None:
    assert day_of(value) == day
