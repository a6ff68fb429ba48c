"""The compiled scorer (crs.compiled) equals the explained tree, on every rule set.

``crs.score`` adds up the points with a function compiled from the rule set's
tables; the explanation (``Score.lines``) and ``Factor.points`` walk the
factors.  These property tests prove that the two agree section by section,
on every bundled rule set and on rule sets of one's own that use every factor
kind, a factor class of one's own and a Custom function (the compiled path
calls those as they are), and that the resolved facts are the ones the
explained path reads, field by field.
"""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crs
from crs.breakdown import Line
from crs.caveats import caveats
from crs.compiled import scorer, source_of
from crs.factors.kinds import Abilities, Custom, Table, Tier, Tiers
from crs.language import levels, not_counted
from crs.ruleset import Award, Factor, Facts, Group, RuleSet
from crs.scoring import _resolved, _warnings, resolve, resolved
from crs.tables import Lookup, Matrix, Source, Spoused, Steps
from strategies import examples, profile_dicts
from test_conformance import CUSTOM

OWN = Source("A rule set of one's own (compiled tests)", confidence="low")


def _custom(facts: Facts, rules: RuleSet) -> tuple[int, str]:
    return (3 * facts.canadian_years, "three a year")


@attrs.frozen
class _Doubler(Factor):
    """A factor class of one's own: twice the foreign years (no compile method)."""

    key: str = "own.doubler"
    label: str = "Doubler"

    def points(self, facts: Facts, rules: RuleSet) -> int:
        return 2 * facts.foreign_years

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        return Line(self.key, self.label, self.points(facts, rules), "twice")


def _reason(value: Any, _: bool) -> str:
    return str(value)


def _described(values: tuple[Any, ...]) -> str:
    return str(values)


def _own_rule_set() -> RuleSet:
    current = crs.RULE_SETS[-1]
    matrix = Matrix("a", "b", ("0", "1"), ("0", "1", "2"), ((0, 1, 2), (3, 4, 5)), OWN)
    own = Group(
        "own",
        "E. Own",
        (
            Table("own.years", "Years", Steps(((0, 0), (2, 5), (4, 9)), OWN), "canadian_years",
                  _reason),
            Table("own.spouse_years", "Spouse years",
                  Spoused(Steps(((0, 0), (1, 4)), OWN), Steps(((0, 1), (3, 6)), OWN)),
                  "spouse_canadian_years", _reason),
            Table("own.offer", "Offer", Lookup(dict.fromkeys(crs.ArrangedEmployment, 11), OWN),
                  "arranged_employment", _reason),
            Table("own.nothing", "Not scored", None, "age", _reason),
            Abilities("own.second", "Second", Steps(((0, 0), (7, 2)), OWN), "second",
                      "second_result", "none", "second_void"),
            Tiers("own.matrix", "Matrix", matrix, Tier("sibling_in_canada"),
                  Tier("spouse_first", Steps(((0, 0), (5, 1), (8, 2)), OWN), lowest=True),
                  ("sibling_in_canada",), _described),
            Tiers("own.flags", "Flags", matrix, Tier("with_spouse"),
                  Tier("certificate_of_qualification"), ("with_spouse",), _described),
            Custom("own.custom", "Custom", _custom),
            _Doubler(),
            Group("own.inner", "Inner", (Table("own.inner.age", "Age", "age", "age", _reason),),
                  cap=Spoused(40, 60), only_with_spouse=True),
        ),
        cap=150,
    )  # fmt: skip
    return attrs.evolve(current, name="own-every-kind", sections=(*current.sections, own))


EVERY = {
    **{rules.name: rules for rules in crs.RULE_SETS},
    **CUSTOM,
    "own-every-kind": _own_rule_set(),
}
NAMES = sorted(EVERY)


def _reference_facts(profile: crs.Profile, on: dt.date, rules: RuleSet) -> dict[str, Any]:
    """The facts the explained path reads, field by field, from their definitions."""
    from crs.experience import work_years
    from crs.scoring import work_notes

    spouse = profile.spouse if profile.spouse_counts else None
    years, scores = rules.language_validity_years, rules.expired_language_scores

    def language(result: Any) -> tuple[Any, Any]:
        if result is None:
            return None, None
        void = not_counted(result, on, years, scores)
        return (None if void else levels(result)), void

    first, first_void = language(profile.first_language)
    second, second_void = language(profile.second_language)
    spouse_result = None if spouse is None else spouse.first_language
    spouse_first, spouse_void = language(spouse_result)
    canadian, foreign = work_years(profile, on, rules.experience)
    return {
        "on": on,
        "age": profile.age_on(on),
        "with_spouse": spouse is not None,
        "education": profile.education,
        "first": first,
        "first_language": getattr(profile.first_language, "language", None),
        "first_result": profile.first_language,
        "second": second,
        "second_language": getattr(profile.second_language, "language", None),
        "second_result": profile.second_language,
        "canadian_years": canadian,
        "foreign_years": foreign,
        "certificate_of_qualification": profile.certificate_of_qualification,
        # A nomination counts from its day (crs.dated): made after ``on``, it gives nothing.
        "provincial_nomination": profile.provincial_nomination
        and (profile.nominated_on is None or profile.nominated_on <= on),
        "sibling_in_canada": profile.sibling_in_canada,
        "arranged_employment": profile.arranged_employment,
        "canadian_education": profile.canadian_education,
        "spouse_education": None if spouse is None else spouse.education,
        "spouse_first": spouse_first,
        "spouse_first_result": spouse_result,
        "spouse_canadian_years": 0 if spouse is None else spouse.canadian_work_years,
        "work_history": profile.work_history,
        "first_void": first_void,
        "second_void": second_void,
        "spouse_first_void": spouse_void,
        "work_notes": work_notes(profile, on, rules) if profile.work_history else (),
        "nomination_void": (
            f"nominated on {profile.nominated_on}, after {on}: the nomination did not exist yet"
            if profile.provincial_nomination
            and profile.nominated_on is not None
            and profile.nominated_on > on
            else None
        ),
    }


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=profile_dicts(),
    name=st.sampled_from(NAMES),
    on=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_compiled_points_equal_the_explained_tree(
    data: dict[str, Any], name: str, on: dt.date
) -> None:
    rules = EVERY[name]
    profile = crs.load_profile(data)
    try:
        facts = resolve(profile, on, rules)
    except crs.ProfileError:
        return  # a date of birth after the date: both paths refuse it (test_one_source)
    assert facts._asdict() == _reference_facts(profile, on, rules)
    result = crs.score(profile, on, rules=rules)
    explained = {section.key: section.points(facts, rules) for section in rules.sections}
    lines = {line.key: line.points for line in result.lines}
    assert dict(result.sections) == explained == lines
    assert result.total == sum(explained.values())
    assert (result.core, result.spouse, result.skill_transferability, result.additional) == (
        explained.get("core", 0),
        explained.get("spouse", 0),
        explained.get("transferability", 0),
        explained.get("additional", 0),
    )
    assert result.facts == facts
    assert result.id == profile.id
    assert result.rules is rules
    assert result.on == on


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=profile_dicts(with_history=False, with_dob=False),
    name=st.sampled_from(NAMES),
    with_spouse=st.booleans(),
)
def test_every_factor_compiles_to_its_own_points(
    data: dict[str, Any], name: str, with_spouse: bool
) -> None:
    """Each factor alone, compiled, equals its ``points`` (not only the section sums)."""
    from crs.compiled import Code

    rules = EVERY[name]
    on = max(rules.effective, dt.date(2015, 1, 1))
    facts = resolve(crs.load_profile(data), on, rules)
    facts = facts._replace(with_spouse=with_spouse and facts.spouse_education is not None)

    def walk(factor: Any) -> Any:
        yield factor
        for part in getattr(factor, "parts", ()):
            yield from walk(part)

    for section in rules.sections:
        for factor in walk(section):
            code = Code(rules)
            out = code.factor(factor)
            names = [f"f_{f}" if f in code.facts_read else "_" for f in Facts._fields]
            text = "\n".join(
                ["def _one(f):", f"    {', '.join(names)} = f", "    facts = _new(_FACTS, f)",
                 *code.lines, f"    return {out}"]
            )  # fmt: skip
            namespace = {**code.namespace, "_new": tuple.__new__, "_FACTS": Facts}
            exec(text, namespace)
            assert namespace["_one"](tuple(facts)) == factor.points(facts, rules), factor.key


def test_every_rule_set_compiles_once_and_travels_without_it() -> None:
    for rules in EVERY.values():
        text, _ = source_of(rules)
        compile(text, "<test>", "exec")
        assert scorer(rules) is scorer(rules)
        copy = pickle.loads(pickle.dumps(rules))
        assert copy == rules
        assert scorer(copy) is not scorer(rules)  # compiled anew for the copy


def test_an_evolved_rule_set_is_compiled_from_its_own_tables() -> None:
    current = crs.RULE_SETS[-1]
    richer = attrs.evolve(current, provincial_nomination=Award(700, OWN), additional_cap=700)
    profile = crs.load_profile({"age": 30, "education": "bachelors", "provincial_nomination": True})
    on = dt.date(2026, 1, 5)
    assert crs.score(profile, on, rules=current).additional == 600
    assert crs.score(profile, on, rules=richer).additional == 700
    assert crs.score(profile, on, rules=current).additional == 600


def test_resolved_is_the_facts_tuple() -> None:
    profile = crs.load_profile({"age": 30, "education": "masters"})
    rules = crs.RULE_SETS[-1]
    values = resolved(profile, dt.date(2026, 1, 5), rules)
    assert len(values) == len(Facts._fields)
    assert tuple(resolve(profile, dt.date(2026, 1, 5), rules)) == values


@attrs.frozen
class _Tripled(Table):
    """A Table of one's own that changes how points are counted (and not ``compile``)."""

    def points(self, facts: Facts, rules: RuleSet) -> int:
        return 3 * super().points(facts, rules)


def test_a_subclass_that_changes_points_is_called_as_it_is() -> None:
    current = crs.RULE_SETS[-1]
    tripled = _Tripled("own.age", "Age, tripled", "age", "age", _reason)
    own = attrs.evolve(
        current,
        name="own-tripled",
        sections=(*current.sections, Group("own", "E. Own", (tripled,))),
    )
    profile = crs.load_profile({"age": 30, "education": "bachelors"})
    on = dt.date(2026, 1, 5)
    result = crs.score(profile, on, rules=own)
    assert result.sections["own"] == 3 * crs.score(profile, on).line("core.age").points
    assert "_F" in source_of(own)[0]  # called through the fallback


_LEVELS = st.none() | st.tuples(*[st.integers(0, 16)] * 4)
_LANGUAGES = st.none() | st.sampled_from(list(crs.OfficialLanguage))


@settings(max_examples=examples(200), deadline=None)
@given(
    name=st.sampled_from(NAMES),
    first=_LEVELS,
    second=_LEVELS,
    spouse_first=_LEVELS,
    first_language=_LANGUAGES,
    second_language=_LANGUAGES,
    with_spouse=st.booleans(),
)
def test_levels_read_level_by_level_equal_the_factors_on_any_levels(
    name: str,
    first: Any,
    second: Any,
    spouse_first: Any,
    first_language: Any,
    second_language: Any,
    with_spouse: bool,
) -> None:
    """The compiled reading of levels equals each factor's ``points`` on any levels.

    One lookup a level, the lowest, the French memo: on any levels and
    languages, levels above the charts' 10 and over 12 (read the first time
    they come) included, and None.
    """
    rules = EVERY[name]
    on = max(rules.effective, dt.date(2015, 1, 1))
    base = resolve(crs.load_profile({"age": 30, "education": "bachelors"}), on, rules)
    facts = base._replace(
        first=first,
        second=second,
        spouse_first=spouse_first,
        first_language=first_language,
        second_language=second_language,
        with_spouse=with_spouse,
        spouse_education=crs.Education.SECONDARY if with_spouse else None,
    )
    function = scorer(rules)
    result = function(tuple(facts), rules, on, (), None)
    explained = {section.key: section.points(facts, rules) for section in rules.sections}
    assert dict(result.sections) == explained


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profile_dicts(with_dob=False), name=st.sampled_from(NAMES))
def test_the_lean_score_is_the_full_one(data: dict[str, Any], name: str) -> None:
    """The compiled Score reads, compares, copies, pickles and explains like attrs' own.

    It stores its facts as the plain tuple and leaves its unset fields to the class.
    """
    rules = EVERY[name]
    profile = crs.load_profile(data)
    on = dt.date(2026, 1, 5)
    fresh, other = crs.score(profile, on, rules=rules), crs.score(profile, on, rules=rules)
    built = crs.Score(
        fresh.total,
        fresh.core,
        fresh.spouse,
        fresh.skill_transferability,
        fresh.additional,
        rules,
        on,
        fresh.warnings,
        resolve(profile, on, rules),
        sections=dict(fresh.sections),
        id=fresh.id,
    )
    copied = pickle.loads(pickle.dumps(fresh))  # before anything is read from it
    evolved = attrs.evolve(other)
    for score in (fresh, copied, evolved):
        assert score == built
        assert type(score.facts) is Facts
        assert score.facts == built.facts
        assert dict(score.sections) == dict(built.sections)
        assert score.lines == built.lines
        fields = attrs.asdict(score, recurse=False)
        assert fields.keys() == attrs.asdict(built, recurse=False).keys()
        assert type(fields["facts"]) is Facts
    assert repr(fresh) == repr(built)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=profile_dicts(),
    name=st.sampled_from(NAMES),
    on=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)),
    submitted=st.none()
    | st.datetimes(
        min_value=dt.datetime(2015, 1, 1),
        max_value=dt.datetime(2030, 12, 31),
        timezones=st.just(dt.timezone.utc),
    ),
)
def test_the_warnings_shortcut_gives_every_warning(
    data: dict[str, Any], name: str, on: dt.date, submitted: dt.datetime | None
) -> None:
    """The warnings' shortcut (nothing of the profile's own: the date's caveats) is exact.

    crs.score tells such a profile as it resolves it; the full walk agrees every time.
    """
    if submitted is not None:
        data = {**data, "submitted_at": submitted.isoformat()}
    rules = EVERY[name]
    profile = crs.load_profile(data)
    try:
        values, plain = _resolved(profile, on, rules)
    except crs.ProfileError:
        return
    assert values == resolved(profile, on, rules)
    assert crs.score(profile, on, rules=rules).warnings == _warnings(profile, on, rules)
    if plain:
        assert _warnings(profile, on, rules) == caveats(on)


_PTE = {"test": "pte_core", "listening": 60, "reading": 60, "writing": 60, "speaking": 60}
_CLB = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}


@pytest.mark.parametrize(
    "extra",
    [
        {"first_language": _PTE},
        {"first_language": {**_CLB, "test_date": "2026-01-01"}},
        {
            "first_language": _CLB,
            "second_language": {
                "test": "tcf_canada",
                "listening": 500,
                "reading": 500,
                "writing": 12,
                "speaking": 12,
            },
        },
        {"spouse": {"accompanying": False, "first_language": {**_CLB, "test_date": "2026-01-01"}}},
        {"spouse": {"canadian_citizen_or_pr": True, "first_language": _PTE}},
        {"spouse": {"education": "masters", "first_language": _PTE}},
        {"provincial_nomination": True, "nominated_on": "2026-02-01"},
        {"submitted_at": "2026-01-06T00:00:00Z"},
        {"arranged_employment": "major_group_00"},  # no points from 2025-03-25
        {"canadian_education": "three_year_or_longer"},  # no points before 2016-11-19
    ],
)
@pytest.mark.parametrize("name", ["2015-01-01", "2025-03-25"])
def test_each_thing_of_its_own_to_warn_about_is_reported(extra: dict[str, Any], name: str) -> None:
    """Anything that may warn of the profile's own makes crs.score take the full walk."""
    rules = EVERY[name]
    if ("arranged_employment" in extra and name != "2025-03-25") or (
        "canadian_education" in extra and name != "2015-01-01"
    ):
        return  # scored under these rules: nothing to warn about
    on = dt.date(2026, 1, 5)
    profile = crs.load_profile({"age": 30, "education": "bachelors", **extra})
    assert not _resolved(profile, on, rules)[1]
    warnings = crs.score(profile, on, rules=rules).warnings
    assert warnings == _warnings(profile, on, rules)
