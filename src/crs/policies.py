"""IRCC public policies that change how work counts, as dated data.

A temporary public policy exempts some candidates from a rule of the
Regulations or the Ministerial Instructions.  Each :class:`PublicPolicy` says
which NOC codes it covers, which programs and CRS factors, from when, and its
source; :func:`as_covered` applies the ones in force to a job, so every path
that counts work (:func:`crs.experience.work_years`, the CEC and FSW work
conditions) reads the same data.  It also reads a job as IRCC read it on the
date: before the NOC 2021 switch (2022-11-16), by its NOC 2016 skill
(:data:`crs.occupations.NOC_2021_SWITCH`).
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_right
from typing import TYPE_CHECKING

import attrs

from crs._spans import next_date
from crs.occupations import NOC_2021_SWITCH
from crs.profile import Job
from crs.tables import Source

if TYPE_CHECKING:
    pass

__all__ = [
    "PHYSICIANS",
    "POLICIES",
    "PublicPolicy",
    "ReadByNoc2016",
    "as_covered",
    "covering",
    "next_reading_day",
    "reading_days",
    "reading_span",
    "switch_changes",
    "switch_notes",
]


@attrs.frozen
class PublicPolicy:
    """A public policy that counts self-employed work in Canada in some occupations.

    Attributes:
        key: A stable name.
        title: The policy's title.
        start: The first day it is in force.
        end: The day it stops (None: until revoked).
        nocs: The NOC 2021 codes of the occupations it covers.
        programs: Where the work counts: ``"crs"`` (the CRS Canadian work
            factors), ``"cec"``, ``"fsw"``.
        source: Where it comes from.
        reading: How ``crs`` applies it where the official text is silent.
    """

    key: str
    title: str
    start: dt.date
    end: dt.date | None
    nocs: frozenset[str]
    programs: frozenset[str]
    source: Source
    reading: str

    def covers(self, job: Job, on: dt.date, program: str) -> bool:
        """Whether ``job`` (self-employed, in Canada) counts for ``program`` on ``on``."""
        return (
            job.self_employed
            and job.in_canada
            and program in self.programs
            and job.noc in self.nocs
            and self.start <= on
            and (self.end is None or on < self.end)
        )


PHYSICIANS = PublicPolicy(
    "physicians",
    "Temporary public policy to facilitate the issuance of permanent resident visas for "
    "physicians providing publicly-funded medical services in Canada",
    dt.date(2023, 4, 25),
    None,
    frozenset({"31100", "31101", "31102"}),
    frozenset({"crs", "cec", "fsw"}),
    Source(
        "IRCC temporary public policy for physicians providing publicly-funded medical "
        "services (in effect 2023-04-25, until revoked), with amended Ministerial Instructions",
        "https://youvicimmigration.com/2023/05/08/temporary-public-policy-to-facilitate-the-"
        "issuance-of-permanent-resident-visas-for-physicians-providing-publicly-funded-"
        "medical-services-in-canada",
        confidence="medium",
        note="copy of the policy; crs-rules D5. The exact CRS mechanics are not published.",
    ),
    "Self-employed (fee-for-service or contract) work in Canada as a physician (NOC "
    "31100, 31101, 31102) counts as Canadian work experience for the CRS and the CEC, and "
    "as skilled work for the FSW, on any date from 2023-04-25, whatever the dates of the "
    "work. Publicly funded services are assumed: the profile does not say how the work was "
    "paid.",
)
"""The physicians' public policy (2023-04-25)."""

POLICIES: tuple[PublicPolicy, ...] = (PHYSICIANS,)
"""Every public policy modelled."""


def covering(job: Job, on: dt.date, program: str) -> PublicPolicy | None:
    """The policy in force on ``on`` under which ``job`` counts for ``program``, or None."""
    for policy in POLICIES:
        if policy.covers(job, on, program):
            return policy
    return None


def as_covered(job: Job, on: dt.date, program: str | None) -> Job:
    """``job`` as ``program`` counts it on ``on`` (None: any program).

    Not self-employed where a policy in force says so; and before the NOC 2021
    switch, read by its NOC 2016 skill (:class:`ReadByNoc2016`).
    """
    if program is not None and job.self_employed and covering(job, on, program) is not None:
        job = attrs.evolve(job, self_employed=False)
    if on < NOC_2021_SWITCH.day and NOC_2021_SWITCH.changed(job.noc):
        return ReadByNoc2016(**{f.name: getattr(job, f.name) for f in attrs.fields(Job)})
    return job


@attrs.frozen
class ReadByNoc2016(Job):
    """A job read on a date before the NOC 2021 switch: its TEER is its NOC 2016 skill's.

    Made by :func:`as_covered` for the codes whose skill changed with NOC 2021
    (:meth:`crs.occupations.NocSwitch.teer_before`); every test of a job's TEER
    (skilled work, the CEC's language level) then reads it as IRCC did.
    """

    def __attrs_post_init__(self) -> None:
        """Nothing to check: it is made from a checked job."""

    @property
    def teer(self) -> int:
        """The TEER of the job's NOC 2016 skill (C: 4, not skilled; B: 3, skilled)."""
        return NOC_2021_SWITCH.teer_before(self.noc)


def switch_changes(history: tuple[Job, ...], on: dt.date) -> bool:
    """Whether ``history`` has a job read differently on ``on`` (before the NOC 2021 switch)."""
    return on < NOC_2021_SWITCH.day and any(NOC_2021_SWITCH.changed(j.noc) for j in history)


@functools.cache
def reading_days() -> tuple[dt.date, ...]:
    """Every day on which :func:`as_covered` may start to read a job differently, sorted.

    A public policy starting or ending, and the NOC 2021 switch: between two of
    them it changes no job differently.  Read once.
    """
    days = {p.start for p in POLICIES} | {p.end for p in POLICIES if p.end is not None}
    return tuple(sorted(days | {NOC_2021_SWITCH.day}))


def reading_span(on: dt.date) -> int:
    """The span of :func:`reading_days` that ``on`` is in.

    On two dates of the same span :func:`as_covered` reads every job alike.
    """
    return bisect_right(reading_days(), on)


def next_reading_day(on: dt.date) -> dt.date:
    """The first of :func:`reading_days` after ``on`` (:data:`crs._spans.NEVER`: none)."""
    return next_date(reading_days(), on)


def switch_notes(
    history: tuple[Job, ...], on: dt.date, years: int | None = None
) -> tuple[str, ...]:
    """:func:`crs.occupations.noc_2016_notes` of the jobs of ``history`` that may count on ``on``.

    Those begun by ``on`` and not ended before the ``years`` years before it (by
    default the longest window a program reads: :data:`crs.programs.thresholds`).
    """
    from crs.language import add_years
    from crs.occupations import noc_2016_notes

    if years is None:
        from crs.programs.thresholds import CEC_RULES, FST_RULES, FSW_GRID, FSW_RULES

        years = max(
            FSW_RULES.window_years,
            CEC_RULES.window_years,
            FST_RULES.window_years,
            FSW_GRID.experience_window_years,
        )
    first = add_years(on, -years)
    return noc_2016_notes(
        (j.noc for j in history if j.start <= on and (j.end is None or j.end >= first)), on
    )
