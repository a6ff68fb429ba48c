"""Section D: additional points (crs-rules §5)."""

from __future__ import annotations

import attrs

from crs.breakdown import Line
from crs.factors.kinds import Memo, Table, levels_text
from crs.language import Levels
from crs.profile import OfficialLanguage
from crs.ruleset import Factor, Facts, FrenchBonus, RuleSet

__all__ = [
    "arranged_employment",
    "canadian_education",
    "french",
    "provincial_nomination",
    "sibling",
]


provincial_nomination = Table(
    "additional.provincial_nomination",
    "Provincial or territorial nomination",
    lambda rules, facts: rules.provincial_nomination,
    lambda facts: facts.profile.provincial_nomination,
    lambda nominated, _: "nominated" if nominated else "no nomination",
)
"""Points for a provincial or territorial nomination."""


sibling = Table(
    "additional.sibling",
    "Brother or sister in Canada",
    lambda rules, facts: rules.sibling,
    lambda facts: facts.profile.sibling_in_canada,
    lambda has, _: "sibling in Canada" if has else "no sibling",
)
"""Points for a brother or sister in Canada (the candidate's or accompanying spouse's)."""

arranged_employment = Table(
    "additional.arranged_employment",
    "Arranged employment",
    lambda rules, facts: rules.arranged_employment,
    lambda facts: facts.profile.arranged_employment,
    lambda offer, _: f"job offer in {offer.value}" if offer else "no job offer",
)
"""Points for a qualifying offer of arranged employment, where the rules score it."""

canadian_education = Table(
    "additional.canadian_education",
    "Post-secondary education in Canada",
    lambda rules, facts: rules.canadian_education,
    lambda facts: facts.profile.canadian_education,
    lambda credential, _: (
        f"credential: {credential.value}" if credential else "no Canadian credential"
    ),
)
"""Points for a Canadian post-secondary credential that meets the study rule."""


def _french_case(facts: Facts, bonus: FrenchBonus) -> tuple[int, Levels | None, Levels | None]:
    """The points, and the French and English levels that decided them."""
    french_levels = facts.levels_in(OfficialLanguage.FRENCH)
    english = facts.levels_in(OfficialLanguage.ENGLISH)
    if french_levels is None or min(french_levels) < bonus.min_french:
        return 0, french_levels, english
    if english is not None and min(english) >= bonus.min_english:
        return bonus.bilingual, french_levels, english
    return bonus.french_only, french_levels, english


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

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """The French points with the levels that decided them."""
        bonus = rules.french
        if bonus is None:
            return Line(
                self.key, self.label, 0, f"not scored by the rules in force from {rules.name}"
            )
        points, french_levels, english = _french_case(facts, bonus)
        memo_key = (points, french_levels, english)
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
