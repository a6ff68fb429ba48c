"""Reusable kinds of factor: build a grid row from a table and the facts it reads.

Each kind computes its points from the rule set's tables (the fast path) and
builds the explained line from the same reads.  Rule sets of your own can use
them too; :class:`Custom` wraps any function that returns points and a reason.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import TYPE_CHECKING, Any

import attrs

from crs.breakdown import Line
from crs.factors._lines import (
    Memo,
    _memo,
    _spoused_table,
    level_name,
    levels_text,
    new_line,
    table_of,
    years_text,
)
from crs.profile import ABILITIES, LanguageResult
from crs.ruleset import Factor, Facts, Levels4, RuleSet
from crs.tables import Spoused

if TYPE_CHECKING:
    from crs.compiled import Code
    from crs.tables import Matrix, Source

__all__ = [
    "Abilities",
    "Custom",
    "Memo",
    "Table",
    "Tier",
    "Tiers",
    "Words",
    "level_name",
    "levels_text",
    "new_line",
    "table_of",
    "years_text",
]

_NAMES = tuple(a.value for a in ABILITIES)
_LABELS = tuple(name.capitalize() for name in _NAMES)


@attrs.frozen
class Table(Factor):
    """Points read from one table by one value of the facts.

    Attributes:
        key: The line's dotted key.
        label: The line's label.
        table: The rule-set field of the table (a :class:`~crs.tables.Steps`,
            :class:`~crs.tables.Lookup` or :class:`~crs.ruleset.Award`, or a
            :class:`~crs.tables.Spoused` pair of them), or such a table itself
            (for a factor of one's own); a None there means the rule set does
            not score the factor.
        value: The :class:`~crs.ruleset.Facts` field looked up; None scores 0.
        reason: The value in words, given the value and whether the spouse
            counts (lines are memoized on exactly these and the table); a
            module-level function, so that rule sets pickle.
        not_scored: The reason when the rule set has no table for this factor.
        void: The Facts field that says why the value gives nothing on the
            date (a nomination made after it), or None; where it holds a reason,
            the line gives 0 points with that reason.
    """

    key: str
    label: str
    table: Any
    value: str
    reason: Callable[[Any, bool], str]
    not_scored: str = "not scored by the rules in force from {rules}"
    void: str | None = None
    _memo: Memo = attrs.field(init=False, repr=False, eq=False, factory=_memo)

    def points(self, facts: Facts, rules: RuleSet) -> int:
        """Points from the table for the value."""
        table = _spoused_table(rules, self.table, facts.with_spouse)
        value = getattr(facts, self.value)
        if table is None or value is None:
            return 0
        points: int = table(value)
        return points

    def compile(self, rules: RuleSet, code: Code) -> str | None:
        """The table's lookup of the value, flat (see :mod:`crs.compiled`)."""
        table = table_of(rules, self.table)
        name = code.var()
        if table is None:
            code.emit(f"{name} = 0")
            return name
        value = code.fact(self.value)
        code.emit(f"{name} = {code.read(table, value, nullable=code.nullable(self.value))}")
        return name

    def column(self, facts: Facts, rules: RuleSet) -> Any:
        """Points from the table for each value of the column."""
        import numpy as np

        values = getattr(facts, self.value)
        table = table_of(rules, self.table)
        if table is None:
            return np.zeros(len(values), dtype=np.int64)
        if isinstance(table, Spoused):
            return table.column(facts.with_spouse, values)
        return table.column(values)

    @property
    def line_reads(self) -> tuple[str, ...]:
        """``with_spouse`` (which column of a pair), the value, and the void field if any."""
        return ("with_spouse", self.value) + (() if self.void is None else (self.void,))

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """The line, with the value in words and the table's source."""
        table = _spoused_table(rules, self.table, facts.with_spouse)
        if table is None:
            line = self._memo.get(None, rules)
            if line is None:
                line = Line(self.key, self.label, 0, self.not_scored.format(rules=rules.name))
                self._memo.put(None, rules, line)
            return line
        why = None if self.void is None else getattr(facts, self.void)
        if why is not None:
            voided: Source | None = getattr(table, "source", None)
            return new_line(self.key, self.label, 0, why, (), None, None, voided)
        value = getattr(facts, self.value)
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
        table: The rule-set field of the per-ability table (or a Spoused pair),
            or such a table itself.
        levels: The :class:`~crs.ruleset.Facts` field of the four levels (None: no result).
        result: The Facts field of the result they come from (for the explanation).
        missing: The reason when there is no result.
        void: The Facts field that says why a result gives no levels on the
            date (taken after it, or expired), or None.
    """

    key: str
    label: str
    table: Any
    levels: str
    result: str
    missing: str
    void: str | None = None
    _keys: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)
    _memo: Memo = attrs.field(init=False, repr=False, eq=False, factory=_memo)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_keys", tuple(f"{self.key}.{name}" for name in _NAMES))

    def points(self, facts: Facts, rules: RuleSet) -> int:
        """The sum of the four abilities' points."""
        levels = getattr(facts, self.levels)
        if levels is None:
            return 0
        table = _spoused_table(rules, self.table, facts.with_spouse)
        points: int = table(levels[0]) + table(levels[1]) + table(levels[2]) + table(levels[3])
        return points

    def compile(self, rules: RuleSet, code: Code) -> str | None:
        """The four abilities' points: each level read from the table's points by level.

        Four lookups in a dict of the table's points by level (0 for no result),
        as :meth:`points` adds them; no memo of four levels together, so a
        profile never seen before costs what one seen before does.
        """
        table = table_of(rules, self.table)
        levels = code.levels(code.fact(self.levels))
        name = code.var()

        def added(table: Any) -> str:
            by_level = code.per_level(table)
            return " + ".join(f"{by_level}[{level}]" for level in levels)

        if isinstance(table, Spoused):
            code.emit(
                f"{name} = ({added(table.with_spouse)}) if {code.fact('with_spouse')} "
                f"else ({added(table.single)})"
            )
        else:
            code.emit(f"{name} = {added(table)}")
        return name

    def column(self, facts: Facts, rules: RuleSet) -> Any:
        """The sum of the four abilities' points, row by row."""
        results: Levels4 = getattr(facts, self.levels)
        table = table_of(rules, self.table)
        if isinstance(table, Spoused):
            with_spouse = facts.with_spouse
            total = table.column(with_spouse, results.levels[0])
            for level in results.levels[1:]:
                total += table.column(with_spouse, level)
        else:
            total = table.column(results.levels[0])
            for level in results.levels[1:]:
                total += table.column(level)
        total *= results.present
        return total

    @property
    def line_reads(self) -> tuple[str, ...]:
        """``with_spouse``, the levels, the result, and the void field if any."""
        return ("with_spouse", self.levels, self.result) + (
            () if self.void is None else (self.void,)
        )

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """A line per ability, with the level and the test score it came from."""
        levels = getattr(facts, self.levels)
        result: LanguageResult | None = getattr(facts, self.result)
        if levels is None or result is None:
            why = None if result is None or self.void is None else getattr(facts, self.void)
            if why and result is not None:
                return Line(self.key, self.label, 0, f"{result.test.label} result {why}")
            return Line(self.key, self.label, 0, self.missing)
        table = _spoused_table(rules, self.table, facts.with_spouse)
        source: Source | None = getattr(table, "source", None)
        unit = level_name(result.language)
        test = result.test
        direct = test.value in ("clb", "nclc")
        label = test.label
        children = []
        memo = self._memo
        for key, name, level, raw in zip(self._keys, _LABELS, levels, result.scores(), strict=True):
            memo_key = (id(table), key, level, label, raw, type(raw))  # 8 and 8.0 read apart
            child = memo.get(memo_key, table)
            if child is None:
                reason = f"{unit} {level}" if direct else f"{unit} {level} ({label} {raw})"
                child = new_line(key, name, table(level), reason, (), None, None, source)
                memo.put(memo_key, table, child)
            children.append(child)
        return self.joined(tuple(children))

    def joined(self, children: tuple[Line, ...]) -> Line:
        """The line of a result that gives levels, from its four abilities' lines.

        Each ability's line (a child of :meth:`line`) reads ``with_spouse``,
        that ability's level, and the result's test and score in it; a batch
        that has them joins them here (``crs score --format jsonl``).
        """
        total = 0
        for child in children:
            total += child.points
        return new_line(self.key, self.label, total, "", children, None, None, None)


@attrs.frozen
class Tier:
    """How one fact becomes a row or column tier of a :class:`~crs.tables.Matrix`.

    Attributes:
        fact: The :class:`~crs.ruleset.Facts` field read.
        table: The rule-set field of the tier table (a Steps or Lookup), or
            the table itself; None: the fact is the tier itself (a boolean is
            tier 0 or 1).
        lowest: The fact is four language levels; the lowest of them is read,
            and no result is tier 0.
    """

    fact: str
    table: Any = None
    lowest: bool = False

    def __call__(self, facts: Facts, rules: RuleSet) -> int:
        """The tier of one profile's facts."""
        value = getattr(facts, self.fact)
        if self.lowest:
            if value is None:
                return 0
            value = min(value)
        if self.table is None:
            return int(value)
        tier: int = table_of(rules, self.table)(value)
        return tier

    def compile(self, rules: RuleSet, code: Code) -> str:
        """Emit the tier of the facts into a local (shared by the tiers alike); its name."""
        table = None if self.table is None else table_of(rules, self.table)
        key = ("tier", self.fact, self.lowest, id(table))
        name = code.known(key)
        if name is not None:
            return name
        value = code.fact(self.fact)
        name = code.var("t")
        if self.lowest:
            lowest = code.lowest(value)
            if table is None:
                code.emit(f"{name} = 0 if {lowest} is None else {lowest}")
            else:
                code.emit(f"{name} = {code.per_level(table)}[{lowest}]")
        elif table is None and code.boolean(self.fact):
            code.emit(f"{name} = (1 if {value} else 0)")
        elif table is None:
            code.emit(f"{name} = int({value})")
        else:
            code.emit(f"{name} = {code.read(table, value, nullable=False)}")
        code.remember(key, name)
        return name

    def column(self, facts: Facts, rules: RuleSet) -> Any:
        """The tier of each row of column facts (read once for the facts by tiers alike)."""
        table = None if self.table is None else table_of(rules, self.table)
        tiers = _tiers_of(facts)
        key = (self.fact, self.lowest, id(table))
        found = tiers.get(key)
        if found is None:
            found = tiers[key] = (table, self._column(facts, rules))  # the table keeps its id
        tier: Any = found[1]
        return tier

    def _column(self, facts: Facts, rules: RuleSet) -> Any:
        import numpy as np

        value = getattr(facts, self.fact)
        if self.lowest:
            results: Levels4 = value
            table = table_of(rules, self.table)
            tiers = results.lowest if table is None else table.column(results.lowest)
            return tiers * results.present
        if self.table is None:
            return np.asarray(value, dtype=np.int64)
        return table_of(rules, self.table).column(value)


_LAST_TIERS: list[tuple[Any, dict[Any, Any]]] = [(None, {})]


def _tiers_of(facts: Facts) -> dict[Any, Any]:
    """The tiers read of the last column facts (a chunk of a frame): tiers alike share them.

    The transferability pairs read the same tiers (education, the lowest
    language level, years of work) from the same facts; each is read once.
    Only the last facts are kept (one tuple, replaced whole: safe across threads).
    """
    last = _LAST_TIERS[0]
    if last[0] is facts:
        return last[1]
    tiers: dict[Any, Any] = {}
    _LAST_TIERS[0] = (facts, tiers)
    return tiers


@attrs.frozen
class Words:
    """A :class:`Tiers` reason in parts, each part some of the described facts in words.

    Called with the described values (in the order of :attr:`Tiers.describe`),
    it gives the parts' words joined by ``sep``.  A batch explained in chunks
    (``crs score --format jsonl``) says each part once per distinct value of
    the facts it reads, and shares a part among the lines that say it alike
    (three transferability lines say the first language's levels).

    Attributes:
        parts: Each part: the positions (in the described values) of the facts
            it says, and a module-level function of those values that gives
            its words.
        sep: What joins the parts' words.

    >>> from crs.factors.kinds import Words
    >>> Words((((0,), str), ((1, 2), lambda a, b: f"{a}/{b}")))((7, 8, 9))
    '7, 8/9'
    """

    parts: tuple[tuple[tuple[int, ...], Callable[..., str]], ...]
    sep: str = ", "

    def __call__(self, described: tuple[Any, ...]) -> str:
        """The parts' words, joined."""
        return self.sep.join([say(*[described[i] for i in at]) for at, say in self.parts])


@attrs.frozen
class Tiers(Factor):
    """Points from a :class:`~crs.tables.Matrix` by a row tier and a column tier.

    Attributes:
        key: The line's dotted key.
        label: The line's label.
        matrix: The rule-set field of the matrix, or the matrix itself.
        row: The row tier of the facts.
        column_tier: The column tier of the facts.
        describe: The Facts fields the reason states (lines are memoized on
            these, the matrix and the two tiers).
        reason: The described values (a tuple) in words: a module-level
            function, or :class:`Words` (a reason in parts, which a batch
            says part by part).
    """

    key: str
    label: str
    matrix: Any
    row: Tier
    column_tier: Tier
    describe: tuple[str, ...]
    reason: Callable[[Any], str]
    _memo: Memo = attrs.field(init=False, repr=False, eq=False, factory=_memo)

    def points(self, facts: Facts, rules: RuleSet) -> int:
        """The matrix cell of the facts' tiers."""
        matrix: Matrix = table_of(rules, self.matrix)
        return matrix.points[self.row(facts, rules)][self.column_tier(facts, rules)]

    def compile(self, rules: RuleSet, code: Code) -> str | None:
        """The matrix cell, read from the matrix's own rows of points."""
        matrix: Matrix = table_of(rules, self.matrix)
        row = self.row.compile(rules, code)
        column = self.column_tier.compile(rules, code)
        name = code.var()
        code.emit(f"{name} = {code.const(matrix.points, 'M')}[{row}][{column}]")
        return name

    def column(self, facts: Facts, rules: RuleSet) -> Any:
        """The matrix cell of each row's tiers."""
        matrix: Matrix = table_of(rules, self.matrix)
        return matrix.column(self.row.column(facts, rules), self.column_tier.column(facts, rules))

    @property
    def line_reads(self) -> tuple[str, ...]:
        """The facts of both tiers and the described facts."""
        return (self.row.fact, self.column_tier.fact, *self.describe)

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """The line, naming both tiers."""
        matrix: Matrix = table_of(rules, self.matrix)
        row, column = self.row(facts, rules), self.column_tier(facts, rules)
        described = tuple(map(getattr, repeat(facts), self.describe))
        memo_key = (id(matrix), row, column, described)
        line = self._memo.get(memo_key, matrix)
        if line is None:
            line = self.said(matrix, row, column, self.reason(described))
            self._memo.put(memo_key, matrix, line)
        return line

    def said(self, matrix: Matrix, row: int, column: int, described: str) -> Line:
        """The line of tiers ``row`` and ``column`` of ``matrix``, the facts said as ``described``.

        ``described`` is :attr:`reason` of the described facts; :meth:`line`
        builds every line here, and a batch (``crs score --format jsonl``)
        reads its text's template from a line built here (see
        :mod:`crs.cli._explained`).
        """
        reason = f"{described} ({matrix.row_names[row]}; {matrix.column_names[column]})"
        points = matrix.points[row][column]
        return new_line(self.key, self.label, points, reason, (), None, None, matrix.source)


@attrs.frozen
class Custom(Factor):
    """A factor of your own: a function that returns (points, reason).

    Give ``columns`` too, a function of column facts (NumPy arrays, see
    :class:`~crs.ruleset.Facts`) and the rules that returns every row's
    points, and :func:`crs.score_frame` scores the rule set vectorised;
    without it, the frame is scored row by row (and says so in a warning).
    Use module-level functions, so that the rule set pickles.

    >>> from crs.factors.kinds import Custom
    >>> bonus = Custom("additional.bonus", "Bonus", lambda facts, rules: (5, "always"))
    """

    key: str
    label: str
    function: Callable[[Facts, RuleSet], tuple[int, str]]
    columns: Callable[[Facts, RuleSet], Any] | None = None

    def points(self, facts: Facts, rules: RuleSet) -> int:
        """The function's points."""
        return self.function(facts, rules)[0]

    def column(self, facts: Facts, rules: RuleSet) -> Any:
        """The array function's points (see :attr:`vectorised`)."""
        if self.columns is None:
            return super().column(facts, rules)
        return self.columns(facts, rules)

    @property
    def vectorised(self) -> bool:
        """Whether an array function was given."""
        return self.columns is not None

    def line(self, facts: Facts, rules: RuleSet) -> Line:
        """The function's points and reason."""
        points, reason = self.function(facts, rules)
        return Line(self.key, self.label, points, reason)
