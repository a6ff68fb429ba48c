"""What every factor kind shares: building its explained line, and the memo of lines.

Also the reads of a factor's table from the rule set (:func:`table_of`).  Re-exported
by :mod:`crs.factors.kinds`, their public home.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from crs.breakdown import Line
from crs.profile import OfficialLanguage
from crs.ruleset import Facts, RuleSet
from crs.tables import Spoused

if TYPE_CHECKING:
    from crs.language import Levels
    from crs.tables import Source


_tuple_new = tuple.__new__


def new_line(
    key: str,
    label: str,
    points: int,
    reason: str,
    children: tuple[Line, ...],
    cap: int | None,
    uncapped: int | None,
    source: Source | None,
) -> Line:
    """A :class:`~crs.breakdown.Line` from all eight fields (faster than keywords)."""
    return _tuple_new(Line, (key, label, points, reason, children, cap, uncapped, source))


def level_name(language: OfficialLanguage | None) -> str:
    """``NCLC`` for French, ``CLB`` for English (or no language)."""
    return "NCLC" if language is OfficialLanguage.FRENCH else "CLB"


def levels_text(
    levels: Levels | None, language: OfficialLanguage | None, missing: str = "no result"
) -> str:
    """Levels as ``CLB 9/8/7/8`` (listening/reading/writing/speaking), or ``missing``."""
    if levels is None:
        return missing
    key = (levels, language)
    text = _LEVELS_TEXTS.get(key)
    if text is None:
        text = f"{level_name(language)} " + "/".join(map(str, levels))
        if len(_LEVELS_TEXTS) >= 10_000:
            _LEVELS_TEXTS.clear()
        _LEVELS_TEXTS[key] = text
    return text


_LEVELS_TEXTS: dict[tuple[Any, Any], str] = {}
""":func:`levels_text` by levels and language: a batch says the same levels again and
again (three lines of a profile say its first language's).  Levels are whole numbers
(:data:`crs.language.Levels`), so equal levels read alike."""


def years_text(years: int) -> str:
    """``1 year``, ``3 years``."""
    return f"{years} year" if years == 1 else f"{years} years"


class Memo:
    """Explained lines already built, by the inputs that determine them.

    Lines are immutable, so a batch shares one line among all the profiles with
    the same age, the same test score, the same tiers.  Entries remember the
    table they were read from, so a rule set of one's own never gets another's
    lines; the memo is cleared when it grows past ``limit`` entries.
    """

    __slots__ = ("entries", "limit")

    def __init__(self, limit: int = 100_000) -> None:
        self.entries: dict[Hashable, tuple[object, Line]] = {}
        self.limit = limit

    def __reduce__(self) -> tuple[Any, ...]:
        # A memo travels empty: a rule set sent to another process rebuilds its lines.
        return (Memo, (self.limit,))

    def get(self, key: Hashable, table: object) -> Line | None:
        """The line stored for ``key`` from ``table``, or None."""
        found = self.entries.get(key)
        if found is None or found[0] is not table:
            return None
        return found[1]

    def put(self, key: Hashable, table: object, line: Line) -> None:
        """Remember ``line`` for ``key`` from ``table``."""
        if len(self.entries) >= self.limit:
            self.entries.clear()
        self.entries[key] = (table, line)


def _memo() -> Memo:
    return Memo()


def table_of(rules: RuleSet, table: Any) -> Any:
    """A factor's table: the rule-set field it names, or the table itself (a rule of one's own)."""
    return getattr(rules, table) if isinstance(table, str) else table


def _spoused_table(rules: RuleSet, name: Any, with_spouse: bool) -> Any:
    table = table_of(rules, name)
    return table.pick(with_spouse) if isinstance(table, Spoused) else table


def _spoused_column(rules: RuleSet, name: Any, facts: Facts, read: Callable[[Any], Any]) -> Any:
    table = table_of(rules, name)
    if isinstance(table, Spoused):
        return table.pick_column(facts.with_spouse, read)
    return read(table)
