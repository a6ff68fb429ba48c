"""Rule sets by date (crs-rules §9): every boundary the day before and the day of; custom sets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import crs
from crs.profile import ArrangedEmployment
from crs.ruleset import Award
from crs.tables import Lookup, Source, Spoused, Steps
from strategies import clb, make, nclc

DAY = dt.timedelta(days=1)

# V1 of crs-rules §11.3: single, 29, bachelor's, CLB 9 x 4, 3 years abroad: 429.
V1: dict[str, Any] = {
    "age": 29,
    "education": "bachelors",
    "first_language": clb(9),
    "foreign_work_years": 3,
}

# (effective date, rule set before, extra profile fields, line key, points before, points on),
# typed from crs-rules §9 and §5.
CHANGES: list[tuple[str, dt.date, str, dict[str, Any], str, int, int]] = [
    (
        "job-offer-teer-600-to-50",
        dt.date(2016, 11, 19),
        "2015-05-30",
        {"arranged_employment": "teer_0_1_2_3"},
        "additional.arranged_employment",
        600,
        50,
    ),
    (
        "job-offer-mg00-600-to-200",
        dt.date(2016, 11, 19),
        "2015-05-30",
        {"arranged_employment": "major_group_00"},
        "additional.arranged_employment",
        600,
        200,
    ),
    (
        "canadian-education-3y-0-to-30",
        dt.date(2016, 11, 19),
        "2015-05-30",
        {"canadian_education": "three_year_or_longer"},
        "additional.canadian_education",
        0,
        30,
    ),
    (
        "canadian-education-1-2y-0-to-15",
        dt.date(2016, 11, 19),
        "2015-05-30",
        {"canadian_education": "one_or_two_year"},
        "additional.canadian_education",
        0,
        15,
    ),
    (
        "sibling-0-to-15",
        dt.date(2017, 6, 6),
        "2016-11-19",
        {"sibling_in_canada": True},
        "additional.sibling",
        0,
        15,
    ),
    (
        "bilingual-0-to-30",
        dt.date(2017, 6, 6),
        "2016-11-19",
        {"second_language": nclc(7)},
        "additional.french",
        0,
        30,
    ),
    (
        "french-only-0-to-15",
        dt.date(2017, 6, 6),
        "2016-11-19",
        {"first_language": nclc(9), "second_language": clb(4)},
        "additional.french",
        0,
        15,
    ),
    (
        "bilingual-30-to-50",
        dt.date(2020, 10, 20),
        "2017-06-06",
        {"second_language": nclc(7)},
        "additional.french",
        30,
        50,
    ),
    (
        "french-only-15-to-25",
        dt.date(2020, 10, 20),
        "2017-06-06",
        {"first_language": nclc(9), "second_language": clb(4)},
        "additional.french",
        15,
        25,
    ),
    (
        "job-offer-teer-50-to-0",
        dt.date(2025, 3, 25),
        "2020-10-20",
        {"arranged_employment": "teer_0_1_2_3"},
        "additional.arranged_employment",
        50,
        0,
    ),
    (
        "job-offer-mg00-200-to-0",
        dt.date(2025, 3, 25),
        "2020-10-20",
        {"arranged_employment": "major_group_00"},
        "additional.arranged_employment",
        200,
        0,
    ),
]


@pytest.mark.parametrize(
    ("effective", "previous", "fields", "key", "before", "after"),
    [c[1:] for c in CHANGES],
    ids=[f"{c[1]}-{c[0]}" for c in CHANGES],
)
def test_points_change_on_the_effective_date(
    effective: dt.date,
    previous: str,
    fields: dict[str, Any],
    key: str,
    before: int,
    after: int,
) -> None:
    """The day before the change the old points apply; on the day, the new ones."""
    profile = crs.load_profile({**V1, **fields})
    old = crs.score(profile, on=effective - DAY)
    new = crs.score(profile, on=effective)
    assert (old.rules.name, new.rules.name) == (previous, effective.isoformat())
    assert (old.line(key).points, new.line(key).points) == (before, after)
    assert new.total - old.total == after - before


EFFECTIVE = [
    dt.date(2015, 1, 1),
    dt.date(2015, 5, 30),
    dt.date(2016, 11, 19),
    dt.date(2017, 6, 6),
    dt.date(2020, 10, 20),
    dt.date(2025, 3, 25),
]


@pytest.mark.parametrize("effective", EFFECTIVE[1:], ids=[d.isoformat() for d in EFFECTIVE[1:]])
def test_rules_in_force_the_day_before_and_the_day_of(effective: dt.date) -> None:
    """rules_in_force switches exactly on each effective date."""
    previous = EFFECTIVE[EFFECTIVE.index(effective) - 1]
    assert crs.rules_in_force(effective - DAY).name == previous.isoformat()
    assert crs.rules_in_force(effective).name == effective.isoformat()
    assert crs.rules_in_force(effective).effective == effective


def test_first_rule_set_starts_on_2015_01_01() -> None:
    """Express Entry opened on 2015-01-01; the day before there are no rules."""
    assert crs.rules_in_force(dt.date(2015, 1, 1)).name == "2015-01-01"
    with pytest.raises(crs.DateOutOfRangeError, match="2014-12-31"):
        crs.rules_in_force(dt.date(2014, 12, 31))


def test_scoring_before_2015_is_a_clear_error() -> None:
    """score() on a date before 2015-01-01 raises DateOutOfRangeError, a ValueError."""
    with pytest.raises(crs.DateOutOfRangeError) as info:
        crs.score(crs.load_profile(V1), on=dt.date(2010, 1, 1))
    assert isinstance(info.value, ValueError)
    assert "2015-01-01" in str(info.value)


def test_provincial_nomination_is_600_from_the_first_day() -> None:
    """A nomination gives 600 on 2015-01-01 (crs-rules §5)."""
    profile = crs.load_profile({**V1, "provincial_nomination": True})
    assert crs.score(profile, on=dt.date(2015, 1, 1)).additional == 600


def test_core_spouse_and_transferability_never_changed() -> None:
    """The tables of sections A, B and C are the same in every rule set (crs-rules §13)."""
    profile = make(
        age=33,
        education="masters",
        first_language=clb(8),
        canadian_work_years=2,
        foreign_work_years=1,
        spouse={"education": "bachelors", "first_language": clb(7), "canadian_work_years": 1},
    )
    sections = {
        (s.core, s.spouse, s.skill_transferability)
        for s in (crs.score(profile, on=day) for day in EFFECTIVE)
    }
    # A: 80 + 126 + 4 x 22 + 46; B: 8 + 12 + 5; C: min(25 + 50, 50) + (13 + 25).
    assert sections == {(80 + 126 + 88 + 46, 25, 50 + 38)}


def test_rule_sets_are_listed_oldest_first_by_name() -> None:
    """RULE_SETS holds the six rule sets in date order, each named by its date."""
    assert [r.effective for r in crs.RULE_SETS] == EFFECTIVE
    assert [r.name for r in crs.RULE_SETS] == [d.isoformat() for d in EFFECTIVE]


def test_the_french_increase_keeps_its_old_name_as_an_alias() -> None:
    """Redated from 2020-10-27 (news release) to 2020-10-20 (IRCC's "Changes as of")."""
    assert crs.rule_set("2020-10-27") is crs.rule_set("2020-10-20")
    assert crs.rule_set("2020-10-27").name == "2020-10-20"
    from crs.rules import v2020_10_27

    assert v2020_10_27.RULES is crs.rule_set("2020-10-20")
    # The week between the change and the news release scores the new points.
    profile = crs.load_profile({**V1, "second_language": nclc(7)})
    assert crs.score(profile, dt.date(2020, 10, 26)).line("additional.french").points == 50
    assert crs.score(profile, dt.date(2020, 10, 19)).line("additional.french").points == 30


@pytest.mark.parametrize("name", [d.isoformat() for d in EFFECTIVE])
def test_rule_set_by_name(name: str) -> None:
    """rule_set(name) returns the rule set of that effective date."""
    rules = crs.rule_set(name)
    assert rules.name == name
    assert rules is crs.rules_in_force(dt.date.fromisoformat(name))
    assert name in str(rules)


def test_unknown_rule_set_name_is_an_error() -> None:
    """An unknown name raises UnknownNameError listing the known names."""
    with pytest.raises(crs.UnknownNameError, match="2025-03-25"):
        crs.rule_set("2026-11-03")


def test_every_rule_set_cites_its_sources() -> None:
    """Each rule set says what changed and where it comes from."""
    for rules in crs.RULE_SETS:
        assert rules.summary
        assert rules.sources
        assert all(source.title for source in rules.sources)


def test_custom_rule_set_restoring_job_offer_points() -> None:
    """A rule set built with attrs.evolve and passed as rules= is scored like IRCC's."""
    current = crs.rule_set("2025-03-25")
    proposal = attrs.evolve(
        current,
        name="proposal",
        arranged_employment=Lookup(
            {ArrangedEmployment.MAJOR_GROUP_00: 120, ArrangedEmployment.TEER_0_1_2_3: 75},
            Source("A proposal", confidence="low"),
        ),
    )
    profile = crs.load_profile({**V1, "arranged_employment": "teer_0_1_2_3"})
    on = dt.date(2026, 1, 1)
    assert crs.score(profile, on=on).total == 429
    mine = crs.score(profile, on=on, rules=proposal)
    assert mine.total == 429 + 75
    assert mine.line("additional.arranged_employment").points == 75
    assert mine.rules.name == "proposal"
    assert not any("arranged_employment" in w for w in mine.warnings)


def test_custom_rule_set_changing_a_core_table() -> None:
    """Replacing the age table changes the age line and nothing else."""
    current = crs.rule_set("2025-03-25")
    flat = Steps(((0, 0), (18, 50)), Source("flat ages"))
    custom = attrs.evolve(current, age=Spoused(flat, flat))
    profile = crs.load_profile(V1)
    on = dt.date(2026, 1, 1)
    assert crs.score(profile, on=on, rules=custom).total == 429 - 110 + 50


def test_custom_rule_set_with_a_sibling_award_and_lower_cap() -> None:
    """Award values and section caps are read from the rule set given."""
    current = crs.rule_set("2025-03-25")
    custom = attrs.evolve(current, sibling=Award(40, Source("test")), additional_cap=30)
    profile = crs.load_profile({**V1, "sibling_in_canada": True})
    result = crs.score(profile, on=dt.date(2026, 1, 1), rules=custom)
    assert result.line("additional.sibling").points == 40
    assert result.additional == 30


def test_custom_rule_set_can_score_any_date() -> None:
    """With rules= given, the date only resolves age and experience: 2010 is allowed."""
    result = crs.score(crs.load_profile(V1), on=dt.date(2010, 1, 1), rules=crs.RULE_SETS[-1])
    assert result.total == 429


def test_rule_tables_refuse_changes() -> None:
    """Tables are immutable: a change must go through attrs.evolve."""
    table = crs.rule_set("2016-11-19").arranged_employment
    assert table is not None
    with pytest.raises(TypeError):
        table.values[ArrangedEmployment.TEER_0_1_2_3] = 1  # type: ignore[index]


def test_score_without_a_date_uses_today() -> None:
    """On defaults to today, and the rule set in force today."""
    result = crs.score(crs.load_profile(V1))
    assert result.on == dt.date.today()
    assert result.rules is crs.rules_in_force(dt.date.today())


def test_custom_factor_in_a_section_of_ones_own() -> None:
    """A Custom factor added to section D (e.g. a proposed high-wage bonus) scores and explains."""
    from crs.factors.kinds import Custom

    current = crs.rule_set("2025-03-25")
    core, spouse, transfer, additional = current.sections
    bonus = Custom("additional.high_wage", "High-wage occupation", lambda f, r: (25, "proposal"))
    custom = attrs.evolve(
        current,
        sections=(
            core,
            spouse,
            transfer,
            attrs.evolve(additional, parts=(*additional.parts, bonus)),
        ),
    )
    result = crs.score(crs.load_profile(V1), on=dt.date(2026, 1, 1), rules=custom)
    assert result.total == 429 + 25
    assert result.additional == 25
    line = result.line("additional.high_wage")
    assert (line.points, line.reason) == (25, "proposal")


def test_steps_table() -> None:
    """Steps reads points from the largest threshold not above the value; 0 below the first."""
    table = Steps(((4, 6), (6, 8), (10, 32)), Source("t"))
    assert [table(v) for v in (-1, 0, 3, 4, 5, 6, 9, 10, 99)] == [0, 0, 0, 6, 6, 8, 8, 32, 32]
    assert table.maximum == 32
    assert table.rows() == [("under 4", 0), ("4 to 5", 6), ("6 to 9", 8), ("10 or more", 32)]
    single = Steps(((0, 1), (1, 2)), Source("t"))
    assert single.rows() == [("0", 1), ("1 or more", 2)]


@pytest.mark.parametrize(
    "steps",
    [(), ((5, 1), (4, 2)), ((4, 1), (4, 2)), ((-1, 1),)],
    ids=["empty", "decreasing", "repeated", "negative"],
)
def test_steps_table_refuses_bad_thresholds(steps: tuple[tuple[int, int], ...]) -> None:
    """Thresholds must be non-negative and strictly increasing."""
    with pytest.raises(ValueError, match="thresholds"):
        Steps(steps, Source("t"))


def test_lookup_table() -> None:
    """Lookup reads a value by key, lists its rows, and refuses changes."""
    table = crs.rule_set("2015-01-01").education.single
    assert table(crs.Education.DOCTORAL) == 150
    assert table.maximum == 150
    assert table.rows()[0] == (crs.Education.LESS_THAN_SECONDARY, 0)
    assert hash(table) == hash(crs.rule_set("2025-03-25").education.single)
    with pytest.raises(TypeError, match="immutable"):
        table.values.clear()  # type: ignore[attr-defined]


def test_matrix_table_refuses_a_wrong_shape() -> None:
    """A Matrix needs a row of points per row name and a point per column name."""
    from crs.tables import Matrix

    with pytest.raises(ValueError, match="Matrix"):
        Matrix("r", "c", ("a", "b"), ("x", "y"), ((1, 2),), Source("t"))
    with pytest.raises(ValueError, match="Matrix"):
        Matrix("r", "c", ("a",), ("x", "y"), ((1,),), Source("t"))


def test_source_text() -> None:
    """A source prints as its title, with its address where it has one."""
    assert str(Source("MI", "https://example.org")) == "MI <https://example.org>"
    assert str(Source("MI")) == "MI"


def test_memo_forgets_when_full_and_never_mixes_tables() -> None:
    """The line memo is cleared past its limit and keyed on the table it was read from."""
    from crs.breakdown import Line
    from crs.factors.kinds import Memo

    memo = Memo(limit=1)
    first, second = object(), object()
    line = Line("k", "K", 1)
    memo.put("a", first, line)
    assert memo.get("a", first) is line
    assert memo.get("a", second) is None
    memo.put("b", first, line)
    assert memo.get("a", first) is None
    assert memo.get("b", first) is line
