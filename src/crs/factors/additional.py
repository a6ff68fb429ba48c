"""Section D: additional points (crs-rules §5)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from crs.breakdown import Line
from crs.factors.kinds import Memo, Table, levels_text
from crs.language import Levels
from crs.profile import ArrangedEmployment, CanadianEducation, OfficialLanguage
from crs.ruleset import Factor, Facts, FrenchBonus, Levels4, RuleSet

if TYPE_CHECKING:
    from crs.compiled import Code

__all__ = [
    "arranged_employment",
    "canadian_education",
    "french",
    "french_case",
    "provincial_nomination",
    "sibling",
]


def _nomination_reason(nominated: bool, _: bool) -> str:
    return "nominated" if nominated else "no nomination"


def _sibling_reason(has: bool, _: bool) -> str:
    return "sibling in Canada" if has else "no sibling"


def _offer_reason(offer: ArrangedEmployment | None, _: bool) -> str:
    return f"job offer in {offer.label}" if offer else "no job offer"


def _credential_reason(credential: CanadianEducation | None, _: bool) -> str:
    return credential.label if credential else "no Canadian credential"


provincial_nomination = Table(
    "additional.provincial_nomination",
    "Provincial or territorial nomination",
    "provincial_nomination",
    "provincial_nomination",
    _nomination_reason,
    void="nomination_void",
)
"""Points for a provincial or territorial nomination."""

sibling = Table(
    "additional.sibling",
    "Brother or sister in Canada",
    "sibling",
    "sibling_in_canada",
    _sibling_reason,
)
"""Points for a brother or sister in Canada (the candidate's or accompanying spouse's)."""

arranged_employment = Table(
    "additional.arranged_employment",
    "Arranged employment",
    "arranged_employment",
    "arranged_employment",
    _offer_reason,
)
"""Points for a qualifying offer of arranged employment, where the rules score it."""

canadian_education = Table(
    "additional.canadian_education",
    "Post-secondary education in Canada",
    "canadian_education",
    "canadian_education",
    _credential_reason,
)
"""Points for a Canadian post-secondary credential that meets the study rule."""


def _french_case(facts: Facts, bonus: FrenchBonus) -> tuple[int, Levels | None, Levels | None]:
    """The points, and the French and English levels that decided them."""
    return french_case(
        bonus, facts.first, facts.first_language, facts.second, facts.second_language
    )


def french_case(
    bonus: FrenchBonus,
    first: Levels | None,
    first_language: OfficialLanguage | None,
    second: Levels | None,
    second_language: OfficialLanguage | None,
) -> tuple[int, Levels | None, Levels | None]:
    """The French points, and the French and English levels that decided them.

    The levels in a language are those of the first result in it, else the
    second's (:meth:`crs.ruleset.Facts.levels_in`).
    """
    french_levels, english = _in_languages(first, first_language, second, second_language)
    points = french_points(
        bonus,
        None if french_levels is None else min(french_levels),
        None if english is None else min(english),
    )
    return points, french_levels, english


def french_points(bonus: FrenchBonus, french: int | None, english: int | None) -> int:
    """The French points of the lowest French level and the lowest English level.

    None: no result in that language.  Only the lowest level of each language
    decides (every ability must reach the minimum).
    """
    if french is None or french < bonus.min_french:
        return 0
    if english is not None and english >= bonus.min_english:
        return bonus.bilingual
    return bonus.french_only


_T = TypeVar("_T")


def _in_languages(
    first: _T, first_language: OfficialLanguage | None, second: _T, second_language: Any
) -> tuple[_T | None, _T | None]:
    """What the first or second result gives (levels, or their lowest) in French and English.

    The first result in a language counts, else the second's.
    """
    fr, en = OfficialLanguage.FRENCH, OfficialLanguage.ENGLISH
    french = first if first_language is fr else (second if second_language is fr else None)
    english = first if first_language is en else (second if second_language is en else None)
    return french, english


class _FrenchPoints:
    """:func:`french_points` of the lowest level of each result and its language (a memo key).

    The key (lowest first level, first language, lowest second level, second
    language) has a few hundred values, so a batch fills its memo at once.
    """

    __slots__ = ("bonus",)

    def __init__(self, bonus: FrenchBonus) -> None:
        self.bonus = bonus

    def __call__(self, reads: tuple[Any, Any, Any, Any]) -> int:
        return french_points(self.bonus, *_in_languages(*reads))


_LANGUAGE_INDEX = {language: i for i, language in enumerate(OfficialLanguage)}


@attrs.frozen
class _French(Factor):
    """Points for French ability, more when English is strong too."""

    key: str = "additional.french"
    label: str = "French-language skills"
    _memo: Memo = attrs.field(init=False, repr=False, eq=False, factory=Memo)

    def points(self, facts: Facts, rules: RuleSet) -> int:
        """The French points (0 when the rules do not score French)."""
        bonus = rules.french
        return 0 if bonus is None else _french_case(facts, bonus)[0]

    def compile(self, rules: RuleSet, code: Code) -> str | None:
        """:func:`french_points` of each result's lowest level and language, from a memo."""
        name = code.var()
        bonus = rules.french
        if bonus is None:
            code.emit(f"{name} = 0")
            return name
        reads = ", ".join(
            (
                code.lowest(code.fact("first")),
                code.fact("first_language"),
                code.lowest(code.fact("second")),
                code.fact("second_language"),
            )
        )
        memo = code.memo(_FrenchPoints(bonus))
        french = code.const(OfficialLanguage.FRENCH, "FRENCH")
        # Without a French result french_case gives 0: skip the lookup.  With one,
        # its points are remembered by the lowest level of each result and its
        # language (what french_case reads of them: a few hundred values).
        code.emit(
            f"{name} = 0 if {code.fact('first_language')} is not {french} and "
            f"{code.fact('second_language')} is not {french} else {memo}[({reads})]"
        )
        return name

    def column(self, facts: Facts, rules: RuleSet) -> Any:
        """The French points of each row: the same test as :meth:`points`, on columns."""
        import numpy as np

        bonus = rules.french
        columns: Any = facts
        if bonus is None:
            return np.zeros(len(columns.age), dtype=np.int64)
        first: Levels4 = columns.first
        second: Levels4 = columns.second
        french, english = (
            _LANGUAGE_INDEX[OfficialLanguage.FRENCH],
            _LANGUAGE_INDEX[OfficialLanguage.ENGLISH],
        )
        first_french = first.present & (columns.first_language == french)
        second_french = second.present & (columns.second_language == french)
        first_english = first.present & (columns.first_language == english)
        second_english = second.present & (columns.second_language == english)
        french_low = np.where(first_french, first.lowest, second.lowest)
        english_low = np.where(first_english, first.lowest, second.lowest)
        strong = (first_french | second_french) & (french_low >= bonus.min_french)
        bilingual = (first_english | second_english) & (english_low >= bonus.min_english)
        return strong * np.where(bilingual, bonus.bilingual, bonus.french_only)

    @property
    def line_reads(self) -> tuple[str, ...]:
        """Both results' levels and languages (what :func:`french_case` reads)."""
        return ("first", "first_language", "second", "second_language")

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """The French points with the levels that decided them."""
        bonus = rules.french
        if bonus is None:
            return Line(
                self.key, self.label, 0, f"not scored by the rules in force from {rules.name}"
            )
        points, french_levels, english = _french_case(facts, bonus)
        # The English levels are said only when French earns points (see _explain).
        memo_key = (points, french_levels, english if points else None)
        line = self._memo.get(memo_key, bonus)
        if line is None:
            line = self._explain(bonus, points, french_levels, english)
            self._memo.put(memo_key, bonus, line)
        return line

    def _explain(
        self,
        bonus: FrenchBonus,
        points: int,
        french_levels: Levels | None,
        english: Levels | None,
    ) -> Line:
        need = f"NCLC {bonus.min_french}+ on all four"
        if french_levels is None or points == 0:
            have = (
                "no French result"
                if french_levels is None
                else ("NCLC " + "/".join(map(str, french_levels)))
            )
            reason = f"{have}: needs {need}"
        elif points == bonus.bilingual:
            english_text = levels_text(english, OfficialLanguage.ENGLISH)
            reason = f"{need} and English {english_text} (CLB {bonus.min_english}+ on all four)"
        elif english is None:
            reason = f"{need}; no English result"
        else:
            english_text = levels_text(english, OfficialLanguage.ENGLISH)
            reason = f"{need}; English {english_text}, not CLB {bonus.min_english}+ on all four"
        return Line(self.key, self.label, points, reason, source=bonus.source)


french = _French()
"""Points for French ability (NCLC 7+ on all four), more with CLB 5+ English."""
