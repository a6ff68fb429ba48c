"""Which partner should be the principal applicant: both arrangements of a couple, compared.

A couple (:class:`~crs.Couple`) is two full profiles, A and B.  Either may
apply as the principal applicant with the other as the accompanying spouse;
IRCC scores the two arrangements differently (the principal's age, education,
languages and work earn the core and transferability points, the spouse's
education, first official language and Canadian work earn at most 40), and each
may be eligible for different programs and draw categories.
:func:`compare_principal` builds both arrangements (:func:`arrangement`),
scores them with every line explained, checks eligibility for every program
and category in force, places each on the recent rounds of invitations, and
says which is better, by how many points, and where the difference comes
from, line by line.

>>> import datetime as dt, crs
>>> nurse = crs.load_profile({"id": "Priya", "age": 31, "education": "bachelors",
...     "first_language": {"test": "clb", "listening": 10, "reading": 9, "writing": 9,
...                        "speaking": 9}, "canadian_work_years": 2})
>>> engineer = crs.load_profile({"id": "Marc", "age": 36, "education": "masters",
...     "first_language": {"test": "clb", "listening": 7, "reading": 7, "writing": 7,
...                        "speaking": 7}, "foreign_work_years": 4})
>>> found = compare_principal(nurse, engineer, on=dt.date(2026, 2, 19))
>>> found.better_name, found.difference
('Priya', 99)
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs

from crs._couple_parts import Arrangement, LineDifference
from crs._couple_text import notebook_html, text
from crs._dates import as_date, period_start
from crs._shapes import DATE, INT, STR, nullable, obj
from crs._shapes import arr as array_of
from crs._show import count
from crs.arrangements import arrangement, place_arrangement
from crs.breakdown import Score
from crs.eligibility import eligibility
from crs.errors import Problem, ProfileError
from crs.profile import Couple, Profile
from crs.scoring import score

__all__ = [
    "Arrangement",
    "LineDifference",
    "PrincipalComparison",
    "arrangement",
    "compare_principal",
]


@attrs.frozen
class PrincipalComparison:
    """Both arrangements of a couple, and which is better.

    Attributes:
        on: The date of the comparison.
        a: A as the principal applicant, B accompanying.
        b: B as the principal applicant, A accompanying.
        lines: Every line of the two explained scores, by key (A's order first).
        since: The first day of the recent rounds placed on.
        until: The last day (``on``).
        id: The couple's id (None: none given).
    """

    on: dt.date
    a: Arrangement
    b: Arrangement
    lines: tuple[LineDifference, ...]
    since: dt.date | None = None
    until: dt.date | None = None
    id: str | None = attrs.field(default=None, kw_only=True)

    @property
    def difference(self) -> int:
        """A's total as principal minus B's (negative: B scores more)."""
        return self.a.score.total - self.b.score.total

    @property
    def better(self) -> str | None:
        """``"a"`` or ``"b"``: the better principal applicant; None when neither is.

        The arrangement that can enter the pool (eligible for FSW, CEC or FST)
        is better than one that cannot; between two that both can (or both
        cannot), the higher score is better; equal scores are a tie.
        """
        a, b = self.a, self.b
        if a.in_pool != b.in_pool:
            return "a" if a.in_pool else "b"
        if self.difference == 0:
            return None
        return "a" if self.difference > 0 else "b"

    @property
    def better_name(self) -> str | None:
        """The better principal applicant's id (or ``"A"`` / ``"B"``); None for a tie."""
        found = self.better
        return None if found is None else self._of(found).name

    def _of(self, which: str) -> Arrangement:
        return self.a if which == "a" else self.b

    @property
    def differences(self) -> tuple[LineDifference, ...]:
        """The lines whose points differ, and the lines above them (so each reads in its place).

        A group's points can be equal while its lines differ (a cap, or gains
        that cancel): it is kept, so that its lines are not shown out of place.
        """
        keys = {line.key for line in self.lines if line.difference}
        kept = {".".join(key.split(".")[:n]) for key in keys for n in range(1, key.count(".") + 2)}
        return tuple(line for line in self.lines if line.key in kept)

    @property
    def verdict(self) -> str:
        """The answer in one or two sentences."""
        a, b = self.a, self.b
        better = self.better
        if better is None:
            text = (
                f"Either partner may apply: both arrangements score {a.score.total}."
                if a.in_pool or b.in_pool
                else f"Both arrangements score {a.score.total}."  # and neither may apply: below
            )
        else:
            win, lose = (a, b) if better == "a" else (b, a)
            gap = win.score.total - lose.score.total
            if win.in_pool and not lose.in_pool:
                text = (
                    f"{win.name} should be the principal applicant: only with {win.name} "
                    "applying is the couple eligible for FSW, CEC or FST"
                )
                text += (
                    f" ({win.score.total} points against {lose.score.total})."
                    if gap >= 0
                    else f", though {lose.name} applying would score {-gap} more."
                )
            else:
                text = (
                    f"{win.name} should be the principal applicant: "
                    f"{count(gap, 'point')} more "
                    f"({win.score.total} against {lose.score.total})."
                )
        for mine, theirs in ((a, b), (b, a)):
            only = [c for c in mine.categories if c not in theirs.categories]
            if only:
                text += f" Only with {mine.name} applying: the {', '.join(only)} draws."
        if not a.in_pool and not b.in_pool:
            text += (
                f" Neither arrangement is eligible for FSW, CEC or FST on {self.on} as the "
                "profiles stand (see why below): the score counts only once one is."
            )
        return text

    def _not_in_pool(self) -> list[str]:
        """Why each arrangement outside the pool is not eligible for any program."""
        out = []
        for arr in (self.a, self.b):
            if arr.in_pool:
                continue
            seen: list[str] = []
            for slug, verdict in arr.eligibility.programs.items():
                seen.extend(f"{slug.upper()}: {m}" for m in verdict.messages if m)
            out.append(f"Not eligible for FSW, CEC or FST with {arr.name} applying:")
            out.extend(f"  - {m}" for m in dict.fromkeys(seen))
        return out

    def to_json(self) -> dict[str, Any]:
        """The comparison as JSON data.

        Returns:
            ``{"id"?, "on", "since", "until", "better", "better_name",
            "difference", "verdict", "arrangements": {"a", "b"}, "lines"}``:
            ``better`` is ``"a"``, ``"b"`` or null (a tie); ``difference`` is A's
            total as principal minus B's; ``lines`` every line of both
            explained scores with ``a``, ``b`` and ``difference``.
        """
        return {
            **({} if self.id is None else {"id": self.id}),
            "on": self.on.isoformat(),
            "since": None if self.since is None else self.since.isoformat(),
            "until": None if self.until is None else self.until.isoformat(),
            "better": self.better,
            "better_name": self.better_name,
            "difference": self.difference,
            "verdict": self.verdict,
            "arrangements": {"a": self.a.to_json(), "b": self.b.to_json()},
            "lines": [line.to_json() for line in self.lines],
        }

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json` (``crs couple --format json``)."""
        return obj(
            {
                "on": DATE,
                "since": nullable(DATE),
                "until": nullable(DATE),
                "better": nullable({"enum": ["a", "b"]}),
                "better_name": nullable(STR),
                "difference": INT,
                "verdict": STR,
                "arrangements": obj(
                    {"a": Arrangement.json_schema(), "b": Arrangement.json_schema()}
                ),
                "lines": array_of(LineDifference.json_schema()),
            },
            {"id": STR},
            description="which partner of a couple should be the principal applicant",
        )

    def dumps(self, indent: int | None = 2) -> str:
        """The JSON document as a string."""
        return json.dumps(self.to_json(), indent=indent, ensure_ascii=False)

    def to_text(self) -> str:
        """A readable comparison: the two arrangements side by side, the verdict, the lines."""
        return text(self)

    def __str__(self) -> str:
        return text(self)

    def _repr_html_(self) -> str:
        return notebook_html(self)


def _lines(a: Score, b: Score) -> tuple[LineDifference, ...]:
    """Both explained scores by line key: A's lines in order, B's own placed after their elders."""
    found: dict[str, list[Any]] = {}
    order: list[str] = []
    for which, result in ((0, a), (1, b)):
        previous: str | None = None
        for top in result.lines:
            for line in top.walk():
                entry = found.get(line.key)
                if entry is None:
                    entry = found[line.key] = [line.label, None, None]
                    at = 0 if previous is None else order.index(previous) + 1
                    order.insert(at, line.key)
                entry[1 + which] = line.points
                previous = line.key
    return tuple(LineDifference(key, *found[key]) for key in order)


def compare_principal(
    a: Profile | Couple,
    b: Profile | None = None,
    on: dt.date | str | None = None,
    *,
    since: dt.date | str | None = None,
) -> PrincipalComparison:
    """Which of two partners should be the principal applicant, and by how much.

    Both arrangements (A applying with B accompanying, and B with A) are built
    by :func:`arrangement`, scored with every line explained, checked for every
    program and draw category in force on ``on``, and placed on the rounds of
    invitations from ``since`` to ``on``.  Swapping A and B swaps the answer:
    the same difference, the other partner.

    Args:
        a: Partner A, or a whole :class:`~crs.Couple` (then leave ``b`` out).
        b: Partner B.
        on: The date (a date or ``YYYY-MM-DD``; None: today).
        since: The first day of the rounds to place on (None: a year before ``on``).

    Returns:
        The comparison; its :attr:`~PrincipalComparison.better` names the
        partner, its :attr:`~PrincipalComparison.verdict` says why.

    Raises:
        ProfileError: If the partners do not make a couple (a profile that gives
            a ``spouse``, funds that disagree), each problem's path starting with
            ``a.`` or ``b.``; or if a partner cannot be scored on ``on``.
        DateError: If ``on`` or ``since`` is not a date, or ``since`` is after ``on``.
    """
    if isinstance(a, Couple):
        if b is not None:
            raise TypeError("give a Couple, or the two partners' profiles")
        couple = a
    else:
        if b is None:
            raise TypeError("compare_principal needs two profiles, or a Couple")
        couple = Couple(a, b)  # the couple's checks, each path starting with a. or b.
    on = as_date(on)
    start = period_start(since, on)
    names = (couple.a.id or "A", couple.b.id or "B")
    made = []
    for which, principal, partner, name, other in (
        ("a", couple.a, couple.b, names[0], names[1]),
        ("b", couple.b, couple.a, names[1], names[0]),
    ):
        profile = arrangement(principal, partner, on)
        try:
            result = score(profile, on)
        except ProfileError as exc:
            raise _as_partners(exc, which, couple.id) from None
        made.append(
            Arrangement(
                which,
                name,
                other,
                profile,
                result,
                eligibility(profile, on),
                place_arrangement(principal, partner, start, on),
            )
        )
    first, second = made
    return PrincipalComparison(
        on, first, second, _lines(first.score, second.score), start, on, id=couple.id
    )


def _as_partners(error: ProfileError, which: str, couple_id: str | None) -> ProfileError:
    """An arrangement's error as the couple's: each path on the partner whose field it is.

    The arrangement with ``which`` applying holds that partner's own fields, and
    the other partner's under ``spouse``; the error carries the couple's id.
    """
    other = "b" if which == "a" else "a"
    problems = []
    for problem in error.problems:
        path = problem.path
        if path == "spouse" or path.startswith("spouse."):
            where = other + path.removeprefix("spouse")
        else:
            where = f"{which}.{path}" if path else which
        problems.append(Problem(where, problem.message))
    return ProfileError(problems, id=couple_id)
