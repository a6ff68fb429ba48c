"""The rule set: every CRS table, cap and section in force from one date.

A :class:`RuleSet` is data.  Its tables (:mod:`crs.tables`) hold every point
value with its source; its ``sections`` say how factor functions
(:mod:`crs.factors`) are grouped and capped.  Factor functions never test a
date: they read the table of the rule set they are given, so a rule set of
one's own, built with :func:`attrs.evolve`, is scored exactly like IRCC's.
"""

from __future__ import annotations

import abc
import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from crs.breakdown import Line
from crs.experience import ExperienceRules
from crs.tables import Lookup, Matrix, Source, Spoused, Steps

if TYPE_CHECKING:
    from crs.language import Levels
    from crs.profile import (
        ArrangedEmployment,
        CanadianEducation,
        Education,
        Job,
        LanguageResult,
        OfficialLanguage,
    )

_new = tuple.__new__

__all__ = ["Award", "Factor", "Facts", "FrenchBonus", "Group", "Levels4", "RuleSet"]


class Levels4(NamedTuple):
    """A column of language results, for :func:`crs.score_frame`.

    Attributes:
        present: Which rows have a result.
        levels: The level of each ability (listening, reading, writing,
            speaking); 0 where a row has no result.
        lowest: The lowest of the four levels; 0 where a row has no result.
    """

    present: Any
    levels: tuple[Any, Any, Any, Any]
    lowest: Any


class Facts(NamedTuple):
    """A profile resolved on a date: every input the factors read, and nothing else.

    Built once per score, by keyword (:func:`crs.scoring.resolve`); factors never
    see the profile itself.  :func:`crs.score_frame` builds the same fields as
    NumPy columns: a choice becomes its member's position (-1: none), levels a
    :class:`Levels4`, and the ``*_result`` fields are None.

    Attributes:
        on: The scoring date.
        age: Completed years on ``on``.
        with_spouse: Whether the spouse counts (:func:`crs.profile.spouse_counts`).
        education: The candidate's highest level of education.
        first: CLB/NCLC levels (L, R, W, S) of the first official language, or None.
        first_language: The official language of the first result, or None.
        first_result: The first official language result (for explanations), or None.
        second: Levels of the second official language, or None.
        second_language: The official language of the second result, or None.
        second_result: The second official language result, or None.
        canadian_years: Completed years of skilled Canadian work (last 10 years).
        foreign_years: Completed years of skilled foreign work (last 10 years).
        certificate_of_qualification: A Canadian trade certificate of qualification.
        provincial_nomination: A provincial or territorial nomination.
        sibling_in_canada: A brother or sister in Canada.
        arranged_employment: A qualifying job offer, or None.
        canadian_education: A Canadian credential, or None.
        spouse_education: The spouse's education (when the spouse counts), or None.
        spouse_first: Levels of the spouse's first official language, or None.
        spouse_first_result: The spouse's first official language result, or None.
        spouse_canadian_years: The spouse's years of Canadian work (0 when not counted).
        work_history: The dated jobs, for factors of one's own that read
            occupations (the standard grid reads only the years above); empty
            in column facts (rows with a work history are scored one by one).
        first_void: Why the first result gives no levels on ``on`` (taken
            after it, or expired under rules that stop its points), or None;
            None in column facts.
        second_void: The same for the second result.
        spouse_first_void: The same for the spouse's result.
        work_notes: How the work years were counted, where a reading applies
            (a public policy, one occupation abroad), by Facts field; empty in
            column facts.
    """

    on: dt.date
    age: int
    with_spouse: bool
    education: Education
    first: Levels | None
    first_language: OfficialLanguage | None
    first_result: LanguageResult | None
    second: Levels | None
    second_language: OfficialLanguage | None
    second_result: LanguageResult | None
    canadian_years: int
    foreign_years: int
    certificate_of_qualification: bool
    provincial_nomination: bool
    sibling_in_canada: bool
    arranged_employment: ArrangedEmployment | None
    canadian_education: CanadianEducation | None
    spouse_education: Education | None
    spouse_first: Levels | None
    spouse_first_result: LanguageResult | None
    spouse_canadian_years: int
    work_history: tuple[Job, ...] = ()
    first_void: str | None = None
    second_void: str | None = None
    spouse_first_void: str | None = None
    work_notes: tuple[tuple[str, str], ...] = ()

    def levels_in(self, language: OfficialLanguage) -> Levels | None:
        """The candidate's levels in ``language``, first or second, or None."""
        if self.first_language is language:
            return self.first
        if self.second_language is language:
            return self.second
        return None


class Factor(abc.ABC):
    """One row of the grid (or a group of rows): its points, and its explained line.

    ``points`` is the fast path that :func:`crs.score` adds up; ``column`` gives
    the same points for a whole column of facts (:func:`crs.score_frame`);
    ``line`` explains them and is only built when a breakdown is asked for.
    All three read the same rule-set tables, so they cannot disagree (property
    tests check).

    Attributes:
        key: The stable dotted key of the line.
        label: What the factor is, in words.
    """

    key: str
    label: str

    @abc.abstractmethod
    def points(self, facts: Facts, rules: RuleSet) -> int:
        """The points the factor gives ``facts`` under ``rules``."""

    @abc.abstractmethod
    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """The explained line: the same points, with the reason and source."""

    def column(self, facts: Facts, rules: RuleSet) -> Any:
        """The points of every row of column ``facts`` (a NumPy array).

        Raises:
            NotImplementedError: If the factor can only score one profile at a time.
        """
        raise NotImplementedError(f"{self.key} scores one profile at a time")

    @property
    def vectorised(self) -> bool:
        """Whether :meth:`column` works.

        A :class:`~crs.factors.kinds.Custom` factor without an array function
        does not, nor a factor of one's own that defines no :meth:`column`.
        """
        return type(self).column is not Factor.column


@attrs.frozen
class Award:
    """A fixed number of points for meeting a condition.

    Attributes:
        points: The points awarded.
        source: Where the value comes from.
    """

    points: int
    source: Source

    def __call__(self, has: bool) -> int:
        """The points when the condition is met (``has``), else 0."""
        return self.points if has else 0

    def column(self, has: Any) -> Any:
        """The points for each row of a NumPy boolean array."""
        return has * self.points


@attrs.frozen
class FrenchBonus:
    """Additional points for strong French, more when English is strong too.

    Attributes:
        min_french: NCLC needed on all four French abilities.
        min_english: CLB needed on all four English abilities for the bilingual points.
        french_only: Points with strong French and English below ``min_english``
            on any ability (or no English result).
        bilingual: Points with strong French and ``min_english`` or more on all four.
        source: Where the values come from.
    """

    min_french: int
    min_english: int
    french_only: int
    bilingual: int
    source: Source


_SINGLE_REASON = (
    "scored as single: no spouse, or the spouse is not accompanying "
    "or is a Canadian citizen or permanent resident"
)


@attrs.frozen
class Group(Factor):
    """A section or a capped group: the sum of its parts, at most its cap.

    Attributes:
        key: Dotted key of the line it produces.
        label: The line's label.
        parts: Factors (or groups) added up.
        cap: Name of the rule-set field holding the cap (an int, or a
            :class:`~crs.tables.Spoused` int), the cap itself (for a group of
            one's own), or None for no cap.
        only_with_spouse: The group scores only when the spouse counts.
    """

    key: str
    label: str
    parts: tuple[Factor, ...]
    cap: str | int | Spoused[int] | None = None
    only_with_spouse: bool = False

    def _cap(self, facts: Facts, rules: RuleSet) -> int | None:
        if self.cap is None:
            return None
        cap = getattr(rules, self.cap) if isinstance(self.cap, str) else self.cap
        if isinstance(cap, Spoused):
            cap = cap.pick(facts.with_spouse)
        assert isinstance(cap, int)
        return cap

    def points(self, facts: Facts, rules: RuleSet) -> int:
        """The capped sum of the parts' points."""
        if self.only_with_spouse and not facts.with_spouse:
            return 0
        total = 0
        for part in self.parts:
            total += part.points(facts, rules)
        cap = self._cap(facts, rules)
        return total if cap is None or total <= cap else cap

    def column(self, facts: Facts, rules: RuleSet) -> Any:
        """The capped sums of a column of facts."""
        import numpy as np

        columns: Any = facts
        total = np.zeros(len(columns.age), dtype=np.int64)
        for part in self.parts:
            total += part.column(facts, rules)
        if self.cap is not None:
            cap = getattr(rules, self.cap) if isinstance(self.cap, str) else self.cap
            if isinstance(cap, Spoused):
                cap = np.where(facts.with_spouse, cap.with_spouse, cap.single)
            total = np.minimum(total, cap)
        if self.only_with_spouse:
            total *= facts.with_spouse
        return total

    @property
    def vectorised(self) -> bool:
        """Whether every part scores columns."""
        return all(part.vectorised for part in self.parts)

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """The group's line: its parts' lines, summed and capped."""
        if self.only_with_spouse and not facts.with_spouse:
            return Line(self.key, self.label, 0, _SINGLE_REASON)
        children = []
        total = 0
        for part in self.parts:
            child = part.line(facts, rules)
            total += child.points
            children.append(child)
        cap = self._cap(facts, rules)
        if cap is not None and total > cap:
            return _new(Line, (self.key, self.label, cap, "", tuple(children), cap, total, None))
        return _new(Line, (self.key, self.label, total, "", tuple(children), cap, None, None))


@attrs.frozen
class RuleSet:
    """Every CRS table, cap and section in force from ``effective``.

    Build a rule set of your own from an existing one with :func:`attrs.evolve`
    and pass it to :func:`crs.score` as ``rules=``.

    Attributes:
        name: The rule set's name, its effective date in ISO form.
        effective: First day the rules are in force.
        summary: What changed on that date, in words.
        sources: The instruments that made the change.
        experience: How work history is counted.
        language_validity_years: Years a language result stays valid.
        age: Core: points by age.
        education: Core: points by level of education.
        first_language: Core: points per ability of the first official language.
        second_language: Core: points per ability of the second official language.
        second_language_cap: Core: the most the second language can give.
        canadian_work: Core: points by years of Canadian work.
        spouse_education: Spouse: points by the spouse's education.
        spouse_language: Spouse: points per ability of the spouse's first language.
        spouse_canadian_work: Spouse: points by the spouse's years of Canadian work.
        transfer_language_tier: Transferability: tier (0, 1, 2) by the lowest of
            the four first-language levels.
        transfer_education_tier: Transferability: tier (0, 1, 2) by education.
        transfer_canadian_tier: Transferability: tier by years of Canadian work.
        transfer_foreign_tier: Transferability: tier by years of foreign work.
        education_language: Transferability: education x language.
        education_canadian_work: Transferability: education x Canadian work.
        foreign_work_language: Transferability: foreign work x language.
        foreign_work_canadian_work: Transferability: foreign work x Canadian work.
        coq_language_tier: Transferability: language tier for the certificate.
        certificate_of_qualification: Transferability: certificate x language.
        transferability_pair_cap: The most each transferability pair can give.
        transferability_cap: The most section C can give.
        provincial_nomination: Additional: a provincial nomination.
        arranged_employment: Additional: a job offer, by occupation (None: not scored).
        canadian_education: Additional: Canadian study (None: not scored).
        french: Additional: French-language points (None: not scored).
        sibling: Additional: a brother or sister in Canada (None: not scored).
        additional_cap: The most section D can give.
        sections: The sections, in order: their parts, groups and caps.
        expired_language_scores: Whether a language result
            ``language_validity_years`` or more old still earns points.  True
            under the launch rules; from 2016-11-19 the Ministerial Instructions
            say that for such results "points cease to be assigned" (False).
            A result taken after the scoring date never earns points.
    """

    name: str
    effective: dt.date
    summary: str
    sources: tuple[Source, ...]
    experience: ExperienceRules
    language_validity_years: int
    age: Spoused[Steps]
    education: Spoused[Lookup[Education]]
    first_language: Spoused[Steps]
    second_language: Spoused[Steps]
    second_language_cap: Spoused[int]
    canadian_work: Spoused[Steps]
    spouse_education: Lookup[Education]
    spouse_language: Steps
    spouse_canadian_work: Steps
    transfer_language_tier: Steps
    transfer_education_tier: Lookup[Education]
    transfer_canadian_tier: Steps
    transfer_foreign_tier: Steps
    education_language: Matrix
    education_canadian_work: Matrix
    foreign_work_language: Matrix
    foreign_work_canadian_work: Matrix
    coq_language_tier: Steps
    certificate_of_qualification: Matrix
    transferability_pair_cap: int
    transferability_cap: int
    provincial_nomination: Award
    arranged_employment: Lookup[ArrangedEmployment] | None
    canadian_education: Lookup[CanadianEducation] | None
    french: FrenchBonus | None
    sibling: Award | None
    additional_cap: int
    sections: tuple[Group, ...]
    expired_language_scores: bool = True

    def __str__(self) -> str:
        return f"CRS rules in force from {self.name}"

    @property
    def vectorised(self) -> bool:
        """Whether every factor scores whole columns (see :func:`crs.score_frame`)."""
        return all(section.vectorised for section in self.sections)
