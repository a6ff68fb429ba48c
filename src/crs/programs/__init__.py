"""The three Express Entry programs as predicates: FSW (with its 67-point grid), CEC and FST.

A candidate enters the Express Entry pool only if eligible for at least one
program (crs-rules §8).  Each program is a :class:`Program` whose test is a
:class:`~crs.predicates.Predicate` built from reusable leaves, and every number
those leaves use lives in a table with its source
(:mod:`crs.programs.thresholds`):

* **Federal Skilled Worker** (:mod:`crs.programs.fsw`, IRPR s. 75-76): one year
  (1,560 hours) of continuous paid work in one skilled occupation (TEER 0-3)
  within 10 years; CLB/NCLC 7 on all four abilities of the first official
  language; a secondary or post-secondary credential; at least 67 of 100 points
  on the six-factor grid (:func:`fsw_grid`); proof of funds.
* **Canadian Experience Class** (:mod:`crs.programs.cec`, IRPR s. 87.1): 1,560
  hours of skilled work in Canada in the 3 years before the date, not
  self-employed and not during full-time study; CLB/NCLC 7 if that experience is
  TEER 0/1, 5 if TEER 2/3.
* **Federal Skilled Trades** (:mod:`crs.programs.fst`, IRPR s. 87.2): two years
  (3,120 hours) in one eligible trade within 5 years; CLB/NCLC 5 listening and
  speaking, 4 reading and writing; a job offer or a Canadian certificate of
  qualification; proof of funds.

Proof of funds (:mod:`crs.programs.funds`) is checked only when the profile
gives ``settlement_funds``; the verdict says so otherwise.

Within :func:`shared`'s block (``crs.eligible`` uses it), each program runs
once per profile and date, however many draw categories ask for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from crs._dates import as_date
from crs._reuse import in_call, shared, sharing
from crs.breakdown import Line
from crs.predicates import Predicate, Verdict, any_verdict
from crs.programs.cec import cec_predicate
from crs.programs.fst import fst_predicate
from crs.programs.fsw import FswGrid, fsw_grid, fsw_predicate
from crs.programs.thresholds import (
    CEC_ELIGIBILITY,
    CEC_RULES,
    FST_ELIGIBILITY,
    FST_RULES,
    FST_TRADES,
    FSW_ELIGIBILITY,
    FSW_GRID,
    FSW_RULES,
    FSW_SELECTION,
    FUNDS,
    FUNDS_RULES,
    SETTLEMENT_FUNDS,
    CecRules,
    FstRules,
    FswGridRules,
    FswRules,
    FundsRules,
    FundsTable,
    funds_required,
)
from crs.tables import Source

if TYPE_CHECKING:
    from crs.profile import Profile

__all__ = [
    "CEC",
    "CEC_ELIGIBILITY",
    "CEC_RULES",
    "FST",
    "FST_ELIGIBILITY",
    "FST_RULES",
    "FST_TRADES",
    "FSW",
    "FSW_ELIGIBILITY",
    "FSW_GRID",
    "FSW_RULES",
    "FSW_SELECTION",
    "FUNDS",
    "FUNDS_RULES",
    "PROGRAMS",
    "SETTLEMENT_FUNDS",
    "AnyProgram",
    "CecRules",
    "FstRules",
    "FswGrid",
    "FswGridRules",
    "FswRules",
    "FundsRules",
    "FundsTable",
    "GridLine",
    "Program",
    "any_program",
    "fsw_grid",
    "funds_required",
    "program",
    "shared",
    "sharing",
]

GridLine = Line
"""A factor of the FSW grid: now a :class:`crs.breakdown.Line` (kept as an alias)."""


@attrs.frozen
class Program:
    """An Express Entry program.

    Attributes:
        slug: ``fsw``, ``cec`` or ``fst``.
        name: Its official name.
        predicate: The eligibility test.
        source: Where its rules come from.
    """

    slug: str
    name: str
    predicate: Predicate
    source: Source

    def __call__(self, profile: Profile, on: dt.date | str | None) -> Verdict:
        """The program's verdict for ``profile`` on ``on`` (once per block of :func:`sharing`).

        ``on`` is a date or ``YYYY-MM-DD`` (None: today), as everywhere.
        """
        if type(on) is not dt.date:
            on = as_date(on)
        return shared(self.predicate, profile, on)


FSW = Program("fsw", "Federal Skilled Worker Program", fsw_predicate(), FSW_ELIGIBILITY)
"""The Federal Skilled Worker Program."""
CEC = Program("cec", "Canadian Experience Class", cec_predicate(), CEC_ELIGIBILITY)
"""The Canadian Experience Class."""
FST = Program("fst", "Federal Skilled Trades Program", fst_predicate(), FST_ELIGIBILITY)
"""The Federal Skilled Trades Program."""

PROGRAMS: Mapping[str, Program] = {p.slug: p for p in (FSW, CEC, FST)}
"""The programs by slug, in the order fsw, cec, fst."""


def program(slug: str) -> Program:
    """The program with ``slug`` (``fsw``, ``cec`` or ``fst``).

    Raises:
        UnknownNameError: For another slug (it is also a ``KeyError``).
    """
    try:
        return PROGRAMS[slug]
    except KeyError:
        from crs.errors import UnknownNameError

        raise UnknownNameError.of("program", slug, PROGRAMS) from None


@attrs.frozen
class AnyProgram(Predicate):
    """A leaf: eligible for at least one of the registered programs.

    Attributes:
        slugs: The programs, by slug in :data:`PROGRAMS`.
    """

    slugs: tuple[str, ...] = attrs.field(kw_only=True)

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """Eligible when one program is; else one reason naming them all.

        Once per profile and date inside :func:`sharing`: every draw category asks it.
        """
        return in_call(AnyProgram, profile, (on, self), lambda: self._verdict(profile, on))

    def _verdict(self, profile: Profile, on: dt.date) -> Verdict:
        programs = [PROGRAMS[slug] for slug in self.slugs]
        verdicts = {p.slug: p(profile, on) for p in programs}
        names = [p.predicate.label for p in programs]
        return any_verdict(self.key, self.label, verdicts, names)


def any_program() -> Predicate:
    """A leaf: eligible for at least one of FSW, CEC and FST."""
    return AnyProgram("programs.any", "eligible for FSW, CEC or FST", slugs=tuple(PROGRAMS))
