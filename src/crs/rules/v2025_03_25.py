"""Rules in force from 2025-03-25: no more points for a job offer.

Arranged employment no longer earns CRS points (it was 50 or 200).  Its
definition stays: it still counts for the Federal Skilled Worker grid and for
Federal Skilled Trades eligibility.  Candidates in the pool were rescored.

Source: Ministerial Instructions of 2025-03-25 (crs-rules §9, S18).
"""

import datetime as dt

import attrs

from crs.rules import v2020_10_20
from crs.rules._sources import MI_2025

RULES = attrs.evolve(
    v2020_10_20.RULES,
    name="2025-03-25",
    effective=dt.date(2025, 3, 25),
    summary="Arranged employment no longer earns CRS points.",
    sources=(MI_2025,),
    arranged_employment=None,
)
