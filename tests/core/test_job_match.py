"""The job-board watch's matching rules, as tables."""

from __future__ import annotations

from datetime import date

import pytest

from runnerup_desktop.core.job_match import (
    MATCH_THRESHOLD,
    SIMILAR_THRESHOLD,
    FindingKind,
    Known,
    Posting,
    Role,
    judge,
    normalise_title,
    title_score,
)
from tests.core.job_title_pairs import PAIRS

#: Every threshold a person might pick, on a 5-point grid.
CANDIDATES = [float(t) for t in range(50, 101, 5)]


def _rates(threshold: float) -> tuple[float, float]:
    scored = [
        (title_score(role, posting, posting_places=[where]).value >= threshold, same)
        for role, posting, where, same in PAIRS
    ]
    tp = sum(1 for said, same in scored if said and same)
    fp = sum(1 for said, same in scored if said and not same)
    fn = sum(1 for said, same in scored if not said and same)
    return tp / (tp + fp), tp / (tp + fn)


def _f1(threshold: float) -> float:
    precision, recall = _rates(threshold)
    return 2 * precision * recall / (precision + recall)


def test_the_pair_table_is_large_enough_and_has_both_kinds() -> None:
    assert len(PAIRS) >= 40
    assert sum(same for *_, same in PAIRS) >= 15
    assert sum(not same for *_, same in PAIRS) >= 15


def test_the_threshold_is_the_best_on_the_table_and_its_figures_are_as_stated() -> None:
    best = max(_f1(t) for t in CANDIDATES)
    # The lowest threshold with the best F1: a missed re-post costs more than a false alert.
    assert min(t for t in CANDIDATES if _f1(t) == best) == MATCH_THRESHOLD
    precision, recall = _rates(MATCH_THRESHOLD)
    # 63 pairs (34 the same role, 29 not): 33 true positives, 1 false positive
    # ("Product Manager, Marketing" against "Product Marketing Manager"), 1 missed
    # ("Engineering Lead, Data Platform" for an engineering manager).
    assert (round(precision, 3), round(recall, 3)) == (0.971, 0.971)


@pytest.mark.parametrize(("role", "posting", "where", "same"), PAIRS)
def test_each_pair_scores_on_its_side_of_the_threshold_save_the_two_known_misses(
    role: str, posting: str, where: str, same: bool
) -> None:
    known_misses = {
        ("Engineering Manager, Data Platform", "Engineering Lead, Data Platform"),
        ("Product Manager, Marketing", "Product Marketing Manager"),
    }
    said = title_score(role, posting, posting_places=[where]).value >= MATCH_THRESHOLD
    assert said == (same if (role, posting) not in known_misses else not same)


@pytest.mark.parametrize(
    ("title", "places", "words", "seniority", "removed"),
    [
        ("Sr. Data Engineer", [], ("data", "engineer"), {"senior"}, ()),
        ("Senior Data Engineer", [], ("data", "engineer"), {"senior"}, ()),
        ("Data Engineer II", [], ("data", "engineer"), {"ii"}, ()),
        ("Product Designer (m/w/d)", [], ("product", "designer"), set(), ()),
        ("Data Analyst (all genders)", [], ("data", "analyst"), set(), ()),
        ("QA Engineer – Lisbon", ["Lisbon, Portugal"], ("qa", "engineer"), set(), ("lisbon",)),
        (
            "Engineering Manager, Data Platform | Remote (EU)",
            [],
            ("engineering", "manager", "data", "platform"),
            set(),
            ("remote", "eu"),
        ),
        ("Head of Data & Analytics", [], ("head", "data", "analytics"), set(), ()),
        ("VP, Engineering", [], ("vice", "president", "engineering"), set(), ()),
        ("Back-end Engineer", [], ("backend", "engineer"), set(), ()),
        ("Full Stack Developer", [], ("fullstack", "developer"), set(), ()),
        ("Zoë's Café Manager", [], ("zoe", "s", "cafe", "manager"), set(), ()),
        # a team after a comma is part of the job, not a place
        (
            "Engineering Manager, Data Platform",
            ["Lisbon"],
            ("engineering", "manager", "data", "platform"),
            set(),
            (),
        ),
        # a title that is only a place keeps its words
        ("Remote", [], ("remote",), set(), ()),
    ],
)
def test_normalisation(
    title: str,
    places: list[str],
    words: tuple[str, ...],
    seniority: set[str],
    removed: tuple[str, ...],
) -> None:
    found = normalise_title(title, places)
    assert found.words == words
    assert found.seniority == seniority
    assert found.removed_places == removed


@pytest.mark.parametrize(
    ("role", "posting", "score"),
    [
        ("Engineering Manager", "Manager, Engineering", 100.0),
        ("Data Engineer", "Senior Data Engineer", 90.0),  # one level apart
        ("Junior Data Analyst", "Senior Data Analyst", 80.0),  # two seniority words differ
        ("Software Engineer", "Software Engineer, Infrastructure", 80.0),  # 2 of 3 words
        ("Data Engineer", "Data Scientist", 50.0),
        ("Data Engineer", "", 0.0),
    ],
)
def test_scores(role: str, posting: str, score: float) -> None:
    assert title_score(role, posting).value == pytest.approx(score, abs=0.1)


# judging a check ---------------------------------------------------------------------------
NEWS = date(2025, 3, 10)
ROLE = Role(7, "Engineering Manager, Data Platform", NEWS, "Lisbon")


def _posting(key: str, title: str, on: date | None = None, where: str = "Lisbon") -> Posting:
    return Posting(key, title, f"https://example.test/jobs/{key}", where, "", on)


@pytest.mark.parametrize(
    ("posting", "known", "first_check", "kind"),
    [
        # first check: after the news it is news, on or before it the baseline
        (
            _posting("1", "Engineering Manager - Data Platform", date(2025, 3, 11)),
            {},
            True,
            FindingKind.REPOSTED,
        ),
        (_posting("1", "Engineering Manager - Data Platform", NEWS), {}, True, None),
        (_posting("1", "Engineering Manager - Data Platform", None), {}, True, None),
        (
            _posting("1", "Director of Engineering, Data Platform", date(2025, 4, 1)),
            {},
            True,
            FindingKind.SIMILAR,
        ),
        # later checks: a new id is news whatever its date
        (
            _posting("2", "Sr. Engineering Manager, Data Platform", date(2025, 1, 1)),
            {},
            False,
            FindingKind.REPOSTED,
        ),
        (_posting("2", "Engineering Manager, Mobile"), {}, False, FindingKind.SIMILAR),
        (_posting("2", "Data Scientist"), {}, False, None),
        # the same title elsewhere is a similar role; remote is anywhere
        (
            _posting("3", "Engineering Manager, Data Platform", None, "Berlin"),
            {},
            False,
            FindingKind.SIMILAR,
        ),
        (
            _posting("3", "Engineering Manager, Data Platform", None, "Remote, Europe"),
            {},
            False,
            FindingKind.REPOSTED,
        ),
        (
            _posting("3", "Engineering Manager, Data Platform", None, ""),
            {},
            False,
            FindingKind.REPOSTED,
        ),
        # seen before: still open is old news, back after closing is reopened
        (_posting("4", "Engineering Manager, Data Platform"), {"4": Known("4", True)}, False, None),
        (
            _posting("4", "Engineering Manager, Data Platform"),
            {"4": Known("4", False, date(2025, 2, 1))},
            False,
            FindingKind.REOPENED,
        ),
        (
            _posting("5", "Payroll Specialist"),
            {"5": Known("5", False, date(2025, 2, 1))},
            False,
            None,
        ),
    ],
)
def test_judge(
    posting: Posting, known: dict[str, Known], first_check: bool, kind: FindingKind | None
) -> None:
    findings = judge([ROLE], [posting], known, first_check=first_check)
    assert [f.kind for f in findings] == ([kind] if kind else [])
    for finding in findings:
        assert finding.opportunity_id == 7
        assert finding.reason  # each finding says why


def test_each_reason_says_why() -> None:
    [reposted] = judge(
        [ROLE],
        [_posting("1", "Engineering Manager, Data Platform (Lisbon)")],
        {},
        first_check=False,
    )
    assert reposted.reason.startswith(
        "“Engineering Manager, Data Platform (Lisbon)” reads as the role you came second for, "
        "“Engineering Manager, Data Platform”, once the place (lisbon) is set aside (a re-post "
        "needs 85%)."
    )
    [elsewhere] = judge(
        [ROLE],
        [_posting("2", "Engineering Manager, Data Platform", None, "Berlin")],
        {},
        first_check=False,
    )
    assert "But it is in Berlin, not Lisbon." in elsewhere.reason
    [similar] = judge([ROLE], [_posting("3", "Engineering Manager, Mobile")], {}, first_check=False)
    assert f"57% like “{ROLE.title}”" in similar.reason
    assert f"{SIMILAR_THRESHOLD:.0f}%" in similar.reason
    [back] = judge(
        [ROLE],
        [_posting("4", ROLE.title)],
        {"4": Known("4", False, date(2025, 2, 1))},
        first_check=False,
    )
    assert "is back: it had closed on 2025-02-01" in back.reason


def test_the_best_matching_role_takes_the_finding() -> None:
    other = Role(8, "Data Engineer", date(2025, 1, 5), "")
    [finding] = judge([other, ROLE], [_posting("1", "Sr Data Engineer")], {}, first_check=False)
    assert (finding.opportunity_id, finding.news_on) == (8, date(2025, 1, 5))


def test_no_role_no_news() -> None:
    assert judge([], [_posting("1", ROLE.title)], {}, first_check=False) == []
