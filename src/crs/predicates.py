"""Eligibility as values: the algebra of predicates over a profile and a date, and verdicts.

A :class:`Predicate` is called with a :class:`~crs.Profile` and a date and returns
a :class:`Verdict`.  Predicates combine with ``&`` (all must hold), ``|`` (at
least one must hold) and ``~`` (must not hold); the combined verdict keeps every
failed condition as a :class:`Reason` with a readable message and the facts
behind it.  A verdict is eligible exactly when it has no reasons.

This module is the algebra only.  The leaf conditions (a minimum language level,
hours of work in a window, ...) are in :mod:`crs.conditions`; their names are
also importable from here (``from crs.predicates import min_language``), as
they were before the split.  :func:`condition` makes a leaf of any function, and
:func:`eligible_for` holds when at least one of several predicates does.

Every predicate and verdict pickles (Dask and Spark send them to workers) as
long as the functions it holds are module-level functions, not lambdas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from crs._reuse import active, combined
from crs._spans import NEVER, next_day
from crs._verdicts import FACTS as FACTS
from crs._verdicts import Reason, Verdict, jsonable

if TYPE_CHECKING:
    from crs.conditions import LanguageChoice as LanguageChoice
    from crs.conditions import OccupationHours as OccupationHours
    from crs.conditions import best_occupation as best_occupation
    from crs.conditions import continuous_runs as continuous_runs
    from crs.conditions import language_check as language_check
    from crs.conditions import min_language as min_language
    from crs.conditions import work_hours as work_hours
    from crs.profile import Profile

__all__ = [
    "FACTS",
    "All",
    "AnyOf",
    "Check",
    "EligibleFor",
    "Leaf",
    "Not",
    "Predicate",
    "Reason",
    "Verdict",
    "any_verdict",
    "condition",
    "eligible_for",
    "jsonable",
]

# The leaf conditions moved to crs.conditions; these names stay importable from here.
_MOVED = frozenset(
    {
        "LanguageChoice",
        "Minimums",
        "OccupationHours",
        "Codes",
        "best_occupation",
        "continuous_runs",
        "language_check",
        "min_language",
        "work_hours",
    }
)


Check = Callable[["Profile", dt.date], Verdict]
"""A leaf test: a function of the profile and the date that returns a verdict."""


@attrs.frozen
class Predicate:
    """A condition on a profile at a date; call it to get a :class:`Verdict`.

    Combine predicates with ``&``, ``|`` and ``~``; build leaves with
    :func:`condition` or the leaf functions of this module.

    Attributes:
        key: A stable dotted name, e.g. ``programs.cec``.
        label: The condition in words.
    """

    key: str
    label: str

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """The verdict of this condition for ``profile`` on ``on``."""
        raise NotImplementedError

    def until(self, profile: Profile, on: dt.date) -> dt.date:
        """The first date after ``on`` on which this predicate's verdict may differ.

        On every date from ``on`` to the day before it, the verdict is the same:
        the same eligibility and reasons, but for the window of dates a message
        names (:meth:`Reason.message_on`); its facts and notes may name ``on``
        itself.  :func:`crs.place` computes a
        program's verdict once per such span (:mod:`crs._spans`).  This
        predicate promises nothing: the day after ``on``.
        """
        return next_day(on)

    def __and__(self, other: Predicate) -> Predicate:
        parts = (*_parts(self, All), *_parts(other, All))
        return All(" and ".join(p.key for p in parts), _join(parts, "and"), parts)

    def __or__(self, other: Predicate) -> Predicate:
        parts = (*_parts(self, AnyOf), *_parts(other, AnyOf))
        return AnyOf(" or ".join(p.key for p in parts), _join(parts, "or"), parts)

    def __invert__(self) -> Predicate:
        return Not(f"not {self.key}", f"not ({self.label})", self)

    def named(self, key: str, label: str) -> Predicate:
        """The same predicate under another key and label."""
        return attrs.evolve(self, key=key, label=label)


def _parts(p: Predicate, kind: type[Predicate]) -> tuple[Predicate, ...]:
    if type(p) is kind:
        assert isinstance(p, (All, AnyOf))
        return p.parts
    return (p,)


def _join(parts: Sequence[Predicate], word: str) -> str:
    return f" {word} ".join(
        f"({p.label})" if isinstance(p, (All, AnyOf)) else p.label for p in parts
    )


@attrs.frozen
class Leaf(Predicate):
    """A predicate that runs a :data:`Check` function."""

    check: Check = attrs.field(kw_only=True)
    changes: Callable[[Profile, dt.date], dt.date] | None = attrs.field(default=None, kw_only=True)
    """What :meth:`until` answers (None: the next day, no promise)."""

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """The check's verdict."""
        return self.check(profile, on)

    def until(self, profile: Profile, on: dt.date) -> dt.date:
        """``changes(profile, on)``, or the next day when the check declares none."""
        return next_day(on) if self.changes is None else self.changes(profile, on)


@attrs.frozen
class All(Predicate):
    """Every part must hold; fails with the reasons of every part that does not."""

    parts: tuple[Predicate, ...]

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """The verdict of every part, failed with all their reasons."""
        verdicts = tuple(p(profile, on) for p in self.parts)
        if active():
            # Inside crs.place's block: the same parts' verdicts, the same verdict.
            return combined(self, profile, verdicts, lambda: self._combine(verdicts))
        return self._combine(verdicts)

    def until(self, profile: Profile, on: dt.date) -> dt.date:
        """The first date after ``on`` on which a part's verdict may differ."""
        soonest = NEVER
        tomorrow = next_day(on)
        for part in self.parts:
            soonest = min(soonest, part.until(profile, on))
            if soonest <= tomorrow:
                break
        return soonest

    def _combine(self, verdicts: tuple[Verdict, ...]) -> Verdict:
        reasons = tuple(r for v in verdicts for r in v.reasons)
        return Verdict(self.key, self.label, reasons, {}, (), verdicts)


@attrs.frozen
class AnyOf(Predicate):
    """At least one part must hold; when none does, fails with all their reasons."""

    parts: tuple[Predicate, ...]

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """Eligible when one part is; else failed with every part's reasons."""
        verdicts = tuple(p(profile, on) for p in self.parts)
        if any(v.eligible for v in verdicts):
            return Verdict(self.key, self.label, (), {}, (), verdicts)
        reasons = tuple(r for v in verdicts for r in v.reasons)
        return Verdict(self.key, self.label, reasons, {}, (), verdicts)


@attrs.frozen
class Not(Predicate):
    """The part must not hold; fails, saying what held, when it does."""

    part: Predicate

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """Eligible when the part is not."""
        inner = self.part(profile, on)
        if not inner.eligible:
            return Verdict(self.key, self.label, (), inner.facts, (), (inner,))
        reason = Reason(self.key, f"{inner.label}: holds, and must not", inner.facts)
        return Verdict(self.key, self.label, (reason,), inner.facts, (), (inner,))

    def __invert__(self) -> Predicate:
        return self.part


def condition(
    key: str,
    label: str,
    check: Check,
    *,
    changes: Callable[[Profile, dt.date], dt.date] | None = None,
) -> Predicate:
    """A leaf predicate from a function of (profile, date) that returns a verdict.

    ``changes`` gives the first date after a date on which the check's verdict
    may differ (:meth:`Predicate.until`; None: it may differ every day).

    The predicate pickles when ``check`` is a module-level function; one made
    from a lambda, as below, works but does not pickle.

    >>> adult = condition(
    ...     "age.adult", "18 or older",
    ...     lambda p, on: Verdict.passed("age.adult", "18 or older")
    ...     if p.age_on(on) >= 18
    ...     else Verdict.failed("age.adult", "18 or older", f"{p.age_on(on)} is under 18"),
    ... )
    """
    return Leaf(key, label, check=check, changes=changes)


def any_verdict(
    key: str, label: str, verdicts: Mapping[str, Verdict], names: Sequence[str]
) -> Verdict:
    """The verdict that at least one of ``verdicts`` holds (they are already computed).

    When none holds, the one reason names them all (``names``, in words), and its
    facts give each one's own reasons.
    """
    passing = [name for name, v in verdicts.items() if v.eligible]
    facts: dict[str, object] = {"eligible_for": passing}
    if passing:
        return Verdict(key, label, (), facts)
    facts["reasons"] = {name: v.messages for name, v in verdicts.items()}
    reason = Reason(key, f"not eligible for any program ({', '.join(names)})", facts)
    return Verdict(key, label, (reason,), facts)


@attrs.frozen
class EligibleFor(Predicate):
    """A leaf: eligible for at least one of several named predicates (the programs).

    Attributes:
        options: The predicates by name, in order.
    """

    options: tuple[tuple[str, Predicate], ...] = attrs.field(kw_only=True)

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """Eligible when one option is; else one reason naming them all."""
        verdicts = {name: p(profile, on) for name, p in self.options}
        return any_verdict(self.key, self.label, verdicts, [p.label for _, p in self.options])


def eligible_for(key: str, label: str, options: Mapping[str, Predicate]) -> Predicate:
    """A leaf: eligible for at least one of ``options`` (e.g. the three programs).

    When none holds, the one reason names them all, and its facts give each
    option's own reasons.
    """
    return EligibleFor(key, label, options=tuple(options.items()))


def __getattr__(name: str) -> Any:
    """The leaf conditions, moved to :mod:`crs.conditions`, under their old names."""
    if name in _MOVED:
        import crs.conditions

        return getattr(crs.conditions, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
