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
  :meth:`~crs.ruleset.Group.joined`: its head once per distinct sum of their
  points (all that the head reads of them), its text a row as pieces;
* a row's text is its pieces (the texts of its lines' heads and leaves)
  joined once, straight into the block written; on a UTF-8 output the pieces
  are UTF-8 bytes, each text encoded once (:meth:`crs.cli._output.Output.binary`).

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
from collections.abc import Callable
from functools import partial
from typing import Any

import crs.cli._common  # noqa: F401  (registers the crs-escape error handler that _utf8 uses)
from crs.breakdown import Line, _head_of, _head_text, _line_text, _string
from crs.factors.kinds import Abilities, Tiers, Words, table_of
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

_MARK = "\ue000"
"""Where a template's varying words go: a private-use character (a line whose other words
hold it too is built in full instead)."""


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


def _scalar(name: str, start: int) -> Any:
    """A function: the part values of a case to Facts field ``name`` (its parts from ``start``).

    As :func:`crs.scoring.resolve` gives the field.
    """
    if not _DECODE:
        _DECODE.update(_decoders())
    at = start + 1 if name in _WITH_SPOUSE else start
    read: Callable[[tuple[Any, ...]], Any]
    if name in _LEVELS:
        read = lambda v: (v[at + 1], v[at + 2], v[at + 3], v[at + 4]) if v[at] else None  # noqa: E731
    else:
        decode = _DECODE[name]
        read = lambda v: decode(v[at])  # noqa: E731
    if name not in _WITH_SPOUSE:
        return read
    none = 0 if name == "spouse_canadian_years" else None
    return lambda v: read(v) if v[start] else none


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


_Texts = dict[Any, tuple[Line, str, bytes]]
_LINES: dict[tuple[Any, ...], tuple[Any, Any, _Texts, _Texts]] = {}
"""Lines built, with their text: by factor, rule set, date and what (a line, an ability),
then by the values read, and by the line's identity (each bounded by :data:`_LIMIT`)."""
_LIMIT = 50_000
_SAID: dict[tuple[Any, ...], dict[Any, str]] = {}
"""Words said (:class:`~crs.factors.kinds.Words` parts, as JSON text): by the function and
the fields it says, then by the values read (each bounded by :data:`_LIMIT`)."""


def _cache(factor: Any, rules: Any, on: dt.date, what: tuple[Any, ...]) -> tuple[_Texts, _Texts]:
    """The lines of ``factor`` under ``rules`` on ``on``, and the rule set kept alive with them.

    By the date too: the values read are the input's, which resolve by the date
    (a result that no longer counts says so).
    """
    key = (id(factor), id(rules), on, *what)
    found = _LINES.get(key)
    if found is None or found[0] is not factor or found[1] is not rules:
        if len(_LINES) >= 1_000:
            _LINES.clear()
        found = _LINES[key] = (factor, rules, {}, {})
    return found[2], found[3]


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
        binary: Texts as UTF-8 bytes (a character UTF-8 cannot hold, a lone
            surrogate, written as the ``crs-escape`` error handler of the
            commands writes it), else ``str``.
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
        binary: bool = False,
    ) -> None:
        self.binary = binary
        self.encode: Callable[[str], Any] = _utf8 if binary else _same
        self.empty: Any = b"" if binary else ""
        self.checked, self.facts, self.rows = checked, facts, rows
        self.objects, self.on, self.rules, self.np = objects, on, rules, np
        self.m = len(rows)
        self._parts: dict[Any, _Part] = {}
        self._words_of: dict[Any, tuple[Any, list[str]]] = {}
        self._scalar: dict[int, Any] = {}

    def pieces(self) -> list[Any]:
        """The scored rows' ``lines`` as JSON text (the items, without the brackets), in pieces.

        Each piece is a list (a text a row) or a text alike on every row;
        a row's text is its pieces joined in order.  Texts are ``str``, or
        UTF-8 ``bytes`` when the explainer was made ``binary``.
        """
        pieces: list[Any] = []
        comma = self.encode(",")
        for i, section in enumerate(self.rules.sections):
            if i:
                pieces.append(comma)
            pieces.extend(_pieces_of(self._node(section)))
        return pieces

    def texts(self) -> list[Any]:
        """Each scored row's ``lines`` as JSON text (the items, without the brackets)."""
        return _joined(self.pieces(), self.empty)

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

    def _coded(self, key: Any, array: Any) -> _Part:
        """A part from a column of numbers over the chunk (taken at the scored rows)."""
        found = self._parts.get(key)
        if found is None:
            found = self._parts[key] = self._values(self.np.asarray(array).take(self.rows))
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
        if m and size <= 4 * m + 4096:  # a small range: counted, not sorted
            seen = np.zeros(size, dtype=bool)
            seen[key] = True
            combos = np.flatnonzero(seen)
            renumber = np.zeros(size, dtype=np.int64)
            renumber[combos] = np.arange(len(combos), dtype=np.int64)
            inverse = renumber.take(key)
            first = np.empty(len(combos), dtype=np.int64)
            first[inverse[::-1]] = np.arange(m - 1, -1, -1, dtype=np.int64)  # the first wins
        else:
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
        if type(factor) is Tiers and not set(factor.describe) & set(_CELLS):
            worded = self._worded(factor) if where is None else None
            return self._tiers(factor, where) if worded is None else worded
        reads = tuple(dict.fromkeys(factor.line_reads))  # each field once
        fields = [(name, self._field(name)) for name in reads]
        parts = [p for _, found in fields for p in found]
        build = lambda facts: factor.line(facts, self.rules)  # noqa: E731
        if set(reads) & set(_CELLS):
            return self._leaf(factor, ("line",), parts, build, where)
        # Every field read has a number a row: the case's Facts are read back from them.
        reader = self._reader(reads, [len(found) for _, found in fields])
        return self._leaf(factor, ("line",), parts, build, where, reader)

    def _tiers(self, factor: Tiers, where: Any) -> _Node:
        """A :class:`~crs.factors.kinds.Tiers` line: read by its two tiers and its described facts.

        The tiers are the factor's own columns (what :meth:`Tiers.column` reads).
        A distinct case's line is built by :meth:`Tiers.said`, its text from
        a template: the text of a line :meth:`Tiers.said` builds for the same
        tiers with a mark for the described facts, the mark replaced by their
        words (:attr:`Tiers.reason`) as JSON text.
        """
        rules, facts = self.rules, self.facts
        matrix = table_of(rules, factor.matrix)
        tiers = [
            self._coded(("tier", id(tier)), tier.column(facts, rules))
            for tier in (factor.row, factor.column_tier)
        ]
        names = tuple(dict.fromkeys(factor.describe))
        fields = [self._field(name) for name in names]
        pick = self._picker(names, [len(found) for found in fields], 2)
        reason, said = factor.reason, factor.said
        templates: dict[tuple[int, int], tuple[str, ...]] = {}

        def made(value: tuple[Any, ...]) -> tuple[Line, str]:
            row, column = value[0], value[1]
            words = reason(pick(value))
            line = said(matrix, row, column, words)
            template = templates.get((row, column))
            if template is None:
                marked = _head_text(said(matrix, row, column, _MARK)).split(_MARK)
                template = templates[row, column] = tuple(marked) if len(marked) == 2 else ()
            if template:  # else the mark is in the line's other words too
                return line, f"{template[0]}{_string(words)[1:-1]}{template[1]}"
            return line, _head_text(line)

        parts = [*tiers, *(p for found in fields for p in found)]
        return self._leaf(factor, ("said",), parts, None, where, made=made)

    def _worded(self, factor: Tiers) -> _Node | None:
        """A :class:`~crs.factors.kinds.Tiers` line with its reason in :class:`Words`.

        Each row's text in pieces: the template of its tiers (as :meth:`_tiers`
        reads it) around its words, each part of the words said once per
        distinct value of the facts it reads (:meth:`_words`); None when the
        reason is not :class:`~crs.factors.kinds.Words` or a template has the
        mark elsewhere (then :meth:`_tiers`).
        """
        words = factor.reason
        if type(words) is not Words or not words.parts:
            return None
        np, rules = self.np, self.rules
        matrix = table_of(rules, factor.matrix)
        tiers = [
            self._coded(("tier", id(tier)), tier.column(self.facts, rules))
            for tier in (factor.row, factor.column_tier)
        ]
        codes, _, cases = self._combine(tiers)
        heads, tails, points = [], [], []
        for row, column in cases:
            marked = _head_text(factor.said(matrix, row, column, _MARK)).split(_MARK)
            if len(marked) != 2:
                return None
            heads.append(marked[0])
            tails.append(marked[1])
            points.append(matrix.points[row][column])
        said = [self._words(tuple(factor.describe[i] for i in at), say) for at, say in words.parts]
        sep = _string(words.sep)[1:-1]
        # The head, the first part's words and the separator: one piece (few cases).
        first_codes, first_texts = said[0]
        key = codes * len(first_texts) + first_codes
        opening = self._values(key)
        encode = self.encode
        texts = []
        for value in opening.values:
            case, word = divmod(value, len(first_texts))
            texts.append(encode(heads[case] + first_texts[word] + (sep if len(said) > 1 else "")))
        pieces: list[Any] = [list(map(texts.__getitem__, opening.codes.tolist()))]
        between = encode(sep)
        for i, (part_codes, part_texts) in enumerate(said[1:], start=2):
            encoded = list(map(encode, part_texts))
            pieces.append(list(map(encoded.__getitem__, part_codes.tolist())))
            if i < len(said):
                pieces.append(between)
        ends = list(map(encode, tails))
        pieces.append(list(map(ends.__getitem__, codes.tolist())))
        node = self._per_row(np.array(points, dtype=np.int64).take(codes), [])
        node.texts = None
        node.pieces = pieces
        return node

    def _words(self, names: tuple[str, ...], say: Any) -> tuple[Any, list[str]]:
        """Each row's code of the words ``say`` gives the facts ``names``; each code's words.

        The words as JSON text (escaped, without quotes), remembered by the
        values read, so the lines that say them alike, and the chunks that
        follow, share them.
        """
        key = (names, say)
        known = self._words_of.get(key)
        if known is not None:
            return known
        fields = [self._field(name) for name in names]
        parts = [p for found_parts in fields for p in found_parts]
        pick = self._picker(names, [len(f) for f in fields], 0)
        codes, _, values = self._combine(parts)
        cache = _SAID.get((say, names))
        if cache is None:
            if len(_SAID) >= 1_000:
                _SAID.clear()
            cache = _SAID[say, names] = {}
        texts: list[str] = []
        for value in values:
            text = cache.get(value)
            if text is None:
                text = _string(say(*pick(value)))[1:-1]
                if len(cache) >= _LIMIT:
                    cache.clear()
                cache[value] = text
            texts.append(text)
        self._words_of[key] = (codes, texts)
        return codes, texts

    def _picker(self, names: tuple[str, ...], sizes: list[int], start: int) -> Any:
        """A function from a case's part values (fields from ``start``) to those fields' values."""
        constant = {"on": self.on, "work_history": (), "work_notes": ()}
        steps: list[Callable[[tuple[Any, ...]], Any]] = []
        at = start
        for name, size in zip(names, sizes, strict=True):
            if name in _CONSTANT:
                steps.append(partial(_constant, constant[name]))
            else:
                steps.append(_scalar(name, at))
            at += size
        return lambda value: tuple([step(value) for step in steps])

    def _reader(self, reads: tuple[str, ...], sizes: list[int]) -> Any:
        """A function from a case's part values to its Facts (the fields not read: None)."""
        from crs.ruleset import Facts

        template = dict.fromkeys(Facts._fields)
        template.update(on=self.on, work_history=(), work_notes=())
        index = {name: i for i, name in enumerate(Facts._fields)}
        steps = []
        at = 0
        for name, size in zip(reads, sizes, strict=True):
            if name not in _CONSTANT:
                steps.append((index[name], _scalar(name, at)))
            at += size
        base = list(template.values())

        def read(value: tuple[Any, ...]) -> Any:
            fields = base.copy()
            for i, field in steps:
                fields[i] = field(value)
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
        made: Any = None,
    ) -> _Node:
        """A line read from ``parts``: built by ``build`` on one row's Facts per distinct case.

        With ``where`` (a mask of the scored rows, some true), only those rows
        are read; the others get the code of the first of them.  ``reader``
        makes a case's Facts from its values (else one row's profile is loaded).
        ``made``, if given, makes a case's line and its text from its values
        (``build`` is then not called).
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
        cache, by_line = _cache(factor, rules, self.on, what)
        get = cache.get
        slot = 2 if self.binary else 1  # the text, or its UTF-8
        for first, value in zip(firsts, values, strict=True):
            found = get(value)
            if found is None and made is not None:
                line, text = made(value)
                found = (line, text, _utf8(text))
                if len(cache) >= _LIMIT:
                    cache.clear()
                cache[value] = found
            elif found is None:
                line = build(self._facts_of(first) if reader is None else reader(value))
                # A factor's memo may give the same line to other values: its text once.
                found = by_line.get(id(line))
                if found is None or found[0] is not line:
                    text = _line_text(line) if line.children else _head_text(line)
                    found = (line, text, _utf8(text))
                    if len(by_line) >= _LIMIT:
                        by_line.clear()
                    by_line[id(line)] = found
                if len(cache) >= _LIMIT:
                    cache.clear()
                cache[value] = found
            lines.append(found[0])
            texts.append(found[slot])
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
            heads.append(_Part(np.where(has, 0, whole.codes), whole.lines or []))
        codes, firsts, _ = self._combine(heads, values=False)
        prefixes, points = [], []
        for first in firsts:
            if has[first] or whole is None:
                line = factor.joined(tuple(c.lines[c.codes[first]] for c in children))  # type: ignore[index]
                prefixes.append(self.encode(_head_of(line)[:-1] + ',"children":['))
            else:
                line = whole.lines[whole.codes[first]]  # type: ignore[index]
                prefixes.append(self.empty)
            points.append(line.points)
        node = self._pieces(np.array(points, dtype=np.int64).take(codes), prefixes, codes, children)
        if whole is None:  # every row read has levels: the row's text in pieces
            return node
        # Else each row's text: its abilities joined, or its whole line's text.
        joined = _joined(node.pieces, self.empty)
        wholes = _row_texts(whole, self.empty)
        texts = [
            a if given else b for a, b, given in zip(joined, wholes, has.tolist(), strict=True)
        ]
        return self._per_row(node.points, texts)

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
        # The head (points, cap, uncapped) reads the parts' lines through their points' sum.
        heads = [spouse, _Part(read.astype(np.int64), [False, True])]
        if children:
            heads.append(self._values(sum(c.points.take(c.codes) for c in children)))
        codes, firsts, _ = self._combine(heads, values=False)
        rules = self.rules
        encode = self.encode
        prefixes, alone, points = [], [], []
        # In pieces when every row the parent reads has the parts' lines as its children.
        pieces = bool(children)
        for first in firsts:
            with_spouse = bool(spouse.values[int(spouse.codes[first])])
            if not read[first]:  # single, or never read by the parent: no parts
                line = group.joined((), with_spouse, rules)
            else:
                line = group.joined(tuple(_stub(c, first) for c in children), with_spouse, rules)
            if where is None or where[first]:
                pieces = pieces and bool(line.children)
            head = _head_of(line)
            prefixes.append(encode(head[:-1] + ',"children":[') if line.children else None)
            alone.append(None if line.children else encode(head))
            points.append(line.points)
        row_points = np.array(points, dtype=np.int64).take(codes)
        if pieces:
            return self._pieces(row_points, prefixes, codes, children)
        # Else each row's text: its head alone, or its head with its parts joined.
        row_alone = list(map(alone.__getitem__, codes.tolist()))
        if not children:
            return self._per_row(row_points, row_alone)
        empty = self.empty
        opening = [empty if prefix is None else prefix for prefix in prefixes]
        joined = _joined(self._pieces(row_points, opening, codes, children).pieces, empty)
        texts = [b if a is None else a for a, b in zip(row_alone, joined, strict=True)]
        return self._per_row(row_points, texts)

    def _values(self, array: Any) -> _Part:
        """A part from a column of numbers over the scored rows: its distinct values, sorted.

        As ``numpy.unique`` gives them; integers (or booleans) of a small range
        are counted rather than sorted.
        """
        np = self.np
        array = np.asarray(array)
        if array.dtype.kind in "biu" and len(array):
            low, high = int(array.min()), int(array.max())
            if high - low <= 4 * len(array) + 4096:
                shifted = array.astype(np.int64) - low
                seen = np.zeros(high - low + 1, dtype=bool)
                seen[shifted] = True
                present = np.flatnonzero(seen)
                renumber = np.zeros(high - low + 1, dtype=np.int64)
                renumber[present] = np.arange(len(present), dtype=np.int64)
                values = (present + low).astype(array.dtype)
                return _Part(renumber.take(shifted), values.tolist())
        values, codes = np.unique(array, return_inverse=True)
        return _Part(codes.ravel().astype(np.int64), values.tolist())

    def _per_row(self, points: Any, texts: list[Any]) -> _Node:
        """A node explained row by row: code ``i`` is row ``i``."""
        np = self.np
        return _Node(np.arange(self.m, dtype=np.int64), points, texts, None)

    def _pieces(self, points: Any, prefixes: list[Any], codes: Any, children: list[_Node]) -> _Node:
        """A parent line as pieces a row: its head's prefix, its children, the brackets.

        Joined once, with every other piece of the row (:meth:`pieces`), rather
        than into one text per line.
        """
        comma, close = self.encode(","), self.encode("]}")
        pieces: list[Any] = [list(map(prefixes.__getitem__, codes.tolist()))]
        for i, child in enumerate(children):
            if i:
                pieces.append(comma)
            pieces.extend(_pieces_of(child))
        pieces.append(close)
        node = self._per_row(points, [])
        node.texts = None
        node.pieces = pieces
        return node


class _Node:
    """A factor explained over the scored rows: each row's code; each code's points, text, line."""

    __slots__ = ("codes", "lines", "pieces", "points", "texts")

    def __init__(self, codes: Any, points: Any, texts: list[Any], lines: list[Line] | None) -> None:
        self.codes = codes
        self.points = points  # NumPy, a value a code
        self.texts: list[Any] | None = texts  # None: in pieces (str, or UTF-8 bytes)
        self.lines = lines  # None: a group (only its points are read by its parent)
        self.pieces: list[Any] = []  # a list a row, or a text alike on every row


def _pieces_of(node: _Node) -> list[Any]:
    """The node's text on each row, as pieces (lists a row, or texts alike on every row)."""
    if node.texts is None:
        return node.pieces
    return [list(map(node.texts.__getitem__, node.codes.tolist()))]


def _row_texts(node: _Node, empty: Any = "") -> list[Any]:
    """The node's text on each row."""
    if node.texts is not None:
        return list(map(node.texts.__getitem__, node.codes.tolist()))
    return _joined(node.pieces, empty)


def _joined(pieces: list[Any], empty: Any) -> list[Any]:
    """Each row's pieces joined."""
    from itertools import repeat

    columns = [piece if type(piece) is list else repeat(piece) for piece in pieces]
    return list(map(empty.join, zip(*columns, strict=False)))  # the repeats never end


def _constant(value: Any, _: tuple[Any, ...]) -> Any:
    """``value``, whatever a case's values (a field alike on every row)."""
    return value


def _same(text: str) -> str:
    return text


def _utf8(text: str) -> bytes:
    """``text`` as UTF-8, as the commands' output writes it (see :mod:`crs.cli._common`)."""
    return text.encode("utf-8", "crs-escape")


def _stub(node: _Node, row: int) -> Line:
    """The line of ``node`` at ``row`` as its parent's ``joined`` reads it (its points)."""
    code = int(node.codes[row])
    if node.lines is not None:
        return node.lines[code]
    return _new(Line, ("", "", int(node.points[code]), "", (), None, None, None))


class _Absent:
    """A cell the row does not give (a value key of its own)."""

    def __repr__(self) -> str:
        return "<absent>"


_ABSENT = _Absent()
