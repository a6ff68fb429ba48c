"""Rules in force from 2020-10-20: more points for French.

French-language points rise from 15 to 25, and from 30 to 50 for bilingual
candidates.

The date: IRCC's own page on the CRS criteria headed the new points "Changes as
of October 20, 2020" (the effective date), and law firms reported that IRCC
began awarding them on 2020-10-20; the news release of 2020-10-27 announced a
change already made, and IRCC held no round between the two days (2020-10-14,
then 2020-11-05), so no round replay depends on the choice.  Earlier versions
of crs dated and named this rule set 2020-10-27: that name is kept as an alias
(:func:`crs.rules.rule_set`).  Sources: the CRS criteria page (as quoted by
jpierimmigration.com), balglobal.com (de Lint LLP), envoyglobal.com; the news
release (crs-rules §9, S19, D10).
"""

import datetime as dt

import attrs

from crs.rules import v2017_06_06
from crs.rules._sources import CRS_CRITERIA_2020, NEWS_2020

_previous = v2017_06_06.RULES
assert _previous.french is not None

RULES = attrs.evolve(
    _previous,
    name="2020-10-20",
    effective=dt.date(2020, 10, 20),
    summary="French-language points rise to 25, and to 50 for bilingual candidates.",
    sources=(CRS_CRITERIA_2020, NEWS_2020),
    french=attrs.evolve(_previous.french, french_only=25, bilingual=50, source=CRS_CRITERIA_2020),
)
