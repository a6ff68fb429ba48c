"""The three Express Entry programs as predicates: FSW (with its 67-point grid), CEC and FST.

A candidate enters the Express Entry pool only if eligible for at least one
program (crs-rules §8).  Each program here is a :class:`~crs.predicates.Predicate`
built from reusable leaves, and every rule value (hours, windows, levels,
points, funds) lives in a table with its source:

* **Federal Skilled Worker** (IRPR s. 75-76): one year (1,560 hours) of
  continuous paid work in one skilled occupation (TEER 0-3) within 10 years;
  CLB/NCLC 7 on all four abilities of the first official language; a secondary
  or post-secondary credential; at least 67 of 100 points on the six-factor
  grid (:func:`fsw_grid`); proof of funds.
* **Canadian Experience Class** (IRPR s. 87.1): 1,560 hours of skilled work in
  Canada in the 3 years before the date, not self-employed and not during
  full-time study; CLB/NCLC 7 if that experience is TEER 0/1, 5 if TEER 2/3.
* **Federal Skilled Trades** (IRPR s. 87.2): two years (3,120 hours) in one
  eligible trade within 5 years; CLB/NCLC 5 listening and speaking, 4 reading
  and writing; a job offer or a Canadian certificate of qualification; proof of
  funds.

Proof of funds is checked only when the profile gives ``settlement_funds``; the
verdict says so otherwise.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from crs.experience import ExperienceRules, Window, accrued_hours, canadian_work
from crs.language import expired, levels
from crs.occupations import NocGroups
from crs.predicates import (
    LanguageChoice,
    Predicate,
    Verdict,
    condition,
    eligible_for,
    jsonable,
    language_check,
    min_language,
    work_hours,
)
from crs.profile import ABILITIES, Education
from crs.tables import Lookup, Source, Steps

if TYPE_CHECKING:
    from crs.profile import Job, LanguageResult, Profile

__all__ = [
    "CEC",
    "CEC_RULES",
    "FST",
    "FST_RULES",
    "FST_TRADES",
    "FSW",
    "FSW_GRID",
    "FSW_RULES",
    "FUNDS",
    "PROGRAMS",
    "CecRules",
    "FstRules",
    "FswGrid",
    "FswGridRules",
    "FswRules",
    "FundsTable",
    "GridLine",
    "Program",
    "any_program",
    "fsw_grid",
    "funds_required",
    "program",
]

_IRCC_EE = (
    "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
    "express-entry/"
)

FSW_SELECTION = Source(
    "IRCC, Six selection factors – Federal Skilled Worker Program (Express Entry)",
    _IRCC_EE + "eligibility/federal-skilled-workers/"
    "six-selection-factors-federal-skilled-workers.html",
    confidence="medium",
    note="grid for applications from 2013-05-04, crs-rules §8.1 (faithful copies of the page)",
)
FSW_ELIGIBILITY = Source(
    "IRPR s. 75; IRCC, Eligibility to apply as a Federal Skilled Worker (Express Entry)",
    _IRCC_EE + "eligibility/federal-skilled-workers.html",
    confidence="medium",
    note="crs-rules §8.1 and §8.4",
)
CEC_ELIGIBILITY = Source(
    "IRPR s. 87.1; IRCC, Eligibility to apply for the Canadian Experience Class (Express Entry)",
    _IRCC_EE + "eligibility/canadian-experience-class.html",
    note="crs-rules §8.2",
)
FST_ELIGIBILITY = Source(
    "IRPR s. 87.2; IRCC, Eligibility to apply for the Federal Skilled Trades Program",
    _IRCC_EE + "eligibility/skilled-trades.html",
    confidence="medium",
    note="crs-rules §8.3; the NOC 2021 trade groups were not seen verbatim (crs-rules Open Q12)",
)
SETTLEMENT_FUNDS = Source(
    "IRCC, Proof of funds – Express Entry (IRPR 76(1)(b)(i): half the low income cut-off)",
    _IRCC_EE + "documents/proof-funds.html",
    confidence="medium",
    note=(
        "amounts from news copies of the IRCC table (2023-04-25, 2024-05-27, 2025-07-07); "
        "IRCC updates them every year, and a 2026 update was not verified"
    ),
)

_SKILLED = ExperienceRules().skilled_teers
_ONE_DAY = dt.timedelta(days=1)


# --- rule values -------------------------------------------------------------------------


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
        pass_mark: Points needed.
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
    pass_mark: int
    source: Source


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
    pass_mark=67,
    source=FSW_SELECTION,
)
"""The FSW grid for applications from 2013-05-04 (crs-rules §8.1)."""

_ADAPTABILITY_LABELS = {
    "spouse_language": "accompanying spouse at CLB/NCLC 4 or more on all four abilities",
    "studied_in_canada": "two or more years of full-time study in Canada",
    "spouse_studied_in_canada": "spouse's two or more years of full-time study in Canada",
    "worked_in_canada": "one year or more of full-time skilled work in Canada",
    "spouse_worked_in_canada": "spouse's one year or more of full-time work in Canada",
    "arranged_employment": "a qualifying job offer in Canada",
    "relative_in_canada": "a relative 18 or older, citizen or PR, living in Canada",
}


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


@attrs.frozen
class CecRules:
    """The CEC requirements.

    Attributes:
        hours: Hours of skilled Canadian work needed.
        window_years: Within this many years before the date.
        language_teer_0_1: CLB/NCLC on all four when the experience is TEER 0 or 1.
        language_teer_2_3: CLB/NCLC on all four when the experience is TEER 2 or 3.
        source: Where the values come from.
    """

    hours: int = 1560
    window_years: int = 3
    language_teer_0_1: int = 7
    language_teer_2_3: int = 5
    source: Source = CEC_ELIGIBILITY


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


@attrs.frozen
class FundsTable:
    """Settlement funds needed by family size, in force from a date.

    Attributes:
        start: First day the amounts apply.
        amounts: Canadian dollars for a family of 1, 2, ... 7.
        each_additional: Dollars for each family member beyond 7.
        source: Where the amounts come from.
    """

    start: dt.date
    amounts: tuple[int, ...]
    each_additional: int
    source: Source = SETTLEMENT_FUNDS

    def required(self, family: int) -> int:
        """Dollars needed for a family of ``family`` people."""
        n = len(self.amounts)
        if family <= n:
            return self.amounts[max(family, 1) - 1]
        return self.amounts[-1] + (family - n) * self.each_additional


FUNDS: tuple[FundsTable, ...] = (
    FundsTable(dt.date(2023, 4, 25), (13757, 17127, 21055, 25564, 28994, 32700, 36407), 3706),
    FundsTable(dt.date(2024, 5, 27), (14690, 18288, 22483, 27297, 30690, 34917, 38875), 3958),
    FundsTable(dt.date(2025, 7, 7), (15263, 19001, 23360, 28362, 32168, 36280, 40392), 4112),
)
"""IRCC's settlement-funds tables, oldest first (FSW and FST only)."""


def funds_required(family: int, on: dt.date) -> tuple[int, FundsTable] | None:
    """Dollars a family of ``family`` needs on ``on``, with the table used (None: no table)."""
    table = None
    for candidate in FUNDS:
        if candidate.start <= on:
            table = candidate
    if table is None:
        return None
    return table.required(family), table


# --- the FSW grid -------------------------------------------------------------------------


@attrs.frozen
class GridLine:
    """One factor of the FSW grid: its points and the facts that earned them.

    Attributes:
        key: A stable name: ``age``, ``language``, ``education``, ``experience``,
            ``arranged_employment`` or ``adaptability``.
        label: The factor in words.
        points: Points earned.
        maximum: Points the factor gives at most.
        facts: What earned them.
    """

    key: str
    label: str
    points: int
    maximum: int
    facts: Mapping[str, object] = attrs.field(factory=dict, hash=False)


@attrs.frozen
class FswGrid:
    """The FSW selection grid for a profile on a date.

    Attributes:
        on: The date.
        lines: The six factors, in the order of IRCC's page.
        pass_mark: Points needed (67).
    """

    on: dt.date
    lines: tuple[GridLine, ...]
    pass_mark: int

    @property
    def total(self) -> int:
        """Points on the grid, out of 100."""
        return sum(line.points for line in self.lines)

    @property
    def passes(self) -> bool:
        """Whether the total reaches the pass mark."""
        return self.total >= self.pass_mark

    def __getitem__(self, key: str) -> GridLine:
        for line in self.lines:
            if line.key == key:
                return line
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        """The grid as JSON data: total, pass mark and each factor's points and facts."""
        return {
            "total": self.total,
            "pass_mark": self.pass_mark,
            "factors": {
                line.key: {
                    "label": line.label,
                    "points": line.points,
                    "maximum": line.maximum,
                    "facts": jsonable(line.facts),
                }
                for line in self.lines
            },
        }

    def to_text(self) -> str:
        """The grid as a small table."""
        rows = [f"{line.label:<22} {line.points:>3} / {line.maximum:<3}" for line in self.lines]
        rows.append(f"{'total':<22} {self.total:>3} / 100 (pass mark {self.pass_mark})")
        return "\n".join(rows)

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><td>{html.escape(line.label)}</td><td>{line.points}</td>"
            f"<td>{line.maximum}</td></tr>"
            for line in self.lines
        )
        return (
            "<table><tr><th>FSW factor</th><th>points</th><th>of</th></tr>"
            f"{body}<tr><th>total</th><th>{self.total}</th><th>100</th></tr></table>"
        )


def _valid(result: LanguageResult | None, on: dt.date) -> LanguageResult | None:
    return None if result is None or expired(result, on) else result


def _skilled(job: Job) -> bool:
    return job.teer in _SKILLED


def _canadian_hours_ever(profile: Profile, on: dt.date) -> float:
    window = Window(dt.date(1900, 1, 1), on)
    return canadian_work(profile.work_history, window, ExperienceRules())


def fsw_grid(profile: Profile, on: dt.date, rules: FswGridRules = FSW_GRID) -> FswGrid:
    """The FSW six-factor grid of ``profile`` on ``on`` (age and experience on that date).

    >>> from crs.profile import LanguageResult, LanguageTest, Profile, Education
    >>> p = Profile(Education.BACHELORS, age=29, foreign_work_years=1,
    ...             first_language=LanguageResult(LanguageTest.CLB, 9, 9, 9, 9))
    >>> fsw_grid(p, dt.date(2025, 6, 1)).total
    66
    """
    age = profile.age_on(on)
    lines = [
        _language_line(profile, on, rules),
        GridLine(
            "education",
            "education",
            rules.education(profile.education),
            rules.education.maximum,
            {"education": profile.education.value},
        ),
        _experience_line(profile, on, rules),
        GridLine("age", "age", rules.age(age), rules.age.maximum, {"age": age}),
        GridLine(
            "arranged_employment",
            "arranged employment",
            rules.arranged_employment if profile.arranged_employment else 0,
            rules.arranged_employment,
            {"arranged_employment": profile.arranged_employment},
        ),
        _adaptability_line(profile, on, rules),
    ]
    return FswGrid(on, tuple(lines), rules.pass_mark)


def _language_line(profile: Profile, on: dt.date, rules: FswGridRules) -> GridLine:
    first = _valid(profile.first_language, on)
    second = _valid(profile.second_language, on)
    facts: dict[str, object] = {}
    points = 0
    if first is not None:
        found = levels(first)
        each = {a.value: rules.first_language(lv) for a, lv in zip(ABILITIES, found, strict=True)}
        points += sum(each.values())
        facts["first"] = {
            "levels": dict(zip((a.value for a in ABILITIES), found, strict=True)),
            "points": each,
        }
    second_points = 0
    if second is not None and min(levels(second)) >= rules.second_language_minimum:
        second_points = rules.second_language_points
    if second is not None:
        facts["second"] = {
            "levels": dict(zip((a.value for a in ABILITIES), levels(second), strict=True)),
            "points": second_points,
        }
    maximum = 4 * rules.first_language.maximum + rules.second_language_points
    return GridLine("language", "official languages", points + second_points, maximum, facts)


def _experience_line(profile: Profile, on: dt.date, rules: FswGridRules) -> GridLine:
    years_rule = ExperienceRules()
    if profile.work_history:
        window = Window.years_before(on, rules.experience_window_years)
        jobs = [j for j in profile.work_history if _skilled(j)]
        hours = accrued_hours(jobs, window, years_rule.full_time_hours_per_week)
        years = years_rule.years(hours)
        facts: dict[str, object] = {"hours": round(hours, 2), "years": years, "window": window}
    else:
        years = (profile.canadian_work_years or 0) + (profile.foreign_work_years or 0)
        facts = {"years": years, "from": "canadian_work_years + foreign_work_years"}
    return GridLine(
        "experience", "work experience", rules.experience(years), rules.experience.maximum, facts
    )


def _adaptability_elements(profile: Profile, on: dt.date) -> dict[str, bool]:
    spouse = profile.spouse if profile.spouse is not None and profile.spouse.counts else None
    spouse_language = _valid(spouse.first_language, on) if spouse else None
    if profile.work_history:
        worked = _canadian_hours_ever(profile, on) + 1e-6 >= ExperienceRules().hours_per_year
    else:
        worked = (profile.canadian_work_years or 0) >= 1
    return {
        "spouse_language": spouse_language is not None and min(levels(spouse_language)) >= 4,
        "studied_in_canada": profile.studied_in_canada,
        "spouse_studied_in_canada": spouse is not None and spouse.studied_in_canada,
        "worked_in_canada": worked,
        "spouse_worked_in_canada": spouse is not None and spouse.canadian_work_years >= 1,
        "arranged_employment": profile.arranged_employment is not None,
        "relative_in_canada": profile.relative_in_canada,
    }


def _adaptability_line(profile: Profile, on: dt.date, rules: FswGridRules) -> GridLine:
    met = [k for k, ok in _adaptability_elements(profile, on).items() if ok]
    earned = {k: rules.adaptability[k] for k in met}
    points = min(sum(earned.values()), rules.adaptability_cap)
    facts = {"elements": {_ADAPTABILITY_LABELS[k]: v for k, v in earned.items()}}
    return GridLine("adaptability", "adaptability", points, rules.adaptability_cap, facts)


# --- leaves ---------------------------------------------------------------------------


def _grid_check(key: str, label: str) -> Predicate:
    def check(profile: Profile, on: dt.date) -> Verdict:
        grid = fsw_grid(profile, on)
        facts = {"grid": grid.to_json()}
        if grid.passes:
            return Verdict.passed(key, label, facts)
        short = ", ".join(f"{line.key} {line.points}" for line in grid.lines)
        message = f"FSW grid gives {grid.total} of {grid.pass_mark} points needed ({short})"
        return Verdict.failed(key, label, message, facts)

    return condition(key, label, check)


def _education_check(key: str, rules: FswRules) -> Predicate:
    label = f"an education credential ({rules.minimum_education.label} or more)"

    def check(profile: Profile, on: dt.date) -> Verdict:
        facts = {"education": profile.education.value}
        if profile.education.rank >= rules.minimum_education.rank:
            return Verdict.passed(key, label, facts)
        return Verdict.failed(
            key, label, f"no education credential ({profile.education.label})", facts
        )

    return condition(key, label, check)


def _authorized_with_offer(profile: Profile, on: dt.date) -> bool:
    # Exempt from proof of funds: authorized to work in Canada AND a valid job offer.
    # The profile has no "authorized to work" key; a job in Canada ongoing on the
    # date stands for it.
    if profile.arranged_employment is None:
        return False
    return any(
        job.in_canada and job.start < on and (job.end is None or job.end >= on)
        for job in profile.work_history
    )


def _funds_check(key: str) -> Predicate:
    label = "proof of settlement funds"

    def check(profile: Profile, on: dt.date) -> Verdict:
        family = profile.family_members or (2 if profile.spouse is not None else 1)
        found = funds_required(family, on)
        facts: dict[str, object] = {
            "family_members": family,
            "settlement_funds": profile.settlement_funds,
        }
        if found is not None:
            facts["required"] = found[0]
            facts["table_from"] = found[1].start
        if _authorized_with_offer(profile, on):
            note = "proof of funds not needed: a job offer and work in Canada on the date"
            return Verdict.passed(key, label, facts, [note])
        if found is None:
            note = f"proof of funds not checked: no funds table bundled for {on}"
            return Verdict.passed(key, label, facts, [note])
        required, table = found
        if profile.settlement_funds is None:
            note = (
                f"proof of funds not checked: no settlement_funds given "
                f"(${required:,} needed for a family of {family} from {table.start})"
            )
            return Verdict.passed(key, label, facts, [note])
        if profile.settlement_funds >= required:
            return Verdict.passed(key, label, facts)
        message = (
            f"settlement funds ${profile.settlement_funds:,} are below the "
            f"${required:,} needed for a family of {family} (IRCC table from {table.start})"
        )
        return Verdict.failed(key, label, message, facts)

    return condition(key, label, check)


def _cec_keep(job: Job) -> bool:
    return _skilled(job) and not job.self_employed and not job.during_full_time_study


def _cec_language(rules: CecRules) -> Predicate:
    key = "cec.language"
    label = (
        f"CLB/NCLC {rules.language_teer_0_1} on all four abilities for TEER 0/1 experience, "
        f"{rules.language_teer_2_3} for TEER 2/3"
    )

    def check(profile: Profile, on: dt.date) -> Verdict:
        window = Window.years_before(on, rules.window_years)
        jobs = [j for j in profile.work_history if j.in_canada and _cec_keep(j)]
        high = accrued_hours([j for j in jobs if j.teer <= 1], window)
        low = accrued_hours([j for j in jobs if j.teer >= 2], window)
        # crs-rules Open Q11: the level for a qualifying year that mixes TEER 0/1
        # and TEER 2/3 work is not stated by IRCC.  We ask CLB 5 when TEER 2/3 work
        # alone makes the year (or there is no TEER 0/1 work at all), and CLB 7 as
        # soon as the year needs TEER 0/1 hours: the stricter reading.
        needs_high = high > 0 and low + 1e-6 < rules.hours
        level = rules.language_teer_0_1 if needs_high else rules.language_teer_2_3
        verdict = language_check(profile, on, (level,) * 4, LanguageChoice.EITHER, key, label)
        facts = {
            **verdict.facts,
            "teer_0_1_hours": round(high, 2),
            "teer_2_3_hours": round(low, 2),
            "required_level": level,
        }
        reasons = tuple(attrs.evolve(r, facts=facts) for r in verdict.reasons)
        return attrs.evolve(verdict, facts=facts, reasons=reasons)

    return condition(key, label, check)


def _offer_or_certificate(key: str) -> Predicate:
    label = "a job offer or a Canadian certificate of qualification in the trade"

    def check(profile: Profile, on: dt.date) -> Verdict:
        facts = {
            "arranged_employment": profile.arranged_employment,
            "certificate_of_qualification": profile.certificate_of_qualification,
        }
        if profile.arranged_employment is not None or profile.certificate_of_qualification:
            return Verdict.passed(key, label, facts)
        return Verdict.failed(key, label, "no job offer and no certificate of qualification", facts)

    return condition(key, label, check)


# --- the programs ----------------------------------------------------------------------


@attrs.frozen
class Program:
    """An Express Entry program.

    Attributes:
        slug: ``fsw``, ``cec`` or ``fst``.
        name: Its official name.
        predicate: The eligibility test.
        source: Where its rules come from.
    """

    slug: str
    name: str
    predicate: Predicate
    source: Source

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """The program's verdict for ``profile`` on ``on``."""
        return self.predicate(profile, on)


def _fsw(rules: FswRules = FSW_RULES) -> Predicate:
    experience = work_hours(
        rules.hours,
        rules.window_years,
        key="fsw.experience",
        label=(
            f"one year ({rules.hours:,} hours) of continuous paid work in one skilled "
            f"occupation (TEER 0-3) in the last {rules.window_years} years"
        ),
        keep=_skilled,
        continuous=True,
    )
    language = min_language(rules.language, LanguageChoice.FIRST, key="fsw.language")
    grid = _grid_check("fsw.grid", f"{FSW_GRID.pass_mark} points or more on the FSW grid")
    p = experience & language & _education_check("fsw.education", rules) & grid
    return (p & _funds_check("fsw.funds")).named("programs.fsw", "FSW")


def _cec(rules: CecRules = CEC_RULES) -> Predicate:
    experience = work_hours(
        rules.hours,
        rules.window_years,
        key="cec.experience",
        label=(
            f"{rules.hours:,} hours of skilled work in Canada in the last "
            f"{rules.window_years} years (not self-employed, not during full-time study)"
        ),
        keep=_cec_keep,
        in_canada=True,
        single_occupation=False,
    )
    return (experience & _cec_language(rules)).named("programs.cec", "CEC")


def _fst(rules: FstRules = FST_RULES) -> Predicate:
    experience = work_hours(
        rules.hours,
        rules.window_years,
        key="fst.experience",
        label=(
            f"two years ({rules.hours:,} hours) in one skilled trade in the last "
            f"{rules.window_years} years"
        ),
        codes=rules.trades.__contains__,
    )
    language = min_language(rules.language, LanguageChoice.EITHER, key="fst.language")
    p = experience & language & _offer_or_certificate("fst.offer")
    return (p & _funds_check("fst.funds")).named("programs.fst", "FST")


FSW = Program("fsw", "Federal Skilled Worker Program", _fsw(), FSW_ELIGIBILITY)
"""The Federal Skilled Worker Program."""
CEC = Program("cec", "Canadian Experience Class", _cec(), CEC_ELIGIBILITY)
"""The Canadian Experience Class."""
FST = Program("fst", "Federal Skilled Trades Program", _fst(), FST_ELIGIBILITY)
"""The Federal Skilled Trades Program."""

PROGRAMS: Mapping[str, Program] = {p.slug: p for p in (FSW, CEC, FST)}
"""The programs by slug, in the order fsw, cec, fst."""


def program(slug: str) -> Program:
    """The program with ``slug`` (``fsw``, ``cec`` or ``fst``).

    Raises:
        UnknownNameError: For another slug (it is also a ``KeyError``).
    """
    try:
        return PROGRAMS[slug]
    except KeyError:
        from crs.errors import UnknownNameError

        raise UnknownNameError.of("program", slug, PROGRAMS) from None


def any_program() -> Predicate:
    """A leaf: eligible for at least one of FSW, CEC and FST."""
    return eligible_for(
        "programs.any",
        "eligible for FSW, CEC or FST",
        {slug: p.predicate for slug, p in PROGRAMS.items()},
    )
