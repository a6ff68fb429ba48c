"""How :class:`crs.columns.Columns` reads the facts of a frame's columns.

Each fact the grid reads (whole numbers, choices, flags, an age, a nomination on
a date, the language levels) is read by the same definitions the scalar path
uses (:func:`~crs.language.level_of` through the chart tables of
:mod:`crs._level_columns`, :func:`~crs.language.not_counted_on`,
:func:`~crs.dated.nomination_not_counted`): a category column's values once a
call, then one gather a row by its codes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from crs._distinct import _Column, by_value
from crs._facts import CodedLevels
from crs._level_columns import CHART_BREAKS, SCORE_SLOTS, chart_table, level_table
from crs._precheck import (
    _SCORE_RULES,
    _SCORES,
    _ages,
    _eras,
    _fold,
    _folds,
    _is_shared,
)
from crs.dated import nomination_not_counted
from crs.language import not_counted_on
from crs.ruleset import Levels4

if TYPE_CHECKING:
    from crs.ruleset import RuleSet


class _FactReading:
    """The fact-reading methods of :class:`crs.columns.Columns` (see the module)."""

    np: Any
    memo: dict[Any, Any] | None
    n: int
    ok: Any
    columns: dict[str, _Column]
    present: dict[str, Any]

    def _by_category(self, values: list[Any], key: tuple[Any, ...], make: Any) -> Any:
        """``make()``, a per-value array of a column, made once a call for shared categories.

        The chunks of a call share a category column's values (see
        :meth:`_read_values`): what is computed from each value on a date is the
        same for all of them.  Other columns: made each time.
        """
        memo = self.memo
        if memo is None or not _is_shared(memo, values):
            return make()
        full = (*key, id(values))
        found = memo.get(full)
        if found is None:
            found = memo[full] = make()
        return found

    def _ints(self, path: str, fill: int = 0) -> Any:
        column = self.columns.get(path)
        if column is None:
            return self.np.full(self.n, fill, dtype=self.np.int64)
        if column.array is None and column.encoded is not None:
            # Categories: each one's whole number once a call, then one gather.
            encoded = column.encoded
            by_code = self._by_category(
                column.values, ("ints",), lambda: encoded.astype(self.np.int64)
            )
            return by_code.take(column.codes)
        array = column.rows()
        return array if array.dtype == self.np.int64 else array.astype(self.np.int64)

    def _ints_as(self, path: str, fill: int, function: Any) -> Any:
        """``function`` (elementwise) of :meth:`_ints`: for categories, of each one once a call.

        ``function`` must be a module-level or stable function of the values
        alone (it is remembered by its code object), applied to each category's
        encoded value and to the missing cell's (its ``fill`` when absent
        from the column: every row then gets ``function`` of ``fill``).
        """
        column = self.columns.get(path)
        if column is None or column.array is not None or column.encoded is None:
            return function(self._ints(path, fill))
        encoded = column.encoded
        by_code = self._by_category(
            column.values, ("as", function.__code__), lambda: function(encoded)
        )
        return by_code.take(column.codes)

    def _flags(self, path: str, default: bool) -> Any:
        np = self.np
        column = self.columns.get(path)
        if column is None:
            return np.full(self.n, default, dtype=bool)
        if column.array is None and column.encoded is not None:
            # Categories: each code's truth, the last (missing) the default; one gather.
            def make() -> Any:
                truth = column.encoded != 0
                truth[-1] = default
                return truth

            return self._by_category(column.values, ("flag", default), make).take(column.codes)
        return np.where(column.given, column.rows() != 0, default)

    def _age(self, on: dt.date) -> Any:
        np = self.np
        age = self._ints("age")
        born = self.columns.get("date_of_birth")
        if born is None:
            return age
        ages, later = self._by_category(born.values, ("age", on), lambda: _ages(np, born, on))
        self.ok &= ~later.take(born.codes)
        return np.where(born.given, ages.take(born.codes), age)

    def _counted(self, prefix: str, on: dt.date, rules: RuleSet) -> Any:
        """Which rows' results count on ``on`` (:func:`~crs.language.not_counted_on`)."""
        np = self.np
        dated = self.columns.get(f"{prefix}.test_date")
        if dated is None:
            return np.ones(self.n, dtype=bool)
        years, scores = rules.language_validity_years, rules.expired_language_scores

        def make() -> Any:
            return np.array(
                [
                    not isinstance(day, dt.date) or not_counted_on(day, on, years, scores) is None
                    for day in dated.values
                ],
                dtype=bool,
            )

        counts = self._by_category(dated.values, ("counted", on, years, scores), make)
        return counts.take(dated.codes)

    def _nominated(self, on: dt.date) -> Any:
        """Which rows hold a nomination on ``on`` (:func:`~crs.dated.nomination_not_counted`)."""
        np = self.np
        nominated = self._flags("provincial_nomination", False)
        dated = self.columns.get("nominated_on")
        if dated is None:
            return nominated

        def make() -> Any:
            return np.array(
                [
                    not isinstance(day, dt.date) or nomination_not_counted(True, day, on) is None
                    for day in dated.values
                ],
                dtype=bool,
            )

        counts = self._by_category(dated.values, ("nominated", on), make)
        return nominated & counts.take(dated.codes)

    def _levels(
        self, prefix: str, on: dt.date, rules: RuleSet, coded: bool = False
    ) -> Levels4 | CodedLevels:
        """The levels of a language column group, from the charts the scalar path reads.

        With ``coded``, as :class:`~crs._facts.CodedLevels`: the same tables and
        indexes, the gathers left to the compiled loop (:mod:`crs._kernels`).
        """
        np = self.np
        dated = self.columns.get(f"{prefix}.test_date")
        fast = self._levels_by_codes(prefix, coded) if dated is None else None
        if fast is not None:
            return fast
        present = self.present[prefix] & self.ok & self._counted(prefix, on, rules)
        test = self._ints(f"{prefix}.test", -1)
        # The chart of each row: chart_for on each test and each era of test dates
        # (a chart changes only on a chart's first day), and on no date.
        era = np.full(self.n, len(CHART_BREAKS) + 1, dtype=np.int64)  # no date
        if dated is not None:
            era = self._by_category(dated.values, ("eras",), lambda: _eras(np, dated)).take(
                dated.codes
            )
        charts = chart_table(np).take((test + 1) * (len(CHART_BREAKS) + 2) + era)
        base = charts * SCORE_SLOTS
        levels = []
        twice_scores: list[Any] = []
        for a, ability in enumerate(_SCORES):
            scores = self.columns.get(f"{prefix}.{ability}")
            if scores is None:
                levels.append(np.zeros(self.n, dtype=np.int64))
                twice_scores.append(None)
                continue
            # Twice the score indexes the chart's row of levels; a row that is not
            # present (or not ok, and so never read) is clipped into range and zeroed;
            # such a row may hold a score too large to cast, which is no matter.
            with np.errstate(invalid="ignore"):
                if scores.array is None:  # categories: twice each category's score, once
                    index = (scores.encoded * 2).astype(np.int64).take(scores.codes)
                else:
                    index = (scores.array * 2).astype(np.int64)
            if coded:
                twice_scores.append(index)
                continue
            index += base
            level = level_table(np, a).take(index, mode="clip")
            level *= present
            levels.append(level)
        if coded:  # an ability not given reads level 0: index 0 of a table of zeros
            nothing = np.zeros(self.n, dtype=np.int64)
            codes = [nothing if twice is None else twice for twice in twice_scores]
            tables = [np.zeros(1, dtype=np.int64) if twice is None else level_table(np, a)
                      for a, twice in enumerate(twice_scores)]  # fmt: skip
            return CodedLevels(
                present, base, (codes[0], codes[1], codes[2], codes[3]),
                (tables[0], tables[1], tables[2], tables[3]),
            )  # fmt: skip
        lowest = np.minimum(np.minimum(levels[0], levels[1]), np.minimum(levels[2], levels[3]))
        return Levels4(present, (levels[0], levels[1], levels[2], levels[3]), lowest)

    def _levels_by_codes(self, prefix: str, coded: bool = False) -> Levels4 | CodedLevels | None:
        """The levels of a language group of category columns with no test dates, or None.

        Each (test, score) pair of categories is looked up once a call in the
        same charts (:func:`~crs._level_columns.chart_table`, on no date) and
        level tables as :meth:`_levels` reads them; each row then takes its
        level by its two codes: one add and one gather an ability.  A row
        without a test (code -1: no result) reads row 0, all zeros; a row with
        the result refused reads garbage (it is not ``ok``).
        """
        np, memo = self.np, self.memo
        test = self.columns.get(f"{prefix}.test")
        scores = [self.columns.get(f"{prefix}.{ability}") for ability in _SCORES]
        if memo is None or test is None or test.encoded is None:
            return None
        if any(column is None or column.encoded is None for column in scores):
            return None
        columns = [column for column in scores if column is not None]
        folds = _folds(len(test.values), [len(column.values) for column in columns])
        key = ("levels", folds, id(test.values), *(id(column.values) for column in columns))
        found = memo.get(key)
        if found is None:
            # The tables of the same categories (the same lists, a batch after a batch).
            found = memo[key] = by_value(
                key,
                lambda: self._level_tables(test, columns, folds),
                nbytes=8 * len(test.values) * max(len(c.values) for c in columns) * 4,
            )
        width, tables, _ = found
        row = np.multiply(test.codes, width, dtype=np.int64)  # category codes may be int8
        row += width + 1  # (test code + 1) * width + 1: a score's code then adds its own
        if coded:  # read by the loop, which refuses a row whose lowest level is -1 (folds)
            present = self.present[prefix] & self.ok
            c = [column.codes for column in columns]
            return CodedLevels(
                present, row, (c[0], c[1], c[2], c[3]), (tables[0], tables[1], tables[2], tables[3])
            )
        levels = []
        for table, column in zip(tables, columns, strict=True):
            index = row + column.codes
            levels.append(table.take(index))
        lowest = np.minimum(np.minimum(levels[0], levels[1]), np.minimum(levels[2], levels[3]))
        if folds:
            refused = lowest < 0  # a score off its test's scale (level -1, see _folds)
            if refused.any():
                self.ok &= ~refused
        present = self.present[prefix] & self.ok
        return Levels4(present, (levels[0], levels[1], levels[2], levels[3]), lowest)

    def _level_tables(
        self, test: _Column, columns: list[_Column], folds: bool = False
    ) -> tuple[int, list[Any], Any]:
        """The level of each (test, score) pair of categories, a table an ability (see above).

        With ``folds``, a pair that its ability's rule refuses reads -1 (see :func:`_folds`).
        """
        np = self.np
        width = max(len(column.values) for column in columns)  # categories + missing
        tests = np.concatenate(([-1], test.encoded[:-1])).astype(np.int64)  # by row
        charts = chart_table(np).take((tests + 1) * (len(CHART_BREAKS) + 2) + len(CHART_BREAKS) + 1)
        tables = []
        for a, column in enumerate(columns):
            twice = np.zeros(width, dtype=np.int64)  # by column: 0 missing, then categories
            with np.errstate(invalid="ignore"):
                twice[1 : len(column.values)] = (column.encoded[:-1] * 2).astype(np.int64)
            index = charts[:, None] * SCORE_SLOTS + twice[None, :]
            table = level_table(np, a).take(index, mode="clip")
            table[0] = 0  # no test: no result
            if folds:
                _fold(table, _SCORE_RULES[_SCORES[a]], test.values, column.values)
            tables.append(table.ravel())
        return width, tables, (test.values, *(c.values for c in columns))
