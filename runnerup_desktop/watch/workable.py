"""Workable's public jobs listing: the one its hosted careers page and jobs widget read.

Not Workable's token API (``{subdomain}.workable.com/spi/v3/jobs``, which needs an
account's access token), but the public listing of published jobs, documented in
Workable's help centre for embedding jobs on a company's own site:
``GET https://apply.workable.com/api/v1/widget/accounts/{account}`` (the older
``www.workable.com/api/accounts/{account}`` redirects to it) answers every published job
at once::

    {"name": "Northwind Analytics", "description": "...",
     "jobs": [{"title": "Data Engineer", "shortcode": "A1B2C3D4E5", "code": "",
               "employment_type": "Full-time", "telecommuting": false,
               "department": "Engineering", "url": "https://apply.workable.com/j/A1B2C3D4E5",
               "shortlink": "https://apply.workable.com/j/A1B2C3D4E5",
               "application_url": "https://apply.workable.com/j/A1B2C3D4E5/apply",
               "published_on": "2025-04-25", "created_at": "2025-04-24",
               "country": "Portugal", "city": "Lisbon", "state": "Lisbon",
               "locations": [{"country": "Portugal", "countryCode": "PT",
                              "city": "Lisbon", "region": "Lisbon", "hidden": false}]}]}

A job's ``shortcode`` is its key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

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

ENV = "RUNNERUP_WORKABLE_API"
DEFAULT_ROOT = "https://apply.workable.com"
PAGED = False


def base_url(ref: BoardRef, environ: Mapping[str, str] | None = None) -> str:
    return f"{api_root(ENV, DEFAULT_ROOT, environ)}/api/v1/widget/accounts/{quote(ref.key)}"


def page_url(base: str, page: int) -> str:
    return base


def parse(payload: Any, ref: BoardRef) -> Page:
    postings = []
    for raw in items(obj(payload, "the listing").get("jobs"), "jobs"):
        job = obj(raw, "a job")
        postings.append(
            Posting(
                key=required(job, "shortcode", "code"),
                title=required(job, "title"),
                url=text(job.get("shortlink")) or text(job.get("url")),
                location=place(
                    job.get("city"),
                    job.get("country"),
                    "Remote" if job.get("telecommuting") else "",
                ),
                team=text(job.get("department")),
                posted_on=latest(day_of(job.get("published_on")), day_of(job.get("created_at"))),
            )
        )
    return Page(postings)
