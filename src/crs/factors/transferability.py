"""Section C: skill transferability factors (crs-rules §4).

Language tiers use the first official language only, across all four
abilities: the lowest of the four levels decides the tier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crs.breakdown import Line
from crs.factors._common import levels_text, years_text

if TYPE_CHECKING:
    from crs.ruleset import Facts, RuleSet
    from crs.tables import Matrix

__all__ = [
    "certificate_of_qualification",
    "education_canadian_work",
    "education_language",
    "foreign_work_canadian_work",
    "foreign_work_language",
]


def _lowest(facts: Facts) -> int:
    return min(facts.first) if facts.first is not None else 0


def _line(key: str, label: str, table: Matrix, row: int, column: int, reason: str) -> Line:
    return Line(
        key,
        label,
        table(row, column),
        f"{reason} ({table.rows_label}: {table.row_names[row]}; "
        f"{table.columns_label}: {table.column_names[column]})",
        source=table.source,
    )


def education_language(facts: Facts, rules: RuleSet) -> Line:
    """Education combined with first-language ability."""
    return _line(
        "transferability.education.language",
        "Education and official language ability",
        rules.education_language,
        rules.transfer_education_tier(facts.education),
        rules.transfer_language_tier(_lowest(facts)),
        f"{facts.education.label}, {levels_text(facts.first, facts.first_result)}",
    )


def education_canadian_work(facts: Facts, rules: RuleSet) -> Line:
    """Education combined with Canadian work experience."""
    return _line(
        "transferability.education.canadian_work",
        "Education and Canadian work experience",
        rules.education_canadian_work,
        rules.transfer_education_tier(facts.education),
        rules.transfer_canadian_tier(facts.canadian_years),
        f"{facts.education.label}, {years_text(facts.canadian_years)} in Canada",
    )


def foreign_work_language(facts: Facts, rules: RuleSet) -> Line:
    """Foreign work experience combined with first-language ability."""
    return _line(
        "transferability.foreign_work.language",
        "Foreign work experience and official language ability",
        rules.foreign_work_language,
        rules.transfer_foreign_tier(facts.foreign_years),
        rules.transfer_language_tier(_lowest(facts)),
        f"{years_text(facts.foreign_years)} abroad, {levels_text(facts.first, facts.first_result)}",
    )


def foreign_work_canadian_work(facts: Facts, rules: RuleSet) -> Line:
    """Foreign work experience combined with Canadian work experience."""
    return _line(
        "transferability.foreign_work.canadian_work",
        "Foreign and Canadian work experience",
        rules.foreign_work_canadian_work,
        rules.transfer_foreign_tier(facts.foreign_years),
        rules.transfer_canadian_tier(facts.canadian_years),
        f"{years_text(facts.foreign_years)} abroad, {years_text(facts.canadian_years)} in Canada",
    )


def certificate_of_qualification(facts: Facts, rules: RuleSet) -> Line:
    """A Canadian trade certificate of qualification combined with language ability."""
    has = facts.profile.certificate_of_qualification
    return _line(
        "transferability.certificate_of_qualification",
        "Certificate of qualification and official language ability",
        rules.certificate_of_qualification,
        int(has),
        rules.coq_language_tier(_lowest(facts)),
        ("a certificate of qualification" if has else "no certificate of qualification")
        + f", {levels_text(facts.first, facts.first_result)}",
    )
