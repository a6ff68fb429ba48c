"""What a predicate returns: a :class:`Verdict` and its :class:`Reason` list, as data.

Re-exported by :mod:`crs.predicates`, their public home, with the algebra that makes them.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from crs._shapes import BOOL, STR, arr, obj, ref
from crs.experience import Window

if TYPE_CHECKING:
    from crs.conditions import LanguageChoice as LanguageChoice
    from crs.conditions import OccupationHours as OccupationHours
    from crs.conditions import best_occupation as best_occupation
    from crs.conditions import continuous_runs as continuous_runs
    from crs.conditions import language_check as language_check
    from crs.conditions import min_language as min_language
    from crs.conditions import work_hours as work_hours


FACTS: dict[str, Any] = {"type": "object", "description": "what was found (plain data)"}
"""The JSON Schema of a verdict's or reason's facts: any plain data, by name."""


def jsonable(value: object) -> Any:
    """``value`` as plain JSON data (dates as ISO strings, enums by value).

    An object with a ``to_json`` method (an FSW grid kept in a verdict's facts)
    is turned into JSON only here, when JSON is asked for.
    """
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Window):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [jsonable(v) for v in items]
    if isinstance(value, float):
        return round(value, 2)
    to_json = getattr(value, "to_json", None)
    if to_json is not None:
        return jsonable(to_json())
    return value


def _frozen_facts(facts: Mapping[str, object] | None) -> Mapping[str, object]:
    return dict(facts or {})


Dated = tuple[Callable[..., str], tuple[Any, ...]]
"""A message deferred: a module-level function of (date, *args), and its args."""


@attrs.frozen
class Reason:
    """One failed condition: why it failed, in words, and the facts behind it.

    Attributes:
        key: A stable dotted name of the condition, e.g. ``cec.experience``.
        message: The reason in words a client understands.
        facts: What was found (plain data: numbers, strings, dates, lists).
    """

    key: str
    message: str
    facts: Mapping[str, object] = attrs.field(factory=dict, converter=_frozen_facts, hash=False)
    # How the message reads on another date with the same finding: a module-level
    # function of (date, *args) and its args (it pickles), when the message names a
    # window of dates; see message_on.  Not compared: it is the message, deferred.
    dated: Dated | None = attrs.field(default=None, eq=False, hash=False, repr=False, kw_only=True)

    def message_on(self, on: dt.date) -> str:
        """The message as it reads on ``on``, a date with the same finding.

        A message that names a window of dates before the date ("no qualifying
        work from 2022-02-19 to 2025-02-18") is formatted for ``on``'s window;
        any other message is :attr:`message` itself.  :func:`crs.place` reads a
        verdict reused across the round dates of a span this way
        (:mod:`crs._reuse`).  On the date the verdict was made, it is
        :attr:`message`.
        """
        if self.dated is None:
            return self.message
        render, args = self.dated
        return render(on, *args)

    def to_json(self) -> dict[str, Any]:
        """The reason as JSON data: ``{"key", "message", "facts"}``."""
        return {"key": self.key, "message": self.message, "facts": jsonable(self.facts)}

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json`."""
        return obj({"key": STR, "message": STR, "facts": FACTS}, description="one failed condition")

    def __str__(self) -> str:
        return self.message


@attrs.frozen
class Verdict:
    """What a predicate found: eligible exactly when there are no reasons.

    Attributes:
        key: The stable dotted name of the predicate that gave it.
        label: The condition in words ("CLB 7 or more on all four abilities").
        reasons: Every failed condition; empty when eligible.
        facts: What was found, failed or not (hours, levels, points).
        notes: Things to know that do not fail the condition, e.g. that proof
            of funds was not checked because no amount was given.
        children: The verdicts this one was combined from.
    """

    key: str
    label: str
    reasons: tuple[Reason, ...] = ()
    facts: Mapping[str, object] = attrs.field(factory=dict, converter=_frozen_facts, hash=False)
    notes: tuple[str, ...] = ()
    children: tuple[Verdict, ...] = ()

    @classmethod
    def passed(
        cls,
        key: str,
        label: str,
        facts: Mapping[str, object] | None = None,
        notes: Sequence[str] = (),
    ) -> Verdict:
        """A verdict that the condition holds."""
        return cls(key, label, (), facts or {}, tuple(notes))

    @classmethod
    def failed(
        cls,
        key: str,
        label: str,
        message: str,
        facts: Mapping[str, object] | None = None,
        notes: Sequence[str] = (),
        *,
        dated: Dated | None = None,
    ) -> Verdict:
        """A verdict that the condition does not hold, for one reason.

        ``dated`` renders the message on another date (:meth:`Reason.message_on`).
        """
        facts = facts or {}
        reason = Reason(key, message, facts, dated=dated)
        return cls(key, label, (reason,), facts, tuple(notes))

    @property
    def eligible(self) -> bool:
        """Whether the condition holds: exactly when there are no reasons."""
        return not self.reasons

    def __bool__(self) -> bool:
        return self.eligible

    @property
    def messages(self) -> list[str]:
        """The reasons' messages."""
        return [r.message for r in self.reasons]

    def messages_on(self, on: dt.date) -> list[str]:
        """The reasons' messages as they read on ``on`` (:meth:`Reason.message_on`)."""
        return [r.message_on(on) for r in self.reasons]

    def all_notes(self) -> list[str]:
        """The notes of this verdict and of every verdict it was combined from, once each."""
        seen: dict[str, None] = {}
        stack: list[Verdict] = [self]
        while stack:
            verdict = stack.pop(0)
            for note in verdict.notes:
                seen.setdefault(note, None)
            stack.extend(verdict.children)
        return list(seen)

    def to_json(self) -> dict[str, Any]:
        """The verdict as JSON data: ``{"eligible", "reasons", "notes", "facts"}``."""
        return {
            "eligible": self.eligible,
            "reasons": [r.to_json() for r in self.reasons],
            "notes": self.all_notes(),
            "facts": jsonable(self.facts),
        }

    @classmethod
    def json_schema(cls, **more: dict[str, Any]) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json`, with the ``more`` keys a holder adds."""
        return obj(
            {
                "eligible": BOOL,
                "reasons": arr(ref("Reason")),
                "notes": arr(STR),
                "facts": FACTS,
                **more,
            },
            description="eligible exactly when there are no reasons",
        )

    def to_text(self) -> str:
        """The verdict in words: the outcome, then each reason and note on its own line."""
        lines = [f"{'eligible' if self.eligible else 'not eligible'}: {self.label}"]
        lines.extend(f"  - {r.message}" for r in self.reasons)
        lines.extend(f"  note: {n}" for n in self.all_notes())
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        outcome = "eligible" if self.eligible else "not eligible"
        colour = "#1a7f37" if self.eligible else "#b42318"
        items = "".join(f"<li>{html.escape(r.message)}</li>" for r in self.reasons)
        notes = "".join(f"<li><em>{html.escape(n)}</em></li>" for n in self.all_notes())
        return (
            f'<div><strong style="color:{colour}">{outcome}</strong>: '
            f"{html.escape(self.label)}"
            + (f"<ul>{items}</ul>" if items else "")
            + (f"<ul>{notes}</ul>" if notes else "")
            + "</div>"
        )
