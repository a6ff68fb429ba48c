"""Rules in force from 2020-10-27: more points for French.

French-language points rise from 15 to 25, and from 30 to 50 for bilingual
candidates.  Source: IRCC news release of 2020-10-27 (crs-rules §9, S19).
"""

import datetime as dt

import attrs

from crs.rules import v2017_06_06
from crs.rules._sources import NEWS_2020

_previous = v2017_06_06.RULES
assert _previous.french is not None

RULES = attrs.evolve(
    _previous,
    name="2020-10-27",
    effective=dt.date(2020, 10, 27),
    summary="French-language points rise to 25, and to 50 for bilingual candidates.",
    sources=(NEWS_2020,),
    french=attrs.evolve(_previous.french, french_only=25, bilingual=50, source=NEWS_2020),
)
