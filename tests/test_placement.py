"""Placing profiles against the published rounds: eligibility, cut-offs, tie-breaking, standing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import crs
from crs.draws import get_round, rounds
from crs.errors import ProfileError, UnknownCategoryError
from crs.io import load_profile
from crs.placement import (
    Placement,
    RoundResult,
    _round_version,
    place,
    rounds_text,
)
from crs.pool import latest_pool, standing
from crs.profile import Profile
from crs.scoring import score

UTC = dt.timezone.utc
CLB9 = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}

# A family physician in Canada since 2024-09-19: 17 months of Canadian work on
# 2026-02-19 (round #397), CLB 9, so eligible for CEC (and FSW), no French result.
PHYSICIAN: dict[str, Any] = {
    "date_of_birth": "1988-03-01",
    "education": "masters",
    "first_language": CLB9,
    "work_history": [{"noc": "31102", "start": "2024-09-19", "hours_per_week": 40}],
}

# A physician whose medical degree has no credential assessment, so only secondary
# school counts: 169 points on 2026-02-19, exactly the cut-off of round #397.
AT_169: dict[str, Any] = {
    "date_of_birth": "1982-06-01",
    "education": "secondary",
    "first_language": {"test": "clb", "listening": 9, "reading": 7, "writing": 7, "speaking": 7},
    "work_history": [{"noc": "31102", "start": "2024-09-19", "hours_per_week": 40}],
}

# A software engineer in Canada from 2014-06-01: not yet a year of work in early 2015.
ENGINEER: dict[str, Any] = {
    "date_of_birth": "1990-07-15",
    "education": "bachelors",
    "first_language": CLB9,
    "work_history": [{"noc": "21231", "start": "2014-06-01"}],
}

PHYSICIAN_ROUNDS_2026 = ("397", "421", "440")


@pytest.fixture(scope="module")
def physician() -> Profile:
    return load_profile(PHYSICIAN)


@pytest.fixture(scope="module")
def physician_placement(physician: Profile) -> Placement:
    return place(physician)


@pytest.fixture(scope="module")
def engineer() -> Profile:
    return load_profile(ENGINEER)


@pytest.fixture(scope="module")
def engineer_placement(engineer: Profile) -> Placement:
    return place(engineer)


def at_169(**changes: Any) -> Profile:
    return load_profile({**AT_169, **changes})


def only(placement: Placement) -> RoundResult:
    assert len(placement) == 1
    return placement.results[0]


# --- round #397 and the physician ---------------------------------------------------------


def test_round_397_is_the_first_physicians_round() -> None:
    r = get_round(397)
    assert r.date == dt.date(2026, 2, 19)
    assert r.category == "physicians"
    assert r.name == "Physicians with Canadian Work Experience, 2026-Version 1"
    assert (r.invitations, r.crs_cutoff) == (391, 169)


def test_placement_covers_every_round_oldest_first(physician_placement: Placement) -> None:
    assert len(physician_placement) == 448
    assert [r.round for r in physician_placement] == list(rounds())


def test_physician_is_invited_in_the_2026_physician_rounds(
    physician_placement: Placement,
) -> None:
    physician_rounds = [r for r in physician_placement if r.round.category == "physicians"]
    assert [r.round.number for r in physician_rounds] == list(PHYSICIAN_ROUNDS_2026)
    for result in physician_rounds:
        assert result.eligible, result.reasons
        assert result.invited is True
        assert result.margin is not None
        assert result.margin > 0
        assert result.reasons == ()
        assert result.outcome == "invited"
    first = physician_placement.result(397)
    assert first.score == score(load_profile(PHYSICIAN), dt.date(2026, 2, 19)).total == 415
    assert first.margin == 415 - 169


@pytest.mark.parametrize("slug", ["french", "trades"])
def test_physician_is_not_invited_in_french_or_trades_rounds(
    physician_placement: Placement, slug: str
) -> None:
    results = [r for r in physician_placement if r.round.category == slug]
    assert len(results) >= 7
    for result in results:
        assert result.eligible is False
        assert result.invited is False
        assert result.outcome == "not eligible"
        assert result.reasons[0].startswith(f"{slug}: ")
    if slug == "french":
        assert all("needs a French result" in r.reasons[0] for r in results)
    # French round #437 was at 382: the physician's 410 is above it, and still not invited.
    if slug == "french":
        late = physician_placement.result(437)
        assert late.margin == 410 - 382
        assert late.invited is False


def test_physician_invitations_are_only_the_physician_rounds(
    physician_placement: Placement,
) -> None:
    numbers = [r.round.number for r in physician_placement.invitations]
    assert numbers == list(PHYSICIAN_ROUNDS_2026)
    first = physician_placement.first_invitation
    assert first is not None
    assert first.round.number == "397"


def test_physician_in_the_pool_but_below_cec_cutoffs(physician_placement: Placement) -> None:
    cec = [r for r in physician_placement if r.round.program == "cec"]
    recent = [r for r in cec if r.round.date >= dt.date(2026, 1, 1)]
    assert recent
    for result in recent:
        assert result.eligible is True
        assert result.score is not None
        assert result.score < result.round.crs_cutoff
        assert result.invited is False
        assert result.outcome == "not invited"


def test_not_in_the_pool_before_the_first_job(physician_placement: Placement) -> None:
    general = physician_placement.result(1)
    assert general.round.kind == "general"
    assert general.eligible is False
    assert general.invited is False
    assert general.reasons[0] == "not eligible for FSW, CEC or FST"
    assert any(reason.startswith("CEC: ") for reason in general.reasons)


def test_pnp_rounds_need_a_nomination(physician: Profile) -> None:
    without = place(physician, category="pnp", since=dt.date(2026, 1, 1))
    assert without.results
    for result in without:
        assert not result.eligible
        assert "PNP: no provincial nomination" in result.reasons
    nominee = attrs.evolve(physician, provincial_nomination=True)
    with_nomination = place(nominee, category="pnp", since=dt.date(2026, 1, 1))
    for result in with_nomination:
        assert result.eligible
        assert result.score is not None
        assert result.score > 1000
        assert result.invited is True


def test_program_rounds_need_that_program(physician_placement: Placement) -> None:
    fst = [r for r in physician_placement if r.round.program == "fst"]
    assert fst
    assert all(not r.eligible and r.reasons[0].startswith("FST: ") for r in fst)
    fsw = [r for r in physician_placement if r.round.program == "fsw"]
    assert [r.round.number for r in fsw] == ["240"]
    assert fsw[0].reasons[0].startswith("FSW: ")  # 2023: before the first job


# --- the cut-off, and tie-breaking ------------------------------------------------------


def test_at_above_and_below_the_cutoff() -> None:
    profile = at_169()
    at = only(place(profile, category="physicians", until=dt.date(2026, 2, 19)))
    assert (at.round.number, at.score, at.margin, at.eligible) == ("397", 169, 0, True)
    assert at.invited is None  # no submission time: the tie is undecided
    assert at.outcome == "tie"
    below = place(profile, category="physicians").result(421)
    assert below.eligible
    assert below.score is not None
    assert below.score < 223
    assert below.invited is False
    above = place(load_profile(PHYSICIAN), category="physicians").result(397)
    assert above.margin is not None
    assert above.margin > 0
    assert above.invited is True


TIE_397 = dt.datetime(2026, 1, 3, 3, 25, 14, tzinfo=UTC)


@pytest.mark.parametrize(
    ("submitted", "invited"),
    [
        ("2026-01-03T03:25:13Z", True),  # a second before the tie-breaking time
        ("2025-06-01T10:00:00-04:00", True),
        ("2026-01-03T03:25:14Z", False),  # at it: not before it
        ("2026-01-02T22:25:14-05:00", False),  # the same moment in another zone
        ("2026-01-03T03:25:15Z", False),
        ("2026-02-18T12:00:00Z", False),
    ],
)
def test_tie_breaking_by_submission_time(submitted: str, invited: bool) -> None:
    profile = at_169(submitted_at=submitted)
    result = only(place(profile, category="physicians", until=dt.date(2026, 2, 19)))
    assert get_round(397).tie_breaking == TIE_397
    assert result.score == result.round.crs_cutoff == 169
    assert result.eligible
    assert result.invited is invited
    assert result.outcome == ("invited" if invited else "not invited")


def test_a_profile_submitted_after_the_round_was_not_in_it() -> None:
    profile = at_169(submitted_at="2026-02-20T09:00:00Z")
    result = only(place(profile, category="physicians", until=dt.date(2026, 2, 19)))
    assert result.eligible is False
    assert result.invited is False
    assert result.reasons == (
        "the profile was submitted on 2026-02-20 09:00:00 UTC, after this round",
    )
    # On the round's day, after the round was held (14:24:23 UTC), is too late too.
    same_day = at_169(submitted_at="2026-02-19T15:00:00Z")
    assert not only(place(same_day, category="physicians", until=dt.date(2026, 2, 19))).eligible


def test_a_tie_in_a_round_without_a_tie_breaking_time_is_undecided() -> None:
    r = get_round(1)
    assert r.tie_breaking is None
    assert r.crs_cutoff == 886
    # A nominee of 44 on 2015-01-31: 600 for the nomination and 286 more, exactly 886.
    nominee = load_profile(
        {
            "date_of_birth": "1970-06-01",
            "education": "bachelors",
            "first_language": {
                "test": "clb", "listening": 7, "reading": 8, "writing": 8, "speaking": 9,
            },
            "work_history": [{"noc": "21231", "start": "2013-06-01"}],
            "provincial_nomination": True,
            "submitted_at": "2015-01-01T00:00:00Z",
        }
    )  # fmt: skip
    result = only(place(nominee, until=dt.date(2015, 1, 31)))
    assert (result.score, result.eligible) == (886, True)
    assert result.invited is None


# --- eligibility and score over time ----------------------------------------------------


def test_not_yet_eligible_in_early_2015(engineer_placement: Placement) -> None:
    early = engineer_placement.result(1)
    assert early.round.date == dt.date(2015, 1, 31)
    assert early.eligible is False
    assert early.invited is False
    assert early.reasons[0] == "not eligible for FSW, CEC or FST"
    assert any("needs 1,560 hours" in reason for reason in early.reasons)
    first = next(r for r in engineer_placement if r.eligible)
    # A year of work on 2015-06-01: round #10 (2015-06-12) is the first it could be in.
    assert (first.round.number, first.round.date) == ("10", dt.date(2015, 6, 12))
    assert not engineer_placement.result(9).eligible


def test_score_on_each_round_date_follows_birthdays_and_experience(
    engineer: Profile, engineer_placement: Placement
) -> None:
    for result in engineer_placement:
        assert result.score == score(engineer, result.round.date).total, result.round.number
    by_number = {r.round.number: r.score for r in engineer_placement}
    # Born 1990-07-15: 30 on #196 (2021-07-08), 31 on #197 (2021-07-21): fewer points.
    assert by_number["196"] == 479
    assert by_number["197"] == 473
    # A second year of Canadian work from 2016-06-01 adds points.
    before = [r.score for r in engineer_placement if r.round.date < dt.date(2016, 6, 1)]
    after = [r.score for r in engineer_placement if dt.date(2016, 6, 1) <= r.round.date]
    assert before[-1] is not None
    assert after[0] is not None
    assert after[0] > before[-1]


def test_an_age_only_profile_keeps_its_points_over_a_birthday(
    engineer_placement: Placement,
) -> None:
    fixed_age = load_profile({**ENGINEER, "date_of_birth": None, "age": 30})
    placed = place(fixed_age, since=dt.date(2021, 7, 1), until=dt.date(2021, 7, 31))
    assert [r.round.number for r in placed] == ["195", "196", "197", "198"]
    assert {r.score for r in placed} == {479}
    with_birthday = [engineer_placement.result(n).score for n in ("195", "196", "197", "198")]
    assert with_birthday == [479, 479, 473, 473]


def test_a_profile_born_after_a_round_is_not_eligible_for_it() -> None:
    young = load_profile({**ENGINEER, "date_of_birth": "2015-03-01"})
    placed = place(young, until=dt.date(2015, 3, 31))
    assert [r.round.number for r in placed] == ["1", "2", "3", "4", "5", "6"]
    for result in placed.results[:4]:
        assert result.score is None
        assert result.margin is None
        assert result.eligible is False
        assert result.invited is False
        assert "date_of_birth" in result.reasons[0]
    born = placed.results[4]
    assert born.score is not None
    assert born.eligible is False


def test_placement_agrees_with_the_published_cutoffs(
    physician_placement: Placement, engineer_placement: Placement
) -> None:
    nominee = place(attrs.evolve(load_profile(PHYSICIAN), provincial_nomination=True))
    checked = 0
    for placement in (physician_placement, engineer_placement, nominee):
        for result in placement:
            cutoff = result.round.crs_cutoff
            if not result.eligible or result.score is None:
                assert result.invited is False
            elif result.score > cutoff:
                assert result.invited is True
            elif result.score == cutoff:
                assert result.invited is None  # no submitted_at in these profiles
            else:
                assert result.invited is False
            checked += 1
    assert checked == 3 * 448
    assert len(engineer_placement.invitations) > 100


def test_filters_and_unknown_category(physician: Profile) -> None:
    placed = place(physician, since=dt.date(2026, 1, 1), until=dt.date(2026, 3, 31), category="cec")
    assert placed.results
    assert all(r.round.program == "cec" for r in placed)
    assert all(dt.date(2026, 1, 1) <= r.round.date <= dt.date(2026, 3, 31) for r in placed)
    assert (placed.since, placed.until, placed.category) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 31),
        "cec",
    )
    with pytest.raises(UnknownCategoryError, match="physicians"):
        place(physician, category="doctors")
    with pytest.raises(KeyError, match="999"):
        placed.result(999)


def test_a_malformed_noc_is_a_profile_error() -> None:
    """The loader refuses the code, so placement never sees it (as score and eligible)."""
    with pytest.raises(ProfileError, match=r"work_history\[0\]\.noc"):
        load_profile({**PHYSICIAN, "work_history": [{"noc": "19999", "start": "2025-01-01"}]})


# --- rendering ----------------------------------------------------------------------------


def test_to_json(physician_placement: Placement) -> None:
    data = physician_placement.to_json()
    assert len(data) == 448
    row = next(d for d in data if d["number"] == "397")
    assert row["date"] == "2026-02-19"
    assert row["name"] == "Physicians with Canadian Work Experience, 2026-Version 1"
    assert row["category"] == "physicians"
    assert (row["invitations"], row["crs_cutoff"]) == (391, 169)
    assert row["tie_breaking"] == "2026-01-03T03:25:14Z"
    assert (row["score"], row["margin"], row["eligible"], row["invited"]) == (415, 246, True, True)
    assert row["reasons"] == []
    french = next(d for d in data if d["category"] == "french")
    assert french["eligible"] is False
    assert french["reasons"]
    assert '"number": "397"' in physician_placement.dumps()


def test_to_text_is_newest_first_with_margins() -> None:
    placed = place(load_profile(PHYSICIAN), category="physicians", until="2026-10-01")
    lines = placed.to_text().splitlines()
    assert lines[0] == (
        "Rounds of invitations from 2026-02-19 to 2026-09-03, newest first: "
        "invited in 3 of 3 rounds (eligible for 3)"
    )
    assert lines[2].split() == [
        "round", "date", "ITAs", "cut-off", "score", "margin", "result", "name",
    ]  # fmt: skip
    numbers = [line.split()[0] for line in lines[3:]]
    assert numbers == ["440", "421", "397"]
    assert lines[5].split()[:7] == ["397", "2026-02-19", "391", "169", "415", "+246", "invited"]
    assert lines[5].endswith("Physicians with Canadian Work Experience, 2026-Version 1")
    assert str(placed) == placed.to_text()


def test_to_text_explains_a_tie_and_shows_negative_margins() -> None:
    text = place(at_169(), category="physicians").to_text()
    assert "1 undecided at the cut-off" in text
    assert "+0  tie" in text
    assert "tie: at the cut-off" in text
    rows = {line.split()[0]: line.split() for line in text.splitlines()[3:6]}
    assert rows["421"][5].startswith("-")
    assert rows["421"][6:8] == ["not", "invited"]


def test_html(physician_placement: Placement) -> None:
    page = physician_placement._repr_html_()
    assert page.startswith("<table>")
    assert page.count("<tr>") == 449
    assert "invited in 3 of 448 rounds" in page
    assert "needs a French result" in page


def test_empty_placement(physician: Profile) -> None:
    placed = place(physician, since=dt.date(2030, 1, 1))
    assert len(placed) == 0
    assert placed.first_invitation is None
    assert placed.to_text().startswith("No rounds of invitations in the period.\n")
    assert placed.notice is not None
    assert placed.notice.endswith("Refresh it with: crs data update")
    assert placed.to_json() == []


def test_rounds_text_without_a_profile() -> None:
    text = rounds_text(rounds())
    lines = text.splitlines()
    assert lines[0] == "448 rounds of invitations from 2015-01-31 to 2026-10-01, newest first"
    assert len(lines) == 3 + 448
    assert lines[3].split()[:4] == ["447", "2026-10-01", "3,500", "476"]
    assert lines[-1].split()[:2] == ["1", "2015-01-31"]
    assert rounds_text(()) == "No rounds of invitations in the period.\n"


# --- standing in the pool --------------------------------------------------------------


def test_standing_in_the_newest_pool() -> None:
    s = standing(500, dt.date(2026, 10, 1))
    assert s.pool is not None
    assert s.pool.round_number == "447"
    assert s.count_above == 21798.0  # 728 above 600, 21,070 from 501 to 600
    assert s.share_above == pytest.approx(21798 / 229904)
    assert s.to_json() == {
        "score": 500,
        "on": "2026-10-01",
        "share_above": pytest.approx(21798 / 229904),
        "count_above": 21798,
        "total": 229904,
        "pool_as_of": "2026-09-27",
        "round": "447",
    }
    assert s.to_text() == (
        "9.5% of the pool scored above 500 (about 21,798 of 229,904 candidates on "
        "2026-09-27, published with round 447)."
    )
    assert "9.5%" in s._repr_html_()


def test_standing_uses_the_pool_published_by_the_date() -> None:
    on = dt.date(2026, 9, 27)
    s = standing(480, on)
    assert s.pool == latest_pool(on)
    assert s.pool is not None
    assert s.pool.round_number == "444"
    higher, lower = standing(520, on).share_above, standing(400, on).share_above
    assert higher is not None
    assert lower is not None
    assert higher < lower


def test_standing_before_the_first_distribution() -> None:
    s = standing(450, dt.date(2021, 12, 31))
    assert s.pool is None
    assert s.share_above is None
    assert s.count_above is None
    assert s.to_json()["share_above"] is None
    assert s.to_text() == "No pool distribution had been published by 2021-12-31."


def test_standing_takes_a_score(physician: Profile) -> None:
    on = dt.date(2026, 9, 3)
    result = score(physician, on)
    assert standing(result, on).score == result.total == 410
    assert standing(result, on) == standing(410, on)


def test_a_category_round_is_matched_by_name_then_by_slug_and_date() -> None:
    r397 = get_round(397)
    by_name = _round_version(r397)
    assert by_name is not None
    assert by_name.name == r397.name
    renamed = attrs.evolve(r397, name="Physicians, renamed")
    found = _round_version(renamed)
    assert found is not None
    assert (found.slug, found.version) == ("physicians", "2026-Version 1")
    assert _round_version(attrs.evolve(renamed, date=dt.date(2025, 1, 1))) is None
    assert _round_version(get_round(1)) is None


def test_round_json_carries_version_rules_and_rounds_data() -> None:
    """Each round's JSON says the library version, the rule set of that day and the data date."""
    from crs.caveats import UNMODELLED

    profile = crs.load_profile({"age": 30, "education": "masters"})
    first = crs.place(profile, since="2025-03-01", until="2025-04-30").to_json()[-1]
    assert first["crs_version"] == crs.__version__
    assert first["rules"] == ("2025-03-25" if first["date"] >= "2025-03-25" else "2020-10-20")
    assert first["rounds_data"] == crs.rounds()[-1].date.isoformat()
    assert first["warnings"] == []  # bundled rounds end before the unmodelled change
    assert all(change.start > crs.rounds()[-1].date for change in UNMODELLED)


def test_readme_client_is_invited_only_after_its_tests() -> None:
    """README's example (tests 2026-04-11, 05-02, 06-20): no invitation before its tests."""
    import json
    from pathlib import Path

    data = json.loads(Path("examples/profile.json").read_text(encoding="utf-8"))
    profile = crs.load_profile(data)
    placement = crs.place(profile, since="2026-01-01")
    last_test = max(
        dt.date.fromisoformat(r["test_date"])
        for r in (data["first_language"], data["second_language"])
    )
    assert placement.invitations
    assert all(r.round.date >= last_test for r in placement.invitations)
    january = [r for r in placement.results if r.round.date.month == 1]
    assert january
    assert not any(r.eligible for r in january)
