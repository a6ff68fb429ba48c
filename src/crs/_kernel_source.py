"""The source of a rule set's compiled loop (:mod:`crs._kernels`), written from its factors.

Each standard factor kind has its writer here, keyed by the exact class (a
subclass may score differently); every table, threshold and cap is read from the
rule set as the loop is written.  A factor the loop cannot write raises
:class:`_Unsupported`, and :func:`written` gives None: the rule set is walked
with NumPy.  See :mod:`crs._kernels` for how the loop is compiled and run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crs._facts import flag_fields
from crs.columns import SECTION_ROWS
from crs.factors._lines import table_of
from crs.ruleset import Award, Group
from crs.tables import _STACK, Lookup, Matrix, Spoused, Steps, _stacked

if TYPE_CHECKING:
    from crs.ruleset import Factor, RuleSet

__all__ = ["LEVELS", "highest_level", "written"]

LEVELS = ("first", "second", "spouse_first")
"""The Facts fields of language levels (:class:`~crs._facts.CodedLevels` in the loop)."""


class _Unsupported(Exception):
    """A factor or table the loop cannot write: the rule set is walked with NumPy."""


class _Loop:
    """The loop being written: its arguments, the facts read a row, and its statements."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.facts: dict[str, str] = {}  # fact (or fact.part of levels) -> local
        self.arrays: list[Any] = []  # the tables, passed as arguments in this order
        self._array_names: dict[int, str] = {}
        self._kept: list[Any] = []
        self.tiers: dict[
            Any, tuple[str, tuple[int, int]]
        ] = {}  # tiers read, by fact, lowest and table
        self.lines: list[str] = []
        self.depth = 2
        self._count = 0

    def var(self, prefix: str = "p") -> str:
        self._count += 1
        return f"{prefix}{self._count}"

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)

    def fact(self, name: str) -> str:
        """The local holding this row's value of fact ``name`` (a Levels4 part: ``first.l0``)."""
        local = self.facts.get(name)
        if local is None:
            local = self.facts[name] = "f_" + name.replace(".", "_")
        return local

    def array(self, values: Any) -> str:
        """The argument name of a table's int64 array."""
        import numpy as np

        name = self._array_names.get(id(values))
        if name is None:
            name = self._array_names[id(values)] = f"table{len(self.arrays)}"
            self.arrays.append(np.ascontiguousarray(values, dtype=np.int64))
            self._kept.append(values)  # its id stays its own while the loop is written
        return name

    def pick(self, spouse: str, single: str) -> str:
        """``spouse`` where the spouse counts, else ``single``: both computed, no branch.

        The rows of a frame mix both cases at random: a branch a row would be
        mispredicted half the time, costing more than the second read.
        """
        if spouse == single:
            return spouse
        w = self.fact("with_spouse")
        return f"({single} + ({spouse} - {single}) * {w})"

    def read(self, table: Any, value: str) -> str:
        """The expression of ``table``'s value for the local ``value`` (Spoused: by row)."""
        kind = type(table)
        if table is None:
            return "0"
        if kind is Spoused:
            stacked = self._stacked(table, value)
            if stacked is not None:
                return stacked
            return self.pick(self.read(table.with_spouse, value), self.read(table.single, value))
        if kind is Award:
            return f"{int(table.points)} * ({value} != 0)"  # true, as Award reads it
        if kind is Steps:
            # Steps.column: the array taken with mode="clip" (above the last: its points).
            lookup = table._lookup
            name = self.array(lookup)
            return f"{name}[_at(min(max({value}, 0), {len(lookup) - 1}))]"
        if kind is Lookup:
            import numpy as np

            table.column(np.zeros(0, dtype=np.int64))  # builds its array (and finds the unlisted)
            if table._unlisted:
                raise _Unsupported("a lookup that leaves a member unlisted")
            return f"{self.array(table._array)}[{_member(value, len(table._array), '0')}]"
        raise _Unsupported(f"a table of kind {kind.__name__}")

    def _stacked(self, pair: Spoused[Any], value: str) -> str | None:
        """A pair read as one array, as :meth:`crs.tables.Spoused.column` stacks it; or None.

        The single table's values then the spouse's, each :data:`~crs.tables._STACK`
        long: one read, the row's half chosen by adding that length where the
        spouse counts (no branch, see :meth:`pick`).
        """
        stacked = _stacked(pair)
        if stacked is None:
            return None
        array, steps = stacked
        half = f"{_STACK} * {self.fact('with_spouse')}"
        if steps:  # whole numbers from 0 up, the last threshold's points above it
            return f"{self.array(array)}[_at(min(max({value}, 0), {_STACK - 1}) + {half})]"
        return f"{self.array(array)}[{_member(value, _STACK, half)}]"


def _member(value: str, size: int, offset: str) -> str:
    """The index of member ``value`` in a Lookup's array of ``size`` (-1: its 0, last).

    The array holds each member's value then a 0 for none, as
    :meth:`crs.tables.Lookup.column` reads it with -1; here indexes are never
    negative (see ``_at``), so -1 is sent to the last place by adding ``size``.
    """
    index = f"min(max({value}, -1), {size - 1})"
    return f"_at({index} + {size} * ({index} < 0) + {offset})"


def _group(factor: Any, loop: _Loop) -> str:
    total = loop.var("g")
    names = [_emit(part, loop) for part in factor.parts]
    loop.emit(f"{total} = {' + '.join(names) or '0'}")
    if factor.cap is not None:
        rules = loop.rules
        cap = getattr(rules, factor.cap) if isinstance(factor.cap, str) else factor.cap
        if type(cap) is Spoused:
            limit = loop.pick(str(int(cap.with_spouse)), str(int(cap.single)))
        elif isinstance(cap, int):
            limit = str(int(cap))
        else:
            raise _Unsupported("a cap that is not a whole number")
        loop.emit(f"{total} = min({total}, {limit})")
    if factor.only_with_spouse:
        loop.emit(f"{total} = {total} * {loop.fact('with_spouse')}")
    return total


def _table(factor: Any, loop: _Loop) -> str:
    name = loop.var()
    table = table_of(loop.rules, factor.table)
    loop.emit(f"{name} = {loop.read(table, loop.fact(factor.value))}")
    return name


def _abilities(factor: Any, loop: _Loop) -> str:
    name = loop.var()
    table = table_of(loop.rules, factor.table)
    reads = [loop.read(table, loop.fact(f"{factor.levels}.l{a}")) for a in range(4)]
    present = loop.fact(f"{factor.levels}.present")
    loop.emit(f"{name} = ({' + '.join(reads)}) * {present}")
    return name


def _tier(tier: Any, loop: _Loop) -> tuple[str, tuple[int, int]]:
    """The local of a tier's value, and the least and largest values it can take."""
    from crs.factors.kinds import Tier

    if type(tier) is not Tier:
        raise _Unsupported("a tier of one's own")
    table = None if tier.table is None else table_of(loop.rules, tier.table)
    key = (tier.fact, tier.lowest, id(table))
    found = loop.tiers.get(key)
    if found is not None:  # read once a row for every pair that reads it (as Tier.column)
        return found
    loop.tiers[key] = found = _new_tier(tier, table, loop)
    return found


def _new_tier(tier: Any, table: Any, loop: _Loop) -> tuple[str, tuple[int, int]]:
    if type(table) is Spoused:
        raise _Unsupported("a tier read from a pair of tables")
    name = loop.var("t")
    if tier.lowest:
        lowest = loop.fact(f"{tier.fact}.lowest")
        read = lowest if table is None else loop.read(table, lowest)
        loop.emit(f"{name} = ({read}) * {loop.fact(tier.fact + '.present')}")
    elif table is None:
        if tier.fact not in flag_fields():
            raise _Unsupported("a tier of whole numbers read without a table")
        loop.emit(f"{name} = {loop.fact(tier.fact)}")
    else:
        loop.emit(f"{name} = {loop.read(table, loop.fact(tier.fact))}")
    if table is not None:  # read(table) has built the arrays of Steps and Lookup
        values = (
            [0, table.points]
            if type(table) is Award
            else (list(table._lookup) if type(table) is Steps else table._array.tolist())
        )
        # (A tier of a result not given reads 0, whatever its table says.)
        return name, (min(values), max(0, *values))
    return name, (0, highest_level() if tier.lowest else 1)


def highest_level() -> int:
    """The highest level any chart gives (the tables the frame's levels are read from)."""
    import numpy as np

    from crs._level_columns import level_table

    return max(int(level_table(np, ability).max()) for ability in range(4))


def _tiers(factor: Any, loop: _Loop) -> str:
    matrix: Matrix = table_of(loop.rules, factor.matrix)
    if type(matrix) is not Matrix:
        raise _Unsupported("a matrix of one's own")
    rows, columns = len(matrix.row_names), len(matrix.column_names)
    row, (low_row, high_row) = _tier(factor.row, loop)
    column, (low_column, high_column) = _tier(factor.column_tier, loop)
    if min(low_row, low_column) < 0 or high_row >= rows or high_column >= columns:
        # The NumPy walk would read another cell (a negative index counts from the end)
        # or refuse it (an IndexError): so it is walked, not clipped.
        raise _Unsupported("a tier that can read outside its matrix")
    flat = [points for line in matrix.points for points in line]
    array = loop.array(flat)
    name = loop.var()
    loop.emit(
        f"{name} = {array}[_at(min(max({row}, 0), {rows - 1}) * {columns}"
        f" + min(max({column}, 0), {columns - 1}))]"
    )
    return name


def _french(factor: Any, loop: _Loop) -> str:
    from crs.factors.additional import _LANGUAGE_INDEX
    from crs.profile import OfficialLanguage

    name = loop.var()
    bonus = loop.rules.french
    if bonus is None:
        loop.emit(f"{name} = 0")
        return name
    french = _LANGUAGE_INDEX[OfficialLanguage.FRENCH]
    english = _LANGUAGE_INDEX[OfficialLanguage.ENGLISH]
    first, second = loop.fact("first.present"), loop.fact("second.present")
    first_language, second_language = loop.fact("first_language"), loop.fact("second_language")
    first_low, second_low = loop.fact("first.lowest"), loop.fact("second.lowest")
    ff, sf, fe, se = (loop.var("b") for _ in range(4))
    # As _French.column: 0 or 1 a row, combined by arithmetic (no branch, see _Loop.pick).
    loop.emit(f"{ff} = {first} * ({first_language} == {french})")
    loop.emit(f"{sf} = {second} * ({second_language} == {french})")
    loop.emit(f"{fe} = {first} * ({first_language} == {english})")
    loop.emit(f"{se} = {second} * ({second_language} == {english})")
    french_low = f"({second_low} + ({first_low} - {second_low}) * {ff})"
    english_low = f"({second_low} + ({first_low} - {second_low}) * {fe})"
    strong = f"({ff} | {sf}) * ({french_low} >= {bonus.min_french})"
    both = f"({fe} | {se}) * ({english_low} >= {bonus.min_english})"
    only, bilingual = int(bonus.french_only), int(bonus.bilingual)
    loop.emit(f"{name} = {strong} * ({only} + {bilingual - only} * {both})")
    return name


def _emitters() -> dict[type, Callable[[Any, _Loop], str]]:
    from crs.factors.additional import _French
    from crs.factors.kinds import Abilities, Table, Tiers

    return {Group: _group, Table: _table, Abilities: _abilities, Tiers: _tiers, _French: _french}


def _emit(factor: Factor, loop: _Loop) -> str:
    emitter = _emitters().get(type(factor))
    if emitter is None:
        raise _Unsupported(f"a factor of kind {type(factor).__name__}")
    return emitter(factor, loop)


def written(rules: RuleSet) -> tuple[str, list[str], list[Any]] | None:
    """The loop's source, the facts it reads (in argument order), and its tables; or None."""
    loop = _Loop(rules)
    sections: list[tuple[str, str]] = []
    try:
        for section in rules.sections:
            sections.append((section.key, _emit(section, loop)))
    except _Unsupported:
        return None
    body = loop.lines
    for field in LEVELS:  # each read, for its refusals, whether the rules score it or not
        loop.fact(f"{field}.lowest")
    # Every fact a whole number (a flag 0 or 1), for the arithmetic of _Loop.pick.  A
    # language result's levels are read here from its CodedLevels: four gathers, the least.
    levels = sorted({name.partition(".")[0] for name in loop.facts if "." in name})
    facts = sorted(name for name in loop.facts if "." not in name) + levels
    loads = [f"        {loop.facts[f]} = np.int64(a_{loop.facts[f][2:]}[i])" for f in facts
             if f not in levels]  # fmt: skip
    arguments = [f"a_{loop.facts[f][2:]}" for f in facts if f not in levels]
    for field in levels:
        parts = [f"{field}_present", f"{field}_row"]
        parts += [f"{field}_c{a}" for a in range(4)] + [f"{field}_t{a}" for a in range(4)]
        arguments += [f"a_{part}" for part in parts]
        loads.append(f"        f_{field}_present = np.int64(a_{field}_present[i])")
        loads.append(f"        r_{field} = a_{field}_row[i]")
        for a in range(4):
            table = f"a_{field}_t{a}"
            loads.append(
                f"        f_{field}_l{a} = {table}[_at(min(max(r_{field} + a_{field}_c{a}[i], 0),"
                f" {table}.shape[0] - 1))]"
            )
        loads.append(
            f"        f_{field}_lowest = min(min(f_{field}_l0, f_{field}_l1),"
            f" min(f_{field}_l2, f_{field}_l3))"
        )
    # A score its test's rule refuses reads level -1 in a folded table (crs._precheck._folds):
    # the row is refused, as the NumPy walk refuses it, and the scalar path gives its error.
    refusals = " or ".join(f"f_{field}_lowest < 0" for field in levels)
    loads += [f"        if {refusals}:", "            refused[i] = True", "            continue"]
    total = " + ".join(name for _, name in sections) or "0"
    stores = [f"        out0[i] = {total}"]
    stores += [
        f"        out{SECTION_ROWS[key]}[i] = {name}"
        for key, name in sections
        if key in SECTION_ROWS
    ]
    arguments += [f"table{i}" for i in range(len(loop.arrays))]
    lines = [
        "import numba",
        "import numpy as np",
        "",
        "_at = np.uint64  # an index never negative (clipped): no wraparound test",
        "",
        "",
        "@numba.njit(cache=True, nogil=True)",
        f"def kernel(ok, refused, out0, out1, out2, out3, out4, {', '.join(arguments)}):",
        "    for i in range(ok.shape[0]):",
        "        if not ok[i]:",
        "            continue",
        *loads,
        *body,
        *stores,
        "",
    ]
    return "\n".join(lines), facts, loop.arrays
