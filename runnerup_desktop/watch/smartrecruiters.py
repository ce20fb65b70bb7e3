"""SmartRecruiters' Posting API (dev.smartrecruiters.com, Customer API, Posting API).

``GET https://api.smartrecruiters.com/v1/companies/{companyIdentifier}/postings?limit=
100&offset=N`` lists a company's active postings without authentication, at most 100 a
page (``limit`` can be no more)::

    {"offset": 0, "limit": 100, "totalFound": 2,
     "content": [{"id": "75551135", "uuid": "...", "name": "Director, Customer Engagement",
                  "refNumber": "REF12345", "company": {"identifier": "smartrecruiters", ...},
                  "releasedDate": "2014-02-19T19:36:42.346Z",
                  "location": {"city": "San Francisco", "region": "CA", "country": "us",
                               "remote": true},
                  "department": {"id": "18554", "label": "Marketing"}, ...,
                  "ref": "https://api.smartrecruiters.com/v1/companies/smartrecruiters/postings/75551135"}]}

A posting's ``id`` is its key; its public page is ``jobs.smartrecruiters.com/{company}/{id}``.
RunnerUp reads pages while ``offset + limit`` is short of ``totalFound``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from runnerup_desktop.core.job_boards import BoardRef
from runnerup_desktop.core.job_match import Posting
from runnerup_desktop.watch.listing import (
    Page,
    ShapeError,
    api_root,
    day_of,
    items,
    obj,
    place,
    required,
    text,
)

ENV = "RUNNERUP_SMARTRECRUITERS_API"
DEFAULT_ROOT = "https://api.smartrecruiters.com"
PAGED = True
PAGE_SIZE = 100


def base_url(ref: BoardRef, environ: Mapping[str, str] | None = None) -> str:
    return f"{api_root(ENV, DEFAULT_ROOT, environ)}/v1/companies/{quote(ref.key)}/postings"


def page_url(base: str, page: int) -> str:
    return f"{base}?limit={PAGE_SIZE}&offset={page * PAGE_SIZE}"


def parse(payload: Any, ref: BoardRef) -> Page:
    listing = obj(payload, "the listing")
    content = items(listing.get("content"), "content")
    postings = []
    for raw in content:
        job = obj(raw, "a posting")
        key = required(job, "id")
        where = job.get("location")
        loc = where if isinstance(where, dict) else {}
        department = job.get("department")
        postings.append(
            Posting(
                key=key,
                title=required(job, "name"),
                url=f"https://jobs.smartrecruiters.com/{quote(ref.key)}/{quote(key)}",
                location=text(loc.get("fullLocation"))
                or place(
                    loc.get("city"),
                    loc.get("region"),
                    loc.get("country"),
                    "Remote" if loc.get("remote") else "",
                ),
                team=text(department.get("label")) if isinstance(department, dict) else "",
                posted_on=day_of(job.get("releasedDate")),
            )
        )
    try:
        offset, total = int(listing.get("offset", 0)), int(listing.get("totalFound", 0))
    except (TypeError, ValueError) as exc:
        raise ShapeError("offset or totalFound is not a number") from exc
    return Page(postings, more=bool(content) and offset + len(content) < total)
