"""Section D: additional points (crs-rules §5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crs.breakdown import Line
from crs.factors._common import levels_text
from crs.profile import OfficialLanguage

if TYPE_CHECKING:
    from crs.ruleset import Facts, RuleSet

__all__ = [
    "arranged_employment",
    "canadian_education",
    "french",
    "provincial_nomination",
    "sibling",
]

_NOT_SCORED = "not scored by the rules in force from {}"


def provincial_nomination(facts: Facts, rules: RuleSet) -> Line:
    """Points for a provincial or territorial nomination."""
    award = rules.provincial_nomination
    has = facts.profile.provincial_nomination
    return Line(
        "additional.provincial_nomination",
        "Provincial or territorial nomination",
        award.points if has else 0,
        "nominated" if has else "no nomination",
        source=award.source,
    )


def arranged_employment(facts: Facts, rules: RuleSet) -> Line:
    """Points for a qualifying offer of arranged employment, where the rules score it."""
    offer = facts.profile.arranged_employment
    table = rules.arranged_employment
    key, label = "additional.arranged_employment", "Arranged employment"
    if table is None:
        reason = _NOT_SCORED.format(rules.name) if offer else "no job offer"
        return Line(key, label, 0, reason)
    if offer is None:
        return Line(key, label, 0, "no job offer", source=table.source)
    return Line(key, label, table(offer), f"job offer in {offer.value}", source=table.source)


def canadian_education(facts: Facts, rules: RuleSet) -> Line:
    """Points for a Canadian post-secondary credential that meets the study rule."""
    credential = facts.profile.canadian_education
    table = rules.canadian_education
    key, label = "additional.canadian_education", "Post-secondary education in Canada"
    if table is None:
        reason = _NOT_SCORED.format(rules.name) if credential else "no Canadian credential"
        return Line(key, label, 0, reason)
    if credential is None:
        return Line(key, label, 0, "no Canadian credential", source=table.source)
    return Line(
        key, label, table(credential), f"credential: {credential.value}", source=table.source
    )


def french(facts: Facts, rules: RuleSet) -> Line:
    """Points for French ability, more when English is strong too."""
    bonus = rules.french
    key, label = "additional.french", "French-language skills"
    if bonus is None:
        return Line(key, label, 0, _NOT_SCORED.format(rules.name))
    french_levels = facts.levels_in(OfficialLanguage.FRENCH)
    if french_levels is None or min(french_levels) < bonus.min_french:
        have = (
            "no French result"
            if french_levels is None
            else ("NCLC " + "/".join(map(str, french_levels)))
        )
        return Line(
            key,
            label,
            0,
            f"{have}: needs NCLC {bonus.min_french}+ on all four",
            source=bonus.source,
        )
    english = facts.levels_in(OfficialLanguage.ENGLISH)
    if english is not None and min(english) >= bonus.min_english:
        return Line(
            key,
            label,
            bonus.bilingual,
            f"NCLC {bonus.min_french}+ on all four and English "
            f"{levels_text(english, None)} (CLB {bonus.min_english}+ on all four)",
            source=bonus.source,
        )
    english_text = (
        "no English result"
        if english is None
        else (f"English {levels_text(english, None)}, not CLB {bonus.min_english}+ on all four")
    )
    return Line(
        key,
        label,
        bonus.french_only,
        f"NCLC {bonus.min_french}+ on all four; {english_text}",
        source=bonus.source,
    )


def sibling(facts: Facts, rules: RuleSet) -> Line:
    """Points for a brother or sister in Canada (candidate's or accompanying spouse's)."""
    award = rules.sibling
    has = facts.profile.sibling_in_canada
    key, label = "additional.sibling", "Brother or sister in Canada"
    if award is None:
        return Line(key, label, 0, _NOT_SCORED.format(rules.name) if has else "no sibling")
    return Line(
        key,
        label,
        award.points if has else 0,
        "sibling in Canada" if has else "no sibling",
        source=award.source,
    )
