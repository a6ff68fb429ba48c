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

from crs._dates import as_date
from crs._reuse import active, reused
from crs._shapes import BOOL, INT, arr, obj, ref
from crs._spans import NEVER, birthday_until, language_until, shrink_until, work_until
from crs.breakdown import Line
from crs.conditions import RULE_DATES, LanguageChoice, min_language, work_hours
from crs.predicates import Predicate, Verdict
from crs.programs._fsw_lines import ADAPTABILITY_LABELS as ADAPTABILITY_LABELS
from crs.programs._fsw_lines import (
    _adaptability_elements,
    _adaptability_line,
    _experience_line,
    _experience_years,
    _language_line,
    _why_not,
    skilled,
)
from crs.programs.funds import FundsCheck
from crs.programs.thresholds import FSW_GRID, FSW_RULES, FswGridRules, FswRules

if TYPE_CHECKING:
    from crs.profile import Profile

__all__ = [
    "ADAPTABILITY_LABELS",
    "EducationCheck",
    "FswGrid",
    "GridCheck",
    "fsw_grid",
    "fsw_predicate",
    "skilled",
]


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


def fsw_grid(profile: Profile, on: dt.date | str | None, rules: FswGridRules = FSW_GRID) -> FswGrid:
    """The FSW six-factor grid of ``profile`` on ``on`` (age and experience on that date).

    ``on`` is a date or ``YYYY-MM-DD`` (None: today), as everywhere.

    >>> from crs.profile import LanguageResult, LanguageTest, Profile, Education
    >>> p = Profile(Education.BACHELORS, age=29, foreign_work_years=1,
    ...             first_language=LanguageResult(LanguageTest.CLB, 9, 9, 9, 9))
    >>> grid = fsw_grid(p, dt.date(2025, 6, 1))
    >>> grid.total, grid["fsw.experience"].reason
    (66, '1 year (canadian_work_years + foreign_work_years)')
    """
    if type(on) is not dt.date:
        on = as_date(on)
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


def grid_key(profile: Profile, on: dt.date, rules: FswGridRules = FSW_GRID) -> tuple[Any, ...]:
    """What the grid's points read of the date: two dates with the same key pass or fail alike.

    The age, why each result gives no language points (empty: it does), the
    years of experience and the adaptability elements met (:mod:`crs._reuse`).
    """
    return (
        profile.age_on(on),
        _why_not(profile.first_language, on),
        _why_not(profile.second_language, on),
        _experience_years(profile, on, rules)[0],
        tuple(_adaptability_elements(profile, on, rules).values()),
    )


@attrs.frozen
class GridCheck(Predicate):
    """A leaf: the pass mark or more on the FSW grid (:data:`~crs.programs.FSW_GRID`).

    The verdict's facts hold the :class:`FswGrid` itself; it becomes JSON only
    when the verdict's JSON is asked for.
    """

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """Eligible when the grid reaches the pass mark."""
        if not active():
            return self.check(profile, on)
        return reused(self, profile, on, lambda: grid_key(profile, on), self.check)

    def until(self, profile: Profile, on: dt.date) -> dt.date:
        """The first date after ``on`` on which an input of the grid may change.

        A birthday, a language result (the candidate's or the spouse's) taken or
        expiring, or the work history filling the experience window or the
        Canadian work counted since the first job differently (once the grid
        passes: a job leaving the experience window).
        """
        spouse = profile.spouse if profile.spouse is not None and profile.spouse.counts else None
        results = [
            profile.first_language,
            profile.second_language,
            None if spouse is None else spouse.first_language,
        ]
        history = profile.work_history
        years = FSW_GRID.experience_window_years
        if self(profile, on).eligible:
            # Passing: the experience and Canadian work only grow until a job leaves
            # the experience window, and more of them never gives fewer points.
            work = shrink_until(history, on, years)
        else:  # the message names every factor's points
            work = min(work_until(history, on, years), work_until(history, on, None))
        return min(birthday_until(profile, on), language_until(results, on, RULE_DATES), work)

    def check(self, profile: Profile, on: dt.date) -> Verdict:
        """The verdict on ``on`` itself."""
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
        if active():
            return reused(self, profile, on, tuple, self.check)
        return self.check(profile, on)

    def until(self, profile: Profile, on: dt.date) -> dt.date:
        """Never: the verdict is the same on every date."""
        return NEVER

    def check(self, profile: Profile, on: dt.date) -> Verdict:
        """The verdict (the same on every date)."""
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
