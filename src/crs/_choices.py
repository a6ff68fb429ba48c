"""The choices a profile is made of: education, languages, tests, abilities, job offers.

Each is an enum whose members hash by identity and have a ``label`` in words.
Re-exported by :mod:`crs.profile`, their public home, with the classes that use them.
"""

from __future__ import annotations

import enum


class _Choice(enum.Enum):
    """An enum whose members hash by identity (they are singletons compared by identity).

    ``enum.Enum`` hashes a member by its name in Python code; scoring looks members
    up in tables millions of times, so the built-in identity hash is used instead.
    """

    __hash__ = object.__hash__

    @property
    def label(self) -> str:
        """The member in words, as reasons and reports show it."""
        found = _LABELS.get(self)
        if found is not None:
            return found
        value: str = self._value_
        return value.replace("_", " ")


class Education(_Choice):
    """Highest level of education, in the order of the CRS grid (lowest first).

    Foreign credentials are scored at the level their Educational Credential
    Assessment (ECA) gives.
    """

    LESS_THAN_SECONDARY = "less_than_secondary"
    SECONDARY = "secondary"
    ONE_YEAR_POST_SECONDARY = "one_year_post_secondary"
    TWO_YEAR_POST_SECONDARY = "two_year_post_secondary"
    BACHELORS = "bachelors"
    """A bachelor's degree or another program of three years or more."""
    TWO_OR_MORE_CREDENTIALS = "two_or_more_credentials"
    """Two or more credentials, one of them from a program of three years or more."""
    MASTERS = "masters"
    """A master's degree, or an entry-to-practice professional degree (TEER 1, licensed)."""
    DOCTORAL = "doctoral"

    @property
    def rank(self) -> int:
        """Position in the grid, 0 for less than secondary up to 7 for doctoral."""
        return _EDUCATION_RANK[self]


_EDUCATION_RANK = {e: i for i, e in enumerate(Education)}
_LABELS: dict[_Choice, str] = {}
"""Each member's words (a member not listed reads as its value with spaces)."""
_LABELS.update(
    {
        Education.LESS_THAN_SECONDARY: "less than secondary school",
        Education.SECONDARY: "secondary school diploma",
        Education.ONE_YEAR_POST_SECONDARY: "one-year post-secondary credential",
        Education.TWO_YEAR_POST_SECONDARY: "two-year post-secondary credential",
        Education.BACHELORS: "bachelor's degree or three-year-or-longer program",
        Education.TWO_OR_MORE_CREDENTIALS: "two or more credentials, one of three years or more",
        Education.MASTERS: "master's or entry-to-practice professional degree",
        Education.DOCTORAL: "doctoral degree",
    }
)


class CanadianEducation(_Choice):
    """A Canadian post-secondary credential that meets the Canadian-study rule."""

    ONE_OR_TWO_YEAR = "one_or_two_year"
    THREE_YEAR_OR_LONGER = "three_year_or_longer"
    """Three years or longer, or a master's, professional or doctoral degree."""


class ArrangedEmployment(_Choice):
    """A qualifying offer of arranged employment, by the occupation offered."""

    MAJOR_GROUP_00 = "major_group_00"
    """NOC 2021 TEER 0, Major Group 00 (senior management)."""
    TEER_0_1_2_3 = "teer_0_1_2_3"
    """Any other TEER 0, 1, 2 or 3 occupation."""


_LABELS.update(
    {
        CanadianEducation.ONE_OR_TWO_YEAR: "a one- or two-year Canadian credential",
        CanadianEducation.THREE_YEAR_OR_LONGER: (
            "a Canadian credential of three years or longer (or a master's, "
            "professional or doctoral degree)"
        ),
        ArrangedEmployment.MAJOR_GROUP_00: "NOC 2021 Major Group 00 (senior management)",
        ArrangedEmployment.TEER_0_1_2_3: "TEER 0, 1, 2 or 3",
    }
)


class OfficialLanguage(_Choice):
    """Canada's two official languages."""

    ENGLISH = "english"
    FRENCH = "french"


class Ability(_Choice):
    """The four language abilities, each converted to a CLB/NCLC level on its own."""

    LISTENING = "listening"
    READING = "reading"
    WRITING = "writing"
    SPEAKING = "speaking"


ABILITIES: tuple[Ability, ...] = tuple(Ability)
"""The abilities in the order results and levels are kept: L, R, W, S."""
_ABILITY_INDEX = {ability: index for index, ability in enumerate(ABILITIES)}


class LanguageTest(_Choice):
    """The language tests accepted for Express Entry, and levels given directly."""

    IELTS = "ielts"
    """IELTS General Training (not Academic): bands 0-9 in steps of 0.5."""
    CELPIP = "celpip"
    """CELPIP-General (not CELPIP-LS): levels 0-12."""
    PTE_CORE = "pte_core"
    """PTE Core (not PTE Academic): 10-90; accepted from 2024-01-30."""
    TEF_CANADA = "tef_canada"
    """TEF Canada, its "Équivalence ancien score": listening 0-360, reading 0-300, writing and
    speaking 0-450, on one chart whatever the test date (as Express Entry reads it)."""
    TCF_CANADA = "tcf_canada"
    """TCF Canada: listening and reading 100-699, writing and speaking 0-20."""
    CLB = "clb"
    """Canadian Language Benchmarks levels 0-12, given directly (English)."""
    NCLC = "nclc"
    """Niveaux de compétence linguistique canadiens 0-12, given directly (French)."""

    @property
    def language(self) -> OfficialLanguage:
        """The official language the test measures."""
        return _TEST_LANGUAGE[self]


_TEST_LANGUAGE = {
    LanguageTest.IELTS: OfficialLanguage.ENGLISH,
    LanguageTest.CELPIP: OfficialLanguage.ENGLISH,
    LanguageTest.PTE_CORE: OfficialLanguage.ENGLISH,
    LanguageTest.CLB: OfficialLanguage.ENGLISH,
    LanguageTest.TEF_CANADA: OfficialLanguage.FRENCH,
    LanguageTest.TCF_CANADA: OfficialLanguage.FRENCH,
    LanguageTest.NCLC: OfficialLanguage.FRENCH,
}
_LABELS.update(
    {
        LanguageTest.IELTS: "IELTS General Training",
        LanguageTest.CELPIP: "CELPIP-General",
        LanguageTest.PTE_CORE: "PTE Core",
        LanguageTest.TEF_CANADA: "TEF Canada",
        LanguageTest.TCF_CANADA: "TCF Canada",
        LanguageTest.CLB: "CLB",
        LanguageTest.NCLC: "NCLC",
    }
)
