"""Section C: skill transferability factors (crs-rules §4).

Language tiers use the first official language only, across all four
abilities: the lowest of the four levels decides the tier.
"""

from __future__ import annotations

from typing import Any

from crs.factors.kinds import Tier, Tiers, Words, levels_text, years_text

__all__ = [
    "certificate_of_qualification",
    "education_canadian_work",
    "education_language",
    "foreign_work_canadian_work",
    "foreign_work_language",
]

_LANGUAGE = Tier("first", "transfer_language_tier", lowest=True)
_EDUCATION = Tier("education", "transfer_education_tier")
_CANADIAN = Tier("canadian_years", "transfer_canadian_tier")
_FOREIGN = Tier("foreign_years", "transfer_foreign_tier")
_COQ_LANGUAGE = Tier("first", "coq_language_tier", lowest=True)
_COQ = Tier("certificate_of_qualification")


def _language_text(levels: Any, language: Any) -> str:
    return levels_text(levels, language, missing="no first-language result")


def _label(value: Any) -> str:
    return str(value.label)


def _in_canada(years: int) -> str:
    return f"{years_text(years)} in Canada"


def _abroad(years: int, notes: Any) -> str:
    how = [note for field, note in notes or () if field == "foreign_years"]
    return f"{years_text(years)} abroad" + "".join(f" ({note})" for note in how)


def _held(certificate: bool) -> str:
    return "a certificate of qualification" if certificate else "no certificate of qualification"


_education_language = Words((((0,), _label), ((1, 2), _language_text)))
_education_canadian = Words((((0,), _label), ((1,), _in_canada)))
_foreign_language = Words((((0, 3), _abroad), ((1, 2), _language_text)))
_foreign_canadian = Words((((0, 2), _abroad), ((1,), _in_canada)))
_certificate_language = Words((((0,), _held), ((1, 2), _language_text)))


education_language = Tiers(
    "transferability.education.language",
    "Education and official language ability",
    "education_language",
    _EDUCATION,
    _LANGUAGE,
    ("education", "first", "first_language"),
    _education_language,
)
"""Education combined with first-language ability."""

education_canadian_work = Tiers(
    "transferability.education.canadian_work",
    "Education and Canadian work experience",
    "education_canadian_work",
    _EDUCATION,
    _CANADIAN,
    ("education", "canadian_years"),
    _education_canadian,
)
"""Education combined with Canadian work experience."""

foreign_work_language = Tiers(
    "transferability.foreign_work.language",
    "Foreign work experience and official language ability",
    "foreign_work_language",
    _FOREIGN,
    _LANGUAGE,
    ("foreign_years", "first", "first_language", "work_notes"),
    _foreign_language,
)
"""Foreign work experience combined with first-language ability."""

foreign_work_canadian_work = Tiers(
    "transferability.foreign_work.canadian_work",
    "Foreign and Canadian work experience",
    "foreign_work_canadian_work",
    _FOREIGN,
    _CANADIAN,
    ("foreign_years", "canadian_years", "work_notes"),
    _foreign_canadian,
)
"""Foreign work experience combined with Canadian work experience."""

certificate_of_qualification = Tiers(
    "transferability.certificate_of_qualification",
    "Certificate of qualification and official language ability",
    "certificate_of_qualification",
    _COQ,
    _COQ_LANGUAGE,
    ("certificate_of_qualification", "first", "first_language"),
    _certificate_language,
)
"""A Canadian trade certificate of qualification combined with language ability."""
