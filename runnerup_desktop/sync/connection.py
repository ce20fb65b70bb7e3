"""HTTP to the sync server through ``caldav``'s :class:`~caldav.DAVClient` (no Qt).

One :class:`Connection` per sync: Basic authentication sent with every request (no
challenge round trip: a sync of nothing costs one request per collection), certificates
checked against the system's authorities or the ``ca_file`` given, a timeout on every
request, and every failure turned into a :class:`~runnerup_desktop.sync.errors.SyncProblem`.
It counts the requests it sends.

The libraries' own loggers (caldav, niquests, urllib3) are silenced: at debug level they
write URLs (which name the user) and bodies (which name contacts) to the log file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from runnerup_desktop import __version__
from runnerup_desktop.sync import errors
from runnerup_desktop.sync.account import host_of, normalized_url, url_problem
from runnerup_desktop.sync.errors import Problem, SyncProblem

log = logging.getLogger(__name__)

TIMEOUT_S = 30.0
USER_AGENT = f"RunnerUp/{__version__}"
_CHATTY = ("caldav", "niquests", "urllib3", "urllib3_future", "charset_normalizer")

DAV = "{DAV:}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
CARDDAV = "{urn:ietf:params:xml:ns:carddav}"


def quiet_libraries() -> None:
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    root = logging.getLogger()
    if _from_caldav not in root.filters:
        root.addFilter(_from_caldav)


def _from_caldav(record: logging.LogRecord) -> bool:
    """Keep out what caldav logs through the root logger (a server's reply, quoted)."""
    return "caldav" not in record.pathname.replace("\\", "/").split("/")


def _is_xml(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind.endswith("/xml") or kind.endswith("+xml")


def _xml(content: bytes) -> Any:
    """The parsed reply, without entities or network access; ``None`` if it is not XML."""
    from lxml import etree

    if not content.strip():
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    try:
        return etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError:
        return None


@dataclass
class Entry:
    """One ``<response>`` of a multistatus: its href (resolved), status and properties."""

    href: str
    status: int
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class Multistatus:
    entries: list[Entry]
    sync_token: str | None = None


@dataclass
class Reply:
    status: int
    headers: Mapping[str, str]
    text: str
    tree: Any = None

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag") or self.headers.get("etag")


class Connection:
    """Requests to one server as one user; ``requests`` counts what was sent."""

    def __init__(
        self,
        url: str,
        user: str = "",
        password: str | None = None,
        *,
        ca_file: str | None = None,
        timeout: float = TIMEOUT_S,
    ) -> None:
        problem = url_problem(url)
        if problem is not None:
            raise SyncProblem(Problem.URL, problem)
        quiet_libraries()
        from caldav.davclient import DAVClient

        self.url = normalized_url(url)
        self.host = host_of(self.url)
        self.timeout = timeout
        self.requests = 0
        self.client = DAVClient(
            url=self.url,
            username=user or None,
            password=password or None,
            auth_type="basic" if user and password else None,
            timeout=int(timeout),
            ssl_verify_cert=ca_file or True,
            enable_rfc6764=False,
        )

    def close(self) -> None:
        self.client.close()

    def absolute(self, href: str) -> str:
        """The URL to send for a path or URL (as :func:`resolve` gives them), quoted."""
        parts = urlsplit(urljoin(self.url, href))
        path = quote(unquote(parts.path), safe="/@+~!$&'()*,;=:")
        return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))

    def request(
        self, href: str, method: str, body: str = "", headers: Mapping[str, str] | None = None
    ) -> Reply:
        """Send one request through the client's session (its authentication, its TLS
        settings); a 401 is a wrong password, a 5xx the server's own problem."""
        url = self.absolute(href)
        sent = {"User-Agent": USER_AGENT, **dict(headers or {})}
        if body and "Content-Type" not in sent:
            sent["Content-Type"] = "application/xml; charset=utf-8"
        response = self._send(method, url, body, sent)
        status = int(response.status_code)
        if status == 401 and self._may_use_digest(response):
            response = self._send(method, url, body, sent)
            status = int(response.status_code)
        if status == 401:
            raise errors.wrong_password(self.host)
        if status >= 500:
            log.info("the sync server answered HTTP %d to %s", status, method)
            raise errors.server_error(self.host, status)
        content = response.content or b""
        tree = _xml(content) if _is_xml(response.headers.get("Content-Type", "")) else None
        return Reply(status, dict(response.headers), content.decode("utf-8", "replace"), tree)

    def _send(self, method: str, url: str, body: str, headers: dict[str, str]) -> Any:
        self.requests += 1
        try:
            return self.client.session.request(
                method,
                url,
                data=body.encode("utf-8") if body else None,
                headers=headers,
                auth=self.client.auth,
                timeout=self.timeout,
                verify=self.client.ssl_verify_cert,
                allow_redirects=False,
            )
        except Exception as exc:  # the HTTP library's own failures
            raise self._problem(exc) from None

    def _may_use_digest(self, response: Any) -> bool:
        """Switch to Digest once when the server asks for it and a password was given."""
        challenge = str(response.headers.get("WWW-Authenticate", "")).lower()
        if not challenge.startswith("digest") or not self.client.password:
            return False
        if type(self.client.auth).__name__ == "HTTPDigestAuth":
            return False
        self.client.build_auth_object(["digest"])
        return True

    def _problem(self, exc: Exception) -> SyncProblem:
        names = {kind.__name__ for kind in type(exc).__mro__}
        text = f"{type(exc).__name__} {exc}"
        log.info("the sync request failed (%s)", type(exc).__name__)
        if "SSLError" in names or "CERTIFICATE" in text.upper():
            return errors.tls_failure(self.host)
        if names & {"Timeout", "ReadTimeout", "ConnectTimeout", "TimeoutError"}:
            return errors.too_slow(self.host, self.timeout)
        return errors.unreachable(self.host)


def resolve(base: str, href: str) -> str:
    """An href as a whole URL with its path decoded, so that two spellings compare equal."""
    parts = urlsplit(urljoin(base, href.strip()))
    return urlunsplit((parts.scheme, parts.netloc.lower(), unquote(parts.path), "", ""))


def multistatus(reply: Reply, base: str) -> Multistatus:
    """The responses of a 207 reply: hrefs resolved, each property's element by tag."""
    tree = reply.tree
    entries: list[Entry] = []
    token: str | None = None
    if tree is None:
        return Multistatus(entries)
    for element in tree:
        if element.tag == DAV + "sync-token":
            token = (element.text or "").strip() or None
        if element.tag != DAV + "response":
            continue
        href = element.findtext(DAV + "href") or ""
        status = _status(element.findtext(DAV + "status"))
        props: dict[str, Any] = {}
        for propstat in element.findall(DAV + "propstat"):
            if _status(propstat.findtext(DAV + "status")) != 200:
                continue
            prop = propstat.find(DAV + "prop")
            for child in prop if prop is not None else []:
                props[child.tag] = child
        entries.append(Entry(resolve(base, href), status, props))
    return Multistatus(entries, token)


def text_of(entry: Entry, tag: str) -> str | None:
    element = entry.props.get(tag)
    if element is None:
        return None
    return element.text or ""


def href_in(entry: Entry, tag: str, base: str) -> str | None:
    """The first ``<href>`` inside a property (a principal, a home), resolved."""
    element = entry.props.get(tag)
    if element is None:
        return None
    href = element.findtext(DAV + "href")
    return resolve(base, href) if href else None


def _status(line: str | None) -> int:
    if not line:
        return 200
    parts = line.split()
    try:
        return int(parts[1])
    except (IndexError, ValueError):
        return 200
