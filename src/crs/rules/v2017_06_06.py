"""Rules in force from 2017-06-06.

* French-language points: 15 for NCLC 7+ on all four French abilities (with
  English at CLB 4 or lower, or no English result), 30 with CLB 5+ on all four
  English abilities too.
* 15 points for a brother or sister in Canada.

Source: Ministerial Instructions 2017-1, in force 2017-06-06 (crs-rules §9, S7, S9, S21).
"""

import datetime as dt

import attrs

from crs.rules import v2016_11_19
from crs.rules._sources import MI_2017
from crs.ruleset import Award, FrenchBonus

RULES = attrs.evolve(
    v2016_11_19.RULES,
    name="2017-06-06",
    effective=dt.date(2017, 6, 6),
    summary=(
        "New additional points: French-language skills (15 or 30) and a sibling in Canada (15)."
    ),
    sources=(MI_2017,),
    french=FrenchBonus(min_french=7, min_english=5, french_only=15, bilingual=30, source=MI_2017),
    sibling=Award(15, MI_2017),
)
