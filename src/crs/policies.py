"""IRCC public policies that change how work counts, as dated data.

A temporary public policy exempts some candidates from a rule of the
Regulations or the Ministerial Instructions.  Each :class:`PublicPolicy` says
which NOC codes it covers, which programs and CRS factors, from when, and its
source; :func:`as_covered` applies the ones in force to a job, so every path
that counts work (:func:`crs.experience.work_years`, the CEC and FSW work
conditions) reads the same data.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from crs.tables import Source

if TYPE_CHECKING:
    from crs.profile import Job

__all__ = ["PHYSICIANS", "POLICIES", "PublicPolicy", "as_covered", "covering"]


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


def as_covered(job: Job, on: dt.date, program: str) -> Job:
    """``job`` as ``program`` counts it on ``on``: not self-employed where a policy says so."""
    if job.self_employed and covering(job, on, program) is not None:
        return attrs.evolve(job, self_employed=False)
    return job
