"""crs: the exact, explainable, versioned Express Entry CRS calculator.

>>> import datetime as dt, crs
>>> profile = crs.load_profile({"age": 29, "education": "bachelors",
...     "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
...                        "writing": 7.0, "speaking": 7.0},
...     "foreign_work_years": 3})
>>> crs.score(profile, on=dt.date(2026, 2, 19)).total
429
"""

from crs._version import __version__
from crs.breakdown import Line, Score
from crs.categories import CATEGORIES, CategoryVersion, by_name, category
from crs.eligibility import CategoryVerdict, EligibilityReport
from crs.eligibility import eligibility as eligible
from crs.errors import CRSError, DateOutOfRangeError, Problem, ProfileError, UnknownCategoryError
from crs.io import dump_profile, load_profile, loads_profile
from crs.occupations import Occupation, UnknownOccupationError, occupation
from crs.placement import Placement, RoundResult, Standing, place, standing
from crs.predicates import Predicate, Reason, Verdict
from crs.profile import (
    Ability,
    ArrangedEmployment,
    CanadianEducation,
    Education,
    Job,
    LanguageResult,
    LanguageTest,
    OfficialLanguage,
    Profile,
    Spouse,
)
from crs.programs import CEC, FST, FSW, PROGRAMS, FswGrid, fsw_grid, program
from crs.rounds import PoolDistribution, Round, get_round, latest_pool, pool_distribution, rounds
from crs.rules import RULE_SETS, rule_set, rules_in_force
from crs.ruleset import Facts, RuleSet
from crs.scenarios import Suggestion, Suggestions, what_if
from crs.scoring import score
from crs.timeline import Change, Notice, Timeline, timeline

# Names that need the optional extras (NumPy and pandas: ``crs-calculator[batch]``;
# matplotlib: ``crs-calculator[plot]``), imported on first use so that
# ``import crs`` needs only attrs and cattrs.
_LAZY = {
    "score_frame": "crs.frame",
    "synthetic_frame": "crs.frame",
    "plot_breakdown": "crs.plot",
    "plot_what_if": "crs.plot",
    "plot_timeline": "crs.plot",
}


def __getattr__(name: str) -> object:
    """Import ``score_frame`` and the plot functions only when they are used."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'crs' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    """The public names, the lazily imported ones included."""
    return sorted([*__all__, *_LAZY])


__all__ = [
    "CATEGORIES",
    "CEC",
    "FST",
    "FSW",
    "PROGRAMS",
    "RULE_SETS",
    "Ability",
    "ArrangedEmployment",
    "CRSError",
    "CanadianEducation",
    "CategoryVerdict",
    "CategoryVersion",
    "Change",
    "DateOutOfRangeError",
    "Education",
    "EligibilityReport",
    "Facts",
    "FswGrid",
    "Job",
    "LanguageResult",
    "LanguageTest",
    "Line",
    "Notice",
    "Occupation",
    "OfficialLanguage",
    "Placement",
    "PoolDistribution",
    "Predicate",
    "Problem",
    "Profile",
    "ProfileError",
    "Reason",
    "Round",
    "RoundResult",
    "RuleSet",
    "Score",
    "Spouse",
    "Standing",
    "Suggestion",
    "Suggestions",
    "Timeline",
    "UnknownCategoryError",
    "UnknownOccupationError",
    "Verdict",
    "__version__",
    "by_name",
    "category",
    "dump_profile",
    "eligible",
    "fsw_grid",
    "get_round",
    "latest_pool",
    "load_profile",
    "loads_profile",
    "occupation",
    "place",
    "pool_distribution",
    "program",
    "rounds",
    "rule_set",
    "rules_in_force",
    "score",
    "standing",
    "timeline",
    "what_if",
]
