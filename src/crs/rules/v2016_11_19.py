"""Rules in force from 2016-11-19.

* A job offer earns 200 points (NOC Major Group 00, senior management) or 50
  (any other skilled occupation) instead of 600; LMIA-exempt employer-specific
  work permits can qualify.
* New additional points for Canadian post-secondary study: 15 for a one- or
  two-year credential, 30 for three years or more (or a master's,
  professional degree or PhD).
* A provincial nomination still earns 600; section D is capped at 600.
* A language result two or more years old earns no points: "points cease to
  be assigned" for it (before, an expired result kept its points until the
  profile was removed from the pool).

Sources: Ministerial Instructions amending the Express Entry system, in force
2016-11-19 (crs-rules §9, S5, S6, S20).
"""

import datetime as dt

import attrs

from crs.profile import ArrangedEmployment, CanadianEducation
from crs.rules import v2015_05_30
from crs.rules._sources import MI_2016
from crs.tables import Lookup

RULES = attrs.evolve(
    v2015_05_30.RULES,
    name="2016-11-19",
    effective=dt.date(2016, 11, 19),
    summary=(
        "Job offers earn 200 (Major Group 00) or 50 points instead of 600; "
        "new points for Canadian post-secondary education (15 or 30); language results "
        "two or more years old earn no points."
    ),
    sources=(MI_2016,),
    arranged_employment=Lookup(
        {ArrangedEmployment.MAJOR_GROUP_00: 200, ArrangedEmployment.TEER_0_1_2_3: 50}, MI_2016
    ),
    expired_language_scores=False,
    canadian_education=Lookup(
        {CanadianEducation.ONE_OR_TWO_YEAR: 15, CanadianEducation.THREE_YEAR_OR_LONGER: 30},
        MI_2016,
    ),
)
