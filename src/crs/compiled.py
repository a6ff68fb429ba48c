"""A rule set compiled into one flat function: the subtotals in a handful of lookups.

:func:`crs.score` needs only the points of each section; the explanation
(:attr:`crs.Score.lines`) is built from the factors when it is asked for.  So
the first time a rule set scores, :func:`scorer` compiles its ``sections``
into a single Python function of the resolved facts (a tuple in
:class:`~crs.ruleset.Facts` order):

* each factor kind says what it reads and emits the lookup that scores it
  (:meth:`crs.ruleset.Factor.compile`): a :class:`~crs.factors.kinds.Table`
  becomes an index into its table's own lookup tuple or dict, a
  :class:`~crs.factors.kinds.Tiers` a matrix cell, a group a sum and a cap;
* the values, thresholds and caps are read from the rule set's tables when it
  is compiled, never written a second time, so a rule set of one's own
  (built with :func:`attrs.evolve`) compiles exactly like IRCC's;
* a factor that cannot say what it reads (a :class:`~crs.factors.kinds.Custom`
  function, a factor class of one's own, a subclass of a kind that changes its
  ``points``) is called as it is, with the :class:`~crs.ruleset.Facts`.

Property tests prove that the compiled function gives every section the same
points as the explained tree (``Factor.points`` and ``Factor.line``) on every
bundled rule set and on rule sets of one's own (``tests/test_compiled.py``).
"""

from __future__ import annotations

import enum
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crs.tables import Lookup, Spoused, Steps

if TYPE_CHECKING:
    from crs.breakdown import Score
    from crs.ruleset import Factor, RuleSet

__all__ = ["Code", "Scorer", "scorer", "source_of"]

Scorer = Callable[[tuple[Any, ...], "RuleSet", Any, tuple[str, ...], "str | None"], "Score"]
"""A compiled rule set: (facts tuple, rules, date, warnings, client id) to the Score."""


class Code:
    """The function being compiled: its statements, its locals and its constants.

    A factor's :meth:`~crs.ruleset.Factor.compile` adds the statements that
    put its points in a fresh local (:meth:`var`) and returns that local's
    name, reading facts with :meth:`fact` and tables with :meth:`read` or
    :meth:`const`.
    """

    def __init__(self, rules: RuleSet) -> None:
        from crs._facts import field_types, flag_fields
        from crs.ruleset import Facts

        self.rules = rules
        self.lines: list[str] = []
        self.depth = 1
        self.namespace: dict[str, Any] = {"_RULES": rules}
        self.facts_read: dict[str, int] = {}
        self.needs_facts = False
        self._count = 0
        self._known: dict[Any, tuple[str, int]] = {}
        self.per_levels: list[str] = []
        self._fields = {name: i for i, name in enumerate(Facts._fields)}
        text = field_types()
        self._booleans = flag_fields()
        self._nullable = {name for name in Facts._fields if "None" in text[name]}

    def emit(self, line: str) -> None:
        """Add one statement at the current depth."""
        self.lines.append("    " * self.depth + line)

    def indent(self) -> None:
        """Start a nested block (the body of an ``if``)."""
        self.depth += 1

    def dedent(self) -> None:
        """End a nested block: locals first set inside it are no longer known."""
        self.depth -= 1
        self._known = {k: v for k, v in self._known.items() if v[1] <= self.depth}

    def known(self, key: Any) -> str | None:
        """The local already holding the value named ``key`` in this block, or None."""
        found = self._known.get(key)
        return None if found is None else found[0]

    def remember(self, key: Any, name: str) -> None:
        """Note that local ``name`` holds the value named ``key`` (reused, not recomputed)."""
        self._known[key] = (name, self.depth)

    def var(self, prefix: str = "p") -> str:
        """A fresh local name."""
        self._count += 1
        return f"{prefix}{self._count}"

    def const(self, value: Any, prefix: str = "K") -> str:
        """A global of the compiled function bound to ``value``."""
        name = self.var(f"_{prefix}")
        self.namespace[name] = value
        return name

    def fact(self, field: str) -> str:
        """The local holding the :class:`~crs.ruleset.Facts` field ``field``.

        Raises:
            KeyError: If Facts has no such field.
        """
        self.facts_read[field] = self._fields[field]
        return f"f_{field}"

    def nullable(self, field: str) -> bool:
        """Whether the Facts field may be None (its annotation says so)."""
        return field in self._nullable

    def boolean(self, field: str) -> bool:
        """Whether the Facts field is always a bool (its annotation is ``bool``)."""
        return field in self._booleans

    def facts(self) -> str:
        """The local holding the whole :class:`~crs.ruleset.Facts` (built once a call)."""
        self.needs_facts = True
        return "facts"

    def read(self, table: Any, value: str, *, nullable: bool) -> str:
        """An expression: ``table(value)`` as a flat lookup, 0 for a None value.

        Steps read their lookup tuple, a Lookup its dict, an Award its points;
        a :class:`~crs.tables.Spoused` pair picks by ``with_spouse``; any other
        table is called.
        """
        from crs.ruleset import Award

        if isinstance(table, Spoused):
            spouse = self.fact("with_spouse")
            pair = (table.with_spouse, table.single)
            if (
                all(type(t) is Steps for t in pair)
                and len({(len(t._lookup), t._lookup[-1]) for t in pair}) == 1
            ):
                # Both columns alike in shape: pick the lookup, then index it once.
                lookups = [self.const(tuple(t._lookup), "S") for t in pair]
                picked = f"({lookups[0]} if {spouse} else {lookups[1]})"
                return self._steps(picked, pair[0]._lookup, value, nullable=nullable)
            return (
                f"({self.read(table.with_spouse, value, nullable=nullable)} if {spouse} "
                f"else {self.read(table.single, value, nullable=nullable)})"
            )
        if type(table) is Steps:
            steps = tuple(table._lookup)
            return self._steps(self.const(steps, "S"), steps, value, nullable=nullable)
        if type(table) is Lookup:
            keys = list(table.values)
            kinds = {type(key) for key in keys}
            kind = next(iter(kinds)) if len(kinds) == 1 else None
            if kind is not None and issubclass(kind, enum.Enum) and kind.__hash__ is not _ID_HASH:
                # Enum members hash in Python (unless by identity, as crs's choices do);
                # their names hash in C: look up by name.
                names = {key.name: points for key, points in table.values.items()}
                lookup = f"{self.const(names, 'L')}[{value}._name_]"
                return f"(0 if {value} is None else {lookup})" if nullable else lookup
            mapping = {**table.values, None: 0}
            return f"{self.const(mapping, 'L')}[{value}]"
        if type(table) is Award:
            return f"({table.points} if {value} else 0)"
        expr = f"{self.const(table, 'T')}({value})"
        return f"(0 if {value} is None else {expr})" if nullable else expr

    @staticmethod
    def _steps(name: str, lookup: tuple[int, ...], value: str, *, nullable: bool) -> str:
        """``Steps.__call__`` as an expression: the lookup below its length, the last above."""
        n, last = len(lookup), lookup[-1]
        expr = f"({name}[{value}] if 0 <= {value} < {n} else ({last} if {value} >= {n} else 0))"
        return f"(0 if {value} is None else {expr})" if nullable else expr

    def memo(self, function: Callable[[Any], int], *, none: int = 0) -> str:
        """A global dict that remembers ``function`` of each key (None: ``none``).

        For pure functions of a small key (four language levels): one lookup a
        call after the first.
        """
        memo = _Memo(function)
        memo[None] = none
        return self.const(memo, "D")

    def per_level(self, function: Callable[[Any], int], *, none: int = 0) -> str:
        """A global dict of ``function`` of each language level (None: ``none``).

        Filled for the levels 0 to 12 when compiled, and for any other level the
        first time it is read; so a call reads it with one lookup, and a batch
        of fresh profiles never misses on it (the key space is the levels, not
        the combinations of four of them).
        """
        memo = _Memo(function)
        memo[None] = none
        for level in range(13):
            try:
                memo[level] = function(level)
            except Exception:  # a table that refuses a level raises at the call, as the tree does
                continue
        name = self.const(memo, "P")
        self.per_levels.append(name)
        return name

    def levels(self, value: str) -> tuple[str, str, str, str]:
        """Locals holding the four levels of the Facts field ``value`` (None each without).

        Unpacked once in a block and shared by every factor that reads them.
        """
        key = ("levels", value)
        found = self.known(key)
        if found is None:
            names = [self.var("l") for _ in range(4)]
            self.emit(f"{', '.join(names)} = {value} if {value} is not None else _NO_LEVELS")
            self.namespace["_NO_LEVELS"] = (None, None, None, None)
            found = ",".join(names)
            self.remember(key, found)
        first, second, third, fourth = found.split(",")
        return first, second, third, fourth

    def lowest(self, value: str) -> str:
        """A local holding the lowest of the four levels of ``value`` (None without)."""
        key = ("lowest", value)
        found = self.known(key)
        if found is None:
            found = self.var("lo")
            self.emit(f"{found} = None if {value} is None else _min({value})")
            self.namespace["_min"] = min
            self.remember(key, found)
        return found

    def factor(self, factor: Factor) -> str:
        """Emit ``factor``'s points; the name of the local that holds them.

        A factor compiles when the class that defines its ``compile`` also
        defines its ``points`` (a subclass of one's own that changes ``points``
        is called as it is).
        """
        if _defined_together(type(factor)):
            name = factor.compile(self.rules, self)
            if name is not None:
                return name
        return self.fallback(factor)

    def fallback(self, factor: Factor) -> str:
        """Points of a factor that cannot compile: its own ``points`` on the Facts."""
        name = self.var()
        self.emit(f"{name} = {self.const(factor, 'F')}.points({self.facts()}, _RULES)")
        return name


def source_of(rules: RuleSet) -> tuple[str, dict[str, Any]]:
    """The compiled function's source and globals (to read, or to compile by hand).

    The function takes the facts tuple, the rule set, the date, the warnings
    and the client id, and returns the :class:`~crs.breakdown.Score`: the
    subtotals, the sections by key, and the Facts (one tuple, no copy); the
    explanation is built from the factors when it is asked for.
    """
    from crs.ruleset import Facts

    code = Code(rules)
    outs = [code.factor(section) for section in rules.sections]
    keys = [section.key for section in rules.sections]
    read = code.facts_read
    names = [f"f_{field}" if field in read else "_" for field in Facts._fields]
    head = [f"    {', '.join(names)} = f"]
    code.namespace["_FACTS"] = Facts
    code.namespace["_new"] = tuple.__new__
    if code.needs_facts:
        head.append("    facts = _new(_FACTS, f)")
    by_key = dict(zip(keys, outs, strict=True))
    # Each Score field from what was computed: the standard sections by key, 0
    # where a rule set of one's own has no such section (as Score.sections.get).
    values = {
        "total": " + ".join(outs) or "0",
        "core": by_key.get("core", "0"),
        "spouse": by_key.get("spouse", "0"),
        "skill_transferability": by_key.get("transferability", "0"),
        "additional": by_key.get("additional", "0"),
        "rules": "rules",
        "on": "on",
        "warnings": "warnings",
        # The plain tuple: Score.facts makes it a Facts when it is read (crs.breakdown).
        "facts": "facts" if code.needs_facts else "f",
        "_lines": "None",
        # The four standard sections are the subtotals: Score.sections reads them there.
        "_sections": "None"
        if keys == ["core", "spouse", "transferability", "additional"]
        else "{" + ", ".join(f"{k!r}: {v}" for k, v in zip(keys, outs, strict=True)) + "}",
        "id": "id",
    }
    make = _maker(code, values)
    body = code.lines
    if code.per_levels:
        # scorer() reads the levels from plain dicts (filled for 0-12); a level
        # outside them raises KeyError there, and the same code is run again
        # with the dicts that read any level (_SLOW); compiled by hand, _SLOW is
        # None and the function reads any level at once.
        code.namespace["_SLOW"] = None
        code.namespace["_PER_LEVEL"] = tuple(code.per_levels)
        body = [
            "    try:",
            *("    " + line for line in body),
            "    except KeyError:",
            "        if _SLOW is None:",
            "            raise",
            "        return _SLOW(f, rules, on, warnings, id)",
        ]
    text = "\n".join(["def _score(f, rules, on, warnings, id):", *head, *body, *make, ""])
    return text, code.namespace


def _maker(code: Code, values: dict[str, str]) -> list[str]:
    """Statements that build the Score from ``values``, field by field.

    Any field of :class:`~crs.breakdown.Score` not in ``values`` gets its
    default, so a field added to Score later is still set.
    """
    import attrs

    from crs.breakdown import Score

    code.namespace["_Score"] = Score
    code.namespace["_object_new"] = object.__new__
    out = ["    s = _object_new(_Score)"]
    holder = Score.__dict__.get("__dict__")
    if holder is not None:
        # Score keeps its fields in a dict: set them all with one dict display.
        items = []
        optional = None  # a parameter left to the class-level None when it is None (the id)
        for field in attrs.fields(Score):
            if vars(Score).get(field.name, ...) is None:
                if values.get(field.name) == "None":
                    continue  # read from the class-level default (crs.breakdown)
                if optional is None and values.get(field.name) == "id":
                    optional = field.name
                    continue
            items.append(f"{field.name!r}: {_field_value(code, field, values)}")
        setter = code.const(holder.__set__, "set")
        if optional is not None:
            given = [*items, f"{optional!r}: {values[optional]}"]
            out.append(f"    if {values[optional]} is None:")
            out.append(f"        {setter}(s, {{{', '.join(items)}}})")
            out.append("    else:")
            out.append(f"        {setter}(s, {{{', '.join(given)}}})")
        else:
            out.append(f"    {setter}(s, {{{', '.join(items)}}})")
        out.append("    return s")
        return out
    for field in attrs.fields(Score):
        setter = code.const(getattr(Score, field.name).__set__, "set")
        out.append(f"    {setter}(s, {_field_value(code, field, values)})")
    out.append("    return s")
    return out


def _field_value(code: Code, field: Any, values: dict[str, str]) -> str:
    """The expression a Score's ``field`` is set to: its value, or its default."""
    import attrs

    if field.name in values:
        return values[field.name]
    if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        factory: Any = field.default
        return f"{code.const(factory.factory, 'factory')}()"
    return code.const(field.default, "default")


def _defined_together(cls: type) -> bool:
    """Whether the same class in ``cls``'s MRO defines both ``compile`` and ``points``."""

    def owner(name: str) -> type | None:
        return next((base for base in cls.__mro__ if name in vars(base)), None)

    return owner("compile") is owner("points")


class _Memo(dict):  # type: ignore[type-arg]
    """A dict that computes a missing key with its function (bounded)."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[Any], int]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key: Any) -> int:
        value = self.function(key)
        if len(self) < 100_000:
            self[key] = value
        return value


_ID_HASH = object.__hash__

_COMPILED: dict[int, tuple[weakref.ref[RuleSet], Scorer]] = {}


_LAST: list[Any] = []
"""The rule set used last and its function (it keeps that one rule set alive)."""


def scorer(rules: RuleSet) -> Scorer:
    """The compiled function of ``rules``: the facts tuple to each section's points.

    Compiled the first time a rule set is used, and kept while the rule set lives.
    """
    last = _LAST
    if last and last[0] is rules:
        return last[1]  # type: ignore[no-any-return]
    found = _COMPILED.get(id(rules))
    if found is not None and found[0]() is rules:
        _LAST[:] = [rules, found[1]]
        return found[1]
    text, namespace = source_of(rules)
    code = compile(text, f"<crs compiled rules {rules.name}>", "exec")
    exec(code, namespace)
    function: Scorer = namespace["_score"]
    if "_SLOW" in namespace:
        # The same code over plain dicts of the levels 0-12 (a plain dict reads
        # faster than one with __missing__); any other level goes to the first.
        fast = dict(namespace)
        for name in namespace["_PER_LEVEL"]:
            fast[name] = dict(namespace[name])
        fast["_SLOW"] = function
        exec(code, fast)
        function = fast["_score"]
    key = id(rules)
    _COMPILED[key] = (weakref.ref(rules, lambda _: _COMPILED.pop(key, None)), function)
    _LAST[:] = [rules, function]
    return function
