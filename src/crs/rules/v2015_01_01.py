"""Rules in force from 2015-01-01: Express Entry and the CRS are launched.

The core, spouse and skill-transferability tables set here have not changed
since.  Additional points: 600 for a provincial nomination or for a qualifying
(LMIA-supported) offer of arranged employment, one 600 block for either.

Sources: Ministerial Instructions respecting the Express Entry system (Canada
Gazette Part I, Extra, 2014-12-01); IRCC's CRS criteria page (crs-rules §§1-5).
"""

import datetime as dt

from crs.experience import ExperienceRules
from crs.factors import additional, core, spouse, transferability
from crs.profile import ArrangedEmployment, Education
from crs.rules._sources import CRS_CRITERIA, MI_2014, MI_2014_CANADIAN_WORK
from crs.ruleset import Award, Group, RuleSet
from crs.tables import Lookup, Matrix, Spoused, Steps

E = Education

_AGE_WITH = (
    0,
    0,
    90,
    95,
    *(100,) * 10,
    95,
    90,
    85,
    80,
    75,
    70,
    65,
    60,
    55,
    50,
    45,
    35,
    25,
    15,
    5,
    0,
)
_AGE_SINGLE = (
    0,
    0,
    99,
    105,
    *(110,) * 10,
    105,
    99,
    94,
    88,
    83,
    77,
    72,
    66,
    61,
    55,
    50,
    39,
    28,
    17,
    6,
    0,
)
# Thresholds: 0 (17 or younger), then every age from 18 to 44, then 45 and older.
_AGE_AT = (0, 17, *range(18, 46))


def _ages(points: tuple[int, ...]) -> Steps:
    steps = tuple(zip(_AGE_AT[1:], points[1:], strict=True))
    return Steps(((0, 0), *steps), CRS_CRITERIA)


def _education(*points: int) -> Lookup[Education]:
    return Lookup(dict(zip(Education, points, strict=True)), CRS_CRITERIA)


def _transfer(rows: str, columns: str, column_names: tuple[str, ...]) -> Matrix:
    return Matrix(
        rows,
        columns,
        (
            "secondary school or less",
            "one post-secondary credential",
            "two or more / master's / PhD",
        )
        if rows == "education"
        else ("none", "1 or 2 years", "3 years or more"),
        column_names,
        ((0, 0, 0), (0, 13, 25), (0, 25, 50)),
        CRS_CRITERIA,
    )


_LANGUAGE_TIERS = (
    "below CLB 7 on any ability",
    "CLB 7+ on all, one or more under 9",
    "CLB 9+ on all",
)
_CANADIAN_TIERS = ("none", "1 year", "2 years or more")

SECTIONS = (
    Group(
        "core",
        "A. Core / human capital factors",
        (
            core.age,
            core.education,
            core.first_language,
            Group(
                "core.second_language",
                "Second official language",
                (core.second_language_abilities,),
                cap="second_language_cap",
            ),
            core.canadian_work,
        ),
    ),
    Group(
        "spouse",
        "B. Spouse or common-law partner factors",
        (spouse.education, spouse.first_language, spouse.canadian_work),
        only_with_spouse=True,
    ),
    Group(
        "transferability",
        "C. Skill transferability factors",
        (
            Group(
                "transferability.education",
                "Education",
                (transferability.education_language, transferability.education_canadian_work),
                cap="transferability_pair_cap",
            ),
            Group(
                "transferability.foreign_work",
                "Foreign work experience",
                (
                    transferability.foreign_work_language,
                    transferability.foreign_work_canadian_work,
                ),
                cap="transferability_pair_cap",
            ),
            transferability.certificate_of_qualification,
        ),
        cap="transferability_cap",
    ),
    Group(
        "additional",
        "D. Additional points",
        (
            additional.provincial_nomination,
            additional.arranged_employment,
            additional.canadian_education,
            additional.french,
            additional.sibling,
        ),
        cap="additional_cap",
    ),
)
"""How the factors are grouped and capped; unchanged since 2015."""

RULES = RuleSet(
    name="2015-01-01",
    effective=dt.date(2015, 1, 1),
    summary=(
        "Express Entry and the Comprehensive Ranking System are launched. "
        "600 additional points for a provincial nomination or a qualifying "
        "(LMIA-supported) job offer."
    ),
    sources=(MI_2014, CRS_CRITERIA),
    # Launch MI 15(3)(b), 19(4)(b): Canadian work is continuous full-time work (the
    # part-time equivalent and breaks count from 2015-05-30: rules/v2015_05_30.py).
    experience=ExperienceRules(canadian_continuous_full_time=True, source=MI_2014_CANADIAN_WORK),
    language_validity_years=2,
    age=Spoused(_ages(_AGE_WITH), _ages(_AGE_SINGLE)),
    education=Spoused(
        _education(0, 28, 84, 91, 112, 119, 126, 140),
        _education(0, 30, 90, 98, 120, 128, 135, 150),
    ),
    first_language=Spoused(
        Steps(((4, 6), (6, 8), (7, 16), (8, 22), (9, 29), (10, 32)), CRS_CRITERIA),
        Steps(((4, 6), (6, 9), (7, 17), (8, 23), (9, 31), (10, 34)), CRS_CRITERIA),
    ),
    second_language=Spoused(
        Steps(((5, 1), (7, 3), (9, 6)), CRS_CRITERIA),
        Steps(((5, 1), (7, 3), (9, 6)), CRS_CRITERIA),
    ),
    second_language_cap=Spoused(22, 24),
    canadian_work=Spoused(
        Steps(((1, 35), (2, 46), (3, 56), (4, 63), (5, 70)), CRS_CRITERIA),
        Steps(((1, 40), (2, 53), (3, 64), (4, 72), (5, 80)), CRS_CRITERIA),
    ),
    spouse_education=_education(0, 2, 6, 7, 8, 9, 10, 10),
    spouse_language=Steps(((5, 1), (7, 3), (9, 5)), CRS_CRITERIA),
    spouse_canadian_work=Steps(((1, 5), (2, 7), (3, 8), (4, 9), (5, 10)), CRS_CRITERIA),
    transfer_language_tier=Steps(((7, 1), (9, 2)), CRS_CRITERIA),
    # A single bachelor's degree (or three-year program) is "a post-secondary
    # program credential of one year or longer", the middle tier; only two or
    # more credentials, a master's, a professional degree or a PhD reach the top.
    transfer_education_tier=Lookup(
        {
            E.LESS_THAN_SECONDARY: 0,
            E.SECONDARY: 0,
            E.ONE_YEAR_POST_SECONDARY: 1,
            E.TWO_YEAR_POST_SECONDARY: 1,
            E.BACHELORS: 1,
            E.TWO_OR_MORE_CREDENTIALS: 2,
            E.MASTERS: 2,
            E.DOCTORAL: 2,
        },
        CRS_CRITERIA,
    ),
    transfer_canadian_tier=Steps(((1, 1), (2, 2)), CRS_CRITERIA),
    transfer_foreign_tier=Steps(((1, 1), (3, 2)), CRS_CRITERIA),
    education_language=_transfer("education", "first official language", _LANGUAGE_TIERS),
    education_canadian_work=_transfer("education", "Canadian work experience", _CANADIAN_TIERS),
    foreign_work_language=_transfer(
        "foreign work experience", "first official language", _LANGUAGE_TIERS
    ),
    foreign_work_canadian_work=_transfer(
        "foreign work experience", "Canadian work experience", _CANADIAN_TIERS
    ),
    coq_language_tier=Steps(((5, 1), (7, 2)), CRS_CRITERIA),
    certificate_of_qualification=Matrix(
        "certificate of qualification",
        "first official language",
        ("no certificate", "certificate of qualification"),
        ("below CLB 5 on any ability", "CLB 5+ on all, one or more under 7", "CLB 7+ on all"),
        ((0, 0, 0), (0, 25, 50)),
        CRS_CRITERIA,
    ),
    transferability_pair_cap=50,
    transferability_cap=100,
    provincial_nomination=Award(600, MI_2014),
    arranged_employment=Lookup(
        {ArrangedEmployment.MAJOR_GROUP_00: 600, ArrangedEmployment.TEER_0_1_2_3: 600}, MI_2014
    ),
    canadian_education=None,
    french=None,
    sibling=None,
    additional_cap=600,
    sections=SECTIONS,
)
