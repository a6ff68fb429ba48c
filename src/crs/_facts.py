"""What the grid reads of a profile: :class:`Facts` (and :class:`Levels4` for columns).

Re-exported by :mod:`crs.ruleset`, their public home, with the rule set that reads them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

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


class CodedLevels(NamedTuple):
    """A column of language results as :mod:`crs._kernels`' loop reads them: levels not yet read.

    The level of ability ``a`` in row ``i`` is ``tables[a][row[i] + codes[a][i]]``
    (the index clipped into the table), the lowest the least of the four: the
    gathers that :class:`Levels4` holds done, are left to the loop, a row at a time.

    Attributes:
        present: Which rows have a result.
        row: Each row's offset into the tables (by test, or test and chart).
        codes: Each ability's code a row, added to ``row``.
        tables: Each ability's levels, by index.
    """

    present: Any
    row: Any
    codes: tuple[Any, Any, Any, Any]
    tables: tuple[Any, Any, Any, Any]


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
        provincial_nomination: A provincial or territorial nomination that
            exists on ``on`` (:func:`crs.dated.nominated`).
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
        nomination_void: Why the profile's nomination gives nothing on ``on``
            (made after it: :func:`crs.dated.nomination_not_counted`), or None;
            None in column facts.
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
    nomination_void: str | None = None

    def levels_in(self, language: OfficialLanguage) -> Levels | None:
        """The candidate's levels in ``language``, first or second, or None."""
        if self.first_language is language:
            return self.first
        if self.second_language is language:
            return self.second
        return None


@functools.cache
def field_types() -> Mapping[str, str]:
    """Each :class:`Facts` field's annotation, as text (``"bool"``, ``"int | None"``, ...)."""
    annotations = Facts.__annotations__
    return MappingProxyType({
        name: str(getattr(annotations.get(name), "__forward_arg__", annotations.get(name)))
        for name in Facts._fields
    })  # fmt: skip


@functools.cache
def flag_fields() -> frozenset[str]:
    """The true-or-false :class:`Facts` fields (annotated ``bool``)."""
    return frozenset(name for name, text in field_types().items() if text == "bool")
