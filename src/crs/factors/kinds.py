"""Reusable kinds of factor: build a grid row from a table and the facts it reads.

Each kind computes its points from the rule set's tables (the fast path) and
builds the explained line from the same reads.  Rule sets of your own can use
them too; :class:`Custom` wraps any function that returns points and a reason.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

import attrs

from crs.breakdown import Line
from crs.profile import ABILITIES, LanguageResult, OfficialLanguage
from crs.ruleset import Factor, Facts, RuleSet

if TYPE_CHECKING:
    from crs.language import Levels
    from crs.tables import Matrix, Source

__all__ = [
    "Abilities",
    "Custom",
    "Memo",
    "Table",
    "Tiers",
    "level_name",
    "levels_text",
    "new_line",
    "years_text",
]

_NAMES = tuple(a.value for a in ABILITIES)
_LABELS = tuple(name.capitalize() for name in _NAMES)
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
    return f"{level_name(language)} " + "/".join(str(level) for level in levels)


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


@attrs.frozen
class Table(Factor):
    """Points read from one table by one value of the facts.

    Attributes:
        key: The line's dotted key.
        label: The line's label.
        table: The table in force, from the rule set (and the facts, for the
            with/without spouse column); None when the rule set does not score it.
        value: The value looked up; None scores 0.
        reason: The value in words, given the value and whether the spouse
            counts (lines are memoized on exactly these and the table).
        not_scored: The reason when the rule set has no table for this factor.
    """

    key: str
    label: str
    table: Callable[[RuleSet, Facts], Callable[[Any], int] | None]
    value: Callable[[Facts], Hashable | None]
    reason: Callable[[Any, bool], str]
    not_scored: str = "not scored by the rules in force from {rules}"
    _memo: Memo = attrs.field(init=False, repr=False, eq=False, factory=lambda: Memo())

    def points(self, facts: Facts, rules: RuleSet) -> int:
        """Points from the table for the value."""
        table = self.table(rules, facts)
        value = self.value(facts)
        if table is None or value is None:
            return 0
        return table(value)

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """The line, with the value in words and the table's source."""
        table = self.table(rules, facts)
        if table is None:
            line = self._memo.get(None, rules)
            if line is None:
                line = Line(self.key, self.label, 0, self.not_scored.format(rules=rules.name))
                self._memo.put(None, rules, line)
            return line
        value = self.value(facts)
        memo_key = (id(table), value, facts.with_spouse)
        line = self._memo.get(memo_key, table)
        if line is None:
            points = 0 if value is None else table(value)
            source: Source | None = getattr(table, "source", None)
            reason = self.reason(value, facts.with_spouse)
            line = new_line(self.key, self.label, points, reason, (), None, None, source)
            self._memo.put(memo_key, table, line)
        return line


@attrs.frozen
class Abilities(Factor):
    """Points for each of the four abilities of a language result, from one table.

    Attributes:
        key: The line's dotted key; each ability adds ``.listening`` etc.
        label: The line's label.
        table: The per-ability table in force.
        levels: The four levels, or None when there is no result.
        result: The result the levels come from (for the explanation).
        missing: The reason when there is no result.
    """

    key: str
    label: str
    table: Callable[[RuleSet, Facts], Callable[[int], int]]
    levels: Callable[[Facts], Levels | None]
    result: Callable[[Facts], LanguageResult | None]
    missing: str
    _keys: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)
    _memo: Memo = attrs.field(init=False, repr=False, eq=False, factory=lambda: Memo())

    _missing_line: Line = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_keys", tuple(f"{self.key}.{name}" for name in _NAMES))
        object.__setattr__(self, "_missing_line", Line(self.key, self.label, 0, self.missing))

    def points(self, facts: Facts, rules: RuleSet) -> int:
        """The sum of the four abilities' points."""
        levels = self.levels(facts)
        if levels is None:
            return 0
        table = self.table(rules, facts)
        return table(levels[0]) + table(levels[1]) + table(levels[2]) + table(levels[3])

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """A line per ability, with the level and the test score it came from."""
        levels = self.levels(facts)
        result = self.result(facts)
        if levels is None or result is None:
            return self._missing_line
        table = self.table(rules, facts)
        source: Source | None = getattr(table, "source", None)
        unit = level_name(result.language)
        test = result.test
        direct = test.value in ("clb", "nclc")
        label = test.label
        children = []
        total = 0
        memo = self._memo
        for key, name, level, raw in zip(self._keys, _LABELS, levels, result.scores(), strict=True):
            memo_key = (id(table), key, level, label, raw)
            child = memo.get(memo_key, table)
            if child is None:
                reason = f"{unit} {level}" if direct else f"{unit} {level} ({label} {raw})"
                child = new_line(key, name, table(level), reason, (), None, None, source)
                memo.put(memo_key, table, child)
            total += child.points
            children.append(child)
        return new_line(self.key, self.label, total, "", tuple(children), None, None, None)


@attrs.frozen
class Tiers(Factor):
    """Points from a :class:`~crs.tables.Matrix` by a row tier and a column tier.

    Attributes:
        key: The line's dotted key.
        label: The line's label.
        matrix: The matrix in force.
        row: The row tier of the facts.
        column: The column tier of the facts.
        describe: The facts the reason states (lines are memoized on these,
            the matrix and the two tiers).
        reason: The described facts in words.
    """

    key: str
    label: str
    matrix: Callable[[RuleSet], Matrix]
    row: Callable[[Facts, RuleSet], int]
    column: Callable[[Facts, RuleSet], int]
    describe: Callable[[Facts], Hashable]
    reason: Callable[[Any], str]
    _memo: Memo = attrs.field(init=False, repr=False, eq=False, factory=lambda: Memo())

    def points(self, facts: Facts, rules: RuleSet) -> int:
        """The matrix cell of the facts' tiers."""
        return self.matrix(rules).points[self.row(facts, rules)][self.column(facts, rules)]

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """The line, naming both tiers."""
        matrix = self.matrix(rules)
        row, column = self.row(facts, rules), self.column(facts, rules)
        described = self.describe(facts)
        memo_key = (id(matrix), row, column, described)
        line = self._memo.get(memo_key, matrix)
        if line is None:
            reason = (
                f"{self.reason(described)} ({matrix.row_names[row]}; {matrix.column_names[column]})"
            )
            points = matrix.points[row][column]
            line = new_line(self.key, self.label, points, reason, (), None, None, matrix.source)
            self._memo.put(memo_key, matrix, line)
        return line


@attrs.frozen
class Custom(Factor):
    """A factor of your own: a function that returns (points, reason).

    >>> from crs.factors.kinds import Custom
    >>> bonus = Custom("additional.bonus", "Bonus", lambda facts, rules: (5, "always"))
    """

    key: str
    label: str
    function: Callable[[Facts, RuleSet], tuple[int, str]]

    def points(self, facts: Facts, rules: RuleSet) -> int:
        """The function's points."""
        return self.function(facts, rules)[0]

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """The function's points and reason."""
        points, reason = self.function(facts, rules)
        return Line(self.key, self.label, points, reason)
