"""IRCC's CRS rule sets, one module per effective date, and the one in force on a day.

| module | in force from | what changed |
|---|---|---|
| ``v2015_01_01`` | 2015-01-01 | launch; 600 for a nomination or a job offer |
| ``v2015_05_30`` | 2015-05-30 | Canadian work: full time or its part-time equivalent |
| ``v2016_11_19`` | 2016-11-19 | job offer 200/50; Canadian education 15/30 |
| ``v2017_06_06`` | 2017-06-06 | French 15/30; sibling 15 |
| ``v2020_10_20`` | 2020-10-20 | French 25/50 (named 2020-10-27 before: an alias) |
| ``v2025_03_25`` | 2025-03-25 | job offer points removed |

The NOC 2021 switch of 2022-11-16 changed words, not points, so it is no rule
set; but it changed which 19 occupations are skilled work, and before it those
jobs are read by their NOC 2016 skill (:data:`crs.occupations.NOC_2021_SWITCH`,
applied by :func:`crs.policies.as_covered`).  Known but not modelled: a change
reported for 2026-11-03 (points for high-wage occupations and job offers) has no
published point values (see the docs' "What is modelled").
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right

from crs._dates import as_date
from crs.errors import DateOutOfRangeError
from crs.rules import (
    v2015_01_01,
    v2015_05_30,
    v2016_11_19,
    v2017_06_06,
    v2020_10_20,
    v2025_03_25,
)
from crs.ruleset import RuleSet

__all__ = ["ALIASES", "RULE_SETS", "rule_set", "rules_in_force", "rules_name_on"]

RULE_SETS: tuple[RuleSet, ...] = (
    v2015_01_01.RULES,
    v2015_05_30.RULES,
    v2016_11_19.RULES,
    v2017_06_06.RULES,
    v2020_10_20.RULES,
    v2025_03_25.RULES,
)
"""Every rule set, oldest first."""

_STARTS = [rules.effective for rules in RULE_SETS]

ALIASES: dict[str, str] = {"2020-10-27": "2020-10-20"}
"""The names rule sets had before, each with its name now: a rule set redated on better
evidence keeps its old name (the French increase, first dated by its news release)."""


def rules_in_force(on: dt.date | str | None) -> RuleSet:
    """The rule set in force on ``on`` (a date or ``YYYY-MM-DD``; None: today).

    >>> rules_in_force(dt.date(2025, 3, 24)).name
    '2020-10-20'

    Raises:
        DateOutOfRangeError: If ``on`` is before Express Entry opened (2015-01-01).
    """
    if type(on) is not dt.date:  # read as every entry point reads a date
        on = as_date(on)
    index = bisect_right(_STARTS, on) - 1
    if index < 0:
        raise DateOutOfRangeError(
            f"{on.isoformat()} is before Express Entry opened on 2015-01-01: "
            "no CRS rules were in force"
        )
    return RULE_SETS[index]


def rules_name_on(on: dt.date) -> str | None:
    """The name of the rule set in force on ``on``, or None before Express Entry opened.

    >>> rules_name_on(dt.date(2025, 3, 25)), rules_name_on(dt.date(2014, 12, 31))
    ('2025-03-25', None)
    """
    index = bisect_right(_STARTS, on) - 1
    return None if index < 0 else RULE_SETS[index].name


def a_rule_set(value: object, caller: str) -> RuleSet:
    """``value``, checked to be a :class:`~crs.ruleset.RuleSet` (a ``rules=`` argument).

    Raises:
        TypeError: Naming what was given, and :func:`rule_set` for a name.
    """
    if isinstance(value, RuleSet):
        return value
    hint = (
        f" (crs.rules.rule_set({value!r}) gives the one of that name)"
        if isinstance(value, str)
        else ""
    )
    raise TypeError(f"{caller}: rules= takes a RuleSet{hint}, not {type(value).__name__}")


def rule_set(name: str) -> RuleSet:
    """The rule set named ``name`` (its effective date, e.g. ``"2017-06-06"``), or an alias.

    >>> rule_set("2020-10-27").name  # the old name of the French increase
    '2020-10-20'

    Raises:
        UnknownNameError: If no rule set has that name.
    """
    name = ALIASES.get(name, name)
    for rules in RULE_SETS:
        if rules.name == name:
            return rules
    from crs.errors import UnknownNameError

    raise UnknownNameError.of("rule set", name, (r.name for r in RULE_SETS))
