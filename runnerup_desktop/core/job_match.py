"""Whether a job posting is the role the person came second for (no Qt, no I/O).

Titles are compared after :func:`normalise_title`: case and accents folded, punctuation
dropped, abbreviations spelled out ("Sr." is "senior", "Mgr" is "manager", "VP" is "vice
president"), hyphens read as spaces and a few split words joined ("Back-end" and "Back
End" are "backend"), gender tags such as
"(m/w/d)" and location suffixes such as " - Lisbon", "(Remote)" or ", EMEA" removed, and
seniority words ("senior", "junior", "principal", "staff", "II"...) set apart from the
words that name the job.

:func:`title_score` is then a Sørensen-Dice score over the job's words, in which two
words count as the same when rapidfuzz rates them at least :data:`SAME_WORD_RATIO`
alike (so "Engineer" and "Engineers" agree, "Product" and "Project" do not), less
:data:`SENIORITY_PENALTY` points for each side's seniority the other lacks. Word order
does not matter ("Manager, Engineering" is "Engineering Manager").

:data:`MATCH_THRESHOLD` was chosen on the labelled title pairs of
``tests/core/job_title_pairs.py`` (a test keeps it the best threshold there, and states
its precision and recall); :data:`SIMILAR_THRESHOLD` marks the weaker news of a similar
role at the company.

:func:`judge` turns one check of a board into findings: **re-posted** (a new posting
whose title matches, in the same location when the board says one), **reopened** (a
posting seen before, gone, and back), **similar** (a new posting with a similar title,
or a matching one elsewhere). On a board's first check only postings published or
updated after the day of the news count; the rest are the baseline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from runnerup_desktop.core.text import fold

#: A posting whose title scores at least this against the role is the role again.
MATCH_THRESHOLD = 85.0
#: ...and at least this, a similar role (weaker news).
SIMILAR_THRESHOLD = 55.0
#: Two words this alike (rapidfuzz's ratio, 0-100) count as the same word.
SAME_WORD_RATIO = 85.0
#: Points off for each seniority word one title has and the other lacks.
SENIORITY_PENALTY = 10.0

#: Abbreviations and spellings, by folded word or phrase.
_EXPAND: dict[str, str] = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "mgr": "manager",
    "eng": "engineering",
    "engr": "engineer",
    "dev": "developer",
    "ops": "operations",
    "vp": "vice president",
    "svp": "senior vice president",
    "evp": "executive vice president",
    "sw": "software",
    "swe": "software engineer",
    "sre": "site reliability engineer",
    "ml": "machine learning",
    "mktg": "marketing",
    "acct": "account",
    "hr": "human resources",
    "back end": "backend",
    "front end": "frontend",
    "full stack": "fullstack",
    "dev ops": "devops",
    "on site": "onsite",
    "mid market": "midmarket",
    "e commerce": "ecommerce",
}
_SENIORITY: frozenset[str] = frozenset({
    "senior", "junior", "principal", "staff", "associate", "entry", "mid", "graduate", "intern",
    "i", "ii", "iii", "iv", "v", "1", "2", "3", "4", "5", "l1", "l2", "l3", "l4", "l5", "l6", "l7",
})  # fmt: skip
_FILLER: frozenset[str] = frozenset({"the", "of", "and", "for", "a", "an", "to", "with", "in"})
#: Words that say where (or how) a job is done rather than what it is.
_PLACE_WORDS: frozenset[str] = frozenset({
    "remote", "hybrid", "onsite", "anywhere", "wfh", "emea", "apac", "amer", "americas", "na",
    "latam", "dach", "nordics", "benelux", "eu", "europe", "us", "usa", "uk", "united",
    "states", "kingdom", "worldwide", "global", "nyc", "sf", "bay", "area",
})  # fmt: skip
_GENDER_TAG = re.compile(r"\(\s*(?:[mwfdhx]\s*/\s*){1,3}[mwfdhx]\s*\)|\(\s*all genders?\s*\)", re.I)
_SUFFIX_SEPARATOR = re.compile(r"\s+[-–—|@/]\s+|\s*,\s*|\s+in\s+|\s+at\s+")
_TRAILING_PARENS = re.compile(r"\s*\(([^()]*)\)\s*$")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class NormalisedTitle:
    """A title as compared: the words naming the job, its seniority words, what was cut."""

    words: tuple[str, ...]
    seniority: frozenset[str]
    removed_places: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.words)


def normalise_title(title: str, places: Iterable[str] = ()) -> NormalisedTitle:
    """The title's job words and seniority; ``places`` (the posting's location, the
    company's) are cut from its end along with remote/region words."""
    place_words = _place_words(places)
    text = _GENDER_TAG.sub(" ", fold(title))
    text, removed = _strip_place_suffixes(text, place_words)
    words = _WORD.findall(text.replace("&", " and "))
    words = _expand(words)
    seniority = frozenset(w for w in words if w in _SENIORITY)
    core = tuple(w for w in words if w not in _SENIORITY and w not in _FILLER)
    return NormalisedTitle(core, seniority, tuple(removed))


@dataclass(frozen=True)
class TitleScore:
    value: float
    role: NormalisedTitle
    posting: NormalisedTitle


def title_score(
    role_title: str,
    posting_title: str,
    *,
    role_places: Iterable[str] = (),
    posting_places: Iterable[str] = (),
) -> TitleScore:
    """How alike two titles are, 0-100 (see the module's docstring)."""
    role = normalise_title(role_title, role_places)
    posting = normalise_title(posting_title, posting_places)
    value = _dice(role.words, posting.words)
    value -= SENIORITY_PENALTY * len(role.seniority ^ posting.seniority)
    return TitleScore(max(0.0, value), role, posting)


def _dice(a: Sequence[str], b: Sequence[str]) -> float:
    if not a or not b:
        return 0.0
    from rapidfuzz import fuzz  # 15 ms to import: not before the window's first paint

    left = list(b)
    matched = 0
    for word in a:
        best = max(left, key=lambda other: fuzz.ratio(word, other), default=None)
        if best is not None and fuzz.ratio(word, best) >= SAME_WORD_RATIO:
            matched += 1
            left.remove(best)
    return 200.0 * matched / (len(a) + len(b))


def _place_words(places: Iterable[str]) -> frozenset[str]:
    found: set[str] = set(_PLACE_WORDS)
    for place in places:
        found.update(w for w in _WORD.findall(fold(place)) if w not in _FILLER)
    return frozenset(found)


def _is_place(segment: str, place_words: frozenset[str]) -> bool:
    words = [w for w in _WORD.findall(segment) if w not in _FILLER]
    return bool(words) and all(w in place_words for w in words)


def _strip_place_suffixes(text: str, place_words: frozenset[str]) -> tuple[str, list[str]]:
    removed: list[str] = []
    while True:
        parens = _TRAILING_PARENS.search(text)
        if parens and _is_place(parens.group(1), place_words):
            removed.insert(0, parens.group(1).strip())
            text = text[: parens.start()]
            continue
        separators = list(_SUFFIX_SEPARATOR.finditer(text))
        if separators:
            last = separators[-1]
            tail = text[last.end() :]
            if text[: last.start()].strip() and _is_place(tail, place_words):
                removed.insert(0, tail.strip())
                text = text[: last.start()]
                continue
        return text.strip(), removed


def _expand(words: list[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(words):
        pair = " ".join(words[index : index + 2])
        if index + 1 < len(words) and pair in _EXPAND:
            out.extend(_EXPAND[pair].split())
            index += 2
            continue
        out.extend(_EXPAND.get(words[index], words[index]).split())
        index += 1
    return out


# judging one check -----------------------------------------------------------------------
class FindingKind(StrEnum):
    REPOSTED = "reposted"
    REOPENED = "reopened"
    SIMILAR = "similar"

    @property
    def label(self) -> str:
        return {"reposted": "Re-posted", "reopened": "Reopened", "similar": "Similar role"}[
            self.value
        ]


@dataclass(frozen=True)
class Posting:
    """One open posting as a board lists it."""

    key: str
    title: str
    url: str
    location: str = ""
    team: str = ""
    #: When it was published or last updated, whichever is later, if the board says.
    posted_on: date | None = None


@dataclass(frozen=True)
class Role:
    """A role the person came second for, at the board's company."""

    opportunity_id: int
    title: str
    news_on: date
    #: Where the role is (the company's location), if known.
    location: str = ""


@dataclass(frozen=True)
class Known:
    """What the database remembers of a posting: still open, or closed since that day."""

    key: str
    open: bool
    closed_on: date | None = None


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    posting: Posting
    opportunity_id: int
    role_title: str
    news_on: date
    score: float
    reason: str


def judge(
    roles: Sequence[Role],
    postings: Iterable[Posting],
    known: Mapping[str, Known],
    *,
    first_check: bool,
) -> list[Finding]:
    """The news in one check of a board: what matched, and why."""
    findings: list[Finding] = []
    if not roles:
        return findings
    for posting in postings:
        role, score = _best_role(roles, posting)
        seen = known.get(posting.key)
        if seen is not None:
            if not seen.open and score.value >= SIMILAR_THRESHOLD:
                findings.append(_reopened(posting, role, score, seen))
            continue
        if first_check and (posting.posted_on is None or posting.posted_on <= role.news_on):
            continue  # the baseline: already there before the news
        finding = _new_posting(posting, role, score)
        if finding is not None:
            findings.append(finding)
    return findings


def _best_role(roles: Sequence[Role], posting: Posting) -> tuple[Role, TitleScore]:
    scored = [
        (
            role,
            title_score(
                role.title,
                posting.title,
                role_places=[role.location],
                posting_places=[posting.location],
            ),
        )
        for role in roles
    ]
    return max(scored, key=lambda pair: pair[1].value)


def _new_posting(posting: Posting, role: Role, score: TitleScore) -> Finding | None:
    if score.value >= MATCH_THRESHOLD:
        elsewhere = _elsewhere(role.location, posting.location)
        if elsewhere is None:
            return _finding(
                FindingKind.REPOSTED, posting, role, score, _match_reason(posting, role, score)
            )
        reason = (
            f"{_match_reason(posting, role, score)} But it is in {posting.location}, {elsewhere}."
        )
        return _finding(FindingKind.SIMILAR, posting, role, score, reason)
    if score.value >= SIMILAR_THRESHOLD:
        reason = (
            f"A similar title: “{posting.title}” is {score.value:.0f}% like “{role.title}” "
            f"(a re-post needs {MATCH_THRESHOLD:.0f}%, a similar role {SIMILAR_THRESHOLD:.0f}%)."
        )
        return _finding(FindingKind.SIMILAR, posting, role, score, reason + _where(posting))
    return None


def _reopened(posting: Posting, role: Role, score: TitleScore, seen: Known) -> Finding:
    closed = f" on {seen.closed_on.isoformat()}" if seen.closed_on else ""
    reason = (
        f"The same posting ({posting.key}) is back: it had closed{closed}. Its title is "
        f"{score.value:.0f}% like “{role.title}”."
    )
    return _finding(FindingKind.REOPENED, posting, role, score, reason + _where(posting))


def _finding(
    kind: FindingKind, posting: Posting, role: Role, score: TitleScore, reason: str
) -> Finding:
    return Finding(
        kind, posting, role.opportunity_id, role.title, role.news_on, score.value, reason
    )


def _match_reason(posting: Posting, role: Role, score: TitleScore) -> str:
    same = "reads as" if score.value >= 100 else f"is {score.value:.0f}% like"
    cut = ""
    if score.posting.removed_places:
        cut = f", once the place ({', '.join(score.posting.removed_places)}) is set aside"
    return (
        f"“{posting.title}” {same} the role you came second for, “{role.title}”{cut} "
        f"(a re-post needs {MATCH_THRESHOLD:.0f}%).{_where(posting)}"
    )


def _where(posting: Posting) -> str:
    parts = []
    if posting.team:
        parts.append(f"Team: {posting.team}.")
    if posting.location:
        parts.append(f"Location: {posting.location}.")
    if posting.posted_on:
        parts.append(f"Posted or updated on {posting.posted_on.isoformat()}.")
    return (" " + " ".join(parts)) if parts else ""


def _elsewhere(role_location: str, posting_location: str) -> str | None:
    """``None`` when the posting's location fits the role's (or either is unknown, or the
    posting is remote); else a few words on the difference."""
    role_words = set(_WORD.findall(fold(role_location))) - _FILLER
    posting_words = set(_WORD.findall(fold(posting_location))) - _FILLER
    if not role_words or not posting_words:
        return None
    if role_words & posting_words or "remote" in posting_words or "anywhere" in posting_words:
        return None
    return f"not {role_location}"
