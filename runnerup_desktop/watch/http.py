"""Fetching a board's listing: HTTPS with the system's certificates, proxies, validators.

- TLS is verified against the operating system's certificate store through ``truststore``
  (Windows' and macOS's own verifiers, OpenSSL's system paths on Linux; ``SSL_CERT_FILE``
  is honoured there), so the frozen app needs no certificate bundle and no Qt TLS plugin.
- Proxies: ``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY`` and ``NO_PROXY``, and the
  system's proxy settings where Python reads them (Windows' registry, macOS's settings).
- Conditional requests: the board's ``ETag`` and ``Last-Modified`` go back as
  ``If-None-Match`` and ``If-Modified-Since``; a 304 is "nothing changed".
- Redirects are followed (at most 5); when every hop was permanent (301 or 308), the final
  address is reported so the caller saves it and asks there next time.
- Every failure is a :class:`FetchError` whose ``str()`` is a sentence for the person.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import truststore

from runnerup_desktop import APP_NAME, __version__

TIMEOUT_S = 20.0
#: A listing larger than this is not a job board's.
MAX_BYTES = 32 * 1024 * 1024
PERMANENT = (301, 308)


class FetchError(Exception):
    """A check that failed; ``str(exc)`` is a sentence."""

    def __init__(
        self, sentence: str, *, not_found: bool = False, retry_after: dt.timedelta | None = None
    ) -> None:
        super().__init__(sentence)
        self.not_found = not_found
        self.retry_after = retry_after


@dataclass(frozen=True)
class Fetched:
    """A listing's JSON, or ``not_modified``; and where it now lives if it moved for good."""

    data: Any = None
    not_modified: bool = False
    etag: str = ""
    last_modified: str = ""
    #: The final address (without its query) when every redirect was permanent; else "".
    moved_to: str = ""


def system_tls_context() -> ssl.SSLContext:
    """An SSL context that trusts what the operating system trusts."""
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class BoardClient:
    """One HTTP client for a round of checks; close it (or use ``with``) afterwards."""

    def __init__(self, *, timeout: float = TIMEOUT_S, verify: ssl.SSLContext | None = None) -> None:
        self.timeout = timeout
        self._client = httpx.Client(
            verify=verify or system_tls_context(),
            trust_env=True,
            follow_redirects=True,
            max_redirects=5,
            timeout=httpx.Timeout(timeout),
            headers={
                "User-Agent": f"{APP_NAME}/{__version__} (job-board watch)",
                "Accept": "application/json",
            },
        )

    def __enter__(self) -> BoardClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get_json(self, url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).hostname or url
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                body = _read(response, host)
        except httpx.TimeoutException as exc:
            seconds = f"{self.timeout:g} second{'s' if self.timeout != 1 else ''}"
            raise FetchError(f"{host} did not answer within {seconds}.") from exc
        except httpx.ProxyError as exc:
            raise FetchError(f"The proxy would not reach {host} ({_why(exc)}).") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(f"{host} sends the request round in redirects.") from exc
        except httpx.HTTPError as exc:
            raise FetchError(_connection_sentence(host, exc)) from exc
        moved = ""
        if response.history and all(r.status_code in PERMANENT for r in response.history):
            final = urlsplit(str(response.url))
            moved = urlunsplit((final.scheme, final.netloc, final.path, "", ""))
        if response.status_code == 304:
            return Fetched(
                not_modified=True, moved_to=moved, etag=etag, last_modified=last_modified
            )
        _check_status(response, host)
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise FetchError(
                f"{host} answered with something that is not a job listing (not JSON)."
            ) from exc
        return Fetched(
            data=data,
            etag=response.headers.get("ETag", ""),
            last_modified=response.headers.get("Last-Modified", ""),
            moved_to=moved,
        )


def _read(response: httpx.Response, host: str) -> bytes:
    if response.status_code != 200:
        return b""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchError(f"{host} sent more than {MAX_BYTES // 2**20} MB: not a job listing.")
        chunks.append(chunk)
    return b"".join(chunks)


def _check_status(response: httpx.Response, host: str) -> None:
    status = response.status_code
    if status == 200:
        return
    if status in (404, 410):
        raise FetchError(f"{host} answered “not found” (HTTP {status}).", not_found=True)
    retry_after = _retry_after(response.headers.get("Retry-After", ""))
    if status == 429:
        raise FetchError(f"{host} asks to be asked less often (HTTP 429).", retry_after=retry_after)
    if status >= 500:
        raise FetchError(
            f"{host} had a problem of its own (HTTP {status}); it is tried again later.",
            retry_after=retry_after,
        )
    raise FetchError(f"{host} refused the request (HTTP {status}).")


def _retry_after(value: str) -> dt.timedelta | None:
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return dt.timedelta(seconds=int(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(dt.timedelta(0), when - dt.datetime.now(dt.UTC))


def _connection_sentence(host: str, exc: httpx.HTTPError) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return (
                f"{host}'s certificate is not one this computer trusts "
                f"({cause.verify_message or 'verification failed'}), so nothing was read."
            )
        if isinstance(cause, ssl.SSLError):
            return f"A secure connection to {host} failed ({cause.reason or cause})."
        cause = cause.__cause__ or cause.__context__
    return f"Could not reach {host} ({_why(exc)}). Are you online?"


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
