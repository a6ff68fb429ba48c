"""Only what existed on the date counts: a nomination from its day, a profile from its submission.

The expected numbers come from the official tables (crs-rules §1 and §5), not from
the code: a single candidate of 30 with a bachelor's degree and no other factor has
105 (age) + 120 (education) = 225 core points; a provincial nomination adds 600.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import crs
from crs.frame import score_frame
from crs.io import load_profile
from crs.placement import place

NOMINATED = dt.date(2026, 3, 2)
DAY_BEFORE = dt.date(2026, 3, 1)
BASE = 225  # age 30 single: 105; bachelor's single: 120
NOMINATION = 600

NOMINEE: dict[str, Any] = {
    "age": 30,
    "education": "bachelors",
    "provincial_nomination": True,
    "nominated_on": NOMINATED.isoformat(),
}


def nominee(**fields: Any) -> crs.Profile:
    return load_profile({**NOMINEE, **fields})


def _line(result: crs.Score, key: str) -> Any:
    return result.line(key)


# --- score ------------------------------------------------------------------------------


def test_the_day_before_the_nomination_it_earns_nothing_and_says_why() -> None:
    result = crs.score(nominee(), DAY_BEFORE)
    assert result.total == BASE
    assert result.additional == 0
    line = _line(result, "additional.provincial_nomination")
    assert line.points == 0
    assert line.reason == (
        "nominated on 2026-03-02, after 2026-03-01: the nomination did not exist yet"
    )
    assert any(
        w.startswith("provincial_nomination: nominated on 2026-03-02, after 2026-03-01")
        for w in result.warnings
    )


def test_on_the_day_of_the_nomination_it_earns_600() -> None:
    result = crs.score(nominee(), NOMINATED)
    assert result.total == BASE + NOMINATION
    assert _line(result, "additional.provincial_nomination").reason == "nominated"
    assert not any(w.startswith("provincial_nomination") for w in result.warnings)


def test_a_nomination_without_its_day_counts_on_every_date() -> None:
    undated = load_profile({k: v for k, v in NOMINEE.items() if k != "nominated_on"})
    assert crs.score(undated, dt.date(2015, 1, 1)).total == BASE + NOMINATION
    assert crs.score(undated, DAY_BEFORE).total == BASE + NOMINATION


def test_nominated_on_needs_a_nomination() -> None:
    data = {"age": 30, "education": "bachelors", "nominated_on": "2026-03-02"}
    with pytest.raises(crs.ProfileError) as caught:
        load_profile(data)
    assert [p.path for p in caught.value.problems] == ["nominated_on"]
    with pytest.raises(crs.ProfileError, match="nominated_on"):
        load_profile({**data, "provincial_nomination": False})
    with pytest.raises(crs.ProfileError, match="nominated_on"):
        crs.Profile(crs.Education.BACHELORS, age=30, nominated_on=NOMINATED)


SUBMITTED = "2026-03-02T09:30:00-05:00"  # 14:30 UTC on 2026-03-02


def test_a_score_before_the_submission_is_computed_and_warns() -> None:
    profile = load_profile({"age": 30, "education": "bachelors", "submitted_at": SUBMITTED})
    before = crs.score(profile, DAY_BEFORE)
    assert before.total == BASE
    assert (
        "submitted_at: the profile was submitted on 2026-03-02 14:30:00 UTC, after 2026-03-01, "
        "so it was not in the pool yet (scored as it would have been)"
    ) in before.warnings
    same_day = crs.score(profile, NOMINATED)
    assert same_day.total == BASE
    assert not any(w.startswith("submitted_at") for w in same_day.warnings)


def test_a_submission_is_dated_by_its_utc_day() -> None:
    # 22:00 in Vancouver on 2026-03-01 is 06:00 UTC on 2026-03-02.
    late = load_profile(
        {"age": 30, "education": "bachelors", "submitted_at": "2026-03-01T22:00:00-08:00"}
    )
    assert any(w.startswith("submitted_at") for w in crs.score(late, DAY_BEFORE).warnings)
    assert not any(w.startswith("submitted_at") for w in crs.score(late, NOMINATED).warnings)


# --- score_frame ------------------------------------------------------------------------


def test_score_frame_reads_nominated_on_as_score_does() -> None:
    import pandas as pd

    frame = pd.DataFrame(
        [
            NOMINEE,
            {**NOMINEE, "nominated_on": None},
            {**NOMINEE, "nominated_on": "2026-02-01"},
            {"age": 30, "education": "bachelors", "nominated_on": "2026-03-02"},
        ]
    )
    before: Any = score_frame(frame, DAY_BEFORE)
    assert before["total"].tolist()[:3] == [BASE, BASE + NOMINATION, BASE + NOMINATION]
    assert before["additional"].tolist()[:3] == [0, NOMINATION, NOMINATION]
    assert before["error"].tolist()[3].startswith("nominated_on: ")
    on_the_day: Any = score_frame(frame, NOMINATED)
    assert on_the_day["total"].tolist()[:3] == [BASE + NOMINATION] * 3


# --- timeline and what_if ---------------------------------------------------------------


def test_the_timeline_changes_on_the_day_of_the_nomination() -> None:
    changes = list(crs.timeline(nominee(), dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    assert [(c.on, c.previous, c.total) for c in changes] == [(NOMINATED, BASE, BASE + NOMINATION)]
    assert changes[0].reasons == ("provincial nomination of 2026-03-02: it counts from its day",)
    assert list(crs.timeline(nominee(), NOMINATED, dt.date(2026, 12, 31))) == []


def test_what_if_before_the_nomination_says_when_it_counts() -> None:
    before = {s.key: s for s in crs.what_if(nominee(), DAY_BEFORE)}
    found = before["provincial_nomination"]
    assert (found.gain, found.total, found.reached_on) == (NOMINATION, BASE + NOMINATION, NOMINATED)
    assert found.text.startswith("The provincial nomination of 2026-03-02 counts from that day")
    on_the_day = {s.key for s in crs.what_if(nominee(), NOMINATED)}
    assert "provincial_nomination" not in on_the_day


# --- place ------------------------------------------------------------------------------

# A family physician in Canada since 2024-09-19, CLB 9: in the pool (CEC) in 2026.
PHYSICIAN: dict[str, Any] = {
    "date_of_birth": "1988-03-01",
    "education": "masters",
    "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9},
    "work_history": [{"noc": "31102", "start": "2024-09-19", "hours_per_week": 40}],
    "provincial_nomination": True,
}


@pytest.mark.parametrize(
    ("nominated_on", "eligible"),
    [("2026-03-02", True), ("2026-03-03", False)],  # PNP round #399 was held on 2026-03-02
)
def test_a_pnp_round_needs_the_nomination_on_its_date(nominated_on: str, eligible: bool) -> None:
    profile = load_profile({**PHYSICIAN, "nominated_on": nominated_on})
    result = place(profile, category="pnp", since=dt.date(2026, 3, 2), until=dt.date(2026, 3, 2))
    (r,) = result.results
    assert r.round.number == "399"
    assert r.eligible is eligible
    if eligible:
        assert r.invited is True
        assert r.score is not None
        assert r.score > 1000
    else:
        assert r.invited is False
        assert r.reasons == (
            f"PNP: nominated on {nominated_on}, after 2026-03-02: the nomination did not exist yet",
        )
        assert r.score is not None
        assert r.score < 600  # scored without the nomination


def test_a_round_before_the_nomination_scores_without_it() -> None:
    profile = load_profile({**PHYSICIAN, "nominated_on": "2026-03-02"})
    undated = attrs.evolve(profile, nominated_on=None)
    since, until = dt.date(2026, 2, 1), dt.date(2026, 3, 31)
    pairs = list(
        zip(
            place(profile, category="cec", since=since, until=until),
            place(undated, category="cec", since=since, until=until),
            strict=True,
        )
    )
    days = {r.round.date for r, _ in pairs}
    assert min(days) < NOMINATED < max(days)  # rounds on both sides of the nomination
    for dated, always in pairs:
        assert dated.score is not None
        assert always.score is not None
        lost = NOMINATION if dated.round.date < NOMINATED else 0
        assert dated.score == always.score - lost
