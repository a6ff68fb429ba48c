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
from crs.errors import CRSError, DateOutOfRangeError, Problem, ProfileError, UnknownCategoryError
from crs.io import dump_profile, load_profile, loads_profile
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
from crs.rules import RULE_SETS, rule_set, rules_in_force
from crs.ruleset import Facts, RuleSet
from crs.scoring import score

__all__ = [
    "RULE_SETS",
    "Ability",
    "ArrangedEmployment",
    "CRSError",
    "CanadianEducation",
    "DateOutOfRangeError",
    "Education",
    "Facts",
    "Job",
    "LanguageResult",
    "LanguageTest",
    "Line",
    "OfficialLanguage",
    "Problem",
    "Profile",
    "ProfileError",
    "RuleSet",
    "Score",
    "Spouse",
    "UnknownCategoryError",
    "__version__",
    "dump_profile",
    "load_profile",
    "loads_profile",
    "rule_set",
    "rules_in_force",
    "score",
]
