"""The loader's fast path: well-formed JSON read by the same specs and rules, strictly.

:func:`crs.checks.structure` tries :func:`_fast` first; anything it does not
accept plainly (:data:`_FAIL`) goes through the full engine, which collects
every problem with its message (``tests/test_fast_loader.py`` proves the two agree).
"""

from __future__ import annotations

import contextlib
import operator
from collections.abc import Mapping
from typing import Any

import attrs

from crs._fields import FIELDS, RULES, _defaults, given
from crs.specs import (
    Choice,
    Flag,
    Invalid,
    Many,
    Nested,
    Number,
    Rule,
    Spec,
    Whole,
)

_FAIL: Any = object()
"""What the fast path returns for anything it does not accept plainly."""


def _quick(spec: Spec) -> Any:
    """A reader of one field's JSON value that returns :data:`_FAIL` instead of a message.

    It accepts a subset of what ``spec.read`` accepts, with the same value;
    the rest goes to the full engine (``tests/test_fast_loader.py`` proves it).
    """
    if isinstance(spec, Nested):
        cls = spec.cls
        return lambda raw: _fast(cls, raw)
    if isinstance(spec, Many):
        cls = spec.cls

        def many(raw: object) -> Any:
            if type(raw) is not list:
                return _FAIL
            items = tuple(_fast(cls, item) for item in raw)
            return _FAIL if _FAIL in items else items

        return many
    if type(spec) is Whole:
        low, high = spec.low, spec.high
        return lambda raw: raw if type(raw) is int and low <= raw <= high else _FAIL
    if type(spec) is Flag:
        return lambda raw: raw if raw is True or raw is False else _FAIL
    if type(spec) is Choice:
        members = spec._values
        return lambda raw: members.get(raw, _FAIL) if type(raw) is str else _FAIL
    check, read = spec.check, spec.read
    if type(spec) is Number:
        if spec.low is None and spec.high is None:
            # Any int is finite and in range; a float still goes through the check.
            return lambda raw: (
                raw if type(raw) is int or (type(raw) is float and check(raw) is None) else _FAIL
            )
        return lambda raw: raw if type(raw) in (int, float) and check(raw) is None else _FAIL

    def other(raw: object) -> Any:
        try:
            return read(raw)
        except Invalid:
            return _FAIL

    return other


def _getter(path: str) -> Any:
    """A reader of a rule's path from the values of an object being built."""
    whether = path.endswith("?")
    name, *rest = (path[:-1] if whether else path).split(".")

    def get(values: Mapping[str, object]) -> object:
        value = values[name]
        for attribute in rest:
            if value is None:
                break
            value = getattr(value, attribute)
        return given(value) if whether else value

    return get


def _rule_reader(rule: Rule) -> tuple[Any, Any, set[Any]]:
    """The rule's test, its arguments from the values, and the arguments it has passed with.

    A rule is a pure function of its arguments, so arguments that passed once pass again.
    """
    passed: set[Any] = set()
    if all(read.isidentifier() for read in rule.reads):
        if len(rule.reads) == 1:
            name = rule.reads[0]
            return rule.test, lambda values: (values[name],), passed
        return rule.test, operator.itemgetter(*rule.reads), passed
    getters = tuple(_getter(read) for read in rule.reads)
    if len(getters) == 2:  # most rules: two reads, without a generator each time
        first, second = getters
        return rule.test, lambda values: (first(values), second(values)), passed
    return rule.test, lambda values: tuple(get(values) for get in getters), passed


class _Plan:
    """How the fast path reads one class: a reader per key, defaults, required keys, rules."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.readers = {name: _quick(spec) for name, spec in FIELDS[cls].items()}
        self.defaults = {
            name: value for name, value in _defaults(cls).items() if value is not attrs.NOTHING
        }
        self.required = frozenset(_defaults(cls)) - self.defaults.keys()
        self.known = frozenset(self.readers)
        self.rules = tuple(_rule_reader(rule) for rule in RULES[cls])
        self.setters = tuple((name, getattr(cls, name).__set__) for name in FIELDS[cls])


_PLANS: dict[type, _Plan] = {}


def _fast(cls: type, raw: object) -> Any:
    """The object of ``raw`` when it is plainly valid, else :data:`_FAIL`."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    if type(raw) is not dict or not raw.keys() <= plan.known:
        return _FAIL
    values = dict(plan.defaults)
    readers = plan.readers
    for name, value in raw.items():
        if value is not None:
            value = readers[name](value)
            if value is _FAIL:
                return _FAIL
            values[name] = value
    for name in plan.required:
        if name not in values:
            return _FAIL
    for test, arguments, passed in plan.rules:
        args = arguments(values)
        try:
            known = args in passed
        except TypeError:  # an unhashable argument: test it each time
            known = False
        if not known:
            if test(*args) is not None:
                return _FAIL
            if len(passed) < 50_000:
                with contextlib.suppress(TypeError):
                    passed.add(args)
    obj: Any = object.__new__(cls)
    for name, set_value in plan.setters:
        set_value(obj, values[name])
    return obj
