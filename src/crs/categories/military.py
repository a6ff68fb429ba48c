"""Skilled military recruits (from 2026-02-18).

Sources (secondary only, medium confidence, categories.md Open Q6): cicnews.com
(2026-02-24); immicalculator.com; ehcanadavisa.com (2026-04-03); land2air.ca for
the NOC codes.  Reported conditions: serving in, or having served in, a
"recognized foreign military" (a term IRCC does not define), about 10 years of
continuous service, a job offer from the Canadian Forces Recruiting Group
(reportedly for 3 years or more), a post-secondary credential of two years or
more, and the 12-month occupational rule in NOC 40042, 42102 or 43204.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from crs.categories._model import CATEGORY_PAGE, REVISED_2026, TWELVE_MONTHS, CategoryVersion
from crs.predicates import Verdict, condition
from crs.profile import Education
from crs.tables import Source

if TYPE_CHECKING:
    from crs.profile import Profile

_OFFER_KEY = "categories.military.offer"
_OFFER_LABEL = "a job offer from the Canadian Forces Recruiting Group"


def _offer(profile: Profile, on: dt.date) -> Verdict:
    facts = {"arranged_employment": profile.arranged_employment}
    # The profile says there is a job offer, not who made it: any offer is taken
    # for the Canadian Armed Forces one.  Foreign military service has no profile
    # key at all, so it is noted, not checked.
    note = "foreign military service (reportedly 10 years) not checked: no profile key for it"
    if profile.arranged_employment is None:
        return Verdict.failed(
            _OFFER_KEY, _OFFER_LABEL, "no job offer (from the Canadian Armed Forces)", facts, [note]
        )
    return Verdict.passed(_OFFER_KEY, _OFFER_LABEL, facts, [note])


_CREDENTIAL_KEY = "categories.military.education"
_CREDENTIAL_LABEL = "a post-secondary credential of two years or more"


def _credential(profile: Profile, on: dt.date) -> Verdict:
    facts = {"education": profile.education.value}
    if profile.education.rank >= Education.TWO_YEAR_POST_SECONDARY.rank:
        return Verdict.passed(_CREDENTIAL_KEY, _CREDENTIAL_LABEL, facts)
    message = f"{profile.education.label}: needs a post-secondary credential of two years or more"
    return Verdict.failed(_CREDENTIAL_KEY, _CREDENTIAL_LABEL, message, facts)


VERSION_1 = CategoryVersion(
    slug="military",
    name="Skilled Military Recruits, 2026-Version 1",
    version="2026-Version 1",
    start=REVISED_2026,
    end=None,
    nocs=("40042", "42102", "43204"),
    experience=TWELVE_MONTHS,
    extra=(
        condition(_OFFER_KEY, _OFFER_LABEL, _offer),
        condition(_CREDENTIAL_KEY, _CREDENTIAL_LABEL, _credential),
    ),
    confidence="medium",
    source=Source(
        "IRCC, Express Entry: category-based selection – skilled military recruits",
        CATEGORY_PAGE,
        confidence="medium",
        note="cicnews.com 2026-02-24; immicalculator.com; ehcanadavisa.com; land2air.ca",
    ),
)
"""2026-Version 1 (details from secondary sources)."""

VERSIONS = (VERSION_1,)
"""Every version, oldest first."""
