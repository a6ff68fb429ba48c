"""One suite that every rule set passes: IRCC's, and rule sets of one's own.

As holidays runs one suite over every country, every rule set here is checked for
the same things: its data has sources, its sections add up and cap as declared,
``score`` and ``score_frame`` agree on it, its lines explain every point, and it
survives pickling (Dask and Spark workers receive it).
"""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import attrs
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crs
from crs.factors.kinds import Custom, Table
from crs.flat import to_frame
from crs.frame import score_frame
from crs.ruleset import Award, Facts, Group, RuleSet
from crs.tables import Lookup, Matrix, Source, Spoused, Steps
from strategies import examples, profile_dicts

TRIAL = Source("A trial rule set of one's own (tests)", confidence="low")


def _bonus_points(facts: Facts, rules: RuleSet) -> tuple[int, str]:
    """Five points for a nomination, as a function of one profile's facts."""
    return (5, "nominated") if facts.provincial_nomination else (0, "no nomination")


def _bonus_columns(facts: Any, rules: RuleSet) -> Any:
    """The same five points, for a column of facts."""
    return facts.provincial_nomination * 5


def _nomination(value: bool, _: bool) -> str:
    return "nominated" if value else "not nominated"


def _custom_rule_sets() -> dict[str, RuleSet]:
    current = crs.RULE_SETS[-1]
    # A removed factor (the sibling) and a changed table (ages, flatter).
    removed = attrs.evolve(
        current,
        name="trial-removed-and-changed",
        sibling=None,
        age=Spoused(
            Steps(((0, 0), (18, 90), (30, 80), (40, 40), (45, 0)), TRIAL),
            Steps(((0, 0), (18, 100), (30, 90), (40, 45), (45, 0)), TRIAL),
        ),
        sections=tuple(
            attrs.evolve(
                s, parts=tuple(p for p in s.parts if getattr(p, "key", "") != "additional.sibling")
            )
            for s in current.sections
        ),
    )
    # A new factor built from the existing kinds, in a new capped section, and a
    # Custom factor with an array function.
    extra = Group(
        "trial",
        "E. Trial factors",
        (
            Table(
                "trial.nomination",
                "Nomination (trial)",
                Award(7, TRIAL),
                "provincial_nomination",
                _nomination,
            ),
            Custom("trial.bonus", "Bonus (trial)", _bonus_points, _bonus_columns),
        ),
        cap=10,
    )
    added = attrs.evolve(current, name="trial-new-factors", sections=(*current.sections, extra))
    return {removed.name: removed, added.name: added}


CUSTOM = _custom_rule_sets()
EVERY = {**{r.name: r for r in crs.RULE_SETS}, **CUSTOM}


def _tables(rules: RuleSet) -> list[tuple[str, Any]]:
    out = []
    for field in attrs.fields(RuleSet):
        value = getattr(rules, field.name)
        for part in (value.with_spouse, value.single) if isinstance(value, Spoused) else (value,):
            if isinstance(part, (Steps, Lookup, Matrix, Award, crs.ruleset.FrenchBonus)):
                out.append((field.name, part))
    return out


def _factors(group: Any) -> list[Any]:
    out = [group]
    for part in getattr(group, "parts", ()):
        out.extend(_factors(part))
    return out


@pytest.fixture(params=list(EVERY), ids=list(EVERY))
def rules(request: pytest.FixtureRequest) -> RuleSet:
    rule_set: RuleSet = EVERY[request.param]
    return rule_set


def test_every_table_has_a_source(rules: RuleSet) -> None:
    assert rules.sources
    for name, table in _tables(rules):
        assert isinstance(table.source, Source), name
        assert table.source.title, name
        assert table.source.confidence in ("high", "medium", "low"), name


def test_keys_are_unique_and_nested_under_their_group(rules: RuleSet) -> None:
    keys: list[str] = []
    for section in rules.sections:
        for factor in _factors(section):
            keys.append(factor.key)
            for part in getattr(factor, "parts", ()):
                assert part.key.startswith(factor.key + "."), (factor.key, part.key)
    assert len(keys) == len(set(keys))


def test_every_factor_scores_columns(rules: RuleSet) -> None:
    assert rules.vectorised


def test_pickling_keeps_the_rule_set(rules: RuleSet) -> None:
    copy = pickle.loads(pickle.dumps(rules))
    assert copy == rules
    assert copy.vectorised == rules.vectorised


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(records=st.lists(profile_dicts(), min_size=1, max_size=15))
def test_score_lines_frame_and_pickle_agree(rules: RuleSet, records: list[dict[str, Any]]) -> None:
    """Every path gives the same numbers on this rule set, and the lines explain them."""
    on = max(rules.effective, dt.date(2015, 1, 1))
    copy = pickle.loads(pickle.dumps(rules))
    frame = score_frame(to_frame(records), on, rules=rules)
    for i, data in enumerate(records):
        error: str | None = None
        try:
            result = crs.score(crs.load_profile(data), on, rules=rules)
        except crs.ProfileError as exc:  # a date of birth after the date
            error = "; ".join(str(p) for p in exc.problems)
        assert frame["error"][i] == error
        if error is not None:
            continue
        assert int(frame["total"][i]) == result.total
        assert int(frame["core"][i]) == result.core
        assert int(frame["additional"][i]) == result.additional
        assert result.total == sum(line.points for line in result.lines)
        assert result.total == sum(result.sections.values())
        assert 0 <= result.total <= 1200
        for line in result.lines:
            if line.cap is not None:
                assert line.points <= line.cap
            assert line.points == min(sum(c.points for c in line.children), line.cap or 10**9)
        again = crs.score(crs.load_profile(data), on, rules=copy)
        assert again.lines == result.lines


@pytest.mark.parametrize("index", range(1, len(crs.RULE_SETS)))
def test_in_force_from_its_first_day_not_the_day_before(index: int) -> None:
    rules, previous = crs.RULE_SETS[index], crs.RULE_SETS[index - 1]
    assert rules.name == rules.effective.isoformat()
    assert crs.rules_in_force(rules.effective) is rules
    assert crs.rules_in_force(rules.effective - dt.timedelta(days=1)) is previous


def test_a_custom_factor_without_an_array_function_is_scored_row_by_row() -> None:
    current = crs.RULE_SETS[-1]
    slow = Custom("trial.slow", "Slow (trial)", _bonus_points)
    rules = attrs.evolve(
        current,
        name="trial-slow",
        sections=(*current.sections, Group("trial", "E. Trial", (slow,))),
    )
    assert not rules.vectorised
    records = [{"age": 30, "education": "masters", "provincial_nomination": True}]
    with pytest.warns(crs.frame.RowByRowWarning, match="row by row"):
        frame = score_frame(pd.DataFrame(to_frame(records)), dt.date(2026, 2, 19), rules=rules)
    expected = crs.score(crs.load_profile(records[0]), dt.date(2026, 2, 19), rules=rules)
    assert int(frame["total"][0]) == expected.total == 105 + 135 + 600 + 5
