"""Proof of settlement funds (FSW and FST): a leaf checked against IRCC's tables by date.

Funds are checked only when the profile gives ``settlement_funds``; the verdict
says so otherwise.  A candidate authorized to work in Canada with a valid job
offer needs no funds; the profile has no "authorized to work" key, so a job in
Canada ongoing on the date stands for it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from crs._reuse import active, reused
from crs._spans import NEVER, next_date
from crs.predicates import Predicate, Verdict
from crs.programs.thresholds import FUNDS_RULES, FundsRules

if TYPE_CHECKING:
    from crs.profile import Profile

__all__ = ["FundsCheck", "authorized_with_offer", "family_size"]


def authorized_with_offer(profile: Profile, on: dt.date) -> bool:
    """Whether ``profile`` has a job offer and a job in Canada ongoing on ``on``."""
    if profile.arranged_employment is None:
        return False
    return any(
        job.in_canada and job.start < on and (job.end is None or job.end >= on)
        for job in profile.work_history
    )


def family_size(profile: Profile, rules: FundsRules = FUNDS_RULES) -> int:
    """The family members counted: ``family_members``, else the candidate and any spouse."""
    if profile.family_members:
        return profile.family_members
    return rules.with_spouse if profile.spouse is not None else rules.single


@attrs.frozen
class FundsCheck(Predicate):
    """A leaf: settlement funds of at least IRCC's amount for the family on the date.

    Attributes:
        rules: The family sizes and the funds tables.
    """

    rules: FundsRules = attrs.field(default=FUNDS_RULES, kw_only=True)

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """Eligible with enough funds, or when funds are not needed or cannot be checked."""
        if not active():
            return self.check(profile, on)
        return reused(self, profile, on, lambda: self.date_key(profile, on), self.check)

    def until(self, profile: Profile, on: dt.date) -> dt.date:
        """The first date after ``on`` on which a table starts or the offer's exemption may end.

        Without a table the verdict passes with a note that names the date (a
        note, not a reason): the same until the first table starts.
        """
        rules = self.rules
        bound = next_date(sorted(t.start for t in rules.tables), on)
        if profile.arranged_employment is not None:
            # authorized_with_offer changes the day after a job in Canada starts or ends.
            for job in profile.work_history:
                if job.in_canada:
                    for day in (job.start, job.end):
                        if day is not None and on <= day < NEVER:
                            bound = min(bound, day + dt.timedelta(days=1))
        return bound

    def date_key(self, profile: Profile, on: dt.date) -> tuple[object, ...]:
        """What the verdict reads of the date: the table in force, and the job offer's exemption.

        Without a table the message names the date, so the date is the key.
        """
        table = self.rules.table(on)
        if table is None:
            return (on,)
        return (id(table), authorized_with_offer(profile, on))

    def check(self, profile: Profile, on: dt.date) -> Verdict:
        """The verdict on ``on`` itself."""
        key, label = self.key, self.label
        family = family_size(profile, self.rules)
        table = self.rules.table(on)
        facts: dict[str, object] = {
            "family_members": family,
            "settlement_funds": profile.settlement_funds,
        }
        if table is not None:
            facts["required"] = table.required(family)
            facts["table_from"] = table.start
        if authorized_with_offer(profile, on):
            note = "proof of funds not needed: a job offer and work in Canada on the date"
            return Verdict.passed(key, label, facts, [note])
        if table is None:
            facts["checked"] = False
            first = self.rules.tables[0].start if self.rules.tables else None
            since = f" (tables are bundled from {first})" if first else ""
            note = (
                f"proof of funds not checked: no sourced IRCC table for {on}{since}; the "
                "requirement is counted as met, so check the funds against IRCC's table of the day"
            )
            return Verdict.passed(key, label, facts, [note])
        required = table.required(family)
        if profile.settlement_funds is None:
            note = (
                f"proof of funds not checked: no settlement_funds given "
                f"(${required:,} needed for a family of {family} from {table.start})"
            )
            return Verdict.passed(key, label, facts, [note])
        if profile.settlement_funds >= required:
            return Verdict.passed(key, label, facts)
        message = (
            f"settlement funds ${profile.settlement_funds:,} are below the "
            f"${required:,} needed for a family of {family} (IRCC table from {table.start})"
        )
        return Verdict.failed(key, label, message, facts)
