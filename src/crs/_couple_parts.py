"""The parts of a couple's comparison: each :class:`Arrangement` and each :class:`LineDifference`.

Re-exported by :mod:`crs.couples`, their public home, which compares the two arrangements.
"""

from __future__ import annotations

from typing import Any

import attrs

from crs._shapes import INT, STR, nullable, obj, ref
from crs.breakdown import Score
from crs.eligibility import EligibilityReport
from crs.io import dump_profile
from crs.placement import Placement
from crs.profile import Profile


@attrs.frozen
class Arrangement:
    """One partner as the principal applicant, the other accompanying.

    Attributes:
        principal: ``"a"`` or ``"b"``: which partner applies.
        name: The principal's id, or ``"A"`` / ``"B"`` without one.
        partner_name: The accompanying partner's id, or ``"A"`` / ``"B"``.
        profile: The profile scored (see :func:`arrangement`).
        score: Its score on the date, every line explained.
        eligibility: Its eligibility for every program and draw category in force.
        placement: Its place on the recent rounds of invitations.
    """

    principal: str
    name: str
    partner_name: str
    profile: Profile = attrs.field(repr=False)
    score: Score = attrs.field(repr=False, eq=False)
    eligibility: EligibilityReport = attrs.field(repr=False, eq=False)
    placement: Placement = attrs.field(repr=False, eq=False)

    @property
    def programs(self) -> tuple[str, ...]:
        """The programs (``fsw``, ``cec``, ``fst``) the arrangement is eligible for."""
        return tuple(slug for slug, v in self.eligibility.programs.items() if v.eligible)

    @property
    def in_pool(self) -> bool:
        """Whether the arrangement can enter the Express Entry pool (one program or more)."""
        return bool(self.programs)

    @property
    def categories(self) -> tuple[str, ...]:
        """The draw categories in force that the arrangement is eligible for."""
        return tuple(slug for slug, v in self.eligibility.categories.items() if v.eligible)

    @property
    def rounds_taken_part(self) -> int:
        """How many of the recent rounds the arrangement could take part in."""
        return sum(r.eligible for r in self.placement.results)

    @property
    def best_margin(self) -> int | None:
        """The largest margin over a cut-off among the rounds it could take part in, or None."""
        margins = [r.margin for r in self.placement.results if r.eligible and r.margin is not None]
        return max(margins) if margins else None

    def to_json(self) -> dict[str, Any]:
        """``{"principal", "name", "spouse", "profile", "score", "eligibility", "rounds"}``.

        ``profile`` is the profile scored (the spouse derived from the partner);
        ``rounds`` gives ``taken_part``, ``invited``, ``best_margin`` and every
        round's ``results``.
        """
        return {
            "principal": self.principal,
            "name": self.name,
            "spouse": self.partner_name,
            "profile": dump_profile(self.profile),
            "score": self.score.to_json(),
            "eligibility": self.eligibility.to_json(),
            "rounds": {
                "taken_part": self.rounds_taken_part,
                "invited": len(self.placement.invitations),
                "best_margin": self.best_margin,
                "results": self.placement.to_json(),
            },
        }

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json`."""
        return obj(
            {
                "principal": {"enum": ["a", "b"]},
                "name": STR,
                "spouse": STR,
                "profile": ref("Profile"),
                "score": ref("Score"),
                "eligibility": ref("EligibilityReport"),
                "rounds": obj(
                    {
                        "taken_part": INT,
                        "invited": INT,
                        "best_margin": nullable(INT),
                        "results": ref("Placement"),
                    }
                ),
            },
            description="one partner as the principal applicant, the other accompanying",
        )


@attrs.frozen
class LineDifference:
    """One line of the two explained scores, side by side.

    Attributes:
        key: The line's stable key (``core.age``, ``spouse.education``).
        label: What the line is, in words.
        a: Its points with A as the principal applicant (None: no such line).
        b: Its points with B as the principal applicant (None: no such line).
    """

    key: str
    label: str
    a: int | None
    b: int | None

    @property
    def difference(self) -> int:
        """A's points minus B's (a missing line counts 0)."""
        return (self.a or 0) - (self.b or 0)

    def to_json(self) -> dict[str, Any]:
        """``{"key", "label", "a", "b", "difference"}``."""
        return {
            "key": self.key,
            "label": self.label,
            "a": self.a,
            "b": self.b,
            "difference": self.difference,
        }

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json`."""
        return obj(
            {"key": STR, "label": STR, "a": nullable(INT), "b": nullable(INT), "difference": INT}
        )
