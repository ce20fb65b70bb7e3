"""Lever's Postings API (github.com/lever/postings-api), the list of published postings.

``GET https://api.lever.co/v0/postings/SITE?mode=json&skip=X&limit=Y`` (the EU instance:
``api.eu.lever.co``) answers a JSON array of postings, each with ``id``, ``text`` (the
title), ``categories`` (``location``, ``commitment``, ``team``, ``department``),
``hostedUrl``, ``applyUrl``, ``workplaceType`` and the description fields. RunnerUp asks
100 at a time and goes on while a page comes back full. ``createdAt`` (milliseconds since
the epoch) is read when present: Lever's responses carry it, though its table of fields
does not list it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from runnerup_desktop.core.job_boards import EU, BoardRef
from runnerup_desktop.core.job_match import Posting
from runnerup_desktop.watch.listing import Page, api_root, day_of, items, obj, place, required, text

ENV = "RUNNERUP_LEVER_API"
DEFAULT_ROOT = "https://api.lever.co"
EU_ROOT = "https://api.eu.lever.co"
PAGED = True
PAGE_SIZE = 100


def base_url(ref: BoardRef, environ: Mapping[str, str] | None = None) -> str:
    root = api_root(ENV, EU_ROOT if ref.region == EU else DEFAULT_ROOT, environ)
    return f"{root}/v0/postings/{quote(ref.key)}"


def page_url(base: str, page: int) -> str:
    return f"{base}?mode=json&skip={page * PAGE_SIZE}&limit={PAGE_SIZE}"


def parse(payload: Any, ref: BoardRef) -> Page:
    postings = []
    for raw in items(payload, "the postings"):
        job = obj(raw, "a posting")
        categories = job.get("categories")
        cats = categories if isinstance(categories, dict) else {}
        postings.append(
            Posting(
                key=required(job, "id"),
                title=required(job, "text"),
                url=text(job.get("hostedUrl")),
                location=place(
                    cats.get("location"), "Remote" if job.get("workplaceType") == "remote" else ""
                ),
                team=text(cats.get("team")) or text(cats.get("department")),
                posted_on=day_of(job.get("createdAt")),
            )
        )
    return Page(postings, more=len(postings) >= PAGE_SIZE)
