"""The explained lines of a chunk of JSON Lines, each distinct case explained once.

``crs score FILE.jsonl --format jsonl`` writes every point of every client
explained (:meth:`crs.Score.to_json_text`): about 6 KB a line.  Built one
profile at a time that costs some 150 µs a line; here a chunk of rows checked
by :mod:`crs.cli._chunks` is explained by walking ``rules.sections`` once:

* a factor says which :class:`~crs.ruleset.Facts` fields its line reads
  (:attr:`crs.ruleset.Factor.line_reads`); each row gets the code of its
  values of those fields, and the line of each distinct code is built once,
  by the factor itself, from the facts of one profile of the chunk that has
  it (loaded and resolved as :func:`crs.score` loads and resolves it).  The
  line and its JSON text are remembered by the values (not the codes), so
  the chunks that follow reuse them;
* a language result that gives levels is explained ability by ability (an
  ability's line reads ``with_spouse``, its level, and the test and the score
  in it), and its line joined by :meth:`~crs.factors.kinds.Abilities.joined`;
* a group's line is joined from its parts' lines by
  :meth:`~crs.ruleset.Group.joined`, once per distinct combination of them;
* a row's text is the join of its sections' texts.

The Facts field of a row is read from what :class:`crs.columns.Columns` made
of it: a column of numbers where the column facts hold one value per row
(:data:`_ARRAYS`, :data:`_LEVELS`), the checked input cells where they do not
(a result and why it does not count: :data:`_CELLS`).  A factor that cannot
say what it reads, or reads a field not listed here, makes :func:`plan` say
no: the batch is then explained one profile at a time, as before.
``tests/test_cli_chunks.py`` proves the text byte for byte that of the
scalar path.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from crs.breakdown import Line, _head_of, _head_text, _line_text
from crs.factors.kinds import Abilities
from crs.profile import ABILITIES
from crs.ruleset import Group

__all__ = ["Explainer", "plan"]

_new = tuple.__new__

_ARRAYS = frozenset(
    {
        "age",
        "with_spouse",
        "education",
        "first_language",
        "second_language",
        "canadian_years",
        "foreign_years",
        "certificate_of_qualification",
        "provincial_nomination",
        "sibling_in_canada",
        "arranged_employment",
        "canadian_education",
        "spouse_education",
        "spouse_canadian_years",
    }
)
"""Fields whose column facts hold, row by row, a number that stands for the value.

``spouse_education`` and ``spouse_canadian_years`` are read with ``with_spouse``
(their scalar value is None or 0 without a spouse that counts)."""

_LEVELS = {"first": "first", "second": "second", "spouse_first": "spouse_first"}
"""Levels fields: read from their :class:`~crs.ruleset.Levels4` column (present, four levels)."""

_CELLS: dict[str, tuple[str, ...]] = {
    "first_result": ("first_language",),
    "first_void": ("first_language",),
    "second_result": ("second_language",),
    "second_void": ("second_language",),
    "spouse_first_result": ("spouse.first_language",),
    "spouse_first_void": ("spouse.first_language",),
    "nomination_void": ("provincial_nomination", "nominated_on"),
}
"""Fields read from the checked input cells they come from (every field under these paths)."""

_CONSTANT = frozenset({"on", "work_history", "work_notes"})
"""Fields alike on every row of a chunk: the date, and no work history (those rows go
the scalar way)."""

_WITH_SPOUSE = frozenset(
    {"spouse_education", "spouse_canadian_years", "spouse_first"}
    | {"spouse_first_result", "spouse_first_void"}
)

_KNOWN = _ARRAYS | set(_LEVELS) | set(_CELLS) | _CONSTANT


def _members(kind: Any) -> Any:
    """A column's member position (-1: none) as the member (see :func:`crs.tables.member_index`)."""
    members = list(kind)
    return lambda i: None if i < 0 else members[i]


def _decoders() -> dict[str, Any]:
    """How each field of :data:`_ARRAYS` reads back from its column number."""
    from crs.profile import ArrangedEmployment, CanadianEducation, Education, OfficialLanguage

    language = _members(OfficialLanguage)
    return {
        "age": int,
        "with_spouse": bool,
        "education": _members(Education),
        "first_language": language,
        "second_language": language,
        "canadian_years": int,
        "foreign_years": int,
        "certificate_of_qualification": bool,
        "provincial_nomination": bool,
        "sibling_in_canada": bool,
        "arranged_employment": _members(ArrangedEmployment),
        "canadian_education": _members(CanadianEducation),
        "spouse_education": _members(Education),
        "spouse_canadian_years": int,
    }


_DECODE: dict[str, Any] = {}


def _scalar(name: str, values: tuple[Any, ...]) -> Any:
    """Facts field ``name`` as :func:`crs.scoring.resolve` gives it, from its parts' values."""
    if not _DECODE:
        _DECODE.update(_decoders())
    if name in _WITH_SPOUSE:
        if not values[0]:
            return 0 if name == "spouse_canadian_years" else None
        values = values[1:]
    if name in _LEVELS:
        return tuple(int(v) for v in values[1:]) if values[0] else None
    return _DECODE[name](values[0])


_SCORES = tuple(ability.value for ability in ABILITIES)
_RESULT_PATH = {
    "first_result": "first_language",
    "second_result": "second_language",
    "spouse_first_result": "spouse.first_language",
}


def plan(rules: Any) -> bool:
    """Whether every factor of ``rules`` can be explained here (else: one profile at a time)."""
    return all(_known(section) for section in rules.sections)


def _known(factor: Any) -> bool:
    if type(factor) is Group:
        return all(_known(part) for part in factor.parts)
    if type(factor) is Abilities:
        return factor.levels in _LEVELS and factor.result in _RESULT_PATH
    reads = factor.line_reads
    return reads is not None and set(reads) <= _KNOWN


_LINES: dict[tuple[Any, ...], tuple[Any, Line, str]] = {}
"""Lines built, with their text, by factor, rule set and the values read (bounded)."""
_LIMIT = 50_000


class _Part:
    """One field's reading of the chunk's rows: a code a row, and the value of each code."""

    __slots__ = ("codes", "values")

    def __init__(self, codes: Any, values: list[Any]) -> None:
        self.codes = codes
        self.values = values


class Explainer:
    """The explained lines of a chunk's scored rows.

    Args:
        checked: The chunk's :class:`~crs.columns.Columns`.
        facts: Its column facts.
        rows: The positions (NumPy) of the rows scored here.
        objects: Every row's parsed JSON object (a case's profile is loaded from one).
        on: The scoring date.
        rules: The rule set.
        np: NumPy.
    """

    def __init__(
        self,
        checked: Any,
        facts: Any,
        rows: Any,
        objects: list[Any],
        on: dt.date,
        rules: Any,
        np: Any,
    ) -> None:
        self.checked, self.facts, self.rows = checked, facts, rows
        self.objects, self.on, self.rules, self.np = objects, on, rules, np
        self.m = len(rows)
        self._parts: dict[Any, _Part] = {}
        self._scalar: dict[int, Any] = {}
        self._template: dict[str, Any] | None = None

    def texts(self) -> list[str]:
        """Each scored row's ``lines`` as JSON text (the items, without the brackets)."""
        return _rows_joined([self._node(section) for section in self.rules.sections])

    # ------------------------------------------------------------- reading fields

    def _facts_of(self, position: int) -> Any:
        """The scalar Facts of the row at ``position`` (among the scored rows)."""
        found = self._scalar.get(position)
        if found is None:
            from crs.io import load_profile
            from crs.scoring import resolve

            row = int(self.rows[position])
            found = resolve(load_profile(self.objects[row]), self.on, self.rules)
            self._scalar[position] = found
        return found

    def _read(self, decoded: tuple[tuple[str, ...], list[int]], value: tuple[Any, ...]) -> Any:
        """The Facts of a case from the values of its parts (the other fields: None)."""
        from crs.ruleset import Facts

        names, sizes = decoded
        template = self._template
        if template is None:
            template = dict.fromkeys(Facts._fields)
            template.update(on=self.on, work_history=(), work_notes=())
            self._template = template
        fields = template.copy()
        at = 0
        for name, size in zip(names, sizes, strict=True):
            if name not in _CONSTANT:
                fields[name] = _scalar(name, value[at : at + size])
            at += size
        return _new(Facts, fields.values())

    def _coded(self, key: Any, array: Any) -> _Part:
        """A part from a column of numbers over the chunk (taken at the scored rows)."""
        found = self._parts.get(key)
        if found is None:
            np = self.np
            values, codes = np.unique(np.asarray(array).take(self.rows), return_inverse=True)
            found = self._parts[key] = _Part(codes.ravel().astype(np.int64), values.tolist())
        return found

    def _cell(self, path: str) -> _Part:
        """A part from the checked cells of one input column (absent: its own value)."""
        key = ("cell", path)
        found = self._parts.get(key)
        if found is None:
            column = self.checked.columns[path]
            codes = column.codes.take(self.rows) + 1
            values = [_ABSENT, *((type(v), v) for v in column.values)]
            found = self._parts[key] = _Part(codes, values)
        return found

    def _field(self, name: str) -> list[_Part]:
        """The parts that read Facts field ``name`` on every scored row."""
        facts = self.facts
        parts: list[_Part] = []
        if name in _WITH_SPOUSE:
            parts.append(self._coded("with_spouse", facts.with_spouse))
        if name in _ARRAYS:
            parts.append(self._coded(name, getattr(facts, name)))
        elif name in _LEVELS:
            levels = getattr(facts, _LEVELS[name])
            parts.append(self._coded((name, "present"), levels.present))
            parts.extend(self._coded((name, i), level) for i, level in enumerate(levels.levels))
        elif name in _CELLS:
            for prefix in _CELLS[name]:
                for path in sorted(self.checked.columns):
                    if path == prefix or path.startswith(prefix + "."):
                        parts.append(self._cell(path))
        else:
            assert name in _CONSTANT
        return parts

    def _combine(
        self, parts: list[_Part], *, values: bool = True
    ) -> tuple[Any, list[int], list[tuple[Any, ...]]]:
        """Each row's code of the combination of ``parts``; a first row and the values of each."""
        np = self.np
        m = len(parts[0].codes) if parts else self.m
        key = np.zeros(m, dtype=np.int64)
        size = 1
        for part in parts:
            count = max(len(part.values), 1)
            if size * count >= 2**62:
                _, inverse = np.unique(key, return_inverse=True)
                key = inverse.ravel().astype(np.int64)
                size = m
            key = key * count + part.codes
            size *= count
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        firsts = first.tolist()
        if not values:
            return inverse.ravel(), firsts, []
        if not parts:
            return inverse.ravel(), firsts, [()] * len(firsts)
        found = [list(map(p.values.__getitem__, p.codes.take(first).tolist())) for p in parts]
        return inverse.ravel(), firsts, list(zip(*found, strict=True))

    # ------------------------------------------------------------- lines

    def _node(self, factor: Any, where: Any = None) -> _Node:
        """Each row's code, and each code's points and text, for ``factor``.

        With ``where`` (a mask of the scored rows, some true), only those rows
        are explained: the line of the others is never read.
        """
        if type(factor) is Group:
            return self._group(factor, where)
        if type(factor) is Abilities:
            return self._abilities(factor, where)
        reads = tuple(dict.fromkeys(factor.line_reads))  # each field once
        fields = [(name, self._field(name)) for name in reads]
        parts = [p for _, found in fields for p in found]
        build = lambda facts: factor.line(facts, self.rules)  # noqa: E731
        if set(reads) & set(_CELLS):
            return self._leaf(factor, ("line",), parts, build, where)
        # Every field read has a number a row: the case's Facts are read back from them.
        reader = self._reader(reads, [len(found) for _, found in fields])
        return self._leaf(factor, ("line",), parts, build, where, reader)

    def _reader(self, reads: tuple[str, ...], sizes: list[int]) -> Any:
        """A function from a case's part values to its Facts (the fields not read: None)."""
        from crs.ruleset import Facts

        if not _DECODE:
            _DECODE.update(_decoders())
        template = dict.fromkeys(Facts._fields)
        template.update(on=self.on, work_history=(), work_notes=())
        index = {name: i for i, name in enumerate(Facts._fields)}
        steps = []
        at = 0
        for name, size in zip(reads, sizes, strict=True):
            if name not in _CONSTANT:
                steps.append((index[name], name, at, at + size))
            at += size
        base = list(template.values())

        def read(value: tuple[Any, ...]) -> Any:
            fields = base.copy()
            for i, name, start, stop in steps:
                fields[i] = _scalar(name, value[start:stop])
            return _new(Facts, fields)

        return read

    def _leaf(
        self,
        factor: Any,
        what: tuple[Any, ...],
        parts: list[_Part],
        build: Any,
        where: Any = None,
        reader: Any = None,
    ) -> _Node:
        """A line read from ``parts``: built by ``build`` on one row's Facts per distinct case.

        With ``where`` (a mask of the scored rows, some true), only those rows
        are read; the others get the code of the first of them.  ``reader``
        makes a case's Facts from its values (else one row's profile is loaded).
        """
        np = self.np
        index = None
        if where is not None and not where.all():
            index = np.flatnonzero(where)
            parts = [_Part(p.codes.take(index), p.values) for p in parts]
        codes, firsts, values = self._combine(parts)
        if index is not None:
            full = np.full(self.m, codes[0], dtype=np.int64)
            full[index] = codes
            codes = full
            firsts = index.take(firsts).tolist()
        rules = self.rules
        lines, texts = [], []
        cache = _LINES
        for first, value in zip(firsts, values, strict=True):
            key = (id(factor), id(rules), *what, value)
            found = cache.get(key)
            if found is None or found[0] is not factor or found[1] is not rules:
                line = build(self._facts_of(first) if reader is None else reader(value))
                text = _line_text(line) if line.children else _head_text(line)
                if len(cache) >= _LIMIT:
                    cache.clear()
                found = cache[key] = (factor, rules, line, text)
            lines.append(found[2])
            texts.append(found[3])
        points = np.array([line.points for line in lines], dtype=np.int64)
        return _Node(codes, points, texts, lines)

    def _abilities(self, factor: Abilities, where: Any) -> _Node:
        """A result's line: from its four abilities' lines where it gives levels."""
        np = self.np
        rules = self.rules
        levels = getattr(self.facts, factor.levels)
        has = np.asarray(levels.present, dtype=bool).take(self.rows)
        if where is not None:
            has &= where
        path = _RESULT_PATH[factor.result]
        columns = self.checked.columns
        whole_parts = [p for name in factor.line_reads for p in self._field(name)]
        scored = [f"{path}.{ability}" for ability in _SCORES]
        build = lambda f: factor.line(f, rules)  # noqa: E731
        if not has.any() or any(name not in columns for name in (f"{path}.test", *scored)):
            return self._leaf(factor, ("whole",), whole_parts, build, where)
        # A row with levels is explained by its four abilities (each read on rows with
        # levels only), a row without by the whole reads (on rows without levels only).
        spouse = self._coded("with_spouse", self.facts.with_spouse)
        test = self._cell(f"{path}.test")
        children = []
        for i, score in enumerate(scored):
            parts = [spouse, self._coded((factor.levels, i), levels.levels[i]), test]
            parts.append(self._cell(score))

            def child(facts: Any, i: int = i) -> Line:
                return factor.line(facts, rules).children[i]

            children.append(self._leaf(factor, ("ability", i), parts, child, has))
        others = ~has if where is None else ~has & where
        whole = self._leaf(factor, ("whole",), whole_parts, build, others) if others.any() else None
        total = sum(c.points.take(c.codes) for c in children)
        heads = [_Part(has.astype(np.int64), [False, True]), self._values(np.where(has, total, 0))]
        if whole is not None:
            heads.append(_Part(np.where(has, 0, whole.codes), whole.texts))
        codes, firsts, _ = self._combine(heads, values=False)
        prefixes: list[str | None] = []
        points = []
        for first in firsts:
            if has[first] or whole is None:
                line = factor.joined(tuple(c.lines[c.codes[first]] for c in children))
                prefixes.append(_head_of(line)[:-1] + ',"children":[')
            else:
                line = whole.lines[whole.codes[first]]
                prefixes.append(None)
            points.append(line.points)
        inner = _rows_joined(children)
        whole_texts = (
            [""] * self.m
            if whole is None
            else list(map(whole.texts.__getitem__, whole.codes.tolist()))
        )
        texts = [
            whole_text if prefix is None else prefix + joined + "]}"
            for prefix, joined, whole_text in zip(
                map(prefixes.__getitem__, codes.tolist()), inner, whole_texts, strict=True
            )
        ]
        return self._per_row(np.array(points, dtype=np.int64).take(codes), texts)

    def _group(self, group: Group, where: Any) -> _Node:
        """A group's line, joined from its parts' lines by :meth:`~crs.ruleset.Group.joined`.

        Its head (points, cap) is joined once per distinct case (whether the
        spouse counts, and the parts' points); each row's text is that head
        with its parts' texts.
        """
        np = self.np
        spouse = self._coded("with_spouse", self.facts.with_spouse)
        inner = where
        if group.only_with_spouse:  # the parts are read only where the spouse counts
            counts = np.asarray(self.facts.with_spouse, dtype=bool).take(self.rows)
            inner = counts if where is None else counts & where
        children: list[_Node] = []
        if inner is None or inner.any():
            children = [self._node(part, inner) for part in group.parts]
        read = np.ones(self.m, dtype=bool) if inner is None else inner
        heads = [spouse, _Part(read.astype(np.int64), [False, True])]
        heads.extend(self._values(c.points.take(c.codes)) for c in children)
        codes, firsts, _ = self._combine(heads, values=False)
        rules = self.rules
        heads_texts, prefixes, points = [], [], []
        for first in firsts:
            with_spouse = bool(spouse.values[int(spouse.codes[first])])
            if not read[first]:  # never read: no parts
                line = group.joined((), with_spouse, rules)
            else:
                line = group.joined(tuple(_stub(c, first) for c in children), with_spouse, rules)
            head = _head_of(line)
            heads_texts.append(head)
            prefixes.append(head[:-1] + ',"children":[' if line.children else None)
            points.append(line.points)
        joined = _rows_joined(children) if children else [""] * self.m
        texts = [
            heads_texts[code] if prefixes[code] is None else f"{prefixes[code]}{inner_text}]}}"
            for code, inner_text in zip(codes.tolist(), joined, strict=True)
        ]
        return self._per_row(np.array(points, dtype=np.int64).take(codes), texts)

    def _values(self, array: Any) -> _Part:
        """A part from a column of numbers over the scored rows."""
        values, codes = self.np.unique(array, return_inverse=True)
        return _Part(codes.ravel().astype(self.np.int64), values.tolist())

    def _per_row(self, points: Any, texts: list[str]) -> _Node:
        """A node explained row by row: code ``i`` is row ``i``."""
        np = self.np
        return _Node(np.arange(self.m, dtype=np.int64), points, texts, None)


class _Node:
    """A factor explained over the scored rows: each row's code; each code's points, text, line."""

    __slots__ = ("codes", "lines", "points", "texts")

    def __init__(self, codes: Any, points: Any, texts: list[str], lines: list[Line] | None) -> None:
        self.codes = codes
        self.points = points  # NumPy, a value a code
        self.texts = texts
        self.lines = lines  # None: a group (only its points are read by its parent)


def _stub(node: _Node, row: int) -> Line:
    """The line of ``node`` at ``row`` as its parent's ``joined`` reads it (its points)."""
    code = int(node.codes[row])
    if node.lines is not None:
        return node.lines[code]
    return _new(Line, ("", "", int(node.points[code]), "", (), None, None, None))


def _rows_joined(children: list[_Node]) -> list[str]:
    """Each row's children's texts, joined by commas."""
    per_child = [list(map(c.texts.__getitem__, c.codes.tolist())) for c in children]
    if len(per_child) == 1:
        return per_child[0]
    return list(map(",".join, zip(*per_child, strict=True)))


class _Absent:
    """A cell the row does not give (a value key of its own)."""

    def __repr__(self) -> str:
        return "<absent>"


_ABSENT = _Absent()
