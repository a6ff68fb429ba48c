"""crs: the exact, explainable, versioned Express Entry CRS calculator.

>>> import datetime as dt, crs
>>> profile = crs.load_profile({"age": 29, "education": "bachelors",
...     "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
...                        "writing": 7.0, "speaking": 7.0},
...     "foreign_work_years": 3})
>>> crs.score(profile, on=dt.date(2026, 2, 19)).total
429
"""

from typing import TYPE_CHECKING

from crs._version import __version__

if TYPE_CHECKING:  # what __getattr__ imports on first use, for type checkers and readers
    from crs._dates import DateError
    from crs.breakdown import Line, Score
    from crs.categories import CATEGORIES, CategoryVersion, by_name, category
    from crs.couples import PrincipalComparison, compare_principal
    from crs.draws import Round, get_round, rounds
    from crs.eligibility import CategoryVerdict, EligibilityReport
    from crs.eligibility import eligibility as eligible
    from crs.errors import (
        CRSError,
        DateOutOfRangeError,
        Problem,
        ProfileError,
        UnknownCategoryError,
        UnknownNameError,
    )
    from crs.io import (
        dump_couple,
        dump_profile,
        load_couple,
        load_profile,
        loads_couple,
        loads_profile,
    )
    from crs.occupations import Occupation, UnknownOccupationError, occupation
    from crs.placement import Placement, RoundResult, place
    from crs.pool import PoolDistribution, Standing, latest_pool, pool_distribution, standing
    from crs.predicates import Predicate, Reason, Verdict
    from crs.profile import (
        Ability,
        ArrangedEmployment,
        CanadianEducation,
        Couple,
        Education,
        Job,
        LanguageResult,
        LanguageTest,
        OfficialLanguage,
        Profile,
        Spouse,
    )
    from crs.programs import CEC, FST, FSW, PROGRAMS, FswGrid, fsw_grid, program
    from crs.reports import ClientReport, report
    from crs.rules import RULE_SETS, rule_set, rules_in_force
    from crs.ruleset import Facts, RuleSet
    from crs.scenarios import Suggestion, Suggestions, what_if
    from crs.scoring import score
    from crs.timelines import Change, Notice, Timeline, timeline

# ``import crs`` loads only this module: each public name is imported from its
# module the first time it is used (then kept here), so a script or a command
# pays only for what it uses.
_PUBLIC: dict[str, str] = {
    "DateError": "crs._dates",
    "Line": "crs.breakdown",
    "Score": "crs.breakdown",
    "CATEGORIES": "crs.categories",
    "CategoryVersion": "crs.categories",
    "by_name": "crs.categories",
    "category": "crs.categories",
    "PrincipalComparison": "crs.couples",
    "compare_principal": "crs.couples",
    "Round": "crs.draws",
    "get_round": "crs.draws",
    "rounds": "crs.draws",
    "CategoryVerdict": "crs.eligibility",
    "EligibilityReport": "crs.eligibility",
    "eligible": "crs.eligibility:eligibility",
    "CRSError": "crs.errors",
    "DateOutOfRangeError": "crs.errors",
    "Problem": "crs.errors",
    "ProfileError": "crs.errors",
    "UnknownCategoryError": "crs.errors",
    "UnknownNameError": "crs.errors",
    "dump_couple": "crs.io",
    "dump_profile": "crs.io",
    "load_couple": "crs.io",
    "load_profile": "crs.io",
    "loads_couple": "crs.io",
    "loads_profile": "crs.io",
    "Occupation": "crs.occupations",
    "UnknownOccupationError": "crs.occupations",
    "occupation": "crs.occupations",
    "Placement": "crs.placement",
    "RoundResult": "crs.placement",
    "place": "crs.placement",
    "PoolDistribution": "crs.pool",
    "Standing": "crs.pool",
    "latest_pool": "crs.pool",
    "pool_distribution": "crs.pool",
    "standing": "crs.pool",
    "Predicate": "crs.predicates",
    "Reason": "crs.predicates",
    "Verdict": "crs.predicates",
    "Ability": "crs.profile",
    "ArrangedEmployment": "crs.profile",
    "CanadianEducation": "crs.profile",
    "Couple": "crs.profile",
    "Education": "crs.profile",
    "Job": "crs.profile",
    "LanguageResult": "crs.profile",
    "LanguageTest": "crs.profile",
    "OfficialLanguage": "crs.profile",
    "Profile": "crs.profile",
    "Spouse": "crs.profile",
    "CEC": "crs.programs",
    "FST": "crs.programs",
    "FSW": "crs.programs",
    "PROGRAMS": "crs.programs",
    "FswGrid": "crs.programs",
    "fsw_grid": "crs.programs",
    "program": "crs.programs",
    "ClientReport": "crs.reports",
    "report": "crs.reports",
    "RULE_SETS": "crs.rules",
    "rule_set": "crs.rules",
    "rules_in_force": "crs.rules",
    "Facts": "crs.ruleset",
    "RuleSet": "crs.ruleset",
    "Suggestion": "crs.scenarios",
    "Suggestions": "crs.scenarios",
    "what_if": "crs.scenarios",
    "score": "crs.scoring",
    "Change": "crs.timelines",
    "Notice": "crs.timelines",
    "Timeline": "crs.timelines",
    "timeline": "crs.timelines",
}
"""Where each public name lives: ``module`` or ``module:attribute``."""

# Names that need the optional extras (NumPy and pandas: ``crs-calculator[batch]``;
# matplotlib: ``crs-calculator[plot]``), imported on first use so that
# ``import crs`` needs only attrs and cattrs.
_LAZY = {
    "score_frame": "crs.frame",
    "synthetic_frame": "crs.frame",
    "to_frame": "crs.flat",
    "from_frame": "crs.flat",
    "plot_breakdown": "crs.plot",
    "plot_what_if": "crs.plot",
    "plot_timeline": "crs.plot",
}


def __getattr__(name: str) -> object:
    """Import a public name from its module the first time it is used."""
    where = _PUBLIC.get(name) or _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'crs' has no attribute {name!r}")
    import importlib

    module, _, attribute = where.partition(":")
    value = getattr(importlib.import_module(module), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, the lazily imported ones included."""
    return sorted([*__all__, *_LAZY])


# Grouped by role, not sorted: each comment says what its group is for.
__all__ = [  # noqa: RUF022
    "__version__",
    # Profiles and loading: the candidate, read from and written to JSON data.
    "Ability",
    "ArrangedEmployment",
    "CanadianEducation",
    "Couple",
    "Education",
    "Job",
    "LanguageResult",
    "LanguageTest",
    "Occupation",
    "OfficialLanguage",
    "Profile",
    "Spouse",
    "dump_couple",
    "dump_profile",
    "load_couple",
    "load_profile",
    "loads_couple",
    "loads_profile",
    "occupation",
    # Scoring and rule sets: the points, explained, under the rules in force on a date.
    "RULE_SETS",
    "Facts",
    "Line",
    "RuleSet",
    "Score",
    "rule_set",
    "rules_in_force",
    "score",
    # Eligibility: the programs (FSW, CEC, FST) and the draw categories.
    "CATEGORIES",
    "CEC",
    "FST",
    "FSW",
    "PROGRAMS",
    "CategoryVerdict",
    "CategoryVersion",
    "EligibilityReport",
    "FswGrid",
    "Predicate",
    "Reason",
    "Verdict",
    "by_name",
    "category",
    "eligible",
    "fsw_grid",
    "program",
    # Rounds and placement: the draws held, the pool, and a profile placed against them.
    "Placement",
    "PoolDistribution",
    "Round",
    "RoundResult",
    "Standing",
    "get_round",
    "latest_pool",
    "place",
    "pool_distribution",
    "rounds",
    "standing",
    # Scenarios: what would raise a score, and how it moves over time.
    "Change",
    "Notice",
    "Suggestion",
    "Suggestions",
    "Timeline",
    "timeline",
    "what_if",
    # Couples: which partner should be the principal applicant.
    "PrincipalComparison",
    "compare_principal",
    # Reports: one self-contained HTML page to hand a client.
    "ClientReport",
    "report",
    # Errors: every one is a CRSError, so a ValueError.
    "CRSError",
    "DateError",
    "DateOutOfRangeError",
    "Problem",
    "ProfileError",
    "UnknownCategoryError",
    "UnknownNameError",
    "UnknownOccupationError",
    # Frames and plots (score_frame, synthetic_frame, plot_*) need the optional
    # extras: they are in _LAZY and dir(crs), not here, so that
    # ``from crs import *`` does not import pandas or matplotlib.
]
