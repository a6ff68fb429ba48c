"""The Federal Skilled Worker Program (IRPR s. 75-76) and its six-factor grid.

* one year (1,560 hours) of continuous paid work in one skilled occupation
  (TEER 0-3) within 10 years;
* CLB/NCLC 7 on all four abilities of the first official language;
* a secondary or post-secondary credential;
* at least 67 of 100 points on the grid (:func:`fsw_grid`);
* proof of funds (:mod:`crs.programs.funds`).

The grid is explained with the same :class:`~crs.breakdown.Line` tree as a CRS
score: one line per factor (``fsw.language``, ``fsw.education``,
``fsw.experience``, ``fsw.age``, ``fsw.arranged_employment``,
``fsw.adaptability``), each with its points, the reason, the most it can give
(``cap``) and its children (the four abilities, the adaptability elements).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

import attrs

from crs._dates import day_before
from crs._shapes import BOOL, INT, arr, obj, ref
from crs.breakdown import Line
from crs.conditions import LanguageChoice, language_validity_years, min_language, work_hours
from crs.experience import ExperienceRules, Window, accrued_hours, canadian_work
from crs.language import levels, not_counted
from crs.predicates import Predicate, Verdict
from crs.profile import ABILITIES, OfficialLanguage
from crs.programs.funds import FundsCheck
from crs.programs.thresholds import FSW_GRID, FSW_RULES, FswGridRules, FswRules

if TYPE_CHECKING:
    from crs.profile import Job, LanguageResult, Profile

__all__ = [
    "EducationCheck",
    "FswGrid",
    "GridCheck",
    "fsw_grid",
    "fsw_predicate",
    "skilled",
]

_EXPERIENCE = ExperienceRules()


ADAPTABILITY_LABELS = {
    "spouse_language": "accompanying spouse at CLB/NCLC {spouse} or more on all four abilities",
    "studied_in_canada": "two or more years of full-time study in Canada",
    "spouse_studied_in_canada": "spouse's two or more years of full-time study in Canada",
    "worked_in_canada": "one year or more of full-time skilled work in Canada",
    "spouse_worked_in_canada": "spouse's one year or more of full-time work in Canada",
    "arranged_employment": "a qualifying job offer in Canada",
    "relative_in_canada": "a relative 18 or older, citizen or PR, living in Canada",
}
"""Each adaptability element in words."""


def skilled(job: Job) -> bool:
    """Whether ``job`` is skilled work (TEER 0-3)."""
    return job.teer in _EXPERIENCE.skilled_teers


# --- the grid -----------------------------------------------------------------------------


@attrs.frozen
class FswGrid:
    """The FSW selection grid for a profile on a date.

    Attributes:
        on: The date.
        lines: The six factors, in the order of IRCC's page, as explained lines
            (``fsw.language`` ... ``fsw.adaptability``); ``cap`` is the most each
            factor gives.
        pass_mark: Points needed (67).
        maximum: Points the grid gives at most (100).
    """

    on: dt.date
    lines: tuple[Line, ...]
    pass_mark: int
    maximum: int = 100

    @property
    def total(self) -> int:
        """Points on the grid, out of 100."""
        return sum(line.points for line in self.lines)

    @property
    def passes(self) -> bool:
        """Whether the total reaches the pass mark."""
        return self.total >= self.pass_mark

    @property
    def line(self) -> Line:
        """The whole grid as one line (``fsw``) over the six factors."""
        outcome = "passes" if self.passes else f"{self.pass_mark - self.total} points short"
        reason = f"pass mark {self.pass_mark}: {outcome}"
        return Line("fsw", "FSW selection grid", self.total, reason, self.lines, self.maximum)

    def __getitem__(self, key: str) -> Line:
        """The line with dotted ``key`` (``fsw.age``), or a factor by its short name (``age``).

        Raises:
            KeyError: If no line has that key.
        """
        full = key if key.startswith("fsw.") else f"fsw.{key}"
        for line in self.line.walk():
            if line.key == full:
                return line
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        """The grid as JSON data: ``total``, ``pass_mark``, ``passes`` and the factor ``lines``.

        Each line is :meth:`crs.breakdown.Line.to_json`, as in a CRS score.
        """
        return {
            "total": self.total,
            "pass_mark": self.pass_mark,
            "passes": self.passes,
            "lines": [line.to_json() for line in self.lines],
        }

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json`."""
        return obj(
            {"total": INT, "pass_mark": INT, "passes": BOOL, "lines": arr(ref("Line"))},
            description="the FSW selection grid",
        )

    def to_text(self) -> str:
        """The grid as a small table: each factor's points, of the most it gives."""
        rows = [f"{line.label:<22} {line.points:>3} / {line.cap:<3}" for line in self.lines]
        rows.append(f"{'total':<22} {self.total:>3} / {self.maximum} (pass mark {self.pass_mark})")
        return "\n".join(rows)

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><td>{html.escape(line.label)}</td><td>{line.points}</td>"
            f"<td>{line.cap}</td><td>{html.escape(line.reason)}</td></tr>"
            for line in self.lines
        )
        return (
            "<table><tr><th>FSW factor</th><th>points</th><th>of</th><th>why</th></tr>"
            f"{body}<tr><th>total</th><th>{self.total}</th><th>{self.maximum}</th>"
            f"<th>pass mark {self.pass_mark}</th></tr></table>"
        )


def fsw_grid(profile: Profile, on: dt.date, rules: FswGridRules = FSW_GRID) -> FswGrid:
    """The FSW six-factor grid of ``profile`` on ``on`` (age and experience on that date).

    >>> from crs.profile import LanguageResult, LanguageTest, Profile, Education
    >>> p = Profile(Education.BACHELORS, age=29, foreign_work_years=1,
    ...             first_language=LanguageResult(LanguageTest.CLB, 9, 9, 9, 9))
    >>> grid = fsw_grid(p, dt.date(2025, 6, 1))
    >>> grid.total, grid["fsw.experience"].reason
    (66, '1 year (canadian_work_years + foreign_work_years)')
    """
    age = profile.age_on(on)
    source = rules.source
    education = profile.education
    offer = profile.arranged_employment
    lines = (
        _language_line(profile, on, rules),
        Line(
            "fsw.education",
            "education",
            rules.education(education),
            education.label,
            cap=rules.education.maximum,
            source=source,
        ),
        _experience_line(profile, on, rules),
        Line(
            "fsw.age", "age", rules.age(age), f"{age} on {on}", cap=rules.age.maximum, source=source
        ),
        Line(
            "fsw.arranged_employment",
            "arranged employment",
            rules.arranged_employment if offer else 0,
            f"a job offer ({offer.value})" if offer else "no job offer",
            cap=rules.arranged_employment,
            source=source,
        ),
        _adaptability_line(profile, on, rules),
    )
    return FswGrid(on, lines, rules.pass_mark, rules.total)


def _valid(result: LanguageResult | None, on: dt.date) -> LanguageResult | None:
    if result is None or _why_not(result, on):
        return None
    return result


def _why_not(result: LanguageResult | None, on: dt.date) -> str:
    """Why a result gives no FSW points on ``on`` (no result, taken later, expired)."""
    if result is None:
        return "no result"
    reason = not_counted(result, on, language_validity_years(on))
    return "" if reason is None else f"{result.test.label} result {reason}"


def _scale(result: LanguageResult) -> str:
    return "NCLC" if result.language is OfficialLanguage.FRENCH else "CLB"


def _language_line(profile: Profile, on: dt.date, rules: FswGridRules) -> Line:
    first, second = profile.first_language, profile.second_language
    if (first is None or first.test_date is None) and (second is None or second.test_date is None):
        # Undated results count on every date: the line is the same on every date.
        memo_key = (id(profile), id(rules))
        found = _LANGUAGE_LINES.get(memo_key)
        if found is not None and found[0] is profile and found[1] is rules:
            return found[2]
        line = _language_line_on(profile, on, rules)
        if len(_LANGUAGE_LINES) >= 4096:
            _LANGUAGE_LINES.clear()
        _LANGUAGE_LINES[memo_key] = (profile, rules, line)
        return line
    return _language_line_on(profile, on, rules)


_LANGUAGE_LINES: dict[tuple[int, int], tuple[Profile, FswGridRules, Line]] = {}


def _language_line_on(profile: Profile, on: dt.date, rules: FswGridRules) -> Line:
    source = rules.source
    first = _valid(profile.first_language, on)
    if first is None:
        why = _why_not(profile.first_language, on)
        first_line = Line("fsw.language.first", "first official language", 0, why)
    else:
        scale = _scale(first)
        abilities = tuple(
            Line(
                f"fsw.language.first.{a.value}",
                a.value,
                rules.first_language(level),
                f"{scale} {level}",
                source=source,
            )
            for a, level in zip(ABILITIES, levels(first), strict=True)
        )
        total = sum(line.points for line in abilities)
        first_line = Line(
            "fsw.language.first", "first official language", total, first.test.label, abilities
        )
    second = _valid(profile.second_language, on)
    minimum = rules.second_language_minimum
    points = 0
    if second is None:
        why = _why_not(profile.second_language, on)
    else:
        found = levels(second)
        scale = _scale(second)
        shown = "/".join(str(level) for level in found)
        if min(found) >= minimum:
            points = rules.second_language_points
            why = f"{scale} {shown}: {minimum} or more on all four"
        else:
            why = f"{scale} {shown}: below {minimum} on an ability"
    second_line = Line(
        "fsw.language.second",
        "second official language",
        points,
        why,
        cap=rules.second_language_points,
        source=source,
    )
    return Line(
        "fsw.language",
        "official languages",
        first_line.points + points,
        "",
        (first_line, second_line),
        rules.language_maximum,
    )


def _experience_line(profile: Profile, on: dt.date, rules: FswGridRules) -> Line:
    if profile.work_history:
        window = Window.years_before(on, rules.experience_window_years)
        jobs = [j for j in profile.work_history if skilled(j)]
        hours = accrued_hours(jobs, window, _EXPERIENCE.full_time_hours_per_week)
        years = _EXPERIENCE.years(hours)
        span = f"{window.start} to {day_before(window.end)}"
        how = f"{hours:,.0f} hours of skilled work from {span}"
    else:
        years = (profile.canadian_work_years or 0) + (profile.foreign_work_years or 0)
        how = "canadian_work_years + foreign_work_years"
    return Line(
        "fsw.experience",
        "work experience",
        rules.experience(years),
        f"{years} year{'' if years == 1 else 's'} ({how})",
        cap=rules.experience.maximum,
        source=rules.source,
    )


def _adaptability_elements(profile: Profile, on: dt.date, rules: FswGridRules) -> dict[str, bool]:
    spouse = profile.spouse if profile.spouse is not None and profile.spouse.counts else None
    spouse_language = _valid(spouse.first_language, on) if spouse else None
    if profile.work_history:
        window = Window(dt.date(1900, 1, 1), on)
        hours = canadian_work(profile.work_history, window, _EXPERIENCE)
        worked = hours + 1e-6 >= rules.canadian_work_hours
    else:
        worked = (profile.canadian_work_years or 0) * _EXPERIENCE.hours_per_year >= (
            rules.canadian_work_hours
        )
    return {
        "spouse_language": spouse_language is not None
        and min(levels(spouse_language)) >= rules.spouse_language_minimum,
        "studied_in_canada": profile.studied_in_canada,
        "spouse_studied_in_canada": spouse is not None and spouse.studied_in_canada,
        "worked_in_canada": worked,
        "spouse_worked_in_canada": spouse is not None
        and spouse.canadian_work_years >= rules.spouse_canadian_work_years,
        "arranged_employment": profile.arranged_employment is not None,
        "relative_in_canada": profile.relative_in_canada,
    }


def _adaptability_line(profile: Profile, on: dt.date, rules: FswGridRules) -> Line:
    children = tuple(
        Line(
            f"fsw.adaptability.{element}",
            ADAPTABILITY_LABELS[element].format(spouse=rules.spouse_language_minimum),
            rules.adaptability[element] if met else 0,
            "yes" if met else "no",
            source=rules.source,
        )
        for element, met in _adaptability_elements(profile, on, rules).items()
    )
    earned = sum(line.points for line in children)
    cap = rules.adaptability_cap
    points = min(earned, cap)
    uncapped = earned if earned > cap else None
    return Line("fsw.adaptability", "adaptability", points, "", children, cap, uncapped)


# --- the program's leaves -----------------------------------------------------------------


@attrs.frozen
class GridCheck(Predicate):
    """A leaf: the pass mark or more on the FSW grid (:data:`~crs.programs.FSW_GRID`).

    The verdict's facts hold the :class:`FswGrid` itself; it becomes JSON only
    when the verdict's JSON is asked for.
    """

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """Eligible when the grid reaches the pass mark."""
        from crs.programs import shared

        grid = shared(fsw_grid, profile, on)
        facts = {"grid": grid}
        if grid.passes:
            return Verdict.passed(self.key, self.label, facts)
        short = ", ".join(f"{line.key.rsplit('.', 1)[-1]} {line.points}" for line in grid.lines)
        message = f"FSW grid gives {grid.total} of {grid.pass_mark} points needed ({short})"
        return Verdict.failed(self.key, self.label, message, facts)


@attrs.frozen
class EducationCheck(Predicate):
    """A leaf: an education credential of ``rules.minimum_education`` or more.

    Attributes:
        rules: The FSW requirements.
    """

    rules: FswRules = attrs.field(kw_only=True)

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """Eligible with the least credential that counts, or more."""
        facts = {"education": profile.education.value}
        if profile.education.rank >= self.rules.minimum_education.rank:
            return Verdict.passed(self.key, self.label, facts)
        message = f"no education credential ({profile.education.label})"
        return Verdict.failed(self.key, self.label, message, facts)


def fsw_predicate(rules: FswRules = FSW_RULES) -> Predicate:
    """The FSW eligibility test (``programs.fsw``), from ``rules`` and :data:`FSW_GRID`."""
    experience = work_hours(
        rules.hours,
        rules.window_years,
        key="fsw.experience",
        label=(
            f"one year ({rules.hours:,} hours) of continuous paid work in one skilled "
            f"occupation (TEER 0-3) in the last {rules.window_years} years"
        ),
        keep=skilled,
        continuous=True,
    )
    language = min_language(rules.language, LanguageChoice.FIRST, key="fsw.language")
    education = EducationCheck(
        "fsw.education",
        f"an education credential ({rules.minimum_education.label} or more)",
        rules=rules,
    )
    grid = GridCheck("fsw.grid", f"{FSW_GRID.pass_mark} points or more on the FSW grid")
    p = experience & language & education & grid
    return (p & FundsCheck("fsw.funds", "proof of settlement funds")).named("programs.fsw", "FSW")
