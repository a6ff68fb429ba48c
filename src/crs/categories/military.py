"""Skilled military recruits (from 2026-02-18).

Sources (secondary only, medium confidence, categories.md Open Q6): cicnews.com
(2026-02-24); immicalculator.com; ehcanadavisa.com (2026-04-03); land2air.ca for
the NOC codes.  Reported conditions: serving in, or having served in, a
"recognized foreign military" (a term IRCC does not define), about 10 years of
continuous service, a job offer from the Canadian Forces Recruiting Group
(reportedly for 3 years or more), a post-secondary credential of two years or
more, and the 12-month occupational rule in NOC 40042, 42102 or 43204.

The profile says how many years the candidate served
(``foreign_military_service_years``) and whether the Canadian Armed Forces
offered a job (``canadian_armed_forces_offer``); where either is not given, the
verdict says the condition could not be checked, and is not a pass.  The
10-year threshold is :data:`RULE`, with its source.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from crs.categories._model import CATEGORY_PAGE, REVISED_2026, TWELVE_MONTHS, CategoryVersion
from crs.predicates import Verdict, condition
from crs.profile import Education
from crs.tables import Source

if TYPE_CHECKING:
    from crs.profile import Profile

_REPORTED = (
    "cicnews.com 2026-02-24 (quoting the Ministerial Instructions: an eligible foreign "
    "national 'serving in a recognized foreign military'); immicalculator.com/?p=1731 "
    "('at least 10 years of continuous military service'); ehcanadavisa.com 2026-04-03 "
    "(arranged employment of at least three years with the Canadian Armed Forces); "
    "studybuddyabroad.com. IRCC's own category text was not seen; 'recognized foreign "
    "military' is not defined by IRCC."
)


@attrs.frozen
class MilitaryRule:
    """The reported conditions of the skilled military recruits category, with their source.

    Attributes:
        service_years: Completed years of service in a recognized foreign
            military needed (reported: 10, continuous).
        source: Where the conditions come from.
    """

    service_years: int
    source: Source


RULE = MilitaryRule(
    service_years=10,
    source=Source(
        "Skilled military recruits: reported conditions (foreign military service, "
        "a Canadian Armed Forces job offer)",
        "https://www.cicnews.com/2026/02/canada-is-prioritizing-foreign-military-members-"
        "to-immigrate-to-the-country-heres-what-you-need-to-know-0271944.html",
        confidence="medium",
        note=_REPORTED,
    ),
)
"""The conditions of 2026-Version 1 (secondary sources; medium confidence)."""

_SERVICE_KEY = "categories.military.service"
_SERVICE_LABEL = f"{RULE.service_years} years or more of service in a recognized foreign military"


def _service(profile: Profile, on: dt.date) -> Verdict:
    years = profile.foreign_military_service_years
    facts = {"foreign_military_service_years": years, "needed": RULE.service_years}
    if years is None:
        message = (
            "foreign military service could not be checked: no foreign_military_service_years "
            f"given ({RULE.service_years} years or more reported)"
        )
        return Verdict.failed(_SERVICE_KEY, _SERVICE_LABEL, message, facts)
    if years < RULE.service_years:
        message = (
            f"{years} year(s) of service in a recognized foreign military: needs "
            f"{RULE.service_years} or more (reported)"
        )
        return Verdict.failed(_SERVICE_KEY, _SERVICE_LABEL, message, facts)
    return Verdict.passed(_SERVICE_KEY, _SERVICE_LABEL, facts)


_OFFER_KEY = "categories.military.offer"
_OFFER_LABEL = "a job offer from the Canadian Armed Forces (Canadian Forces Recruiting Group)"


def _offer(profile: Profile, on: dt.date) -> Verdict:
    offer = profile.canadian_armed_forces_offer
    facts = {"canadian_armed_forces_offer": offer}
    if offer is None:
        message = (
            "a job offer from the Canadian Armed Forces could not be checked: no "
            "canadian_armed_forces_offer given"
        )
        return Verdict.failed(_OFFER_KEY, _OFFER_LABEL, message, facts)
    if not offer:
        return Verdict.failed(
            _OFFER_KEY, _OFFER_LABEL, "no job offer from the Canadian Armed Forces", facts
        )
    note = "the offer is taken to meet the reported terms (arranged employment of 3 years or more)"
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
        condition(_SERVICE_KEY, _SERVICE_LABEL, _service),
        condition(_OFFER_KEY, _OFFER_LABEL, _offer),
        condition(_CREDENTIAL_KEY, _CREDENTIAL_LABEL, _credential),
    ),
    confidence="medium",
    source=Source(
        "IRCC, Express Entry: category-based selection – skilled military recruits",
        CATEGORY_PAGE,
        confidence="medium",
        note="cicnews.com 2026-02-24; immicalculator.com; ehcanadavisa.com 2026-04-03; "
        "studybuddyabroad.com; land2air.ca (NOCs). IRCC's own text of the conditions was "
        "not found; see RULE",
    ),
)
"""2026-Version 1 (details from secondary sources)."""

VERSIONS = (VERSION_1,)
"""Every version, oldest first."""
