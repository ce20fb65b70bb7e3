"""Recruitee's Careers Site API (docs.recruitee.com, "Careers Site API", ``/offers``).

It answers on the company's own careers host, without authentication:
``GET https://{company}.recruitee.com/api/offers/`` lists the published offers at once::

    {"offers": [{"id": 1234, "slug": "data-engineer", "title": "Data Engineer",
                 "status": "published", "department": "Engineering",
                 "location": "Lisbon, Portugal", "city": "Lisbon", "country": "Portugal",
                 "remote": false, "careers_url": "https://northwind.recruitee.com/o/data-engineer",
                 "careers_apply_url": "https://northwind.recruitee.com/o/data-engineer/c/new",
                 "created_at": "2025-04-24 09:12:05 UTC",
                 "published_at": "2025-04-25 08:00:00 UTC"}]}

An offer's ``id`` is its key. ``RUNNERUP_RECRUITEE_API`` replaces the company's host.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from runnerup_desktop.core.job_boards import BoardRef
from runnerup_desktop.core.job_match import Posting
from runnerup_desktop.watch.listing import (
    Page,
    api_root,
    day_of,
    items,
    latest,
    obj,
    place,
    required,
    text,
)

ENV = "RUNNERUP_RECRUITEE_API"
PAGED = False


def base_url(ref: BoardRef, environ: Mapping[str, str] | None = None) -> str:
    return f"{api_root(ENV, f'https://{ref.key}.recruitee.com', environ)}/api/offers/"


def page_url(base: str, page: int) -> str:
    return base


def parse(payload: Any, ref: BoardRef) -> Page:
    postings = []
    for raw in items(obj(payload, "the listing").get("offers"), "offers"):
        job = obj(raw, "an offer")
        if job.get("status") not in (None, "published"):
            continue
        postings.append(
            Posting(
                key=required(job, "id", "slug"),
                title=required(job, "title"),
                url=text(job.get("careers_url")),
                location=text(job.get("location"))
                or place(
                    job.get("city"), job.get("country"), "Remote" if job.get("remote") else ""
                ),
                team=text(job.get("department")),
                posted_on=latest(
                    day_of(job.get("published_at")),
                    day_of(job.get("updated_at")),
                    day_of(job.get("created_at")),
                ),
            )
        )
    return Page(postings)
