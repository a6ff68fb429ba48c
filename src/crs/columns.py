"""A flat frame's columns, checked by the declared specs and rules, as column facts.

:func:`crs.score_frame` reads a frame through :class:`Columns`:

* each column is decoded by its distinct values: every distinct value is read
  by its field's :class:`~crs.checks.Spec` exactly as the JSON loader reads it,
  and rows look the result up by their code;
* each cross-field :class:`~crs.checks.Rule` is tested once per distinct
  combination of the values it reads;
* the rows that pass become :class:`~crs.ruleset.Facts` of NumPy columns, with
  the same definitions the scalar path uses (:func:`~crs.profile.completed_years`,
  :func:`~crs.profile.spouse_counts`, :func:`~crs.language.level_of`).

A row that any check refuses, or that holds what only the scalar path reads (a
work history, a whole object in one cell), is marked not ``ok``: the caller
scores it with :func:`crs.load_profile` and :func:`crs.score`, which give its
exact error.  So the checks here decide *which* rows are valid, never *why*.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import TYPE_CHECKING, Any

from crs._distinct import (
    _Column,
    _Decoding,
    _default,
    _truth,
    by_value,
)
from crs._fact_columns import _FactReading
from crs._precheck import (
    _BOTH,
    _LANGUAGE_OF_TEST,
    _LEAVES,
    _NONE,
    _OBJECTS,
    _REQUIRED,
    _VERDICTS,
    FLAG_COLUMNS,
    Prechecked,
    _is_shared,
    _refuses,
    _share,
    _shared_read_values,
    _tested,
    _verdicts_by_value,
    precheck,
)
from crs.checks import RULES
from crs.flat import PRESENCE_COLUMNS
from crs.profile import (
    Spouse,
    spouse_counts,
)
from crs.ruleset import Facts
from crs.specs import UNKNOWN, Rule
from crs.tables import member_index

if TYPE_CHECKING:
    import pandas as pd

    from crs.ruleset import RuleSet

__all__ = ["FLAG_COLUMNS", "SECTION_ROWS", "Columns", "Prechecked", "add_sections", "precheck"]


class Columns(_Decoding, _FactReading):
    """The columns of a frame as checked NumPy arrays, and which rows are plainly valid.

    Args:
        frame: The rows, one profile a row in the flat form (a pandas frame).
        np: NumPy.
        pd: pandas.
        memo: What was read already, shared by the chunks of one batch: each
            distinct cell value's reading and each rule's verdict on a combination
            of values, keyed by those values (a dict, empty at first; None: a frame
            scored in one piece, whose distinct values are read once anyway).

    Attributes:
        ok: Which rows the vectorised path scores (the others: the scalar path).
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        np: Any,
        pd: Any,
        memo: dict[Any, Any] | None = None,
        *,
        checked: Prechecked | None = None,
    ) -> None:
        self.np, self.pd = np, pd
        self.memo = memo
        self.checked = checked or Prechecked()
        self.n = n = len(frame)
        self.ok = np.ones(n, dtype=bool)
        self._all = np.ones(n, dtype=bool)
        self._all.flags.writeable = False  # shared by every column whose values are all good
        self._reads: dict[Any, tuple[Any, list[Any]]] = {}
        self.columns: dict[str, _Column] = {}
        names = [str(c) for c in frame.columns]
        if len(set(names)) != len(names):
            self.ok[:] = False  # duplicate columns: the scalar path reports them
            return
        by_name = dict(zip(names, frame.columns, strict=True))
        for name, label in by_name.items():
            column = frame[label]
            if name in _LEAVES:
                self.columns[name] = self._decode(name, _LEAVES[name], column)
            elif name in PRESENCE_COLUMNS:
                self.columns[name] = self._presence(column)
            else:  # unknown keys, work histories: the scalar path reads them
                self.ok &= self._missing(column, empty_lists=name == "work_history")
        for decoded in self.columns.values():
            if decoded.good is not self._all:  # every value good: nothing to refuse
                self.ok &= decoded.good
        self.present = self._objects()
        self._required()
        if self.checked.refused is not None:
            self.ok &= ~self.checked.refused
        self._rules()

    def _objects(self) -> dict[str, Any]:
        """Which rows give each nested object: its own column, or any field below it."""
        np = self.np
        present: dict[str, Any] = {"": np.ones(self.n, dtype=bool)}
        for prefix in sorted(_OBJECTS, key=len, reverse=True):
            if not prefix:
                continue
            # An object nested in this one (found first, being longer) stands for its fields.
            inner = [p for p in present if p and p.startswith(prefix + ".")]
            masks = [present[p] for p in inner]
            for name, column in self.columns.items():
                if (name == prefix or name.startswith(prefix + ".")) and not any(
                    name == p or name.startswith(p + ".") for p in inner
                ):
                    masks.append(column.given)
            found = np.zeros(self.n, dtype=bool)
            for mask in masks:
                found |= mask
            present[prefix] = found
        return present

    def _required(self) -> None:
        """Refuse the rows that give an object without all of its required fields."""
        np = self.np
        for prefix, cls in _OBJECTS.items():
            paths = [f"{prefix}.{name}" if prefix else name for name in sorted(_REQUIRED[cls])]
            if not paths:
                continue
            columns = [self.columns.get(path) for path in paths]
            if any(column is None for column in columns):
                self.ok &= ~self.present[prefix]  # a required field given nowhere
                continue
            given = None
            for column in columns:  # rows that give every required field
                assert column is not None
                given = column.given.copy() if given is None else given.__iand__(column.given)
            given |= np.logical_not(self.present[prefix])
            self.ok &= given

    # ----------------------------------------------------------------- rules

    def _read(self, path: str, alike: Any = None) -> tuple[Any, list[Any]]:
        """Codes (0 for none) and the value of each code, for a rule's read.

        With ``alike`` (see :class:`~crs.specs.Rule`), values the rule reads alike
        share one code, whose value is their representative.
        """
        np = self.np
        if alike is not None and not path.endswith("?") and path in self.columns:
            found = self._reads.get((path, alike))
            if found is None:
                codes, values = self._read(path)
                mapping, order = self._by_category(
                    values, ("alike", alike), lambda: self._alike(values, alike)
                )
                found = self._reads[(path, alike)] = (mapping.take(codes), order)
            return found
        if path.endswith("?"):
            name = path[:-1]
            given = self.present.get(name)
            if given is None:
                column = self.columns.get(name)
                given = column.given if column is not None else np.zeros(self.n, dtype=bool)
            return given.view(np.int8), _BOTH  # 0 or 1, no copy (keys widen, see _key)
        column = self.columns.get(path)
        if column is None:
            return np.zeros(self.n, dtype=np.int64), _NONE
        found = self._reads.get(path)
        if found is None:
            codes = np.add(column.codes, 1, dtype=np.int64)  # category codes may be int8
            found = self._reads[path] = (codes, self._read_values(column.values))
        return found

    def _read_values(self, values: list[Any]) -> list[Any]:
        """The value of each read code: None (code 0), then the column's values.

        A category column's values are shared by the chunks of a call (see
        :func:`~crs._distinct.category_readings`); so is this list then, and
        :meth:`_verdict_table` remembers its verdicts by it.
        """
        if not _is_shared(self.memo, values):
            return [None, *values[:-1]]
        assert self.memo is not None
        return _shared_read_values(self.memo, values)

    def _alike(self, values: list[Any], alike: Any) -> tuple[Any, list[Any]]:
        """Each read code's class of values read alike, and each class's representative.

        For shared categories, found again by a later call with the same values
        (the entry holds them), so that its verdict tables are found again too.
        """
        if not _is_shared(self.memo, values):
            return self._classes(values, alike)
        assert self.memo is not None
        found: tuple[Any, list[Any], list[Any]] = by_value(
            ("alike", id(alike), id(values)),
            lambda: (*self._classes(values, alike), values),
            nbytes=8 * len(values),
        )
        _share(self.memo, found[1])  # the same classes for every chunk of the call
        return found[0], found[1]

    def _classes(self, values: list[Any], alike: Any) -> tuple[Any, list[Any]]:
        """Each read code's class of values read alike, and each class's representative."""
        representatives: dict[Any, int] = {}
        order: list[Any] = []
        mapping = self.np.zeros(len(values), dtype=self.np.int64)
        for code, value in enumerate(values):
            like = alike(value) if code else None
            if like not in representatives:
                representatives[like] = len(order)
                order.append(like)
            mapping[code] = representatives[like]
        mapping.flags.writeable = False
        return mapping, order

    def _seen(self, path: str, alike: Any = None) -> list[int]:
        """The read codes (see :meth:`_read`) that some row holds, none (0) included."""
        if path.endswith("?"):
            return [0, 1]
        if alike is not None and path in self.columns:
            codes, _ = self._read(path, alike)
            return sorted({int(c) for c in self.np.unique(codes).tolist()} | {0})
        column = self.columns.get(path)
        if column is None:
            return [0]
        return [0, *(code + 1 for code in column.seen_codes(self.np))]

    def _holds_everywhere(
        self, rule: Rule, paths: list[str], reads: list[Any], alike: list[Any]
    ) -> bool:
        """Whether ``rule`` holds for every combination of values seen in its columns.

        A handful of tests when the columns have few distinct values; then no row
        needs its own combination looked up.
        """
        seen = [self._seen(path, like) for path, like in zip(paths, alike, strict=True)]
        if math.prod(len(codes) for codes in seen) > 512:
            return False
        for combo in itertools.product(*seen):
            args = [values[code] for (_, values), code in zip(reads, combo, strict=True)]
            if any(arg is UNKNOWN for arg in args):
                continue
            if _refuses(rule, args):
                return False
        return True

    def _rules(self) -> None:
        """Refuse the rows that break a rule, each distinct combination tested once."""
        np = self.np
        done = self.checked.done
        for prefix, cls in _OBJECTS.items():
            rules = tuple(rule for rule in RULES[cls] if (prefix, id(rule)) not in done)
            if not rules:  # every rule of the object checked for the whole frame
                continue
            where = self.present[prefix] & self.ok
            rows = np.flatnonzero(where)
            if not rows.size:
                continue
            everywhere = rows.size == self.n
            # Reads shared by several rules (a result's test and date) come first in
            # each key, so that the key of those reads is built once for all of them.
            shared: dict[str, int] = {}
            for rule in rules:
                for r in rule.reads:
                    shared[r] = shared.get(r, 0) + 1
            keys: dict[tuple[str, ...], Any] = {}
            for rule in rules:
                order = sorted(range(len(rule.reads)), key=lambda i: (-shared[rule.reads[i]], i))
                paths = [f"{prefix}.{r}" if prefix else r for r in rule.reads]
                alike = list(rule.alike) or [None] * len(paths)
                reads = [self._read(p, like) for p, like in zip(paths, alike, strict=True)]
                table = self._verdict_table(rule, [read[1] for read in reads])
                if table is None and self._holds_everywhere(rule, paths, reads, alike):
                    continue
                # A read taken alike is its own key part: "path~function".
                named = [p if like is None else f"{p}~{like.__name__}"
                         for p, like in zip(paths, alike, strict=True)]  # fmt: skip
                key = self._key(keys, [named[i] for i in order], [reads[i] for i in order],
                                rows, everywhere)  # fmt: skip
                if table is not None:
                    # Verdicts remembered by combination (shared codes): one gather a row.
                    verdicts = table.take(key)
                    if not verdicts.any():  # every combination tested before, none refused
                        continue
                    if (verdicts < 0).any():
                        combos = np.flatnonzero(np.bincount(key, minlength=len(table)))
                        todo = combos[table.take(combos) < 0]
                        table[todo] = self._tested(rule, todo, [r[1] for r in reads], order)
                        verdicts = table.take(key)
                    refused = verdicts > 0
                    if refused.any():
                        self.ok[rows[refused]] = False
                    continue
                if key.size and int(key.max()) < (1 << 22):
                    counts = np.bincount(key)
                    combos = np.flatnonzero(counts)
                else:
                    combos, key = np.unique(key, return_inverse=True)
                    key = key.ravel()
                    counts = None
                bad = self._verdicts(rule, combos, [read[1] for read in reads], order)
                if not bad.any():
                    continue
                if counts is None:
                    refused = bad.take(key)
                else:
                    by_key = np.zeros(len(counts), dtype=bool)
                    by_key[combos[bad]] = True
                    refused = by_key.take(key)
                self.ok[rows[refused]] = False

    def _verdict_table(self, rule: Rule, values: list[list[Any]]) -> Any:
        """The verdicts of ``rule`` by combination of codes, remembered for the call.

        Only where every read's values are shared by the chunks of the call
        (category columns, see :meth:`_read_values`): an ``int8`` array, -1 where
        not tested yet, 1 where refused; None otherwise.
        """
        memo = self.memo
        size = math.prod(len(read) for read in values)
        if memo is None or size > _VERDICTS or not all(_is_shared(memo, v) for v in values):
            return None
        key = ("verdicts", id(rule), *(id(v) for v in values))
        table = memo.get(key)
        if table is None:
            table = memo[key] = _verdicts_by_value(self.np, rule, values, size)
        return table

    def _verdicts(self, rule: Rule, combos: Any, values: list[list[Any]], order: list[int]) -> Any:
        """Whether ``rule`` refuses each combination (a number of codes, see :meth:`_key`)."""
        return self._tested(rule, combos, values, order)

    def _tested(self, rule: Rule, combos: Any, values: list[list[Any]], order: list[int]) -> Any:
        """Whether ``rule`` refuses each combination (see :func:`_tested`)."""
        return _tested(self.np, rule, combos, values, order)

    def _key(
        self,
        keys: dict[tuple[str, ...], Any],
        paths: list[str],
        reads: list[tuple[Any, list[Any]]],
        rows: Any,
        everywhere: bool,
    ) -> Any:
        """Each row's combination of the codes read, as one number (built once per paths)."""
        found = keys.get(tuple(paths))
        if found is not None:
            return found
        np = self.np
        if len(paths) == 1:
            codes = reads[0][0]
            key = codes if everywhere else codes.take(rows)
        elif len(reads[-1][1]) == 1:  # one value (a column not given): code 0 everywhere
            key = self._key(keys, paths[:-1], reads[:-1], rows, everywhere)
        else:
            head = self._key(keys, paths[:-1], reads[:-1], rows, everywhere)
            codes, values = reads[-1]
            key = np.multiply(head, len(values), dtype=np.int64)  # codes may be int8
            key += codes if everywhere else codes.take(rows)
        keys[tuple(paths)] = key
        return key

    # ----------------------------------------------------------------- facts

    def facts(self, on: dt.date, rules: RuleSet, coded: bool = False) -> Facts:
        """The column facts of every row on ``on`` under ``rules``.

        With ``coded``, the language levels are :class:`~crs._facts.CodedLevels`
        (read by the compiled loop of :mod:`crs._kernels`, not by ``Factor.column``).

        Rows that are not ``ok`` hold garbage.  A result taken after ``on``, or
        expired where ``rules`` stop its points, is not present, and a
        nomination made after ``on`` is not held (as in :func:`crs.scoring.resolve`).
        """
        np = self.np
        spouse = self.present["spouse"]
        counts = _truth(
            np,
            spouse_counts,
            self._flags("spouse.accompanying", _default(Spouse, "accompanying")),
            self._flags(
                "spouse.canadian_citizen_or_pr", _default(Spouse, "canadian_citizen_or_pr")
            ),
        )
        with_spouse = spouse & counts
        age = self._age(on)
        first = self._levels("first_language", on, rules, coded)
        second = self._levels("second_language", on, rules, coded)
        spouse_first = self._levels("spouse.first_language", on, rules, coded)
        spouse_first = spouse_first._replace(present=spouse_first.present & with_spouse)
        languages = np.array(_LANGUAGE_OF_TEST, dtype=np.int64)
        default_education = member_index(_default(Spouse, "education"))

        def spouse_default(education: Any) -> Any:
            return np.where(education < 0, default_education, education)

        def language_of(test: Any) -> Any:
            return languages.take(test)

        def at_least_none(education: Any) -> Any:
            return np.maximum(education, 0)

        fields: dict[str, Any] = {
            "on": on,
            "age": age,
            "with_spouse": with_spouse,
            "education": self._ints_as("education", 0, at_least_none),
            "first": first,
            "first_language": self._ints_as("first_language.test", -1, language_of),
            "first_result": None,
            "second": second,
            "second_language": self._ints_as("second_language.test", -1, language_of),
            "second_result": None,
            "canadian_years": self._ints("canadian_work_years"),
            "foreign_years": self._ints("foreign_work_years"),
            "certificate_of_qualification": self._flags("certificate_of_qualification", False),
            "provincial_nomination": self._nominated(on),
            "sibling_in_canada": self._flags("sibling_in_canada", False),
            "arranged_employment": self._ints("arranged_employment", -1),
            "canadian_education": self._ints("canadian_education", -1),
            "spouse_education": self._ints_as(
                "spouse.education", default_education, spouse_default
            ),
            "spouse_first": spouse_first,
            "spouse_first_result": None,
            "spouse_canadian_years": self._ints("spouse.canadian_work_years") * with_spouse,
        }
        return Facts(**fields)


SECTION_ROWS = {"core": 1, "spouse": 2, "transferability": 3, "additional": 4}
"""The row of each standard section in the points :func:`add_sections` fills (0: the total)."""


def add_sections(points: Any, facts: Any, rules: Any) -> None:
    """Score every section of ``rules`` on column ``facts`` into ``points`` (5 rows).

    Row 0 gets the total; each standard section its own row
    (:data:`SECTION_ROWS`); a section of one's own counts in the total only.
    """
    for section in rules.sections:
        column = section.column(facts, rules)
        points[0] += column
        row = SECTION_ROWS.get(section.key)
        if row is not None:
            points[row] = column
