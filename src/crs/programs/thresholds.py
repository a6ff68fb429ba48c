"""Every number a program check uses, in frozen tables with their sources (crs-rules §8).

* :data:`FSW_GRID`: the FSW six-factor grid, its pass mark (67) and the
  thresholds of its adaptability elements (spouse CLB 4, one year of work);
* :data:`FSW_RULES`, :data:`CEC_RULES`, :data:`FST_RULES`: each program's
  hours, window and language minimums;
* :data:`FUNDS_RULES`: the family size counted and IRCC's settlement-funds
  tables by date (:data:`FUNDS`).

How work is counted (30 hours a week, 1,560 hours a year, the skilled TEERs) is
:class:`crs.experience.ExperienceRules`, and how long a language result stays
valid is the CRS rule set's ``language_validity_years``
(:func:`crs.conditions.language_validity_years`): neither is copied here.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from crs.occupations import NocGroups
from crs.profile import Education
from crs.programs._funds_tables import (
    _IRCC_EE,
    FUNDS,
    FUNDS_RULES,
    SETTLEMENT_FUNDS,
    FundsRules,
    FundsTable,
    funds_required,
)
from crs.tables import Lookup, Source, Steps

__all__ = [
    "CEC_ELIGIBILITY",
    "CEC_RULES",
    "FST_ELIGIBILITY",
    "FST_RULES",
    "FST_TRADES",
    "FSW_ADAPTABILITY_WORK",
    "FSW_ELIGIBILITY",
    "FSW_GRID",
    "FSW_RULES",
    "FSW_SELECTION",
    "FUNDS",
    "FUNDS_RULES",
    "SETTLEMENT_FUNDS",
    "CecRules",
    "FstRules",
    "FswGridRules",
    "FswRules",
    "FundsRules",
    "FundsTable",
    "funds_required",
]

FSW_SELECTION = Source(
    "IRCC, Six selection factors – Federal Skilled Worker Program (Express Entry)",
    _IRCC_EE + "eligibility/federal-skilled-workers/"
    "six-selection-factors-federal-skilled-workers.html",
    confidence="medium",
    note="grid for applications from 2013-05-04, crs-rules §8.1 (faithful copies of the page)",
)
"""The FSW selection grid."""
FSW_ADAPTABILITY_WORK = Source(
    'IRCC, Six selection factors – FSW, adaptability: past work in Canada (you: "at least '
    '1 year of full-time work in Canada" in TEER 0-3 with a valid work permit; your '
    'spouse: "at least 1 year of full-time work in Canada")',
    _IRCC_EE + "eligibility/federal-skilled-workers/"
    "six-selection-factors-federal-skilled-workers.html",
    confidence="medium",
    note=(
        "crs-rules D12; copies of IRCC's FSW adaptability instructions (immigration.ca, "
        "royalcoastimmigration.com). Full time is 30 hours a week, in one job or several "
        "at once; unlike the experience factor, the part-time equivalent does not count. "
        "Without a work history, canadian_work_years (and the spouse's) are taken as "
        "years of full-time work: crs cannot tell part time apart."
    ),
)
"""The FSW adaptability elements for past work in Canada."""
FSW_ELIGIBILITY = Source(
    "IRPR s. 75; IRCC, Eligibility to apply as a Federal Skilled Worker (Express Entry)",
    _IRCC_EE + "eligibility/federal-skilled-workers.html",
    confidence="medium",
    note="crs-rules §8.1 and §8.4",
)
"""The FSW minimum requirements."""
CEC_ELIGIBILITY = Source(
    "IRPR s. 87.1; IRCC, Eligibility to apply for the Canadian Experience Class (Express Entry)",
    _IRCC_EE + "eligibility/canadian-experience-class.html",
    note="crs-rules §8.2",
)
"""The CEC requirements."""
FST_ELIGIBILITY = Source(
    "IRPR s. 87.2; IRCC, Eligibility to apply for the Federal Skilled Trades Program",
    _IRCC_EE + "eligibility/skilled-trades.html",
    confidence="medium",
    note="crs-rules §8.3; the NOC 2021 trade groups were not seen verbatim (crs-rules Open Q12)",
)
"""The FST requirements."""

# --- FSW ----------------------------------------------------------------------------------


@attrs.frozen
class FswGridRules:
    """The FSW six-factor selection grid (out of 100) and its pass mark.

    Attributes:
        age: Points by age on the date.
        first_language: Points per ability of the first official language, by CLB.
        second_language_points: Points when every ability of the second official
            language reaches ``second_language_minimum``.
        second_language_minimum: CLB/NCLC needed on all four for those points.
        education: Points by the highest credential.
        experience: Points by completed years of skilled work in the window.
        experience_window_years: The experience counted is in this many years.
        arranged_employment: Points for a qualifying job offer.
        adaptability: Points for each adaptability element.
        adaptability_cap: Adaptability points at most.
        spouse_language_minimum: CLB/NCLC the accompanying spouse needs on all
            four abilities for the adaptability points.
        canadian_work_hours: Hours of skilled work in Canada (one year full
            time) for the adaptability points.
        canadian_work_full_time: Whether only full-time work counts for those
            points (the part-time equivalent does not): the adaptability factor asks
            for "at least 1 year of full-time work in Canada".
        spouse_canadian_work_years: Years of full-time work in Canada the spouse
            needs for the adaptability points.
        canadian_work_source: Where the two "past work in Canada" elements come from.
        pass_mark: Points needed.
        total: Points the grid gives at most.
        source: Where the values come from.
    """

    age: Steps
    first_language: Steps
    second_language_points: int
    second_language_minimum: int
    education: Lookup[Education]
    experience: Steps
    experience_window_years: int
    arranged_employment: int
    adaptability: Mapping[str, int]
    adaptability_cap: int
    spouse_language_minimum: int
    canadian_work_hours: int
    canadian_work_full_time: bool
    spouse_canadian_work_years: int
    canadian_work_source: Source
    pass_mark: int
    total: int
    source: Source

    @property
    def language_maximum(self) -> int:
        """Official-language points at most: four abilities and the second language."""
        return 4 * self.first_language.maximum + self.second_language_points


FSW_GRID = FswGridRules(
    age=Steps(
        (
            *((0, 0), (18, 12), (36, 11), (37, 10), (38, 9), (39, 8), (40, 7)),
            *((41, 6), (42, 5), (43, 4), (44, 3), (45, 2), (46, 1), (47, 0)),
        ),
        FSW_SELECTION,
    ),
    first_language=Steps(((0, 0), (7, 4), (8, 5), (9, 6)), FSW_SELECTION),
    second_language_points=4,
    second_language_minimum=5,
    education=Lookup(
        {
            Education.LESS_THAN_SECONDARY: 0,
            Education.SECONDARY: 5,
            Education.ONE_YEAR_POST_SECONDARY: 15,
            Education.TWO_YEAR_POST_SECONDARY: 19,
            Education.BACHELORS: 21,
            Education.TWO_OR_MORE_CREDENTIALS: 22,
            Education.MASTERS: 23,
            Education.DOCTORAL: 25,
        },
        FSW_SELECTION,
    ),
    experience=Steps(((0, 0), (1, 9), (2, 11), (4, 13), (6, 15)), FSW_SELECTION),
    experience_window_years=10,
    arranged_employment=10,
    adaptability={
        "spouse_language": 5,
        "studied_in_canada": 5,
        "spouse_studied_in_canada": 5,
        "worked_in_canada": 10,
        "spouse_worked_in_canada": 5,
        "arranged_employment": 5,
        "relative_in_canada": 5,
    },
    adaptability_cap=10,
    spouse_language_minimum=4,
    canadian_work_hours=1560,
    canadian_work_full_time=True,
    spouse_canadian_work_years=1,
    canadian_work_source=FSW_ADAPTABILITY_WORK,
    pass_mark=67,
    total=100,
    source=FSW_SELECTION,
)
"""The FSW grid for applications from 2013-05-04 (crs-rules §8.1)."""


@attrs.frozen
class FswRules:
    """The FSW minimum requirements besides the grid.

    Attributes:
        hours: Hours of continuous work in one skilled occupation.
        window_years: Within this many years before the date.
        language: CLB/NCLC needed on all four abilities of the first official language.
        minimum_education: The least credential that counts.
        source: Where the values come from.
    """

    hours: int = 1560
    window_years: int = 10
    language: int = 7
    minimum_education: Education = Education.SECONDARY
    source: Source = FSW_ELIGIBILITY


# --- CEC ----------------------------------------------------------------------------------


@attrs.frozen
class CecRules:
    """The CEC requirements.

    Attributes:
        hours: Hours of skilled Canadian work needed.
        window_years: Within this many years before the date.
        language_teer_0_1: CLB/NCLC on all four when the experience is TEER 0 or 1.
        language_teer_2_3: CLB/NCLC on all four when the experience is TEER 2 or 3.
        higher_teers: The TEER categories that ask ``language_teer_0_1``.
        source: Where the values come from.
    """

    hours: int = 1560
    window_years: int = 3
    language_teer_0_1: int = 7
    language_teer_2_3: int = 5
    higher_teers: frozenset[int] = frozenset({0, 1})
    source: Source = CEC_ELIGIBILITY


# --- FST ----------------------------------------------------------------------------------

FST_TRADES = NocGroups(
    include=("72", "73", "82", "83", "92", "93", "6320", "62200"),
    exclude=("726", "932"),
    titles={
        "72": "Technical trades and transportation officers and controllers",
        "726": "Transportation officers and controllers",
        "73": "General trades",
        "82": "Supervisors in natural resources, agriculture and related production",
        "83": "Occupations in natural resources and related production",
        "92": "Processing, manufacturing and utilities supervisors and utilities operators "
        "and controllers",
        "93": "Central control and process operators and aircraft assembly assemblers "
        "and inspectors",
        "932": "Aircraft assembly assemblers and inspectors",
        "6320": "Cooks, butchers and bakers",
        "62200": "Chefs",
    },
    # crs-rules §8.3 [M]: the NOC 2021 groups were not seen verbatim on canada.ca
    # (Open Q12); the NOC 2016 list (Major Groups 72, 73, 82, 92; Minor Groups 632,
    # 633) is [H].
    source=FST_ELIGIBILITY,
)
"""The skilled trades of the FST program, NOC 2021 groups (crs-rules §8.3)."""


@attrs.frozen
class FstRules:
    """The FST requirements.

    Attributes:
        hours: Hours in one eligible trade (two years full time).
        window_years: Within this many years before the date.
        language: CLB/NCLC for listening, reading, writing, speaking.
        trades: The eligible trades.
        source: Where the values come from.
    """

    hours: int = 3120
    window_years: int = 5
    language: tuple[int, int, int, int] = (5, 4, 4, 5)
    trades: NocGroups = FST_TRADES
    source: Source = FST_ELIGIBILITY


FSW_RULES = FswRules()
"""The FSW minimum requirements in force."""
CEC_RULES = CecRules()
"""The CEC requirements in force."""
FST_RULES = FstRules()
"""The FST requirements in force."""
