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
from typing import TYPE_CHECKING, Any

import attrs

from crs._facts import Facts, Levels4
from crs.breakdown import Line
from crs.experience import ExperienceRules
from crs.tables import Lookup, Matrix, Source, Spoused, Steps

if TYPE_CHECKING:
    from crs.compiled import Code
    from crs.profile import ArrangedEmployment, CanadianEducation, Education

_new = tuple.__new__

__all__ = ["Award", "Factor", "Facts", "FrenchBonus", "Group", "Levels4", "RuleSet"]


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

    def compile(self, rules: RuleSet, code: Code) -> str | None:
        """Emit the statements that score this factor in a compiled rule set.

        Returns the name of the local that holds the points, or None when the
        factor cannot say what it reads (the compiled function then calls
        :meth:`points` with the :class:`Facts`).  See :mod:`crs.compiled`.
        """
        return None

    def column(self, facts: Facts, rules: RuleSet) -> Any:
        """The points of every row of column ``facts`` (a NumPy array).

        Raises:
            NotImplementedError: If the factor can only score one profile at a time.
        """
        raise NotImplementedError(f"{self.key} scores one profile at a time")

    @property
    def line_reads(self) -> tuple[str, ...] | None:
        """The :class:`Facts` fields that :meth:`line` reads (with the rule set), or None.

        Two profiles alike in these fields get the same line, so a batch
        explains each distinct case once (``crs score --format jsonl``).  None
        (the default) when the factor cannot say: it is then explained one
        profile at a time.
        """
        return None

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
        """The points for each row of a NumPy array: where it is true (not 0), as one row reads."""
        return (has != 0) * self.points


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
        return self._cap_of(facts.with_spouse, rules)

    def _cap_of(self, with_spouse: bool, rules: RuleSet) -> int | None:
        if self.cap is None:
            return None
        cap = getattr(rules, self.cap) if isinstance(self.cap, str) else self.cap
        if isinstance(cap, Spoused):
            cap = cap.pick(with_spouse)
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
        total = None
        for part in self.parts:  # a copy of the first part's points takes the sum
            points = part.column(facts, rules)
            if total is None:
                total = np.array(points, dtype=np.int64)
            else:
                total += points
        if total is None:
            total = np.zeros(len(columns.age), dtype=np.int64)
        if self.cap is not None:
            cap = getattr(rules, self.cap) if isinstance(self.cap, str) else self.cap
            if isinstance(cap, Spoused):
                cap = np.where(facts.with_spouse, cap.with_spouse, cap.single)
            np.minimum(total, cap, out=total)
        if self.only_with_spouse:
            total *= facts.with_spouse
        return total

    def compile(self, rules: RuleSet, code: Code) -> str | None:
        """The parts' points summed and capped, as :meth:`points` adds them."""
        total = code.var("g")
        spouse = code.fact("with_spouse") if self.only_with_spouse else None
        if spouse is not None:
            code.emit(f"if {spouse}:")
            code.indent()
        names = [code.factor(part) for part in self.parts]
        code.emit(f"{total} = {' + '.join(names) or '0'}")
        if self.cap is not None:
            cap = getattr(rules, self.cap) if isinstance(self.cap, str) else self.cap
            if isinstance(cap, Spoused):
                limit = f"({cap.with_spouse} if {code.fact('with_spouse')} else {cap.single})"
            else:
                assert isinstance(cap, int)
                limit = str(cap)
            code.emit(f"if {total} > {limit}:")
            code.emit(f"    {total} = {limit}")
        if spouse is not None:
            code.dedent()
            code.emit("else:")
            code.emit(f"    {total} = 0")
        return total

    @property
    def vectorised(self) -> bool:
        """Whether every part scores columns."""
        return all(part.vectorised for part in self.parts)

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """The group's line: its parts' lines, summed and capped."""
        with_spouse = facts.with_spouse
        if self.only_with_spouse and not with_spouse:
            return self.joined((), with_spouse, rules)
        children = tuple([part.line(facts, rules) for part in self.parts])
        return self.joined(children, with_spouse, rules)

    def joined(self, children: tuple[Line, ...], with_spouse: bool, rules: RuleSet) -> Line:
        """The group's line from its parts' lines (all that it reads besides ``with_spouse``).

        What :meth:`line` returns once the parts are explained; a batch that
        has the parts' lines already (``crs score --format jsonl``) joins them
        here, so the group's line is built one way only.  ``children`` is
        ignored when the group scores only with a spouse and there is none;
        otherwise the line's own fields read only the sum of their points
        (and ``with_spouse``, for a cap that depends on it).
        """
        if self.only_with_spouse and not with_spouse:
            return Line(self.key, self.label, 0, _SINGLE_REASON)
        total = 0
        for child in children:
            total += child.points
        cap = self._cap_of(with_spouse, rules)
        if cap is not None and total > cap:
            return _new(Line, (self.key, self.label, cap, "", children, cap, total, None))
        return _new(Line, (self.key, self.label, total, "", children, cap, None, None))


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
